"""Where the records are kept: the data file, or a PostgreSQL database.

A command reads and records through a `RecordStore`; `workspace.open_store` picks the
one that `--data` names. Both hold the same records in the same order, check the plan year and
append a batch under a lock, all or nothing, so every command prints the same on either.
The database's module (and psycopg) is imported only for a database URL: the file path
pays nothing for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gxtrack.store.atomic import data_lock
from gxtrack.store.data_file import DataFile, RewriteNotice, append_records, load_data

if TYPE_CHECKING:
    from gxtrack.model.plan import Plan
    from gxtrack.model.records import Ledger, Record


class Loaded(Protocol):
    """The records as read: the values in force (and every record, when asked for)."""

    @property
    def exists(self) -> bool: ...  # False: a data file not created yet

    @property
    def ledger(self) -> Ledger: ...

    @property
    def records(self) -> Sequence[Record]: ...  # only when read with history=True


class RecordStore(Protocol):
    """Reading the records, and appending a batch under the store's lock."""

    def load(self, plan: Plan, *, history: bool = False) -> Loaded:
        """The records checked against the plan (its year first)."""
        ...

    def locked(self, plan: Plan, *, history: bool = False) -> AbstractContextManager[Loaded]:
        """Hold the store's write lock and read under it; `append` inside the block.
        Leaving the block normally makes the batch permanent; an error leaves nothing."""
        ...

    def append(
        self,
        data: Loaded,
        plan: Plan,
        records: Sequence[Record],
        *,
        on_rewrite: RewriteNotice | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class FileStore:
    """The data file (TOML), under its OS lock."""

    path: Path

    def load(self, plan: Plan, *, history: bool = False) -> DataFile:
        return load_data(self.path, plan, history=history)

    @contextlib.contextmanager
    def locked(self, plan: Plan, *, history: bool = False) -> Iterator[DataFile]:
        with data_lock(self.path):
            yield load_data(self.path, plan, history=history)

    def append(
        self,
        data: Loaded,
        plan: Plan,
        records: Sequence[Record],
        *,
        on_rewrite: RewriteNotice | None = None,
    ) -> None:
        assert isinstance(data, DataFile), "a data file's records come from load_data"
        append_records(data, plan, records, on_rewrite=on_rewrite)
