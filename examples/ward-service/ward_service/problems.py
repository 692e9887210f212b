"""Problem documents: every error the service answers with, as JSON.

A problem document is ``{"schema": "ward-service/problems/v1", "status": 422,
"title": {"vi": …, "en": …}, "problems": [problem, …]}``; each problem is a
thidua error as plain data (:meth:`thidua.ThiduaError.as_dict`: ``code``,
``error``, ``message`` in Vietnamese and English, the location fields) with,
for a figure, ``record`` (its index in the list sent) and ``field`` (the key of
the record at fault, or null when the record as a whole is).
"""

from __future__ import annotations

from typing import Any

import thidua

__all__ = [
    "PROBLEMS_SCHEMA",
    "TITLES",
    "RequestProblem",
    "problem",
    "problems_document",
    "request_problem",
]

#: The ``schema`` key of every problem document.
PROBLEMS_SCHEMA = "ward-service/problems/v1"

#: The title of a problem document, by HTTP status.
TITLES: dict[int, dict[str, str]] = {
    400: {"vi": "Yêu cầu không đọc được", "en": "The request cannot be read"},
    404: {"vi": "Không tìm thấy", "en": "Not found"},
    405: {"vi": "Phương thức không được hỗ trợ", "en": "Method not allowed"},
    409: {"vi": "Chưa có số liệu", "en": "No figures yet"},
    413: {"vi": "Yêu cầu quá lớn", "en": "The request is too large"},
    422: {"vi": "Dữ liệu không hợp lệ", "en": "The data are not valid"},
    500: {"vi": "Lỗi máy chủ", "en": "Internal error"},
}


class RequestProblem(thidua.UsageError):
    """A request the service refuses, with the HTTP status to answer.

    Args:
        message: What was wrong, in English.
        status: The HTTP status of the answer (400, 404, 409, 413, 422).
        **fields: As for :class:`thidua.ThiduaError` (``code``, ``vi``, ``hint``, …).
    """

    def __init__(self, message: str, *, status: int = 422, **fields: Any) -> None:
        super().__init__(message, **fields)
        #: The HTTP status of the answer.
        self.status = status

    def _copy(self, fields: dict[str, Any]) -> thidua.ThiduaError:
        how = self._how or {}
        return RequestProblem(
            self._what["en"],
            status=self.status,
            code=self.code,
            vi=self._what["vi"],
            hint=how.get("en"),
            hint_vi=how.get("vi"),
            **fields,
        )


def request_problem(
    code: str,
    en: str,
    vi: str,
    *,
    status: int = 422,
    hint: str | None = None,
    hint_vi: str | None = None,
    key: str | None = None,
) -> RequestProblem:
    """A :class:`RequestProblem` (the arguments in the order a reader checks them)."""
    return RequestProblem(en, status=status, code=code, vi=vi, hint=hint, hint_vi=hint_vi, key=key)


def problem(
    error: thidua.ThiduaError, *, record: int | None = None, field: str | None = None
) -> dict[str, Any]:
    """One problem: ``error`` as plain data, with its record and field when about a figure."""
    doc = error.as_dict()
    how = {language: error.how(language) for language in ("vi", "en")}
    if how["en"] is not None:
        doc["hint"] = how
    if record is not None:
        doc["record"] = record
        doc["field"] = field
    return doc


def problems_document(status: int, problems: list[dict[str, Any]]) -> dict[str, Any]:
    """The problem document answered with HTTP ``status``."""
    return {
        "schema": PROBLEMS_SCHEMA,
        "status": status,
        "title": TITLES.get(status, TITLES[422 if status < 500 else 500]),
        "problems": problems,
    }
