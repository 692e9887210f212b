"""thidua: Vietnamese emulation plans (kế hoạch thi đua), exactly.

Plans, indicators with targets and comparison rules, data, and the exact
evaluation of data against the plan.

>>> import thidua
>>> thidua.check(thidua.parse_rule("trên 98%"), "98,5%")
<Status.ACHIEVED: 'achieved'>

This module only re-exports the public names of the submodules.
"""

from thidua import display, examples, formats, report, reporting, scoring
from thidua._version import __version__
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
from thidua.errors import (
    DataError,
    ExtraNotInstalledError,
    ParseError,
    PlanError,
    ThiduaError,
    UnitError,
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
from thidua.rules import Assigned, Comparison, Flag, Op, OrgUnits, Previous, Rule, parse_rule
from thidua.units import Quantity, Ratio, UnitDefinition, Units, default_units, ratio

__all__ = [
    "Aggregation",
    "Assessment",
    "Assigned",
    "Combine",
    "Comparison",
    "DataError",
    "Dataset",
    "Evaluation",
    "Explanation",
    "ExtraNotInstalledError",
    "Flag",
    "Indicator",
    "IndicatorGroup",
    "IssueDate",
    "Kind",
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
    "PlanError",
    "Previous",
    "Quantity",
    "Ratio",
    "Report",
    "Responsibility",
    "Result",
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
    "ZeroDenominator",
    "__version__",
    "assess",
    "check",
    "combine",
    "default_units",
    "display",
    "dump_data",
    "dump_plan",
    "dumps_plan",
    "evaluate",
    "examples",
    "format_date",
    "format_number",
    "formats",
    "load_data",
    "load_plan",
    "loads_data",
    "loads_plan",
    "parse_date",
    "parse_number",
    "parse_period",
    "parse_rule",
    "parse_value",
    "ratio",
    "report",
    "reporting",
    "scoring",
]
