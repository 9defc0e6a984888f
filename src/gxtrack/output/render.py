"""Rendering reports: one dispatch on `OutputFormat`.

Tables are Rich (colour only on a terminal; Rich honours NO_COLOR and measures wide
Chinese characters); CSV and JSON are for programs and spreadsheets.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import IO, Any

from gxtrack.i18n import MESSAGES, t
from gxtrack.i18n.safe_text import json_terminal_safe, terminal_safe
from gxtrack.model.numbers import plain_text
from gxtrack.model.terms import Status
from gxtrack.output.formats import OutputFormat, format_number, format_percent
from gxtrack.reports import Column, Group, Report, Row, Style

BAR_WIDTH = 12

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.BEHIND: "bold red",
    Status.NO_DATA: "dim",
}


def render(report: Report, output_format: OutputFormat, stream: IO[str] | None = None) -> None:
    """Write `report` to `stream` (stdout by default) in `output_format`."""
    RENDERERS[output_format](report, stream or sys.stdout)


# Writes what JSON has natively (text, int, float, bool, None, empty containers).
_json_scalar = json.JSONEncoder(ensure_ascii=False).encode


def json_text(document: Any) -> str:
    """The document as json.dumps(indent=2) lays it out, but every Decimal written exactly.

    json.dumps can write a Decimal only as a float, which changes it (99999999999999.99
    comes out …98) and adds binary noise to sums; here a Decimal is a JSON number token in
    plain notation (`plain_text`), so readers with decimal parsing get the value computed.
    """
    parts: list[str] = []
    _write_json(document, "\n", parts)
    parts.append("\n")
    return "".join(parts)


def _write_json(value: object, newline: str, parts: list[str]) -> None:
    """Append `value`'s JSON to `parts`; `newline` is a line break and the indent so far."""
    if isinstance(value, Decimal):
        parts.append(plain_text(value))
    elif isinstance(value, dict) and value:
        members = ((_json_scalar(str(key)) + ": ", item) for key, item in value.items())
        _write_members(members, "{}", newline, parts)
    elif isinstance(value, list | tuple) and value:
        _write_members((("", item) for item in value), "[]", newline, parts)
    else:
        parts.append(_json_scalar(value))


def _write_members(
    members: Iterable[tuple[str, object]], brackets: str, newline: str, parts: list[str]
) -> None:
    """An object's or array's members (each with its `"key": ` label), one a line."""
    inner = newline + "  "
    parts.append(brackets[0])
    separator = inner
    for label, item in members:
        parts.append(separator + label)
        _write_json(item, inner, parts)
        separator = "," + inner
    parts.append(newline + brackets[1])


def render_json(report: Report, stream: IO[str]) -> None:
    """JSON: the exact text to a file or a pipe; to a terminal, controls as `\\uXXXX`."""
    text = json_text(report.document())
    stream.write(json_terminal_safe(text) if is_terminal(stream) else text)


def render_csv(report: Report, stream: IO[str]) -> None:
    """CSV: the exact text to a file or a pipe; to a terminal, controls shown escaped."""
    from gxtrack.output.csv import csv_text

    text = csv_text(report.rows)
    stream.write(terminal_safe(text, one_line=False) if is_terminal(stream) else text)


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (a closed or odd stream is taken as not one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def render_table(report: Report, stream: IO[str]) -> None:
    """Draw the table with Rich, or write the very same drawing made last time.

    The same report content for the same terminal (width, colours, environment) draws
    the same text, so it is kept in the cache (see `cache.py`): an unchanged status
    costs neither Rich's import nor its layout.
    """
    from gxtrack.store import cache

    key = _drawing_key(report, stream)
    drawn = cache.load_drawing(report.name, key) if key else None
    if drawn is None:
        drawn = draw_table(report, stream)
        if key:
            cache.save_drawing(report.name, key, drawn)
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


def draw_table(report: Report, stream: IO[str]) -> str:
    """A Rich table per group, all with the same column widths, under one header.

    Columns that do not fit the terminal are dropped in the report's order of
    preference (bars first) and named under the table, rather than squeezed into
    ellipses; wrapping text columns (names, notes) take the width that is left.
    Returns the text, with colour codes when `stream` is a terminal.
    """
    from rich.console import Console

    # Cells are data, never markup: a note reading "[red]" is shown as typed.
    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    with console.capture() as capture:
        _draw(report, console)
    return capture.get()


def _draw(report: Report, console: Any) -> None:
    groups = report.groups or [Group("", report.rows)]
    cells = {
        id(row): [_cell(column, row) for column in report.columns]
        for group in groups
        for row in group.rows
    }
    gap = 1 if report.compact else COLUMN_GAP
    kept, widths = _fit(report.columns, list(cells.values()), console.width, gap)
    console.print(terminal_safe(report.title), style="bold", overflow="fold")
    console.print(_table(report.columns, kept, widths, [], gap, show_header=True))
    for group in groups:
        rows = [cells[id(row)] for row in group.rows]
        console.print(
            _table(
                report.columns,
                kept,
                widths,
                rows,
                gap,
                title=terminal_safe(group.title),
                caption=None if group.summary is None else terminal_safe(group.summary),
            )
        )
    if not report.rows:
        console.print(t("report.nothing"), style="dim")
    hidden = [header(column) for index, column in enumerate(report.columns) if index not in kept]
    if hidden:
        console.print(
            t("report.hidden", columns=t("list.separator").join(hidden)),
            style="dim",
        )
    if report.footer:
        console.print(terminal_safe(report.footer, one_line=False))


COLUMN_GAP = 3  # cells between two columns: padding either side of an invisible rule


def _fit(
    columns: list[Column], rows: list[list[Any]], width: int, gap: int = COLUMN_GAP
) -> tuple[list[int], dict[int, int]]:
    """Which columns to show (by index) and how wide, for a terminal `width` wide."""
    natural = {
        index: max([cell_width(header(column))] + [cell_width(row[index]) for row in rows])
        for index, column in enumerate(columns)
    }
    kept = list(range(len(columns)))
    while True:
        fixed = sum(natural[i] for i in kept if columns[i].min_width is None)
        wrapping = [i for i in kept if columns[i].min_width is not None]
        spare = width - fixed - gap * (len(kept) - 1)
        needed = sum(columns[i].min_width or 0 for i in wrapping)
        droppable = [i for i in kept if columns[i].drop]
        if spare >= needed or not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    widths = {i: natural[i] for i in kept}
    for i in wrapping:
        share = max(spare // max(len(wrapping), 1), columns[i].min_width or 0)
        widths[i] = min(natural[i], share)
    return kept, widths


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
        numeric = column.style in (Style.NUMBER, Style.PERCENT)
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


def header(column: Column) -> str:
    """A column's heading in the interface's language (a year such as "2023" as it is)."""
    return t(column.header) if column.header in MESSAGES else column.header


def cell_text(column: Column, row: Row) -> str:
    """A cell as people read it, in the interface's language, without styling."""
    value = row.get(column.key)
    if column.fallback and not value:
        value = row.get(column.fallback)
    style = column.style
    if style is Style.NUMBER:
        return format_number(value)
    if style is Style.PERCENT or style is Style.BAR:
        return format_percent(value)
    if style is Style.STATUS:
        return "—" if value is None else t(f"status.{value}")
    if style is Style.WORD:
        word = f"{column.key}.{value}"
        return t(word) if word in MESSAGES else ("" if value is None else str(value))
    if style is Style.MARK:
        return "" if value is None else t(f"mark.{value}")
    return "" if value is None else str(value)


def _cell(column: Column, row: Row) -> Any:
    """A cell for a Rich table: status words in colour, bars drawn."""
    from rich.text import Text

    if column.style is Style.STATUS and row.get(column.key) is not None:
        status = Status(str(row.get(column.key)))
        return Text(t(f"status.{status.value}"), style=STATUS_STYLES[status])
    if column.style is Style.MARK and row.get(column.key) in STATUS_STYLES:
        status = Status(str(row.get(column.key)))
        return Text(t(f"mark.{status.value}"), style=STATUS_STYLES[status])
    if column.style is Style.BAR:
        if row.get("status") is None:
            return ""
        return _bar(row.get(column.key), Status(row["status"]))
    # Names, units and notes are anyone's text: never raw controls on the terminal.
    return terminal_safe(cell_text(column, row))


def render_markdown(report: Report, stream: IO[str]) -> None:
    """GitHub-style Markdown: a heading, then a table per group with its summary."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(terminal_safe(c).replace("|", "\\|") for c in cells) + " |"

    columns = [c for c in report.columns if c.style is not Style.BAR]
    out = [f"## {terminal_safe(report.title)}", ""]
    for group in report.groups or [Group("", report.rows)]:
        if group.title:
            out += [f"### {terminal_safe(group.title)}", ""]
        out.append(line([header(c) for c in columns]))
        out.append(
            "|"
            + "|".join(
                "---:" if c.style in (Style.NUMBER, Style.PERCENT) else "---" for c in columns
            )
            + "|"
        )
        out += [line([cell_text(c, row) for c in columns]) for row in group.rows]
        out.append("")
        if group.summary:
            out += [f"*{terminal_safe(group.summary)}*", ""]
    if report.footer:
        out += [terminal_safe(report.footer, one_line=False), ""]
    stream.write("\n".join(out))


def _bar(percent: Decimal | None, status: Status) -> Any:
    """A bar of % of goal, drawn as text like Rich's own progress bar (and cheaper)."""
    from rich.text import Text

    if percent is None:
        return ""
    colour = STATUS_STYLES[status].replace("bold ", "")
    done = float(min(max(percent, Decimal(0)), Decimal(100))) / 100 * BAR_WIDTH
    whole = int(done)
    half = "╸" if done - whole >= 0.5 and whole < BAR_WIDTH else ""
    rest = BAR_WIDTH - whole - len(half)
    bar = Text("━" * whole + half, style=colour)
    bar.append("━" * rest, style="grey23")
    return bar


RENDERERS: dict[OutputFormat, Callable[[Report, IO[str]], None]] = {
    OutputFormat.TABLE: render_table,
    OutputFormat.CSV: render_csv,
    OutputFormat.JSON: render_json,
    OutputFormat.MARKDOWN: render_markdown,
}
