"""A scripted day of a clerk's use: how many read commands and Tabs the memo answers.

    python bench/day.py

The bundled plan and the demo data, in Chinese at 120 columns: the morning's looks, a
`check` every hour from cron, five records each followed by two looks, Tabs, exports.
A run is a hit when Typer was never imported (`-X importtime`); for each miss it says
whether Rich was imported too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READS = {"status", "gaps", "check", "plan", "history", "units", "rank", "validate", "export"}


class Day:
    def __init__(self, folder: Path, cache: Path) -> None:
        self.folder = folder
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
            "GXTRACK_CACHE_DIR": str(cache),
            "LANG": "zh_CN.UTF-8",
            "COLUMNS": "120",
        }
        self.reads = self.hits = self.rich = 0

    def run(self, *arguments: str, extra: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-X", "importtime", "-m", "gxtrack", *arguments]
        done = subprocess.run(
            command, cwd=self.folder, env={**self.env, **(extra or {})}, capture_output=True
        )
        imported = {
            line.rstrip().rsplit(b" ", 1)[-1]
            for line in done.stderr.split(b"\n")
            if line.startswith(b"import time")
        }
        if arguments and arguments[0] not in READS:
            return  # a write: never the memo's
        self.reads += 1
        if b"typer" not in imported:
            self.hits += 1
        elif b"rich.console" in imported:
            self.rich += 1

    def tab(self, words: str) -> None:
        typed = len(words.split()) - (0 if words.endswith(" ") else 1)
        completing = {"COMP_WORDS": words, "COMP_CWORD": str(typed)}
        self.run(extra={"_GXTRACK_COMPLETE": "complete_bash", **completing})


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="gxtrack-day-"))
    folder = work / "ws"
    folder.mkdir()
    shutil.copy(ROOT / "targets.toml", folder)
    shutil.copy(ROOT / "examples" / "demo-2024" / "actuals.toml", folder)
    day = Day(folder, work / "cache")
    morning: list[tuple[str, ...]] = [("status",), ("gaps",), ("status", "--lang", "en")]
    morning.append(("check",))
    for look in morning:
        day.run(*look)
    for _ in range(8):  # cron: a check every hour
        day.run("check")
    records = (("2.4", "60"), ("2.5", "40"), ("3.1", "5"), ("5.2", "2610"), ("1.1", "7.4"))
    for code, value in records:
        day.tab("gxtrack record 2.")
        day.tab("gxtrack record ")
        day.run("record", code, value, "--month", "2024-07")
        day.run("status")
        day.run("status")
    afternoon: list[tuple[str, ...]] = [("gaps",), ("gaps",), ("history", "2.4")]
    for look in afternoon:
        day.run(*look)
    day.tab("gxtrack history 2.")
    day.tab("gxtrack history 2.")
    evening: list[tuple[str, ...]] = [
        ("export", "status"),
        ("status", "-f", "json"),
        ("status", "--area", "2"),
        ("status", "--area", "2"),
        ("plan",),
        ("units",),
        ("validate",),
        ("status",),
        ("gaps",),
        ("check", "--strict"),
    ]
    for look in evening:
        day.run(*look)
    for _ in range(8):
        day.run("check")
    day.run("status")
    day.run("gaps")
    misses = day.reads - day.hits
    print(
        f"{day.hits} of {day.reads} read commands and Tabs answered by the memo "
        f"({100 * day.hits / day.reads:.0f}%); of the {misses} misses, {day.rich} imported Rich"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
