"""The answer memo (store/memo.py): a hit is always byte for byte the full run.

Every run here is a real process through the console script's launcher, as a user runs
gxtrack; the full path is the same command with GXTRACK_NO_CACHE=1.
"""

from __future__ import annotations

import os
import pty
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxtrack.store import memo

ROOT = Path(__file__).resolve().parent.parent
DEMO_DATA = (ROOT / "examples" / "demo-2024" / "actuals.toml").read_bytes()
PLAN = (ROOT / "targets.toml").read_bytes()


class Run(NamedTuple):
    code: int
    stdout: bytes
    stderr: bytes
    imported_typer: bool


def run(workdir: Path, cache: Path, args: list[str], env: dict[str, str]) -> Run:
    """gxtrack as a process; `-X importtime` tells whether Typer was imported (its lines
    go to the real stderr, not through sys.stderr, so they are not part of any answer)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GXTRACK_", "LC_"))}
    environ.pop("COLUMNS", None)
    environ.update({"GXTRACK_CACHE_DIR": str(cache), "LANG": "C.UTF-8", **env})
    command = [sys.executable, "-X", "importtime", "-m", "gxtrack", *args]
    done = subprocess.run(command, cwd=workdir, env=environ, capture_output=True, check=False)
    lines = done.stderr.split(b"\n")
    timing = [line for line in lines if line.startswith(b"import time:")]
    stderr = b"\n".join(line for line in lines if not line.startswith(b"import time:"))
    imported = any(line.rstrip().endswith(b" typer") for line in timing)
    return Run(done.returncode, done.stdout, stderr, imported)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "targets.toml").write_bytes(PLAN)
    (folder / "actuals.toml").write_bytes(DEMO_DATA)
    return folder


def test_an_unchanged_workspace_is_answered_without_typer(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(workspace, cache, ["status"], {})
    second = run(workspace, cache, ["status"], {})
    assert first.imported_typer and not second.imported_typer  # the second is a hit
    assert second[:3] == first[:3]
    assert stat.S_IMODE((cache / "memo").stat().st_mode) == 0o700


def test_writes_are_never_answered_and_a_record_is_seen(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = run(workspace, cache, ["status", "-f", "json"], {})
    record = ["record", "2.4", "60", "--month", "2024-07"]
    assert run(workspace, cache, record, {}).code == 0
    again = run(workspace, cache, record, {})  # the same value again: a full run says so
    assert again.imported_typer
    after = run(workspace, cache, ["status", "-f", "json"], {})
    assert after.imported_typer and after.stdout != before.stdout  # a miss: new bytes


def test_no_cache_and_a_database_bypass_the_memo(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(workspace, cache, ["status"], {})
    assert run(workspace, cache, ["status"], {"GXTRACK_NO_CACHE": "1"}).imported_typer
    assert not memo.memoizable(["status", "--data", "postgresql://h/db"], {})
    assert not memo.memoizable(["status"], {"GXTRACK_DATA": "postgresql://h/db"})
    assert not memo.memoizable(["export", "status", "--output", "x.csv"], {})
    assert not memo.memoizable(["export", "status", "-ox.csv"], {})
    assert memo.memoizable(["export", "status", "--output=-"], {})
    assert not memo.memoizable(["record", "2.4", "1", "--month", "2024-01"], {})
    assert not memo.memoizable(["--debug", "status"], {})  # options first: the full path


def test_a_reader_leaving_early_stores_no_half_answer(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    environ = {**os.environ, "GXTRACK_CACHE_DIR": str(cache), "LANG": "C.UTF-8"}
    for _ in range(2):
        script = f"{sys.executable} -m gxtrack export actuals | head -c 10 >/dev/null"
        subprocess.run(["sh", "-c", script], cwd=workspace, env=environ, check=True)
    full = run(workspace, cache, ["export", "actuals"], {"GXTRACK_NO_CACHE": "1"})
    assert run(workspace, cache, ["export", "actuals"], {})[:3] == full[:3]


def test_cache_clear_empties_the_memo_and_leaves_other_files(
    workspace: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    run(workspace, cache, ["status"], {})
    (cache / "notes.txt").write_text("mine")  # GXTRACK_CACHE_DIR may hold other files
    cleared = run(workspace, cache, ["cache", "clear"], {})
    assert cleared.code == 0 and b"removed from" in cleared.stderr
    assert list((cache / "memo").iterdir()) == []
    assert sorted(p.name for p in cache.iterdir()) == ["memo", "notes.txt"]
    assert run(workspace, cache, ["status"], {}).imported_typer  # a full run again


def test_a_damaged_answer_is_a_miss(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(workspace, cache, ["plan"], {})
    for entry in (cache / "memo").glob("*.a"):
        entry.write_bytes(entry.read_bytes().replace(b"2.4", b"9.9"))
    again = run(workspace, cache, ["plan"], {})
    assert again.imported_typer and again[:3] == first[:3]


def pty_run(workdir: Path, cache: Path, args: list[str], rows: int, columns: int) -> bytes:
    """gxtrack on a real pseudo-terminal of the given size: what it drew."""
    import fcntl
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ.update({"GXTRACK_CACHE_DIR": str(cache), "TERM": "xterm-256color"})
    command = [sys.executable, "-m", "gxtrack", *args]
    process = subprocess.Popen(command, cwd=workdir, env=environ, stdout=child, stderr=child)
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait()
    os.close(main)
    return output


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_a_terminal_of_another_width_never_hits_another_answer(
    workspace: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    wide = pty_run(workspace, cache, ["status"], 40, 120)
    narrow = pty_run(workspace, cache, ["status"], 40, 80)
    assert wide != narrow and b"\x1b[" in wide  # colour on a terminal
    assert pty_run(workspace, cache, ["status"], 40, 80) == narrow
    assert pty_run(workspace, cache, ["status"], 40, 120) == wide
    full = tmp_path / "no-cache"
    assert pty_run(workspace, full, ["status"], 40, 80) == narrow


# ── The property: random read commands and hand edits, memo against full path ─────────

COMMANDS = st.sampled_from(
    [
        ["status"],
        ["status", "--as-of", "2024-03"],
        ["status", "-f", "json"],
        ["status", "-f", "markdown", "--area", "2"],
        ["gaps"],
        ["gaps", "-f", "csv"],
        ["check"],
        ["check", "--strict"],
        ["plan", "-f", "json"],
        ["history", "2.4"],
        ["units"],
        ["rank", "2.4"],
        ["export", "status"],
        ["validate"],
        ["status", "--as-of", "2024-13"],  # refused: exit 3, never kept
    ]
)
ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.sampled_from(["60", "80", "120"]),
        "GXTRACK_LANG": st.sampled_from(["zh", "en"]),
        "LANG": st.sampled_from(["zh_CN.UTF-8", "C.UTF-8"]),
        "NO_COLOR": st.just("1"),
        "FORCE_COLOR": st.just("1"),
    },
)
EDITS = st.sampled_from(["append", "revert", "retitle", "delete", "touch"])
STEPS = st.lists(st.one_of(st.tuples(COMMANDS, ENVIRONMENTS), EDITS), min_size=2, max_size=6)


def edit(workspace: Path, how: str, counter: int) -> None:
    """A hand edit between commands, as a clerk makes them."""
    data, plan = workspace / "actuals.toml", workspace / "targets.toml"
    if how == "append":
        line = (
            f'{{ code = "2.4", month = "2024-0{1 + counter % 9}", value = {counter + 7}, '
            "recorded_at = 2024-10-01T09:00:00+08:00 },\n]\n"
        )
        current = data.read_bytes() if data.exists() else DEMO_DATA
        data.write_bytes(current.rstrip().removesuffix(b"]") + line.encode())
    elif how == "revert":
        data.write_bytes(DEMO_DATA)
        plan.write_bytes(PLAN)
    elif how == "retitle":
        plan.write_bytes(PLAN.replace("2024年".encode(), f"2024年（第{counter}版）".encode(), 1))
    elif how == "delete":
        data.unlink(missing_ok=True)
    else:
        os.utime(plan)  # a new time, the same bytes: the answer still holds


@settings(
    max_examples=int(os.environ.get("GXTRACK_MEMO_RUN_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_a_memo_answer_is_byte_for_byte_the_full_run(
    tmp_path_factory: pytest.TempPathFactory, steps: list[object]
) -> None:
    base = tmp_path_factory.mktemp("memo")
    workspace, cache = base / "ws", base / "cache"
    workspace.mkdir()
    (workspace / "targets.toml").write_bytes(PLAN)
    (workspace / "actuals.toml").write_bytes(DEMO_DATA)
    try:
        for counter, step in enumerate(steps):
            if isinstance(step, str):
                edit(workspace, step, counter)
                continue
            args, env = cast("tuple[list[str], dict[str, str]]", step)
            for _ in range(2):  # a miss that stores, then (most often) a hit
                answered = run(workspace, cache, args, env)
                full = run(workspace, cache, args, {**env, "GXTRACK_NO_CACHE": "1"})
                assert answered[:3] == full[:3], (args, env)
    finally:
        shutil.rmtree(base, ignore_errors=True)
