"""The reference ward service (examples/ward-service), run in process.

Every endpoint is called through Starlette's TestClient and its answer checked:
status, content type and body — JSON against thidua's JSON Schemas when the
installed thidua ships them (``thidua.schemas``), and against the shapes that
docs/ward-service.md documents in every case; reports are opened with
openpyxl and python-docx.
"""

from __future__ import annotations

import csv
import importlib
import importlib.resources
import io
import json
import sys
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import openpyxl
import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import thidua

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its test client; httpx still works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

SERVICE = Path(__file__).resolve().parent.parent / "examples" / "ward-service"
PLAN = "hoa-thuan-2024"
JSON = "application/json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def service() -> Iterator[ModuleType]:
    """The service's app module, imported from examples/ward-service."""
    sys.path.insert(0, str(SERVICE))
    try:
        yield importlib.import_module("ward_service.app")
    finally:
        sys.path.remove(str(SERVICE))


@pytest.fixture(scope="module")
def io_module(service: ModuleType) -> ModuleType:
    """The service's adapter to thidua (ward_service.thidua_io)."""
    return importlib.import_module("ward_service.thidua_io")


@pytest.fixture(scope="module")
def plans() -> dict[str, thidua.Plan]:
    """The plans served in the tests: the seed plan."""
    return {PLAN: thidua.examples.plan(PLAN)}


@pytest.fixture
def client(service: ModuleType, plans: dict[str, thidua.Plan]) -> Iterator[TestClient]:
    """A test client of a new app (its own empty store)."""
    with TestClient(service.create_app(plans=plans)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def shared_client(service: ModuleType, plans: dict[str, thidua.Plan]) -> Iterator[TestClient]:
    """One test client for every example of a property (what it keeps does not matter)."""
    with TestClient(service.create_app(plans=plans)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    """The example's figures as records: the shipped CSV's rows, empty cells left out."""
    text = (importlib.resources.files("thidua.examples") / f"{PLAN}-data.csv").read_text("utf-8")
    return [{k: v for k, v in row.items() if v} for row in csv.DictReader(io.StringIO(text))]


def schema_of(io_module: ModuleType, kind: str) -> dict[str, Any] | None:
    """The schema of ``kind`` thidua ships, or None where it has none."""
    found: dict[str, Any] | None = io_module.schema(kind)
    return found


def check_schema(io_module: ModuleType, kind: str, document: dict[str, Any]) -> None:
    """``document`` is valid against thidua's schema of ``kind``, where thidua has one.

    A document that names its schema (``"schema": "thidua/outlook/v1"``) is
    checked against that one.
    """
    named = str(document.get("schema", ""))
    if named.startswith("thidua/") and named.count("/") == 2:
        kind = named.split("/")[1]
    found = schema_of(io_module, kind)
    if found is not None:
        import jsonschema

        jsonschema.validate(document, found)


def check_problems(response: Any, status: int) -> list[dict[str, Any]]:
    """A problem document answered with ``status``; its problems."""
    assert response.status_code == status
    assert response.headers["content-type"] == JSON
    doc = response.json()
    assert doc["schema"] == "ward-service/problems/v1"
    assert doc["status"] == status
    assert set(doc["title"]) == {"vi", "en"}
    assert doc["problems"]
    for found in doc["problems"]:
        assert isinstance(found["code"], str)
        assert "." in found["code"]
        assert found["message"]["vi"]
        assert found["message"]["en"]
    assert "Traceback" not in response.text
    problems: list[dict[str, Any]] = doc["problems"]
    return problems


def codes(problems: list[dict[str, Any]]) -> list[str]:
    """The codes of ``problems``, in order."""
    return [p["code"] for p in problems]


# ------------------------------------------------------------------ plans


def test_plans_lists_the_examples(client: TestClient) -> None:
    """GET /plans lists each plan with its id, title, year and link."""
    response = client.get("/plans")
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    doc = response.json()
    assert doc["schema"] == "ward-service/plans/v1"
    (plan,) = doc["plans"]
    assert plan["id"] == PLAN
    assert plan["title"].startswith("Kế hoạch phát động phong trào thi đua")
    assert plan["year"] == 2024
    assert plan["href"] == f"/plans/{PLAN}"
    assert plan["indicators"] == len(list(thidua.examples.plan(PLAN).indicators()))


def test_default_app_serves_every_shipped_example(service: ModuleType) -> None:
    """By default the app serves every example plan thidua ships."""
    with TestClient(service.create_app()) as default:
        ids = [p["id"] for p in default.get("/plans").json()["plans"]]
    assert ids == list(thidua.examples.NAMES)


def test_plan_document_reads_back_as_the_plan(client: TestClient, io_module: ModuleType) -> None:
    """GET /plans/{id} is the plan document, which reads back as the same plan."""
    response = client.get(f"/plans/{PLAN}")
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    doc = response.json()
    assert doc["id"] == PLAN
    assert doc["year"] == 2024
    assert doc["groups"][0]["indicators"][0]["id"]
    check_schema(io_module, "plan", doc)
    if io_module._accepts(thidua.loads_plan, "format"):
        again = thidua.loads_plan(json.dumps(doc), format="json")
    else:
        again = thidua.loads_plan(tomli_w.dumps(doc))
    assert again == thidua.examples.plan(PLAN)


def test_unknown_plan_is_404(client: TestClient) -> None:
    """An unknown plan id is a 404 problem naming the plans there are."""
    (found,) = check_problems(client.get("/plans/no-such-plan"), 404)
    assert found["code"] == "plan.not_found"
    assert "no-such-plan" in found["message"]["vi"]
    assert PLAN in found["hint"]["en"]
    for path in ("/figures", "/evaluations", "/report"):
        response = client.post(f"/plans/no-such-plan{path}", json={"figures": []})
        assert check_problems(response, 404)[0]["code"] == "plan.not_found"


def test_unknown_route_and_method(client: TestClient) -> None:
    """Routing errors are problem documents too (405 with its Allow header)."""
    (found,) = check_problems(client.get("/nowhere"), 404)
    assert found["code"] == "http.not_found"
    response = client.delete("/plans")
    (found,) = check_problems(response, 405)
    assert found["code"] == "http.method_not_allowed"
    assert "GET" in response.headers["allow"]


# ---------------------------------------------------------------- figures


def test_valid_figures_are_kept_with_a_summary(
    client: TestClient, records: list[dict[str, str]]
) -> None:
    """Valid figures are kept (per app) and summarised."""
    check_problems(client.get(f"/plans/{PLAN}/figures"), 409)
    response = client.post(f"/plans/{PLAN}/figures", json={"figures": records})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    summary = response.json()
    assert summary["schema"] == "ward-service/figures/v1"
    assert summary["plan"] == PLAN
    assert summary["stored"] is True
    assert summary["records"] == len(records)
    example = thidua.examples.hoa_thuan_2024_data()
    assert summary["indicators"] == sorted(example.indicators)
    assert summary["org_units"] == ["K1", "K2", "K3", "K4", "K5"]
    assert sum(summary["kinds"].values()) == len(example)
    assert "2024-H1" in summary["periods"]
    assert client.get(f"/plans/{PLAN}/figures").json() == summary


def test_every_problem_is_listed_with_its_record_and_field(client: TestClient) -> None:
    """One POST lists every problem of every record: code, record index, field, both languages."""
    figures: list[object] = [
        {"indicator": "KT07", "period": "20x4", "value": "42 hộ", "kind": "actul", "zz": 1},
        5,
        {"indicator": "KT07", "period": "2024", "value": "42 hộ"},
        {"indicator": "KT07", "period": "2024", "value": "43 hộ"},
        {"indicator": "TU01", "period": "2024", "value": "42 hộ"},
        {"indicator": "KT07", "period": 2023, "value": "45", "unit": "hổ"},
        {"period": "2024", "value": True},
        {"indicator": ["KT07"], "period": 2024.5, "value": {"n": 1}, "note": 3},
        {"indicator": "CK08a", "period": "2024", "value": "90%", "numerator": 1, "denominator": 2},
        {"indicator": "KT07", "period": "2022", "value": "1.5"},
        {"indicator": "CK08a", "period": "2023", "numerator": "1 hộ", "denominator": 2},
    ]
    response = client.post(f"/plans/{PLAN}/figures", json={"figures": figures})
    problems = check_problems(response, 422)
    where = {(p.get("record"), p.get("field"), p["code"]) for p in problems}
    assert where >= {
        (0, "zz", "records.unknown_key"),
        (0, "period", "period.unreadable"),
        (0, "kind", "data.unknown_kind"),
        (1, None, "records.not_an_object"),
        (3, None, "data.duplicate_observation"),
        (4, None, "data.unknown_indicator"),
        (5, "unit", "unit.unknown"),
        (6, "indicator", "records.missing_key"),
        (7, "indicator", "records.wrong_type"),
        (7, "period", "records.wrong_type"),
        (7, "value", "records.wrong_type"),
        (7, "note", "records.wrong_type"),
        (8, None, "data.value_disagrees"),
        (9, "value", "number.separators"),
        (10, "numerator", "data.not_a_count"),
    }, where
    by_record = {p.get("record"): p for p in problems if p["code"] == "period.unreadable"}
    period = by_record[0]
    assert period["key"] == "records[0].period"
    assert period["message"]["vi"].startswith("tại mục records[0].period: không đọc được kỳ '20x4'")
    assert period["message"]["en"].startswith("at records[0].period: cannot read period '20x4'")
    assert period["hint"]["vi"]
    duplicate = next(p for p in problems if p["code"] == "data.duplicate_observation")
    assert "records[2]" in duplicate["message"]["vi"]  # where the first one is
    guess = next(p for p in problems if p["code"] == "data.unknown_indicator")
    assert "KT01" in guess["message"]["vi"]  # thidua's suggestion, never applied
    # Nothing was kept.
    check_problems(client.get(f"/plans/{PLAN}/figures"), 409)


def test_problems_are_in_both_languages_and_located(client: TestClient) -> None:
    """A problem carries thidua's error fields (class, text) and its record and field."""
    response = client.post(
        f"/plans/{PLAN}/figures", json={"figures": [{"indicator": "KT07", "period": "quý V/2024"}]}
    )
    (found,) = check_problems(response, 422)
    assert found["error"] == "ParseError"
    assert found["record"] == 0
    assert found["field"] == "period"
    assert found["text"] == "quý V/2024"
    assert found["message"]["vi"] != found["message"]["en"]


def test_control_characters_never_reach_the_answer(client: TestClient) -> None:
    """Control and bidi characters are refused where they are, and never written raw."""
    figures = [
        {"indicator": "KT07", "period": "2024", "value": "42 hộ", "note": "a\x1b[31mb"},
        {"indicator": "KT07", "period": "2023", "value": "45 hộ", "org_unit": "K1\u202e"},
        {"indicator": "KT07\x07", "period": "2022", "value": "45 hộ", "\x1bkey": 1},
    ]
    response = client.post(f"/plans/{PLAN}/figures", json={"figures": figures})
    problems = check_problems(response, 422)
    assert {
        (p["record"], p["field"]) for p in problems if p["code"] == "text.control_character"
    } == {
        (0, "note"),
        (1, "org_unit"),
        (2, "indicator"),
    }
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in response.text


def test_many_problems_are_counted_beyond_the_first_thousand(client: TestClient) -> None:
    """Beyond 1,000 problems, one more problem counts the rest."""
    figures = [{"indicator": "KT07", "period": "x"} for _ in range(1200)]
    response = client.post(f"/plans/{PLAN}/figures", json={"figures": figures})
    problems = check_problems(response, 422)
    assert len(problems) == 1001
    assert problems[-1]["code"] == "problems.more"
    assert "200" in problems[-1]["message"]["vi"]


def test_json_numbers_are_read_exactly_as_written(client: TestClient) -> None:
    """A JSON number such as 98.1 is read as the decimal written, not as a float."""
    figures = [
        {"indicator": "CK03", "period": "2024", "value": 98.1, "unit": "%"},
        {"indicator": "KT07", "period": "2024", "value": 42},
    ]
    response = client.post(
        f"/plans/{PLAN}/evaluations", json={"figures": figures, "period": "2024"}
    )
    assert response.status_code == 200
    results = {r["indicator"]: r for r in response.json()["results"]}
    assert "98.1" in json.dumps(results["CK03"]["actual"])
    assert "42" in json.dumps(results["KT07"]["actual"])


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["indicator", "period", "value", "unit", "kind", "org_unit", "x"]),
            st.recursive(
                st.none()
                | st.booleans()
                | st.integers(-(10**30), 10**30)
                | st.floats(allow_nan=False, allow_infinity=False)
                | st.text(max_size=12)
                | st.sampled_from(["KT07", "CK03", "2024", "2024-H1", "42 hộ", "97,5%", "hộ"]),
                lambda inner: st.lists(inner, max_size=2),
                max_leaves=3,
            ),
            max_size=5,
        ),
        max_size=4,
    )
)
def test_any_figures_are_kept_or_refused_never_a_crash(
    shared_client: TestClient, figures: list[dict[str, Any]]
) -> None:
    """Whatever JSON the figures are, the answer is 200 or a 422 problem document."""
    response = shared_client.post(f"/plans/{PLAN}/figures", json={"figures": figures})
    assert response.status_code in (200, 422), response.text
    assert response.headers["content-type"] == JSON
    if response.status_code == 422:
        for found in check_problems(response, 422):
            assert found.get("record") is None or 0 <= found["record"] < len(figures)


# ------------------------------------------------------------ evaluations


def test_evaluation_is_thiduas_json(
    client: TestClient, io_module: ModuleType, records: list[dict[str, str]]
) -> None:
    """POST /evaluations answers thidua's evaluation JSON, as evaluating the figures gives."""
    response = client.post(
        f"/plans/{PLAN}/evaluations", json={"figures": records, "period": "2024"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    doc = response.json()
    check_schema(io_module, "evaluation", doc)
    plan = thidua.examples.hoa_thuan_2024()
    expected = io_module.evaluation_document(
        thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data(), "2024"), language="vi"
    )
    assert doc["plan"] == PLAN
    assert doc["period"] == "2024"
    assert doc["summary"] == expected["summary"]
    statuses = {r["indicator"]: r["status"] for r in doc["results"]}
    assert statuses == {r["indicator"]: r["status"] for r in expected["results"]}
    assert "Số hộ nghèo" in response.text  # explained in Vietnamese
    assert "records[43]" in response.text  # a figure's source names its record


def test_evaluation_in_year_and_in_english(
    client: TestClient, io_module: ModuleType, records: list[dict[str, str]]
) -> None:
    """An in-year evaluation of the figures kept, in English."""
    assert client.post(f"/plans/{PLAN}/figures", json={"figures": records}).status_code == 200
    response = client.post(
        f"/plans/{PLAN}/evaluations",
        json={"period": 2024, "as_of": "10/6/2024", "language": "en"},
    )
    assert response.status_code == 200
    doc = response.json()
    check_schema(io_module, "evaluation", doc)
    assert doc["as_of"] == "2024-06-10"
    assert doc["summary"] != {}
    assert "Achieved" in response.text or "Not achieved" in response.text


def test_evaluation_needs_figures(client: TestClient) -> None:
    """Without figures sent or kept, an evaluation is a 409 problem."""
    (found,) = check_problems(
        client.post(f"/plans/{PLAN}/evaluations", json={"period": "2024"}), 409
    )
    assert found["code"] == "service.no_figures"
    assert f"/plans/{PLAN}/figures" in found["hint"]["vi"]


def test_evaluation_refusals(client: TestClient, records: list[dict[str, str]]) -> None:
    """Each wrong evaluation request is one problem with its code."""
    url = f"/plans/{PLAN}/evaluations"
    cases: list[tuple[dict[str, Any], int, str]] = [
        (
            {"figures": records, "period": "2024", "as_of": "31/12/2023"},
            422,
            "usage.as_of_before_period",
        ),
        ({"figures": records, "period": "2024", "language": "fr"}, 422, "usage.language"),
        ({"figures": records, "period": ["2024"]}, 422, "request.wrong_type"),
        ({"figures": records, "period": "2024", "extra": 1}, 422, "request.unknown_key"),
        ({"figures": {"indicator": "KT07"}, "period": "2024"}, 422, "request.no_figures"),
        (
            {"figures": [{"indicator": "KT07", "period": "?"}], "period": "2024"},
            422,
            "period.unreadable",
        ),
        ({"figures": records, "period": "2024-Q5"}, 422, "period.unreadable"),
    ]
    for body, status, code in cases:
        assert codes(check_problems(client.post(url, json=body), status)) == [code], body


def test_unreadable_requests(client: TestClient) -> None:
    """Bodies that are not JSON objects are 400 (or 422) problems, located where JSON says."""
    url = f"/plans/{PLAN}/evaluations"
    cases: list[tuple[bytes, int, str]] = [
        (b'{"period": 2024,', 400, "request.not_json"),
        (b"\xff\xfe{}", 400, "request.not_utf8"),
        (b'{"period": "2024", "period": "2023"}', 400, "request.duplicate_key"),
        (
            b'{"figures": [{"indicator": "KT07", "period": "2024", "value": NaN}]}',
            400,
            "request.not_a_number",
        ),
        (b"[" * 100_000, 400, "request.not_json"),
        (b'{"figures": [{"value": 1' + b"0" * 5000 + b"}]}", 400, "request.not_json"),
        (b'["figures"]', 422, "request.not_an_object"),
    ]
    for body, status, code in cases:
        response = client.post(url, content=body, headers={"content-type": JSON})
        assert codes(check_problems(response, status)) == [code], body
    located = client.post(url, content=b'{\n  "period": 2024,\n}').json()["problems"][0]
    assert (located["line"], located["column"]) == (3, 1)


def test_size_limits(service: ModuleType, plans: dict[str, thidua.Plan]) -> None:
    """Bodies beyond the size limit (with or without a length) and lists beyond the records limit are 413."""
    app = service.create_app(plans=plans, max_body_bytes=2000, max_records=3)
    with TestClient(app) as small:
        url = f"/plans/{PLAN}/figures"
        big = {"figures": [{"indicator": "KT07", "period": "2024", "note": "x" * 3000}]}
        (found,) = check_problems(small.post(url, json=big), 413)
        assert found["code"] == "request.too_large"

        def chunks() -> Iterator[bytes]:  # no content-length: the stream is counted
            yield b'{"figures": ['
            for _ in range(100):
                yield b'{"indicator": "KT07", "period": "2024"},'

        (found,) = check_problems(small.post(url, content=chunks()), 413)
        assert found["code"] == "request.too_large"
        many = {"figures": [{"indicator": "KT07", "period": str(y)} for y in range(2020, 2024)]}
        (found,) = check_problems(small.post(url, json=many), 413)
        assert found["code"] == "request.too_many_records"
        assert small.post(url, json={"figures": many["figures"][:3]}).status_code == 200


def test_unexpected_failure_is_a_500_without_internals(
    client: TestClient,
    io_module: ModuleType,
    records: list[dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unexpected exception is a 500 problem document that tells nothing of the internals."""

    def broken(*args: object, **kwargs: object) -> object:
        msg = "secret internal detail"
        raise RuntimeError(msg)

    monkeypatch.setattr(io_module, "evaluation_document", broken)
    monkeypatch.setattr(io_module, "report_bytes", broken)
    logger = io_module.__name__.split(".")[0]
    import logging

    monkeypatch.setattr(logging.getLogger(logger), "disabled", True)
    body = {"figures": records, "period": "2024"}
    for url in (f"/plans/{PLAN}/evaluations", f"/plans/{PLAN}/report"):
        response = client.post(url, json=body)
        (found,) = check_problems(response, 500)
        assert found["code"] == "service.internal"
        assert "secret" not in response.text
        assert "RuntimeError" not in response.text


def test_each_app_has_its_own_store(
    service: ModuleType, plans: dict[str, thidua.Plan], records: list[dict[str, str]]
) -> None:
    """No state is shared between apps: each has its own store."""
    first, second = service.create_app(plans=plans), service.create_app(plans=plans)
    with TestClient(first) as one, TestClient(second) as two:
        assert one.post(f"/plans/{PLAN}/figures", json={"figures": records}).status_code == 200
        assert one.get(f"/plans/{PLAN}/figures").status_code == 200
        assert two.get(f"/plans/{PLAN}/figures").status_code == 409
    assert len(first.state.store) == 1
    assert len(second.state.store) == 0


# ---------------------------------------------------------------- reports


def test_reports_of_the_figures_kept(client: TestClient, records: list[dict[str, str]]) -> None:
    """GET /report gives the xlsx, docx and html reports, which open."""
    url = f"/plans/{PLAN}/report"
    check_problems(client.get(url, params={"period": "2024"}), 409)
    assert client.post(f"/plans/{PLAN}/figures", json={"figures": records}).status_code == 200

    response = client.get(url, params={"period": "2024", "format": "xlsx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert 'filename="bao-cao-hoa-thuan-2024-2024.xlsx"' in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c
    ]
    assert any("BÁO CÁO" in c for c in cells)

    response = client.get(url, params={"period": "2024", "format": "docx", "language": "vi"})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    document = docx.Document(io.BytesIO(response.content))
    assert any(p.text.strip() == "BÁO CÁO" for p in document.paragraphs)

    response = client.get(url, params={"period": "2024-H1", "format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.text.startswith("<!DOCTYPE html>")
    assert "6 tháng đầu năm 2024" in response.text

    # xlsx by default
    assert client.get(url, params={"period": "2024"}).headers["content-type"] == XLSX


def test_report_posted_with_its_figures(client: TestClient, records: list[dict[str, str]]) -> None:
    """POST /report takes its own figures and keeps none."""
    body = {"figures": records, "period": "2024", "format": "docx", "as_of": "10/6/2024"}
    response = client.post(f"/plans/{PLAN}/report", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    docx.Document(io.BytesIO(response.content))
    assert client.get(f"/plans/{PLAN}/figures").status_code == 409  # posting a report keeps nothing


def test_report_refusals(client: TestClient, records: list[dict[str, str]]) -> None:
    """Each wrong report request is one problem with its code."""
    url = f"/plans/{PLAN}/report"
    assert client.post(f"/plans/{PLAN}/figures", json={"figures": records}).status_code == 200
    cases: list[tuple[dict[str, str], str]] = [
        ({"period": "2024", "format": "pdf"}, "request.report_format"),
        ({"period": "2024", "language": "de"}, "usage.language"),
        ({"period": "2024", "colour": "red"}, "request.unknown_key"),
        ({"period": "năm 20244"}, "period.unreadable"),
    ]
    for params, code in cases:
        assert codes(check_problems(client.get(url, params=params), 422)) == [code], params
    bad = [{"indicator": "KT07", "period": "2024", "value": "abc"}]
    response = client.post(url, json={"figures": bad, "period": "2024"})
    assert codes(check_problems(response, 422)) == ["value.unreadable"]


# ---------------------------------------------------------------- adapter


def test_adapter_uses_what_thidua_has(io_module: ModuleType) -> None:
    """The adapter finds what the installed thidua has, and locates thidua's errors by record."""
    assert io_module.has_schemas() == (importlib.util.find_spec("thidua.schemas") is not None)
    if not io_module.has_schemas():
        assert io_module.schema("evaluation") is None
    assert io_module.schema("no-such-kind") is None
    assert io_module._accepts(len, "x") is False
    assert (
        io_module._record_of(thidua.DataError("x", code="c", vi="y", key="records[12].value")) == 12
    )
    assert io_module._record_of(thidua.DataError("x", code="c", vi="y", file="data.csv")) is None
    assert io_module._json_type([]) == ("a list", "danh sách")
    assert io_module._json_type(None) == ("NoneType", "NoneType")


def test_query_refusals(client: TestClient) -> None:
    """A query key an endpoint does not take, or one given twice, is refused."""
    one = {"figures": [{"indicator": "KT07", "period": "2024", "value": "42 hộ"}]}
    cases: list[tuple[str, int, str]] = [
        (f"/plans/{PLAN}/figures?colour=red", 422, "request.unknown_key"),
        (f"/plans/{PLAN}/figures?period=2024&period=2023", 400, "request.duplicate_key"),
        (f"/plans/{PLAN}/figures?period=2024-Q5", 422, "period.unreadable"),
        (f"/plans/{PLAN}/evaluations?period=2024", 422, "request.unknown_key"),
        (f"/plans/{PLAN}/report?format=docx", 422, "request.unknown_key"),
    ]
    for url, status, code in cases:
        assert codes(check_problems(client.post(url, json=one), status)) == [code], url
    response = client.get(f"/plans/{PLAN}/report?period=2024&format=xlsx&format=docx")
    assert codes(check_problems(response, 400)) == ["request.duplicate_key"]
    hint = check_problems(client.post(cases[3][0], json=one), 422)[0]["hint"]
    assert hint == {"vi": "các khóa: không có", "en": "keys: none"}


def test_adapter_switches_to_thidua_0_4_functions(
    client: TestClient, io_module: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where thidua has data_from_records, dumps_plan(format=) and to_dict(language=), they are used."""
    calls: list[str] = []
    plan = thidua.examples.plan(PLAN)
    figures = [{"indicator": "KT07", "period": "2024", "value": 42.5, "unit": "hộ"}]

    def same(records: list[dict[str, Any]], *, plan: thidua.Plan) -> thidua.Dataset:
        calls.append("records")
        assert records == [
            {"indicator": "KT07", "period": "2024", "value": Decimal("42.5"), "unit": "hộ"}
        ]
        return thidua.Dataset([thidua.Observation("KT07", "2024", value="42,5 hộ")])

    def other(records: list[dict[str, Any]], *, plan: thidua.Plan) -> thidua.Dataset:
        calls.append("records")
        return thidua.Dataset([thidua.Observation("KT07", "2024", value="42 hộ")])

    def refusing(records: list[dict[str, Any]], *, plan: thidua.Plan) -> thidua.Dataset:
        msg = "no"
        raise thidua.DataError(msg, code="data.refused", vi="không", key="records[0].value")

    def dumps_plan(given: thidua.Plan, format: str = "toml") -> str:
        calls.append(f"plan {format}")
        return json.dumps({"id": given.id})

    def to_dict(evaluation: thidua.Evaluation, *, language: str = "vi") -> dict[str, Any]:
        calls.append(f"evaluation {language}")
        (obs,) = evaluation.results["KT07"].observations
        return {"language": language, "actual": str(obs.value), "source": str(obs.source)}

    monkeypatch.setattr(thidua, "dumps_plan", dumps_plan)
    monkeypatch.setattr(thidua.formats, "to_dict", to_dict)
    assert io_module.plan_document(plan) == {"id": PLAN}
    body = {"figures": figures, "period": "2024", "language": "en"}
    url = f"/plans/{PLAN}/evaluations"
    monkeypatch.setattr(thidua, "data_from_records", same, raising=False)
    # Read alike: the figures keep their record as their source.
    assert client.post(url, json=body).json() == {
        "language": "en",
        "actual": "42.5 household",
        "source": "records[0]",
    }
    monkeypatch.setattr(thidua, "data_from_records", other)
    # Read otherwise: thidua's reader decides.
    assert client.post(url, json=body).json()["actual"] == "42 household"
    assert calls == ["plan json", "records", "evaluation en", "records", "evaluation en"]
    monkeypatch.setattr(thidua, "data_from_records", refusing)
    (found,) = check_problems(client.post(f"/plans/{PLAN}/figures", json={"figures": figures}), 422)
    assert (found["code"], found["record"], found["field"]) == ("data.refused", 0, "value")
