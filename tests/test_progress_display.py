"""The progress display of long commands, through the installed `gxtrack`: on a terminal
(stderr a pseudo-terminal) a Rich spinner says what is being done; on a pipe, nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BUNDLED_PLAN

GXTRACK = Path(sys.executable).with_name("gxtrack")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "targets.toml").write_bytes(BUNDLED_PLAN.read_bytes())
    # a sheet of 2 indicators x 6 months = 12 rows, 1 each
    lines = ["code,value,month"]
    lines += [f"{code},1,2024-{month:02d}" for code in ("2.4", "2.5") for month in range(1, 7)]
    (tmp_path / "sheet.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return tmp_path


def environment() -> dict[str, str]:
    return {**os.environ, "GXTRACK_LANG": "zh", "COLUMNS": "80", "TERM": "xterm-256color"}


def stderr_on_a_terminal(folder: Path, *args: str) -> tuple[int, str]:
    """Run gxtrack with stderr on a pseudo-terminal; what it wrote there, and the exit."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(GXTRACK), *args],
        cwd=folder,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    written = bytearray()
    while True:  # read until the terminal closes (the process and its threads are done)
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        written += chunk
    assert process.stdout is not None
    process.stdout.read()
    code = process.wait(timeout=60)
    os.close(leader)
    return code, written.decode("utf-8", "replace")


def test_an_import_shows_progress_on_a_terminal(folder: Path) -> None:
    code, seen = stderr_on_a_terminal(folder, "import", "sheet.csv")
    assert code == 0, seen
    assert "正在读取 sheet.csv…" in seen and "正在核对并录入 sheet.csv…" in seen
    assert "0:00:0" in seen  # the time elapsed beside it


def test_an_import_on_a_pipe_shows_none(folder: Path) -> None:
    done = subprocess.run(
        [str(GXTRACK), "import", "sheet.csv"],
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "正在" not in done.stderr and "\x1b" not in done.stderr
    assert "0:00:0" not in done.stderr
    assert "新增 12 项" in done.stdout


def test_the_word_report_shows_progress_on_a_terminal_only(folder: Path) -> None:
    pytest.importorskip("docx")
    code, seen = stderr_on_a_terminal(folder, "report", "--output", "r.docx")
    assert code == 0, seen
    assert "正在生成 Word 报告…" in seen
    piped = subprocess.run(
        [str(GXTRACK), "report", "--output", "r2.docx"],
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0 and "正在生成" not in piped.stderr
