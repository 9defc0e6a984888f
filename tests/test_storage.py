"""The data file: layout, corrections as history, hand edits, atomic writes."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from gxtrack.errors import FileProblemError, StorageError
from gxtrack.model.plan import Plan
from gxtrack.model.recording import Action
from gxtrack.model.records import Ledger, Record
from gxtrack.store.atomic import atomic_write
from gxtrack.store.data_file import append_records, load_data
from gxtrack.store.layout import record_line
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2024, 7, 2, 9, 15, tzinfo=CHINA)


def rec(code: str, month: str, value: str, note: str | None = None, minute: int = 0) -> Record:
    return Record(
        code=code,
        month=month,
        value=D(value),
        note=note,
        recorded_at=WHEN + timedelta(minutes=minute),
    )


@pytest.fixture
def paths(workdir: Path) -> Paths:
    return Paths.resolve(workdir / "targets.toml", None)


def test_first_record_creates_the_file_beside_the_plan(paths: Paths, bundled_plan: Plan) -> None:
    outcome = record_value(paths, bundled_plan, "2.4", "30", "2024-03")
    assert outcome.action is Action.RECORDED
    assert paths.data == paths.targets.parent / "actuals.toml"
    document = tomllib.loads(paths.data.read_text("utf-8"))
    assert document["schema_version"] == 1
    assert document["plan_year"] == 2024
    assert [(r["code"], r["month"], r["value"]) for r in document["records"]] == [
        ("2.4", "2024-03", 30)
    ]


def test_layout_is_one_readable_line_a_record(paths: Paths, bundled_plan: Plan) -> None:
    data = load_data(paths.data, bundled_plan)
    append_records(data, bundled_plan, [rec("1.1", "2024-02", "-1.5", "春节因素")])
    lines = paths.data.read_text("utf-8").splitlines()
    assert lines[-2] == (
        '  { code = "1.1", month = "2024-02", value = -1.5, note = "春节因素", '
        "recorded_at = 2024-07-02 09:15:00+08:00 },"
    )
    assert lines[-1] == "]"


def test_correction_keeps_the_old_value_and_newest_in_file_order_wins(
    paths: Paths, bundled_plan: Plan
) -> None:
    data = load_data(paths.data, bundled_plan)
    # The correction carries an *earlier* clock time: file order decides, not the clock.
    append_records(
        data,
        bundled_plan,
        [rec("2.4", "2024-06", "50", minute=10), rec("2.4", "2024-06", "55", minute=0)],
    )
    ledger = load_data(paths.data, bundled_plan, history=True).ledger
    assert ledger.monthly_values("2.4") == {6: D(55)}
    history = list(ledger.entries("2.4"))
    assert [(h.record.value, h.in_force) for h in history] == [(D(50), False), (D(55), True)]


def test_same_value_again_writes_nothing(paths: Paths, bundled_plan: Plan) -> None:
    record_value(paths, bundled_plan, "2.4", "55", "2024-06")
    before = paths.data.read_bytes()
    outcome = record_value(paths, bundled_plan, "2.4", "55", "2024-06")
    assert outcome.action is Action.UNCHANGED
    assert paths.data.read_bytes() == before


def test_ytd_total_is_kept_and_its_month_part_derived(paths: Paths, bundled_plan: Plan) -> None:
    record_value(paths, bundled_plan, "5.2", "1,200", "2024-03", ytd=True)
    outcome = record_value(paths, bundled_plan, "5.2", "2,610", "2024-06", ytd=True)
    assert (outcome.record.value, outcome.record.basis) == (D(2610), "ytd")  # as typed
    assert outcome.part == 1410  # 2610 - 1200
    assert 'value = 2610, basis = "ytd"' in paths.data.read_text("utf-8")
    ledger = load_data(paths.data, bundled_plan).ledger
    assert ledger.monthly_values("5.2") == {3: D(1200), 6: D(1410)}


def test_ytd_below_earlier_months_is_refused_unless_forced(
    paths: Paths, bundled_plan: Plan
) -> None:
    from gxtrack.errors import ImplausibleValueError

    record_value(paths, bundled_plan, "5.2", "1200", "2024-03")
    before = paths.data.read_bytes()
    # 1000 - 1200 = -200 for June: doubted, nothing written.
    with pytest.raises(ImplausibleValueError) as raised:
        record_value(paths, bundled_plan, "5.2", "1000", "2024-06", ytd=True, plausible=True)
    assert "-200" in raised.value.detail[0]
    assert paths.data.read_bytes() == before


def test_hand_comments_survive_a_record(paths: Paths, bundled_plan: Plan) -> None:
    record_value(paths, bundled_plan, "2.4", "30", "2024-03")
    text = paths.data.read_text("utf-8").replace(
        "records = [\n", "records = [\n  # 三月数据由李科长核对\n"
    )
    paths.data.write_text(text, "utf-8")
    record_value(paths, bundled_plan, "2.4", "25", "2024-06")
    assert "# 三月数据由李科长核对" in paths.data.read_text("utf-8")
    assert len(load_data(paths.data, bundled_plan, history=True).records) == 2


def test_hand_edit_without_trailing_comma_is_spliced(paths: Paths, bundled_plan: Plan) -> None:
    paths.data.write_text(
        "schema_version = 1\nplan_year = 2024\nrecords = [\n"
        '  { code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01T10:00:00 }\n'
        "]\n",
        "utf-8",
    )
    record_value(paths, bundled_plan, "2.4", "25", "2024-06")
    ledger = load_data(paths.data, bundled_plan, history=True).ledger
    assert ledger.monthly_values("2.4") == {3: D(30), 6: D(25)}


def test_array_of_tables_layout_gets_a_new_table_without_loss(
    paths: Paths, bundled_plan: Plan
) -> None:
    paths.data.write_text(
        'schema_version = 1\nplan_year = 2024\n\n[[records]]\ncode = "1.1"\n'
        'month = "2024-02"\nvalue = -1.5\nnote = "春节"\nrecorded_at = 2024-03-01T08:00:00Z\n',
        "utf-8",
    )
    record_value(paths, bundled_plan, "1.1", "4.2", "2024-03")
    records = load_data(paths.data, bundled_plan, history=True).records
    assert [(r.month, r.value, r.note) for r in records] == [
        ("2024-02", D("-1.5"), "春节"),
        ("2024-03", D("4.2"), None),
    ]


notes = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(note=notes, value=st.decimals(min_value=-1000, max_value=1000, places=3))
def test_record_line_round_trips_any_note_and_value(note: str, value: D) -> None:
    record = Record(code="1.1", month="2024-05", value=value, note=note or None, recorded_at=WHEN)
    line = record_line(record)
    assert line.count("\n") == 1  # one record, one line, whatever the note holds
    parsed = tomllib.loads(f"r = [\n{line}]", parse_float=D)["r"][0]
    assert TypeAdapter(Record).validate_python(parsed) == record


def write_data(path: Path, body: str) -> None:
    path.write_text(f"schema_version = 1\nplan_year = 2024\nrecords = [\n{body}]\n", "utf-8")


def test_unknown_code_in_data_file_points_at_its_line(paths: Paths, bundled_plan: Plan) -> None:
    write_data(
        paths.data,
        '  { code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01 },\n'
        '  { code = "9.9", month = "2024-03", value = 1, recorded_at = 2024-04-01 },\n',
    )
    with pytest.raises(FileProblemError) as caught:
        load_data(paths.data, bundled_plan)
    assert caught.value.message.startswith(f"{paths.data}:5:3: record 2 (9.9 2024-03)")
    assert "no indicator '9.9'" in caught.value.message


@pytest.mark.parametrize(
    ("value", "message"),
    [("-3", "negative"), ("nan", "finite"), ("inf", "finite"), ("2.5", "whole")],
)
def test_hand_edited_values_follow_the_same_rules(
    paths: Paths, bundled_plan: Plan, value: str, message: str
) -> None:
    write_data(
        paths.data,
        f'  {{ code = "2.4", month = "2024-03", value = {value}, recorded_at = 2024-04-01 }},\n',
    )
    with pytest.raises(FileProblemError, match=message):
        load_data(paths.data, bundled_plan)


def test_wrong_field_type_in_data_file(paths: Paths, bundled_plan: Plan) -> None:
    write_data(
        paths.data,
        '  { code = "2.4", month = "2024-03", value = "30", recorded_at = 2024-04-01 },\n',
    )
    with pytest.raises(FileProblemError, match=r":4:\d+: record 2.4: value"):
        load_data(paths.data, bundled_plan)


def test_newer_data_schema_is_refused_not_rewritten(paths: Paths, bundled_plan: Plan) -> None:
    paths.data.write_text("schema_version = 2\nplan_year = 2024\nrecords = []\n", "utf-8")
    before = paths.data.read_bytes()
    with pytest.raises(FileProblemError, match="newer gxtrack"):
        record_value(paths, bundled_plan, "2.4", "5", "2024-03")
    assert paths.data.read_bytes() == before


def test_data_file_of_another_year_is_refused(paths: Paths, bundled_plan: Plan) -> None:
    paths.data.write_text("schema_version = 1\nplan_year = 2023\nrecords = []\n", "utf-8")
    with pytest.raises(FileProblemError, match="for 2023, the plan for 2024"):
        load_data(paths.data, bundled_plan)


def test_bom_in_data_file_is_tolerated_and_kept(paths: Paths, bundled_plan: Plan) -> None:
    paths.data.write_bytes(b"\xef\xbb\xbfschema_version = 1\nplan_year = 2024\nrecords = [\n]\n")
    record_value(paths, bundled_plan, "2.4", "5", "2024-03")
    assert paths.data.read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_data(paths.data, bundled_plan).ledger.monthly_values("2.4") == {3: D(5)}


# ── atomic writes ───────────────────────────────────────────────────────────────────────


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "actuals.toml"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_symlinked_data_file_is_updated_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "actuals.toml"
    real.parent.mkdir()
    real.write_text("old", "utf-8")
    link = tmp_path / "actuals.toml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "actuals.toml"
    stale = tmp_path / ".actuals.toml.abc123.tmp"
    stale.write_text("half a file", "utf-8")
    atomic_write(target, b"new")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actuals.toml"]


def test_full_disk_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "actuals.toml"
    target.write_bytes(b"original")

    def no_space(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageError, match="disk is full"):
        atomic_write(target, b"new content")
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["actuals.toml"]


def test_ledger_latest_month() -> None:
    ledger = Ledger.of([rec("2.4", "2024-03", "1"), rec("1.1", "2024-07", "2")])
    assert ledger.latest_month() == 7
    assert Ledger.of([]).latest_month() is None
