"""Make docs/images/status-terminal.png: `gxtrack status` in a real terminal, as a picture.

tmux runs the installed gxtrack in Chinese at 118 columns with colours; its screen, with
the colour codes, is laid out by Rich as HTML in a monospace font whose Chinese characters
are two columns wide, and headless Chromium takes the picture. Needs tmux, chromium and
fonts-noto-cjk; run from the repository with the venv's Python:

    .venv/bin/python docs/make_screenshots.py
"""

import io
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.terminal_theme import MONOKAI
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "images" / "status-terminal.png"
COMMAND = "gxtrack status --area 2 && gxtrack status --area 5"
COLUMNS, ROWS = 118, 34
BROWSER = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
BROWSER += ["--force-device-scale-factor=1", "--window-size=1040,566"]
# One cell in a terminal but full width in a CJK font: drawn in a half-width box.
ONE_CELL = "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #1e1e1e; }}
.bar {{ color: #9a9a9a; font: 13px "Noto Sans CJK SC", sans-serif; padding: 6px 18px;
  background: #333; }}
.term {{ margin: 0; padding: 14px 18px; background: {background}; color: {foreground};
  font-family: "Noto Sans Mono CJK SC", monospace; font-size: 15px; line-height: 1.35; }}
</style></head><body><div class="bar">● ● ●   终端 {columns} 列</div>
<pre class="term">{code}</pre></body></html>"""


def terminal_screen(folder: Path) -> str:
    """The screen of a tmux terminal that ran COMMAND in `folder`, with its colour codes."""
    server = ["tmux", "-L", f"gxtrack-docs-{os.getpid()}"]
    environment = (
        f"PATH={Path(sys.executable).parent}:/usr/bin:/bin TERM=xterm-256color"
        " COLORTERM=truecolor GXTRACK_LANG=zh GXTRACK_NO_CACHE=1"
    )
    # The prompt and command as a user sees them, the command's output, then a signal.
    script = (
        f"printf '$ %s\\n' '{COMMAND}'; {COMMAND}; {shlex.join(server)} wait -S shot; sleep 600"
    )
    size = ["-x", str(COLUMNS), "-y", str(ROWS)]
    command = f"env {environment} bash -c {shlex.quote(script)}"
    subprocess.run([*server, "new-session", "-d", *size, "-c", str(folder), command], check=True)
    try:
        subprocess.run([*server, "wait", "shot"], check=True, timeout=60)
        lines, before = _screen(server), None
        for _ in range(100):  # the pane is drawn a moment after the program's output
            if lines == before:
                break
            time.sleep(0.05)
            lines, before = _screen(server), lines
    finally:
        subprocess.run([*server, "kill-server"], check=False)
    while lines and not Text.from_ansi(lines[-1]).plain.strip():
        lines.pop()
    return "\n".join(lines)


def _screen(server: list[str]) -> list[str]:
    done = subprocess.run(
        [*server, "capture-pane", "-e", "-p"], check=True, capture_output=True, text=True
    )
    return done.stdout.rstrip("\n").split("\n")


def page_of(screen: str) -> str:
    console = Console(
        record=True,
        width=COLUMNS,
        force_terminal=True,
        color_system="truecolor",
        file=io.StringIO(),
    )
    console.print(Text.from_ansi(screen), soft_wrap=True)
    html = console.export_html(
        theme=MONOKAI, code_format=PAGE.replace("{columns}", str(COLUMNS)), inline_styles=True
    )
    for character in ONE_CELL:
        box = '<span style="display:inline-block;width:0.5em;font-family:DejaVu Sans">'
        html = html.replace(character, f"{box}{character}</span>")
    return html


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(ROOT / "targets.toml", folder)
        shutil.copy(ROOT / "examples" / "demo-2024" / "actuals.toml", folder)
        (folder / "shot.html").write_text(page_of(terminal_screen(folder)), "utf-8")
        subprocess.run(
            [*BROWSER, f"--screenshot={PICTURE}", (folder / "shot.html").as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
