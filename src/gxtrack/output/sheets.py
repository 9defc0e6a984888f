"""Fill-in sheets for a month (template) and reading them back (import).

A template lists every indicator for one month with its goal, last value and expected
to date, and empty value and note columns, to send to the departments that report.
Import reads it back from .xlsx or .csv — UTF-8 with or without BOM, or GB18030/GBK as
Excel and WPS in China save CSV — recognising headers in English or Chinese.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import MESSAGES, local_name, t
from gxtrack.i18n.text import source_excerpt, text_lines, wide_unicode
from gxtrack.model.months import month_label
from gxtrack.model.numbers import plain_text
from gxtrack.model.plan import Plan, goal_for
from gxtrack.model.progress import expected_to_date
from gxtrack.model.recording import Entry
from gxtrack.model.records import Ledger
from gxtrack.output.csv import csv_bytes, csv_text
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
    text = csv_text(
        [{h: row[k] for h, k in zip(headers, keys, strict=True)} for row in rows], headers
    )
    return csv_bytes(text)


def _header_names() -> dict[str, str]:
    """Every header a person may have used for an importable column, lower-cased."""
    names = {}
    for key in IMPORT_KEYS:
        names[key] = key
        english, chinese = MESSAGES[f"field.{key}"]
        names[english.lower()] = key
        names[chinese] = key
    names["数据"] = names["完成值"] = names["本月"] = "value"  # words departments use
    names["说明"] = names["情况说明"] = "note"
    names["单位代码"] = "reporting_unit"
    return names


# The parts of an Excel number format that are shown as they are, not read as codes:
# "quoted text", \escaped and _spaced or *repeated characters, [colours and locales].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|[\\_*].|\[[^\]]*\]')


def _is_percent_format(number_format: str | None) -> bool:
    """Excel shows a cell x 100 with `%` for a `%` code in its format, but not for a `%`
    that is literal text (gxtrack's own workbooks write percentages as `0.0"%"`)."""
    return number_format is not None and "%" in _FORMAT_LITERALS.sub("", number_format)


def _shown(value: int | float) -> Decimal:
    """A number as Excel shows it: at most 15 significant digits, without binary noise."""
    return Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))


def _cell_text(value: Any, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):  # Excel turns "2024-06" into a date
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _is_percent_format(number_format):
            # 7.2% typed into Excel is held as 0.072: read what the person typed and saw,
            # and let the indicator's kind accept or refuse a percentage.
            return plain_text(_shown(value) * 100) + "%"
        return plain_text(_shown(value))  # plain: 1e-07 would read as an exponent
    return str(value).strip()


def read_rows(path: Path, raw: bytes) -> list[list[str]]:
    """The cells of a .xlsx (first sheet) or .csv file, as text.

    `raw` is the file's bytes, read by the caller through the store's bounded reader (a
    regular file of at most 64 MiB); `path` names the file in messages and by its suffix
    says what it is.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path, raw)
    if suffix == ".csv":
        return _csv_rows(_csv_text(raw, path), path)
    raise InvalidInputError(t("import.unknown_type", path=path))


def _xlsx_rows(path: Path, raw: bytes) -> list[list[str]]:
    """The first sheet's cells; a file that is no workbook is named so, in words."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except BadZipFile:  # an xlsx is a zip archive: this one is not
        raise InvalidInputError(t("import.not_xlsx", path=path)) from None
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise InvalidInputError(t("import.broken_xlsx", path=path)) from None
    sheet = book.worksheets[0]
    return [
        [_cell_text(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()
    ]


def _csv_text(raw: bytes, path: Path) -> str:
    """A CSV's text: UTF-8 (BOM or not), else GB18030/GBK; UTF-16 ("Unicode") by its BOM.

    A byte that fits none of them is shown where it is, in the encoding that read furthest
    (a GBK file with one stray byte is pointed at that byte, not at its first Chinese).
    """
    wide = wide_unicode(raw)
    if wide is not None:
        name, codec = wide
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            raise _undecodable(path, raw, error, codec, "import.broken_unicode", name) from None
    failures: list[tuple[UnicodeDecodeError, str]] = []
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            failures.append((error, codec))
    furthest, codec = max(failures, key=lambda failure: failure[0].start)
    raise _undecodable(path, raw, furthest, codec, "import.bad_bytes", "")


def _undecodable(
    path: Path, raw: bytes, error: UnicodeDecodeError, codec: str, key: str, encoding: str
) -> InvalidInputError:
    """FILE:LINE:COL of the first byte `codec` cannot read, with the line and a caret."""
    before = raw[: error.start].decode(codec)  # it read this far without a fault
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return InvalidInputError(
        t(
            key,
            where=f"{path}:{line}:{column}",
            byte=f"0x{raw[error.start]:02X}",
            encoding=encoding,
        ),
        hint=t("import.bad_bytes.hint"),
        detail=_excerpt(raw.decode(codec, "replace"), line, column),
    )


def _excerpt(text: str, line: int, column: int) -> tuple[str, ...]:
    """The line and a caret, the line cut short after the caret (a cell may be huge)."""
    lines = text_lines(text)
    if 1 <= line <= len(lines) and len(lines[line - 1]) > column + 60:
        lines[line - 1] = lines[line - 1][: column + 60] + " …"
    return source_excerpt(lines, line, column)


def _csv_rows(text: str, path: Path) -> list[list[str]]:
    """The cells of a CSV's text; a header with tabs and no comma means tab-separated
    (what Excel saves as "Unicode text")."""
    _refuse_nul(text, path)
    header = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in header and "," not in header else ","
    # newline="" as the csv module asks: a line break inside a quoted cell is kept.
    # strict: a quote left open at the end of the file is an error, not a cell that
    # quietly takes in the rest of the file (`5.3,"60` read as 60).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            raise _csv_problem(path, text, first_line, error, delimiter) from None
        rows.append([cell.strip() for cell in row])


def _refuse_nul(text: str, path: Path) -> None:
    """A NUL is never in CSV text: the file is binary, or UTF-16 saved without its BOM.
    Said so at the first one, rather than "no header row" or a cell that never matches."""
    index = text.find("\0")
    if index < 0:
        return
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    raise InvalidInputError(
        t("import.nul", where=f"{path}:{line}:{column}"),
        hint=t("import.nul.hint"),
        detail=_excerpt(text.replace("\0", "\ufffd"), line, column),
    )


def _opening_quote(source: str, delimiter: str) -> int | None:
    """The column (1-based) of the last quote in `source` that opens a cell, if any."""
    opening = [
        index
        for index, char in enumerate(source)
        if char == '"' and (index == 0 or source[index - 1] == delimiter)
    ]
    return opening[-1] + 1 if opening else None


def _csv_problem(
    path: Path, text: str, line: int, error: csv.Error, delimiter: str
) -> InvalidInputError:
    """What the csv module refused, at the line where the row began, in our words where
    we know them (the module's own are English)."""
    reason = str(error)
    lines = text_lines(text)
    source = lines[line - 1] if 1 <= line <= len(lines) else ""
    quote = _opening_quote(source, delimiter)
    if reason == "unexpected end of data":  # strict mode: a quote never closed
        column = quote or 1
        return InvalidInputError(
            t("import.open_quote", where=f"{path}:{line}:{column}"),
            hint=t("import.open_quote.hint"),
            detail=_excerpt(text, line, column),
        )
    if "field larger than field limit" not in reason:
        return InvalidInputError(
            t("import.csv_error", where=f"{path}:{line}:1", reason=reason),
            detail=_excerpt(text, line, 1),
        )
    # The cell that grew too long most likely starts at the row's last opening quote.
    hint = "import.cell_too_long.quote_hint" if quote else "import.cell_too_long.hint"
    return InvalidInputError(
        t(
            "import.cell_too_long",
            where=f"{path}:{line}:{quote or 1}",
            limit=f"{csv.field_size_limit():,}",
        ),
        hint=t(hint),
        detail=_excerpt(text, line, quote or 1),
    )


def entries_from(
    path: Path, rows: list[list[str]], default_month: str | None
) -> tuple[list[Entry], int]:
    """The entries of a sheet's rows with a value, and how many rows were empty."""
    names = _header_names()
    header = [
        names.get(cell.strip().lower(), names.get(cell.strip(), ""))
        for cell in (rows[0] if rows else [])
    ]
    if "code" not in header or "value" not in header:
        raise InvalidInputError(t("import.no_header", path=path))
    column = {key: header.index(key) for key in IMPORT_KEYS if key in header}
    entries, empty = [], 0
    for number, row in enumerate(rows[1:], start=2):
        cells = {key: row[index] if index < len(row) else "" for key, index in column.items()}
        if not any(cells.values()) or not cells.get("value"):
            empty += 1
            continue
        month = cells.get("month") or default_month or ""
        entries.append(
            Entry(
                t("import.row", row=number),
                cells["code"].lstrip("'"),
                cells["value"],
                month,
                cells.get("note") or None,
                unit=cells.get("reporting_unit") or None,
            )
        )
    return entries, empty
