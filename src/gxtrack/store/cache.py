"""A verified cache of what a data file says, so an unchanged file is not parsed again.

Each data file's snapshot (the city's figures, the record count, the values in force)
and each plan, validated, are kept as JSON lines under a key line: the SHA-256 of the
bytes they came from, the versions of gxtrack, pydantic and Python, the installed code,
and the SHA-256 of the lines that follow. pydantic validates every entry on load; any
mismatch or doubt is a miss, so an edit or an upgrade simply rebuilds it. Nothing in an
entry can run code. The folder (`store.cache_folder`) is used only while it is the
user's alone; otherwise gxtrack runs without the cache and says so once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from gxtrack import __version__
from gxtrack.i18n import t
from gxtrack.model.fields import NUMBERS_AS_TEXT
from gxtrack.model.plan import Plan
from gxtrack.model.records import InForce, MonthNotes
from gxtrack.model.rollup import Monthly, QualityNote
from gxtrack.store import memo, notices
from gxtrack.store.atomic import replace_file
from gxtrack.store.cache_folder import cache_folder, opened

CACHE_FORMAT = 5  # 5: entries validated by pydantic
_TAG = "gxtrack-cache"


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
    meaning = plan.model_dump(mode="json")
    document = json.dumps(meaning, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


# ── The folder, and whether to trust it ─────────────────────────────────────────────────

_warned: set[str] = set()  # folders already reported as untrusted in this run


def _trusted_folder(*, create: bool) -> Path | None:
    """The cache folder when it is safe to read and write, else None; one that someone
    else owns or may write to is said once per run (the CLI shows the store's notices)."""
    folder = cache_folder()
    usable, refusal = opened(folder, create=create) if folder else (False, None)
    if folder and refusal is not None and folder not in _warned:
        _warned.add(folder)
        reason, detail = refusal
        values = {"owner": detail} if reason == "owner" else {"mode": detail}
        notices.tell(t(f"cache.untrusted.{reason}", folder=folder, **values))
    return Path(folder) if folder and usable else None


def _file_for(folder: Path, source: Path, kind: str) -> Path:
    name = hashlib.sha256(os.fsencode(os.path.realpath(source))).hexdigest()[:32]
    return folder / f"{name}.{kind}"


# ── Entries: a stamp line, then JSON lines ──────────────────────────────────────────────


def _stamp(kind: str, *digests: str) -> list[object]:
    """What an entry must say it was made by and from; compared whole on load."""
    from pydantic.version import VERSION as pydantic_version

    # The installed code as the memo stamps it: an edited gxtrack never reads what older
    # code wrote, even with the same version number.
    stamp = [_TAG, CACHE_FORMAT, kind, __version__, pydantic_version, sys.version]
    return [*stamp, memo.code_stamp(), *digests]


def _refuse_constant(name: str) -> object:
    raise ValueError(name)  # NaN and Infinity are not JSON, and never in an entry


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
        key = json.loads(key_line, parse_constant=_refuse_constant)
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


def _write(source: Path, kind: str, digests: Sequence[str], *lines: str) -> None:
    """Store an entry: its key line (the stamp and the SHA-256 of what follows), then one
    JSON document a line. Failing to (read-only home, full disk) is never an error."""
    folder = _trusted_folder(create=True)
    if folder is None:
        return
    try:
        content = "\n".join(lines).encode("utf-8")
    except UnicodeEncodeError:  # a note with a lone surrogate: just not cached
        return
    key = [*_stamp(kind, *digests), hashlib.sha256(content).hexdigest()]
    entry = _dumps(key).encode("utf-8") + b"\n" + content
    try:
        path = _file_for(folder, source, kind)
        replace_file(str(path), entry, durable=False, shared=False, prefix="tmp")
    except OSError:
        return


# ── Snapshots: checked by pydantic on load ─────────────────────────────────────────────

Month = Annotated[int, Field(strict=True, ge=1, le=12)]
Number = Annotated[Decimal, Field(strict=True, allow_inf_nan=False)]  # exact decimal text
Text = Annotated[str, Field(strict=True)]
CityFigures = tuple[list[tuple[Month, Number]], list[tuple[Month, Number, Number]]]


class _Summary(BaseModel):
    """A snapshot's first line; the values in force follow on the next."""

    model_config = ConfigDict(extra="forbid", strict=True)

    record_count: int
    canonical: bool
    latest_month: Month | None
    city: dict[Text, CityFigures]
    notes: list[tuple[Text, Text | None, Month, Text]]


# One row a series: [code, unit, months, values, notes] (parallel lists: far fewer
# objects to parse than a list per value).
_VALUES = TypeAdapter(list[tuple[Text, Text | None, list[Month], list[Number], list[Text | None]]])


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
        read = _Summary.model_validate_json(summary)
    except ValidationError:
        return None
    city = {
        code: (dict(figures), [QualityNote(code, *note) for note in notes])
        for code, (figures, notes) in read.city.items()
    }
    notes: MonthNotes = {}
    for code, unit, month, note in read.notes:
        notes.setdefault((code, unit), {})[month] = note
    snapshot = Snapshot(
        data_digest, plan_digest, read.record_count, read.canonical, read.latest_month, city, notes
    )

    def read_values() -> InForce | None:
        try:
            rows = _VALUES.validate_json(values)
            return {
                (code, unit): dict(zip(months, zip(numbers, texts, strict=True), strict=True))
                for code, unit, months, numbers, texts in rows
            }
        except (ValidationError, ValueError):  # a damaged entry, or lists of other lengths
            return None

    return snapshot, read_values


def save(data_path: Path, snapshot: Snapshot, in_force: InForce) -> None:
    """Keep the snapshot and the values in force, written by the types `load` reads."""
    city = {
        code: (list(figures.items()), [(n.month, n.city, n.units_sum) for n in notes])
        for code, (figures, notes) in snapshot.city.items()
    }
    notes = [
        (*key, month, note)
        for key, by_month in snapshot.notes.items()
        for month, note in by_month.items()
    ]
    values = [
        (code, unit, list(series), [v for v, _ in series.values()], [n for _, n in series.values()])
        for (code, unit), series in in_force.items()
    ]
    try:
        summary = _Summary(
            record_count=snapshot.record_count,
            canonical=snapshot.canonical,
            latest_month=snapshot.latest_month,
            city=city,
            notes=notes,
        )
        lines = (summary.model_dump_json(), _VALUES.dump_json(values).decode("utf-8"))
    except ValueError:  # a text JSON cannot hold (a lone surrogate): just not cached
        return
    _write(data_path, "snapshot", (snapshot.data_digest, snapshot.plan_digest), *lines)


# ── Plans ───────────────────────────────────────────────────────────────────────────────


def load_plan(plan_path: Path, plan_digest: str) -> Plan | None:
    """The plan validated by pydantic from the entry of this exact content, or None."""
    lines = _read(plan_path, "plan", (plan_digest,), 1)
    if lines is None:
        return None
    try:
        plan = Plan.model_validate_json(lines[0], context={NUMBERS_AS_TEXT: True})
    except (ValidationError, *_MISS):
        return None
    plan._digest = plan_digest
    return plan


def save_plan(plan_path: Path, plan: Plan) -> None:
    try:  # only the fields the file gave: the others take their defaults again on load
        line = plan.model_dump_json(exclude_unset=True)
    except ValueError:  # a text pydantic cannot write (a lone surrogate): not cached
        return
    _write(plan_path, "plan", (plan.digest,), line)
