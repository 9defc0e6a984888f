"""The fast reader of gxtrack's layout agrees with tomllib + pydantic, or steps aside."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxtrack.model.records import Record
from gxtrack.store.data_file import data_document_model
from gxtrack.store.layout import read_layout, record_line, render_document

codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True)
notes = st.none() | st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
values = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False)
times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2099, 1, 1),
    timezones=st.none()  # type: ignore[arg-type]  # hypothesis types it too narrowly
    | st.just(UTC)
    | st.builds(timezone, st.integers(-12, 14).map(lambda h: timedelta(hours=h))),
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    kind = draw(st.sampled_from(["value", "undo", "note_only"]))
    note = draw(notes)
    if kind == "note_only" and (note is None or not note.strip()):
        note = "本月无新增" if note is None else note + "待统计局反馈"
    return Record(
        code=draw(codes),
        month=f"2024-{draw(st.integers(1, 12)):02d}",
        recorded_at=draw(times),
        value=draw(values) if kind == "value" else None,
        unit=draw(st.none() | codes),
        note=note,
        undo=kind == "undo",
        note_only=kind == "note_only",
    )


def slow_read(text: str) -> tuple[int, list[Record]]:
    document = data_document_model().model_validate(tomllib.loads(text, parse_float=D))
    return document.plan_year, document.records


@settings(max_examples=200, deadline=None)
@given(st.lists(records(), max_size=8))
def test_fast_reader_agrees_with_tomllib_and_pydantic(made: list[Record]) -> None:
    text = render_document("计划", 2024, made)
    fast = read_layout(text)
    slow = slow_read(text)
    assert slow == (2024, made)  # what gxtrack writes reads back as written
    if fast is not None:
        assert fast == slow
    else:  # the fast reader may step aside, e.g. for exponent-formatted decimals
        assert any(r.value is not None and "e" in f"{r.value}".lower() for r in made)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("value = 30", "value = 3_0"),  # TOML, but not our layout
        lambda t: t.replace("value = 30", "value = 30.0e0"),
        lambda t: t.replace(" },\n", " }, # 注释\n", 1),
        lambda t: t.replace("schema_version = 1", "schema_version=1"),
        lambda t: t.replace('code = "2.4"', "code = '2.4'"),
        lambda t: t.replace("2024-07-02 09:15:00+08:00", "2024-07-02t09:15:00+08:00"),
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("recorded_at = 2024-07-02 09:15:00+08:00", "recorded_at = 2024-07-02"),
    ],
)
def test_other_styles_fall_back_to_tomllib(edit: object) -> None:
    record = Record(
        code="2.4",
        month="2024-06",
        value=D(30),
        note="注意",
        recorded_at=datetime(2024, 7, 2, 9, 15, tzinfo=timezone(timedelta(hours=8))),
    )
    text = render_document("计划", 2024, [record])
    assert read_layout(text) is not None
    assert callable(edit)
    edited = edit(text)
    assert read_layout(edited) is None
    assert slow_read(edited)[1][0].code == "2.4"  # still valid TOML, read the slow way


def test_impossible_dates_fall_back_so_tomllib_can_say_where() -> None:
    line = record_line(
        Record(code="2.4", month="2024-06", value=D(1), recorded_at=datetime(2024, 7, 2, 9, 15))
    )
    text = render_document("计划", 2024, []).replace("]\n", line.replace("07-02", "02-30") + "]\n")
    assert read_layout(text) is None


def test_comments_and_blank_lines_between_records_are_fine(tmp_path: Path) -> None:
    record = Record(code="2.4", month="2024-06", value=D(30), recorded_at=datetime(2024, 7, 2))
    text = render_document("计划", 2024, [record, record])
    edited = text.replace("records = [\n", "records = [\n  # 六月\n\n", 1)
    parsed = read_layout(edited)
    assert parsed is not None and len(parsed[1]) == 2
