"""model/nextyear.py in memory: this year's plan carried into the next, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.i18n import t
from gxtrack.model.nextyear import carried_forward
from gxtrack.model.plan import Plan
from tests.inmemory import indicator, ledger, plan_of, record

PLAN = plan_of(
    indicator("A", baseline=40, baseline_note="2023年", source_text="新增规上企业100家"),
    indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
    indicator("M", kind="milestone", unit="", goal=1, combine="last", schedule="due"),
    indicator("B", baseline=7),
    title="2024年工作目标",
    title_en="Goals for 2024",
)
LEDGER = ledger(
    record("A", 1, "30"),
    record("A", 6, "45"),
    record("R", 6, "7.2"),
    record("R", 12, "8.5"),
    record("M", 9, "1"),
)


def test_final_actuals_become_baselines() -> None:
    document, carried = carried_forward(PLAN, LEDGER, 2025)
    a, r, m, b = document["indicators"]
    # A sums its months: 30 + 45 = 75, written as a whole number.
    assert a["baseline"] == 75 and isinstance(a["baseline"], int)
    # R is a year-to-date rate: the latest figure, December's 8.5 (not 7.2 + 8.5).
    assert r["baseline"] == D("8.5")
    note = t("init.baseline_note", year=2024)
    assert a["baseline_note"] == r["baseline_note"] == note
    # A milestone done is no baseline; B has no records, so its old baseline goes.
    assert "baseline" not in m and "baseline" not in b and "baseline_note" not in b
    assert carried == 2


def test_the_year_moves_and_the_old_one_is_the_baseline_year() -> None:
    document, _ = carried_forward(PLAN, LEDGER, 2025)
    info = document["plan"]
    assert (info["year"], info["baseline_year"]) == (2025, 2024)
    assert info["title"] == "2025年工作目标" and info["title_en"] == "Goals for 2025"


def test_goals_and_words_stay_and_the_source_text_goes() -> None:
    document, _ = carried_forward(PLAN, LEDGER, 2025)
    a = document["indicators"][0]
    assert (a["goal"], a["kind"], a["combine"], a["schedule"]) == (100, "count", "sum", "linear")
    assert "source_text" not in a
    assert document["indicators"][2]["schedule"] == "due"


def test_the_new_document_is_a_valid_plan() -> None:
    document, _ = carried_forward(PLAN, LEDGER, 2025)
    again = Plan.model_validate(document)
    assert again.year == 2025
    assert again.indicator("A").baseline == 75
    assert [i.code for i in again.indicators] == ["A", "R", "M", "B"]


def test_an_empty_ledger_carries_nothing() -> None:
    document, carried = carried_forward(PLAN, ledger(), 2025)
    assert carried == 0
    assert all("baseline" not in item for item in document["indicators"])
