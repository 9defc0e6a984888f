"""The `gxtrack …` lines of the README and the tutorial, run as written, and what they print.

A page shows commands in fenced blocks. In a ```console block a line `$ gxtrack …` is a
command and the lines under it, up to the next `$ `, are what it prints (a line `…` alone
stands for any lines); in a ```sh block every line whose first word is gxtrack is a command
whose output is not shown. An HTML comment just before a block sets how it runs:

    <!-- run {"workspace": "demo", "input": ["55", "", "y"], "exit": 1} -->

`workspace` starts afresh: "empty" (the bundled plan, nothing recorded, as after the Quick
start), "demo" (the bundled plan and the files of examples/demo-2024/) or the name of
another folder of examples/ (a copy of it); without it a block goes on in the previous
block's folder. `input` is typed at the prompts of the
block's last command; `exit` is that command's exit code (else 0). Commands run in the
page's language (PAGE.zh.md in Chinese, others in English), 100 columns, no colour, and a
fixed clock: every record is made at 2024-07-03 09:30 (+08:00).

`python -m tests.docs_transcripts --update FILE…` writes what gxtrack prints into the
console blocks (then read it: the test compares, it does not judge).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypedDict
from unittest import mock

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CLOCK = datetime(2024, 7, 3, 9, 30, tzinfo=timezone(timedelta(hours=8)))
COLUMNS = "100"
FENCE = re.compile(r"^```(\w*)\s*$")
RUN_COMMENT = re.compile(r"^<!-- run (\{.*\}) -->\s*$")


class RunSettings(TypedDict, total=False):
    """What the `<!-- run {...} -->` comment before a block may set."""

    workspace: str
    input: list[str]
    exit: int


@dataclass
class Command:
    line: int  # 1-based line of the command in the page
    words: list[str]
    shown: list[str] | None  # the output the page shows (None: a sh block shows none)
    input: list[str] = field(default_factory=list)
    exit: int = 0


@dataclass
class Block:
    start: int  # 0-based index of the opening fence
    end: int  # 0-based index of the closing fence
    workspace: str | None
    commands: list[Command]


def is_gxtrack(words: list[str]) -> bool:
    return bool(words) and re.split(r"[/\\]", words[0])[-1] in ("gxtrack", "gxtrack.exe")


def blocks(lines: list[str], after: str | None = None) -> list[Block]:
    """The page's runnable blocks (from the heading `after` on, when given)."""
    found: list[Block] = []
    index = 0
    if after is not None:
        index = next(i for i, text in enumerate(lines) if text.startswith("#") and after in text)
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening or opening.group(1) not in ("console", "sh"):
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        settings = _settings(lines, index)
        body = lines[index + 1 : end]
        commands = (
            _console(body, index + 2) if opening.group(1) == "console" else _sh(body, index + 2)
        )
        if commands:
            commands[-1].input = list(settings.get("input", []))
            commands[-1].exit = int(settings.get("exit", 0))
            found.append(Block(index, end, settings.get("workspace"), commands))
        index = end + 1
    return found


def _settings(lines: list[str], fence: int) -> RunSettings:
    before = fence - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    match = RUN_COMMENT.match(lines[before]) if before >= 0 else None
    settings: RunSettings = json.loads(match.group(1)) if match else {}
    return settings


def _console(body: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    for offset, text in enumerate(body):
        if text.startswith("$ "):
            words = shlex.split(text[2:], comments=True)
            commands.append(Command(first_line + offset, words, []))
        elif commands and commands[-1].shown is not None:
            commands[-1].shown.append(text)
    return [command for command in commands if is_gxtrack(command.words)]


def _sh(body: list[str], first_line: int) -> list[Command]:
    commands = []
    for offset, text in enumerate(body):
        words = shlex.split(text, comments=True) if text.strip() else []
        if is_gxtrack(words):
            commands.append(Command(first_line + offset, words, None))
    return commands


def language_of(page: Path) -> str:
    return "zh" if page.name.endswith(".zh.md") else "en"


@contextmanager
def workspace(kind: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="gxtrack-docs-"))
    try:
        if kind in ("empty", "demo"):
            shutil.copy(ROOT / "targets.toml", folder / "targets.toml")
        if kind == "demo":  # the demo's first half-year, and sheets departments filled in
            for demo in (ROOT / "examples" / "demo-2024").iterdir():
                shutil.copy(demo, folder)
        elif kind != "empty":  # a bundled example's own folder: its plan, data and files
            shutil.copytree(ROOT / "examples" / kind, folder, dirs_exist_ok=True)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(command: Command, folder: Path, language: str) -> tuple[int, list[str]]:
    """Run one command in `folder` as the page's reader would, on the fixed clock."""
    from gxtrack.cli import app

    environment = {
        "COLUMNS": COLUMNS,
        "LINES": "50",
        "NO_COLOR": "1",
        "GXTRACK_LANG": language,
        "GXTRACK_NO_CACHE": "1",
        "GXTRACK_TARGETS": None,
        "GXTRACK_DATA": None,
    }
    typed = "".join(f"{answer}\n" for answer in command.input) if command.input else None
    here = Path.cwd()
    os.chdir(folder)
    try:
        with mock.patch("gxtrack.model.recording._now", return_value=CLOCK):
            result = CliRunner().invoke(app, command.words[1:], input=typed, env=environment)
    finally:
        os.chdir(here)
    output = result.output.rstrip("\n")
    return result.exit_code, [text.rstrip() for text in output.split("\n")] if output else []


def matches(shown: list[str], printed: list[str]) -> bool:
    """The shown lines are the printed ones; a line `…` alone stands for any lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if text.strip() == "…" else re.escape(text.rstrip()) + r"\n"
        for text in shown
    )
    return re.fullmatch(pattern, "".join(f"{text}\n" for text in printed)) is not None


def outcomes(page: Path, after: str | None = None) -> Iterator[tuple[Command, int, list[str]]]:
    """Every command of the page with its exit code and printed lines, run in order."""
    lines = page.read_text("utf-8").split("\n")
    language = language_of(page)
    stack = None
    folder: Path | None = None
    try:
        for block in blocks(lines, after):
            if block.workspace is not None or folder is None:
                if stack is not None:
                    stack.__exit__(None, None, None)
                stack = workspace(block.workspace or "empty")
                folder = stack.__enter__()
            for command in block.commands:
                code, printed = run(command, folder, language)
                yield command, code, printed
    finally:
        if stack is not None:
            stack.__exit__(None, None, None)


def update(page: Path) -> None:
    """Write what each console command prints under it (keeping `…` where it stands)."""
    lines = page.read_text("utf-8").split("\n")
    printed_at = {command.line: printed for command, _, printed in outcomes(page)}
    result: list[str] = []
    skipping = False
    for number, text in enumerate(lines, start=1):
        if number in printed_at and text.startswith("$ "):
            result.append(text)
            result.extend(printed_at[number])
            skipping = True
            continue
        if skipping and (text.startswith("$ ") or text.startswith("```")):
            skipping = False
        if not skipping:
            result.append(text)
    page.write_text("\n".join(result), "utf-8")


if __name__ == "__main__":
    for name in sys.argv[2:] if sys.argv[1:2] == ["--update"] else []:
        update(Path(name))
