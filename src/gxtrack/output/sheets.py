"""Fill-in sheets for a month (template) and reading them back (import).

A template lists every indicator for one month with its goal, last value and expected
to date, and empty value and note columns, to send to the departments that report.
Import reads it back: `sheet_files.py` reads the file (CSV text in `csv_read.py`), and
`sheet_import.py` finds the header and the rows.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from gxtrack.i18n import local_name, t
from gxtrack.model.months import month_label
from gxtrack.model.plan import Plan, goal_for
from gxtrack.model.progress import expected_to_date
from gxtrack.model.records import Ledger
from gxtrack.output.csv import csv_bytes, csv_text, rounded_rows
from gxtrack.output.workbook import add_sheet

TEMPLATE_KEYS = (
    "month",
    "code",
    "name",
    "unit",
    "goal",
    "last_value",
    "last_month",
    "expected",
    "value",
    "note",
)
# Columns import understands; the rest of a template is there for the person filling it.
IMPORT_KEYS = ("month", "reporting_unit", "code", "value", "note")


def template_keys(plan: Plan) -> tuple[str, ...]:
    """A plan with reporting units gets a unit column after the month."""
    return ("month", "reporting_unit", *TEMPLATE_KEYS[1:]) if plan.units else TEMPLATE_KEYS


def template_rows(
    plan: Plan, ledger: Ledger, month: int, area: str | None = None, unit: str | None = None
) -> list[dict[str, Any]]:
    """One row per indicator: what the person filling it needs to see, and blanks.

    For a unit: its own goal and last value, and only the indicators split among units.
    """
    if unit is not None:
        unit = plan.unit(unit).code
    rows = []
    for indicator in plan.indicators:
        if (area is not None and indicator.area != area) or (unit and not indicator.by_unit):
            continue
        if month not in indicator.frequency.months:  # not published this month (GDP in May)
            continue
        values = ledger.monthly_values(indicator.code, unit)
        earlier = [m for m in values if m < month]
        last = max(earlier) if earlier else None
        split = goal_for(plan, indicator, unit)
        goal = None if split is None else split.goal
        expected = None if split is None else expected_to_date(split, month)
        rows.append(
            {
                "month": month_label(plan.year, month),
                "reporting_unit": unit or "",
                "code": indicator.code,
                "name": local_name(indicator),
                "unit": indicator.unit,
                "goal": goal,
                "last_value": values[last] if last is not None else None,
                "last_month": month_label(plan.year, last) if last is not None else None,
                "expected": expected,
                "value": None,
                "note": None,
            }
        )
    return rows


def template_bytes(path: Path, keys: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    """The template as .xlsx or as Excel-friendly .csv, by the file's extension."""
    headers = [t(f"field.{key}") for key in keys]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import PatternFill
        from openpyxl.utils import get_column_letter

        book = Workbook()
        book.remove(book.worksheets[0])
        sheet = add_sheet(book, t("sheet.template"), keys, rows, headers)
        fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in
        for key in ("value", "note"):
            for cell in sheet[get_column_letter(keys.index(key) + 1)][1:]:
                cell.fill = fill
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    text = csv_text(rounded_rows(rows), keys, headers)  # for people: numbers as rounded
    return csv_bytes(text)
