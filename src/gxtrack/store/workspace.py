"""Where the plan and data files are, and loading them together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gxtrack.model.plan import Plan
    from gxtrack.store.data_file import DataFile

DEFAULT_TARGETS = Path("targets.toml")
DATA_FILE_NAME = "actuals.toml"


class Paths(NamedTuple):
    """The plan file and the data file a command works on."""

    targets: Path
    data: Path

    @classmethod
    def resolve(cls, targets: Path | None, data: Path | None) -> Paths:
        """`targets` defaults to ./targets.toml; `data` to actuals.toml beside it."""
        targets = targets or DEFAULT_TARGETS
        return cls(targets, data or targets.parent / DATA_FILE_NAME)


def load_workspace(paths: Paths, *, history: bool = False) -> tuple[Plan, DataFile]:
    """The validated plan and the data file checked against it (with every record when
    `history` is asked for; else the values in force may come from the cache)."""
    # Imported here: the CLI imports this module for `Paths` on every run, `--help` too.
    from gxtrack.store.data_file import load_data
    from gxtrack.store.plan_file import load_plan

    plan = load_plan(paths.targets)
    return plan, load_data(paths.data, plan, history=history)
