"""Write the command reference (docs/reference/cli.zh.md, cli.en.md) from gxtrack's own `--help`.

Run `python docs/gen_reference.py` after changing a command, an option or a help text;
`python docs/gen_reference.py --check` says which page is stale and exits 1 (a test runs
it). Each command's help is what the installed program prints, run as a user runs it, in
each language, at a fixed width with no colour, so the pages change only when the
program's help does.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DOCS = Path(__file__).resolve().parent
PAGES = {language: DOCS / "reference" / f"cli.{language}.md" for language in ("zh", "en")}
WIDTH = "88"  # columns of the help text: fits a code block on the site without scrolling

# The command tree as Click holds it, in the order `--help` lists it (a group's
# subcommands after it). Run in a child so that the language is settled as the launcher
# settles it, before the commands (and their help texts) are built.
TREE_SCRIPT = """
import json, typer, typer.main
from gxtrack.cli import app
def walk(command, path):
    found = [path]
    if hasattr(command, "list_commands"):  # a group (Typer may bring its own Click)
        context = typer.Context(command, info_name=path[-1] if path else "gxtrack")
        for name in command.list_commands(context):
            found += walk(command.get_command(context, name), [*path, name])
    return found
print(json.dumps(walk(typer.main.get_command(app), [])))
"""

INTRO = {
    "zh": (
        "# 命令与选项\n\n"
        "本页由 `python docs/gen_reference.py` 根据 gxtrack 自己的 `--help` 输出生成"
        "（中文界面：`--lang zh` 或 `GXTRACK_LANG=zh`），请勿手工修改；"
        "命令或帮助文字有改动时重新运行该脚本，测试会检查本页是否为最新。\n\n"
        "每个命令都可以用 `--targets/-t` 指定计划文件、`--data/-d` 指定数据文件或数据库，"
        "用 `--lang zh|en` 选择界面语言。"
        "终端里随时可以运行 `gxtrack 命令 --help` 查看同样的内容。\n"
    ),
    "en": (
        "# Commands and options\n\n"
        "This page is written by `python docs/gen_reference.py` from gxtrack's own `--help`"
        " (English interface: `--lang en` or `GXTRACK_LANG=en`); do not edit it by hand."
        " Rerun the script after changing a command or a help text; a test checks that this"
        " page is current.\n\n"
        "Every command takes `--targets/-t` (the plan file), `--data/-d` (the data file or a"
        " database) and `--lang zh|en`. `gxtrack COMMAND --help` in a terminal shows the same.\n"
    ),
}


def environment(language: str) -> dict[str, str]:
    """A user's shell reduced to what shapes help: the language, the width, no colour."""
    kept = {name: os.environ[name] for name in ("PATH", "HOME", "SYSTEMROOT") if name in os.environ}
    return kept | {
        "GXTRACK_LANG": language,
        "LANG": "C.UTF-8",
        "COLUMNS": WIDTH,
        "NO_COLOR": "1",
        "TERM": "dumb",
        "GXTRACK_NO_CACHE": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def run(arguments: list[str], language: str) -> str:
    done = subprocess.run(
        [sys.executable, *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(language),
    )
    if done.returncode != 0:
        command = " ".join(arguments)
        raise SystemExit(f"python {command} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def command_paths(language: str) -> list[list[str]]:
    paths: list[list[str]] = json.loads(run(["-c", TREE_SCRIPT], language))
    return paths


def section(path: list[str], language: str) -> str:
    title = " ".join(["gxtrack", *path])
    text = run(["-m", "gxtrack", *path, "--help"], language).rstrip()
    return f"## {title}\n\n```text\n{text}\n```\n"


def page(language: str) -> str:
    paths = command_paths(language)
    with ThreadPoolExecutor(max_workers=2) as pool:  # a process each; two cores
        sections = list(pool.map(lambda path: section(path, language), paths))
    return "\n".join([INTRO[language], *sections])


def main(arguments: list[str]) -> int:
    check = arguments == ["--check"]
    stale = []
    for language, target in PAGES.items():
        text = page(language)
        if check:
            if not target.exists() or target.read_text("utf-8") != text:
                stale.append(target)
        else:
            target.write_text(text, "utf-8", newline="\n")
    for target in stale:
        print(f"{target}: stale; run python docs/gen_reference.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
