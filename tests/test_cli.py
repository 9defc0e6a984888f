"""Every command end to end through Typer's CliRunner, with a pinned console width."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from gxtrack import __version__
from gxtrack.errors import ExitCode

from .conftest import Cli

FORMATS = ["table", "csv", "json"]


def record_june(cli: Cli) -> None:
    for args in (
        ("2.4", "30", "--month", "2024-03"),
        ("2.4", "55", "--month", "2024-06", "--ytd"),
        ("2.5", "35", "--month", "2024-05"),
        ("5.2", "2,300", "--month", "2024-06"),
        ("1.1", "7.2", "--month", "2024-06"),
        ("4.4", "-3.1", "--month", "2024-06", "--note", "=园区企业减产"),
        ("7.1", "done", "--month", "2024-05"),
    ):
        result = cli("record", *args)
        assert result.exit_code == 0, result.output


def digest(folder: Path) -> dict[str, str]:
    """Every file's hash, but the empty lock file a writer may leave (it holds nothing)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix != ".lock"
    }


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"gxtrack {__version__}"


def test_record_messages(cli: Cli) -> None:
    first = cli("record", "2.4", "50", "--month", "2024-06")
    assert first.exit_code == 0
    assert first.output.strip() == "Recorded 2.4 New provincial specialised SMEs 2024-06: 50 家."
    again = cli("record", "2.4", "50", "-m", "2024-06")
    assert "Unchanged" in again.output and "nothing written" in again.output
    corrected = cli("record", "2.4", "55", "-m", "2024-06")
    assert corrected.output.startswith(
        "Corrected 2.4 New provincial specialised SMEs 2024-06: 50 → 55 家"
    )


def test_negative_rate_needs_no_double_dash(cli: Cli, workdir: Path) -> None:
    result = cli("record", "1.1", "-1.5", "--month", "2024-02")
    assert result.exit_code == 0, result.output
    assert "-1.5%" in result.output
    assert "value = -1.5" in (workdir / "actuals.toml").read_text("utf-8")


def test_ytd_keeps_the_total_and_says_the_month_part(cli: Cli) -> None:
    cli("record", "5.2", "1200", "-m", "2024-03")
    result = cli("record", "5.2", "2,610", "-m", "2024-06", "--ytd")
    # 2610 - 1200 = 1410 for June alone.
    assert "2,610 家 (year-to-date total; 2024-06's own part 1,410 家)" in result.output


@pytest.mark.parametrize("output_format", FORMATS)
def test_status_in_every_format(cli: Cli, output_format: str) -> None:
    record_june(cli)
    result = cli("status", "--format", output_format)
    assert result.exit_code == 0, result.output
    if output_format == "json":
        document = json.loads(result.output)
        assert document["as_of"] == "2024-06"
        rows = {row["code"]: row for row in document["indicators"]}
        assert rows["2.4"]["actual"] == 55 and rows["2.4"]["expected"] == 50
        assert rows["2.4"]["status"] == "on_track" and rows["2.4"]["schedule_pct"] == 110
        assert rows["1.1"]["status"] == "behind" and rows["1.1"]["schedule_pct"] == 80
        assert rows["2.1"]["actual"] is None
        assert {row["status"] for row in rows.values()} <= {
            "achieved",
            "on_track",
            "at_risk",
            "behind",
            "no_data",
        }
    elif output_format == "csv":
        rows = {row["code"]: row for row in csv.DictReader(io.StringIO(result.output))}
        assert rows["5.2"]["actual"] == "2300" and rows["5.2"]["status"] == "at_risk"
        assert rows["4.4"]["actual"] == "-3.1"
    else:
        assert "status as of 2024-06" in result.output
        assert "Plan: 25 goals: achieved 1, on track 2, at risk 1, behind 3, no data 18" in (
            result.output
        )


def test_status_table_lines_up_chinese_names(cli: Cli) -> None:
    from rich.cells import cell_len

    record_june(cli)
    lines = cli("status").output.splitlines()
    rows = [line for line in lines if line[:4] in ("2.4 ", "2.5 ", "5.2 ", "7.1 ")]
    assert len(rows) == 4
    # Names of different lengths, yet the Actual column ends at the same terminal cell.
    # (2.5 and 7.1 were last recorded in May: their month follows the figure, "35 m5".)
    ends = {
        cell_len(line[: line.index(f" {value} ", 4) + len(value) + 1])
        for line, value in zip(rows, ("55", "35 m5", "2,300", "1 m5"), strict=True)
    }
    assert len(ends) == 1


def test_status_as_of_and_area(cli: Cli) -> None:
    record_june(cli)
    result = cli("status", "--as-of", "2024-03", "--area", "2", "--format", "json")
    rows = json.loads(result.output)["indicators"]
    assert [row["code"] for row in rows] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert rows[3]["actual"] == 30 and rows[3]["expected"] == 25


@pytest.mark.parametrize("output_format", FORMATS)
def test_gaps_in_every_format(cli: Cli, output_format: str) -> None:
    record_june(cli)
    result = cli("gaps", "-f", output_format)
    assert result.exit_code == 0, result.output
    if output_format == "json":
        rows = json.loads(result.output)["gaps"]
        assert [row["code"] for row in rows[:4]] == ["4.4", "2.5", "1.1", "5.2"]
        assert rows[1]["pace_needed"] == pytest.approx(65 / 6)
    elif output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows[1]["projection"] == "70"
    else:
        assert "Behind or at risk, worst first" in result.output


@pytest.mark.parametrize("output_format", FORMATS)
def test_plan_and_history(cli: Cli, output_format: str) -> None:
    record_june(cli)
    cli("record", "2.4", "26", "-m", "2024-06")
    plan = cli("plan", "-f", output_format)
    assert plan.exit_code == 0 and "5.2" in plan.output
    history = cli("history", "2.4", "-f", output_format)
    assert history.exit_code == 0, history.output
    if output_format == "json":
        records = json.loads(history.output)["records"]
        # June's 55 was typed as 1—6月累计 (part 55 - 30 = 25); 26 then typed as June's own.
        assert [(r["month"], r["value"], r["basis"], r["in_force"]) for r in records] == [
            ("2024-03", 30, "month", True),
            ("2024-06", 55, "ytd", False),
            ("2024-06", 26, "month", True),
        ]


def test_validate(cli: Cli) -> None:
    result = cli("validate")
    assert result.exit_code == 0
    assert "OK (7 areas, 25 indicators, year 2024)" in result.output
    assert "no data file yet" in result.output
    record_june(cli)
    assert "OK (7 records)" in cli("validate").output


def test_export_status_csv_for_excel(cli: Cli, workdir: Path) -> None:
    record_june(cli)
    result = cli("export", "status", "--output", "status.csv", "--as-of", "2024-06")
    assert result.exit_code == 0, result.output
    raw = (workdir / "status.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 25
    assert list(rows[0])[:6] == ["code", "area", "name", "name_en", "unit", "kind"]
    by_code = {row["code"]: row for row in rows}
    assert by_code["2.4"]["name"] == "新增省级专精特新中小企业"
    assert by_code["2.4"]["goal_pct"] == "55"
    assert by_code["4.4"]["actual"] == "-3.1"  # a number, not neutralised


def test_export_actuals_includes_corrections_and_defuses_notes(cli: Cli) -> None:
    record_june(cli)
    cli("record", "2.4", "26", "-m", "2024-06")
    result = cli("export", "actuals", "--output", "-", "--no-bom")
    assert not result.output.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 8
    assert [row["in_force"] for row in rows if row["code"] == "2.4"] == ["true", "false", "true"]
    assert next(row for row in rows if row["code"] == "4.4")["note"] == "'=园区企业减产"


def test_export_gaps(cli: Cli) -> None:
    record_june(cli)
    result = cli("export", "gaps", "-o", "-")
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert rows[0]["code"] == "4.4" and rows[0]["shortfall_to_goal"] == "18.1"


def test_help_has_examples(cli: Cli) -> None:
    commands = (
        "status",
        "gaps",
        "check",
        "record",
        "undo",
        "history",
        "plan",
        "units",
        "rank",
        "template",
        "import",
        "export",
        "report",
        "validate",
        "init",
    )
    for command in commands:
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "gxtrack " + command in result.output, command


BAD_INPUT = [
    (("record", "9.9", "5", "-m", "2024-06"), ExitCode.INVALID_INPUT, "no indicator '9.9'"),
    (("record", "2.4", "abc", "-m", "2024-06"), ExitCode.INVALID_INPUT, "not a number"),
    (("record", "2.4", "NaN", "-m", "2024-06"), ExitCode.INVALID_INPUT, "not a number"),
    (("record", "2.4", "inf", "-m", "2024-06"), ExitCode.INVALID_INPUT, "not a number"),
    (("record", "2.4", "-3", "-m", "2024-06"), ExitCode.INVALID_INPUT, "negative"),
    (("record", "2.4", "2.5", "-m", "2024-06"), ExitCode.INVALID_INPUT, "whole"),
    (("record", "2.4", "5", "-m", "2024-6-1"), ExitCode.INVALID_INPUT, "YYYY-MM"),
    (("record", "2.4", "5", "-m", "2024-13"), ExitCode.INVALID_INPUT, "no month 13"),
    (("record", "2.4", "5", "-m", "2023-06"), ExitCode.INVALID_INPUT, "outside the plan year"),
    (("record", "2.4", "5", "--mnth", "2024-06"), ExitCode.USAGE, "No such option"),
    (("record", "2.4", "5"), ExitCode.USAGE, "Missing option"),
    (("record", "1.1", "5", "-m", "2024-03", "--ytd"), ExitCode.INVALID_INPUT, "--ytd"),
    (("status", "--as-of", "2025-01"), ExitCode.INVALID_INPUT, "outside the plan year"),
    (("status", "--format", "xml"), ExitCode.USAGE, "Invalid value"),
    (("history", "8.8"), ExitCode.INVALID_INPUT, "no indicator"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD_INPUT)
def test_bad_input_one_message_exit_code_and_nothing_changed(
    cli: Cli, workdir: Path, args: tuple[str, ...], code: ExitCode, message: str
) -> None:
    record_june(cli)
    before = digest(workdir)
    result = cli(*args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert digest(workdir) == before


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("gaps",),
        ("validate",),
        ("record", "2.4", "5", "-m", "2024-07"),
        ("export", "status", "-o", "x.csv"),
    ],
)
def test_missing_plan_file(cli: Cli, workdir: Path, command: tuple[str, ...]) -> None:
    (workdir / "targets.toml").unlink()
    result = cli(*command)
    assert result.exit_code == ExitCode.BAD_FILE
    assert "targets.toml: plan file not found" in result.output
    assert "--targets" in result.output
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("gaps",),
        ("validate",),
        ("history", "2.4"),
        ("record", "2.4", "5", "-m", "2024-07"),
    ],
)
def test_malformed_data_file_is_located_and_left_alone(
    cli: Cli, workdir: Path, command: tuple[str, ...]
) -> None:
    record_june(cli)
    data = workdir / "actuals.toml"
    data.write_text(data.read_text("utf-8").replace("value = 35", "value = 3 5"), "utf-8")
    before = digest(workdir)
    result = cli(*command)
    assert result.exit_code == ExitCode.BAD_FILE
    line = next(n for n, text in enumerate(data.read_text("utf-8").split("\n"), 1) if "3 5" in text)
    assert f"actuals.toml:{line}:" in result.output
    assert "^" in result.output
    assert digest(workdir) == before


def test_duplicate_codes_in_plan(cli: Cli, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text("utf-8").replace('code = "2.5"', 'code = "2.4"'), "utf-8")
    result = cli("status")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "indicator code '2.4' is used twice" in result.output


def test_environment_variables_choose_the_files(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = workdir / "plans"
    elsewhere.mkdir()
    (workdir / "targets.toml").rename(elsewhere / "plan-2024.toml")
    monkeypatch.setenv("GXTRACK_TARGETS", str(elsewhere / "plan-2024.toml"))
    monkeypatch.setenv("GXTRACK_DATA", str(workdir / "june.toml"))
    assert cli("record", "2.4", "5", "-m", "2024-06").exit_code == 0
    assert (workdir / "june.toml").exists()
    result = cli("status", "--data", str(workdir / "other.toml"), "-f", "json")
    assert json.loads(result.stdout)["as_of"] == "2024-12"  # the other file is not there
    assert "other.toml: no data file here yet" in result.stderr  # so a typo shows


def test_internal_error_is_one_line_and_a_report(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import gxtrack.reports.status

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret note contents")

    monkeypatch.setattr(gxtrack.reports.status, "status_report", broken)
    result = cli("status")
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error (RuntimeError)" in result.output
    assert "secret note contents" not in result.output
    assert "Traceback" not in result.output


def test_undo_withdraws_by_appending(cli: Cli, workdir: Path) -> None:
    cli("record", "2.4", "50", "-m", "2024-06")
    cli("record", "2.4", "55", "-m", "2024-06")
    result = cli("undo", "2.4", "--month", "2024-06")
    assert result.exit_code == 0, result.output
    assert "55 withdrawn; in force now: 50 家" in result.output
    status = json.loads(cli("status", "-f", "json").output)
    assert next(r for r in status["indicators"] if r["code"] == "2.4")["actual"] == 50
    history = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    assert [r["state"] for r in history] == ["in force", "withdrawn", "undo"]
    # An undo of the last value leaves the month empty; one more has nothing to undo.
    assert "in force now: no value" in cli("undo", "2.4", "-m", "2024-06").output
    before = digest(workdir)
    nothing = cli("undo", "2.4", "-m", "2024-06")
    assert nothing.exit_code == ExitCode.INVALID_INPUT
    assert "nothing to undo" in nothing.output
    assert digest(workdir) == before


COMMANDS: list[tuple[str, ...]] = [
    ("status",),
    ("gaps",),
    ("plan",),
    ("history", "2.4"),
    ("validate",),
    ("export", "status"),
    ("export", "gaps"),
    ("export", "actuals"),
    ("record", "2.4", "60", "-m", "2024-07"),
    ("undo", "2.4", "-m", "2024-06"),
    ("check", "--as-of", "2024-01"),
    ("units",),
    ("rank", "2.4"),
    ("template", "-m", "2024-07", "-o", "t.csv"),
    ("report", "-o", "r.html"),
]
WRITERS = [c for c in COMMANDS if c[0] in ("record", "undo")]


@pytest.mark.parametrize("command", COMMANDS)
def test_exit_codes_of_every_command(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    record_june(cli)
    assert cli(*command).exit_code == ExitCode.OK
    assert cli(*command, "--no-such-option").exit_code == ExitCode.USAGE
    data = workdir / "actuals.toml"
    good = data.read_bytes()
    # A bad data file (the plan command does not read it).
    data.write_bytes(good.replace(b"plan_year = 2024", b"plan_year = 2024\nplan_year = 2025"))
    if command[0] not in ("plan", "units"):  # these read only the plan
        assert cli(*command).exit_code == ExitCode.BAD_FILE
    data.write_bytes(good)
    # A file that cannot be read: an I/O failure, not a bad file. (Files are opened with
    # os.open, without blocking: see store/toml.read_bytes.)
    import os

    real_open = os.open

    def unreadable(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name in ("actuals.toml", "targets.toml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", unreadable)
        result = cli(*command)
        assert result.exit_code == ExitCode.IO_FAILURE
        assert "Permission denied" in result.output


@pytest.mark.parametrize("command", WRITERS)
def test_full_disk_and_lock_timeout_for_writers(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    import errno
    import os

    from filelock import FileLock

    record_june(cli)
    before = digest(workdir)

    def no_space(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", no_space)
        result = cli(*command)
    assert result.exit_code == ExitCode.IO_FAILURE
    assert "disk is full" in result.output
    assert digest(workdir) == before
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", "0.1")
    with FileLock(str(workdir / "actuals.toml.lock")):
        result = cli(*command)
    assert result.exit_code == ExitCode.LOCK_TIMEOUT
    assert "actuals.toml.lock" in result.output


def test_debug_shows_the_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import gxtrack.reports.status

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(gxtrack.reports.status, "status_report", broken)
    result = cli("--debug", "status")
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output


GOOD_DATA = (
    "schema_version = 1\nplan_year = 2024\nrecords = [\n"
    '  { code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01T09:00:00+08:00 },\n'
    "]\n"
)
BAD_DATA_FILES = [
    # (what, content, located at line:column or None, words in the message)
    ("truncated", GOOD_DATA[:-30].encode(), True, "invalid TOML"),
    (
        "duplicate key",
        GOOD_DATA.replace("plan_year = 2024", "plan_year = 2024\nplan_year = 2024").encode(),
        True,
        "Cannot overwrite a value",
    ),
    (
        "wrong type",
        GOOD_DATA.replace("value = 30", 'value = "30"').encode(),
        True,
        "must be a number",
    ),
    (
        "unknown field",
        GOOD_DATA.replace("value = 30", "value = 30, valeu = 3").encode(),
        True,
        "unknown field",
    ),
    ("GBK bytes", GOOD_DATA.replace("2024-04-01", '"三月"').encode("gbk"), True, "not UTF-8"),
    (
        "newer schema",
        GOOD_DATA.replace("schema_version = 1", "schema_version = 9").encode(),
        False,
        "newer gxtrack",
    ),
]


@pytest.mark.parametrize(
    ("what", "content", "located", "words"),
    BAD_DATA_FILES,
    ids=[case[0] for case in BAD_DATA_FILES],
)
def test_bad_data_files_are_located_and_nothing_is_written(
    cli: Cli, workdir: Path, what: str, content: bytes, located: bool, words: str
) -> None:
    data = workdir / "actuals.toml"
    data.write_bytes(content)
    before = digest(workdir)
    for command in (("status",), ("record", "2.4", "5", "-m", "2024-05")):
        result = cli(*command)
        assert result.exit_code == ExitCode.BAD_FILE, result.output
        first = result.output.splitlines()[0]
        assert words in result.output
        if located:
            assert re.match(r"gxtrack: error: .*actuals\.toml:\d+:\d+: ", first), first
        assert "hint:" in result.output
        assert digest(workdir) == before


def test_notepad_bom_in_data_file_is_tolerated(cli: Cli, workdir: Path) -> None:
    (workdir / "actuals.toml").write_bytes(b"\xef\xbb\xbf" + GOOD_DATA.encode())
    assert cli("validate").exit_code == 0
    assert cli("record", "2.4", "5", "-m", "2024-05").exit_code == 0
