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


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken where a reader expects:
    at a space, or between two CJK characters (Chinese has no spaces), never inside a
    Latin word, a number or an option such as `--format csv`'s `--format`. Only a word
    wider than the whole line is cut (there is no other way to show it)."""
    width = max(width, 2)
    lines: list[str] = []
    line, line_width = "", 0
    for piece in _breakable_pieces(text):
        piece_width = display_width(piece)
        if line_width + piece_width > width and line.strip():
            lines.append(line.rstrip())
            line, line_width = "", 0
            piece = piece.lstrip(" ")
            piece_width = display_width(piece)
        while piece_width > width:  # a single word wider than the line: cut it
            head = _head_fitting(piece, width)
            lines.append(head)
            piece = piece[len(head) :]
            piece_width = display_width(piece)
        line += piece
        line_width += piece_width
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _breakable_pieces(text: str) -> list[str]:
    """Pieces a line may break between: a word with the spaces before it, or one CJK
    character (with any closing punctuation that may not start a line, such as ，。)."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if char == " ":
            # an option stays with its value: "--format csv" is one piece
            option = current.lstrip().startswith("-") and " " not in current.strip()
            if current and not current.endswith(" ") and not option:
                pieces.append(current)
                current = ""
            current += char
        elif is_wide(char):
            if char in _NO_LINE_START and (current or pieces):
                if current:
                    current += char
                else:
                    pieces[-1] += char
                continue
            if current.strip() and current[-1] not in _NO_LINE_END:
                pieces.append(current)
                current = ""
            if char in _NO_LINE_END:
                current += char  # it goes with what follows it
                continue
            pieces.append(current + char)
            current = ""
        else:
            if char in _NARROW_NO_LINE_START and (current or pieces):
                # "0 家, total": the comma stays with 家, a line never starts with it
                if current:
                    current += char
                else:
                    pieces[-1] += char
                continue
            if current.strip() and is_wide(current[-1]) and current[-1] not in _NO_LINE_END:
                pieces.append(current)
                current = ""
            current += char
    if current:
        pieces.append(current)
    return pieces


# Chinese punctuation that closes: a line does not start with it (禁则).
_NO_LINE_START = set("，。、；：！？）］」』》〉】”’…—")
_NARROW_NO_LINE_START = set(",.;:!?)]")
_NO_LINE_END = set("（［「『《〈【“‘")  # and opening punctuation does not end one


def _head_fitting(text: str, width: int) -> str:
    head, used = "", 0
    for char in text:
        used += 2 if is_wide(char) else 1
        if used > width:
            break
        head += char
    return head or text[:1]
