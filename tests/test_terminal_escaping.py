"""Nothing from a note or a name reaches a terminal raw; the HTML report escapes every context.

The hostile text below would clear the screen (ESC [2J), retitle the window (OSC 0 … BEL),
start a C1 control sequence (U+009B) and reverse what follows (U+202E). Commands run in a
child process whose stdout and stderr are a pseudo-terminal (`pty.openpty`): what the test
reads from the master side is exactly what a terminal would receive.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli_w

from gxtrack.i18n.safe_text import document_safe, json_terminal_safe, terminal_safe
from tests.conftest import Cli, indicator, plan_document

EVIL = "\x1b[2J\x1b]0;pwned\x07\x9b2J\u202eevil"
SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07\\x9b2J\\u202eevil"  # EVIL as terminal_safe shows it
NOTE = f"春节{EVIL}"
MARKUP_NOTE = "[bold red]注意[/] :warning:"

# Colour and style codes (SGR, ESC [ … m) are the only sequences gxtrack itself sends.
SGR = re.compile(r"\x1b\[[0-9;]*m")
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def raw_controls(text: str) -> list[str]:
    """Control and bidi characters in `text`, after taking out gxtrack's own colour codes."""
    return RAW.findall(SGR.sub("", text))


def on_terminal(workdir: Path, *args: str, answers: str | None = None) -> tuple[int, str]:
    """Run gxtrack with stdout and stderr a terminal 250 columns wide; its exit code and
    everything it sent there (the terminal's CR LF read back as LF). `answers` go to a
    piped stdin, for the monthly session."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
    env = {**os.environ, "COLUMNS": "250", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gxtrack", *args],
        cwd=workdir,
        stdin=subprocess.PIPE if answers is not None else slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    if answers is not None:
        assert process.stdin is not None
        process.stdin.write(answers.encode("utf-8"))
        process.stdin.close()
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child has exited and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def on_pipe(workdir: Path, *args: str) -> tuple[int, str]:
    """Run gxtrack with stdout a pipe: its exit code and the exact text it wrote."""
    done = subprocess.run(
        [sys.executable, "-m", "gxtrack", *args], cwd=workdir, capture_output=True, check=False
    )
    return done.returncode, done.stdout.decode("utf-8")


@pytest.fixture
def hostile(cli: Cli, workdir: Path) -> Path:
    """A plan whose indicator and unit names carry EVIL, and two notes that do."""
    document = plan_document(
        indicator("1.1", name=f"企业{EVIL}", name_en=f"Firms{EVIL}", goal=120),
        title_en=f"Plan{EVIL}",
    )
    document["units"] = [
        {"code": "qiyang", "name": f"祁阳{EVIL}", "name_en": f"Qiyang{EVIL}", "kind": "county"}
    ]
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    assert cli("record", "1.1", "30", "--month", "2024-03", "--note", NOTE).exit_code == 0
    assert cli("record", "1.1", "12", "-m", "2024-03", "-u", "qiyang", "-n", EVIL).exit_code == 0
    assert cli("record", "1.1", "6", "--month", "2024-02", "--note", MARKUP_NOTE).exit_code == 0
    return workdir


# ── the helper ──────────────────────────────────────────────────────────────────────────


def test_terminal_safe_shows_controls_as_escapes() -> None:
    assert terminal_safe(EVIL) == SHOWN
    assert terminal_safe("永州\u2066x\u2069 \x7f\x00") == "永州\\u2066x\\u2069 \\x7f\\x00"
    assert terminal_safe("a\nb\tc\r\nd") == "a\\nb c\\r\\nd"  # a cell stays one line
    assert terminal_safe("a\nb\tc\r\nd\re", one_line=False) == "a\nb\tc\r\nd\\re"
    assert terminal_safe("bad \udcff byte") == "bad \\udcff byte"  # surrogateescape'd argv
    assert terminal_safe("C:\\data\\2024 50% [red]") == "C:\\data\\2024 50% [red]"


def test_json_terminal_safe_is_the_same_document() -> None:
    text = json.dumps({"note": NOTE}, ensure_ascii=False)
    shown = json_terminal_safe(text)
    assert raw_controls(shown) == []
    assert json.loads(shown) == {"note": NOTE}


# ── terminal output ─────────────────────────────────────────────────────────────────────


def test_status_units_and_history_tables_show_names_and_notes_escaped(hostile: Path) -> None:
    for args, shown in [
        (("status",), f"Firms{SHOWN}"),
        (("status",), f"Plan{SHOWN}"),
        (("units",), f"Qiyang{SHOWN}"),
        (("history", "1.1"), f"春节{SHOWN}"),
        (("status", "--lang", "zh"), f"企业{SHOWN}"),
    ]:
        code, output = on_terminal(hostile, *args)
        assert code == 0, output
        assert "\x1b[" in output  # a terminal: Rich's colours are on
        assert raw_controls(output) == [], (args, output)
        assert shown in output, (args, output)


def test_table_cells_are_not_read_as_rich_markup(hostile: Path) -> None:
    code, output = on_terminal(hostile, "history", "1.1")
    assert code == 0
    assert MARKUP_NOTE in SGR.sub("", output)


def test_markdown_is_escaped_wherever_it_goes(hostile: Path) -> None:
    code, output = on_pipe(hostile, "history", "1.1", "--format", "markdown")
    assert code == 0
    assert raw_controls(output) == []
    assert f"| 春节{SHOWN} |" in output
    code, output = on_pipe(hostile, "status", "--format", "markdown")
    assert raw_controls(output) == [] and f"## Plan{SHOWN}" in output


def test_error_quoting_a_typed_value_is_escaped(hostile: Path) -> None:
    before = (hostile / "actuals.toml").read_bytes()
    code, output = on_terminal(hostile, "record", "1.1", EVIL, "-m", "2024-04", "--lang", "zh")
    assert code == 3
    assert raw_controls(output) == []
    assert f"“{SHOWN}”不是数字" in output  # the Chinese message quotes the text as typed
    assert (hostile / "actuals.toml").read_bytes() == before


def test_record_message_names_the_indicator_escaped(hostile: Path) -> None:
    code, output = on_terminal(hostile, "record", "1.1", "40", "-m", "2024-05", "-n", EVIL)
    assert code == 0
    assert raw_controls(output) == []
    assert f"1.1 Firms{SHOWN} 2024-05" in output


def test_file_excerpt_shows_the_control_and_the_caret_under_it(hostile: Path) -> None:
    line = '  { code = "1.1", month = "2024-03", value = 3, note = "a\x1b[2Jb" },'
    (hostile / "actuals.toml").write_text(
        f"schema_version = 1\nplan_year = 2024\nrecords = [\n{line}\n]\n", "utf-8"
    )
    code, output = on_terminal(hostile, "status")
    assert code == 4
    assert raw_controls(output) == []
    # ESC is column 58: 2 spaces and the 55 characters of `{ code = … note = "a` before it.
    assert "actuals.toml:4:58: invalid TOML: Illegal character" in output
    lines = output.splitlines()
    excerpt = next(i for i, text in enumerate(lines) if text.startswith("    4 | "))
    assert lines[excerpt] == "    4 | " + line.replace("\x1b", "\\x1b")
    # The caret stands under the backslash of \x1b: the gutter's 8 + 57 characters before it.
    assert lines[excerpt + 1] == " " * 65 + "^"
    assert lines[excerpt][65:69] == "\\x1b"


def test_monthly_session_shows_names_and_messages_escaped(hostile: Path) -> None:
    # A bad value quoting EVIL (asked again), then 7 with a note, then yes.
    answers = f"{EVIL}\n7 # {EVIL}\ny\n"
    code, output = on_terminal(
        hostile, "record", "--month", "2024-04", "--lang", "zh", answers=answers
    )
    assert code == 0, output
    assert raw_controls(output) == []
    assert f"企业{SHOWN}" in output  # the indicator line and the summary
    assert f"“{SHOWN}”不是数字" in output
    assert "已保存 1 项。" in output
    code, text = on_pipe(hostile, "history", "1.1", "--format", "json")
    april = [r for r in json.loads(text)["records"] if r["month"] == "2024-04"]
    assert [(r["value"], r["note"]) for r in april] == [(7, EVIL)]  # the data keep the text


def test_csv_and_json_on_a_terminal_are_escaped(hostile: Path) -> None:
    code, output = on_terminal(hostile, "history", "1.1", "--format", "json")
    assert code == 0 and raw_controls(output) == []
    notes = [r["note"] for r in json.loads(output)["records"]]
    assert NOTE in notes  # still JSON, decoding to the exact note
    for args in (("history", "1.1", "--format", "csv"), ("export", "actuals", "--output", "-")):
        code, output = on_terminal(hostile, *args)
        assert code == 0 and raw_controls(output) == [], args
        assert f"春节{SHOWN}" in output, args


def test_csv_and_json_to_a_pipe_or_a_file_keep_the_exact_text(hostile: Path) -> None:
    code, text = on_pipe(hostile, "history", "1.1", "--format", "json")
    # JSON writes C0 controls as \u001b itself; U+009B and U+202E go out as they are.
    assert code == 0 and "\x9b2J\u202eevil" in text
    assert {r["note"] for r in json.loads(text)["records"]} == {NOTE, EVIL, MARKUP_NOTE}
    code, text = on_pipe(hostile, "history", "1.1", "--format", "csv")
    assert {row["note"] for row in csv.DictReader(io.StringIO(text))} == {NOTE, EVIL, MARKUP_NOTE}
    code, text = on_pipe(hostile, "export", "actuals", "--output", "-", "--no-bom")
    assert {row["note"] for row in csv.DictReader(io.StringIO(text))} == {NOTE, EVIL, MARKUP_NOTE}
    code, _ = on_pipe(hostile, "export", "actuals", "--output", "out.csv", "--no-bom")
    text = (hostile / "out.csv").read_text("utf-8")
    assert code == 0 and f",{NOTE}," in text


# ── the HTML report ─────────────────────────────────────────────────────────────────────

TITLE = "Plan \"</style><script>alert(1)</script>\f\nback\\slash 'q'"


class Page(HTMLParser):
    """The start tags of a page, the text of its <style>, <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] in ("style", "title", "h1"):
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data


def css_decode(quoted: str) -> str:
    """A CSS string's value (CSS Syntax 3, 4.3.5 and 4.3.7: hex escapes, one white space
    after them, an escaped newline continues the line, any other escaped character is
    itself)."""
    assert quoted[0] == quoted[-1] == '"'

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            return chr(int(match.group(1), 16))
        return "" if match.group(2) == "\n" else match.group(2)

    return re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", one, quoted[1:-1], flags=re.S)


def test_html_report_escapes_the_title_in_every_context(cli: Cli, workdir: Path) -> None:
    document = plan_document(indicator("1.1", name_en=f"Firms{EVIL}"), title_en=TITLE)
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    assert cli("record", "1.1", "30", "--month", "2024-03", "--note", NOTE).exit_code == 0
    assert cli("report", "--output", "r.html", "--as-of", "2024-03").exit_code == 0
    html = (workdir / "r.html").read_text("utf-8")
    page = Page()
    page.feed(html)
    assert "script" not in page.tags and page.tags.count("style") == 1
    # The @page header: one CSS string on one line, decoding back to the running head.
    style = page.text["style"]
    heads = re.findall(r'@top-center \{ content: ("[^"\n\f]*");', style)
    assert [css_decode(head) for head in heads] == [f"{TITLE} · Monthly progress report · 2024-03"]
    assert "<" not in style
    # HTML text: the exact title, escaped by the template engine.
    assert page.text["h1"] == TITLE
    assert page.text["title"] == f"{TITLE} — Monthly progress report 2024-03"
    # A note or a name: its controls shown as on a terminal, in text and SVG attributes.
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in html
    assert document_safe(EVIL) == SHOWN and f"春节{SHOWN}" in html
    assert f'aria-label="1.1 Firms{SHOWN}"' in html
