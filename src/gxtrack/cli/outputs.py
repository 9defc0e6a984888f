"""Where a command's file goes: the path the user named, or stdout for `--output -`.

`export`, `report` and `template` write the same way: the path is checked before any
work (never one of gxtrack's own files, see `store/output_paths.py`), then written in
one piece; `-` is stdout, as the docs promise, and is never taken for a file's name.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from gxtrack.cli.app import answering, say_waiting

STDOUT = "-"


def to_stdout(output: str) -> bool:
    return output == STDOUT


def wrote_key(key: str, output: str) -> str:
    """The message saying an output was written: KEY, or KEY.stdout for - (已写入标准输出)."""
    return f"{key}.stdout" if to_stdout(output) else key


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def check_output(output: str, guarded: Sequence[Path], *, example: str) -> None:
    """Refuse an output path that may not be written, before any work is done;
    `example` names a file of the command's kind for the refusal's hint."""
    if not to_stdout(output):
        from gxtrack.store.output_paths import refuse_unsafe_output

        refuse_unsafe_output(Path(output), guarded, example=example)


def deliver(output: str, content: bytes, guarded: Sequence[Path]) -> None:
    """Write `content` to stdout, or to the file (saying so first if a FIFO there has
    no reader yet)."""
    if to_stdout(output):
        with answering():
            sys.stdout.buffer.write(content)
        return
    from gxtrack.store.output_paths import write_output

    write_output(Path(output), content, guarded=guarded, on_wait=say_waiting)
