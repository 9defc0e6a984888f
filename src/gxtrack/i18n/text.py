"""Text from people's files, as shown back to them.

Its lines (as TOML counts them), how many terminal or spreadsheet cells it takes (a
Chinese character takes two), a line with a caret under a column for an error message,
and the Unicode encodings Windows tools save text in ("Unicode" in Notepad and Excel).
"""

from __future__ import annotations

import codecs
import unicodedata

# The byte-order marks of the other Unicode encodings, UTF-32's first: they begin like
# UTF-16's. (Name for the user, codec.)
_WIDE_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)


def text_lines(text: str) -> list[str]:
    """A file's lines as TOML and CSV count them: split at LF only (a note may hold
    U+2028), a CR before it dropped."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def is_wide(char: str) -> bool:
    """Whether a character takes two cells on a terminal and in a spreadsheet (CJK)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_width(text: str) -> int:
    """The cells `text` takes on a terminal or in a spreadsheet column: wide (CJK)
    characters two, every other one."""
    return sum(2 if is_wide(char) else 1 for char in text)


def wide_unicode(raw: bytes) -> tuple[str, str] | None:
    """(name, codec) when the bytes are UTF-16 or UTF-32 text ("Unicode" in Notepad and
    Excel), known by the byte-order mark or, without one, by a NUL beside each letter."""
    for bom, name, codec in _WIDE_UNICODE_BOMS:
        if raw.startswith(bom):
            return name, codec
    sample = raw[:512]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # UTF-8 text (TOML, CSV) has no NUL at all; UTF-16 has one for every ASCII character.
    if odd * 2 > len(sample) // 2 and even * 4 < odd:
        return "UTF-16", "utf-16-le"
    if even * 2 > len(sample) // 2 and odd * 4 < even:
        return "UTF-16", "utf-16-be"
    return None


def source_excerpt(lines: list[str], line: int, column: int) -> tuple[str, ...]:
    """The line `line` (1-based) and a caret under `column`, for an error message."""
    if not 1 <= line <= len(lines):
        return ()
    # Imported here: its patterns are compiled on import, and only an error needs them.
    from gxtrack.i18n.safe_text import terminal_safe

    source = lines[line - 1]
    gutter = f"{line:>5} | "
    # Wide (CJK) characters take two cells in a terminal: pad the caret to match. A
    # control character is shown as its escape (ESC as \x1b): pad as wide as that.
    padding = "".join(
        "\t" if char == "\t" else ("  " if is_wide(char) else " " * len(terminal_safe(char)))
        for char in source[: column - 1]
    )
    shown = "\t".join(terminal_safe(part) for part in source.split("\t"))
    return (f"{gutter}{shown}", f"{' ' * len(gutter)}{padding}^")
