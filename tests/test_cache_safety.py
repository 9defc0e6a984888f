"""The cache can never run code, and is used only from a folder no one else controls.

An entry is JSON checked on load (anything else, a pickle included, is a miss), keyed by
the content digests and the versions of gxtrack, pydantic and Python, and a folder
someone else owns or may write to is not used (said once per run).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pydantic.version
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gxtrack.store.data_file as storage
from gxtrack.i18n import MESSAGES
from gxtrack.model.plan import Plan
from gxtrack.model.records import InForce
from gxtrack.model.rollup import QualityNote
from gxtrack.store import cache
from gxtrack.store.plan_file import load_plan
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

from .conftest import Cli

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="POSIX owners and modes")


@pytest.fixture
def paths(workdir: Path) -> Paths:
    paths = Paths.resolve(workdir / "targets.toml", None)
    plan = load_plan(paths.targets)
    record_value(paths, plan, "2.4", "30", "2024-03", note="首批")
    record_value(paths, plan, "2.4", "25", "2024-06")
    return paths


def status_of(cli: Cli, code: str) -> dict[str, object]:
    result = cli("status", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["indicators"]
    row: dict[str, object] = next(row for row in rows if row["code"] == code)
    return row


COMMANDS = (("status",), ("status", "-f", "json"), ("gaps",), ("history", "2.4"))


def fill_cache(cli: Cli, folder: Path) -> list[Path]:
    """Run the commands that make every kind of entry; the entries."""
    for command in COMMANDS:
        assert cli(*command).exit_code == 0
    entries = sorted(folder.iterdir())
    # The plan and the data file's snapshot.
    suffixes = [path.suffix for path in entries if path.is_file()]
    assert sorted(suffixes) == [".plan", ".snapshot"]
    return entries


class Payload:
    """A pickle that, when loaded, creates a marker file through os.system."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
        return os.system, (f"touch '{self.marker}'",)


def test_the_payload_would_run_if_unpickled(tmp_path: Path) -> None:
    """The control: the planted bytes really do run code when unpickled."""
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(Payload(marker)))
    assert marker.exists()


def planted(content: bytes, evil: bytes, where: str) -> bytes:
    """An entry with the pickle in place of all of it, of all but its stamp line, or of
    its last line only (a snapshot's values in force, read only when needed)."""
    lines = content.split(b"\n")
    if where == "whole file":
        return evil
    keep = 1 if where == "after the stamp" else len(lines) - 1
    return b"\n".join([*lines[:keep], *[evil] * (len(lines) - keep)])


@pytest.mark.parametrize("where", ["whole file", "after the stamp", "last line"])
def test_a_malicious_pickle_in_every_cache_file_never_runs(
    paths: Paths, cli: Cli, private_cache: Path, tmp_path: Path, where: str
) -> None:
    marker = tmp_path / "pwned"
    entries = fill_cache(cli, private_cache)
    evil = pickle.dumps(Payload(marker))
    for entry in entries:
        entry.write_bytes(planted(entry.read_bytes(), evil, where))

    # Old behaviour: pickle.load on each entry ran os.system. Now each is a miss.
    table = cli("status")
    assert table.exit_code == 0 and "2.4" in table.stdout
    row = status_of(cli, "2.4")
    assert (row["actual"], row["latest_month"]) == (55, "2024-06")
    assert cli("gaps").exit_code == 0
    assert cli("record", "2.4", "5", "-m", "2024-07").exit_code == 0  # needs the values
    history = json.loads(cli("history", "2.4", "-f", "json").stdout)["records"]
    assert [(r["month"], r["value"], r["note"]) for r in history] == [
        ("2024-03", 30, "首批"),
        ("2024-06", 25, None),
        ("2024-07", 5, None),
    ]
    assert status_of(cli, "2.4")["actual"] == 60
    assert cli("history", "2.4").exit_code == 0
    assert not marker.exists()
    # Each planted entry was a miss and has been replaced by a good one.
    for entry in entries:
        assert json.loads(entry.read_bytes().split(b"\n")[0])[0] == "gxtrack-cache"


def test_values_that_do_not_read_back_are_read_from_the_file(
    paths: Paths, private_cache: Path
) -> None:
    """A snapshot whose summary reads back but whose values in force do not: the values
    come from the data file itself, not from a crash or a guess."""
    plan = load_plan(paths.targets)
    storage.load_data(paths.data, plan)  # fills the snapshot
    (entry,) = private_cache.glob("*.snapshot")
    _, summary, _ = entry.read_bytes().split(b"\n")
    resign(entry, summary, b'[["2.4",null,[3],["NaN"],[null]]]')
    data = storage.load_data(paths.data, plan)
    assert data.ledger.value_in_force("2.4", 3) == (D(30), "首批")
    assert data.ledger.monthly_values("2.4") == {3: D(30), 6: D(25)}


# ── The folder ──────────────────────────────────────────────────────────────────────────


def run_gxtrack(paths: Paths, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A whole run in its own process: "once" is once per run."""
    env = {**os.environ, "GXTRACK_CACHE_DIR": str(folder), "GXTRACK_LANG": "en"}
    env.pop("GXTRACK_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "gxtrack", *args, "-t", str(paths.targets)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def resign(entry: Path, *lines: bytes) -> None:
    """Give a cache entry new content lines, and the SHA-256 of them in its key line, as
    someone able to write into the folder could (without it, an edit is only a miss)."""
    key = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    content = b"\n".join(lines)
    key[-1] = hashlib.sha256(content).hexdigest()
    key_line = json.dumps(key, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    entry.write_bytes(key_line + b"\n" + content)


def forge(entry: Path) -> None:
    """Change March's 2.4 figure in a snapshot from 30 to 999, as someone able to write
    into the folder could: JSON cannot run code, but it can lie."""
    _, summary, values = entry.read_bytes().split(b"\n")
    assert summary.count(b'[3,"30"]') == 1
    resign(entry, summary.replace(b'[3,"30"]', b'[3,"999"]'), values)


@POSIX_ONLY
def test_a_folder_others_may_write_to_is_not_used_and_said_once(
    paths: Paths, cli: Cli, private_cache: Path
) -> None:
    fill_cache(cli, private_cache)
    forge(next(private_cache.glob("*.snapshot")))
    # The control: in a private folder the forged figure is believed (the digests match).
    assert status_of(cli, "2.4")["actual"] == 999 + 25

    os.chmod(private_cache, 0o770)
    before = {path.name: path.read_bytes() for path in private_cache.iterdir()}
    result = run_gxtrack(paths, private_cache, "status", "-f", "json")
    assert result.returncode == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["indicators"] if r["code"] == "2.4")
    assert row["actual"] == 55  # the file's own figures, not the forged ones
    notice = f"others may write to its folder {private_cache} (mode 770)"
    # Plan and snapshot are each looked up and saved: still one notice.
    assert result.stderr.count("running without the cache") == 1
    assert notice in result.stderr and f"chmod go-w {private_cache}" in result.stderr
    assert {path.name: path.read_bytes() for path in private_cache.iterdir()} == before


@POSIX_ONLY
def test_a_new_cache_folder_is_private(paths: Paths, tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "gxtrack"
    result = run_gxtrack(paths, folder, "status")
    assert result.returncode == 0 and result.stderr == ""
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The store cache's entries, and the answer memo's folder (private too).
    assert {path.suffix for path in folder.iterdir()} == {".plan", ".snapshot", ""}
    assert stat.S_IMODE((folder / "memo").stat().st_mode) == 0o700


@POSIX_ONLY
def test_a_folder_of_another_user_is_not_used(
    paths: Paths, cli: Cli, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The owner check, in this process: gxtrack runs as a uid that does not own it."""
    fill_cache(cli, private_cache)
    forge(next(private_cache.glob("*.snapshot")))
    monkeypatch.setattr(cache, "_warned", set())
    someone_else = os.geteuid() + 1
    monkeypatch.setattr(os, "geteuid", lambda: someone_else)
    result = cli("status", "-f", "json")
    assert result.exit_code == 0
    row = next(r for r in json.loads(result.stdout)["indicators"] if r["code"] == "2.4")
    assert row["actual"] == 55
    assert result.stderr.count("running without the cache") == 1
    assert f"belongs to another user (uid {os.stat(private_cache).st_uid})" in result.stderr


def run_as_nobody(action: Callable[[], str | None]) -> tuple[str | None, str]:
    """`action`'s result and what it wrote to stderr, in a forked child that has given up
    root for the `nobody` user (the interpreter itself may be in a folder only root
    can enter, so the child forks rather than starting a new one)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = io.StringIO()
            outcome: list[object] = [action(), sys.stderr.getvalue()]
        except BaseException as error:
            outcome = ["failed", repr(error)]
        os.write(write_end, json.dumps(outcome).encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        outcome = json.loads(stream.read())
    os.waitpid(child, 0)
    result, stderr = outcome
    assert isinstance(stderr, str) and (result is None or isinstance(result, str))
    return result, stderr


@pytest.fixture
def root_owned_folder() -> Iterator[Path]:
    """A folder owned by root that anyone may enter and read, holding an entry."""
    folder = Path(tempfile.mkdtemp(prefix="gxtrack-root-cache-"))
    try:
        os.chmod(folder, 0o755)
        yield folder
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_folder_owned_by_root_is_not_used_by_another_user(
    root_owned_folder: Path, monkeypatch: pytest.MonkeyPatch, bundled_plan: Plan
) -> None:
    monkeypatch.setenv("GXTRACK_CACHE_DIR", str(root_owned_folder))
    plan_path = root_owned_folder / "targets.toml"
    cache.save_plan(plan_path, bundled_plan)
    for entry in root_owned_folder.iterdir():
        os.chmod(entry, 0o644)  # readable by anyone: only the owner check can refuse it
    assert cache.load_plan(plan_path, bundled_plan.digest) is not None  # the control, as root

    def found() -> str | None:
        return None if cache.load_plan(plan_path, bundled_plan.digest) is None else "found"

    result, stderr = run_as_nobody(found)
    assert result is None
    assert stderr.count("running without the cache") == 1
    assert f"folder {root_owned_folder} belongs to another user (uid 0)" in stderr


def test_the_notice_exists_in_both_languages() -> None:
    for key in ("cache.untrusted.owner", "cache.untrusted.writable"):
        english, chinese = MESSAGES[key]
        assert "{folder}" in english and "{folder}" in chinese
        assert "缓存" in chinese


# ── Keys and validation ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("changed", ["gxtrack", "pydantic", "python"])
def test_an_entry_from_other_versions_is_a_miss(
    paths: Paths, cli: Cli, private_cache: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    fill_cache(cli, private_cache)
    plan = load_plan(paths.targets)
    data_digest = cache.digest(paths.data.read_bytes())
    assert cache.load_plan(paths.targets, plan.digest) == plan
    assert cache.load(paths.data, data_digest, plan.digest) is not None

    if changed == "gxtrack":
        monkeypatch.setattr(cache, "__version__", "99.0.0")
    elif changed == "pydantic":
        monkeypatch.setattr(pydantic.version, "VERSION", "1.10.0")
    else:
        monkeypatch.setattr(sys, "version", "3.99.0 (another build)")
    assert cache.load_plan(paths.targets, plan.digest) is None
    assert cache.load(paths.data, data_digest, plan.digest) is None
    # The next run rebuilds the entries under the new versions, with the same figures.
    assert status_of(cli, "2.4")["actual"] == 55
    stamp = json.loads(next(private_cache.glob("*.snapshot")).read_bytes().split(b"\n")[0])
    assert {"gxtrack": "99.0.0", "pydantic": "1.10.0", "python": "3.99.0 (another build)"}[
        changed
    ] in stamp
    assert cache.load(paths.data, data_digest, plan.digest) is not None


def test_the_plan_reads_back_as_validated(paths: Paths) -> None:
    plan = load_plan(paths.targets)
    cached = cache.load_plan(paths.targets, plan.digest)
    assert cached is not None and cached is not plan
    assert cached == plan and cached.digest == plan.digest
    assert cached.model_fields_set == plan.model_fields_set
    first, again = plan.indicator("2.4"), cached.indicator("2.4")
    assert again.model_fields_set == first.model_fields_set
    assert (again.goal, again.kind, again.schedule) == (D(100), first.kind, first.schedule)


def indicator_24(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in document["indicators"] if i["code"] == "2.4")
    return found


TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "a goal that is not finite": lambda d: indicator_24(d).update(goal="NaN"),
    "a goal as a JSON number, not exact text": lambda d: indicator_24(d).update(goal=100),
    "a kind that is no member": lambda d: indicator_24(d).update(kind="bogus"),
    "a code that breaks the pattern": lambda d: indicator_24(d).update(code="2.4 !"),
    "a field the model does not have": lambda d: indicator_24(d).update(extra=1),
    "a required field missing": lambda d: indicator_24(d).pop("goal"),
    "a bool for an int": lambda d: d["plan"].update(year=True),
    "a year out of bounds": lambda d: d["plan"].update(year=1999),
    "no indicators": lambda d: d.update(indicators=[]),
    "a list for a model": lambda d: d.update(plan=[]),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_plan_entry_that_does_not_validate_is_a_miss(
    paths: Paths, private_cache: Path, tampering: str
) -> None:
    plan = load_plan(paths.targets)
    (entry,) = private_cache.glob("*.plan")
    stamp, body = entry.read_bytes().split(b"\n")
    document = json.loads(body)
    TAMPERINGS[tampering](document)
    entry.write_bytes(stamp + b"\n" + json.dumps(document).encode("utf-8"))
    assert cache.load_plan(paths.targets, plan.digest) is None
    assert load_plan(paths.targets) == plan  # read from the file again


# ── Round trip ──────────────────────────────────────────────────────────────────────────

decimals = st.decimals(allow_nan=False, allow_infinity=False)
notes = st.none() | st.text(max_size=30)
months = st.integers(min_value=1, max_value=12)
codes = st.text(min_size=1, max_size=12)
series_keys = st.tuples(codes, st.none() | codes)
month_notes = st.dictionaries(months, st.text(), min_size=1)


@st.composite
def snapshots(draw: st.DrawFn) -> tuple[cache.Snapshot, InForce]:
    city_codes = draw(st.lists(codes, max_size=4, unique=True))
    city = {
        code: (
            draw(st.dictionaries(months, decimals, max_size=12)),
            [
                QualityNote(code, month, draw(decimals), draw(decimals))
                for month in draw(st.lists(months, max_size=3))
            ],
        )
        for code in city_codes
    }
    series = st.dictionaries(months, st.tuples(decimals, notes), max_size=12)
    in_force = draw(st.dictionaries(series_keys, series, max_size=6))
    snapshot = cache.Snapshot(
        draw(st.text(min_size=1)),
        draw(st.text(min_size=1)),
        draw(st.integers(min_value=0)),
        draw(st.booleans()),
        draw(st.none() | months),
        city,
        # the notes of note-only records: any text, for any series and month
        draw(st.dictionaries(series_keys, month_notes, max_size=3)),
    )
    return snapshot, in_force


def exactly(value: object) -> str:
    """A form where Decimal('1.0') and Decimal('1') differ, as do 0 and -0."""
    return repr(value)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(snapshots())
def test_a_snapshot_survives_the_cache_exactly(
    private_cache: Path, example: tuple[cache.Snapshot, InForce]
) -> None:
    snapshot, in_force = example
    data_path = private_cache.parent / "actuals.toml"
    cache.save(data_path, snapshot, in_force)
    found = cache.load(data_path, snapshot.data_digest, snapshot.plan_digest)
    assert found is not None
    loaded, values = found
    assert exactly(loaded) == exactly(snapshot)
    assert exactly(values()) == exactly(in_force)
    assert cache.load(data_path, snapshot.data_digest + "0", snapshot.plan_digest) is None
