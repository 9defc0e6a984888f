"""The CLI's edge: the one place where errors become messages and exit codes."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from gxtrack import __version__
from gxtrack.cli.helptext import (
    chinese,
    help_rows,
    own_options,
    show_usage_error,
    usage_pieces,
    write_paragraphs,
    write_section,
)
from gxtrack.errors import ExitCode, GxtrackError
from gxtrack.i18n import t


def report_error(error: GxtrackError) -> None:
    """One line saying what is wrong, the file excerpt if any, and a hint.

    Messages quote what was typed or read (a value, a code, a file's line): its control
    characters are shown escaped, never sent to the terminal.
    """
    from gxtrack.i18n.safe_text import terminal_safe

    lines = [t("edge.error", message=error.message), *error.detail]
    if error.hint:
        lines.append(t("edge.hint", hint=error.hint))
    typer.echo(terminal_safe("\n".join(lines), one_line=False), err=True)


def report_crash(error: BaseException, *, debug: bool) -> None:
    """An unforeseen failure: one line and a report file, never locals or user data."""
    import tempfile
    import traceback
    from datetime import datetime

    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    if debug:
        from gxtrack.i18n.safe_text import terminal_safe

        typer.echo(terminal_safe(details, one_line=False), err=True, nl=False)
        typer.echo(f"gxtrack: internal error ({type(error).__name__})", err=True)
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        descriptor, path = tempfile.mkstemp(prefix=f"gxtrack-crash-{stamp}-", suffix=".txt")
        with os.fdopen(descriptor, "w", encoding="utf-8") as report:
            report.write(f"gxtrack {__version__} on Python {sys.version}\n")
            report.write(f"command: {' '.join(sys.argv[1:2])}\n\n{details}")
        where = t("edge.crash_report", path=path)
    except OSError:
        where = t("edge.crash_no_report")
    typer.echo(t("edge.crash", kind=type(error).__name__, where=where), err=True)


class InOurWords:
    """Help, usage and usage errors of a command or group in the interface's language,
    laid out to fit the terminal (`helptext`). Mixed into Typer's command classes, whose
    methods take its private copy of Click's Context: typed `Any` here, not imported."""

    def get_params(self, ctx: Any) -> list[Any]:
        return own_options(super().get_params(ctx))  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = " ".join(usage_pieces(self, ctx))
        formatter.write_usage(ctx.command_path, pieces, t("usage.prefix"))

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if getattr(self, "help", None):
            write_paragraphs(formatter, str(getattr(self, "help", "")))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        write_section(formatter, "usage.arguments", help_rows(self, ctx, "argument"))
        write_section(formatter, "usage.options", help_rows(self, ctx, "option"))
        if hasattr(self, "list_commands"):
            names = self.list_commands(ctx)
            commands = [(name, self.get_command(ctx, name)) for name in names]  # type: ignore[attr-defined]
            shown = [
                (name, command) for name, command in commands if command and not command.hidden
            ]
            limit = formatter.width - 6 - max((len(name) for name, _ in shown), default=0)
            rows = [(name, command.get_short_help_str(limit)) for name, command in shown]
            write_section(formatter, "usage.commands", rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Click's parsing; extra arguments refused in our words."""
        if hasattr(self, "list_commands") or not chinese():
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            ctx.fail(t("usage.extra_arguments", args=" ".join(rest)))
        return rest


class GxtrackCommand(InOurWords, TyperCommand):
    """A command whose help and usage speak the interface's language and fit the terminal."""


class TranslatedGroup(InOurWords, TyperGroup):
    """A command group (`gxtrack db`) whose help speaks the interface's language."""

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if chinese() and unknown and not ctx.resilient_parsing:
            ctx.fail(t("usage.no_such_command", name=repr(name)))
        return super().resolve_command(ctx, args)


class GxtrackGroup(TranslatedGroup):
    """The root command group: runs a command and maps its errors to exit codes; its
    help and usage errors in the interface's language."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's own run, with its usage errors shown by us (in our language)."""
        run = functools.partial(super().main, args, prog_name, complete_var, False, **extra)
        if not standalone_mode:
            return run()
        try:
            code = run()
        except typer.Abort:
            typer.echo(t("usage.aborted"), err=True)
            sys.exit(1)
        except typer.TyperException as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # `gxtrack` alone: the help
                typer.echo(error.format_message(), err=True)
            else:
                show_usage_error(error, list(sys.argv[1:] if args is None else args))
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    # Typer's base classes are typed with its private copy of Click's Context, which
    # `typer.Context` subclasses adding nothing (`pass`): the public name is used here,
    # and mypy is told the narrowing is deliberate rather than importing `typer._click`.
    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # Typer's own: usage errors keep exit 2
        except GxtrackError as error:
            report_error(error)
            raise typer.Exit(int(error.exit_code)) from None
        except BrokenPipeError:
            # `gxtrack status | head`: the reader left; nothing to report.
            sys.stderr.close()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as error:
            debug = bool(ctx.params.get("debug")) or bool(os.environ.get("GXTRACK_DEBUG"))
            report_crash(error, debug=debug)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


_NUMBER_TOKEN = re.compile(r"^-[\d.０-９．]")


class NumbersMayBeNegative(GxtrackCommand):
    """A command whose values may be negative (`record 1.1 -1.5`) with no `--` needed.

    Click reads any `-…` token as an option. This command lets tokens that start like a
    number through as values, and still refuses a mistyped option (`--mnth`) with
    Click's own "No such option" usage error (exit 2).
    """

    ignore_unknown_options = True  # the check below refuses what is not a number

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            for name in (*param.opts, *param.secondary_opts):
                if name.startswith("-"):
                    takes_value[name] = not getattr(param, "is_flag", False)
        tokens = iter(args)
        for token in tokens:
            if token == "--":
                break
            if not token.startswith("-") or token == "-" or _NUMBER_TOKEN.match(token):
                continue
            name = token.split("=", 1)[0] if token.startswith("--") else token[:2]
            if name not in takes_value:
                ctx.fail(_no_such_option(name, takes_value))
            if takes_value[name] and token == name:
                next(tokens, None)  # the option's value, even one like "-注意"
        return super().parse_args(ctx, args)


def _no_such_option(name: str, options: Iterable[str]) -> str:
    """Click's words for a mistyped option (in the interface's language), with the
    options it may have meant; `ctx.fail` (public Context API) raises the usage error
    Click raises itself (exit 2)."""
    from difflib import get_close_matches

    from gxtrack.i18n.safe_text import terminal_safe

    message = t("usage.no_such_option", name=terminal_safe(name))
    possible = sorted(get_close_matches(name, list(options)))
    return t("usage.possible", message=message, names=", ".join(possible)) if possible else message
