"""The drawn-table cache never shows a table drawn for another terminal.

Rich takes the width from stdin's terminal when stdout is a pipe (`gxtrack status | less`),
and draws ASCII borders for an ASCII stream; a review found a table drawn at 120 columns
shown at 100, and a UTF-8 table shown to an ASCII stream. Each case runs the real console
script twice with the cache, then once without it: all three must be what the full path
prints for that terminal.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo-2024" / "actuals.toml"


def status(folder: Path, cache: Path, env: dict[str, str], stdin: int | None) -> bytes:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GXTRACK_", "LC_"))}
    for name in ("COLUMNS", "LINES", "PYTHONIOENCODING"):
        environ.pop(name, None)
    environ.update({"GXTRACK_CACHE_DIR": str(cache), "LANG": "C.UTF-8", **env})
    command = [sys.executable, "-m", "gxtrack", "status", "--as-of", "2024-06"]
    done = subprocess.run(
        command, cwd=folder, env=environ, stdin=stdin, capture_output=True, check=True
    )
    return done.stdout


def a_terminal_of(columns: int) -> tuple[int, int]:
    """A pseudo-terminal `columns` wide, as the terminal a pipeline's stdin comes from."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    return leader, follower


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "targets.toml").write_bytes((ROOT / "targets.toml").read_bytes())
    (folder / "actuals.toml").write_bytes(DEMO.read_bytes())
    return folder


def test_a_table_piped_from_a_narrower_terminal_is_drawn_for_it(tmp_path: Path) -> None:
    folder, cache = workspace(tmp_path), tmp_path / "cache"
    widths = {}
    for columns in (120, 100):
        leader, follower = a_terminal_of(columns)
        try:
            cached = status(folder, cache, {}, follower)
            full = status(folder, cache, {"GXTRACK_NO_CACHE": "1"}, follower)
        finally:
            os.close(leader)
            os.close(follower)
        assert cached == full
        widths[columns] = max(len(line) for line in full.decode().splitlines())
    # By hand: the status table fills the terminal it is drawn for.
    assert widths == {120: 120, 100: 100}


def test_a_table_for_an_ascii_stream_is_not_the_utf8_one(tmp_path: Path) -> None:
    folder, cache = workspace(tmp_path), tmp_path / "cache"
    utf8 = status(folder, cache, {}, subprocess.DEVNULL)
    ascii_cached = status(folder, cache, {"PYTHONIOENCODING": "ascii"}, subprocess.DEVNULL)
    ascii_full = status(
        folder, cache, {"PYTHONIOENCODING": "ascii", "GXTRACK_NO_CACHE": "1"}, subprocess.DEVNULL
    )
    assert ascii_cached == ascii_full
    assert "─".encode() in utf8 and b"?" * 3 not in ascii_cached


class MemoryDrawings:
    """The store's drawing cache, in memory: what was saved, and what was asked."""

    def __init__(self) -> None:
        self.saved: dict[str, tuple[str, str]] = {}
        self.hits: list[str] = []

    def load_drawing(self, report_name: str, key: str) -> str | None:
        entry = self.saved.get(report_name)
        if entry is not None and entry[0] == key:
            self.hits.append(report_name)
            return entry[1]
        return None

    def save_drawing(self, report_name: str, key: str, drawing: str) -> None:
        self.saved[report_name] = (key, drawing)


def test_a_table_made_of_kept_areas_is_the_table_drawn_whole() -> None:
    # After a new record only its area changes: the other areas come from the cache,
    # and the whole must be byte for byte what one drawing of the new report gives.
    import io
    from dataclasses import replace
    from decimal import Decimal

    from gxtrack.model.records import Ledger
    from gxtrack.output.present import present
    from gxtrack.output.table import draw_table
    from gxtrack.reports.status import status_report
    from gxtrack.store.data_file import parse_records
    from gxtrack.store.plan_file import load_plan

    plan = load_plan(ROOT / "targets.toml")
    records, _ = parse_records(DEMO.read_bytes(), DEMO, plan)
    drawings = MemoryDrawings()
    before = present(status_report(plan, Ledger.of(records), 6))
    first = draw_table(before, io.StringIO(), drawings)
    assert first == draw_table(before, io.StringIO())
    assert drawings.hits == []
    # Area 2's 2.4 goes from 55 to 56 in June: one area of seven changes.
    changed = list(records)
    newest = [i for i, r in enumerate(changed) if (r.code, r.month) == ("2.4", "2024-06")][-1]
    changed[newest] = replace(changed[newest], value=Decimal(56))
    after = present(status_report(plan, Ledger.of(changed), 6))
    second = draw_table(after, io.StringIO(), drawings)
    assert second == draw_table(after, io.StringIO())
    assert second != first
    # What Rich decides about the stream is kept too (`console`): this run needs no Rich.
    groups = [f"status-group{i}" for i in (0, 2, 3, 4, 5, 6)]
    assert sorted(drawings.hits) == ["console", *groups]
