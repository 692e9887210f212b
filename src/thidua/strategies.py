"""Hypothesis strategies for testing code that uses thidua (the ``testing`` extra).

Like ``hypothesis.extra.*``, this module needs hypothesis installed
(``pip install 'thidua[testing]'``) and is never imported by thidua itself.

The one testers need most is :func:`values_for`: for a rule and a status, cases
(the value, with the ``previous`` and ``assigned`` it needs) that the rule
judges achieved, not achieved, exactly on its boundary, without data, or not
applicable::

    from hypothesis import given
    from thidua import Status, check, parse_rule
    from thidua.strategies import values_for

    RULE = parse_rule("giảm 02 hộ/năm")

    @given(values_for(RULE, Status.ACHIEVED))
    def test_my_checker_agrees(case):
        expected = check(RULE, case.value, previous=case.previous)
        assert my_checker(case.value, case.previous) == expected

The other strategies build the rest of the model: :func:`quantities`,
:func:`rules` and :func:`rule_texts` (canonical or Vietnamese), :func:`periods`,
:func:`indicators`, :func:`plans` and :func:`datasets`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from thidua.data import Dataset, Kind, Observation, Value
from thidua.errors import DataError, ExtraNotInstalledError
from thidua.evaluation import Status, check
from thidua.periods import Period, PeriodKind
from thidua.plans import Aggregation, Combine, Indicator, IndicatorGroup, OrgUnit, Plan
from thidua.rules import (
    TERM_RULE_CLASSES,
    AnnualChange,
    AnnualGrowth,
    Assigned,
    ByYear,
    Comparison,
    Cumulative,
    Flag,
    Op,
    OrgUnits,
    Previous,
    Range,
    Rule,
)
from thidua.units import Quantity, Ratio, default_units

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised with hypothesis hidden
    _msg = "thidua.strategies needs hypothesis, which is not installed"
    raise ExtraNotInstalledError(
        _msg,
        code="extra.missing",
        vi="thidua.strategies cần gói hypothesis, nhưng máy chưa cài gói này",
        hint="install the 'testing' extra: pip install 'thidua[testing]'",
        hint_vi="hãy cài phần bổ sung 'testing': pip install 'thidua[testing]'",
    ) from None

__all__ = [
    "BOUNDARY",
    "COUNT_UNITS",
    "TERM_KINDS",
    "Case",
    "datasets",
    "decimals",
    "indicators",
    "periods",
    "plans",
    "quantities",
    "rule_texts",
    "rules",
    "values_for",
]

#: The status-like name for cases exactly on a rule's boundary.
BOUNDARY: Literal["boundary"] = "boundary"

#: The domain's units that count things.
COUNT_UNITS: tuple[str, ...] = tuple(u.name for u in default_units() if u.count)

_UNITS: tuple[str | None, ...] = (None, "percent", "point", "VND", "million_VND", *COUNT_UNITS)


@attrs.frozen
class Case:
    """A value to check against a rule, with what the rule needs and the status expected.

    .. versionadded:: 0.1.0
    """

    #: The rule.
    rule: Rule
    #: The actual value (for org-unit rules, a mapping of org unit to value).
    value: Any
    #: The status :func:`thidua.check` gives.
    expected: Status
    #: The previous value, if the rule needs one.
    previous: Value | None = None
    #: The assigned target, if the rule needs one.
    assigned: Value | None = None

    def check(self) -> Status:
        """What :func:`thidua.check` says for this case (equal to :attr:`expected`)."""
        return check(self.rule, self.value, previous=self.previous, assigned=self.assigned)


def decimals(*, min_value: int = -(10**6), max_value: int = 10**6, places: int = 4) -> Any:
    """Exact decimals (fractions with a finite decimal form) with up to ``places`` places."""

    @st.composite
    def build(draw: Any) -> Fraction:
        p = draw(st.integers(0, places))
        return Fraction(draw(st.integers(min_value * 10**p, max_value * 10**p)), 10**p)

    return build()


def quantities(
    unit: str | Sequence[str | None] | None = _UNITS,
    *,
    min_value: int = -(10**6),
    max_value: int = 10**6,
    places: int = 4,
) -> Any:
    """Exact quantities of ``unit`` (a unit name, None for bare numbers, or a list to pick from)."""
    units = [unit] if unit is None or isinstance(unit, str) else list(unit)
    return st.builds(
        Quantity,
        decimals(min_value=min_value, max_value=max_value, places=places),
        st.sampled_from(units),
    )


_KINDS = (
    "quantity",
    "previous",
    "previous_offset",
    "previous_factor",
    "assigned",
    "assigned_factor",
    "flag",
    "org_units",
    "previous_change",
    "base_year",
    "base_year_offset",
    "base_year_factor",
    "range",
    "org_units_total",
)

#: The kinds of term targets :func:`rules` draws when asked (``kinds=TERM_KINDS``).
#:
#: .. versionadded:: 0.4.0
TERM_KINDS = ("by_year", "cumulative", "annual_growth", "annual_change")

#: The base years rules are drawn with: before any year :func:`plans` draws.
_BASE_YEARS = (1990, 1999)


def _notes() -> Any:
    """A rule's note: mostly none, sometimes the plan's words (never part of the meaning)."""
    return st.sampled_from(["", "", "", "hộ dân được dùng nước sạch"])


def rules(
    *,
    kinds: Sequence[str] = _KINDS,
    unit: str | Sequence[str | None] | None = _UNITS,
    max_org_units: int = 20,
) -> Any:
    """Rules of every form of the grammar (or only ``kinds``), thresholds in ``unit``.

    .. versionchanged:: 0.3.0
       Also open changes (``previous_change``), base years (``base_year``,
       ``base_year_offset``, ``base_year_factor``), ranges (``range``), org-unit
       counts with their total (``org_units_total``), and notes.
    .. versionchanged:: 0.4.0
       Term targets, when asked for (``kinds=TERM_KINDS``: ``by_year``,
       ``cumulative``, ``annual_growth``, ``annual_change``).
    """

    @st.composite
    def build(draw: Any) -> Rule:
        rule: Rule = draw(plain())
        note = draw(_notes())
        return attrs.evolve(rule, note=note) if note else rule

    @st.composite
    def plain(draw: Any) -> Rule:
        kind = draw(st.sampled_from(list(kinds)))
        op = draw(st.sampled_from(list(Op)))
        factors = quantities(["percent", None], min_value=0, max_value=1000)
        if kind == "quantity":
            return Comparison(op, draw(quantities(unit)))
        if kind == "previous":
            return Comparison(op, Previous())
        if kind == "previous_offset":
            return Comparison(
                op, Previous(offset=draw(quantities(unit, min_value=-1000, max_value=1000)))
            )
        if kind == "previous_factor":
            return Comparison(op, Previous(factor=draw(factors)))
        if kind == "assigned":
            return Comparison(op, Assigned())
        if kind == "assigned_factor":
            return Comparison(op, Assigned(factor=draw(factors)))
        if kind == "flag":
            return Flag(draw(st.booleans()))
        if kind == "previous_change":
            change = draw(quantities("percent", min_value=-100, max_value=100))
            return Comparison(op, Previous(change=change))
        if kind.startswith("base_year"):
            year = draw(st.integers(*_BASE_YEARS))
            if kind == "base_year_offset":
                offset = draw(quantities(unit, min_value=-1000, max_value=1000))
                return Comparison(op, Previous(offset=offset, year=year))
            if kind == "base_year_factor":
                return Comparison(op, Previous(factor=draw(factors), year=year))
            return Comparison(op, Previous(year=year))
        if kind in TERM_KINDS:
            term: Rule = draw(_term_rule(kind, unit))
            return term
        if kind == "range":
            low = draw(quantities(unit))
            width = draw(decimals(min_value=0, max_value=1000).filter(lambda d: d > 0))
            high = Quantity(low.magnitude + width, low.unit)
            return Range(low, high, draw(st.sampled_from([Op.GE, Op.LE])))
        count = draw(st.none() | st.integers(0, max_org_units))
        total = None
        if kind == "org_units_total":
            total = draw(st.integers(max(count or 0, 1), max(max_org_units, 1)))
        return OrgUnits(count, Op.GE if count is None else op, total=total)

    return build()


def _term_rule(kind: str, unit: str | Sequence[str | None] | None) -> Any:
    """A term target of ``kind`` (one of :data:`TERM_KINDS`)."""

    @st.composite
    def build(draw: Any) -> Rule:
        op = draw(st.sampled_from([Op.GE, Op.GT, Op.LE, Op.LT]))
        if kind == "by_year":
            return ByYear(op, draw(quantities(unit)), draw(st.integers(2001, 2100)))
        if kind == "cumulative":
            start = draw(st.integers(2001, 2100))
            end = draw(st.integers(start, start + 10))
            return Cumulative(op, draw(quantities(unit)), start, end)
        if kind == "annual_growth":
            factors = quantities(["percent", None], min_value=0, max_value=1000)
            return AnnualGrowth(op, draw(factors.filter(lambda q: q.magnitude > 0)))
        step = draw(quantities(unit, min_value=-1000, max_value=1000))
        return AnnualChange(op, step)

    return build()


def _phrases() -> list[tuple[str, str]]:
    from thidua.rules._vietnamese import phrase_table  # noqa: PLC0415

    return [
        (example, "vi")
        for row in phrase_table()
        if not row.meaning.startswith("refuse")
        for example in row.examples
    ]


def rule_texts(*, vietnamese: bool = True, canonical: bool = True) -> Any:
    """Rule texts that :func:`thidua.parse_rule` reads: canonical forms, Vietnamese phrasings.

    Vietnamese texts come from the phrase table, in NFC or NFD and any case.
    """
    import unicodedata  # noqa: PLC0415

    choices = []
    if canonical:
        choices.append(rules().map(str))
    if vietnamese:
        examples = [text for text, _ in _phrases()]
        forms: list[Literal["NFC", "NFD"]] = ["NFC", "NFD"]
        cases: list[Callable[[str], str]] = [str, str.upper, str.lower]

        @st.composite
        def phrasing(draw: st.DrawFn) -> str:
            text = draw(st.sampled_from(examples))
            return unicodedata.normalize(
                draw(st.sampled_from(forms)), draw(st.sampled_from(cases))(text)
            )

        choices.append(phrasing())
    if not choices:
        msg = "rule_texts() needs canonical or vietnamese texts"
        raise DataError(
            msg,
            code="strategy.impossible",
            vi="rule_texts() cần ít nhất một loại văn bản: canonical hoặc vietnamese",
        )
    return st.one_of(*choices)


def periods(
    *, kinds: Sequence[PeriodKind] = tuple(PeriodKind), min_year: int = 1990, max_year: int = 2100
) -> Any:
    """Periods: years, halves, quarters, months and ranges of days."""

    @st.composite
    def build(draw: Any) -> Period:
        kind = draw(st.sampled_from(list(kinds)))
        if kind is PeriodKind.RANGE:
            start = draw(st.dates(dt.date(min_year, 1, 1), dt.date(max_year - 1, 12, 31)))
            return Period.range(start, start + dt.timedelta(days=draw(st.integers(0, 400))))
        return Period(
            draw(st.integers(min_year, max_year)), kind, draw(st.integers(1, 12 // kind.months))
        )

    return build()


def _ids(prefix: str) -> Any:
    return st.integers(1, 999).map(lambda n: f"{prefix}{n:03d}")


#: Characters of names as people write them: no control characters (which plans refuse).
_SAFE = st.characters(
    exclude_categories=("Cc", "Cs", "Zl", "Zp"),
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)


def indicators(*, composite: bool | None = None, max_depth: int = 2, org_units: bool = True) -> Any:
    """Indicators with consistent unit and rule; composites with criteria when allowed."""

    @st.composite
    def simple(draw: Any) -> Indicator:
        unit = draw(st.sampled_from(_UNITS))
        kinds = [k for k in _KINDS if k != "flag" and (org_units or k != "org_units")]
        rule_kind = draw(st.sampled_from([*kinds, "flag"]))
        if rule_kind == "flag":
            return Indicator(
                draw(_ids("F")),
                draw(st.text(_SAFE, min_size=1, max_size=20).filter(str.strip)),
                rule=Flag(True),
            )
        if rule_kind == "previous_change" and unit is None:
            unit = draw(st.sampled_from(["percent", "household"]))  # an open change needs one
        rule = draw(rules(kinds=[rule_kind], unit=unit))
        if isinstance(rule, OrgUnits):
            return Indicator(
                draw(_ids("O")),
                "Số khóm đạt",
                rule=OrgUnits(
                    min(rule.count or 0, 3) if rule.count is not None else None,
                    rule.op,
                    total=None if rule.total is None else 3,  # the three org units of plans()
                    note=rule.note,
                ),
            )
        aggregation = draw(
            st.sampled_from([None, Aggregation.SUM, Aggregation.LAST, Aggregation.MEAN])
        )
        return Indicator(
            draw(_ids("I")),
            draw(st.text(_SAFE, min_size=1, max_size=30).filter(str.strip)),
            unit=unit,
            rule=rule,
            aggregation=aggregation,
        )

    def tree(depth: int) -> Any:
        if depth == 0 or composite is False:
            return simple()
        leaf_or_tree = simple() if composite is None else st.nothing()

        @st.composite
        def composite_indicator(draw: Any) -> Indicator:
            criteria = draw(st.lists(tree(depth - 1), min_size=1, max_size=3))
            return Indicator(
                draw(_ids("C")),
                "Chỉ tiêu tổng hợp",
                combine=draw(st.sampled_from(list(Combine))),
                criteria=criteria,
            )

        return leaf_or_tree | composite_indicator()

    return tree(max_depth)


def _unique_ids(indicator: Indicator, seen: set[str]) -> Indicator:
    """The indicator with ids made unique (suffixes), so any tree forms a valid plan."""
    new_id = indicator.id
    n = 1
    while new_id in seen:
        n += 1
        new_id = f"{indicator.id}_{n}"
    seen.add(new_id)
    criteria = tuple(_unique_ids(c, seen) for c in indicator.criteria)
    return attrs.evolve(indicator, id=new_id, criteria=criteria)


def plans(*, max_indicators: int = 6, year: int | None = None) -> Any:
    """Valid plans: one or two groups of indicators, three org units, a year."""

    @st.composite
    def build(draw: Any) -> Plan:
        seen: set[str] = {"G1", "G2"}
        drawn = draw(st.lists(indicators(), min_size=1, max_size=max_indicators))
        unique = [_unique_ids(i, seen) for i in drawn]
        cut = draw(st.integers(0, len(unique)))
        groups = [IndicatorGroup("G1", "Nhóm 1", indicators=unique[:cut] or unique)]
        if unique[cut:] and cut:
            groups.append(IndicatorGroup("G2", "Nhóm 2", indicators=unique[cut:]))
        return Plan(
            "plan",
            "Kế hoạch thi đua",
            year=year or draw(st.integers(2000, 2099)),
            org_units=[OrgUnit(f"K{i}", f"Khóm {i}") for i in range(1, 4)],
            groups=groups,
        )

    return build()


def _leaf_value(draw: Any, indicator: Indicator) -> Value | None:
    rule = indicator.rule if not isinstance(indicator.rule, OrgUnits) else indicator.unit_rule
    value: Value | None
    if isinstance(rule, Flag):
        value = draw(st.none() | st.booleans())
        return value
    unit = indicator.unit
    low = 0 if unit is not None and default_units().resolve(unit).count else -(10**4)
    value = draw(st.none() | quantities(unit, min_value=low, max_value=10**4))
    return value


def _references(indicator: Indicator, period: Period) -> tuple[Period, ...]:
    """The periods before ``period`` whose figures the indicator's rule may compare with."""
    rule = indicator.rule
    operand = rule.operand if isinstance(rule, Comparison) else None
    if isinstance(operand, Previous) and operand.year is not None:
        return (period.previous(), operand.reference_period(period))
    return (period.previous(),)


def datasets(plan: Plan, period: Period | str | None = None) -> Any:
    """Datasets for ``plan``: values for the period and the one before, assigned targets."""
    from thidua.periods import parse_period  # noqa: PLC0415

    chosen = parse_period(period if period is not None else plan.year)

    @st.composite
    def build(draw: Any) -> Dataset:
        observations = []
        for indicator in plan.indicators():
            if indicator.is_composite:
                continue
            # a base year may be the period before: each period once (no duplicate rows)
            for when in dict.fromkeys((chosen, *_references(indicator, chosen))):
                if isinstance(indicator.rule, OrgUnits):
                    for org_unit in plan.org_units:
                        value = _leaf_value(draw, indicator)
                        if value is not None:
                            observations.append(
                                Observation(indicator.id, when, value=value, org_unit=org_unit.id)
                            )
                    continue
                value = _leaf_value(draw, indicator)
                if value is not None:
                    observations.append(Observation(indicator.id, when, value=value))
            if isinstance(indicator.rule, Comparison) and isinstance(
                indicator.rule.operand, Assigned
            ):
                assigned = _leaf_value(draw, indicator)
                if assigned is not None:
                    observations.append(
                        Observation(indicator.id, chosen, value=assigned, kind=Kind.ASSIGNED)
                    )
        return Dataset(observations)

    return build()


# ------------------------------------------------------------------ values_for


def _base_unit(rule: Comparison | Range, unit: str | None) -> str | None:
    if unit is not None:
        return unit
    if isinstance(rule, Range):
        return rule.low.unit
    operand = rule.operand
    if isinstance(operand, Quantity):
        return operand.unit
    if isinstance(operand, Previous) and operand.offset is not None:
        return operand.offset.unit
    return None


def _threshold(rule: Comparison | Range, reference: Quantity | None) -> Quantity:
    """The threshold the rule resolves to, given the previous/assigned reference."""
    units = default_units()
    if isinstance(rule, Range):
        return rule.threshold
    operand = rule.operand
    if isinstance(operand, Quantity):
        return operand
    assert reference is not None  # noqa: S101 - drawn by the caller
    shift = operand.offset if isinstance(operand, Previous) else None
    factor = operand.factor
    change = operand.change if isinstance(operand, Previous) else None
    if change is not None:  # points on a rate, relative on any other unit
        rate = reference.unit is not None and units.resolve(reference.unit).dimension == (
            "dimensionless"
        )
        if rate:
            shift = change
        else:
            factor = Quantity(100 + change.magnitude, "percent")
    if shift is not None:
        offset = units.convert(shift.with_unit(reference.unit), reference.unit)
        return Quantity(reference.magnitude + offset.magnitude, reference.unit)
    if factor is not None:
        base, _ = units.base(factor)
        return Quantity(reference.magnitude * base, reference.unit)
    return reference


_SIDES = {
    # op: (offsets that achieve, offsets that do not), as signs: +1 above, 0 equal, -1 below
    Op.GE: ((0, 1), (-1,)),
    Op.GT: ((1,), (0, -1)),
    Op.LE: ((0, -1), (1,)),
    Op.LT: ((-1,), (0, 1)),
    Op.EQ: ((0,), (1, -1)),
    Op.NE: ((1, -1), (0,)),
}


def values_for(
    rule: Rule | str,
    status: Status | Literal["boundary"] = Status.ACHIEVED,
    *,
    unit: str | None = None,
) -> Any:
    """Cases that ``rule`` judges with ``status``, or that sit exactly on its boundary.

    Args:
        rule: A rule or rule text.
        status: :class:`~thidua.Status` to aim for, or ``"boundary"`` for values
            exactly at the threshold (achieved for ``>=``, ``<=``, ``==``; not for
            ``>``, ``<``, ``!=``) -- the case where float arithmetic goes wrong.
        unit: The indicator's unit, if values should be given in it; by default
            the rule's own unit. Values of count units (households, persons,
            cases) are whole numbers where the rule's numbers are.

    Returns:
        A strategy of :class:`Case`, whose :attr:`~Case.expected` status is what
        :func:`thidua.check` gives.

    Raises:
        DataError: No value can have that status for that rule (``not_applicable``
            for a yes/no or org-unit rule, a boundary for a yes/no rule,
            ``no_data`` for ``>= 0 org units``); a ``ValueError`` too.
    """
    from thidua.rules import parse_rule  # noqa: PLC0415

    parsed = parse_rule(rule)
    if status != BOUNDARY:
        status = Status(status)
    if isinstance(parsed, Flag):
        return _flag_cases(parsed, status)
    if isinstance(parsed, OrgUnits):
        return _org_unit_cases(parsed, status)
    if isinstance(parsed, TERM_RULE_CLASSES):
        msg = f"values_for draws values for yearly rules; {parsed} is a term target"
        raise DataError(
            msg,
            code="strategy.impossible",
            vi=f"values_for chỉ tạo giá trị cho mức yêu cầu hằng năm; '{parsed}' là chỉ tiêu"
            " nhiệm kỳ",
        )
    return _comparison_cases(parsed, status, unit)


def _flag_cases(rule: Flag, status: Status | str) -> Any:
    if status == BOUNDARY or status is Status.NOT_APPLICABLE:
        shown = status if isinstance(status, str) else status.value
        msg = f"a yes/no rule has no {shown} values"
        raise DataError(
            msg,
            code="strategy.impossible",
            vi=f"mức yêu cầu đạt/không đạt không có giá trị nào cho kết quả {shown}",
        )
    if status is Status.NO_DATA:
        return st.just(Case(rule, None, Status.NO_DATA))
    assert isinstance(status, Status)  # noqa: S101 - the boundary was refused above
    value = rule.expected if status is Status.ACHIEVED else not rule.expected
    return st.just(Case(rule, value, status))


def _org_unit_cases(rule: OrgUnits, status: Status | str) -> Any:
    if status is Status.NOT_APPLICABLE:
        msg = "an org-unit rule is not applicable only when there are no org units to count"
        raise DataError(
            msg,
            code="strategy.impossible",
            vi="mức yêu cầu đếm số khóm/ấp chỉ không áp dụng khi không có khóm/ấp nào để đếm",
        )

    @st.composite
    def build(draw: Any) -> Case:
        smallest = max(rule.count or 1, 1) + 1  # room for every outcome: one more than required
        total = draw(st.integers(smallest, smallest + 5)) if rule.total is None else rule.total
        required = total if rule.count is None else rule.count
        op = rule.op
        if status == BOUNDARY:
            achieved, unknown = required, 0
        elif status is Status.NO_DATA:
            # enough unknown units that the answer could go either way
            choices = [
                (a, u)
                for a in range(total + 1)
                for u in range(1, total - a + 1)
                if len({op.holds(Fraction(a + k), Fraction(required)) for k in range(u + 1)}) == 2
            ]
            if not choices:
                msg = f"no way for {rule} to be undecided"
                raise DataError(
                    msg,
                    code="strategy.impossible",
                    vi=f"mức yêu cầu '{rule}' không thể rơi vào trường hợp chưa xác định được"
                    " kết quả",
                )
            achieved, unknown = draw(st.sampled_from(choices))
        else:
            want = status is Status.ACHIEVED
            options = [
                a for a in range(total + 1) if op.holds(Fraction(a), Fraction(required)) is want
            ]
            if not options:
                shown = getattr(status, "value", status)
                msg = f"{rule} cannot be {shown} with {total} org units"
                raise DataError(
                    msg,
                    code="strategy.impossible",
                    vi=f"mức yêu cầu '{rule}' không thể có kết quả {shown} với {total} khóm/ấp",
                )
            achieved, unknown = draw(st.sampled_from(options)), 0
        values: list[bool | None] = [True] * achieved + [None] * unknown
        values += [False] * (total - len(values))
        order = draw(st.permutations(values))
        mapping = {f"K{i + 1}": v for i, v in enumerate(order)}
        expected = check(rule, mapping)
        return Case(rule, mapping, expected)

    return build()


def _comparison_cases(rule: Comparison | Range, status: Status | str, unit: str | None) -> Any:
    operand = None if isinstance(rule, Range) else rule.operand

    @st.composite
    def build(draw: Any) -> Case:
        base_unit = _base_unit(rule, unit)
        if base_unit is None and isinstance(operand, Previous) and operand.change is not None:
            base_unit = draw(st.sampled_from(["percent", "household"]))  # an open change needs one
        # counts (households, persons, cases) are whole numbers, as offices report them
        places = 0 if base_unit is not None and default_units().resolve(base_unit).count else 4
        previous = assigned = None
        reference: Quantity | None = None
        if isinstance(operand, Previous | Assigned):
            reference = draw(quantities(base_unit, min_value=0, max_value=10**6, places=places))
            if isinstance(operand, Previous):
                previous = reference
            else:
                assigned = reference
        if status is Status.NO_DATA:
            if reference is not None and draw(st.booleans()):
                previous = assigned = None  # the rule's reference is missing
                value = draw(quantities(base_unit, min_value=0, max_value=10**6, places=places))
            else:
                value = None
            return Case(rule, value, Status.NO_DATA, previous, assigned)
        if status is Status.NOT_APPLICABLE:
            return Case(rule, Ratio(0, 0), Status.NOT_APPLICABLE, previous, assigned)
        threshold = _threshold(rule, reference)
        if status == BOUNDARY:
            side = 0
        else:
            achieving, failing = _SIDES[rule.op]
            side = draw(st.sampled_from(achieving if status is Status.ACHIEVED else failing))
        step = draw(decimals(min_value=0, max_value=10**4, places=places).filter(lambda d: d > 0))
        magnitude = threshold.magnitude + side * step
        value = Quantity(magnitude, threshold.unit if threshold.unit is not None else base_unit)
        if unit is not None and value.unit is not None and value.unit != unit:
            value = default_units().convert(value, unit)
        expected = check(rule, value, previous=previous, assigned=assigned)
        return Case(rule, value, expected, previous, assigned)

    return build()
