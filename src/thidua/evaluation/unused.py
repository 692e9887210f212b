"""Unused observations: what an evaluation was given but did not use, and why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thidua._text import fold
from thidua.data import Kind
from thidua.evaluation.outcomes import Unused
from thidua.periods import MIN_YEAR
from thidua.rules import OrgUnits

if TYPE_CHECKING:
    from thidua.evaluation.engine import Run

__all__ = ["unused_observations"]


def _knows_org_unit(run: Run, key: str) -> bool:
    """Whether ``key`` is one of the area's org units, by id or name (folded, as lookups are)."""
    folded = fold(key)
    return any(fold(u.id) == folded or fold(u.name) == folded for u in run.org_units)


def _day_vi(day: dt.date) -> str:
    return f"ngày {day.day:02d}/{day.month:02d}/{day.year}"


def unused_observations(run: Run) -> tuple[Unused, ...]:
    """The observations the run did not use, each with the reason."""
    known = {i.id: i for i in run.plan.indicators()}
    # the first year a period may lie in has no year before it
    previous = run.period.previous() if run.period.start.year > MIN_YEAR else None
    out = []
    for obs in run.data:
        if id(obs) in run.used:
            continue
        indicator = known.get(obs.indicator)
        if indicator is None:
            reason = f"the plan has no indicator {obs.indicator!r}"
            vi = f"kế hoạch không có chỉ tiêu {obs.indicator!r}"
        elif indicator.is_composite:
            reason = "a composite indicator takes its status from its criteria"
            vi = "chỉ tiêu gồm nhiều tiêu chí lấy kết quả từ các tiêu chí của nó"
        elif obs.org_unit is not None and not _knows_org_unit(run, obs.org_unit):
            reason = f"the plan has no org unit {obs.org_unit!r}"
            vi = f"kế hoạch không có đơn vị {obs.org_unit!r}"
        elif obs.org_unit is not None and not isinstance(indicator.rule, OrgUnits):
            if indicator.across_org_units is not None:
                reason = "the plan's own figure was used, not the roll-up of its org units"
                vi = "đã dùng số liệu chung, không cộng gộp số liệu của các đơn vị"
            else:
                reason = (
                    "figures per org unit are not used by this indicator's rule "
                    "(declare across_org_units to roll them up)"
                )
                vi = "quy tắc của chỉ tiêu này không dùng số liệu của từng đơn vị"
        elif (
            run.as_of is not None and obs.period.end > run.as_of and obs.period.overlaps(run.period)
        ):
            reason = f"period {obs.period} had not ended by {run.as_of.isoformat()}"
            vi = f"kỳ {obs.period.label('vi')} chưa kết thúc vào {_day_vi(run.as_of)}"
        elif obs.kind is Kind.ESTIMATE:
            reason = "estimates are used only for an in-year outlook (as_of)"
            vi = "số ước thực hiện chỉ dùng để ước cả năm khi đánh giá giữa kỳ"
        elif obs.period in run.period and obs.period != run.period:
            if indicator.aggregation is not None:
                reason = (
                    f"part of {run.period}: the period's own figure, a coarser one, or a later "
                    "one was used"
                )
                vi = (
                    f"là một phần của {run.period.label('vi')}: đã dùng số liệu của cả kỳ, "
                    "của kỳ lớn hơn hoặc số liệu mới hơn"
                )
            else:
                reason = f"part of {run.period}, and the indicator declares no aggregation"
                vi = (
                    f"là một phần của {run.period.label('vi')}, và chỉ tiêu không khai "
                    "cách cộng gộp (aggregation)"
                )
        elif obs.period not in run.period and (previous is None or obs.period not in previous):
            reason = f"period {obs.period} is neither {run.period} nor its previous period"
            vi = (
                f"kỳ {obs.period.label('vi')} không phải {run.period.label('vi')} "
                "cũng không phải cùng kỳ năm trước"
            )
        else:
            reason = "the indicator's rule does not need it"
            vi = "quy tắc của chỉ tiêu không cần số liệu này"
        out.append(Unused(obs, reason, reason_vi=vi))
    return tuple(out)
