"""CSV that opens correctly in Excel and WPS and cannot attack the spreadsheet.

Numbers are written as plain numbers (no `%`, no thousands separators); text cells that
a spreadsheet would read as a formula are prefixed with an apostrophe (`formulas.py`).
"""

from __future__ import annotations

import csv
import io
import json
import operator
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import IO, Any

from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.numbers import plain_text
from gxtrack.output.cells import is_terminal
from gxtrack.output.formats import rounded_plain, shown_places
from gxtrack.output.formulas import neutralise
from gxtrack.output.view import Report


def cell(value: Any) -> str:
    """One CSV cell: numbers as numbers, booleans as true/false, None empty, text safe."""
    # Dispatch on the exact type first: an export of 100,000 records makes a million cells.
    kind = type(value)
    if kind is str:
        return neutralise(value)
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is Decimal:
        return plain_text(value)  # exact: a float would change a 16th digit
    if kind is int or kind is float:
        return json.dumps(value)
    if kind is list:
        items = (plain_text(v) if isinstance(v, Decimal) else json.dumps(v) for v in value)
        return neutralise("[" + ", ".join(items) + "]")
    return neutralise(str(value))


def csv_text(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    headers: Sequence[str] | None = None,
) -> str:
    """Rows as CSV text: one header row (`headers`, else the rows' keys), then one line a
    row."""
    keys = list(columns) if columns is not None else _keys(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in headers] if headers is not None else keys)
    # Rows of one report share their keys: take them all at once, in C (an export of
    # 100,000 records has a million cells); a row that lacks some key falls back to get.
    pick = operator.itemgetter(*keys) if len(keys) > 1 else None
    for row in rows:
        try:
            values = pick(row) if pick is not None else (row[keys[0]],)
        except KeyError:
            values = tuple(row.get(key) for key in keys)
        writer.writerow([cell(value) for value in values])
    return buffer.getvalue()


def people_csv_text(
    rows: Sequence[Mapping[str, object]], language: str, *, exact: bool = False
) -> str:
    """CSV for people (`export --headers zh|en`): headers, fixed words and booleans in
    `language`, whatever the interface's, and numbers as the table rounds them (`exact`:
    as recorded, for records a book takes back); the rows' keys and exact values stay
    for programs otherwise."""
    from gxtrack.i18n import current_language, use_language
    from gxtrack.output.goals import for_a_sheet
    from gxtrack.output.words import field_label, worded_rows

    keys = _keys(rows)
    interface = current_language()
    use_language(language)
    try:
        shown = [for_a_sheet(row) for row in rows]  # caps and decreases in words
        worded = worded_rows(shown, keys)
        worded = worded if exact else rounded_rows(worded)
        return csv_text(worded, keys, [field_label(k) for k in keys])
    finally:
        use_language(interface)


def rounded_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """Rows for people: each number with a fraction as the table rounds it (83.33, not
    83.33333333333333333333333333; a percentage to one decimal), as text a spreadsheet
    reads as a number; whole numbers, words and blanks as they are."""
    return [
        {
            key: rounded_plain(value, shown_places(key))
            if type(value) is Decimal or type(value) is float
            else value
            for key, value in row.items()
        }
        for row in rows
    ]


def _keys(rows: Sequence[Mapping[str, object]]) -> list[str]:
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return list(keys)


def csv_bytes(text: str, *, bom: bool = True) -> bytes:
    """Encode CSV text; the UTF-8 BOM tells Excel the file is UTF-8 (Chinese intact)."""
    return text.encode("utf-8-sig" if bom else "utf-8")


def render_csv(report: Report, stream: IO[str]) -> None:
    """CSV: the exact text to a file or a pipe; to a terminal, controls shown escaped."""
    text = csv_text(report.rows)
    stream.write(terminal_safe(text, one_line=False) if is_terminal(stream) else text)
