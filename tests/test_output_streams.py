"""Output streams: `--output -` is stdout for
`report` and `template`, a template's wrong extension is named as such, a closed stdout
is not an internal error, and a FIFO with no reader says why gxtrack waits."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gxtrack.errors import ExitCode
from tests.conftest import Cli

SCRIPT = Path(sys.executable).with_name("gxtrack")
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="FIFOs, ptys and `>&-` are POSIX")


def console(*args: str, cwd: Path, **popen: object) -> subprocess.Popen[bytes]:
    """gxtrack as a user starts it: the installed console script, in its own process."""
    environment = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return subprocess.Popen([str(SCRIPT), *args], cwd=cwd, env=environment, **popen)  # type: ignore[call-overload, no-any-return]


def in_shell(command: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run `gxtrack …` through sh, for redirections only a shell makes (`>&-`)."""
    environment = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return subprocess.run(
        ["sh", "-c", f'exec "$0" {command}', str(SCRIPT)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=120,
    )


# ── --output - is stdout ───────────────────────────────────────────────────────────────


def test_report_to_stdout_writes_html_there_and_no_file_named_dash(cli: Cli, workdir: Path) -> None:
    cli("record", "2.4", "30", "-m", "2024-03")
    result = cli("report", "--as-of", "2024-03", "--output", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert "Wrote" not in result.output
    assert not (workdir / "-").exists()


def test_template_to_stdout_is_csv_with_a_row_per_indicator(cli: Cli, workdir: Path) -> None:
    result = cli("template", "-m", "2024-07", "--output", "-")
    assert result.exit_code == 0, result.output
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Month,Reporting unit,Code,Indicator,")
    assert len(lines) == 1 + 25  # the bundled plan's 25 indicators
    assert lines[1].startswith("2024-07,,1.1,")
    # What was written is said on stderr: stdout is the sheet.
    assert "25 indicators to fill in for 2024-07" in result.stderr
    assert not (workdir / "-").exists()


def test_xlsx_template_to_a_pipe_is_a_workbook(cli: Cli, workdir: Path) -> None:
    result = cli("template", "-m", "2024-07", "--output", "-", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    book = load_workbook(io.BytesIO(result.stdout_bytes), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 25
    assert rows[1][:3] == ("2024-07", None, "1.1")


@POSIX_ONLY
def test_xlsx_template_to_a_terminal_is_refused_in_one_line(workdir: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        process = console(
            "template", "-m", "2024-07", "-o", "-", "-f", "xlsx",
            cwd=workdir, stdout=follower, stderr=subprocess.PIPE,
        )  # fmt: skip
        _, errors = process.communicate(timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert process.returncode == ExitCode.INVALID_INPUT
    lines = errors.decode("utf-8").splitlines()
    assert lines[0].startswith("gxtrack: error: an .xlsx template is binary")
    assert len(lines) == 1


def test_template_with_another_extension_names_template_outputs(cli: Cli, workdir: Path) -> None:
    before = (workdir / "targets.toml").read_bytes()
    result = cli("template", "-m", "2024-07", "--output", "targets.toml")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "a template is written as .xlsx or .csv (or - for CSV on stdout)" in result.stderr
    assert "import" not in result.stderr
    assert (workdir / "targets.toml").read_bytes() == before
    mismatch = cli("template", "-m", "2024-07", "-o", "t.csv", "--format", "xlsx")
    assert mismatch.exit_code == ExitCode.INVALID_INPUT
    assert "t.csv: --format xlsx does not match the file's extension" in mismatch.stderr
    assert not (workdir / "t.csv").exists()


# ── a closed stdout ────────────────────────────────────────────────────────────────────


@POSIX_ONLY
def test_status_with_stdout_closed_is_a_clean_exit(workdir: Path) -> None:
    result = in_shell("status >&-", workdir)
    assert result.returncode == ExitCode.OK
    assert b"internal error" not in result.stderr


@POSIX_ONLY
def test_record_with_stdout_and_stderr_closed_records_and_check_keeps_its_code(
    workdir: Path,
) -> None:
    # The descriptors are held by /dev/null, so the data file's temporary copy cannot become fd
    # 1 or 2.
    assert in_shell("record 2.4 20 -m 2024-06 >&- 2>&-", workdir).returncode == ExitCode.OK
    shown = in_shell("status --as-of 2024-06 -f json", workdir)
    row = next(r for r in json.loads(shown.stdout)["indicators"] if r["code"] == "2.4")
    assert (row["actual"], row["expected"], row["goal_pct"]) == (20, 50, 20)  # 100 x 6/12
    # 20 against 50 expected: 40% of schedule, behind; `check` still says so by its code.
    assert in_shell("check --as-of 2024-06 >&-", workdir).returncode == ExitCode.CHECK_FAILED


# ── a FIFO with no reader ──────────────────────────────────────────────────────────────


@POSIX_ONLY
def test_export_into_a_fifo_without_a_reader_says_it_waits(cli: Cli, workdir: Path) -> None:
    cli("record", "2.4", "30", "-m", "2024-03")  # a data file: no "no data yet" line first
    fifo = workdir / "nor.csv"
    os.mkfifo(fifo)
    process = console(
        "export", "status", "--output", "nor.csv", cwd=workdir, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    # A guard, not a measurement: a gxtrack that waits without a word must fail, not hang.
    said, _, _ = select.select([process.stderr], [], [], 120)
    if not said:
        with open(fifo, "rb") as release:
            release.read()
        pytest.fail("gxtrack waited for a reader without saying so")
    notice = process.stderr.readline().decode("utf-8")  # said before the open blocks
    assert notice == "waiting for a reader on nor.csv (Ctrl-C to stop)\n"
    with open(fifo, "rb") as reader:
        streamed = reader.read()
    rest = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == ExitCode.OK
    assert streamed.startswith("\ufeffcode,area,".encode())
    assert len(streamed.decode("utf-8-sig").splitlines()) == 1 + 25
    assert "Wrote nor.csv" in rest
    assert fifo.is_fifo()


@POSIX_ONLY
def test_export_into_a_fifo_with_a_reader_says_nothing_about_waiting(workdir: Path) -> None:
    fifo = workdir / "ready.csv"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader before gxtrack starts
    try:
        process = console(
            "export", "plan", "--output", "ready.csv", cwd=workdir, stderr=subprocess.PIPE
        )
        _, errors = process.communicate(timeout=120)
        os.set_blocking(reader, True)
        streamed = b""
        while chunk := os.read(reader, 65536):  # the writer has closed: EOF ends it
            streamed += chunk
    finally:
        os.close(reader)
    assert process.returncode == ExitCode.OK
    assert b"waiting" not in errors
    assert len(streamed.decode("utf-8-sig").splitlines()) == 1 + 25
