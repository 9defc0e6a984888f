"""Tables as plain text, character for character as Rich draws them without colour.

Output for a pipe or a file (`gxtrack status | less`, a cron mail) has no colour, and a
table there is just cells padded to their column's width. Writing that here costs
neither Rich's import (~17 ms, a third of the first `status` after a record) nor its
layout. The writer declines (returns None) whatever it might not draw exactly as Rich
does: a cell that would wrap, a table wider than the terminal, whitespace at a cell's
edge, control characters, a stream that is not UTF-8. Rich draws those.
`tests/test_table_text.py` checks on random tables that what the writer draws is what
Rich draws.

Cell widths are Rich's own `cell_len` (a small module), so the two agree on every
character, Chinese included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len

RULE = "─"  # Rich's SIMPLE_HEAD rule under the header


class Piece(NamedTuple):
    """Part of a cell in one style (a Rich style such as "bold green"; "" for none)."""

    text: str
    style: str = ""


# A cell: text, or text in styled pieces (a status word, a bar's filled and empty parts).
Cell = str | tuple[Piece, ...]


def cell_plain(cell: Cell) -> str:
    """The cell's text without styles."""
    return cell if isinstance(cell, str) else "".join(piece.text for piece in cell)


def cell_width(cell: Cell) -> int:
    """Terminal cells the cell takes; Chinese characters count two."""
    return cell_len(cell_plain(cell))


@dataclass(frozen=True)
class TableSpec:
    """One table as gxtrack draws them: no borders, columns of fixed width, `gap` cells
    between columns (3: a space either side of an invisible rule; 1: the rule only),
    an optional header with a rule under it, a title above and a caption below."""

    headers: list[str]
    right: list[bool]  # right-justified (numbers), else left
    widths: list[int]
    wraps: list[bool]  # a text column that may wrap (names, notes); others cut with "…"
    rows: list[list[Cell]]
    gap: int
    show_header: bool = False
    title: str | None = None
    caption: str | None = None

    @property
    def width(self) -> int:
        return sum(self.widths) + self.gap * (len(self.widths) - 1)


def write_table(spec: TableSpec, console_width: int) -> str | None:
    """The table as Rich draws it without colour, or None where Rich might differ."""
    width = spec.width
    if not spec.widths or width > console_width:
        return None  # Rich would squeeze the columns
    lines: list[str | None] = []
    if spec.title:
        lines.append(_justified(spec.title, width, right=False))
    if spec.show_header:
        lines += [_row(list(spec.headers), spec), RULE * width]
    lines += [_row(row, spec) for row in spec.rows]
    if spec.caption:
        lines.append(_justified(spec.caption, width, right=False))
    if any(line is None for line in lines):
        return None
    return "".join(f"{line}\n" for line in lines)


def write_text(text: str, console_width: int) -> str | None:
    """Text printed as Rich prints it (no padding, no colour), or None where Rich would
    break a line or might treat a character otherwise."""
    for line in text.split("\n"):
        if not _plain_enough(line, edges=False) or cell_len(line) > console_width:
            return None
    return f"{text}\n"


def _row(cells: list[Cell], spec: TableSpec) -> str | None:
    parts: list[str] = []
    for cell, width, right in zip(cells, spec.widths, spec.right, strict=True):
        part = _justified(cell_plain(cell), width, right=right)
        if part is None:
            return None
        parts.append(part)
    return (" " * spec.gap).join(parts)


def _justified(text: str, width: int, *, right: bool) -> str | None:
    """`text` padded to `width` cells, on the left or the right; None if it would not
    stay on one line as it is."""
    if not _plain_enough(text, edges=True):
        return None
    used = cell_len(text)
    if used > width:
        return None
    padding = " " * (width - used)
    return padding + text if right else text + padding


def _plain_enough(text: str, *, edges: bool) -> bool:
    """No line breaks, tabs or other controls (gxtrack shows those as escapes anyway);
    with `edges`, no whitespace at either end (Rich strips a right-justified cell's)."""
    if any(ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0 for character in text):
        return False
    return not edges or text == text.strip()
