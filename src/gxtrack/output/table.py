"""Reports as tables on a terminal, drawn by Rich.

Colour only on a terminal (Rich honours NO_COLOR and measures wide Chinese characters).
Columns that do not fit are dropped in the report's order of preference and named under
the table, rather than squeezed into ellipses.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gxtrack.i18n import t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.i18n.text import wrap_cells
from gxtrack.model.terms import Status
from gxtrack.output.cells import cell_text, header, status_word
from gxtrack.output.goals import is_cap
from gxtrack.output.view import Column, Group, Report, Row, Style, give_way

BAR_WIDTH = 12
COLUMN_GAP = 3  # cells between two columns: padding either side of an invisible rule

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.BEHIND: "bold red",
    Status.MISSED: "bold red",
    Status.NO_DATA: "dim",
}

NUMERIC = {Style.NUMBER, Style.PERCENT, Style.ACTUAL, Style.GOAL, Style.ATTAINMENT, Style.CHANGE}

# A cell: plain text, or a Rich Text with styled parts (a status word, a bar).
Cell = str | Text


def render_table(report: Report, stream: IO[str]) -> None:
    """A table per group, all with the same column widths, under one header.

    Wrapping text columns (names, notes) take the width that is left; a group's title
    goes above it and its summary below.
    """
    # Cells are data, never markup: a note reading "[red]" is shown as typed.
    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    bare = console.no_color or console.color_system is None
    groups = report.groups or [Group("", report.rows)]
    cells = {
        id(row): [_cell(column, row, bare) for column in report.columns]
        for group in groups
        for row in group.rows
    }
    gap = 1 if report.compact else COLUMN_GAP
    kept, widths = _fit(report.columns, list(cells.values()), console.width, gap)
    columns = [(report.columns[index], widths[index]) for index in kept]

    # Captured, then written at once: Rich ends the process itself on a closed pipe,
    # where the CLI's edge says nothing and exits 0 (`gxtrack status | head -0`).
    with console.capture() as capture:
        console.print(terminal_safe(report.title), style="bold", overflow="fold")
        console.print(_table(columns, gap, show_header=True))
        for group in groups:
            title = terminal_safe(group.title) or None
            caption = None if group.summary is None else terminal_safe(group.summary)
            table = _table(columns, gap, title=title, caption=caption)
            for row in group.rows:
                table.add_row(*(cells[id(row)][index] for index in kept))
            console.print(table)
        if not report.rows:
            console.print(t("report.nothing"), style="dim")
        hidden = [
            header(column) for index, column in enumerate(report.columns) if index not in kept
        ]
        if hidden:
            note = t("report.hidden", columns=t("list.separator").join(hidden))
            console.print(_wrapped(note, console.width), style="dim")
        if report.footer:
            console.print(_wrapped(terminal_safe(report.footer, one_line=False), console.width))
    stream.write(capture.get())


def _table(
    columns: list[tuple[Column, int]],
    gap: int,
    *,
    show_header: bool = False,
    title: str | None = None,
    caption: str | None = None,
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_header=show_header,
        header_style="bold",
        title=title,
        title_justify="left",
        title_style="bold",
        caption=caption,
        caption_justify="left",
        caption_style="dim italic",
        padding=(0, 1) if gap == COLUMN_GAP else (0, 0),
    )
    for column, width in columns:
        wraps = column.min_width is not None
        table.add_column(
            header(column),
            justify="right" if column.style in NUMERIC else "left",
            width=width,
            no_wrap=not wraps,
            # Chinese names have no spaces to break at: fold them.
            overflow="fold" if wraps else "ellipsis",
        )
    return table


def _wrapped(text: str, width: int) -> str:
    """Lines broken between words (or Chinese characters), never inside `--format csv`:
    Rich would break a long run of Chinese anywhere, and an option's name with it."""
    return "\n".join(part for line in text.split("\n") for part in wrap_cells(line, width))


def _fit(
    columns: list[Column], rows: list[list[Cell]], width: int, gap: int = COLUMN_GAP
) -> tuple[list[int], dict[int, int]]:
    """Which columns to show (by index) and how wide, for a terminal `width` wide."""
    natural = {
        index: max([_width(header(column))] + [_width(row[index]) for row in rows])
        for index, column in enumerate(columns)
    }
    # A wrapping column is never narrower than its longest Latin word: names wrap
    # between words ("Smart-manufacturing" whole), Chinese between characters.
    least = {
        index: max([column.min_width or 0] + [_longest_word(row[index]) for row in rows])
        for index, column in enumerate(columns)
        if column.min_width is not None
    }
    kept = list(range(len(columns)))
    while True:
        fixed = sum(natural[i] for i in kept if columns[i].min_width is None)
        wrapping = [i for i in kept if columns[i].min_width is not None]
        spare = width - fixed - gap * (len(kept) - 1)
        needed = sum(min(least[i], natural[i]) for i in wrapping)
        droppable = [i for i in kept if give_way(columns[i])]
        if spare >= needed or not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (give_way(columns[i]), i)))
    widths = {i: natural[i] for i in kept}
    for i in wrapping:
        share = max(spare // max(len(wrapping), 1), least[i])
        widths[i] = min(natural[i], share)
    return kept, widths


def _width(cell: Cell) -> int:
    """Terminal cells the cell takes; Chinese characters count two."""
    return Text(cell).cell_len if isinstance(cell, str) else cell.cell_len


def _longest_word(cell: Cell) -> int:
    """The widest run of non-wide characters without a space (a Latin word, a number)."""
    words = re.findall(r"[\x21-\u10ff]+", cell if isinstance(cell, str) else cell.plain)
    return max((len(word) for word in words), default=0)


def _cell(column: Column, row: Row, bare: bool = False) -> Cell:
    """A cell: status words in colour, bars drawn (`bare`: without colour)."""
    if column.style is Style.STATUS and row.get(column.key) is not None:
        status = Status(str(row.get(column.key)))
        return Text(status_word(status.value, row), style=STATUS_STYLES[status])
    if column.style is Style.MARK and row.get(column.key) in STATUS_STYLES:
        status = Status(str(row.get(column.key)))
        return Text(t(f"mark.{status.value}"), style=STATUS_STYLES[status])
    if column.style is Style.BAR:
        percent, word = row.get(column.key), row.get("status")
        if word is None or not isinstance(percent, Decimal):
            return ""
        status = Status(str(word))
        if is_cap(row.get("goal"), row.get("comparator")) and percent > 100:
            status = Status.BEHIND  # past a cap: red, whatever the month
        return _bar(percent, status, bare)
    # Names, units and notes are anyone's text: never raw controls on the terminal.
    return terminal_safe(cell_text(column, row))


def _bar(percent: Decimal, status: Status, bare: bool = False) -> Text:
    """A bar of % of goal, drawn as text like Rich's own progress bar; `bare` (no
    colour): filled █ and empty ░, which differ without colour."""
    colour = STATUS_STYLES[status].replace("bold ", "")
    done = float(min(max(percent, Decimal(0)), Decimal(100))) / 100 * BAR_WIDTH
    whole = int(done)
    filled, half_glyph, empty = ("█", "▌", "░") if bare else ("━", "╸", "━")
    half = half_glyph if done - whole >= 0.5 and whole < BAR_WIDTH else ""
    bar = Text(filled * whole + half, style=colour)
    bar.append(empty * (BAR_WIDTH - whole - len(half)), style="grey23")
    return bar
