"""Typer's own words in the interface's language, and help that fits the terminal.

Our help texts are catalogue entries, chosen when the commands are built (the launcher
settles the language before it imports the CLI). Typer (0.29) writes its headings and
usage errors in English from its own copy of Click, with no translation hook: in Chinese
they are translated here, by matching Typer's English text against the catalogue's
`usage.*` templates; text no template matches stays as Typer wrote it. Click wraps help
by characters, and a Chinese character takes two cells: lines wider than the terminal
are wrapped again here, between words (or between Chinese characters).
"""

from __future__ import annotations

import functools
import re
import shutil
from functools import cache
from typing import Any

from gxtrack.i18n import MESSAGES, current_language, t
from gxtrack.i18n.text import display_width, wrap_cells

_HEADINGS = ("usage.options", "usage.arguments", "usage.commands")
_BUILTIN_HELP = ("usage.help", "usage.install_completion", "usage.show_completion")
# Tried in this order: the more specific template first.
_MESSAGES = (
    "usage.possible",
    "usage.no_such_option",
    "usage.no_such_command",
    "usage.missing_argument_choose",
    "usage.missing_argument",
    "usage.missing_option",
    "usage.requires_argument",
    "usage.takes_no_value",
    "usage.extra_arguments",
    "usage.invalid_value_for",
    "usage.invalid_value",
    "usage.value_error",
    "usage.not_one_of",
    "usage.not_integer",
    "usage.at_least",
    "usage.at_most",
)
# Typer's notes after an option's help; Click may have wrapped them over two lines.
_NOTES = (
    (re.compile(r"\[default:\s+([^\]]*)\]"), "usage.default", "value"),
    (re.compile(r"\[env\s+var:\s+([^\]]*)\]"), "usage.env_var", "name"),
)


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """The English template of `key` as a pattern: each {name} matches any text."""
    parts = re.split(r"\{(\w+)\}", MESSAGES[key][0])
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)"
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def usage_message(message: str) -> str:
    """A usage error's message (Typer's English) in the interface's language."""
    if current_language() == "en":
        return message
    for key in _MESSAGES:
        match = _pattern(key).fullmatch(message)
        if match:
            values = match.groupdict()
            if "message" in values:
                values["message"] = usage_message(values["message"])
            return t(key, **values)
    return message


def show_usage_error(error: Any) -> None:
    """The usage, where to find help, and the error, as Typer shows them, in our words."""
    import typer

    from gxtrack.i18n.safe_text import terminal_safe

    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(t("usage.try", command=command))
        lines.append("")
    lines.append(t("usage.error", message=usage_message(error.format_message())))
    typer.echo(terminal_safe("\n".join(lines), one_line=False), err=True)


def translate_params(params: list[Any]) -> list[Any]:
    """Typer's own options (--help, shell completion) with help in our language."""
    if current_language() != "en":
        english = {MESSAGES[key][0]: key for key in _BUILTIN_HELP}
        for param in params:
            key = english.get(getattr(param, "help", None) or "")
            if key is not None:
                param.help = t(key)
    return params


def help_text(text: str) -> str:
    """Help or usage as Typer formatted it: headings in our language, every line within
    the terminal's width (Click's own limit: 80 columns)."""
    if current_language() != "en":
        text = _translated_headings(text)
    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 20)
    return "\n".join(_fit(text.split("\n"), width))


def _translated_headings(text: str) -> str:
    for pattern, key, name in _NOTES:
        text = pattern.sub(functools.partial(_note, key, name), text)
    lines = []
    for line in text.split("\n"):
        if line.startswith("Usage: "):
            line = t("usage.usage", rest=line.removeprefix("Usage: "))
        for key in _HEADINGS:
            if line == MESSAGES[key][0]:
                line = t(key)
        lines.append(line.replace(MESSAGES["usage.required"][0], t("usage.required")))
    return "\n".join(lines)


def _note(key: str, name: str, match: re.Match[str]) -> str:
    return t(key, **{name: " ".join(match[1].split())})  # Click may have wrapped it


_TERM = re.compile(r"(  \S.*?  +)(?=\S)")  # an option or command, and the gap after it


def _fit(lines: list[str], width: int) -> list[str]:
    """`lines`, each paragraph or description wider than `width` cells wrapped again:
    its lines joined, then broken between words; a description beside an option
    continues under the description, a paragraph under its own indent."""
    fitted: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        term = _TERM.match(line)
        head = term[1] if term else line[: len(line) - len(line.lstrip(" "))]
        indent = display_width(head)
        block = [line]
        index += 1
        while index < len(lines) and indent and _continues(lines[index], indent):
            block.append(lines[index])
            index += 1
        if all(display_width(part) <= width for part in block):
            fitted += block
            continue
        text = line[len(head) :]
        for part in block[1:]:
            text = _joined(text, part.strip())
        parts = wrap_cells(text, max(width - indent, 16))
        fitted += [head + parts[0], *(" " * indent + part for part in parts[1:])]
    return fitted


def _continues(line: str, indent: int) -> bool:
    lead = len(line) - len(line.lstrip(" "))
    return bool(line.strip()) and lead == indent and not (indent == 2 and _TERM.match(line))


def _joined(text: str, more: str) -> str:
    """Two pieces of one wrapped text: Chinese joins with no space, words with one."""
    from gxtrack.i18n.text import is_wide

    if text and more and is_wide(text[-1]) and is_wide(more[0]):
        return text + more
    return f"{text} {more}"
