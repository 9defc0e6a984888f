"""Tables for people: colour only on a terminal, NO_COLOR honoured, Chinese aligned,
and an unchanged table not drawn twice."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len

import gxtrack.output.table as table
from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger
from gxtrack.output.present import present
from gxtrack.output.view import Report
from gxtrack.reports.status import status_report
from tests.test_reports import JUNE


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def report(bundled_plan: Plan) -> Report:
    return present(status_report(bundled_plan, JUNE, 6))


def draw(report: Report, stream: io.StringIO) -> str:
    table.render_table(report, stream)
    return stream.getvalue()


def test_colour_on_a_terminal_only(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in draw(report, Terminal())
    assert "\x1b[" not in draw(report, io.StringIO())


def test_no_color_is_honoured(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    text = draw(report, Terminal())
    assert "\x1b[31" not in text and "\x1b[32" not in text and "\x1b[38" not in text


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_chinese_names_line_up_at_every_width(
    report: Report, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    lines = draw(report, io.StringIO()).splitlines()
    assert all(cell_len(line) <= width for line in lines)
    header = next(line for line in lines if line.startswith("Code"))
    # Every indicator row puts its status word in the Status column.
    start = cell_len(header[: header.index("Status")])
    rows = [line for line in lines if line[:4] in ("1.1 ", "2.4 ", "5.2 ", "7.2 ")]
    for row in rows:
        prefix_width = 0
        for index, char in enumerate(row):
            if prefix_width == start:
                assert row[index:].split("  ")[0].strip() in ("behind", "on track", "at risk")
                break
            prefix_width += cell_len(char)


def test_narrow_terminal_hides_columns_and_says_so(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = draw(report, io.StringIO())
    # 80 columns keep code, name, actual, goal, % goal, % sched. and status
    assert "(hidden at this width: Unit, Expected, Progress;" in text


def test_notes_are_shown_as_typed_not_as_markup(tmp_path: Path, bundled_plan: Plan) -> None:
    from datetime import datetime
    from decimal import Decimal

    from gxtrack.model.records import Record
    from gxtrack.reports.history import history_report

    ledger = Ledger.of(
        [
            Record(
                code="2.4",
                month="2024-06",
                value=Decimal(1),
                note="[red]注意[/red] :smile:",
                recorded_at=datetime(2024, 7, 1),
            )
        ]
    )
    text = draw(present(history_report(bundled_plan, ledger, "2.4")), io.StringIO())
    assert "[red]注意[/red] :smile:" in text
