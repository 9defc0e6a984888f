"""model/recording.py in memory: what recording a value means, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.recording import (
    Action,
    Entry,
    as_year_to_date,
    doubt,
    prepare_batch,
    prepare_record,
    prepare_undo,
)
from tests.inmemory import AT, indicator, ledger, plan_of, record, unit

PLAN = plan_of(
    indicator("A"),
    indicator("R", kind="rate", unit="%", goal=9, combine="last", schedule="flat"),
    units=[unit("X"), unit("Y"), unit("P", parent="X", kind="park")],
)


def entry(code: str, value: str, month: str, **more: object) -> Entry:
    return Entry(code, code, value, month, **more)  # type: ignore[arg-type]


def test_first_value_then_correction_then_unchanged() -> None:
    book = ledger(record("A", 6, "55", note="半年"))
    first = prepare_record(PLAN, ledger(), entry("A", "55", "2024-06"), now=AT)
    assert (first.action, first.previous) == (Action.RECORDED, None)
    assert (first.record.month, first.record.value, first.record.recorded_at) == (
        "2024-06",
        D(55),
        AT,
    )
    corrected = prepare_record(PLAN, book, entry("A", "56", "2024-6"), now=AT)
    assert (corrected.action, corrected.previous) == (Action.CORRECTED, D(55))
    # The same value, with no note or the same note, writes nothing.
    assert prepare_record(PLAN, book, entry("A", "55", "2024-06")).action is Action.UNCHANGED
    same_note = entry("A", "55", "2024-06", note=" 半年 ")  # the note is stripped
    assert prepare_record(PLAN, book, same_note).action is Action.UNCHANGED
    # A new note on the same value is a correction: the note is part of the record.
    new_note = entry("A", "55", "2024-06", note="含新增")
    assert prepare_record(PLAN, book, new_note).action is Action.CORRECTED


def test_a_blank_note_is_no_note_and_a_units_code_is_kept() -> None:
    outcome = prepare_record(PLAN, ledger(), entry("A", "3", "2024-01", note="  ", unit=" X "))
    assert outcome.record.note is None
    assert outcome.record.unit == "X"


def test_year_to_date_takes_off_the_months_before() -> None:
    # The city's months before June come from its units: Jan X 10 + Y 5, Mar P 8 (inside X).
    book = ledger(
        record("A", 1, "10", unit="X"), record("A", 1, "5", unit="Y"), record("A", 3, "8", unit="P")
    )
    outcome = prepare_record(PLAN, book, entry("A", "40", "2024-06", ytd=True))
    # The total is kept as typed; June's own part is 40 - (10 + 5 + 8) = 17.
    assert (outcome.record.value, outcome.record.basis) == (D(40), "ytd")
    assert (outcome.year_to_date, outcome.part) == (D(40), D(17))
    # For unit X: X's months before June are Jan 10 and (from its park) Mar 8: 30 - 18 = 12.
    for_x = prepare_record(PLAN, book, entry("A", "30", "2024-06", ytd=True, unit="X"))
    assert (for_x.record.value, for_x.part) == (D(30), D(12))


def test_year_to_date_below_what_came_before_is_doubted_not_refused() -> None:
    book = ledger(record("A", 1, "10"), record("A", 2, "15"))
    outcome = prepare_record(PLAN, book, entry("A", "20", "2024-03", ytd=True))
    # 20 - (10 + 15) = -5 for March: asked about (--force records it), not refused.
    assert outcome.part == D(-5)
    assert doubt(PLAN, book, outcome) == t(
        "doubt.negative_part", code="A", month="2024-03", part="-5 家"
    )


def test_year_to_date_of_a_rate_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_record(PLAN, ledger(), entry("R", "7.2", "2024-06", ytd=True))
    assert caught.value.message == t("record.ytd_not_sum", code="R")


def test_undo_says_what_counts_again() -> None:
    book = ledger(record("A", 6, "50"), record("A", 6, "55"))
    outcome = prepare_undo(PLAN, book, "A", "2024-06", now=AT)
    assert (outcome.action, outcome.previous, outcome.restored) == (Action.UNDONE, D(55), D(50))
    assert outcome.record.undo and outcome.record.value is None
    last = prepare_undo(PLAN, ledger(record("A", 6, "50")), "A", "2024-06")
    assert (last.previous, last.restored) == (D(50), None)


def test_undo_with_nothing_in_force_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_undo(PLAN, ledger(record("A", 6, "50", unit="X")), "A", "2024-06")
    assert caught.value.message == t("undo.nothing", code="A", month="2024-06")


def test_a_batch_applies_its_entries_in_order() -> None:
    entries = [
        entry("A", "10", "2024-01", ytd=True),
        entry("A", "25", "2024-02", ytd=True),
        entry("A", "25", "2024-02", ytd=True),  # the same again: unchanged
    ]
    outcomes = prepare_batch(PLAN, ledger(), entries, source="sheet.xlsx")
    # Jan 10; Feb 25 - 10 = 15; then the total 25 is already in force for February.
    assert [(o.action, o.record.value, o.part) for o in outcomes] == [
        (Action.RECORDED, D(10), D(10)),
        (Action.RECORDED, D(25), D(15)),
        (Action.UNCHANGED, D(25), None),
    ]


def test_a_batch_names_every_bad_entry_and_records_none() -> None:
    entries = [
        Entry("row 2", "A", "5", "2024-01"),
        Entry("row 3", "A", "-1", "2024-02"),
        Entry("row 4", "ZZ", "5", "2024-02"),
    ]
    with pytest.raises(InvalidInputError) as caught:
        prepare_batch(PLAN, ledger(), entries, source="sheet.csv")
    assert caught.value.message == t("import.rejected", path="sheet.csv", count=2)
    negative = t("number.negative", value=D(-1), kind=t("kind.count"))
    assert caught.value.detail == (
        f"  row 3: {negative}",
        f"  row 4: {t('plan.no_indicator', code='ZZ')}",
    )
    with pytest.raises(InvalidInputError) as single:
        prepare_batch(PLAN, ledger(), entries[1:2], source="A", single=True)
    assert single.value.message == negative


def test_year_to_date_import_marks_only_summed_indicators() -> None:
    entries = [entry("A", "1", "2024-01"), entry("R", "2", "2024-01"), entry("ZZ", "3", "2024-01")]
    assert [e.ytd for e in as_year_to_date(PLAN, entries)] == [True, False, False]
