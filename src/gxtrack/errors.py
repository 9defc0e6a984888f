"""The one error hierarchy of gxtrack and the exit codes it maps to.

Every error a user can cause is a `GxtrackError`; the CLI catches them in one place
and turns each into one message on stderr and its exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, documented in docs/reference/exit-codes.*.md."""

    OK = 0
    # `gxtrack check` found goals behind (or at risk, with --strict); `gxtrack db check`
    # found the shared record book unsafe
    CHECK_FAILED = 1
    USAGE = 2  # the command line could not be parsed (Typer/Click's own code)
    INVALID_INPUT = 3  # a value, code or month that gxtrack refuses
    BAD_FILE = 4  # the plan or data file is missing, malformed or invalid
    IO_FAILURE = 5  # a file could not be read or written (permissions, full disk)
    LOCK_TIMEOUT = 6  # another gxtrack held the data file's lock too long
    INTERNAL = 70  # a bug: gxtrack failed in a way it did not foresee
    INTERRUPTED = 130  # Ctrl-C


class GxtrackError(Exception):
    """An error with a message meant for the user; `hint` says what to do about it."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(
        self, message: str, *, hint: str | None = None, detail: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.detail = detail  # lines shown under the message (a file's line and caret)

    def __str__(self) -> str:
        return self.message


class InvalidInputError(GxtrackError):
    """A value typed or imported by the user that gxtrack refuses."""

    exit_code = ExitCode.INVALID_INPUT


class ImplausibleValueError(InvalidInputError):
    """Values that look wrong (far above the goal or every month so far): recorded only
    after the user confirms them, or with --force; `detail` says why, one line each."""


class FileProblemError(GxtrackError):
    """The plan or data file is missing, unreadable as TOML, or fails validation;
    `detail` shows the offending line of the file and a caret under the column."""

    exit_code = ExitCode.BAD_FILE


class StorageError(GxtrackError):
    """Reading or writing a file failed at the operating-system level."""

    exit_code = ExitCode.IO_FAILURE


class LockTimeoutError(GxtrackError):
    """Another process held the data file's lock for longer than the timeout."""

    exit_code = ExitCode.LOCK_TIMEOUT
