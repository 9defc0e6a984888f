"""model/rollup.py in memory: units' figures rolled up into the city's, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.rollup import QualityNote, city_values, unit_values
from tests.inmemory import indicator, ledger, plan_of, record, unit

# County X holds park P; county Y stands alone. X and Y are the top-level units.
UNITS = [unit("X"), unit("Y"), unit("P", parent="X", kind="park")]
PLAN = plan_of(
    indicator("A"),
    indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
    units=UNITS,
)
A, R = PLAN.indicator("A"), PLAN.indicator("R")
LEDGER = ledger(
    record("A", 1, "3", unit="P"),
    record("A", 2, "4", unit="P"),
    record("A", 2, "10", unit="X"),  # X's own February beats its park's 4
    record("A", 1, "5", unit="Y"),
    record("A", 3, "6", unit="Y"),
    record("A", 3, "20"),  # the city's own March record
    record("R", 1, "7.5", unit="Y"),
)


def test_a_unit_without_children_is_its_own_records() -> None:
    assert unit_values(PLAN, LEDGER, A, "Y") == {1: D(5), 3: D(6)}
    assert unit_values(PLAN, LEDGER, A, "P") == {1: D(3), 2: D(4)}


def test_a_county_takes_its_parks_figures_where_it_has_none_of_its_own() -> None:
    # January: only P's 3; February: X's own 10 (not P's 4 and not 10 + 4).
    assert unit_values(PLAN, LEDGER, A, "X") == {1: D(3), 2: D(10)}


def test_the_city_adds_up_top_level_units_and_keeps_its_own_record() -> None:
    figures, notes = city_values(PLAN, LEDGER, A)
    # Jan: X 3 + Y 5 = 8; Feb: X 10 (P's 4 is inside X, not counted twice);
    # Mar: units give Y's 6, but the city recorded 20 itself, which counts.
    assert figures == {1: D(8), 2: D(10), 3: D(20)}
    # The disagreement is a data-quality note, not an error: 20 recorded, 6 from units.
    assert notes == [QualityNote("A", 3, D(20), D(6))]


def test_year_to_date_figures_are_never_added_up() -> None:
    # R is a rate (combine = last): Y's 7.5 is Y's; the city has no figure of its own.
    assert city_values(PLAN, LEDGER, R) == ({}, [])
    assert unit_values(PLAN, LEDGER, R, "Y") == {1: D("7.5")}
    assert unit_values(PLAN, LEDGER, R, "X") == {}


def test_city_figures_are_worked_out_once_per_ledger() -> None:
    fresh = ledger(record("A", 1, "2", unit="X"), record("A", 1, "3", unit="Y"))
    first = city_values(PLAN, fresh, A)
    assert first == ({1: D(5)}, [])  # 2 + 3
    assert fresh.memo[("city", "A")] is not None
    fresh.memo[("city", "A")] = ({1: D(99)}, [])  # what is kept is what is given back
    assert city_values(PLAN, fresh, A) == ({1: D(99)}, [])


def test_without_units_the_city_is_its_own_records() -> None:
    plan = plan_of(indicator("A"))
    assert city_values(plan, ledger(record("A", 4, "12")), plan.indicator("A")) == (
        {4: D(12)},
        [],
    )


RATIO_PLAN = plan_of(
    indicator("N"),
    indicator("DEN"),
    indicator(
        "S",
        kind="share",
        unit="%",
        goal=30,
        combine="last",
        schedule="flat",
        numerator="N",
        denominator="DEN",
    ),
)


def test_a_share_is_worked_out_from_year_to_date_totals() -> None:
    book = ledger(
        record("N", 1, "3"), record("DEN", 1, "10"), record("N", 2, "2"), record("DEN", 2, "15")
    )
    # Jan: 3 / 10 x 100 = 30; Feb: (3 + 2) / (10 + 15) x 100 = 5 / 25 x 100 = 20 (not 2/15).
    figures, notes = city_values(RATIO_PLAN, book, RATIO_PLAN.indicator("S"))
    assert figures == {1: D(30), 2: D(20)} and notes == []


def test_a_shares_own_record_wins_and_a_zero_denominator_gives_no_figure() -> None:
    book = ledger(
        record("N", 1, "1"),
        record("DEN", 1, "0"),
        record("DEN", 2, "4"),
        record("DEN", 3, "6"),
        record("S", 3, "22"),
        record("N", 4, "0"),
    )
    # Jan: denominator total 0, no figure; Feb: 1 / (0 + 4) x 100 = 25;
    # Mar: the totals give 1 / (0 + 4 + 6) x 100 = 10, but the share's own 22 counts;
    # Apr: 1 / 10 x 100 = 10.
    figures, _ = city_values(RATIO_PLAN, book, RATIO_PLAN.indicator("S"))
    assert figures == {2: D(25), 3: D(22), 4: D(10)}
