"""Small builders shared by the tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thidua import Indicator, IndicatorGroup, OrgUnit, Plan


def plan_of(*indicators: Indicator, org_units: int | Sequence[OrgUnit] = 0, **fields: Any) -> Plan:
    """A plan for 2024 with one group holding ``indicators``, and ``org_units`` khóm."""
    if isinstance(org_units, int):
        org_units = [OrgUnit(f"K{i}", f"Khóm {i}") for i in range(1, org_units + 1)]
    return Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[IndicatorGroup("G", "g", indicators=indicators)],
        org_units=org_units,
        **fields,
    )
