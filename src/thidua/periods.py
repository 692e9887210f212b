"""Reporting periods and the dates documents write.

A :class:`Period` is a year, a half, a quarter, a month, or an explicit range of
days. Written ``2024``, ``2024-H1``, ``2024-Q3``, ``2024-06`` and
``2024-01-01..2024-06-10``; documents' own forms are read too: ``năm 2024``,
``6 tháng đầu năm 2024``, ``quý III/2024``, ``tháng 6/2024``, ``9 tháng đầu năm
2024``, ``từ 01/01/2024 đến 10/6/2024``.

A period knows its first and last day (inclusive), its length in days, its
sub-periods, whether it contains a date or another period, and its
:meth:`~Period.previous` period: the same period one year earlier (cùng kỳ năm
trước), which rules such as ``>= previous`` compare with.

:func:`parse_date` reads dates as documents write them, day first:
``ngày 11 tháng 01 năm 2024``, ``11/01/2024``, and ``10/6`` within a given year.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import unicodedata
from collections.abc import Iterator

import attrs
from dateutil.relativedelta import relativedelta

from thidua.errors import ParseError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Period",
    "PeriodKind",
    "format_date",
    "parse_date",
    "parse_period",
]

#: The first year a plan, a period or a date may lie in.
MIN_YEAR = 1900
#: The last year a plan, a period or a date may lie in. Everything computed from
#: them (the same period a year earlier, notice days, alarms) stays far inside
#: the dates Python can represent (years 1 to 9999).
MAX_YEAR = 2200

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_FROM_ROMAN = {v.casefold(): k for k, v in _ROMAN.items()}
_HINT = (
    "write 2024, 2024-H1, 2024-Q3, 2024-06 or 2024-01-01..2024-06-10, "
    "or as documents do: năm 2024, 6 tháng đầu năm 2024, quý III/2024, tháng 6/2024"
)


class PeriodKind(enum.Enum):
    """What kind of period: a calendar year, half, quarter or month, or a range of days."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    RANGE = "range"

    @property
    def months(self) -> int:
        """Its length in months (0 for a range of days)."""
        return _MONTHS[self.value]


_MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1, "range": 0}


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 9998:
        msg = f"year={value!r} must be an int from 2 to 9998"
        raise ParseError(msg, text=repr(value))


def _optional_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    msg = f"{value!r} must be a datetime.date"
    raise ParseError(msg, text=repr(value))


@functools.total_ordering
@attrs.frozen(order=False, cache_hash=True)
class Period:
    """A reporting period, e.g. ``Period(2024)`` or ``Period(2024, PeriodKind.HALF, 1)``.

    Build a range of days with :meth:`range`. Periods order by their first day,
    then by their last.

    >>> p = parse_period("6 tháng đầu năm 2024")
    >>> str(p), p.start, p.end, str(p.previous()), p.days
    ('2024-H1', datetime.date(2024, 1, 1), datetime.date(2024, 6, 30), '2023-H1', 182)

    .. versionadded:: 0.1.0
    """

    #: The calendar year (of the first day, for a range).
    year: int = attrs.field(validator=_year)
    #: Year, half, quarter, month or range.
    kind: PeriodKind = attrs.field(
        default=PeriodKind.YEAR, validator=attrs.validators.instance_of(PeriodKind)
    )
    #: Which half (1-2), quarter (1-4) or month (1-12); 1 for a year or a range.
    index: int = attrs.field(default=1)
    #: First day of a range (None for calendar periods).
    first: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)
    #: Last day of a range (None for calendar periods).
    last: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)

    @index.validator
    def _check_index(self, attribute: attrs.Attribute[int], value: int) -> None:
        count = 12 // self.kind.months if self.kind.months else 1
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= count:
            msg = f"index={value!r} must be an int from 1 to {count} for a {self.kind.value}"
            raise ParseError(msg, text=repr(value))

    def __attrs_post_init__(self) -> None:
        if self.kind is PeriodKind.RANGE:
            if self.first is None or self.last is None:
                msg = "a range needs its first and last day"
                raise ParseError(msg, hint="use Period.range(start, end)")
            if self.first > self.last:
                msg = f"a range cannot end ({self.last}) before it starts ({self.first})"
                raise ParseError(msg, text=f"{self.first}..{self.last}")
            if self.first.year != self.year:
                msg = f"year={self.year} must be the year of the first day {self.first}"
                raise ParseError(msg)
        elif self.first is not None or self.last is not None:
            msg = "only a range has explicit first and last days"
            raise ParseError(msg, hint="use Period.range(start, end)")

    @classmethod
    def range(cls, start: dt.date, end: dt.date) -> Period:
        """The range of days from ``start`` to ``end``, both included.

        A range that is exactly a calendar year, half, quarter or month is returned
        as that period, so equal spans of time are equal periods.
        """
        for kind in (PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH):
            if start.day == 1 and (start.month - 1) % kind.months == 0:
                candidate = cls(start.year, kind, (start.month - 1) // kind.months + 1)
                if candidate.end == end:
                    return candidate
        return cls(start.year, PeriodKind.RANGE, first=start, last=end)

    @property
    def start(self) -> dt.date:
        """First day (inclusive)."""
        if self.first is not None:
            return self.first
        return dt.date(self.year, (self.index - 1) * self.kind.months + 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day (inclusive)."""
        if self.last is not None:
            return self.last
        month = self.index * self.kind.months  # the period's last month
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def days(self) -> int:
        """Its length in days (also ``len(period)``)."""
        return (self.end - self.start).days + 1

    def __len__(self) -> int:
        return self.days

    def subperiods(self, kind: PeriodKind | str | None = None) -> tuple[Period, ...]:
        """Its parts: the natural ones (:meth:`children`), or all of ``kind`` (:meth:`split`).

        >>> [str(p) for p in parse_period("2024-H1").subperiods("quarter")]
        ['2024-Q1', '2024-Q2']
        """
        if kind is None:
            return self.children()
        try:
            chosen = PeriodKind(kind)
        except ValueError:
            msg = f"kind={kind!r} must be one of year, half, quarter, month"
            raise ParseError(msg) from None
        return self.split(chosen)

    def previous(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước); 29/2 becomes 28/2."""
        if self.kind is PeriodKind.RANGE:
            return Period.range(
                self.start - relativedelta(years=1), self.end - relativedelta(years=1)
            )
        return attrs.evolve(self, year=self.year - 1)

    def children(self) -> tuple[Period, ...]:
        """Its natural parts: a year's halves, a half's quarters, a quarter's months.

        A range's parts are the largest calendar periods that tile it (``9 tháng
        đầu năm`` is H1 and Q3), with months cut to the range at its edges. A month,
        or a range within one month, has none.
        """
        if self.kind is PeriodKind.MONTH:
            return ()
        if self.kind is PeriodKind.RANGE:
            parts = tuple(self._calendar_parts())
            return () if parts == (self,) else parts
        part = {
            PeriodKind.YEAR: PeriodKind.HALF,
            PeriodKind.HALF: PeriodKind.QUARTER,
            PeriodKind.QUARTER: PeriodKind.MONTH,
        }[self.kind]
        per = self.kind.months // part.months
        return tuple(Period(self.year, part, (self.index - 1) * per + i + 1) for i in range(per))

    def _calendar_parts(self) -> Iterator[Period]:
        """The largest calendar periods that tile the range, cut months at its edges."""
        cursor = self.start
        while cursor <= self.end:
            part = None
            for kind in (PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH):
                if cursor.day == 1 and (cursor.month - 1) % kind.months == 0:
                    candidate = Period(cursor.year, kind, (cursor.month - 1) // kind.months + 1)
                    if candidate.end <= self.end:
                        part = candidate
                        break
            if part is None:
                month_end = cursor + relativedelta(day=31)
                part = Period.range(cursor, min(month_end, self.end))
            yield part
            cursor = part.end + dt.timedelta(days=1)

    def split(self, kind: PeriodKind) -> tuple[Period, ...]:
        """The calendar periods of ``kind`` (half, quarter, month) that lie wholly inside.

        >>> [str(p) for p in parse_period("2024-H2").split(PeriodKind.QUARTER)]
        ['2024-Q3', '2024-Q4']
        """
        if kind is PeriodKind.RANGE:
            msg = "split into years, halves, quarters or months"
            raise ParseError(msg)
        out: list[Period] = []
        for year in range(self.start.year, self.end.year + 1):
            count = 12 // kind.months
            for index in range(1, count + 1):
                candidate = Period(year, kind, index)
                if candidate in self:
                    out.append(candidate)
        return tuple(out)

    def __contains__(self, other: object) -> bool:
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        if isinstance(other, dt.date):
            return self.start <= other <= self.end
        return False

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share a day."""
        return self.start <= other.end and other.start <= self.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

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
        if self.kind is PeriodKind.MONTH:
            return f"tháng {self.index}/{self.year}"
        if (
            self.start == dt.date(self.year, 1, 1)
            and self.end.day == (self.end + relativedelta(day=31)).day
        ):
            return f"{self.end.month} tháng đầu năm {self.year}"
        return f"từ {_short(self.start)} đến {_short(self.end)}"


def _short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ------------------------------------------------------------------ parsing


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<half>h[12])|(?P<quarter>q[1-4])|(?P<month>\d{1,2})))?"
)
_SHORT = re.compile(
    r"(?:(?P<half>h[12])|(?P<quarter>q[1-4])|(?P<month>\d{1,2}))\s*/\s*(?P<year>\d{4})"
)
_VI_YEAR = re.compile(r"năm (?P<year>\d{4})")
_VI_HALF = re.compile(r"(?:6|sáu) tháng (?P<which>đầu|cuối) năm (?P<year>\d{4})")
_VI_FIRST = re.compile(r"(?P<n>\d{1,2}) tháng đầu năm (?P<year>\d{4})")
_VI_QUARTER = re.compile(r"quý (?P<q>i{1,3}|iv|[1-4])\s*(?:/|năm)\s*(?P<year>\d{4})")
_VI_MONTH = re.compile(r"tháng (?P<month>\d{1,2})\s*(?:/|năm)\s*(?P<year>\d{4})")
_ISO_RANGE = re.compile(r"(?P<a>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?P<b>\d{4}-\d{2}-\d{2})")
_VI_RANGE = re.compile(r"(?:từ )?(?:ngày )?(?P<a>.+?) (?:đến|-|–) (?:hết )?(?:ngày )?(?P<b>.+)")


def parse_period(text: object, *, year: int | None = None) -> Period:
    """Read a period, in the short forms or as documents write it.

    Args:
        text: ``"2024"``, ``"2024-H1"``, ``"2024-Q3"``, ``"2024-06"``, ``"H1/2024"``,
            ``"06/2024"``, ``"2024-01-01..2024-06-10"``, ``"năm 2024"``,
            ``"6 tháng đầu năm 2024"``, ``"quý III/2024"``, ``"tháng 6/2024"``,
            ``"9 tháng đầu năm 2024"``, ``"từ 01/01/2024 đến 10/6/2024"``; an int
            is a year; a period is returned as it is.
        year: The year of short dates in a range (``"từ 01/01 đến 10/6"``).

    Raises:
        ParseError: The text is none of these forms, or names a day that does not exist.

    >>> str(parse_period("quý III/2024")), str(parse_period("tháng 6/2024"))
    ('2024-Q3', '2024-06')

    .. versionadded:: 0.1.0
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Period(text)
    if not isinstance(text, str):
        msg = f"period={text!r} must be text such as '2024' or '2024-H1'"
        raise ParseError(msg, text=repr(text), hint=_HINT)
    raw = unicodedata.normalize("NFC", text).strip()
    norm = _normalise(raw)
    try:
        period = _read_period(norm, year)
    except ParseError as exc:
        msg = f"cannot read period {raw!r}: {exc.what()}"
        raise ParseError(msg, text=raw, position=0, hint=exc.hint or _HINT) from None
    if period is None:
        msg = f"cannot read period {raw!r}"
        raise ParseError(msg, text=raw, position=0, hint=_HINT)
    return period


def _read_period(norm: str, year: int | None) -> Period | None:
    for pattern in (_ISO, _SHORT):
        match = pattern.fullmatch(norm)
        if match:
            y = int(match["year"])
            if match["half"]:
                return Period(y, PeriodKind.HALF, int(match["half"][1]))
            if match["quarter"]:
                return Period(y, PeriodKind.QUARTER, int(match["quarter"][1]))
            if match["month"]:
                return Period(y, PeriodKind.MONTH, int(match["month"]))
            return Period(y)
    if match := _VI_YEAR.fullmatch(norm):
        return Period(int(match["year"]))
    if match := _VI_HALF.fullmatch(norm):
        return Period(int(match["year"]), PeriodKind.HALF, 1 if match["which"] == "đầu" else 2)
    if match := _VI_FIRST.fullmatch(norm):
        months = int(match["n"])
        if not 1 <= months <= 12:
            msg = f"{months} months is not part of one year"
            raise ParseError(msg)
        first = dt.date(int(match["year"]), 1, 1)
        return Period.range(first, first + relativedelta(months=months, days=-1))
    if match := _VI_QUARTER.fullmatch(norm):
        q = match["q"]
        return Period(
            int(match["year"]), PeriodKind.QUARTER, int(q) if q.isdigit() else _FROM_ROMAN[q]
        )
    if match := _VI_MONTH.fullmatch(norm):
        return Period(int(match["year"]), PeriodKind.MONTH, int(match["month"]))
    if match := _ISO_RANGE.fullmatch(norm):
        return _range(_iso(match["a"]), _iso(match["b"]))
    if (match := _VI_RANGE.fullmatch(norm)) and any(c.isdigit() for c in match["a"]):
        end = parse_date(match["b"], year=year)
        start = parse_date(match["a"], year=year or end.year)
        return _range(start, end)
    return None


def _iso(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a day of the calendar"
        raise ParseError(msg, text=text) from None


def _range(start: dt.date, end: dt.date) -> Period:
    if start > end:
        msg = f"the range ends ({end}) before it starts ({start})"
        raise ParseError(msg)
    return Period.range(start, end)


_DATE_VI = re.compile(r"(?:ngày )?(?P<d>\d{1,2}) tháng (?P<m>\d{1,2})(?: năm (?P<y>\d{4}))?")
_DATE_NUM = re.compile(
    r"(?:ngày )?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")


def parse_date(text: object, year: int | None = None) -> dt.date:
    """Read a date as documents write it, day first.

    Args:
        text: ``"ngày 11 tháng 01 năm 2024"``, ``"11/01/2024"``, ``"11.01.2024"``,
            ``"2024-01-11"``, or a short form without the year (``"10/6"``,
            ``"ngày 10 tháng 6"``), which needs ``year``.
        year: The year of short forms, e.g. the plan's year.

    Raises:
        ParseError: The text is not a date, names a day that does not exist
            (31/02), or has no year and none was given.

    >>> parse_date("ngày 11 tháng 01 năm 2024"), parse_date("10/6", year=2024)
    (datetime.date(2024, 1, 11), datetime.date(2024, 6, 10))

    .. versionadded:: 0.1.0
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        msg = f"date={text!r} must be text such as '11/01/2024'"
        raise ParseError(msg, text=repr(text))
    raw = unicodedata.normalize("NFC", text).strip()
    norm = _normalise(raw)
    match = _DATE_ISO.fullmatch(norm) or _DATE_VI.fullmatch(norm) or _DATE_NUM.fullmatch(norm)
    if match is None:
        msg = f"cannot read date {raw!r}"
        raise ParseError(
            msg,
            text=raw,
            position=0,
            hint="write ngày 11 tháng 01 năm 2024, 11/01/2024 or 2024-01-11 (day first)",
        )
    y = match["y"]
    if y is None and year is None:
        msg = f"the date {raw!r} has no year"
        raise ParseError(
            msg, text=raw, position=0, hint="give the year, e.g. parse_date(text, year=2024)"
        )
    try:
        return dt.date(int(y) if y else int(year or 0), int(match["m"]), int(match["d"]))
    except ValueError:
        shown = f"{int(match['d']):02d}/{int(match['m']):02d}/{y or year}"
        msg = f"{shown} is not a day of the calendar"
        raise ParseError(
            msg, text=raw, position=0, hint="check the day and month (day first)"
        ) from None


def format_date(day: dt.date, *, language: str = "vi") -> str:
    """A date as documents write it: ``ngày 01 tháng 02 năm 2023`` (Decree 30/2020 App. I).

    Days below 10 and the months 1 and 2 take a leading zero.

    >>> format_date(dt.date(2024, 6, 10)), format_date(dt.date(2023, 2, 1))
    ('ngày 10 tháng 6 năm 2024', 'ngày 01 tháng 02 năm 2023')

    .. versionadded:: 0.1.0
    """
    if language != "vi":
        return day.isoformat()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
