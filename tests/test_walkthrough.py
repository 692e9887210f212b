"""The walkthrough "Từ văn bản đến báo cáo" runs as written: every command, in order."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from thidua.examples import dien_so_lieu

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "tu-van-ban-den-bao-cao.md"


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)


def _argv(command: str) -> list[str]:
    """A command of the page as this interpreter runs it (``thidua`` is its CLI module)."""
    words = shlex.split(command)
    if words[0] == "thidua":
        return [sys.executable, "-m", "thidua.cli", *words[1:]]
    assert words[0] == "python", command
    return [sys.executable, *words[1:]]


def test_every_step_is_one_command() -> None:
    """The page's steps: get the document, draft, validate, template, fill, evaluate, report."""
    first = [shlex.split(c)[:2] for c in _commands()]
    assert first == [
        ["python", "-c"],
        ["thidua", "draft"],
        ["thidua", "validate"],
        ["thidua", "template"],
        ["python", "-m"],
        ["thidua", "evaluate"],
        ["thidua", "report"],
    ]


def test_the_walkthrough_runs_from_the_document_to_the_report(tmp_path: Path) -> None:
    """Each command succeeds in an empty folder; the report is a Word document with results."""
    for command in _commands():
        done = subprocess.run(
            _argv(command), cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    report = docx.Document(str(tmp_path / "bao-cao-tong-ket-2024.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in text
    assert "Tổng kết năm 2024" in text
    assert "chỉ tiêu đạt" in text


def test_the_fill_command_types_figures_as_a_clerk(tmp_path: Path) -> None:
    """Rates as parts of 1, yes/no as đạt, counts as whole numbers; the filled cells counted."""
    assert dien_so_lieu.cell_value(True) == "đạt"
    assert dien_so_lieu.cell_value(False) == "không đạt"
    from thidua.units import Quantity

    assert dien_so_lieu.cell_value(Quantity("95.4", "percent")) == pytest.approx(0.954)
    assert dien_so_lieu.cell_value(Quantity(42, "household")) == 42
    book = tmp_path / "mau.xlsx"
    from thidua import data_template, examples

    data_template(examples.hoa_thuan_2024(), "2024", book)
    assert dien_so_lieu.main([str(book)]) == 0
    assert dien_so_lieu.fill(book) > 20
