"""Months that would re-date every report (model/redating): worked by hand on a small
plan whose book's latest month is July 2024; today is December 2024 unless said."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxtrack.model.plan import Plan
from gxtrack.model.records import Ledger
from gxtrack.model.redating import Figure, YearMonth, redating_doubt
from tests.conftest import Cli, indicator, plan_document
from tests.reports_world import record

DECEMBER = YearMonth(2024, 12)


def plan() -> Plan:
    return Plan.model_validate(
        plan_document(
            indicator("A"),
            indicator(
                "Q",
                kind="rate",
                unit="%",
                goal=6,
                combine="last",
                schedule="flat",
                frequency="quarterly",
            ),
            indicator("D", goal=2, schedule="due", due_month=11),
        )
    )


def july_book() -> Ledger:
    return Ledger.of([record("A", "2024-07", "5")])


def figures(*months: int, code: str = "A") -> list[Figure]:
    return [Figure(plan().indicator(code), month) for month in months]


def test_a_jump_of_five_months_is_doubted_with_its_reason() -> None:
    # latest July (7); December (12) is 12 - 7 = 5 months at once: more than 3
    reason = redating_doubt(plan(), july_book(), figures(12), DECEMBER)
    assert reason == (
        "2024-12 would move the latest month with figures from 2024-07 to 2024-12 "
        "(5 months at once): every report would then be as of 2024-12"
    )


@pytest.mark.parametrize("month", [1, 6, 7, 8, 10])  # 10 - 7 = 3: a quarter's step
def test_earlier_months_and_a_quarters_step_are_not(month: int) -> None:
    assert redating_doubt(plan(), july_book(), figures(month), DECEMBER) is None


def test_november_is_four_months_and_doubted() -> None:
    assert redating_doubt(plan(), july_book(), figures(11), DECEMBER) is not None


def test_the_books_first_figures_are_not() -> None:
    assert redating_doubt(plan(), Ledger.of([]), figures(12), DECEMBER) is None


def test_a_batch_filling_every_month_without_a_gap_is_not() -> None:
    # August..December all in one batch (a months-across sheet): no gap, no jump
    assert redating_doubt(plan(), july_book(), figures(8, 9, 10, 11, 12), DECEMBER) is None
    # with October missing there is a gap: December is doubted
    assert redating_doubt(plan(), july_book(), figures(8, 9, 11, 12), DECEMBER) is not None


def test_a_due_month_and_a_publication_month_are_not() -> None:
    assert redating_doubt(plan(), july_book(), figures(11, code="D"), DECEMBER) is None
    assert redating_doubt(plan(), july_book(), figures(12, code="Q"), DECEMBER) is None
    # D in December is not its due month (November): doubted
    assert redating_doubt(plan(), july_book(), figures(12, code="D"), DECEMBER) is not None


def test_a_month_after_todays_is_doubted_even_in_a_first_book() -> None:
    # today is May 2024: June is after it, whatever the book holds
    reason = redating_doubt(plan(), Ledger.of([]), figures(6), YearMonth(2024, 5))
    assert reason == (
        "2024-06 is after this month (2024-05): every report would then be as of 2024-06"
    )
    assert redating_doubt(plan(), Ledger.of([]), figures(5), YearMonth(2024, 5)) is None


def test_record_and_import_need_force_for_a_far_month(cli: Cli, workdir: Path) -> None:
    assert cli("record", "2.4", "10", "-m", "2024-07").exit_code == 0
    refused = cli("record", "2.4", "3", "-m", "2024-12")
    assert refused.exit_code == 3
    assert "from 2024-07 to 2024-12 (5 months at once)" in refused.output
    assert "--force" in refused.output
    sheet = workdir / "december.csv"
    sheet.write_text("code,value,month\n2.5,3,2024-12\n", "utf-8")
    before = (workdir / "actuals.toml").read_bytes()
    imported = cli("import", str(sheet))
    assert imported.exit_code == 3 and "5 months at once" in imported.output
    assert (workdir / "actuals.toml").read_bytes() == before
    assert cli("record", "2.4", "3", "-m", "2024-12", "--force").exit_code == 0
    assert cli("import", str(sheet), "--force").exit_code == 0


def test_a_months_across_import_without_a_gap_needs_no_force(cli: Cli, workdir: Path) -> None:
    assert cli("record", "2.4", "10", "-m", "2024-07").exit_code == 0
    # August to December in one sheet: every month filled, no jump
    sheet = workdir / "rest.csv"
    rows = [f"2.5,1,2024-{month:02d}" for month in range(8, 13)]
    sheet.write_text("code,value,month\n" + "\n".join(rows) + "\n", "utf-8")
    done = cli("import", str(sheet))
    assert done.exit_code == 0, done.output
    assert "at once" not in done.output


def test_a_month_after_todays_needs_force(cli: Cli, workdir: Path) -> None:
    from datetime import date

    # a plan for next year: every one of its months is after today's
    year = date.today().year + 1
    plan = workdir / "targets.toml"
    text = plan.read_text("utf-8").replace("year = 2024", f"year = {year}", 1)
    plan.write_text(text.replace("2024年", f"{year}年"), "utf-8")
    refused = cli("record", "2.4", "3", "-m", f"{year}-01")
    assert refused.exit_code == 3, refused.output
    assert f"{year}-01 is after this month" in refused.output
    assert cli("record", "2.4", "3", "-m", f"{year}-01", "--force").exit_code == 0
