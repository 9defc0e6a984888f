"""Shell completion of indicator codes, area numbers and unit codes, read from the plan.

Typer answers every Tab (`gxtrack --install-completion`); these functions give it the
codes of the plan named by `--targets` (else GXTRACK_TARGETS, else targets.toml), read as
every plan is read (`store.toml`: bounded, without blocking on a FIFO, parsed by tomllib)
but not validated: a broken plan is for `validate` to report, not for the shell prompt,
so any problem completes nothing. A repeated Tab is answered by the launcher's memo.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol


class CompletionContext(Protocol):
    """What completion reads of Typer's context: the options typed so far (--targets)."""

    @property
    def params(self) -> Mapping[str, object]: ...


def _matches(ctx: CompletionContext, array: str, incomplete: str) -> list[tuple[str, str]]:
    """(code, name) of each `[[array]]` table of the plan whose code starts with what was
    typed; [] for a plan that cannot be read."""
    # Imported on a Tab press only: `--help` imports this module too.
    from gxtrack.errors import GxtrackError
    from gxtrack.store.toml import parse_toml, read_bytes

    targets = Path(
        str(ctx.params.get("targets") or os.environ.get("GXTRACK_TARGETS") or "targets.toml")
    )
    try:
        tables = parse_toml(read_bytes(targets, what=""), targets).document.get(array)
    except (GxtrackError, OSError, ValueError):
        return []
    found = tables if isinstance(tables, list) else []
    return [
        (table["code"], name if isinstance(name := table.get("name"), str) else "")
        for table in found
        if isinstance(table, dict)
        and isinstance(table.get("code"), str)
        and table["code"].startswith(incomplete)
    ]


def indicator_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's indicators that start with what was typed, with their names."""
    return _matches(ctx, "indicators", incomplete)


def unit_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's reporting units that start with what was typed."""
    return _matches(ctx, "units", incomplete)


def area_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's areas that start with what was typed, with their names."""
    return _matches(ctx, "areas", incomplete)
