"""The reporting calendar: which reports a plan asks for, when, and what is due.

The seed plan asks for a half-year report (sơ kết 6 tháng) by 10/6 and an
annual review (tổng kết năm) by 05/10. :func:`deadlines` says, as of a date,
which reports are upcoming, due (the deadline is near or today), overdue, or
already submitted; :func:`next_deadline` gives the next one; :func:`to_ics`
writes the calendar as iCalendar (RFC 5545) so staff can import the deadlines.

>>> from thidua.examples import hoa_thuan_2024
>>> plan = hoa_thuan_2024()
>>> [(d.report.name, d.status.value) for d in deadlines(plan, "01/06/2024")]
[('Báo cáo sơ kết 6 tháng', 'due'), ('Báo cáo tổng kết năm', 'upcoming')]
>>> next_deadline(plan, "11/06/2024").name
'Báo cáo tổng kết năm'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import attrs

from thidua._choices import Choice
from thidua._text import printable, safe_repr
from thidua.errors import ArgumentTypeError, NotFoundError, UsageError, require_type
from thidua.periods import MAX_YEAR, MIN_YEAR, format_date, parse_date
from thidua.plans import Plan, Report

__all__ = [
    "DEFAULT_NOTICE_DAYS",
    "MAX_DAYS",
    "Deadline",
    "DeadlineStatus",
    "deadlines",
    "next_deadline",
    "to_ics",
]

#: How many days before its deadline a report counts as due.
DEFAULT_NOTICE_DAYS = 14


class DeadlineStatus(Choice):
    """Where a report stands as of a date.

    .. versionadded:: 0.1.0
    """

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"

    @property
    def vi(self) -> str:
        """The Vietnamese label."""
        return {
            "upcoming": "Sắp tới",
            "due": "Đến hạn",
            "overdue": "Quá hạn",
            "submitted": "Đã nộp",
        }[self.value]


@attrs.frozen
class Deadline:
    """A report's deadline as seen on a date.

    .. versionadded:: 0.1.0
    """

    #: The report.
    report: Report
    #: Upcoming, due, overdue or submitted.
    status: DeadlineStatus
    #: Days from the as-of date to the deadline (negative when past).
    days_left: int


#: The most days a notice or a reminder may come before a deadline: the span of
#: the documented years (:data:`thidua.periods.MIN_YEAR` to ``MAX_YEAR``).
MAX_DAYS = (MAX_YEAR - MIN_YEAR + 1) * 366


def _days(value: object, name: str) -> int:
    """A count of days given as an argument: a whole number from 0 to :data:`MAX_DAYS`.

    Raises:
        ArgumentTypeError: Not a whole number (code ``argument.type``).
        UsageError: Below 0 or above :data:`MAX_DAYS` (code ``usage.days``).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        given = printable(type(value).__name__)
        msg = f"{name}= must be a whole number of days, not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số {name}= phải là một số nguyên (số ngày), không phải {given}",
        )
    if not 0 <= value <= MAX_DAYS:
        shown = safe_repr(value)  # a number of 5,000 digits cannot be written with str()
        msg = f"{name}={shown} must be a whole number of days from 0 to {MAX_DAYS}"
        raise UsageError(
            msg,
            code="usage.days",
            vi=f"{name}={shown} không hợp lệ: số ngày phải từ 0 đến {MAX_DAYS}",
        )
    return value


def _day(value: dt.date | str, plan: Plan) -> dt.date:
    """``value`` as a date; a short date (``10/6``) takes the plan's year if a date can have it."""
    year = plan.year if isinstance(plan.year, int) and 1 <= plan.year <= 9999 else None
    return parse_date(value, year=year)


def _year(year: int) -> int:
    """A plan's year as a year dates can have (1 to 9999), for short dates and defaults."""
    return min(max(year, 1), 9999) if isinstance(year, int) else MIN_YEAR


def _next_day(day: dt.date) -> dt.date | None:
    """The day after ``day``, or None after the last day a date can hold (9999-12-31)."""
    return None if day == dt.date.max else day + dt.timedelta(days=1)


def _stamp(plan: Plan) -> dt.datetime:
    """The plan's date of issue (else 1 January of its year) at midnight UTC."""
    issued = plan.issued
    year = _year(issued.year if issued else plan.year)
    month = issued.month if issued and issued.month and 1 <= issued.month <= 12 else 1
    try:
        day = dt.date(year, month, issued.day or 1) if issued else dt.date(year, 1, 1)
    except (ValueError, TypeError, OverflowError):  # a day the month does not have
        day = dt.date(year, month, 1)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def deadlines(
    plan: Plan,
    as_of: dt.date | str,
    *,
    notice_days: int = DEFAULT_NOTICE_DAYS,
    submitted: Collection[str] = (),
) -> tuple[Deadline, ...]:
    """Every report of ``plan`` with its status as of ``as_of``, by due date.

    Args:
        plan: The plan.
        as_of: The date (a date, or text such as ``"10/6/2024"``; short forms take
            the plan's year).
        notice_days: A report is *due* from this many days before its deadline.
        submitted: Names of the reports already handed in.

    Raises:
        ArgumentTypeError: ``plan`` is not a plan, ``notice_days`` not a whole
            number, or ``submitted`` not a collection of names.
        UsageError: ``notice_days`` is negative or too large (code ``usage.days``).
        NotFoundError: ``submitted`` names a report the plan does not have (code
            ``report.not_found``).
        ParseError: ``as_of`` cannot be read as a date.
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    notice_days = _days(notice_days, "notice_days")
    if isinstance(submitted, str) or not isinstance(submitted, Collection):
        require_type(
            submitted,
            (list, tuple, set, frozenset),
            "submitted",
            "a list of report names",
            "một danh sách tên báo cáo",
        )
    names = {r.name for r in plan.reports}
    unknown = sorted({printable(str(n)) for n in submitted if n not in names})
    if unknown:
        known = "; ".join(sorted(printable(n) for n in names)) or "—"
        shown = "; ".join(f"'{n}'" for n in unknown)
        msg = f"submitted names reports the plan does not have: {shown}"
        raise NotFoundError(
            msg,
            code="report.not_found",
            vi=f"kế hoạch không có báo cáo {shown} (trong danh sách đã nộp)",
            hint=f"the plan's reports: {known}",
            hint_vi=f"các báo cáo của kế hoạch: {known}",
        )
    day = _day(as_of, plan)
    out = []
    for report in sorted(plan.reports, key=lambda r: (r.due, r.name)):
        left = (report.due - day).days
        if report.name in submitted:
            status = DeadlineStatus.SUBMITTED
        elif left < 0:
            status = DeadlineStatus.OVERDUE
        elif left <= notice_days:
            status = DeadlineStatus.DUE
        else:
            status = DeadlineStatus.UPCOMING
        out.append(Deadline(report, status, left))
    return tuple(out)


def next_deadline(plan: Plan, as_of: dt.date | str) -> Report | None:
    """The first report due on or after ``as_of``, or None when none is left.

    Raises:
        ArgumentTypeError: ``plan`` is not a plan.
        ParseError: ``as_of`` cannot be read as a date.
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    day = _day(as_of, plan)
    upcoming = sorted((r for r in plan.reports if r.due >= day), key=lambda r: (r.due, r.name))
    return upcoming[0] if upcoming else None


def to_ics(plan: Plan, *, alarm_days: int = 3, stamp: dt.datetime | None = None) -> str:
    r"""The plan's deadlines as an iCalendar file (all-day events with a reminder).

    Args:
        plan: The plan.
        alarm_days: Remind this many days before each deadline (0 for no reminder).
        stamp: The creation time written in each event (``DTSTAMP``); by default
            the plan's date of issue at midnight UTC, so the same plan always gives
            the same file.

    Any date a plan holds is written, up to 9999-12-31 (an event on that day
    has no ``DTEND``: it lasts that one day, as RFC 5545 reads it). Text from
    the plan never carries a raw control character: each is shown escaped
    (``\x1b``).

    Raises:
        ArgumentTypeError: ``plan`` is not a plan, ``alarm_days`` not a whole
            number, or ``stamp`` not a datetime.
        UsageError: ``alarm_days`` is negative or too large (code ``usage.days``).

    .. versionadded:: 0.1.0
    """
    from hashlib import sha256  # noqa: PLC0415  (only for writing calendars)

    import icalendar  # noqa: PLC0415

    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    alarm_days = _days(alarm_days, "alarm_days")
    if stamp is None:
        stamp = _stamp(plan)
    require_type(stamp, dt.datetime, "stamp", "a datetime", "một thời điểm (datetime)")

    def text(value: str) -> str:  # the one place text enters the calendar
        return printable(value, keep="\n")

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//thidua//Reporting calendar//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", text(f"{plan.title} — hạn báo cáo"))
    for report in sorted(plan.reports, key=lambda r: (r.due, r.name)):
        event = icalendar.Event()
        key = f"{plan.id}|{report.name}|{report.period}|{report.due.isoformat()}"
        digest = sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        event.add("uid", text(f"{digest}@{plan.id}.thidua"))
        event.add("dtstamp", stamp)
        event.add("dtstart", report.due)
        end = _next_day(report.due)
        if end is not None:
            event.add("dtend", end)
        event.add("summary", text(f"Hạn nộp: {report.name} ({report.period.label('vi')})"))
        lines = [
            f"{report.name} — kỳ báo cáo: {report.period.label('vi')}",
            f"Hạn nộp: {format_date(report.due)}",
            f"Theo {plan.title}" + (f" của {plan.issuer}" if plan.issuer else ""),
        ]
        event.add("description", text("\n".join(lines)))
        event.add("transp", "TRANSPARENT")
        if alarm_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", text(f"Sắp đến hạn: {report.name}"))
            alarm.add("trigger", dt.timedelta(days=-alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    written: str = calendar.to_ical().decode("utf-8")
    return written
