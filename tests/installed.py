"""The installed `gxtrack` console script, run as a user runs it: in a folder holding a
copy of the bundled plan, in Chinese unless told, with no terminal on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import BUNDLED_PLAN

GXTRACK = Path(sys.executable).with_name("gxtrack")  # the venv's console script


def plan_folder(folder: Path) -> Path:
    """`folder`, made, with a copy of the bundled plan in it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "targets.toml").write_bytes(BUNDLED_PLAN.read_bytes())
    return folder


def gxtrack(
    folder: Path, *args: str, lang: str = "zh", columns: int = 120
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GXTRACK_LANG": lang, "COLUMNS": str(columns)}
    return subprocess.run(
        [str(GXTRACK), *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
