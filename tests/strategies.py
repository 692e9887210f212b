"""Hypothesis strategies for the project's own property tests."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from thidua import Assigned, Comparison, Flag, Op, OrgUnits, Previous, Quantity

UNITS = [
    "percent",
    "person",
    "household",
    "establishment",
    "case",
    "point",
    "VND",
    "million_VND",
    None,
]
COUNT_UNITS = [
    "person",
    "household",
    "establishment",
    "product",
    "project",
    "initiative",
    "case",
    "house",
    "task",
]

ops = st.sampled_from(list(Op))


@st.composite
def decimals(
    draw: st.DrawFn, *, max_places: int = 4, min_value: int = -(10**6), max_value: int = 10**6
) -> Fraction:
    """A decimal with up to ``max_places`` places."""
    places = draw(st.integers(0, max_places))
    scaled = draw(st.integers(min_value * 10**places, max_value * 10**places))
    return Fraction(scaled, 10**places)


def quantities(
    units: list[str | None] | None = None, *, non_negative: bool = False
) -> st.SearchStrategy[Quantity]:
    """Quantities with decimal magnitudes."""
    low = 0 if non_negative else -(10**6)
    return st.builds(
        Quantity, decimals(min_value=low), st.sampled_from(units if units is not None else UNITS)
    )


@st.composite
def rules(draw: st.DrawFn) -> Comparison | Flag | OrgUnits:
    """Any rule of the canonical grammar."""
    kind = draw(
        st.sampled_from(
            [
                "quantity",
                "previous",
                "previous_offset",
                "previous_factor",
                "assigned",
                "assigned_factor",
                "flag",
                "org",
            ]
        )
    )
    op = draw(ops)
    if kind == "quantity":
        return Comparison(op, draw(quantities()))
    if kind == "previous":
        return Comparison(op, Previous())
    if kind == "previous_offset":
        return Comparison(op, Previous(offset=draw(quantities())))
    if kind == "previous_factor":
        return Comparison(
            op, Previous(factor=draw(quantities(["percent", None], non_negative=True)))
        )
    if kind == "assigned":
        return Comparison(op, Assigned())
    if kind == "assigned_factor":
        return Comparison(
            op, Assigned(factor=draw(quantities(["percent", None], non_negative=True)))
        )
    if kind == "flag":
        return Flag(draw(st.booleans()))
    count = draw(st.none() | st.integers(0, 50))
    return OrgUnits(count, Op.GE if count is None else op)
