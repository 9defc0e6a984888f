"""A verified cache of what a data file says, so an unchanged file is not parsed again.

For each data file the cache keeps a snapshot: the city's figures, the record count and
the values in force (not the whole history); for each plan file, the validated plan; for
each report, the table drawn last. Every entry is stamped with the SHA-256 of the bytes
it came from, the versions of gxtrack, pydantic and Python, and when gxtrack's model
modules last changed. An entry whose stamp does not match is ignored, so a hand edit, a
new plan or an upgrade simply rebuilds it. It lives in the user's cache folder
(platformdirs; `GXTRACK_CACHE_DIR` overrides it, `GXTRACK_NO_CACHE=1` turns it off):
nothing to back up, and deleting it only costs the next run a full read.

The cache can never run code. An entry is plain JSON, one document a line — the key (the
stamp and the SHA-256 of the lines that follow), then the content, then (for a snapshot)
the values in force — and every value is checked on load against the type it must have
(numbers are exact decimal strings); a damaged or edited entry, or anything that does not
read back, is a miss. A folder is trusted only when it belongs to the user and
no one else may write to it (anyone who could would choose what status shows); otherwise
gxtrack runs without the cache and says so once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from gxtrack import __version__
from gxtrack.i18n import t
from gxtrack.model.plan import Plan
from gxtrack.model.records import InForce, MonthNotes
from gxtrack.model.rollup import Monthly, QualityNote
from gxtrack.store import memo, notices
from gxtrack.store.modelcodec import Malformed, decoder_for, encode, number, text, whole

CACHE_FORMAT = 4  # 3: the key line ends with the content's SHA-256; 4: note-only notes
_TAG = "gxtrack-cache"
# Modes that let someone other than the owner write into a folder.
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


class Snapshot(NamedTuple):
    """What a data file says, without its history: the city's figures, rolled up from
    its units (all status and gaps need), and a count; the values in force by unit and
    month follow it in the file, read only when a command needs them."""

    data_digest: str
    plan_digest: str
    record_count: int
    canonical: bool  # the file is in gxtrack's own layout
    latest_month: int | None
    city: dict[str, tuple[Monthly, list[QualityNote]]]  # code -> (figures, quality notes)
    notes: MonthNotes  # the notes of note-only records that stand (few)


# What reading a damaged or foreign entry may raise: each is only a miss.
_MISS = (ValueError, TypeError, LookupError, RecursionError)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def meaning_digest(plan: Plan) -> str:
    """The SHA-256 of what a plan means, as the cache keeps it: a comment, the order of
    keys or a line ending is no difference; another goal or indicator is."""
    document = json.dumps(encode(plan), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


# ── The folder, and whether to trust it ─────────────────────────────────────────────────

_warned: set[str] = set()  # folders already reported as untrusted in this run


def _configured_folder() -> Path | None:
    if os.environ.get("GXTRACK_NO_CACHE"):
        return None
    configured = os.environ.get("GXTRACK_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gxtrack", appauthor=False))


def _trusted_folder(*, create: bool) -> Path | None:
    """The cache folder when it is safe to read and write, else None.

    A folder that cannot be made (read-only home) is quietly no cache; one that someone
    else owns or may write to is no cache, said once per run.
    """
    folder = _configured_folder()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.stat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode):
        return None  # a file in the way: no cache, as with a read-only home
    refusal = _refusal(folder, status)
    if refusal is None:
        return folder
    if str(folder) not in _warned:
        _warned.add(str(folder))
        notices.tell(refusal)  # the store does not print: the CLI shows it
    return None


def _refusal(folder: Path, status: os.stat_result) -> str | None:
    """Why a folder with this status is not trusted; None when it is.

    Windows has no POSIX owner or mode bits: a user's cache folder there is private by
    its ACL (LOCALAPPDATA).
    """
    if os.name == "nt" or not hasattr(os, "geteuid"):
        return None
    if status.st_uid != os.geteuid():
        return t("cache.untrusted.owner", folder=folder, owner=status.st_uid)
    if status.st_mode & _OTHERS_WRITE:
        mode = f"{stat.S_IMODE(status.st_mode):o}"
        return t("cache.untrusted.writable", folder=folder, mode=mode)
    return None


def _file_for(folder: Path, source: Path, kind: str) -> Path:
    name = hashlib.sha256(os.fsencode(os.path.realpath(source))).hexdigest()[:32]
    return folder / f"{name}.{kind}"


# ── Entries: a stamp line, then JSON lines ──────────────────────────────────────────────


def _code_stamp() -> list[object]:
    """The installed code as the answer memo stamps it (every gxtrack and Rich file, the
    distributions beside them): an edited or upgraded gxtrack never reads an entry, or a
    drawn table, that older code wrote, even when the version number stayed the same."""
    return memo.code_stamp()


def _stamp(kind: str, *digests: str) -> list[object]:
    """What an entry must say it was made by and from; compared whole on load."""
    from pydantic.version import VERSION as pydantic_version

    return [
        _TAG,
        CACHE_FORMAT,
        kind,
        __version__,
        pydantic_version,
        sys.version,
        _code_stamp(),
        *digests,
    ]


def _refuse_constant(name: str) -> object:
    raise Malformed(name)  # NaN and Infinity are not JSON, and never in an entry


def _json(line: bytes) -> object:
    return json.loads(line, parse_constant=_refuse_constant)


def _dumps(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _read(source: Path, kind: str, digests: Sequence[str], parts: int) -> list[bytes] | None:
    """The entry's lines after its key line (the last holding the rest of the file), when
    the key is exactly the expected stamp and the SHA-256 of the content lines it ends
    with matches them; None on any miss."""
    folder = _trusted_folder(create=False)
    if folder is None:
        return None
    try:
        entry = _file_for(folder, source, kind).read_bytes()
        key_line, _, content = entry.partition(b"\n")
        key = _json(key_line)
        if type(key) is not list or key[:-1] != _stamp(kind, *digests):
            return None
        # A damaged or edited value is a miss, not a changed figure.
        if key[-1] != hashlib.sha256(content).hexdigest():
            return None
        lines = content.split(b"\n", parts - 1)
        if len(lines) != parts:
            return None
    except (OSError, *_MISS):  # missing, damaged or foreign: only a miss
        return None
    return lines


def _write(source: Path, kind: str, digests: Sequence[str], *documents: object) -> None:
    """Store an entry: its key line (the stamp and the SHA-256 of what follows), then one
    JSON document a line. Failing to (read-only home, full disk) is never an error."""
    folder = _trusted_folder(create=True)
    if folder is None:
        return
    path = _file_for(folder, source, kind)
    try:
        content = "\n".join(_dumps(d) for d in documents).encode("utf-8")
    except (ValueError, TypeError):  # a note with a lone surrogate: just not cached
        return
    key = [*_stamp(kind, *digests), hashlib.sha256(content).hexdigest()]
    entry = _dumps(key).encode("utf-8") + b"\n" + content
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")  # mode 0600
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(entry)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# ── Checked values ──────────────────────────────────────────────────────────────────────


def _optional_text(value: object) -> str | None:
    return None if value is None else text(value)


def _month(value: object) -> int:
    if type(value) is not int or not 1 <= value <= 12:
        raise Malformed(value)
    return value


def _row(value: object, width: int) -> list[object]:
    if type(value) is not list or len(value) != width:
        raise Malformed(value)
    return value


def _items(value: object, width: int) -> list[list[object]]:
    """A list of lists, each exactly `width` long."""
    if type(value) is not list or any(type(i) is not list or len(i) != width for i in value):
        raise Malformed(value)
    return value


def _mapping(value: object) -> dict[str, object]:
    if type(value) is not dict:
        raise Malformed(value)
    return value


# ── Snapshots ───────────────────────────────────────────────────────────────────────────


def _city_document(city: dict[str, tuple[Monthly, list[QualityNote]]]) -> dict[str, object]:
    return {
        code: [
            [[month, str(value)] for month, value in figures.items()],
            [[note.month, str(note.city), str(note.units_sum)] for note in notes],
        ]
        for code, (figures, notes) in city.items()
    }


def _city_from(document: object) -> dict[str, tuple[Monthly, list[QualityNote]]]:
    city: dict[str, tuple[Monthly, list[QualityNote]]] = {}
    for code, entry in _mapping(document).items():
        figures, notes = _row(entry, 2)
        city[code] = (
            {_month(month): number(value) for month, value in _items(figures, 2)},
            [
                QualityNote(code, _month(month), number(own), number(units_sum))
                for month, own, units_sum in _items(notes, 3)
            ],
        )
    return city


def _values_document(in_force: InForce) -> list[object]:
    """The values in force as one row a series: [code, unit, months, values, notes]
    (parallel lists: far fewer objects to parse than a list per value)."""
    rows: list[object] = []
    for (code, unit), series in in_force.items():
        months = list(series)
        values = [str(value) for value, _ in series.values()]
        notes = [note for _, note in series.values()]
        rows.append([code, unit, months, values, notes])
    return rows


def _values_from(document: object) -> InForce:
    """The values in force, every one checked. The checks run in bulk (`map`, sets)
    rather than a call per value: this reads every value in force of a data file
    (56,000 at 100,000 records) whenever a command needs them."""
    in_force: InForce = {}
    for code, unit, months, values, notes in _items(document, 5):
        if type(code) is not str or not (unit is None or type(unit) is str):
            raise Malformed(code)
        if type(months) is not list or type(values) is not list or type(notes) is not list:
            raise Malformed(code)
        if not len(months) == len(values) == len(notes):
            raise Malformed(code)
        # Types first: True == 1 would pass as a month, and Decimal() takes floats.
        if not (set(map(type, months)) <= _INT and _MONTHS.issuperset(months)):
            raise Malformed(months)
        if not set(map(type, values)) <= _TEXT or not set(map(type, notes)) <= _TEXT_OR_NONE:
            raise Malformed(code)
        numbers = list(map(Decimal, values))  # InvalidOperation is a ValueError: a miss
        if not all(map(Decimal.is_finite, numbers)):
            raise Malformed(values)
        in_force[(code, unit)] = dict(zip(months, zip(numbers, notes, strict=True), strict=True))
    return in_force


_INT, _TEXT, _TEXT_OR_NONE = {int}, {str}, {str, type(None)}
_MONTHS = frozenset(range(1, 13))


def _notes_document(notes: MonthNotes) -> list[object]:
    return [
        [code, unit, month, note]
        for (code, unit), months in notes.items()
        for month, note in months.items()
    ]


def _notes_from(document: object) -> MonthNotes:
    notes: MonthNotes = {}
    for code, unit, month, note in _items(document, 4):
        key = (text(code), _optional_text(unit))
        notes.setdefault(key, {})[_month(month)] = text(note)
    return notes


def _snapshot_from(document: object, data_digest: str, plan_digest: str) -> Snapshot:
    fields = _mapping(document)
    latest = fields.get("latest_month")
    canonical = fields.get("canonical")
    if type(canonical) is not bool or set(fields) != set(_SNAPSHOT_FIELDS):
        raise Malformed(document)
    return Snapshot(
        data_digest,
        plan_digest,
        whole(fields["record_count"]),
        canonical,
        None if latest is None else _month(latest),
        _city_from(fields["city"]),
        _notes_from(fields["notes"]),
    )


_SNAPSHOT_FIELDS = ("record_count", "canonical", "latest_month", "city", "notes")


def load(
    data_path: Path, data_digest: str, plan_digest: str
) -> tuple[Snapshot, Callable[[], InForce | None]] | None:
    """The snapshot of this exact data and plan content, and a function that reads the
    values in force from the same entry when they are wanted (None if they do not read
    back); None on any miss."""
    lines = _read(data_path, "snapshot", (data_digest, plan_digest), 2)
    if lines is None:
        return None
    summary, values = lines
    try:
        snapshot = _snapshot_from(_json(summary), data_digest, plan_digest)
    except _MISS:
        return None

    def read_values() -> InForce | None:
        try:
            return _values_from(_json(values))
        except _MISS:
            return None

    return snapshot, read_values


def save(data_path: Path, snapshot: Snapshot, in_force: InForce) -> None:
    summary = {
        "record_count": snapshot.record_count,
        "canonical": snapshot.canonical,
        "latest_month": snapshot.latest_month,
        "city": _city_document(snapshot.city),
        "notes": _notes_document(snapshot.notes),
    }
    digests = (snapshot.data_digest, snapshot.plan_digest)
    _write(data_path, "snapshot", digests, summary, _values_document(in_force))


# ── Plans ───────────────────────────────────────────────────────────────────────────────


def load_plan(plan_path: Path, plan_digest: str) -> Plan | None:
    """The plan validated from this exact content, or None."""
    lines = _read(plan_path, "plan", (plan_digest,), 1)
    if lines is None:
        return None
    try:
        plan = decoder_for(Plan)(_json(lines[0]))
    except _MISS:
        return None
    if not isinstance(plan, Plan):
        return None
    plan._digest = plan_digest
    return plan


def save_plan(plan_path: Path, plan: Plan) -> None:
    try:
        document = encode(plan)
    except ValueError:  # a value the codec does not know: the plan is just not cached
        return
    _write(plan_path, "plan", (plan.digest,), document)


# ── Drawings ────────────────────────────────────────────────────────────────────────────


def _drawing_digest(key: str) -> str:
    """The report's own `key` (its content, from output) and the terminal it is drawn
    for, as the memo sees it: a drawing made for another width, encoding or environment
    is never shown."""
    shape = json.dumps(memo.terminal_shape(), default=str, ensure_ascii=False)
    return hashlib.sha256(f"{key}\n{shape}".encode()).hexdigest()


def load_drawing(report_name: str, key: str) -> str | None:
    """The text drawn last time for this report, if it was drawn from the same `key`
    for the same terminal."""
    lines = _read(Path(f"drawing-{report_name}"), "drawing", (_drawing_digest(key),), 1)
    if lines is None:
        return None
    try:
        return text(_json(lines[0]))
    except _MISS:
        return None


def save_drawing(report_name: str, key: str, drawing: str) -> None:
    _write(Path(f"drawing-{report_name}"), "drawing", (_drawing_digest(key),), drawing)
