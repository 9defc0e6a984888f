"""A kept answer never shows a table drawn for another terminal.

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
