"""thidua's speed goals, each figure printed next to its reference measured in the same run.

Run from the repository root, with thidua installed (``pip install '.[test]'``: pandas)::

    python benchmarks/run.py                      # everything, 10,000 units
    python benchmarks/run.py --units 1000 --runs 3 --only a,c --json results.json

The seed plan (``hoa-thuan-2024``, 41 indicators and criteria) over N synthetic
units (``bench_data.synthetic``: 86 observations a unit, 860,000 at 10,000):

(a) loading: ``load_data(path, plan=plan, number_format="en")`` of the N units'
    figures as one CSV file, against ``csv.reader`` reading the same file;
    and its peak traced memory (tracemalloc) against the file's size.
(b) end to end, CSV file → results table: ``load_data`` + ``evaluate_many`` +
    ``.to_dataframe()`` against a hand-written pandas pipeline in floats that
    makes the same table from the same file (``bench_pandas``).
(c) statuses alone: ``evaluate_many(...)`` (its ``by_status``) per
    indicator-evaluation against the exact Fraction floor per comparison
    (``bench_floor``), in four data forms, each against the floor of its own
    numbers: a dataset per unit; one dataset naming the units (``U00000``,
    ``U00000/K1``); the plan's own org units as members; the khóm roll-up form
    (a dataset per unit whose ``across_org_units`` indicators are given only per
    khóm; its floor sums the khóm Fractions before comparing).
(d) ranking a cluster of 1,000 synthetic members (fewer if N is smaller) with
    the example cluster's scheme and classification: ``rank_cluster`` against
    ``evaluate_many`` of the same members on the same data (the call alone: the
    statuses of every indicator, which it computes at once; full evaluations are
    made only when asked for, and are not in the reference).
(e) cold start: ``python -m thidua.cli evaluate --example hoa-thuan-2024``
    against ``python -c "import pint"`` (bytecode cached).
pint, for information: a naive loop of pint Quantity comparisons of (c)'s numbers.

Every time is the best of its runs: ``--runs`` runs (default 5), more for a quick
measurement (up to 3 × as many while they total under a second), fewer for a slow one: a
measurement stops repeating once its runs have taken more than a minute in all
(it runs at least once), so the slow sides of (b) and (c) may be measured fewer
times than their references. The cyclic garbage collector's debt is paid
(``gc.collect()``) before every timed run, and what the timed calls import or
prepare on first use is warmed up on two units beforehand ((e) is the cold start).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench_* modules beside this one

import bench_data
import bench_floor
import bench_pandas

import thidua
from thidua.clusters import evaluate_many, rank_cluster
from thidua.data import load_data

#: The goals: the largest ratio each figure may have.
GOALS = {
    "a_time": 8.0,
    "a_memory": 10.0,
    "b": 3.0,
    "c": 3.0,
    "d": 2.0,
    "e": 1.0,
}

#: The figures ``--only`` may choose.
FIGURES = ("a", "b", "c", "d", "e", "pint")

#: A measurement stops repeating once its runs have taken this long (seconds).
REPEAT_BUDGET_S = 60.0

#: Quick measurements repeat (up to QUICK_RUNS times --runs) while their runs total less.
QUICK_S = 1.0
QUICK_RUNS = 3

#: The size of (d)'s cluster (or --units, if fewer).
CLUSTER_SIZE = 1000

#: How many of (c)'s comparisons the pint loop makes.
PINT_SAMPLE = 200 * 28

T = TypeVar("T")


def _more(times: list[float], runs: int) -> bool:
    """Whether to run again: fewer than ``runs`` runs, or quick runs (more samples).

    Quick runs go on, up to :data:`QUICK_RUNS` × ``runs``, while they total under
    :data:`QUICK_S`; nothing runs again past :data:`REPEAT_BUDGET_S`.
    """
    total = sum(times)
    if total > REPEAT_BUDGET_S:
        return False
    return len(times) < runs or (total < QUICK_S and len(times) < QUICK_RUNS * runs)


def best(run: Callable[[], T], runs: int) -> tuple[float, int, T]:
    """The best time of the runs of ``run`` (see :func:`_more`), the runs made, a result."""
    times: list[float] = []
    result: Any = None
    while not times or _more(times, runs):
        result = None
        gc.collect()  # the debt of the last run's (or the data's) garbage, paid untimed
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), len(times), result


def floor_best(numbers: list[Any], runs: int) -> tuple[float, int]:
    """The best timing of the floor loop, as :func:`best` (its own clock: the loop alone)."""
    times: list[float] = []
    while not times or _more(times, runs):
        gc.collect()
        times.append(bench_floor.floor_seconds(numbers))
    return min(times), len(times)


def check(label: str, ratio: float, goal: float) -> dict[str, Any]:
    """A figure's verdict."""
    return {"figure": label, "ratio": ratio, "goal": goal, "pass": ratio <= goal}


# ---------------------------------------------------------------- (a) loading


def _csv_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.reader(file))


def loading(units: int, runs: int = 3) -> dict[str, Any]:
    """(a) load_data of N units' figures: time against csv.reader, memory against the file."""
    with tempfile.TemporaryDirectory() as folder:
        plan, path = bench_data.data_file(units, Path(folder))
        size = path.stat().st_size
        load_s, load_runs, dataset = best(
            lambda: load_data(path, plan=plan, number_format="en"), runs
        )
        rows = len(dataset)
        del dataset
        csv_s, csv_runs, _ = best(lambda: _csv_rows(path), runs)
        gc.collect()
        tracemalloc.start()
        dataset = load_data(path, plan=plan, number_format="en")
        retained, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del dataset
    return {
        "units": units,
        "rows": rows,
        "file_mib": size / 2**20,
        "load_s": load_s,
        "load_runs": load_runs,
        "csv_reader_s": csv_s,
        "csv_reader_runs": csv_runs,
        "ratio_to_csv_reader": load_s / csv_s,
        "peak_mib": peak / 2**20,
        "retained_mib": retained / 2**20,
        "peak_ratio": peak / size,
        "retained_ratio": retained / size,
        "bytes_per_observation": retained / rows,
        "targets": {"ratio_to_csv_reader": GOALS["a_time"], "peak_ratio": GOALS["a_memory"]},
    }


# ---------------------------------------------------------------- (b) end to end


def end_to_end(units: int, runs: int = 3) -> dict[str, Any]:
    """(b) CSV file → full results table: thidua against the hand-written pandas pipeline."""
    _, members, _ = bench_data.synthetic(units)
    ids = [m.id for m in members]
    parts: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        plan, path = bench_data.data_file(units, Path(folder))

        def with_thidua() -> Any:
            start = time.perf_counter()
            data = load_data(path, plan=plan, number_format="en")
            loaded = time.perf_counter()
            evaluations = evaluate_many(plan, data, "2024", members=members)
            evaluated = time.perf_counter()
            frame = evaluations.to_dataframe()
            done = time.perf_counter()
            timing = {
                "load_data_s": loaded - start,
                "evaluate_many_s": evaluated - loaded,
                "to_dataframe_s": done - evaluated,
            }
            if not parts or done - start < sum(parts.values()):
                parts.update(timing)  # the parts of the best run
            return frame

        # the synthetic units are in the file now: dropped, so that neither side works
        # with 860,000 unrelated observations alive ((c) builds them again)
        bench_data.synthetic.cache_clear()
        # the reference first: its table is kept for the check, and thidua's frame
        # is not alive while the pipeline runs
        pandas_s, pandas_runs, table = best(lambda: bench_pandas.pipeline(path, plan, ids), runs)
        thidua_s, thidua_runs, frame = best(with_thidua, runs)
    agreement = bench_pandas.compare_tables(frame, table)
    return {
        "units": units,
        "rows": len(frame),
        "thidua_s": thidua_s,
        "thidua_runs": thidua_runs,
        "thidua_parts": parts,
        "pandas_s": pandas_s,
        "pandas_runs": pandas_runs,
        "ratio_to_pandas": thidua_s / pandas_s,
        "agreement": agreement,
        "target": GOALS["b"],
    }


# ---------------------------------------------------------------- (c) statuses


def forms(units: int) -> Iterator[tuple[str, Any, Any, Any, list[Any]]]:
    """Each data form in turn, built when its turn comes: name, plan, data, members, floor rows.

    The floor's numbers are read from the form's own data.
    """
    plan, members, data = bench_data.synthetic(units)
    numbers = bench_floor.rows(plan, members, bench_floor.per_unit_getter(data))
    yield "a dataset per unit", plan, data, members, numbers
    given = bench_data.shared(data)
    numbers = bench_floor.rows(plan, members, bench_floor.shared_getter(given))
    yield "one dataset naming the units", plan, given, members, numbers
    units_plan, own = bench_data.plan_org_units(plan, members, data)
    numbers = bench_floor.rows(plan, members, bench_floor.shared_getter(own))
    yield "the plan's org units", units_plan, own, None, numbers
    rolled = bench_data.khom_rollup(plan, data)
    khom = [u.id for u in plan.org_units]
    numbers = bench_floor.rows(plan, members, bench_floor.per_unit_getter(rolled), khom=khom)
    yield "khóm roll-up", plan, rolled, members, numbers


def _statuses_of(plan: thidua.Plan, data: Any, members: Any) -> Callable[[], Any]:
    """The timed call of (c): evaluate_many, and the statuses it computed at once."""

    def run() -> Any:
        return evaluate_many(plan, data, "2024", members=members).by_status

    return run


def statuses(units: int, runs: int = 3) -> dict[str, Any]:
    """(c) evaluate_many's statuses in each data form, against the floor of its own numbers."""
    plan = bench_data.synthetic(units)[0]
    per_unit = len(list(plan.indicators()))
    evaluations = units * per_unit
    out: dict[str, Any] = {
        "units": units,
        "indicator_evaluations": evaluations,
        "forms": {},
        "target": GOALS["c"],
    }
    reference: dict[str, Any] | None = None
    for form, template, given, chosen, numbers in forms(units):
        seconds, made, by_status = best(_statuses_of(template, given, chosen), runs)
        if len(by_status) != units:
            msg = f"{form}: {len(by_status)} members evaluated, not {units}"
            raise AssertionError(msg)
        same: bool | None = None  # the plan's org units have no khóm: KT06a differs there
        if reference is None:
            reference = {m: dict(s) for m, s in by_status.items()}
            same = True
        elif chosen is not None:
            same = {m: dict(s) for m, s in by_status.items()} == reference
        floor_s, floor_runs = floor_best(numbers, runs)
        comparisons = len(numbers)
        rolled = sum(isinstance(r, bench_floor.Rolled) for r in numbers)
        per = seconds / evaluations
        floor = floor_s / comparisons
        out["forms"][form] = {
            "seconds": seconds,
            "runs": made,
            "per_evaluation_us": per * 1e6,
            "floor_s": floor_s,
            "floor_runs": floor_runs,
            "comparisons": comparisons,
            "rolled_up_comparisons": rolled,
            "floor_per_comparison_us": floor * 1e6,
            "ratio_to_floor": per / floor,
            "same_statuses_as_per_unit": same,
        }
        del by_status, given, numbers
    return out


# ---------------------------------------------------------------- (d) ranking


def ranking(size: int, runs: int = 3) -> dict[str, Any]:
    """(d) rank_cluster of ``size`` synthetic members against evaluate_many of the same."""
    cluster = bench_data.synthetic_cluster(size)
    plan, _, data = bench_data.synthetic(size)
    members = list(cluster.members)
    rank_s, rank_runs, ranked = best(lambda: rank_cluster(cluster, plan, data, "2024"), runs)
    if len(ranked.standings) != size:
        msg = f"{len(ranked.standings)} members ranked, not {size}"
        raise AssertionError(msg)
    many_s, many_runs, _ = best(
        lambda: evaluate_many(plan, data, "2024", members=members).by_status, runs
    )

    def full() -> None:
        evaluations = evaluate_many(plan, data, "2024", members=members)
        for member in members:
            evaluations[member.id]

    full_s, full_runs, _ = best(full, runs)
    return {
        "members": size,
        "rank_cluster_s": rank_s,
        "rank_cluster_runs": rank_runs,
        "evaluate_many_s": many_s,
        "evaluate_many_runs": many_runs,
        "ratio_to_evaluate_many": rank_s / many_s,
        "evaluate_many_and_full_evaluations_s": full_s,
        "evaluate_many_and_full_evaluations_runs": full_runs,
        "rated": {r: sum(s.rating.value == r for s in ranked.standings) for r in _ratings(ranked)},
        "target": GOALS["d"],
    }


def _ratings(ranked: Any) -> list[str]:
    return sorted({s.rating.value for s in ranked.standings})


# ---------------------------------------------------------------- (e) cold start


def _best_process(command: list[str], runs: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm: bytecode, disk
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def cold_start(runs: int) -> dict[str, Any]:
    """(e) the command line against importing pint."""
    thidua_s = _best_process(
        [sys.executable, "-m", "thidua.cli", "evaluate", "--example", "hoa-thuan-2024"], runs
    )
    pint_s = _best_process([sys.executable, "-c", "import pint"], runs)
    # pint imports numpy when it can (the test extras install it); a machine with
    # thidua alone has none, and imports pint faster: that ratio is the harder one
    bare = "import sys; sys.modules['numpy'] = None; import pint"
    bare_s = _best_process([sys.executable, "-c", bare], runs)
    return {
        "thidua_evaluate_s": thidua_s,
        "import_pint_s": pint_s,
        "ratio": thidua_s / pint_s,
        "import_pint_without_numpy_s": bare_s,
        "ratio_without_numpy": thidua_s / bare_s,
        "runs": runs,
        "target_ratio": GOALS["e"],
    }


# ---------------------------------------------------------------- pint, for information


def naive_pint(units: int, runs: int = 3) -> dict[str, Any]:
    """A naive loop of pint comparisons of (c)'s numbers, against evaluate_many (per unit)."""
    plan, members, data = bench_data.synthetic(units)
    numbers = bench_floor.rows(plan, members, bench_floor.per_unit_getter(data))
    evaluations = units * len(list(plan.indicators()))
    seconds, _, _ = best(lambda: evaluate_many(plan, data, "2024", members=members), runs)
    per = seconds / evaluations
    figures = bench_floor.pint_loop(numbers, PINT_SAMPLE)
    figures["thidua_per_evaluation_us"] = per * 1e6
    figures["speedup_over_pint"] = figures["per_comparison_us"] / (per * 1e6)
    for case in figures["cases"].values():
        case["speedup_over_pint"] = case["per_comparison_us"] / (per * 1e6)
    return figures


# ---------------------------------------------------------------- the report


def _verdict(ratio: float, goal: float) -> str:
    return f"×{ratio:.2f} (goal ≤ {goal:g}) {'PASS' if ratio <= goal else 'FAIL'}"


def report(result: dict[str, Any]) -> list[str]:
    """The machine, one line per figure (see :func:`figure_lines`), and the goals met.

    Sets ``result["checks"]``: each goal's verdict.
    """
    lines, checks = figure_lines(result["figures"])
    result["checks"] = checks
    failed = [c["figure"] for c in checks if not c["pass"]]
    return [
        f"machine: {result['machine']}",
        *lines,
        f"{len(checks) - len(failed)} of {len(checks)} goals met"
        + (f"; FAIL: {', '.join(failed)}" if failed else ""),
    ]


def figure_lines(figures: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """One line per goal: the figure, its reference, the ratio, the goal, PASS or FAIL."""
    lines: list[str] = []
    checks: list[dict[str, Any]] = []
    if "a" in figures:
        a = figures["a"]
        checks += [
            check("(a) time", a["ratio_to_csv_reader"], GOALS["a_time"]),
            check("(a) memory", a["peak_ratio"], GOALS["a_memory"]),
        ]
        lines += [
            f"(a) load_data, {a['rows']:,} observations ({a['file_mib']:.1f} MiB): "
            f"{a['load_s']:.2f} s; csv.reader {a['csv_reader_s']:.2f} s: "
            + _verdict(a["ratio_to_csv_reader"], GOALS["a_time"]),
            f"(a) load_data peak memory {a['peak_mib']:.0f} MiB; file {a['file_mib']:.1f} MiB: "
            + _verdict(a["peak_ratio"], GOALS["a_memory"])
            + f" (retained {a['retained_mib']:.0f} MiB, "
            f"{a['bytes_per_observation']:.0f} bytes an observation)",
        ]
    if "b" in figures:
        b = figures["b"]
        p = b["thidua_parts"]
        agree = b["agreement"]
        checks.append(check("(b) end to end", b["ratio_to_pandas"], GOALS["b"]))
        lines.append(
            f"(b) CSV → table, {b['rows']:,} rows: thidua {b['thidua_s']:.2f} s "
            f"(load_data {p['load_data_s']:.2f} + evaluate_many {p['evaluate_many_s']:.2f} "
            f"+ to_dataframe {p['to_dataframe_s']:.2f}, {b['thidua_runs']} run(s)); "
            f"pandas pipeline {b['pandas_s']:.2f} s: "
            + _verdict(b["ratio_to_pandas"], GOALS["b"])
            + f"; same rows: {agree['same_rows']}, status disagreements: "
            f"{agree.get('status_disagreement_count', 'n/a')}, number disagreements: "
            f"{agree.get('number_disagreements', 'n/a')}"
        )
    if "c" in figures:
        c = figures["c"]
        for form, f in c["forms"].items():
            checks.append(check(f"(c) {form}", f["ratio_to_floor"], GOALS["c"]))
            rolled = (
                f", {f['rolled_up_comparisons']:,} of them summing 5 khóm"
                if f["rolled_up_comparisons"]
                else ""
            )
            lines.append(
                f"(c) statuses, {form}: evaluate_many {f['seconds']:.2f} s = "
                f"{f['per_evaluation_us']:.2f} µs an indicator-evaluation "
                f"({c['indicator_evaluations']:,}, {f['runs']} run(s)); floor "
                f"{f['floor_per_comparison_us']:.2f} µs a comparison ({f['comparisons']:,}"
                f"{rolled}): "
                + _verdict(f["ratio_to_floor"], GOALS["c"])
                + (
                    " — STATUSES DIFFER from per unit"
                    if f["same_statuses_as_per_unit"] is False
                    else ""
                )
            )
    if "d" in figures:
        d = figures["d"]
        checks.append(check("(d) ranking", d["ratio_to_evaluate_many"], GOALS["d"]))
        lines.append(
            f"(d) rank_cluster, {d['members']:,} members: {d['rank_cluster_s']:.2f} s "
            f"({d['rank_cluster_runs']} run(s)); evaluate_many (statuses) "
            f"{d['evaluate_many_s']:.2f} s: "
            + _verdict(d["ratio_to_evaluate_many"], GOALS["d"])
            + f" (evaluate_many + every member's full evaluation: "
            f"{d['evaluate_many_and_full_evaluations_s']:.2f} s)"
        )
    if "e" in figures:
        e = figures["e"]
        checks.append(check("(e) cold start", e["ratio"], GOALS["e"]))
        lines.append(
            f"(e) thidua evaluate --example: {e['thidua_evaluate_s'] * 1000:.0f} ms; "
            f"import pint {e['import_pint_s'] * 1000:.0f} ms: "
            + _verdict(e["ratio"], GOALS["e"])
            + f" (without numpy: import pint {e['import_pint_without_numpy_s'] * 1000:.0f} ms, "
            f"×{e['ratio_without_numpy']:.2f})"
        )
    if "pint" in figures:
        q = figures["pint"]
        cases = "; ".join(
            f"{case} {f['per_comparison_us']:.1f} µs ({f['comparisons']} comparisons, "
            f"{f['speedup_over_pint']:.1f}×)"
            for case, f in q["cases"].items()
        )
        lines.append(
            f"pint (information, no goal): {q['per_comparison_us']:.1f} µs a comparison, "
            f"{q['speedup_over_pint']:.1f}× thidua's {q['thidua_per_evaluation_us']:.2f} µs "
            f"an indicator-evaluation; by case: {cases}"
        )
    return lines, checks


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


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


def _figures(text: str) -> tuple[str, ...]:
    """``a,b,pint``: figures the benchmark knows, for --only."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FIGURES]
    if not chosen or unknown:
        msg = f"{text!r}: choose among {', '.join(FIGURES)} (comma-separated)"
        raise argparse.ArgumentTypeError(msg)
    return chosen


def warm_up() -> None:
    """Import and prepare what the timed calls use, untimed: (e) measures the cold start.

    thidua imports its modules (and pandas) when first used; the first call of a
    process would otherwise pay for it inside a figure whose slow side may be
    measured once. Two units, every path the figures take.
    """
    plan, members, data = bench_data.synthetic(2)
    with tempfile.TemporaryDirectory() as folder:
        _, path = bench_data.data_file(2, Path(folder))
        loaded = load_data(path, plan=plan, number_format="en")
        evaluate_many(plan, loaded, "2024", members=members).to_dataframe()
        bench_pandas.pipeline(path, plan, [m.id for m in members])
    evaluate_many(plan, bench_data.khom_rollup(plan, data), "2024", members=members)
    rank_cluster(bench_data.synthetic_cluster(2), plan, data, "2024")


def measure(
    figures: tuple[str, ...],
    units: int,
    runs: int,
    done: Callable[[str, dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Measure the chosen figures (``done(name, figure)`` after each)."""
    measured: dict[str, Any] = {}
    started = time.perf_counter()
    if set(figures) - {"e"}:
        warm_up()
    for figure in FIGURES:
        if figure not in figures:
            continue
        if figure == "a":
            measured["a"] = loading(units, runs)
        elif figure == "b":
            measured["b"] = end_to_end(units, runs)
        elif figure == "c":
            measured["c"] = statuses(units, runs)
        elif figure == "d":
            measured["d"] = ranking(min(CLUSTER_SIZE, units), runs)
        elif figure == "e":
            measured["e"] = cold_start(runs)
        else:
            measured["pint"] = naive_pint(units, runs)
        if done is not None:
            done(figure, measured[figure])
    return {
        "machine": machine(),
        "thidua": thidua.__version__,
        "units": units,
        "runs": runs,
        "figures": measured,
        "total_s": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks and print the figures (and PASS or FAIL for each goal)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=_positive, default=10_000, help="synthetic units")
    parser.add_argument(
        "--runs", type=_positive, default=5, help="runs of each measurement; the best counts"
    )
    parser.add_argument("--json", help="also write the figures and the machine to this file")
    parser.add_argument(
        "--only",
        type=_figures,
        default=FIGURES,
        help=f"the figures to measure, comma-separated ({','.join(FIGURES)}; default: all)",
    )
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", flush=True)

    def show(name: str, figure: dict[str, Any]) -> None:
        for line in figure_lines({name: figure})[0]:
            print(line, flush=True)

    result = measure(args.only, args.units, args.runs, show)
    print(report(result)[-1])
    print(f"total: {result['total_s']:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
