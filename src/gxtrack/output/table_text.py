"""Tables as text, character for character as Rich draws them.

A table gxtrack draws is cells padded to their column's width, some in a colour or bold.
Writing that here costs neither Rich's import (~17 ms, a third of the first `status`
after a record) nor its layout. Without colour (a pipe, a file) the text is plain; on a
terminal, each styled run is wrapped in the codes Rich writes for that style on that
terminal, learned from Rich once and kept with the terminal's facts (`table.py`). The
writer declines (returns None) whatever it might not draw exactly as Rich does: a cell
that would wrap, a table wider than the terminal, whitespace at a cell's edge, control
characters, a style it was not taught. Rich draws those.
`tests/test_table_text.py` checks on random tables, in every colour system and with
NO_COLOR, that what the writer draws is what Rich draws.

Cell widths are Rich's own `cell_len` (a small module), so the two agree on every
character, Chinese included.
"""

from __future__ import annotations

from collections.abc import Mapping
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


# How Rich writes a run of text in a style: the codes before and after it, by style key
# ("bold", "dim italic", "bold red"; "red+grey23" for a piece in grey23 within a cell in
# red). Learned from Rich for each terminal (`table.learn_styles`), never guessed.
Styles = Mapping[str, tuple[str, str]]

# A run of text in one style key ("" for none), as Rich yields segments.
Run = tuple[str, str]


def write_table(spec: TableSpec, console_width: int, styles: Styles | None = None) -> str | None:
    """The table as Rich draws it, or None where Rich might differ. Without `styles`
    there is no colour at all (Rich's colour system None)."""
    width = spec.width
    if not spec.widths or min(spec.widths) < 1 or width > console_width:
        return None  # Rich would squeeze the columns (or lay out an empty one its way)
    lines: list[list[Run] | None] = []
    if spec.title:
        lines.append(_annotation(spec.title, width, "bold"))
    rows = [_row(list(spec.headers), spec, "bold")] if spec.show_header else []
    rows += [_row(row, spec, "") for row in spec.rows]
    if any(row is None for row in rows):
        return None
    for number, row in enumerate(rows):
        lines += row or []
        if number == 0 and spec.show_header:
            lines.append([(RULE * width, "")])
    if spec.caption:
        lines.append(_annotation(spec.caption, width, "dim italic"))
    return _written(lines, styles)


def write_text(
    text: str, console_width: int, style: str = "", styles: Styles | None = None
) -> str | None:
    """Text printed as Rich prints it (no padding), or None where Rich would break a
    line or might treat a character otherwise."""
    lines: list[list[Run] | None] = []
    for line in text.split("\n"):
        if not _plain_enough(line, edges=False) or cell_len(line) > console_width:
            return None
        lines.append([(line, style)])
    return _written(lines, styles)


def _written(lines: list[list[Run] | None], styles: Styles | None) -> str | None:
    out: list[str] = []
    for line in lines:
        if line is None:
            return None
        for text, key in line:
            if not text:
                continue
            if not key or styles is None:
                out.append(text)
                continue
            codes = styles.get(key)
            if codes is None:
                return None  # a style Rich was not asked about: Rich draws it
            out.append(f"{codes[0]}{text}{codes[1]}")
        out.append("\n")
    return "".join(out)


def _annotation(text: str, width: int, style: str) -> list[Run] | None:
    """A table's title or caption: left-justified across the table, in one style."""
    padded = _justified(text, width, right=False)
    return None if padded is None else [(padded, style)]


def _row(cells: list[Cell], spec: TableSpec, style: str) -> list[list[Run]] | None:
    """One row of cells, as lines (a name that wraps makes the row taller); `style` is
    the row's (the header's bold), which its padding takes. Between two columns:
    padding, an invisible rule (unstyled), padding."""
    columns: list[list[list[Run]]] = []
    for cell, width, right, wraps in zip(cells, spec.widths, spec.right, spec.wraps, strict=True):
        lines = _cell_lines(cell, width, right=right, wraps=wraps, style=style)
        if lines is None or (style and len(lines) > 1):
            return None  # a header that wraps: Rich pads it otherwise
        columns.append(lines)
    height = max(len(lines) for lines in columns)
    padded = spec.gap > 1  # Rich's padding (0, 1); a gap of 1 is the rule alone
    last = len(columns) - 1
    rows: list[list[Run]] = []
    for number in range(height):
        runs: list[Run] = []
        for index, (lines, width) in enumerate(zip(columns, spec.widths, strict=True)):
            if index and padded:
                runs.append((" ", style))
            # A shorter cell is filled with blank lines (Rich aligns cells to the top).
            runs += lines[number] if number < len(lines) else [(" " * width, style)]
            if index < last:
                runs += [(" ", style)] if padded else []
                runs.append((" ", ""))
        rows.append(runs)
    return rows


def _cell_lines(
    cell: Cell, width: int, *, right: bool, wraps: bool, style: str
) -> list[list[Run]] | None:
    """A cell's lines: one, or the lines a wrapping column breaks a long name into."""
    if not (wraps and isinstance(cell, str) and cell_len(cell) > width):
        runs = _cell_runs(cell, width, right, style)
        return None if runs is None else [runs]
    if right or not _plain_enough(cell, edges=True):
        return None
    lines = _broken(cell, width)
    return None if lines is None else [[(line, style)] for line in lines]


def _broken(text: str, width: int) -> list[str] | None:
    """`text` broken into lines `width` cells wide, left-justified, as Rich's Text.wrap
    does it for a column that folds: Rich's own line breaking (`divide_line`: between
    words, and through a word, or a run of Chinese, longer than a line), whitespace
    beyond the width dropped, each line padded. None where Rich would crop text."""
    try:  # Rich's own, so that the breaks are Rich's; private, so never taken for granted
        from rich._wrap import divide_line
    except ImportError:
        return None

    starts = [0, *divide_line(text, width, fold=True)]
    lines = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: counts characters, not cells
            trailing = len(line) - len(line.rstrip())
            line = line[: len(line) - min(trailing, len(line) - width)]
        if cell_len(line) > width:  # Text.truncate crops the line to the width:
            line = line.rstrip(" ")  # spaces past it go; anything else, Rich's to draw
            if cell_len(line) > width:
                return None
        lines.append(line + " " * (width - cell_len(line)))
    return lines


def _cell_runs(cell: Cell, width: int, right: bool, style: str) -> list[Run] | None:
    """A cell justified in its width. Text takes the row's style; styled pieces are a
    Rich Text whose first piece's style is the cell's own (its justifying spaces take
    it) and whose other pieces are spans over it, each a run of its own."""
    text = cell_plain(cell)
    padded = _justified(text, width, right=right)
    if padded is None:
        return None
    if isinstance(cell, str):
        return [(padded, style)]
    base = cell[0].style
    pieces = [(cell[0].text, base)]
    pieces += [(piece.text, f"{base}+{piece.style}") for piece in cell[1:] if piece.text]
    spaces = (" " * (width - cell_len(text)), base)
    runs = [spaces, *pieces] if right else [*pieces, spaces]
    merged: list[Run] = []
    for run in runs:
        if not run[0]:
            continue
        # Runs in the cell's own style join; a span begins and ends a run.
        if merged and run[1] == base and merged[-1][1] == base:
            merged[-1] = (merged[-1][0] + run[0], base)
        else:
            merged.append(run)
    return merged


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
    """No line breaks, tabs or other controls (gxtrack shows those as escapes anyway),
    no zero-width joiner (Rich measures it together with the space after it), and no
    whitespace at the end (Rich strips it from a line longer, in characters, than the
    width: combining marks make that happen on a line that fits); with `edges`, none at
    the start either (Rich strips a right-justified cell's)."""
    if any(ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0 for character in text):
        return False
    if "\u200d" in text or text != text.rstrip():
        return False
    return not edges or text == text.lstrip()
