"""A verified cache of what a data file says, so an unchanged file is not parsed again.

For each data file the cache keeps a snapshot: the values in force (not the whole
history) and the record count, stamped with the SHA-256 of the data file's bytes and of
the plan's bytes it was validated against, and the gxtrack version. A snapshot whose
stamps do not match the files as they are now is ignored, so a hand edit, a new plan or
a new gxtrack simply rebuilds it. It lives in the user's cache folder (platformdirs;
`GXTRACK_CACHE_DIR` overrides it, `GXTRACK_NO_CACHE=1` turns it off): nothing to back
up, and deleting it only costs the next run a full read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gxtrack import __version__
from gxtrack.records import InForce

CACHE_FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    """What status, gaps and record need from a data file, without its history."""

    data_digest: str
    plan_digest: str
    record_count: int
    in_force: InForce
    canonical: bool  # the file is in gxtrack's own layout


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


def _file_for(data_path: Path) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    name = hashlib.sha256(os.fsencode(os.path.realpath(data_path))).hexdigest()[:32]
    return folder / f"{name}.snapshot"


def load(data_path: Path, data_digest: str, plan_digest: str) -> Snapshot | None:
    """The snapshot of this exact data and plan content, or None."""
    path = _file_for(data_path)
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            stamp = pickle.load(stream)
            if stamp != (CACHE_FORMAT, __version__, data_digest, plan_digest):
                return None
            snapshot = pickle.load(stream)
    except Exception:  # a missing, stale or damaged cache is only a cache miss
        return None
    return snapshot if isinstance(snapshot, Snapshot) else None


def save(data_path: Path, snapshot: Snapshot) -> None:
    """Store a snapshot; failing to (read-only home, full disk) is never an error."""
    path = _file_for(data_path)
    if path is None:
        return
    stamp = (CACHE_FORMAT, __version__, snapshot.data_digest, snapshot.plan_digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(stamp, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(snapshot, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)
