"""Figures as releases publish them, in memory: year-to-date checkpoints, averages."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.model.plan import Plan
from gxtrack.model.progress import actual_to_date, mean_to_date, progress_of
from gxtrack.model.records import Ledger, Record, month_parts
from gxtrack.model.rollup import city_values
from tests.inmemory import AT, indicator, plan_of, record, unit


def total(code: str, month: int, value: str, unit: str | None = None) -> Record:
    return Record(
        code=code,
        month=f"2024-{month:02d}",
        recorded_at=AT,
        value=D(value),
        unit=unit,
        basis="ytd",
    )


def test_checkpoints_make_month_parts() -> None:
    # 303 (1—3月), 690 (1—6月), a month figure 40 in July, 1256 (1—12月):
    # March 303, June 690 - 303 = 387, July 40, December 1256 - (690 + 40) = 526.
    parts = month_parts({7: D(40)}, {3: D(303), 6: D(690), 12: D(1256)})
    assert parts == {3: D(303), 6: D(387), 7: D(40), 12: D(526)}


def test_a_revised_total_moves_the_next_part_and_no_other_total() -> None:
    book = Ledger.of(
        [
            total("A", 3, "303"),
            total("A", 6, "690"),
            total("A", 9, "1049"),
            total("A", 12, "1256"),
            total("A", 3, "305"),
        ]
    )
    # 305; 690 - 305 = 385; 1049 - 690 = 359; 1256 - 1049 = 207; the totals as typed.
    assert book.monthly_values("A") == {3: D(305), 6: D(385), 9: D(359), 12: D(207)}
    assert [book.typed_total("A", m) for m in (3, 6, 9, 12)] == [D(305), D(690), D(1049), D(1256)]
    # Appended one by one (the cached path) the parts come out the same.
    stepwise = Ledger({}, 0).with_value_records(
        [total("A", 3, "303"), total("A", 6, "690"), total("A", 3, "305")]
    )
    assert stepwise.monthly_values("A") == {3: D(305), 6: D(385)}


def test_the_citys_total_is_its_own_part_less_what_its_units_add_up_to() -> None:
    plan = plan_of(indicator("A"), units=[unit("X"), unit("Y")])
    book = Ledger.of(
        [record("A", 2, "10", unit="X"), record("A", 4, "5", unit="Y"), total("A", 6, "40")]
    )
    # Before June the city's figures are its units': Feb 10, Apr 5; June 40 - 15 = 25.
    assert city_values(plan, book, plan.indicator("A"))[0] == {2: D(10), 4: D(5), 6: D(25)}


def average_plan(**fields: object) -> Plan:
    return plan_of(
        indicator(
            "U",
            kind="rate",
            unit="%",
            goal=D("5.5"),
            combine="average",
            schedule="flat",
            comparator="<=",
            **fields,
        )
    )


def test_an_average_is_the_mean_of_the_months_with_a_figure() -> None:
    u = average_plan().indicator("U")
    # 5.3 (1—2月, counting for January and February), 5.2 (March), 5.0 (May; April none):
    # (5.3 x 2 + 5.2 + 5.0) / 4 = 20.8 / 4 = 5.2.
    figures = {2: D("5.3"), 3: D("5.2"), 5: D("5.0")}
    assert actual_to_date(u, figures, 5) == (D("5.2"), 5)
    # By March: (5.3 x 2 + 5.2) / 3 = 15.8 / 3 = 5.2666... (28 digits, rounded once).
    assert mean_to_date(figures, [2, 3]) == D("5.266666666666666666666666667")
    # January on its own, then February: (5.1 + 5.3) / 2 = 5.2.
    assert mean_to_date({1: D("5.1"), 2: D("5.3")}, [1, 2]) == D("5.2")
    progress = progress_of(u, figures, 5, D(90))
    assert progress.actual == D("5.2")  # 5.2 <= 5.5: on track


def test_an_average_typed_year_to_date_is_the_releases_own_mean() -> None:
    u = average_plan(entry="ytd").indicator("U")
    # The release's 1—5月平均 5.1 is typed as it is: the latest figure, not a mean of means.
    assert actual_to_date(u, {2: D("5.3"), 5: D("5.1")}, 5) == (D("5.1"), 5)
