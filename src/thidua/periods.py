"""Reporting periods: a year, a half, a quarter or a month.

Written ``2024``, ``2024-H1``, ``2024-Q3`` and ``2024-06``. A period knows its
first and last day and its :meth:`~Period.previous` period, the same period one
year earlier (cùng kỳ năm trước), which rules such as ``>= previous`` compare with.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

import attrs
from dateutil.relativedelta import relativedelta

from thidua.errors import ParseError

__all__ = ["Period", "PeriodKind", "parse_period"]

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERN = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<half>[Hh][12])|(?P<quarter>[Qq][1-4])|(?P<month>\d{2})))?"
)


class PeriodKind(enum.Enum):
    """How long a period is."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        """Its length in months."""
        return {"year": 12, "half": 6, "quarter": 3, "month": 1}[self.value]


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9998:
        msg = f"year={value!r} must be an int from 1 to 9998"
        raise ParseError(msg, text=repr(value))


@attrs.frozen(order=False)
class Period:
    """A reporting period, e.g. ``Period(2024)`` or ``Period(2024, PeriodKind.HALF, 1)``.

    >>> p = parse_period("2024-H1")
    >>> p.start, p.end, str(p.previous())
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30), '2023-H1')

    .. versionadded:: 0.1.0
    """

    #: The calendar year.
    year: int = attrs.field(validator=_year)
    #: Year, half, quarter or month.
    kind: PeriodKind = attrs.field(
        default=PeriodKind.YEAR, validator=attrs.validators.instance_of(PeriodKind)
    )
    #: Which half (1-2), quarter (1-4) or month (1-12); 1 for a year.
    index: int = attrs.field(default=1)

    @index.validator
    def _check_index(self, attribute: attrs.Attribute[int], value: int) -> None:
        count = 12 // self.kind.months
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= count:
            msg = f"index={value!r} must be an int from 1 to {count} for a {self.kind.value}"
            raise ParseError(msg, text=repr(value))

    @property
    def start(self) -> dt.date:
        """First day (inclusive)."""
        return dt.date(self.year, (self.index - 1) * self.kind.months + 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day (inclusive)."""
        return self.start + relativedelta(months=self.kind.months, days=-1)

    def previous(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước)."""
        return attrs.evolve(self, year=self.year - 1)

    def __contains__(self, other: object) -> bool:
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        if isinstance(other, dt.date):
            return self.start <= other <= self.end
        return False

    def __lt__(self, other: Period) -> bool:
        return (self.start, self.end) < (other.start, other.end)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def label(self, language: str = "vi") -> str:
        """How documents name it: ``năm 2024``, ``6 tháng đầu năm 2024``, ``quý III/2024``."""
        if language != "vi":
            return str(self)
        if self.kind is PeriodKind.YEAR:
            return f"năm {self.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"quý {_ROMAN[self.index]}/{self.year}"
        return f"tháng {self.index}/{self.year}"


def parse_period(text: str | int | Period) -> Period:
    """Read a period: ``"2024"``, ``"2024-H1"``, ``"2024-Q3"``, ``"2024-06"`` (or an int year).

    Raises:
        ParseError: The text is not one of these forms.

    .. versionadded:: 0.1.0
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Period(text)
    if not isinstance(text, str):
        msg = f"period={text!r} must be text such as '2024' or '2024-H1'"
        raise ParseError(msg, text=repr(text))
    raw = unicodedata.normalize("NFC", text).strip()
    match = _PATTERN.fullmatch(raw)
    if match is None:
        msg = f"cannot read period {raw!r}"
        raise ParseError(
            msg, text=raw, position=0, hint="write YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM, e.g. 2024-H1"
        )
    year = int(match["year"])
    try:
        if match["half"]:
            return Period(year, PeriodKind.HALF, int(match["half"][1]))
        if match["quarter"]:
            return Period(year, PeriodKind.QUARTER, int(match["quarter"][1]))
        if match["month"]:
            return Period(year, PeriodKind.MONTH, int(match["month"]))
        return Period(year)
    except ParseError as exc:
        msg = f"cannot read period {raw!r}: {exc.message}"
        raise ParseError(msg, text=raw, position=5) from None
