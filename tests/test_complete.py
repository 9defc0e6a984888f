"""Completion before Typer loads (store/complete.py, issue 15): Typer's answer, byte for byte.

The real runs go through bash exactly as the installed completion script calls gxtrack;
the full path is the same call with GXTRACK_NO_CACHE=1 (Typer answers). The property test
compares the two in one process for speed, on command lines drawn at random.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gxtrack.cli import app
from gxtrack.store import complete

ROOT = Path(__file__).resolve().parent.parent
GXTRACK = Path(sys.executable).with_name("gxtrack")
OTHER_PLAN = b"""# another plan, elsewhere: its own codes
[plan]
title = "other"
year = 2024
[[areas]]
code = "9"
name = "nine"
[[indicators]]
code = "9.1"
name = "a"
area = "9"
[[indicators]]
code = "9.2"
name = "b"
area = "9"
[[units]]
code = "far-east"
name = "E"
"""


def bash_tab(workdir: Path, cache: Path, words: list[str], *, typer: bool) -> tuple[bytes, bool]:
    """gxtrack's stdout as bash's completion function runs it (Typer's COMPLETION_SCRIPT_BASH:
    IFS is a newline, COMP_WORDS joined by it), and whether Typer was imported."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GXTRACK_", "COMP_"))}
    environ.update({"GXTRACK_CACHE_DIR": str(cache), "PYTHONPROFILEIMPORTTIME": "1"})
    if typer:
        environ["GXTRACK_NO_CACHE"] = "1"
    array = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
    script = (
        f"IFS=$'\\n'; COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}; "
        'env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD '
        f"_GXTRACK_COMPLETE=complete_bash {GXTRACK}"
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", script], cwd=workdir, env=environ, capture_output=True, check=True
    )
    return done.stdout, b" typer\n" in done.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_installed_script_calls_gxtrack_as_emulated() -> None:
    environ = {**os.environ, "_GXTRACK_COMPLETE": "source_bash"}
    script = subprocess.run([GXTRACK], env=environ, capture_output=True, text=True, check=True)
    assert 'env COMP_WORDS="${COMP_WORDS[*]}"' in script.stdout
    assert "_GXTRACK_COMPLETE=complete_bash $1" in script.stdout
    # Typer's template writes a real newline inside $'…': IFS is a newline either way.
    assert "local IFS=$'\n'" in script.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_a_new_prefix_is_answered_without_typer_as_typer_answers(tmp_path: Path) -> None:
    workdir, cache = tmp_path / "ws", tmp_path / "cache"
    workdir.mkdir()
    shutil.copy(ROOT / "targets.toml", workdir / "targets.toml")
    (tmp_path / "other.toml").write_bytes(OTHER_PLAN)
    # The first Tab on a code is Typer's; it leaves the command table behind.
    bash_tab(workdir, cache, ["gxtrack", "record", ""], typer=False)
    cases = {
        # The bundled plan's areas are 1 to 7.
        ("gxtrack", "status", "--area", ""): b"1\n2\n3\n4\n5\n6\n7\n",
        # Area 2 holds indicators 2.1 to 2.5.
        ("gxtrack", "history", "2."): b"2.1\n2.2\n2.3\n2.4\n2.5\n",
        # --targets elsewhere: that plan's codes, not ./targets.toml's.
        ("gxtrack", "history", "--targets", "../other.toml", ""): b"9.1\n9.2\n",
        ("gxtrack", "gaps", "-t", "../other.toml", "-u", "f"): b"far-east\n",
        ("gxtrack", "status", "-a", "9"): b"\n",  # no such area here: Click's empty line
        ("gxtrack", "record", "zz"): b"\n",  # an unknown prefix
    }
    # The bundled plan's 14 units (Yongzhou's counties and parks), in the plan's order.
    cases[("gxtrack", "status", "--unit", "")] = b"lingling\nlengshuitan\nqiyang\ndongan\n" \
        b"shuangpai\ndaoxian\njiangyong\nningyuan\nlanshan\nxintian\njianghua\n" \
        b"huilongxu\njindong\njingkaiqu\n"  # fmt: skip
    # `export` has no --unit: Click takes it for an unknown option; Typer answers that.
    cases[("gxtrack", "export", "--unit", "")] = b"status\ngaps\nactuals\nplan\nunits\n" \
        b"matrix\nall\n"  # fmt: skip
    for words, expected in cases.items():
        full, _ = bash_tab(workdir, cache, list(words), typer=True)
        fast, imported = bash_tab(workdir, cache, list(words), typer=False)
        assert fast == full == expected, words
        assert imported == (words[1] == "export"), words  # only the odd one asks Typer


# ── The property: any command line, Typer's bytes or no answer ─────────────────────────

WORDS = [
    "status", "gaps", "check", "history", "record", "export", "units", "plan", "db", "cache",
    "--area", "-a", "--unit", "-u", "--targets", "-t", "--format", "-f", "--lang", "--as-of",
    "--help", "--debug", "--", "-x", "-1.5", "--area=", "--targets=../other.toml", "=",
    "1", "2.", "2.1", "zz", "", "../other.toml", "other.toml", "-", "json", "2024-03",
]  # fmt: skip


def typer_tab(words: list[str], cword: int, environ: dict[str, str]) -> bytes:
    result = CliRunner().invoke(
        app, [], env={**environ, "COMP_WORDS": "\n".join(words), "COMP_CWORD": str(cword),
                      "_GXTRACK_COMPLETE": "complete_bash"}, prog_name="gxtrack",
    )  # fmt: skip
    return result.stdout_bytes


@settings(
    max_examples=int(os.environ.get("GXTRACK_COMPLETE_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=6),
    prefix=st.sampled_from(["", "1", "2", "2.", "3.1", "9", "f", "n", "zz", "-", "--a"]),
    env_targets=st.sampled_from([None, "", "../other.toml", "missing.toml"]),
)
def test_any_answer_is_typers(
    workdir: Path, words: list[str], prefix: str, env_targets: str | None
) -> None:
    (workdir.parent / "other.toml").write_bytes(OTHER_PLAN)
    environ = {"GXTRACK_CACHE_DIR": os.environ["GXTRACK_CACHE_DIR"]}
    if env_targets is not None:
        environ["GXTRACK_TARGETS"] = env_targets
    line = ["gxtrack", *words, prefix]
    typer_tab(["gxtrack", "record", ""], 2, environ)  # leaves the command table
    fast = complete.answer(
        {**environ, "COMP_WORDS": "\n".join(line), "COMP_CWORD": str(len(line) - 1),
         "_GXTRACK_COMPLETE": "complete_bash"}
    )  # fmt: skip
    if fast is not None:
        assert fast.encode() == typer_tab(line, len(line) - 1, environ), line


def test_the_plain_shapes_are_answered(workdir: Path) -> None:
    # The property above passes trivially if nothing is answered: these must be.
    environ = {"GXTRACK_CACHE_DIR": os.environ["GXTRACK_CACHE_DIR"]}
    typer_tab(["gxtrack", "record", ""], 2, environ)
    for line in (
        ["gxtrack", "status", "--area", ""],
        ["gxtrack", "status", "-f", "json", "-u", "n"],
        ["gxtrack", "record", "2."],
        ["gxtrack", "history", "--lang", "en", "--targets", "targets.toml", "1"],
        ["gxtrack", "status", "--area=2"],
    ):
        asked = {**environ, "COMP_WORDS": "\n".join(line), "COMP_CWORD": str(len(line) - 1),
                 "_GXTRACK_COMPLETE": "complete_bash"}  # fmt: skip
        fast = complete.answer(asked)
        assert fast is not None, line
        assert fast.encode() == typer_tab(line, len(line) - 1, environ), line


def test_a_path_reads_as_pathlib_reads_it() -> None:
    from gxtrack.store.complete import _plan_path

    for text in ("a//b/", "./t.toml", "//x/./y", "///z", ".", "a/./", "/", "x/../y"):
        assert _plan_path(text) == str(Path(text)), text
