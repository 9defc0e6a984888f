"""Nothing lost: killed writers, concurrent writers, locks, and platform fallbacks.

These tests run real processes: writers killed with SIGKILL at chosen points and at
random moments, and 20 writers recording at once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

import gxtrack.store.atomic as atomic
from gxtrack.errors import ExitCode, StorageError
from gxtrack.model.plan import Plan
from gxtrack.store.atomic import atomic_write
from gxtrack.store.data_file import load_data
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

WRITER = Path(__file__).with_name("crash_writer.py")
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def start_writer(paths: Paths, point: str, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(paths.targets), str(paths.data), point, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def paths(workdir: Path, bundled_plan: Plan) -> Paths:
    paths = Paths.resolve(workdir / "targets.toml", None)
    for month in ("2024-01", "2024-02"):
        record_value(paths, bundled_plan, "2.4", "10", month)
    return paths


def notes_of(paths: Paths, plan: Plan) -> list[str | None]:
    return [record.note for record in load_data(paths.data, plan, history=True).records]


@POSIX_ONLY
@pytest.mark.parametrize(
    "point", ["after-lock", "mid-write", "before-fsync", "before-replace", "after-replace"]
)
def test_killed_writer_leaves_old_or_new_state(
    paths: Paths, bundled_plan: Plan, point: str
) -> None:
    before = paths.data.read_bytes()
    writer = start_writer(paths, point, 1)
    writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL, writer.stderr.read() if writer.stderr else ""
    records = load_data(paths.data, bundled_plan, history=True).records  # parses, and validates
    if point == "after-replace":
        assert len(records) == 3  # the new state, whole
    else:
        assert paths.data.read_bytes() == before  # the old state, byte for byte
    # A temporary file the killed writer left is ignored above and removed by the next write.
    record_value(paths, bundled_plan, "2.4", "11", "2024-03")
    assert sorted(p.name for p in paths.data.parent.iterdir() if p.name.startswith(".")) == []
    assert len(load_data(paths.data, bundled_plan, history=True).records) == len(records) + 1


@POSIX_ONLY
def test_writers_killed_at_random_moments_lose_nothing_committed(
    paths: Paths, bundled_plan: Plan
) -> None:
    chance = random.Random(2024)
    kills = 0
    for _ in range(12):
        before = load_data(paths.data, bundled_plan, history=True).records
        writer = start_writer(paths, "none", 400)
        time.sleep(chance.uniform(0.3, 0.8))  # start-up takes ~0.25 s; then ~5 ms a record
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
        kills += writer.returncode == -signal.SIGKILL
        after = load_data(paths.data, bundled_plan, history=True).records  # must parse every time
        # Old records all there, in order; the new ones a whole prefix of what was sent.
        assert after[: len(before)] == before
        new_notes = [record.note for record in after[len(before) :]]
        assert all(note is not None for note in new_notes)
        assert [note.split("-")[1] for note in new_notes if note] == [
            str(n) for n in range(len(new_notes))
        ]
    assert kills >= 8  # most writers really were killed mid-run


def test_twenty_concurrent_writers_lose_nothing(paths: Paths, bundled_plan: Plan) -> None:
    writers = [start_writer(paths, "none", 10) for _ in range(20)]
    for writer in writers:
        writer.wait(timeout=240)
        assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    notes = notes_of(paths, bundled_plan)
    written = [note for note in notes if note]
    assert len(written) == 200
    assert len(set(written)) == 200
    for writer in writers:
        mine = [n for n in written if n.startswith(f"{writer.pid}-")]
        assert mine == [f"{writer.pid}-{n}" for n in range(10)]


def test_lock_timeout_names_the_lock_and_changes_nothing(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = paths.data.read_bytes()
    lock_path = f"{os.path.realpath(paths.data)}.lock"
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", "0.2")
    with FileLock(lock_path):
        result = subprocess.run(
            [sys.executable, "-m", "gxtrack", "record", "2.4", "5", "-m", "2024-05"],
            cwd=paths.targets.parent,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == ExitCode.LOCK_TIMEOUT
    assert lock_path in result.stderr
    assert "Traceback" not in result.stderr
    assert paths.data.read_bytes() == before


@POSIX_ONLY
def test_lock_of_a_killed_process_blocks_no_one(paths: Paths, bundled_plan: Plan) -> None:
    lock_path = f"{os.path.realpath(paths.data)}.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"FileLock({lock_path!r}).acquire(); print('held', flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    holder.kill()
    holder.wait()
    started = time.monotonic()
    record_value(paths, bundled_plan, "2.4", "7", "2024-04")
    assert time.monotonic() - started < 2


def test_replace_retries_while_excel_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "actuals.toml"
    target.write_bytes(b"old")
    real_replace = os.replace
    attempts: list[int] = []

    def busy_twice(source: str, destination: str) -> None:
        attempts.append(1)
        if len(attempts) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", busy_twice)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE", 0.001)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and len(attempts) == 3


def test_replace_gives_up_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "actuals.toml"
    target.write_bytes(b"old")

    def always_busy(source: str, destination: str) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", always_busy)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE", 0.001)
    with pytest.raises(StorageError, match="another program"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["actuals.toml"]


def test_no_folder_fsync_where_the_os_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    real_open = os.open

    def watching_open(path: object, *args: object) -> int:
        opened.append(path)
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", watching_open)
    monkeypatch.setattr(atomic, "FOLDER_FSYNC", False)
    atomic_write(tmp_path / "a.toml", b"x")
    assert tmp_path not in opened and str(tmp_path) not in opened
    monkeypatch.setattr(atomic, "FOLDER_FSYNC", True)
    atomic_write(tmp_path / "a.toml", b"y")
    assert tmp_path in opened


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's group needs root"
)
def test_recording_keeps_mode_and_group(paths: Paths, bundled_plan: Plan) -> None:
    os.chown(paths.data, -1, 1)
    paths.data.chmod(0o664)
    record_value(paths, bundled_plan, "2.4", "12", "2024-05")
    status = paths.data.stat()
    assert (status.st_gid, status.st_mode & 0o777) == (1, 0o664)
