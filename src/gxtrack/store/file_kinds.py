"""What kind of file a path is, in the interface's words, and the refusal of anything but
a regular file (a folder, a FIFO, a device) before a byte of it is read or replaced."""

from __future__ import annotations

import stat
from pathlib import Path

from gxtrack.errors import FileProblemError
from gxtrack.i18n import t


def check_regular_file(mode: int, path: Path, what: str) -> None:
    """Refuse what is not a regular file, before reading a byte of it."""
    if stat.S_ISDIR(mode):
        raise FileProblemError(t("file.is_folder", path=path, what=what))
    if not stat.S_ISREG(mode):
        raise FileProblemError(
            t("file.not_regular", path=path, what=what, kind=file_kind(mode)),
            hint=t("file.not_regular.hint"),
        )


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in the interface's words."""
    kinds = (
        (stat.S_ISFIFO, "kind.fifo"),
        (stat.S_ISCHR, "kind.char_device"),
        (stat.S_ISBLK, "kind.block_device"),
        (stat.S_ISSOCK, "kind.socket"),
        (stat.S_ISDIR, "kind.folder"),
    )
    return next((t(key) for test, key in kinds if test(mode)), t("kind.special"))
