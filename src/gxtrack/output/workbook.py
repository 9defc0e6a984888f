"""Excel workbooks (openpyxl): reports for people.

A report sheet has headers and words in the interface language (是/否, 已更正), a frozen
header row repeated on every printed page, numbers as numbers with a format (thousands,
percent), 录入时间 as a date-time, columns as wide as the text they show (Chinese counted
double), wrapped multi-line notes in taller rows, text stored as text, status cells
coloured (with the status word, so it also reads in black and white), and A4 landscape
fitted to the page width.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from gxtrack.i18n import current_language, t
from gxtrack.i18n.text import display_width
from gxtrack.model.numbers import plain_text, to_plain
from gxtrack.output.cells import status_word
from gxtrack.output.goals import for_a_sheet
from gxtrack.output.view import Report
from gxtrack.output.words import DATETIME_KEYS, field_label, recorded_time, word

PERCENT_FORMAT = '0.0"%"'  # values are percentages already (55 means 55%)
WHOLE_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.##"  # only for a number with decimals: "#,##0.##" shows 12 as "12."
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
STATUS_FILLS = {  # light fills that keep black text readable
    "achieved": "C6EFCE",
    "on_track": "E2EFDA",
    "at_risk": "FFEB9C",
    "behind": "FFC7CE",
    "missed": "FF9DA7",  # deeper than behind: the year is over
    "no_data": "EDEDED",
}
EXACT_FORMAT = "#,##0.##########"  # a record's value as recorded (not for a whole number)
EXACT_KEYS = frozenset({"value"})  # records: a book takes them back as they are
MAX_WIDTH = 60
# The printed status sheet: its columns together at most PRINTED_WIDTH characters, so
# that fitted to A4 landscape (margins below) it prints at 9.5 pt or more, not at the
# 3–4 pt of a sheet of every column; the names wrap to fit.
PRINTED_WIDTH = 124
NAME_WIDTH = 34
MIN_NAME_WIDTH = 16
MIN_TEXT_WIDTH = 12
SIDE_MARGIN_INCHES = 0.5
LINE_HEIGHT = 15  # points, one line of 11-point text

# The status sheet as leadership reads it, printed on A4 landscape at a readable size:
# the figures and the judgement. What it was judged by (比较方式, 容差, 类型, frequencies,
# stretch goals, the English name) is on a sheet of its own, by code.
PRINTED_STATUS_KEYS = (
    "code",
    "name",
    "unit",
    "goal",
    "actual",
    "latest_month",
    "expected",
    "goal_pct",
    "schedule_pct",
    "status",
    "change_vs_previous",
)


def excel_value(value: Any) -> Any:
    """A cell's value: a number as a number (a double, as Excel holds it), a list as
    text. Text is stored as text (see `_as_text`): never a formula, and no apostrophe."""
    if isinstance(value, Decimal):
        plain = to_plain(value)
        return plain if isinstance(plain, int) else float(plain)
    if isinstance(value, list):
        return ", ".join(plain_text(v) if isinstance(v, Decimal) else str(v) for v in value)
    return value


def shown(value: Any, number_format: str) -> str:
    """The text a spreadsheet shows for a value in a format (for column widths)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if number_format == PERCENT_FORMAT:
        return f"{value:,.1f}%"
    if number_format == WHOLE_FORMAT:
        return f"{value:,.0f}"
    if number_format == EXACT_FORMAT:
        return f"{value:,.10f}".rstrip("0").rstrip(".")
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _number_format(value: Any, key: str) -> str | None:
    """The format that shows a cell as the table rounds it (a percentage to one decimal,
    other numbers to two); the cell keeps the exact value. A record's value is shown
    whole (`EXACT_KEYS`)."""
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if key.endswith("_pct"):
        return PERCENT_FORMAT
    if float(value).is_integer():
        return WHOLE_FORMAT
    return EXACT_FORMAT if key in EXACT_KEYS else NUMBER_FORMAT


def _as_text(cell: Any) -> None:
    """Keep a text cell text: openpyxl takes a string starting with = for a formula.
    Stored as a string, Excel, WPS and LibreOffice show it as typed and never run it."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def add_sheet(
    book: Any,
    title: str,
    keys: Sequence[str],
    rows: Sequence[Mapping[str, object]],
    headers: Sequence[str] | None = None,
    *,
    widest: int = MAX_WIDTH,
    two_line_headers: bool = False,
) -> Any:
    """A sheet of rows for people: a styled, frozen header, words in the interface
    language, columns as wide as what they show (text wider than `widest` wraps; with
    `two_line_headers` a header of several words takes two lines), and a print setup;
    returns the sheet."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(title=title[:31])
    labels = list(headers) if headers is not None else [field_label(k) for k in keys]
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell_value(key, row.get(key)) for key in keys])
    for index, key in enumerate(keys):
        _style_column(sheet, index + 1, key, rows, widest, two_line_headers)
    _fit_rows(sheet)
    _print_setup(sheet)
    return sheet


def _cell_value(key: str, value: Any) -> Any:
    if key in DATETIME_KEYS:
        return recorded_time(value)
    if key == "status":
        return value  # worded in _style_column, after it chose the fill
    return excel_value(word(key, value))


def _style_column(
    sheet: Any,
    column: int,
    key: str,
    rows: Sequence[Mapping[str, object]],
    widest: int,
    two_line_header: bool = False,
) -> None:
    """Formats, fills and alignment of one column, and its width from what it shows."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    cells = sheet[letter][1:]
    header = sheet.cell(row=1, column=column)
    heading = two_lines(str(header.value)) if two_line_header else str(header.value)
    widths = [display_width(line) for line in heading.split("\n")]
    numeric = wrap = False
    for cell, row in zip(cells, rows, strict=False):
        value = row.get(key)
        number_format = _number_format(cell.value, key)
        if number_format is not None:
            cell.number_format = number_format
            numeric = True  # numbers and date-times: right-aligned, as a spreadsheet does
        if key == "status" and value in STATUS_FILLS:
            cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[str(value)])
            cell.value = status_word(str(value), row)  # 基本完成 within tolerance
        _as_text(cell)
        text = shown(cell.value, number_format or "")
        wrap = wrap or "\n" in text
        widths.extend(display_width(line) for line in text.split("\n"))
    # Numbers sit right with a character's indent, so a number never touches the text
    # of the column after it ("8.3 2024-06", not "8.32024-06").
    width = min(max(widths) + 2 + numeric, widest)
    sheet.column_dimensions[letter].width = width
    wrap = wrap or width == widest  # wider text wraps instead of being cut off
    horizontal, indent = ("right", 1) if numeric else ("left", 0)
    # Every cell at the top of its row: a row made taller by a wrapped note reads across.
    for cell in cells:
        cell.alignment = Alignment(
            horizontal=horizontal if numeric else None,
            indent=indent,
            vertical="top",
            wrap_text=wrap and isinstance(cell.value, str),
        )
    # The header sits over its column as its cells do; a long header wraps.
    header.alignment = Alignment(
        horizontal=horizontal, indent=indent, vertical="center", wrap_text=True
    )


def _fit_rows(sheet: Any, padding: int = 2) -> None:
    """Rows as tall as their most-lined cell (a spreadsheet does not grow them itself
    for a file it did not lay out); a line holds the column's width less `padding`
    characters (Chinese counted double; text without Chinese: less 2), and a row of one
    line gets the default height."""
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = sheet.column_dimensions[cell.column_letter].width or 10
                wide = display_width(cell.value) > len(cell.value)  # Chinese in it
                lines = max(
                    lines, _wrapped_lines(cell.value, int(width) - (padding if wide else 2))
                )
        sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT if lines > 1 else None


def _wrapped_lines(text: str, width: int) -> int:
    return sum(max(1, -(-display_width(line) // max(width, 1))) for line in text.split("\n"))


def _print_setup(sheet: Any) -> None:
    """A4 landscape, the header row on every page, the width fitted to one page."""
    sheet.freeze_panes = "A2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _status_sheets(book: Any, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    """The status as printed (`PRINTED_STATUS_KEYS`, names in the interface language),
    and the technical columns by code on a sheet of their own (moved last by
    `workbook_bytes`)."""
    printed = [key for key in PRINTED_STATUS_KEYS if key in keys]
    named = [{**row, "name": _local(row)} for row in rows]
    sheet = add_sheet(
        book, t("sheet.status"), printed, named, widest=NAME_WIDTH, two_line_headers=True
    )
    if any(" " in str(cell.value) for cell in sheet[1]):
        sheet.row_dimensions[1].height = 2 * LINE_HEIGHT
    _squeeze(sheet, printed.index("name") + 1 if "name" in printed else None)
    technical = ["code", *(key for key in keys if key not in PRINTED_STATUS_KEYS)]
    details = add_sheet(book, t("sheet.status_details"), technical, rows)
    details.sheet_properties.tabColor = "BFBFBF"  # grey: for who checks the judgement


def two_lines(label: str) -> str:
    """A heading of several words on two lines, broken at the space nearest its middle
    ("% of\nschedule"), so that its column is as wide as its figures; a Chinese heading
    (no spaces) stays whole."""
    middle = len(label) / 2
    spaces = [index for index, char in enumerate(label) if char == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda index: abs(index - middle))
    return f"{label[:cut]}\n{label[cut + 1 :]}"


def _squeeze(sheet: Any, name_column: int | None) -> None:
    """Narrow the sheet to PRINTED_WIDTH: first the names' column (to MIN_NAME_WIDTH),
    then the widest other columns of words (a worded goal, a status, to
    MIN_TEXT_WIDTH), wrapping what they hold; print it with narrow side margins."""
    from openpyxl.utils import get_column_letter

    sheet.page_margins.left = sheet.page_margins.right = SIDE_MARGIN_INCHES
    dimensions = sheet.column_dimensions
    names = get_column_letter(name_column) if name_column is not None else None
    words = [
        letter
        for letter in dimensions
        if letter not in ("A", names) and _holds_words(sheet[letter][1:])
    ]
    steps = [(names, MIN_NAME_WIDTH)] if names else []
    steps += [
        (letter, MIN_TEXT_WIDTH) for letter in sorted(words, key=lambda c: -dimensions[c].width)
    ]
    for letter, narrowest in steps:
        excess = sum(dimension.width for dimension in dimensions.values()) - PRINTED_WIDTH
        if excess <= 0:
            break
        width = dimensions[letter].width
        dimensions[letter].width = max(min(narrowest, width), width - excess)
        _wrap(sheet[letter][1:])
    # Spreadsheets set 11-point Chinese a little narrower than two characters of width.
    _fit_rows(sheet, padding=-5)


def _holds_words(cells: Sequence[Any]) -> bool:
    """A column with words in it ("down at least 2.5%", "0.1 under cap"), which may
    wrap; a column of numbers and months may not."""
    return any(isinstance(cell.value, str) and " " in cell.value.strip() for cell in cells)


def _wrap(cells: Sequence[Any]) -> None:
    from openpyxl.styles import Alignment

    for cell in cells:
        old = cell.alignment
        cell.alignment = Alignment(
            horizontal=old.horizontal, indent=old.indent, vertical="top", wrap_text=True
        )


def _local(row: Mapping[str, Any]) -> Any:
    """An indicator's name in the interface language (its Chinese name as fallback)."""
    english = row.get("name_en") if current_language() == "en" else None
    return english or row.get("name")


def workbook_bytes(reports: Sequence[Report]) -> bytes:
    """A workbook with one sheet per report, its columns the reports' row keys."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for report in reports:
        keys = list(dict.fromkeys(key for row in report.rows for key in row)) or [
            column.key for column in report.columns
        ]
        rows = [for_a_sheet(row) for row in report.rows]  # caps and decreases in words
        if report.name == "status":
            _status_sheets(book, keys, rows)
        else:
            add_sheet(book, t(f"sheet.{report.name}"), keys, rows)
    details = t("sheet.status_details")
    if details in book.sheetnames:  # after the reports leadership reads
        book.move_sheet(details, offset=len(book.sheetnames) - 1 - book.sheetnames.index(details))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
