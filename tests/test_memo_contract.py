"""The memo's contract, in memory: an answer it gives is the answer a full run gives now.

A simulated read command reads two files through `memo.note_read` (as `store.toml`
does) and answers with what it read: each file's real path, device, inode and bytes.
Between runs the files are edited as people and programs edit them: new bytes, older
bytes put back, the same bytes with a new time, a symlink swapped to another file of
the same size and time, a hard link, a deletion. After every edit the memo is asked
first; whenever it answers, the answer must be what the full run says. Every step runs
in-process, so CI can afford hundreds of examples (`GXTRACK_MEMO_EXAMPLES`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxtrack.store import atomic, memo

ARGUMENTS = ["status", "-t", "link/../plan.toml", "-d", "data.toml"]
VERSIONS = [b"a = 1\n", b"a = 2\n", b"a = 3\n"]  # the same size: only the bytes differ
EDITS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(["plan", "data"]), st.integers(0, 2)),
    st.tuples(st.just("touch"), st.sampled_from(["plan", "data"]), st.just(0)),
    st.tuples(st.just("swap"), st.sampled_from(["one", "two"]), st.just(0)),
    st.tuples(st.just("hardlink"), st.just("data"), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.just("data"), st.just(0)),
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    folder = tmp_path / "ws"
    for name in ("one", "two"):
        (folder / name).mkdir(parents=True)
        (folder / name / "plan.toml").write_bytes(VERSIONS[0])
    (folder / "link").symlink_to("one/sub", target_is_directory=True)
    (folder / "one" / "sub").mkdir()
    (folder / "two" / "sub").mkdir()
    (folder / "data.toml").write_bytes(VERSIONS[0])
    environ = {"GXTRACK_CACHE_DIR": str(cache)}
    previous, state = os.getcwd(), (dict(memo._reads), memo._spoiled[0], atomic._wrote[0])
    os.chdir(folder)
    try:
        yield folder, environ
    finally:  # this process's own run state, as the tests before this one left it
        os.chdir(previous)
        memo._reads.clear()
        memo._reads.update(state[0])
        memo._spoiled[0], atomic._wrote[0] = state[1], state[2]


def full_run(folder: Path, environ: dict[str, str]) -> bytes:
    """What the command answers now, read as the real run reads, and kept in the memo:
    a new process each time, which has read, spoiled and written nothing yet."""
    memo._reads.clear()
    memo._spoiled[0] = atomic._wrote[0] = False
    asked = memo.question(ARGUMENTS, environ)
    answer = []
    for path in ("link/../plan.toml", "data.toml"):
        try:
            with open(path, "rb") as opened:
                content, status = opened.read(), os.fstat(opened.fileno())
        except FileNotFoundError:
            memo.note_read(path, None)
            answer.append(b"none")
            continue
        memo.note_read(path, content, status)
        real = os.path.realpath(os.path.join(os.getcwd(), path))
        identity = f"{real} {status.st_dev} {status.st_ino} ".encode()
        answer.append(identity + hashlib.sha256(content).hexdigest().encode())
    output = b"\n".join(answer)
    memo.keep(asked, environ, 0, [(1, output)])
    return output


def edit(folder: Path, how: str, what: str, version: int) -> None:
    if how == "write":
        # The system follows `link` before `..`: link/../plan.toml is one/plan.toml (two/
        # once swapped), not ws/plan.toml as the path's text suggests.
        target = Path(os.path.realpath(folder / "link" / "..")) / "plan.toml"
        path = target if what == "plan" else folder / "data.toml"
        stamp = path.stat() if path.exists() else None
        path.write_bytes(VERSIONS[version])
        if stamp is not None:  # the same size and time: only the bytes tell
            os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    elif how == "touch":
        path = folder / "data.toml" if what == "data" else folder / "one" / "plan.toml"
        if path.exists():
            os.utime(path)
    elif how == "swap":  # the symlink now leads into another folder with a same-size file
        link = folder / "link"
        link.unlink()
        link.symlink_to(f"{what}/sub", target_is_directory=True)
    elif how == "hardlink":  # data.toml becomes another inode holding the given bytes
        other = folder / f"other-{version}.toml"
        if not other.exists():
            other.write_bytes(VERSIONS[version])
        (folder / "data.toml").unlink(missing_ok=True)
        os.link(other, folder / "data.toml")
    else:
        (folder / "data.toml").unlink(missing_ok=True)


@settings(
    max_examples=int(os.environ.get("GXTRACK_MEMO_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(EDITS, min_size=1, max_size=8))
def test_every_answer_the_memo_gives_is_the_full_runs(
    workspace: tuple[Path, dict[str, str]], steps: list[tuple[str, str, int]]
) -> None:
    folder, environ = workspace
    for name in ("one", "two"):  # each example starts from the same files
        (folder / name / "plan.toml").write_bytes(VERSIONS[0])
    for how, what, version in [("write", "data", 0), ("swap", "one", 0), *steps]:
        edit(folder, how, what, version)
        _, answer = memo.look_up(ARGUMENTS, environ)
        expected = full_run(folder, environ)
        if answer is not None:
            assert b"".join(chunk for _, chunk in answer.chunks) == expected, steps
        _, again = memo.look_up(ARGUMENTS, environ)  # just kept: a hit with the same bytes
        assert again is not None and b"".join(c for _, c in again.chunks) == expected
