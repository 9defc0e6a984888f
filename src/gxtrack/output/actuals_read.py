"""gxtrack's own `export actuals`, read back: a county's book sent to the city as CSV or
xlsx, in either language. Pure: it takes the sheets as read (`sheet_files.read_sheets`).

The export lists every record with an in-force column; a sheet read as a fill-in sheet
would see a correction and the value it corrects as "two rows for one month". This
reader knows the export by its header row (the JSON keys of CSV for programs, or the
field labels in English or Chinese of a workbook and of `--headers zh|en`) and takes
only the rows in force: for each indicator, unit and month, the value that counts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from gxtrack.i18n import MESSAGES
from gxtrack.model.recording import Entry
from gxtrack.output.sheet_cells import Cell, Sheet

# The export's columns, by their JSON keys (reports/actuals, output/present/history).
COLUMNS = (
    "code",
    "month",
    "unit",
    "value",
    "undo",
    "note_only",
    "note",
    "recorded_at",
    "in_force",
    "state",
    "position",
)
_NEEDED = frozenset({"code", "month", "unit", "value", "in_force", "state", "recorded_at"})


class ExportRead(NamedTuple):
    """What was taken from an export: the in-force values as entries, and the counts."""

    sheet: str
    entries: list[Entry]
    rows: int  # every record row of the export
    not_in_force: int  # superseded, withdrawn, undo and note rows, left out


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "_")


def _labels() -> dict[str, str]:
    """Header text (either language, or the key) -> the column's key."""
    labels: dict[str, str] = {}
    for key in COLUMNS:
        labels[_plain(key)] = key
        for label in MESSAGES.get(f"field.{key}", ()):
            labels.setdefault(_plain(label), key)
    return labels


def _truth_words() -> frozenset[str]:
    return frozenset({"true", *(_plain(word) for word in MESSAGES["word.yes"])})


def export_columns(cells: Sequence[Cell | None]) -> dict[str, int] | None:
    """The export's columns in a header row, by key, or None when it is not the export's."""
    labels = _labels()
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = labels.get(_plain(cell.text)) if cell is not None else None
        if key is not None and key not in found:
            found[key] = index
    return found if found.keys() >= _NEEDED else None


def read_export(sheets: Sequence[Sheet]) -> ExportRead | None:
    """The in-force rows of gxtrack's actuals export, or None when no sheet is one (the
    export's header is its first row)."""
    for sheet in sheets:
        if not sheet.rows:
            continue
        columns = export_columns(sheet.rows[0][1])
        if columns is not None:
            return _in_force_rows(sheet, columns)
    return None


def _in_force_rows(sheet: Sheet, columns: dict[str, int]) -> ExportRead:
    truth = _truth_words()
    entries: list[Entry] = []
    rows = 0
    for number, cells in sheet.rows[1:]:
        rows += 1

        def text(key: str, cells: list[Cell | None] = cells) -> str:
            index = columns.get(key)
            cell = cells[index] if index is not None and index < len(cells) else None
            return "" if cell is None else cell.text.strip()

        if _plain(text("in_force")) not in truth or not text("value"):
            continue  # superseded, withdrawn, an undo, or a note-only row
        origin = f"{_letters(columns['value'])}{number}"  # the value's cell, as in a sheet
        note, unit = text("note") or None, text("unit") or None
        entries.append(Entry(origin, text("code"), text("value"), text("month"), note, False, unit))
    return ExportRead(sheet.name, entries, rows, rows - len(entries))


def _letters(index: int) -> str:
    """A column's letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
