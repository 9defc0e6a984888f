"""Text from a plan or a data file made safe to show on a terminal.

A note, a name or a unit name is whatever someone typed, pasted or imported: it may hold
ESC sequences that clear the screen or retitle the window, a BEL, a C1 CSI (U+009B, which
some terminals obey like ESC [), or a bidi override (U+202E) that shows text in an order
other than the one stored. None of them may reach a terminal as it is.

`terminal_safe` is the one helper for that. Each such character is shown as a visible
escape, the way Python writes it: ESC as `\\x1b`, U+009B as `\\x9b`, U+202E as `\\u202e`,
so a reader sees that the text holds it (replacing it with "?" would hide what is there).
Ordinary text, Chinese included, is left alone, and so is a backslash: an escape in the
output can be told from typed text by looking at the data, and doubling every backslash
would garble Windows paths in messages.

Line breaks depend on the context:

- in a cell or a title (`one_line=True`), a line break is shown as `\\n` (and `\\r`) and a
  tab as a space: one cell stays one line;
- where a whole message or a document leaves (`one_line=False`: errors, the monthly
  session, CSV or JSON shown on a terminal), `\\n`, `\\r\\n` and tab are kept, since the
  message itself is laid out in lines and they only move to the next line; a lone `\\r`
  (which moves back over the line to overwrite it) is escaped.

`json_terminal_safe` escapes the same characters inside JSON text as JSON `\\uXXXX`, so
what a terminal shows is still valid JSON that decodes to the exact text.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (U+0080-U+009F, CSI U+009B among
# them), the bidi marks, embeddings, overrides and isolates, the Unicode line and
# paragraph separators (some terminals break lines at them), and lone surrogates (a
# command-line argument in a broken encoding): a terminal must not receive them raw.
_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff"
)
_UNSAFE_IN_BLOCK = re.compile(f"\r\n|[{_UNSAFE_CLASS}]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE_CLASS}]")


def visible_escape(char: str) -> str:
    """One character as Python writes it in a string literal: `\\x1b`, `\\u202e`."""
    code = ord(char)
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _escape_in_line(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\t" else visible_escape(char)


def _escape_in_block(match: re.Match[str]) -> str:
    found = match.group()
    return found if found == "\r\n" else visible_escape(found)


def terminal_safe(text: str, *, one_line: bool = True) -> str:
    """`text` with every control, bidi and separator character shown as a visible escape.

    `one_line`: for a cell or a title, a line break is shown as `\\n` and a tab becomes a
    space; otherwise (a whole message, a document) line breaks and tabs are kept.
    """
    if one_line:
        return _UNSAFE_IN_LINE.sub(_escape_in_line, text)
    return _UNSAFE_IN_BLOCK.sub(_escape_in_block, text)


_UNSAFE_IN_JSON = re.compile(f"[{_UNSAFE_CLASS}]")


def json_terminal_safe(text: str) -> str:
    """JSON text with those characters as `\\uXXXX` escapes: the same document, shown safely.

    Outside strings JSON is ASCII, and JSON escapes C0 controls itself, so any such
    character stands inside a string, where `\\uXXXX` means exactly that character.
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# In an HTML document tab, line feed, form feed and carriage return are white space,
# and line separators are text; the rest cannot be written faithfully (NUL, C0 and C1
# controls are parse errors, a C1 character reference is read as Windows-1252) or would
# reorder what leadership reads (bidi overrides).
_UNSAFE_IN_DOCUMENT = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def document_safe(text: str) -> str:
    """`text` for the HTML report: controls and bidi characters as visible escapes (as
    on a terminal), white space and everything else as it is; the template engine then
    escapes it for its context."""
    return _UNSAFE_IN_DOCUMENT.sub(lambda match: visible_escape(match.group()), text)
