"""The data file: reading it, and writing it atomically under a lock.

Layout (documented in README.md, "The data file"): a `schema_version`, the `plan_year`,
and a `records` array with one inline table a line, so that a file of 100,000 records
stays readable, diffs well in git, and a new record is spliced in before the closing
bracket instead of re-serialising everything.

Every write goes to a temporary file in the same folder, is parsed back and compared
with what was meant before it is published with `os.replace`, and is fsynced; a lock
on `<data>.lock` covers the whole read-modify-write.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from gxtrack.errors import FileProblemError, LockTimeoutError, StorageError
from gxtrack.plan import Plan
from gxtrack.records import Ledger, Record, first_invalid_record, record_fields
from gxtrack.tomlfiles import (
    TomlText,
    invalid_document,
    locate_key,
    parse_toml,
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


class DataDocument(BaseModel):
    """The data file as a whole."""

    model_config = ConfigDict(extra="forbid")

    schema_version: StrictInt
    plan_year: Annotated[StrictInt, Field(ge=2000, le=2100)]
    records: list[Record] = []


@dataclass
class DataFile:
    """The data file as read: its bytes (None when it does not exist yet) and records."""

    path: Path
    raw: bytes | None
    records: list[Record] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.raw is not None

    def ledger(self) -> Ledger:
        return Ledger(self.records)


def load_data(path: Path, plan: Plan) -> DataFile:
    """Read and validate the data file against the plan; a missing file has no records."""
    try:
        raw = read_bytes(path, what="data file")
    except FileNotFoundError:
        return DataFile(path, None, [])
    toml = parse_toml(raw, path)
    return DataFile(path, raw, _records_from(toml, plan))


def _records_from(toml: TomlText, plan: Plan) -> list[Record]:
    version = toml.document.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and (version > DATA_SCHEMA_VERSION)
    ):
        raise FileProblemError(
            f"{toml.path}: written by a newer gxtrack (schema_version {version}; this "
            f"version understands {DATA_SCHEMA_VERSION}); it is left as it is",
            hint="upgrade gxtrack before recording into this file",
        )
    try:
        document = DataDocument.model_validate(toml.document)
    except ValidationError as error:
        raise invalid_document(
            [dict(item) for item in error.errors(include_url=False)],
            toml,
            arrays={"records": "record"},
            known_fields={
                "": list(DataDocument.model_fields),
                "records": [f.name for f in dataclasses.fields(Record)],
            },
        ) from None
    if document.plan_year != plan.year:
        raise FileProblemError(
            f"{toml.path}: the data file is for {document.plan_year}, the plan for {plan.year}",
            hint="a data file belongs to one plan year: pass the matching --targets or --data",
        )
    invalid = first_invalid_record(document.records, plan)
    if invalid is not None:
        index, refusal = invalid
        record = document.records[index]
        position = locate_key(toml.text, "records", index, None)
        where = f"{toml.path}:{position[0]}:{position[1]}" if position else str(toml.path)
        detail = source_excerpt(toml_lines(toml.text), *position) if position else ()
        raise FileProblemError(
            f"{where}: record {index + 1} ({record.code} {record.month}): {refusal.message}",
            hint=refusal.hint or "correct or remove the line; gxtrack writes nothing until then",
            detail=detail,
        )
    return document.records


# ── Writing ─────────────────────────────────────────────────────────────────────────────


def record_line(record: Record) -> str:
    """One record as one line of TOML: an inline table, values formatted by tomli-w."""
    import tomli_w

    # A flat table of scalars dumps one `key = value` line per field (strings are
    # escaped onto one line); joined, they make the inline table. Split on "\n" only:
    # splitlines() would also break inside a note holding U+0085 or U+2028.
    pairs = tomli_w.dumps(record_fields(record)).rstrip("\n").split("\n")
    return "  { " + ", ".join(pairs) + " },\n"


def render_document(plan: Plan, records: Sequence[Record]) -> str:
    """The whole data file in gxtrack's layout."""
    header = (
        f"# gxtrack data file: monthly actuals for {plan.plan.title} ({plan.year}).\n"
        "# One record a line. For an indicator and month, the last record in the file is\n"
        "# the value in force; earlier ones are kept as history. `gxtrack validate` checks\n"
        "# this file after a hand edit.\n"
        f"schema_version = {DATA_SCHEMA_VERSION}\n"
        f"plan_year = {plan.year}\n"
        "records = [\n"
    )
    return header + "".join(record_line(record) for record in records) + "]\n"


def append_records(data: DataFile, plan: Plan, new_records: Sequence[Record]) -> None:
    """Add records to the data file: spliced in when the layout allows, else rewritten.

    Either way the new content is parsed back and must hold exactly the old records
    plus the new ones before it replaces the file.
    """
    expected = [*data.records, *new_records]
    candidates: list[bytes] = []
    if data.raw is not None:
        spliced = _splice(data.raw, "".join(record_line(r) for r in new_records))
        if spliced is not None:
            candidates.append(spliced)
    candidates.append(render_document(plan, expected).encode("utf-8"))
    for content in candidates:
        if _holds(content, data.path, plan, expected):
            atomic_write(data.path, content)
            return
    raise StorageError(  # pragma: no cover - would be a bug in record_line
        f"{data.path}: the new content did not read back as written; nothing was changed"
    )


def _splice(raw: bytes, lines: str) -> bytes | None:
    """Insert record lines before the bracket that closes the records array.

    Returns None when the file does not end with that bracket (a hand-edited layout);
    the caller then rewrites the whole file.
    """
    stripped = raw.rstrip()
    if not stripped.endswith(b"]"):
        return None
    closing = len(stripped) - 1
    before = raw[:closing].rstrip(b" \t")
    if not before.endswith(b"\n"):
        return None
    body = before.rstrip()
    if not (body.endswith(b",") or body.endswith(b"[")):
        # The last record lacks its trailing comma (a hand edit): add one.
        if not body.endswith(b"}"):
            return None
        before = body + b",\n"
    return before + lines.encode("utf-8") + raw[closing:]


def _holds(content: bytes, path: Path, plan: Plan, expected: Sequence[Record]) -> bool:
    try:
        toml = parse_toml(content, path)
        return _records_from(toml, plan) == list(expected)
    except FileProblemError:
        return False


def atomic_write(path: Path, content: bytes) -> None:
    """Replace `path` with `content`, all or nothing.

    Writes a temporary file in the same folder, fsyncs it, keeps the old file's mode and
    group, renames it over the target and fsyncs the folder. A symlinked path is written
    through the link. Temporary files a killed writer left behind are removed.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    _remove_stale_temporaries(target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise StorageError(f"{path}: cannot write in {folder}: {error.strerror}") from None
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
                f"{path}: the disk is full; the file was left as it was",
                hint="free some space and record again",
            ) from None
        raise StorageError(
            f"{path}: could not write: {error.strerror}; the file was left as it was"
        ) from None
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
                raise StorageError(
                    f"{target}: another program (Excel?) holds the file; close it and "
                    "record again. Nothing was changed."
                ) from None
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


@contextlib.contextmanager
def data_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold `<data>.lock` for a read-modify-write of the data file.

    The lock is an OS lock (filelock), released when the process ends, so a killed
    writer blocks no one.
    """
    from filelock import FileLock, Timeout

    if timeout is None:
        timeout = _lock_timeout()
    lock_path = f"{os.path.realpath(path)}.lock"
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(
            f"{lock_path}: another gxtrack has held this lock for over {timeout:g} s; "
            "nothing was written",
            hint="try again in a moment; set GXTRACK_LOCK_TIMEOUT to wait longer",
        ) from None
    except OSError as error:
        raise StorageError(f"{lock_path}: cannot create the lock file: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def _lock_timeout() -> float:
    text = os.environ.get("GXTRACK_LOCK_TIMEOUT")
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return max(float(text), 0.0)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
