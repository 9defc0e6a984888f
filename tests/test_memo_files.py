"""The answer memo keys on the file actually opened, not on the text of its path: a
symlink followed by `..`, a symlink swapped between runs for a file of the same size and
time, hard links; and every file a read command opens is one the memo checks.

Every run is a real process through the launcher (tests/test_memo.py's `run`); the full
path is the same command with GXTRACK_NO_CACHE=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_memo import DEMO_DATA, PLAN, run

ROOT = Path(__file__).resolve().parent.parent


def same_as_full_run(workdir: Path, cache: Path, args: list[str]) -> bytes:
    answered = run(workdir, cache, args, {"GXTRACK_LANG": "zh"})
    full = run(workdir, cache, args, {"GXTRACK_LANG": "zh", "GXTRACK_NO_CACHE": "1"})
    assert answered[:3] == full[:3], (args, answered.stdout, full.stdout)
    return answered.stdout


def retitled(plan: bytes, title: str) -> bytes:
    """The plan with its first goal (9) written as `title`, a figure of the same width."""
    assert b"\ngoal = 9\n" in plan
    return plan.replace(b"\ngoal = 9\n", f"\ngoal = {title}\n".encode(), 1)


def test_a_symlink_then_dotdot_is_the_file_the_system_opens(tmp_path: Path) -> None:
    # ws/link -> other/sub, so ws/link/../targets.toml is other/targets.toml, while
    # the text of the path, normalised, says ws/targets.toml.
    workspace, other = tmp_path / "ws", tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    workspace.mkdir()
    (workspace / "targets.toml").write_bytes(PLAN)
    (other / "targets.toml").write_bytes(retitled(PLAN, "7"))
    (workspace / "actuals.toml").write_bytes(DEMO_DATA)
    (workspace / "link").symlink_to(other / "sub")
    cache = tmp_path / "cache"
    args = ["plan", "-t", "link/../targets.toml"]
    first = same_as_full_run(workspace, cache, args)
    (other / "targets.toml").write_bytes(retitled(PLAN, "8"))  # the file read changes
    assert same_as_full_run(workspace, cache, args) != first


def test_a_data_file_through_a_symlink_then_dotdot_shows_the_record_just_made(
    tmp_path: Path,
) -> None:
    workspace, other = tmp_path / "ws", tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    workspace.mkdir()
    for folder in (workspace, other):
        (folder / "targets.toml").write_bytes(PLAN)
        (folder / "actuals.toml").write_bytes(DEMO_DATA)
    (workspace / "link").symlink_to(other / "sub")
    cache = tmp_path / "cache"
    args = ["history", "2.4", "-d", "link/../actuals.toml"]
    before = same_as_full_run(workspace, cache, args)
    record = ["record", "2.4", "77", "-m", "2024-11", "--force", "-d", "link/../actuals.toml"]
    assert run(workspace, cache, record, {}).code == 0  # written to other/actuals.toml
    after = same_as_full_run(workspace, cache, args)
    assert b"77" in after and after != before


def test_a_symlink_swapped_for_a_file_of_the_same_size_and_time_is_a_miss(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    first, second = workspace / "plan-a.toml", workspace / "plan-b.toml"
    first.write_bytes(retitled(PLAN, "7"))
    second.write_bytes(retitled(PLAN, "8"))  # as many bytes
    os.utime(second, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns))
    assert first.stat().st_size == second.stat().st_size
    (workspace / "actuals.toml").write_bytes(DEMO_DATA)
    link = workspace / "targets.toml"
    link.symlink_to(first.name)
    cache = tmp_path / "cache"
    answer = same_as_full_run(workspace, cache, ["plan"])
    link.unlink()
    link.symlink_to(second.name)
    assert same_as_full_run(workspace, cache, ["plan"]) != answer


def test_hard_links_are_one_file_and_a_write_through_either_is_seen(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "targets.toml").write_bytes(PLAN)
    data = workspace / "actuals.toml"
    data.write_bytes(DEMO_DATA)
    twin = workspace / "twin.toml"
    os.link(data, twin)
    cache = tmp_path / "cache"
    for path in ("actuals.toml", "twin.toml"):
        same_as_full_run(workspace, cache, ["status", "-d", path])
    # Written in place through the other name: the same inode, new bytes.
    with open(twin, "r+b") as stream:
        stream.write(DEMO_DATA.replace(b"value = ", b"value =  ", 1))
    for path in ("actuals.toml", "twin.toml"):
        same_as_full_run(workspace, cache, ["status", "-d", path])
    # A new file under the one name (an editor's save): that name opens another inode.
    twin.unlink()
    twin.write_bytes(DEMO_DATA)
    for path in ("actuals.toml", "twin.toml"):
        same_as_full_run(workspace, cache, ["status", "-d", path])


# Every read command (memo.READ_COMMANDS) as a clerk runs it.
READ_RUNS = [
    ["status"],
    ["gaps"],
    ["check"],
    ["plan"],
    ["history", "2.4"],
    ["units"],
    ["rank", "2.4"],
    ["validate"],
    ["export", "actuals"],
    ["export", "matrix"],
]

# Runs gxtrack's launcher in this process under an audit hook; prints the files opened
# and the files the memo checks, as JSON, into $AUDIT_REPORT as it leaves.
_AUDITED = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(hook)
sys.argv = ["gxtrack", *sys.argv[1:]]
import atexit
from gxtrack import launch
from gxtrack.store import memo
def report():  # the launcher leaves by os._exit, after the functions atexit holds
    with open(os.environ["AUDIT_REPORT"], "w", encoding="utf-8") as stream:
        json.dump({"opened": opened, "checked": sorted(memo._reads)}, stream)
atexit.register(report)
launch.main()
"""


@pytest.mark.parametrize("args", READ_RUNS, ids=lambda a: " ".join(a))
def test_every_file_a_read_command_opens_is_one_the_memo_checks(
    tmp_path: Path, args: list[str]
) -> None:
    workspace, cache = tmp_path / "ws", tmp_path / "cache"
    workspace.mkdir()
    (workspace / "targets.toml").write_bytes(PLAN)
    (workspace / "actuals.toml").write_bytes(DEMO_DATA)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GXTRACK_")}
    environ.update({"GXTRACK_CACHE_DIR": str(cache), "LANG": "C.UTF-8"})
    report_path = tmp_path / "report.json"
    environ["AUDIT_REPORT"] = str(report_path)
    done = subprocess.run(
        [sys.executable, "-c", _AUDITED, *args],
        cwd=workspace,
        env=environ,
        capture_output=True,
        check=False,
    )
    report = json.loads(report_path.read_text("utf-8"))
    assert done.returncode in (0, 1), done.stderr
    own = [os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, ROOT / "src", cache)]
    checked = {os.path.realpath(path) for path in report["checked"]}
    others = [
        path
        for path in report["opened"]
        if not any(
            os.path.realpath(os.path.join(workspace, path)).startswith(folder + os.sep)
            for folder in own
        )
        and os.path.realpath(os.path.join(workspace, path)) not in checked
        and path != str(report_path)  # this test's own report
    ]
    assert others == [], others
    assert str(workspace / "targets.toml") in checked  # every read command reads the plan
