"""The launcher (Ctrl-C, output encoding, language, arguments) and inputs not ours to read.

Ctrl-C is tested without sleeps: a meta-path finder, loaded through `sitecustomize` on
PYTHONPATH, sends the process SIGINT at the moment a chosen module is imported.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from gxtrack.errors import ExitCode
from gxtrack.i18n import MESSAGES, interface_language, t, use_language
from gxtrack.launch import _make_output_safe, first_undecodable_argument

from .conftest import BUNDLED_PLAN, Cli
from .test_cli import digest

SCRIPT = Path(sys.executable).with_name("gxtrack")

# Sends SIGINT to this process when GXTRACK_TEST_INTERRUPT_AT is imported. With
# GXTRACK_TEST_TWICE, presses Ctrl-C again while the first one unwinds, and reports
# (exit 99) if that second one could still be caught.
INTERRUPTING_SITECUSTOMIZE = """
import os, signal, sys

class InterruptAt:
    def find_spec(self, name, path=None, target=None):
        if name != os.environ["GXTRACK_TEST_INTERRUPT_AT"]:
            return None
        sys.meta_path.remove(self)
        if not os.environ.get("GXTRACK_TEST_TWICE"):
            os.kill(os.getpid(), signal.SIGINT)
            return None
        try:
            os.kill(os.getpid(), signal.SIGINT)
            while True:
                pass  # until the handler runs, a few bytecodes later
        except KeyboardInterrupt:
            os.kill(os.getpid(), signal.SIGINT)
            try:
                while True:
                    pass
            except KeyboardInterrupt:
                os._exit(99)

sys.meta_path.insert(0, InterruptAt())
"""


def user_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def run(
    workdir: Path, *args: str | bytes, interrupt_at: str | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """gxtrack as a user runs it: the installed console script, in its own process, its
    output buffered as a user's is (PYTHONUNBUFFERED, set on some machines, would hide
    an answer left in a buffer)."""
    environment = {**user_environment(), "COLUMNS": "160", "NO_COLOR": "1", **env}
    if interrupt_at is not None:
        (workdir / "hook").mkdir(exist_ok=True)
        (workdir / "hook" / "sitecustomize.py").write_text(INTERRUPTING_SITECUSTOMIZE)
        environment["PYTHONPATH"] = str(workdir / "hook")
        environment["GXTRACK_TEST_INTERRUPT_AT"] = interrupt_at
    command = [str(SCRIPT), *args] if args[:2] != ("-m", "gxtrack") else [sys.executable, *args]
    return subprocess.run(command, cwd=workdir, env=environment, capture_output=True, timeout=120)


# ── the launcher itself ────────────────────────────────────────────────────────────────


def test_the_console_script_is_the_launcher_and_it_imports_nothing_heavy() -> None:
    (script,) = entry_points(group="console_scripts", name="gxtrack")
    assert script.value == "gxtrack.launch:run"
    probe = (
        "import sys, gxtrack.launch; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typer', 'click', 'rich', 'pydantic', 'gxtrack.cli', 'gxtrack.i18n'}))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


@pytest.mark.parametrize(
    ("entry", "module", "command"),
    [
        ("script", "gxtrack.cli", ("status",)),  # the launcher's own import of the CLI
        ("script", "typer", ("status",)),  # deep inside it
        ("python -m", "typer", ("status",)),
        ("script", "gxtrack.i18n", ("status",)),  # the hand-over: the language is chosen
        ("script", "gxtrack.model.plan", ("status",)),  # inside the command: the plan's models
        ("script", "gxtrack.store.transactions", ("record", "2.4", "31", "-m", "2024-04")),
    ],
)
def test_ctrl_c_while_modules_load_exits_130_without_a_traceback(
    workdir: Path, entry: str, module: str, command: tuple[str, ...]
) -> None:
    # Exit 130 and nothing on stderr, in every case (before Typer runs and inside it).
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    before = digest(workdir)
    prefix = ("-m", "gxtrack") if entry == "python -m" else ()
    result = run(workdir, *prefix, *command, interrupt_at=module)
    assert result.returncode == ExitCode.INTERRUPTED, result.stderr
    assert result.stderr == b""
    assert result.stdout == b""
    assert digest(workdir) == before  # the record interrupted while loading wrote nothing


def test_a_second_ctrl_c_while_the_first_unwinds_exits_at_once(workdir: Path) -> None:
    # A second Ctrl-C while the first unwinds: exit 130 at once.
    result = run(workdir, "status", interrupt_at="typer", GXTRACK_TEST_TWICE="1")
    assert result.returncode == ExitCode.INTERRUPTED, result.stderr
    assert result.stderr == b""


def test_an_ignored_ctrl_c_stays_ignored(workdir: Path) -> None:
    # `nohup gxtrack …`: SIGINT was ignored when gxtrack started, and stays so.
    ignoring = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    (workdir / "hook").mkdir()
    (workdir / "hook" / "sitecustomize.py").write_text(INTERRUPTING_SITECUSTOMIZE)
    result = subprocess.run(
        [sys.executable, "-c", ignoring, str(SCRIPT), "--version"],
        env={
            **os.environ,
            "PYTHONPATH": str(workdir / "hook"),
            "GXTRACK_TEST_INTERRUPT_AT": "typer",
        },
        capture_output=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (0, b"gxtrack 0.1.0\n"), result.stderr


def test_an_argument_that_is_not_utf8_gets_one_line_and_exit_3(workdir: Path) -> None:
    before = digest(workdir)
    result = run(
        workdir, "record", "2.4", "30", "-m", "2024-03", "--note", b"ok\xff", LC_ALL="C.UTF-8"
    )
    assert result.returncode == ExitCode.INVALID_INPUT
    assert result.stderr.decode().splitlines() == [
        "gxtrack: error: the value of --note is not valid UTF-8 text: ok\ufffd",
        "hint: the terminal or script that started gxtrack sends another encoding (such as "
        "GBK or Latin-1); switch it to UTF-8 (e.g. LANG=zh_CN.UTF-8) and type the text again",
    ]
    assert digest(workdir) == before
    chinese = run(workdir, "record", b"\xb2.4", "30", "--lang", "zh", LC_ALL="C.UTF-8")
    assert chinese.returncode == ExitCode.INVALID_INPUT
    assert chinese.stderr.decode().splitlines()[0] == (
        "gxtrack：错误：第 2 个参数不是有效的 UTF-8 文本：\ufffd.4"
    )


def test_first_undecodable_argument() -> None:
    assert first_undecodable_argument(["record", "2.4", "备注"]) is None
    assert first_undecodable_argument(["record", "2.4", "a\udcff", "\udcb2"]) == 2


def test_the_language_is_decided_from_the_arguments_then_the_environment() -> None:
    english = {"GXTRACK_LANG": "en", "LANG": "zh_CN.UTF-8"}
    assert interface_language(["status", "--lang", "zh"], english) == "zh"
    assert interface_language(["--lang=ZH", "status"], english) == "zh"
    assert interface_language(["status", "--lang", "fr"], english) == "en"  # Typer refuses it
    assert interface_language(["record", "--", "--lang", "zh"], english) == "en"
    assert interface_language([], {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert interface_language([], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) == "en"
    assert interface_language([], {}) == "en"


# ── output in an encoding that is not UTF-8 ────────────────────────────────────────────


def test_stdout_in_cp1252_replaces_what_it_cannot_encode(workdir: Path) -> None:
    result = run(workdir, "plan", "--lang", "zh", PYTHONIOENCODING="cp1252")
    assert result.returncode == 0, result.stderr
    # 永州市 2024 年工业和信息化重点工作目标 （ 2024 年）： 7 个任务领域， 25 项指标
    #   3    2024   13                   1   2024  3    7    6        25   3
    expected = "???2024" + "?" * 14 + "2024 ???7 ??????25 ???"
    assert result.stdout.decode("cp1252").splitlines()[0] == expected


class Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("raw", "requested", "encoding", "written"),
    [
        (io.BytesIO, "", "utf-8", "永州 — ok".encode()),  # redirected on English Windows
        (Terminal, "", "cp1252", b"?? \x97 ok"),  # a cp1252 terminal keeps its encoding
        (io.BytesIO, "cp1252", "cp1252", b"?? \x97 ok"),  # PYTHONIOENCODING is obeyed
        (io.BytesIO, "cp1252:xmlcharrefreplace", "cp1252", b"&#27704;&#24030; \x97 ok"),
    ],
)
def test_output_that_cannot_encode_becomes_utf8_or_replaced(
    monkeypatch: pytest.MonkeyPatch,
    raw: type[io.BytesIO],
    requested: str,
    encoding: str,
    written: bytes,
) -> None:
    monkeypatch.setenv("PYTHONIOENCODING", requested)
    buffer = raw()
    stream = io.TextIOWrapper(buffer, encoding="cp1252")
    _make_output_safe(stream)
    stream.write("永州 — ok")
    stream.flush()
    assert (stream.encoding, buffer.getvalue()) == (encoding, written)


# ── UTF-16 and other bytes that are not ours ───────────────────────────────────────────


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_toml_file_in_utf16_is_called_utf16(
    cli: Cli, workdir: Path, encoding: str, name: str
) -> None:
    (workdir / "targets.toml").write_bytes(BUNDLED_PLAN.read_text("utf-8").encode(encoding))
    before = digest(workdir)
    result = cli("record", "2.4", "30", "-m", "2024-03")
    assert result.exit_code == ExitCode.BAD_FILE
    assert result.output.splitlines() == [
        f"gxtrack: error: targets.toml:1:1: the file is {name} text, but gxtrack reads UTF-8",
        "hint: save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
    ]
    assert digest(workdir) == before


def test_a_csv_saved_as_unicode_text_by_excel_is_imported(cli: Cli, workdir: Path) -> None:
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    text = "月份\t代码\t数值\t备注\r\n2024-05\t2.4\t12\t含两家迁入\r\n"
    (workdir / "in.csv").write_bytes(text.encode("utf-16"))
    result = cli("import", "in.csv")
    assert result.exit_code == 0, result.output
    history = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    assert [(r["month"], r["value"], r["note"]) for r in history] == [("2024-05", 12, "含两家迁入")]


@pytest.mark.parametrize(
    ("content", "where", "byte", "shown", "cells"),
    [
        # UTF-8 with one stray byte: line 2, after "2.4,5,ok" (8 characters, 8 cells)
        ("代码,数值,备注\n2.4,5,ok".encode() + b"\xff\n", "2:9", "0xFF", "2.4,5,ok\ufffd", 8),
        # GBK (as WPS saves it), a stray byte after "2.4,5,春节因素": 10 characters, and
        # 14 cells of a terminal (a Chinese character takes two)
        (
            "代码,数值,备注\r\n2.4,5,春节因素".encode("gbk") + b"\x80x\r\n",
            "2:11",
            "0x80",
            "2.4,5,春节因素\ufffdx",
            14,
        ),
    ],
)
def test_stray_bytes_in_a_csv_are_pointed_at(
    cli: Cli, workdir: Path, content: bytes, where: str, byte: str, shown: str, cells: int
) -> None:
    (workdir / "in.csv").write_bytes(content)
    before = digest(workdir)
    result = cli("import", "in.csv", "-m", "2024-05")
    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.output.splitlines()
    assert lines[0] == f"gxtrack: error: in.csv:{where}: byte {byte} is neither UTF-8 nor GBK text"
    assert lines[1] == f"    2 | {shown}"
    assert lines[2] == " " * len("    2 | ") + " " * cells + "^"
    assert digest(workdir) == before


def test_a_csv_cell_over_the_csv_modules_limit(cli: Cli, workdir: Path) -> None:
    unclosed = 'code,value,note\n2.4,5,ok\n1.1,2,"春节' + "x" * 140_000 + "\n"
    (workdir / "in.csv").write_text(unclosed, encoding="utf-8")
    result = cli("import", "in.csv", "-m", "2024-05")
    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.output.splitlines()
    assert lines[0] == "gxtrack: error: in.csv:3:7: a cell is longer than 131,072 characters"
    # the line cut 60 characters past the caret: 67 characters, the 9 before and 58 x
    assert lines[1] == '    3 | 1.1,2,"春节' + "x" * 58 + " …"
    assert lines[2] == " " * len("    3 | ") + " " * 6 + "^"
    assert lines[3].startswith('hint: the quotation mark (") that opens this cell is not closed')
    (workdir / "in.csv").write_text("code,value\n2.4," + "5" * 140_000 + "\n", encoding="utf-8")
    result = cli("import", "in.csv", "-m", "2024-05")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.output.splitlines()[0].startswith("gxtrack: error: in.csv:2:1: a cell is")
    assert result.output.splitlines()[-1] == "hint: no value or note is that long; check the file"


# ── "1 record", not "1 records" ────────────────────────────────────────────────────────


def test_one_record_is_singular(cli: Cli, workdir: Path) -> None:
    cli("record", "2.4", "30", "-m", "2024-03")
    assert cli("validate").output.splitlines()[-1].endswith("actuals.toml: OK (1 record)")
    cli("record", "2.4", "31", "-m", "2024-03")
    assert cli("validate").output.splitlines()[-1].endswith("actuals.toml: OK (2 records)")


@pytest.mark.parametrize(
    ("key", "values", "count", "one", "two"),
    [
        ("report.gaps.title", {"plan": "P", "month": "11"}, "left", "1 month left", "2 months"),
        ("rank.footer", {}, "unranked", "1 unit without figures is", "2 units without figures are"),
        ("import.rejected", {"path": "x"}, "count", "x: 1 row rejected", "x: 2 rows rejected"),
        ("session.saved", {}, "count", "Saved 1 answer.", "Saved 2 answers."),
    ],
)
def test_counts_agree_with_their_nouns(
    key: str, values: dict[str, object], count: str, one: str, two: str
) -> None:
    assert one in t(key, **values, **{count: 1})
    assert two in t(key, **values, **{count: 2})
    use_language("zh")
    assert "|" not in t(key, **values, **{count: 1})


def test_a_formatted_number_counts_too() -> None:
    # The HTML report passes numbers formatted already: "1" is singular, "1.5" is not.
    line = {"code": "2.1", "name": "n", "actual": "5", "goal": "6"}
    assert t("html.gap_line_rate", **line, gap="1").endswith("1 percentage point short")
    assert t("html.gap_line_rate", **line, gap="1.5").endswith("1.5 percentage points short")


COUNTED = re.compile(r"\{(\w+)\} (?:more )?(?:[a-z-]+ )?[a-z]{2,}s\b")


def test_no_english_message_puts_a_plural_noun_after_a_bare_count() -> None:
    # "{count} rows rejected" said "1 rows rejected"; now "{count} {count:row|rows} …".
    numbers = {"count", "records", "rows", "indicators", "areas", "left", "total", "unranked"}
    offending = [
        key
        for key, (english, _) in MESSAGES.items()
        for match in COUNTED.finditer(english)
        if match[1] in numbers
    ]
    assert offending == []


# ── leaving: a read command skips the interpreter's teardown, and loses nothing ────────

# Leaves a mark for each way of ending: the exit handlers, and the teardown (an object
# whose __del__ runs only when the interpreter frees its modules).
WATCHING_SITECUSTOMIZE = """
import atexit, os

MARK = os.environ["GXTRACK_TEST_WATCH"]

def _exit_handler(mark=MARK, write=open):
    with write(mark + ".atexit", "w") as out:
        out.write("ran")
    if os.environ.get("GXTRACK_TEST_SAY_AT_EXIT"):
        import sys
        sys.stdout.write("said at exit")  # no newline: still in the buffer when it ends

atexit.register(_exit_handler)

class _Teardown:
    def __init__(self):
        self.mark, self.write = MARK, open

    def __del__(self):
        with self.write(self.mark + ".teardown", "w") as out:
            out.write("ran")

_teardown = _Teardown()
"""


def watched(
    workdir: Path, *args: str, **env: str
) -> tuple[subprocess.CompletedProcess[bytes], set[str]]:
    """Run gxtrack with the watching sitecustomize; the run and which marks were left."""
    hook = workdir / "watch"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(WATCHING_SITECUSTOMIZE)
    for mark in hook.glob("mark.*"):
        mark.unlink()
    result = run(workdir, *args, PYTHONPATH=str(hook), GXTRACK_TEST_WATCH=str(hook / "mark"), **env)
    return result, {mark.suffix for mark in hook.glob("mark.*")}


def test_a_read_command_leaves_at_once_with_its_whole_answer(workdir: Path) -> None:
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    for cache in ({}, {"GXTRACK_NO_CACHE": "1"}):
        result, marks = watched(workdir, "status", "--format", "csv", **cache)
        assert result.returncode == 0, result.stderr
        # Every goal of the bundled plan, and the header: nothing left in a buffer.
        assert len(result.stdout.decode().splitlines()) == 1 + 25
        assert result.stderr == b""
        assert marks == {".atexit"}  # the exit handlers ran; the teardown was skipped
    # An error keeps its code and its message.
    result, marks = watched(workdir, "status", "--as-of", "2024-13")
    assert result.returncode == ExitCode.INVALID_INPUT
    assert b"2024-13" in result.stderr
    assert marks == {".atexit"}


def test_a_command_that_writes_ends_as_python_ends(workdir: Path) -> None:
    # record writes the data file (and may hold a child process or a connection):
    # no shortcut, the interpreter tears down as usual.
    result, marks = watched(workdir, "record", "2.4", "30", "-m", "2024-03")
    assert result.returncode == 0, result.stderr
    assert marks == {".atexit", ".teardown"}
    result, marks = watched(workdir, "export", "status", "-o", "s.csv")
    assert result.returncode == 0, result.stderr
    assert marks == {".atexit", ".teardown"}
    assert (workdir / "s.csv").read_text(encoding="utf-8").count("\n") == 1 + 25


def test_a_reader_that_left_early_is_no_error(workdir: Path) -> None:
    # `gxtrack status | head -0`: the pipe is closed before gxtrack writes a byte.
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    environment = {**user_environment(), "COLUMNS": "160", "NO_COLOR": "1", "GXTRACK_NO_CACHE": "1"}
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [str(SCRIPT), "status"],
            cwd=workdir,
            env=environment,
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "command", [("status",), ("status", "-f", "csv"), ("plan",), ("validate",)]
)
def test_an_answer_that_cannot_be_written_is_an_error_not_a_bug(
    workdir: Path, command: tuple[str, ...]
) -> None:
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    # Asked once where it can be written: the memo keeps the answer, and the first run
    # below replays it (a review found the replay ended in a traceback on a full disk).
    assert run(workdir, *command, GXTRACK_LANG="en").returncode == 0
    environment = {**user_environment(), "COLUMNS": "160", "NO_COLOR": "1", "GXTRACK_LANG": "en"}
    for cache in ({}, {"GXTRACK_NO_CACHE": "1"}):
        with open("/dev/full", "wb") as full:
            done = subprocess.run(
                [str(SCRIPT), *command],
                cwd=workdir,
                env={**environment, **cache},
                stdout=full,
                stderr=subprocess.PIPE,
                timeout=120,
            )
        assert done.returncode == ExitCode.IO_FAILURE, done.stderr
        assert done.stderr.decode() == (
            "gxtrack: error: could not write the output: No space left on device; "
            "what was written is incomplete\n"
        )


def test_what_an_exit_handler_writes_is_not_lost(workdir: Path) -> None:
    # Found by review: the answer was flushed before the exit handlers ran, so what a
    # handler (a profiler, a sitecustomize hook) wrote stayed in the buffer. Python runs
    # the handlers first, then flushes; so does the launcher.
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    for command in (("validate",), ("record", "2.4", "31", "-m", "2024-04")):
        result, _ = watched(workdir, *command, GXTRACK_TEST_SAY_AT_EXIT="1")
        assert result.returncode == 0, result.stderr
        assert result.stdout.endswith(b"\nsaid at exit"), result.stdout[-80:]


def test_export_with_a_double_dash_is_not_taken_for_a_read(workdir: Path) -> None:
    # Found by review: `--` can be an option's value (a plan file named `--`), so
    # `export status --targets -- -o out.csv` writes a file: it ends as Python ends.
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    (workdir / "--").write_bytes((workdir / "targets.toml").read_bytes())
    result, marks = watched(workdir, "export", "status", "--targets", "--", "-o", "out.csv")
    assert result.returncode == 0, result.stderr
    assert (workdir / "out.csv").exists()
    assert marks == {".atexit", ".teardown"}


def test_a_language_given_before_the_command_holds_for_it(workdir: Path) -> None:
    # Found by review: the command's own --lang (not given) reset the language to the
    # locale's, so `gxtrack --lang zh status` printed English.
    run(workdir, "record", "2.4", "30", "-m", "2024-03")
    plain = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "GXTRACK_NO_CACHE": "1"}
    without = {k: v for k, v in os.environ.items() if k != "GXTRACK_LANG"}
    environment = {**without, "COLUMNS": "160", "NO_COLOR": "1", **plain}
    for arguments, title in (
        (("--lang", "zh", "status"), "永州市2024年工业和信息化重点工作目标"),
        (("--lang", "zh", "status", "--lang", "en"), "Yongzhou industry"),
        (("status",), "Yongzhou industry"),
    ):
        done = subprocess.run(
            [str(SCRIPT), *arguments], cwd=workdir, env=environment, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode().startswith(title), arguments
