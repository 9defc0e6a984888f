"""The documentation: the command reference is gxtrack's own help, and what the pages show runs.

- docs/reference/cli.{zh,en}.md are what `docs/gen_reference.py` writes now;
- every command and every option of the program is in both;
- every `gxtrack …` line of the README after its Quick start, of the tutorial and of the
  recording and sheets guides runs against the bundled plan and demo data, and prints what the page
  shows beside it (tests/docs_transcripts.py says how a page marks them);
- the site builds with `mkdocs build --strict` (no broken link, no page left out), when
  the `docs` extra is installed (CI installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from gxtrack.cli import app
from tests.docs_transcripts import Command, matches, outcomes

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES_THAT_RUN = [
    (ROOT / "README.md", "Quick start"),
    (DOCS / "how-to" / "record.zh.md", None),
    (DOCS / "how-to" / "record.en.md", None),
    (DOCS / "how-to" / "sheets.zh.md", None),
    (DOCS / "how-to" / "sheets.en.md", None),
    (DOCS / "tutorial" / "index.zh.md", None),
    (DOCS / "tutorial" / "index.en.md", None),
]


def test_regenerating_the_reference_changes_nothing() -> None:
    done = subprocess.run(
        [sys.executable, str(DOCS / "gen_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def _commands() -> list[tuple[str, list[str]]]:
    """Every command path ('gxtrack db grant') with its option names, from Click's tree."""
    found: list[tuple[str, list[str]]] = []

    def walk(command: TyperCommand | TyperGroup, path: list[str]) -> None:
        options = [name for p in command.params for name in p.opts if name.startswith("-")]
        found.append((" ".join(["gxtrack", *path]), options))
        if isinstance(command, TyperGroup):
            context = typer.Context(command, info_name=path[-1] if path else "gxtrack")
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert isinstance(sub, TyperCommand | TyperGroup)
                walk(sub, [*path, name])

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    walk(root, [])
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_command_and_option_is_in_the_reference(language: str) -> None:
    page = (DOCS / "reference" / f"cli.{language}.md").read_text("utf-8")
    sections = {
        part.split("\n", 1)[0]: part for part in page.split("\n## ")[1:]
    }  # "gxtrack db grant" -> its help
    commands = _commands()
    # 17 commands, the db group's 5 and cache's 1, and gxtrack itself.
    assert len(commands) >= 24
    for title, options in commands:
        assert title in sections, f"{title} is not in cli.{language}.md"
        for option in options:
            assert option in sections[title], f"{title} {option} is not in cli.{language}.md"
    assert "--help" in sections["gxtrack status"]
    hint = "用法：" if language == "zh" else "Usage:"
    assert sections["gxtrack status"].count(hint) == 1


def _ran(page: Path, after: str | None) -> list[tuple[Command, int, list[str]]]:
    return list(outcomes(page, after))


@pytest.mark.parametrize(
    ("page", "after"), PAGES_THAT_RUN, ids=[str(p.relative_to(ROOT)) for p, _ in PAGES_THAT_RUN]
)
def test_each_command_of_the_page_prints_what_the_page_shows(page: Path, after: str | None) -> None:
    ran = _ran(page, after)
    assert ran, f"{page.name}: no gxtrack command found"
    for command, code, printed in ran:
        where = f"{page.name}:{command.line}: {' '.join(command.words)}"
        assert code == command.exit, f"{where}: exit {code}\n" + "\n".join(printed)
        if command.shown is not None:
            assert matches(command.shown, printed), f"{where}: prints\n" + "\n".join(printed)


def test_the_readme_runs_a_months_work() -> None:
    """The README's month of work is ten commands run after the Quick start: records, a
    sheet sent and read back, status, gaps and the report; all succeed (exit 0)."""
    ran = _ran(ROOT / "README.md", "Quick start")
    words = [command.words for command, _, _ in ran]
    assert len(words) == 10
    assert sum(1 for w in words if w[1:2] == ["record"]) >= 3
    assert {"status", "gaps", "template", "import", "report"} <= {w[1] for w in words}
    assert all(code == 0 for _, code, _ in ran)


def test_the_tutorial_has_its_pictures() -> None:
    for page in ("index.zh.md", "index.en.md"):
        text = (DOCS / "tutorial" / page).read_text("utf-8")
        for picture in ("status-terminal.png", "report-html.png", "report-docx.png"):
            assert f"../images/{picture}" in text
            assert (DOCS / "images" / picture).stat().st_size > 10_000


def test_every_page_is_in_both_languages() -> None:
    """Chinese first, English beside it: PAGE.zh.md and PAGE.en.md, side by side."""
    pages = [p for p in DOCS.rglob("*.md") if "drafts" not in p.relative_to(DOCS).parts]
    chinese = {p.with_suffix("").with_suffix("") for p in pages if p.name.endswith(".zh.md")}
    english = {p.with_suffix("").with_suffix("") for p in pages if p.name.endswith(".en.md")}
    assert len(chinese) >= 28
    assert chinese == english
    assert all(p.name.endswith((".zh.md", ".en.md")) for p in pages)


def test_the_files_the_pages_name_exist() -> None:
    """A page that cites tests/test_x.py, src/gxtrack/…, bench/… or examples/… names a file
    of the repository (files are renamed; the pages must follow)."""
    named = re.compile(r"(?:tests|src/gxtrack|bench|examples)/[\w./-]+\.(?:py|md|toml)")
    cited = 0
    for page in DOCS.rglob("*.md"):
        if "drafts" in page.relative_to(DOCS).parts:
            continue
        for path in named.findall(page.read_text("utf-8")):
            cited += 1
            assert (ROOT / path).exists(), f"{page.relative_to(ROOT)} names {path}"
    assert cited >= 40  # both languages cite the tests and modules behind each promise


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    if mkdocs is None:
        if os.environ.get("CI"):
            pytest.fail("mkdocs is not installed: CI installs the docs extra (.ci/run)")
        pytest.skip("the docs extra is not installed: pip install -e '.[docs]'")
    done = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for language in ("", "en/"):
        for page in ("tutorial", "how-to/sheets", "reference/cli", "explanation/progress"):
            assert (tmp_path / "site" / language / page / "index.html").exists()
