"""Spreadsheet files as they come back from departments: every sheet's cells, typed.

A file is known by its content, not its name: an .xlsx is a zip holding `xl/workbook.xml`,
an .ods a zip whose `mimetype` says so, an .xls an OLE2 compound file; anything else is
taken for CSV text. A name that says otherwise is refused naming what the file really is
(an .ods renamed .xlsx, a web page saved as .xls by an online reporting system).

Each reader sees what the person saw and what was never computed:
- .xlsx from its own XML, streamed (a sheet formatted down to row 1,048,576 costs next
  to nothing): the values last computed, number formats (percentages, dates, decimals
  shown), and formulas, so that a formula with no computed value (a file written by a
  script, never opened in Excel) is told apart from an empty cell;
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
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, NamedTuple

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
# Read from the parts' XML with the standard library's parser, streaming: a sheet Excel
# has formatted down to row 1,048,576 is a million empty <row> elements, each forgotten
# as soon as it is read, so memory stays flat and time stays near the parse's own.

_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_Layout = tuple[frozenset[int], frozenset[int], tuple[Merge, ...]]
_Rows = list[tuple[int, list[Cell | None]]]

# Excel's built-in number formats that import tells apart: dates (14-22, 27-36, 45-47,
# 50-58: the Chinese ones among them) and those with decimals.
_BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00"}
_BUILTIN_FORMATS |= {9: "0%", 10: "0.00%", 11: "0.00E+00", 49: "@"}
_BUILTIN_DATES = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}


class _Style(NamedTuple):
    percent: bool
    date: bool
    decimals: int | None


def _style_of(format_id: int, code: str | None) -> _Style:
    if code is None:
        code = _BUILTIN_FORMATS.get(format_id, "General")
    plain = _FORMAT_LITERALS.sub("", code.split(";", 1)[0]).lower()
    is_date = format_id in _BUILTIN_DATES or (
        plain != "general" and bool(re.search(r"[dmyhs]", plain.replace("e+", "")))
    )
    decimals = None if is_date else shown_decimals(code)
    return _Style(is_percent_format(code), is_date, decimals)


def shown_decimals(code: str) -> int | None:
    """The decimal places a number format shows (`0.00` 2, `#,##0` 0); None for General
    and text, which show what the number is."""
    plain = _FORMAT_LITERALS.sub("", code.split(";", 1)[0]).lower()
    if plain in ("general", "@", ""):
        return None
    _, dot, after = plain.partition(".")
    return len(after) - len(after.lstrip("0#?")) if dot else 0


def _xlsx_sheets(raw: bytes) -> list[Sheet]:
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = set(archive.namelist())
        book = ElementTree.fromstring(_bounded_xml(archive, "xl/workbook.xml"))
        targets = _xlsx_targets(archive)
        strings = _xlsx_strings(archive) if "xl/sharedStrings.xml" in names else []
        styles = _xlsx_styles(archive) if "xl/styles.xml" in names else []
        properties = book.find(f"{_SHEET_NS}workbookPr")
        in_1904 = properties is not None and _xml_true(properties.get("date1904"))
        epoch = _EPOCH_1904 if in_1904 else _EPOCH_1900
        sheets = []
        for entry in book.iter(f"{_SHEET_NS}sheet"):
            path = targets.get(entry.get(f"{_REL_NS}id", ""))
            if path is None or path not in names:
                continue  # a chart sheet, or a part the package does not hold
            reader = _XlsxSheet(strings, styles, epoch)
            rows, layout = reader.read(archive, path)
            sheets.append(Sheet(entry.get("name", ""), rows, *layout))
    return sheets


def _xlsx_targets(archive: zipfile.ZipFile) -> dict[str, str]:
    """The workbook's worksheet parts by relationship id, as paths in the zip."""
    from xml.etree import ElementTree

    rels = ElementTree.fromstring(_bounded_xml(archive, "xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{_PACKAGE_RELS}Relationship"):
        if not rel.get("Type", "").endswith("/worksheet"):
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id", "")] = re.sub(r"[^/]+/\.\./", "", path)
    return targets


def _xlsx_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings, each its runs' text (not the phonetic guide of rPh)."""
    from xml.etree import ElementTree

    strings = []
    for _, element in ElementTree.iterparse(
        io.BytesIO(_bounded_xml(archive, "xl/sharedStrings.xml"))
    ):
        if element.tag == f"{_SHEET_NS}si":
            strings.append(_inline_text(element))
            element.clear()
    return strings


def _inline_text(element: Any) -> str:
    parts = []
    for child in element:
        if child.tag == f"{_SHEET_NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{_SHEET_NS}r":
            parts.extend(run.text or "" for run in child.iter(f"{_SHEET_NS}t"))
    return "".join(parts)


def _xlsx_styles(archive: zipfile.ZipFile) -> list[_Style]:
    """What each cell style's number format shows: a percentage, a date, decimals."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(_bounded_xml(archive, "xl/styles.xml"))
    codes = {
        int(item.get("numFmtId", "0")): item.get("formatCode", "General")
        for item in root.iter(f"{_SHEET_NS}numFmt")
    }
    cell_formats = root.find(f"{_SHEET_NS}cellXfs")
    if cell_formats is None:
        return []
    styles = []
    for xf in cell_formats.iter(f"{_SHEET_NS}xf"):
        format_id = int(xf.get("numFmtId", "0"))
        styles.append(_style_of(format_id, codes.get(format_id)))
    return styles


_EPOCH_1900 = datetime(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap day aside)
_EPOCH_1904 = datetime(1904, 1, 1)
_PLAIN = _Style(percent=False, date=False, decimals=None)


class _XlsxSheet:
    """One worksheet's cells, hidden rows and columns and merges, in one streaming pass
    of expat (no tree is built: a row is read, kept if it holds something, and gone)."""

    def __init__(self, strings: list[str], styles: list[_Style], epoch: datetime) -> None:
        self.strings, self.styles, self.epoch = strings, styles, epoch
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.merges: list[Merge] = []
        self.rows: _Rows = []
        self.row, self.cells = 0, list[Cell | None]()
        self.cell: dict[str, str] = {}
        self.value: str | None = None
        self.formula = False
        self.text: list[str] | None = None  # collecting a <v> or an inline <t>
        self.inline: list[str] | None = None
        self.phonetic = 0  # inside <rPh>: a reading guide, not the cell's text

    def read(self, archive: zipfile.ZipFile, path: str) -> tuple[_Rows, _Layout]:
        from xml.parsers import expat

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.buffer_text = True
        with archive.open(path) as stream:
            for data in _skimmed(stream):
                parser.Parse(data, False)
        parser.Parse(b"", True)
        layout = (frozenset(self.hidden_rows), frozenset(self.hidden_columns))
        return _bounded(iter(self.rows)), (*layout, tuple(self.merges))

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "row":
            self.row = int(attributes.get("r") or self.row + 1)
            self.cells = []
            if _xml_true(attributes.get("hidden")):
                self.hidden_rows.add(self.row)
        elif tag == "c":
            self.cell, self.value, self.formula, self.inline = attributes, None, False, None
        elif tag == "v":
            self.text = []
        elif tag == "f":
            self.formula = True
        elif tag == "is":
            self.inline = []
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t" and self.inline is not None and not self.phonetic:
            self.text = self.inline
        else:
            self._layout(tag, attributes)

    def _end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "v" and self.text is not None:
            self.value, self.text = "".join(self.text), None
        elif tag == "t":
            self.text = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "c":
            self._place(self._cell())
        elif tag == "row" and self.cells:
            self.rows.append((self.row, self.cells))
            if self.row > MAX_ROWS:
                raise InvalidInputError(t("import.too_many_rows", limit=f"{MAX_ROWS:,}"))

    def _characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _layout(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "col" and _xml_true(attributes.get("hidden")):
            first, last = int(attributes.get("min", "1")), int(attributes.get("max", "1"))
            self.hidden_columns.update(range(first - 1, min(last, MAX_COLUMNS + 1)))
        elif tag == "mergeCell":
            merge = _a1_range(attributes.get("ref", ""))
            if merge is not None:
                self.merges.append(merge)
                _check_merges(len(self.merges))

    def _place(self, cell: Cell | None) -> None:
        if cell is None:
            return  # an empty cell, however styled
        ref = _A1.match(self.cell.get("r", "").upper())
        column = _column_index(ref.group(1)) if ref else len(self.cells)
        if column < MAX_COLUMNS:
            self.cells.extend([None] * (column + 1 - len(self.cells)))
            self.cells[column] = cell

    def _cell(self) -> Cell | None:
        kind, text = self.cell.get("t", "n"), self.value
        if kind == "inlineStr":
            return None if self.inline is None else _text_cell("".join(self.inline))
        if not text and kind != "str":  # <v></v>: what a script writes beside a formula
            return Cell("", Kind.UNCOMPUTED) if self.formula else None
        if text is None:
            return None
        if kind == "s":
            index = int(text)
            return _text_cell(self.strings[index]) if index < len(self.strings) else None
        if kind == "str":
            return _text_cell(text)
        if kind == "b":
            return Cell("TRUE" if text == "1" else "FALSE", Kind.BOOL)
        if kind == "e":
            return Cell(text, Kind.ERROR)
        if kind == "d":
            return date_cell(datetime.fromisoformat(text[:19]))
        style = self._style(self.cell.get("s"))
        if style.date:
            return date_cell(self.epoch + timedelta(days=float(text)))
        cell = number_cell(float(text), style.percent)  # as Excel shows it: 15 digits
        return cell._replace(decimals=style.decimals)

    def _style(self, index: str | None) -> _Style:
        number = int(index or 0)
        return self.styles[number] if number < len(self.styles) else _PLAIN


# An empty cell or row, however styled (`<c r="A9" s="3"/>`, `<row r="9" s="1"/>`, a row
# left with nothing in it): cut from the XML before the parser sees it, at the regular
# expression engine's speed, since a million of them is what a formatted column makes.
# Only those with their reference (r=) go: without it, a cell's place is its position.
# (As Excel and LibreOffice write them, r= first: a pattern with a literal start is fast.)
_EMPTY_CELL = re.compile(rb'<(?:c r="[A-Z]{1,3}|row r=")\d+"[^<>]*/>')
_EMPTY_ROW = re.compile(rb'<row r="\d+"[^<>]*></row>')
_CHUNK = 1 << 20


def _skimmed(stream: IO[bytes]) -> Iterator[bytes]:
    """A sheet's XML in chunks cut after a tag, without its empty cells and rows."""
    rest = b""
    while chunk := stream.read(_CHUNK):
        data = rest + chunk
        cut = data.rfind(b">") + 1
        data, rest = data[:cut], data[cut:]
        yield _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", data))
    yield rest


def _refuse_dtd(*_: object) -> None:
    """No format read here has a DTD; without one no entity can be declared, expanded a
    billion times or fetched from outside."""
    raise ValueError("a DTD in a spreadsheet's XML")


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
                shown = number_cell(cell.value, is_percent_format(number_format))
                cells.append(shown._replace(decimals=shown_decimals(number_format)))
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
