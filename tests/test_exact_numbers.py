"""Numbers that can be trusted: year-to-date totals against the city's figure, exact
JSON and CSV, figures beyond sane magnitudes refused, Excel percentages read as such."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gxtrack.errors import ExitCode
from gxtrack.output.json import json_text

from .conftest import Cli, indicator, plan_document


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def city_records(cli: Cli, code: str) -> list[tuple[str, Decimal]]:
    """The city's own records of an indicator (month, value), read exactly."""
    records = json.loads(cli("history", code, "-f", "json").output, parse_float=Decimal)
    return [(r["month"], Decimal(r["value"])) for r in records["records"] if r["unit"] is None]


def city_parts(cli: Cli, code: str) -> list[tuple[str, Decimal, Decimal]]:
    """The city's records in force (month, as typed, the month's own part derived)."""
    records = json.loads(cli("history", code, "-f", "json").output, parse_float=Decimal)
    return [
        (r["month"], Decimal(r["value"]), Decimal(r["part"]))
        for r in records["records"]
        if r["unit"] is None and r["in_force"]
    ]


def city_actual(cli: Cli, code: str, as_of: str) -> Any:
    status = json.loads(cli("status", "--as-of", as_of, "-f", "json").output, parse_float=Decimal)
    return {row["code"]: row["actual"] for row in status["indicators"]}[code]


# ── 10: --ytd counts every record that makes the city's figure ─────────────────────────


def units_report_30_by_may(cli: Cli) -> None:
    """Qiyang 10 in March and Lingling 20 in May; the city records nothing itself."""
    assert cli("record", "2.4", "10", "-m", "2024-03", "--unit", "qiyang").exit_code == 0
    assert cli("record", "2.4", "20", "-m", "2024-05", "--unit", "lingling").exit_code == 0
    assert city_actual(cli, "2.4", "2024-05") == 30


def test_ytd_record_takes_off_what_the_units_reported(cli: Cli) -> None:
    units_report_30_by_may(cli)
    result = cli("record", "2.4", "55", "--month", "2024-06", "--ytd")
    assert result.exit_code == 0, result.output
    # By hand: 55 to June - (10 + 20) by May = 25 for June (it used to record 55 - 0).
    assert city_parts(cli, "2.4") == [("2024-06", Decimal(55), Decimal(25))]
    assert city_actual(cli, "2.4", "2024-06") == 55  # what status shows: the total typed


def test_ytd_uses_the_citys_own_record_where_it_has_one(cli: Cli) -> None:
    units_report_30_by_may(cli)
    # April: Qiyang says 4, the city's own figure says 7 -- status takes the city's 7.
    cli("record", "2.4", "4", "-m", "2024-04", "--unit", "qiyang")
    cli("record", "2.4", "7", "-m", "2024-04")
    assert city_actual(cli, "2.4", "2024-05") == 37  # 10 + 7 + 20
    assert cli("record", "2.4", "55", "-m", "2024-06", "--ytd").exit_code == 0
    # By hand: 55 - (10 March + 7 April, the city's own + 20 May) = 18.
    assert city_parts(cli, "2.4") == [
        ("2024-04", Decimal(7), Decimal(7)),
        ("2024-06", Decimal(55), Decimal(18)),
    ]
    assert city_actual(cli, "2.4", "2024-06") == 55


def test_ytd_below_what_the_units_reported_is_refused(cli: Cli, workdir: Path) -> None:
    units_report_30_by_may(cli)
    before = digest(workdir / "actuals.toml")
    result = cli("record", "2.4", "25", "-m", "2024-06", "--ytd")
    assert result.exit_code == ExitCode.INVALID_INPUT
    # 25 - 30 by May = -5 for June: refused without --force.
    assert "2024-06's own part would be -5 家" in result.output
    assert digest(workdir / "actuals.toml") == before


def test_ytd_in_the_monthly_session(cli: Cli) -> None:
    units_report_30_by_may(cli)
    # Area 2 is 2.1 .. 2.5: skip three, 55 for 2.4, skip 2.5, confirm.
    typed = "\n\n\n55\n\ny\n"
    result = cli("record", "--month", "2024-06", "--area", "2", "--ytd", input=typed)
    assert result.exit_code == 0, result.output
    assert (
        "+ 2.4 New provincial specialised SMEs: 55 家 (year-to-date total; 2024-06's own part "
        "25 家)" in result.output
    )
    assert city_parts(cli, "2.4") == [("2024-06", Decimal(55), Decimal(25))]


def test_ytd_import(cli: Cli, workdir: Path) -> None:
    units_report_30_by_may(cli)
    # 2.4 is summed: its total becomes June's part; 1.1 is a rate, a year-to-date figure
    # already, taken as it is (as the session does).
    (workdir / "ytd.csv").write_text("month,code,value\n2024-06,2.4,55\n2024-06,1.1,7.2\n")
    result = cli("import", "ytd.csv", "--ytd")
    assert result.exit_code == 0, result.output
    assert city_parts(cli, "2.4") == [("2024-06", Decimal(55), Decimal(25))]
    assert city_records(cli, "1.1") == [("2024-06", Decimal("7.2"))]
    assert "0 to add, 0 to correct, 2 unchanged" in cli("import", "ytd.csv", "--ytd").output


def test_ytd_for_a_unit_counts_its_own_months(cli: Cli) -> None:
    units_report_30_by_may(cli)
    assert cli("record", "2.4", "16", "-m", "2024-06", "--ytd", "--unit", "qiyang").exit_code == 0
    history = json.loads(cli("history", "2.4", "-f", "json").output)["records"]
    qiyang = [(r["month"], r["value"], r["part"]) for r in history if r["unit"] == "qiyang"]
    assert qiyang == [("2024-03", 10, 10), ("2024-06", 16, 6)]  # 16 - 10


def test_ytd_for_a_county_counts_its_parks_figures(cli: Cli, workdir: Path) -> None:
    document = plan_document(indicator("A"))
    document["units"] = [
        {"code": "k1", "name": "县", "kind": "county"},
        {"code": "p1", "name": "园区", "kind": "park", "parent": "k1"},
    ]
    (workdir / "targets.toml").write_text(tomli_w.dumps(document), "utf-8")
    assert cli("record", "A", "3", "-m", "2024-03", "--unit", "p1").exit_code == 0
    assert cli("record", "A", "10", "-m", "2024-06", "--ytd", "--unit", "k1").exit_code == 0
    # By hand: the county's figure by May is its park's 3, rolled in: June is 10 - 3 = 7.
    history = json.loads(cli("history", "A", "-f", "json").output)["records"]
    assert [(r["unit"], r["month"], r["value"], r["part"]) for r in history] == [
        ("p1", "2024-03", 3, 3),
        ("k1", "2024-06", 10, 7),
    ]


# ── 11: exact numbers in, exact numbers out ───────────────────────────────────────────


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999999.99", "99999999999999.99 has 16 significant digits; a figure may have"),
        ("0.0000001", "0.0000001 is below 0.000001: too small"),
    ],
)
def test_figures_beyond_sane_magnitudes_are_refused(
    cli: Cli, workdir: Path, value: str, message: str
) -> None:
    cli("record", "1.1", "7.2", "-m", "2024-05")
    before = digest(workdir / "actuals.toml")
    result = cli("record", "1.1", value, "-m", "2024-06")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert message in result.output
    assert "Traceback" not in result.output
    assert digest(workdir / "actuals.toml") == before


def test_the_bound_holds_at_its_edges(cli: Cli) -> None:
    # 15 significant digits and 0.000001 itself are figures; trailing zeros carry nothing.
    # --force: so far from the rate's goal it is doubted (more than 3 x and 10 points off).
    assert cli("record", "1.1", "9999999999999.99", "-m", "2024-01", "--force").exit_code == 0
    assert cli("record", "1.1", "0.000001", "-m", "2024-02").exit_code == 0
    assert cli("record", "1.1", "1.50000000000000000", "-m", "2024-03").exit_code == 0
    assert [v for _, v in city_records(cli, "1.1")] == [
        Decimal("9999999999999.99"),
        Decimal("0.000001"),
        Decimal("1.5"),
    ]


def test_the_bound_in_a_hand_edited_data_file_and_in_the_plan(
    cli: Cli, workdir: Path, make_plan: Callable[..., Path]
) -> None:
    data = workdir / "actuals.toml"
    data.write_text(
        "schema_version = 1\nplan_year = 2024\nrecords = [\n"
        '  { code = "1.1", month = "2024-06", value = 99999999999999.99, '
        "recorded_at = 2024-07-01T09:00:00+08:00 },\n]\n"
    )
    result = cli("status")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "actuals.toml:4:" in result.output and "16 significant digits" in result.output
    data.unlink()
    make_plan(indicator("A", kind="amount", goal=Decimal("12345678901234.56")))
    result = cli("status")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "targets.toml:" in result.output and "16 significant digits" in result.output
    plan = make_plan(indicator("A", kind="amount", baseline=Decimal("0.0000001")))
    # tomli-w writes it 1e-7, an exponent (refused: tests/test_decimal_only.py); as a
    # person writes it, it is refused for its size.
    plan.write_text(plan.read_text("utf-8").replace("1e-7", "0.0000001"), "utf-8")
    result = cli("plan")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "baseline 0.0000001 is below 0.000001" in result.output


@pytest.fixture
def exact_plan(make_plan: Callable[..., Path], cli: Cli) -> Cli:
    """An amount A (goal 100) and a count C (goal 3), both summed and linear."""
    make_plan(indicator("A", kind="amount"), indicator("C", goal=3))
    return cli


def status_csv(cli: Cli) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(cli("status", "--as-of", "2024-06", "-f", "csv").output))
    return {row["code"]: row for row in rows}


def test_sums_come_out_exact_in_json_and_csv(exact_plan: Cli) -> None:
    cli = exact_plan
    cli("record", "A", "0.1", "-m", "2024-01")
    cli("record", "A", "0.2", "-m", "2024-02")
    text = cli("status", "--as-of", "2024-06", "-f", "json").output
    assert '"actual": 0.3,' in text
    assert status_csv(cli)["A"]["actual"] == "0.3"
    # Two valid figures whose sum has 16 digits: a float would write 99999999999999.9.
    cli("record", "A", "99999999999999.6", "-m", "2024-03", "--force")  # far above: insisted
    cli("record", "A", "0.01", "-m", "2024-04")
    text = cli("status", "--as-of", "2024-06", "-f", "json").output
    assert '"actual": 99999999999999.91,' in text  # 0.1 + 0.2 + 99999999999999.6 + 0.01
    assert status_csv(cli)["A"]["actual"] == "99999999999999.91"
    export = cli("export", "status", "--as-of", "2024-06", "-o", "-").output
    assert ",99999999999999.91," in export


def test_derived_percentages_are_exact_and_unrounded(exact_plan: Cli) -> None:
    cli = exact_plan
    cli("record", "C", "1", "-m", "2024-06")
    # By hand: 1 / 3 x 100 at 28 significant digits; expected by June 3 x 6/12 = 1.5, and
    # 1 / 1.5 = 0.6666666666666666666666666667 (28 digits) x 100.
    text = cli("status", "--as-of", "2024-06", "-f", "json").output
    assert '"goal_pct": 33.33333333333333333333333333,' in text
    assert '"schedule_pct": 66.66666666666666666666666667,' in text
    assert '"expected": 1.5,' in text
    row = status_csv(cli)["C"]
    assert row["goal_pct"] == "33.33333333333333333333333333"
    assert row["schedule_pct"] == "66.66666666666666666666666667"
    gaps = json.loads(cli("gaps", "--as-of", "2024-06", "-f", "json").output, parse_float=Decimal)
    # (3 - 1) / 6 months left = 0.3333333333333333333333333333 (28 digits).
    assert {g["code"]: g["pace_needed"] for g in gaps["gaps"]}["C"] == Decimal(
        "0.3333333333333333333333333333"
    )


def test_small_figures_are_written_in_plain_notation(exact_plan: Cli) -> None:
    exact_plan("record", "A", "0.000001", "-m", "2024-01")
    text = exact_plan("status", "--as-of", "2024-06", "-f", "json").output
    assert '"actual": 0.000001,' in text  # str() would give 1E-6, a float 1e-06
    assert status_csv(exact_plan)["A"]["actual"] == "0.000001"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(json_values)
def test_json_layout_is_json_dumps_layout(document: Any) -> None:
    assert json_text(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@given(
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
            lambda d: abs(d) < Decimal("1e30")
        )
    )
)
def test_json_decimals_read_back_exactly(values: list[Decimal]) -> None:
    text = json_text({"n": values})
    assert json.loads(text, parse_float=Decimal)["n"] == values
    assert "E" not in text.upper()  # plain notation, never an exponent


# ── 12: a percent typed in Excel is a percent ─────────────────────────────────────────


def sheet_with(path: Path, rows: list[tuple[str, float, str]]) -> None:
    """A sheet of (code, value, number format) for June, as Excel saves it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["month", "code", "value"])
    for row_number, (code, value, number_format) in enumerate(rows, start=2):
        sheet.append(["2024-06", code, value])
        sheet.cell(row=row_number, column=3).number_format = number_format
    book.save(path)


def test_a_percent_cell_in_a_rate_row_is_the_percentage(cli: Cli, workdir: Path) -> None:
    # 1.1 (a rate) typed as 7.2% is held as 0.072; 4.4 (a rate) written 7.2 with the
    # literal format 0.0"%" (as gxtrack's own workbooks do) is 7.2, not 720.
    sheet_with(workdir / "in.xlsx", [("1.1", 0.072, "0.0%"), ("4.4", 7.2, '0.0"%"')])
    result = cli("import", "in.xlsx")
    assert result.exit_code == 0, result.output
    assert city_records(cli, "1.1") == [("2024-06", Decimal("7.2"))]
    assert city_records(cli, "4.4") == [("2024-06", Decimal("7.2"))]


def test_a_percent_cell_in_a_count_row_is_refused_naming_the_row(cli: Cli, workdir: Path) -> None:
    sheet_with(workdir / "in.xlsx", [("1.1", 0.072, "0.0%"), ("2.4", 0.072, "0.0%")])
    result = cli("import", "in.xlsx")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "!C3: 7.2% is a percentage, but a count is not" in result.output
    assert not (workdir / "actuals.toml").exists()  # all or nothing: 1.1 not written either


def test_a_tiny_float_cell_is_refused_as_too_small(cli: Cli, workdir: Path) -> None:
    sheet_with(workdir / "in.xlsx", [("1.1", 1e-7, "General")])
    result = cli("import", "in.xlsx")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Sheet!C2: 0.0000001 is below 0.000001" in result.output  # the cell
