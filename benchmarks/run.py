"""thidua's speed goals, each figure printed next to its reference measured in the same run.

Run from the repository root, with thidua installed (``pip install .``)::

    python benchmarks/run.py            # all, 10,000 units
    python benchmarks/run.py --units 1000 --json results.json

(a) cold start: ``thidua evaluate --example hoa-thuan-2024`` against
    ``python -c "import pint"`` (best of several runs, bytecode cached);
(b) batch: the seed plan over N org units with synthetic data through
    ``evaluate_many`` (a dataset per unit; one dataset naming the units; the
    plan's own org units), per indicator-evaluation, against a hand-written loop of
    exact Fraction comparisons over the same numbers (the floor) and a naive loop
    of pint Quantity comparisons (what a user would write), also taken apart:
    same-unit comparisons, comparisons across units, and the quantities made in
    the loop;
(c) ``check()`` and ``parse_rule()`` calls per second;
(d) peak memory of (b) (tracemalloc);
(e) loading data: the same N units' figures written as one CSV file (one row an
    observation, the unit in ``org_unit``), read by ``load_data``: its peak and
    retained memory (tracemalloc) against the file's size, and its time against
    ``csv.reader`` reading the same file.

Targets: (a) ≤ 1.3×; (b) ≤ 5× the floor, ≥ 10× faster than pint, < 1 GiB;
(c) ≥ 50,000 check() calls per second; (e) peak memory ≤ 10× the file's size
(and, for a later goal, ≤ 8× the time of csv.reader).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import operator
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

import thidua
from thidua import Dataset, Quantity
from thidua.clusters import Member, evaluate_many
from thidua.data import dump_data, load_data
from thidua.plans import OrgUnit

_OPS = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


def _best(command: list[str], runs: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm: bytecode, disk
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def cold_start(runs: int) -> dict[str, Any]:
    """(a) the command line against importing pint."""
    thidua_s = _best(
        [sys.executable, "-m", "thidua.cli", "evaluate", "--example", "hoa-thuan-2024"], runs
    )
    pint_s = _best([sys.executable, "-c", "import pint"], runs)
    # pint imports numpy when it can (the test extras install it); a machine with
    # thidua alone has none, and imports pint faster: that ratio is the harder one
    bare = "import sys; sys.modules['numpy'] = None; import pint"
    bare_s = _best([sys.executable, "-c", bare], runs)
    return {
        "thidua_evaluate_s": thidua_s,
        "import_pint_s": pint_s,
        "ratio": thidua_s / pint_s,
        "import_pint_without_numpy_s": bare_s,
        "ratio_without_numpy": thidua_s / bare_s,
        "target_ratio": 1.3,
    }


def _leaves(plan: thidua.Plan) -> list[thidua.Indicator]:
    return [i for i in plan.indicators() if not i.is_composite]


def synthetic(units: int, seed: int = 2024) -> tuple[thidua.Plan, list[Member], dict[str, Dataset]]:
    """The seed plan's annual figures for 2023 and 2024, varied per unit (exact decimals)."""
    plan = thidua.examples.hoa_thuan_2024()
    base = [
        o
        for o in thidua.examples.data("hoa-thuan-2024", plan=plan)
        if o.period.kind.value == "year" and o.kind.value != "estimate"
    ]
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    members = [Member(f"U{n:05d}", f"Đơn vị {n}") for n in range(units)]
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


def _forms(
    plan: thidua.Plan, members: list[Member], data: dict[str, Dataset]
) -> dict[str, tuple[thidua.Plan, Any, list[Member] | None]]:
    """The same figures given to evaluate_many the three ways it takes them."""
    shared = Dataset(
        attrs.evolve(o, org_unit=m if o.org_unit is None else f"{m}/{o.org_unit}")
        for m, dataset in data.items()
        for o in dataset
    )
    # the plan's own org units (members by default; a unit has no khóm of its own)
    units = attrs.evolve(plan, org_units=tuple(OrgUnit(m.id, m.name) for m in members))
    own = Dataset(
        attrs.evolve(o, org_unit=m)
        for m, dataset in data.items()
        for o in dataset
        if not o.org_unit
    )
    return {
        "a dataset per unit": (plan, data, members),
        "one dataset naming the units": (plan, shared, members),
        "the plan's org units": (units, own, None),
    }


def _numbers(plan: thidua.Plan, data: dict[str, Dataset]) -> list[list[tuple[Any, ...]]]:
    """The same numbers as plain Fractions in base units, for the floor and pint loops."""
    units = plan.unit_registry()
    out = []
    for dataset in data.values():
        rows = []
        for leaf in _leaves(plan):
            rule = leaf.rule if not isinstance(leaf.rule, thidua.OrgUnits) else leaf.unit_rule
            if not isinstance(rule, thidua.Comparison):
                continue
            obs = dataset.get(leaf.id, "2024")
            if obs is None or not isinstance(obs.observed, Quantity | thidua.Ratio):
                continue
            actual = (
                obs.observed.quantity if isinstance(obs.observed, thidua.Ratio) else obs.observed
            )
            if actual is None:
                continue
            operand = rule.operand
            if isinstance(operand, Quantity):
                threshold = operand.with_unit(leaf.unit)
            else:
                kind = "actual" if isinstance(operand, thidua.Previous) else "assigned"
                period = "2023" if kind == "actual" else "2024"
                ref = dataset.get(leaf.id, period, kind=thidua.Kind(kind))
                if ref is None or not isinstance(ref.value, Quantity):
                    continue
                threshold = ref.value
            rows.append(
                (
                    actual,
                    threshold,
                    rule.op.value,
                    units.base(actual.with_unit(leaf.unit))[0],
                    units.base(threshold.with_unit(leaf.unit))[0],
                )
            )
        out.append(rows)
    return out


def batch(units: int) -> dict[str, Any]:
    """(b) and (d): evaluate_many over synthetic units, the floor, and naive pint."""
    plan, members, data = synthetic(units)
    evaluations = units * len(list(plan.indicators()))
    forms = _forms(plan, members, data)
    timed = {}
    for form, (template, given, chosen) in forms.items():
        # Building the data leaves the cyclic garbage collector a debt (a full pass
        # over every new object) that the next allocations would pay: paid here, untimed.
        gc.collect()
        start = time.perf_counter()
        many = evaluate_many(template, given, "2024", members=chosen)
        timed[form] = time.perf_counter() - start
        assert len(many) == units  # noqa: S101
        del many
    del forms
    elapsed = timed["a dataset per unit"]
    tracemalloc.start()  # again, for the memory alone (tracing slows it down)
    evaluate_many(plan, data, "2024", members=members)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    numbers = _numbers(plan, data)
    comparisons = sum(len(r) for r in numbers)
    start = time.perf_counter()
    for rows in numbers:  # the floor: exact comparisons, nothing else
        for _, _, op, a, t in rows:
            _OPS[op](a, t)
    floor = (time.perf_counter() - start) / comparisons
    import pint  # noqa: PLC0415 - only for the naive reference loop

    registry: Any = pint.UnitRegistry(non_int_type=Fraction)
    for name in (
        "household",
        "person",
        "establishment",
        "product",
        "project",
        "initiative",
        "case",
        "house",
        "point",
        "VND",
    ):
        registry.define(f"{name} = [{name}]")
    for name, factor in (("thousand_VND", 10**3), ("million_VND", 10**6), ("billion_VND", 10**9)):
        registry.define(f"{name} = {factor} VND")
    sample = numbers[: max(1, min(len(numbers), 200))]
    written = [
        [
            (a.magnitude, _pint_unit(a.unit), t.magnitude, _pint_unit(t.unit or a.unit), op)
            for a, t, op, _, _ in rows
        ]
        for rows in sample
    ]
    quantity = registry.Quantity
    pint_rows = [
        [(quantity(a, au), quantity(t, tu), _OPS[op]) for a, au, t, tu, op in rows]
        for rows in written
    ]
    done = sum(len(r) for r in pint_rows)
    start = time.perf_counter()
    for prows in pint_rows:  # what a user would write: pint quantities compared, units as given
        for qa, qt, compare in prows:
            compare(qa, qt)
    naive = (time.perf_counter() - start) / done
    # the same loop taken apart: figures against thresholds in the same unit (pint's
    # cheapest case), and rates against a percentage (a conversion on every comparison)
    cases: dict[str, tuple[int, float]] = {}
    for case, same in (("same unit", True), ("across units", False)):
        picked = [
            (qa, qt, c)
            for prows in pint_rows
            for qa, qt, c in prows
            if (qa.units == qt.units) is same
        ]
        start = time.perf_counter()
        for qa, qt, compare in picked:
            compare(qa, qt)
        if picked:
            cases[case] = (len(picked), (time.perf_counter() - start) / len(picked))
    start = time.perf_counter()
    for wrows in written:  # the quantities made from the numbers in the loop itself
        for a, au, t, tu, op in wrows:
            _OPS[op](quantity(a, au), quantity(t, tu))
    built = (time.perf_counter() - start) / done
    per = elapsed / evaluations
    return {
        "units": units,
        "indicator_evaluations": evaluations,
        "evaluate_many_s": elapsed,
        "per_evaluation_us": per * 1e6,
        "floor_per_comparison_us": floor * 1e6,
        "pint_per_comparison_us": naive * 1e6,
        "ratio_to_floor": per / floor,
        "speedup_over_pint": naive / per,
        "pint_cases": {
            case: {
                "comparisons": n,
                "per_comparison_us": seconds * 1e6,
                "speedup_over_pint": seconds / per,
            }
            for case, (n, seconds) in cases.items()
        }
        | {
            "quantities built in the loop": {
                "comparisons": done,
                "per_comparison_us": built * 1e6,
                "speedup_over_pint": built / per,
            }
        },
        "forms": {
            form: {
                "seconds": seconds,
                "per_evaluation_us": seconds / evaluations * 1e6,
                "ratio_to_floor": seconds / evaluations / floor,
                "speedup_over_pint": naive / (seconds / evaluations),
            }
            for form, seconds in timed.items()
        },
        "peak_memory_mib": peak / 2**20,
        "targets": {"ratio_to_floor": 5, "speedup_over_pint": 10, "peak_memory_mib": 1024},
    }


def _pint_unit(unit: str | None) -> str:
    return {None: "dimensionless", "percent": "percent"}.get(unit, unit or "dimensionless")


def data_file(units: int, folder: Path) -> tuple[thidua.Plan, Path]:
    """The synthetic figures of ``units`` units as one CSV file (the unit in org_unit)."""
    plan, _, data = synthetic(units)
    shared = Dataset(
        attrs.evolve(o, note=None, org_unit=m if o.org_unit is None else f"{m}/{o.org_unit}")
        for m, dataset in data.items()
        for o in dataset
    )
    path = folder / "data.csv"
    path.write_text(dump_data(shared), encoding="utf-8")
    return plan, path


def _csv_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.reader(file))


def loading(units: int, runs: int = 3) -> dict[str, Any]:
    """(e) load_data of N units' figures: memory against the file's size, time against csv."""
    with tempfile.TemporaryDirectory() as folder:
        plan, path = data_file(units, Path(folder))
        size = path.stat().st_size
        gc.collect()
        load_s = csv_s = float("inf")
        for _ in range(runs):  # the best of a few runs: the machine's noise aside
            start = time.perf_counter()
            rows = len(load_data(path, plan=plan, number_format="en"))
            load_s = min(load_s, time.perf_counter() - start)
            gc.collect()
            start = time.perf_counter()
            _csv_rows(path)
            csv_s = min(csv_s, time.perf_counter() - start)
        tracemalloc.start()
        dataset = load_data(path, plan=plan, number_format="en")
        retained, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del dataset
    return {
        "units": units,
        "rows": rows,
        "file_mib": size / 2**20,
        "peak_mib": peak / 2**20,
        "retained_mib": retained / 2**20,
        "peak_ratio": peak / size,
        "retained_ratio": retained / size,
        "bytes_per_observation": retained / rows,
        "load_s": load_s,
        "csv_reader_s": csv_s,
        "ratio_to_csv_reader": load_s / csv_s,
        "targets": {"peak_ratio": 10, "ratio_to_csv_reader": 8},
    }


def calls(seconds: float = 1.0) -> dict[str, Any]:
    """(c) check() and parse_rule() calls per second."""
    rules = [
        thidua.parse_rule(t)
        for t in (
            ">= 97.5 %",
            "> 98 %",
            ">= 10 establishment",
            "<= previous - 2 household",
            "== 0 case",
        )
    ]
    values = [thidua.parse_value(v) for v in ("98%", "97,9%", "12 cơ sở", "42 hộ", "0 vụ")]
    previous = [None, None, None, thidua.parse_value("45 hộ"), None]
    cases = list(zip(rules, values, previous, strict=True))
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for rule, value, prev in cases:
            thidua.check(rule, value, previous=prev)
        n += len(cases)
    check_rate = n / (time.perf_counter() - start)
    texts = ["trên 98%", ">= 97.5 %", "giảm 02 hộ/năm", "100%", "5/5 khóm", ">= previous"]
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            thidua.parse_rule(text)
        n += len(texts)
    parse_rate = n / (time.perf_counter() - start)
    return {"check_per_s": check_rate, "parse_rule_per_s": parse_rate, "target_check_per_s": 50_000}


def _positive(text: str) -> int:
    """A whole number of at least 1, for the command line."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"{text!r} is not a whole number of at least 1"
        raise argparse.ArgumentTypeError(msg)
    return number


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=_positive, default=10_000, help="org units for (b)")
    parser.add_argument("--runs", type=_positive, default=7, help="runs of (a); the best counts")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    result = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "cold_start": cold_start(args.runs),
        "batch": batch(args.units),
        "calls": calls(),
        "loading": loading(args.units),
    }
    a, b, c = result["cold_start"], result["batch"], result["calls"]
    e = result["loading"]
    print(f"machine: {result['machine']}")
    print(
        f"(a) thidua evaluate --example: {a['thidua_evaluate_s'] * 1000:.0f} ms; "
        f"import pint: {a['import_pint_s'] * 1000:.0f} ms; ratio {a['ratio']:.2f} (≤ 1.3); "
        f"without numpy: {a['import_pint_without_numpy_s'] * 1000:.0f} ms, "
        f"ratio {a['ratio_without_numpy']:.2f}"
    )
    print(
        f"(b) evaluate_many, {b['units']} units, {b['indicator_evaluations']} evaluations: "
        f"{b['evaluate_many_s']:.2f} s = {b['per_evaluation_us']:.2f} µs each; "
        f"floor {b['floor_per_comparison_us']:.2f} µs (×{b['ratio_to_floor']:.1f}, ≤ 5); "
        f"pint {b['pint_per_comparison_us']:.1f} µs ({b['speedup_over_pint']:.1f}× faster, ≥ 10)"
    )
    for form, figures in b["forms"].items():
        print(
            f"    {form}: {figures['seconds']:.2f} s = {figures['per_evaluation_us']:.2f} µs "
            f"each (×{figures['ratio_to_floor']:.1f} the floor, "
            f"{figures['speedup_over_pint']:.1f}× faster than pint)"
        )
    print(
        "    pint, by case: "
        + "; ".join(
            f"{case} {figures['per_comparison_us']:.1f} µs "
            f"({figures['comparisons']} comparisons, {figures['speedup_over_pint']:.1f}×)"
            for case, figures in b["pint_cases"].items()
        )
    )
    print(
        f"(c) check(): {c['check_per_s']:,.0f}/s (≥ 50,000); "
        f"parse_rule(): {c['parse_rule_per_s']:,.0f}/s"
    )
    print(f"(d) peak memory of (b): {b['peak_memory_mib']:.0f} MiB (< 1024)")
    print(
        f"(e) load_data, {e['units']} units, {e['rows']} observations, "
        f"{e['file_mib']:.1f} MiB file: peak {e['peak_mib']:.0f} MiB "
        f"(×{e['peak_ratio']:.1f} the file, ≤ 10), retained {e['retained_mib']:.0f} MiB "
        f"(×{e['retained_ratio']:.1f}, {e['bytes_per_observation']:.0f} bytes an observation); "
        f"{e['load_s']:.2f} s, csv.reader {e['csv_reader_s']:.2f} s "
        f"(×{e['ratio_to_csv_reader']:.1f}, later goal ≤ 8)"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)


if __name__ == "__main__":
    main()
