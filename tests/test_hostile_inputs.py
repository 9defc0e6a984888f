"""Hostile and tired-clerk inputs: numbers at boundaries, special files, foreign digits,
OS reasons in words, folders as outputs, edited cache entries, and CSV quoting.

Numbers are worked by hand in the comments; file refusals are checked by exit code, the
first line on stderr, and the folder left exactly as it was.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pytest

from gxtrack.errors import ExitCode
from gxtrack.i18n import use_language
from gxtrack.i18n.os_errors import os_reason
from gxtrack.model.progress import classify, exact_expected, progress_of
from gxtrack.model.terms import Status
from gxtrack.store import cache, notices
from gxtrack.store.plan_file import load_plan
from gxtrack.store.toml import MAX_FILE_BYTES

from .conftest import Cli, indicator
from .test_file_refusals import (  # noqa: F401 - user_folder is a fixture
    IS_ROOT,
    POSIX_ONLY,
    refused,
    run_as,
    snapshot,
    user_folder,
)


def csv_row(cli: Cli, *args: str, code: str) -> dict[str, str]:
    """A report's CSV row for `code`, as the text written (exact, unrounded)."""
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))
    return next(row for row in rows if row["code"] == code)


# ── 1. Status and percentages are exact ─────────────────────────────────────────────────


def test_exactly_90_percent_of_schedule_is_at_risk(cli: Cli) -> None:
    # 2.4: goal 100, linear. By February 100 x 2/12 = 50/3 is expected; 15 / (50/3) = 0.9
    # exactly, and 15 >= 0.9 x 50/3 = 15, so at_risk.
    assert cli("record", "2.4", "15", "-m", "2024-02").exit_code == 0
    row = csv_row(cli, "status", "--as-of", "2024-02", code="2.4")
    assert row["expected"] == "16.66666666666666666666666667"  # 50/3 to 28 digits
    assert row["schedule_pct"] == "90"
    assert row["goal_pct"] == "15"
    assert row["status"] == "at_risk"


def test_derived_figures_that_are_exact_come_out_exact(cli: Cli) -> None:
    # 30 of 100 by May: expected 100 x 5/12 = 125/3; 30 / (125/3) x 100 = 72 exactly. Shortfall
    # 125/3 - 30 = 35/3; pace needed (100 - 30) / 7 months = 10; projection 30 x 12/5 = 72.
    assert cli("record", "2.4", "30", "-m", "2024-05").exit_code == 0
    row = csv_row(cli, "gaps", "--as-of", "2024-05", code="2.4")
    assert row["schedule_pct"] == "72"
    assert row["shortfall_to_schedule"] == "11.66666666666666666666666667"  # 35/3
    assert row["shortfall_to_goal"] == "70"
    assert row["pace_needed"] == "10"
    assert row["projection"] == "72"
    assert row["status"] == "behind"  # 30 < 0.9 x 125/3 = 37.5


@pytest.mark.parametrize(
    ("actual", "status"),
    [("15", Status.AT_RISK), ("14.999999", Status.BEHIND), ("16.666667", Status.ON_TRACK)],
)
def test_the_at_risk_boundary_is_compared_exactly(
    make_plan: Callable[..., Path], actual: str, status: Status
) -> None:
    # An amount goal of 100 at February: the boundary is 0.9 x 50/3 = 15 exactly, and
    # 16.666667 is past 50/3 = 16.666666..., so on track.
    plan = load_plan(make_plan(indicator("9.1", kind="amount", unit="万元")))
    item = plan.indicator("9.1")
    assert classify(item, D(actual), exact_expected(item, 2), 2, D("0.9")) is status
    progress = progress_of(item, {2: D(actual)}, 2, D("0.9"))
    assert progress.status is status


# ── 2. Import reads only a regular file of at most 64 MiB ───────────────────────────────


def run_bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """gxtrack in its own process, with 1 GiB of address space: a regression that reads
    a device for ever fails there instead of exhausting the machine; the timeout only
    keeps a FIFO regression from hanging the suite."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "gxtrack", *args],
        cwd=cwd,
        env={**os.environ, "GXTRACK_LANG": "en", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )


@POSIX_ONLY
def test_import_of_a_fifo_is_refused_without_waiting(workdir: Path) -> None:
    os.mkfifo(workdir / "in.csv")
    before = snapshot(workdir)
    result = run_bounded("import", "in.csv", "--month", "2024-06", cwd=workdir)
    refused(result, ExitCode.BAD_FILE, "in.csv: is a named pipe (FIFO), not a spreadsheet")
    assert snapshot(workdir) == before


@pytest.mark.skipif(not IS_ROOT, reason="mknod needs root")
def test_import_of_a_character_device_is_refused_unread(workdir: Path) -> None:
    # A copy of /dev/zero (1, 5) made in the test's own folder.
    os.mknod(workdir / "zero.csv", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    result = run_bounded("import", "zero.csv", "--month", "2024-06", cwd=workdir)
    refused(result, ExitCode.BAD_FILE, "zero.csv: is a character device, not a spreadsheet")


def test_import_of_a_file_over_64_mib_is_refused_unread(cli: Cli, workdir: Path) -> None:
    # A sparse file one byte over the limit.
    with open(workdir / "big.csv", "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    result = cli("import", "big.csv", "--month", "2024-06")
    refused(result, ExitCode.BAD_FILE, "big.csv: the spreadsheet is larger than 64 MiB")
    assert not (workdir / "actuals.toml").exists()


def test_import_of_a_missing_file_is_a_bad_file(cli: Cli, workdir: Path) -> None:
    result = cli("import", "nonexist.csv", "--month", "2024-06")
    refused(result, ExitCode.BAD_FILE, "nonexist.csv: spreadsheet not found")


# ── 3. Only 0-9 and full-width ０-９ are digits ──────────────────────────────────────────


@pytest.mark.parametrize("value", ["¹²", "²", "४", "𝟓", "⑤", "٣", "1٣"])
def test_digits_outside_the_documented_set_are_refused(cli: Cli, workdir: Path, value: str) -> None:
    result = cli("record", "5.2", value, "-m", "2024-03")
    refused(result, ExitCode.INVALID_INPUT, "is not a digit gxtrack reads")
    assert not (workdir / "actuals.toml").exists()


def test_full_width_digits_are_still_numbers(cli: Cli) -> None:
    assert cli("record", "5.2", "１２", "-m", "2024-03").exit_code == 0
    assert csv_row(cli, "status", "--as-of", "2024-03", code="5.2")["actual"] == "12"


def test_a_month_with_foreign_digits_is_refused(cli: Cli, workdir: Path) -> None:
    result = cli("record", "5.2", "3", "-m", "2024-0٣")
    refused(result, ExitCode.INVALID_INPUT, "“٣” (U+0663) is not a digit")
    assert not (workdir / "actuals.toml").exists()


# ── 4. OS reasons in the interface's language; an xlsx that is no zip ─────────────────


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (errno.ENOENT, "文件或文件夹不存在"),
        (errno.EACCES, "权限不足"),
        (errno.ENOSPC, "磁盘空间已满"),
    ],
)
def test_common_os_reasons_are_translated(number: int, chinese: str) -> None:
    error = OSError(number, os.strerror(number))
    use_language("zh")
    assert os_reason(error) == chinese
    use_language("en")
    assert os_reason(error) == os.strerror(number)


def test_an_untranslated_os_reason_falls_back_to_the_systems_words() -> None:
    use_language("zh")
    assert os_reason(OSError(errno.EPIPE, "Broken pipe")) == "Broken pipe"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


def test_a_write_error_in_chinese_has_no_english_reason(cli: Cli) -> None:
    result = cli("export", "status", "--output", "nofolder/x.csv", "--lang", "zh")
    assert result.exit_code == ExitCode.IO_FAILURE
    first = result.stderr.splitlines()[-1]
    assert "文件或文件夹不存在" in first and "No such file" not in first


def test_an_xlsx_that_is_not_a_zip_is_named_in_words(cli: Cli, workdir: Path) -> None:
    # The file's real type is named.
    (workdir / "sheet.xlsx").write_text("code,value\n5.3,60\n", "utf-8")
    result = cli("import", "sheet.xlsx", "--month", "2024-06")
    refused(result, ExitCode.INVALID_INPUT, "the file is plain text (CSV), not .xlsx")
    assert "BadZipFile" not in result.stderr


# ── 5. Hints that fit the command and the thing refused ─────────────────────────────────


@pytest.mark.parametrize(
    ("command", "folder", "example"),
    [
        (("export", "status", "-o"), "d.csv", "d.csv/status.csv"),
        (("export", "all", "-o"), "d.xlsx", "d.xlsx/all.xlsx"),
        (("report", "-o"), "d.csv", "d.csv/report.html"),
        (("template", "-m", "2024-06", "-o"), "d.csv", "d.csv/template.csv"),
    ],
)
def test_a_folder_as_output_suggests_a_file_of_the_commands_kind(
    cli: Cli, workdir: Path, command: tuple[str, ...], folder: str, example: str
) -> None:
    (workdir / folder).mkdir()
    result = cli(*command, folder)
    refused(result, ExitCode.INVALID_INPUT, "is a folder")
    assert f"hint: name a file inside it, e.g. {example}" in result.stderr
    assert "{" not in result.stderr


def test_an_own_file_as_report_output_suggests_an_html_file(cli: Cli) -> None:
    result = cli("report", "-o", "targets.toml")
    refused(result, ExitCode.INVALID_INPUT, "gxtrack's own file")
    assert "hint: name a new file for the output, e.g. report.html" in result.stderr


def test_a_folder_the_user_may_not_write_gets_a_hint_about_the_folder(
    user_folder: tuple[Path, int | None],  # noqa: F811 - the fixture imported above
) -> None:
    folder, user = user_folder
    if user is not None:
        os.chown(folder / "actuals.toml", user, user)
    else:
        folder.chmod(0o555)
    result = run_as(user, folder, "record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.IO_FAILURE, "you may not write in the folder")
    assert f"make the folder writable (chmod u+w {folder})" in result.stderr


def test_a_data_file_no_one_may_read_is_called_unreadable(
    user_folder: tuple[Path, int | None],  # noqa: F811 - the fixture imported above
) -> None:
    folder, user = user_folder
    if user is None and os.geteuid() == 0:
        pytest.skip("root reads any file")
    (folder / "actuals.toml").chmod(0o000)
    before = snapshot(folder)
    result = run_as(user, folder, "record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.IO_FAILURE, "the file is unreadable for you")
    assert snapshot(folder) == before


# ── 6. A cache entry's content is checked against its digest ────────────────────────────


def test_an_edited_cache_entry_is_a_miss(cli: Cli, private_cache: Path) -> None:
    # 2.4: 30 in March and 25 in June make 55. Editing 30 into 999 inside the snapshot
    # (digests of the data and plan unchanged) changed the figure: old 999 + 25 = 1024.
    for value, month in (("30", "2024-03"), ("25", "2024-06")):
        assert cli("record", "2.4", value, "-m", month).exit_code == 0
    assert csv_row(cli, "status", code="2.4")["actual"] == "55"  # fills the cache
    (entry,) = private_cache.glob("*.snapshot")
    content = entry.read_bytes()
    assert content.count(b'[3,"30"]') == 1
    entry.write_bytes(content.replace(b'[3,"30"]', b'[3,"999"]'))
    assert csv_row(cli, "status", code="2.4")["actual"] == "55"


@POSIX_ONLY
def test_the_store_hands_the_untrusted_folder_notice_to_the_cli(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(cache, "_warned", set())
    monkeypatch.setattr(notices, "_handlers", [shown.append])
    private_cache.chmod(0o770)
    assert cache.load_plan(Path("targets.toml"), "0" * 64) is None
    assert cache.load_plan(Path("other.toml"), "0" * 64) is None  # looked up twice, said once
    assert len(shown) == 1 and f"{private_cache} (mode 770)" in shown[0]
    assert capsys.readouterr().err == ""


def test_a_notice_before_any_handler_waits_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notices, "_handlers", [])
    monkeypatch.setattr(notices, "_pending", [])
    notices.tell("first")
    assert notices.pending() == ["first"]
    shown: list[str] = []
    notices.show_with(shown.append)
    notices.tell("second")
    assert shown == ["first", "second"] and notices.pending() == []


# ── 7. Confirmations and CSV problems in words ──────────────────────────────────────────


def test_a_confirmation_shows_the_value_as_recorded(cli: Cli) -> None:
    result = cli("record", "1.1", "0.000001", "-m", "2024-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("2024-03: 0.000001%.")
    result = cli("record", "2.4", "1234.0", "-m", "2024-03", "--force")  # > goal 100: insisted
    # The confirmation, then the doubt --force waived.
    assert result.stdout.splitlines()[0].endswith("2024-03: 1,234 家.")


def test_a_csv_with_a_nul_byte_says_so_where_it_is(cli: Cli, workdir: Path) -> None:
    (workdir / "b.csv").write_bytes(b"co\x00de,value\n5.3,60\n")
    result = cli("import", "b.csv", "--month", "2024-06")
    refused(result, ExitCode.INVALID_INPUT, "b.csv:1:3: the file contains NUL bytes")
    assert not (workdir / "actuals.toml").exists()


def test_an_unclosed_quote_at_the_end_is_refused(cli: Cli, workdir: Path) -> None:
    # The quote opens the cell at line 2, column 5.
    (workdir / "a.csv").write_text('code,value\n5.3,"60', "utf-8")
    result = cli("import", "a.csv", "--month", "2024-06")
    refused(result, ExitCode.INVALID_INPUT, 'a.csv:2:5: the quotation mark (") that opens')
    assert not (workdir / "actuals.toml").exists()


def test_a_closed_quote_still_imports(cli: Cli, workdir: Path) -> None:
    (workdir / "a.csv").write_text('code,value,note\n5.3,"60","a ""quoted"" note"\n', "utf-8")
    result = cli("import", "a.csv", "--month", "2024-06")
    assert result.exit_code == 0, result.output
    history = json.loads(cli("history", "5.3", "-f", "json").stdout)["records"]
    assert [(r["value"], r["note"]) for r in history] == [(60, 'a "quoted" note')]
