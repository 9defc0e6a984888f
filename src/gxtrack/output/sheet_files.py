"""Spreadsheet files as they come back from departments: every sheet's cells, typed.

A file is known by its content, not its name: an .xlsx is a zip holding `xl/workbook.xml`,
an .ods a zip whose `mimetype` says so, an .xls an OLE2 compound file; anything else is
taken for CSV text. A name that says otherwise is refused naming what the file really is
(an .ods renamed .xlsx, a web page saved as .xls by an online reporting system).

Each reader sees what the person saw and what was never computed:
- .xlsx through openpyxl, twice: the values last computed, and the formulas, so that a
  formula with no computed value (a file written by a script, never opened in Excel) is
  told apart from an empty cell;
- .xls through xlrd with formatting info (number formats, so 7.2% is read as typed);
- .ods from its own XML: `office:value-type` says number, percentage, date or text, and a
  `table:formula` without `office:value` was never computed. The XML is parsed with its
  DTD refused (no entities at all, so none can expand or reach outside), and repeated
  rows and columns are expanded only where they hold something.
Rows are kept with their numbers as the spreadsheet counts them, empty rows left out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.numbers import plain_text
from gxtrack.output.sheet_cells import Cell, Kind, Merge, Sheet

MAX_ROWS = 20_000  # a fill-in sheet has a row an indicator and unit: hundreds, not more
MAX_COLUMNS = 200
MAX_MERGES = 20_000  # merged ranges in a sheet: a title, groups of rows; never this many
_MAX_XML = 64 << 20  # content.xml of an .ods, unpacked: a zip bomb stops here


class FileType(StrEnum):
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"
    # What is not a sheet, named so in a refusal.
    DOCX = "docx"
    ODT = "odt"
    ZIP = "zip"
    PDF = "pdf"
    HTML = "html"


_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def file_type(raw: bytes) -> FileType:
    """What the bytes are, whatever the file's name says."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _zip_type(raw)
    if raw.startswith(_OLE2):
        return FileType.XLS
    if raw.startswith(b"%PDF-"):
        return FileType.PDF
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return FileType.HTML  # what many web systems save as "Excel"
    return FileType.CSV


def _zip_type(raw: bytes) -> FileType:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
                    return FileType.ODS
                if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                    return FileType.ODT
            if "xl/workbook.xml" in names:
                return FileType.XLSX
            if "word/document.xml" in names:
                return FileType.DOCX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        pass
    return FileType.ZIP


SHEET_TYPES = {".xlsx": FileType.XLSX, ".xls": FileType.XLS, ".ods": FileType.ODS}
SHEET_TYPES |= {".csv": FileType.CSV, ".txt": FileType.CSV}


def read_sheets(path: Path, raw: bytes) -> list[Sheet]:
    """Every sheet of the file, typed cells; the file's type checked against its name."""
    from gxtrack.output.csv_read import csv_sheet

    named = SHEET_TYPES.get(path.suffix.lower())
    if named is None:
        raise InvalidInputError(t("import.unknown_type", path=path))
    real = file_type(raw)
    if real is not named:
        raise InvalidInputError(
            t("import.wrong_type", path=path, real=t(f"filetype.{real}"), named=named.value),
            hint=t("import.wrong_type.hint", suffix=_suffix_for(real)),
        )
    try:
        if real is FileType.XLSX:
            return _of_kind(_xlsx_sheets(raw), real)
        if real is FileType.XLS:
            return _of_kind(_xls_sheets(raw), real)
        if real is FileType.ODS:
            return _of_kind(_ods_sheets(raw), real)
    except InvalidInputError:
        raise
    except Exception:  # each library raises many kinds for a damaged file
        raise InvalidInputError(t("import.broken_sheet", path=path, kind=real.value)) from None
    return [csv_sheet(path, raw)]


def _of_kind(sheets: list[Sheet], real: FileType) -> list[Sheet]:
    return [sheet._replace(kind=real.value) for sheet in sheets]


def _suffix_for(real: FileType) -> str:
    return ".html" if real is FileType.HTML else f".{real.value}"


def _bounded(rows: Iterator[tuple[int, list[Cell | None]]]) -> list[tuple[int, list[Cell | None]]]:
    """The rows that hold something, refusing a sheet far larger than any fill-in sheet."""
    kept = []
    for number, cells in rows:
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            continue  # an empty row, perhaps only formatted, however far down
        if number > MAX_ROWS:
            raise InvalidInputError(t("import.too_many_rows", limit=f"{MAX_ROWS:,}"))
        kept.append((number, cells[:MAX_COLUMNS]))
    return kept


# ── Values as a person saw them ─────────────────────────────────────────────────────────

# The parts of an Excel number format that are shown as they are, not read as codes:
# "quoted text", \escaped and _spaced or *repeated characters, [colours and locales].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|[\\_*].|\[[^\]]*\]')


def is_percent_format(number_format: str | None) -> bool:
    """Excel shows a cell x 100 with `%` for a `%` code in its format, but not for a `%`
    that is literal text (gxtrack's own workbooks write percentages as `0.0"%"`)."""
    return number_format is not None and "%" in _FORMAT_LITERALS.sub("", number_format)


def shown_number(value: int | float | Decimal) -> Decimal:
    """A number as Excel shows it: at most 15 significant digits, without binary noise."""
    if isinstance(value, float):
        return Decimal(format(value, ".15g"))
    return Decimal(value)


def number_cell(value: int | float | Decimal, percent: bool) -> Cell:
    number = shown_number(value)
    if percent:  # 7.2% typed is held as 0.072: read what the person typed and saw
        return Cell(plain_text(number * 100) + "%", Kind.NUMBER)
    return Cell(plain_text(number), Kind.NUMBER)  # plain: 1e-07 would read as an exponent


def date_cell(value: date | datetime) -> Cell:
    """A date as a month: "2024-06" typed into a sheet becomes 2024-06-01."""
    return Cell(f"{value.year:04d}-{value.month:02d}", Kind.DATE)


def _text_cell(value: str) -> Cell | None:
    text = value.strip()
    return Cell(text, Kind.TEXT) if text else None


# ── .xlsx ───────────────────────────────────────────────────────────────────────────────


def _xlsx_sheets(raw: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    sheets = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for shown, written in zip(values.worksheets, formulas.worksheets, strict=True):
            rows = zip(shown.iter_rows(), written.iter_rows(), strict=False)
            layout = _xlsx_layout(archive, cast(Any, shown)._worksheet_path)
            sheets.append(Sheet(shown.title, _bounded(_xlsx_rows(rows)), *layout))
    return sheets


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_Layout = tuple[frozenset[int], frozenset[int], tuple[Merge, ...]]


def _xlsx_layout(archive: zipfile.ZipFile, path: str) -> _Layout:
    """Hidden rows and columns and merged ranges, from the sheet's own XML: openpyxl's
    read-only sheets (chosen for speed) drop them."""
    from xml.etree import ElementTree

    content = _bounded_xml(archive, path.lstrip("/"))
    rows: set[int] = set()
    columns: set[int] = set()
    merges: list[Merge] = []
    for _, element in ElementTree.iterparse(io.BytesIO(content)):
        tag = element.tag.removeprefix(_SHEET_NS)
        if tag == "row":
            if _xml_true(element.get("hidden")):
                rows.add(int(element.get("r", "0")))
            element.clear()  # the cells are read by openpyxl; keep memory flat
        elif tag == "col" and _xml_true(element.get("hidden")):
            first, last = int(element.get("min", "1")), int(element.get("max", "1"))
            columns.update(range(first - 1, min(last, MAX_COLUMNS + 1)))
        elif tag == "mergeCell":
            merge = _a1_range(element.get("ref", ""))
            if merge is not None:
                merges.append(merge)
                _check_merges(len(merges))
    return frozenset(rows), frozenset(columns), tuple(merges)


def _check_merges(count: int) -> None:
    if count > MAX_MERGES:
        raise InvalidInputError(t("import.too_many_merges", limit=f"{MAX_MERGES:,}"))


def _xml_true(value: str | None) -> bool:
    return value in ("1", "true")


_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _a1_range(ref: str) -> Merge | None:
    """`D5:D6` as a Merge; None for what is not a cell range."""
    ends = [_A1.match(part) for part in ref.upper().split(":")]
    if len(ends) != 2 or not all(ends):
        return None
    (column_a, row_a), (column_b, row_b) = (end.groups() for end in ends if end)
    return Merge(int(row_a), _column_index(column_a), int(row_b), _column_index(column_b))


def _column_index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _bounded_xml(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of the zip, unpacked no further than a sheet can be, with no DTD: none of
    these formats has one, and without it no entity can be declared, expanded a billion
    times or fetched from outside. A DTD can only stand before the root element."""
    info = archive.getinfo(name)
    if info.file_size > _MAX_XML:
        raise InvalidInputError(t("import.too_many_rows", limit=f"{MAX_ROWS:,}"))
    with archive.open(info) as stream:
        content = stream.read(_MAX_XML + 1)
    if len(content) > _MAX_XML:
        raise InvalidInputError(t("import.too_many_rows", limit=f"{MAX_ROWS:,}"))
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise ValueError("a DTD in a spreadsheet's XML")
    return content


def _xlsx_rows(rows: Iterator[tuple[Any, Any]]) -> Iterator[tuple[int, list[Cell | None]]]:
    for number, (shown, written) in enumerate(rows, start=1):
        cells: list[Cell | None] = []
        for index, cell in enumerate(shown):
            source = written[index] if index < len(written) else None
            value = getattr(cell, "value", None)
            if value is None:
                is_formula = getattr(source, "data_type", None) == "f"
                cells.append(Cell("", Kind.UNCOMPUTED) if is_formula else None)
            elif getattr(cell, "data_type", None) == "e":
                cells.append(Cell(str(value), Kind.ERROR))
            else:
                cells.append(_typed(value, is_percent_format(cell.number_format)))
        yield number, cells


def _typed(value: object, percent: bool) -> Cell | None:
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE", Kind.BOOL)
    if isinstance(value, int | float | Decimal):
        return number_cell(value, percent)
    if isinstance(value, datetime | date):
        return date_cell(value)
    if isinstance(value, time):
        return Cell(value.isoformat(), Kind.TEXT)
    return _text_cell(str(value))


# ── .xls ────────────────────────────────────────────────────────────────────────────────


def _xls_sheets(raw: bytes) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
    sheets = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        rows = _bounded(_xls_rows(book, sheet))
        sheets.append(Sheet(sheet.name, rows, *_xls_layout(sheet)))
    return sheets


def _xls_layout(sheet: Any) -> _Layout:
    """Hidden rows and columns and merged ranges, as xlrd reads them with formatting
    info (xlrd counts from 0 and gives a range's ends past its last row and column)."""
    rows = frozenset(row + 1 for row, info in sheet.rowinfo_map.items() if info.hidden)
    columns = frozenset(
        column
        for column, info in sheet.colinfo_map.items()
        if info.hidden and column <= MAX_COLUMNS
    )
    _check_merges(len(sheet.merged_cells))
    merges = tuple(
        Merge(low + 1, left, high, right - 1) for low, high, left, right in sheet.merged_cells
    )
    return rows, columns, merges


def _xls_rows(book: Any, sheet: Any) -> Iterator[tuple[int, list[Cell | None]]]:
    import xlrd

    for row in range(min(sheet.nrows, MAX_ROWS + 1)):
        cells: list[Cell | None] = []
        for cell in sheet.row(row)[:MAX_COLUMNS]:
            kind = cell.ctype
            if kind == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index]
                number_format = book.format_map[xf.format_key].format_str
                cells.append(number_cell(cell.value, is_percent_format(number_format)))
            elif kind == xlrd.XL_CELL_DATE:
                cells.append(date_cell(xlrd.xldate_as_datetime(cell.value, book.datemode)))
            elif kind == xlrd.XL_CELL_TEXT:
                cells.append(_text_cell(cell.value))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                cells.append(Cell("TRUE" if cell.value else "FALSE", Kind.BOOL))
            elif kind == xlrd.XL_CELL_ERROR:
                cells.append(Cell(xlrd.error_text_from_code.get(cell.value, "#?"), Kind.ERROR))
            else:
                cells.append(None)
        yield row + 1, cells


# ── .ods ────────────────────────────────────────────────────────────────────────────────

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _ods_sheets(raw: bytes) -> list[Sheet]:
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        content = _bounded_xml(archive, "content.xml")
    root = ElementTree.fromstring(content)
    return [_ods_table(table) for table in root.iter(_q(_TABLE, "table"))]


_HIDDEN = ("collapse", "filter")  # table:visibility of a row or column not shown


def _ods_table(table: Any) -> Sheet:
    """A table's rows, with the rows and columns it hides and the cells it merges."""
    hidden_rows: set[int] = set()
    merges: list[Merge] = []
    rows = _bounded(_ods_rows(table, hidden_rows, merges))
    columns: set[int] = set()
    index = 0
    for column in table.iter(_q(_TABLE, "table-column")):
        repeat = min(int(column.get(_q(_TABLE, "number-columns-repeated"), "1")), MAX_COLUMNS)
        if column.get(_q(_TABLE, "visibility")) in _HIDDEN:
            columns.update(range(index, index + repeat))
        index += repeat
        if index > MAX_COLUMNS:
            break
    name = table.get(_q(_TABLE, "name"), "")
    return Sheet(name, rows, frozenset(hidden_rows), frozenset(columns), tuple(merges))


def _ods_rows(
    table: Any, hidden: set[int], merges: list[Merge]
) -> Iterator[tuple[int, list[Cell | None]]]:
    """Rows with their numbers; a row repeated N times counts N rows, but an empty one is
    not built (LibreOffice writes a million empty rows as one element)."""
    number = 0
    for row in table.iter(_q(_TABLE, "table-row")):
        repeat = int(row.get(_q(_TABLE, "number-rows-repeated"), "1"))
        cells = _ods_cells(row)
        if not any(cells):
            number += repeat
            continue
        merges.extend(_ods_spans(row, number + 1))
        _check_merges(len(merges))
        for _ in range(min(repeat, MAX_ROWS + 1)):
            number += 1
            if row.get(_q(_TABLE, "visibility")) in _HIDDEN:
                hidden.add(number)
            yield number, list(cells)
            if number > MAX_ROWS:
                return


def _ods_spans(row: Any, number: int) -> Iterator[Merge]:
    """The merged ranges starting in a row: a cell spanning rows or columns (the cells it
    covers follow as table:covered-table-cell)."""
    index = 0
    for cell in row:
        if cell.tag not in (_q(_TABLE, "table-cell"), _q(_TABLE, "covered-table-cell")):
            continue
        down = int(cell.get(_q(_TABLE, "number-rows-spanned"), "1"))
        across = int(cell.get(_q(_TABLE, "number-columns-spanned"), "1"))
        if down > 1 or across > 1:
            yield Merge(number, index, number + down - 1, index + across - 1)
        index += int(cell.get(_q(_TABLE, "number-columns-repeated"), "1"))
        if index > MAX_COLUMNS:
            return


def _ods_cells(row: Any) -> list[Cell | None]:
    cells: list[Cell | None] = []
    for cell in row:
        if cell.tag not in (_q(_TABLE, "table-cell"), _q(_TABLE, "covered-table-cell")):
            continue
        repeat = int(cell.get(_q(_TABLE, "number-columns-repeated"), "1"))
        # Cells repeated to the sheet's edge (16,384 columns) are built only as far as
        # a fill-in sheet can reach.
        cells.extend([_ods_cell(cell)] * min(repeat, MAX_COLUMNS + 1 - len(cells)))
        if len(cells) > MAX_COLUMNS:
            break
    return cells


def _ods_cell(cell: Any) -> Cell | None:
    value_type = cell.get(_q(_OFFICE, "value-type"))
    if value_type in ("float", "percentage", "currency"):
        value = cell.get(_q(_OFFICE, "value"))
        if value is None:
            return Cell("", Kind.UNCOMPUTED) if cell.get(_q(_TABLE, "formula")) else None
        return number_cell(Decimal(value), value_type == "percentage")
    if value_type == "date":
        text = cell.get(_q(_OFFICE, "date-value"), "")
        return date_cell(date.fromisoformat(text[:10]))
    if value_type == "boolean":
        truth = cell.get(_q(_OFFICE, "boolean-value")) == "true"
        return Cell("TRUE" if truth else "FALSE", Kind.BOOL)
    text = "\n".join(_paragraph_text(p) for p in cell.iter(_q(_TEXT, "p")))
    if value_type is None and cell.get(_q(_TABLE, "formula")) and not text:
        return Cell("", Kind.UNCOMPUTED)
    if text.startswith(("#", "Err:")) and cell.get(_q(_TABLE, "formula")):
        return Cell(text, Kind.ERROR)
    return _text_cell(text)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text: runs of spaces (text:s), tabs and line breaks as typed."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == _q(_TEXT, "s"):
            parts.append(" " * int(child.get(_q(_TEXT, "c"), "1")))
        elif child.tag == _q(_TEXT, "tab"):
            parts.append("\t")
        elif child.tag == _q(_TEXT, "line-break"):
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
