"""Nothing written to a terminal or a report carries a raw control character from input.

The readers refuse control characters, bidirectional overrides and lone
surrogates, so these tests put them in anyway, as a program could: by setting
the fields of frozen models after they were made (``object.__setattr__``). Every
face is then checked -- text table, JSON, Markdown, HTML, the report's
Markdown, HTML and xlsx, the notebook's HTML and charts, the calendar, scores
and rankings, ``repr`` and ``str`` -- for characters written raw.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import thidua
import thidua.display
import thidua.formats
import thidua.report
import thidua.reporting
from thidua import Dataset, Indicator, IndicatorGroup, Observation, OrgUnit, Plan, Quantity
from thidua.clusters import evaluate_many, rank_cluster

#: Characters no face may write raw (tab, line feed and carriage return are checked apart).
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
#: A hostile text: an escape sequence that clears the screen, a bell, a C1 control
#: (CSI), a right-to-left override, DEL, a line separator, a lone surrogate, and
#: what matplotlib would read as maths.
HOSTILE = "X\x1b[2J\x07\x9b\u202e\x7f\u2028\ud800 $\\frac{a}{b}$ <b>&"


def _force(obj: Any, **fields: Any) -> None:
    """Set fields of a frozen model, as a program that bypasses the readers could."""
    for name, value in fields.items():
        object.__setattr__(obj, name, value)


def assert_safe(text: str, *, allowed: str = "\n") -> None:
    """No unsafe character in ``text``; of tab, CR and LF only those ``allowed``."""
    match = UNSAFE.search(text)
    assert match is None, (
        f"raw {match[0]!r} at {match.start()}: {text[max(0, match.start() - 40) : match.start() + 40]!r}"
    )
    for ch in "\t\r\n":
        if ch not in allowed:
            assert ch not in text, f"raw {ch!r} in {text!r}"
    text.encode("utf-8")  # no lone surrogate: the text can be written to a file


def _hostile_plan() -> Plan:
    plan = thidua.examples.hoa_thuan_2024()
    for group in plan.groups:
        _force(group, name=HOSTILE + group.name)
        for indicator in group.indicators:
            _force(indicator, name=HOSTILE + indicator.name)
            for criterion in indicator.criteria:
                _force(criterion, name=HOSTILE + criterion.name)
    _force(plan.groups[0], id="G:1/[x]*?" + HOSTILE)  # also what Excel refuses in sheet titles
    _force(plan, title=HOSTILE + plan.title, issuer=HOSTILE, place=HOSTILE)
    if plan.signer is not None:
        _force(plan.signer, name=HOSTILE, title=HOSTILE)
    for unit in plan.org_units:
        _force(unit, name=HOSTILE + unit.name)
    for report in plan.reports:
        _force(report, name=HOSTILE + report.name)
    return plan


def _hostile_data() -> Dataset:
    data = thidua.examples.hoa_thuan_2024_data()
    for obs in data:
        if obs.source is not None:
            _force(obs.source, file=HOSTILE + "data.csv")
    return data


@pytest.fixture(scope="module")
def hostile() -> thidua.Evaluation:
    """The seed evaluation, with control characters in every name, title and file name."""
    return thidua.evaluate(_hostile_plan(), _hostile_data(), "2024")


@pytest.fixture(scope="module")
def in_year() -> thidua.Evaluation:
    """The same, evaluated part-way through the year (outlooks and progress)."""
    return thidua.evaluate(_hostile_plan(), _hostile_data(), "2024", as_of="30/06/2024")


def test_the_hostile_text_reaches_the_results(hostile: thidua.Evaluation) -> None:
    """The test is meaningful: the explanations do carry the raw characters."""
    assert any(HOSTILE in r.explanation.vi for r in hostile.results.values())


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("format", thidua.formats.FORMATS)
def test_evaluation_faces(hostile: thidua.Evaluation, format: str, language: str) -> None:
    """Table, JSON, Markdown and HTML: escaped, lines only where the format puts them."""
    text = thidua.formats.render(hostile, format, language=language)  # type: ignore[arg-type]
    assert_safe(text)
    if format == "json":  # the data are kept exactly: JSON escapes read back to the text
        names = {r["name"] for r in json.loads(text)["results"]}
        assert any(HOSTILE in name for name in names)
    elif format != "html":
        assert "\\x1b" in text


def test_the_table_stays_aligned(hostile: thidua.Evaluation) -> None:
    """A line separator or a control character in a name moves nothing: one line per row."""
    text = thidua.formats.render(hostile, "table")
    plain = thidua.formats.render(
        thidua.evaluate(
            thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data(), "2024"
        ),
        "table",
    )
    assert len(text.splitlines()) == len(plain.splitlines())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_in_year_faces(in_year: thidua.Evaluation, language: str) -> None:
    """Outlooks, and the progress chart's labels."""
    for format in thidua.formats.FORMATS:
        assert_safe(thidua.formats.render(in_year, format, language=language))
    figure = thidua.display.progress_chart(in_year, language=language)
    _check_figure(figure)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_report_faces(hostile: thidua.Evaluation, language: str) -> None:
    """The report's Markdown and HTML."""
    assert_safe(thidua.report.render(hostile, "markdown", language=language))
    pytest.importorskip("jinja2")
    assert_safe(thidua.report.render(hostile, "html", language=language))


def test_report_xlsx(hostile: thidua.Evaluation, tmp_path: Path) -> None:
    """Every cell and sheet title is safe for XML (openpyxl refuses control characters)."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(thidua.report.to_xlsx(hostile)))
    texts = [sheet.title for sheet in workbook.worksheets]
    texts += [
        c.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    for text in texts:
        assert_safe(text, allowed="\t\n\r")
    assert any("\\x1b" in t for t in texts)
    for title in workbook.sheetnames:
        assert len(title) <= 31
        assert not set(title) & set("[]:*?/\\")
    for name in ("r.md", "r.html", "r.xlsx"):  # written as UTF-8 without a crash
        assert thidua.report.write(hostile, tmp_path / name).stat().st_size > 0


def _texts(figure: Any) -> Iterator[str]:
    from matplotlib.text import Text

    for artist in figure.findobj(Text):
        yield artist.get_text()


def _check_figure(figure: Any) -> None:
    for text in _texts(figure):
        assert_safe(text)
    figure.savefig(io.BytesIO(), format="png")  # draws every text: no mathtext error


@pytest.mark.parametrize("language", ["vi", "en"])
def test_notebook_faces(hostile: thidua.Evaluation, language: str) -> None:
    """The HTML of plans, indicators, evaluations and results, and the attainment chart."""
    plan = hostile.plan
    assert_safe(thidua.display.evaluation_html(hostile, language=language))
    for result in hostile.results.values():
        assert_safe(thidua.display.result_html(result, language=language))
    assert_safe(thidua.display.plan_html(plan))
    for indicator in plan.indicators():
        assert_safe(thidua.display.indicator_html(indicator))
    pytest.importorskip("matplotlib")
    _check_figure(thidua.display.attainment_chart(hostile, language=language))


def test_repr_and_str(hostile: thidua.Evaluation) -> None:
    """What a terminal or a notebook shows of the objects themselves."""
    assert_safe(repr(hostile))
    assert_safe(str(hostile))
    for result in hostile.results.values():
        assert_safe(repr(result))
        assert_safe(str(result))
        assert_safe(str(result.explanation))
    assert_safe(repr(hostile.results))


def test_calendar(tmp_path: Path) -> None:
    """ICS text from hostile report names, plan title, issuer and id."""
    plan = _hostile_plan()
    _force(plan, id="p\x1b\u202e")
    text = thidua.reporting.to_ics(plan)
    assert_safe(text, allowed="\r\n")
    assert "\\x1b" in text


def _hostile_cluster() -> tuple[thidua.Cluster, thidua.Plan, Dataset]:
    example = "cum-phuong-cao-lanh-2024"
    cluster = thidua.examples.cluster(example)
    for member in cluster.members:
        _force(member, name=HOSTILE + member.name)
    _force(cluster, name=HOSTILE)
    data = thidua.examples.cluster_data(example)
    # one member's figure is wrong: its error is listed, with the hostile file name
    observations = list(data)
    index = next(
        i for i, o in enumerate(observations) if o.org_unit == "P3" and o.indicator == "KT07"
    )
    observations[index] = attrs.evolve(
        observations[index],
        value=Quantity(-3, "household"),
        source=thidua.Source(file="data.csv", line=9),
    )
    bad = Dataset(observations)
    _force(observations[index].source, file=HOSTILE + ".csv")
    return cluster, thidua.examples.hoa_thuan_2024(), bad


@pytest.mark.parametrize("language", ["vi", "en"])
def test_ranking_and_score_faces(language: str) -> None:
    """A ranking with hostile names and a member not ranked, in every face; a score."""
    cluster, plan, data = _hostile_cluster()
    ranking = rank_cluster(cluster, plan, data, "2024", errors="collect")
    assert [n.member.id for n in ranking.not_ranked] == ["P3"]
    for format in ("table", "json"):
        assert_safe(thidua.formats.render_ranking(ranking, format, language=language))  # type: ignore[arg-type]
    assert_safe(thidua.display.ranking_html(ranking, language=language))
    assert_safe(thidua.display.evaluations_html(ranking.evaluations, language=language))
    assert_safe(repr(ranking))
    assert_safe(repr(ranking.evaluations))
    standing = ranking.standings[0]
    for format in ("table", "json"):
        assert_safe(
            thidua.formats.render_score(
                standing.score, standing.classified, format, title=HOSTILE, language=language
            )  # type: ignore[arg-type]
        )


def test_error_messages_from_hostile_input() -> None:
    """The error of a member whose data are wrong, in both languages and as data."""
    cluster, plan, data = _hostile_cluster()
    with pytest.raises(thidua.DataError) as info:
        rank_cluster(cluster, plan, data, "2024")
    for language in ("vi", "en"):
        assert_safe(info.value.message(language))
    assert_safe(json.dumps(info.value.as_dict(), ensure_ascii=False))
    many = evaluate_many(plan, data, "2024", members=cluster.members, errors="collect")
    assert_safe(repr(many))


def test_json_escapes_every_unsafe_character() -> None:
    """dumps_json: C1, DEL, bidi and surrogates as JSON escapes; the data read back."""
    value = {
        "a": "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]) + "\u202e\u2028\ud800"
    }
    text = thidua.formats.dumps_json(value)
    assert_safe(text)
    assert json.loads(text) == value


def test_command_line_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan file whose title holds escaped control characters: the output is safe.

    (The plan reader may refuse it; then the error message is checked instead.)
    """
    from thidua.cli import main

    plan = tmp_path / "plan.toml"
    plan.write_text(
        'id = "p"\ntitle = "T\\u001b[2J\\u009b"\nyear = 2024\n[[groups]]\nid = "G"\n'
        'name = "g\\u0007"\n[[groups.indicators]]\nid = "I1"\nname = "x\\u001b"\n'
        'rule = ">= 1"\n',
        encoding="utf-8",
    )
    data = tmp_path / "data.csv"
    data.write_text("indicator,period,value\nI1,2024,2\n", encoding="utf-8")
    for format in ("table", "json", "markdown", "html"):
        main(["evaluate", str(plan), "--data", str(data), "--format", format])
        out, err = capsys.readouterr()
        assert_safe(out)
        assert_safe(err)


def test_lone_surrogates_never_reach_a_file(tmp_path: Path) -> None:
    """A lone surrogate in a name: every file face is written as UTF-8."""
    plan = Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[
            IndicatorGroup(
                "G", "g", indicators=[Indicator("I", "n", unit="household", rule="<= 3")]
            )
        ],
        org_units=[OrgUnit("K1", "Khóm 1")],
    )
    _force(plan.groups[0].indicators[0], name="n\udcff")
    _force(plan, title="T\ud800")
    evaluation = thidua.evaluate(plan, Dataset([Observation("I", "2024", value=2)]), "2024")
    for format in thidua.formats.FORMATS:
        (tmp_path / f"x.{format}").write_text(
            thidua.formats.render(evaluation, format), encoding="utf-8"
        )
    for name in ("r.md", "r.html", "r.xlsx"):
        thidua.report.write(evaluation, tmp_path / name)
    assert_safe(thidua.reporting.to_ics(plan), allowed="\r\n")
    _ = dt  # dates come from the plan


# ------------------------------------------------------------ every figure prints

HUGE = "9" * 99  # the longest number a file may hold is 100 characters
PLAN = """id = "p"
title = "Kế hoạch"
year = 2024
[[groups]]
id = "G"
name = "g"
[[groups.indicators]]
id = "R"
name = "Tỷ lệ"
unit = "percent"
rate = true
rule = ">= 98 %"
[[groups.indicators]]
id = "M"
name = "Thu ngân sách"
unit = "billion_VND"
rule = ">= 5 tỷ đồng"
[[groups.indicators]]
id = "H"
name = "Hộ nghèo"
unit = "household"
rule = "<= previous - 2 household"
[[groups.indicators]]
id = "S"
name = "Sáng kiến"
unit = "household"
aggregation = "sum"
rule = ">= 1 household"
"""


def _huge(as_of: str | None = None) -> thidua.Evaluation:
    plan = thidua.loads_plan(PLAN)
    data = thidua.loads_data(
        "indicator,period,value,numerator,denominator\n"
        f"R,2024,,{HUGE},1{'0' * 99}\n"
        f"M,2024,{HUGE} tỷ đồng,,\n"
        f"H,2024,{HUGE} hộ,,\n"
        "H,2023,3 hộ,,\n"
        f"S,2024-01,{HUGE} hộ,,\n"
    )
    return thidua.evaluate(plan, data, "2024", as_of=as_of)


@pytest.mark.parametrize("as_of", [None, "31/01/2024"])
def test_every_figure_that_loads_prints_in_every_face(as_of: str | None, tmp_path: Path) -> None:
    """100-digit numerators, denominators and amounts: no OverflowError, no int→str limit."""
    evaluation = _huge(as_of)
    for language in ("vi", "en"):
        for format in thidua.formats.FORMATS:
            assert_safe(thidua.formats.render(evaluation, format, language=language))
        assert_safe(thidua.report.render(evaluation, "markdown", language=language))
        assert_safe(thidua.display.evaluation_html(evaluation, language=language))
    table = thidua.formats.render(evaluation, "table")
    assert "999.999.999" in table  # the amount, exactly, in Vietnamese groups
    doc = json.loads(thidua.formats.render(evaluation, "json"))
    if as_of is None:  # in-year, the year's own figures have not ended yet
        assert doc["results"][0]["numerator"]["exact"] == HUGE
    pytest.importorskip("jinja2")
    assert_safe(thidua.report.render(evaluation, "html"))
    openpyxl = pytest.importorskip("openpyxl")
    path = thidua.report.write(evaluation, tmp_path / "r.xlsx")
    cells = [
        c.value
        for sheet in openpyxl.load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for c in row
    ]
    assert any(isinstance(v, str) and "999.999.999" in v for v in cells)  # exact, as text
    pytest.importorskip("matplotlib")
    _check_figure(thidua.display.attainment_chart(evaluation))
    if as_of is not None:
        _check_figure(thidua.display.progress_chart(evaluation))
    pytest.importorskip("pandas")
    assert len(evaluation.to_dataframe()) == 4


def test_small_figures_in_xlsx_stay_numbers() -> None:
    """Figures Excel can hold are numbers with a number format, as before."""
    openpyxl = pytest.importorskip("openpyxl")
    seed = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
    workbook = openpyxl.load_workbook(io.BytesIO(thidua.report.to_xlsx(seed)))
    numbers = [
        c.value
        for sheet in workbook.worksheets[1:-1]  # the groups' sheets (the last: data not used)
        for row in sheet.iter_rows(min_row=2)
        for c in row[2:3]
        if c.value is not None
    ]
    assert numbers
    assert all(isinstance(v, int | float) or v in ("đạt", "không đạt") for v in numbers)
