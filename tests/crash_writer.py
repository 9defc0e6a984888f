"""A gxtrack writer that reports its progress over stdout and stops where a test asks.

Run as: python crash_writer.py TARGETS DATA COUNT [POINT INDEX]

It records COUNT values (notes `PID-0`, `PID-1`, ...) and prints `committed N` after
record N is in the file. With POINT and INDEX it stops at POINT while writing record
INDEX (see `PAUSE_POINTS`; `between` is just after record INDEX is committed), prints
`paused POINT INDEX` and waits for a line on stdin: the test looks at the files, then
kills it with SIGKILL, or writes a line to let it go on. So every kill lands at a known
point; no test waits on a timer.

Only the data file's own write pauses: the cache's writes use the same `os` calls and
are let through.

DATA may be a database URL (`postgresql://…`): then the points are `after-lock` (the
advisory lock held, nothing read), `before-commit` (the rows inserted, not committed)
and `between`. `python crash_writer.py --cli POINT -- ARGS…` runs `gxtrack ARGS…` with
the database's pauses installed, so a test sees the command's own exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

PAUSE_POINTS = (
    "after-lock",  # holding the lock, the data file not read yet
    "mid-write",  # half of the temporary file written and flushed
    "before-fsync",  # the temporary file written, not synced
    "before-replace",  # the temporary file complete and synced, not in place
    "after-replace",  # in place, the folder not synced
    "between",  # record INDEX committed, the next not begun
    "before-commit",  # database: the rows inserted, the transaction not committed
)


# Steps inside the data file's atomic write (the cache's own writes pass through them).
WRITE_STEPS = frozenset({"mid-write", "before-fsync", "before-replace", "after-replace"})


class Progress:
    """Where the writer is, and the one pause the test asked for."""

    def __init__(self, point: str | None, index: int) -> None:
        self.point, self.index = point, index
        self.record = -1  # the record being written
        self.in_data_write = False

    def say(self, line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def pause_if(self, point: str) -> None:
        """At the chosen point of the chosen record: say so, then wait for the test."""
        if point != self.point or self.record != self.index:
            return
        if point in WRITE_STEPS and not self.in_data_write:
            return
        self.point = None  # pause once
        self.say(f"paused {point} {self.record}")
        sys.stdin.readline()


def install_pauses(progress: Progress) -> None:
    """Wrap the steps of a write so that each can pause for the test."""
    import gxtrack.store.atomic as atomic
    import gxtrack.store.backend as backend
    import gxtrack.store.data_file as data_file

    def before(point: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            progress.pause_if(point)
            return real(*args, **kwargs)

        return wrapper

    real_atomic_write = atomic.atomic_write

    def data_write(path: Path, content: bytes) -> None:
        # Only the data file's own write (not a backup before a rewrite) can pause.
        progress.in_data_write = Path(path) == Path(sys.argv[2])
        try:
            real_atomic_write(path, content)
        finally:
            progress.in_data_write = False

    real_fdopen = os.fdopen

    def halting_fdopen(descriptor: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(descriptor, mode, *args, **kwargs)
        return HalfThenPause(stream, progress) if progress.in_data_write else stream

    # setattr: these replace functions of gxtrack's modules (and of os) in this process.
    setattr(data_file, "atomic_write", data_write)  # noqa: B010
    setattr(os, "fdopen", halting_fdopen)  # noqa: B010
    for module, name, point in (
        (backend, "load_data", "after-lock"),
        (os, "fsync", "before-fsync"),
        (atomic, "_replace", "before-replace"),
        (atomic, "_fsync_folder", "after-replace"),
    ):
        setattr(module, name, before(point, getattr(module, name)))


def install_database_pauses(progress: Progress) -> None:
    """The database's points: after its lock is taken, and before its commit."""
    import gxtrack.store.postgres as postgres

    real_take_lock, real_before_commit = postgres.take_lock, postgres.before_commit

    def take_lock(connection: Any) -> None:
        real_take_lock(connection)
        progress.pause_if("after-lock")

    def before_commit() -> None:
        real_before_commit()
        progress.pause_if("before-commit")

    setattr(postgres, "take_lock", take_lock)  # noqa: B010
    setattr(postgres, "before_commit", before_commit)  # noqa: B010


class HalfThenPause:
    """A file stream that writes half of what it is given, flushes, may pause, then
    writes the rest."""

    def __init__(self, stream: IO[bytes], progress: Progress) -> None:
        self.stream, self.progress = stream, progress

    def __enter__(self) -> HalfThenPause:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, content: bytes) -> int:
        half = len(content) // 2
        self.stream.write(content[:half])
        self.stream.flush()
        self.progress.pause_if("mid-write")
        return half + self.stream.write(content[half:])

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()


def run_cli() -> None:
    """`--cli POINT -- ARGS…`: gxtrack's own command line, pausing once at POINT."""
    from gxtrack.launch import main as gxtrack

    progress = Progress(sys.argv[2], 0)
    progress.record = 0
    install_database_pauses(progress)
    sys.argv = ["gxtrack", *sys.argv[4:]]
    sys.exit(gxtrack())


def main() -> None:
    if sys.argv[1] == "--cli":
        run_cli()
    targets, data, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    point, index = (sys.argv[4], int(sys.argv[5])) if len(sys.argv) > 5 else (None, -1)
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import record_value
    from gxtrack.store.workspace import Paths

    progress = Progress(point, index)
    paths = Paths.resolve(Path(targets), data)
    if paths.url is None:
        install_pauses(progress)
    else:
        install_database_pauses(progress)
    plan = load_plan(paths.targets)
    for number in range(count):
        progress.record = number
        record_value(
            paths,
            plan,
            "5.2",
            str(number + 1),
            f"2024-{number % 12 + 1:02d}",
            note=f"{os.getpid()}-{number}",
        )
        progress.say(f"committed {number}")
        progress.pause_if("between")


if __name__ == "__main__":
    main()
