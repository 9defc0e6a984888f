"""Reading TOML files people edit by hand, with errors that point at the line.

A decode error becomes `FILE:LINE:COL: message`, followed by the offending line and a
caret under the column, so the user can find and fix it in any editor.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import tomllib

from gxtrack.errors import FileProblemError, StorageError
from gxtrack.i18n import t
from gxtrack.i18n.os_errors import os_reason
from gxtrack.i18n.text import source_excerpt, text_lines, wide_unicode
from gxtrack.store import memo
from gxtrack.store.file_kinds import check_regular_file

UTF8_BOM = b"\xef\xbb\xbf"
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


class TomlText(NamedTuple):
    """A TOML file as read: its path, the decoded text and the parsed document."""

    path: Path
    text: str
    document: dict[str, Any]


# Far beyond any real plan or data file (a data file of 100,000 records is about 9 MiB),
# and small enough that reading and parsing one cannot exhaust a machine's memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FILE_MIB = MAX_FILE_BYTES // (1024 * 1024)


def read_bytes(path: Path, *, what: str) -> bytes:
    """Read a plan or data file's bytes, turning OS errors into one clear message.

    Only a regular file of at most MAX_FILE_BYTES is read: a folder, a FIFO or a device
    such as /dev/zero is refused (exit 4). The file is opened without blocking, since
    opening a FIFO with no writer would otherwise wait in `open()` for ever.
    FileNotFoundError is raised as it is: what a missing file means is the caller's call.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        memo.note_read(path, None)  # an absent file shapes the answer too ("no data yet")
        raise
    except IsADirectoryError:  # Windows cannot open a folder; POSIX reports it below
        raise FileProblemError(t("file.is_folder", path=path, what=what)) from None
    except OSError as error:
        raise StorageError(
            t("file.cannot_read", path=path, what=what, reason=os_reason(error))
        ) from None
    try:
        status = os.fstat(descriptor)
        check_regular_file(status.st_mode, path, what)
        too_large = status.st_size > MAX_FILE_BYTES  # refused without reading a byte
        # One byte more than the limit tells a file that grew past it since fstat.
        content = b"" if too_large else _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    except OSError as error:
        raise StorageError(
            t("file.cannot_read", path=path, what=what, reason=os_reason(error))
        ) from None
    finally:
        os.close(descriptor)
    if too_large or len(content) > MAX_FILE_BYTES:
        raise FileProblemError(
            t("file.too_large", path=path, what=what, limit=MAX_FILE_MIB),
            hint=t("file.too_large.hint"),
        )
    memo.note_read(path, content, status)  # the memo keys on the file opened, and its bytes
    return content


def read_existing(path: Path, *, what: str) -> bytes:
    """`read_bytes` for a file that must be there (a sheet to import): a missing file is a
    bad file (exit 4), as a missing plan is."""
    try:
        return read_bytes(path, what=what)
    except FileNotFoundError:
        raise FileProblemError(t("file.not_found", path=path, what=what)) from None


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def decode_text(raw: bytes, path: Path) -> str:
    """Decode a TOML file's bytes as UTF-8, tolerating the BOM that Notepad writes.

    A UTF-16 or UTF-32 file is called that (not "a legacy encoding such as GBK"): TOML is
    UTF-8, and gxtrack rewrites the data file's bytes in place.
    """
    wide = wide_unicode(raw)
    if wide is not None:
        raise FileProblemError(
            t("file.unicode_not_utf8", where=f"{path}:1:1", encoding=wide[0]),
            hint=t("file.unicode_not_utf8.hint"),
        )
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FileProblemError(
            t("file.not_utf8", where=f"{path}:{line}:{column}"),
            hint=t("file.not_utf8.hint"),
        ) from None


def parse_toml(raw: bytes, path: Path) -> TomlText:
    """Parse TOML bytes; floats become Decimal so that 0.1 + 0.2 stays 0.3."""
    import tomllib

    text = decode_text(raw, path)
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise decode_error(error, text, path) from None
    refuse_other_numbers(text, path)
    return TomlText(path, text, document)


# A number TOML reads that is not written as a plain decimal: an exponent (1e2, 5E-1),
# hex, octal or binary (0x10, 0o17, 0b101). Read by tomllib, they are refused here: the
# plan and the data file hold the figures a person wrote, as that person reads them.
_OTHER_NUMBER = re.compile(r"[+-]?(?:0[xob]|[0-9][0-9_]*(?:\.[0-9_]*)?[eE])")
_VALUE_TOKEN = re.compile(r"[^\s,\]\}#]+")
_STRING_END = {
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""(?!")', re.DOTALL),
    "'''": re.compile(r"(?:[^']|'(?!''))*'''(?!')", re.DOTALL),
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
}


def refuse_other_numbers(text: str, path: Path) -> None:
    """FILE:LINE:COL, the line and a caret, for the first value written as anything but
    a plain decimal number (strings, comments and keys are never looked into)."""
    found = _other_number(text)
    if found is None:
        return
    offset, literal = found
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise FileProblemError(
        t("file.number_not_decimal", where=f"{path}:{line}:{column}", literal=literal),
        hint=t("file.number_not_decimal.hint"),
        detail=source_excerpt(text_lines(text), line, column),
    )


def _other_number(text: str) -> tuple[int, str] | None:
    """(offset, literal) of the first value that is a non-decimal number, or None."""
    nesting: list[str] = []  # the open value arrays ("[") and inline tables ("{")
    value_next = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "#":
            line_end = text.find("\n", index)
            index = len(text) if line_end < 0 else line_end
            continue
        if char in "\"'":
            quote = text[index : index + 3] if text[index : index + 3] in ('"""', "'''") else char
            closed = _STRING_END[quote].match(text, index + len(quote))
            index = len(text) if closed is None else closed.end()
            value_next = False
            continue
        if char == "\n" and not nesting:
            value_next = False
        elif char == "=" or (char == "," and nesting and nesting[-1] == "["):
            value_next = True
        elif char in "[{" and value_next:
            nesting.append(char)
            value_next = char == "["
        elif char in "]}" and nesting:
            nesting.pop()
            value_next = False
        elif value_next and not char.isspace():
            token = _VALUE_TOKEN.match(text, index)
            assert token is not None
            if _OTHER_NUMBER.match(token.group()):
                return index, token.group()
            value_next = False
            index = token.end()
            continue
        index += 1
    return None


def decode_error(error: tomllib.TOMLDecodeError, text: str, path: Path) -> FileProblemError:
    """Turn tomllib's message into FILE:LINE:COL, the line itself and a caret."""
    message = str(error)
    lines = text_lines(text)
    position = _POSITION.search(message)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        message = message[: position.start()]
    else:
        message = _AT_END.sub("", message)
        # Point at the last line with text, not the empty one after the final newline.
        line = max((n for n, text_line in enumerate(lines, 1) if text_line.strip()), default=1)
        column = len(lines[line - 1]) + 1 if lines else 1
    hint = _hint_for(message)
    return FileProblemError(
        t("file.invalid_toml", where=f"{path}:{line}:{column}", reason=message),
        hint=hint,
        detail=source_excerpt(lines, line, column),
    )


def _hint_for(message: str) -> str | None:
    if message.startswith("Cannot overwrite a value") or message.startswith("Cannot declare"):
        return t("file.twice.hint")
    if message.startswith("Unclosed") or "end of document" in message:
        return t("file.cut_short.hint")
    if message.startswith("Invalid value") or message.startswith("Expected"):
        return t("file.quotes.hint")
    return None


_TABLE_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")


def locate_key(text: str, array: str, index: int, key: str | None) -> tuple[int, int] | None:
    """Line and column of `key` in item `index` of the array `array`, if it can be found.

    Handles both layouts people write: `[[array]]` tables, and one inline table a line
    inside `array = [ ... ]`. Returns None when the file has another shape.
    """
    lines = text_lines(text)
    headers = [
        n
        for n, line in enumerate(lines)
        if (m := _TABLE_HEADER.match(line)) and m.group(1) == array
    ]
    if headers:
        if index >= len(headers):
            return None
        start = headers[index]
        end = next(
            (n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[")),
            len(lines),
        )
        if key is None:
            return start + 1, 1
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*")
        for number in range(start + 1, end):
            found = pattern.match(lines[number])
            if found:
                return number + 1, found.end() + 1
        return start + 1, 1
    opening = re.compile(rf"^\s*{re.escape(array)}\s*=\s*\[")
    begin = next((n for n, line in enumerate(lines) if opening.match(line)), None)
    if begin is None:
        return None
    item_lines = [n for n in range(begin + 1, len(lines)) if lines[n].lstrip().startswith("{")]
    if index >= len(item_lines):
        return None
    number = item_lines[index]
    if key is not None:
        found = re.search(rf"[{{,]\s*{re.escape(key)}\s*=\s*", lines[number])
        if found:
            return number + 1, found.end() + 1
    return number + 1, len(lines[number]) - len(lines[number].lstrip()) + 1


def invalid_document(
    errors: list[dict[str, Any]],
    toml: TomlText,
    *,
    arrays: dict[str, str],
    known_fields: dict[str, list[str]],
    words: dict[str, tuple[frozenset[str], str]] | None = None,
) -> FileProblemError:
    """Turn pydantic's errors for a TOML document into one message with a location.

    `arrays` maps an array of tables (`indicators`) to the word for one item
    (`indicator`); items are named by their `code` when they have one.
    `known_fields` maps the same arrays (and "" for the top level) to their field names,
    for the hint under an unknown field. `words` maps a field to the enum words that are
    not allowed there after all (schedule "seasonal" is a list) and what else is.
    """
    errors = _one_per_place(errors)
    first = errors[0]
    location: tuple[Any, ...] = tuple(first["loc"])
    subject, field_path, position = _describe_location(location, toml, arrays)
    message = _human(first, (words or {}).get(str(location[-1]) if location else ""))
    hint = t("file.fix.hint")
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = t("file.unknown_field")
        container = location[0] if len(location) > 2 and location[0] in arrays else ""
        if len(location) == 1:
            container = ""
        hint = t("file.known_fields.hint", fields=", ".join(known_fields.get(str(container), [])))
    elif first["type"] == "missing":
        message = t("file.missing_field")
    where = f"{toml.path}:{position[0]}:{position[1]}" if position else str(toml.path)
    more = t("file.more_problems", count=len(errors) - 1) if len(errors) > 1 else ""
    detail = source_excerpt(text_lines(toml.text), *position) if position else ()
    what = ": ".join(part for part in (subject, field_path) if part)
    return FileProblemError(f"{where}: {what}: {message}{more}", hint=hint, detail=detail)


def _describe_location(
    location: tuple[Any, ...], toml: TomlText, arrays: dict[str, str]
) -> tuple[str, str, tuple[int, int] | None]:
    if len(location) >= 2 and location[0] in arrays and isinstance(location[1], int):
        array, index = str(location[0]), location[1]
        items = toml.document.get(array)
        code = None
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            code = items[index].get("code")
        subject = (
            f"{arrays[array]} {code}"
            if isinstance(code, str)
            else (f"{arrays[array]} #{index + 1}")
        )
        rest = location[2:]
        key = str(rest[0]) if rest else None
        position = locate_key(toml.text, array, index, key)
        return subject, ".".join(str(part) for part in rest), position
    path = ".".join(str(part) for part in location)
    return "", path, _locate_top_key(toml.text, location)


def _locate_top_key(text: str, location: tuple[Any, ...]) -> tuple[int, int] | None:
    """Find `key = ` (or `[table]` then `key = `) for a top-level location."""
    lines = text_lines(text)
    if not location:
        return None
    table, key = (
        (None, str(location[0])) if len(location) == 1 else (str(location[0]), str(location[1]))
    )
    start = 0
    if table is not None:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        found = next((n for n, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        start = found + 1
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*")
    for number in range(start, len(lines)):
        if table is not None and lines[number].lstrip().startswith("["):
            break
        match = pattern.match(lines[number])
        if match:
            return number + 1, match.end() + 1
    return None


def _is_union_tag(part: object) -> bool:
    """A union member pydantic puts in a location: `str-enum[ScheduleKind]`, `list[…]`."""
    return isinstance(part, str) and ("[" in part or part.endswith("()"))


def _one_per_place(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error per place in the file: of a union's members, the one about what was
    written (a word's enum error, not "should be a list"), with the member tag dropped."""
    by_place: dict[tuple[Any, ...], dict[str, Any]] = {}
    for error in errors:
        place = tuple(part for part in error["loc"] if not _is_union_tag(part))
        mismatch = str(error["type"]).endswith("_type")
        kept = by_place.get(place)
        if kept is None or (str(kept["type"]).endswith("_type") and not mismatch):
            by_place[place] = {**error, "loc": place}
    return list(by_place.values())


# pydantic's error types, in the interface's words (its own messages are English only)
_EXPECTED = {
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "string_type": "str",
    "decimal_type": "number",
    "decimal_parsing": "number",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "finite",
    "list_type": "list",
    "dict_type": "table",
    "model_type": "table",
    "model_attributes_type": "table",
}
_LIMITS = {
    "greater_than_equal": ("ge", "at_least"),
    "greater_than": ("gt", "above"),
    "less_than_equal": ("le", "at_most"),
    "less_than": ("lt", "below"),
}


def _human(error: dict[str, Any], words: tuple[frozenset[str], str] | None) -> str:
    """What is wrong, for people: the words really allowed, never pydantic's internals."""
    kind, context = str(error["type"]), error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        excluded, more = words or (frozenset(), "")
        allowed = [
            w
            for w in re.findall(r"'([^']*)'", str(context.get("expected", "")))
            if w not in excluded
        ]
        value = str(error.get("input"))
        return t("file.not_allowed", value=value, allowed=", ".join(allowed)) + more
    if kind in _EXPECTED:
        return t(f"file.expected.{_EXPECTED[kind]}")
    if kind in _LIMITS:
        key, words_key = _LIMITS[kind]
        return t(f"file.expected.{words_key}", limit=context.get(key))
    return str(error["msg"]).removeprefix("Value error, ")
