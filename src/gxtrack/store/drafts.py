"""A monthly session's answers kept as a draft beside the data file.

The session writes the draft after every answer, atomically, so Ctrl-C, a closed
terminal (SIGHUP) or a crash loses nothing typed; the data file is not touched until the
user saves. The next session for that month (and unit) offers to resume it; a saved or
discarded session removes it. A draft is JSON: `actuals.toml.draft-2024-07` (or
`…draft-2024-07-qiyang` for a unit's session).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from gxtrack.model.recording import Entry
from gxtrack.store.atomic import atomic_write

DRAFT_VERSION = 1
MAX_DRAFT_BYTES = 1_000_000  # a month of answers is a few KB; anything bigger is not ours

Text = Annotated[StrictStr, Field(max_length=2000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DraftAnswer(_Model):
    code: Text
    value: Text
    note: Text | None = None
    ytd: StrictBool = False


class Draft(_Model):
    """What a session was told so far: the answers kept, and every code asked (skipped
    ones too), so a resumed session goes on where the last one stopped."""

    version: Annotated[int, Field(ge=DRAFT_VERSION, le=DRAFT_VERSION)] = DRAFT_VERSION
    month: Text
    unit: Text | None = None
    answers: list[DraftAnswer] = []
    asked: list[Text] = []

    def entries(self) -> list[Entry]:
        return [
            Entry(a.code, a.code, a.value, self.month, a.note, a.ytd, self.unit)
            for a in self.answers
        ]


def draft_path(data: Path, month: str, unit: str | None) -> Path:
    """Beside the data file (for a database, beside where the data file would be)."""
    suffix = month if unit is None else f"{month}-{unit}"
    return data.with_name(f"{data.name}.draft-{suffix}")


def save_draft(
    path: Path, month: str, unit: str | None, entries: list[Entry], asked: list[str]
) -> None:
    answers = [
        DraftAnswer(code=e.code, value=e.value_text, note=e.note, ytd=e.ytd) for e in entries
    ]
    draft = Draft(month=month, unit=unit, answers=answers, asked=asked)
    text = json.dumps(draft.model_dump(mode="json"), ensure_ascii=False, indent=1)
    atomic_write(path, (text + "\n").encode("utf-8"))


def load_draft(path: Path, month: str, unit: str | None) -> Draft | None:
    """The draft at `path`, or None: none there, or not one of ours (unreadable, too big,
    another month's): a bad draft never stops the session, it is just not offered."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_DRAFT_BYTES:
            return None
        draft = Draft.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    if draft.month != month or draft.unit != unit:
        return None
    return draft


def remove_draft(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
