"""A verified cache of what a data file says, so an unchanged file is not parsed again.

For each data file the cache keeps a snapshot: the values in force (not the whole
history) and the record count, stamped with the SHA-256 of the data file's bytes and of
the plan's bytes it was validated against, and the gxtrack version; for each plan file,
the validated plan, stamped with the SHA-256 of its bytes. An entry whose stamps do not
match the files as they are now is ignored, so a hand edit, a new plan or a new gxtrack
simply rebuilds it. It lives in the user's cache folder (platformdirs;
`GXTRACK_CACHE_DIR` overrides it, `GXTRACK_NO_CACHE=1` turns it off): nothing to back
up, and deleting it only costs the next run a full read.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gxtrack import __version__

if TYPE_CHECKING:
    from gxtrack.plan import Plan
    from gxtrack.records import InForce

CACHE_FORMAT = 1


class Snapshot(NamedTuple):
    """What a data file says, without its history: the city's figures, rolled up from
    its units (all status and gaps need), and a count; the values in force by unit and
    month follow it in the file, read only when a command needs them."""

    data_digest: str
    plan_digest: str
    record_count: int
    canonical: bool  # the file is in gxtrack's own layout
    latest_month: int | None
    city: dict[str, Any]  # indicator code -> (monthly figures, data-quality notes)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _folder() -> Path | None:
    if os.environ.get("GXTRACK_NO_CACHE"):
        return None
    configured = os.environ.get("GXTRACK_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gxtrack", appauthor=False))


def _file_for(source: Path, kind: str) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    name = hashlib.sha256(os.fsencode(os.path.realpath(source))).hexdigest()[:32]
    return folder / f"{name}.{kind}"


def _code_stamp() -> tuple[int, ...]:
    """When the modules whose objects the cache holds last changed: an edited gxtrack
    (a developer's, or an upgrade that kept the version) never reads an older layout."""
    from gxtrack import plan, records, terms

    stamps = []
    for module in (plan, records, terms):
        try:
            stamps.append(os.stat(module.__file__ or "").st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


def _load(source: Path, kind: str, stamp: tuple[str, ...]) -> Any:
    path = _file_for(source, kind)
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            if pickle.load(stream) != (CACHE_FORMAT, __version__, _code_stamp(), *stamp):
                return None
            return pickle.load(stream)
    except Exception:  # a missing, stale or damaged cache is only a cache miss
        return None


def _save(source: Path, kind: str, stamp: tuple[str, ...], *contents: object) -> None:
    """Store an entry; failing to (read-only home, full disk) is never an error."""
    path = _file_for(source, kind)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(
                (CACHE_FORMAT, __version__, _code_stamp(), *stamp),
                stream,
                pickle.HIGHEST_PROTOCOL,
            )
            for content in contents:
                pickle.dump(content, stream, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def load(
    data_path: Path, data_digest: str, plan_digest: str
) -> tuple[Snapshot, Callable[[], InForce]] | None:
    """The snapshot of this exact data and plan content, and a function that reads the
    values in force from the same bytes when they are wanted; None on any miss."""
    path = _file_for(data_path, "snapshot")
    if path is None:
        return None
    try:
        blob = path.read_bytes()
        stream = io.BytesIO(blob)
        stamp = (CACHE_FORMAT, __version__, _code_stamp(), data_digest, plan_digest)
        if pickle.load(stream) != stamp:
            return None
        snapshot = pickle.load(stream)
        offset = stream.tell()
    except Exception:  # a missing, stale or damaged cache is only a cache miss
        return None
    if not isinstance(snapshot, Snapshot):
        return None

    def values() -> InForce:
        loaded: InForce = pickle.loads(memoryview(blob)[offset:])
        return loaded

    return snapshot, values


def save(data_path: Path, snapshot: Snapshot, in_force: InForce) -> None:
    _save(data_path, "snapshot", (snapshot.data_digest, snapshot.plan_digest), snapshot, in_force)


def load_plan(plan_path: Path, plan_digest: str) -> Plan | None:
    """The plan validated from this exact content, or None."""
    from gxtrack.plan import Plan

    plan = _load(plan_path, "plan", (plan_digest,))
    return plan if isinstance(plan, Plan) and plan.digest == plan_digest else None


def save_plan(plan_path: Path, plan: Plan) -> None:
    _save(plan_path, "plan", (plan.digest,), plan)


def load_drawing(report_name: str, key: str) -> str | None:
    """The text drawn last time for this report, if it was drawn from the same `key`."""
    drawing = _load(Path(f"drawing-{report_name}"), "drawing", (key,))
    return drawing if isinstance(drawing, str) else None


def save_drawing(report_name: str, key: str, drawing: str) -> None:
    _save(Path(f"drawing-{report_name}"), "drawing", (key,), drawing)
