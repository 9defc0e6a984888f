"""The shared record book against its own clerks: every attack a county clerk can try
with psql and the clerk's own granted role, on a real PostgreSQL server.

Each test makes the attack, asserts that it fails and that the book is unchanged, and
that everyone's `status` still works. The cluster and the book come from
tests/test_postgres.py (one throwaway server; a new database each test).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from gxtrack.errors import ExitCode

from . import pg_server
from .conftest import indicator
from .test_postgres import Bureau, cluster  # noqa: F401  (the cluster fixture)
from .test_units import unit_plan

CLERK = "k1_clerk"  # records for k1 and its park p1
CITY = "planning"  # records for the city and every unit


@pytest.fixture
def book(
    cluster: pg_server.Cluster,  # noqa: F811
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Bureau]:
    """A book with a county clerk, a second county's clerk and the city, and one row of
    the city's in it: A for k1 in March is 3."""
    bureau = Bureau(cluster, workdir)
    monkeypatch.setenv("PGTZ", "Asia/Shanghai")  # the owner's zone: the book's, from now on
    assert bureau.run("db", "init").exit_code == 0
    monkeypatch.delenv("PGTZ")
    for args in ((CLERK, "--unit", "k1"), ("k2_clerk", "--unit", "k2"), (CITY, "--city")):
        result = bureau.run("db", "grant", *args)
        assert result.exit_code == 0, result.output
    first = bureau.run("record", "A", "3", "-m", "2024-03", "--unit", "k1", role=CITY)
    assert first.exit_code == 0, first.output
    yield bureau


def status_of_a(book: Bureau, role: str = CITY) -> str:
    """A's line of status for k1 in March as CSV: exit 0 or the test fails."""
    result = book.run("status", "--unit", "k1", "--as-of", "2024-03", "--format", "csv", role=role)
    assert result.exit_code == 0, result.output
    return str(result.output.splitlines()[1])


def attempt(book: Bureau, statement: str, params: tuple[Any, ...] = (), role: str = CLERK) -> str:
    """Run an attacker's statement; the name of the error the server raised ("" if none)."""
    import psycopg

    try:
        book.sql(statement, params, role=role)
    except psycopg.Error as error:
        return type(error).__name__
    return ""


# ── Which record is in force is never the clerk's choice ─────────────────────────────


def test_a_clerk_cannot_choose_seq_with_overriding_system_value(book: Bureau) -> None:
    before = book.records()
    refused = attempt(
        book,
        "INSERT INTO gxtrack.records (seq, code, month, unit, value) OVERRIDING SYSTEM VALUE"
        " VALUES (999999999999, 'A', '2024-03', 'k1', 99)",
    )
    assert refused == "InsufficientPrivilege"
    assert book.records() == before
    # The city's correction is the value in force: 4, not the clerk's 99.
    assert book.run("record", "A", "4", "-m", "2024-03", "--unit", "k1", role=CITY).exit_code == 0
    assert ",4," in status_of_a(book)


@pytest.mark.parametrize(
    ("column", "forged"),
    [
        ("recorded_at", "2000-01-01T00:00:00+00:00"),
        ("recorded_offset", "-36000"),
        ("recorded_by", CITY),
    ],
)
def test_a_clerk_cannot_give_when_nor_who(book: Bureau, column: str, forged: str) -> None:
    before = book.records()
    refused = attempt(
        book,
        f"INSERT INTO gxtrack.records (code, month, unit, value, {column})"
        " VALUES ('A', '2024-03', 'k1', 5, %s)",
        (forged,),
    )
    assert refused == "InsufficientPrivilege"
    assert book.records() == before


def test_the_time_of_a_clerks_row_is_in_the_books_zone_whatever_the_session_says(
    book: Bureau,
) -> None:
    import psycopg

    with psycopg.connect(book.url(CLERK), autocommit=True) as connection:
        connection.execute("SET TimeZone = 'America/New_York'")
        connection.execute(
            "INSERT INTO gxtrack.records (code, month, unit, value)"
            " VALUES ('A', '2024-03', 'k1', 5)"
        )
    rows = book.sql(
        "SELECT recorded_by, recorded_offset FROM gxtrack.records ORDER BY seq DESC LIMIT 1"
    )
    # Asia/Shanghai is UTC+8 all year: 8 x 3600 = 28800 seconds, never New York's -18000.
    assert rows == [(CLERK, 28800)]


# ── Rows the store could not read are refused by the server ──────────────────────────


@pytest.mark.parametrize(
    ("code", "month", "unit", "value"),
    [
        ("A", "2024-03", "k1", "NaN"),  # not a finite number
        ("A", "2024-03", "k1", "Infinity"),
        ("NOPE", "2024-03", "k1", "1"),  # no such indicator
        ("A", "2024-13", "k1", "1"),  # no month 13
        ("A", "2031-05", "k1", "1"),  # another year
        ("A", "24-5", "k1", "1"),  # not YYYY-MM
        ("A", "2024-03", "nowhere", "1"),  # no such unit
        ("M", "2024-03", "k1", "1"),  # M is not split among units
        ("A", "2024-03", "k1", "-5"),  # a negative count
        ("A", "2024-03", "k1", "2.5"),  # a fraction of an enterprise
    ],
)
def test_a_row_the_store_could_not_read_is_refused_at_insert(
    book: Bureau, code: str, month: str, unit: str, value: str
) -> None:
    before = book.records()
    refused = attempt(
        book,
        "INSERT INTO gxtrack.records (code, month, unit, value) VALUES (%s, %s, %s, %s::numeric)",
        (code, month, unit, value),
        role=CITY,  # the city may record for any unit: only the schema stands in the way
    )
    assert refused in ("CheckViolation", "ForeignKeyViolation", "RaiseException"), refused
    assert book.records() == before
    for role in (CITY, CLERK, "k2_clerk"):  # everyone still reads the book: A is 3
        assert ",3," in status_of_a(book, role)


@pytest.mark.parametrize(
    ("undo", "value", "note"),
    [
        (True, "1", None),  # an undo with a value
        (False, None, None),  # neither a value nor a note
        (False, None, "  "),  # a note-only row whose note is blank
    ],
)
def test_the_record_kinds_rules_are_the_schemas(
    book: Bureau, undo: bool, value: str | None, note: str | None
) -> None:
    before = book.records()
    refused = attempt(
        book,
        "INSERT INTO gxtrack.records (code, month, unit, value, undo, note)"
        " VALUES ('A', '2024-03', 'k1', %s::numeric, %s, %s)",
        (value, undo, note),
    )
    assert refused == "CheckViolation"
    assert book.records() == before


# ── No function runs with the caller's search_path ───────────────────────────────────


def writable_public(book: Bureau) -> None:
    """The default before PostgreSQL 15, kept in upgraded databases."""
    book.sql("GRANT CREATE ON SCHEMA public TO PUBLIC", role="postgres")


def test_a_clerks_own_equals_operator_lets_no_row_through_for_another_unit(book: Bureau) -> None:
    writable_public(book)
    before = book.records()
    import psycopg

    with psycopg.connect(book.url(CLERK), autocommit=True) as connection:
        for statement in (
            "CREATE FUNCTION public.always(text, text) RETURNS boolean"
            " LANGUAGE sql AS 'SELECT true'",
            "CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.always)",
            "CREATE FUNCTION public.never(name, name) RETURNS boolean"
            " LANGUAGE sql AS 'SELECT false'",
            "CREATE OPERATOR public.<> (LEFTARG = name, RIGHTARG = name, FUNCTION = public.never)",
            "SET search_path = public, pg_catalog",
        ):
            connection.execute(statement)
        # k2 is another county's: refused, whatever `=` means; and the time is the
        # server's, whatever `<>` means (given or not).
        for columns, values in (
            ("code, month, unit, value, recorded_at", "'A', '2024-03', 'k2', 77, '2000-01-01'"),
            ("code, month, unit, value", "'A', '2024-03', 'k2', 77"),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"INSERT INTO gxtrack.records ({columns}) VALUES ({values})")
    assert book.records() == before
    assert ",3," in status_of_a(book)


def test_a_clerks_own_lock_function_never_runs_inside_the_citys_record(book: Bureau) -> None:
    writable_public(book)
    before = book.records()
    book.sql(
        "CREATE FUNCTION public.pg_advisory_xact_lock(key integer) RETURNS void"
        " LANGUAGE plpgsql AS $$ BEGIN"
        "  IF current_user = 'planning' AND pg_catalog.pg_trigger_depth() < 2 THEN"
        "    INSERT INTO gxtrack.records (code, month, unit, value)"
        "    VALUES ('A', '2024-03', 'k2', 99);"
        "  END IF;"
        "  PERFORM pg_catalog.pg_advisory_xact_lock(key::bigint);"
        " END $$",
        role=CLERK,
    )
    book.sql(
        "GRANT EXECUTE ON FUNCTION public.pg_advisory_xact_lock(integer) TO PUBLIC", role=CLERK
    )
    result = book.run("record", "R", "5", "-m", "2024-04", role=CITY)
    assert result.exit_code == 0, result.output
    # Exactly the city's one row was added: no A 99 for k2 slipped in as the city.
    assert book.records()[:-1] == before
    assert [r[1:5] for r in book.records()[len(before) :]] == [("R", None, "2024-04", Decimal(5))]


# ── Every client writes with the book's plan ─────────────────────────────────────────


def test_a_client_with_another_plan_cannot_write(book: Bureau) -> None:
    own = book.folder / "county-targets.toml"
    document = unit_plan()
    document["indicators"].append(indicator("5.2"))
    document["indicators"].append(indicator("8.1"))  # one indicator more than the book's
    own.write_text(tomli_w.dumps(document), "utf-8")
    before = book.records()
    result = book.cli(
        "record",
        "8.1",
        "2",
        "-m",
        "2024-03",
        "--unit",
        "k1",
        "--targets",
        str(own),
        "--data",
        book.url(CLERK),
    )
    assert result.exit_code == ExitCode.BAD_FILE, result.output
    assert "differs from the plan the record book keeps" in result.output
    assert book.records() == before
    assert book.run("undo", "A", "-m", "2024-03", "--unit", "k1", role=CITY).exit_code == 0
    assert ",3," not in status_of_a(book)  # the undo went through: nothing stops the bureau


# ── Two clerks at once ───────────────────────────────────────────────────────────────

SHEET_HEADER = "Month,Reporting unit,Code,Indicator,Unit,Annual goal,Value,Note\n"


def test_two_clerks_importing_at_once_keep_every_row_each_import_in_one_piece(
    book: Bureau,
) -> None:
    sheets = {
        CLERK: [("k1", "A", 6), ("p1", "A", 2)],
        "k2_clerk": [("k2", "A", 7)],
    }
    processes = []
    for role, rows in sheets.items():
        sheet = book.folder / f"{role}.csv"
        lines = [
            f"2024-04,{unit},{code},指标{code},家,100,{value},{role}\n"
            for unit, code, value in rows
        ]
        sheet.write_text(SHEET_HEADER + "".join(lines), "utf-8")
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gxtrack",
                    "import",
                    str(sheet),
                    "--force",
                    "--targets",
                    str(book.targets),
                    "--data",
                    book.url(role),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    april = [r for r in book.records() if r[3] == "2024-04"]
    # 2 + 1 = 3 rows; each clerk's rows next to each other, in the sheet's order.
    assert sorted((r[2], r[4]) for r in april) == [
        ("k1", Decimal(6)),
        ("k2", Decimal(7)),
        ("p1", Decimal(2)),
    ]
    by_note = [r[6] for r in april]
    assert by_note in ([CLERK, CLERK, "k2_clerk"], ["k2_clerk", CLERK, CLERK])


# ── The book's plan, read by every client ────────────────────────────────────────────


def test_a_client_reads_the_plan_from_the_book_and_records_with_it(book: Bureau) -> None:
    own = book.folder / "from-the-book.toml"
    result = book.cli("db", "plan", "--output", str(own), "--data", book.url(CLERK))
    assert result.exit_code == 0, result.output
    assert own.read_bytes() == book.targets.read_bytes()
    recorded = book.cli(
        "record",
        "A",
        "1",
        "-m",
        "2024-04",
        "--unit",
        "p1",
        "--targets",
        str(own),
        "--data",
        book.url(CLERK),
    )
    assert recorded.exit_code == 0, recorded.output


# ── db check: the posture, on a safe book and on unsafe ones ─────────────────────────


def test_db_check_on_a_safe_book_says_so_and_exits_0(book: Bureau) -> None:
    result = book.run("db", "check")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for line in (
        "ok      row-level security on gxtrack.records: enabled, forced",
        "ok      policy granted_insert: permissive INSERT to public;"
        " check gxtrack.may_record(unit)",
        "ok      function gxtrack.stamp(): search_path=pg_catalog, pg_temp",
        "ok      who may create in schema public: only its owner",
        "ok      role k1_clerk: reads; inserts code, month, unit, value, undo, note, basis",
        "ok      role public: cannot read",
        "the record book is safe",
    ):
        assert line in lines, (line, result.output)
    assert not any(line.startswith("UNSAFE") for line in lines)
    assert not any("SECURITY DEFINER" in line for line in lines)  # none is, none needs to be


@pytest.mark.parametrize(
    ("statement", "role", "finding"),
    [
        (
            "GRANT CREATE ON SCHEMA public TO PUBLIC",
            "postgres",
            "UNSAFE  who may create in schema public: public, k1_clerk, k2_clerk, planning",
        ),
        (
            "ALTER FUNCTION gxtrack.stamp() RESET search_path",
            "bureau",
            "UNSAFE  function gxtrack.stamp(): search_path of the caller",
        ),
        (
            "ALTER FUNCTION gxtrack.may_record(text) SECURITY DEFINER",
            "bureau",
            "UNSAFE  function gxtrack.may_record(text): search_path=pg_catalog, pg_temp;"
            " SECURITY DEFINER",
        ),
        (
            "ALTER TABLE gxtrack.records NO FORCE ROW LEVEL SECURITY",
            "bureau",
            "UNSAFE  row-level security on gxtrack.records: enabled, not forced",
        ),
        (
            "CREATE POLICY anyone ON gxtrack.records FOR INSERT WITH CHECK (true)",
            "bureau",
            "UNSAFE  policy anyone: permissive INSERT to public; check true",
        ),
        (
            "GRANT INSERT (seq), UPDATE ON gxtrack.records TO k1_clerk",
            "bureau",
            "UNSAFE  role k1_clerk: reads; inserts seq, code, month, unit, value, undo, note,"
            " basis; UPDATE on gxtrack.records; INSERT (seq)",
        ),
    ],
)
def test_db_check_names_what_is_unsafe_and_exits_1(
    book: Bureau, statement: str, role: str, finding: str
) -> None:
    book.sql(statement, role=role)
    result = book.run("db", "check")
    assert result.exit_code == 1, result.output  # ExitCode.CHECK_FAILED
    lines = result.output.splitlines()
    assert finding in lines, result.output
    assert lines[-1] == "the record book is not safe: 1 finding above"


def test_db_init_takes_create_on_public_from_public_and_says_so(book: Bureau) -> None:
    writable_public(book)
    result = book.run("db", "init")
    assert result.exit_code == 0, result.output
    assert "took CREATE on schema public from PUBLIC" in result.output
    assert book.sql("SELECT has_schema_privilege('public', 'public', 'CREATE')") == [(False,)]
    assert book.run("db", "check").exit_code == 0
