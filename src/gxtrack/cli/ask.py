"""Questions a person answers at the terminal: yes or no, in either language.

`click.confirm` takes only y/yes/n/no and answers anything else with an English
"Error: invalid input"; a clerk in a Chinese locale types 是 or 好. Every yes/no
question of gxtrack goes through `ask_yes_no`.
"""

from __future__ import annotations

import unicodedata

import typer

# What people type for yes and for no, after NFKC (full-width Ｙ is y) and lower case.
YES_WORDS = frozenset({"y", "yes", "是", "是的", "好", "好的", "对", "对的", "确定", "要", "行"})
NO_WORDS = frozenset({"n", "no", "否", "不", "不是", "不要", "不用", "取消"})


def yes_or_no(answer: str) -> bool | None:
    """True for a yes word, False for a no word, None for anything else (Enter too)."""
    word = unicodedata.normalize("NFKC", answer).strip().lower().rstrip("。.!！")
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def ask_yes_no(question: str, *, default: bool) -> bool:
    """Ask until the answer is a yes or no word (Enter: `default`); end of input or
    Ctrl-C raise typer.Abort, as typer.confirm does."""
    from gxtrack.cli.app import say
    from gxtrack.i18n import t

    choices = "[Y/n]" if default else "[y/N]"
    while True:
        answer: str = typer.prompt(f"{question} {choices}", default="", show_default=False)
        if not answer.strip():
            return default
        meaning = yes_or_no(answer)
        if meaning is not None:
            return meaning
        say(t("ask.yes_or_no"))
