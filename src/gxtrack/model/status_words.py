"""A status as a clerk types it: its word in either language, or its one-cell mark. Pure.

`--status 滞后`, `--status behind`, `--status at_risk`, `--status "at risk"`, `--status 警`.
The words are the catalogue's own (`status.*`, `mark.*`), so what the tables show is
what the option takes.
"""

from __future__ import annotations

import unicodedata

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import MESSAGES, t
from gxtrack.model.terms import Status

# Short forms clerks say that are not a table's word: 完成 for 已完成.
_EXTRA_WORDS = {"完成": Status.ACHIEVED, "达标": Status.ACHIEVED, "落后": Status.BEHIND}


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "_").replace("-", "_")


def _words() -> dict[str, Status]:
    words = {_key(word): status for word, status in _EXTRA_WORDS.items()}
    for status in Status:
        words[_key(status.value)] = status
        for key in (f"status.{status.value}", f"mark.{status.value}"):
            for word in MESSAGES.get(key, ()):
                if key.startswith("status.") or not word.isascii():  # "x" and "+" are no words
                    words.setdefault(_key(word), status)
    return words


def parse_status(text: str) -> Status:
    """The status `text` names, or a clear error listing the words there are."""
    found = _words().get(_key(text))
    if found is None:
        names = t("list.separator").join(t(f"status.{s.value}") for s in Status)
        values = ", ".join(s.value for s in Status)
        raise InvalidInputError(t("status.unknown", text=text, names=names, values=values))
    return found
