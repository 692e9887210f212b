r"""Every problem of a plan and its data at once.

:func:`evaluate` stops at the first problem, as a function should. A clerk
checking a plan file and a data file wants the whole list: :func:`validate`
reads them, collecting every problem it finds -- every wrong key and value of
the plan file, every wrong row of the data file, every observation that cannot
be right for its indicator, every row for an indicator or org unit the plan
does not have -- each a located :class:`~thidua.errors.ThiduaError` with its
code and its message in both languages.

>>> import thidua
>>> plan = thidua.examples.hoa_thuan_2024()
>>> data = thidua.loads_data("indicator,period,value\nkt07,2024,42 hộ\nKT07,2024,-3 hộ\n")
>>> for problem in validate(plan, data):
...     print(problem.line, problem.code)
2 data.unknown_indicator
3 data.negative_count

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from typing import Any

import attrs

from thidua._text import fold
from thidua.data import Dataset, Observation, _load_data_collecting
from thidua.errors import DataError, ThiduaError, wrong_type
from thidua.evaluation import evaluate
from thidua.periods import Period, parse_period
from thidua.plans import Plan

__all__ = ["MAX_PROBLEMS", "validate"]

#: How many problems :func:`validate` lists at most (a file with a million bad
#: rows is not read to the end); the command line shows fewer by default.
MAX_PROBLEMS = 10_000


def validate(
    plan: Plan | str | os.PathLike[str],
    data: Dataset | str | os.PathLike[str] | None = None,
    period: Period | str | int | None = None,
) -> list[ThiduaError]:
    """Every problem of a plan (and its data, for a period), each a located error.

    Args:
        plan: A :class:`~thidua.plans.Plan`, or the path of a plan file (TOML),
            whose every problem is then listed.
        data: A :class:`~thidua.data.Dataset`, or the path of a data file read with
            the plan's number format and units, whose every bad row is listed; then
            every observation is checked against its indicator by evaluating the
            plan for ``period``.
        period: The period to check the data for; the plan's year by default.

    Returns:
        The problems file by file (the plan's first) and line by line, as a
        clerk fixes them; problems without a line keep the order they were
        found in, after the others of their file. An empty list when there are
        none; at most :data:`MAX_PROBLEMS`.

    Raises:
        ArgumentTypeError: ``plan`` or ``data`` is of another type.

    .. versionadded:: 0.2.0
    """
    problems = _Problems()
    loaded = problems.plan(plan)
    if loaded is None or data is None:
        if loaded is not None and period is not None:
            problems.period(loaded, period)
        return problems.in_order()
    dataset = problems.data(data, loaded)
    chosen = problems.period(loaded, period)
    if chosen is not None:
        problems.evaluation(loaded, dataset, chosen)
    problems.strangers(loaded, dataset)
    return problems.in_order()


@attrs.define
class _Problems:
    """The problems found so far (no more than MAX_PROBLEMS, none twice)."""

    found: list[ThiduaError] = attrs.field(factory=list)
    _seen: set[tuple[str, str]] = attrs.field(factory=set)

    def add(self, problem: ThiduaError) -> None:
        key = (problem.code, problem.message("en"))
        if key not in self._seen and len(self.found) < MAX_PROBLEMS:
            self._seen.add(key)
            self.found.append(problem)

    def in_order(self) -> list[ThiduaError]:
        """The problems by file (in the order the files first appear), then by line."""
        files: dict[str | None, int] = {}
        for problem in self.found:
            files.setdefault(problem.file, len(files))
        return sorted(
            self.found,
            key=lambda p: (files[p.file], p.line is None, p.line or 0, p.column or 0),
        )

    def plan(self, plan: object) -> Plan | None:
        if isinstance(plan, Plan):
            return plan
        if not isinstance(plan, str | os.PathLike):
            raise wrong_type(
                name="plan",
                value=plan,
                expected="a Plan or the path of a plan file",
                expected_vi="một Plan hoặc đường dẫn tệp kế hoạch",
            )
        from thidua._files import read_text  # noqa: PLC0415  (the plan file reader)
        from thidua._planfile import collect_plan  # noqa: PLC0415  (cattrs only for files)
        from thidua.errors import PlanError  # noqa: PLC0415
        from thidua.plans import MAX_PLAN_BYTES  # noqa: PLC0415

        try:
            name, text = read_text(
                plan, what="plan file", max_bytes=MAX_PLAN_BYTES, error=PlanError
            )
        except ThiduaError as exc:
            self.add(exc)
            return None
        loaded, problems = collect_plan(text, file=name)
        for problem in problems:
            self.add(problem)
        return loaded

    def data(self, data: object, plan: Plan) -> Dataset:
        if isinstance(data, Dataset):
            return data
        if not isinstance(data, str | os.PathLike):
            raise wrong_type(
                name="data",
                value=data,
                expected="a Dataset or the path of a data file",
                expected_vi="một Dataset hoặc đường dẫn tệp số liệu",
            )
        dataset, problems = _load_data_collecting(data, plan=plan)
        for problem in problems:
            self.add(problem)
        return dataset

    def period(self, plan: Plan, period: Period | str | int | None) -> Period | None:
        try:
            return parse_period(plan.year if period is None else period)
        except ThiduaError as exc:
            self.add(exc)
            return None

    def evaluation(self, plan: Plan, data: Dataset, period: Period) -> None:
        """Evaluate each top-level indicator on its own, so that one problem hides no other.

        Each is given only its own observations (an indicator's rule reads no
        other's), so the whole costs about one evaluation.
        """
        try:
            evaluate(plan, data, period)
        except ThiduaError:
            pass  # at least one problem: find each
        else:
            return
        by_indicator: dict[str, list[Observation]] = {}
        for obs in data:
            by_indicator.setdefault(obs.indicator, []).append(obs)
        for plan_of_one, ids in _one_by_one(plan):
            own = Dataset(o for i in ids for o in by_indicator.get(i, ()))
            try:
                evaluate(plan_of_one, own, period)
            except ThiduaError as exc:
                self.add(exc)

    def strangers(self, plan: Plan, data: Dataset) -> None:
        """Rows for an indicator or an org unit the plan does not have (often a typo)."""
        ids = [i.id for i in plan.indicators()]
        known = set(ids)
        org_units = {fold(u.id) for u in plan.org_units} | {fold(u.name) for u in plan.org_units}
        indicators, units = _Guesser(ids), _Guesser([u.id for u in plan.org_units])
        for obs in data:
            if len(self.found) >= MAX_PROBLEMS:
                return
            if obs.indicator not in known:
                self.add(_unknown("indicator", obs.indicator, indicators, obs.where()))
            elif (
                obs.org_unit is not None
                and obs.org_unit not in org_units
                and fold(obs.org_unit) not in org_units
            ):
                self.add(_unknown("org_unit", obs.org_unit, units, obs.where()))


def _one_by_one(plan: Plan) -> Iterator[tuple[Plan, list[str]]]:
    """The plan with one top-level indicator at a time (responsibilities left out), and its ids."""
    for group in plan.groups:
        for top in group.indicators:
            one = attrs.evolve(
                plan, groups=(attrs.evolve(group, indicators=(top,)),), responsibilities=()
            )
            yield one, [i.id for i in top.walk()]


@attrs.define
class _Guesser:
    """The known id an unknown one was meant to be, within a bounded amount of work.

    A case-insensitive match is always found; a close spelling (difflib) is looked
    for while the comparisons made stay under a budget, so that a file of many
    unknown ids is still read in linear time. Each distinct id is guessed once.
    """

    known: list[str]
    _by_fold: dict[str, str] = attrs.field(init=False)
    _guesses: dict[str, str | None] = attrs.field(init=False, factory=dict)
    _budget: int = attrs.field(init=False, default=200_000)

    def __attrs_post_init__(self) -> None:
        self._by_fold = {fold(k): k for k in self.known}

    def __call__(self, given: str) -> str | None:
        if given in self._guesses:
            return self._guesses[given]
        guess = self._by_fold.get(fold(given))
        if guess is None and self._budget >= len(self.known):
            self._budget -= len(self.known)
            guess = next(iter(difflib.get_close_matches(given, self.known, n=1, cutoff=0.75)), None)
        self._guesses[given] = guess
        return guess


def _unknown(what: str, given: str, guesser: _Guesser, where: dict[str, Any]) -> DataError:
    guess = guesser(given)
    known = guesser.known
    en, vi = {
        "indicator": ("indicator", "chỉ tiêu"),
        "org_unit": ("org unit", "khóm/ấp"),
    }[what]
    if guess is not None:
        hint, hint_vi = f"did you mean {guess!r}?", f"có phải là {guess!r} không?"
    else:
        listed = ", ".join(known[:20]) + (", …" if len(known) > 20 else "")
        hint = f"the plan's {en}s: {listed}" if known else f"the plan has no {en}s"
        hint_vi = f"các {vi} của kế hoạch: {listed}" if known else f"kế hoạch chưa có {vi} nào"
    msg = f"the plan has no {en} {given!r}; the row is not used"
    vi_msg = f"kế hoạch không có {vi} {given!r}; dòng này không được dùng"
    if what == "indicator":
        return DataError(
            msg, code="data.unknown_indicator", vi=vi_msg, hint=hint, hint_vi=hint_vi, **where
        )
    return DataError(
        msg, code="data.unknown_org_unit", vi=vi_msg, hint=hint, hint_vi=hint_vi, **where
    )
