"""Scoring (chấm điểm thi đua): points for results, as a scheme a plan or cluster declares.

There is no national formula; each cluster or province sets its own scale
(DOMAIN.md, "Scoring practice"). A :class:`Scheme` is therefore data: points per
indicator (or criterion), the credit policy of each — all-or-nothing,
proportional to attainment with a cap, or banded ("từ 95 % trở lên: 2,5 điểm;
dưới 95 %: 0") — bonus and deduction points with their caps, and what happens
to the points of an indicator that does not apply (spread evenly over the
others, or the total rescaled to the maximum). :func:`score` applies a scheme
to an evaluation; every point of the :class:`Score` can be traced to the
indicator, rule and policy that gave it.

>>> import thidua
>>> scheme = loads_scheme('''
... id = "demo"
... name = "Thang điểm minh họa"
... maximum = 10
... [[items]]
... indicator = "KT07"
... points = 5
... [[items]]
... indicator = "KT03"
... points = 5
... credit = "proportional"
... ''')
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> result = score(ev, scheme)
>>> result.total
Fraction(1943, 195)
>>> [str(line.reason) for line in result.lines]
['đạt: 5 điểm', '5 × ≈99,2821% mức đạt = ≈4,9641 điểm']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua._files import build, read_text, read_toml
from thidua.errors import PlanError, ThiduaError
from thidua.evaluation import Evaluation, Explanation, Status, check
from thidua.numbers import format_number, to_fraction
from thidua.rules import Rule, parse_rule

__all__ = [
    "Adjustment",
    "Band",
    "Credit",
    "NotApplicable",
    "Scheme",
    "Score",
    "ScoreItem",
    "ScoreLine",
    "load_scheme",
    "loads_scheme",
    "score",
]


class Credit(enum.Enum):
    """How an indicator's points are earned.

    .. versionadded:: 0.1.0
    """

    #: Full points when achieved, none otherwise.
    ALL_OR_NOTHING = "all_or_nothing"
    #: Points × attainment (actual / target), capped (Hải Phòng 212/2025).
    PROPORTIONAL = "proportional"
    #: The points of the first band whose rule the actual value meets.
    BANDED = "banded"


class NotApplicable(enum.Enum):
    """What happens to the points of an indicator that does not apply.

    .. versionadded:: 0.1.0
    """

    #: Spread them evenly over the indicators that do apply.
    SPREAD = "spread"
    #: Score the applicable indicators, then rescale the total to the maximum.
    RESCALE = "rescale"


def _points(value: object) -> Fraction:
    number = to_fraction(value, what="points")
    if number < 0:
        msg = f"points={value!r} must not be negative"
        raise PlanError(msg, hint="deductions are declared as adjustments")
    return number


def _optional_points(value: object) -> Fraction | None:
    return None if value is None else _points(value)


def _rule(value: object) -> Rule:
    return parse_rule(value)  # type: ignore[arg-type]


@attrs.frozen
class Band:
    """One band of banded credit: the points when the actual value meets ``rule``.

    .. versionadded:: 0.1.0
    """

    #: The rule the actual value must meet, e.g. ``>= 95 %`` (or "từ 95% trở lên").
    rule: Rule = attrs.field(converter=_rule)
    #: The points of the band.
    points: Fraction = attrs.field(converter=_points)


def _bands(value: object) -> tuple[Band, ...]:
    if not isinstance(value, list | tuple):
        msg = f"bands must be a list, not {value!r}"
        raise PlanError(msg)
    return tuple(b if isinstance(b, Band) else Band(**b) for b in value)


@attrs.frozen
class ScoreItem:
    """The points of one indicator (or criterion) and how they are earned.

    .. versionadded:: 0.1.0
    """

    #: Indicator or criterion id.
    indicator: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: Its points on the scheme's scale.
    points: Fraction = attrs.field(converter=_points)
    #: How they are earned.
    credit: Credit = attrs.field(default=Credit.ALL_OR_NOTHING, converter=Credit)
    #: For proportional credit, the largest attainment credited (1 = 100 %).
    cap: Fraction = attrs.field(default=Fraction(1), converter=_points)
    #: For banded credit, the bands, best first.
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_bands)

    def __attrs_post_init__(self) -> None:
        if self.credit is Credit.BANDED and not self.bands:
            msg = f"banded credit for {self.indicator} needs bands"
            raise PlanError(
                msg,
                indicator=self.indicator,
                hint='add [[items.bands]] rule = ">= 95 %" points = 2.5',
            )
        if self.credit is not Credit.BANDED and self.bands:
            msg = f"bands are only for banded credit (credit = {self.credit.value!r})"
            raise PlanError(msg, indicator=self.indicator)
        if not 0 < self.cap <= 1:
            msg = f"cap={_show(self.cap)} must lie above 0 and at most 1 (100 % attainment)"
            raise PlanError(
                msg,
                indicator=self.indicator,
                hint="points above the item's are bonus points: declare them as adjustments",
            )
        for band in self.bands:
            if band.points > self.points:
                msg = f"a band gives {band.points} points, more than the item's {self.points}"
                raise PlanError(msg, indicator=self.indicator)


@attrs.frozen
class Adjustment:
    """A bonus (điểm thưởng) or deduction (điểm trừ), in points per occurrence.

    .. versionadded:: 0.1.0
    """

    #: Its id, used to count occurrences when scoring.
    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: What it is for.
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: Points per occurrence (positive).
    points: Fraction = attrs.field(converter=_points)
    #: Whether it is a deduction (else a bonus).
    deduction: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))


def _items(value: object) -> tuple[ScoreItem, ...]:
    return tuple(i if isinstance(i, ScoreItem) else ScoreItem(**i) for i in value)  # type: ignore[attr-defined]


def _adjustments(value: object) -> tuple[Adjustment, ...]:
    return tuple(a if isinstance(a, Adjustment) else Adjustment(**a) for a in value)  # type: ignore[attr-defined]


@attrs.frozen
class Scheme:
    """A scoring scheme: the scale, the points of each indicator, bonuses and deductions.

    .. versionadded:: 0.1.0
    """

    #: Its id.
    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: Its name.
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: The scale (e.g. 100 or 1000 points).
    maximum: Fraction = attrs.field(converter=_points)
    #: The scored indicators.
    items: tuple[ScoreItem, ...] = attrs.field(default=(), converter=_items)
    #: Bonuses and deductions.
    adjustments: tuple[Adjustment, ...] = attrs.field(default=(), converter=_adjustments)
    #: The most bonus points counted (None: no cap).
    bonus_cap: Fraction | None = attrs.field(default=None, converter=_optional_points)
    #: The most deduction points counted (None: no cap).
    deduction_cap: Fraction | None = attrs.field(default=None, converter=_optional_points)
    #: What happens to the points of indicators that do not apply.
    not_applicable: NotApplicable = attrs.field(
        default=NotApplicable.SPREAD, converter=NotApplicable
    )

    def __attrs_post_init__(self) -> None:
        ids = [i.indicator for i in self.items]
        duplicate = next((i for i in ids if ids.count(i) > 1), None)
        if duplicate is not None:
            msg = f"indicator {duplicate!r} is scored twice"
            raise PlanError(msg, indicator=duplicate)
        total = sum((i.points for i in self.items), Fraction(0))
        if total != self.maximum:
            msg = (
                f"the items' points add up to {_show(total)}, not the maximum {_show(self.maximum)}"
            )
            raise PlanError(msg, hint="make the points add up to the scale")
        adjustment_ids = [a.id for a in self.adjustments]
        if len(set(adjustment_ids)) != len(adjustment_ids):
            msg = "an adjustment id is used twice"
            raise PlanError(msg)


def _show(value: Fraction) -> str:
    return format_number(value, locale="en", max_decimals=4)


@attrs.frozen
class ScoreLine:
    """The points one indicator earned, and why.

    .. versionadded:: 0.1.0
    """

    #: Indicator id.
    indicator: str
    #: Indicator name.
    name: str
    #: Its status.
    status: Status
    #: The rule it was judged by (canonical text), if any.
    rule: str | None
    #: The credit policy applied.
    credit: Credit
    #: The points it could earn (after spreading not-applicable points).
    possible: Fraction
    #: The points it earned.
    awarded: Fraction
    #: Why, in Vietnamese and English.
    reason: Explanation
    #: Whether the indicator was exceeded (achieved with a positive margin).
    exceeded: bool = False


@attrs.frozen
class Score:
    """A scheme applied to an evaluation: the total and its breakdown.

    .. versionadded:: 0.1.0
    """

    #: The scheme's id.
    scheme: str
    #: One line per scored indicator, in the scheme's order.
    lines: tuple[ScoreLine, ...]
    #: The scheme's maximum.
    maximum: Fraction
    #: Points from the indicators (rescaled if the scheme says so).
    earned: Fraction
    #: Bonus points counted (after the cap).
    bonus: Fraction
    #: Deduction points counted (after the cap).
    deduction: Fraction

    @property
    def total(self) -> Fraction:
        """Earned points plus bonus minus deduction."""
        return self.earned + self.bonus - self.deduction

    def line(self, indicator: str) -> ScoreLine:
        """The line of one indicator."""
        for line in self.lines:
            if line.indicator == indicator:
                return line
        msg = f"indicator {indicator!r} is not scored by scheme {self.scheme!r}"
        raise ThiduaError(msg, indicator=indicator)


def _credit(item: ScoreItem, result: Any, possible: Fraction) -> tuple[Fraction, tuple[str, str]]:
    status = result.status
    if status is Status.NO_DATA:
        return Fraction(0), ("chưa có số liệu: 0 điểm", "no data: 0 points")
    if item.credit is Credit.ALL_OR_NOTHING or (
        item.credit is Credit.PROPORTIONAL and result.attainment is None
    ):
        if status is Status.ACHIEVED:
            return possible, (f"đạt: {_vi(possible)} điểm", f"achieved: {_show(possible)} points")
        return Fraction(0), ("không đạt: 0 điểm", "not achieved: 0 points")
    if item.credit is Credit.PROPORTIONAL:
        share = min(result.attainment, item.cap)
        awarded = possible * share
        return awarded, (
            f"{_vi(possible)} × {_vi(share * 100)}% mức đạt = {_vi(awarded)} điểm",
            f"{_show(possible)} × {_show(share * 100)}% attainment = {_show(awarded)} points",
        )
    scale = possible / item.points if item.points else Fraction(0)
    for band in item.bands:
        value = result.actual
        if value is None:
            break
        if check(band.rule, value, unit=getattr(value, "unit", None)) is Status.ACHIEVED:
            awarded = band.points * scale
            return awarded, (
                f"{band.rule}: {_vi(awarded)} điểm",
                f"{band.rule}: {_show(awarded)} points",
            )
    return Fraction(0), ("không vào khung điểm nào: 0 điểm", "in no band: 0 points")


def _vi(value: Fraction) -> str:
    return format_number(value, locale="vi", max_decimals=4)


def score(
    evaluation: Evaluation, scheme: Scheme, *, events: Mapping[str, int] | None = None
) -> Score:
    """Score an evaluation with a scheme.

    Args:
        evaluation: The evaluation (of one unit, for one period).
        scheme: The scoring scheme.
        events: How many times each bonus or deduction happened, by adjustment id.

    Raises:
        ThiduaError: The scheme scores an indicator the evaluation does not have,
            or ``events`` names an unknown adjustment or a negative count.
    """
    occurrences = dict(events or {})
    known = {a.id: a for a in scheme.adjustments}
    for key, count in occurrences.items():
        if key not in known:
            msg = f"event {key!r} is not an adjustment of scheme {scheme.id!r}"
            raise ThiduaError(msg, hint=f"adjustments: {sorted(known)}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            msg = f"event {key!r} happened {count!r} times; give a whole number, 0 or more"
            raise ThiduaError(msg)
    results = []
    for item in scheme.items:
        result = evaluation.results.get(item.indicator)
        if result is None:
            msg = (
                f"scheme {scheme.id!r} scores indicator {item.indicator!r}, "
                "which the plan does not have"
            )
            raise ThiduaError(msg, indicator=item.indicator)
        results.append((item, result))
    applicable = [(i, r) for i, r in results if r.status is not Status.NOT_APPLICABLE]
    applicable_points = sum((i.points for i, _ in applicable), Fraction(0))
    left_out = scheme.maximum - applicable_points
    spread = (
        left_out / len(applicable)
        if scheme.not_applicable is NotApplicable.SPREAD and applicable
        else Fraction(0)
    )
    lines = []
    for item, result in results:
        if result.status is Status.NOT_APPLICABLE:
            how = (
                ("chia đều cho chỉ tiêu khác", "spread over the others")
                if scheme.not_applicable is NotApplicable.SPREAD
                else ("quy đổi lại thang điểm", "total rescaled")
            )
            reason = Explanation(f"không áp dụng: {how[0]}", f"not applicable: {how[1]}")
            lines.append(
                ScoreLine(
                    item.indicator,
                    result.name,
                    result.status,
                    _rule_text(result.rule),
                    item.credit,
                    Fraction(0),
                    Fraction(0),
                    reason,
                )
            )
            continue
        possible = item.points + spread
        awarded, (vi, en) = _credit(item, result, possible)
        lines.append(
            ScoreLine(
                item.indicator,
                result.name,
                result.status,
                _rule_text(result.rule),
                item.credit,
                possible,
                awarded,
                Explanation(vi, en),
                exceeded=result.exceeded,
            )
        )
    earned = sum((line.awarded for line in lines), Fraction(0))
    if scheme.not_applicable is NotApplicable.RESCALE and applicable_points not in (
        0,
        scheme.maximum,
    ):
        earned = earned * scheme.maximum / applicable_points
    bonus = sum(
        (known[k].points * n for k, n in occurrences.items() if not known[k].deduction), Fraction(0)
    )
    deduction = sum(
        (known[k].points * n for k, n in occurrences.items() if known[k].deduction), Fraction(0)
    )
    if scheme.bonus_cap is not None:
        bonus = min(bonus, scheme.bonus_cap)
    if scheme.deduction_cap is not None:
        deduction = min(deduction, scheme.deduction_cap)
    return Score(scheme.id, tuple(lines), scheme.maximum, earned, bonus, deduction)


def _rule_text(rule: Rule | None) -> str | None:
    return None if rule is None else str(rule)


def loads_scheme(text: str, *, file: str | None = None) -> Scheme:
    """Read a scoring scheme from TOML text (see :func:`load_scheme`).

    .. versionadded:: 0.1.0
    """
    name = file or "<scheme>"
    raw = read_toml(text, file=name, keys=(f.name for f in attrs.fields(Scheme)), what="scheme")
    return build(lambda: Scheme(**raw), file=name, what="scoring scheme")


def load_scheme(path: str | os.PathLike[str]) -> Scheme:
    """Read a scoring scheme from a TOML file.

    The file has ``id``, ``name``, ``maximum``, optional ``bonus_cap``,
    ``deduction_cap`` and ``not_applicable`` (``spread`` or ``rescale``), then
    ``[[items]]`` (``indicator``, ``points``, ``credit``, ``cap``, and for banded
    credit ``[[items.bands]]`` with ``rule`` and ``points``) and
    ``[[adjustments]]`` (``id``, ``name``, ``points``, ``deduction``).

    Raises:
        PlanError: The file cannot be read or describes an invalid scheme.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="scoring scheme", max_bytes=4 * 1024 * 1024, error=PlanError)
    return loads_scheme(text, file=name)
