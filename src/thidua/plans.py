"""Plans: the emulation plan document and its indicators.

A :class:`Plan` holds every part of a kế hoạch thi đua: its metadata (number,
issuer, place, date), legal basis, purposes, requirements, objectives, contents,
solutions, responsibilities (lead / support), recipients and signer; its org
units (khóm, ấp); its indicator groups; and its reporting schedule.

An :class:`Indicator` has a rule (``>= 97.5 %``) or, when composite, criteria
combined with ``all`` or ``any``. Plans are immutable values checked when built:
ids are unique, every rule fits its indicator's unit, and org-unit rules have
org units to count.

Plans are read from and written to TOML with :func:`load_plan` and
:func:`dump_plan` (see the plan file format in the docs).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from thidua import _fields as f
from thidua import lineage
from thidua._choices import Choice
from thidua._files import os_reason_vi, read_text
from thidua._text import fold, printable
from thidua.errors import (
    NotFoundError,
    PlanError,
    ThiduaError,
    UsageError,
    clean_text,
    require_type,
)
from thidua.numbers import NumberFormat
from thidua.periods import MAX_YEAR, MIN_YEAR, Period, parse_period
from thidua.rules import (
    RULE_CLASSES,
    TERM_RULE_CLASSES,
    AnnualChange,
    Assigned,
    ByYear,
    Comparison,
    Cumulative,
    Flag,
    OrgUnits,
    Previous,
    Range,
    Rule,
    parse_rule,
)
from thidua.units import Quantity, UnitDefinition, Units, default_units, units_with

__all__ = [
    "MAX_PLAN_BYTES",
    "Aggregation",
    "Combine",
    "Indicator",
    "IndicatorGroup",
    "IssueDate",
    "Language",
    "OrgUnit",
    "Plan",
    "PlanFormat",
    "Report",
    "Responsibility",
    "Role",
    "Signer",
    "ZeroDenominator",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
]

#: Largest plan file read (bytes).
MAX_PLAN_BYTES = 16 * 1024 * 1024
#: Deepest nesting of criteria in a composite indicator.
MAX_DEPTH = 8

#: The languages a plan may be written in (its messages and reports default to it).
Language = Literal["vi", "en"]

#: Set while a plan file is read: the plan's own checks are then run by the
#: reader, which locates and collects every problem (see :mod:`thidua._planfile`).
_DEFERRED: contextvars.ContextVar[bool] = contextvars.ContextVar("thidua_plan_checks_deferred")


class Combine(Choice):
    """How a composite indicator combines its criteria (Kleene three-valued logic).

    .. versionadded:: 0.1.0
    """

    ALL = "all"
    ANY = "any"


class Aggregation(Choice):
    """How an indicator's figures for sub-periods combine into a longer period's.

    ``sum`` adds them (new establishments, persons sent abroad, cases); ``last``
    takes the latest (a level: poor households, a coverage rate, a yes/no
    status); ``mean`` averages them weighted by days; ``rate`` recomputes a rate
    from the summed numerators and denominators.

    .. versionadded:: 0.1.0
    """

    SUM = "sum"
    LAST = "last"
    MEAN = "mean"
    RATE = "rate"


class Role(Choice):
    """A party's role in carrying out the plan: chủ trì (lead) or phối hợp (support).

    .. versionadded:: 0.1.0
    """

    LEAD = "lead"
    SUPPORT = "support"


class ZeroDenominator(Choice):
    """What a rate with a zero denominator (0/0 petitions) means for its indicator.

    .. versionadded:: 0.1.0
    """

    NOT_APPLICABLE = "not_applicable"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"


def _rule(what: str, what_vi: str) -> Callable[[object], Rule | None]:
    def converter(value: object) -> Rule | None:
        if value is None or isinstance(value, RULE_CLASSES):
            return value
        if isinstance(value, str):
            return parse_rule(clean_text(value, what=what, what_vi=what_vi, error=PlanError))
        raise f.wrong_type(
            what,
            what_vi,
            "a Rule or rule text such as '>= 97.5 %'",
            "một mức yêu cầu như '>= 97,5 %'",
            value,
        )

    return converter


def _bound(what: str, what_vi: str) -> Callable[[object], Quantity | None]:
    """A minimum or maximum: a Quantity, a plain number, or text such as ``"100 %"``."""

    def converter(value: object) -> Quantity | None:
        if value is None:
            return None
        if isinstance(value, Quantity):
            bound = value
        elif isinstance(value, str):
            text = clean_text(value, what=what, what_vi=what_vi, error=PlanError)
            bound = default_units().parse_quantity(text, canonical=True)
        elif isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
            bound = Quantity(value)
        else:
            raise f.wrong_type(
                what,
                what_vi,
                "a Quantity, a number or text such as '100 %'",
                "một lượng, một số hay chữ như '100 %'",
                value,
            )
        f.check_magnitude(bound.magnitude, what, what_vi)
        return bound

    return converter


def _criteria(value: Iterable[Indicator | Mapping[str, Any]]) -> tuple[Indicator, ...]:
    return f.models(Indicator, "the criteria", "các tiêu chí")(value)


def _indicators(value: Iterable[Indicator | Mapping[str, Any]]) -> tuple[Indicator, ...]:
    return f.models(Indicator, "the indicators", "các chỉ tiêu")(value)


def _groups(value: Iterable[IndicatorGroup | Mapping[str, Any]]) -> tuple[IndicatorGroup, ...]:
    return f.models(IndicatorGroup, "the groups", "các nhóm chỉ tiêu")(value)


def _responsibilities(
    value: Iterable[Responsibility | Mapping[str, Any]],
) -> tuple[Responsibility, ...]:
    return f.models(Responsibility, "the responsibilities", "phân công thực hiện")(value)


def _org_units(value: Iterable[OrgUnit | Mapping[str, Any]]) -> tuple[OrgUnit, ...]:
    return f.models(OrgUnit, "the org units", "các khóm/ấp")(value)


def _reports(value: Iterable[Report | Mapping[str, Any]]) -> tuple[Report, ...]:
    return f.models(Report, "the reports", "các báo cáo")(value)


def _signer(value: Signer | Mapping[str, Any] | None) -> Signer | None:
    return None if value is None else f.model(Signer, value, "the signer", "người ký")


def _issued(value: IssueDate | Mapping[str, Any] | None) -> IssueDate | None:
    return (
        None if value is None else f.model(IssueDate, value, "the date of issue", "ngày ban hành")
    )


#: The text fields of a unit definition, and what each is.
_UNIT_TEXTS = {
    "name": ("the unit name", "tên đơn vị tính"),
    "definition": ("the unit's definition", "định nghĩa đơn vị tính"),
    "symbol": ("the unit symbol", "ký hiệu đơn vị tính"),
    "vi": ("the unit's Vietnamese name", "tên tiếng Việt của đơn vị tính"),
    "en": ("the unit's English name", "tên tiếng Anh của đơn vị tính"),
    "en_plural": ("the unit's English plural", "tên tiếng Anh số nhiều của đơn vị tính"),
}


def _units(value: Iterable[UnitDefinition | Mapping[str, Any]]) -> tuple[UnitDefinition, ...]:
    """The plan's own units; their texts are checked as every other text of a plan."""
    definitions = f.models(UnitDefinition, "the units", "các đơn vị tính")(value)
    for definition in definitions:
        for name, (what, what_vi) in _UNIT_TEXTS.items():
            field = getattr(definition, name)
            if field is not None:
                f.text(what, what_vi)(field)
        f.texts("the unit's aliases", "các cách viết khác của đơn vị tính")(definition.aliases)
    return definitions


_INDICATOR_ID = f.identifier("the indicator id", "mã chỉ tiêu")


def _indicator_id(value: str) -> str:
    return _INDICATOR_ID(value)


_INDICATOR_NAME = f.text("the indicator name", "tên chỉ tiêu")


def _indicator_name(value: str) -> str:
    return _INDICATOR_NAME(value)


_INDICATOR_UNIT = f.optional_text("the unit", "đơn vị tính")


def _indicator_unit(value: str | None) -> str | None:
    return _INDICATOR_UNIT(value)


_INDICATOR_RULE = _rule("the rule", "mức yêu cầu")


def _indicator_rule(value: Rule | str | None) -> Rule | None:
    return _INDICATOR_RULE(value)


_INDICATOR_COMBINE = f.optional_choice(Combine, "combine", "mục combine")


def _indicator_combine(value: Combine | str | None) -> Combine | None:
    return _INDICATOR_COMBINE(value)


_INDICATOR_PER_ORG_UNIT = _rule("the rule of each org unit", "mức yêu cầu của từng khóm/ấp")


def _indicator_per_org_unit(value: Rule | str | None) -> Rule | None:
    return _INDICATOR_PER_ORG_UNIT(value)


_INDICATOR_RATE = f.flag("rate", "mục rate")


def _indicator_rate(value: bool) -> bool:
    return _INDICATOR_RATE(value)


_INDICATOR_AGGREGATION = f.optional_choice(Aggregation, "aggregation", "mục aggregation")


def _indicator_aggregation(value: Aggregation | str | None) -> Aggregation | None:
    return _INDICATOR_AGGREGATION(value)


_INDICATOR_ACROSS_ORG_UNITS = f.optional_choice(
    Aggregation, "across_org_units", "mục across_org_units"
)


def _indicator_across_org_units(value: Aggregation | str | None) -> Aggregation | None:
    return _INDICATOR_ACROSS_ORG_UNITS(value)


_INDICATOR_ZERO_DENOMINATOR = f.choice(ZeroDenominator, "zero_denominator", "mục zero_denominator")


def _indicator_zero_denominator(value: ZeroDenominator | str) -> ZeroDenominator:
    return _INDICATOR_ZERO_DENOMINATOR(value)


_INDICATOR_MINIMUM = _bound("the minimum", "giá trị nhỏ nhất")


def _indicator_minimum(
    value: Quantity | str | int | float | Fraction | Decimal | None,
) -> Quantity | None:
    return _INDICATOR_MINIMUM(value)


_INDICATOR_MAXIMUM = _bound("the maximum", "giá trị lớn nhất")


def _indicator_maximum(
    value: Quantity | str | int | float | Fraction | Decimal | None,
) -> Quantity | None:
    return _INDICATOR_MAXIMUM(value)


_INDICATOR_TEXT = f.optional_text("the plan's wording", "nguyên văn kế hoạch", multiline=True)


def _indicator_text(value: str | None) -> str | None:
    return _INDICATOR_TEXT(value)


_INDICATOR_NOTE = f.optional_text("the note", "ghi chú", multiline=True)


def _indicator_note(value: str | None) -> str | None:
    return _INDICATOR_NOTE(value)


@attrs.frozen
class Indicator:
    """An indicator (chỉ tiêu) with its rule, or a composite of criteria (tiêu chí).

    >>> kt07 = Indicator("KT07", "Số hộ nghèo", unit="household", rule="giảm 02 hộ/năm")
    >>> str(kt07.rule)
    '<= previous - 2 household'

    Raises:
        PlanError: A field is invalid (an id with spaces, a text with a control
            character, an unknown choice), or the indicator is inconsistent (a
            composite without ``combine``, a simple indicator without a rule).
        ArgumentTypeError: A field of the wrong type.
        ParseError: The rule text cannot be read.

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``KT07``.
    id: str = attrs.field(converter=_indicator_id)
    #: The plan's own words.
    name: str = attrs.field(converter=_indicator_name)
    #: Canonical unit name, or None (yes/no indicators, composites).
    unit: str | None = attrs.field(default=None, converter=_indicator_unit, kw_only=True)
    #: The rule; None for a composite.
    rule: Rule | None = attrs.field(default=None, converter=_indicator_rule, kw_only=True)
    #: How criteria combine; None for a simple indicator.
    combine: Combine | None = attrs.field(default=None, converter=_indicator_combine, kw_only=True)
    #: The criteria of a composite.
    criteria: tuple[Indicator, ...] = attrs.field(default=(), converter=_criteria, kw_only=True)
    #: The rule each org unit's own value must meet, for org-unit rules (default ``is true``).
    per_org_unit: Rule | None = attrs.field(
        default=None,
        converter=_indicator_per_org_unit,
        kw_only=True,
    )
    #: Whether data may come as numerator and denominator (a rate).
    rate: bool = attrs.field(default=False, converter=_indicator_rate, kw_only=True)
    #: How figures of sub-periods (months, quarters) combine; None if they do not.
    aggregation: Aggregation | None = attrs.field(
        default=None,
        converter=_indicator_aggregation,
        kw_only=True,
    )
    #: How the figures of the plan's org units (khóm) combine into the plan's own
    #: (``sum``, ``mean`` or ``rate``), used when the plan's own figure is missing;
    #: None if they do not combine.
    across_org_units: Aggregation | None = attrs.field(
        default=None,
        converter=_indicator_across_org_units,
        kw_only=True,
    )
    #: What a zero denominator means.
    zero_denominator: ZeroDenominator = attrs.field(
        default=ZeroDenominator.NOT_APPLICABLE,
        converter=_indicator_zero_denominator,
        kw_only=True,
    )
    #: Smallest valid value (data below it is an error).
    minimum: Quantity | None = attrs.field(default=None, converter=_indicator_minimum, kw_only=True)
    #: Largest valid value (data above it is an error).
    maximum: Quantity | None = attrs.field(default=None, converter=_indicator_maximum, kw_only=True)
    #: The plan's original wording of the target, kept as written.
    text: str | None = attrs.field(
        default=None,
        converter=_indicator_text,
        kw_only=True,
    )
    #: A note.
    note: str | None = attrs.field(default=None, converter=_indicator_note, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problem = next(self._shape_problems(), None)
        if problem is not None:
            raise problem

    def _shape_problems(self) -> Iterator[PlanError]:
        """What is wrong with the indicator's shape, whatever plan it is in."""
        where: dict[str, Any] = {"indicator": self.id}
        if self.criteria:
            if self.combine is None:
                yield PlanError(
                    "a composite indicator needs combine = 'all' or 'any'",
                    code="plan.composite",
                    vi="chỉ tiêu gồm nhiều tiêu chí cần có combine = 'all' hoặc 'any'",
                    **where,
                )
            if self.rule is not None:
                yield PlanError(
                    "a composite indicator takes its status from its criteria, not a rule",
                    code="plan.composite",
                    vi="chỉ tiêu gồm nhiều tiêu chí lấy kết quả từ các tiêu chí, "
                    "không có mức yêu cầu riêng",
                    hint="remove the rule, or the criteria",
                    hint_vi="hãy bỏ mức yêu cầu (rule), hoặc bỏ các tiêu chí",
                    key="rule",
                    **where,
                )
        else:
            if self.combine is not None:
                yield PlanError(
                    f"combine = {self.combine.value!r} but there are no criteria",
                    code="plan.composite",
                    vi=f"có combine = {self.combine.value!r} nhưng không có tiêu chí nào",
                    key="combine",
                    **where,
                )
            if self.rule is None:
                yield PlanError(
                    "the indicator has no rule",
                    code="plan.no_rule",
                    vi="chỉ tiêu chưa có mức yêu cầu",
                    hint="add e.g. rule = '>= 97.5 %'",
                    hint_vi="hãy thêm, ví dụ, rule = '>= 97.5 %'",
                    **where,
                )
        if self.per_org_unit is not None and not isinstance(self.rule, OrgUnits):
            yield PlanError(
                "per_org_unit is only for org-unit rules ('all org units', '>= 4 org units')",
                code="plan.per_org_unit",
                vi="per_org_unit chỉ dùng cho mức yêu cầu đếm số khóm/ấp đạt ('all org "
                "units', '>= 4 org units')",
                key="per_org_unit",
                **where,
            )
        if isinstance(self.per_org_unit, TERM_RULE_CLASSES):
            yield PlanError(
                "per_org_unit cannot be a term target",
                code="plan.per_org_unit",
                vi="mức yêu cầu của từng khóm/ấp (per_org_unit) không được là chỉ tiêu nhiệm kỳ",
                key="per_org_unit",
                **where,
            )
        if isinstance(self.per_org_unit, OrgUnits):
            yield PlanError(
                "per_org_unit cannot itself count org units",
                code="plan.per_org_unit",
                vi="mức yêu cầu của từng khóm/ấp (per_org_unit) không được lại là mức đếm số"
                " khóm/ấp",
                key="per_org_unit",
                **where,
            )
        if self.across_org_units is not None and (
            self.is_composite or isinstance(self.rule, OrgUnits | Flag)
        ):
            yield PlanError(
                "across_org_units is only for indicators with figures (a comparison rule)",
                code="plan.across_org_units",
                vi="across_org_units chỉ dùng cho chỉ tiêu có số liệu (mức yêu cầu so sánh)",
                hint="remove across_org_units",
                hint_vi="hãy bỏ across_org_units",
                key="across_org_units",
                **where,
            )
        if self.across_org_units is Aggregation.LAST:
            yield PlanError(
                "the figures of org units cannot combine by 'last' (they are not in time order)",
                code="plan.across_org_units",
                vi="số liệu của các khóm/ấp không gộp được theo 'last' (chúng "
                "không xếp theo thời gian)",
                hint="use 'sum', 'mean' or 'rate'",
                hint_vi="hãy dùng 'sum', 'mean' hoặc 'rate'",
                key="across_org_units",
                **where,
            )

        low, high = self.minimum, self.maximum
        if (
            low is not None
            and high is not None
            and low.unit == high.unit
            and low.magnitude > high.magnitude
        ):
            yield PlanError(
                f"the minimum {low} is above the maximum {high}",
                code="plan.bounds",
                vi=f"giá trị nhỏ nhất {low} lớn hơn giá trị lớn nhất {high}",
                hint="swap them, or correct one",
                hint_vi="hãy đổi chỗ hai giá trị, hoặc sửa lại một trong hai",
                key="minimum",
                **where,
            )

    @property
    def is_composite(self) -> bool:
        """Whether the status comes from criteria."""
        return bool(self.criteria)

    @property
    def unit_rule(self) -> Rule:
        """The rule each org unit must meet, for org-unit rules (``is true`` by default)."""
        return self.per_org_unit or Flag(True)

    def walk(self) -> Iterator[Indicator]:
        """This indicator and all its criteria, depth first."""
        yield self
        for c in self.criteria:
            yield from c.walk()

    def __str__(self) -> str:
        how = str(self.rule) if self.rule else f"{self.combine.value if self.combine else ''} of "
        if self.criteria:
            how += ", ".join(c.id for c in self.criteria)
        return f"{self.id} {self.name}: {how}"

    def _repr_html_(self) -> str:
        from thidua.display import indicator_html  # noqa: PLC0415  (the notebook face)

        return indicator_html(self)


_INDICATORGROUP_ID = f.identifier("the group id", "mã nhóm chỉ tiêu", hint="CK")


def _indicatorgroup_id(value: str) -> str:
    return _INDICATORGROUP_ID(value)


_INDICATORGROUP_NAME = f.text("the group name", "tên nhóm chỉ tiêu")


def _indicatorgroup_name(value: str) -> str:
    return _INDICATORGROUP_NAME(value)


_INDICATORGROUP_NOTE = f.optional_text("the note", "ghi chú", multiline=True)


def _indicatorgroup_note(value: str | None) -> str | None:
    return _INDICATORGROUP_NOTE(value)


@attrs.frozen
class IndicatorGroup:
    """A group of indicators, e.g. the chairman's action commitments (``CK``).

    .. versionadded:: 0.1.0
    """

    #: Group id, e.g. ``CK``.
    id: str = attrs.field(converter=_indicatorgroup_id)
    #: Its name.
    name: str = attrs.field(converter=_indicatorgroup_name)
    #: The indicators.
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators, kw_only=True)
    #: A note, e.g. the footnote the group comes from.
    note: str | None = attrs.field(default=None, converter=_indicatorgroup_note, kw_only=True)


_ORGUNIT_ID = f.identifier("the org unit id", "mã khóm/ấp", hint="K1")


def _orgunit_id(value: str) -> str:
    return _ORGUNIT_ID(value)


_ORGUNIT_NAME = f.text("the org unit name", "tên khóm/ấp")


def _orgunit_name(value: str) -> str:
    return _ORGUNIT_NAME(value)


_ORGUNIT_KIND = f.text("the org unit kind", "loại khóm/ấp")


def _orgunit_kind(value: str) -> str:
    return _ORGUNIT_KIND(value)


@attrs.frozen
class OrgUnit:
    """An organisation unit of the plan's area: a khóm, ấp, tổ dân phố, xã or phường.

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``K1``.
    id: str = attrs.field(converter=_orgunit_id)
    #: Its name, e.g. ``Khóm 1``.
    name: str = attrs.field(converter=_orgunit_name)
    #: What it is, in Vietnamese (``khóm``, ``ấp``, ``tổ dân phố``, …).
    kind: str = attrs.field(default="khóm", converter=_orgunit_kind, kw_only=True)
    #: The ids of the units merged into it (closed codes), whose figures make up
    #: its figures before :attr:`since` (see :doc:`/after-merger-vi`).
    #:
    #: .. versionadded:: 0.4.0
    predecessors: tuple[str, ...] = attrs.field(
        default=(), converter=lineage.predecessor_ids, kw_only=True
    )
    #: The day it exists from, as merged (e.g. 2025-07-01); None: always.
    #:
    #: .. versionadded:: 0.4.0
    since: dt.date | None = attrs.field(default=None, converter=lineage.optional_date, kw_only=True)

    def __attrs_post_init__(self) -> None:
        lineage.check_unit(self.id, self.predecessors, self.since)


_RESPONSIBILITY_PARTY = f.text("the party", "đơn vị thực hiện")


def _responsibility_party(value: str) -> str:
    return _RESPONSIBILITY_PARTY(value)


_RESPONSIBILITY_ROLE = f.choice(Role, "role", "mục role")


def _responsibility_role(value: Role | str) -> Role:
    return _RESPONSIBILITY_ROLE(value)


_RESPONSIBILITY_DUTIES = f.texts("a duty", "nhiệm vụ", multiline=True)


def _responsibility_duties(value: Iterable[str]) -> tuple[str, ...]:
    return _RESPONSIBILITY_DUTIES(value)


_RESPONSIBILITY_INDICATORS = f.texts("an indicator id", "mã chỉ tiêu")


def _responsibility_indicators(value: Iterable[str]) -> tuple[str, ...]:
    return _RESPONSIBILITY_INDICATORS(value)


@attrs.frozen
class Responsibility:
    """What one party does to carry out the plan.

    .. versionadded:: 0.1.0
    """

    #: The party, e.g. ``Công chức Văn phòng – Thống kê phường``.
    party: str = attrs.field(converter=_responsibility_party)
    #: Lead (chủ trì) or support (phối hợp).
    role: Role = attrs.field(default=Role.SUPPORT, converter=_responsibility_role, kw_only=True)
    #: Its duties, as the plan words them.
    duties: tuple[str, ...] = attrs.field(
        default=(), converter=_responsibility_duties, kw_only=True
    )
    #: Indicator ids it answers for.
    indicators: tuple[str, ...] = attrs.field(
        default=(), converter=_responsibility_indicators, kw_only=True
    )


_SIGNER_NAME = f.text("the signer's name", "tên người ký")


def _signer_name(value: str) -> str:
    return _SIGNER_NAME(value)


_SIGNER_TITLE = f.text("the signer's title", "chức vụ người ký")


def _signer_title(value: str) -> str:
    return _SIGNER_TITLE(value)


_SIGNER_ON_BEHALF_OF = f.optional_text("the body signed for", "cơ quan ký thay mặt")


def _signer_on_behalf_of(value: str | None) -> str | None:
    return _SIGNER_ON_BEHALF_OF(value)


@attrs.frozen
class Signer:
    """Who signs the plan.

    .. versionadded:: 0.1.0
    """

    #: Name, e.g. ``Ngô Hữu Phước``.
    name: str = attrs.field(converter=_signer_name)
    #: Title, e.g. ``Chủ tịch``.
    title: str = attrs.field(converter=_signer_title)
    #: The body signed for, e.g. ``TM. Ủy ban nhân dân``.
    on_behalf_of: str | None = attrs.field(
        default=None,
        converter=_signer_on_behalf_of,
        kw_only=True,
    )


def _period(value: Period | str | int) -> Period:
    if isinstance(value, str):
        value = clean_text(value, what="the period", what_vi="kỳ báo cáo", error=PlanError)
    elif not isinstance(value, Period | int) or isinstance(value, bool):
        msg = "the period"
        raise f.wrong_type(msg, "kỳ báo cáo", "text such as '2024-H1'", "chữ như '2024-H1'", value)
    period = parse_period(value)
    for day in (period.start, period.end):
        f.check_date(day, "the period's day", "ngày của kỳ báo cáo")
    return period


def _due(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = clean_text(value, what="the due date", what_vi="hạn báo cáo", error=PlanError)
        try:
            value = dt.date.fromisoformat(text.strip())
        except ValueError:
            quoted = f.shown(text)
            msg = f"the due date {quoted} must be a date written 2024-06-10"
            raise PlanError(
                msg,
                code="plan.bad_date",
                vi=f"hạn báo cáo {quoted} phải là một ngày viết dạng 2024-06-10",
                hint="in a plan file, write the date without quotes: due = 2024-06-10",
                hint_vi="trong tệp kế hoạch, hãy viết ngày không có dấu nháy: due = 2024-06-10",
            ) from None
    if not isinstance(value, dt.date):
        msg = "the due date"
        raise f.wrong_type(
            msg,
            "hạn báo cáo",
            "a date such as 2024-06-10",
            "một ngày như 2024-06-10",
            value,
        )
    return f.check_date(value, "the due date", "hạn báo cáo")


_REPORT_NAME = f.text("the report name", "tên báo cáo")


def _report_name(value: str) -> str:
    return _REPORT_NAME(value)


@attrs.frozen
class Report:
    """A report the plan asks for: its name, the period it covers, and its due date.

    .. versionadded:: 0.1.0
    """

    #: Name, e.g. ``Báo cáo sơ kết 6 tháng``.
    name: str = attrs.field(converter=_report_name)
    #: The period it covers.
    period: Period = attrs.field(converter=_period)
    #: When it is due.
    due: dt.date = attrs.field(converter=_due)


_ISSUEDATE_YEAR = f.whole("the year of issue", "năm ban hành", low=MIN_YEAR, high=MAX_YEAR)


def _issuedate_year(value: int) -> int:
    return _ISSUEDATE_YEAR(value)


_ISSUEDATE_MONTH = f.optional_whole("the month of issue", "tháng ban hành", low=1, high=12)


def _issuedate_month(value: int | None) -> int | None:
    return _ISSUEDATE_MONTH(value)


_ISSUEDATE_DAY = f.optional_whole("the day of issue", "ngày ban hành", low=1, high=31)


def _issuedate_day(value: int | None) -> int | None:
    return _ISSUEDATE_DAY(value)


@attrs.frozen
class IssueDate:
    """The date a document carries, which may leave the day (or month) blank.

    .. versionadded:: 0.1.0
    """

    #: Year.
    year: int = attrs.field(converter=_issuedate_year)
    #: Month, if filled in.
    month: int | None = attrs.field(
        default=None,
        converter=_issuedate_month,
        kw_only=True,
    )
    #: Day, if filled in.
    day: int | None = attrs.field(
        default=None,
        converter=_issuedate_day,
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            quoted = f"{self.day}/{self.month}/{self.year}"
            msg = f"the date of issue {quoted} does not exist"
            raise PlanError(
                msg,
                code="plan.bad_date",
                vi=f"ngày ban hành {quoted} không có trên lịch",
            ) from None

    def __str__(self) -> str:
        day = f"{self.day:02d}" if self.day else "…"
        month = f"{self.month:02d}" if self.month else "…"
        return f"ngày {day} tháng {month} năm {self.year}"


def _number_format(value: NumberFormat) -> NumberFormat:
    if value in (None, "vi", "en"):
        return value
    quoted = f.shown(value)
    msg = f"number_format={quoted} must be 'vi' or 'en'"
    raise PlanError(
        msg,
        code="plan.bad_choice",
        vi=f"cách viết số {quoted} phải là 'vi' hoặc 'en'",
        hint="leave it out to accept both where a number reads the same",
        hint_vi="hãy bỏ mục này để nhận cả hai cách viết (khi số đọc theo cách nào cũng như nhau)",
    )


def _language(value: Language) -> Language:
    if value in ("vi", "en"):
        return value
    quoted = f.shown(value)
    msg = f"language={quoted} must be 'vi' or 'en'"
    raise PlanError(
        msg,
        code="plan.bad_choice",
        vi=f"ngôn ngữ {quoted} phải là 'vi' hoặc 'en'",
    )


_PLAN_ID = f.identifier("the plan id", "mã kế hoạch", hint="hoa-thuan-2024")


def _plan_id(value: str) -> str:
    return _PLAN_ID(value)


_PLAN_TITLE = f.text("the plan title", "tên kế hoạch")


def _plan_title(value: str) -> str:
    return _PLAN_TITLE(value)


_PLAN_YEAR = f.year


def _plan_year(value: int) -> int:
    return _PLAN_YEAR(value)


_PLAN_NUMBER = f.optional_text("the document number", "số văn bản")


def _plan_number(value: str | None) -> str | None:
    return _PLAN_NUMBER(value)


_PLAN_ISSUER = f.optional_text("the issuer", "cơ quan ban hành")


def _plan_issuer(value: str | None) -> str | None:
    return _PLAN_ISSUER(value)


_PLAN_SUPERIOR = f.optional_text("the superior body", "cơ quan cấp trên")


def _plan_superior(value: str | None) -> str | None:
    return _PLAN_SUPERIOR(value)


_PLAN_PLACE = f.optional_text("the place of issue", "nơi ban hành")


def _plan_place(value: str | None) -> str | None:
    return _PLAN_PLACE(value)


_PLAN_LEGAL_BASIS = f.texts("a legal basis", "căn cứ", multiline=True)


def _plan_legal_basis(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_LEGAL_BASIS(value)


_PLAN_PREAMBLE = f.optional_text("the preamble", "phần mở đầu", multiline=True)


def _plan_preamble(value: str | None) -> str | None:
    return _PLAN_PREAMBLE(value)


_PLAN_PURPOSES = f.texts("a purpose", "mục đích", multiline=True)


def _plan_purposes(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_PURPOSES(value)


_PLAN_REQUIREMENTS = f.texts("a requirement", "yêu cầu", multiline=True)


def _plan_requirements(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_REQUIREMENTS(value)


_PLAN_OBJECTIVES = f.texts("an objective", "mục tiêu", multiline=True)


def _plan_objectives(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_OBJECTIVES(value)


_PLAN_CONTENTS = f.texts("a content", "nội dung", multiline=True)


def _plan_contents(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_CONTENTS(value)


_PLAN_SOLUTIONS = f.texts("a solution", "giải pháp", multiline=True)


def _plan_solutions(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_SOLUTIONS(value)


_TERM = re.compile(r"\s*+(\d{4})\s*+[-–]\s*+(\d{4})\s*+")


def _plan_term(value: str | None) -> str | None:
    """The term (nhiệm kỳ) as ``"2025-2030"``: two years, the first before the second."""
    if value is None:
        return None
    if not isinstance(value, str):
        what = "the term"
        raise f.wrong_type(
            what, "nhiệm kỳ", "text such as '2025-2030'", "chữ như '2025-2030'", value
        )
    text = clean_text(value, what="the term", what_vi="nhiệm kỳ", error=PlanError)
    found = _TERM.fullmatch(text[:40])
    start, end = (int(found[1]), int(found[2])) if found else (0, 0)
    if found is None or not MIN_YEAR <= start < end <= MAX_YEAR:
        shown = f.shown(text)
        msg = f"the term {shown} must be two years, the first before the second, e.g. 2025-2030"
        raise PlanError(
            msg,
            code="plan.term",
            vi=f"nhiệm kỳ {shown} phải gồm hai năm, năm đầu trước năm cuối, ví dụ 2025-2030",
            hint="write term = '2025-2030'",
            hint_vi="hãy ghi term = '2025-2030'",
        )
    return f"{start}-{end}"


_PLAN_BASE_YEAR = f.optional_whole("the base year", "năm gốc", low=MIN_YEAR, high=MAX_YEAR)


def _plan_base_year(value: int | None) -> int | None:
    return _PLAN_BASE_YEAR(value)


_PLAN_RECIPIENTS = f.texts("a recipient", "nơi nhận")


def _plan_recipients(value: Iterable[str]) -> tuple[str, ...]:
    return _PLAN_RECIPIENTS(value)


@attrs.frozen(repr=False)
class Plan:
    """An emulation plan (kế hoạch thi đua), complete with its indicators.

    Raises:
        PlanError: A field is invalid, or the plan is inconsistent: an id used
            twice, a rule that does not fit its indicator's unit, org-unit rules
            without org units, a responsibility naming an unknown indicator (the
            first problem; :func:`plan_problems` lists them all).
        ArgumentTypeError: A field of the wrong type.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The field :attr:`language`.
    .. versionchanged:: 0.4.0
       The fields :attr:`term` and :attr:`base_year`, for term targets.
    """

    #: Fixed id, e.g. ``hoa-thuan-2024``.
    id: str = attrs.field(converter=_plan_id)
    #: Title, e.g. ``Kế hoạch phát động phong trào thi đua yêu nước năm 2024``.
    title: str = attrs.field(converter=_plan_title)
    #: The year the plan is for (``MIN_YEAR`` … ``MAX_YEAR``).
    year: int = attrs.field(converter=_plan_year, kw_only=True)
    #: Document number as written (``/KH-UBND`` when left blank).
    number: str | None = attrs.field(default=None, converter=_plan_number, kw_only=True)
    #: Issuing body.
    issuer: str | None = attrs.field(default=None, converter=_plan_issuer, kw_only=True)
    #: The issuer's superior body, as in the document's heading.
    superior: str | None = attrs.field(
        default=None,
        converter=_plan_superior,
        kw_only=True,
    )
    #: Place of issue.
    place: str | None = attrs.field(default=None, converter=_plan_place, kw_only=True)
    #: Date of issue, possibly partial.
    issued: IssueDate | None = attrs.field(default=None, converter=_issued, kw_only=True)
    #: Legal basis (căn cứ).
    legal_basis: tuple[str, ...] = attrs.field(
        default=(), converter=_plan_legal_basis, kw_only=True
    )
    #: Introduction, as written after the legal basis.
    preamble: str | None = attrs.field(
        default=None,
        converter=_plan_preamble,
        kw_only=True,
    )
    #: Purposes (mục đích).
    purposes: tuple[str, ...] = attrs.field(default=(), converter=_plan_purposes, kw_only=True)
    #: Requirements (yêu cầu).
    requirements: tuple[str, ...] = attrs.field(
        default=(), converter=_plan_requirements, kw_only=True
    )
    #: Objectives (mục tiêu).
    objectives: tuple[str, ...] = attrs.field(default=(), converter=_plan_objectives, kw_only=True)
    #: Emulation contents (nội dung).
    contents: tuple[str, ...] = attrs.field(default=(), converter=_plan_contents, kw_only=True)
    #: Solutions (giải pháp thực hiện).
    solutions: tuple[str, ...] = attrs.field(default=(), converter=_plan_solutions, kw_only=True)
    #: Responsibilities (tổ chức thực hiện).
    responsibilities: tuple[Responsibility, ...] = attrs.field(
        default=(), converter=_responsibilities, kw_only=True
    )
    #: Recipients (nơi nhận).
    recipients: tuple[str, ...] = attrs.field(default=(), converter=_plan_recipients, kw_only=True)
    #: Signer.
    signer: Signer | None = attrs.field(default=None, converter=_signer, kw_only=True)
    #: Org units of the plan's area.
    org_units: tuple[OrgUnit, ...] = attrs.field(default=(), converter=_org_units, kw_only=True)
    #: Indicator groups.
    groups: tuple[IndicatorGroup, ...] = attrs.field(default=(), converter=_groups, kw_only=True)
    #: Reports the plan asks for.
    reports: tuple[Report, ...] = attrs.field(default=(), converter=_reports, kw_only=True)
    #: Units the plan declares beyond the domain's.
    units: tuple[UnitDefinition, ...] = attrs.field(default=(), converter=_units, kw_only=True)
    #: How numbers in the plan's texts and data are written (``vi``, ``en``, or None).
    number_format: NumberFormat = attrs.field(default=None, converter=_number_format, kw_only=True)
    #: The language the plan is written in (``vi`` or ``en``): messages and
    #: reports about the plan default to it.
    language: Language = attrs.field(default="vi", converter=_language, kw_only=True)
    #: The term (nhiệm kỳ) its term targets run over, as ``"2025-2030"``, or None.
    #:
    #: .. versionadded:: 0.4.0
    term: str | None = attrs.field(default=None, converter=_plan_term, kw_only=True)
    #: The base year of the term targets (``2025``): their paths start from its figures.
    #:
    #: .. versionadded:: 0.4.0
    base_year: int | None = attrs.field(default=None, converter=_plan_base_year, kw_only=True)

    @property
    def term_years(self) -> tuple[int, int] | None:
        """The first and last year of the term (``(2025, 2030)``), or None.

        .. versionadded:: 0.4.0
        """
        if self.term is None:
            return None
        start, end = self.term.split("-")
        return int(start), int(end)

    def __attrs_post_init__(self) -> None:
        if _DEFERRED.get(False):
            return
        problem = next(plan_problems(self), None)
        if problem is not None:
            raise problem

    def __repr__(self) -> str:
        count = sum(1 for _ in self.top_indicators())
        return f"<Plan {self.id!r}: {self.title} ({self.year}), {count} indicators>"

    def _repr_html_(self) -> str:
        from thidua.display import plan_html  # noqa: PLC0415  (the notebook face)

        return plan_html(self)

    def unit_registry(self) -> Units:
        """The unit registry of this plan: the domain's units plus the plan's own.

        Raises:
            PlanError: The plan's units do not make a registry (a name used twice,
                a definition that cannot be read).
        """
        try:
            return units_with(self.units)
        except ThiduaError as exc:
            raise PlanError(
                exc.what("en"),
                code=exc.code,
                vi=exc.what("vi"),
                hint=exc.how("en"),
                hint_vi=exc.how("vi"),
                key="units",
            ) from None

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator and criterion, in plan order, depth first."""
        for group in self.groups:
            for top in group.indicators:
                yield from top.walk()

    def top_indicators(self) -> Iterator[tuple[IndicatorGroup, Indicator]]:
        """The top-level indicators with their group, in plan order."""
        for group in self.groups:
            for top in group.indicators:
                yield group, top

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator (or criterion) with this id (any case, NFC or NFD, spaces collapsed).

        The id as written comes first; else the first indicator whose id folds
        the same (:func:`thidua._text.fold`), as org units and members are found.

        Raises:
            NotFoundError: No indicator has it.
            ArgumentTypeError: ``indicator_id`` is not a text.

        .. versionchanged:: 0.2.0
           Raises NotFoundError (a KeyError), not PlanError; the id is looked up
           in any case (``kt07`` is ``KT07``).
        """
        if not isinstance(indicator_id, str):
            msg = "the indicator id"
            raise f.wrong_type(msg, "mã chỉ tiêu", "text", "chữ", indicator_id)
        for ind in self.indicators():
            if ind.id == indicator_id:
                return ind
        folded = fold(indicator_id)
        for ind in self.indicators():
            if fold(ind.id) == folded:
                return ind
        quoted = f.shown(indicator_id)
        known = [i.id for i in self.indicators()]
        close = f.did_you_mean(indicator_id, known)
        hint = f"did you mean {close!r}?" if close else None
        msg = f"the plan has no indicator {quoted}"
        raise NotFoundError(
            msg,
            code="plan.unknown_indicator",
            vi=f"kế hoạch không có chỉ tiêu {quoted}",
            hint=hint,
            hint_vi=f"có phải là {close!r} không?" if close else None,
            indicator=indicator_id,
        )

    def find_org_unit(self, key: str) -> OrgUnit | None:
        """The org unit with this id, or else this name (any case, spaces collapsed), or None.

        The id as written comes first; else the first org unit whose id or name
        folds the same (:func:`thidua._text.fold`: any case, NFC or NFD).

        Raises:
            ArgumentTypeError: ``key`` is not a text.

        .. versionadded:: 0.2.0
        """
        if not isinstance(key, str):
            msg = "the org unit"
            raise f.wrong_type(msg, "khóm/ấp", "text", "chữ", key)
        for unit in self.org_units:
            if unit.id == key:
                return unit
        folded = fold(key)
        for unit in self.org_units:
            if fold(unit.name) == folded or fold(unit.id) == folded:
                return unit
        return None

    def org_unit(self, key: str) -> OrgUnit:
        """The org unit with this id, or else this name (any case).

        Raises:
            NotFoundError: No org unit has it (:meth:`find_org_unit` gives None instead).
            ArgumentTypeError: ``key`` is not a text.

        .. versionchanged:: 0.2.0
           Raises NotFoundError instead of returning None.
        """
        found = self.find_org_unit(key)
        if found is None:
            quoted = f.shown(key)
            names = ", ".join(f"{u.id} ({u.name})" for u in self.org_units) or "none"
            msg = f"the plan has no org unit {quoted}"
            raise NotFoundError(
                msg,
                code="plan.unknown_org_unit",
                vi=f"kế hoạch không có khóm/ấp {quoted}",
                hint=f"org units: {names}",
                hint_vi=f"các khóm/ấp của kế hoạch: {names if self.org_units else 'không có'}",
            )
        return found


def _indicator_paths(plan: Plan) -> Iterator[tuple[tuple[str | int, ...], Indicator, int]]:
    """Every indicator with its key path in the plan file and its depth (1: top level)."""
    stack: list[tuple[tuple[str | int, ...], Indicator, int]] = []
    for g, group in enumerate(plan.groups):
        stack.extend(
            (("groups", g, "indicators", i), ind, 1)
            for i, ind in reversed(list(enumerate(group.indicators)))
        )
        while stack:
            path, ind, depth = stack.pop()
            yield path, ind, depth
            stack.extend(
                ((*path, "criteria", c), criterion, depth + 1)
                for c, criterion in reversed(list(enumerate(ind.criteria)))
            )


def plan_problems(plan: Plan, *, indicators: bool = True) -> Iterator[PlanError]:
    """Every problem of a plan as a whole, in plan order, each naming its key path.

    Duplicate ids, criteria nested too deeply, duplicate org units, units that do
    not make a registry, rules that do not fit their indicator (``indicators=False``
    leaves those out, for readers that check each indicator as it is read), and
    responsibilities naming unknown indicators. :class:`Plan` raises the first.

    .. versionadded:: 0.2.0
    """
    seen: dict[str, str] = {}
    for g, group in enumerate(plan.groups):
        if group.id in seen:
            yield _duplicate(group.id, f.key_path(("groups", g, "id")), None)
        seen.setdefault(group.id, "group")
    too_deep: set[tuple[str | int, ...]] = set()
    for path, ind, depth in _indicator_paths(plan):
        if depth > MAX_DEPTH and path[:4] not in too_deep:
            too_deep.add(path[:4])
            yield PlanError(
                f"criteria are nested deeper than {MAX_DEPTH} levels",
                code="plan.too_deep",
                vi=f"các tiêu chí lồng nhau quá {MAX_DEPTH} cấp",
                hint="flatten the composite",
                hint_vi="hãy giảm số cấp lồng nhau của chỉ tiêu",
                indicator=ind.id,
                key=f.key_path(path),
            )
    for path, ind, _ in _indicator_paths(plan):  # ids as written: each is found as written
        if ind.id in seen:
            yield _duplicate(ind.id, f.key_path((*path, "id")), ind.id)
        seen.setdefault(ind.id, "indicator")
    yield from org_unit_problems(plan.org_units, ("org_units",))
    if indicators:
        try:
            registry = plan.unit_registry()
        except PlanError as exc:
            yield exc
        else:
            for path, ind, _ in _indicator_paths(plan):
                problems = indicator_problems(ind, registry, len(plan.org_units), year=plan.year)
                for problem in problems:
                    yield _at(problem, path)
    yield from _term_problems(plan)
    for r, resp in enumerate(plan.responsibilities):
        for i, ref in enumerate(resp.indicators):
            if seen.get(ref) != "indicator":
                yield PlanError(
                    f"the responsibility of {resp.party!r} names the unknown indicator {ref!r}",
                    code="plan.unknown_indicator",
                    vi=f"phân công của {resp.party!r} nêu chỉ tiêu {ref!r}, "
                    "nhưng kế hoạch không có chỉ tiêu này",
                    key=f.key_path(("responsibilities", r, "indicators", i)),
                )


def _term_problems(plan: Plan) -> Iterator[PlanError]:
    """A base year outside the term; term targets without a term, or outside it."""
    years = plan.term_years
    base = plan.base_year
    if years is not None and base is not None and not years[0] <= base < years[1]:
        yield PlanError(
            f"the base year {base} lies outside the term {plan.term} (or is its last year)",
            code="plan.term",
            vi=f"năm gốc {base} nằm ngoài nhiệm kỳ {plan.term} (hoặc là năm cuối nhiệm kỳ)",
            hint=f"give a base year from {years[0]} to {years[1] - 1}",
            hint_vi=f"hãy ghi năm gốc từ {years[0]} đến {years[1] - 1}",
            key="base_year",
        )
        return
    for path, ind, _ in _indicator_paths(plan):
        rule = ind.rule
        if not isinstance(rule, TERM_RULE_CLASSES):
            continue
        where: dict[str, Any] = {"indicator": ind.id, "key": f.key_path((*path, "rule"))}
        if years is None or base is None:
            yield PlanError(
                f"the term target {str(rule)!r} needs the plan's term and base year",
                code="plan.term_rule",
                vi=f"chỉ tiêu nhiệm kỳ {str(rule)!r} cần nhiệm kỳ (term) và năm gốc (base_year)"
                " của kế hoạch",
                hint="add e.g. term = '2025-2030' and base_year = 2025 to the plan",
                hint_vi="hãy thêm vào kế hoạch, ví dụ, term = '2025-2030' và base_year = 2025",
                **where,
            )
            continue
        span = (
            (rule.year, rule.year)
            if isinstance(rule, ByYear)
            else (rule.start, rule.end)
            if isinstance(rule, Cumulative)
            else None
        )
        if span is not None and not (base < span[0] and span[1] <= years[1]):
            shown = f"{span[0]}" if span[0] == span[1] else f"{span[0]}-{span[1]}"
            yield PlanError(
                f"the years {shown} of the term target {str(rule)!r} lie outside the term"
                f" {plan.term} after its base year {base}",
                code="plan.term_year",
                vi=f"năm {shown} của chỉ tiêu nhiệm kỳ {str(rule)!r} nằm ngoài nhiệm kỳ"
                f" {plan.term} (sau năm gốc {base})",
                hint=f"give years from {base + 1} to {years[1]}",
                hint_vi=f"hãy ghi các năm từ {base + 1} đến {years[1]}",
                **where,
            )


def _at(problem: PlanError, path: tuple[str | int, ...]) -> PlanError:
    """``problem`` with its key (relative to the indicator) made a path from the plan's root."""
    key = f.key_path((*path, *f.split_key(problem.key))) if problem.key else f.key_path(path)
    problem.key = key
    return problem


def org_unit_problems(
    units: Sequence[OrgUnit], where: tuple[str | int, ...]
) -> Iterator[PlanError]:
    """Org units of one area with the same id (compared folded: ``K1`` and ``k1`` are one).

    ``where``: the key path of the list (``("org_units",)``).

    .. versionadded:: 0.4.0
    """
    seen: dict[str, str] = {}
    for u, unit in enumerate(units):
        first = seen.get(fold(unit.id))
        if first is None:
            seen[fold(unit.id)] = unit.id
            continue
        same, same_vi = _same_as(unit.id, first)
        yield PlanError(
            f"org unit id {unit.id!r} is used twice{same}",
            code="plan.duplicate_id",
            vi=f"mã khóm/ấp {unit.id!r} được dùng hai lần{same_vi}",
            hint="give every org unit its own id",
            hint_vi="hãy đặt cho mỗi khóm/ấp một mã riêng",
            key=f.key_path((*where, u, "id")),
        )


def _same_as(ident: str, first: str | None) -> tuple[str, str]:
    """What to add to "used twice" when the first id was written otherwise (en, vi)."""
    if first is None or first == ident:
        return "", ""
    return (
        f" (the same id as {first!r}: case and spacing do not count)",
        f" (trùng với mã {first!r}: không phân biệt chữ hoa, chữ thường và khoảng trắng)",
    )


def _duplicate(ident: str, key: str, indicator: str | None) -> PlanError:
    return PlanError(
        f"id {ident!r} is used twice",
        code="plan.duplicate_id",
        vi=f"mã {ident!r} được dùng hai lần",
        hint="give every group and indicator its own id",
        hint_vi="hãy đặt cho mỗi nhóm và mỗi chỉ tiêu một mã riêng",
        indicator=indicator,
        key=key,
    )


def _rate_unit(registry: Units, unit: str | None) -> str | None:
    """The canonical name of a rate indicator's unit (``%``: ``percent``); unknown: as written."""
    if unit is None:
        return None
    info = registry.get(unit)
    return unit if info is None else info.name


def _label(registry: Units, unit: str | None, language: str) -> str:
    """How people name ``unit``: ``hộ`` in Vietnamese, ``household`` in English."""
    if unit is None:
        return "không có đơn vị" if language == "vi" else "no unit"
    info = registry.get(unit)
    if info is None:
        return unit
    if info.symbol in ("%", "‰"):
        return info.symbol
    return info.vi if language == "vi" else info.en


def _fits(
    registry: Units, unit: str | None, indicator_unit: str | None, what: tuple[str, str], key: str
) -> Iterator[PlanError]:
    """A problem if a quantity in ``unit`` cannot be compared with the indicator's unit."""
    if registry.compatible(unit, indicator_unit):
        return
    vi = (_label(registry, unit, "vi"), _label(registry, indicator_unit, "vi"))
    en = (_label(registry, unit, "en"), _label(registry, indicator_unit, "en"))
    yield PlanError(
        f"{what[0]} is in {en[0]!r}, which does not fit the indicator's unit {en[1]!r}",
        code="plan.rule_unit",
        vi=f"{what[1]} tính bằng {vi[0]!r}, không khớp với đơn vị tính {vi[1]!r} của chỉ tiêu",
        hint=f"write it in {en[1]!r}, or correct the indicator's unit",
        hint_vi=f"hãy viết theo đơn vị tính {vi[1]!r}, hoặc sửa đơn vị tính của chỉ tiêu",
        key=key,
    )


def indicator_problems(
    ind: Indicator, registry: Units, org_unit_count: int, *, year: int | None = None
) -> Iterator[PlanError]:
    """What is wrong with one indicator in its plan (its units, its org units), in order.

    Keys are relative to the indicator (``rule``, ``unit``). ``year``: the plan's
    year, which a base year (``>= year 2020``) must be before.

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.3.0
       ``year``; the total of an org-unit rule (``4/5 khóm``) must be the number of
       the plan's org units.
    """
    where: dict[str, Any] = {"indicator": ind.id}
    if ind.unit is not None:
        try:
            registry.resolve(ind.unit)
        except ThiduaError as exc:
            yield PlanError(
                exc.what("en"),
                code=exc.code,
                vi=exc.what("vi"),
                hint=exc.how("en"),
                hint_vi=exc.how("vi"),
                key="unit",
                **where,
            )
            return
    rule = ind.rule
    if isinstance(rule, OrgUnits):
        if org_unit_count == 0:
            yield PlanError(
                f"the rule {str(rule)!r} counts org units, but the plan has none",
                code="plan.org_units",
                vi=f"mức yêu cầu {str(rule)!r} đếm số khóm/ấp đạt, nhưng kế hoạch chưa có"
                " khóm/ấp nào",
                hint="add [[org_units]] to the plan",
                hint_vi="hãy thêm [[org_units]] vào kế hoạch",
                key="rule",
                **where,
            )
        elif rule.total is not None and rule.total != org_unit_count:
            yield PlanError(
                f"the rule {str(rule)!r} expects {rule.total} org units, but the plan declares"
                f" {org_unit_count}",
                code="plan.org_units",
                vi=f"mức yêu cầu {str(rule)!r} tính trên {rule.total} khóm/ấp, nhưng kế hoạch"
                f" khai báo {org_unit_count} khóm/ấp",
                hint=f"declare {rule.total} org units, or correct the rule",
                hint_vi=f"hãy khai báo đủ {rule.total} khóm/ấp, hoặc sửa lại mức yêu cầu",
                key="rule",
                **where,
            )
        elif rule.count is not None and rule.count > org_unit_count:
            yield PlanError(
                f"the rule {str(rule)!r} asks for more org units than the plan's {org_unit_count}",
                code="plan.org_units",
                vi=f"mức yêu cầu {str(rule)!r} đòi hỏi nhiều hơn "
                f"{org_unit_count} khóm/ấp của kế hoạch",
                key="rule",
                **where,
            )
        rule = ind.unit_rule
    if isinstance(rule, Comparison | Range):
        yield from _comparison_problems(rule, ind.unit, registry, where)
    if isinstance(rule, ByYear | Cumulative | AnnualChange):
        own = (
            rule.target
            if isinstance(rule, ByYear)
            else rule.total
            if isinstance(rule, Cumulative)
            else rule.step
        )
        yield from _quantity_problems([own], ind.unit, registry, ("the rule", "mức yêu cầu"), where)
    operand = rule.operand if isinstance(rule, Comparison) else None
    base = operand.year if isinstance(operand, Previous) else None
    if base is not None and year is not None and base >= year:
        yield PlanError(
            f"the base year {base} of the rule {str(rule)!r} is not before the plan's year {year}",
            code="plan.base_year",
            vi=f"năm gốc {base} của mức yêu cầu {str(rule)!r} không trước năm {year} của kế hoạch",
            hint="give an earlier base year",
            hint_vi="hãy ghi một năm gốc trước năm của kế hoạch",
            key="rule",
            **where,
        )
    if isinstance(rule, Flag) and ind.unit is not None:
        yield PlanError(
            f"a yes/no rule ({rule}) takes no unit, but unit = {ind.unit!r}",
            code="plan.rule_unit",
            vi=f"mức yêu cầu đạt/không đạt ({rule}) không có đơn vị tính, nhưng unit ="
            f" {ind.unit!r}",
            hint="remove the unit",
            hint_vi="hãy bỏ đơn vị tính (unit)",
            key="unit",
            **where,
        )
    if ind.rate and _rate_unit(registry, ind.unit) not in (None, "percent", "dimensionless"):
        yield PlanError(
            f"a rate indicator must be in percent, not {_label(registry, ind.unit, 'en')!r}",
            code="plan.rate",
            vi=f"chỉ tiêu tỷ lệ phải tính bằng %, không phải {_label(registry, ind.unit, 'vi')!r}",
            key="unit",
            **where,
        )
    if ind.aggregation is Aggregation.RATE and not ind.rate:
        yield PlanError(
            "aggregation = 'rate' needs rate = true (numerators and denominators)",
            code="plan.rate",
            vi="aggregation = 'rate' cần có rate = true (tử số và mẫu số)",
            key="aggregation",
            **where,
        )
    if isinstance(rule, Flag) and ind.aggregation not in (None, Aggregation.LAST):
        how = ind.aggregation.value if ind.aggregation else ""
        yield PlanError(
            f"a yes/no indicator can only take its last value, not {how!r}",
            code="plan.aggregation",
            vi=f"chỉ tiêu đạt/không đạt chỉ lấy số liệu sau cùng, không gộp được theo {how!r}",
            hint="use aggregation = 'last'",
            hint_vi="hãy dùng aggregation = 'last'",
            key="aggregation",
            **where,
        )
    if ind.is_composite and ind.aggregation is not None:
        yield PlanError(
            "a composite indicator has no figures of its own to aggregate",
            code="plan.aggregation",
            vi="chỉ tiêu gồm nhiều tiêu chí không có số liệu riêng để gộp",
            hint="set aggregation on its criteria",
            hint_vi="hãy đặt aggregation cho từng tiêu chí",
            key="aggregation",
            **where,
        )
    for name, bound, what in (
        ("minimum", ind.minimum, ("the minimum", "giá trị nhỏ nhất")),
        ("maximum", ind.maximum, ("the maximum", "giá trị lớn nhất")),
    ):
        if bound is not None:
            for problem in _fits(registry, bound.unit, ind.unit, what, name):
                problem.indicator = ind.id
                yield problem


def _comparison_problems(
    rule: Comparison | Range, unit: str | None, registry: Units, where: dict[str, Any]
) -> Iterator[PlanError]:
    what = ("the rule", "mức yêu cầu")
    if isinstance(rule, Range):
        yield from _quantity_problems([rule.low], unit, registry, what, where)
        return
    operand = rule.operand
    quantities = []
    if isinstance(operand, Quantity):
        quantities.append(operand)
    elif isinstance(operand, Previous) and operand.offset is not None:
        quantities.append(operand.offset)
    yield from _quantity_problems(quantities, unit, registry, what, where)
    factor = operand.factor if isinstance(operand, Previous | Assigned) else None
    if factor is not None and factor.unit is not None:
        info = registry.get(factor.unit)
        if info is None or info.dimension != "dimensionless":
            yield PlanError(
                f"the factor in {str(rule)!r} must be a percent or a plain number",
                code="plan.rule_unit",
                vi=f"hệ số trong {str(rule)!r} phải là phần trăm hoặc một số không có đơn vị tính",
                key="rule",
                **where,
            )


def _quantity_problems(
    quantities: list[Quantity],
    unit: str | None,
    registry: Units,
    what: tuple[str, str],
    where: dict[str, Any],
) -> Iterator[PlanError]:
    """A problem for each quantity of a rule whose unit is unknown or does not fit ``unit``."""
    for quantity in quantities:
        try:
            registry.resolve(quantity.unit) if quantity.unit is not None else None
        except ThiduaError as exc:
            yield PlanError(exc.what("en"), code=exc.code, vi=exc.what("vi"), key="rule", **where)
            continue
        for problem in _fits(registry, quantity.unit, unit, what, "rule"):
            problem.indicator = where["indicator"]
            yield problem


#: The two syntaxes of a plan file: the same keys and values in TOML or JSON.
PlanFormat = Literal["toml", "json"]


def _plan_format(format: object, path: object = None) -> PlanFormat:
    """``format`` checked, or (None) the format of ``path``'s suffix: ``.json``, else TOML."""
    if format is None:
        name = os.fsdecode(path) if isinstance(path, str | os.PathLike) else ""
        return "json" if name.lower().endswith(".json") else "toml"
    if format in ("toml", "json"):
        return format
    quoted = f.shown(format)
    msg = f"format={quoted} must be 'toml' or 'json'"
    raise UsageError(
        msg,
        code="usage.format",
        vi=f"định dạng format={quoted} không hợp lệ: chọn 'toml' hoặc 'json'",
        hint="a plan is written in TOML (the plan file) or JSON (the same keys)",
        hint_vi="kế hoạch được viết bằng TOML (tệp kế hoạch) hoặc JSON (cùng các mục)",
    )


def load_plan(path: str | os.PathLike[str], *, format: PlanFormat | None = None) -> Plan:
    """Read a plan from a TOML plan file, or a JSON one (``.json``).

    Args:
        path: The file.
        format: ``"toml"`` or ``"json"``; by default JSON for a name ending in
            ``.json``, else TOML.

    Raises:
        PlanError: The file cannot be read, is not valid TOML (or JSON), or
            describes an invalid plan; the error names the file, the key path
            and, where it can, the line (the first problem, by line, saying how
            many more there are; :func:`thidua._planfile.collect_plan` lists them
            all).
        UsageError: ``format`` is neither ``"toml"``, ``"json"`` nor None.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       JSON plan files, ``format=``.
    """
    chosen = _plan_format(format, path)
    name, text = read_text(path, what="plan file", max_bytes=MAX_PLAN_BYTES, error=PlanError)
    return loads_plan(text, file=name, format=chosen)


def loads_plan(text: str, *, file: str | None = None, format: PlanFormat = "toml") -> Plan:
    """Read a plan from TOML text (or JSON text, ``format="json"``); see :func:`load_plan`.

    A JSON plan has the keys of the TOML plan file (``{"id": ..., "title": ...,
    "year": ..., "groups": [{"id": ..., "indicators": [...]}]}``), dates written
    ``"2024-06-10"``. Its errors name the key path
    (``groups[0].indicators[2].rule``), and a syntax error its line and column.

    Raises:
        PlanError: The text is not valid TOML (JSON) or describes an invalid plan.
        ArgumentTypeError: ``text`` is not a str.
        UsageError: ``format`` is neither ``"toml"`` nor ``"json"``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``format="json"``.
    """
    chosen = _plan_format(format)
    if not isinstance(text, str):
        msg = "the plan text"
        raise f.wrong_type(msg, "nội dung kế hoạch", "text", "chữ", text)
    from thidua._planfile import structure_plan  # noqa: PLC0415  (cattrs only when reading files)

    return structure_plan(text, file=file or "<plan>", format=chosen)


def dumps_plan(plan: Plan, *, format: PlanFormat = "toml") -> str:
    """Write a plan as TOML (or JSON) text that :func:`loads_plan` reads back equal.

    Raises:
        ArgumentTypeError: ``plan`` is not a Plan.
        UsageError: ``format`` is neither ``"toml"`` nor ``"json"``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``format="json"``.
    """
    if not isinstance(plan, Plan):
        msg = "the plan"
        raise f.wrong_type(msg, "kế hoạch", "a Plan", "một Plan", plan)
    chosen = _plan_format(format)
    from thidua._planfile import unstructure_plan  # noqa: PLC0415

    return unstructure_plan(plan, chosen)


def dump_plan(
    plan: Plan, path: str | os.PathLike[str], *, format: PlanFormat | None = None
) -> None:
    """Write a plan to a TOML plan file, or a JSON one (``.json``), in UTF-8.

    Args:
        plan: The plan.
        path: The file.
        format: ``"toml"`` or ``"json"``; by default JSON for a name ending in
            ``.json``, else TOML.

    Raises:
        ArgumentTypeError: ``path`` is not a path (a number would be taken as an
            open file descriptor, such as the terminal's).
        UsageError: The file cannot be written (code ``file.cannot_write``), or
            ``format`` is neither ``"toml"``, ``"json"`` nor None.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       JSON plan files, ``format=``.
    """
    require_type(plan, Plan, "plan", "a Plan", "một Plan")
    require_type(path, (str, os.PathLike), "path", "a file path", "một đường dẫn tệp")
    text = dumps_plan(plan, format=_plan_format(format, path))
    try:
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = printable(str(getattr(exc, "strerror", None) or exc))
        msg = f"cannot write the plan file: {reason}"
        raise UsageError(
            msg,
            code="file.cannot_write",
            vi=f"không ghi được tệp kế hoạch: {os_reason_vi(exc, reason)}",
            hint="check the folder exists and may be written to",
            hint_vi="hãy kiểm tra thư mục có tồn tại và được phép ghi",
            file=printable(os.fsdecode(path)),
        ) from None
