"""thidua: Vietnamese emulation plans (kế hoạch thi đua), exactly.

Plans, indicators with targets and comparison rules, data, and the exact
evaluation of data against the plan.

>>> import thidua
>>> thidua.check(thidua.parse_rule("trên 98%"), "98,5%")
<Status.ACHIEVED: 'achieved'>

This module only re-exports the public names of the submodules, lazily: a
submodule is imported when one of its names is first used, so that ``import
thidua`` and the command line start quickly.
"""

import importlib as _importlib
import typing as _typing

from thidua._version import __version__

if _typing.TYPE_CHECKING:
    from thidua import (
        classification,
        clusters,
        display,
        examples,
        formats,
        ranking,
        report,
        reporting,
        scoring,
        titles,
        validation,
    )
    from thidua.classification import Classification, Rating
    from thidua.clusters import (
        Cluster,
        ClusterRanking,
        Evaluations,
        Member,
        NotRanked,
        evaluate_many,
        load_cluster,
        loads_cluster,
        rank_cluster,
    )
    from thidua.data import (
        Dataset,
        Kind,
        Observation,
        Source,
        dump_data,
        load_data,
        loads_data,
        parse_value,
    )
    from thidua.drafting import PlanDraft, ReviewNote, draft_plan
    from thidua.errors import (
        ArgumentTypeError,
        DataError,
        ExtraNotInstalledError,
        NotFoundError,
        ParseError,
        PlanError,
        ThiduaError,
        UnitError,
        UsageError,
    )
    from thidua.evaluation import (
        Assessment,
        Evaluation,
        Explanation,
        OrgUnitResult,
        Outlook,
        Pace,
        Result,
        Rollup,
        Status,
        Target,
        Unused,
        assess,
        check,
        combine,
        evaluate,
    )
    from thidua.numbers import format_number, parse_number
    from thidua.periods import Period, PeriodKind, format_date, parse_date, parse_period
    from thidua.plans import (
        Aggregation,
        Combine,
        Indicator,
        IndicatorGroup,
        IssueDate,
        OrgUnit,
        Plan,
        Report,
        Responsibility,
        Role,
        Signer,
        ZeroDenominator,
        dump_plan,
        dumps_plan,
        load_plan,
        loads_plan,
    )
    from thidua.rules import (
        Assigned,
        Comparison,
        Flag,
        Op,
        OrgUnits,
        Previous,
        Range,
        Rule,
        parse_rule,
    )
    from thidua.units import Quantity, Ratio, UnitDefinition, Units, default_units, ratio
    from thidua.validation import validate


_SUBMODULES = frozenset(
    {
        "classification",
        "clusters",
        "display",
        "examples",
        "formats",
        "ranking",
        "report",
        "reporting",
        "scoring",
        "titles",
        "validation",
    }
)
#: Where each public name lives; imported on first use (PEP 562).
_NAMES = {
    "Aggregation": "thidua.plans",
    "ArgumentTypeError": "thidua.errors",
    "Assessment": "thidua.evaluation",
    "Assigned": "thidua.rules",
    "Classification": "thidua.classification",
    "Cluster": "thidua.clusters",
    "ClusterRanking": "thidua.clusters",
    "Combine": "thidua.plans",
    "Comparison": "thidua.rules",
    "DataError": "thidua.errors",
    "Dataset": "thidua.data",
    "Evaluation": "thidua.evaluation",
    "Evaluations": "thidua.clusters",
    "Explanation": "thidua.evaluation",
    "ExtraNotInstalledError": "thidua.errors",
    "Flag": "thidua.rules",
    "Indicator": "thidua.plans",
    "IndicatorGroup": "thidua.plans",
    "IssueDate": "thidua.plans",
    "Kind": "thidua.data",
    "Member": "thidua.clusters",
    "NotFoundError": "thidua.errors",
    "NotRanked": "thidua.clusters",
    "Observation": "thidua.data",
    "Op": "thidua.rules",
    "OrgUnit": "thidua.plans",
    "OrgUnitResult": "thidua.evaluation",
    "OrgUnits": "thidua.rules",
    "Outlook": "thidua.evaluation",
    "Pace": "thidua.evaluation",
    "ParseError": "thidua.errors",
    "Period": "thidua.periods",
    "PeriodKind": "thidua.periods",
    "Plan": "thidua.plans",
    "PlanDraft": "thidua.drafting",
    "PlanError": "thidua.errors",
    "Previous": "thidua.rules",
    "Range": "thidua.rules",
    "Quantity": "thidua.units",
    "Rating": "thidua.classification",
    "Ratio": "thidua.units",
    "Report": "thidua.plans",
    "Responsibility": "thidua.plans",
    "Result": "thidua.evaluation",
    "Role": "thidua.plans",
    "ReviewNote": "thidua.drafting",
    "Rollup": "thidua.evaluation",
    "Rule": "thidua.rules",
    "Signer": "thidua.plans",
    "Source": "thidua.data",
    "Status": "thidua.evaluation",
    "Target": "thidua.evaluation",
    "ThiduaError": "thidua.errors",
    "UnitDefinition": "thidua.units",
    "UnitError": "thidua.errors",
    "UsageError": "thidua.errors",
    "Units": "thidua.units",
    "Unused": "thidua.evaluation",
    "ZeroDenominator": "thidua.plans",
    "__version__": "thidua._version",
    "assess": "thidua.evaluation",
    "check": "thidua.evaluation",
    "combine": "thidua.evaluation",
    "default_units": "thidua.units",
    "draft_plan": "thidua.drafting",
    "dump_data": "thidua.data",
    "dump_plan": "thidua.plans",
    "dumps_plan": "thidua.plans",
    "evaluate": "thidua.evaluation",
    "evaluate_many": "thidua.clusters",
    "format_date": "thidua.periods",
    "format_number": "thidua.numbers",
    "load_cluster": "thidua.clusters",
    "load_data": "thidua.data",
    "load_plan": "thidua.plans",
    "loads_cluster": "thidua.clusters",
    "loads_data": "thidua.data",
    "loads_plan": "thidua.plans",
    "parse_date": "thidua.periods",
    "parse_number": "thidua.numbers",
    "parse_period": "thidua.periods",
    "parse_rule": "thidua.rules",
    "parse_value": "thidua.data",
    "rank_cluster": "thidua.clusters",
    "ratio": "thidua.units",
    "validate": "thidua.validation",
}


def __getattr__(name: str) -> _typing.Any:
    if name in _SUBMODULES:
        value = _importlib.import_module(f"thidua.{name}")
    elif name in _NAMES:
        value = getattr(_importlib.import_module(_NAMES[name]), name)
    else:
        msg = f"module 'thidua' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Aggregation",
    "ArgumentTypeError",
    "Assessment",
    "Assigned",
    "Classification",
    "Cluster",
    "ClusterRanking",
    "Combine",
    "Comparison",
    "DataError",
    "Dataset",
    "Evaluation",
    "Evaluations",
    "Explanation",
    "ExtraNotInstalledError",
    "Flag",
    "Indicator",
    "IndicatorGroup",
    "IssueDate",
    "Kind",
    "Member",
    "NotFoundError",
    "NotRanked",
    "Observation",
    "Op",
    "OrgUnit",
    "OrgUnitResult",
    "OrgUnits",
    "Outlook",
    "Pace",
    "ParseError",
    "Period",
    "PeriodKind",
    "Plan",
    "PlanDraft",
    "PlanError",
    "Previous",
    "Quantity",
    "Range",
    "Rating",
    "Ratio",
    "Report",
    "Responsibility",
    "Result",
    "ReviewNote",
    "Role",
    "Rollup",
    "Rule",
    "Signer",
    "Source",
    "Status",
    "Target",
    "ThiduaError",
    "UnitDefinition",
    "UnitError",
    "Units",
    "Unused",
    "UsageError",
    "ZeroDenominator",
    "__version__",
    "assess",
    "check",
    "classification",
    "clusters",
    "combine",
    "default_units",
    "display",
    "draft_plan",
    "dump_data",
    "dump_plan",
    "dumps_plan",
    "evaluate",
    "evaluate_many",
    "examples",
    "format_date",
    "format_number",
    "formats",
    "load_cluster",
    "load_data",
    "load_plan",
    "loads_cluster",
    "loads_data",
    "loads_plan",
    "parse_date",
    "parse_number",
    "parse_period",
    "parse_rule",
    "parse_value",
    "rank_cluster",
    "ranking",
    "ratio",
    "report",
    "reporting",
    "scoring",
    "titles",
    "validate",
    "validation",
]
