"""CSV text as departments save it, read as one sheet of text cells.

UTF-8 with or without BOM, or GB18030/GBK as Excel and WPS in China save CSV; UTF-16
("Unicode text") by its BOM, tab-separated. A byte no encoding reads, a NUL, a quote never
closed: each is shown where it is, with the line and a caret.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.i18n.text import source_excerpt, text_lines, wide_unicode
from gxtrack.output.sheet_cells import Cell, Kind, Sheet


def csv_sheet(path: Path, raw: bytes) -> Sheet:
    """A CSV as one sheet of text cells, named as Excel names it: after the file."""
    text, encoding = _csv_text(raw, path)
    delimiter = _delimiter(text)
    rows = _csv_rows(text, path, delimiter)
    numbered = []
    for number, row in enumerate(rows, start=1):
        cells: list[Cell | None] = [Cell(c, Kind.TEXT) if c else None for c in row]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            numbered.append((number, cells))
    shown = {"\t": "Tab", ",": ",", ";": ";"}[delimiter]
    reading = t("import.no_header.csv", separator=shown, encoding=encoding)
    return Sheet(path.stem, numbered, kind="csv", reading=reading)


def _delimiter(text: str) -> str:
    """The separator the first rows use most: a comma, a semicolon (what Excel writes
    where the decimal sign is a comma) or a tab (Excel's "Unicode text")."""
    sample = text_lines(text)[:100]
    counts = {mark: sum(line.count(mark) for line in sample) for mark in ",;\t"}
    return max(counts, key=lambda mark: (counts[mark], mark == ","))


def _csv_text(raw: bytes, path: Path) -> tuple[str, str]:
    """A CSV's text: UTF-8 (BOM or not), else GB18030/GBK; UTF-16 ("Unicode") by its BOM.

    A byte that fits none of them is shown where it is, in the encoding that read furthest
    (a GBK file with one stray byte is pointed at that byte, not at its first Chinese).
    """
    wide = wide_unicode(raw)
    if wide is not None:
        name, codec = wide
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError as error:
            raise _undecodable(path, raw, error, codec, "import.broken_unicode", name) from None
    failures: list[tuple[UnicodeDecodeError, str]] = []
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec), {"utf-8-sig": "UTF-8", "gb18030": "GB18030/GBK"}[codec]
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


def _csv_rows(text: str, path: Path, delimiter: str) -> list[list[str]]:
    """The cells of a CSV's text."""
    _refuse_nul(text, path)
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
