"""Commands about the plan itself: validate, init."""

from pathlib import Path
from typing import Annotated

import typer

from gxtrack.cli.app import DataOption, LangOption, TargetsOption, command, load, say
from gxtrack.cli.helptext import WordedBadParameter
from gxtrack.i18n import t
from gxtrack.store.workspace import Paths


@command("validate")
def validate(
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Check the plan file and the data file; the first problem is shown with its line."""
    from gxtrack.model.plan import plan_warnings

    paths = Paths.resolve(targets, data)
    plan, datafile = load(targets, data, history=True, quiet=True)  # it says so below
    say(
        t(
            "validate.plan_ok",
            path=paths.targets,
            areas=len(plan.areas),
            indicators=len(plan.indicators),
            year=plan.year,
        )
    )
    for warning in plan_warnings(plan):
        say(warning, err=True)
    if datafile.exists:
        say(t("validate.data_ok", path=paths.source, records=len(datafile.records)))
    else:
        say(t("validate.no_data", path=paths.data))


@command("init")
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=t("help.opt.init_dir"))],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=2000,
            max=2100,
            help=t("help.opt.year"),
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="TARGETS",
            help=t("help.opt.from"),
        ),
    ] = None,
    example: Annotated[
        str | None,
        typer.Option(
            "--example",
            metavar="NAME",
            help=t("help.opt.example"),
        ),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write a new plan into DIR: a documented starter, or next year's plan from this one."""
    from gxtrack.store.output_paths import guarded_files, write_output
    from gxtrack.store.plan_file import plan_from_toml
    from gxtrack.store.toml import parse_toml

    target = folder / "targets.toml"
    if example is not None:
        _init_example(folder, example, refuse_with=(source, year))
        return
    guarded = [] if source is None else guarded_files(Paths.resolve(source, data))
    _refuse_init_target(folder, target, guarded)
    year, text, baselines = _new_plan_text(source, data, year)
    content = text.encode("utf-8")
    new_plan = plan_from_toml(parse_toml(content, target))  # written only if it validates
    _make_folder(folder)
    write_output(target, content, guarded=guarded)
    indicators = len(new_plan.indicators)
    say(t("init.wrote", path=target, indicators=indicators, year=year, baselines=baselines))


def _new_plan_text(source: Path | None, data: str | None, year: int | None) -> tuple[int, str, str]:
    """The new plan's year and text, and a note on the baselines carried forward: from
    the `source` plan and its data file, else the documented starter."""
    from gxtrack.model.nextyear import carried_forward
    from gxtrack.store.plan_file import plan_text, starter

    if source is None:
        from datetime import date

        year = year or date.today().year
        return year, starter(year), ""
    plan, datafile = load(source, data)
    year = year or plan.year + 1
    document, carried = carried_forward(plan, datafile.ledger, year)
    baselines = t("init.baselines", count=carried, year=plan.year) if carried else ""
    return year, plan_text(document), baselines


def _make_folder(folder: Path) -> None:
    from gxtrack.errors import StorageError
    from gxtrack.i18n.os_errors import os_reason

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            t("init.cannot_make_folder", path=folder, reason=os_reason(error))
        ) from None


def _refuse_init_target(folder: Path, target: Path, guarded: list[Path]) -> None:
    """Refuse (exit 3, nothing written) a DIR that is a file, and any targets.toml that"""
    import os

    from gxtrack.errors import InvalidInputError
    from gxtrack.store.output_paths import refuse_unsafe_output

    if folder.exists() and not folder.is_dir():
        raise InvalidInputError(t("init.not_folder", path=folder))
    refuse_unsafe_output(target, guarded)  # gxtrack's own files; a folder says so
    if os.path.lexists(target):
        raise InvalidInputError(t("init.exists", path=target), hint=t("init.exists.hint"))


EXAMPLES = ("city",)


def _init_example(folder: Path, name: str, refuse_with: tuple[object, ...]) -> None:
    """Write a bundled example's plan and data into `folder`, refusing what is there."""
    from importlib.resources import files

    from gxtrack.i18n import t
    from gxtrack.store.output_paths import write_output

    if name not in EXAMPLES:
        raise WordedBadParameter(
            t("init.no_example", name=name, names=", ".join(EXAMPLES)), param_hint="--example"
        )
    if any(option is not None for option in refuse_with):
        raise WordedBadParameter(t("init.example_alone"), param_hint="--example")
    names = ("targets.toml", "actuals.toml")
    for file_name in names:
        _refuse_init_target(folder, folder / file_name, [])
    _make_folder(folder)
    bundled = files("gxtrack.store").joinpath("examples", name)
    for file_name in names:
        write_output(folder / file_name, bundled.joinpath(file_name).read_bytes(), guarded=[])
    say(t("init.example_wrote", path=folder / "targets.toml", name=name))
