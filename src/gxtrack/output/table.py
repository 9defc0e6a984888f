"""Reports as tables on a terminal, as Rich draws them.

Colour only on a terminal (Rich honours NO_COLOR and measures wide Chinese characters).
A drawing is kept in the cache the caller passes (`DrawingCache`), so an unchanged status
costs neither Rich's import nor its layout. What has changed is written by `table_text`,
character for character as Rich draws it (colour codes learned from Rich for each
terminal), and Rich is imported only for what that writer declines (a name that wraps)
or for a terminal it has not met.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import IO, TYPE_CHECKING, NamedTuple, Protocol

from gxtrack.i18n import t
from gxtrack.i18n.safe_text import terminal_safe
from gxtrack.model.terms import Status
from gxtrack.output.cells import cell_text, header, status_word
from gxtrack.output.goals import is_cap
from gxtrack.output.table_text import (
    Cell,
    Piece,
    TableSpec,
    cell_plain,
    cell_width,
    write_table,
    write_text,
)
from gxtrack.output.view import Column, Group, Report, Row, Style, give_way

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

BAR_WIDTH = 12

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.BEHIND: "bold red",
    Status.MISSED: "bold red",
    Status.NO_DATA: "dim",
}

NUMERIC_STYLES = (
    Style.NUMBER,
    Style.PERCENT,
    Style.ACTUAL,
    Style.GOAL,
    Style.ATTAINMENT,
    Style.CHANGE,
)


class DrawingCache(Protocol):
    """Where drawings are kept between runs (the store's cache: `gxtrack.store.cache`)."""

    def load_drawing(self, report_name: str, key: str) -> str | None: ...

    def save_drawing(self, report_name: str, key: str, drawing: str) -> None: ...


def render_table(report: Report, stream: IO[str], drawings: DrawingCache | None = None) -> None:
    """Draw the table, or write the very same drawing made last time.

    The same report content for the same terminal (width, colours, environment) draws
    the same text, so it is kept in `drawings` (the store's cache, passed by the CLI:
    output does not read or write files of gxtrack's own).
    """
    terminal = _terminal(stream)
    key = _digest([_content(report), terminal]) if drawings and terminal else None
    drawn = drawings.load_drawing(report.name, key) if drawings and key else None
    if drawn is None:
        # A changed report (a new record) mostly changes one area: the others' drawings
        # are kept by area, so only what changed is laid out.
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


def _terminal(stream: IO[str]) -> list[object] | None:
    """What a drawing for `stream` depends on besides its content (the store adds each
    standard stream's size and encoding); None where it cannot be known."""
    import os
    import shutil

    if sys.platform == "win32":  # legacy Windows consoles are drawn by API calls, not text
        return None
    try:
        is_terminal = stream.isatty()
    except (AttributeError, ValueError):
        return None
    environment = [os.environ.get(name) for name in _TERMINAL_ENVIRONMENT]
    encoding = getattr(stream, "encoding", None)
    return [is_terminal, encoding, list(shutil.get_terminal_size()), environment]


def _content(report: Report) -> list[object]:
    return [
        report.title,
        report.footer,
        [list(column) for column in report.columns],
        [[group.title, group.summary, group.rows] for group in report.groups] or report.rows,
    ]


def _digest(content: list[object]) -> str:
    import hashlib

    text = json.dumps(content, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ConsoleFacts(NamedTuple):
    """What Rich decides about a stream: its width, its colours (None: none at all),
    whether NO_COLOR holds, the encoding (ASCII streams get ASCII rules), and the codes
    it writes around a run in each style gxtrack's tables use (`table_text.Styles`)."""

    width: int
    color_system: str | None
    no_color: bool
    encoding: str
    styles: dict[str, tuple[str, str]]


# Every style key a table's runs may ask for (see `table_text`): titles and headers in
# bold, captions dim italic, notes dim, status words, and bars (filled in the status's
# colour, the empty part a span in grey23 over it).
BAR_COLOURS = sorted({style.replace("bold ", "") for style in STATUS_STYLES.values()})
STYLE_KEYS = sorted(
    {"bold", "dim", "dim italic", *STATUS_STYLES.values(), *BAR_COLOURS}
    | {f"{colour}+grey23" for colour in BAR_COLOURS}
)


class Canvas:
    """Draws a table's parts for one stream: by `table_text` where it can, else with
    Rich, which is imported only then. What Rich decides about the stream is kept in
    `drawings` by terminal, so a run that Rich does not draw for does not import it."""

    def __init__(self, stream: IO[str], drawings: DrawingCache | None = None) -> None:
        self._stream = stream
        terminal = _terminal(stream) if drawings is not None else None
        key = _digest(["console", terminal]) if terminal else None
        facts = _remembered_facts(drawings, key) if drawings and key else None
        if facts is None:
            console = self.console
            facts = ConsoleFacts(
                console.width,
                console.color_system,
                console.no_color,
                console.encoding,
                learn_styles(console),
            )
            if drawings is not None and key:
                drawings.save_drawing("console", key, json.dumps(list(facts)))
        self.facts = facts
        # Without colour (a pipe, NO_COLOR) a bar's filled and empty parts need glyphs of
        # their own.
        self.bare = facts.no_color or facts.color_system is None
        # Rich draws ASCII rules for a stream that is not UTF-8: the writer draws only ─.
        self._writes = facts.encoding.startswith("utf")
        self._styles = None if facts.color_system is None else facts.styles

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        # Cells are data, never markup: a note reading "[red]" is shown as typed.
        return Console(file=self._stream, highlight=False, markup=False, emoji=False)

    def table(self, spec: TableSpec) -> str:
        width, styles = self.facts.width, self._styles
        written = write_table(spec, width, styles) if self._writes else None
        return written if written is not None else self._captured(_rich_table(spec))

    def text(self, text: str, style: str = "", *, fold: bool = False) -> str:
        width, styles = self.facts.width, self._styles
        written = write_text(text, width, style, styles) if self._writes else None
        if written is not None:
            return written
        return self._captured(text, style=style or None, overflow="fold" if fold else None)

    def _captured(self, renderable: object, **options: object) -> str:
        with self.console.capture() as capture:
            self.console.print(renderable, **options)  # type: ignore[arg-type]
        return capture.get()


def learn_styles(console: Console) -> dict[str, tuple[str, str]]:
    """The codes `console` writes before and after a run in each of `STYLE_KEYS`, as
    Rich renders it (NO_COLOR, the colour system's nearest colours and all)."""
    from rich.text import Text

    styles: dict[str, tuple[str, str]] = {}
    for key in STYLE_KEYS:
        base, _, span = key.partition("+")
        text = Text("x" if not span else "", style=base)
        if span:
            text.append("x", style=span)
        with console.capture() as capture:
            console.print(text, end="")
        before, marker, after = capture.get().partition("x")
        if marker and "x" not in after:
            styles[key] = (before, after)
    return styles


def _remembered_facts(drawings: DrawingCache, key: str) -> ConsoleFacts | None:
    text = drawings.load_drawing("console", key)
    try:
        width, color_system, no_color, encoding, styles = json.loads(text or "null")
    except (ValueError, TypeError):  # not five values: asked of Rich, and kept anew
        return None
    if not (type(width) is int and isinstance(encoding, str) and type(no_color) is bool):
        return None
    if color_system is not None and not isinstance(color_system, str):
        return None
    codes = styles.items() if isinstance(styles, dict) else None
    if codes is None or not all(_codes_pair(value) for _, value in codes):
        return None
    return ConsoleFacts(
        width, color_system, no_color, encoding, {k: (v[0], v[1]) for k, v in codes}
    )


def _codes_pair(value: object) -> bool:
    """Two strings of colour codes (SGR) and nothing else: what reaches the terminal
    from the cache can set a colour, never move the cursor or retitle the window."""
    import re

    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(code, str) and re.fullmatch(_SGR, code) for code in value)
    )


_SGR = r"(?:\x1b\[[0-9;]*m)*"


def draw_table(report: Report, stream: IO[str], drawings: DrawingCache | None = None) -> str:
    """A table per group, all with the same column widths, under one header.

    Columns that do not fit the terminal are dropped in the report's order of
    preference (bars first) and named under the table, rather than squeezed into
    ellipses; wrapping text columns (names, notes) take the width that is left.
    Returns the text, with colour codes when `stream` is a terminal. A group drawn
    before with the same rows, widths and terminal is taken from `drawings`.
    """
    return "".join(_pieces(report, Canvas(stream, drawings), drawings))


def _pieces(report: Report, canvas: Canvas, drawings: DrawingCache | None) -> Iterator[str]:
    """The drawing's parts in order: title and header, each group, then the notes."""
    groups = report.groups or [Group("", report.rows)]
    width = canvas.facts.width
    cells = {
        id(row): [_cell(column, row, canvas.bare) for column in report.columns]
        for group in groups
        for row in group.rows
    }
    gap = 1 if report.compact else COLUMN_GAP
    kept, widths = _fit(report.columns, list(cells.values()), width, gap)

    def spec(rows: list[list[Cell]], **parts: str | bool | None) -> TableSpec:
        columns = [report.columns[index] for index in kept]
        return TableSpec(
            headers=[header(column) for column in columns],
            right=[column.style in NUMERIC_STYLES for column in columns],
            widths=[widths[index] for index in kept],
            wraps=[column.min_width is not None for column in columns],
            rows=[[row[index] for index in kept] for row in rows],
            gap=gap,
            **parts,  # type: ignore[arg-type]
        )

    yield canvas.text(terminal_safe(report.title), style="bold", fold=True)
    yield canvas.table(spec([], show_header=True))
    layout = [report.name, [list(c) for c in report.columns], kept, widths, gap, canvas.bare]
    for index, group in enumerate(groups):
        name = f"{report.name}-group{index}"
        key = _group_key(layout, canvas.facts, group) if drawings is not None else None
        drawn = drawings.load_drawing(name, key) if drawings is not None and key else None
        if drawn is None:
            title = terminal_safe(group.title) or None
            caption = None if group.summary is None else terminal_safe(group.summary)
            rows = [cells[id(row)] for row in group.rows]
            drawn = canvas.table(spec(rows, title=title, caption=caption))
            if drawings is not None and key:
                drawings.save_drawing(name, key, drawn)
        yield drawn
    if not report.rows:
        yield canvas.text(t("report.nothing"), style="dim")
    hidden = [header(column) for index, column in enumerate(report.columns) if index not in kept]
    if hidden:
        note = t("report.hidden", columns=t("list.separator").join(hidden))
        yield canvas.text(_wrapped(note, width), style="dim")
    if report.footer:
        yield canvas.text(_wrapped(terminal_safe(report.footer, one_line=False), width))


def _group_key(layout: list[object], facts: ConsoleFacts, group: Group) -> str:
    """A digest of all a group's drawing depends on (the store adds the terminal shape
    and the code stamp): the columns kept and their widths, colours, its rows."""
    content = [*layout, facts.width, facts.color_system, group.title, group.summary]
    return _digest([*content, group.rows])


def _wrapped(text: str, width: int) -> str:
    """Lines broken between words (or Chinese characters), never inside `--format csv`:
    Rich would break a long run of Chinese anywhere, and an option's name with it."""
    from gxtrack.i18n.text import wrap_cells

    return "\n".join(part for line in text.split("\n") for part in wrap_cells(line, width))


COLUMN_GAP = 3  # cells between two columns: padding either side of an invisible rule


def _fit(
    columns: list[Column], rows: list[list[Cell]], width: int, gap: int = COLUMN_GAP
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


def _longest_word(cell: Cell) -> int:
    """The widest run of non-wide characters without a space (a Latin word, a number)."""
    import re

    words = re.findall(r"[\x21-\u10ff]+", cell_plain(cell))
    return max((len(word) for word in words), default=0)


def _rich_table(spec: TableSpec) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_header=spec.show_header,
        header_style="bold",
        title=spec.title or None,
        title_justify="left",
        title_style="bold",
        caption=spec.caption,
        caption_justify="left",
        caption_style="dim italic",
        padding=(0, 1) if spec.gap == COLUMN_GAP else (0, 0),
    )
    for heading, right, width, wraps in zip(
        spec.headers, spec.right, spec.widths, spec.wraps, strict=True
    ):
        table.add_column(
            heading,
            justify="right" if right else "left",
            width=width,
            no_wrap=not wraps,
            # Chinese names have no spaces to break at: fold them.
            overflow="fold" if wraps else "ellipsis",
        )
    for row in spec.rows:
        table.add_row(*(_rich_cell(cell) for cell in row))
    return table


def _rich_cell(cell: Cell) -> str | Text:
    if isinstance(cell, str):
        return cell
    from rich.text import Text

    # The first piece's style is the cell's own: padding takes it, as it always has.
    first, *rest = cell
    text = Text(first.text, style=first.style)
    for piece in rest:
        text.append(piece.text, style=piece.style or None)
    return text


def _cell(column: Column, row: Row, bare: bool = False) -> Cell:
    """A cell: status words in colour, bars drawn (`bare`: without colour)."""
    if column.style is Style.STATUS and row.get(column.key) is not None:
        status = Status(str(row.get(column.key)))
        return (Piece(status_word(status.value, row), STATUS_STYLES[status]),)
    if column.style is Style.MARK and row.get(column.key) in STATUS_STYLES:
        status = Status(str(row.get(column.key)))
        return (Piece(t(f"mark.{status.value}"), STATUS_STYLES[status]),)
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


def _bar(percent: Decimal | None, status: Status, bare: bool = False) -> Cell:
    """A bar of % of goal, drawn as text like Rich's own progress bar (and cheaper);
    `bare` (no colour): filled █ and empty ░, which differ without colour."""
    if percent is None:
        return ""
    colour = STATUS_STYLES[status].replace("bold ", "")
    done = float(min(max(percent, Decimal(0)), Decimal(100))) / 100 * BAR_WIDTH
    whole = int(done)
    filled, half_glyph, empty = ("█", "▌", "░") if bare else ("━", "╸", "━")
    half = half_glyph if done - whole >= 0.5 and whole < BAR_WIDTH else ""
    rest = BAR_WIDTH - whole - len(half)
    return (Piece(filled * whole + half, colour), Piece(empty * rest, "grey23"))
