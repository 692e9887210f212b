"""The ``thidua`` command line.

::

    thidua evaluate PLAN --data DATA [--period P] [--as-of DATE]
                    [--format table|json|markdown|html]
    thidua evaluate --example hoa-thuan-2024
    thidua calendar PLAN [--as-of DATE] [--format table|json|ics]
    thidua calendar --example hoa-thuan-2024
    thidua report PLAN --data DATA [--period P] [--as-of DATE]
                  [--format markdown|html|xlsx] [--output FILE]
    thidua report --example hoa-thuan-2024
    thidua score PLAN --data DATA --scheme SCHEME [--period P] [--as-of DATE]
                 [--event ID=N ...] [--format table|json]
    thidua score --example hoa-thuan-2024
    thidua rank CLUSTER --plan PLAN --data DATA [--period P] [--as-of DATE]
                [--format table|json]
    thidua rank --example cum-phuong-cao-lanh-2024

Exit status 0 when it did its job (whatever the statuses), 2 for bad input, with
a one-line message on stderr that names the file and line.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thidua._version import __version__
from thidua.errors import ThiduaError

if TYPE_CHECKING:
    from thidua.evaluation import Evaluation

__all__ = ["main"]

_EXIT_BAD_INPUT = 2


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
        print(f"thidua: error: {message}", file=sys.stderr)
        raise SystemExit(_EXIT_BAD_INPUT)


def _evaluation_arguments(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    parser.add_argument("plan", nargs="?", help="the plan file (TOML)")
    parser.add_argument("--data", help="the data file (CSV)")
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
    ev.add_argument("--language", choices=("vi", "en"), default="vi", help="language of tables")

    rep = commands.add_parser("report", help="the report an office hands in (md, html, xlsx)")
    _evaluation_arguments(rep, NAMES)
    rep.add_argument(
        "--format", choices=("markdown", "html", "xlsx"), default="markdown", help="report format"
    )
    rep.add_argument("--output", help="write to this file (needed for xlsx)")
    rep.add_argument("--language", choices=("vi", "en"), default="vi", help="report language")

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
    sc.add_argument("--language", choices=("vi", "en"), default="vi", help="language of tables")

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
    rk.add_argument("--language", choices=("vi", "en"), default="vi", help="language of tables")

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
    return parser


def _evaluation(args: argparse.Namespace) -> Evaluation:
    from thidua import examples  # noqa: PLC0415
    from thidua.data import load_data  # noqa: PLC0415
    from thidua.evaluation import evaluate  # noqa: PLC0415
    from thidua.plans import load_plan  # noqa: PLC0415

    if args.example:
        if args.plan or args.data:
            msg = "give either --example or a plan with --data, not both"
            raise ThiduaError(msg)
        plan = examples.plan(args.example)
        data = examples.data(args.example, plan=plan)
    else:
        if not args.plan or not args.data:
            msg = "give a plan file and --data (or --example hoa-thuan-2024)"
            raise ThiduaError(msg, hint="see 'thidua evaluate --help'")
        plan = load_plan(args.plan)
        data = load_data(
            args.data,
            number_format=args.number_format or plan.number_format,
            units=plan.unit_registry(),
        )
    return evaluate(plan, data, args.period, as_of=args.as_of)


def _evaluate(args: argparse.Namespace) -> str:
    from thidua.formats import render  # noqa: PLC0415

    return render(_evaluation(args), args.format, language=args.language)


def _report(args: argparse.Namespace) -> str:
    from thidua import report  # noqa: PLC0415

    evaluation = _evaluation(args)
    if args.output:
        written = report.write(evaluation, args.output, format=args.format, language=args.language)
        return f"{written}\n"
    if args.format == "xlsx":
        msg = "an xlsx report needs --output FILE.xlsx"
        raise ThiduaError(msg)
    return report.render(evaluation, args.format, language=args.language)


def _events(pairs: Sequence[str]) -> dict[str, int]:
    events: dict[str, int] = {}
    for pair in pairs:
        key, sep, count = pair.partition("=")
        if not sep:
            key, count = pair, "1"
        if not key.strip() or not count.strip().isdigit():
            msg = f"--event {pair!r} must be ID=N with N a whole number, 0 or more"
            raise ThiduaError(msg, hint="e.g. --event sang-kien=1")
        events[key.strip()] = events.get(key.strip(), 0) + int(count)
    return events


def _score(args: argparse.Namespace) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.classification import Classification, classify  # noqa: PLC0415
    from thidua.formats import render_score  # noqa: PLC0415
    from thidua.scoring import load_scheme, score  # noqa: PLC0415

    if args.example:
        if args.scheme:
            msg = "give either --example or --scheme, not both"
            raise ThiduaError(msg)
        name = next(c for c, p in examples.CLUSTERS.items() if p == args.example)
        cluster = examples.cluster(name)
        scheme, rules = cluster.scheme, cluster.classification
    else:
        if not args.scheme:
            msg = "give the scoring scheme with --scheme (or --example hoa-thuan-2024)"
            raise ThiduaError(msg, hint="see 'thidua score --help'")
        scheme, rules = load_scheme(args.scheme), Classification()
    evaluation = _evaluation(args)
    events = _events(args.event)
    known = {a.id for a in scheme.adjustments}
    unknown = sorted(set(events) - known - rules.events)
    if unknown:
        msg = f"events {unknown} are neither adjustments of the scheme nor capping events"
        raise ThiduaError(msg, hint=f"events: {sorted(known | rules.events)}")
    result = score(evaluation, scheme, events={k: n for k, n in events.items() if k in known})
    classified = classify(result, rules, events=events)
    title = f"{evaluation.plan.title} — {evaluation.period.label(args.language)} — {scheme.name}"
    return render_score(result, classified, args.format, title=title, language=args.language)


def _rank(args: argparse.Namespace) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.clusters import load_cluster, rank_cluster  # noqa: PLC0415
    from thidua.data import load_data  # noqa: PLC0415
    from thidua.formats import render_ranking  # noqa: PLC0415
    from thidua.plans import load_plan  # noqa: PLC0415

    if args.example:
        if args.cluster or args.plan or args.data:
            msg = "give either --example or a cluster with --plan and --data, not both"
            raise ThiduaError(msg)
        name = args.example
        if name not in examples.CLUSTERS:
            name = next(c for c, p in examples.CLUSTERS.items() if p == args.example)
        cluster = examples.cluster(name)
        plan = examples.plan(examples.CLUSTERS[name])
        data = examples.cluster_data(name)
    else:
        if not args.cluster or not args.plan or not args.data:
            msg = "give a cluster file, --plan and --data (or --example cum-phuong-cao-lanh-2024)"
            raise ThiduaError(msg, hint="see 'thidua rank --help'")
        cluster = load_cluster(args.cluster)
        plan = load_plan(args.plan)
        data = load_data(
            args.data,
            number_format=args.number_format or plan.number_format,
            units=plan.unit_registry(),
        )
    ranking = rank_cluster(cluster, plan, data, args.period, as_of=args.as_of)
    return render_ranking(ranking, args.format, language=args.language)


def _calendar(args: argparse.Namespace) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.periods import parse_date  # noqa: PLC0415
    from thidua.plans import load_plan  # noqa: PLC0415
    from thidua.reporting import deadlines, next_deadline, to_ics  # noqa: PLC0415

    if bool(args.example) == bool(args.plan):
        msg = "give a plan file or --example hoa-thuan-2024 (one of them)"
        raise ThiduaError(msg, hint="see 'thidua calendar --help'")
    plan = examples.plan(args.example) if args.example else load_plan(args.plan)
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
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{plan.title} — hạn báo cáo", ""]
    for report in reports:
        line = f"{report.due.strftime('%d/%m/%Y')}  {report.name} ({report.period.label('vi')})"
        if report.name in status:
            d = status[report.name]
            line += f"  {d.status.vi} ({d.days_left:+d} ngày)"
        lines.append(line)
    if as_of is not None:
        lines += ["", f"Hạn tiếp theo: {following.name if following else 'không còn'}"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    .. versionadded:: 0.1.0
    """
    args = _parser().parse_args(argv)
    try:
        commands = {
            "calendar": _calendar,
            "report": _report,
            "evaluate": _evaluate,
            "score": _score,
            "rank": _rank,
        }
        output = commands[args.command](args)
    except ThiduaError as exc:
        print(f"thidua: {' '.join(str(exc).split())}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except UnicodeEncodeError:
        sys.stdout.buffer.write(output.encode("utf-8"))
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
