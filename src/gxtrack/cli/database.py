"""`gxtrack db …`: a PostgreSQL database as the record book (init, load, grants).

Run by the database's owner; the work is in `store/postgres.py`.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gxtrack.cli.app import DataOption, LangOption, TargetsOption, app, command, say, unit_named
from gxtrack.cli.edge import TranslatedGroup
from gxtrack.cli.progress import working
from gxtrack.i18n import t
from gxtrack.store.workspace import Paths

if TYPE_CHECKING:  # for the type checker only: importing them costs --help its speed
    from gxtrack.store.postgres import Admin

db = typer.Typer(
    name="db",
    cls=TranslatedGroup,
    help=t("help.cmd.db"),
    short_help=t("help.cmd.db.short"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db)

RoleArgument = Annotated[str, typer.Argument(metavar="ROLE", help=t("help.opt.role"))]


def _admin(targets: Path | None, data: str | None) -> "tuple[Paths, Admin]":
    """The database `--data` names (a file there is refused: db works on a database)."""
    from gxtrack.errors import InvalidInputError
    from gxtrack.store.postgres import Admin

    paths = Paths.resolve(targets, data)
    if paths.url is None:
        raise InvalidInputError(t("db.needs_url"))
    return paths, Admin(paths.url)


@command("db.init", "init", group=db)
def init_database(
    targets: TargetsOption = None, data: DataOption = None, lang: LangOption = None
) -> None:
    """Create the records table for the plan's year (running it again changes nothing).

    Example: gxtrack db init --data postgresql://bureau@db.example/gxtrack2024
    """
    from gxtrack.store.plan_file import load_plan
    from gxtrack.store.postgres import SCHEMA_VERSION, PublicSchema

    paths, admin = _admin(targets, data)
    plan = load_plan(paths.targets)
    outcome = admin.init(plan, paths.targets)
    if outcome.applied and outcome.applied[0] > 1:  # a book of an earlier version
        old = outcome.applied[0] - 1
        say(t("db.upgraded", url=paths.source, old=old, version=SCHEMA_VERSION))
    elif outcome.applied or not outcome.plan_refreshed:
        key = "db.initialised" if outcome.applied else "db.current"
        say(t(key, url=paths.source, version=SCHEMA_VERSION, year=plan.year))
    if outcome.plan_refreshed:
        say(t("db.plan_refreshed", url=paths.source, path=paths.targets))
    if outcome.public is not PublicSchema.CLOSED:
        say(t(f"db.public.{outcome.public.value}"))


@command("db.load", "load", group=db)
def load_file(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=t("help.opt.db_file"))],
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Put a data file's records into a new database, in their order, all or none.

    `gxtrack export actuals --output actuals.toml` moves them back.

    Example: gxtrack db load actuals.toml --data postgresql://bureau@db.example/gxtrack2024
    """
    from gxtrack.errors import FileProblemError
    from gxtrack.store.data_file import load_data
    from gxtrack.store.plan_file import load_plan

    paths, admin = _admin(targets, data)
    plan = load_plan(paths.targets)
    with working(t("progress.db_load", path=file)):
        datafile = load_data(file, plan, history=True)
        if not datafile.exists:
            raise FileProblemError(t("data.none_yet", path=file))
        count = admin.load(plan, datafile.records)
    say(t("db.loaded", url=paths.source, count=count, path=file))


@command("db.grant", "grant", group=db)
def grant(
    role: RoleArgument,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=t("help.opt.grant_unit"))] = None,
    city: Annotated[bool, typer.Option("--city", help=t("help.opt.grant_city"))] = False,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Let a role read every record and record for one unit (and its parks), or the city.

    Examples:

      gxtrack db grant qiyang_clerk --unit qiyang --data postgresql://bureau@db/gx2024

      gxtrack db grant planning --city --data postgresql://bureau@db/gx2024
    """
    from gxtrack.errors import InvalidInputError
    from gxtrack.store.plan_file import load_plan

    if (unit is None) == (not city):
        raise InvalidInputError(t("db.unit_or_city"))
    paths, admin = _admin(targets, data)
    plan = load_plan(paths.targets)
    code = unit_named(plan, unit)
    admin.grant(plan, role, code)
    if code is None:
        say(t("db.granted_city", role=role))
    else:
        say(t("db.granted_unit", role=role, unit=code))


@command("db.revoke", "revoke", group=db)
def revoke(
    role: RoleArgument,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Take a role's grant away: it no longer reads or records.

    Example: gxtrack db revoke qiyang_clerk --data postgresql://bureau@db/gx2024
    """

    _, admin = _admin(targets, data)
    say(t("db.revoked" if admin.revoke(role) else "db.not_granted", role=role))


@command("db.grants", "grants", group=db)
def grants(targets: TargetsOption = None, data: DataOption = None, lang: LangOption = None) -> None:
    """List the roles granted and the units they record for.

    Example: gxtrack db grants --data postgresql://bureau@db/gx2024
    """

    _, admin = _admin(targets, data)
    found = admin.grants()
    if not found:
        say(t("db.grants.none"))
    for role, unit, parks in found:
        if unit is None:
            say(t("db.grant.city", role=role))
        else:
            shown = t("db.grant.parks", parks=", ".join(parks)) if parks else ""
            say(t("db.grant.unit", role=role, unit=unit, parks=shown))


@command("db.plan", "plan", group=db)
def book_plan(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=t("help.opt.db_plan_output")),
    ] = None,
    targets: TargetsOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write out the plan the record book keeps, so that every client records with it.

    Example: gxtrack db plan --output targets.toml --data postgresql://clerk@db/gx2024
    """
    from gxtrack.errors import FileProblemError
    from gxtrack.store.output_paths import write_output

    paths, admin = _admin(targets, data)
    text = admin.plan_text()
    if text is None:
        raise FileProblemError(t("db.plan.none", url=paths.source), hint=t("db.init.hint"))
    if output is None:
        say(text.rstrip("\n"))
        return
    write_output(output, text.encode("utf-8"), guarded=[])
    say(t("db.plan.written", path=output))


@command("db.check", "check", group=db)
def check_book(
    targets: TargetsOption = None, data: DataOption = None, lang: LangOption = None
) -> None:
    """Show how safe the record book is: row-level security, policies, functions'
    search_path, who may create in a schema on the path, each role's grants.

    Exits 1 when any of it is unsafe, 0 when all is safe.

    Example: gxtrack db check --data postgresql://bureau@db/gx2024
    """
    from gxtrack.errors import ExitCode

    _, admin = _admin(targets, data)
    findings = admin.check()
    for finding in findings:
        mark = t("db.check.ok" if finding.safe else "db.check.unsafe")
        line = t(f"db.check.{finding.topic.value}", subject=finding.subject, detail=finding.detail)
        say(f"{mark}  {line}")
    unsafe = sum(not finding.safe for finding in findings)
    if unsafe:
        say(t("db.check.unsafe_summary", count=unsafe))
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
    say(t("db.check.safe_summary"))
