"""Shell completion of indicator codes and area numbers, read straight from the plan.

Completion runs on every Tab press, so it reads targets.toml with tomllib alone (no
validation, no models) and stays silent on any problem: a broken plan is for `validate`
to report, not for the shell prompt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def _plan_document(ctx: Any) -> dict[str, Any]:
    import tomllib

    targets = ctx.params.get("targets") or os.environ.get("GXTRACK_TARGETS") or "targets.toml"
    try:
        return tomllib.loads(Path(targets).read_text("utf-8-sig"))
    except (OSError, ValueError):
        return {}


def _matches(items: Any, incomplete: str) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        return []
    return [
        (str(item["code"]), str(item.get("name", "")))
        for item in items
        if isinstance(item, dict) and str(item.get("code", "")).startswith(incomplete)
    ]


def indicator_codes(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's indicators that start with what was typed, with their names."""
    return _matches(_plan_document(ctx).get("indicators"), incomplete)


def unit_codes(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's reporting units that start with what was typed."""
    return _matches(_plan_document(ctx).get("units"), incomplete)


def area_codes(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's areas that start with what was typed, with their names."""
    return _matches(_plan_document(ctx).get("areas"), incomplete)
