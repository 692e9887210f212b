"""The ward service: thidua's example plans, figures, evaluations and reports over HTTP.

Start it with ``uvicorn ward_service.app:create_app --factory``. Every answer
is JSON except a report file; every error is a problem document (see
:mod:`ward_service.problems`) with a code and the message in Vietnamese and
English — never a traceback.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import thidua
from ward_service import thidua_io
from ward_service.problems import (
    RequestProblem,
    problem,
    problems_document,
    request_problem,
)
from ward_service.store import FigureStore

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_PROBLEMS",
    "MAX_RECORDS",
    "Service",
    "create_app",
]

#: The largest request body read (bytes); a larger one is answered 413.
MAX_BODY_BYTES = 4 * 1024 * 1024
#: The most figure records one request may carry; more are answered 413.
MAX_RECORDS = 20_000
#: The most problems listed one by one; beyond, one more problem counts the rest.
MAX_PROBLEMS = 1000

_LOG = logging.getLogger("ward_service")
_Endpoint = Callable[[Request], Awaitable[Response]]
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def _json_response(
    doc: object, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """``doc`` as JSON, every control character escaped (thidua's JSON writer)."""
    return Response(
        thidua.formats.dumps_json(doc),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def _problems_response(status: int, problems: list[dict[str, Any]]) -> Response:
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        shown.append(
            problem(
                request_problem(
                    "problems.more",
                    f"{more} more problems are not listed",
                    f"còn {more} lỗi khác chưa được liệt kê",
                    hint="fix these and send the figures again",
                    hint_vi="hãy sửa các lỗi trên rồi gửi lại số liệu",
                )
            )
        )
    return _json_response(problems_document(status, shown), status)


def _guarded(handler: _Endpoint) -> _Endpoint:
    """``handler`` with every error answered as a problem document."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except RequestProblem as error:
            return _problems_response(error.status, [problem(error)])
        except thidua.NotFoundError as error:
            return _problems_response(404, [problem(error)])
        except thidua.ThiduaError as error:
            return _problems_response(422, [problem(error)])
        except Exception:
            _LOG.exception("unexpected error in %s %s", request.method, request.url.path)
            internal = request_problem(
                "service.internal",
                "the service failed on this request",
                "máy chủ gặp lỗi khi xử lý yêu cầu này",
                status=500,
                hint="try again; if it persists, tell the service's administrator",
                hint_vi="hãy thử lại; nếu vẫn lỗi, hãy báo cho người quản trị dịch vụ",
            )
            return _problems_response(500, [problem(internal)])

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            shown = repr(key[:60])
            refusal = request_problem(
                "request.duplicate_key",
                f"the key {shown} is given twice in one object",
                f"khóa {shown} được ghi hai lần trong cùng một đối tượng",
                status=400,
                hint="keep one of them; nothing is overwritten",
                hint_vi="hãy giữ lại một (không có giá trị nào tự động ghi đè)",
            )
            raise refusal
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    refusal = request_problem(
        "request.not_a_number",
        f"{name} is not a number JSON allows",
        f"{name} không phải là một số hợp lệ trong JSON",
        status=400,
        hint="write a number, or text such as '97,5%'",
        hint_vi="hãy ghi một số, hoặc chữ như '97,5%'",
    )
    raise refusal


def _text_option(body: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = body.get(key)
    if value is None:
        if required:
            refusal = request_problem(
                "request.missing_key",
                f"the request has no {key}",
                f"yêu cầu thiếu {key}",
                hint=f'give {key}, e.g. "2024"' if key == "period" else f"give {key}",
                hint_vi=f'hãy ghi {key}, ví dụ "2024"' if key == "period" else f"hãy ghi {key}",
                key=key,
            )
            raise refusal
        return None
    if isinstance(value, int) and not isinstance(value, bool) and key == "period":
        return str(value)
    if not isinstance(value, str):
        refusal = request_problem(
            "request.wrong_type",
            f"{key} must be text",
            f"{key} phải là chữ",
            key=key,
        )
        raise refusal
    return value


def _language(value: str | None) -> str:
    if value is None:
        return "vi"
    try:
        return thidua.errors.check_language(value)
    except thidua.ThiduaError as error:
        raise error.located(key="language") from None


def _report_format(value: str | None) -> str:
    if value is None:
        return "xlsx"
    if value not in thidua_io.REPORT_TYPES:
        listed = ", ".join(thidua_io.REPORT_TYPES)
        shown = repr(value[:60])
        refusal = request_problem(
            "request.report_format",
            f"the report format {shown} is not one of {listed}",
            f"định dạng báo cáo {shown} không được hỗ trợ: chọn một trong {listed}",
            key="format",
        )
        raise refusal
    return value


class Service:
    """The service's state and endpoints: its plans, limits and figure store.

    Args:
        plans: The plans served, by id.
        max_body_bytes: The largest request body read.
        max_records: The most figure records in one request.
    """

    def __init__(
        self, plans: Mapping[str, thidua.Plan], *, max_body_bytes: int, max_records: int
    ) -> None:
        self.plans = dict(plans)
        self.max_body_bytes = max_body_bytes
        self.max_records = max_records
        #: The figures sent, per plan (this app's own).
        self.store = FigureStore()

    # -------------------------------------------------------------- reading

    def plan(self, request: Request) -> thidua.Plan:
        """The plan named in the request's path (404 if there is none)."""
        plan_id: str = request.path_params["plan_id"]
        plan = self.plans.get(plan_id)
        if plan is None:
            raise thidua.errors.not_found(plan_id, self.plans, "plan", "kế hoạch")
        return plan

    async def body(self, request: Request) -> dict[str, Any]:
        """The request's JSON object, read within the size limit.

        Numbers with a fraction are read as :class:`~decimal.Decimal`, exactly
        as written; NaN and Infinity and a key given twice are refused.
        """
        too_large = request_problem(
            "request.too_large",
            f"the request is larger than {self.max_body_bytes:,} bytes",
            f"yêu cầu lớn quá {self.max_body_bytes:,} byte".replace(",", "."),
            status=413,
            hint="send the figures in smaller parts, e.g. one period at a time",
            hint_vi="hãy gửi số liệu thành nhiều phần nhỏ hơn, ví dụ từng kỳ một",
        )
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            raise too_large
        chunks = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise too_large
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            text = raw.decode("utf-8")
            value = json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_no_constant,
                object_pairs_hook=_no_duplicate_keys,
            )
        except RequestProblem:  # a key given twice, NaN
            raise
        except UnicodeDecodeError as error:
            refusal = request_problem(
                "request.not_utf8",
                f"the request is not UTF-8 text (byte {error.start + 1})",
                f"yêu cầu không phải văn bản UTF-8 (byte thứ {error.start + 1})",
                status=400,
                hint="send JSON encoded in UTF-8",
                hint_vi="hãy gửi JSON mã hóa UTF-8",
            )
            raise refusal from None
        except json.JSONDecodeError as error:
            refusal = RequestProblem(
                f"the request is not JSON: {error.msg}",
                status=400,
                code="request.not_json",
                vi=f"yêu cầu không phải JSON hợp lệ: {error.msg}",
                hint='send a JSON object, e.g. {"figures": [...]}',
                hint_vi='hãy gửi một đối tượng JSON, ví dụ {"figures": [...]}',
                line=error.lineno,
                column=error.colno,
            )
            raise refusal from None
        except (RecursionError, ValueError):  # nested too deep, or a number too long
            refusal = request_problem(
                "request.not_json",
                "the request is JSON nested too deep or with a number too long",
                "yêu cầu là JSON lồng quá sâu hoặc có số quá dài",
                status=400,
                hint="send the figures as a flat list of objects",
                hint_vi="hãy gửi số liệu là một danh sách các đối tượng",
            )
            raise refusal from None
        if not isinstance(value, dict):
            refusal = request_problem(
                "request.not_an_object",
                "the request must be a JSON object",
                "yêu cầu phải là một đối tượng JSON ({…})",
                hint='e.g. {"figures": [...]}',
                hint_vi='ví dụ {"figures": [...]}',
            )
            raise refusal
        return value

    def keys(self, body: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        """Refuse a key of ``body`` (or of a query) not in ``allowed``: never ignored silently."""
        for key in body:
            if key not in allowed:
                shown = repr(key[:60])
                listed = ", ".join(allowed) or "none"
                listed_vi = ", ".join(allowed) or "không có"
                refusal = request_problem(
                    "request.unknown_key",
                    f"unknown key {shown}",
                    f"khóa {shown} không được hỗ trợ",
                    hint=f"keys: {listed}",
                    hint_vi=f"các khóa: {listed_vi}",
                    key=key[:60],
                )
                raise refusal

    def query(self, request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
        """The query's parameters, each of ``allowed`` and given at most once."""
        query = request.query_params
        self.keys(query, allowed)
        for key in query:
            if len(query.getlist(key)) > 1:
                refusal = request_problem(
                    "request.duplicate_key",
                    f"the query gives {key} twice",
                    f"tham số {key} được ghi hai lần",
                    status=400,
                    hint="give it once",
                    hint_vi="hãy chỉ ghi một lần",
                    key=key,
                )
                raise refusal
        return {key: query[key] for key in query}

    def records(self, body: Mapping[str, Any]) -> list[Any]:
        """The ``figures`` of ``body``: a list within the records limit."""
        figures = body.get("figures")
        if not isinstance(figures, list):
            refusal = request_problem(
                "request.no_figures",
                "figures must be a list of figure records",
                "figures phải là một danh sách các số liệu",
                hint='e.g. "figures": [{"indicator": "KT07", "period": "2024", "value": "42"}]',
                hint_vi='ví dụ "figures": [{"indicator": "KT07", "period": "2024", "value": "42"}]',
                key="figures",
            )
            raise refusal
        if len(figures) > self.max_records:
            refusal = request_problem(
                "request.too_many_records",
                f"{len(figures):,} figures is more than {self.max_records:,}",
                f"{len(figures):,} số liệu là nhiều quá {self.max_records:,}".replace(",", "."),
                status=413,
                hint="send them in parts, e.g. one period at a time",
                hint_vi="hãy gửi thành nhiều phần, ví dụ từng kỳ một",
                key="figures",
            )
            raise refusal
        return figures

    async def figures(
        self, plan: thidua.Plan, body: Mapping[str, Any], *, period: str | None
    ) -> thidua.Dataset:
        """The figures of ``body`` (or the ones stored): 422 with every problem if wrong."""
        if body.get("figures") is None:
            stored = self.store.get(plan.id)
            if stored is None:
                raise self.no_figures(plan)
            return stored[0]
        records = self.records(body)
        read = await run_in_threadpool(thidua_io.Figures, plan, records, period=period)
        if read.problems:
            raise _Problems(read.problems)
        return read.dataset

    @staticmethod
    def no_figures(plan: thidua.Plan) -> RequestProblem:
        """The problem of a report asked for before any figures were sent."""
        return request_problem(
            "service.no_figures",
            f"no figures have been sent for the plan {plan.id}",
            f"chưa có số liệu nào được gửi cho kế hoạch {plan.id}",
            status=409,
            hint=f"POST them to /plans/{plan.id}/figures first",
            hint_vi=f"hãy gửi số liệu (POST) tới /plans/{plan.id}/figures trước",
        )

    # ------------------------------------------------------------ endpoints

    async def list_plans(self, request: Request) -> Response:
        """GET /plans: the plans served."""
        return _json_response(
            {
                "schema": "ward-service/plans/v1",
                "plans": [
                    {
                        "id": plan.id,
                        "title": plan.title,
                        "year": plan.year,
                        "issuer": plan.issuer,
                        "indicators": len(list(plan.indicators())),
                        "href": f"/plans/{plan.id}",
                    }
                    for plan in self.plans.values()
                ],
            }
        )

    async def get_plan(self, request: Request) -> Response:
        """GET /plans/{id}: the plan document (the plan file's content as JSON)."""
        plan = self.plan(request)
        return _json_response(await run_in_threadpool(thidua_io.plan_document, plan))

    async def post_figures(self, request: Request) -> Response:
        """POST /plans/{id}/figures: check the figures; keep them if valid."""
        plan = self.plan(request)
        period = self.query(request, ("period",)).get("period")
        body = await self.body(request)
        self.keys(body, ("figures",))
        records = self.records(body)
        read = await run_in_threadpool(thidua_io.Figures, plan, records, period=period)
        if read.problems:
            return _problems_response(422, read.problems)
        summary = _summary(plan, read.dataset, len(records))
        self.store.put(plan.id, read.dataset, summary)
        return _json_response(summary)

    async def get_figures(self, request: Request) -> Response:
        """GET /plans/{id}/figures: the summary of the figures kept."""
        plan = self.plan(request)
        stored = self.store.get(plan.id)
        if stored is None:
            raise self.no_figures(plan)
        return _json_response(stored[1])

    async def post_evaluation(self, request: Request) -> Response:
        """POST /plans/{id}/evaluations: the evaluation as thidua writes it in JSON."""
        plan = self.plan(request)
        self.query(request, ())
        body = await self.body(request)
        self.keys(body, ("figures", "period", "as_of", "language"))
        period = _text_option(body, "period")
        as_of = _text_option(body, "as_of")
        language = _language(_text_option(body, "language"))
        data = await self.figures(plan, body, period=period)

        def run() -> dict[str, Any]:
            evaluation = thidua.evaluate(plan, data, period, as_of=as_of)
            return thidua_io.evaluation_document(evaluation, language=language)

        return _json_response(await run_in_threadpool(run))

    async def get_report(self, request: Request) -> Response:
        """GET /plans/{id}/report?period=&format=&language=&as_of=: of the figures kept."""
        plan = self.plan(request)
        options = self.query(request, ("period", "format", "language", "as_of"))
        return await self.report(plan, options)

    async def post_report(self, request: Request) -> Response:
        """POST /plans/{id}/report: the report of the figures sent (or kept)."""
        plan = self.plan(request)
        self.query(request, ())
        body = await self.body(request)
        self.keys(body, ("figures", "period", "format", "language", "as_of"))
        return await self.report(plan, body)

    async def report(self, plan: thidua.Plan, options: Mapping[str, Any]) -> Response:
        """The report file for ``options`` (period, format, language, as_of, figures)."""
        period = _text_option(options, "period")
        as_of = _text_option(options, "as_of")
        language = _language(_text_option(options, "language"))
        chosen = _report_format(_text_option(options, "format"))
        data = await self.figures(plan, options, period=period)

        def run() -> tuple[bytes, str]:
            evaluation = thidua.evaluate(plan, data, period, as_of=as_of)
            content = thidua_io.report_bytes(evaluation, data, chosen, language=language)
            return content, str(evaluation.period)

        content, shown = await run_in_threadpool(run)
        name = _UNSAFE_NAME.sub("-", f"bao-cao-{plan.id}-{shown}.{chosen}")
        disposition = "inline" if chosen == "html" else "attachment"
        return Response(
            content,
            media_type=thidua_io.REPORT_TYPES[chosen],
            headers={"Content-Disposition": f'{disposition}; filename="{name}"'},
        )


class _Problems(Exception):  # noqa: N818 - not an error of the service: the figures'
    """Every problem of the figures sent, answered 422."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("the figures have problems")
        self.problems = problems


def _summary(plan: thidua.Plan, dataset: thidua.Dataset, records: int) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for obs in dataset:
        kinds[obs.kind.value] = kinds.get(obs.kind.value, 0) + 1
    return {
        "schema": "ward-service/figures/v1",
        "plan": plan.id,
        "stored": True,
        "records": records,
        "indicators": sorted(dataset.indicators),
        "periods": sorted({str(obs.period) for obs in dataset}),
        "org_units": sorted(u for u in dataset.org_units if u is not None),
        "kinds": kinds,
    }


def _with_problems(handler: _Endpoint) -> _Endpoint:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except _Problems as found:
            return _problems_response(422, found.problems)

    endpoint.__name__ = handler.__name__
    return endpoint


async def _http_problem(request: Request, exc: Exception) -> Response:
    """A routing error (404, 405) as a problem document."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    path = request.url.path[:200]
    if status == 405:
        refusal = request_problem(
            "http.method_not_allowed",
            f"{request.method} is not allowed on {path}",
            f"không dùng được phương thức {request.method} với {path}",
            status=405,
        )
    elif status == 404:
        refusal = request_problem(
            "http.not_found",
            f"there is nothing at {path}",
            f"không có gì ở {path}",
            status=404,
            hint="see GET /plans",
            hint_vi="xem GET /plans",
        )
    else:
        refusal = request_problem(
            "http.error", f"HTTP error {status}", f"lỗi HTTP {status}", status=status
        )
    headers = getattr(exc, "headers", None)
    return _json_response(problems_document(status, [problem(refusal)]), status, headers)


def create_app(
    *,
    plans: Mapping[str, thidua.Plan] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    max_records: int = MAX_RECORDS,
) -> Starlette:
    """A new service app, with its own (empty) figure store.

    Args:
        plans: The plans to serve, by id; thidua's example plans by default.
        max_body_bytes: The largest request body read (413 beyond).
        max_records: The most figure records in one request (413 beyond).
    """
    if plans is None:
        plans = {name: thidua.examples.plan(name) for name in thidua.examples.NAMES}
    service = Service(plans, max_body_bytes=max_body_bytes, max_records=max_records)

    def route(path: str, handler: _Endpoint, method: str) -> Route:
        return Route(path, _guarded(_with_problems(handler)), methods=[method])

    routes = [
        route("/plans", service.list_plans, "GET"),
        route("/plans/{plan_id}", service.get_plan, "GET"),
        route("/plans/{plan_id}/figures", service.post_figures, "POST"),
        route("/plans/{plan_id}/figures", service.get_figures, "GET"),
        route("/plans/{plan_id}/evaluations", service.post_evaluation, "POST"),
        route("/plans/{plan_id}/report", service.get_report, "GET"),
        route("/plans/{plan_id}/report", service.post_report, "POST"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_problem})
    app.state.service = service
    app.state.store = service.store
    return app
