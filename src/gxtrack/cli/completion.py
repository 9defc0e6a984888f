"""Shell completion of indicator codes, area numbers and unit codes, read from the plan.

Completion runs on every Tab press, so it reads targets.toml without validation or
models: first a scan of the `[[indicators]]`-style tables as gxtrack and people write
them (code and name lines with plain strings), else tomllib. It stays silent on any
problem: a broken plan is for `validate` to report, not for the shell prompt. The file is
read as every plan is (`store.toml.read_bytes`: bounded, and without blocking, so that a
FIFO in its place cannot hang the Tab key).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol


class CompletionContext(Protocol):
    """What completion reads of Typer's context: the options typed so far (--targets)."""

    @property
    def params(self) -> Mapping[str, object]: ...


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_FIELD = re.compile(r'^\s*(code|name)\s*=\s*"([^"\\]*)"\s*(?:#.*)?$')


def _items(ctx: CompletionContext, array: str) -> list[dict[str, str]]:
    # Imported on a Tab press only: `--help` imports this module too.
    from gxtrack.errors import GxtrackError
    from gxtrack.store.toml import read_bytes

    targets = ctx.params.get("targets") or os.environ.get("GXTRACK_TARGETS") or "targets.toml"
    try:
        text = read_bytes(Path(str(targets)), what="").decode("utf-8-sig")
    except (GxtrackError, OSError, ValueError):
        return []
    items: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in text.split("\n"):
        header = _HEADER.match(line)
        if header:
            current = {} if header.group(1) == array and "[[" in line else None
            if current is not None:
                items.append(current)
            continue
        field = _FIELD.match(line) if current is not None else None
        if field and current is not None:
            current.setdefault(field.group(1), field.group(2))
    if items and all("code" in item for item in items):
        return items
    return _items_by_tomllib(text, array)


def _items_by_tomllib(text: str, array: str) -> list[dict[str, str]]:
    """Any other layout (inline tables, escapes): the real parser."""
    import tomllib

    try:
        found = tomllib.loads(text).get(array)
    except ValueError:
        return []
    if not isinstance(found, list):
        return []
    return [
        {"code": str(item["code"]), "name": str(item.get("name", ""))}
        for item in found
        if isinstance(item, dict) and "code" in item
    ]


def _matches(items: list[dict[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [
        (item["code"], item.get("name", ""))
        for item in items
        if item["code"].startswith(incomplete)
    ]


def indicator_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's indicators that start with what was typed, with their names."""
    return _matches(_items(ctx, "indicators"), incomplete)


def unit_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's reporting units that start with what was typed."""
    return _matches(_items(ctx, "units"), incomplete)


def area_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's areas that start with what was typed, with their names."""
    return _matches(_items(ctx, "areas"), incomplete)
