"""A gxtrack writer that kills itself (SIGKILL) at a chosen point, for the crash tests.

Run as: python crash_writer.py TARGETS DATA POINT COUNT
POINT is where to die (see KILL_POINTS) or "none" to write COUNT records and exit.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any


def die(*args: Any, **kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    targets, data, point, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    import gxtrack.store.atomic as atomic
    import gxtrack.store.transactions as transactions
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.transactions import record_value
    from gxtrack.store.workspace import Paths

    real_fdopen = os.fdopen

    def half_then_die(descriptor: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(descriptor, mode, *args, **kwargs)

        class HalfWriter:
            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                stream.close()

            def write(self, content: bytes) -> None:
                stream.write(content[: len(content) // 2])
                stream.flush()
                die()

        return HalfWriter()

    kill_points = {
        "after-lock": (transactions, "load_data"),  # holding the lock, nothing written
        "mid-write": (os, "fdopen"),  # half the temporary file written
        "before-fsync": (os, "fsync"),  # temporary file written, not synced
        "before-replace": (atomic, "_replace"),  # temporary file complete, not in place
        "after-replace": (atomic, "_fsync_folder"),  # in place, folder not synced
    }
    if point in kill_points:
        module, name = kill_points[point]
        setattr(module, name, half_then_die if point == "mid-write" else die)
    paths = Paths(Path(targets), Path(data))
    plan = load_plan(paths.targets)
    for number in range(count):
        record_value(
            paths,
            plan,
            "5.2",
            str(number + 1),
            f"2024-{number % 12 + 1:02d}",
            note=f"{os.getpid()}-{number}",
        )


if __name__ == "__main__":
    main()
