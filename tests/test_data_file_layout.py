"""A hand-edited data file keeps its hand
edits and line endings when a record is added; the fast reader means exactly what TOML
means or steps aside; a record broken over lines is named as such."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gxtrack.errors import FileProblemError
from gxtrack.model.plan import Plan
from gxtrack.model.records import Record
from gxtrack.store.data_file import (
    RewriteNotice,
    append_records,
    data_document_model,
    load_data,
)
from gxtrack.store.layout import read_layout, record_line, render_document
from gxtrack.store.workspace import Paths

from .conftest import Cli

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2024, 7, 2, 9, 15, tzinfo=CHINA)
NEW = Record(code="1.1", month="2024-03", value=D("4.2"), recorded_at=WHEN)
NEW_LINE = (
    '{ code = "1.1", month = "2024-03", value = 4.2, recorded_at = 2024-07-02 09:15:00+08:00 },'
)
NEW_TABLE = [
    "[[records]]",
    'code = "1.1"',
    'month = "2024-03"',
    "value = 4.2",
    "recorded_at = 2024-07-02 09:15:00+08:00",
]


@pytest.fixture
def paths(workdir: Path) -> Paths:
    return Paths.resolve(workdir / "targets.toml", None)


def record_into(
    paths: Paths, plan: Plan, original: bytes, on_rewrite: RewriteNotice | None = None
) -> bytes:
    """Write `original` as the data file, append NEW, and return the file's bytes."""
    paths.data.write_bytes(original)
    append_records(load_data(paths.data, plan), plan, [NEW], on_rewrite=on_rewrite)
    return paths.data.read_bytes()


def values(paths: Paths, plan: Plan) -> list[tuple[str, str, D | None]]:
    return [(r.code, r.month, r.value) for r in load_data(paths.data, plan, history=True).records]


# ── item 4: hand edits and line endings are kept ──────────────────────────────────────


ARRAY_OF_TABLES = [
    "# 2024年数据，手工整理",
    "schema_version = 1",
    "plan_year = 2024",
    "",
    "# 二月：春节因素",
    "[[records]]",
    'code = "1.1"',
    'month = "2024-02"',
    "value = -1.5  # 统计局口径",
    "recorded_at = 2024-03-01T08:00:00Z",
    "",
]


def test_array_of_tables_gets_a_new_table_in_its_style(paths: Paths, bundled_plan: Plan) -> None:
    original = "\n".join(ARRAY_OF_TABLES).encode("utf-8")
    after = record_into(paths, bundled_plan, original)
    # Every byte kept, then a blank line (as before the file's own table) and the table.
    assert after == original + ("\n" + "\n".join(NEW_TABLE) + "\n").encode("utf-8")
    assert values(paths, bundled_plan) == [
        ("1.1", "2024-02", D("-1.5")),
        ("1.1", "2024-03", D("4.2")),
    ]


def test_crlf_indented_tables_stay_crlf_and_indented(paths: Paths, bundled_plan: Plan) -> None:
    lines = [line if not line or line[0] in "#[s" else "    " + line for line in ARRAY_OF_TABLES]
    original = "\r\n".join(lines).encode("utf-8")
    after = record_into(paths, bundled_plan, original)
    table = [NEW_TABLE[0], *("    " + pair for pair in NEW_TABLE[1:])]
    assert after == original + ("\r\n" + "\r\n".join(table) + "\r\n").encode("utf-8")
    assert after.count(b"\n") == after.count(b"\r\n")  # not one bare LF


INLINE_WITH_COMMENTS = [
    "schema_version = 1",
    "plan_year = 2024",
    "records = [",
    "    # 三月数据由李科长核对",
    '    { code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01T10:00:00 },'
    " # 已核对",
    "",
    "    # 六月",
    '    { code = "2.4", month = "2024-06", value = 25, recorded_at = 2024-07-01T10:00:00 }',
    "]  # 完",
    "# 文件结束",
    "",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_inline_array_with_comments_keeps_them_and_its_line_endings(
    paths: Paths, bundled_plan: Plan, newline: str
) -> None:
    original = newline.join(INLINE_WITH_COMMENTS).encode("utf-8")
    after = record_into(paths, bundled_plan, original)
    # The last record gains the comma it lacked; the new line is indented like the others.
    last, rest = INLINE_WITH_COMMENTS[7], INLINE_WITH_COMMENTS[8:]
    expected = [*INLINE_WITH_COMMENTS[:7], last + ",", "    " + NEW_LINE, *rest]
    assert after == newline.join(expected).encode("utf-8")
    assert values(paths, bundled_plan) == [
        ("2.4", "2024-03", D(30)),
        ("2.4", "2024-06", D(25)),
        ("1.1", "2024-03", D("4.2")),
    ]


def test_mixed_line_endings_follow_the_most_lines_and_keep_every_byte(
    paths: Paths, bundled_plan: Plan
) -> None:
    # Five CRLF line ends and one LF (a line pasted in from elsewhere): CRLF wins.
    original = (
        "schema_version = 1\r\nplan_year = 2024\r\nrecords = [\r\n"
        '  { code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01 },\n'
        "  # 注释\r\n]\r\n"
    ).encode()
    after = record_into(paths, bundled_plan, original)
    assert after == original.replace(b"]\r\n", f"  {NEW_LINE}\r\n]\r\n".encode())


def test_a_file_without_records_gets_the_array_at_its_end(paths: Paths, bundled_plan: Plan) -> None:
    original = "# 空文件\r\nschema_version = 1\r\nplan_year = 2024".encode()  # no final newline
    after = record_into(paths, bundled_plan, original)
    assert after == original + f"\r\nrecords = [\r\n  {NEW_LINE}\r\n]\r\n".encode()


def test_a_layout_that_cannot_be_extended_is_rewritten_after_a_notice_with_a_backup(
    paths: Paths, bundled_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    # The store does not write the notice to stderr itself; it tells the
    # caller (the CLI says it: tests/test_layers.py), before the backup is written.
    notices: list[tuple[Path, bool]] = []
    # One line for the whole array with a comment after it: no place for a new line.
    original = (
        "schema_version = 1\r\nplan_year = 2024\r\nrecords = [ "
        '{ code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01 } ]  # 一行\r\n'
    ).encode()
    after = record_into(
        paths,
        bundled_plan,
        original,
        lambda data, backup: notices.append((backup, backup.exists())),
    )
    backups = list(paths.data.parent.glob("actuals.toml.bak-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert notices == [(backups[0], False)]  # told before the backup was written
    assert capsys.readouterr().err == ""  # the store itself prints nothing
    assert b"\n" not in after.replace(b"\r\n", b"")  # CRLF still, never mixed
    assert values(paths, bundled_plan) == [("2.4", "2024-03", D(30)), ("1.1", "2024-03", D("4.2"))]


def test_gxtracks_own_layout_is_still_spliced_without_a_backup(
    paths: Paths, bundled_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    original = render_document("计划", 2024, []).encode("utf-8")
    after = record_into(paths, bundled_plan, original)
    assert after == original.replace(b"]\n", f"  {NEW_LINE}\n]\n".encode())
    assert capsys.readouterr().err == ""
    assert not list(paths.data.parent.glob("*.bak-*"))


# ── item 15 (part): a record split over lines is named in the user's words ───────────


@pytest.mark.parametrize(
    ("broken", "column"),
    [
        ('  { code = "2.4", month = "2024-03",\n    value = 30, recorded_at = 2024-04-01 },\n', 37),
        (
            '  { code = "2.4", month = "2024-03", value = 30, note = "第一行\n第二行", '
            "recorded_at = 2024-04-01 },\n",
            61,
        ),  # 60 characters, then the break
    ],
)
def test_a_record_split_over_lines_says_records_stay_on_one_line(
    paths: Paths, bundled_plan: Plan, broken: str, column: int
) -> None:
    original = f"schema_version = 1\nplan_year = 2024\nrecords = [\n{broken}]\n".encode()
    paths.data.write_bytes(original)
    with pytest.raises(FileProblemError) as caught:
        load_data(paths.data, bundled_plan)
    error = caught.value
    assert error.message == (
        f"{paths.data}:4:{column}: this record goes on past the end of its line; "
        "in the data file each record stays on one line, from { to }"
    )
    assert error.detail[1].endswith("^") and error.hint is not None and "one" in error.hint
    assert paths.data.read_bytes() == original


def test_a_record_split_over_lines_fails_record_with_exit_4_and_no_change(
    paths: Paths, cli: Cli
) -> None:
    original = b'schema_version = 1\nplan_year = 2024\nrecords = [\n  {\n    code = "2.4" },\n]\n'
    paths.data.write_bytes(original)
    result = cli("record", "2.4", "5", "-m", "2024-07")
    assert result.exit_code == 4
    assert "actuals.toml:4:4: this record goes on past the end of its line" in result.output
    assert paths.data.read_bytes() == original


def test_other_broken_lines_keep_tomllibs_own_message(paths: Paths, bundled_plan: Plan) -> None:
    # The line ends inside a table, but the error is earlier on it: not a split record.
    paths.data.write_text(
        'schema_version = 1\nplan_year = 2024\nrecords = [\n  { code = 2.4.1, month = "x",\n]\n',
        "utf-8",
    )
    with pytest.raises(FileProblemError) as caught:
        load_data(paths.data, bundled_plan)
    assert "invalid TOML" in caught.value.message and "one line" not in caught.value.message


# ── item 9: the fast reader means what TOML means, or steps aside ────────────────────


def slow_read(text: str) -> tuple[int, list[Record]] | None:
    """What tomllib and pydantic make of the text; None when either refuses it."""
    try:
        document = data_document_model().model_validate(tomllib.loads(text, parse_float=D))
    except (tomllib.TOMLDecodeError, ValidationError):
        return None
    return document.plan_year, document.records


BASE = Record(code="2.4", month="2024-06", value=D(30), note="注意", recorded_at=WHEN)


def document_with(line: str, comment: str = "# 注释") -> str:
    return f"{comment}\nschema_version = 1\nplan_year = 2024\nrecords = [\n{line}]\n"


@pytest.mark.parametrize(
    ("valid", "invalid"),
    [
        # Python's \d matches these, and Decimal("3٠") is 30, int("202٤") is 2024.
        ("value = 30", "value = 3٠"),  # an Arabic-Indic zero
        ("value = 30", "value = 3０"),  # a full-width zero
        ("plan_year = 2024", "plan_year = 202٤"),
        ("2024-07-02", "2024-07-0２"),
        ("09:15:00+08:00", "09:15:00+08:60"),  # a minute 60 in the offset
        ('note = "注意"', 'note = "\\uDC00"'),  # a lone low surrogate
        ('note = "注意"', 'note = "\\uD83D\\uDE00"'),  # a pair of them, still not TOML
    ],
)
def test_what_tomllib_refuses_the_fast_reader_refuses(valid: str, invalid: str) -> None:
    text = document_with(record_line(BASE))
    assert read_layout(text) is not None
    edited = text.replace(valid, invalid)
    assert edited != text
    assert slow_read(edited) is None
    assert read_layout(edited) is None


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x7f", "\r"])
@pytest.mark.parametrize("where", ["header", "between records", "trailer"])
def test_control_characters_in_comments_are_refused(control: str, where: str) -> None:
    comment = f"# 注释{control}x"
    line = record_line(BASE)
    if where == "header":
        text = document_with(line, comment)
    elif where == "between records":
        text = document_with(f"  {comment}\n{line}")
    else:
        text = document_with(line) + comment + "\n"
    assert slow_read(text) is None
    assert read_layout(text) is None
    assert read_layout(text.replace(control, "\t")) is not None  # a tab is fine


def test_plan_year_with_a_leading_zero_is_not_toml() -> None:
    text = document_with(record_line(BASE)).replace("plan_year = 2024", "plan_year = 0204")
    assert slow_read(text) is None and read_layout(text) is None


# Characters most likely to find a disagreement, mixed into any Unicode at all.
TRICKY = st.sampled_from(
    [
        "٣",
        "３",
        "߀",
        "\\uDC00",
        "\\uD800",
        "\\u0041",
        "\\U0001F600",
        "\\x41",
        "\\e",
        "\\/",
        "\x00",
        "\x01",
        "\x7f",
        "\r",
        "\t",
        "\u2028",
        "\x85",
        "#",
        '"',
        "'",
        "\\",
        "{",
        "}",
        ",",
        " ",
        "=",
        "_",
        "e",
        "+",
        ".",
        "T",
        "Z",
        "60",
        "24",
    ]
)
# Any code point at all, lone surrogates too (a str may hold them, though no UTF-8 does).
ANY_TEXT = st.lists(st.characters(exclude_categories=()) | TRICKY, max_size=6).map("".join)


@settings(max_examples=600, deadline=None)
@given(
    line=st.sampled_from(
        [
            record_line(BASE),
            record_line(Record(code="u1", month="2024-01", undo=True, recorded_at=WHEN)),
            record_line(
                Record(
                    code="2.4",
                    month="2024-07",
                    note_only=True,
                    note="待统计局反馈",
                    recorded_at=WHEN,
                )
            ),
            record_line(
                Record(
                    code="3.2",
                    month="2024-12",
                    unit="qiyang",
                    value=D("-0.25"),
                    note='a"b\\\tc',
                    recorded_at=datetime(2024, 12, 31, 23, 59, 59, 5),
                )
            ),
        ]
    ),
    in_note=st.booleans(),
    cut=st.integers(0, 200),
    length=st.integers(0, 3),
    inserted=ANY_TEXT,
    comment=st.just("") | ANY_TEXT,
)
@example(line=record_line(BASE), in_note=False, cut=62, length=1, inserted="٣", comment="")
@example(line=record_line(BASE), in_note=False, cut=54, length=2, inserted="\\uDC00", comment="")
@example(line=record_line(BASE), in_note=False, cut=0, length=0, inserted="", comment="\x01")
def test_fast_reader_agrees_with_tomllib_or_steps_aside(
    line: str, in_note: bool, cut: int, length: int, inserted: str, comment: str
) -> None:
    """Any Unicode put into a record line (replacing a few characters of it) and into a
    comment: whatever the fast reader accepts, tomllib and pydantic read the same."""
    if in_note and 'note = "' in line:  # where almost any character is legal TOML
        cut = line.index('note = "') + len('note = "') + cut % 3
    cut = min(cut, len(line) - 2)  # keep the line's own "\n"
    edited = line[:cut] + inserted + line[cut + length : -1] + "\n"
    text = document_with(f"  # {comment}\n{edited}", comment=f"# {comment}")
    fast = read_layout(text)
    slow = slow_read(text)
    event(f"fast: {'read' if fast else 'stepped aside'}; tomllib: {'read' if slow else 'refused'}")
    if fast is not None:
        assert fast == slow
