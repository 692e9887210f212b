"""The reference of (b): a hand-written pandas pipeline, in floats, from the CSV file to the table.

What an analyst would write instead of thidua: ``pandas.read_csv``, parse the
numbers and units, pivot (actual of the year, actual of the year before for
``previous`` rules, assigned of the year), compare with each indicator's rule,
count the khóm for org-unit rules, combine the criteria of composites, compute
margin and attainment, and put it all in one table: one row per member and
indicator (criteria included) with ``status``, ``actual``, ``threshold``,
``margin`` and ``attainment``, in the indicator's unit, like
:meth:`thidua.clusters.Evaluations.to_dataframe`.

The rules are read from the :class:`~thidua.Plan` object (one small table per
kind of rule, a row per indicator); every row of data is handled by vectorised
pandas/NumPy. All of it, the rules and unit factors included, is timed.

It does the seed plan's job and no more: the rule kinds and options the seed
plan uses (constant thresholds, ``previous`` ± offset / × factor, ``assigned``
× factor, yes/no flags, ``all org units`` / ``N org units`` with yes/no khóm,
composites with all/any, rates as numerator/denominator); it does not check
bounds or duplicates, roll up months or khóm, or explain anything. A rule it
does not know raises NotImplementedError rather than give a wrong table.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

import thidua

#: The columns of the table, after ``member`` and ``indicator``.
COLUMNS = ("parent", "status", "actual", "threshold", "margin", "attainment")

_OPS = {
    ">=": np.greater_equal,
    ">": np.greater,
    "<=": np.less_equal,
    "<": np.less,
    "==": np.equal,
    "!=": np.not_equal,
}
_DIRECTION = {">=": 1, ">": 1, "<=": -1, "<": -1, "==": 0, "!=": 0}


def _rules(plan: thidua.Plan) -> dict[str, Any]:
    """The plan's rules as small tables, one row per indicator, in the indicators' own units."""
    registry = plan.unit_registry()
    factors = {d.name: registry.resolve(d.name).factor for d in registry.definitions}

    def number(q: thidua.Quantity | None, unit: str | None) -> float:
        """A quantity of the rule in the indicator's unit (a bare number takes it)."""
        if q is None:
            return np.nan
        if q.unit is None or unit is None:
            return float(q.magnitude)
        return float(q.magnitude * factors[q.unit] / factors[unit])

    def scale(q: thidua.Quantity | None) -> float:
        """A factor (``* 105 %``, ``* 1.05``) as a plain number."""
        return 1.0 if q is None else float(q.magnitude * (factors[q.unit] if q.unit else 1))

    order, parents, units = [], {}, {}
    comparisons, flags, counts, composites = [], [], [], []
    for indicator in plan.indicators():
        order.append(indicator.id)
        units[indicator.id] = indicator.unit
        for criterion in indicator.criteria:
            if criterion.criteria:
                msg = f"{criterion.id}: composites within composites"
                raise NotImplementedError(msg)
            parents[criterion.id] = indicator.id
        rule = indicator.rule
        if indicator.combine is not None:  # a composite
            composites.append({"indicator": indicator.id, "combine": indicator.combine.value})
        elif isinstance(rule, thidua.Comparison):
            operand = rule.operand
            row = {
                "indicator": indicator.id,
                "op": rule.op.value,
                "operand": "constant",
                "constant": np.nan,
                "offset": 0.0,
                "factor": 1.0,
                "zero": indicator.zero_denominator.value,
            }
            if isinstance(operand, thidua.Quantity):
                row["constant"] = number(operand, indicator.unit)
            elif isinstance(operand, thidua.Previous):
                row |= {
                    "operand": "previous",
                    "offset": 0.0
                    if operand.offset is None
                    else number(operand.offset, indicator.unit),
                    "factor": scale(operand.factor),
                }
            else:
                row |= {"operand": "assigned", "factor": scale(operand.factor)}
            comparisons.append(row)
        elif isinstance(rule, thidua.Flag):
            flags.append({"indicator": indicator.id, "expected": float(rule.expected)})
        elif isinstance(rule, thidua.OrgUnits):
            each = indicator.unit_rule
            if not isinstance(each, thidua.Flag):
                msg = f"{indicator.id}: per-org-unit rule {each} (only yes/no here)"
                raise NotImplementedError(msg)
            counts.append(
                {
                    "indicator": indicator.id,
                    "op": rule.op.value,
                    "count": rule.count,
                    "expected": float(each.expected),
                }
            )
        else:
            msg = f"{indicator.id}: rule {rule}"
            raise NotImplementedError(msg)
    return {
        "order": order,
        "parents": parents,
        "units": units,
        "registry": registry,
        "comparisons": pd.DataFrame(comparisons).set_index("indicator"),
        "flags": pd.DataFrame(flags, columns=["indicator", "expected"]).set_index("indicator"),
        "counts": pd.DataFrame(counts, columns=["indicator", "op", "count", "expected"]).set_index(
            "indicator"
        ),
        "composites": pd.DataFrame(composites, columns=["indicator", "combine"]).set_index(
            "indicator"
        ),
        "org_units": [u.id for u in plan.org_units],
    }


def _read(path: Any, rules: dict[str, Any], year: str, before: str) -> pd.DataFrame:
    """The file's rows of the two years, actual or assigned, with the value as a float."""
    raw = pd.read_csv(
        path,
        dtype={
            "indicator": str,
            "period": str,
            "value": str,
            "org_unit": str,
            "kind": str,
            "unit": str,
        },
        usecols=[
            "indicator",
            "period",
            "value",
            "org_unit",
            "kind",
            "unit",
            "numerator",
            "denominator",
        ],
    )
    raw["kind"] = raw["kind"].fillna("actual")
    raw = raw[raw["period"].isin([year, before]) & raw["kind"].isin(["actual", "assigned"])]
    where = raw["org_unit"].str.partition("/")
    number_text = raw["value"].str.partition(" ")
    number = pd.to_numeric(number_text[0], errors="coerce")
    written = number_text[2].replace("", np.nan).fillna(raw["unit"])  # "94.9 %" → "%"
    indicator_unit = raw["indicator"].map(rules["units"])
    named = written.fillna(indicator_unit)  # a bare number takes the indicator's unit
    registry = rules["registry"]
    texts = {*named.dropna().unique(), *(u for u in rules["units"].values() if u)}
    factors = {u: float(registry.resolve(u).factor) for u in texts}  # once per unit written
    unit_factor = named.map(factors)
    own_factor = indicator_unit.map(factors)
    value = number * (unit_factor / own_factor)  # in the indicator's unit
    numerator = pd.to_numeric(raw["numerator"], errors="coerce")
    denominator = pd.to_numeric(raw["denominator"], errors="coerce")
    is_rate = numerator.notna() & denominator.notna()
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = numerator * (1 / own_factor) / denominator  # a rate is a plain number
    value = value.where(~is_rate, rate.where(denominator != 0))
    flag = raw["value"].map({"true": 1.0, "false": 0.0})
    return pd.DataFrame(
        {
            "member": where[0],
            "khom": where[2].replace("", np.nan),
            "indicator": raw["indicator"],
            "column": raw["kind"] + " " + raw["period"],
            "value": value.where(flag.isna(), flag),
            "zero": is_rate & (denominator == 0),
        }
    )


def _statuses_of_counts(
    op: np.ndarray, low: np.ndarray, high: np.ndarray, required: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Decided achieved / not achieved when the count lies somewhere in ``low..high``."""
    achieved = np.zeros(len(op), dtype=bool)
    failed = np.zeros(len(op), dtype=bool)
    for name, compare in _OPS.items():
        m = op == name
        if not m.any():
            continue
        lo, hi, req = low[m], high[m], required[m]
        if name in (">=", ">"):
            achieved[m], failed[m] = compare(lo, req), ~compare(hi, req)
        elif name in ("<=", "<"):
            achieved[m], failed[m] = compare(hi, req), ~compare(lo, req)
        else:
            inside = (lo <= req) & (req <= hi)
            exact = (lo == req) & (hi == req)
            achieved[m], failed[m] = (exact, ~inside) if name == "==" else (~inside, exact)
    return achieved, failed


def pipeline(
    path: Any, plan: thidua.Plan, members: Sequence[str], period: str = "2024"
) -> pd.DataFrame:
    """The table of every member and indicator, from the CSV file at ``path``."""
    rules = _rules(plan)
    year, before = period, str(int(period) - 1)
    rows = _read(path, rules, year, before)
    full = pd.MultiIndex.from_product(
        [list(members), rules["order"]], names=["member", "indicator"]
    )
    own = rows[rows["khom"].isna()]  # the members' own figures, pivoted
    wide = own.pivot(index=["member", "indicator"], columns="column", values="value")
    wide = wide.reindex(
        index=full, columns=[f"actual {year}", f"actual {before}", f"assigned {year}"]
    ).set_axis(["actual", "previous", "assigned"], axis=1)
    zero_rows = own[own["zero"] & (own["column"] == f"actual {year}")]
    zero = pd.Series(True, index=pd.MultiIndex.from_frame(zero_rows[["member", "indicator"]]))
    n = len(full)
    out = {
        "status": np.full(n, None, dtype=object),
        "actual": wide["actual"].to_numpy(),
        "threshold": np.full(n, np.nan),
        "margin": np.full(n, np.nan),
        "attainment": np.full(n, np.nan),
    }
    indicator = full.get_level_values("indicator")
    _comparisons(
        out,
        rules["comparisons"].reindex(indicator),
        wide,
        zero.reindex(full, fill_value=False).to_numpy(),
    )
    _flags(out, rules["flags"]["expected"].reindex(indicator).to_numpy())
    if len(rules["counts"]):
        khom = rows[
            rows["khom"].isin(rules["org_units"])
            & rows["indicator"].isin(rules["counts"].index)
            & (rows["column"] == f"actual {year}")
        ]
        _org_units(out, rules, khom, full)
    table = pd.DataFrame(
        {
            "member": full.get_level_values("member"),
            "indicator": indicator,
            "parent": indicator.map(rules["parents"]),
            "status": out["status"],
        }
    )
    _composites(out, table, rules["composites"]["combine"].reindex(indicator).to_numpy(), full)
    return table.assign(**out)


def _comparisons(
    out: dict[str, np.ndarray],
    rule: pd.DataFrame,
    wide: pd.DataFrame,
    zero: np.ndarray,
) -> None:
    """Comparison rules: with a constant, previous ± offset / × factor, or assigned × factor."""
    actual = out["actual"]
    is_cmp = rule["op"].notna().to_numpy()
    kind = rule["operand"].to_numpy()
    reference = np.where(
        kind == "previous",
        wide["previous"].to_numpy(),
        wide["assigned"].to_numpy(),
    )
    threshold = np.where(
        kind == "constant",
        rule["constant"].to_numpy(),
        reference * rule["factor"].to_numpy() + rule["offset"].to_numpy(),
    )
    threshold[~is_cmp] = np.nan
    op = rule["op"].to_numpy()
    holds = np.zeros(len(op), dtype=bool)
    for name, compare in _OPS.items():
        m = op == name
        holds[m] = compare(actual[m], threshold[m])
    unknown = np.isnan(actual) | np.isnan(threshold)
    status = out["status"]
    status[is_cmp] = "not_achieved"
    status[is_cmp & holds] = "achieved"
    status[is_cmp & unknown] = "no_data"
    status[is_cmp & zero] = rule["zero"].to_numpy()[is_cmp & zero]  # the indicator's policy
    decided = is_cmp & ~zero & ~unknown
    direction = rule["op"].map(_DIRECTION).to_numpy(dtype=float, na_value=0.0)
    difference = actual - threshold
    signed = np.where(
        direction != 0,
        difference * direction,
        np.where(op == "==", -np.abs(difference), np.abs(difference)),
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            (direction > 0) & (threshold > 0),
            actual / threshold,
            np.where((direction < 0) & (threshold > 0) & (actual > 0), threshold / actual, np.nan),
        )
    out["threshold"] = threshold
    out["margin"] = np.where(decided, signed, out["margin"])
    out["attainment"] = np.where(decided, ratio, out["attainment"])


def _flags(out: dict[str, np.ndarray], expected: np.ndarray) -> None:
    """Yes/no rules: the value is the one expected."""
    actual = out["actual"]
    is_flag = ~np.isnan(expected)
    judged = np.where(actual == expected, "achieved", "not_achieved")
    judged = np.where(np.isnan(actual), "no_data", judged)
    out["status"] = np.where(is_flag, judged, out["status"]).astype(object)


def _org_units(
    out: dict[str, np.ndarray], rules: dict[str, Any], khom: pd.DataFrame, full: pd.MultiIndex
) -> None:
    """Org-unit rules: count the plan's khóm that meet the per-khóm rule (a gap is unknown)."""
    counted = rules["counts"]
    expected = khom["indicator"].map(counted["expected"])
    tally = (
        khom.assign(met=khom["value"] == expected, missed=khom["value"] == 1 - expected)
        .groupby(["member", "indicator"])[["met", "missed"]]
        .sum()
        .reindex(full, fill_value=0)
    )
    rule = counted.reindex(full.get_level_values("indicator"))
    is_count = rule["op"].notna().to_numpy()
    total = len(rules["org_units"])
    met = tally["met"].to_numpy(dtype=float)
    high = total - tally["missed"].to_numpy(dtype=float)  # if every gap met the rule
    required = rule["count"].fillna(total).to_numpy(dtype=float)
    achieved, failed = _statuses_of_counts(rule["op"].to_numpy(), met, high, required)
    judged = np.where(achieved, "achieved", np.where(failed, "not_achieved", "no_data"))
    out["status"] = np.where(is_count, judged, out["status"]).astype(object)
    out["actual"] = np.where(is_count, met, out["actual"])
    settled = is_count & (achieved | failed)
    up = rule["op"].map(_DIRECTION).to_numpy(dtype=float, na_value=0.0)
    out["margin"] = np.where(settled, (met - required) * np.where(up == 0, 1, up), out["margin"])
    with np.errstate(divide="ignore", invalid="ignore"):
        share = met / required
    out["attainment"] = np.where(settled & (up > 0) & (required > 0), share, out["attainment"])


def _composites(
    out: dict[str, np.ndarray], table: pd.DataFrame, how: np.ndarray, full: pd.MultiIndex
) -> None:
    """Composites: all / any over their criteria (Kleene logic, not_applicable left out)."""
    criteria = table[table["parent"].notna()]
    status = criteria["status"]
    tally = (
        pd.DataFrame(
            {
                "member": criteria["member"],
                "indicator": criteria["parent"],
                "achieved": status == "achieved",
                "not_achieved": status == "not_achieved",
                "no_data": status == "no_data",
            }
        )
        .groupby(["member", "indicator"])
        .sum()
        .reindex(full, fill_value=0)
    )
    yes, no, unknown = (tally[c].to_numpy() > 0 for c in ("achieved", "not_achieved", "no_data"))
    every = np.select([no, unknown, yes], ["not_achieved", "no_data", "achieved"], "not_applicable")
    some = np.select([yes, unknown, no], ["achieved", "no_data", "not_achieved"], "not_applicable")
    status = np.where(how == "any", some, out["status"])
    out["status"] = np.where(how == "all", every, status).astype(object)


def compare_tables(thidua_frame: pd.DataFrame, table: pd.DataFrame) -> dict[str, Any]:
    """How thidua's ``to_dataframe()`` and the pipeline's table agree, row by row.

    Returns the number of rows of each, whether they are the same (member,
    indicator) rows in the same order, the rows whose statuses differ, and the
    rows whose numbers (actual, threshold, margin, attainment) differ beyond a
    relative 1e-9 or where one has a number and the other none.
    """
    keys = ["member", "indicator"]
    ours = thidua_frame[keys].astype(str).reset_index(drop=True)
    theirs = table[keys].astype(str).reset_index(drop=True)
    same_rows = ours.equals(theirs)
    out: dict[str, Any] = {
        "rows": len(thidua_frame),
        "pipeline_rows": len(table),
        "same_rows": bool(same_rows),
    }
    if not same_rows:
        return out
    statuses = thidua_frame["status"].astype(str).to_numpy()
    differ = np.flatnonzero(statuses != table["status"].astype(str).to_numpy())
    out["status_disagreements"] = [
        {
            **{k: ours.at[i, k] for k in keys},
            "thidua": statuses[i],
            "pandas": table["status"].iat[i],
        }
        for i in differ[:20]
    ]
    out["status_disagreement_count"] = len(differ)
    numbers = {}
    for column in ("actual", "threshold", "margin", "attainment"):
        exact = thidua_frame[column].map(_float).to_numpy(dtype=float)
        floats = table[column].to_numpy(dtype=float)
        both = ~np.isnan(exact) & ~np.isnan(floats)
        close = np.isclose(exact, floats, rtol=1e-9, atol=1e-9)
        wrong = (np.isnan(exact) != np.isnan(floats)) | (both & ~close)
        numbers[column] = int(wrong.sum())
    out["number_disagreements"] = numbers
    return out


def _float(value: object) -> float:
    if value is None or value is pd.NA:
        return np.nan
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, Fraction | int | float):
        return float(value)
    return np.nan
