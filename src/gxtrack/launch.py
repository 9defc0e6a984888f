"""The console script: what must be settled before anything heavy is imported.

`gxtrack` (and `python -m gxtrack`) starts here. This module uses the standard library
only (no Typer, Rich or pydantic: a test checks it), so that the three things below hold
from the first milliseconds on, and `--help` and shell completion pay ~nothing for them:

1. Ctrl-C. From here on a Ctrl-C ends gxtrack with exit code 130 and no traceback, also
   while the command's modules are still loading. The first Ctrl-C raises
   KeyboardInterrupt, so `with` blocks and `finally` clauses still remove a temporary
   file and release the data file's lock; a second one exits at once. A Ctrl-C while the
   interpreter itself starts (before this module runs) cannot be caught by any Python
   program: docs/explanation/safety.*.md says so.
2. The output encoding. Text that stdout or stderr cannot encode is replaced (`?`) rather
   than ending the run with UnicodeEncodeError. Output that goes to a file or a pipe is
   written as UTF-8 (as Python's UTF-8 mode does, PEP 686), unless PYTHONIOENCODING names
   an encoding; a terminal keeps its own encoding.
3. The interface language: `--lang` in the arguments, else GXTRACK_LANG, else the locale,
   decided (by `gxtrack.i18n`) as the launcher hands over, before the CLI is imported,
   so that a message shown while Typer parses is in it.

It imports no gxtrack module but at that hand-over (and to word its own refusals).
"""

from __future__ import annotations

import os
import sys

# `typing` costs a memo hit ~5 ms of import; the type checker reads this name as true.
TYPE_CHECKING = False

if TYPE_CHECKING:  # only for the type checker: these imports would cost start-up time
    from collections.abc import Callable, Sequence
    from types import FrameType

INTERRUPTED = 130  # ExitCode.INTERRUPTED; errors.py is not imported here, to stay light
INVALID_INPUT = 3  # ExitCode.INVALID_INPUT
IO_FAILURE = 5  # ExitCode.IO_FAILURE
INTERNAL = 70  # ExitCode.INTERNAL


def run() -> None:
    """The console script and `python -m gxtrack`: `main`, then leave.

    A read command on files leaves at once when its answer is out: stdout and stderr
    flushed and the exit handlers run, but not the interpreter's teardown, which frees
    Typer's, pydantic's and Rich's objects one by one (~25 ms, a tenth of a `status`).
    Such a command has written nothing but its answer: its cache files are complete
    (each a temporary file renamed into place) before it returns. Every other command
    (it may hold a file, a child process or a database connection) ends as usual.
    """
    ended: int | SystemExit
    try:
        ended = main()
    except SystemExit as leaving:  # Typer ends a command with sys.exit
        ended = leaving
    if not _reads_files_only():
        if isinstance(ended, SystemExit):
            raise ended
        sys.exit(ended)
    _leave(ended if isinstance(ended, int) else _exit_code(ended))


def _reads_files_only() -> bool:
    # Asked after `main`, whose first step is catching Ctrl-C: by then the memo module
    # (standard library only, like this one) is loaded.
    from gxtrack.store import memo

    return memo.reads_files_only(sys.argv[1:], os.environ)


def _exit_code(leaving: SystemExit) -> int:
    """The code Python would exit with; a message in place of a code goes to stderr."""
    if leaving.code is None or type(leaving.code) is int:
        return int(leaving.code or 0)
    print(leaving.code, file=sys.stderr)
    return 1


def _leave(code: int) -> None:
    """As Python's own exit, less the teardown: the exit handlers (what they write is
    output too), then stdout and stderr flushed, then the process ends."""
    import atexit
    import contextlib

    atexit._run_exitfuncs()  # what libraries asked to do at exit (none, as a rule)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (`| head`): exit 0, as the edge says
        pass
    except OSError as error:  # a full disk: the answer is cut short, and we say so
        # (unless the run already failed, and said why: once is enough)
        code = _output_failed(error) if code in (0, 1) else code
    except (ValueError, AttributeError):  # a closed stream, or none: nothing to flush
        pass
    with contextlib.suppress(OSError, ValueError, AttributeError):  # nowhere left to speak
        sys.stderr.flush()
    os._exit(code)


def _output_failed(error: OSError) -> int:
    """The answer could not be written in full: one line, exit 5 (IO_FAILURE)."""
    import contextlib

    from gxtrack.i18n.os_errors import os_reason

    t = _messages()
    message = t("edge.error", message=t("write.stdout_failed", reason=os_reason(error)))
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)
    return IO_FAILURE


def main() -> int:
    """Run gxtrack with the process's arguments; the exit code (or SystemExit, from
    Typer, with it)."""
    catching = _handle_ctrl_c(_on_first_interrupt)
    try:
        _reserve_closed_standard_streams()
        _make_output_safe(sys.stdout)
        _make_output_safe(sys.stderr)
        bad = first_undecodable_argument(sys.argv[1:])
        if bad is not None:
            return _refuse_undecodable(sys.argv[1:], bad)
        return _run_cli()
    except KeyboardInterrupt:
        return INTERRUPTED
    finally:
        # Past this point (the exit, flushing output) nothing is left to clean up.
        if catching:
            _handle_ctrl_c(_exit_interrupted)


def _handle_ctrl_c(handler: Callable[[int, FrameType | None], None]) -> bool:
    """Install `handler` for SIGINT, unless SIGINT was ignored when we started."""
    import signal

    # `nohup`, or a background job of a script: an ignored Ctrl-C stays ignored.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return False
    signal.signal(signal.SIGINT, handler)
    return True


def _on_first_interrupt(signum: int, frame: FrameType | None) -> None:
    """Unwind as Python does (cleanup runs); a second Ctrl-C is not kept waiting."""
    _handle_ctrl_c(_exit_interrupted)
    raise KeyboardInterrupt


def _exit_interrupted(signum: int, frame: FrameType | None) -> None:
    # Writes are atomic (temporary file, then os.replace), so leaving now is as safe as
    # the SIGKILL the tests already survive; the OS releases the lock.
    os._exit(INTERRUPTED)


def _reserve_closed_standard_streams() -> None:
    """A standard stream the caller closed (`gxtrack status >&-`) becomes /dev/null.

    Nothing is lost that was asked for: whoever closes stdout wants none of it, as a
    reader that leaves a pipe early does (`| head`, also exit 0). And the descriptor is
    taken: left free, the next file gxtrack opens (a data file's temporary copy) would
    get number 1 or 2, where a child process or a stray write would land in it.
    """
    for descriptor, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(descriptor)
            continue
        except OSError:
            pass
        opened = os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
        if opened != descriptor:
            os.dup2(opened, descriptor)
            os.close(opened)
        setattr(sys, name, open(descriptor, mode, encoding="utf-8", closefd=False))  # noqa: SIM115


def _make_output_safe(stream: object) -> None:
    """Never fail on a character the stream cannot encode (see the module's docstring)."""
    import codecs
    import io

    if not isinstance(stream, io.TextIOWrapper):
        return  # None under pythonw, or replaced by a test harness
    if codecs.lookup(stream.encoding).name == "utf-8":
        return  # the common case costs nothing
    requested, _, handler = os.environ.get("PYTHONIOENCODING", "").partition(":")
    errors = handler if handler and handler != "strict" else "replace"
    if requested or stream.isatty():
        stream.reconfigure(errors=errors)
    else:
        stream.reconfigure(encoding="utf-8", errors=errors)


def first_undecodable_argument(arguments: Sequence[str]) -> int | None:
    """The index of the first argument that held bytes that are not UTF-8.

    Python hands such bytes over as lone surrogates ("surrogateescape"); they could not be
    written to the data file, shown, or compared with a code.
    """
    for index, argument in enumerate(arguments):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            return index
    return None


def _refuse_undecodable(arguments: Sequence[str], index: int) -> int:
    """One line naming the option (or the argument's place) and the text as it arrived."""
    t = _messages()
    argument = arguments[index]
    shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    before = arguments[index - 1] if index else ""
    if before.startswith("-") and "=" not in before:
        message = t("launch.option_not_utf8", option=before, text=shown)
    else:
        message = t("launch.argument_not_utf8", number=index + 1, text=shown)
    print(t("edge.error", message=message), file=sys.stderr)
    print(t("edge.hint", hint=t("launch.argument_not_utf8.hint")), file=sys.stderr)
    return INVALID_INPUT


def _messages() -> Callable[..., str]:
    """`t`, in the language the arguments and environment ask for (the hand-over)."""
    from gxtrack.i18n import interface_language, t, use_language

    use_language(interface_language(sys.argv[1:], os.environ))
    return t


def _run_cli() -> int:
    """Answer from the memo when this very question was answered for these very files;
    else run the CLI (and keep a read command's answer for next time)."""
    from gxtrack.store import memo  # standard library only, like this module

    arguments = sys.argv[1:]
    if not memo.memoizable(arguments, os.environ) or not memo.can_record():
        return _run_typer()
    try:
        asked, answer = memo.look_up(arguments, os.environ)
    except OSError:  # the working folder is gone, a stream is odd: no memo, not an error
        return _run_typer()
    if answer is not None:
        try:
            return answer.replay()
        except OSError as error:  # a full disk: as the full run says it (exit 5)
            return _output_failed(error)
    recording = memo.Recording()
    code: object = INTERNAL  # a Ctrl-C or a crash keeps nothing
    try:
        code = _run_typer()
        return INTERNAL if type(code) is not int else code
    except SystemExit as leaving:  # Typer ends a command with sys.exit
        code = leaving.code
        raise
    finally:
        chunks = recording.finish()
        if code is None or type(code) is int:
            memo.keep(asked, os.environ, int(code or 0), chunks)


def _run_typer() -> int:
    try:
        _messages()
        from gxtrack.cli import app
    except Exception as error:  # a broken installation: one line, not a traceback
        return _import_failed(error)
    try:
        app(prog_name="gxtrack")
    except Exception as error:  # outside a command (shell completion): the edge's report
        from gxtrack.cli.edge import report_crash

        report_crash(error, debug=_debugging())
        return INTERNAL
    return 0


def _import_failed(error: Exception) -> int:
    if _debugging():
        raise error
    t = _messages()
    print(
        t("edge.crash", kind=type(error).__name__, where=t("edge.crash_no_report")),
        file=sys.stderr,
    )
    return INTERNAL


def _debugging() -> bool:
    return "--debug" in sys.argv[1:] or bool(os.environ.get("GXTRACK_DEBUG"))
