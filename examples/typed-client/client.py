"""A small client of thidua's public API, checked with ``mypy --strict`` by the tests.

It reads a plan (TOML, then the same plan as JSON), data given as records (a
web form's rows, or parsed JSON) and as CSV, judges single values and the whole
plan, and writes the report. Every call is typed: a checker sees what each
function takes and gives (see ``tests/test_typed_client.py``; ``wrong.py`` beside
it holds the calls it must refuse).

Run it from the repository's root: ``python examples/typed-client/client.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import thidua
from thidua import (
    Dataset,
    Evaluation,
    Indicator,
    IndicatorGroup,
    Kind,
    Observation,
    Period,
    Plan,
    Quantity,
    Status,
    data_from_records,
    ratio,
)
from thidua.report import render


def small_plan() -> Plan:
    """A plan built in Python: the constructors take text, numbers and rules as given."""
    poor = Indicator("KT07", "Số hộ nghèo", unit="household", rule="<= previous - 2 hộ")
    water = Indicator(
        "KT08",
        "Tỷ lệ hộ dân sử dụng nước sạch",
        unit="percent",
        rule=">= 98 %",
        minimum=0,
        maximum="100 %",
    )
    done = Indicator("KT09", "Hoàn thành chỉ tiêu", rule="is true")
    group = IndicatorGroup("KT", "Kinh tế", indicators=[poor, water, done])
    return Plan("ward-2024", "Kế hoạch thi đua năm 2024", year=2024, groups=[group])


def data() -> Dataset:
    """Data from records (JSON-like) and from Observations of every kind of value."""
    from_records: Dataset = data_from_records(
        [
            {"indicator": "KT07", "period": "2023", "value": "45 hộ"},
            {"indicator": "KT07", "period": 2024, "value": 42, "unit": "household"},
            {"indicator": "KT08", "period": "2024", "value": "98,5%"},
        ],
        number_format="vi",
    )
    more = [
        Observation("KT09", "2024", value=True),
        Observation("KT08", 2024, value=Quantity(Fraction(97, 1), "percent"), kind=Kind.ASSIGNED),
        Observation("KT08", Period(2023), numerator=49, denominator=Decimal(50)),
    ]
    return from_records + Dataset(more)


def judge() -> list[Status]:
    """Single values judged against rules given as text or as rules."""
    rule = thidua.parse_rule(">= 97,5%")
    return [
        thidua.check(rule, "98,5%"),
        thidua.check("> 98 %", ratio(49, 50)),
        thidua.check(">= previous", 7, previous=7),
        thidua.check("is true", True),
        thidua.check("<= 3 hộ", Quantity(2, "household")),
        thidua.check(">= 1.5", Decimal("1.5")),
    ]


def evaluate(plan: Plan, dataset: Dataset) -> Evaluation:
    """The plan evaluated for its year (text, a number or a Period all name it)."""
    by_text = thidua.evaluate(plan, dataset, "2024")
    by_number = thidua.evaluate(plan, dataset, 2024)
    if by_text.period != by_number.period:
        msg = "2024 and '2024' name different periods"
        raise SystemExit(msg)
    return thidua.evaluate(plan, dataset, Period(2024), as_of=dt.date(2024, 12, 31))


def as_json(plan: Plan) -> Plan:
    """The plan written as JSON and read back."""
    text: str = thidua.dumps_plan(plan, format="json")
    return thidua.loads_plan(text, format="json")


def report(evaluation: Evaluation) -> tuple[str, str]:
    """The report as Markdown and HTML: both are text."""
    markdown: str = render(evaluation, "markdown")
    html: str = render(evaluation, "html", language="en")
    return markdown, html


def main() -> None:
    """Run every part and print a line of each."""
    plan = small_plan()
    if as_json(plan) != plan:
        msg = "the plan changed on its way through JSON"
        raise SystemExit(msg)
    evaluation = evaluate(plan, data())
    print(evaluation.results["KT07"].status.value)
    print([status.value for status in judge()])
    markdown, _ = report(evaluation)
    print(markdown.splitlines()[0])


if __name__ == "__main__":
    main()
