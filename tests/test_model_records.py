"""model/records.py in memory: which value is in force, and what became of each record."""

from __future__ import annotations

from decimal import Decimal as D

from gxtrack.i18n import t
from gxtrack.model.records import (
    EntryState,
    Ledger,
    Standing,
    first_invalid_record,
    record_fields,
)
from tests.inmemory import AT, indicator, ledger, note_record, plan_of, record, unit

PLAN = plan_of(
    indicator("A"),
    indicator("B", kind="amount", unit="亿元"),
    indicator("C", by_unit=False),
    units=[unit("X")],
)
HISTORY = [
    record("A", 1, "5"),  # 0: superseded by 1, then in force again after the undo
    record("A", 1, "7", note="更正"),  # 1: withdrawn by 2
    record("A", 1, None),  # 2: the undo
    record("A", 2, "9", unit="X"),  # 3: X's own series
    record("B", 3, "2.5"),  # 4
]


def test_an_undo_brings_back_the_value_before() -> None:
    book = ledger(*HISTORY)
    assert book.value_in_force("A", 1) == Standing(D(5), None)
    assert book.monthly_values("A") == {1: D(5)}
    assert book.monthly_values("A", "X") == {2: D(9)}  # a unit is a series of its own
    assert book.value_in_force("A", 2) is None  # X's February is not the city's
    assert book.latest_month() == 3
    assert book.record_count == 5


def test_every_record_has_its_state() -> None:
    states = [entry.state for entry in ledger(*HISTORY).entries()]
    assert states == [
        EntryState.IN_FORCE,
        EntryState.WITHDRAWN,
        EntryState.UNDO,
        EntryState.IN_FORCE,
        EntryState.IN_FORCE,
    ]
    assert [entry.position for entry in ledger(*HISTORY).entries("A")] == [0, 1, 2, 3]


def test_a_correction_supersedes_and_the_newest_counts() -> None:
    book = ledger(record("A", 4, "1"), record("A", 4, "2"), record("A", 4, "3", note="n"))
    assert [e.state for e in book.entries()] == [
        EntryState.SUPERSEDED,
        EntryState.SUPERSEDED,
        EntryState.IN_FORCE,
    ]
    assert book.value_in_force("A", 4) == Standing(D(3), "n")


def test_undoing_more_than_there_is_leaves_nothing_in_force() -> None:
    book = ledger(record("A", 5, "1"), record("A", 5, None), record("A", 5, None))
    assert book.value_in_force("A", 5) is None
    assert book.monthly_values("A") == {}
    assert [e.state for e in book.entries()] == [
        EntryState.WITHDRAWN,
        EntryState.UNDO,
        EntryState.UNDO,
    ]
    assert book.latest_month() is None


def test_value_records_appended_to_a_snapshot_go_in_force() -> None:
    # A snapshot (from the cache) has the values in force but not the records.
    snapshot = Ledger({("A", None): {1: (D(5), None)}}, record_count=3)
    after = snapshot.with_value_records([record("A", 1, "6"), record("A", 2, "4")])
    assert after.monthly_values("A") == {1: D(6), 2: D(4)}
    assert after.record_count == 5  # 3 + 2
    assert snapshot.monthly_values("A") == {1: D(5)}  # the snapshot is not changed


def test_a_snapshot_reads_its_values_only_when_asked() -> None:
    reads: list[int] = []

    def read() -> dict[tuple[str, str | None], dict[int, tuple[D, str | None]]]:
        reads.append(1)
        return {("A", None): {6: (D(55), "半年")}}

    book = Ledger(read, record_count=1, latest_month=6)
    assert book.latest_month() == 6 and reads == []
    assert book.value_in_force("A", 6) == Standing(D(55), "半年")
    assert book.value_in_force("A", 7) is None
    assert reads == [1]


def test_the_first_invalid_record_and_why() -> None:
    good = record("A", 1, "5")
    cases = [
        (record("ZZ", 1, "5"), t("plan.no_indicator", code="ZZ")),
        (record("A", 1, "-1"), t("number.negative", value=D(-1), kind=t("kind.count"))),
        (record("A", 1, "2.5"), t("number.not_whole", value=D("2.5"))),
        (record("A", 1, "5", unit="Q"), t("plan.no_unit", code="Q")),
        (record("C", 1, "5", unit="X"), t("record.not_by_unit", code="C")),
    ]
    for bad, message in cases:
        found = first_invalid_record([good, good, bad, good], PLAN)
        assert found is not None
        index, error = found
        assert (index, error.message) == (2, message)
    assert first_invalid_record([good, record("B", 2, "0.5")], PLAN) is None


def test_a_month_outside_the_plan_year_is_invalid() -> None:
    outside = record("A", 1, "5")
    outside = type(outside)(code="A", month="2023-01", recorded_at=AT, value=D(5))
    found = first_invalid_record([outside], PLAN)
    assert found is not None
    assert found[1].message == t("data.month_outside", month="2023-01", year=2024)


def test_record_fields_in_file_order_without_empty_ones() -> None:
    assert record_fields(record("A", 1, "5.00", note="n")) == {
        "code": "A",
        "month": "2024-01",
        "value": 5,  # whole: written as an integer
        "note": "n",
        "recorded_at": AT,
    }
    assert list(record_fields(record("A", 1, None, unit="X"))) == [
        "code",
        "month",
        "unit",
        "undo",
        "recorded_at",
    ]
    assert record_fields(record("B", 3, "2.5"))["value"] == D("2.5")


# ── Note-only records ────────────────────────────────────────────────────────────────


def test_a_note_only_record_changes_no_number_and_stands_for_its_month() -> None:
    book = ledger(record("A", 6, "30"), note_record("A", 7, "待统计局反馈"))
    assert book.monthly_values("A") == {6: D(30)}  # July has no value: nothing counts
    assert book.value_in_force("A", 7) is None
    assert book.month_note("A", 7) == "待统计局反馈"
    assert book.latest_month() == 6  # a note is not a month with data
    assert [e.state for e in book.entries()] == [EntryState.IN_FORCE, EntryState.NOTE]
    assert [e.current for e in book.entries()] == [True, True]


def test_any_later_record_for_the_month_supersedes_the_note() -> None:
    book = ledger(
        note_record("A", 7, "待统计局反馈"),  # 0: superseded by the value that came
        record("A", 7, "12"),  # 1: in force
        note_record("A", 8, "本月无新增"),  # 2: superseded by the next note
        note_record("A", 8, "本月无新增，待核实"),  # 3: stands
        note_record("A", 9, "x", unit="X"),  # 4: X's own series: stands
    )
    assert [e.state for e in book.entries()] == [
        EntryState.SUPERSEDED,
        EntryState.IN_FORCE,
        EntryState.SUPERSEDED,
        EntryState.NOTE,
        EntryState.NOTE,
    ]
    assert book.month_note("A", 7) is None
    assert book.month_note("A", 8) == "本月无新增，待核实"
    assert book.month_note("A", 9) is None and book.month_note("A", 9, "X") == "x"
    # A note after a value stands beside it; the value stays in force.
    after = ledger(record("A", 7, "12"), note_record("A", 7, "含补报"))
    assert after.value_in_force("A", 7) == Standing(D(12), None)
    assert after.month_note("A", 7) == "含补报"
    # An undo is a later record too: the note goes with the value it was about.
    undone = ledger(record("A", 7, "12"), note_record("A", 7, "含补报"), record("A", 7, None))
    assert undone.month_note("A", 7) is None and undone.value_in_force("A", 7) is None


def test_notes_appended_to_a_snapshot_stand_and_a_value_ends_them() -> None:
    snapshot = Ledger({("A", None): {1: (D(5), None)}}, record_count=1)
    noted = snapshot.with_value_records([note_record("A", 2, "本月无新增")])
    assert noted.notes == {("A", None): {2: "本月无新增"}}
    assert noted.monthly_values("A") == {1: D(5)} and noted.record_count == 2
    valued = noted.with_value_records([record("A", 2, "3")])
    assert valued.notes == {} and valued.monthly_values("A") == {1: D(5), 2: D(3)}
    assert snapshot.notes == {}  # the snapshot is not changed


def test_a_note_only_record_is_written_with_its_flag_and_no_value() -> None:
    assert list(record_fields(note_record("A", 7, "n", unit="X"))) == [
        "code",
        "month",
        "unit",
        "note_only",
        "note",
        "recorded_at",
    ]
    assert first_invalid_record([note_record("A", 7, "n")], PLAN) is None
    assert first_invalid_record([note_record("ZZ", 7, "n")], PLAN) is not None
