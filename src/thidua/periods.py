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

Every period and date lies in the years :data:`MIN_YEAR` to :data:`MAX_YEAR`;
texts are read in time linear in their length, and are at most
:data:`MAX_PERIOD_LENGTH` (:data:`MAX_DATE_LENGTH`) characters long.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator

import attrs
from dateutil.relativedelta import relativedelta

from thidua._choices import Choice
from thidua._text import fold, nfc, printable, safe_repr
from thidua.errors import ArgumentTypeError, ParseError, UsageError, check_language

__all__ = [
    "MAX_DATE_LENGTH",
    "MAX_PERIOD_LENGTH",
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
#: Longest period text accepted (characters).
MAX_PERIOD_LENGTH = 100
#: Longest date text accepted (characters).
MAX_DATE_LENGTH = 100

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_FROM_ROMAN = {fold(v): k for k, v in _ROMAN.items()}
_HINT = (
    "write 2024, 2024-H1, 2024-Q3, 2024-06 or 2024-01-01..2024-06-10, "
    "or as documents do: năm 2024, 6 tháng đầu năm 2024, quý III/2024, tháng 6/2024"
)
_HINT_VI = (
    "hãy viết 2024, 2024-H1, 2024-Q3, 2024-06 hoặc 2024-01-01..2024-06-10, "
    "hoặc như văn bản: năm 2024, 6 tháng đầu năm 2024, quý III/2024, tháng 6/2024"
)
_DATE_HINT = "write ngày 11 tháng 01 năm 2024, 11/01/2024 or 2024-01-11 (day first)"
_DATE_HINT_VI = "hãy viết ngày 11 tháng 01 năm 2024, 11/01/2024 hoặc 2024-01-11 (ngày trước)"
_YEARS = f"{MIN_YEAR} to {MAX_YEAR}"
_YEARS_VI = f"từ {MIN_YEAR} đến {MAX_YEAR}"


#: How the Vietnamese messages name the arguments of periods and dates.
_NAME_VI = {"year": "năm", "day": "ngày", "index": "số thứ tự", "period": "kỳ", "date": "ngày"}


def _type_error(name: str, value: object, expected: str, expected_vi: str) -> ArgumentTypeError:
    shown = safe_repr(value, limit=60)
    return ArgumentTypeError(
        f"{name}={shown} must be {expected}",
        code="argument.type",
        vi=f"{_NAME_VI.get(name, name)} phải là {expected_vi}, không phải {shown}",
        text=shown,
    )


def _year_out_of_range(year: int, what: str, what_vi: str) -> ParseError:
    shown = safe_repr(year)  # a year of 5,000 digits cannot be written with str()
    return ParseError(
        f"{what} {shown} lies outside the years {_YEARS}",
        code="period.year_out_of_range",
        vi=f"{what_vi} {shown} nằm ngoài khoảng năm {_YEARS_VI}",
        hint=f"plans, periods and dates lie in the years {_YEARS}",
        hint_vi=f"kế hoạch, kỳ và ngày tháng phải thuộc các năm {_YEARS_VI}",
        text=shown,
    )


def _date_out_of_range(day: dt.date | str, text: str) -> ParseError:
    return ParseError(
        f"the date {day} lies outside the years {_YEARS}",
        code="date.out_of_range",
        vi=f"ngày {day} nằm ngoài khoảng năm {_YEARS_VI}",
        hint=f"dates lie in the years {_YEARS}",
        hint_vi=f"ngày tháng phải thuộc các năm {_YEARS_VI}",
        text=printable(text),
        position=0,
    )


def _check_day(day: dt.date, what: str, what_vi: str) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _year_out_of_range(day.year, what, what_vi)


class PeriodKind(Choice):
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
    if isinstance(value, bool) or not isinstance(value, int):
        msg = "year"
        raise _type_error(msg, value, "an int (the calendar year)", "một số nguyên")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise _year_out_of_range(value, "the year", "năm")


def _optional_date(value: dt.date | None) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    msg = "day"
    raise _type_error(msg, value, "a datetime.date", "một ngày (datetime.date)")


def _invalid(
    en: str, vi: str, *, hint: str | None = None, hint_vi: str | None = None
) -> ParseError:
    return ParseError(en, code="period.invalid", vi=vi, hint=hint, hint_vi=hint_vi)


@functools.total_ordering
@attrs.frozen(order=False, cache_hash=True)
class Period:
    """A reporting period, e.g. ``Period(2024)`` or ``Period(2024, PeriodKind.HALF, 1)``.

    Build a range of days with :meth:`range`. Periods order by their first day,
    then by their last.

    >>> p = parse_period("6 tháng đầu năm 2024")
    >>> str(p), p.start, p.end, str(p.previous()), p.days
    ('2024-H1', datetime.date(2024, 1, 1), datetime.date(2024, 6, 30), '2023-H1', 182)

    Raises:
        ParseError: The year (or a day of a range) lies outside :data:`MIN_YEAR` …
            :data:`MAX_YEAR` (``period.year_out_of_range``), or the parts do not fit
            together (``period.invalid``, ``period.reversed_range``).
        ArgumentTypeError: A part has the wrong type.

    .. versionadded:: 0.1.0
    """

    #: The calendar year (of the first day, for a range).
    year: int = attrs.field(validator=_year)
    #: Year, half, quarter, month or range.
    kind: PeriodKind = attrs.field(default=PeriodKind.YEAR)
    #: Which half (1-2), quarter (1-4) or month (1-12); 1 for a year or a range.
    index: int = attrs.field(default=1)
    #: First day of a range (None for calendar periods).
    first: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)
    #: Last day of a range (None for calendar periods).
    last: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)

    @kind.validator
    def _check_kind(self, attribute: attrs.Attribute[PeriodKind], value: PeriodKind) -> None:
        if not isinstance(value, PeriodKind):
            msg = "kind"
            raise _type_error(msg, value, "a PeriodKind", "một loại kỳ (PeriodKind)")

    @index.validator
    def _check_index(self, attribute: attrs.Attribute[int], value: int) -> None:
        count = 12 // self.kind.months if self.kind.months else 1
        if isinstance(value, bool) or not isinstance(value, int):
            msg = "index"
            raise _type_error(msg, value, "an int", "một số nguyên")
        if not 1 <= value <= count:
            shown = safe_repr(value, limit=60)
            msg = f"index={shown} must be an int from 1 to {count} for a {self.kind.value}"
            raise ParseError(
                msg,
                code="period.invalid",
                vi=f"số thứ tự của {_KIND_VI[self.kind.value]} phải từ 1 đến {count}, không"
                f" phải {shown}",
                text=shown,
            )

    def __attrs_post_init__(self) -> None:
        if self.kind is PeriodKind.RANGE:
            if self.first is None or self.last is None:
                msg = "a range needs its first and last day"
                raise _invalid(
                    msg,
                    "một khoảng thời gian cần có ngày đầu và ngày cuối",
                    hint="use Period.range(start, end)",
                    hint_vi="hãy dùng Period.range(start, end)",
                )
            _check_day(self.last, "the last day's year", "năm của ngày cuối")
            if self.first > self.last:
                raise _reversed(self.first, self.last)
            if self.first.year != self.year:
                msg = f"year={self.year} must be the year of the first day {self.first}"
                raise _invalid(
                    msg,
                    f"năm (year={self.year}) phải là năm của ngày đầu {self.first:%d/%m/%Y}",
                )
        elif self.first is not None or self.last is not None:
            msg = "only a range has explicit first and last days"
            raise _invalid(
                msg,
                "chỉ khoảng thời gian mới có ngày đầu và ngày cuối riêng",
                hint="use Period.range(start, end)",
                hint_vi="hãy dùng Period.range(start, end)",
            )

    @classmethod
    def range(cls, start: dt.date, end: dt.date) -> Period:
        """The range of days from ``start`` to ``end``, both included.

        A range that is exactly a calendar year, half, quarter or month is returned
        as that period, so equal spans of time are equal periods.

        Raises:
            ParseError: A day lies outside the years :data:`MIN_YEAR` …
                :data:`MAX_YEAR` (``period.year_out_of_range``), or ``end`` is
                before ``start`` (``period.reversed_range``).
            ArgumentTypeError: ``start`` or ``end`` is not a date.
        """
        first, last = _optional_date(start), _optional_date(end)
        if first is None or last is None:
            msg = "day"
            raise _type_error(msg, None, "a datetime.date", "một ngày (datetime.date)")
        start, end = first, last
        _check_day(start, "the first day's year", "năm của ngày đầu")
        _check_day(end, "the last day's year", "năm của ngày cuối")
        if start > end:
            raise _reversed(start, end)
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
            # anything but a str or a PeriodKind is refused as an unknown kind, below
            chosen = PeriodKind(kind if isinstance(kind, str | PeriodKind) else None)
        except ValueError:
            shown = safe_repr(kind, limit=60)
            msg = f"kind={shown} must be one of year, half, quarter, month"
            raise UsageError(
                msg,
                code="usage.period_kind",
                vi=f"loại kỳ kind={shown} phải là year, half, quarter hoặc month"
                " (năm, 6 tháng, quý, tháng)",
            ) from None
        return self.split(chosen)

    def previous(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước); 29/2 becomes 28/2.

        Raises:
            ParseError: That year is before :data:`MIN_YEAR` (``period.year_out_of_range``).
        """
        if self.start.year <= MIN_YEAR:
            earlier = self.start.year - 1
            msg = f"the same period a year earlier (in {earlier}) lies before the year {MIN_YEAR}"
            raise ParseError(
                msg,
                code="period.year_out_of_range",
                vi=f"cùng kỳ năm trước (năm {earlier}) nằm trước năm {MIN_YEAR}",
                hint=f"plans, periods and dates lie in the years {_YEARS}",
                hint_vi=f"kế hoạch, kỳ và ngày tháng phải thuộc các năm {_YEARS_VI}",
                period=str(self),
            )
        return self.in_year(self.start.year - 1)

    def in_year(self, year: int) -> Period:
        """The same period in ``year`` (``2026-Q1`` in 2020 is ``2020-Q1``); 29/2 becomes 28/2.

        What a rule against a base year (``>= year 2020``) compares with;
        :meth:`previous` is the same period in the year before.

        Raises:
            ParseError: ``year`` lies outside :data:`MIN_YEAR` … :data:`MAX_YEAR`
                (``period.year_out_of_range``).

        .. versionadded:: 0.3.0
        """
        if self.kind is PeriodKind.RANGE:
            years = relativedelta(years=self.start.year - year)
            return Period.range(self.start - years, self.end - years)
        return attrs.evolve(self, year=year)

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
            raise UsageError(
                msg,
                code="usage.period_kind",
                vi="chỉ chia được thành năm, 6 tháng, quý hoặc tháng",
            )
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
        if isinstance(other, dt.date):  # a datetime is in the period its day is in
            day = other.date() if isinstance(other, dt.datetime) else other
            return self.start <= day <= self.end
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


_KIND_VI = {"year": "năm", "half": "6 tháng", "quarter": "quý", "month": "tháng", "range": "khoảng"}


def _reversed(start: dt.date, end: dt.date) -> ParseError:
    return ParseError(
        f"the range ends ({end}) before it starts ({start})",
        code="period.reversed_range",
        vi=f"ngày cuối ({end:%d/%m/%Y}) ở trước ngày đầu ({start:%d/%m/%Y})",
        hint="write the first day first: từ 01/01/2024 đến 10/6/2024",
        hint_vi="hãy viết ngày đầu trước: từ 01/01/2024 đến 10/6/2024",
        text=f"{start}..{end}",
    )


def _short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ------------------------------------------------------------------ parsing


_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<half>h[12])|(?P<quarter>q[1-4])|(?P<month>\d{1,2})))?"
)
_SHORT = re.compile(
    r"(?:(?P<half>h[12])|(?P<quarter>q[1-4])|(?P<month>\d{1,2}))\s*+/\s*+(?P<year>\d{4})"
)
_VI_YEAR = re.compile(r"năm (?P<year>\d{4})")
_VI_HALF = re.compile(r"(?:6|sáu) tháng (?P<which>đầu|cuối) năm (?P<year>\d{4})")
_VI_FIRST = re.compile(r"(?P<n>\d{1,2}) tháng đầu năm (?P<year>\d{4})")
_VI_QUARTER = re.compile(r"quý (?P<q>i{1,3}|iv|[1-4])\s*+(?:/|năm)\s*+(?P<year>\d{4})")
_VI_MONTH = re.compile(r"tháng (?P<month>\d{1,2})\s*+(?:/|năm)\s*+(?P<year>\d{4})")
_ISO_RANGE = re.compile(r"(?P<a>\d{4}-\d{2}-\d{2})\s*+\.\.\s*+(?P<b>\d{4}-\d{2}-\d{2})")
_VI_RANGE = re.compile(r"(?:từ )?(?:ngày )?(?P<a>.+?) (?:đến|-|–) (?:hết )?(?:ngày )?(?P<b>.+)")


def parse_period(text: Period | str | int, *, year: int | None = None) -> Period:
    """Read a period, in the short forms or as documents write it.

    Args:
        text: ``"2024"``, ``"2024-H1"``, ``"2024-Q3"``, ``"2024-06"``, ``"H1/2024"``,
            ``"06/2024"``, ``"2024-01-01..2024-06-10"``, ``"năm 2024"``,
            ``"6 tháng đầu năm 2024"``, ``"quý III/2024"``, ``"tháng 6/2024"``,
            ``"9 tháng đầu năm 2024"``, ``"từ 01/01/2024 đến 10/6/2024"``; an int
            is a year; a period is returned as it is.
        year: The year of short dates in a range (``"từ 01/01 đến 10/6"``).

    Raises:
        ParseError: The text is none of these forms (``period.unreadable``), is
            longer than :data:`MAX_PERIOD_LENGTH` characters (``period.too_long``),
            lies outside the years :data:`MIN_YEAR` … :data:`MAX_YEAR`
            (``period.year_out_of_range``, ``date.out_of_range``), names a day that
            does not exist (``date.not_a_day``) or a range that ends before it
            starts (``period.reversed_range``).
        ArgumentTypeError: ``text`` is not text, an int or a period, or ``year``
            is not an int.

    >>> str(parse_period("quý III/2024")), str(parse_period("tháng 6/2024"))
    ('2024-Q3', '2024-06')

    .. versionadded:: 0.1.0
    """
    if isinstance(text, Period):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Period(text)
    if not isinstance(text, str):
        msg = "period"
        raise _type_error(
            msg, text, "text such as '2024' or '2024-H1'", "chữ, ví dụ '2024' hoặc '2024-H1'"
        )
    _check_year_argument(year)
    raw = _bounded(text, MAX_PERIOD_LENGTH, "period", "kỳ", "period.too_long")
    norm = fold(raw)  # the words of a period: any case, NFC or NFD, any spacing
    shown = printable(repr(raw))
    try:
        period = _read_period(norm, year)
    except ParseError as exc:
        msg = f"cannot read period {shown}: {exc.what('en')}"
        raise ParseError(
            msg,
            code=exc.code,
            vi=f"không đọc được kỳ {shown}: {exc.what('vi')}",
            hint=exc.how("en") or _HINT,
            hint_vi=exc.how("vi") or _HINT_VI,
            text=printable(raw),
            position=0,
        ) from None
    if period is None:
        msg = f"cannot read period {shown}"
        raise ParseError(
            msg,
            code="period.unreadable",
            vi=f"không đọc được kỳ {shown}",
            hint=_HINT,
            hint_vi=_HINT_VI,
            text=printable(raw),
            position=0,
        )
    return period


def _check_year_argument(year: object) -> None:
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        msg = "year"
        raise _type_error(msg, year, "an int or None", "một số nguyên hoặc None")


def _bounded(text: str, limit: int, what: str, what_vi: str, code: str) -> str:
    """``text`` in NFC without surrounding spaces, refused if longer than ``limit``."""
    raw = text.strip() if len(text) <= 4 * limit else text  # a huge text is refused as it is
    if len(raw) <= limit:
        raw = nfc(raw)
    if len(raw) > limit:
        msg = f"the {what} is longer than {limit} characters"
        raise ParseError(
            msg,
            code=code,
            vi=f"{what_vi} dài quá {limit} ký tự",
            hint=_HINT if what == "period" else _DATE_HINT,
            hint_vi=_HINT_VI if what == "period" else _DATE_HINT_VI,
            text=printable(raw[:40]) + "…",
            position=limit,
        )
    return raw


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
            raise _invalid(
                msg,
                f"{months} tháng không nằm trong một năm",
                hint="write 1 to 12 months: 9 tháng đầu năm 2024",
                hint_vi="hãy viết từ 1 đến 12 tháng: 9 tháng đầu năm 2024",
            )
        first = Period(int(match["year"])).start  # checks the year's range first
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
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _not_a_day(text, text) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _date_out_of_range(day, text)
    return day


def _not_a_day(shown: str, text: str) -> ParseError:
    return ParseError(
        f"{shown} is not a day of the calendar",
        code="date.not_a_day",
        vi=f"ngày {shown} không có trên lịch",
        hint="check the day and month (day first)",
        hint_vi="hãy kiểm tra lại ngày và tháng (ngày viết trước)",
        text=printable(text),
        position=0,
    )


def _range(start: dt.date, end: dt.date) -> Period:
    if start > end:
        raise _reversed(start, end)
    return Period.range(start, end)


_DATE_VI = re.compile(r"(?:ngày )?(?P<d>\d{1,2}) tháng (?P<m>\d{1,2})(?: năm (?P<y>\d{4}))?")
_DATE_NUM = re.compile(
    r"(?:ngày )?(?P<d>\d{1,2})\s*+[/.-]\s*+(?P<m>\d{1,2})(?:\s*+[/.-]\s*+(?P<y>\d{4}))?"
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")


def parse_date(text: dt.date | str, year: int | None = None) -> dt.date:
    """Read a date as documents write it, day first.

    Args:
        text: ``"ngày 11 tháng 01 năm 2024"``, ``"11/01/2024"``, ``"11.01.2024"``,
            ``"2024-01-11"``, or a short form without the year (``"10/6"``,
            ``"ngày 10 tháng 6"``), which needs ``year``.
        year: The year of short forms, e.g. the plan's year.

    Raises:
        ParseError: The text is not a date (``date.unreadable``), is longer than
            :data:`MAX_DATE_LENGTH` characters (``date.too_long``), names a day that
            does not exist (31/02: ``date.not_a_day``), lies outside the years
            :data:`MIN_YEAR` … :data:`MAX_YEAR` (``date.out_of_range``), or has no
            year and none was given (``date.no_year``).
        ArgumentTypeError: ``text`` is not text or a date, or ``year`` is not an int.

    >>> parse_date("ngày 11 tháng 01 năm 2024"), parse_date("10/6", year=2024)
    (datetime.date(2024, 1, 11), datetime.date(2024, 6, 10))

    .. versionadded:: 0.1.0
    """
    if isinstance(text, dt.date):
        day = text.date() if isinstance(text, dt.datetime) else text
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise _date_out_of_range(day, str(day))
        return day
    if not isinstance(text, str):
        msg = "date"
        raise _type_error(msg, text, "text such as '11/01/2024'", "chữ, ví dụ '11/01/2024'")
    _check_year_argument(year)
    raw = _bounded(text, MAX_DATE_LENGTH, "date", "ngày", "date.too_long")
    norm = fold(raw)  # the words of a date: any case, NFC or NFD, any spacing
    match = _DATE_ISO.fullmatch(norm) or _DATE_VI.fullmatch(norm) or _DATE_NUM.fullmatch(norm)
    shown = printable(repr(raw))
    if match is None:
        msg = f"cannot read date {shown}"
        raise ParseError(
            msg,
            code="date.unreadable",
            vi=f"không đọc được ngày {shown}",
            hint=_DATE_HINT,
            hint_vi=_DATE_HINT_VI,
            text=printable(raw),
            position=0,
        )
    y = match["y"]
    if y is None and year is None:
        msg = f"the date {shown} has no year"
        raise ParseError(
            msg,
            code="date.no_year",
            vi=f"ngày {shown} không ghi năm",
            hint="give the year, e.g. parse_date(text, year=2024)",
            hint_vi="hãy ghi thêm năm, ví dụ 10/6/2024, hoặc cho năm: parse_date(text, year=2024)",
            text=printable(raw),
            position=0,
        )
    full_year = int(y) if y else int(year or 0)
    year_text = f"{full_year:04d}" if abs(full_year) < 10**9 else safe_repr(full_year)
    day_text = f"{int(match['d']):02d}/{int(match['m']):02d}/{year_text}"
    if not MIN_YEAR <= full_year <= MAX_YEAR:
        raise _date_out_of_range(day_text, raw)
    try:
        return dt.date(full_year, int(match["m"]), int(match["d"]))
    except ValueError:
        raise _not_a_day(day_text, raw) from None


def format_date(day: dt.date, *, language: str = "vi") -> str:
    """A date as documents write it: ``ngày 01 tháng 02 năm 2023`` (Decree 30/2020 App. I).

    Days below 10 and the months 1 and 2 take a leading zero.

    >>> format_date(dt.date(2024, 6, 10)), format_date(dt.date(2023, 2, 1))
    ('ngày 10 tháng 6 năm 2024', 'ngày 01 tháng 02 năm 2023')

    Raises:
        ArgumentTypeError: ``day`` is not a date.
        UsageError: The language is neither ``"vi"`` nor ``"en"``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(day, dt.date):
        msg = "day"
        raise _type_error(msg, day, "a datetime.date", "một ngày (datetime.date)")
    if check_language(language) != "vi":
        return day.isoformat()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
