"""Shared fixtures: the bundled plan, small hand-made plans, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from gxtrack.cli import app
from gxtrack.model.plan import Plan
from gxtrack.store.plan_file import load_plan

ROOT = Path(__file__).resolve().parent.parent

# The suite never reads or writes the user's own cache folder.
os.environ["GXTRACK_CACHE_DIR"] = tempfile.mkdtemp(prefix="gxtrack-test-cache-")
BUNDLED_PLAN = ROOT / "targets.toml"


@pytest.fixture(scope="session")
def bundled_plan() -> Plan:
    return load_plan(BUNDLED_PLAN)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the bundled plan, and the current directory."""
    shutil.copy(BUNDLED_PLAN, tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    for name in ("GXTRACK_TARGETS", "GXTRACK_DATA", "GXTRACK_DEBUG", "GXTRACK_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the English interface unless they ask for Chinese, whatever the locale."""
    from gxtrack.i18n import use_language

    monkeypatch.setenv("GXTRACK_LANG", "en")
    use_language("en")


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test its own cache folder: never the user's, never another test's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("GXTRACK_CACHE_DIR", str(folder))
    return folder


def indicator(code: str, **fields: Any) -> dict[str, Any]:
    """An indicator table with sensible defaults: a count, goal 100, linear, summed."""
    table: dict[str, Any] = {
        "code": code,
        "area": "1",
        "name": f"指标{code}",
        "kind": "count",
        "unit": "家",
        "goal": 100,
        "combine": "sum",
        "schedule": "linear",
    }
    table.update(fields)
    return table


def plan_document(*indicators: dict[str, Any], **plan_fields: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"title": "测试计划", "year": 2024}
    info.update(plan_fields)
    return {
        "schema_version": 1,
        "plan": info,
        "areas": [{"code": "1", "name": "第一部分"}, {"code": "2", "name": "第二部分"}],
        "indicators": list(indicators),
    }


@pytest.fixture
def make_plan(tmp_path: Path) -> Callable[..., Path]:
    """Write a plan of the given indicators to tmp_path/targets.toml and return its path."""

    def write(*indicators: dict[str, Any], **plan_fields: Any) -> Path:
        path = tmp_path / "targets.toml"
        path.write_text(tomli_w.dumps(plan_document(*indicators, **plan_fields)), "utf-8")
        return path

    return write


class Cli:
    """Runs gxtrack through Typer's CliRunner with a pinned console width."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Any:
        return self.runner.invoke(
            app, list(args), input=input, env={"COLUMNS": "160", "NO_COLOR": "1"}
        )


@pytest.fixture
def cli(workdir: Path) -> Cli:
    return Cli()
