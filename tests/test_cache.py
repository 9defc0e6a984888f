"""The snapshot cache: used when the files are unchanged, never trusted when they are not."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

import gxtrack.store.data_file as storage
from gxtrack.store.data_file import load_data
from gxtrack.store.plan_file import load_plan
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

from .conftest import Cli


@pytest.fixture
def paths(workdir: Path) -> Paths:
    paths = Paths.resolve(workdir / "targets.toml", None)
    plan = load_plan(paths.targets)
    record_value(paths, plan, "2.4", "30", "2024-03")
    record_value(paths, plan, "2.4", "25", "2024-06")
    return paths


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data file was parsed although it had not changed")

    monkeypatch.setattr(storage, "parse_records", fail)


def actual(cli: Cli, code: str) -> object:
    rows = json.loads(cli("status", "-f", "json").output)["indicators"]
    return next(row["actual"] for row in rows if row["code"] == code)


def test_unchanged_files_are_not_parsed_again(
    paths: Paths, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    forbid_parsing(monkeypatch)
    assert actual(cli, "2.4") == 55
    # A new record is checked by reading only the line it adds, and keeps the cache warm.
    assert cli("record", "2.4", "5", "-m", "2024-07").exit_code == 0
    assert actual(cli, "2.4") == 60


def test_a_hand_edit_between_runs_is_seen(paths: Paths, cli: Cli) -> None:
    assert actual(cli, "2.4") == 55
    text = paths.data.read_text("utf-8").replace("value = 25", "value = 20")
    paths.data.write_text(text, "utf-8")
    assert actual(cli, "2.4") == 50
    assert cli("record", "2.4", "1", "-m", "2024-07").exit_code == 0
    assert actual(cli, "2.4") == 51
    # A hand edit that breaks the file is reported, not hidden by the cache.
    paths.data.write_text(text.replace("value = 20", "value = -20"), "utf-8")
    assert cli("status").exit_code == 4


def test_hand_edit_in_another_layout_then_record(paths: Paths, cli: Cli) -> None:
    assert actual(cli, "2.4") == 55
    text = paths.data.read_text("utf-8").replace("value = 25", "value = 2_5")  # valid TOML
    paths.data.write_text(text + "# 备注 [已核对]\n", "utf-8")
    assert cli("record", "2.4", "5", "-m", "2024-07").exit_code == 0
    plan = load_plan(paths.targets)
    records = load_data(paths.data, plan, history=True).records
    assert [(r.month, r.value) for r in records] == [
        ("2024-03", D(30)),
        ("2024-06", D(25)),
        ("2024-07", D(5)),
    ]
    assert "# 备注 [已核对]" in paths.data.read_text("utf-8")


def test_a_changed_plan_revalidates_the_data(paths: Paths, cli: Cli) -> None:
    assert actual(cli, "2.4") == 55
    plan_text = paths.targets.read_text("utf-8").replace('code = "2.4"', 'code = "2.9"')
    paths.targets.write_text(plan_text, "utf-8")
    result = cli("status")
    assert result.exit_code == 4
    assert "no indicator '2.4'" in result.output


def test_a_damaged_cache_is_only_a_miss(paths: Paths, cli: Cli, private_cache: Path) -> None:
    assert actual(cli, "2.4") == 55
    for snapshot in private_cache.iterdir():
        snapshot.write_bytes(b"\x80\x05garbage")
    assert actual(cli, "2.4") == 55


def test_the_cache_can_be_turned_off(
    paths: Paths, cli: Cli, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    for snapshot in private_cache.iterdir():
        snapshot.unlink()
    monkeypatch.setenv("GXTRACK_NO_CACHE", "1")
    assert actual(cli, "2.4") == 55
    assert list(private_cache.iterdir()) == []


def test_an_unwritable_cache_folder_is_not_an_error(
    paths: Paths, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("GXTRACK_CACHE_DIR", str(blocker / "cache"))
    assert actual(cli, "2.4") == 55
    assert cli("record", "2.4", "1", "-m", "2024-08").exit_code == 0
