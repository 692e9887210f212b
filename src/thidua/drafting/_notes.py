"""Review notes, and the drafter's data file (``drafting.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

import attrs

from thidua._text import printable
from thidua.errors import check_language

__all__ = ["ReviewNote", "config", "note"]


@cache
def config() -> dict[str, Any]:
    """The data of ``drafting.toml``."""
    text = resources.files("thidua.drafting").joinpath("drafting.toml").read_text("utf-8")
    return tomllib.loads(text)


@attrs.frozen
class ReviewNote:
    """What a person must look at in a drafted plan: where, what text, and why.

    .. versionadded:: 0.4.0
    """

    #: A stable code, such as ``draft.no_rule``.
    code: str
    #: Why, in English.
    en: str
    #: Why, in Vietnamese.
    vi: str
    #: The text of the document concerned (at most 1000 characters).
    text: str = ""
    #: The paragraph or line number, from 1 (None: the whole document).
    line: int | None = None
    #: The table (1 for the first) and its cell ("B3"), if the text is in a table.
    table: int | None = None
    cell: str | None = None
    #: What it concerns in the plan: an indicator id, or a plan key ("issuer").
    target: str | None = None

    def where(self, language: str = "vi") -> str:
        """Where in the document, in words."""
        check_language(language)
        vi = language == "vi"
        if self.table is not None:
            return (
                f"bảng {self.table}, ô {self.cell}"
                if vi
                else f"table {self.table}, cell {self.cell}"
            )
        if self.line is not None:
            return f"đoạn/dòng {self.line}" if vi else f"paragraph/line {self.line}"
        return "toàn văn bản" if vi else "whole document"

    def message(self, language: str = "vi") -> str:
        """The note in one line: where, what it concerns, why, and the text."""
        check_language(language)
        why = self.vi if language == "vi" else self.en
        concerns = f" [{self.target}]" if self.target else ""
        quoted = f": «{self.text}»" if self.text else ""
        return printable(f"{self.where(language)}{concerns}: {why} ({self.code}){quoted}")


_PLACES = ("text", "line", "table", "cell", "target")


def note(code: str, **fields: Any) -> ReviewNote:
    """A review note with its messages from the data file.

    ``text``, ``line``, ``table``, ``cell`` and ``target`` say where and what;
    the other fields fill the message's placeholders (``name_vi`` for the
    Vietnamese message, if it differs).
    """
    text: str = fields.pop("text", "") or ""
    line: int | None = fields.pop("line", None)
    table: int | None = fields.pop("table", None)
    cell: str | None = fields.pop("cell", None)
    target: str | None = fields.pop("target", None)
    values = fields
    messages = config()["notes"][code]
    shown = {k: printable(str(v)) for k, v in values.items()}
    vi_values = {k: printable(str(v)) for k, v in values.items() if not k.endswith("_vi")}
    vi_values.update({k[:-3]: printable(str(v)) for k, v in values.items() if k.endswith("_vi")})
    clipped = printable(text if len(text) <= 1000 else text[:999] + "…")
    return ReviewNote(
        code,
        messages["en"].format(**shown),
        messages["vi"].format(**vi_values),
        clipped,
        line,
        table,
        cell,
        target,
    )
