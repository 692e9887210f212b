"""The benchmarks' synthetic data: the seed plan's figures for many units, in every form.

Everything here is built before any clock starts.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import attrs

import thidua
from thidua import Dataset, Quantity
from thidua.clusters import Cluster, Member
from thidua.data import dump_data
from thidua.plans import OrgUnit

#: The example cluster whose scheme and classification (d) ranks with.
CLUSTER = "cum-phuong-cao-lanh-2024"


def member_id(n: int) -> str:
    """The id of the ``n``-th synthetic unit (``U00000``)."""
    return f"U{n:05d}"


@functools.lru_cache(maxsize=4)
def synthetic(units: int, seed: int = 2024) -> tuple[thidua.Plan, list[Member], dict[str, Dataset]]:
    """The seed plan's annual figures for 2023 and 2024, varied per unit (exact decimals).

    Memoised (the datasets are immutable): (c) and the pint loop share them.
    The first ``n`` units are the same whatever ``units`` is.
    """
    plan = thidua.examples.hoa_thuan_2024()
    base = [
        o
        for o in thidua.examples.data("hoa-thuan-2024", plan=plan)
        if o.period.kind.value == "year" and o.kind.value != "estimate"
    ]
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    members = [Member(member_id(n), f"Đơn vị {n}") for n in range(units)]
    data = {}
    for member in members:
        observations = []
        for obs in base:
            value = obs.value
            if isinstance(value, Quantity) and value.magnitude > 0 and value.unit != "percent":
                value = Quantity(value.magnitude * Fraction(rng.randint(90, 110), 100), value.unit)
            elif isinstance(value, Quantity) and value.unit == "percent":
                value = Quantity(min(100, value.magnitude + rng.randint(-3, 3)), value.unit)
            observations.append(attrs.evolve(obs, value=value))
        data[member.id] = Dataset(observations)
    return plan, members, data


def shared(data: Mapping[str, Dataset], *, notes: bool = True) -> Dataset:
    """One dataset naming the units: ``U00000`` for a unit's figures, ``U00000/K1`` for a khóm's."""
    return Dataset(
        attrs.evolve(
            o,
            org_unit=m if o.org_unit is None else f"{m}/{o.org_unit}",
            note=o.note if notes else None,
        )
        for m, dataset in data.items()
        for o in dataset
    )


def plan_org_units(
    plan: thidua.Plan, members: list[Member], data: Mapping[str, Dataset]
) -> tuple[thidua.Plan, Dataset]:
    """The units as the plan's own org units, and their figures (a unit has no khóm of its own)."""
    units = attrs.evolve(plan, org_units=tuple(OrgUnit(m.id, m.name) for m in members))
    own = Dataset(
        attrs.evolve(o, org_unit=m)
        for m, dataset in data.items()
        for o in dataset
        if not o.org_unit
    )
    return units, own


def rolled_up(plan: thidua.Plan) -> frozenset[str]:
    """The indicators whose ward figure may be rolled up from its khóm (``across_org_units``)."""
    return frozenset(i.id for i in plan.indicators() if i.across_org_units is not None)


def khom_rollup(
    plan: thidua.Plan, data: Mapping[str, Dataset], seed: int = 66
) -> dict[str, Dataset]:
    """A dataset per unit in which the roll-up indicators' figures are given only per khóm.

    Each unit figure of an indicator that declares ``across_org_units = "sum"``
    (2023 and 2024) is split into the plan's 5 khóm: four shares of 15–25 %
    and the rest, all exact decimals that add up to the unit's figure exactly;
    the unit's own row for it is dropped, so the ward's figure must be rolled up.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    khom = [u.id for u in plan.org_units]
    split = rolled_up(plan)
    for indicator in split:
        how = plan.indicator(indicator).across_org_units
        if how is None or how.value != "sum":
            msg = f"{indicator}: only across_org_units = 'sum' is split here, not {how}"
            raise NotImplementedError(msg)
    out = {}
    for member, dataset in data.items():
        observations = []
        for obs in dataset:
            if obs.indicator not in split or obs.org_unit is not None:
                observations.append(obs)
                continue
            if not isinstance(obs.value, Quantity):
                msg = f"{member} {obs.indicator} {obs.period}: no figure to split"
                raise TypeError(msg)
            whole = obs.value.magnitude
            shares = [whole * Fraction(rng.randint(15, 25), 100) for _ in khom[1:]]
            parts = [whole - sum(shares, Fraction(0)), *shares]
            observations.extend(
                attrs.evolve(obs, org_unit=unit, value=Quantity(part, obs.value.unit))
                for unit, part in zip(khom, parts, strict=True)
            )
        out[member] = Dataset(observations)
    return out


def data_file(units: int, folder: Path) -> tuple[thidua.Plan, Path]:
    """The synthetic figures of ``units`` units as one CSV file (the unit in org_unit).

    Numbers are written ``en`` (``2.755 billion_VND``, ``94.9 %``, ``true``);
    860,000 observations at 10,000 units.
    """
    plan, _, data = synthetic(units)
    path = folder / "data.csv"
    path.write_text(dump_data(shared(data, notes=False)), encoding="utf-8")
    return plan, path


def synthetic_cluster(size: int, seed: int = 1000) -> Cluster:
    """A cluster of ``size`` synthetic members with the example cluster's scheme.

    The members are the first ``size`` units of :func:`synthetic`; some have a
    women's share and events (the example's own event ids), at random.
    """
    example = thidua.examples.cluster(CLUSTER)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    events = ("sang-kien", "phe-binh", "lanh-dao-ky-luat", "su-co-nghiem-trong")
    members = []
    for n in range(size):
        happened = {e: rng.randint(1, 2) for e in events if rng.random() < 0.08}
        share = rng.choice([None, None, "45%", "50%", "72%"])
        members.append(Member(member_id(n), f"Đơn vị {n}", women_share=share, events=happened))
    return attrs.evolve(
        example,
        id=f"{example.id}-synthetic",
        name=f"{example.name} ({size} đơn vị tổng hợp)",
        members=tuple(members),
    )
