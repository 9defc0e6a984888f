"""The data file: reading it, and writing it atomically under a lock.

Layout (documented in README.md, "The data file"): a `schema_version`, the `plan_year`,
and a `records` array with one inline table a line, so that a file of 100,000 records
stays readable, diffs well in git, and a new record is spliced in before the closing
bracket instead of re-serialising everything. A hand-edited file in another valid layout
(`[[records]]` tables, comments, CRLF line endings) gets new records in its own style and
line endings, so its edits are kept byte for byte; only a layout that cannot be extended
is rewritten, after a notice on stderr and with a backup beside it.

Every write goes to a temporary file in the same folder, is read back and compared with
what was meant before it is published with `os.replace` (in full, or only the lines it
adds when the file is in gxtrack's layout and unchanged since it was validated), and is
fsynced; a lock on `<data>.lock` covers the whole read-modify-write. What a file says is
kept in the cache (`cache.py`), so an unchanged file is not parsed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import math
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, NoReturn

from gxtrack.errors import FileProblemError, InvalidInputError, LockTimeoutError, StorageError
from gxtrack.i18n import t
from gxtrack.model.plan import Plan
from gxtrack.model.records import InForce, Ledger, Record, first_invalid_record
from gxtrack.store import cache
from gxtrack.store.toml import (
    UTF8_BOM,
    TomlText,
    check_regular_file,
    decode_error,
    decode_text,
    invalid_document,
    locate_key,
    read_bytes,
    source_excerpt,
    toml_lines,
)

DATA_SCHEMA_VERSION = 1
DEFAULT_LOCK_TIMEOUT = 10.0  # seconds; GXTRACK_LOCK_TIMEOUT overrides
# os.replace fails on Windows while another program (Excel) holds the file open.
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE = 0.1
# Windows cannot open a folder to fsync it; the rename is as durable as NTFS makes it.
FOLDER_FSYNC = os.name != "nt"


@dataclass
class DataFile:
    """The data file as read: its bytes (None when it does not exist yet) and ledger."""

    path: Path
    raw: bytes | None
    digest: str  # SHA-256 of raw; "" when there is no file
    ledger: Ledger
    canonical: bool  # in gxtrack's own layout, so a write may check only what it adds

    @property
    def exists(self) -> bool:
        return self.raw is not None

    @property
    def records(self) -> Sequence[Record]:
        """Every record; only when loaded with `history=True` (or not from the cache)."""
        assert self.ledger.records is not None, "load the data file with history=True"
        return self.ledger.records


def load_data(path: Path, plan: Plan, *, history: bool = False) -> DataFile:
    """Read and validate the data file against the plan; a missing file has no records.

    Without `history`, the values in force come from the cache when the data and plan
    files are byte for byte what was last validated; otherwise the file is read in full.
    """
    try:
        raw = read_bytes(path, what=t("file.data"))
    except FileNotFoundError:
        return DataFile(path, None, "", Ledger.of([]), canonical=True)
    if not raw.removeprefix(UTF8_BOM).strip():
        # Most often a file emptied by mistake: saying "no data" would hide the loss.
        raise FileProblemError(t("data.empty", path=path), hint=t("data.empty.hint"))
    data_digest = cache.digest(raw)
    found = cache.load(path, data_digest, plan.digest)
    if found is not None and not history:
        snapshot, cached_values = found

        def values() -> InForce:
            in_force = cached_values()
            if in_force is None:  # the cached values do not read back: read the file
                in_force = Ledger.of(parse_records(raw, path, plan)[0]).in_force
            return in_force

        city = {("city", code): figures for code, figures in snapshot.city.items()}
        ledger = Ledger(
            values, snapshot.record_count, latest_month=snapshot.latest_month, memo=city
        )
        return DataFile(path, raw, data_digest, ledger, snapshot.canonical)
    # With a snapshot of these very bytes, they were validated against this plan already:
    # read the history without checking it again, and keep the snapshot as it is.
    records, canonical = parse_records(raw, path, plan, checked=found is not None)
    data = DataFile(path, raw, data_digest, Ledger.of(records), canonical)
    if found is None:
        _remember(data, plan)
    return data


def _remember(data: DataFile, plan: Plan) -> None:
    """Keep what this content says for the next run: the city's figures rolled up from
    its units (what status needs), then the values in force by unit and month."""
    from gxtrack.model.rollup import city_values

    ledger = data.ledger
    city = {i.code: city_values(plan, ledger, i) for i in plan.indicators}
    snapshot = cache.Snapshot(
        data.digest, plan.digest, ledger.record_count, data.canonical, ledger.latest_month(), city
    )
    cache.save(data.path, snapshot, ledger.in_force)


def parse_records(
    raw: bytes, path: Path, plan: Plan, *, checked: bool = False
) -> tuple[list[Record], bool]:
    """The file's records, checked against the plan (unless these bytes were `checked`
    already), and whether it is in our layout."""
    from gxtrack.store.layout import read_layout

    text = decode_text(raw, path)
    fast = read_layout(text)
    if fast is not None:
        year, records = fast
        canonical = True
    else:
        year, records = _parse_any_layout(_parse_toml_text(text, path))
        canonical = False
    if year != plan.year:
        raise FileProblemError(
            t("data.other_year", path=path, data_year=year, plan_year=plan.year),
            hint=t("data.other_year.hint"),
        )
    invalid = None if checked else first_invalid_record(records, plan)
    if invalid is not None:
        index, refusal = invalid
        record = records[index]
        position = locate_key(text, "records", index, None)
        where = f"{path}:{position[0]}:{position[1]}" if position else str(path)
        detail = source_excerpt(toml_lines(text), *position) if position else ()
        raise FileProblemError(
            t(
                "data.bad_record",
                where=where,
                number=index + 1,
                code=record.code,
                month=record.month,
                reason=refusal.message,
            ),
            hint=refusal.hint or t("data.bad_record.hint"),
            detail=detail,
        )
    return records, canonical


def _parse_toml_text(text: str, path: Path) -> TomlText:
    """Parse the data file's text; a record broken over lines is named as such."""
    import tomllib

    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise _split_record(error, text, path) or decode_error(error, text, path) from None
    return TomlText(path, text, document)


_ERROR_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


def _split_record(error: ValueError, text: str, path: Path) -> FileProblemError | None:
    """The error for a record that goes on past its line, when that is what tomllib
    stumbled on: at the very end of a line where an inline table (or a string inside
    it) was opened and not closed. TOML allows no line break there, so the cause is
    the break, which the user knows as "the record is on two lines"."""
    position = _ERROR_POSITION.search(str(error))
    if position is None:
        return None
    line, column = int(position.group(1)), int(position.group(2))
    lines = toml_lines(text)
    if not (1 <= line <= len(lines)) or column != len(lines[line - 1]) + 1:
        return None
    if not _leaves_inline_table_open(lines[line - 1]):
        return None
    return FileProblemError(
        t("data.split_record", where=f"{path}:{line}:{column}"),
        hint=t("data.split_record.hint"),
        detail=source_excerpt(lines, line, column),
    )


def _leaves_inline_table_open(line: str) -> bool:
    """Whether `line` opens a `{` it does not close (strings and comments aside). A
    multi-line string may legally span lines: then this says no, to stay out of it."""
    depth, quote, index = 0, "", 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1  # the escaped character cannot close the string
            elif char == quote:
                quote = ""
        elif line.startswith(('"""', "'''"), index):
            return False
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "{}":
            depth += 1 if char == "{" else -1
        index += 1
    return depth > 0


def _parse_any_layout(toml: TomlText) -> tuple[int, list[Record]]:
    """Any valid TOML layout (hand edits), through tomllib and pydantic."""
    version = toml.document.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and (version > DATA_SCHEMA_VERSION)
    ):
        raise FileProblemError(
            t("data.newer", path=toml.path, version=version, ours=DATA_SCHEMA_VERSION),
            hint=t("data.newer.hint"),
        )
    from pydantic import ValidationError

    document_model = data_document_model()
    try:
        document = document_model.model_validate(toml.document)
    except ValidationError as error:
        raise invalid_document(
            [dict(item) for item in error.errors(include_url=False)],
            toml,
            arrays={"records": t("word.record")},
            known_fields={
                "": list(document_model.model_fields),
                "records": [f.name for f in dataclasses.fields(Record)],
            },
        ) from None
    return document.plan_year, document.records


@functools.cache
def data_document_model() -> Any:
    """The pydantic model of a whole data file, built only when a file is read the slow
    way (gxtrack's own layout is read by `layout.read_layout`)."""
    from pydantic import BaseModel, ConfigDict, Field, StrictInt

    class DataDocument(BaseModel):
        model_config = ConfigDict(extra="forbid")

        schema_version: StrictInt
        plan_year: Annotated[StrictInt, Field(ge=2000, le=2100)]
        records: list[Record] = []

    return DataDocument


# ── Writing ─────────────────────────────────────────────────────────────────────────────


def append_records(data: DataFile, plan: Plan, new_records: Sequence[Record]) -> None:
    """Add records to the data file, in the file's own style, keeping every byte of it.

    A file in gxtrack's layout gets the new lines spliced in before its closing bracket;
    a hand-edited one gets them in its own style and line endings (see `_in_files_style`).
    Before the new content replaces the file it is read back: in full, or — when the
    file is in gxtrack's layout and unchanged since it was validated (same SHA-256, read
    under the lock) — only the lines added, which is all that can have changed. Only a
    layout that cannot be extended is rewritten, after a notice and with a backup.
    """
    from gxtrack.store.layout import read_record_lines, record_line

    lines = "".join(record_line(record) for record in new_records)
    spliced = _splice(data.raw, lines) if data.raw and data.canonical else None
    if spliced is not None and read_record_lines(lines) == list(new_records):
        if any(record.undo for record in new_records):
            ledger = Ledger.of([*data.records, *new_records])
        else:
            ledger = data.ledger.with_value_records(new_records)
        content, canonical = spliced, True
    else:
        if data.ledger.records is None:
            data = load_data(data.path, plan, history=True)
        expected = [*data.records, *new_records]
        ledger = Ledger.of(expected)
        content, canonical = _extended_or_rewritten(data, plan, expected, new_records, spliced)
    atomic_write(data.path, content)
    _remember(DataFile(data.path, content, cache.digest(content), ledger, canonical), plan)


def _extended_or_rewritten(
    data: DataFile,
    plan: Plan,
    expected: Sequence[Record],
    new_records: Sequence[Record],
    spliced: bytes | None,
) -> tuple[bytes, bool]:
    """The new content: the file extended in its own style when that reads back as
    `expected`, else the whole file rewritten (a new file is simply written)."""
    from gxtrack.store.layout import render_document

    raw = data.raw
    newline = _newline_of(raw) if raw else b"\n"
    whole = render_document(plan.plan.title, plan.year, expected).encode("utf-8")
    whole = whole.replace(b"\n", newline)  # the file's line endings, even rewritten
    if not raw:
        return _first_that_reads_back([whole], data.path, plan, expected, raw) or _unreadable(data)
    candidates = [c for c in (spliced, *_in_files_style(raw, new_records, newline)) if c]
    found = _first_that_reads_back(candidates, data.path, plan, expected, raw)
    if found is not None:
        return found
    rewritten = _first_that_reads_back([whole], data.path, plan, expected, raw)
    if rewritten is None:  # pragma: no cover - would be a bug in render_document
        _unreadable(data)
    _back_up_before_rewrite(data.path, raw)
    return rewritten


def _unreadable(data: DataFile) -> NoReturn:
    raise StorageError(t("write.read_back", path=data.path))


def _newline_of(raw: bytes) -> bytes:
    """The file's line ending: CRLF when most of its lines end so, else LF."""
    crlf = raw.count(b"\r\n")
    return b"\r\n" if crlf > raw.count(b"\n") - crlf else b"\n"


def _mixes_line_endings(content: bytes) -> bool:
    crlf = content.count(b"\r\n")
    return 0 < crlf < content.count(b"\n")


def _back_up_before_rewrite(path: Path, raw: bytes) -> None:
    """Say on stderr that the file will be rewritten, then keep its bytes beside it as
    `<data>.bak-<stamp>` (under the lock, so no other gxtrack takes the same name)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    number = 1
    while backup.exists() or backup.is_symlink():
        number += 1
        backup = path.with_name(f"{path.name}.bak-{stamp}-{number}")
    sys.stderr.write(t("data.rewrite", path=path, backup=backup) + "\n")
    sys.stderr.flush()
    atomic_write(backup, raw)


def _splice(raw: bytes, lines: str) -> bytes | None:
    """Insert record lines before the line `]` that closes the records array of a file
    in gxtrack's layout (the last line that is exactly `]`)."""
    closing = raw.rfind(b"\n]\n") + 1
    if closing <= 0:
        return None
    return raw[:closing] + lines.encode("utf-8") + raw[closing:]


_TABLE_HEADER = re.compile(rb"^([ \t]*\[\[[ \t]*records[ \t]*\]\])[ \t\r]*(?:#.*)?$", re.MULTILINE)
_RECORDS_KEY = re.compile(rb"^[ \t]*records[ \t]*=", re.MULTILINE)
_CLOSING_LINE = re.compile(rb"^[ \t]*\][ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)
_ITEM_INDENT = re.compile(rb"^([ \t]*)\{", re.MULTILINE)


def _in_files_style(raw: bytes, new_records: Sequence[Record], newline: bytes) -> Iterator[bytes]:
    """The file with the new records added the way it writes its own, in its line
    endings, most likely first; the caller keeps the first that reads back intact."""
    headers = list(_TABLE_HEADER.finditer(raw))
    if headers:  # `[[records]]` tables: new tables at the end of the file
        yield _with_tables(raw, new_records, headers[-1], newline)
    elif _RECORDS_KEY.search(raw):  # `records = [ … ]`: new lines before its `]`
        yield from _guesses(raw, new_records, newline)
    else:  # no records yet, and so no table: the array goes at the end
        lines = _inline_lines(new_records, "  ", newline)
        yield _ended(raw, newline) + b"records = [" + newline + lines + b"]" + newline


def _ended(raw: bytes, newline: bytes) -> bytes:
    """The file, ending with a line break (a hand edit may have left none)."""
    return raw if raw.endswith(b"\n") else raw + newline


def _with_tables(
    raw: bytes, new_records: Sequence[Record], last: re.Match[bytes], newline: bytes
) -> bytes:
    """New `[[records]]` tables spelt, indented and spaced like the file's last one."""
    from gxtrack.store.layout import record_table

    header = last.group(1).decode("utf-8")
    blank_before = _blank_line_above(raw, last.start())
    following = raw[last.end() :].lstrip(b"\r\n").split(b"\n", 1)[0]
    indent = following[: len(following) - len(following.lstrip(b" \t"))].decode("ascii")
    tables = "".join(record_table(r, header, indent, blank_before) for r in new_records)
    return _ended(raw, newline) + tables.encode("utf-8").replace(b"\n", newline)


def _blank_line_above(raw: bytes, start: int) -> bool:
    """Whether a blank line comes before the line at `start`, past the comment lines
    right above it (which belong to it: `# 二月` over its table)."""
    end = start
    while end > 0:
        begin = raw.rfind(b"\n", 0, end - 1) + 1
        line = raw[begin:end].strip()
        if not line.startswith(b"#"):
            return not line
        end = begin
    return False


def _inline_lines(new_records: Sequence[Record], indent: str, newline: bytes) -> bytes:
    from gxtrack.store.layout import record_line

    text = "".join(record_line(record, indent) for record in new_records)
    # record_line escapes every line break inside a value: each "\n" ends a record.
    return text.encode("utf-8").replace(b"\n", newline)


def _guesses(raw: bytes, new_records: Sequence[Record], newline: bytes) -> Iterator[bytes]:
    """A hand-edited `records = [ … ]` spliced where the array may close, most likely
    first, each new line indented like the file's last record."""
    items = list(_ITEM_INDENT.finditer(raw))
    indent = items[-1].group(1).decode("ascii") if items else "  "
    encoded = _inline_lines(new_records, indent, newline)
    # The last line holding only `]` (and perhaps a comment).
    closing_lines = list(_CLOSING_LINE.finditer(raw))
    if closing_lines:
        start = closing_lines[-1].start()
        before = raw[:start]
        body = before.rstrip()
        if body.endswith(b"}"):  # the last record lacks its trailing comma: add one
            before = body + b"," + newline
        yield before + encoded + raw[start:]
    # The last `]` of the file, when the file ends with it (`records = []`).
    stripped = raw.rstrip()
    if stripped.endswith(b"]"):
        closing = len(stripped) - 1
        body = raw[:closing].rstrip()
        if body.endswith(b"}"):
            body += b","
        if body.endswith((b",", b"[")):
            yield body + newline + encoded + raw[closing:]


def _first_that_reads_back(
    candidates: Sequence[bytes],
    path: Path,
    plan: Plan,
    expected: Sequence[Record],
    raw: bytes | None,
) -> tuple[bytes, bool] | None:
    """The first content that reads back as exactly `expected` (with no line endings
    mixed that the file did not mix already), and whether it is in gxtrack's layout."""
    mixed_already = raw is not None and _mixes_line_endings(raw)
    for content in candidates:
        if not mixed_already and _mixes_line_endings(content):
            continue
        try:
            records, canonical = parse_records(content, path, plan)
        except FileProblemError:
            continue
        if records == list(expected):
            return content, canonical
    return None


def atomic_write(path: Path, content: bytes) -> None:
    """Replace `path` with `content`, all or nothing.

    Writes a temporary file in the same folder, fsyncs it, keeps the old file's mode and
    group, renames it over the target and fsyncs the folder. A symlinked path is written
    through the link. Temporary files a killed writer left behind are removed. A file
    or folder the user may not write is refused (exit 5), not replaced.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    check_writable(path)
    _remove_stale_temporaries(target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise StorageError(
            t("write.folder", path=path, folder=folder, reason=error.strerror)
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_permissions(target, Path(temporary))
        _replace(Path(temporary), target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(error, OSError):
            raise
        if error.errno == errno.ENOSPC:
            raise StorageError(
                t("write.disk_full", path=path), hint=t("write.disk_full.hint")
            ) from None
        raise StorageError(t("write.failed", path=path, reason=error.strerror)) from None
    _fsync_folder(folder)


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


def _replace(temporary: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            # Windows refuses while another program has the file open; it may let go.
            if attempt == REPLACE_ATTEMPTS - 1:
                raise StorageError(t("write.held", path=target)) from None
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
        raise StorageError(t("lock.cannot_create", path=lock_path, reason=error.strerror)) from None
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
        seconds = float(text)
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
            raise StorageError(
                t(key, path=path, folder=target.parent), hint=t("write.read_only.hint")
            )


def _user_may_write(place: Path, mode: int) -> bool:
    if not os.access(place, os.W_OK):  # the user's class bits, ACLs, a read-only mount
        return False
    # root passes os.access on any file; one that no one may write is read-only for it too.
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return not is_root or bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
