"""Reports as JSON, every Decimal written exactly."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from gxtrack.i18n.safe_text import json_terminal_safe
from gxtrack.model.numbers import plain_text
from gxtrack.output.cells import is_terminal
from gxtrack.output.view import Report

# Writes what JSON has natively (text, int, float, bool, None, empty containers).
_json_scalar = json.JSONEncoder(ensure_ascii=False).encode


def json_text(document: Any) -> str:
    """The document as json.dumps(indent=2) lays it out, but every Decimal written exactly.

    json.dumps can write a Decimal only as a float, which changes it (99999999999999.99
    comes out …98) and adds binary noise to sums; here a Decimal is a JSON number token in
    plain notation (`plain_text`), so readers with decimal parsing get the value computed.
    """
    parts: list[str] = []
    _write_json(document, "\n", parts)
    parts.append("\n")
    return "".join(parts)


def _write_json(value: object, newline: str, parts: list[str]) -> None:
    """Append `value`'s JSON to `parts`; `newline` is a line break and the indent so far."""
    if isinstance(value, Decimal):
        parts.append(plain_text(value))
    elif isinstance(value, dict) and value:
        members = ((_json_scalar(str(key)) + ": ", item) for key, item in value.items())
        _write_members(members, "{}", newline, parts)
    elif isinstance(value, list | tuple) and value:
        _write_members((("", item) for item in value), "[]", newline, parts)
    else:
        parts.append(_json_scalar(value))


def _write_members(
    members: Iterable[tuple[str, object]], brackets: str, newline: str, parts: list[str]
) -> None:
    """An object's or array's members (each with its `"key": ` label), one a line."""
    inner = newline + "  "
    parts.append(brackets[0])
    separator = inner
    for label, item in members:
        parts.append(separator + label)
        _write_json(item, inner, parts)
        separator = "," + inner
    parts.append(newline + brackets[1])


def render_json(report: Report, stream: IO[str]) -> None:
    """JSON: the exact text to a file or a pipe; to a terminal, controls as `\\uXXXX`."""
    text = json_text(report.document())
    stream.write(json_terminal_safe(text) if is_terminal(stream) else text)
