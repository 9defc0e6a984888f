"""The data file: reading it, and adding records to it.

Layout (documented in docs/reference/data-file.*.md): a `schema_version`, the `plan_year`,
and a `records` array with one inline table a line, so that a file of 100,000 records
stays readable, diffs well in git, and a new record is spliced in before the closing
bracket instead of re-serialising everything. A hand-edited file in another valid layout
(`[[records]]` tables, comments, CRLF line endings) gets new records in its own style and
line endings, so its edits are kept byte for byte; only a layout that cannot be extended
is rewritten, after a notice (the caller's, see `RewriteNotice`) and with a backup
beside it.

New content is read back and compared with what was meant before it is written (in full,
or only the lines it adds when the file is in gxtrack's layout and unchanged since it was
validated); the write itself is `atomic.atomic_write`, under the lock of `atomic.data_lock`
that the caller holds (`transactions.py`). What a file says is kept in the cache
(`cache.py`), so an unchanged file is not parsed again.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, NoReturn

from gxtrack.errors import FileProblemError, StorageError
from gxtrack.i18n import t
from gxtrack.i18n.text import source_excerpt, text_lines
from gxtrack.model.plan import Plan
from gxtrack.model.records import InForce, Ledger, Record, first_invalid_record
from gxtrack.model.rollup import city_values
from gxtrack.store import cache
from gxtrack.store.atomic import atomic_write
from gxtrack.store.toml import (
    UTF8_BOM,
    TomlText,
    decode_error,
    decode_text,
    invalid_document,
    locate_key,
    read_bytes,
    refuse_other_numbers,
)

# Told, under the lock and before anything is written, that the data file at the first
# path is about to be rewritten whole, its bytes kept at the second: the caller says so.
RewriteNotice = Callable[[Path, Path], None]


@dataclass
class DataFile:
    """The data file as read: its bytes (None when it does not exist yet) and ledger."""

    path: Path
    raw: bytes | None
    digest: str  # SHA-256 of raw; "" when there is no file
    ledger: Ledger
    canonical: bool  # in gxtrack's own layout, so a write may check only what it adds

    @property
    def exists(self) -> bool:
        return self.raw is not None

    @property
    def records(self) -> Sequence[Record]:
        """Every record; only when loaded with `history=True` (or not from the cache)."""
        assert self.ledger.records is not None, "load the data file with history=True"
        return self.ledger.records


def load_data(path: Path, plan: Plan, *, history: bool = False) -> DataFile:
    """Read and validate the data file against the plan; a missing file has no records.

    Without `history`, the values in force come from the cache when the data and plan
    files are byte for byte what was last validated; otherwise the file is read in full.
    """
    try:
        raw = read_bytes(path, what=t("file.data"))
    except FileNotFoundError:
        return DataFile(path, None, "", Ledger.of([]), canonical=True)
    if not raw.removeprefix(UTF8_BOM).strip():
        # Most often a file emptied by mistake: saying "no data" would hide the loss.
        raise FileProblemError(t("data.empty", path=path), hint=t("data.empty.hint"))
    data_digest = cache.digest(raw)
    found = cache.load(path, data_digest, plan.digest)
    # A year-to-date total's month part depends on the months before it: the cached
    # parts alone cannot take a new total, so such a file is read in full.
    if found is not None and not history and b"basis" not in raw:
        snapshot, cached_values = found

        def values() -> InForce:
            in_force = cached_values()
            if in_force is None:  # the cached values do not read back: read the file
                in_force = Ledger.of(parse_records(raw, path, plan)[0]).in_force
            return in_force

        city = {("city", code): figures for code, figures in snapshot.city.items()}
        ledger = Ledger(
            values,
            snapshot.record_count,
            latest_month=snapshot.latest_month,
            memo=city,
            notes=snapshot.notes,
        )
        return DataFile(path, raw, data_digest, ledger, snapshot.canonical)
    # With a snapshot of these very bytes, they were validated against this plan already:
    # read the history without checking it again, and keep the snapshot as it is.
    records, canonical = parse_records(raw, path, plan, checked=found is not None)
    data = DataFile(path, raw, data_digest, Ledger.of(records), canonical)
    if found is None:
        _remember(data, plan)
    return data


def _remember(data: DataFile, plan: Plan) -> None:
    """Keep what this content says for the next run: the city's figures rolled up from
    its units (what status needs), then the values in force by unit and month."""
    ledger = data.ledger
    city = {i.code: city_values(plan, ledger, i) for i in plan.indicators}
    snapshot = cache.Snapshot(
        data.digest,
        plan.digest,
        ledger.record_count,
        data.canonical,
        ledger.latest_month(),
        city,
        ledger.notes,
    )
    cache.save(data.path, snapshot, ledger.in_force)


def parse_records(
    raw: bytes, path: Path, plan: Plan, *, checked: bool = False
) -> tuple[list[Record], bool]:
    """The file's records, checked against the plan (unless these bytes were `checked`
    already), and whether it is in our layout."""
    # The layout's patterns are compiled on import: a run that reads the cache needs none.
    from gxtrack.store.layout import read_layout

    text = decode_text(raw, path)
    fast = read_layout(text)
    if fast is not None:
        year, records = fast
        canonical = True
    else:
        year, records = _parse_any_layout(_parse_toml_text(text, path))
        canonical = False
    if year != plan.year:
        raise FileProblemError(
            t("data.other_year", path=path, data_year=year, plan_year=plan.year),
            hint=t("data.other_year.hint"),
        )
    invalid = None if checked else first_invalid_record(records, plan)
    if invalid is not None:
        index, refusal = invalid
        record = records[index]
        position = locate_key(text, "records", index, None)
        where = f"{path}:{position[0]}:{position[1]}" if position else str(path)
        detail = source_excerpt(text_lines(text), *position) if position else ()
        raise FileProblemError(
            t(
                "data.bad_record",
                where=where,
                number=index + 1,
                code=record.code,
                month=record.month,
                reason=refusal.message,
            ),
            hint=refusal.hint or t("data.bad_record.hint"),
            detail=detail,
        )
    return records, canonical


def _parse_toml_text(text: str, path: Path) -> TomlText:
    """Parse the data file's text; a record broken over lines is named as such."""
    import tomllib

    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise _split_record(error, text, path) or decode_error(error, text, path) from None
    refuse_other_numbers(text, path)
    return TomlText(path, text, document)


_ERROR_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


def _split_record(error: ValueError, text: str, path: Path) -> FileProblemError | None:
    """The error for a record that goes on past its line, when that is what tomllib
    stumbled on: at the very end of a line where an inline table (or a string inside
    it) was opened and not closed. TOML allows no line break there, so the cause is
    the break, which the user knows as "the record is on two lines"."""
    position = _ERROR_POSITION.search(str(error))
    if position is None:
        return None
    line, column = int(position.group(1)), int(position.group(2))
    lines = text_lines(text)
    if not (1 <= line <= len(lines)) or column != len(lines[line - 1]) + 1:
        return None
    if not _leaves_inline_table_open(lines[line - 1]):
        return None
    return FileProblemError(
        t("data.split_record", where=f"{path}:{line}:{column}"),
        hint=t("data.split_record.hint"),
        detail=source_excerpt(lines, line, column),
    )


def _leaves_inline_table_open(line: str) -> bool:
    """Whether `line` opens a `{` it does not close (strings and comments aside). A
    multi-line string may legally span lines: then this says no, to stay out of it."""
    depth, quote, index = 0, "", 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1  # the escaped character cannot close the string
            elif char == quote:
                quote = ""
        elif line.startswith(('"""', "'''"), index):
            return False
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "{}":
            depth += 1 if char == "{" else -1
        index += 1
    return depth > 0


def _parse_any_layout(toml: TomlText) -> tuple[int, list[Record]]:
    """Any valid TOML layout (hand edits), through tomllib and pydantic."""
    from gxtrack.store.layout import DATA_SCHEMA_VERSION

    version = toml.document.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and (version > DATA_SCHEMA_VERSION)
    ):
        raise FileProblemError(
            t("data.newer", path=toml.path, version=version, ours=DATA_SCHEMA_VERSION),
            hint=t("data.newer.hint"),
        )
    from pydantic import ValidationError

    document_model = data_document_model()
    try:
        document = document_model.model_validate(toml.document)
    except ValidationError as error:
        raise invalid_document(
            [dict(item) for item in error.errors(include_url=False)],
            toml,
            arrays={"records": t("word.record")},
            known_fields={
                "": list(document_model.model_fields),
                "records": [f.name for f in dataclasses.fields(Record)],
            },
        ) from None
    return document.plan_year, document.records


@functools.cache
def data_document_model() -> Any:
    """The pydantic model of a whole data file, built only when a file is read the slow
    way (gxtrack's own layout is read by `layout.read_layout`)."""
    from pydantic import BaseModel, ConfigDict, Field, StrictInt

    class DataDocument(BaseModel):
        model_config = ConfigDict(extra="forbid")

        schema_version: StrictInt
        plan_year: Annotated[StrictInt, Field(ge=2000, le=2100)]
        records: list[Record] = []

    return DataDocument


# ── Writing ─────────────────────────────────────────────────────────────────────────────


def append_records(
    data: DataFile,
    plan: Plan,
    new_records: Sequence[Record],
    *,
    on_rewrite: RewriteNotice | None = None,
) -> None:
    """Add records to the data file, in the file's own style, keeping every byte of it.

    A file in gxtrack's layout gets the new lines spliced in before its closing bracket;
    a hand-edited one gets them in its own style and line endings (see `_in_files_style`).
    Before the new content replaces the file it is read back: in full, or — when the
    file is in gxtrack's layout and unchanged since it was validated (same SHA-256, read
    under the lock) — only the lines added, which is all that can have changed. Only a
    layout that cannot be extended is rewritten, after `on_rewrite` is told (the caller
    says so to the user) and with a backup.
    """
    from gxtrack.store.layout import read_record_lines, record_line

    lines = "".join(record_line(record) for record in new_records)
    spliced = _splice(data.raw, lines) if data.raw and data.canonical else None
    if spliced is not None and read_record_lines(lines) == list(new_records):
        if any(record.undo for record in new_records):
            ledger = Ledger.of([*data.records, *new_records])
        else:
            ledger = data.ledger.with_value_records(new_records)
        content, canonical = spliced, True
    else:
        if data.ledger.records is None:
            data = load_data(data.path, plan, history=True)
        expected = [*data.records, *new_records]
        ledger = Ledger.of(expected)
        content, canonical = _extended_or_rewritten(
            data, plan, expected, new_records, spliced, on_rewrite
        )
    atomic_write(data.path, content)
    _remember(DataFile(data.path, content, cache.digest(content), ledger, canonical), plan)


def _extended_or_rewritten(
    data: DataFile,
    plan: Plan,
    expected: Sequence[Record],
    new_records: Sequence[Record],
    spliced: bytes | None,
    on_rewrite: RewriteNotice | None,
) -> tuple[bytes, bool]:
    """The new content: the file extended in its own style when that reads back as
    `expected`, else the whole file rewritten (a new file is simply written)."""
    from gxtrack.store.layout import render_document

    raw = data.raw
    newline = _newline_of(raw) if raw else b"\n"
    whole = render_document(plan.plan.title, plan.year, expected).encode("utf-8")
    whole = whole.replace(b"\n", newline)  # the file's line endings, even rewritten
    if not raw:
        return _first_that_reads_back([whole], data.path, plan, expected, raw) or _unreadable(data)
    candidates = [c for c in (spliced, *_in_files_style(raw, new_records, newline)) if c]
    found = _first_that_reads_back(candidates, data.path, plan, expected, raw)
    if found is not None:
        return found
    rewritten = _first_that_reads_back([whole], data.path, plan, expected, raw)
    if rewritten is None:  # pragma: no cover - would be a bug in render_document
        _unreadable(data)
    _back_up_before_rewrite(data.path, raw, on_rewrite)
    return rewritten


def _unreadable(data: DataFile) -> NoReturn:
    raise StorageError(t("write.read_back", path=data.path))


def _newline_of(raw: bytes) -> bytes:
    """The file's line ending: CRLF when most of its lines end so, else LF."""
    crlf = raw.count(b"\r\n")
    return b"\r\n" if crlf > raw.count(b"\n") - crlf else b"\n"


def _mixes_line_endings(content: bytes) -> bool:
    crlf = content.count(b"\r\n")
    return 0 < crlf < content.count(b"\n")


def _back_up_before_rewrite(path: Path, raw: bytes, on_rewrite: RewriteNotice | None) -> None:
    """Tell `on_rewrite` that the file will be rewritten, then keep its bytes beside it as
    `<data>.bak-<stamp>` (under the lock, so no other gxtrack takes the same name)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    number = 1
    while backup.exists() or backup.is_symlink():
        number += 1
        backup = path.with_name(f"{path.name}.bak-{stamp}-{number}")
    if on_rewrite is not None:
        on_rewrite(path, backup)
    atomic_write(backup, raw)


def _splice(raw: bytes, lines: str) -> bytes | None:
    """Insert record lines before the line `]` that closes the records array of a file
    in gxtrack's layout (the last line that is exactly `]`)."""
    closing = raw.rfind(b"\n]\n") + 1
    if closing <= 0:
        return None
    return raw[:closing] + lines.encode("utf-8") + raw[closing:]


_TABLE_HEADER = re.compile(rb"^([ \t]*\[\[[ \t]*records[ \t]*\]\])[ \t\r]*(?:#.*)?$", re.MULTILINE)
_RECORDS_KEY = re.compile(rb"^[ \t]*records[ \t]*=", re.MULTILINE)
_CLOSING_LINE = re.compile(rb"^[ \t]*\][ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)
_ITEM_INDENT = re.compile(rb"^([ \t]*)\{", re.MULTILINE)


def _in_files_style(raw: bytes, new_records: Sequence[Record], newline: bytes) -> Iterator[bytes]:
    """The file with the new records added the way it writes its own, in its line
    endings, most likely first; the caller keeps the first that reads back intact."""
    headers = list(_TABLE_HEADER.finditer(raw))
    if headers:  # `[[records]]` tables: new tables at the end of the file
        yield _with_tables(raw, new_records, headers[-1], newline)
    elif _RECORDS_KEY.search(raw):  # `records = [ … ]`: new lines before its `]`
        yield from _guesses(raw, new_records, newline)
    else:  # no records yet, and so no table: the array goes at the end
        lines = _inline_lines(new_records, "  ", newline)
        yield _ended(raw, newline) + b"records = [" + newline + lines + b"]" + newline


def _ended(raw: bytes, newline: bytes) -> bytes:
    """The file, ending with a line break (a hand edit may have left none)."""
    return raw if raw.endswith(b"\n") else raw + newline


def _with_tables(
    raw: bytes, new_records: Sequence[Record], last: re.Match[bytes], newline: bytes
) -> bytes:
    """New `[[records]]` tables spelt, indented and spaced like the file's last one."""
    from gxtrack.store.layout import record_table

    header = last.group(1).decode("utf-8")
    blank_before = _blank_line_above(raw, last.start())
    following = raw[last.end() :].lstrip(b"\r\n").split(b"\n", 1)[0]
    indent = following[: len(following) - len(following.lstrip(b" \t"))].decode("ascii")
    tables = "".join(record_table(r, header, indent, blank_before) for r in new_records)
    return _ended(raw, newline) + tables.encode("utf-8").replace(b"\n", newline)


def _blank_line_above(raw: bytes, start: int) -> bool:
    """Whether a blank line comes before the line at `start`, past the comment lines
    right above it (which belong to it: `# 二月` over its table)."""
    end = start
    while end > 0:
        begin = raw.rfind(b"\n", 0, end - 1) + 1
        line = raw[begin:end].strip()
        if not line.startswith(b"#"):
            return not line
        end = begin
    return False


def _inline_lines(new_records: Sequence[Record], indent: str, newline: bytes) -> bytes:
    from gxtrack.store.layout import record_line

    text = "".join(record_line(record, indent) for record in new_records)
    # record_line escapes every line break inside a value: each "\n" ends a record.
    return text.encode("utf-8").replace(b"\n", newline)


def _guesses(raw: bytes, new_records: Sequence[Record], newline: bytes) -> Iterator[bytes]:
    """A hand-edited `records = [ … ]` spliced where the array may close, most likely
    first, each new line indented like the file's last record."""
    items = list(_ITEM_INDENT.finditer(raw))
    indent = items[-1].group(1).decode("ascii") if items else "  "
    encoded = _inline_lines(new_records, indent, newline)
    # The last line holding only `]` (and perhaps a comment).
    closing_lines = list(_CLOSING_LINE.finditer(raw))
    if closing_lines:
        start = closing_lines[-1].start()
        before = raw[:start]
        body = before.rstrip()
        if body.endswith(b"}"):  # the last record lacks its trailing comma: add one
            before = body + b"," + newline
        yield before + encoded + raw[start:]
    # The last `]` of the file, when the file ends with it (`records = []`).
    stripped = raw.rstrip()
    if stripped.endswith(b"]"):
        closing = len(stripped) - 1
        body = raw[:closing].rstrip()
        if body.endswith(b"}"):
            body += b","
        if body.endswith((b",", b"[")):
            yield body + newline + encoded + raw[closing:]


def _first_that_reads_back(
    candidates: Sequence[bytes],
    path: Path,
    plan: Plan,
    expected: Sequence[Record],
    raw: bytes | None,
) -> tuple[bytes, bool] | None:
    """The first content that reads back as exactly `expected` (with no line endings
    mixed that the file did not mix already), and whether it is in gxtrack's layout."""
    mixed_already = raw is not None and _mixes_line_endings(raw)
    for content in candidates:
        if not mixed_already and _mixes_line_endings(content):
            continue
        try:
            records, canonical = parse_records(content, path, plan)
        except FileProblemError:
            continue
        if records == list(expected):
            return content, canonical
    return None
