"""A spreadsheet's cells as import reads them, whatever file they came from."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """What a cell holds, as its file says."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOL = "bool"
    ERROR = "error"  # #DIV/0!, #REF!: shown as an error
    UNCOMPUTED = "uncomputed"  # a formula with no computed value


class Cell(NamedTuple):
    text: str  # as the person saw it: numbers plain, percentages x 100 with "%"
    kind: Kind
    # The decimal places a number cell's format shows (0.00 -> 2); None for General or
    # unknown: 2024.10 typed into a General cell is held, and shown, as 2024.1.
    decimals: int | None = None


class Merge(NamedTuple):
    """A merged range: rows counted from 1, columns from 0 (A), both ends included."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


class Sheet(NamedTuple):
    name: str
    rows: list[tuple[int, list[Cell | None]]]  # (row number from 1, cells from column A)
    # What the person did not see, and cells shown as one, where the file says so (a CSV
    # says nothing): rows from 1, columns from 0.
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    merges: tuple[Merge, ...] = ()
    kind: str = ""  # the file's type (xlsx, xls, ods, csv), for messages
    reading: str = ""  # how a CSV was read (its separator and encoding), for messages
