"""The ``thidua`` command line.

::

    thidua evaluate PLAN --data DATA --period P [--format table|json|markdown|html]
    thidua evaluate --example hoa-thuan-2024

Exit status 0 when it evaluated (whatever the statuses), 2 for bad input, with a
one-line message on stderr that names the file and line.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from thidua._version import __version__
from thidua.errors import ThiduaError

__all__ = ["main"]

_EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"thidua: error: {message}", file=sys.stderr)
        raise SystemExit(_EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    from thidua.examples import NAMES  # noqa: PLC0415
    from thidua.formats import FORMATS  # noqa: PLC0415

    parser = _Parser(
        prog="thidua", description="Vietnamese emulation plans (kế hoạch thi đua), exactly."
    )
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ev = commands.add_parser("evaluate", help="evaluate a plan's indicators on data for a period")
    ev.add_argument("plan", nargs="?", help="the plan file (TOML)")
    ev.add_argument("--data", help="the data file (CSV)")
    ev.add_argument("--period", help="the period, e.g. 2024, 2024-H1 (default: the plan's year)")
    ev.add_argument("--example", choices=NAMES, help="use a shipped plan and its data")
    ev.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    ev.add_argument(
        "--language", choices=("vi", "en"), default="vi", help="language of tables (default: vi)"
    )
    ev.add_argument(
        "--number-format",
        choices=("vi", "en"),
        help="how numbers in the data are written (default: the plan's)",
    )
    return parser


def _evaluate(args: argparse.Namespace) -> str:
    from thidua import examples  # noqa: PLC0415
    from thidua.data import load_data  # noqa: PLC0415
    from thidua.evaluation import evaluate  # noqa: PLC0415
    from thidua.formats import render  # noqa: PLC0415
    from thidua.plans import load_plan  # noqa: PLC0415

    if args.example:
        if args.plan or args.data:
            msg = "give either --example or a plan with --data, not both"
            raise ThiduaError(msg)
        plan = examples.plan(args.example)
        data = examples.data(args.example)
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
    evaluation = evaluate(plan, data, args.period)
    return render(evaluation, args.format, language=args.language)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    .. versionadded:: 0.1.0
    """
    args = _parser().parse_args(argv)
    try:
        output = _evaluate(args)
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
