"""The Typer app, the options every command shares, and the helpers commands call.

Heavier modules (the plan models, storage, Rich) are imported inside the commands that
use them: `--help` and shell completion then cost little more than Typer itself.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from gxtrack import __version__
from gxtrack.cli.completion import area_codes, indicator_codes, unit_codes
from gxtrack.cli.edge import GxtrackCommand, GxtrackGroup
from gxtrack.i18n import t
from gxtrack.output.formats import OutputFormat
from gxtrack.store import notices
from gxtrack.store.workspace import Paths

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.model.plan import Plan
    from gxtrack.store.backend import Loaded

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])

app = typer.Typer(
    cls=GxtrackGroup,
    name="gxtrack",
    help=t("help.app"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def command(
    key: str,
    name: str | None = None,
    cls: type[GxtrackCommand] = GxtrackCommand,
    group: typer.Typer = app,
) -> "Callable[[CommandFunction], CommandFunction]":
    """Register a command (on `group`: the app or one of its subgroups), its help
    (catalogue "help.cmd.KEY") in the interface's language: the launcher settles the
    language before the commands are built."""
    return group.command(
        name, cls=cls, help=t(f"help.cmd.{key}"), short_help=t(f"help.cmd.{key}.short")
    )


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


def _use_language(ctx: typer.Context, value: Language | None) -> Language | None:
    """`--lang` (or GXTRACK_LANG), else the locale; a command without `--lang` keeps the
    one given before it (`gxtrack --lang zh status`)."""
    from gxtrack.i18n import use_language

    given = value or (ctx.parent.params.get("lang") if ctx.parent else None)
    use_language(given.value if isinstance(given, Language) else None)
    return value


TargetsOption = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        "-t",
        envvar="GXTRACK_TARGETS",
        show_default=False,
        help=t("help.opt.targets"),
    ),
]
DataOption = Annotated[
    str | None,  # text: a database URL made a Path would lose a slash of its `//`
    typer.Option(
        "--data",
        "-d",
        envvar="GXTRACK_DATA",
        metavar="FILE|URL",
        show_default=False,
        help=t("help.opt.data"),
    ),
]
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        envvar="GXTRACK_LANG",
        callback=_use_language,
        is_eager=True,
        show_default=False,
        help=t("help.opt.lang"),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM",
        show_default=False,
        help=t("help.opt.as_of"),
    ),
]
MonthOption = Annotated[
    str, typer.Option("--month", "-m", metavar="YYYY-MM", help=t("help.opt.month"))
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help=t("help.opt.format"))]
AreaOption = Annotated[
    str | None,
    typer.Option("--area", "-a", help=t("help.opt.area"), autocompletion=area_codes),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        help=t("help.opt.unit"),
        autocompletion=unit_codes,
    ),
]
CodeArgument = Annotated[
    str,
    typer.Argument(
        metavar="CODE",
        help=t("help.opt.code"),
        show_default=False,
        autocompletion=indicator_codes,
    ),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gxtrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help=t("help.opt.version"),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=t("help.opt.debug"))] = False,
    lang: LangOption = None,  # `gxtrack --lang zh --help`, and before any command
) -> None:
    """Follow a plan's annual numeric goals month by month (序时进度)."""


def load(
    targets: Path | None, data: str | None, *, history: bool = False, quiet: bool = False
) -> "tuple[Plan, Loaded]":
    """The plan and the data file (with every record when `history` is needed).

    A data file that is not there is no records, and stderr says so unless `quiet`:
    a mistyped --data must not pass for a year with nothing recorded.
    """
    from gxtrack.store.workspace import load_workspace

    paths = Paths.resolve(targets, data)
    plan, datafile = load_workspace(paths, history=history)
    if not datafile.exists and not quiet:
        from gxtrack.i18n import t

        say(t("data.none_yet", path=paths.data), err=True)
    return plan, datafile


def plan_only(targets: Path | None, data: str | None) -> "Plan":
    """The validated plan, for commands that do not read the data file."""
    from gxtrack.store.plan_file import load_plan

    return load_plan(Paths.resolve(targets, data).targets)


def unit_named(plan: "Plan", unit: str | None) -> str | None:
    """`--unit` as a clerk types it (its code, its name, 祁阳 for 祁阳市, an alias): the
    unit's code, by the one rule of unit names (model/unit_names)."""
    from gxtrack.model.unit_names import find_unit

    return None if unit is None else find_unit(plan, unit).code


def as_of_month(plan: "Plan", datafile: "Loaded", as_of: str | None) -> int:
    """The --as-of month, or the latest month with data (December with none)."""
    from gxtrack.model.months import parse_month
    from gxtrack.reports.common import default_as_of

    if as_of is None:
        return int(default_as_of(datafile.ledger))
    return parse_month(as_of, plan.year, what="--as-of")


def show(report: Any, output_format: OutputFormat) -> None:
    """A report's typed data, put in words (output.present) and written."""
    from gxtrack.output.present import present
    from gxtrack.output.render import render

    with answering():
        render(present(report), output_format)


@contextmanager
def answering() -> Iterator[None]:
    """Write the answer to stdout, flushed: a write that fails (a full disk, an I/O error)
    is one line and exit 5, not a bug; a reader that left (`| head`) is the edge's."""
    import sys

    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from gxtrack.errors import StorageError
        from gxtrack.i18n.os_errors import os_reason

        raise StorageError(t("write.stdout_failed", reason=os_reason(error))) from None


def say_rewrite(data: Path, backup: Path) -> None:
    """Tell the user, before it happens, that a data file is rewritten and where its old
    bytes are kept (the store decides; the CLI speaks)."""
    from gxtrack.i18n import t

    say(t("data.rewrite", path=data, backup=backup), err=True)


def say_waiting(path: Path) -> None:
    """Before gxtrack blocks on a FIFO with no reader yet: say why nothing happens."""
    from gxtrack.i18n import t

    say(t("output.waiting_for_reader", path=path), err=True)


def say_notice(message: str) -> None:
    """A notice from the store (an untrusted cache folder), on stderr."""
    say(message, err=True)


notices.show_with(say_notice)  # the store hands its notices to the CLI, which shows them


def say(message: str, *, err: bool = False) -> None:
    """Show a message; text it quotes (names, notes, paths) cannot drive the terminal."""
    from gxtrack.i18n.safe_text import terminal_safe

    if err:
        typer.echo(terminal_safe(message, one_line=False), err=True)
        return
    with answering():
        typer.echo(terminal_safe(message, one_line=False))
