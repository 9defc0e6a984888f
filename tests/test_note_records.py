"""A note-only record — a note for a month with no value ("本月无新增",
"待统计局反馈"). It changes no number; the fast and the slow reader both take it; it is
written in the file's own style, kept in the cache, and history and the report show it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest

from gxtrack.model.plan import Plan
from gxtrack.model.recording import Action, Entry, prepare_batch
from gxtrack.model.records import EntryState, Record
from gxtrack.output.outcomes import describe
from gxtrack.store.data_file import append_records, load_data
from gxtrack.store.layout import read_layout, record_line
from gxtrack.store.transactions import record_batch
from gxtrack.store.workspace import Paths

from .conftest import Cli

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2024, 8, 2, 9, 15, tzinfo=CHINA)
NOTE = Record(code="1.1", month="2024-07", note_only=True, note="待统计局反馈", recorded_at=WHEN)
NOTE_LINE = (
    '  { code = "1.1", month = "2024-07", note_only = true, note = "待统计局反馈", '
    "recorded_at = 2024-08-02 09:15:00+08:00 },\n"
)
JUNE = Record(code="1.1", month="2024-06", value=D(5), recorded_at=WHEN)


@pytest.fixture
def paths(workdir: Path) -> Paths:
    return Paths.resolve(workdir / "targets.toml", None)


def test_the_line_is_the_documented_one_and_both_readers_take_it() -> None:
    assert record_line(NOTE) == NOTE_LINE
    document = "schema_version = 1\nplan_year = 2024\nrecords = [\n" + NOTE_LINE + "]\n"
    assert read_layout(document) == (2024, [NOTE])


def test_appended_in_gxtracks_layout_kept_by_the_cache_and_read_slowly_alike(
    paths: Paths, bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load_data(paths.data, bundled_plan)
    append_records(data, bundled_plan, [JUNE])
    append_records(load_data(paths.data, bundled_plan), bundled_plan, [NOTE])
    text = paths.data.read_text("utf-8")
    assert text.endswith(NOTE_LINE + "]\n")  # spliced in as one line, before the `]`
    cached = load_data(paths.data, bundled_plan)  # the snapshot the append left
    assert cached.ledger.records is None  # really from the cache
    assert cached.ledger.notes == {("1.1", None): {7: "待统计局反馈"}}
    assert cached.ledger.monthly_values("1.1") == {6: D(5)}
    monkeypatch.setenv("GXTRACK_NO_CACHE", "1")
    fresh = load_data(paths.data, bundled_plan)
    assert fresh.ledger.notes == cached.ledger.notes and fresh.canonical
    # A hand edit in another style (a comment inside a line) is read the slow way.
    paths.data.write_text(text.replace(" },\n]", " }, # 手工\n]"), "utf-8")
    slow = load_data(paths.data, bundled_plan)
    assert not slow.canonical and list(slow.records) == [JUNE, NOTE]
    assert [e.state for e in slow.ledger.entries()] == [EntryState.IN_FORCE, EntryState.NOTE]


def test_a_hand_edited_table_style_file_gets_the_note_in_its_style(
    paths: Paths, bundled_plan: Plan
) -> None:
    original = (
        "schema_version = 1\nplan_year = 2024\n\n[[records]]\n"
        'code = "1.1"\nmonth = "2024-06"\nvalue = 5\nrecorded_at = 2024-08-02T09:15:00+08:00\n'
    )
    paths.data.write_text(original, "utf-8")
    append_records(load_data(paths.data, bundled_plan), bundled_plan, [NOTE])
    after = paths.data.read_text("utf-8")
    assert after.startswith(original)  # every byte of the hand edit kept
    assert after[len(original) :] == (
        '\n[[records]]\ncode = "1.1"\nmonth = "2024-07"\nnote_only = true\n'
        'note = "待统计局反馈"\nrecorded_at = 2024-08-02 09:15:00+08:00\n'
    )


def test_a_note_without_a_value_is_noted_once_then_unchanged(bundled_plan: Plan) -> None:
    data_ledger = load_data(Path("/nonexistent/actuals.toml"), bundled_plan).ledger
    entry = Entry("row 7", "1.1", "", "2024-07", note=" 本月无新增 ")
    (first,) = prepare_batch(bundled_plan, data_ledger, [entry], source="s.xlsx")
    assert first.action is Action.NOTED and first.record.note_only
    assert first.record.note == "本月无新增" and first.record.value is None
    again = data_ledger.with_value_records([first.record])
    (second,) = prepare_batch(bundled_plan, again, [entry], source="s.xlsx")
    assert second.action is Action.UNCHANGED  # the same sheet twice changes nothing
    assert "本月无新增" in describe(first) and "nothing written" in describe(second)


def test_recorded_through_the_lock_and_shown_by_history_in_both_languages(
    paths: Paths, bundled_plan: Plan, cli: Cli
) -> None:
    record_batch(
        paths,
        bundled_plan,
        [Entry("r", "1.1", "5", "2024-06"), Entry("r", "1.1", "", "2024-07", "待统计局反馈")],
        source="t",
    )
    english = cli("history", "1.1")
    assert english.exit_code == 0, english.output
    (july,) = [line for line in english.output.splitlines() if line.startswith("2024-07")]
    assert july.split() == ["2024-07", "—", "note", "only", "待统计局反馈", july.split()[-1]]
    assert "2 records, 1 in force" in english.output  # the note is no value in force
    chinese = cli("history", "1.1", "--lang", "zh")
    assert "仅备注" in chinese.output and "待统计局反馈" in chinese.output
    rows = json.loads(cli("history", "1.1", "--format", "json").output)["records"]
    assert [(r["value"], r["state"], r["note_only"], r["in_force"]) for r in rows] == [
        (5, "in force", False, True),
        (None, "note", True, False),
    ]


def test_a_note_changes_no_number_and_the_report_shows_it(
    paths: Paths, bundled_plan: Plan, cli: Cli, workdir: Path
) -> None:
    record_batch(paths, bundled_plan, [Entry("r", "1.1", "5", "2024-06")], source="t")
    before = cli("status", "--format", "json", "--as-of", "2024-07").output
    note = Entry("r", "1.1", "", "2024-07", "待统计局反馈")
    record_batch(paths, bundled_plan, [note], source="t")
    assert cli("status", "--format", "json", "--as-of", "2024-07").output == before
    result = cli("report", "--as-of", "2024-07", "-o", "r.html")
    assert result.exit_code == 0, result.output
    html = (workdir / "r.html").read_text("utf-8")
    # The month has no value: a dash where the value would be, then the note.
    assert "<td>2024-07</td>" in html and "<td>—</td><td>待统计局反馈</td>" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("", "value is missing"),  # the flag and the note both gone
        ('note_only = true, note = "  ", ', "a note-only record needs a note"),
        ("note_only = true, ", "a note-only record needs a note"),
        ('note_only = true, value = 3, note = "n", ', "a note-only record has no value"),
        ('note_only = true, undo = true, note = "n", ', "an undo or a note-only record, not"),
        ('note_only = false, note = "n", ', "value is missing"),
    ],
)
def test_hand_edits_that_break_a_note_are_refused_with_where(
    paths: Paths, cli: Cli, fields: str, message: str
) -> None:
    line = f'  {{ code = "1.1", month = "2024-07", {fields}recorded_at = 2024-08-02 }},\n'
    paths.data.write_text(
        "schema_version = 1\nplan_year = 2024\nrecords = [\n" + line + "]\n", "utf-8"
    )
    before = paths.data.read_bytes()
    result = cli("validate")
    assert result.exit_code == 4, result.output
    assert "actuals.toml:4:3" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert paths.data.read_bytes() == before
