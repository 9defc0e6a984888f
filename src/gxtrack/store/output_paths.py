"""Where gxtrack may write a file the user names: `--output` and `init`'s new plan.

An output path is never one of gxtrack's own files (the plan and data file in use and
the data file's lock, compared through links and hard links) nor a folder; a mistyped
`--output actuals.toml` must not replace a year of records with a CSV. A FIFO or a
character device (`/dev/null`, a pipe from `>(…)`) is written as a stream, never replaced
by a regular file; a block device or a socket is refused. Every refusal is exit 3 and
writes nothing.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from gxtrack.errors import InvalidInputError, StorageError
from gxtrack.i18n import t
from gxtrack.i18n.os_errors import os_reason
from gxtrack.store.atomic import atomic_write, lock_file
from gxtrack.store.file_kinds import file_kind
from gxtrack.store.workspace import Paths


def guarded_files(paths: Paths) -> list[Path]:
    """gxtrack's own files for a plan and data file: never an output."""
    return [paths.targets, paths.data, lock_file(paths.data)]


def refuse_unsafe_output(
    path: Path, guarded: Sequence[Path], *, example: str | None = None
) -> os.stat_result | None:
    """Refuse an output path that is one of `guarded` or a folder or a device that is
    not a stream; return what the path is now (None when nothing is there yet).

    `example` is a file name the command would write (`status.csv`, `report.html`): the
    hint of a refusal suggests it, so it has the command's own extension.
    """
    for own in guarded:
        if _same_file(path, own):
            hint = (
                t("output.own_file.hint", example=example)
                if example
                else t("output.own_file.plain_hint")
            )
            raise InvalidInputError(t("output.own_file", path=path, own=own), hint=hint)
    try:
        status = os.stat(path)
    except OSError:
        return None  # nothing there (or no such folder: the write says so)
    if stat.S_ISDIR(status.st_mode):
        hint = (
            t("output.is_folder.hint", example=path / example)
            if example
            else t("output.is_folder.plain_hint")
        )
        raise InvalidInputError(t("output.is_folder", path=path), hint=hint)
    if not (stat.S_ISREG(status.st_mode) or _is_stream(status.st_mode)):
        raise InvalidInputError(t("output.special", path=path, kind=file_kind(status.st_mode)))
    return status


WaitNotice = Callable[[Path], None]
"""Told, before gxtrack blocks, that a FIFO has no reader yet (the CLI says so)."""


def write_output(
    path: Path, content: bytes, *, guarded: Sequence[Path], on_wait: WaitNotice | None = None
) -> None:
    """Write `content` to a path the user named, the one way every writer does it:
    refused as above, streamed into a FIFO or character device, else written atomically."""
    status = refuse_unsafe_output(path, guarded)
    streamed = status is not None and _is_stream(status.st_mode)
    if streamed and _stream_into(path, content, on_wait):
        return
    atomic_write(path, content)


def _stream_into(path: Path, content: bytes, on_wait: WaitNotice | None) -> bool:
    """Write into a FIFO or device as `cat > path` would; False when, once opened, the
    path turned out to be something else (replaced meanwhile), so nothing was written.

    Opening a FIFO waits for a reader, as the shell's redirection does: the user who
    names a FIFO has a reader in mind, and Ctrl-C ends the wait (exit 130).
    """
    try:
        descriptor = _open_for_writing(path, on_wait)
    except OSError as error:
        raise StorageError(t("write.failed", path=path, reason=os_reason(error))) from None
    try:
        if not _is_stream(os.fstat(descriptor).st_mode):
            return False
        view = memoryview(content)
        while view:  # unbuffered, so a failure is reported here and only once
            view = view[os.write(descriptor, view) :]
    except OSError as error:  # the reader left (EPIPE), the device is full…
        raise StorageError(t("write.failed", path=path, reason=os_reason(error))) from None
    finally:
        os.close(descriptor)
    return True


def _open_for_writing(path: Path, on_wait: WaitNotice | None) -> int:
    """Open without O_CREAT (if the path has gone, nothing is made in its place).

    A FIFO with no reader would block the open with no word: try without blocking
    first (ENXIO means no reader), tell `on_wait`, and only then wait for one.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # Windows has no FIFOs and no such flag
    if nonblocking:
        try:
            descriptor = os.open(path, os.O_WRONLY | nonblocking)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
        else:
            os.set_blocking(descriptor, True)  # a full pipe waits for its reader
            return descriptor
        if on_wait is not None:
            on_wait(path)
    return os.open(path, os.O_WRONLY)


def _is_stream(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _same_file(path: Path, own: Path) -> bool:
    """The same file through symbolic links (also when neither exists yet), or a hard
    link to it."""
    if os.path.realpath(path) == os.path.realpath(own):
        return True
    try:
        return os.path.samefile(path, own)
    except OSError:
        return False
