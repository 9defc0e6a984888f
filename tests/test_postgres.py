"""The records in PostgreSQL: a real throwaway server, driven through gxtrack and psql-like
raw SQL, beside the data file (docs/how-to/shared-book.*.md).

The cluster is started once for the session (tests/pg_server.py); each test gets a new
database owned by `bureau`, a non-superuser (a superuser would bypass row-level security).
Without PostgreSQL or psycopg these tests skip and say why; GXTRACK_REQUIRE_POSTGRES=1
(set by .ci/run) makes that a failure. Nothing here sleeps: writers report each step
over a pipe (tests/crash_writer.py) and the test acts at the step it chose.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxtrack.errors import ExitCode
from gxtrack.model.records import Record
from gxtrack.store.layout import render_document
from gxtrack.store.plan_file import load_plan
from gxtrack.store.workspace import Paths

from . import pg_server
from .conftest import Cli, indicator
from .test_units import unit_plan

WRITER = Path(__file__).with_name("crash_writer.py")
_numbers = itertools.count()


@pytest.fixture(scope="session")
def cluster() -> Iterator[pg_server.Cluster]:
    reason = pg_server.missing()
    if reason is not None:
        if os.environ.get(pg_server.REQUIRE):
            pytest.fail(f"{pg_server.REQUIRE} is set but {reason}")
        pytest.skip(reason)
    server = pg_server.Cluster()
    for role in ("k1_clerk", "k2_clerk", "planning"):
        server.sql(f"CREATE ROLE {role} LOGIN")
    yield server
    server.stop()


class Bureau:
    """A plan with units in a folder, and a new database initialised for it."""

    def __init__(self, cluster: pg_server.Cluster, folder: Path) -> None:
        self.cluster = cluster
        self.name = f"gx{os.getpid()}_{next(_numbers)}"
        cluster.sql(f"CREATE DATABASE {self.name} OWNER bureau")
        self.folder = folder
        self.targets = folder / "targets.toml"
        document = unit_plan()
        document["indicators"].append(indicator("5.2"))  # what crash_writer records
        self.targets.write_text(tomli_w.dumps(document), "utf-8")
        self.plan = load_plan(self.targets)
        self.cli = Cli()

    def url(self, role: str = "bureau") -> str:
        return self.cluster.url(role, self.name)

    def run(self, *args: str, role: str = "bureau", data: str | None = None) -> Any:
        return self.cli(*args, "--targets", str(self.targets), "--data", data or self.url(role))

    def sql(self, statement: str, params: tuple[Any, ...] = (), role: str = "bureau") -> Any:
        import psycopg

        with psycopg.connect(self.url(role), autocommit=True) as connection:
            cursor = connection.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    def records(self) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.sql(
            "SELECT seq, code, unit, month, value, undo, note FROM gxtrack.records ORDER BY seq"
        )
        return rows


@pytest.fixture
def bureau(cluster: pg_server.Cluster, workdir: Path) -> Bureau:
    bureau = Bureau(cluster, workdir)
    result = bureau.run("db", "init")
    assert result.exit_code == 0, result.output
    return bureau


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Hand-made history: corrections, undos (one of a value, one that brings the older value
# back), units and a park, notes with quotes, Chinese, a tab and a line break, three offsets
# and one time written without any.
RECORDS = [
    Record("A", "2024-01", at("2024-02-01T09:00:00+08:00"), Decimal(2), "k1"),
    Record("A", "2024-01", at("2024-02-02T09:00:00+08:00"), Decimal(3), "k1", '更正 "口径"'),
    Record("A", "2024-02", at("2024-03-01T10:30:00+05:30"), Decimal(1), "p1", "a\tb\nc"),
    Record("A", "2024-02", at("2024-03-01T11:00:00"), Decimal(4), "k2"),
    Record("A", "2024-01", at("2024-03-02T08:00:00Z"), None, "k1", undo=True),
    Record("R", "2024-02", at("2024-03-03T08:00:00.250000+08:00"), Decimal("8.25")),
    Record("A", "2024-02", at("2024-03-04T08:00:00+08:00"), None, "k2", undo=True),
    Record("A", "2024-02", at("2024-03-05T08:00:00+08:00"), Decimal(6), "k2"),
    # A note-only row: no value, it stands beside R's 8.25 for February.
    Record("R", "2024-02", at("2024-03-06T08:00:00+08:00"), note="待统计局反馈", note_only=True),
    # A year-to-date total as typed (1—3月累计 9 for k2: March's own part 9 - 6 = 3).
    Record("A", "2024-03", at("2024-04-01T08:00:00+08:00"), Decimal(9), "k2", basis="ytd"),
]


def write_file(bureau: Bureau, records: list[Record], name: str = "actuals.toml") -> Path:
    path = bureau.folder / name
    path.write_text(render_document(bureau.plan.plan.title, 2024, records), "utf-8")
    return path


# ── The same commands, the same output ────────────────────────────────────────────────


def test_load_and_export_round_trip_byte_for_byte(bureau: Bureau) -> None:
    original = write_file(bureau, RECORDS)
    result = bureau.run("db", "load", str(original))
    assert result.exit_code == 0, result.output
    assert "10 records loaded" in result.output
    back = bureau.folder / "back.toml"
    result = bureau.run("export", "actuals", "--output", str(back))
    assert result.exit_code == 0, result.output
    assert back.read_bytes() == original.read_bytes()


READING = [
    ("status", "--as-of", "2024-02"),
    ("status", "--as-of", "2024-02", "--format", "json"),
    ("gaps", "--as-of", "2024-02", "--format", "csv"),
    ("history", "A"),
    ("status", "--unit", "k2", "--as-of", "2024-02", "--format", "csv"),
    ("export", "actuals"),
    ("export", "matrix", "--as-of", "2024-02"),
    ("check", "--as-of", "2024-02"),
    ("history", "R", "--format", "csv"),  # a note-only row among them
    ("validate",),
]


def outputs(bureau: Bureau, data: str) -> list[tuple[int, str]]:
    return [(r.exit_code, r.output) for r in (bureau.run(*c, data=data) for c in READING)]


def test_every_reading_command_prints_the_same_as_on_the_file(bureau: Bureau) -> None:
    original = write_file(bureau, RECORDS)
    assert bureau.run("db", "load", str(original)).exit_code == 0
    on_file, on_db = outputs(bureau, str(original)), outputs(bureau, bureau.url())
    # validate names where the records are; all else is the same, byte for byte.
    assert on_file[:-1] == on_db[:-1]
    assert on_db[-1][1].endswith(f"{bureau.url()}: OK (10 records)\n")
    # By hand: A for k2 in February is 6 (4, undone, then 6); k1's January 3 was undone,
    # so 2 stands again; p1 1.5 lies inside k1 and is not added twice.
    assert on_db[4][1].splitlines()[1].startswith("A,1,指标A,,家,k2,count,false,10,>=,6,2024-02,")


def test_recording_and_undo_on_the_database_match_the_file(bureau: Bureau) -> None:
    file = str(bureau.folder / "actuals.toml")
    steps = [
        ("record", "A", "5", "-m", "2024-03", "--unit", "k1", "--note", "首次"),
        ("record", "A", "7", "-m", "2024-03", "--unit", "k1"),
        ("record", "A", "7", "-m", "2024-03", "--unit", "k1"),  # unchanged: nothing written
        ("undo", "A", "-m", "2024-03", "--unit", "k1"),
        ("record", "R", "8.5", "-m", "2024-03"),
    ]
    for step in steps:
        on_file, on_db = bureau.run(*step, data=file), bureau.run(*step)
        assert (on_file.exit_code, on_file.output) == (on_db.exit_code, on_db.output)
    assert [r[1:] for r in bureau.records()] == [
        ("A", "k1", "2024-03", Decimal(5), False, "首次"),
        ("A", "k1", "2024-03", Decimal(7), False, None),
        ("A", "k1", "2024-03", None, True, None),
        ("R", None, "2024-03", Decimal("8.5"), False, None),
    ]
    # The same, but when: each store stamps its own rows as it writes them, so the two
    # runs may fall in different seconds; the times are compared as a placeholder.
    on_file, on_db = outputs(bureau, file), outputs(bureau, bureau.url())
    assert unstamped(on_file[:5] + on_file[6:-1]) == unstamped(on_db[:5] + on_db[6:-1])


STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


def unstamped(results: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(code, STAMP.sub("<when>", text)) for code, text in results]


def test_an_import_and_a_session_write_all_their_rows_or_none(bureau: Bureau) -> None:
    sheet = bureau.folder / "sheet.csv"
    template = bureau.run("template", "--month", "2024-04", "--output", str(sheet))
    assert template.exit_code == 0, template.output
    result = bureau.run("import", str(sheet))
    assert result.exit_code == 0, result.output  # an empty sheet: nothing to write
    assert bureau.records() == []
    session = bureau.cli(
        "record",
        "--month",
        "2024-04",
        "--targets",
        str(bureau.targets),
        "--data",
        bureau.url(),
        input="4\n9\n1\n20\n\ny\n",
    )
    assert session.exit_code == 0, session.output
    assert [(r[1], r[4]) for r in bureau.records()] == [
        ("A", Decimal(4)),
        ("R", Decimal(9)),
        ("M", Decimal(1)),
        ("C", Decimal(20)),
    ]


# ── Schema, year, URL ─────────────────────────────────────────────────────────────────


def test_init_upgrades_a_book_of_the_version_before_and_keeps_its_records(
    bureau: Bureau,
) -> None:
    assert bureau.run("record", "5.2", "30", "--month", "2024-03").exit_code == 0
    # The book as version 2 left it: no year-to-date column, no check of it.
    bureau.sql("DROP TRIGGER c_check_basis ON gxtrack.records")
    bureau.sql("DROP FUNCTION gxtrack.check_basis()")
    bureau.sql("ALTER TABLE gxtrack.records DROP COLUMN basis")
    bureau.sql("ALTER TABLE gxtrack.indicators DROP COLUMN summed")
    bureau.sql("DELETE FROM gxtrack.migrations WHERE version = 3")
    result = bureau.run("db", "init")
    assert result.exit_code == 0, result.output
    assert "schema upgraded from version 2 to 3; every record kept" in result.output
    # The old March figure stands; a 1—6月累计 55 is kept as typed: June's part 55 - 30 = 25.
    recorded = bureau.run("record", "5.2", "55", "--month", "2024-06", "--ytd")
    assert "2024-06's own part 25 家" in recorded.output, recorded.output
    assert bureau.sql("SELECT month, value, basis FROM gxtrack.records ORDER BY seq") == [
        ("2024-03", 30, None),
        ("2024-06", 55, "ytd"),
    ]


def test_init_twice_changes_nothing_and_the_schema_is_versioned(bureau: Bureau) -> None:
    result = bureau.run("db", "init")
    assert result.exit_code == 0
    assert "schema version 3 is current; nothing changed" in result.output
    assert bureau.sql("SELECT version FROM gxtrack.migrations ORDER BY version") == [
        (1,),
        (2,),
        (3,),
    ]
    assert bureau.sql("SELECT plan_year FROM gxtrack.meta") == [(2024,)]


def test_a_database_for_another_year_is_refused_but_a_comment_locks_no_one_out(
    bureau: Bureau,
) -> None:
    text = bureau.targets.read_text("utf-8")
    bureau.targets.write_text("# 修改了注释\n" + text, "utf-8")
    assert bureau.run("record", "A", "1", "-m", "2024-01").exit_code == 0
    bureau.targets.write_text(text.replace("year = 2024", "year = 2025"), "utf-8")
    result = bureau.run("status")
    assert result.exit_code == ExitCode.BAD_FILE
    assert "the database is for 2024, the plan for 2025" in result.output


def test_a_url_keeps_its_slashes_and_a_password_in_it_is_refused(bureau: Bureau) -> None:
    assert Paths.resolve(None, "postgresql://u@h/db").url == "postgresql://u@h/db"
    before = bureau.records()
    secret = bureau.url().replace("bureau@", "bureau:s3cret-pw@")
    result = bureau.run("record", "A", "1", "-m", "2024-01", data=secret)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "s3cret-pw" not in result.output
    assert "holds a password" in result.output
    assert bureau.records() == before


def test_without_psycopg_a_database_url_says_what_to_install(bureau: Bureau) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None; sys.argv = ['gxtrack', *sys.argv[1:]];"
        " from gxtrack.launch import main; sys.exit(main())"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "status",
            "--targets",
            str(bureau.targets),
            "--data",
            bureau.url(),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == ExitCode.IO_FAILURE
    assert result.stderr.splitlines()[0] == (
        "gxtrack: error: a database URL needs psycopg, which is not installed"
    )
    assert "pip install 'gxtrack[postgres]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_note_postgresql_cannot_hold_is_refused_and_nothing_loaded(bureau: Bureau) -> None:
    original = write_file(
        bureau,
        [*RECORDS, Record("R", "2024-03", at("2024-04-01T08:00:00"), Decimal(1), None, "a\x00b")],
    )
    result = bureau.run("db", "load", str(original))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "R 2024-03: the note holds the character U+0000" in result.output
    assert bureau.records() == []  # all or none: the 8 good records are not in either


def test_db_commands_need_a_database(workdir: Path) -> None:
    result = Cli()("db", "init", "--data", "actuals.toml")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "give --data postgresql://" in result.output


# ── Row-level security: two roles, through gxtrack and raw SQL ────────────────────────


@pytest.fixture
def granted(bureau: Bureau) -> Bureau:
    for args in (("k1_clerk", "--unit", "k1"), ("planning", "--city")):
        result = bureau.run("db", "grant", *args)
        assert result.exit_code == 0, result.output
    return bureau


def test_grants_are_listed_and_revoked(granted: Bureau) -> None:
    listed = granted.run("db", "grants")
    assert listed.output == "k1_clerk: k1 and its parks p1\nplanning: the city and every unit\n"
    assert granted.run("db", "revoke", "planning").output == (
        "planning may no longer read or record\n"
    )
    assert granted.run("db", "grants").output == "k1_clerk: k1 and its parks p1\n"
    refused = granted.run("status", role="planning")
    assert refused.exit_code == ExitCode.IO_FAILURE
    assert "permission denied" in refused.output


def test_a_county_clerk_records_only_for_the_county_and_its_parks(granted: Bureau) -> None:
    ok = [
        granted.run("record", "A", "3", "-m", "2024-03", "--unit", "k1", role="k1_clerk"),
        granted.run("record", "A", "1", "-m", "2024-03", "--unit", "p1", role="k1_clerk"),
        granted.run("record", "A", "5", "-m", "2024-03", "--unit", "k2", role="planning"),
        granted.run("record", "R", "9", "-m", "2024-03", role="planning"),
    ]
    assert [r.exit_code for r in ok] == [0, 0, 0, 0]
    before = granted.records()
    for args in (("--unit", "k2"), ()):  # another county; the city as a whole
        refused = granted.run("record", "A", "4", "-m", "2024-03", *args, role="k1_clerk")
        assert refused.exit_code == ExitCode.IO_FAILURE
        assert (
            "role k1_clerk may record only for Unit k1 (k1), Unit p1 (p1), not for"
            in refused.output
        )
        assert "nothing was written" in refused.output
        assert "row-level security" not in refused.output  # the server's words, not ours
    assert granted.records() == before
    zh = granted.run(
        "record", "A", "4", "-m", "2024-03", "-u", "k2", "--lang", "zh", role="k1_clerk"
    )
    assert zh.exit_code == ExitCode.IO_FAILURE
    assert (
        "数据库拒绝录入：角色 k1_clerk 只能为 单位k1（k1）、单位p1（p1） 录入，"
        "不能为 单位k2（k2） 录入" in zh.output
    )
    assert "未写入任何内容" in zh.output
    # Every granted role reads every row: the clerk's status rolls all units up, 3 + 5 = 8
    # (p1's 1 lies inside k1's 3).
    status = granted.run("status", "--as-of", "2024-03", "--format", "csv", role="k1_clerk")
    assert status.exit_code == 0
    assert status.output == granted.run("status", "--as-of", "2024-03", "--format", "csv").output
    assert ",8," in status.output.splitlines()[1]


def test_raw_sql_cannot_insert_for_another_unit_nor_change_history(granted: Bureau) -> None:
    import psycopg

    insert = "INSERT INTO gxtrack.records (code, month, unit, value) VALUES ('A', '2024-05', %s, 1)"
    granted.sql(insert, ("k1",), role="k1_clerk")  # its own unit: allowed
    for statement, params in (
        (insert, ("k2",)),
        (insert, (None,)),
        ("UPDATE gxtrack.records SET value = 100", ()),
        ("DELETE FROM gxtrack.records", ()),
        ("TRUNCATE gxtrack.records", ()),
        ("ALTER TABLE gxtrack.records DISABLE ROW LEVEL SECURITY", ()),
        ("INSERT INTO gxtrack.grants VALUES ('k1_clerk', NULL)", ()),
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            granted.sql(statement, params, role="k1_clerk")
    # Who and when are the server's word, not the client's.
    who, when = granted.sql("SELECT recorded_by, recorded_at FROM gxtrack.records")[0]
    assert who == "k1_clerk"
    assert when.year > 2000
    # The owner is bound by the table's policies too (forced), and may correct history.
    assert granted.sql(
        "SELECT relforcerowsecurity FROM pg_class WHERE oid = 'gxtrack.records'::regclass"
    ) == [(True,)]
    granted.sql("UPDATE gxtrack.records SET note = 'owner' WHERE unit = 'k1'")
    assert [r[6] for r in granted.records()] == ["owner"]


@pytest.mark.parametrize(
    ("code", "month", "value", "why"),
    [
        ("NOPE", "2024-05", "1", "NOPE"),  # no such indicator
        ("A", "2024-13", "1", "2024-13"),  # no month 13 (status would say "13/12 of the year")
        ("A", "2031-05", "1", "2031-05"),  # another year
        ("A", "2024-05", "-5", "-5"),  # a negative count
        ("A", "2024-05", "2.5", "2.5"),  # a fraction of an enterprise
    ],
)
def test_a_row_only_the_owner_could_put_there_is_named_by_seq_and_who_recorded_it(
    granted: Bureau, code: str, month: str, value: str, why: str
) -> None:
    # The schema refuses these rows (tests/test_postgres_security.py); only the owner,
    # switching its rules off, can put one there: the superuser's replica mode skips the
    # foreign keys, the owner's own DISABLE TRIGGER the kind rules.
    granted.sql(
        "ALTER TABLE gxtrack.records DISABLE TRIGGER c_check;"
        " SET session_replication_role = replica;"
        " INSERT INTO gxtrack.records (code, month, unit, value, recorded_at, recorded_by)"
        f" VALUES ('{code}', '{month}', 'k1', {value}, now(), 'bureau')",
        role="postgres",
    )
    for command in (("status",), ("gaps",), ("check",), ("history", "A")):
        result = granted.run(*command, role="planning")
        # Exit 4, the row named by seq and who recorded it; the way out is the owner's.
        assert result.exit_code == 4, (command, result.output)
        assert why in result.output
        assert "row seq 1, recorded by bureau" in result.output
        assert "DELETE FROM gxtrack.records WHERE seq = 1" in result.output
        assert "line" not in result.output


def test_a_keyword_connection_string_is_refused_never_echoed_nor_cached(
    workdir: Path,
) -> None:
    # libpq's other form is not a file name: taken as one, its password was printed,
    # kept in the answer memo and could become a data file's name.
    cache = workdir / "cache"
    secret = "s3cretPW"
    conninfo = f"host=127.0.0.1 port=5432 dbname=gx user=attacker password={secret}"
    environ = {**os.environ, "GXTRACK_CACHE_DIR": str(cache), "LANG": "C.UTF-8"}
    environ.pop("GXTRACK_NO_CACHE", None)
    for args, env in (
        (["status", "--data", conninfo], environ),
        (["status"], {**environ, "GXTRACK_DATA": conninfo}),
        (["record", "A", "1", "-m", "2024-05", "--data", conninfo], environ),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "gxtrack", *args],
            cwd=workdir,
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 3, done
        assert secret.encode() not in done.stdout + done.stderr
        assert b"URL" in done.stderr
    stored = [p.read_bytes() for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert not any(secret.encode() in content for content in stored)
    assert not any(secret in p.name for p in workdir.rglob("*"))


# ── Many writers, kills, lost connections, locks ─────────────────────────────────────


def start_writer(
    bureau: Bureau, count: int, role: str, point: str | None = None, index: int = 0
) -> subprocess.Popen[str]:
    pause = [point, str(index)] if point else []
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(bureau.targets), bureau.url(role), str(count), *pause],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def paused(writer: subprocess.Popen[str]) -> list[str]:
    assert writer.stdout is not None
    markers = []
    for line in writer.stdout:
        markers.append(line.strip())
        if line.startswith("paused "):
            return markers
    raise AssertionError(f"the writer ended without pausing: {markers}")


def notes(bureau: Bureau) -> list[str]:
    return [r[6] for r in bureau.records()]


def test_twenty_concurrent_writers_lose_nothing(granted: Bureau) -> None:
    writers = [start_writer(granted, 10, "planning") for _ in range(20)]
    for writer in writers:
        _, stderr = writer.communicate(timeout=240)
        assert writer.returncode == 0, stderr
    written = notes(granted)
    # 20 writers x 10 records = 200 rows, none lost, each writer's in its own order.
    assert len(written) == len(set(written)) == 200
    for writer in writers:
        assert [n for n in written if n.startswith(f"{writer.pid}-")] == [
            f"{writer.pid}-{n}" for n in range(10)
        ]


def test_lost_connection_before_commit_writes_nothing_and_says_so(granted: Bureau) -> None:
    command = ["record", "A", "2", "-m", "2024-06", "--unit", "k1"]
    writer = subprocess.Popen(
        [
            sys.executable,
            str(WRITER),
            "--cli",
            "before-commit",
            "--",
            *command,
            "--targets",
            str(granted.targets),
            "--data",
            granted.url("k1_clerk"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert paused(writer) == ["paused before-commit 0"]
    # The server ends the writer's session mid-transaction (a cable pulled, a restart).
    ended = granted.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'k1_clerk'",
        role="postgres",
    )
    assert ended == [(True,)]
    _, stderr = writer.communicate("go on\n")
    assert writer.returncode == ExitCode.IO_FAILURE
    assert "connection to the database was lost before the records were committed" in stderr
    assert "Traceback" not in stderr
    assert granted.records() == []


@pytest.mark.parametrize(
    ("point", "index", "landed"),
    [
        ("after-lock", 2, 2),  # records 0 and 1 committed; 2 held the lock, read nothing
        ("before-commit", 1, 1),  # record 1 inserted, not committed: rolled back
        ("between", 3, 4),  # records 0-3 committed
    ],
)
def test_a_killed_writer_leaves_what_it_committed_and_blocks_no_one(
    granted: Bureau, point: str, index: int, landed: int
) -> None:
    writer = start_writer(granted, index + 3, "planning", point, index)
    committed = index + 1 if point == "between" else index
    assert paused(writer) == [
        *(f"committed {n}" for n in range(committed)),
        f"paused {point} {index}",
    ]
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert notes(granted) == [f"{writer.pid}-{n}" for n in range(landed)]
    # The server rolled the dead session back and released its lock: the next one records.
    # (--force: 99 is far above the writer's small figures, which is not this test's point)
    assert granted.run("record", "5.2", "99", "-m", "2024-12", "--force").exit_code == 0
    assert len(notes(granted)) == landed + 1


def test_a_lock_held_too_long_is_exit_6_and_writes_nothing(
    granted: Bureau, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = start_writer(granted, 1, "planning", "after-lock", 0)
    assert paused(writer) == ["paused after-lock 0"]
    monkeypatch.setenv("GXTRACK_LOCK_TIMEOUT", "0")  # held by the writer: give up at once
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gxtrack",
            "record",
            "5.2",
            "5",
            "-m",
            "2024-05",
            "--targets",
            str(granted.targets),
            "--data",
            granted.url("planning"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == ExitCode.LOCK_TIMEOUT, result.stderr
    assert "another gxtrack has been recording for over 0 s" in result.stderr
    writer.communicate("go on\n")
    assert notes(granted) == [f"{writer.pid}-0"]


# ── The file and the database agree, for any records ──────────────────────────────────

_codes = st.sampled_from([("A", "k1"), ("A", "p1"), ("A", "k2"), ("A", None), ("R", None)])
_offsets = st.sampled_from([None, 0, 8 * 60, 330, -5 * 60])
# Any Unicode but U+0000, which PostgreSQL's text cannot hold (refused: test above).
_notes = st.none() | st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=8,
)


@st.composite
def _record(draw: st.DrawFn) -> Record:
    code, unit = draw(_codes)
    month = f"2024-{draw(st.integers(1, 4)):02d}"
    offset = draw(_offsets)
    zone = None if offset is None else timezone(timedelta(minutes=offset))
    moment = datetime(2024, 5, 1, 9, 0, tzinfo=zone) + timedelta(
        seconds=draw(st.integers(0, 10**6)), microseconds=draw(st.sampled_from([0, 250000]))
    )
    if draw(st.booleans()) and draw(st.booleans()):
        return Record(code, month, moment, None, unit, None, undo=True)
    if draw(st.integers(0, 5)) == 0:  # now and then a note with no value
        return Record(code, month, moment, None, unit, "本月无新增", note_only=True)
    value = Decimal(draw(st.integers(0, 2000)))
    if code == "R":  # a rate may have decimals; A is a count
        value /= draw(st.sampled_from([1, 4, 100]))
    return Record(code, month, moment, value, unit, draw(_notes))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(_record(), max_size=25))
def test_the_file_and_the_database_give_byte_identical_output(
    bureau: Bureau, records: list[Record]
) -> None:
    bureau.sql("TRUNCATE gxtrack.records RESTART IDENTITY")
    original = write_file(bureau, records)
    assert bureau.run("db", "load", str(original)).exit_code == 0
    assert outputs(bureau, str(original))[:-1] == outputs(bureau, bureau.url())[:-1]
    back = bureau.folder / "back.toml"
    assert bureau.run("export", "actuals", "--output", str(back)).exit_code == 0
    assert back.read_bytes() == original.read_bytes()
