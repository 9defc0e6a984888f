"""Writing a file all or nothing, and the lock over a data file's read-modify-write.

`replace_file` is gxtrack's one writer: every file it writes (the data file, outputs,
drafts, the cache and the answer memo) goes to a temporary file in the same folder and
replaces the target with `os.replace`. `atomic_write` is that writer for the user's own
files: it is refused a file the user may not write, fsyncs, keeps the old file's mode and
group, and words its failures. A lock on `<data>.lock` (an OS lock, released when the
process ends) covers the whole read-modify-write of the data file.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from gxtrack.errors import FileProblemError, InvalidInputError, LockTimeoutError, StorageError
from gxtrack.i18n import t
from gxtrack.i18n.os_errors import os_reason
from gxtrack.store.file_kinds import check_regular_file

DEFAULT_LOCK_TIMEOUT = 10.0  # seconds; GXTRACK_LOCK_TIMEOUT overrides
# os.replace fails on Windows while another program (Excel) holds the file open.
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE = 0.1
# Windows cannot open a folder to fsync it; the rename is as durable as NTFS makes it.
FOLDER_FSYNC = os.name != "nt"

_wrote: list[bool] = [False]


class FileHeldOpen(PermissionError):
    """The rename was still refused after every attempt (Windows: another program holds
    the file open)."""


class NoTemporaryFile(OSError):
    """The temporary file could not be made in the target's folder."""


def wrote_files() -> bool:
    """Whether this run replaced a file of the user's (the answer memo keeps no answer
    of a run that wrote)."""
    return _wrote[0]


def replace_file(
    target: str, content: bytes, *, durable: bool, shared: bool, prefix: str | None = None
) -> None:
    """Replace `target` with `content`, all or nothing; OSError when it cannot be done.

    The temporary file (`prefix`, else `.<name>.`, then `.tmp`) is made in the target's
    folder with mode 0600. `shared`: the new file keeps the old one's mode and group (a
    new file gets the umask's mode), else it stays private. `durable`: the file is
    fsynced before the rename, and the folder after it.
    """
    folder, name = os.path.split(target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{name}." if prefix is None else prefix, suffix=".tmp", dir=folder or "."
        )
    except OSError as error:
        raise NoTemporaryFile(error.errno, error.strerror, folder) from error
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if shared:
            _copy_permissions(Path(target), Path(temporary))
        _replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(Path(folder or "."))


def atomic_write(path: Path, content: bytes) -> None:
    """Replace the user's file `path` with `content`, all or nothing (`replace_file`,
    fsynced, keeping the old file's mode and group). A symlinked path is written
    through the link. Temporary files a killed writer left behind are removed. A file
    or folder the user may not write is refused (exit 5), not replaced.
    """
    _wrote[0] = True  # a command that writes is never answered from the memo
    target = Path(os.path.realpath(path))
    check_writable(path)
    _remove_stale_temporaries(target)
    try:
        replace_file(str(target), content, durable=True, shared=True)
    except FileHeldOpen:
        raise StorageError(t("write.held", path=target)) from None
    except NoTemporaryFile as error:
        reason = os_reason(error)
        raise StorageError(
            t("write.folder", path=path, folder=target.parent, reason=reason)
        ) from None
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise StorageError(
                t("write.disk_full", path=path), hint=t("write.disk_full.hint")
            ) from None
        raise StorageError(t("write.failed", path=path, reason=os_reason(error))) from None


def _remove_stale_temporaries(target: Path) -> None:
    # Called under the lock, so no live writer owns these.
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _copy_permissions(target: Path, temporary: Path) -> None:
    try:
        status = target.stat()
    except FileNotFoundError:
        # A new file gets the mode any new file gets here (mkstemp made it 0600).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    os.chmod(temporary, status.st_mode & 0o7777)
    if hasattr(os, "chown"):
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, status.st_gid)


def _replace(temporary: str, target: str) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            # Windows refuses while another program has the file open; it may let go.
            if attempt == REPLACE_ATTEMPTS - 1:
                raise FileHeldOpen(errno.EACCES, "held open", target) from None
            time.sleep(REPLACE_PAUSE)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable.
    if not FOLDER_FSYNC:
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def lock_file(path: Path) -> Path:
    """The lock file of a data file: beside the real file, when the path is a link."""
    return Path(f"{os.path.realpath(path)}.lock")


@contextlib.contextmanager
def data_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold `<data>.lock` for a read-modify-write of the data file.

    The lock is an OS lock (filelock), released when the process ends, so a killed
    writer blocks no one. Before it is taken, a write that cannot happen is refused:
    filelock would otherwise create the lock (and its folder) for a mistyped path.
    """
    from filelock import FileLock, Timeout

    if timeout is None:
        timeout = _lock_timeout()
    check_data_path_writable(path)
    lock_path = lock_file(path)
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(
            t("lock.timeout", path=lock_path, seconds=f"{timeout:g}"),
            hint=t("lock.timeout.hint"),
        ) from None
    except OSError as error:
        raise StorageError(
            t("lock.cannot_create", path=lock_path, reason=os_reason(error))
        ) from None
    try:
        yield
    finally:
        lock.release()


def _lock_timeout() -> float:
    """GXTRACK_LOCK_TIMEOUT in seconds: unset or empty is the default; anything but a
    finite number of seconds, zero or more, is refused (exit 3) rather than guessed at."""
    text = os.environ.get("GXTRACK_LOCK_TIMEOUT", "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        # ASCII only: float() also reads Devanagari or Arabic-Indic digits.
        seconds = float(text) if text.isascii() else math.nan
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise InvalidInputError(t("lock.bad_timeout", value=text), hint=t("lock.bad_timeout.hint"))
    return seconds


def check_data_path_writable(path: Path) -> None:
    """Refuse, before anything is created, a record into a data path that cannot take it:
    a folder that does not exist (exit 4: a typo must not make folders appear), a
    folder or special file in the data file's place (exit 4), or a file or folder the
    user may not write (exit 5)."""
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise FileProblemError(
            t("data.no_folder", path=path, folder=target.parent), hint=t("data.no_folder.hint")
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None:
        check_regular_file(mode, path, t("file.data"))
    check_writable(path)


def check_writable(path: Path) -> None:
    """Refuse (exit 5) to replace a file the user may not write, or to write in such a
    folder, as cp and vim warn: `os.replace` in a writable folder could replace a
    read-only file, and root passes every permission check whatever the mode bits."""
    target = Path(os.path.realpath(path))
    for place, key in ((target, "write.read_only"), (target.parent, "write.folder_read_only")):
        try:
            mode = place.stat().st_mode
        except OSError:
            continue  # a new file; a folder that is not there fails at mkstemp
        if not _user_may_write(place, mode):
            if place is target and not os.access(place, os.R_OK):
                key = "write.unreadable"  # mode 000: not "read-only", not even readable
            raise StorageError(
                t(key, path=path, folder=target.parent), hint=t(f"{key}.hint", folder=target.parent)
            )


def _user_may_write(place: Path, mode: int) -> bool:
    if not os.access(place, os.W_OK):  # the user's class bits, ACLs, a read-only mount
        return False
    # root passes os.access on any file; one that no one may write is read-only for it too.
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return not is_root or bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
