"""Figures of merged units, composed once from their predecessors' figures.

A successor (a unit merged on 1 July 2025, see :class:`thidua.Lineage`) has, for
a period that starts before its date, the figure of its *parts*: its own figure
under its code (kept from the predecessor that hosts its committee: for a
period that straddles the date, the time since the date and whatever its host
recorded under that code before) and each predecessor's (times its share where
the predecessor was divided). Counts and amounts (``aggregation = "sum"``) are
summed; rates (``"rate"``) recomputed from the summed numerators and
denominators; a mean, a latest value or a yes/no cannot be composed.

The engine asks :func:`compose` from :meth:`~thidua.evaluation.engine.Run.find`,
so every figure of every path -- the actual, the previous and a base year's --
is composed here and nowhere else; the batch path gives members with a
lineage up to the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from thidua._text import fold
from thidua.data import Dataset, Kind
from thidua.errors import DataError
from thidua.evaluation.outcomes import Composition
from thidua.evaluation.rollup import Found
from thidua.lineage import Lineage, Link
from thidua.periods import Period
from thidua.plans import Aggregation, Indicator, OrgUnit
from thidua.rules import Flag
from thidua.units import Quantity, Ratio

if TYPE_CHECKING:
    from thidua.evaluation.engine import Run

__all__ = [
    "Part",
    "Succession",
    "check_after_merger",
    "compose",
    "note",
    "standing",
    "successions",
]


@attrs.frozen
class Part:
    """One predecessor of a successor: its id, its name and its share."""

    id: str
    name: str
    share: Fraction = Fraction(1)


@attrs.frozen
class Succession:
    """A successor's own name, its date and its predecessors."""

    name: str
    since: dt.date
    parts: tuple[Part, ...]


#: Succession of each unit of a run, by folded id; ``None``: the area itself.
Successions = Mapping["str | None", Succession]


def successions(
    lineage: Lineage,
    *,
    area: tuple[str, str] | None = None,
    org_units: Sequence[OrgUnit] = (),
    names: Mapping[str, str] | None = None,
) -> dict[str | None, Succession]:
    """The successions of one run: the area's (``area``: its id and name) under None.

    Every successor of ``lineage`` is there by its folded id (a predecessor may
    itself be a successor); ``org_units`` and ``names`` give names to ids.
    """
    known = {fold(i): name for i, name in lineage.names}
    known |= {fold(u.id): u.name for u in org_units}
    known |= {fold(k): v for k, v in (names or {}).items()}
    if area is not None:
        known[fold(area[0])] = area[1]
    by_successor: dict[str, list[Link]] = {}
    for link in lineage.links:
        by_successor.setdefault(fold(link.successor), []).append(link)
    todo = [fold(u.id) for u in org_units] + ([] if area is None else [fold(area[0])])
    reached: set[str] = set()
    out: dict[str | None, Succession] = {}
    while todo:  # the successors reachable from the area and its org units (chains too)
        successor = todo.pop()
        links = by_successor.get(successor)
        if not links or successor in reached:
            continue
        reached.add(successor)
        todo += [fold(link.predecessor) for link in links]
        parts = tuple(
            Part(
                link.predecessor,
                known.get(fold(link.predecessor), link.predecessor),
                Fraction(1) if link.share is None else link.share,
            )
            for link in links
        )
        out[fold(successor)] = Succession(
            known.get(fold(successor), successor), links[0].since, parts
        )
    if area is not None and fold(area[0]) in out:
        out[None] = out[fold(area[0])]
    return out


def standing(org_units: Sequence[OrgUnit], found: Successions) -> tuple[OrgUnit, ...]:
    """The org units of a run but those merged into another unit of the run.

    A predecessor's figures are its successor's (composed into them for every
    period before the merger) and its code is closed after it: it is never an
    org unit on its own, neither required nor counted twice.
    """
    absorbed = {fold(p.id) for key, s in found.items() if key is not None for p in s.parts}
    return tuple(u for u in org_units if fold(u.id) not in absorbed)


def check_after_merger(data: Dataset, found: Successions) -> None:
    """Refuse a predecessor with a figure for a period that starts on or after its merger.

    Raises:
        DataError: ``lineage.after_merger``, at the row of the figure.
    """
    closed: dict[str, tuple[dt.date, str]] = {}
    for key, succession in found.items():
        if key is None:
            continue
        for part in succession.parts:
            earlier = closed.get(fold(part.id))
            if earlier is None or succession.since < earlier[0]:
                closed[fold(part.id)] = (succession.since, succession.name)
    keys = {written: fold(written) for written in data.org_units if written is not None}
    if not any(k in closed for k in keys.values()):
        return
    for obs in data:
        if obs.org_unit is None:
            continue
        hit = closed.get(keys[obs.org_unit])
        if hit is not None and obs.period.start >= hit[0]:
            day, heir = hit[0], hit[1]
            msg = (
                f"{obs.org_unit} has a figure for {obs.period}, but it was merged into "
                f"{heir} on {day.isoformat()}"
            )
            raise DataError(
                msg,
                code="lineage.after_merger",
                vi=f"{obs.org_unit} có số liệu cho {obs.period.label('vi')}, nhưng đã sáp nhập "
                f"vào {heir} từ ngày {day:%d/%m/%Y}",
                hint="give the figures after the merger under the successor's code, "
                "or check the merger date",
                hint_vi="hãy ghi số liệu sau sáp nhập theo mã của đơn vị mới, "
                "hoặc kiểm tra lại ngày sáp nhập",
                **obs.where(),
            )


def _failed(
    period: Period,
    names: Sequence[str],
    reason: str,
    used: Iterable[Found],
    *,
    missing: Sequence[str] = (),
    culprit: str | None = None,
) -> Found:
    observations = tuple(o for f in used for o in f.observations)
    return Found(
        None,
        observations,
        complete=False,
        composition=Composition(
            "actual",
            period,
            tuple(names),
            missing=tuple(missing),
            reason=reason,
            culprit=culprit,
        ),
    )


def _whole(found: Found, outside: Callable[[Period], bool]) -> bool:
    """Whether ``found`` is complete but for gaps ``outside`` the part's own time."""
    if found.value is None:
        return False
    if found.complete:
        return True
    gaps = found.rollup.gaps if found.rollup is not None else ()
    return bool(gaps) and all(outside(gap) for gap in gaps)


def compose(
    run: Run,
    indicator: Indicator,
    period: Period,
    org_unit: OrgUnit | None,
    succession: Succession,
    *,
    as_of: dt.date | None,
) -> Found:
    """The figure of a successor for ``period`` (which starts before its date).

    The parts are the successor's own figure (needed when the period straddles
    the date; before it, the figure its host recorded under the kept code, if
    any) and each predecessor's; a part without a figure makes the whole
    unknown, and the composition names it.
    """
    straddles = period.end >= succession.since
    own = run._find(indicator, period, Kind.ACTUAL, org_unit, as_of=as_of)
    parts: list[tuple[str, Fraction, Found]] = []
    missing: list[str] = []
    since = succession.since
    if own.value is not None or straddles:
        if not _whole(own, lambda gap: gap.end < since):  # its own months from the date on
            missing.append(succession.name)
        parts.append((succession.name, Fraction(1), own))
    for part in succession.parts:
        found = run.find(indicator, period, Kind.ACTUAL, OrgUnit(part.id, part.name), as_of=as_of)
        if not _whole(found, lambda gap: gap.start >= since):  # its months before the date
            missing.append(part.name)
        parts.append((part.name, part.share, found))
    names = [name for name, _, _ in parts]
    shares = tuple(share for _, share, _ in parts)
    founds = [found for _, _, found in parts]
    how = indicator.aggregation
    if isinstance(indicator.rule, Flag) or how not in (Aggregation.SUM, Aggregation.RATE):
        return _failed(period, names, "not_comparable", founds)
    if missing:
        return _failed(period, names, "missing", founds, missing=missing)
    observations = tuple(o for f in founds for o in f.observations)
    if how is Aggregation.RATE:
        numerator = denominator = Fraction(0)
        for name, share, found in parts:
            if not isinstance(found.value, Ratio):
                return _failed(period, names, "rate_without_parts", founds, culprit=name)
            numerator += share * found.value.numerator
            denominator += share * found.value.denominator
        value: Ratio | Quantity = Ratio(numerator, denominator)
    else:
        unit = indicator.unit
        total = Fraction(0)
        for _, share, found in parts:
            figure = found.value.quantity if isinstance(found.value, Ratio) else found.value
            if not isinstance(figure, Quantity):
                return _failed(period, names, "not_comparable", founds)
            if unit is None:
                unit = figure.unit
            total += share * run.units.convert(figure, unit).magnitude
        value = Quantity(total, unit)
    return Found(
        value,
        observations,
        complete=True,
        composition=Composition(
            "actual", period, tuple(names), shares, rate=how is Aggregation.RATE
        ),
    )


def _listed(names: Sequence[str], language: str) -> str:
    both = " và " if language == "vi" else " and "
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + both + names[-1]


def _label(c: Composition, language: str) -> str:
    if c.role == "previous":
        return "cùng kỳ" if language == "vi" else "same period last year"
    if c.role == "base":
        return f"kỳ gốc {c.period.label('vi')}" if language == "vi" else f"base period {c.period}"
    return f"{c.period.label('vi')}" if language == "vi" else f"{c.period}"


def note(compositions: Sequence[Composition], language: str) -> str:
    """What the compositions say in an explanation (``"; cùng kỳ: tổng của A, B và C"``)."""
    out = []
    for c in compositions:
        label = _label(c, language)
        shares = c.shares or (Fraction(1),) * len(c.parts)
        of = " của " if language == "vi" else " of "
        named = [
            name if share == 1 else f"{share}{of}{name}"
            for name, share in zip(c.parts, shares, strict=True)
        ]
        listed = _listed(named, language)
        if c.reason is None and c.rate:
            said = (
                f"tỷ lệ tính lại từ tổng tử số và mẫu số của {listed}"
                if language == "vi"
                else f"the rate recomputed from the summed numerators and denominators of {listed}"
            )
        elif c.reason is None:
            said = f"tổng của {listed}" if language == "vi" else f"the sum of {listed}"
        elif c.reason == "missing":
            gone = _listed(list(c.missing), language)
            said = (
                f"thiếu số liệu của {gone}, không tính được tổng của {listed}"
                if language == "vi"
                else f"no figure for {gone}, so the sum of {listed} is not known"
            )
        elif c.reason == "rate_without_parts":
            said = (
                f"tỷ lệ của {c.culprit} không ghi tử số và mẫu số, không tổng hợp được"
                if language == "vi"
                else f"the rate of {c.culprit} has no numerator and denominator "
                "and cannot be composed"
            )
        else:
            said = (
                f"không so sánh được sau sáp nhập ({listed})"
                if language == "vi"
                else f"not comparable after the merger ({listed})"
            )
        out.append(f"{label}: {said}")
    return "; ".join(out)
