"""Shell completion of codes, areas and units: Typer answers, the memo repeats it.

The runs go through bash exactly as the installed completion script calls gxtrack.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
def test_the_installed_script_calls_gxtrack_with_bashs_words() -> None:
    environ = {**os.environ, "_GXTRACK_COMPLETE": "source_bash"}
    script = subprocess.run([GXTRACK], env=environ, capture_output=True, text=True, check=True)
    assert 'env COMP_WORDS="${COMP_WORDS[*]}"' in script.stdout
    assert "_GXTRACK_COMPLETE=complete_bash $1" in script.stdout
    # Typer's template writes a real newline inside $'…': IFS is a newline either way.
    assert "local IFS=$'\n'" in script.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_codes_areas_and_units_complete_and_a_repeated_tab_is_the_memos(
    tmp_path: Path,
) -> None:
    workdir, cache = tmp_path / "ws", tmp_path / "cache"
    workdir.mkdir()
    shutil.copy(ROOT / "targets.toml", workdir / "targets.toml")
    (tmp_path / "other.toml").write_bytes(OTHER_PLAN)
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
        first, typer_answered = bash_tab(workdir, cache, list(words), typer=False)
        again, typer_again = bash_tab(workdir, cache, list(words), typer=False)
        assert first == again == expected, words
        assert typer_answered, words
        # The repeat is the memo's, keyed on the plan it read; `export`'s read no file.
        assert typer_again == (words[1] == "export"), words
    # An edited plan is a new answer, not the memo's.
    plan = workdir / "targets.toml"
    plan.write_bytes(plan.read_bytes().replace(b'code = "7"', b'code = "8"', 1))
    edited, typer_answered = bash_tab(
        workdir, cache, ["gxtrack", "status", "--area", ""], typer=False
    )
    assert edited == b"1\n2\n3\n4\n5\n6\n8\n" and typer_answered


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_a_broken_plan_completes_nothing(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_bytes(b"[plan\ntitle = 1\n")
    answer, _ = bash_tab(tmp_path, tmp_path / "cache", ["gxtrack", "record", ""], typer=True)
    assert answer == b"\n"  # Click's empty line: no candidates, and no error on the prompt


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", ["已为 bash 安装命令补全：{script}", "重新打开终端后补全即可使用"]),
        (
            "en",
            [
                "bash completion installed in {script}",
                "Completion will take effect once you restart the terminal",
            ],
        ),
    ],
)
def test_install_completion_says_what_it_did_in_the_interface_language(
    tmp_path: Path, lang: str, said: list[str]
) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GXTRACK_")}
    # Typer's own switch: the shell is named on the command line, not detected.
    environ.update(
        HOME=str(tmp_path), GXTRACK_LANG=lang, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"
    )
    done = subprocess.run(
        [GXTRACK, "--install-completion", "bash"], env=environ, capture_output=True, text=True
    )
    script = tmp_path / ".bash_completions" / "gxtrack.sh"
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines() == [line.format(script=script) for line in said]
    assert "_GXTRACK_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
