"""gxtrack's own layout of the data file: writing it, and reading it back fast.

One record a line, an inline table whose values tomli-w formats:

    records = [
      { code = "2.4", month = "2024-06", value = 55, recorded_at = 2024-07-02 09:15:00+08:00 },
      { code = "2.4", month = "2024-07", note_only = true, note = "待统计局反馈", recorded_at = … },
    ]

`read_layout` reads a file in exactly this layout ten times faster than tomllib and
pydantic together, because each line is one regular expression. It accepts only a
strict subset of TOML whose meaning is unambiguous (plain decimals, basic strings with
the escapes tomli-w writes, RFC 3339 times) and returns None for anything else — a
hand edit in another style, a comment inside a line, an exponent — so that the caller
falls back to tomllib and pydantic, which also report any error with its position.
Whatever it accepts, TOML accepts with the same meaning: ASCII digits only, TOML's own
ranges for times, no surrogate escapes, no control characters in comments. Property
tests check that both paths give the same records, for any Unicode put into a line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from gxtrack.model.records import Record, record_fields

DATA_SCHEMA_VERSION = 1  # the data file's; a newer file is refused, not misread

# Every pattern is ASCII-only (re.ASCII, and digits spelt [0-9]): Python's \d also
# matches Arabic-Indic and full-width digits, which int() and Decimal() would accept but
# TOML does not. Ranges are TOML's own (tomllib's), so that a time the fast reader takes
# is one tomllib takes too: hours 00-23, minutes and seconds 00-59, offsets up to 23:59.
_CODE = r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}"
# TOML forbids the control characters but tab in basic strings and in comments alike.
_NOT_CONTROL = r"[^\x00-\x08\x0a-\x1f\x7f]"
_COMMENT = rf"#{_NOT_CONTROL}*"
# A TOML basic string as tomli-w writes it: no raw control characters but tab, escapes
# only \b \t \n \f \r \" \\ and \uXXXX outside the surrogates D800-DFFF (a lone
# surrogate is no Unicode scalar value: TOML refuses it, and JSON would even pair two of
# them into one character). JSON decodes exactly these to the same text (with
# strict=False for the raw tab).
_STRING_BODY = r'(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[btnfr"\\]|\\u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})*'
_TWO_DIGIT_HOUR = r"(?:[01][0-9]|2[0-3])"
_TIME = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    rf"[ T]{_TWO_DIGIT_HOUR}:[0-5][0-9]:[0-5][0-9](?:\.[0-9]{{1,6}})?"
    rf"(?:Z|[+-]{_TWO_DIGIT_HOUR}:[0-5][0-9])?"
)
_RECORD_LINE = re.compile(
    rf'  \{{ code = "(?P<code>{_CODE})", month = "(?P<month>[0-9]{{4}}-[0-9]{{2}})"'
    rf'(?:, unit = "(?P<unit>{_CODE})")?'
    r"(?:, value = (?P<value>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(?P<ytd>, basis = \"ytd\")?"
    r"|(?P<undo>, undo = true)"
    r'|(?P<note_only>, note_only = true(?=, note = ")))'
    rf'(?:, note = "(?P<note>{_STRING_BODY})")?'
    rf", recorded_at = (?P<at>{_TIME}) \}},",
    re.ASCII,
)
_HEADER = re.compile(
    rf"(?P<comments>(?:[ \t]*(?:{_COMMENT})?\n)*)"
    rf"schema_version = {DATA_SCHEMA_VERSION}\n"
    r"plan_year = (?P<year>[1-9][0-9]{3})\n"
    r"records = \[\n",
    re.ASCII,
)
_TRAILER = re.compile(rf"\]\n(?:[ \t]*(?:{_COMMENT})?\n)*", re.ASCII)
_COMMENT_OR_BLANK = re.compile(rf"[ \t]*(?:{_COMMENT})?", re.ASCII)


def record_pairs(record: Record) -> list[str]:
    """The record's `key = value` pairs, values formatted by tomli-w."""
    import tomli_w

    # A flat table of scalars dumps one `key = value` line per field (strings are
    # escaped onto one line). Split on "\n" only: splitlines() would also break inside
    # a note holding U+0085 or U+2028.
    return tomli_w.dumps(record_fields(record)).rstrip("\n").split("\n")


def record_line(record: Record, indent: str = "  ") -> str:
    """One record as one line of TOML: an inline table of its pairs."""
    return indent + "{ " + ", ".join(record_pairs(record)) + " },\n"


def record_table(record: Record, header: str, indent: str, blank_before: bool) -> str:
    """One record as a `[[records]]` table, for a file written in that style: `header`
    as the file spells it, each pair on its own line after `indent`."""
    pairs = "".join(f"{indent}{pair}\n" for pair in record_pairs(record))
    return ("\n" if blank_before else "") + header + "\n" + pairs


def render_document(title: str, year: int, records: Sequence[Record]) -> str:
    """The whole data file in gxtrack's layout."""
    header = (
        f"# gxtrack data file: monthly actuals for {title} ({year}).\n"
        "# One record a line. For an indicator and month, the last record in the file is\n"
        "# the value in force; earlier ones are kept as history. `gxtrack validate` checks\n"
        "# this file after a hand edit.\n"
        f"schema_version = {DATA_SCHEMA_VERSION}\n"
        f"plan_year = {year}\n"
        "records = [\n"
    )
    return header + "".join(record_line(record) for record in records) + "]\n"


def read_layout(text: str) -> tuple[int, list[Record]] | None:
    """(plan year, records) of a file in gxtrack's layout; None for any other shape."""
    header = _HEADER.match(text)
    if header is None:
        return None
    closing = text.rfind("\n]\n") + 1
    if closing <= 0 or closing < header.end() - 1 or not _TRAILER.fullmatch(text, closing):
        return None
    body = text[header.end() : closing]
    records = read_record_lines(body)
    if records is None:
        return None
    return int(header.group("year")), records


def read_record_lines(body: str) -> list[Record] | None:
    """Records from whole lines in the layout (comment and blank lines allowed)."""
    records: list[Record] = []
    append = records.append
    match_line = _RECORD_LINE.fullmatch
    try:
        for line in body.split("\n")[:-1] if body.endswith("\n") else body.split("\n"):
            found = match_line(line)
            if found is None:
                if _COMMENT_OR_BLANK.fullmatch(line):
                    continue
                return None
            code, month, unit, value, ytd, undo, note_only, note, at = found.groups()
            if note is not None and "\\" in note:
                note = json.loads(f'"{note}"', strict=False)
            if note_only and not (note or "").strip():
                return None  # a blank note-only record: let pydantic say what is wrong
            append(
                Record(
                    code=code,
                    month=month,
                    recorded_at=datetime.fromisoformat(at),
                    value=None if value is None else Decimal(value),
                    unit=unit,
                    note=note,
                    undo=undo is not None,
                    note_only=note_only is not None,
                    basis=None if ytd is None else "ytd",
                )
            )
    except ValueError:  # an impossible date or time: let tomllib say where
        return None
    return records
