"""Jupyter and paper: rich display, DataFrames, charts, the report, the example notebook."""

from __future__ import annotations

import io
import sys
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

import thidua
from thidua import (
    Dataset,
    ExtraNotInstalledError,
    Indicator,
    IndicatorGroup,
    Observation,
    OrgUnit,
    Plan,
    Quantity,
    Signer,
    Status,
)
from thidua.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert("x")</script> & =HYPERLINK("http://evil")'


class _Checker(HTMLParser):
    """Parses HTML and checks tags balance; collects text and any <script> element."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"closing </{tag}> with nothing open"
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    return checker


@pytest.fixture(scope="module")
def seed() -> thidua.Evaluation:
    """The seed plan evaluated for 2024."""
    return thidua.evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data(), "2024"
    )


@pytest.fixture(scope="module")
def hostile() -> thidua.Evaluation:
    """A plan whose every text is hostile, evaluated with every status."""
    plan = Plan(
        "evil",
        HOSTILE,
        year=2024,
        issuer=HOSTILE,
        superior=HOSTILE,
        place=HOSTILE,
        signer=Signer(HOSTILE, HOSTILE, on_behalf_of=HOSTILE),
        org_units=[OrgUnit("K1", HOSTILE)],
        groups=[
            IndicatorGroup(
                "G",
                HOSTILE,
                indicators=[
                    Indicator("A", HOSTILE, rule=">= 1", text=HOSTILE),
                    Indicator("B", HOSTILE, rule=">= 1"),
                    Indicator("C", HOSTILE, rule=">= 1"),
                    Indicator("D", HOSTILE, unit="percent", rule="> 90 %", rate=True),
                    Indicator(
                        "E",
                        HOSTILE,
                        combine="all",
                        criteria=[Indicator("E1", HOSTILE, rule="is true")],
                    ),
                    Indicator("F", HOSTILE, rule="all org units"),
                ],
            )
        ],
    )
    data = Dataset(
        [
            Observation("A", "2024", value=2, note=HOSTILE),
            Observation("B", "2024", value=0),
            Observation("D", "2024", numerator=0, denominator=0),
            Observation("E1", "2024", value=True),
            Observation("F", "2024", value=False, org_unit="K1"),
        ]
    )
    return thidua.evaluate(plan, data, "2024")


def test_every_status_occurs_in_the_hostile_plan(hostile: thidua.Evaluation) -> None:
    """The hostile fixture exercises all four statuses."""
    assert {r.status for r in hostile.results.values()} == set(Status)


def _renderings(ev: thidua.Evaluation) -> dict[str, str]:
    plan = ev.plan
    first = ev.top_results()[0]
    return {
        "evaluation": ev._repr_html_(),
        "result": first._repr_html_(),
        "plan": plan._repr_html_(),
        "indicator": next(plan.indicators())._repr_html_(),
        "report-vi": thidua.report.render(ev, "html"),
        "report-en": thidua.report.render(ev, "html", language="en"),
        "cli-html": thidua.formats.render(ev, "html"),
    }


@pytest.mark.parametrize("fixture", ["seed", "hostile"])
def test_html_parses_and_escapes_hostile_text(fixture: str, request: pytest.FixtureRequest) -> None:
    """Every HTML rendering parses with balanced tags, and plan text never becomes markup."""
    ev = request.getfixturevalue(fixture)
    for name, html in _renderings(ev).items():
        checker = _parse(html)
        assert checker.scripts == 0, name
        if fixture == "hostile" and name not in ("indicator",):
            assert '<script>alert("x")</script>' in "".join(checker.text), name


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_status_label_is_shown(hostile: thidua.Evaluation, language: str) -> None:
    """The evaluation display and the report show every status label."""
    for html in (
        thidua.display.evaluation_html(hostile, language=language),
        thidua.report.render(hostile, "html", language=language),
    ):
        text = "".join(_parse(html).text)
        for status in Status:
            assert status.label(language) in text


def test_reprs_are_readable(seed: thidua.Evaluation) -> None:
    """Plans, evaluations and results have short, readable reprs and strs."""
    assert (
        repr(seed)
        == "<Evaluation 'hoa-thuan-2024' 2024: achieved 17, not_achieved 5, no_data 2, not_applicable 1>"
    )
    assert repr(seed.results["KT07"]) == "<Result KT07 achieved: 42 household <= 43 household>"
    assert str(seed.results["KT07"]) == "Số hộ nghèo: 42 hộ ≤ 43 hộ (năm trước 45 hộ − 2 hộ) — Đạt"
    assert repr(seed.plan).startswith("<Plan 'hoa-thuan-2024': Kế hoạch phát động")
    assert (
        str(seed.plan.indicator("CK08"))
        == "CK08 Các chỉ số, đánh giá, xếp loại chuyên môn được Thành phố đánh giá hàng năm: all of CK08a, CK08b, CK08c"
    )
    # str() is a one-line summary: the model knows no face (tables are formats' work)
    assert str(seed) == (
        "hoa-thuan-2024 — năm 2024: Đạt 17, Không đạt 5, Chưa có số liệu 2, Không áp dụng 1"
    )
    assert "Số hộ nghèo" in thidua.formats.render(seed, "table")


def test_composites_show_their_criteria_nested(seed: thidua.Evaluation) -> None:
    """A composite's HTML holds its criteria as indented rows."""
    html = seed.results["CK08"]._repr_html_()
    assert html.count("<tr class=") == 4
    assert "padding-left:26px" in html


# ------------------------------------------------------------------ DataFrames


def test_dataset_dataframe_round_trip() -> None:
    """Dataset.from_dataframe(ds.to_dataframe()) == ds, for the example and odd values."""
    ds = thidua.examples.hoa_thuan_2024_data()
    assert Dataset.from_dataframe(ds.to_dataframe()) == ds
    odd = Dataset(
        [
            Observation(
                "X",
                "2024-Q3",
                value=Quantity(Fraction(1, 3), "percent"),
                org_unit="K1",
                note="ghi chú",
            ),
            Observation("Y", "2024-01-01..2024-06-10", value=False, kind="estimate"),
            Observation(
                "Z",
                "2024",
                numerator=49,
                denominator=50,
                source=thidua.Source(None, None, "Công an"),
            ),
            Observation("W", "2024"),
        ]
    )
    assert Dataset.from_dataframe(odd.to_dataframe()) == odd


def test_dataset_dataframe_columns_are_typed() -> None:
    """Exact values in object columns, units apart, kinds categorical."""
    frame = thidua.examples.hoa_thuan_2024_data().to_dataframe()
    assert list(frame.columns) == [
        "indicator",
        "period",
        "org_unit",
        "kind",
        "value",
        "unit",
        "numerator",
        "denominator",
        "note",
        "source_file",
        "source_line",
        "source_reference",
    ]
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert frame["value"].dtype == object
    row = frame[
        (frame["indicator"] == "KT03") & (frame["period"] == "2024") & (frame["kind"] == "actual")
    ].iloc[0]
    assert row["value"] == Fraction(968, 10)
    assert row["unit"] == "percent"


def test_dataset_from_a_hand_made_dataframe() -> None:
    """A DataFrame with text values, as people type them, is read too; bad rows are named."""
    frame = pd.DataFrame(
        {"indicator": ["KT07", "KT03"], "period": ["2024", "2024"], "value": ["42 hộ", "97,5%"]}
    )
    ds = Dataset.from_dataframe(frame)
    assert ds.get("KT07", "2024").value == Quantity(42, "household")  # type: ignore[union-attr]
    with pytest.raises(thidua.DataError, match="lacks the 'period' column"):
        Dataset.from_dataframe(pd.DataFrame({"indicator": ["KT07"]}))
    with pytest.raises(thidua.ThiduaError, match="row 0"):
        Dataset.from_dataframe(pd.DataFrame({"indicator": ["KT07"], "period": ["2024-H9"]}))
    with pytest.raises(thidua.ArgumentTypeError, match="must be a pandas DataFrame"):
        Dataset.from_dataframe([1, 2])


def test_evaluation_dataframe(seed: thidua.Evaluation) -> None:
    """One row per indicator and criterion; statuses categorical; exact values."""
    frame = seed.to_dataframe()
    assert len(frame) == len(seed.results)
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert list(frame["status"].cat.categories) == [s.value for s in Status]
    kt07 = frame.loc["KT07"]
    assert (kt07["actual"], kt07["unit"], kt07["threshold"], kt07["attainment"]) == (
        42,
        "household",
        43,
        Fraction(43, 42),
    )
    assert frame.loc["CK08b", "parent"] == "CK08"
    assert frame.loc["CK08b", "level"] == 1
    assert frame.loc["CK08b", "group"] == "CK"
    june = thidua.evaluate(
        seed.plan, thidua.examples.hoa_thuan_2024_data(), "2024", as_of="10/6/2024"
    ).to_dataframe()
    assert {"pace", "projected", "projected_status"} <= set(june.columns)
    assert june.loc["CK04", "pace"] == "behind"
    assert len(seed.results["CK08"].to_dataframe()) == 4


# ------------------------------------------------------------------ charts


def test_charts_return_figures(seed: thidua.Evaluation) -> None:
    """Charts are matplotlib Figures, labelled with the plan's Vietnamese names."""
    figure = thidua.display.attainment_chart(seed)
    assert isinstance(figure, Figure)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "KT07  Số hộ nghèo" in labels
    figure.savefig(io.BytesIO(), format="png")
    june = thidua.evaluate(
        seed.plan, thidua.examples.hoa_thuan_2024_data(), "2024", as_of="10/6/2024"
    )
    progress = thidua.display.progress_chart(june, language="en")
    assert isinstance(progress, Figure)
    progress.savefig(io.BytesIO(), format="png")
    with pytest.raises(thidua.ThiduaError, match="no in-year outlook"):
        thidua.display.progress_chart(seed)


# ------------------------------------------------------------------ the report


def test_markdown_report(seed: thidua.Evaluation, hostile: thidua.Evaluation) -> None:
    """The Markdown report has heading, summary with shares, the table and the attention list."""
    text = thidua.report.render(seed, "markdown")
    assert "**ỦY BAN NHÂN DÂN PHƯỜNG HÒA THUẬN**" in text
    assert (  # the share counts only the indicators decided (8 of 11)
        "| CK — Bản cam kết hành động năm 2024 của Chủ tịch Ủy ban nhân dân phường "
        "| 12 | 8 | 3 | 0 | 1 | 0 | ≈72,7% |" in text
    )
    assert (
        "| KT — Chương trình, mục tiêu phát triển kinh tế - xã hội năm 2024 "
        "| 13 | 9 | 2 | 0 | 1 | 1 | ≈81,8% |" in text
    )
    assert "- Tỷ lệ người dân tham gia bảo hiểm y tế: 96,8% &lt; 97,5% — Không đạt" in text
    assert "**Ngô Hữu Phước**" in text
    assert "<script>" not in thidua.report.render(hostile, "markdown")
    assert "Share achieved" in thidua.report.render(seed, "markdown", language="en")


def test_xlsx_report(seed: thidua.Evaluation, hostile: thidua.Evaluation, tmp_path: Path) -> None:
    """The workbook opens with openpyxl: a summary sheet and one per group, right values and formats."""
    path = thidua.report.write(seed, tmp_path / "bao-cao.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "CK", "KT", "Số liệu không dùng"]
    summary = book["Tổng hợp"]
    groups = {r[0].value: r for r in summary.iter_rows() if str(r[0].value).startswith("CK —")}
    assert [c.value for c in next(iter(groups.values()))][:8] == [
        "CK — Bản cam kết hành động năm 2024 của Chủ tịch Ủy ban nhân dân phường",
        12,
        8,
        3,
        0,
        1,
        0,
        pytest.approx(8 / 11),  # of the decided only
    ]
    head = [c.value for c in book["KT"][1]]
    rows = {r[0].value.strip(): r for r in book["KT"].iter_rows(min_row=2)}
    actual, target = head.index("Thực hiện"), head.index("Mục tiêu")
    kt03 = rows["KT03"]
    assert kt03[actual].value == pytest.approx(0.968)
    assert kt03[actual].number_format == "0.0%"
    assert kt03[target].value == pytest.approx(0.975)
    assert kt03[head.index("Kết quả")].value == "Không đạt"
    kt02 = rows["KT02"]
    assert (kt02[actual].value, kt02[actual].number_format) == (2950000000, '#,##0 "đồng"')
    kt07 = rows["KT07"]
    assert (kt07[actual].value, kt07[actual + 1].value, kt07[target].value) == (42, "hộ", 43)
    evil = openpyxl.load_workbook(io.BytesIO(thidua.report.to_xlsx(hostile)))
    cells = [c for sheet in evil.worksheets for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == HOSTILE for c in cells)


def test_report_write_errors(seed: thidua.Evaluation, tmp_path: Path) -> None:
    """Unknown formats and unwritable paths are ThiduaErrors."""
    with pytest.raises(thidua.UsageError, match="cannot tell the report format") as info:
        thidua.report.write(seed, tmp_path / "bao-cao.pdf")
    assert info.value.code == "usage.format"
    with pytest.raises(thidua.UsageError, match="cannot write the report") as info:
        thidua.report.write(seed, tmp_path / "missing" / "bao-cao.md")
    assert info.value.code == "file.cannot_write"
    assert "không ghi được báo cáo" in info.value.message("vi")
    with pytest.raises(thidua.UsageError, match="cannot write the report"):
        thidua.report.write(seed, str(tmp_path / "bao\x00cao.md"))  # a NUL in the path
    with pytest.raises(thidua.UsageError, match="must be 'markdown' or 'html'"):
        thidua.report.render(seed, "xlsx")  # type: ignore[arg-type]
    with pytest.raises(thidua.UsageError, match="language='fr'"):
        thidua.report.render(seed, "markdown", language="fr")
    with pytest.raises(thidua.UsageError, match="format='pdf'") as info:
        thidua.report.write(seed, tmp_path / "bao-cao.md", format="pdf")  # type: ignore[arg-type]
    assert info.value.code == "usage.format"


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua report` prints Markdown or HTML, and writes xlsx to --output."""
    assert main(["report", "--example", "hoa-thuan-2024"]) == 0
    assert "# BÁO CÁO" in capsys.readouterr().out
    assert (
        main(["report", "--example", "hoa-thuan-2024", "--format", "html", "--language", "en"]) == 0
    )
    _parse(capsys.readouterr().out)
    out = tmp_path / "r.xlsx"
    assert (
        main(["report", "--example", "hoa-thuan-2024", "--format", "xlsx", "--output", str(out)])
        == 0
    )
    assert openpyxl.load_workbook(out).sheetnames == ["Tổng hợp", "CK", "KT", "Số liệu không dùng"]
    assert main(["report", "--example", "hoa-thuan-2024", "--format", "xlsx"]) == 2
    assert "báo cáo xlsx cần --output" in capsys.readouterr().err


# ------------------------------------------------------------------ missing extras


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("pandas", "notebook", lambda ev: ev.to_dataframe()),
        ("pandas", "notebook", lambda ev: thidua.examples.hoa_thuan_2024_data().to_dataframe()),
        ("matplotlib", "notebook", thidua.display.attainment_chart),
        ("jinja2", "report", lambda ev: thidua.report.render(ev, "html")),
        ("openpyxl", "report", thidua.report.to_xlsx),
        ("docx", "docx", thidua.report.to_docx),
    ],
)
def test_missing_extras_say_what_to_install(
    seed: thidua.Evaluation, monkeypatch: pytest.MonkeyPatch, module: str, extra: str, call: object
) -> None:
    """With the extra hidden, the call raises a ThiduaError naming the extra to install."""
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ExtraNotInstalledError) as info:
        call(seed)  # type: ignore[operator]
    assert f"pip install 'thidua[{extra}]'" in str(info.value)
    assert isinstance(info.value, ImportError)


def test_markdown_report_needs_no_extra(
    seed: thidua.Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown reports and the rich HTML display work without any extra."""
    for module in ("jinja2", "openpyxl", "pandas", "matplotlib"):
        monkeypatch.setitem(sys.modules, module, None)
    assert "# BÁO CÁO" in thidua.report.render(seed, "markdown")
    assert "thidua-badge" in seed._repr_html_()


# ------------------------------------------------------------------ the notebook


def test_example_notebook_runs_clean() -> None:
    """examples/hoa-thuan-2024.ipynb executes without a cell error."""
    import nbclient
    import nbformat

    notebook = nbformat.read(ROOT / "examples" / "hoa-thuan-2024.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3").execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any("text/html" in o.get("data", {}) for o in outputs)


def test_a_package_of_two_extras_names_the_one_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """The package openpyxl is in two extras: a reader names ``excel``, a report ``report``."""
    from thidua._extras import require

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ExtraNotInstalledError) as info:
        require("openpyxl", extra="excel")
    assert "pip install 'thidua[excel]'" in str(info.value)
    with pytest.raises(ExtraNotInstalledError) as info:
        require("openpyxl")
    assert "pip install 'thidua[report]'" in str(info.value)
