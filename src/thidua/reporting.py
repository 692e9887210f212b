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
import enum
from collections.abc import Collection

import attrs

from thidua.errors import ThiduaError
from thidua.periods import format_date, parse_date
from thidua.plans import Plan, Report

__all__ = [
    "DEFAULT_NOTICE_DAYS",
    "Deadline",
    "DeadlineStatus",
    "deadlines",
    "next_deadline",
    "to_ics",
]

#: How many days before its deadline a report counts as due.
DEFAULT_NOTICE_DAYS = 14


class DeadlineStatus(enum.Enum):
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


def _day(value: dt.date | str, plan: Plan) -> dt.date:
    return parse_date(value, year=plan.year)


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
        ThiduaError: ``notice_days`` is negative, or ``submitted`` names a report
            the plan does not have.
    """
    if isinstance(notice_days, bool) or not isinstance(notice_days, int) or notice_days < 0:
        msg = f"notice_days={notice_days!r} must be a whole number of days, 0 or more"
        raise ThiduaError(msg)
    names = {r.name for r in plan.reports}
    unknown = sorted(set(submitted) - names)
    if unknown:
        msg = f"submitted names reports the plan does not have: {unknown}"
        raise ThiduaError(msg, hint=f"the plan's reports: {sorted(names)}")
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
    """The first report due on or after ``as_of``, or None when none is left."""
    day = _day(as_of, plan)
    upcoming = sorted((r for r in plan.reports if r.due >= day), key=lambda r: (r.due, r.name))
    return upcoming[0] if upcoming else None


def to_ics(plan: Plan, *, alarm_days: int = 3, stamp: dt.datetime | None = None) -> str:
    """The plan's deadlines as an iCalendar file (all-day events with a reminder).

    Args:
        plan: The plan.
        alarm_days: Remind this many days before each deadline (0 for no reminder).
        stamp: The creation time written in each event (``DTSTAMP``); by default
            the plan's date of issue at midnight UTC, so the same plan always gives
            the same file.

    .. versionadded:: 0.1.0
    """
    from hashlib import sha256  # noqa: PLC0415  (only for writing calendars)

    import icalendar  # noqa: PLC0415

    if isinstance(alarm_days, bool) or not isinstance(alarm_days, int) or alarm_days < 0:
        msg = f"alarm_days={alarm_days!r} must be a whole number of days, 0 or more"
        raise ThiduaError(msg)
    if stamp is None:
        issued = plan.issued
        day = (
            dt.date(issued.year, issued.month or 1, issued.day or 1)
            if issued
            else dt.date(plan.year, 1, 1)
        )
        stamp = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//thidua//Reporting calendar//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{plan.title} — hạn báo cáo")
    for report in sorted(plan.reports, key=lambda r: (r.due, r.name)):
        event = icalendar.Event()
        key = f"{plan.id}|{report.name}|{report.period}|{report.due.isoformat()}".encode()
        event.add("uid", f"{sha256(key).hexdigest()[:24]}@{plan.id}.thidua")
        event.add("dtstamp", stamp)
        event.add("dtstart", report.due)
        event.add("dtend", report.due + dt.timedelta(days=1))
        event.add("summary", f"Hạn nộp: {report.name} ({report.period.label('vi')})")
        lines = [
            f"{report.name} — kỳ báo cáo: {report.period.label('vi')}",
            f"Hạn nộp: {format_date(report.due)}",
            f"Theo {plan.title}" + (f" của {plan.issuer}" if plan.issuer else ""),
        ]
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        if alarm_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Sắp đến hạn: {report.name}")
            alarm.add("trigger", dt.timedelta(days=-alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
