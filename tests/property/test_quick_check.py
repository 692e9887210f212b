"""check() takes a quick path for comparisons on quantities; it always agrees with assess()."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Quantity, Status, ThiduaError
from thidua.strategies import decimals, rules

_UNITS = st.sampled_from(
    [None, "percent", "household", "person", "VND", "million_VND", "billion_VND", "point"]
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.builds(Quantity, decimals(min_value=-1000, max_value=1000), _UNITS),
    st.sampled_from(["97,5%", "42 hộ", "3,2 tỷ đồng", "đạt", "abc", "", "1.234,5"]),
)


def _outcome(function: object, *args: object, **kwargs: object) -> Status | str:
    try:
        return function(*args, **kwargs)  # type: ignore[operator,no-any-return]
    except ThiduaError as exc:
        return type(exc).__name__


@given(rules(), _VALUES, _VALUES, _VALUES, _UNITS)
def test_check_agrees_with_assess(
    rule: thidua.Rule, value: object, previous: object, assigned: object, unit: str | None
) -> None:
    """Same status, or the same kind of error, whichever path check() takes."""
    if isinstance(rule, thidua.OrgUnits):
        return
    kwargs = {"previous": previous, "assigned": assigned, "unit": unit}
    quick = _outcome(thidua.check, rule, value, **kwargs)
    full = _outcome(lambda *a, **k: thidua.assess(*a, **k).status, rule, value, **kwargs)
    assert quick == full
