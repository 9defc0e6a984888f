"""Messages for people, in English or Chinese: `t()`, the language, local names.

`t(key, **values)` formats a message of the catalogue (`catalogue.py`) in the current
language. The language is chosen once per run: `--lang`, else GXTRACK_LANG, else the
locale (LC_ALL, LC_MESSAGES, LANG starting with "zh" give Chinese), else English. The
launcher (`gxtrack.launch`) chooses it from the arguments before it hands over to the
CLI (`use_language_of`); Typer's `--lang` callback confirms it (`use_language`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from gxtrack.i18n.catalogue import MESSAGES

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "current_language",
    "interface_language",
    "language_from_environment",
    "local_name",
    "t",
    "use_language",
]

LANGUAGES = ("en", "zh")
_current = ["en"]


def interface_language(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """`--lang zh|en` among the arguments, else GXTRACK_LANG, else the locale, else English."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        value = None
        if argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--lang="):
            value = argument.removeprefix("--lang=")
        if value is not None and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    explicit = environ.get("GXTRACK_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def use_language(language: str | None) -> str:
    """Choose the language for this run: the given one, else from the environment."""
    chosen = language or language_from_environment()
    _current[0] = chosen if chosen in LANGUAGES else "en"
    return _current[0]


def language_from_environment() -> str:
    return interface_language((), os.environ)


def current_language() -> str:
    return _current[0]


def t(key: str, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    english, chinese = MESSAGES[key]
    template = chinese if _current[0] == "zh" else english
    if not values:
        return template
    if "|" in template:
        template = _choose_words(template, values)
    return template.format(**values)


def _choose_words(template: str, values: dict[str, object]) -> str:
    """`{count:record|records}` becomes "record" when count is 1, else "records".

    Only English needs it ("1 record", "2 records"); Chinese counts need no plural.
    """
    import re  # loaded already by everything that shows such a message

    def word(match: re.Match[str]) -> str:
        return match[2] if _is_one(values[match[1]]) else match[3]

    return re.sub(r"\{(\w+):([^{}|]*)\|([^{}]*)\}", word, template)


def _is_one(value: object) -> bool:
    # str() covers ints, Decimals and numbers formatted already; "1.0 points" stays plural.
    return not isinstance(value, bool) and str(value).strip() == "1"


def local_name(item: object) -> str:
    """An area's or indicator's name in the interface's language (Chinese as fallback)."""
    name, name_en = str(getattr(item, "name", "")), str(getattr(item, "name_en", "") or "")
    return name_en or name if _current[0] == "en" else name
