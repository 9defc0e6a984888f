"""The layers, their contract, and which layer owns each job."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from gxtrack.i18n import t
from gxtrack.i18n.text import display_width, source_excerpt
from gxtrack.model.plan import Plan, reference_problems
from gxtrack.output.workbook import excel_value
from gxtrack.store.transactions import record_value
from gxtrack.store.workspace import Paths

from .conftest import ROOT, Cli, indicator, plan_document

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_the_import_contracts_are_kept() -> None:
    # Pyproject's layers, purity, output-without-store and no-cycles contracts hold.
    result = subprocess.run(
        [str(LINT_IMPORTS)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_a_rewrite_is_announced_by_the_cli(cli: Cli, workdir: Path) -> None:
    # The store tells its caller, and the CLI says it (on stderr, via `say`).
    data = workdir / "actuals.toml"
    original = (
        "schema_version = 1\nplan_year = 2024\nrecords = [ "
        '{ code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01 } ]  # 一行\n'
    )
    data.write_text(original, "utf-8")
    result = cli("record", "2.4", "45", "--month", "2024-04")
    assert result.exit_code == 0, result.output
    (backup,) = workdir.glob("actuals.toml.bak-*")
    assert backup.read_text("utf-8") == original
    notice = t("data.rewrite", path=Path(data.name), backup=Path(backup.name))
    assert result.stderr == notice + "\n"
    assert "Recorded 2.4" in result.stdout


def test_the_store_says_nothing_of_a_rewrite_itself(
    workdir: Path, bundled_plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths(workdir / "targets.toml", workdir / "actuals.toml")
    paths.data.write_text(
        "schema_version = 1\nplan_year = 2024\nrecords = [ "
        '{ code = "2.4", month = "2024-03", value = 30, recorded_at = 2024-04-01 } ]  # 一行\n',
        "utf-8",
    )
    told: list[str] = []
    record_value(
        paths, bundled_plan, "2.4", "45", "2024-04", on_rewrite=lambda d, b: told.append(b.name)
    )
    assert len(told) == 1 and told[0].startswith("actuals.toml.bak-")
    assert capsys.readouterr().err == ""


def test_reference_problems_are_found_without_a_file() -> None:
    # Model/plan yields each problem with its place; store/plan_file locates it.
    document = plan_document(indicator("1.1"), indicator("1.1"), indicator("1.2", area="9"))
    document["units"] = [
        {"code": "a", "name": "甲", "kind": "county", "parent": "b"},
        {"code": "b", "name": "乙", "kind": "county", "parent": "a"},
    ]
    plan = Plan.model_validate(document)
    found = [(p.array, p.position, p.key) for p in reference_problems(plan)]
    # The second 1.1 (item 2 -> position 1); 1.2 in area 9 (position 2); each unit of the
    # a <-> b loop once, the loop noticed when it comes back to the unit it started from.
    assert found == [
        ("indicators", 1, "code"),
        ("indicators", 2, "area"),
        ("units", 0, "parent"),
        ("units", 1, "parent"),
    ]


def test_one_width_rule_for_excerpts_and_workbooks() -> None:
    # One i18n/text.display_width; the caret pads two cells under each Chinese character.
    assert display_width("规上工业 ab") == 4 * 2 + 1 + 2
    line, caret = source_excerpt(['name = "工业"x'], 1, 11)
    assert line == '    1 | name = "工业"x'
    assert caret == "        " + " " * 8 + "    " + "^"


@pytest.mark.parametrize("text", ["＝1+1", " =1+1", "\t=1", "\n@SUM(A1)", "=1+1"])
def test_a_workbook_cell_keeps_formula_text_as_text(text: str) -> None:
    # The sheet stores it as a text cell, shown as typed and never run; the
    # apostrophe stays only for CSV (output/formulas.py).
    import io

    from openpyxl import Workbook, load_workbook

    from gxtrack.output.workbook import add_sheet

    book = Workbook()
    add_sheet(book, "x", ["note"], [{"note": text}])
    buffer = io.BytesIO()
    book.save(buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue()))["x"]["A2"]
    assert (cell.value, cell.data_type) == (text, "s")
    assert excel_value(text) == text


def test_a_workbook_keeps_numbers_numbers() -> None:
    assert excel_value(D("55.00")) == 55 and isinstance(excel_value(D("55.00")), int)
    assert excel_value(D("0.25")) == 0.25
    assert excel_value([D("0.5"), D("1")]) == "0.5, 1"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_completion_does_not_wait_on_a_fifo_plan(tmp_path: Path) -> None:
    # The bounded, non-blocking reader refuses it, and completion offers nothing.
    fifo = tmp_path / "targets.toml"
    os.mkfifo(fifo)
    environment = {
        **os.environ,
        "COMP_WORDS": "gxtrack record ",
        "COMP_CWORD": "2",
        "_GXTRACK_COMPLETE": "complete_bash",
        "GXTRACK_TARGETS": str(fifo),
    }
    script = Path(sys.executable).with_name("gxtrack")
    # The timeout only keeps a regression from hanging the suite; it measures nothing.
    result = subprocess.run(
        [str(script)], env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
