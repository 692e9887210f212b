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

import datetime as dt
import enum
import os
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from thidua._files import read_text
from thidua.errors import PlanError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.periods import Period, parse_period
from thidua.rules import Assigned, Comparison, Flag, OrgUnits, Previous, Rule, parse_rule
from thidua.units import Quantity, UnitDefinition, Units, default_units, units_with

__all__ = [
    "MAX_PLAN_BYTES",
    "Aggregation",
    "Combine",
    "Indicator",
    "IndicatorGroup",
    "IssueDate",
    "OrgUnit",
    "Plan",
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


def _nfc(value: object) -> str:
    if not isinstance(value, str):
        msg = f"expected text, got {value!r}"
        raise PlanError(msg)
    return unicodedata.normalize("NFC", value).strip()


def _optional_nfc(value: object) -> str | None:
    return None if value is None else _nfc(value)


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        msg = f"expected a list of texts, got {value!r}"
        raise PlanError(msg)
    return tuple(_nfc(v) for v in value)


def _identifier(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value or any(c.isspace() for c in value):
        msg = f"{attribute.name}={value!r} must be non-empty and without spaces"
        raise PlanError(msg, hint="use ids such as KT07 or CK06a")


class Combine(enum.Enum):
    """How a composite indicator combines its criteria (Kleene three-valued logic).

    .. versionadded:: 0.1.0
    """

    ALL = "all"
    ANY = "any"


class Aggregation(enum.Enum):
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


class Role(enum.Enum):
    """A party's role in carrying out the plan: chủ trì (lead) or phối hợp (support).

    .. versionadded:: 0.1.0
    """

    LEAD = "lead"
    SUPPORT = "support"


class ZeroDenominator(enum.Enum):
    """What a rate with a zero denominator (0/0 petitions) means for its indicator.

    .. versionadded:: 0.1.0
    """

    NOT_APPLICABLE = "not_applicable"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"


def _rule(value: object) -> Rule | None:
    if value is None or isinstance(value, Comparison | Flag | OrgUnits):
        return value
    if isinstance(value, str):
        return parse_rule(value)
    msg = f"rule={value!r} must be a Rule or rule text"
    raise PlanError(msg)


def _bound(value: object) -> Quantity | None:
    """A minimum or maximum: a Quantity, a plain number, or text such as ``"100 %"``."""
    if value is None or isinstance(value, Quantity):
        return value
    if isinstance(value, str):
        return default_units().parse_quantity(value, canonical=True)
    if isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
        return Quantity(value)
    msg = f"a bound must be a Quantity, a number or text such as '100 %', not {value!r}"
    raise PlanError(msg)


def _indicator_tuple(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _group_tuple(value: Iterable[IndicatorGroup]) -> tuple[IndicatorGroup, ...]:
    return tuple(value)


def _responsibility_tuple(value: Iterable[Responsibility]) -> tuple[Responsibility, ...]:
    return tuple(value)


def _org_unit_tuple(value: Iterable[OrgUnit]) -> tuple[OrgUnit, ...]:
    return tuple(value)


def _report_tuple(value: Iterable[Report]) -> tuple[Report, ...]:
    return tuple(value)


def _unit_tuple(value: Iterable[UnitDefinition]) -> tuple[UnitDefinition, ...]:
    return tuple(value)


@attrs.frozen
class Indicator:
    """An indicator (chỉ tiêu) with its rule, or a composite of criteria (tiêu chí).

    >>> kt07 = Indicator("KT07", "Số hộ nghèo", unit="household", rule="giảm 02 hộ/năm")
    >>> str(kt07.rule)
    '<= previous - 2 household'

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``KT07``.
    id: str = attrs.field(converter=_nfc, validator=_identifier)
    #: The plan's own words.
    name: str = attrs.field(converter=_nfc)
    #: Canonical unit name, or None (yes/no indicators, composites).
    unit: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: The rule; None for a composite.
    rule: Rule | None = attrs.field(default=None, converter=_rule, kw_only=True)
    #: How criteria combine; None for a simple indicator.
    combine: Combine | None = attrs.field(
        default=None, converter=attrs.converters.optional(Combine), kw_only=True
    )
    #: The criteria of a composite.
    criteria: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicator_tuple, kw_only=True
    )
    #: The rule each org unit's own value must meet, for org-unit rules (default ``is true``).
    per_org_unit: Rule | None = attrs.field(default=None, converter=_rule, kw_only=True)
    #: Whether data may come as numerator and denominator (a rate).
    rate: bool = attrs.field(default=False, kw_only=True)
    #: How figures of sub-periods (months, quarters) combine; None if they do not.
    aggregation: Aggregation | None = attrs.field(
        default=None, converter=attrs.converters.optional(Aggregation), kw_only=True
    )
    #: How the figures of the plan's org units (khóm) combine into the plan's own
    #: (``sum``, ``mean`` or ``rate``), used when the plan's own figure is missing;
    #: None if they do not combine.
    across_org_units: Aggregation | None = attrs.field(
        default=None, converter=attrs.converters.optional(Aggregation), kw_only=True
    )
    #: What a zero denominator means.
    zero_denominator: ZeroDenominator = attrs.field(
        default=ZeroDenominator.NOT_APPLICABLE, converter=ZeroDenominator, kw_only=True
    )
    #: Smallest valid value (data below it is an error).
    minimum: Quantity | None = attrs.field(default=None, converter=_bound, kw_only=True)
    #: Largest valid value (data above it is an error).
    maximum: Quantity | None = attrs.field(default=None, converter=_bound, kw_only=True)
    #: The plan's original wording of the target, kept as written.
    text: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: A note.
    note: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)

    def __attrs_post_init__(self) -> None:
        where: dict[str, Any] = {"indicator": self.id}
        if self.criteria:
            if self.combine is None:
                msg = "a composite indicator needs combine = 'all' or 'any'"
                raise PlanError(msg, **where)
            if self.rule is not None:
                msg = "a composite indicator takes its status from its criteria, not a rule"
                raise PlanError(msg, hint="remove the rule, or the criteria", **where)
            for c in self.criteria:
                if not isinstance(c, Indicator):
                    msg = f"criteria must be Indicators, not {type(c).__name__}"
                    raise PlanError(msg, **where)
        else:
            if self.combine is not None:
                msg = f"combine = {self.combine.value!r} but there are no criteria"
                raise PlanError(msg, **where)
            if self.rule is None:
                msg = "the indicator has no rule"
                raise PlanError(msg, hint="add e.g. rule = '>= 97.5 %'", **where)
        if self.per_org_unit is not None and not isinstance(self.rule, OrgUnits):
            msg = "per_org_unit is only for org-unit rules ('all org units', '>= 4 org units')"
            raise PlanError(msg, **where)
        if isinstance(self.per_org_unit, OrgUnits):
            msg = "per_org_unit cannot itself count org units"
            raise PlanError(msg, **where)
        if self.across_org_units is not None and (
            self.is_composite or isinstance(self.rule, OrgUnits | Flag)
        ):
            msg = "across_org_units is only for indicators with figures (a comparison rule)"
            raise PlanError(msg, hint="remove across_org_units", **where)
        if self.across_org_units is Aggregation.LAST:
            msg = "the figures of org units cannot combine by 'last' (they are not in time order)"
            raise PlanError(msg, hint="use 'sum', 'mean' or 'rate'", **where)

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


@attrs.frozen
class IndicatorGroup:
    """A group of indicators, e.g. the chairman's action commitments (``CK``).

    .. versionadded:: 0.1.0
    """

    #: Group id, e.g. ``CK``.
    id: str = attrs.field(converter=_nfc, validator=_identifier)
    #: Its name.
    name: str = attrs.field(converter=_nfc)
    #: The indicators.
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicator_tuple, kw_only=True
    )
    #: A note, e.g. the footnote the group comes from.
    note: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)


@attrs.frozen
class OrgUnit:
    """An organisation unit of the plan's area: a khóm, ấp, tổ dân phố, xã or phường.

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``K1``.
    id: str = attrs.field(converter=_nfc, validator=_identifier)
    #: Its name, e.g. ``Khóm 1``.
    name: str = attrs.field(converter=_nfc)
    #: What it is, in Vietnamese (``khóm``, ``ấp``, ``tổ dân phố``, …).
    kind: str = attrs.field(default="khóm", converter=_nfc, kw_only=True)


@attrs.frozen
class Responsibility:
    """What one party does to carry out the plan.

    .. versionadded:: 0.1.0
    """

    #: The party, e.g. ``Công chức Văn phòng – Thống kê phường``.
    party: str = attrs.field(converter=_nfc)
    #: Lead (chủ trì) or support (phối hợp).
    role: Role = attrs.field(default=Role.SUPPORT, converter=Role, kw_only=True)
    #: Its duties, as the plan words them.
    duties: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Indicator ids it answers for.
    indicators: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)


@attrs.frozen
class Signer:
    """Who signs the plan.

    .. versionadded:: 0.1.0
    """

    #: Name, e.g. ``Ngô Hữu Phước``.
    name: str = attrs.field(converter=_nfc)
    #: Title, e.g. ``Chủ tịch``.
    title: str = attrs.field(converter=_nfc)
    #: The body signed for, e.g. ``TM. Ủy ban nhân dân``.
    on_behalf_of: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)


def _due(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    msg = f"due={value!r} must be a date such as 2024-06-10"
    raise PlanError(msg)


@attrs.frozen
class Report:
    """A report the plan asks for: its name, the period it covers, and its due date.

    .. versionadded:: 0.1.0
    """

    #: Name, e.g. ``Báo cáo sơ kết 6 tháng``.
    name: str = attrs.field(converter=_nfc)
    #: The period it covers.
    period: Period = attrs.field(converter=parse_period)
    #: When it is due.
    due: dt.date = attrs.field(converter=_due)


@attrs.frozen
class IssueDate:
    """The date a document carries, which may leave the day (or month) blank.

    .. versionadded:: 0.1.0
    """

    #: Year.
    year: int
    #: Month, if filled in.
    month: int | None = attrs.field(default=None, kw_only=True)
    #: Day, if filled in.
    day: int | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except (ValueError, TypeError):
            msg = f"issued date {self.day}/{self.month}/{self.year} does not exist"
            raise PlanError(msg) from None

    def __str__(self) -> str:
        day = f"{self.day:02d}" if self.day else "…"
        month = f"{self.month:02d}" if self.month else "…"
        return f"ngày {day} tháng {month} năm {self.year}"


def _number_format(value: object) -> NumberFormat:
    if value in (None, "vi", "en"):
        return value
    msg = f"number_format={value!r} must be 'vi', 'en' or absent"
    raise PlanError(msg)


@attrs.frozen(repr=False)
class Plan:
    """An emulation plan (kế hoạch thi đua), complete with its indicators.

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``hoa-thuan-2024``.
    id: str = attrs.field(converter=_nfc, validator=_identifier)
    #: Title, e.g. ``Kế hoạch phát động phong trào thi đua yêu nước năm 2024``.
    title: str = attrs.field(converter=_nfc)
    #: The year the plan is for.
    year: int = attrs.field(kw_only=True)
    #: Document number as written (``/KH-UBND`` when left blank).
    number: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: Issuing body.
    issuer: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: The issuer's superior body, as in the document's heading.
    superior: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: Place of issue.
    place: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: Date of issue, possibly partial.
    issued: IssueDate | None = attrs.field(default=None, kw_only=True)
    #: Legal basis (căn cứ).
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Introduction, as written after the legal basis.
    preamble: str | None = attrs.field(default=None, converter=_optional_nfc, kw_only=True)
    #: Purposes (mục đích).
    purposes: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Requirements (yêu cầu).
    requirements: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Objectives (mục tiêu).
    objectives: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Emulation contents (nội dung).
    contents: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Solutions (giải pháp thực hiện).
    solutions: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Responsibilities (tổ chức thực hiện).
    responsibilities: tuple[Responsibility, ...] = attrs.field(
        default=(), converter=_responsibility_tuple, kw_only=True
    )
    #: Recipients (nơi nhận).
    recipients: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    #: Signer.
    signer: Signer | None = attrs.field(default=None, kw_only=True)
    #: Org units of the plan's area.
    org_units: tuple[OrgUnit, ...] = attrs.field(
        default=(), converter=_org_unit_tuple, kw_only=True
    )
    #: Indicator groups.
    groups: tuple[IndicatorGroup, ...] = attrs.field(
        default=(), converter=_group_tuple, kw_only=True
    )
    #: Reports the plan asks for.
    reports: tuple[Report, ...] = attrs.field(default=(), converter=_report_tuple, kw_only=True)
    #: Units the plan declares beyond the domain's.
    units: tuple[UnitDefinition, ...] = attrs.field(default=(), converter=_unit_tuple, kw_only=True)
    #: How numbers in the plan's texts and data are written (``vi``, ``en``, or None).
    number_format: NumberFormat = attrs.field(default=None, converter=_number_format, kw_only=True)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        for group in self.groups:
            if group.id in seen:
                msg = f"id {group.id!r} is used twice"
                raise PlanError(msg, hint="give every group and indicator its own id")
            seen[group.id] = "group"
            for top in group.indicators:
                self._check_depth(top, 1)
                for ind in top.walk():
                    if ind.id in seen:
                        msg = f"id {ind.id!r} is used twice"
                        raise PlanError(
                            msg, indicator=ind.id, hint="give every indicator its own id"
                        )
                    seen[ind.id] = "indicator"
        org_ids = [u.id for u in self.org_units]
        if len(set(org_ids)) != len(org_ids):
            dup = next(i for i in org_ids if org_ids.count(i) > 1)
            msg = f"org unit id {dup!r} is used twice"
            raise PlanError(msg)
        registry = self.unit_registry()
        for ind in self.indicators():
            _check_indicator(ind, registry, len(self.org_units))
        for resp in self.responsibilities:
            for ref in resp.indicators:
                if seen.get(ref) != "indicator":
                    msg = f"responsibility of {resp.party!r} names unknown indicator {ref!r}"
                    raise PlanError(msg)

    @staticmethod
    def _check_depth(indicator: Indicator, depth: int) -> None:
        if depth > MAX_DEPTH:
            msg = f"criteria are nested deeper than {MAX_DEPTH} levels"
            raise PlanError(msg, indicator=indicator.id, hint="flatten the composite")
        for c in indicator.criteria:
            Plan._check_depth(c, depth + 1)

    def __repr__(self) -> str:
        count = sum(1 for _ in self.top_indicators())
        return f"<Plan {self.id!r}: {self.title} ({self.year}), {count} indicators>"

    def _repr_html_(self) -> str:
        from thidua.display import plan_html  # noqa: PLC0415  (the notebook face)

        return plan_html(self)

    def unit_registry(self) -> Units:
        """The unit registry of this plan: the domain's units plus the plan's own."""
        try:
            return units_with(self.units)
        except ThiduaError as exc:
            raise PlanError(exc.what(), key="units", hint=exc.hint) from None

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
        """The indicator (or criterion) with this id.

        Raises:
            PlanError: No indicator has it.
        """
        for ind in self.indicators():
            if ind.id == indicator_id:
                return ind
        msg = f"the plan has no indicator {indicator_id!r}"
        raise PlanError(msg, indicator=indicator_id)

    def org_unit(self, key: str) -> OrgUnit | None:
        """The org unit with this id, or else this name (any case), or None."""
        for unit in self.org_units:
            if unit.id == key:
                return unit
        folded = unicodedata.normalize("NFC", key).casefold()
        for unit in self.org_units:
            if unit.name.casefold() == folded:
                return unit
        return None


def _check_indicator(ind: Indicator, registry: Units, org_unit_count: int) -> None:
    where: dict[str, Any] = {"indicator": ind.id}
    try:
        if ind.unit is not None:
            registry.resolve(ind.unit)
        rule = ind.rule
        if isinstance(rule, OrgUnits):
            if org_unit_count == 0:
                msg = f"rule {str(rule)!r} counts org units, but the plan has none"
                raise PlanError(msg, hint="add [[org_units]] to the plan", **where)
            if rule.count is not None and rule.count > org_unit_count:
                msg = f"rule {str(rule)!r} asks for more org units than the plan's {org_unit_count}"
                raise PlanError(msg, **where)
            rule = ind.unit_rule
        if isinstance(rule, Comparison):
            _check_comparison(rule, ind.unit, registry, where)
        if isinstance(rule, Flag) and ind.unit is not None:
            msg = f"a yes/no rule ({rule}) takes no unit, but unit = {ind.unit!r}"
            raise PlanError(msg, hint="remove the unit", **where)
        if ind.rate and ind.unit not in (None, "percent", "dimensionless"):
            msg = f"a rate indicator must be in percent, not {ind.unit!r}"
            raise PlanError(msg, **where)
        if ind.aggregation is Aggregation.RATE and not ind.rate:
            msg = "aggregation = 'rate' needs rate = true (numerators and denominators)"
            raise PlanError(msg, **where)
        if isinstance(rule, Flag) and ind.aggregation not in (None, Aggregation.LAST):
            how = ind.aggregation.value if ind.aggregation else ""
            msg = f"a yes/no indicator can only take its last value, not {how!r}"
            raise PlanError(msg, hint="use aggregation = 'last'", **where)
        if ind.is_composite and ind.aggregation is not None:
            msg = "a composite indicator has no figures of its own to aggregate"
            raise PlanError(msg, hint="set aggregation on its criteria", **where)
        for bound in (ind.minimum, ind.maximum):
            if bound is not None:
                registry.require_compatible(bound.unit, ind.unit)
    except PlanError:
        raise
    except ThiduaError as exc:
        raise PlanError(exc.what(), hint=exc.hint, **where) from None


def _check_comparison(
    rule: Comparison, unit: str | None, registry: Units, where: dict[str, Any]
) -> None:
    operand = rule.operand
    if isinstance(operand, Quantity):
        registry.require_compatible(operand.unit, unit)
    elif isinstance(operand, Previous) and operand.offset is not None:
        registry.require_compatible(operand.offset.unit, unit)
    factor = operand.factor if isinstance(operand, Previous | Assigned) else None
    if (
        factor is not None
        and factor.unit is not None
        and registry.resolve(factor.unit).dimension != "dimensionless"
    ):
        msg = f"the factor in {str(rule)!r} must be a percent or a plain number"
        raise PlanError(msg, **where)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan from a TOML plan file.

    Raises:
        PlanError: The file cannot be read, is not valid TOML, or describes an
            invalid plan; the error names the file, the key path and, where it
            can, the line.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="plan file", max_bytes=MAX_PLAN_BYTES, error=PlanError)
    return loads_plan(text, file=name)


def loads_plan(text: str, *, file: str | None = None) -> Plan:
    """Read a plan from TOML text; see :func:`load_plan`.

    .. versionadded:: 0.1.0
    """
    from thidua._planfile import structure_plan  # noqa: PLC0415  (cattrs only when reading files)

    return structure_plan(text, file=file or "<plan>")


def dumps_plan(plan: Plan) -> str:
    """Write a plan as TOML text that :func:`loads_plan` reads back equal.

    .. versionadded:: 0.1.0
    """
    from thidua._planfile import unstructure_plan  # noqa: PLC0415

    return unstructure_plan(plan)


def dump_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write a plan to a TOML plan file (UTF-8).

    .. versionadded:: 0.1.0
    """
    with open(path, "w", encoding="utf-8") as file:
        file.write(dumps_plan(plan))
