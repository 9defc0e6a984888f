"""The plain-text table writer draws what Rich draws, character for character.

`output/table_text.py` writes tables for pipes and files without importing Rich; it may
decline a table (None), but what it writes must be exactly Rich's drawing of the same
table. Random tables of Latin, Chinese, full-width and odd characters, spaces inside
and at the edges, widths that fit and widths that do not, are drawn both ways.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxtrack.output import table_text
from gxtrack.output.table import BAR_COLOURS, STATUS_STYLES, _rich_table, learn_styles
from gxtrack.output.table_text import (
    Cell,
    Piece,
    TableSpec,
    cell_width,
    write_table,
    write_text,
)
from tests.test_render import Terminal

if TYPE_CHECKING:
    from rich.console import Console

# Latin, digits, punctuation gxtrack prints, Chinese, full-width, a combining mark, a
# zero-width space, spaces (plain, no-break, ideographic) and a tab.
CHARACTERS = st.sampled_from(
    list("ab Zz09.,%-—…()（）")
    + list("年度目标完成")
    + ["Ａ", "\u0301", "\u200b", "\u200d", "\xa0", "\u3000", "\t"]
)
TEXT = st.text(CHARACTERS, max_size=12)


def a_console(width: int, color_system: str | None = None, no_color: bool = False) -> Console:
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        color_system=color_system,  # type: ignore[arg-type]
        no_color=no_color,
        highlight=False,
        markup=False,
        emoji=False,
    )


def rich_drawing(
    renderable: object, width: int, console: Console | None = None, **options: object
) -> str:
    console = console or a_console(width)
    with console.capture() as capture:
        console.print(renderable, **options)  # type: ignore[arg-type]
    return capture.get()


# The terminals Rich tells apart: no colour at all, 16 colours, 256, true colour; each
# also with NO_COLOR (bold and dim stay, colours go).
TERMINALS = st.tuples(st.sampled_from([None, "standard", "256", "truecolor"]), st.booleans())
# A cell in pieces as gxtrack makes them (a status word; a bar's filled part and the empty
# part in grey23), and now and then a style the writer was not taught.
PIECE_STYLES = st.sampled_from([*STATUS_STYLES.values(), *BAR_COLOURS, "blue"])


@st.composite
def specs(draw: st.DrawFn) -> TableSpec:
    columns = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(TEXT, min_size=columns, max_size=columns), max_size=4))
    styled = draw(st.booleans())
    style = draw(PIECE_STYLES)
    empty = draw(st.sampled_from(["", "░", "━━"]))
    cells: list[list[Cell]] = [
        [
            (Piece(text, style), Piece(empty, "grey23"))
            if styled and i == 0
            else (Piece(text, style),)
            if styled and i == 1
            else text
            for i, text in enumerate(row)
        ]
        for row in rows
    ]
    headers = draw(st.lists(TEXT, min_size=columns, max_size=columns))
    natural = [
        max([cell_width(header)] + [cell_width(row[index]) for row in cells])
        for index, header in enumerate(headers)
    ]
    # Mostly the natural widths (what `_fit` gives), sometimes narrower: cells must wrap.
    widths = [max(1, width - draw(st.sampled_from([0, 0, 0, 1, 3]))) for width in natural]
    return TableSpec(
        headers=headers,
        right=draw(st.lists(st.booleans(), min_size=columns, max_size=columns)),
        widths=widths,
        wraps=draw(st.lists(st.booleans(), min_size=columns, max_size=columns)),
        rows=cells,
        gap=draw(st.sampled_from([1, 3])),
        show_header=draw(st.booleans()),
        title=draw(st.none() | TEXT),
        caption=draw(st.none() | TEXT),
    )


@settings(max_examples=600, deadline=None)
@given(spec=specs(), spare=st.integers(-4, 20), terminal=TERMINALS)
def test_what_the_writer_draws_is_what_rich_draws(
    spec: TableSpec, spare: int, terminal: tuple[str | None, bool]
) -> None:
    console_width = max(1, spec.width + spare)
    console = a_console(console_width, *terminal)
    styles = learn_styles(console) if terminal[0] else None
    written = write_table(spec, console_width, styles)
    if written is not None:
        assert written == rich_drawing(_rich_table(spec), console_width, console)


@settings(max_examples=300, deadline=None)
@given(
    # Combining marks and a zero-width joiner: Rich counts characters where it strips.
    text=st.text(st.sampled_from([*"ab 年度\n—…\t\xa0", "\u0301", "\u200d"]), max_size=30),
    width=st.integers(1, 20),
)
def test_text_is_printed_as_rich_prints_it(text: str, width: int) -> None:
    written = write_text(text, width)
    if written is not None:
        assert written == rich_drawing(text, width, style="dim")
        assert written == rich_drawing(text, width, style="bold", overflow="fold")
        assert written == rich_drawing(text, width)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.sampled_from(list("ab 年度\n—")), max_size=30),
    style=st.sampled_from(["", "dim", "bold"]),
    terminal=TERMINALS,
)
def test_text_in_a_style_is_printed_as_rich_prints_it(
    text: str, style: str, terminal: tuple[str | None, bool]
) -> None:
    console = a_console(20, *terminal)
    styles = learn_styles(console) if terminal[0] else None
    written = write_text(text, 20, style, styles)
    if written is not None:
        assert written == rich_drawing(text, 20, console, style=style or None)


def test_ordinary_tables_are_written_not_declined() -> None:
    # The writer must take the tables gxtrack draws, or it saves nothing: a status
    # table's area, Chinese names, right-justified numbers, a caption under it.
    spec = TableSpec(
        headers=["代码", "指标", "实际", "状态"],
        right=[False, False, True, False],
        widths=[4, 14, 6, 8],
        wraps=[False, True, False, False],
        rows=[
            ["1.1", "规上工业增加值", "7.2 m5", (Piece("进度正常", "green"),)],
            ["1.2", "Output value", "1,234", (Piece("落后", "bold red"),)],
        ],
        gap=3,
        title="一、工业经济",
        caption="2 个目标：进度正常 1，落后 1",
    )
    written = write_table(spec, 60)
    # 4 + 14 + 6 + 8 cells and 3 gaps of 3: 41 wide; a Chinese character takes two.
    # The title (12 cells) gets 29 spaces, the caption (28 cells) 13.
    assert written == (
        "一、工业经济" + " " * 29 + "\n"
        "1.1    规上工业增加值   7.2 m5   进度正常\n"
        "1.2    Output value      1,234   落后    \n"
        "2 个目标：进度正常 1，落后 1" + " " * 13 + "\n"
    )
    assert written == rich_drawing(_rich_table(spec), 60)
    header = TableSpec(
        headers=spec.headers,
        right=spec.right,
        widths=spec.widths,
        wraps=spec.wraps,
        rows=[],
        gap=3,
        show_header=True,
    )
    # 指标 pads to 14 (10 spaces), the gap is 3, 实际 is right-justified in 6 (2 spaces).
    expected = "代码   指标" + " " * 15 + "实际   状态    \n" + "─" * 41 + "\n"
    assert write_table(header, 60) == expected == rich_drawing(_rich_table(header), 60)


def test_what_rich_would_change_is_declined() -> None:
    # Found by review: Rich pads a cell ending in a zero-width joiner one space more, and
    # strips the space after "á" (a, combining acute) since it counts two characters.
    joined = TableSpec(["h", "h"], [False, False], [1, 1], [False, False], [["\u200d", "x"]], 1)
    assert write_table(joined, 10) is None
    assert write_text("a\u0301 ", 2) is None
    # Found by review: a column 0 cells wide (gxtrack makes none) is Rich's to lay out.
    empty = TableSpec(["", "h"], [False, False], [0, 1], [True, False], [["ab", "x"]], 3)
    assert write_table(empty, 80) is None
    spec = TableSpec(headers=["a"], right=[True], widths=[3], wraps=[False], rows=[["abcd"]], gap=3)
    assert write_table(spec, 80) is None  # wider than its column: Rich cuts it with "…"
    edge = TableSpec(headers=["a"], right=[True], widths=[3], wraps=[False], rows=[["ab "]], gap=3)
    assert write_table(edge, 80) is None  # Rich strips a right-justified cell's space
    fits = TableSpec(headers=["a"], right=[True], widths=[3], wraps=[False], rows=[["ab"]], gap=3)
    assert write_table(fits, 2) is None  # wider than the terminal: Rich squeezes it
    assert write_table(fits, 3) == " ab\n"
    assert write_text("a\tb", 80) is None  # Rich expands tabs
    assert write_text("abc", 2) is None  # Rich folds it
    assert write_text("ab\n年度", 4) == "ab\n年度\n"


# ── gxtrack's own reports: written by the writer, they are what Rich draws ─────────────


def real_reports() -> list[tuple[str, object]]:
    from pathlib import Path

    from gxtrack.model.records import Ledger
    from gxtrack.reports.gaps import gaps_report
    from gxtrack.reports.history import history_report
    from gxtrack.reports.plan import plan_report
    from gxtrack.reports.status import status_report
    from gxtrack.reports.units import matrix_report, rank_report, units_report
    from gxtrack.store.data_file import parse_records
    from gxtrack.store.plan_file import load_plan

    root = Path(__file__).resolve().parent.parent
    plan = load_plan(root / "targets.toml")
    demo = root / "examples" / "demo-2024" / "actuals.toml"
    ledger = Ledger.of(parse_records(demo.read_bytes(), demo, plan)[0])
    city = load_plan(root / "examples" / "city-work-report" / "targets.toml")
    city_data = root / "examples" / "city-work-report" / "actuals.toml"
    city_ledger = Ledger.of(parse_records(city_data.read_bytes(), city_data, city)[0])
    return [
        ("status", status_report(plan, ledger, 6)),
        ("status, nothing recorded", status_report(plan, Ledger.of([]), 6)),
        ("status of the city", status_report(city, city_ledger, 8)),
        ("gaps", gaps_report(plan, ledger, 6)),
        ("history", history_report(plan, ledger, "2.4")),
        ("plan", plan_report(plan)),
        ("units", units_report(plan)),
        ("matrix (narrow gaps)", matrix_report(plan, ledger, 6)),
        ("rank", rank_report(plan, ledger, 6, "2.4")),
    ]


# Where a table goes: a pipe (no colour), and terminals with 256 colours, true colour,
# 16 colours, and NO_COLOR.
STREAMS = {
    "pipe": (io.StringIO, {}),
    "256 colours": (Terminal, {"TERM": "xterm-256color"}),
    "true colour": (Terminal, {"TERM": "xterm-256color", "COLORTERM": "truecolor"}),
    "16 colours": (Terminal, {"TERM": "xterm"}),
    "NO_COLOR": (Terminal, {"TERM": "xterm-256color", "NO_COLOR": "1"}),
}


@pytest.mark.parametrize("stream", list(STREAMS))
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_gxtracks_reports_are_written_exactly_as_rich_draws_them(
    stream: str, language: str, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gxtrack.output.table as table
    from gxtrack.i18n import use_language
    from gxtrack.output.present import present

    kind, environment = STREAMS[stream]
    for name in ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"COLUMNS": str(columns), **environment}.items():
        monkeypatch.setenv(name, value)
    use_language(language)
    written = 0
    real_write_table = table_text.write_table

    asked = 0

    def counting(spec: TableSpec, width: int, styles: object = None) -> str | None:
        nonlocal written, asked
        drawing = real_write_table(spec, width, styles)  # type: ignore[arg-type]
        written += drawing is not None
        asked += 1
        return drawing

    for name, report in real_reports():
        view = present(report)  # type: ignore[arg-type]
        with monkeypatch.context() as patched:
            patched.setattr(table, "write_table", counting)
            ours = table.draw_table(view, kind())
        with monkeypatch.context() as patched:  # the writer declines all: Rich draws all
            patched.setattr(table, "write_table", lambda *arguments: None)
            patched.setattr(table, "write_text", lambda *arguments: None)
            theirs = table.draw_table(view, kind())
        assert ours == theirs, name
        assert ("\x1b[" in ours) == (kind is Terminal), name  # colour codes on a terminal
    # The writer takes every table that fits the terminal, names that wrap included: all
    # at 120 columns. At 80 the unit matrix (24 columns), and at 60 most tables, are
    # wider than the terminal: Rich squeezes those.
    assert written == asked if columns == 120 else written >= 20


class OneDrawing:
    """A cache holding one entry, whatever the key: as if its file had been edited."""

    def __init__(self, text: str) -> None:
        self.text = text

    def load_drawing(self, report_name: str, key: str) -> str | None:
        return self.text

    def save_drawing(self, report_name: str, key: str, drawing: str) -> None:
        pass


@pytest.mark.parametrize(
    "codes",
    [
        ["\x1b]0;pwned\x07", "\x1b[0m"],  # retitles the window
        ["\x1b[2J", ""],  # clears the screen
        ["\x1b[1m", "\x9b0m"],  # a one-byte CSI
        ["\x1b[1m"],  # not a pair
        "bold",  # not a list
    ],
)
def test_kept_colour_codes_that_do_more_than_colour_are_refused(codes: object) -> None:
    from gxtrack.output.table import _remembered_facts

    good = json.dumps([120, "256", False, "utf-8", {"bold": ["\x1b[1m", "\x1b[0m"]}])
    assert _remembered_facts(OneDrawing(good), "key") is not None
    tampered = json.dumps([120, "256", False, "utf-8", {"bold": codes}])
    assert _remembered_facts(OneDrawing(tampered), "key") is None  # asked of Rich anew


WORDS = st.sampled_from(
    [
        "Value-added",
        "growth",
        "of",
        "industry",
        "a",
        "bb",
        "规模工业增加值增长",
        "专精特新“小巨人”企业",
        "5G",
        "（新）",
        "—",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=8),
    spaces=st.lists(st.sampled_from([" ", "", "  "]), min_size=8, max_size=8),
    width=st.integers(2, 24),  # a Chinese character takes two cells
    terminal=TERMINALS,
)
def test_names_that_wrap_are_broken_as_rich_breaks_them(
    words: list[str], spaces: list[str], width: int, terminal: tuple[str | None, bool]
) -> None:
    # A name column narrower than the name: Rich breaks it between words, and through
    # a word or a run of Chinese longer than the column; the row grows, and the other
    # cells are blank below their first line.
    name = "".join(word + space for word, space in zip(words, spaces[: len(words)], strict=True))
    name = name.strip()
    spec = TableSpec(
        headers=["Code", "名", "Status"],
        right=[False, False, False],
        widths=[4, width, 6],
        wraps=[False, True, False],
        rows=[["1.1", name, (Piece("behind", "bold red"),)], ["1.2", "x", "ok"]],
        gap=3,
        title="Area",
    )
    console = a_console(spec.width + 2, *terminal)
    styles = learn_styles(console) if terminal[0] else None
    written = write_table(spec, spec.width + 2, styles)
    assert written is not None  # a name that wraps is the writer's, not only Rich's
    assert written == rich_drawing(_rich_table(spec), spec.width + 2, console)
