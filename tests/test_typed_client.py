"""The public API is typed for a checker: ``mypy --strict`` on a small client.

``examples/typed-client/client.py`` uses the public API as an application would
and must type-check cleanly; ``wrong.py`` beside it holds calls a checker must
refuse, each marked ``# error: <code>`` on its line, and mypy must report exactly
those. mypy is in the test extra: this test never skips.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import mypy.api
import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "examples" / "typed-client"
_ERROR = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)  \[(?P<code>[a-z-]+)\]$"
)


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    """What mypy reports on the client and the wrong calls (one run for both: it takes seconds)."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    old = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = str(ROOT / "src")  # the sources under test, not an installed copy
    try:
        stdout, stderr, status = mypy.api.run(
            [
                "--strict",
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--cache-dir",
                str(cache),
                "--no-error-summary",
                "--show-error-codes",
                "--hide-error-context",
                "--no-pretty",
                str(CLIENT / "client.py"),
                str(CLIENT / "wrong.py"),
            ]
        )
    finally:
        if old is None:
            del os.environ["MYPYPATH"]
        else:
            os.environ["MYPYPATH"] = old
    assert not stderr, stderr
    return stdout, status


def _errors(stdout: str) -> dict[tuple[str, int], str]:
    found = {}
    for line in stdout.splitlines():
        if ": note: " in line:  # more about the error before it
            continue
        match = _ERROR.match(line)
        assert match is not None, f"not an error line of mypy: {line}"
        found[(Path(match["file"]).name, int(match["line"]))] = match["code"]
    return found


def test_the_client_type_checks_strictly(reported: tuple[str, int]) -> None:
    """No error in client.py: the public API takes what an application gives it."""
    stdout, _ = reported
    assert not [line for line in stdout.splitlines() if "client.py" in line], stdout


def test_the_wrong_calls_are_refused(reported: tuple[str, int]) -> None:
    """Every marked call of wrong.py is an error, with its code; nothing else is."""
    stdout, status = reported
    expected = {
        ("wrong.py", number): mark
        for number, line in enumerate((CLIENT / "wrong.py").read_text("utf-8").splitlines(), 1)
        for mark in re.findall(r"# error: ([a-z-]+)$", line)
    }
    assert len(expected) >= 6
    assert _errors(stdout) == expected
    assert status == 1


def test_a_report_in_a_binary_format_is_not_text(reported: tuple[str, int]) -> None:
    """``render(ev, "xlsx")`` is a type error: the workbook is bytes, from to_xlsx."""
    stdout, _ = reported
    (line,) = [line for line in stdout.splitlines() if "xlsx" in line]
    assert "render" in line
    assert "Literal['markdown', 'html']" in line


def test_the_client_runs() -> None:
    """The client is a working program, not only a typed one."""
    done = subprocess.run(
        [sys.executable, str(CLIENT / "client.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "achieved"
    assert "not_achieved" in lines[1]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[2]
