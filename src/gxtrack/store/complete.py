"""Shell completion of codes before Typer loads: the answer Typer would print, or None.

Standard library only, like `store.memo`: the launcher asks `answer` first when bash asks
for completions (`_GXTRACK_COMPLETE=complete_bash`, `COMP_WORDS`, `COMP_CWORD`, as the
script `gxtrack --install-completion bash` installs). It answers a Tab on an indicator
code, an area or a unit, for any prefix, from two stored pieces of data:

- the *command table*: each command's options and arguments as Click sees them, and which
  of them complete codes. `gxtrack.cli.completion` writes it from the live Typer app the
  first time Typer answers a code completion, named by the digest of the code's stamp
  (`memo.code_stamp`): an edit or an upgrade of gxtrack, Typer or Rich names another table.
- the *code lists* of a plan (indicators, areas, units), named by the SHA-256 of the plan's
  bytes; computed here from those bytes when missing (`codes_in`, the one reading the full
  path uses too).

The command line is then resolved as Click's completion resolves it
(`typer/_click/shell_completion.py`: `_resolve_context`, `_resolve_incomplete`), but only
for the plain shapes people type: known command, known options, values, arguments. Anything
else (an unknown or combined option, `--`, quotes, a group, an option name to complete, a
file that is not a plain readable file) returns None and Typer answers as before. A test
draws command lines at random and compares this answer with Typer's byte for byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence

from gxtrack.store import memo

FORMAT = 1
KINDS = ("indicators", "areas", "units")
_MAX_PLAN_BYTES = memo.MAX_FILE_BYTES
# What bash's word splitting and shlex agree on: no quotes or escapes to interpret.
_PLAIN_WORDS = re.compile(r"^[^'\"\\]*$")
_SPLIT = re.compile(r"[ \t\r\n]+")  # shlex's whitespace, as Click's split_arg_string uses

# ── A plan's codes (the full path's completion reads them here too) ────────────────────

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_FIELD = re.compile(r'^\s*(code|name)\s*=\s*"([^"\\]*)"\s*(?:#.*)?$')


def codes_in(content: bytes, array: str) -> list[tuple[str, str]]:
    """The (code, name) of each table in the plan's `[[array]]`, in order; [] for a plan
    that cannot be read (a broken plan is for `validate` to report, not the prompt).

    A scan of the tables as gxtrack and people write them (code and name lines with plain
    strings), else tomllib for any other layout (inline tables, escapes)."""
    try:
        text = content.decode("utf-8-sig")
    except ValueError:
        return []
    items: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in text.split("\n"):
        header = _HEADER.match(line)
        if header:
            current = {} if header.group(1) == array and "[[" in line else None
            if current is not None:
                items.append(current)
            continue
        field = _FIELD.match(line) if current is not None else None
        if field and current is not None:
            current.setdefault(field.group(1), field.group(2))
    if items and all("code" in item for item in items):
        return [(item["code"], item.get("name", "")) for item in items]
    return _codes_by_tomllib(text, array)


def _codes_by_tomllib(text: str, array: str) -> list[tuple[str, str]]:
    import tomllib

    try:
        found = tomllib.loads(text).get(array)
    except ValueError:
        return []
    if not isinstance(found, list):
        return []
    return [
        (str(item["code"]), str(item.get("name", "")))
        for item in found
        if isinstance(item, dict) and "code" in item
    ]


# ── The command table ──────────────────────────────────────────────────────────────────


def _table_name() -> str:
    text = json.dumps(["gxtrack-commands", FORMAT, memo.code_stamp()], separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest() + ".t"


def has_table(environ: Mapping[str, str] = os.environ) -> bool:
    """A table for this very code is stored (or the cache is off: none will be)."""
    folder = memo.cache_folder(environ)
    if folder is None:
        return True
    return os.path.exists(os.path.join(folder, "memo", _table_name()))


def keep_table(table: Mapping[str, object], environ: Mapping[str, str] = os.environ) -> None:
    """Store the command table for this code (see the module's docstring); never an error."""
    folder = memo.memo_folder(environ, create=True)
    if folder is None:
        return
    try:
        memo.write_entry(folder, _table_name(), json.dumps(table).encode())
    except OSError:
        return


# ── The answer ─────────────────────────────────────────────────────────────────────────


class _NotPlain(Exception):
    """A command line this module does not resolve: Typer answers."""


def answer(environ: Mapping[str, str]) -> str | None:
    """What Typer's bash completion prints for this request, or None (ask Typer)."""
    if environ.get(memo.COMPLETE_VARIABLE) != "complete_bash" or os.name != "posix":
        return None
    if not memo.memoizable([], environ):  # GXTRACK_NO_CACHE, a database URL
        return None
    folder = memo.memo_folder(environ, create=False)
    if folder is None:
        return None
    try:
        args, incomplete = _words(environ)
        table = _read_json(os.path.join(folder, _table_name()))
        kind, targets = _resolve(table, args, incomplete, environ)
        codes = _codes(folder, _plan_path(targets), kind)
    except (_NotPlain, OSError, ValueError, TypeError, LookupError, RecursionError):
        return None
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete.startswith("-"):
        incomplete = incomplete.partition("=")[2]
    values = [code for code in codes if code.startswith(incomplete)]
    if any("\x1b" in value for value in values):
        return None  # click.echo would strip the escape sequences from a pipe
    return "\n".join(values) + "\n"


def _words(environ: Mapping[str, str]) -> tuple[list[str], str]:
    """BashComplete.get_completion_args, for words without quotes or backslashes."""
    line, cword = environ["COMP_WORDS"], int(environ["COMP_CWORD"])
    if not _PLAIN_WORDS.match(line) or cword < 0:
        raise _NotPlain
    words = [word for word in _SPLIT.split(line) if word]
    incomplete = words[cword] if cword < len(words) else ""
    return words[1:cword], incomplete


def _read_json(path: str) -> dict[str, object]:
    with open(path, "rb") as stream:
        found = json.loads(stream.read(4 * 1024 * 1024))
    if type(found) is not dict or found.get("format") != FORMAT:
        raise _NotPlain
    return found


def _resolve(
    table: dict[str, object], args: list[str], incomplete: str, environ: Mapping[str, str]
) -> tuple[str, str]:
    """The kind of code being completed and the plan's path, as Click resolves them."""
    commands = table["commands"]
    if not isinstance(commands, dict) or not args or args[0] not in commands:
        raise _NotPlain  # an option before the command, a group, a name being typed
    command = commands[args[0]]
    params: list[dict[str, object]] = command["params"]
    parsed = _parse(params, args[1:], bool(command["interspersed"]))
    args = list(args)
    if incomplete != "=" and "=" in incomplete and incomplete.startswith("-"):
        args.append(incomplete.partition("=")[0])
        incomplete = incomplete.partition("=")[2]
    if "--" in args or incomplete.startswith("-"):
        raise _NotPlain  # option names are Typer's to complete
    chosen = _incomplete_option(params, args) or _incomplete_argument(params, parsed)
    if chosen is None or chosen["complete"] not in KINDS:
        raise _NotPlain
    return str(chosen["complete"]), _targets(params, parsed, environ)


def _parse(
    params: list[dict[str, object]], tokens: list[str], interspersed: bool
) -> dict[str, object]:
    """Click's parser on the command's tokens: option values (the last one given) and
    which arguments got a value; only for known options written out in full."""
    options: dict[str, dict[str, object]] = {}
    for param in params:
        if param["kind"] == "option":
            if param["nargs"] != 1:
                raise _NotPlain
            for name in (*param["opts"], *param["secondary"]):  # type: ignore[misc]
                options[name] = param
    values: dict[str, object] = {}
    positional: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "--":
            raise _NotPlain
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        if positional and not interspersed:
            raise _NotPlain  # Click would take this option for an argument
        name, equals, value = token.partition("=")
        option = options.get(name if equals else token)
        if option is None or (equals and (option["flag"] or not name.startswith("--"))):
            raise _NotPlain  # unknown, combined short options, a negative number
        if option["flag"]:
            continue
        if not equals:
            if index == len(tokens):
                return values  # the value is being typed: Click stops, arguments unset
            value = tokens[index]
            index += 1
        values[str(option["name"])] = value
    arguments = [p for p in params if p["kind"] == "argument"]
    for param, _ in zip(arguments, positional, strict=False):
        if param["nargs"] != 1:
            raise _NotPlain
        values[str(param["name"])] = True
    return values


def _incomplete_option(
    params: list[dict[str, object]], args: list[str]
) -> dict[str, object] | None:
    """_is_incomplete_option: the last word is the name of an option that takes a value."""
    last = args[-1] if args else ""
    for param in params:
        opts: list[str] = param["opts"]  # type: ignore[assignment]
        if param["kind"] == "option" and not param["flag"] and last[:1] == "-" and last in opts:
            return param
    return None


def _incomplete_argument(
    params: list[dict[str, object]], parsed: dict[str, object]
) -> dict[str, object] | None:
    """_is_incomplete_argument: the first argument given no value on the command line."""
    for param in params:
        if param["kind"] == "argument" and (param["nargs"] != 1 or param["name"] not in parsed):
            return param
    return None


def _targets(
    params: list[dict[str, object]], parsed: dict[str, object], environ: Mapping[str, str]
) -> str:
    """The plan completion reads: --targets as Click converted it, else GXTRACK_TARGETS,
    else targets.toml (cli/completion.py)."""
    found = [p for p in params if p["name"] == "targets"]
    if found and not found[0].get("plain_path"):
        raise _NotPlain
    given = parsed.get("targets") if found else None
    if given == "":
        raise _NotPlain  # Path("") is the folder ".": Typer's to say nothing about
    if found and given is None:
        given = environ.get(str(found[0].get("envvar") or "")) or None
    value = given or environ.get("GXTRACK_TARGETS") or "targets.toml"
    if not isinstance(value, str) or not value:
        raise _NotPlain
    return value


def _plan_path(value: str) -> str:
    """pathlib.Path(value) as a string (importing pathlib costs ~9 ms): repeated and
    trailing slashes and `.` parts go; a leading `//` stays, as POSIX allows."""
    root = "//" if value.startswith("//") and not value.startswith("///") else ""
    root = root or ("/" if value.startswith("/") else "")
    parts = [part for part in value.split("/") if part and part != "."]
    return root + "/".join(parts) or "."


def _codes(folder: str, path: str, kind: str) -> list[str]:
    """The plan's codes of this kind: from the stored list for its bytes, else read."""
    content = _plan_bytes(path)
    if content is None:
        return []  # no plan there: the full path's completion offers nothing either
    name = hashlib.sha256(content).hexdigest() + ".c"
    try:
        stored = _read_json(os.path.join(folder, name))
        lists = stored["codes"]
    except (OSError, ValueError, LookupError, _NotPlain):
        lists = {k: [code for code, _ in codes_in(content, k)] for k in KINDS}
        document = {"format": FORMAT, "codes": lists}
        with contextlib.suppress(OSError):
            memo.write_entry(folder, name, json.dumps(document, ensure_ascii=False).encode())
    found = lists[kind] if isinstance(lists, dict) else None
    if not isinstance(found, list) or not all(type(code) is str for code in found):
        raise _NotPlain
    return found


def _plan_bytes(path: str) -> bytes | None:
    """The plan's bytes as store.toml.read_bytes reads them; None when there is no file.
    Anything that is not a plain readable file is Typer's to judge (it may say more)."""
    try:
        return memo.read_plain_file(path, _MAX_PLAN_BYTES)
    except ValueError:
        raise _NotPlain from None


def table_of(commands: Sequence[tuple[str, bool, list[dict[str, object]]]]) -> dict[str, object]:
    """The stored table, from (name, interspersed, params) of each plain command."""
    return {
        "format": FORMAT,
        "commands": {
            name: {"interspersed": interspersed, "params": params}
            for name, interspersed, params in commands
        },
    }


def stdout_is_utf8() -> bool:
    """Typer writes through sys.stdout; the answer is written the same way only when its
    encoding is UTF-8 (a pipe, under the launcher), so both give the same bytes."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None)
    return bool(encoding) and codecs.lookup(str(encoding)).name == "utf-8"
