"""The answer memo: a read command's exact output, reused while nothing it depends on changed.

Standard library only: the launcher (`gxtrack.launch`) asks it before Typer, pydantic or
Rich are imported, so an unchanged workspace answers in the time Python takes to start.

An answer is found in two steps. The *question* is everything the output depends on but
the files: the arguments, the working folder, the environment that shapes output
(`_shaping_environment`), whether stdin, stdout and stderr are terminals and how large,
the streams' encodings, and a stamp of the code (`_code_stamp`). Its digest names an
index file listing the files the full run read. The launcher reads those files now; the
answer's name is the digest of the question and of every file's SHA-256 (or its absence),
so an answer is reused only for the very bytes it was computed from — a hand edit is a
miss, a file put back to an earlier version may hit that version's answer.

The full run notes each file it reads (`note_read`, from `store.toml.read_bytes`), and
anything that makes its output unrepeatable spoils the answer (`spoil`: a write, a file
read twice with different bytes, a database). Only exit codes 0 and 1 are kept.

The memo lives in `memo/` inside the cache folder, under the cache's rules: used only
when the folder belongs to the user and no one else may write to it; entries are data
(a JSON header line, then the bytes to write), checked against their own SHA-256; any
doubt is a miss. `GXTRACK_NO_CACHE` turns it off; it keeps at most MAX_ENTRIES files and
MAX_BYTES bytes, the oldest going first; `gxtrack cache clear` empties it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Mapping, Sequence

from gxtrack.store.cache_folder import cache_folder, trusted

# `typing` and `tempfile` cost a hit (the launcher's fast path) ~8 ms of imports: types for
# the checker only, and the temporary file only when an answer is written.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, TextIO

FORMAT = 2  # 2: a file read is named by real path, device and inode too
_TAG = "gxtrack-memo"
MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # a larger answer (a big CSV) is not kept
MAX_FILE_BYTES = 64 * 1024 * 1024  # as store.toml: a larger file is the full path's to refuse

# Commands that only read, and whose output is a function of the question and the files.
READ_COMMANDS = frozenset(
    {"status", "gaps", "check", "plan", "history", "units", "rank", "validate", "export"}
)
COMPLETE_VARIABLE = "_GXTRACK_COMPLETE"  # Click's shell-completion request

# What Python, Click, Typer and Rich read from the environment that can change the bytes
# written (rich/console.py: TERM, COLORTERM, NO_COLOR, FORCE_COLOR, TTY_COMPATIBLE,
# TTY_INTERACTIVE, COLUMNS, LINES, JUPYTER_*; rich/_unicode_data: UNICODE_VERSION;
# typer: TERMINAL_WIDTH, PY_COLORS, GITHUB_ACTIONS, _TYPER_*; click completion: COMP_*).
_SHAPING_NAMES = frozenset(
    {
        "LANG",
        "LANGUAGE",
        "NO_COLOR",
        "FORCE_COLOR",
        "TERM",
        "COLORTERM",
        "COLUMNS",
        "LINES",
        "TERMINAL_WIDTH",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "JUPYTER_COLUMNS",
        "JUPYTER_LINES",
        "UNICODE_VERSION",
        "DATABRICKS_RUNTIME_VERSION",
        "PY_COLORS",
        "GITHUB_ACTIONS",
        "TYPER_USE_RICH",
        "PYDANTIC_DISABLE_PLUGINS",
        "TZ",
        "COMP_WORDS",
        "COMP_CWORD",
        COMPLETE_VARIABLE,
    }
)
_SHAPING_PREFIXES = ("GXTRACK_", "LC_", "PYTHON", "_TYPER_")
# Names this module writes into the cache folder: anything else there is not ours.
# (.i and .a: questions and answers; .t and .c: what earlier versions kept for completion)
_OURS = re.compile(r"^(?:[0-9a-f]{64}\.(?:i|a|t|c)|tmp[A-Za-z0-9_]+\.tmp)$")


# ── What the full run tells the memo ────────────────────────────────────────────────────

# What the run read, by the path as the operating system resolves it (the working folder
# joined, never normalised: `link/../x` is not `x` when `link` is a symlink) -> the file
# actually opened: [its real path, device, inode, SHA-256 of the bytes parsed], or None
# when there was no file. A symlink swapped between runs, or a path that now leads to
# another hard link, opens another file: another answer, even for the same bytes.
FileSeen = list[object] | None
_reads: dict[str, FileSeen] = {}
_spoiled: list[bool] = [False]


def note_read(
    path: str | os.PathLike[str], content: bytes | None, status: os.stat_result | None = None
) -> None:
    """The run read `path` (None: found no file there); `status` is the opened file's
    fstat. Called by store.toml.read_bytes."""
    key = os.path.join(os.getcwd(), os.fspath(path))
    found = None if content is None else _seen(key, content, status)
    if key in _reads and _reads[key] != found:
        spoil()  # the file changed while we read it twice: no single version explains it
    _reads[key] = found


def _seen(path: str, content: bytes, status: os.stat_result | None) -> FileSeen:
    identity = [] if status is None else [status.st_dev, status.st_ino]
    return [os.path.realpath(path), *identity, hashlib.sha256(content).hexdigest()]


def spoil() -> None:
    """This run's output must not be kept: it wrote, or read something not a file
    (a database: the PostgreSQL backend calls this)."""
    _spoiled[0] = True


# ── The folder ──────────────────────────────────────────────────────────────────────────


def memo_folder(environ: Mapping[str, str], *, create: bool) -> str | None:
    folder = cache_folder(environ)
    if folder is None:
        return None
    memo = os.path.join(folder, "memo")
    if create:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if trusted(folder):  # nothing is made inside a folder we do not trust
                os.makedirs(memo, mode=0o700, exist_ok=True)
        except OSError:
            return None
    return memo if trusted(folder) and trusted(memo) else None


# ── The question ────────────────────────────────────────────────────────────────────────


# A libpq `host=… password=…` string: refused by the full run, and never kept here (it
# may hold a password). The same pattern as store/workspace.CONNINFO (stdlib only here).
_CONNECTION_STRING = re.compile(
    r"(?:^|\s)(?:host|hostaddr|port|dbname|user|password|passfile|service|sslmode)\s*=", re.I
)


def memoizable(arguments: Sequence[str], environ: Mapping[str, str]) -> bool:
    """A read-only command (or a completion request) whose answer may be kept."""
    return not environ.get("GXTRACK_NO_CACHE") and reads_files_only(arguments, environ)


def reads_files_only(arguments: Sequence[str], environ: Mapping[str, str]) -> bool:
    """A read command on files (or a completion request): it writes nothing but its
    answer on stdout and stderr, and holds no connection open (the launcher may leave
    at once when it is done)."""
    # A database for the data is not a file we can fingerprint.
    places = [*arguments, environ.get("GXTRACK_DATA", ""), environ.get("GXTRACK_TARGETS", "")]
    if any("://" in place or _CONNECTION_STRING.search(place) for place in places):
        return False
    if environ.get(COMPLETE_VARIABLE):
        return True
    if not arguments or arguments[0] not in READ_COMMANDS:
        return False
    return arguments[0] != "export" or _exports_to_stdout(arguments[1:])


def _exports_to_stdout(arguments: Sequence[str]) -> bool:
    """`export` writes a file unless every --output/-o it is given is `-`. A `--` may be
    an option's value (`--targets --`) as well as the end of options: not told apart
    here, so it counts as writing a file."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            return False
        if argument in ("--output", "-o"):
            value = arguments[index + 1] if index + 1 < len(arguments) else ""
        elif argument.startswith("--output="):
            value = argument.partition("=")[2]
        elif argument.startswith("-o"):
            value = argument[2:]
        else:
            continue
        if value != "-":
            return False
    return True


def terminal_shape(environ: Mapping[str, str] = os.environ) -> list[object]:
    """Everything outside the data that shapes what Rich draws: the output-shaping
    environment, whether each standard stream is a terminal and its size (Rich takes the
    width from stdin's terminal when stdout is a pipe), and the streams' encodings. The
    store cache keys drawn tables on it, as the memo keys its answers."""
    return [_shaping_environment(environ), _streams()]


def _shaping_environment(environ: Mapping[str, str]) -> list[list[str]]:
    return sorted(
        [name, value]
        for name, value in environ.items()
        if name in _SHAPING_NAMES or name.startswith(_SHAPING_PREFIXES)
    )


def _streams() -> list[object]:
    """Terminal or not and the size of stdin, stdout and stderr (Rich asks each for the
    size, in that order), and the encodings text is written in."""
    shape: list[object] = []
    for descriptor in (0, 1, 2):
        try:
            terminal = os.isatty(descriptor)
            size = list(os.get_terminal_size(descriptor)) if terminal else None
        except OSError:
            terminal, size = False, None
        shape.append([terminal, size])
    for stream in (sys.stdout, sys.stderr):
        shape.append([getattr(stream, "encoding", None), getattr(stream, "errors", None)])
    return shape


def code_stamp() -> list[object]:
    """The stamp of the code, worked out once a run (the memo and the store cache both
    key on it)."""
    if not _stamp_of_code:
        _stamp_of_code.append(_code_stamp())
    return _stamp_of_code[0]


_stamp_of_code: list[list[object]] = []


def _code_stamp() -> list[object]:
    """gxtrack's and Rich's installed files (path, size, modification time: an editable
    install's edit or an upgrade is seen) and the distributions installed beside Rich
    (their names carry the versions of Typer, Click, pydantic and the rest)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stamp: list[object] = [sys.version, sys.executable, sys.flags.utf8_mode]
    _stat_tree(package, stamp)
    for entry in sys.path:
        rich = os.path.join(entry or ".", "rich")
        if os.path.isdir(rich):
            _stat_tree(rich, stamp)
            stamp.append(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info")))
            break
    return stamp


def _stat_tree(folder: str, stamp: list[object]) -> None:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _stat_tree(entry.path, stamp)
            elif entry.name.endswith((".py", ".html", ".css", ".typed")):
                status = entry.stat()
                stamp.append([entry.path, status.st_size, status.st_mtime_ns])


def question(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """The digest of everything but the files that this invocation's output depends on."""
    document = [
        _TAG,
        FORMAT,
        list(arguments),
        os.getcwd(),
        _shaping_environment(environ),
        _streams(),
        code_stamp(),
    ]
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _answer_name(asked: str, reads: Sequence[tuple[str, FileSeen]]) -> str:
    text = json.dumps([asked, sorted(reads)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# ── Looking an answer up ────────────────────────────────────────────────────────────────


class Answer:
    """A stored answer: the chunks written to stdout (1) and stderr (2), and the exit code."""

    def __init__(self, code: int, chunks: list[tuple[int, bytes]]) -> None:
        self.code = code
        self.chunks = chunks

    def replay(self) -> int:
        """Write the chunks as the full run wrote them; the exit code."""
        streams = {1: sys.stdout, 2: sys.stderr}
        try:
            for number, chunk in self.chunks:
                stream = streams[number]
                stream.flush()
                stream.buffer.write(chunk)
                stream.buffer.flush()
        except BrokenPipeError:
            # `gxtrack status | head`: the reader left, as the full run's edge says: exit 0.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        return self.code


def look_up(arguments: Sequence[str], environ: Mapping[str, str]) -> tuple[str, Answer | None]:
    """The question's digest, and its stored answer for the files as they are now."""
    asked = question(arguments, environ)
    folder = memo_folder(environ, create=False)
    if folder is None:
        return asked, None
    try:
        with open(os.path.join(folder, asked + ".i"), "rb") as index:
            paths = json.loads(index.read(1024 * 1024))
        if type(paths) is not list or not all(type(p) is str for p in paths):
            return asked, None
        reads = [(path, _seen_now(path)) for path in paths]
        name = _answer_name(asked, reads)
        with open(os.path.join(folder, name + ".a"), "rb") as stored:
            return asked, _parse_answer(stored.read(MAX_ANSWER_BYTES + 65536), name)
    except (OSError, ValueError, TypeError, LookupError, RecursionError):
        return asked, None  # missing, damaged or foreign: only a miss


def _seen_now(path: str) -> FileSeen:
    """The file the path opens now, as `note_read` describes it; None when it is not
    there. Anything unusual (a FIFO, a device, too large) raises: no memo for it."""
    opened = _read_plain(path, MAX_FILE_BYTES)
    return None if opened is None else _seen(path, *opened)


def read_plain_file(path: str, limit: int) -> bytes | None:
    """A regular file's bytes as store.toml.read_bytes reads them (see `_read_plain`)."""
    opened = _read_plain(path, limit)
    return None if opened is None else opened[0]


def _read_plain(path: str, limit: int) -> tuple[bytes, os.stat_result] | None:
    """A regular file's bytes as store.toml.read_bytes reads them: opened without
    blocking, at most `limit` bytes; None when there is no file; ValueError for anything
    else (a FIFO, a device, a larger file), which the full path judges and words."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            raise ValueError(path)
        chunks = []
        while chunk := os.read(descriptor, 1024 * 1024):
            chunks.append(chunk)
    finally:
        os.close(descriptor)
    content = b"".join(chunks)
    if len(content) > limit:  # grown since fstat
        raise ValueError(path)
    return content, status


def _parse_answer(entry: bytes, name: str) -> Answer | None:
    header, _, payload = entry.partition(b"\n")
    tag, version, stored_name, code, lengths, digest = json.loads(header)
    if [tag, version, stored_name] != [_TAG, FORMAT, name] or code not in (0, 1):
        return None
    if digest != hashlib.sha256(payload).hexdigest():
        return None  # damaged: a miss, never a changed answer
    chunks: list[tuple[int, bytes]] = []
    offset = 0
    for number, length in lengths:
        if number not in (1, 2) or type(length) is not int or length < 0:
            return None
        chunks.append((number, payload[offset : offset + length]))
        offset += length
    return Answer(code, chunks) if offset == len(payload) else None


# ── Recording the full run, and keeping its answer ──────────────────────────────────────


class _Tee(io.RawIOBase):
    """Passes bytes to the real stream and keeps a copy; a failed write spoils the copy
    (`| head` leaving early must not store half an answer)."""

    def __init__(self, target: BinaryIO, number: int, chunks: list[tuple[int, bytes]]) -> None:
        super().__init__()
        self._target, self._number, self._chunks = target, number, chunks

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        try:
            self._target.write(chunk)
        except BaseException:
            spoil()
            raise
        self._chunks.append((self._number, chunk))
        return len(chunk)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()


class Recording:
    """stdout and stderr, replaced by streams that keep what the run writes."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, bytes]] = []
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = self._wrap(sys.stdout, 1)
        sys.stderr = self._wrap(sys.stderr, 2)

    def _wrap(self, stream: TextIO, number: int) -> TextIO:
        tee = _Tee(stream.buffer, number, self.chunks)
        buffer: BinaryIO = tee  # type: ignore[assignment]  # a RawIOBase writing through
        return io.TextIOWrapper(
            buffer,
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=bool(stream.line_buffering),
            write_through=True,
        )

    def finish(self) -> list[tuple[int, bytes]]:
        """Flush and put the original streams back; what was written, in order."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                spoil()
        sys.stdout, sys.stderr = self._saved
        return self.chunks


def can_record() -> bool:
    """stdout and stderr are the usual text streams over byte buffers (not replaced by a
    test harness, not None under pythonw)."""
    return all(
        isinstance(s, io.TextIOWrapper) and hasattr(s, "buffer") for s in (sys.stdout, sys.stderr)
    )


def keep(
    asked: str, environ: Mapping[str, str], code: int, chunks: list[tuple[int, bytes]]
) -> None:
    """Store the full run's answer, when it may be reused; failing to is never an error."""
    from gxtrack.store.atomic import wrote_files  # loaded by the run that missed

    if _spoiled[0] or wrote_files() or code not in (0, 1) or not _reads:
        return
    payload = b"".join(chunk for _, chunk in chunks)
    if len(payload) > MAX_ANSWER_BYTES:
        return
    folder = memo_folder(environ, create=True)
    if folder is None:
        return
    reads = sorted(_reads.items())
    name = _answer_name(asked, reads)
    header = [_TAG, FORMAT, name, code, [[n, len(c)] for n, c in chunks]]
    header.append(hashlib.sha256(payload).hexdigest())
    index = json.dumps([path for path, _ in reads], ensure_ascii=False)
    try:
        write_entry(folder, name + ".a", json.dumps(header).encode() + b"\n" + payload)
        write_entry(folder, asked + ".i", index.encode("utf-8", "surrogateescape"))
        _prune(folder)
    except OSError:
        return


def write_entry(folder: str, name: str, content: bytes) -> None:
    """Write one file of the memo folder atomically (gxtrack's one writer, private)."""
    from gxtrack.store.atomic import replace_file  # loaded by the run that missed

    replace_file(os.path.join(folder, name), content, durable=False, shared=False, prefix="tmp")


def _prune(folder: str) -> None:
    """Keep at most MAX_ENTRIES files and MAX_BYTES bytes: the oldest go first."""
    entries = []
    with os.scandir(folder) as found:
        for entry in found:
            if _OURS.match(entry.name) and entry.is_file(follow_symlinks=False):
                status = entry.stat(follow_symlinks=False)
                entries.append((status.st_mtime_ns, entry.name, status.st_size))
    entries.sort(reverse=True)  # newest first
    total = 0
    for count, (_, name, size) in enumerate(entries, 1):
        total += size
        if count > MAX_ENTRIES or total > MAX_BYTES:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))


# ── Clearing ────────────────────────────────────────────────────────────────────────────

# The store cache's entries (store/cache.py: 32 hex digits and a kind) and temporaries.
_CACHE_ENTRY = re.compile(r"^(?:[0-9a-f]{32}\.(?:snapshot|plan|drawing)|tmp[A-Za-z0-9_]+\.tmp)$")


def clear(environ: Mapping[str, str] = os.environ) -> tuple[str | None, int]:
    """Remove every entry gxtrack made in the cache folder and its memo (files of other
    names are left alone: GXTRACK_CACHE_DIR may name a folder that holds more); the
    folder (None when the cache is off) and how many files went."""
    folder = cache_folder(environ)
    if folder is None:
        return None, 0
    removed = 0
    for place, pattern in ((folder, _CACHE_ENTRY), (os.path.join(folder, "memo"), _OURS)):
        try:
            names = os.listdir(place)
        except OSError:
            continue
        for name in names:
            path = os.path.join(place, name)
            if pattern.match(name) and not os.path.isdir(path):
                try:
                    os.unlink(path)
                    removed += 1
                except FileNotFoundError:
                    pass
    return folder, removed
