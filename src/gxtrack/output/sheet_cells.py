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


class Sheet(NamedTuple):
    name: str
    rows: list[tuple[int, list[Cell | None]]]  # (row number from 1, cells from column A)
