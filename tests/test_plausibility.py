"""Plausibility: a count or amount far above the goal or every
month so far is asked about again, or refused without a terminal; --force insists."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gxtrack.errors import ImplausibleValueError
from gxtrack.model.recording import Entry, doubt, prepare_record, refuse_doubts
from tests.inmemory import AT, indicator, ledger, plan_of, record, unit

from .conftest import Cli

PLAN = plan_of(
    indicator("C", goal=2),  # 2 家 a year: single-product champions
    indicator("A", goal=100),  # 100 家 a year
    indicator("L", kind="amount", unit="亿元", goal=50, combine="last", schedule="flat"),
    indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
    indicator("U", goal=100, unit_goals={"X": 10, "Y": 90}),
    units=[unit("X"), unit("Y")],
)


def why(
    code: str, value: str, month: str = "2024-06", *records: object, **more: object
) -> str | None:
    book = ledger(*records)  # type: ignore[arg-type]
    entry = Entry(code, code, value, month, **more)  # type: ignore[arg-type]
    return doubt(PLAN, book, prepare_record(PLAN, book, entry, now=AT))


def test_more_than_the_whole_annual_goal_in_one_month() -> None:
    # goal 2: 3 in June alone is more than the year's goal; 2 is not
    assert why("C", "3") == "C: 3 家 in 2024-06 alone is more than the whole year's goal (2 家)"
    assert why("C", "2") is None
    assert why("C", "5000") is not None  # the 5,000 champions


def test_more_than_five_times_the_largest_month_so_far() -> None:
    # largest so far: May's 10 (April 4); 5 x 10 = 50: 51 is doubted, 50 is not
    april, may = record("A", 4, "4"), record("A", 5, "10")
    assert why("A", "51", "2024-06", april, may) == (
        "A: 51 家 in 2024-06 is more than 5 times the largest monthly figure so far "
        "(10 家 in 2024-05)"
    )
    assert why("A", "50", "2024-06", april, may) is None
    # a first figure, or months of 0, give no yardstick
    assert why("A", "99") is None
    assert why("A", "99", "2024-06", record("A", 5, "0")) is None
    # a correction of May itself is measured against April's 4 (5 x 4 = 20), not itself
    assert why("A", "21", "2024-05", april, may) is not None


def test_a_last_figure_is_measured_by_its_months_not_the_goal() -> None:
    # 亿元 year to date: 60 in December is above the goal of 50 and fine (a year's total);
    # 600 after November's 55 is more than 5 x 55 = 275
    assert why("L", "60", "2024-12", record("L", 11, "55")) is None
    assert why("L", "600", "2024-12", record("L", 11, "55")) is not None


def test_rates_within_reach_of_their_goal_notes_and_unchanged_values_are_not_doubted() -> None:
    # goal 9: 27 is 3 x 9 (not more); 19 is 10 points from 9 (not more): neither doubted.
    assert why("R", "27") is None
    assert why("R", "19") is None
    assert why("R", "-1") is None  # |-1| <= 27
    assert why("C", "", note="待统计局反馈") is None
    assert why("C", "3", "2024-06", record("C", 6, "3")) is None  # already in force


def test_a_rate_far_off_its_goal_is_doubted() -> None:
    # goal 9: 72 (7.2 meant) is more than 3 x 9 = 27 and 72 - 9 = 63 > 10 points.
    assert why("R", "72") == (
        "R: 72 % in 2024-06 is more than three times the goal's size (9 %) and more than "
        "10 points from it"
    )
    # 1,234 for a growth rate: 1234 > 27 and 1225 points off.
    assert why("R", "1234") is not None
    assert why("R", "95") is not None


def test_a_unit_is_measured_against_its_own_goal() -> None:
    # X's goal is 10 (the city's 100): 11 in a month is more than X's year
    assert why("U", "11", unit="X") == (
        "U: 11 家 in 2024-06 alone is more than the whole year's goal (10 家)"
    )
    assert why("U", "11", unit="Y") is None


def test_refusing_says_why_and_how_to_insist() -> None:
    refuse_doubts([])  # nothing doubted: nothing raised
    with pytest.raises(ImplausibleValueError) as raised:
        refuse_doubts(["C: 3 家 …"])
    assert raised.value.exit_code == 3
    assert raised.value.message == "Not recorded: 1 value looks wrong."
    assert raised.value.detail == ("  C: 3 家 …",)
    assert "--force" in (raised.value.hint or "")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def test_record_without_a_terminal_refuses_with_exit_3_and_the_reason(
    cli: Cli, workdir: Path
) -> None:
    data = workdir / "actuals.toml"
    cli("record", "2.1", "1", "-m", "2024-05")
    before = digest(data)
    result = cli("record", "2.1", "5000", "-m", "2024-06")  # 2.1's goal is 2 家
    assert result.exit_code == 3
    assert "Not recorded: 1 value looks wrong." in result.output
    assert "2.1: 5000 家 in 2024-06" in result.output
    assert "more than the whole year's goal (2 家)" in result.output
    assert "--force" in result.output
    assert "Traceback" not in result.output
    assert digest(data) == before  # byte for byte
    forced = cli("record", "2.1", "5000", "-m", "2024-06", "--force")
    assert forced.exit_code == 0, forced.output


def test_record_on_a_terminal_asks_again_no_by_default(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gxtrack.cli.changes.can_ask", lambda: True)
    data = workdir / "actuals.toml"
    cli("record", "2.1", "1", "-m", "2024-05")
    before = digest(data)
    declined = cli("record", "2.1", "3", "-m", "2024-06", input="\n")  # Enter: No
    assert declined.exit_code == 3
    assert "more than the whole year's goal (2 家)" in declined.output
    assert "Record it anyway? [y/N]" in declined.output
    assert "Nothing recorded." in declined.output
    assert digest(data) == before
    kept = cli("record", "2.1", "3", "-m", "2024-06", input="y\n")
    assert kept.exit_code == 0, kept.output
    assert "2024-06: 3 家" in kept.output


def test_the_session_asks_why_and_a_no_asks_for_the_figure_again(cli: Cli) -> None:
    # 2.1: 3 (doubted) -> Enter = No -> asked again -> 1; 2.2 3 (= its goal: fine);
    # 2.3-2.5 skipped; Enter saves
    typed = "3\n\n1\n3\n\n\n\n\n"
    result = cli("record", "--month", "2024-06", "--area", "2", input=typed)
    assert result.exit_code == 0, result.output
    assert "  ↳ 2.1: 3 家 in 2024-06 alone is more than the whole year's goal (2 家)" in (
        result.output
    )
    assert result.output.count("Keep this figure? [y/N]") == 1
    assert "Save 2 answers? (a code changes that answer) [Y/n]" in result.output
    kept = cli("record", "--month", "2024-07", "--area", "2", input="5\ny\n\n\n\n\n\n")
    assert "Keep this figure? [y/N]" in kept.output and "Saved 1 answer." in kept.output
    forced = cli("record", "--month", "2024-08", "--area", "2", "--force", input="9\n\n\n\n\n\n")
    assert "Keep this figure" not in forced.output and "Saved 1 answer." in forced.output


def test_import_refuses_a_doubtful_sheet_whole_unless_forced(cli: Cli, workdir: Path) -> None:
    sheet = workdir / "2024-06.csv"
    sheet.write_text("code,value\n2.4,30\n2.1,5000\n", "utf-8")
    result = cli("import", str(sheet), "--month", "2024-06")
    assert result.exit_code == 3
    assert "more than the whole year's goal (2 家)" in result.output
    assert not (workdir / "actuals.toml").exists()  # all or none: 2.4 not written either
    assert cli("import", str(sheet), "--month", "2024-06", "--dry-run").exit_code == 3
    forced = cli("import", str(sheet), "--month", "2024-06", "--force")
    assert forced.exit_code == 0, forced.output
