"""Nothing lost: killed writers, concurrent writers, locks, and platform fallbacks.

These tests run real processes. A writer (`crash_writer.py`) says over a pipe when each
record is committed and stops at the step of a write the test chose; the test looks at
the files and kills it with SIGKILL there, so every kill lands at a known point. No
test sleeps or measures time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

import gxtrack.store.atomic as atomic
from gxtrack.errors import ExitCode, LockTimeoutError, StorageError
from gxtrack.model.plan import Plan
from gxtrack.model.records import Record
from gxtrack.store.atomic import atomic_write
from gxtrack.store.data_file import load_data
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

WRITER = Path(__file__).with_name("crash_writer.py")
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
# Steps of a write before the new file is in place: a kill there leaves the old state.
BEFORE_REPLACE = ("after-lock", "mid-write", "before-fsync", "before-replace")
# ... and after it (or between records): the new state.
AFTER_REPLACE = ("after-replace", "between")


def start_writer(
    paths: Paths, count: int, point: str | None = None, index: int = 0
) -> subprocess.Popen[str]:
    pause = [point, str(index)] if point is not None else []
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(paths.targets), str(paths.data), str(count), *pause],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_until_paused(writer: subprocess.Popen[str]) -> list[str]:
    """The writer's markers up to and including `paused ...`; fails if it ends first."""
    assert writer.stdout is not None
    markers = []
    for line in writer.stdout:
        markers.append(line.strip())
        if line.startswith("paused "):
            return markers
    writer.wait()
    stderr = writer.stderr.read() if writer.stderr else ""
    raise AssertionError(f"the writer ended without pausing: {markers} {stderr}")


def kill(writer: subprocess.Popen[str]) -> None:
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL


def temporaries(paths: Paths) -> list[Path]:
    return sorted(paths.data.parent.glob(f".{paths.data.name}.*.tmp"))


def lock_is_held(paths: Paths) -> bool:
    lock = FileLock(str(atomic.lock_file(paths.data)), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    lock.release()
    return False


@pytest.fixture
def paths(workdir: Path, bundled_plan: Plan) -> Paths:
    paths = Paths.resolve(workdir / "targets.toml", None)
    for month in ("2024-01", "2024-02"):
        record_value(paths, bundled_plan, "2.4", "10", month)
    return paths


def records_of(paths: Paths, plan: Plan) -> list[Record]:
    return list(load_data(paths.data, plan, history=True).records or [])


def notes_of(paths: Paths, plan: Plan) -> list[str | None]:
    return [record.note for record in records_of(paths, plan)]


def check_kill_at(paths: Paths, plan: Plan, point: str, index: int) -> None:
    """Stop a writer at `point` of record `index`, kill it there, and check that the data
    file parses and holds exactly the records committed before (and the one being written,
    once it is in place), whole and in order."""
    before = records_of(paths, plan)
    writer = start_writer(paths, index + 3, point, index)
    markers = read_until_paused(writer)
    committed = index + 1 if point == "between" else index
    assert markers == [*(f"committed {n}" for n in range(committed)), f"paused {point} {index}"]
    seen = paths.data.read_bytes()
    # Evidence the writer really is at the point: what it holds and what it left.
    assert lock_is_held(paths) == (point != "between")
    assert len(temporaries(paths)) == (1 if point in BEFORE_REPLACE[1:] else 0)
    kill(writer)
    assert paths.data.read_bytes() == seen
    after = records_of(paths, plan)  # parses, and validates
    landed = index + (1 if point in AFTER_REPLACE else 0)
    assert after[: len(before)] == before
    assert [r.note for r in after[len(before) :]] == [f"{writer.pid}-{n}" for n in range(landed)]
    assert not lock_is_held(paths)  # the OS released the killed writer's lock


@POSIX_ONLY
@pytest.mark.parametrize("point", [*BEFORE_REPLACE, *AFTER_REPLACE])
def test_killed_writer_leaves_old_or_new_state(
    paths: Paths, bundled_plan: Plan, point: str
) -> None:
    check_kill_at(paths, bundled_plan, point, 1)
    # A temporary file the killed writer left is ignored above and removed by the next write.
    count = len(records_of(paths, bundled_plan))
    record_value(paths, bundled_plan, "2.4", "11", "2024-03")
    assert temporaries(paths) == []
    assert len(records_of(paths, bundled_plan)) == count + 1


@POSIX_ONLY
def test_half_a_temporary_file_is_on_disk_when_the_writer_dies(
    paths: Paths, bundled_plan: Plan
) -> None:
    before = paths.data.read_bytes()
    writer = start_writer(paths, 1, "mid-write", 0)
    read_until_paused(writer)
    (temporary,) = temporaries(paths)
    half = temporary.read_bytes()
    kill(writer)
    # The new file is the old one plus a record; half of it was written and flushed.
    assert 0 < len(half) < len(before) and before.startswith(half[: len(half) // 2])
    assert paths.data.read_bytes() == before


# Twelve writers killed one after another on the same file, each at a step and record of
# its own: every step, early and late records, and kills right after a commit.
KILLS = [
    ("between", 0),
    ("after-lock", 0),
    ("mid-write", 2),
    ("before-fsync", 1),
    ("before-replace", 4),
    ("after-replace", 0),
    ("between", 6),
    ("mid-write", 0),
    ("after-lock", 5),
    ("before-replace", 0),
    ("after-replace", 3),
    ("before-fsync", 7),
]


@POSIX_ONLY
def test_writers_killed_one_after_another_lose_nothing_committed(
    paths: Paths, bundled_plan: Plan
) -> None:
    start = len(records_of(paths, bundled_plan))
    for point, index in KILLS:
        check_kill_at(paths, bundled_plan, point, index)
    # (0+1) + 0 + 2 + 1 + 4 + (0+1) + (6+1) + 0 + 5 + 0 + (3+1) + 7 = 32 records landed.
    assert len(records_of(paths, bundled_plan)) == start + 32


@POSIX_ONLY
def test_a_writer_let_go_after_a_pause_finishes_its_work(paths: Paths, bundled_plan: Plan) -> None:
    before = len(records_of(paths, bundled_plan))
    writer = start_writer(paths, 3, "before-replace", 1)
    assert read_until_paused(writer) == ["committed 0", "paused before-replace 1"]
    assert len(records_of(paths, bundled_plan)) == before + 1  # record 1 not in place yet
    stdout, stderr = writer.communicate("go on\n")
    assert writer.returncode == 0, stderr
    assert stdout.split("\n") == ["committed 1", "committed 2", ""]
    assert notes_of(paths, bundled_plan)[before:] == [f"{writer.pid}-{n}" for n in range(3)]


def test_twenty_concurrent_writers_lose_nothing(paths: Paths, bundled_plan: Plan) -> None:
    writers = [start_writer(paths, 10) for _ in range(20)]
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
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", "0")  # held below: give up at once
    with FileLock(lock_path):
        result = subprocess.run(
            [sys.executable, "-m", "gxtrack", "record", "2.4", "5", "-m", "2024-05"],
            cwd=paths.targets.parent,
            capture_output=True,
            text=True,
        )
    assert result.returncode == ExitCode.LOCK_TIMEOUT
    assert lock_path in result.stderr
    assert "Traceback" not in result.stderr
    assert paths.data.read_bytes() == before


@POSIX_ONLY
def test_lock_of_a_killed_process_blocks_no_one(
    paths: Paths, bundled_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_path = f"{os.path.realpath(paths.data)}.lock"
    # The holder says "held" over its stdout, then waits on its stdin (never written).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            # Kept in a name: a FileLock that is garbage-collected lets go of its lock.
            "import sys; from filelock import FileLock; "
            f"lock = FileLock({lock_path!r}); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    # With no patience at all, a record fails while the lock is held ...
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", "0")
    with pytest.raises(LockTimeoutError):
        record_value(paths, bundled_plan, "2.4", "7", "2024-04")
    holder.kill()
    holder.wait()
    # ... and succeeds at once when its holder is killed: the OS released the lock.
    record_value(paths, bundled_plan, "2.4", "7", "2024-04")
    assert records_of(paths, bundled_plan)[-1].value == 7


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
