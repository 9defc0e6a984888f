"""Reports as tables on a terminal, drawn with Rich.

Colour only on a terminal (Rich honours NO_COLOR and measures wide Chinese characters).
A drawing is kept in the cache the caller passes (`DrawingCache`), so an unchanged status
costs neither Rich's import nor its layout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any, Protocol

from gxtrack.i18n import t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.terms import Status
from gxtrack.output.cells import cell_text, header, status_word
from gxtrack.output.goals import is_cap
from gxtrack.output.view import Column, Group, Report, Row, Style, give_way

BAR_WIDTH = 12

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.BEHIND: "bold red",
    Status.MISSED: "bold red",
    Status.NO_DATA: "dim",
}


class DrawingCache(Protocol):
    """Where drawings are kept between runs (the store's cache: `gxtrack.store.cache`)."""

    def load_drawing(self, report_name: str, key: str) -> str | None: ...

    def save_drawing(self, report_name: str, key: str, drawing: str) -> None: ...


def render_table(report: Report, stream: IO[str], drawings: DrawingCache | None = None) -> None:
    """Draw the table with Rich, or write the very same drawing made last time.

    The same report content for the same terminal (width, colours, environment) draws
    the same text, so it is kept in `drawings` (the store's cache, passed by the CLI:
    output does not read or write files of gxtrack's own).
    """
    key = _drawing_key(report, stream) if drawings is not None else None
    drawn = drawings.load_drawing(report.name, key) if drawings and key else None
    if drawn is None:
        # A changed report (a new record) mostly changes one area: the others' drawings
        # are kept by area, so Rich lays out only what changed.
        drawn = draw_table(report, stream, drawings if key else None)
        if drawings is not None and key:
            drawings.save_drawing(report.name, key, drawn)
    stream.write(drawn)


# What Rich's choice of width and colours depends on, besides the stream being a terminal.
_TERMINAL_ENVIRONMENT = (
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)


def _drawing_key(report: Report, stream: IO[str]) -> str | None:
    """A digest of everything the drawing depends on; None where it cannot be known."""
    import hashlib
    import os
    import shutil

    if sys.platform == "win32":  # legacy Windows consoles are drawn by API calls, not text
        return None
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return None
    content = [
        report.title,
        report.footer,
        [list(column) for column in report.columns],
        [[group.title, group.summary, group.rows] for group in report.groups] or report.rows,
        terminal,
        tuple(shutil.get_terminal_size()),
        [os.environ.get(name) for name in _TERMINAL_ENVIRONMENT],
    ]
    text = json.dumps(content, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draw_table(report: Report, stream: IO[str], drawings: DrawingCache | None = None) -> str:
    """A Rich table per group, all with the same column widths, under one header.

    Columns that do not fit the terminal are dropped in the report's order of
    preference (bars first) and named under the table, rather than squeezed into
    ellipses; wrapping text columns (names, notes) take the width that is left.
    Returns the text, with colour codes when `stream` is a terminal. A group drawn
    before with the same rows, widths and terminal is taken from `drawings`.
    """
    from rich.console import Console

    # Cells are data, never markup: a note reading "[red]" is shown as typed.
    console = Console(file=stream, highlight=False, markup=False, emoji=False)

    def captured(*renderables: Any, **options: Any) -> str:
        with console.capture() as capture:
            console.print(*renderables, **options)
        return capture.get()

    return "".join(_pieces(report, console, captured, drawings))


def _pieces(
    report: Report, console: Any, captured: Callable[..., str], drawings: DrawingCache | None
) -> Iterator[str]:
    """The drawing's parts in order: title and header, each group, then the notes."""
    groups = report.groups or [Group("", report.rows)]
    # Without colour (a pipe, NO_COLOR) a bar's filled and empty parts need their own glyphs.
    plain = bool(console.no_color) or console.color_system is None
    cells = {
        id(row): [_cell(column, row, plain) for column in report.columns]
        for group in groups
        for row in group.rows
    }
    gap = 1 if report.compact else COLUMN_GAP
    kept, widths = _fit(report.columns, list(cells.values()), console.width, gap)
    yield captured(terminal_safe(report.title), style="bold", overflow="fold")
    yield captured(_table(report.columns, kept, widths, [], gap, show_header=True))
    layout = [report.name, [list(c) for c in report.columns], kept, widths, gap, plain]
    for index, group in enumerate(groups):
        name = f"{report.name}-group{index}"
        key = _group_key(layout, console, group) if drawings is not None else None
        drawn = drawings.load_drawing(name, key) if drawings is not None and key else None
        if drawn is None:
            rows = [cells[id(row)] for row in group.rows]
            title = terminal_safe(group.title)
            caption = None if group.summary is None else terminal_safe(group.summary)
            table = _table(report.columns, kept, widths, rows, gap, title=title, caption=caption)
            drawn = captured(table)
            if drawings is not None and key:
                drawings.save_drawing(name, key, drawn)
        yield drawn
    if not report.rows:
        yield captured(t("report.nothing"), style="dim")
    hidden = [header(column) for index, column in enumerate(report.columns) if index not in kept]
    if hidden:
        note = t("report.hidden", columns=t("list.separator").join(hidden))
        yield captured(_wrapped(note, console.width), style="dim")
    if report.footer:
        yield captured(_wrapped(terminal_safe(report.footer, one_line=False), console.width))


def _group_key(layout: list[Any], console: Any, group: Group) -> str:
    """A digest of all a group's drawing depends on (the store adds the terminal shape
    and the code stamp): the columns kept and their widths, colours, its rows."""
    import hashlib

    content = [*layout, console.width, console.color_system, group.title, group.summary]
    text = json.dumps([*content, group.rows], default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _wrapped(text: str, width: int) -> str:
    """Lines broken between words (or Chinese characters), never inside `--format csv`:
    Rich would break a long run of Chinese anywhere, and an option's name with it."""
    from gxtrack.i18n.text import wrap_cells

    return "\n".join(part for line in text.split("\n") for part in wrap_cells(line, width))


COLUMN_GAP = 3  # cells between two columns: padding either side of an invisible rule


def _fit(
    columns: list[Column], rows: list[list[Any]], width: int, gap: int = COLUMN_GAP
) -> tuple[list[int], dict[int, int]]:
    """Which columns to show (by index) and how wide, for a terminal `width` wide."""
    natural = {
        index: max([cell_width(header(column))] + [cell_width(row[index]) for row in rows])
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


def _longest_word(cell: Any) -> int:
    """The widest run of non-wide characters without a space (a Latin word, a number)."""
    import re

    text = cell if isinstance(cell, str) else getattr(cell, "plain", "")
    return max((len(word) for word in re.findall(r"[\x21-\u10ff]+", text)), default=0)


def cell_width(renderable: Any) -> int:
    """Terminal cells a cell takes; Chinese characters count two."""
    from rich.cells import cell_len
    from rich.text import Text

    if isinstance(renderable, Text):
        return cell_len(renderable.plain)
    if isinstance(renderable, str):
        return cell_len(renderable)
    return BAR_WIDTH


def _table(
    columns: list[Column],
    kept: list[int],
    widths: dict[int, int],
    rows: list[list[Any]],
    gap: int = COLUMN_GAP,
    *,
    show_header: bool = False,
    title: str | None = None,
    caption: str | None = None,
) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_header=show_header,
        header_style="bold",
        title=title or None,
        title_justify="left",
        title_style="bold",
        caption=caption,
        caption_justify="left",
        caption_style="dim italic",
        padding=(0, 1) if gap == COLUMN_GAP else (0, 0),
    )
    for index in kept:
        column = columns[index]
        numeric = column.style in (
            Style.NUMBER,
            Style.PERCENT,
            Style.ACTUAL,
            Style.GOAL,
            Style.ATTAINMENT,
            Style.CHANGE,
        )
        table.add_column(
            header(column),
            justify="right" if numeric else "left",
            width=widths[index],
            no_wrap=column.min_width is None,
            # Chinese names have no spaces to break at: fold them.
            overflow="ellipsis" if column.min_width is None else "fold",
        )
    for row in rows:
        table.add_row(*(row[index] for index in kept))
    return table


def _cell(column: Column, row: Row, plain: bool = False) -> Any:
    """A cell for a Rich table: status words in colour, bars drawn."""
    from rich.text import Text

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
        return _bar(percent, status, plain)
    # Names, units and notes are anyone's text: never raw controls on the terminal.
    return terminal_safe(cell_text(column, row))


def _bar(percent: Decimal | None, status: Status, plain: bool = False) -> Any:
    """A bar of % of goal, drawn as text like Rich's own progress bar (and cheaper);
    `plain` (no colour): filled █ and empty ░, which differ without colour."""
    from rich.text import Text

    if percent is None:
        return ""
    colour = STATUS_STYLES[status].replace("bold ", "")
    done = float(min(max(percent, Decimal(0)), Decimal(100))) / 100 * BAR_WIDTH
    whole = int(done)
    filled, half_glyph, empty = ("█", "▌", "░") if plain else ("━", "╸", "━")
    half = half_glyph if done - whole >= 0.5 and whole < BAR_WIDTH else ""
    rest = BAR_WIDTH - whole - len(half)
    bar = Text(filled * whole + half, style=colour)
    bar.append(empty * rest, style="grey23")
    return bar
