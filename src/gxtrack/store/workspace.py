"""Where the plan and the records are, and loading them together."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t

if TYPE_CHECKING:
    from gxtrack.model.plan import Plan
    from gxtrack.store.backend import Loaded, RecordStore

DEFAULT_TARGETS = Path("targets.toml")
DATA_FILE_NAME = "actuals.toml"
# `--data` of these schemes is a PostgreSQL database (store/postgres.py), not a file.
DATABASE_SCHEMES = ("postgresql://", "postgres://")


# libpq's other form, `host=… dbname=… password=…`: never a file name, and it may hold a
# password, which must not be echoed back or written into a file's name or the cache.
CONNINFO = re.compile(
    r"(?:^|\s)(?:host|hostaddr|port|dbname|user|password|passfile|service|sslmode)\s*=", re.I
)


def is_database_url(text: str) -> bool:
    return text.lower().startswith(DATABASE_SCHEMES)


def refuse_connection_string(text: str) -> None:
    """A libpq key=value string given as `--data`: say to write a URL, without repeating
    the text (it may carry a password)."""
    if CONNINFO.search(text):
        raise InvalidInputError(t("db.conninfo_not_url"), hint=t("db.url.hint"))


class Paths(NamedTuple):
    """The plan file and where the records are: the data file, or a database `url`."""

    targets: Path
    data: Path
    url: str | None = None  # a database URL (then `data` is unused)

    @classmethod
    def resolve(cls, targets: Path | None, data: str | Path | None) -> Paths:
        """`targets` defaults to ./targets.toml; `data` to actuals.toml beside it. `data`
        comes as text: a URL made a `Path` would lose the second slash of `//`."""
        targets = targets or DEFAULT_TARGETS
        if isinstance(data, str):
            refuse_connection_string(data)
        if isinstance(data, str) and is_database_url(data):
            return cls(targets, targets.parent / DATA_FILE_NAME, data)
        return cls(targets, Path(data) if data else targets.parent / DATA_FILE_NAME)

    @property
    def source(self) -> str:
        """Where the records are, as shown to the user (a URL never holds a password)."""
        return self.url if self.url is not None else str(self.data)

    @property
    def source_name(self) -> str:
        """A short name for it: the data file's name, or the database's."""
        if self.url is None:
            return self.data.name
        return self.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def open_store(paths: Paths) -> RecordStore:
    """The store `--data` names: a database URL, else the data file. The database's
    module (and psycopg) is imported only for a URL."""
    if paths.url is not None:
        from gxtrack.store.postgres import PostgresStore

        return PostgresStore(paths.url)
    from gxtrack.store.backend import FileStore

    return FileStore(paths.data)


def load_workspace(paths: Paths, *, history: bool = False) -> tuple[Plan, Loaded]:
    """The validated plan and the records checked against it (with every record when
    `history` is asked for; else the values in force may come from the cache)."""
    # Imported here: the CLI imports this module for `Paths` on every run, `--help` too.
    from gxtrack.store.plan_file import load_plan

    plan = load_plan(paths.targets)
    return plan, open_store(paths).load(plan, history=history)
