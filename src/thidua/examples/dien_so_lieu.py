"""Fill a data-entry workbook with the Hòa Thuận example's figures, as a clerk would type them.

The walkthrough "Từ văn bản đến báo cáo" runs it in place of typing the figures::

    python -m thidua.examples.dien_so_lieu nhap-so-lieu.xlsx

Each white input cell of the workbook's "Số liệu" sheet whose indicator and khóm
have a figure in the example data (``hoa_thuan_2024_data``) for the year (the
actual figure), the year before (the comparison figure) or the year's assigned
target is filled; a rate given as numerator / denominator fills those two cells.
Percentages are typed as Excel stores a percent cell (0.95 for 95 %), yes/no as
``đạt`` / ``không đạt``.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from thidua._extras import require
from thidua.data import Observation
from thidua.examples import hoa_thuan_2024_data
from thidua.periods import Period
from thidua.units import Quantity, Ratio

__all__ = ["cell_value", "fill", "main"]


def cell_value(value: Quantity | bool) -> int | float | str:
    """A figure as a clerk types it into a cell: a number (a rate as a part of 1) or đạt."""
    if isinstance(value, bool):
        return "đạt" if value else "không đạt"
    magnitude = Fraction(value.magnitude)
    if value.unit == "percent":
        magnitude /= 100
    return int(magnitude) if magnitude.denominator == 1 else float(magnitude)


def fill(path: str | Path, year: int = 2024) -> int:
    """Fill the workbook at ``path`` in place; return how many cells were filled."""
    from thidua.spreadsheets import TEMPLATE_AT, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET  # noqa: PLC0415

    openpyxl = require("openpyxl", extra="excel")
    years = (Period(year), Period(year - 1))
    figures: dict[tuple[str, str | None, Period, str], Observation] = {
        (o.indicator, o.org_unit, o.period, o.kind.value): o
        for o in hoa_thuan_2024_data()
        if o.period in years  # the years' figures, not the months' or the quarters'
    }
    book = openpyxl.load_workbook(path)
    sheet = book[TEMPLATE_SHEET]
    filled = 0
    for row in range(TEMPLATE_HEADER_ROW + 1, sheet.max_row + 1):
        indicator = sheet.cell(row, TEMPLATE_AT["indicator"]).value
        org_unit = sheet.cell(row, TEMPLATE_AT["org_unit"]).value
        for field, when, kind in (
            ("value", years[0], "actual"),
            ("previous", years[1], "actual"),
            ("assigned", years[0], "assigned"),
        ):
            obs = figures.get((indicator, org_unit, when, kind))
            if obs is None:
                continue
            numerator: Fraction | None
            denominator: Fraction | None
            if isinstance(obs.value, Ratio):  # a rate: its parts
                numerator, denominator = obs.value.numerator, obs.value.denominator
            else:
                numerator, denominator = obs.numerator, obs.denominator
            if obs.value is not None and not isinstance(obs.value, Ratio):
                target = sheet.cell(row, TEMPLATE_AT[field])
                if not target.protection.locked:
                    target.value = cell_value(obs.value)
                    filled += 1
            elif field == "value" and numerator is not None and denominator is not None:
                sheet.cell(row, TEMPLATE_AT["numerator"]).value = int(numerator)
                sheet.cell(row, TEMPLATE_AT["denominator"]).value = int(denominator)
                filled += 2
    book.save(path)
    return filled


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m thidua.examples.dien_so_lieu WORKBOOK``: fill it, say how many cells."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = args[0] if args else "nhap-so-lieu.xlsx"
    count = fill(path)
    sys.stdout.write(f"đã điền {count} ô vào {path}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - run as a module
    raise SystemExit(main())
