"""The files: where gxtrack writes, what it reads, and what it refuses.

Every refusal is checked three ways: its exit code, its one line on stderr, and the
folder left exactly as it was (every entry, lock files and folders included).
Unprivileged cases run gxtrack as `nobody` when the suite runs as root (as CI does),
since root passes every permission check; as anyone else, as the user running them.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from typer.testing import CliRunner, Result

from gxtrack.cli import app
from gxtrack.errors import ExitCode
from gxtrack.store.atomic import _lock_timeout
from gxtrack.store.toml import MAX_FILE_BYTES

from .conftest import Cli

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="FIFOs, devices and uids are POSIX")
NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def snapshot(folder: Path) -> dict[str, tuple[str, ...]]:
    """Every entry under `folder`: its kind, and a file's SHA-256 or a link's target."""
    entries: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(mode):
            entries[name] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            entries[name] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            entries[name] = ("other", oct(stat.S_IFMT(mode)))
    return entries


def record_some(cli: Cli) -> None:
    for args in (("2.4", "30", "-m", "2024-03"), ("1.1", "7.2", "-m", "2024-06")):
        result = cli("record", *args)
        assert result.exit_code == 0, result.output


def refused(result: Result | Outcome | CompletedProcess[str], code: ExitCode, words: str) -> None:
    """Exit `code`, and stderr's first line is gxtrack's error holding `words`."""
    exit_code = result.returncode if isinstance(result, CompletedProcess) else result.exit_code
    assert exit_code == code
    stderr = result.stderr
    assert stderr.splitlines()[0].startswith("gxtrack: error: "), stderr
    assert words in stderr.splitlines()[0], stderr
    assert "Traceback" not in stderr


def run_gxtrack(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """gxtrack in its own process: for what blocks or exhausts memory when it goes
    wrong; the timeout only keeps a regression from hanging CI."""
    return subprocess.run(
        [sys.executable, "-m", "gxtrack", *args],
        cwd=cwd,
        env={**os.environ, "GXTRACK_LANG": "en", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def run_as(user: int | None, folder: Path, *args: str) -> Outcome:
    """gxtrack's CLI in a forked child that has become `user` (None: stays who it is),
    working in `folder`. A fork, not an exec: the interpreter may live where `nobody`
    cannot reach (CI's sits in root's home), and the child needs only what is loaded."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(readable)
            os.chdir(folder)
            if user is not None:
                os.setgroups([])
                os.setgid(user)
                os.setuid(user)
            env = {"GXTRACK_NO_CACHE": "1", "COLUMNS": "160", "NO_COLOR": "1"}
            result = CliRunner().invoke(app, list(args), env=env)
            payload = [result.exit_code, result.stdout, result.stderr]
            with os.fdopen(writable, "w", encoding="utf-8") as stream:
                json.dump(payload, stream)
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable, encoding="utf-8") as stream:
        text = stream.read()
    os.waitpid(pid, 0)
    exit_code, stdout, stderr = json.loads(text)
    return Outcome(exit_code, stdout, stderr)


# ── 1. An output path is never one of gxtrack's own files, nor a folder ─────────────────

OUTPUT_COMMANDS = {
    "export": ("export", "status", "-o"),
    "report": ("report", "-o"),
    "template": ("template", "-m", "2024-07", "-o"),
}
OWN_FILES = ("targets.toml", "actuals.toml", "actuals.toml.lock")


@pytest.mark.parametrize("own", OWN_FILES)
@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
def test_output_through_a_symlink_to_an_own_file_is_refused(
    cli: Cli, workdir: Path, command: str, own: str
) -> None:
    record_some(cli)
    link = workdir / "out.csv"
    link.symlink_to(workdir / own)
    before = snapshot(workdir)
    result = cli(*OUTPUT_COMMANDS[command], "out.csv")
    refused(result, ExitCode.INVALID_INPUT, "out.csv: is gxtrack's own file ")
    assert own in result.stderr.splitlines()[0]
    assert snapshot(workdir) == before


@pytest.mark.parametrize("own", OWN_FILES)
@pytest.mark.parametrize("command", ["export", "report"])
def test_output_naming_an_own_file_is_refused(
    cli: Cli, workdir: Path, command: str, own: str
) -> None:
    record_some(cli)
    before = snapshot(workdir)
    refused(cli(*OUTPUT_COMMANDS[command], own), ExitCode.INVALID_INPUT, "gxtrack's own file")
    assert snapshot(workdir) == before


def test_output_that_is_a_hard_link_to_the_data_file_is_refused(cli: Cli, workdir: Path) -> None:
    record_some(cli)
    os.link(workdir / "actuals.toml", workdir / "copy.csv")
    before = snapshot(workdir)
    refused(cli("export", "status", "-o", "copy.csv"), ExitCode.INVALID_INPUT, "own file")
    assert snapshot(workdir) == before


def test_own_files_are_found_through_other_spellings_of_their_paths(
    cli: Cli, workdir: Path
) -> None:
    # Through --data given as a link to the real data file, and with `..` in the path.
    record_some(cli)
    (workdir / "sub").mkdir()
    (workdir / "link.toml").symlink_to(workdir / "actuals.toml")
    before = snapshot(workdir)
    result = cli("export", "status", "--data", "link.toml", "-o", "sub/../actuals.toml.lock")
    refused(result, ExitCode.INVALID_INPUT, "gxtrack's own file")
    assert snapshot(workdir) == before


@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
def test_output_that_is_a_folder_is_refused(cli: Cli, workdir: Path, command: str) -> None:
    record_some(cli)
    (workdir / "out.csv").mkdir()
    before = snapshot(workdir)
    refused(cli(*OUTPUT_COMMANDS[command], "out.csv"), ExitCode.INVALID_INPUT, "is a folder")
    assert snapshot(workdir) == before


@POSIX_ONLY
@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
def test_output_into_a_fifo_is_streamed_and_the_fifo_stays(
    cli: Cli, workdir: Path, command: str
) -> None:
    record_some(cli)
    expected = workdir / "expected.csv"
    assert cli(*OUTPUT_COMMANDS[command], str(expected)).exit_code == 0
    fifo = workdir / "out.csv"
    os.mkfifo(fifo)
    # The FIFO synchronises the two: cat's open() waits for gxtrack's, and the reverse.
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = run_gxtrack(*OUTPUT_COMMANDS[command], "out.csv", cwd=workdir)
    if result.returncode != 0:  # let the reader go, then report the failure
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    streamed, _ = reader.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert streamed == expected.read_bytes()  # what a regular file would have held


@POSIX_ONLY
def test_output_into_a_character_device_writes_into_it(cli: Cli, workdir: Path) -> None:
    # So that a regression cannot replace the machine's /dev/null, root makes a null device of
    # its own in the test folder; anyone else cannot replace /dev/null and uses it.
    record_some(cli)
    device = Path("/dev/null")
    if IS_ROOT:
        device = workdir / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = cli("export", "status", "-o", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert os.stat(device).st_rdev == os.makedev(1, 3)
    assert result.stdout == ""  # the CSV went into the device, not to stdout


@POSIX_ONLY
def test_output_that_is_a_socket_is_refused(cli: Cli, workdir: Path) -> None:
    record_some(cli)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("out.csv")  # relative: the full temporary path may be too long
        before = snapshot(workdir)
        refused(cli("export", "status", "-o", "out.csv"), ExitCode.INVALID_INPUT, "is a socket")
        assert snapshot(workdir) == before
    finally:
        server.close()


def test_output_dash_is_still_stdout(cli: Cli, workdir: Path) -> None:
    record_some(cli)
    result = cli("export", "status", "-o", "-", "--no-bom")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("code,area,name,")
    assert not (workdir / "-").exists()


# ── init: never onto anything that is there ─────────────────────────────────────────────


@pytest.mark.parametrize(
    "prepare",
    [
        lambda d: (d / "targets.toml").write_text("# mine\n", "utf-8"),
        lambda d: (d / "targets.toml").symlink_to(d / "nowhere.toml"),  # a broken link
        lambda d: os.mkfifo(d / "targets.toml"),
    ],
    ids=["file", "broken-link", "fifo"],
)
def test_init_onto_anything_existing_is_refused(
    cli: Cli, workdir: Path, prepare: Callable[[Path], object]
) -> None:
    folder = workdir / "plans"
    folder.mkdir()
    prepare(folder)
    before = snapshot(workdir)
    refused(cli("init", "plans", "--year", "2025"), ExitCode.INVALID_INPUT, "exists already")
    assert snapshot(workdir) == before


def test_init_where_targets_toml_is_a_folder_says_so(cli: Cli, workdir: Path) -> None:
    (workdir / "plans" / "targets.toml").mkdir(parents=True)
    before = snapshot(workdir)
    refused(cli("init", "plans", "--year", "2025"), ExitCode.INVALID_INPUT, "is a folder")
    assert snapshot(workdir) == before


def test_init_into_a_file_is_refused(cli: Cli, workdir: Path) -> None:
    (workdir / "notes.txt").write_text("mine\n", "utf-8")
    before = snapshot(workdir)
    refused(cli("init", "notes.txt"), ExitCode.INVALID_INPUT, "is a file, not a folder")
    assert snapshot(workdir) == before


def test_init_writes_a_new_plan_in_a_new_folder(cli: Cli, workdir: Path) -> None:
    result = cli("init", "plans/2025", "--from", "targets.toml")
    assert result.exit_code == 0, result.output
    assert cli("validate", "-t", "plans/2025/targets.toml").exit_code == 0


# ── 2. A data file the user may not write is not written ────────────────────────────────


def test_root_does_not_record_into_a_file_no_one_may_write(cli: Cli, workdir: Path) -> None:
    record_some(cli)
    data = workdir / "actuals.toml"
    data.chmod(0o444)
    before = snapshot(workdir)
    result = cli("record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.IO_FAILURE, "actuals.toml: the file is read-only for you")
    assert snapshot(workdir) == before
    assert stat.S_IMODE(data.stat().st_mode) == 0o444


@pytest.fixture
def user_folder(cli: Cli, workdir: Path) -> Iterator[tuple[Path, int | None]]:
    """A folder `nobody` can reach (or, when the suite is not root, the user running
    it), holding the plan and a data file of one record; and that user's uid (None:
    the user running the suite)."""
    if not hasattr(os, "fork"):
        pytest.skip("POSIX permissions and fork")
    user = NOBODY if IS_ROOT else None
    folder = Path(tempfile.mkdtemp(prefix="gxtrack-trust-"))
    try:
        folder.chmod(0o755)
        plan = folder / "targets.toml"
        shutil.copy(workdir / "targets.toml", plan)
        plan.chmod(0o644)
        # Recorded by the suite's user: this also loads every module the child needs.
        assert cli("record", "2.4", "30", "-m", "2024-03", "-t", str(plan)).exit_code == 0
        (folder / "actuals.toml").chmod(0o644)
        (folder / "actuals.toml.lock").unlink()
        yield folder, user
    finally:
        folder.chmod(0o755)  # a test may have made it read-only
        shutil.rmtree(folder, ignore_errors=True)


def give(path: Path, user: int | None) -> None:
    if user is not None:
        os.chown(path, user, user)


def test_record_into_a_read_only_data_file_is_refused(
    user_folder: tuple[Path, int | None],
) -> None:
    folder, user = user_folder
    give(folder, user)
    give(folder / "actuals.toml", user)
    (folder / "actuals.toml").chmod(0o444)
    before = snapshot(folder)
    result = run_as(user, folder, "record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.IO_FAILURE, "the file is read-only for you")
    assert snapshot(folder) == before
    # Writable again, the same command records: the refusal was the mode bits alone.
    (folder / "actuals.toml").chmod(0o644)
    assert run_as(user, folder, "record", "2.4", "40", "-m", "2024-04").exit_code == 0


def test_record_in_a_folder_the_user_may_not_write_is_refused(
    user_folder: tuple[Path, int | None],
) -> None:
    # The data file is the user's and writable; its folder is not (root's, 0755).
    folder, user = user_folder
    give(folder / "actuals.toml", user)
    if user is None:
        folder.chmod(0o555)  # the user's own folder, made read-only
    before = snapshot(folder)
    result = run_as(user, folder, "record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.IO_FAILURE, "you may not write in the folder")
    assert snapshot(folder) == before  # not even a lock file


@pytest.mark.parametrize("which", ["targets.toml", "actuals.toml"])
def test_an_unreadable_plan_or_data_file_is_an_io_failure(
    user_folder: tuple[Path, int | None], which: str
) -> None:
    folder, user = user_folder
    (folder / which).chmod(0o000)
    result = run_as(user, folder, "status")
    refused(result, ExitCode.IO_FAILURE, f"{which}: cannot read the")
    assert "Permission denied" in result.stderr.splitlines()[0]


# ── 3. No folders appear from a typo ────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "command",
    [
        ("record", "2.4", "30", "-m", "2024-03"),
        ("undo", "2.4", "-m", "2024-03"),
        ("import", "sheet.csv"),
    ],
    ids=["record", "undo", "import"],
)
def test_writing_into_a_folder_that_does_not_exist_creates_nothing(
    cli: Cli, workdir: Path, command: tuple[str, ...]
) -> None:
    (workdir / "sheet.csv").write_text("code,month,value\n2.4,2024-03,30\n", "utf-8")
    before = snapshot(workdir)
    result = cli(*command, "--data", "acutals/2024.toml")
    refused(result, ExitCode.BAD_FILE, "the folder")
    assert "does not exist" in result.stderr
    assert snapshot(workdir) == before


def test_status_without_a_data_file_says_so_on_stderr(cli: Cli, workdir: Path) -> None:
    result = cli("status", "--data", "actuals-2024.toml")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "actuals-2024.toml: no data file here yet, so nothing is recorded "
        "(the first record creates it)"
    ]
    assert "Plan: 25 goals: " in result.stdout  # the report itself is unchanged
    assert cli("check", "--data", "actuals-2024.toml").output == ""  # check stays silent


# ── 5. Reading is bounded ───────────────────────────────────────────────────────────────


@POSIX_ONLY
@pytest.mark.parametrize("option", ["--targets", "--data"])
def test_a_fifo_as_plan_or_data_file_is_refused_without_waiting(workdir: Path, option: str) -> None:
    os.mkfifo(workdir / "pipe.toml")
    before = snapshot(workdir)
    result = run_gxtrack("status", option, "pipe.toml", cwd=workdir)
    refused(result, ExitCode.BAD_FILE, "pipe.toml: is a named pipe (FIFO), not a")
    assert snapshot(workdir) == before


@POSIX_ONLY
@pytest.mark.parametrize("option", ["--targets", "--data"])
def test_dev_zero_as_plan_or_data_file_is_refused(workdir: Path, option: str) -> None:
    result = run_gxtrack("status", option, "/dev/zero", cwd=workdir)
    refused(result, ExitCode.BAD_FILE, "/dev/zero: is a character device, not a")


@pytest.mark.parametrize(
    ("option", "size"),
    [("--targets", MAX_FILE_BYTES + 1), ("--data", 3 * 1024**3)],  # 64 MiB + 1, 3 GiB
)
def test_a_file_over_the_size_limit_is_refused_unread(
    cli: Cli, workdir: Path, option: str, size: int
) -> None:
    huge = workdir / "huge.toml"
    with huge.open("wb") as stream:
        stream.truncate(size)  # sparse: no disk used
    result = cli("status", option, "huge.toml")
    refused(result, ExitCode.BAD_FILE, "huge.toml: the ")
    assert "is larger than 64 MiB; it is not read" in result.stderr


def test_a_file_at_the_limit_is_read(workdir: Path) -> None:
    from gxtrack.store.toml import read_bytes

    edge = workdir / "edge.toml"
    edge.write_bytes(b"# x\n" * (MAX_FILE_BYTES // 4))
    assert len(read_bytes(edge, what="data file")) == MAX_FILE_BYTES


# ── 14/15: the lock timeout, folders, empty and unreadable files ────────────────────────


@pytest.mark.parametrize("value", ["ten", "-1", "nan", "inf", "-inf", "1e999"])
def test_a_bad_lock_timeout_is_refused_before_anything_is_written(
    cli: Cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    record_some(cli)
    before = snapshot(workdir)
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", value)
    result = cli("record", "2.4", "40", "-m", "2024-04")
    refused(result, ExitCode.INVALID_INPUT, f"GXTRACK_LOCK_TIMEOUT={value!r}")
    assert snapshot(workdir) == before


@pytest.mark.parametrize(
    ("value", "seconds"), [("", 10.0), (" 2.5 ", 2.5), ("0", 0.0), ("30", 30.0)]
)
def test_good_lock_timeouts(monkeypatch: pytest.MonkeyPatch, value: str, seconds: float) -> None:
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", value)
    assert math.isclose(_lock_timeout(), seconds)


@pytest.mark.parametrize("option", ["--targets", "--data"])
def test_a_folder_as_plan_or_data_file_says_it_is_a_folder(
    cli: Cli, workdir: Path, option: str
) -> None:
    (workdir / "folder.toml").mkdir()
    refused(cli("status", option, "folder.toml"), ExitCode.BAD_FILE, "folder.toml: is a folder")


def test_recording_into_a_folder_as_data_file_creates_no_lock(cli: Cli, workdir: Path) -> None:
    (workdir / "folder.toml").mkdir()
    before = snapshot(workdir)
    result = cli("record", "2.4", "30", "-m", "2024-03", "--data", "folder.toml")
    refused(result, ExitCode.BAD_FILE, "folder.toml: is a folder")
    assert snapshot(workdir) == before


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n", b"\xef\xbb\xbf\n"])
@pytest.mark.parametrize("command", [("status",), ("record", "2.4", "30", "-m", "2024-03")])
def test_an_empty_data_file_is_refused_as_empty(
    cli: Cli, workdir: Path, content: bytes, command: tuple[str, ...]
) -> None:
    (workdir / "actuals.toml").write_bytes(content)
    before = snapshot(workdir)
    result = cli(*command)
    refused(result, ExitCode.BAD_FILE, "actuals.toml: the data file is empty")
    assert "delete it (the first record creates it)" in result.stderr
    after = snapshot(workdir)
    # A writer finds the file empty under its lock: the empty lock file, which holds
    # nothing, may stay (as everywhere in the suite); nothing else may change.
    if command[0] == "record":
        assert after.pop("actuals.toml.lock")[0] == "file"
    assert after == before
