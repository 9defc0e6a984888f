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
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol


class CompletionContext(Protocol):
    """What completion reads of Typer's context: the options typed so far (--targets)."""

    @property
    def params(self) -> Mapping[str, object]: ...


def _items(ctx: CompletionContext, array: str) -> list[tuple[str, str]]:
    # Imported on a Tab press only: `--help` imports this module too.
    from gxtrack.errors import GxtrackError
    from gxtrack.store.complete import codes_in
    from gxtrack.store.toml import read_bytes

    _remember_commands(ctx)
    targets = ctx.params.get("targets") or os.environ.get("GXTRACK_TARGETS") or "targets.toml"
    try:
        content = read_bytes(Path(str(targets)), what="")
    except (GxtrackError, OSError, ValueError):
        return []
    return codes_in(content, array)


def _matches(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(code, name) for code, name in items if code.startswith(incomplete)]


def _remember_commands(ctx: CompletionContext) -> None:
    """Store the command table the launcher completes from without Typer (store.complete),
    once for this code; never an error (a Tab press must not fail)."""
    from gxtrack.store import complete

    try:
        if complete.has_table():
            return
        root = getattr(ctx, "find_root")().command  # noqa: B009 - the Protocol stays small
        commands = []
        for name, command in getattr(root, "commands", {}).items():
            if hasattr(command, "commands") or command.context_settings:
                continue  # a group (db, cache) or special parsing: Typer answers those
            params = [_describe(param) for param in command.params]
            commands.append((name, bool(command.allow_interspersed_args), params))
        complete.keep_table(complete.table_of(commands))
    except Exception:  # only a faster next Tab is lost
        return


def _describe(param: Any) -> dict[str, object]:
    """What Click's completion looks at of one parameter (`_resolve_incomplete`)."""
    option = param.param_type_name == "option"
    kind = _kind_of(getattr(param, "_custom_shell_complete", None))
    return {
        "kind": "option" if option else "argument",
        "name": param.name,
        "opts": list(param.opts),
        "secondary": list(param.secondary_opts),
        "flag": bool(option and (param.is_flag or param.count)),
        "nargs": param.nargs,
        "complete": kind,
        "envvar": param.envvar if isinstance(param.envvar, str) else None,
        "plain_path": _plain_path(param),
    }


def _plain_path(param: Any) -> bool:
    """A path Typer converts (typer/_param_types.coerce_cli_path) with only the readable
    check: what store.complete emulates."""
    described = getattr(param, "type_descriptor", None)
    info = getattr(described, "parameter_info", None)
    if described is None or info is None or described.annotation is not Path:
        return False
    return bool(
        info.parser is None
        and info.readable
        and info.file_okay
        and info.dir_okay
        and not (info.exists or info.writable or info.resolve_path or info.allow_dash)
    )


def _kind_of(function: object, depth: int = 0) -> str | None:
    """Which of this module's functions Typer's wrappers around a completion hold."""
    if function is None or depth > 4:
        return None
    kind = getattr(function, "gxtrack_codes", None)
    if isinstance(kind, str):
        return kind
    for cell in getattr(function, "__closure__", None) or ():
        try:
            found = _kind_of(cell.cell_contents, depth + 1)
        except ValueError:  # an empty cell
            continue
        if found:
            return found
    return "other" if depth == 0 else None


def indicator_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's indicators that start with what was typed, with their names."""
    return _matches(_items(ctx, "indicators"), incomplete)


def unit_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's reporting units that start with what was typed."""
    return _matches(_items(ctx, "units"), incomplete)


indicator_codes.gxtrack_codes = "indicators"  # type: ignore[attr-defined]
unit_codes.gxtrack_codes = "units"  # type: ignore[attr-defined]


def area_codes(ctx: CompletionContext, incomplete: str) -> list[tuple[str, str]]:
    """Codes of the plan's areas that start with what was typed, with their names."""
    return _matches(_items(ctx, "areas"), incomplete)


area_codes.gxtrack_codes = "areas"  # type: ignore[attr-defined]
