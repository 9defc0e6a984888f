"""Excel workbooks (openpyxl): reports for people, and reading spreadsheets back.

A report sheet has headers in the interface language, a frozen header row, numbers as
numbers with a format (thousands, percent), columns wide enough for Chinese text, and
status cells coloured (with the status word, so it also reads in black and white).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from gxtrack.i18n import MESSAGES, t
from gxtrack.i18n.text import display_width
from gxtrack.model.numbers import plain_text, to_plain
from gxtrack.output.formulas import neutralise
from gxtrack.output.view import Report

PERCENT_FORMAT = '0.0"%"'  # values are percentages already (55 means 55%)
NUMBER_FORMAT = "#,##0.##"
STATUS_FILLS = {  # light fills that keep black text readable
    "achieved": "C6EFCE",
    "on_track": "E2EFDA",
    "at_risk": "FFEB9C",
    "behind": "FFC7CE",
    "no_data": "EDEDED",
}
MAX_WIDTH = 60


def field_label(key: str) -> str:
    """A row key as a person reads it, in the interface's language."""
    message = f"field.{key}"
    return t(message) if message in MESSAGES else key


def excel_value(value: Any) -> Any:
    """A cell's value: a number as a number (a double, as Excel holds it), text never a
    formula."""
    if isinstance(value, Decimal):
        plain = to_plain(value)
        return plain if isinstance(plain, int) else float(plain)
    if isinstance(value, list):
        return ", ".join(plain_text(v) if isinstance(v, Decimal) else str(v) for v in value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def add_sheet(
    book: Any,
    title: str,
    keys: Sequence[str],
    rows: Sequence[Mapping[str, object]],
    headers: Sequence[str] | None = None,
) -> Any:
    """A sheet of rows with a styled, frozen header; returns the sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title=title[:31])
    labels = list(headers) if headers is not None else [field_label(k) for k in keys]
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([excel_value(row.get(key)) for key in keys])
    widths = [display_width(label) for label in labels]
    for column_index, key in enumerate(keys, start=1):
        letter = get_column_letter(column_index)
        percent = key.endswith("_pct")
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = PERCENT_FORMAT if percent else NUMBER_FORMAT
            if key == "status" and cell.value in STATUS_FILLS:
                status = str(cell.value)
                cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[status])
                cell.value = t(f"status.{status}")
            text = "" if cell.value is None else str(cell.value)
            widths[column_index - 1] = max(widths[column_index - 1], display_width(text))
        sheet.column_dimensions[letter].width = min(widths[column_index - 1] + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(reports: Sequence[Report]) -> bytes:
    """A workbook with one sheet per report, its columns the reports' row keys."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for report in reports:
        keys = list(dict.fromkeys(key for row in report.rows for key in row)) or [
            column.key for column in report.columns
        ]
        add_sheet(book, t(f"sheet.{report.name}"), keys, report.rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
