"""The ``thidua`` command line.

::

    thidua evaluate PLAN --data DATA [--period P] [--as-of DATE]
                    [--format table|json|markdown|html]
    thidua evaluate --example hoa-thuan-2024
    thidua calendar PLAN [--as-of DATE] [--format table|json|ics]
    thidua calendar --example hoa-thuan-2024
    thidua report PLAN --data DATA [--period P] [--as-of DATE]
                  [--format markdown|html|xlsx|docx] [--output FILE]
                  [--kind so-ket|tong-ket] [--number N] [--date DATE]
                  [--signer NAME [--signer-title T] [--signer-for B]] [--recipient R ...]
    thidua report --example hoa-thuan-2024
    thidua score PLAN --data DATA --scheme SCHEME [--period P] [--as-of DATE]
                 [--event ID=N ...] [--format table|json]
    thidua score --example hoa-thuan-2024
    thidua rank CLUSTER --plan PLAN --data DATA [--period P] [--as-of DATE]
                [--format table|json]
    thidua rank --example cum-phuong-cao-lanh-2024
    thidua validate PLAN [--data DATA] [--period P] [--limit N] [--format text|json]
    thidua sources [--on DATE] [--format table|json]
    thidua draft KE-HOACH.docx|.txt|.md [-o plan.toml] [--id ID] [--year YEAR]
    thidua template PLAN [--period P] --output nhap-so-lieu.xlsx
    thidua template --example hoa-thuan-2024 --output nhap-so-lieu.xlsx

The data (``--data``) may be a CSV file or an Excel workbook (``.xlsx``,
``.xlsm``, a filled template among them); ``--sheet`` names a workbook's sheet.

Exit status 0 when it did its job (whatever the statuses), 2 for bad input, with
one line per problem on stderr that names the file and line, says how to fix
it, and ends with the problem's code. Messages are in Vietnamese unless
``--language en`` is given or the plan's language is English.

.. versionadded:: 0.1.0
.. versionchanged:: 0.4.0
   ``template``; ``--sheet``; workbooks as ``--data``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thidua._text import printable
from thidua._version import __version__
from thidua.errors import ArgumentTypeError, PlanError, ThiduaError, UsageError

if TYPE_CHECKING:
    from thidua.data import Dataset
    from thidua.evaluation import Evaluation
    from thidua.plans import Plan

__all__ = ["DEFAULT_LIMIT", "main", "run"]

_EXIT_BAD_INPUT = 2
#: How many problems a command prints before it only counts the rest.
DEFAULT_LIMIT = 50
_LANGUAGES = ("vi", "en")


class _Session:
    """What one run has learnt: the language to speak, and every problem of a plan file."""

    def __init__(self, language: str | None) -> None:
        #: Asked for with --language, or None to follow the plan.
        self.asked = language
        self.language = language or "vi"
        self.problems: list[ThiduaError] = []

    def plan_loaded(self, plan: Plan) -> Plan:
        if self.asked is None:
            self.language = getattr(plan, "language", "vi")
        return plan

    def load_plan(self, path: str) -> Plan:
        """The plan file, or its first problem raised with every other one kept."""
        from thidua._files import read_text  # noqa: PLC0415
        from thidua._planfile import collect_plan  # noqa: PLC0415
        from thidua.errors import PlanError  # noqa: PLC0415
        from thidua.plans import MAX_PLAN_BYTES  # noqa: PLC0415

        name, text = read_text(path, what="plan file", max_bytes=MAX_PLAN_BYTES, error=PlanError)
        plan, problems = collect_plan(text, file=name)
        if plan is None or problems:
            self.problems = list(problems)
            raise problems[0]
        return self.plan_loaded(plan)


def _usage(*, en: str, vi: str, command: str) -> UsageError:
    """Options of a command that do not fit together."""
    return UsageError(
        en,
        code="cli.usage",
        vi=vi,
        hint=f"see 'thidua {command} --help'",
        hint_vi=f"hãy xem 'thidua {command} --help'",
    )


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized as shutil.get_terminal_size would size it.

    argparse imports shutil for that (and shutil bz2, lzma, zlib: ≈ 4 ms of every
    start-up, help or not).
    """

    def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("width") is None and len(args) < 3:  # width is the third
            kwargs["width"] = _columns() - 2
        super().__init__(prog, *args, **kwargs)


def _columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"thidua: error: {printable(message)}", file=sys.stderr)  # words echoed escaped
        raise SystemExit(_EXIT_BAD_INPUT)


def _language(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--language",
        choices=_LANGUAGES,
        default=None,
        help=f"language of {what} and of error messages (default: the plan's, else vi)",
    )


def _evaluation_arguments(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    parser.add_argument("plan", nargs="?", help="the plan file (TOML)")
    parser.add_argument("--data", help="the data file (CSV, or an Excel workbook .xlsx)")
    parser.add_argument("--sheet", help="the sheet of a workbook to read (default: the first)")
    parser.add_argument(
        "--period", help="the period, e.g. 2024, 2024-H1 (default: the plan's year)"
    )
    parser.add_argument(
        "--as-of", help="evaluate as of a date (e.g. 10/6/2024): so far, and outlook"
    )
    parser.add_argument("--example", choices=names, help="use a shipped plan and its data")
    parser.add_argument(
        "--number-format",
        choices=("vi", "en"),
        help="how numbers in the data are written (default: the plan's)",
    )


def _report_parser(commands: Any, names: Sequence[str]) -> None:
    """The ``report`` subcommand's arguments."""
    rep = commands.add_parser("report", help="the report an office hands in (md, html, xlsx, docx)")
    _evaluation_arguments(rep, names)
    rep.add_argument(
        "--format",
        choices=("markdown", "html", "xlsx", "docx"),
        default="markdown",
        help="report format",
    )
    rep.add_argument("--output", help="write to this file (needed for xlsx and docx)")
    rep.add_argument(
        "--kind",
        choices=("so-ket", "tong-ket"),
        help="half-year (so-ket) or annual (tong-ket) report (default: from the period)",
    )
    rep.add_argument("--number", help="the report's number, e.g. 12/BC-UBND")
    rep.add_argument("--date", help="the report's date (default: the as-of date or deadline)")
    rep.add_argument("--signer", help="who signs (default: the plan's signer)")
    rep.add_argument("--signer-title", help="the signer's title, e.g. 'Phó Chủ tịch'")
    rep.add_argument("--signer-for", help="the body signed for, e.g. 'TM. Ủy ban nhân dân'")
    rep.add_argument(
        "--recipient",
        action="append",
        default=None,
        help="a recipient under 'Nơi nhận' (repeatable; default: the plan's)",
    )
    _language(rep, "the report")


def _template_parser(commands: Any, names: Sequence[str]) -> None:
    """The ``template`` subcommand's arguments."""
    tpl = commands.add_parser(
        "template", help="write a data-entry workbook (.xlsx) for a plan and a period"
    )
    tpl.add_argument("plan", nargs="?", help="the plan file (TOML)")
    tpl.add_argument("--example", choices=names, help="use a shipped plan")
    tpl.add_argument("--period", help="the period, e.g. 2024, 2024-H1 (default: the plan's year)")
    tpl.add_argument("-o", "--output", help="the workbook to write (.xlsx)")
    _language(tpl, "messages")


def _parser() -> argparse.ArgumentParser:
    from thidua.examples import CLUSTERS, NAMES  # noqa: PLC0415
    from thidua.formats import FORMATS  # noqa: PLC0415
    from thidua.reporting import DEFAULT_NOTICE_DAYS  # noqa: PLC0415

    parser = _Parser(
        prog="thidua", description="Vietnamese emulation plans (kế hoạch thi đua), exactly."
    )
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ev = commands.add_parser("evaluate", help="evaluate a plan's indicators on data for a period")
    _evaluation_arguments(ev, NAMES)
    ev.add_argument("--format", choices=FORMATS, default="table", help="output format")
    _language(ev, "tables")

    _report_parser(commands, NAMES)

    sc = commands.add_parser("score", help="score one unit with a scoring scheme, and rate it")
    _evaluation_arguments(sc, NAMES)
    sc.add_argument("--scheme", help="the scoring scheme (TOML)")
    sc.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="ID=N",
        help="a bonus, deduction or capping event and how often it happened (repeatable)",
    )
    sc.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    _language(sc, "tables")

    rk = commands.add_parser("rank", help="score, rank and rate the members of a cluster")
    rk.add_argument("cluster", nargs="?", help="the cluster file (TOML)")
    rk.add_argument("--plan", help="the plan file every member is evaluated with (TOML)")
    rk.add_argument("--data", help="the data of every member (CSV; org_unit names the member)")
    rk.add_argument("--period", help="the period (default: the plan's year)")
    rk.add_argument("--as-of", help="rank as of a date")
    rk.add_argument(
        "--example",
        choices=(*CLUSTERS, *CLUSTERS.values()),
        help="use a shipped cluster, its plan and its data",
    )
    rk.add_argument("--number-format", choices=("vi", "en"), help="how numbers are written")
    rk.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    rk.add_argument(
        "--errors",
        choices=("raise", "collect"),
        default="raise",
        help="stop at a member whose data are wrong (raise), or rank the others (collect)",
    )
    _language(rk, "tables")

    cal = commands.add_parser("calendar", help="list a plan's reporting deadlines")
    cal.add_argument("plan", nargs="?", help="the plan file (TOML)")
    cal.add_argument("--example", choices=NAMES, help="use a shipped plan")
    cal.add_argument("--as-of", help="show what is due or overdue as of a date")
    cal.add_argument("--format", choices=("table", "json", "ics"), default="table")
    cal.add_argument(
        "--notice-days",
        type=int,
        default=DEFAULT_NOTICE_DAYS,
        help=f"a report is due this many days before its deadline ({DEFAULT_NOTICE_DAYS})",
    )
    cal.add_argument(
        "--submitted", action="append", default=[], help="a report already handed in (repeatable)"
    )
    _language(cal, "messages")

    val = commands.add_parser(
        "validate", help="list every problem of a plan file (and of its data, for a period)"
    )
    val.add_argument("plan", help="the plan file (TOML)")
    val.add_argument("--data", help="the data file (CSV) to check against the plan")
    val.add_argument("--period", help="the period to check the data for (default: the plan's year)")
    val.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        help=f"print at most this many problems, then their count ({DEFAULT_LIMIT})",
    )
    val.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _language(val, "the problems")
    _sources_parser(commands)
    _draft_arguments(commands)
    _template_parser(commands, NAMES)
    return parser


def _sources_parser(commands: Any) -> None:
    src = commands.add_parser(
        "sources", help="list the legal sources of the defaults, and when each is in force"
    )
    src.add_argument("--on", help="only the versions in force on this date (e.g. 31/12/2024)")
    src.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    _language(src, "the listing")


def _draft_arguments(commands: Any) -> None:
    dr = commands.add_parser(
        "draft", help="draft a plan from a plan document (.docx, .txt, .md) and list what to review"
    )
    dr.add_argument("document", help="the plan document (kế hoạch): .docx, .txt or .md")
    dr.add_argument("-o", "--output", help="write the drafted plan (TOML, notes as comments)")
    dr.add_argument("--id", help="the plan's id (default: the place and year)")
    dr.add_argument("--year", type=_positive, help="the plan's year (default: read from the text)")
    _language(dr, "the review list")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        msg = f"{text!r} is not a whole number of 1 or more"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _evaluation(args: argparse.Namespace, session: _Session) -> Evaluation:
    return _evaluation_and_data(args, session)[0]


def _evaluation_and_data(args: argparse.Namespace, session: _Session) -> tuple[Evaluation, Dataset]:
    from thidua import examples  # noqa: PLC0415
    from thidua.data import load_data  # noqa: PLC0415
    from thidua.evaluation import evaluate  # noqa: PLC0415

    if args.example:
        if args.plan or args.data:
            raise _usage(
                en="give either --example or a plan with --data, not both",
                vi="hãy dùng --example hoặc một tệp kế hoạch với --data, không dùng cả hai",
                command=args.command,
            )
        plan = session.plan_loaded(examples.plan(args.example))
        data = examples.data(args.example, plan=plan)
    else:
        if not args.plan or not args.data:
            raise _usage(
                en="give a plan file and --data (or --example hoa-thuan-2024)",
                vi="hãy ghi tên tệp kế hoạch và --data (hoặc dùng --example hoa-thuan-2024)",
                command=args.command,
            )
        plan = session.load_plan(args.plan)
        data = load_data(args.data, plan=plan, number_format=args.number_format, sheet=args.sheet)
    return evaluate(plan, data, args.period, as_of=args.as_of), data


def _evaluate(args: argparse.Namespace, session: _Session) -> str:
    from thidua.formats import render  # noqa: PLC0415

    evaluation = _evaluation(args, session)
    return render(evaluation, args.format, language=session.language)


def _report(args: argparse.Namespace, session: _Session) -> str:
    from thidua import report  # noqa: PLC0415
    from thidua.plans import Signer  # noqa: PLC0415

    evaluation, data = _evaluation_and_data(args, session)
    signer = None
    if args.signer or args.signer_title or args.signer_for:
        plan_signer = evaluation.plan.signer
        title = args.signer_title or (plan_signer.title if plan_signer else None)
        name = args.signer or (plan_signer.name if plan_signer else None)
        if not title or not name:
            raise _usage(
                en="--signer needs --signer-title when the plan names no signer",
                vi="--signer cần --signer-title khi kế hoạch không ghi người ký",
                command="report",
            )
        on_behalf_of = args.signer_for or (plan_signer.on_behalf_of if plan_signer else None)
        signer = Signer(name, title, on_behalf_of=on_behalf_of)
    options: dict[str, Any] = {
        "language": session.language,
        "kind": args.kind,
        "data": data,
        "number": args.number,
        "date": args.date,
        "signer": signer,
        "recipients": args.recipient,
    }
    if args.output:
        written = report.write(evaluation, args.output, format=args.format, **options)
        return f"{written}\n"
    if args.format in ("xlsx", "docx"):
        raise _usage(
            en=f"{'an' if args.format == 'xlsx' else 'a'} {args.format} report needs "
            f"--output FILE.{args.format}",
            vi=f"báo cáo {args.format} cần --output TỆP.{args.format}",
            command="report",
        )
    return report.render(evaluation, args.format, **options)


def _events(pairs: Sequence[str]) -> dict[str, int]:
    events: dict[str, int] = {}
    for pair in pairs:
        key, sep, count = pair.partition("=")
        if not sep:
            key, count = pair, "1"
        count = count.strip()
        if not key.strip() or not count.isdigit() or not count.isascii() or len(count) > 9:
            msg = f"--event {pair!r} must be ID=N with N a whole number, 0 or more"
            raise UsageError(
                msg,
                code="cli.event",
                vi=f"--event {pair!r} phải có dạng MÃ=N, với N là số nguyên từ 0 trở lên",
                hint="e.g. --event sang-kien=1",
                hint_vi="ví dụ: --event sang-kien=1",
            )
        events[key.strip()] = events.get(key.strip(), 0) + int(count)
    return events


def _score(args: argparse.Namespace, session: _Session) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.classification import Classification, classify  # noqa: PLC0415
    from thidua.formats import render_score  # noqa: PLC0415
    from thidua.scoring import load_scheme, score  # noqa: PLC0415

    if args.example:
        if args.scheme:
            raise _usage(
                en="give either --example or --scheme, not both",
                vi="hãy dùng --example hoặc --scheme, không dùng cả hai",
                command="score",
            )
        name = next(c for c, p in examples.CLUSTERS.items() if p == args.example)
        cluster = examples.cluster(name)
        scheme, rules = cluster.scheme, cluster.classification
    else:
        if not args.scheme:
            raise _usage(
                en="give the scoring scheme with --scheme (or --example hoa-thuan-2024)",
                vi="hãy chọn thang điểm bằng --scheme (hoặc dùng --example hoa-thuan-2024)",
                command="score",
            )
        scheme, rules = load_scheme(args.scheme), Classification()
    evaluation = _evaluation(args, session)
    events = _events(args.event)
    known = {a.id for a in scheme.adjustments}
    unknown = sorted(set(events) - known - rules.events)
    if unknown:
        msg = f"events {unknown} are neither adjustments of the scheme nor capping events"
        raise UsageError(
            msg,
            code="cli.unknown_event",
            vi=f"sự kiện {', '.join(map(repr, unknown))} không phải điểm thưởng/trừ của thang"
            " điểm, cũng không phải sự kiện giới hạn xếp loại",
            hint=f"events: {sorted(known | rules.events)}",
            hint_vi=f"các sự kiện: {', '.join(sorted(known | rules.events))}",
        )
    result = score(evaluation, scheme, events={k: n for k, n in events.items() if k in known})
    classified = classify(result, rules, events=events)
    language = session.language
    title = f"{evaluation.plan.title} — {evaluation.period.label(language)} — {scheme.name}"
    return render_score(result, classified, args.format, title=title, language=language)


def _rank(args: argparse.Namespace, session: _Session) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.clusters import load_cluster, rank_cluster  # noqa: PLC0415
    from thidua.data import load_data  # noqa: PLC0415
    from thidua.formats import render_ranking  # noqa: PLC0415

    if args.example:
        if args.cluster or args.plan or args.data:
            raise _usage(
                en="give either --example or a cluster with --plan and --data, not both",
                vi="hãy dùng --example hoặc một tệp cụm thi đua với --plan và --data, không"
                " dùng cả hai",
                command="rank",
            )
        name = args.example
        if name not in examples.CLUSTERS:
            name = next(c for c, p in examples.CLUSTERS.items() if p == args.example)
        cluster = examples.cluster(name)
        plan = session.plan_loaded(examples.plan(examples.CLUSTERS[name]))
        data = examples.cluster_data(name)
    else:
        if not args.cluster or not args.plan or not args.data:
            raise _usage(
                en="give a cluster file, --plan and --data (or --example cum-phuong-cao-lanh-2024)",
                vi="hãy ghi tên tệp cụm thi đua, --plan và --data (hoặc dùng --example"
                " cum-phuong-cao-lanh-2024)",
                command="rank",
            )
        cluster = load_cluster(args.cluster)
        plan = session.load_plan(args.plan)
        data = load_data(args.data, plan=plan, number_format=args.number_format)
    ranking = rank_cluster(cluster, plan, data, args.period, as_of=args.as_of, errors=args.errors)
    return render_ranking(ranking, args.format, language=session.language)


def _calendar(args: argparse.Namespace, session: _Session) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.formats import dumps_json  # noqa: PLC0415
    from thidua.periods import parse_date  # noqa: PLC0415
    from thidua.reporting import deadlines, next_deadline, to_ics  # noqa: PLC0415

    if bool(args.example) == bool(args.plan):
        raise _usage(
            en="give a plan file or --example hoa-thuan-2024 (one of them)",
            vi="hãy ghi tên một tệp kế hoạch hoặc --example hoa-thuan-2024 (chỉ một trong hai)",
            command="calendar",
        )
    if args.example:
        plan = session.plan_loaded(examples.plan(args.example))
    else:
        plan = session.load_plan(args.plan)
    if args.format == "ics":
        return to_ics(plan)
    as_of = parse_date(args.as_of, year=plan.year) if args.as_of else None
    reports = sorted(plan.reports, key=lambda r: (r.due, r.name))
    status: dict[str, Any] = {}
    following = None
    if as_of is not None:
        found = deadlines(plan, as_of, notice_days=args.notice_days, submitted=args.submitted)
        status = {d.report.name: d for d in found}
        following = next_deadline(plan, as_of)
    if args.format == "json":
        rows = []
        for report in reports:
            row: dict[str, Any] = {
                "name": report.name,
                "period": str(report.period),
                "start": report.period.start.isoformat(),
                "end": report.period.end.isoformat(),
                "due": report.due.isoformat(),
            }
            if report.name in status:
                row["status"] = status[report.name].status.value
                row["days_left"] = status[report.name].days_left
            rows.append(row)
        doc = {
            "plan": plan.id,
            "as_of": None if as_of is None else as_of.isoformat(),
            "next": None if following is None else following.name,
            "reports": rows,
        }
        return dumps_json(doc)
    language = session.language
    heading = "hạn báo cáo" if language == "vi" else "report deadlines"
    lines = [f"{plan.title} — {heading}", ""]
    for report in reports:
        day = report.due.strftime("%d/%m/%Y") if language == "vi" else report.due.isoformat()
        line = f"{day}  {report.name} ({report.period.label(language)})"
        if report.name in status:
            d = status[report.name]
            state, days = (d.status.vi, "ngày") if language == "vi" else (d.status.value, "days")
            line += f"  {state} ({d.days_left:+d} {days})"
        lines.append(line)
    if as_of is not None:
        if language == "vi":
            lines += ["", f"Hạn tiếp theo: {following.name if following else 'không còn'}"]
        else:
            lines += ["", f"Next deadline: {following.name if following else 'none'}"]
    return "\n".join(lines) + "\n"


def _validate(args: argparse.Namespace, session: _Session) -> tuple[str, int]:
    from thidua.formats import dumps_json  # noqa: PLC0415
    from thidua.validation import validate  # noqa: PLC0415

    problems = validate(args.plan, args.data, args.period)
    if session.asked is None and not any(isinstance(p, PlanError) for p in problems):
        session.load_plan(args.plan)  # speak the plan's language
    language = session.language
    if args.format == "json":
        doc = {
            "plan": args.plan,
            "data": args.data,
            "problems": [p.as_dict() for p in problems],
            "count": len(problems),
        }
        return dumps_json(doc), _EXIT_BAD_INPUT if problems else 0
    if not problems:
        return ("Không có vấn đề nào.\n" if language == "vi" else "No problems found.\n"), 0
    lines = [_line(p, language) for p in problems[: args.limit]]
    rest = len(problems) - args.limit
    if rest > 0:
        lines.append(
            f"… và {rest} vấn đề khác" if language == "vi" else f"… and {rest} more problems"
        )
    return "\n".join(lines) + "\n", _EXIT_BAD_INPUT


def _line(problem: ThiduaError, language: str) -> str:
    """One problem on one line, ending with its code."""
    return f"{' '.join(problem.message(language).split())} [{problem.code}]"


def _sources(args: argparse.Namespace, session: _Session) -> str:
    """``thidua sources``: every legal fact of the defaults (or those in force on a day)."""
    from thidua.formats import dumps_json  # noqa: PLC0415
    from thidua.legal import default_legal  # noqa: PLC0415
    from thidua.periods import format_date, parse_date  # noqa: PLC0415

    legal = default_legal()
    day = None if args.on is None else parse_date(args.on)
    facts = [x for x in legal.facts if day is None or x.in_force(day)]
    if args.format == "json":
        doc = {
            "on": None if day is None else day.isoformat(),
            "facts": [x.as_dict() for x in facts],
            "sources": [s.as_dict() for s in legal.sources],
        }
        return dumps_json(doc)
    vi = session.language == "vi"

    def shown(when: dt.date | None) -> str:
        if when is None:
            return "nay" if vi else "open"
        return f"{when:%d/%m/%Y}" if vi else when.isoformat()

    lines = [
        "Căn cứ pháp lý của các mặc định" if vi else "Legal sources of the defaults",
        *([f"(có hiệu lực {format_date(day)})" if vi else f"(in force on {day})"] if day else []),
        "",
    ]
    for fact in facts:
        span = f"{shown(fact.valid_from)} – {shown(fact.valid_to)}"
        lines.append(f"{fact.policy}  {span}  {fact.cite(session.language)}")
        lines.append(f"    {fact.what_vi if vi else fact.what}")
    unverified = sum(not x.verified for x in facts)
    lines += [
        "",
        f"{unverified} / {len(facts)} căn cứ chưa kiểm chứng với văn bản gốc"
        if vi
        else f"{unverified} of {len(facts)} facts not verified against the text",
    ]
    return "\n".join(lines) + "\n"


def _draft(args: argparse.Namespace, session: _Session) -> str:
    from pathlib import Path  # noqa: PLC0415

    from thidua.drafting import draft_plan  # noqa: PLC0415

    language = session.language
    draft = draft_plan(args.document, id=args.id, year=args.year)
    count = sum(1 for _ in draft.plan.top_indicators())
    head = (
        f"Kế hoạch {draft.plan.id}: {count} chỉ tiêu, {len(draft.notes)} điểm cần xem lại\n"
        if language == "vi"
        else f"Plan {draft.plan.id}: {count} indicators, {len(draft.notes)} notes to review\n"
    )
    out = head + draft.review(language)
    if not args.output:
        hint = (
            "(dùng -o TỆP.toml để ghi kế hoạch)\n"
            if language == "vi"
            else "(use -o FILE.toml to write the plan)\n"
        )
        return out + hint
    try:
        Path(args.output).write_text(draft.to_toml(), encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = printable(str(getattr(exc, "strerror", None) or exc))
        msg = f"cannot write the plan file: {reason}"
        raise UsageError(
            msg,
            code="file.cannot_write",
            vi=f"không ghi được tệp kế hoạch: {reason}",
            hint="check the folder exists and may be written to",
            hint_vi="hãy kiểm tra thư mục có tồn tại và được phép ghi",
            file=printable(args.output),
        ) from None
    done = f"đã ghi {args.output}\n" if language == "vi" else f"wrote {args.output}\n"
    return out + done


def _template(args: argparse.Namespace, session: _Session) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.entry import data_template  # noqa: PLC0415

    if bool(args.example) == bool(args.plan) or not args.output:
        raise _usage(
            en="give a plan file (or --example hoa-thuan-2024) and --output FILE.xlsx",
            vi="hãy ghi tên một tệp kế hoạch (hoặc --example hoa-thuan-2024) và --output TỆP.xlsx",
            command="template",
        )
    plan = (
        session.plan_loaded(examples.plan(args.example))
        if args.example
        else session.load_plan(args.plan)
    )
    return f"{data_template(plan, args.period, args.output)}\n"


_COMMANDS = {
    "draft": _draft,
    "calendar": _calendar,
    "template": _template,
    "report": _report,
    "evaluate": _evaluate,
    "score": _score,
    "rank": _rank,
    "sources": _sources,
}


def _execute(argv: Sequence[str] | None, session: _Session | None = None) -> tuple[str, int]:
    if argv is not None and (
        not isinstance(argv, list | tuple) or not all(isinstance(word, str) for word in argv)
    ):
        odd = (
            argv
            if not isinstance(argv, list | tuple)
            else next(w for w in argv if not isinstance(w, str))
        )
        given = printable(type(odd).__name__)
        msg = f"argv= must be a list of words (str), not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số argv= phải là một danh sách các từ (str), không phải {given}",
        )
    args = _parser().parse_args(argv)
    session = session or _Session(args.language)
    session.asked = args.language
    session.language = args.language or session.language
    if args.command == "validate":
        return _validate(args, session)
    return _COMMANDS[args.command](args, session), 0


def run(argv: Sequence[str]) -> str:
    """Run a command line and return what it would print; raise instead of printing errors.

    For programs that drive thidua as the command line does (and for tests).

    Raises:
        ThiduaError: The command could not do its job (the first problem).
        SystemExit: The words are not a command line (argparse's usage message).

    .. versionadded:: 0.2.0
    """
    output, _ = _execute(argv)
    return output


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    .. versionadded:: 0.1.0
    """
    session = _Session(None)
    try:
        output, status = _execute(argv, session)
    except ThiduaError as exc:
        problems = session.problems or [exc]
        language = session.language
        for problem in problems[:DEFAULT_LIMIT]:
            print(f"thidua: {_line(problem, language)}", file=sys.stderr)
        if len(problems) > DEFAULT_LIMIT:
            rest = len(problems) - DEFAULT_LIMIT
            more = f"… và {rest} vấn đề khác" if language == "vi" else f"… and {rest} more problems"
            print(f"thidua: {more}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    try:
        sys.stdout.write(printable(output, keep="\t\n\r"))
        sys.stdout.flush()
    except UnicodeEncodeError:
        sys.stdout.buffer.write(printable(output, keep="\t\n\r").encode("utf-8"))
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
