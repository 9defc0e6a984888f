"""Where a command's file goes: the path the user named, or stdout for `--output -`.

`export`, `report` and `template` write the same way: the path is checked before any
work (never one of gxtrack's own files, see `store/output_paths.py`), then written in
one piece; `-` is stdout, as the docs promise, and is never taken for a file's name.
"""

from __future__ import annotations

import stat
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


# Formats of office programs gxtrack does not write: a file named so would be read as
# one (a CSV called .xls, HTML called .pdf) and fail, or look broken, when opened.
UNWRITTEN_FORMATS = frozenset(
    {".pdf", ".xls", ".xlsm", ".xlsb", ".ods", ".doc", ".docm", ".odt", ".rtf", ".wps", ".et"}
)


def check_output(
    output: str, guarded: Sequence[Path], *, example: str, formats: Sequence[str]
) -> None:
    """Refuse an output path that may not be written, before any work is done;
    `example` names a file of the command's kind for the refusal's hint, `formats` the
    extensions the command writes (named when an office format it does not is asked)."""
    if to_stdout(output):
        return
    from gxtrack.store.output_paths import refuse_unsafe_output

    status = refuse_unsafe_output(Path(output), guarded, example=example)
    is_file = status is None or stat.S_ISREG(status.st_mode)  # a FIFO is a stream, named any way
    extension = Path(output).suffix.lower()
    if is_file and extension in UNWRITTEN_FORMATS:
        from gxtrack.errors import InvalidInputError
        from gxtrack.i18n import t

        pdf = extension == ".pdf"
        hint = t(f"output.unwritten_format.{'pdf_hint' if pdf else 'hint'}", example=example)
        listed = t("list.separator").join(formats)
        message = t("output.unwritten_format", path=output, extension=extension, formats=listed)
        raise InvalidInputError(message, hint=hint)


def deliver(output: str, content: bytes, guarded: Sequence[Path]) -> None:
    """Write `content` to stdout, or to the file (saying so first if a FIFO there has
    no reader yet)."""
    if to_stdout(output):
        with answering():
            sys.stdout.buffer.write(content)
        return
    from gxtrack.store.output_paths import write_output

    write_output(Path(output), content, guarded=guarded, on_wait=say_waiting)
