"""Where the plan and data files are, and loading them together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gxtrack.plan import Plan, load_plan
from gxtrack.storage import DataFile, load_data

DEFAULT_TARGETS = Path("targets.toml")
DATA_FILE_NAME = "actuals.toml"


@dataclass(frozen=True)
class Paths:
    """The plan file and the data file a command works on."""

    targets: Path
    data: Path

    @classmethod
    def resolve(cls, targets: Path | None, data: Path | None) -> Paths:
        """`targets` defaults to ./targets.toml; `data` to actuals.toml beside it."""
        targets = targets or DEFAULT_TARGETS
        return cls(targets, data or targets.parent / DATA_FILE_NAME)


def load_workspace(paths: Paths) -> tuple[Plan, DataFile]:
    """The validated plan and the data file checked against it."""
    plan = load_plan(paths.targets)
    return plan, load_data(paths.data, plan)
