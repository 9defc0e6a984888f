"""The records in PostgreSQL: one record book for a whole bureau.

The model maps one to one (docs/how-to/shared-book.*.md): `gxtrack.records` has
a row a record with the data file's fields, and `seq`, the file order. Appending takes a
transaction-level advisory lock, and so does a statement trigger on every INSERT (a raw
`psql` session too), so `seq` follows commit order and the newest row is the value in
force, as in the file. `recorded_at` keeps the offset it was written with
(`recorded_offset`, seconds; NULL for a time without one) so output is byte-identical to
the file's. The plan year is kept in `gxtrack.meta`, and a database for another year is
refused. Row-level security, forced, lets a role insert only for the units granted to
it (`gxtrack.grants`); nobody but the owner may UPDATE or DELETE; a trigger sets who
recorded a row and, for everyone but the owner, when.

The password comes from PGPASSWORD, ~/.pgpass or a service file, never from the URL.
psycopg is imported only here, and only for a database URL.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from gxtrack.errors import FileProblemError, InvalidInputError, LockTimeoutError, StorageError
from gxtrack.i18n import local_name, t
from gxtrack.model.records import InForce, Ledger, MonthNotes, Record, first_invalid_record
from gxtrack.model.terms import Combine, Kind
from gxtrack.store import memo

if TYPE_CHECKING:
    from pathlib import Path

    import psycopg

    from gxtrack.model.plan import Plan
    from gxtrack.store.book_posture import Finding
    from gxtrack.store.data_file import RewriteNotice

LOCK_KEY = 0x67787472  # "gxtr": the advisory lock every append takes

# Migrations by version, applied in order inside one transaction by `db init`.
MIGRATIONS: dict[int, str] = {
    1: f"""
CREATE TABLE gxtrack.meta (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    plan_year integer NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100)
);
CREATE TABLE gxtrack.units (code text PRIMARY KEY, parent text);
CREATE TABLE gxtrack.grants (role name PRIMARY KEY, unit text);  -- unit NULL: the city
CREATE TABLE gxtrack.records (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL,
    month text NOT NULL CHECK (month ~ '^[0-9]{{4}}-[0-9]{{2}}$'),
    unit text,
    value numeric,
    undo boolean NOT NULL DEFAULT false,
    note text,
    recorded_at timestamptz NOT NULL,
    recorded_offset integer CHECK (recorded_offset BETWEEN -86399 AND 86399),
    recorded_by name NOT NULL DEFAULT current_user,
    CHECK (NOT (undo AND value IS NOT NULL))
);
-- The values in force: DISTINCT ON (code, unit, month) newest first, along this index.
CREATE INDEX records_in_force ON gxtrack.records (code, unit, month, seq DESC);
REVOKE ALL ON ALL TABLES IN SCHEMA gxtrack FROM PUBLIC;

-- Every insert, gxtrack's or a raw client's, waits for the lock before its rows get
-- their seq: seq then follows commit order.
CREATE FUNCTION gxtrack.take_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_advisory_xact_lock({LOCK_KEY}); RETURN NULL; END $$;
CREATE TRIGGER a_lock BEFORE INSERT ON gxtrack.records
    FOR EACH STATEMENT EXECUTE FUNCTION gxtrack.take_lock();

-- Who recorded a row is the server's word; so is when, but for the owner loading history.
CREATE FUNCTION gxtrack.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.recorded_by := current_user;
    IF current_user <> pg_get_userbyid(
        (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID)) THEN
        NEW.recorded_at := date_trunc('second', statement_timestamp());  -- as gxtrack's
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER b_stamp BEFORE INSERT ON gxtrack.records
    FOR EACH ROW EXECUTE FUNCTION gxtrack.stamp();

CREATE FUNCTION gxtrack.may_record(row_unit text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM gxtrack.grants g
        WHERE g.role = current_user
          AND (g.unit IS NULL OR g.unit = row_unit
               OR g.unit = (SELECT u.parent FROM gxtrack.units u WHERE u.code = row_unit)))
$$;
ALTER TABLE gxtrack.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE gxtrack.records FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON gxtrack.records TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY granted_read ON gxtrack.records FOR SELECT USING (true);
CREATE POLICY granted_insert ON gxtrack.records FOR INSERT
    WITH CHECK (gxtrack.may_record(unit));
""",
}

# ── Schema version 2: the server decides what a clerk cannot ───────────────────────────
#
# Every function runs with `search_path = pg_catalog, pg_temp` and names each function
# and operator it uses by schema, with exact argument types: a clerk's own `=` or
# `public.pg_advisory_xact_lock(integer)` is never what runs. None is SECURITY DEFINER:
# nothing a clerk records needs more than the clerk's own grants.

PINNED = "SET search_path = pg_catalog, pg_temp"

# The columns a clerk may give; the server sets seq, recorded_at, recorded_offset and
# recorded_by. A further column a clerk gives goes here, its CHECK in ROW_RULES.
CLERK_COLUMNS = ("code", "month", "unit", "value", "undo", "note", "basis")
# What the schema refuses, by constraint name: what the store could not read.
ROW_RULES = {
    "finite_value": "value > '-Infinity'::numeric AND value < 'Infinity'::numeric",
    "value_or_note": "undo OR value IS NOT NULL OR coalesce(note ~ '[^[:space:]]', false)",
}
ROW_KEYS = {
    "known_code": "(code) REFERENCES gxtrack.indicators (code)",
    "plan_month": "(month) REFERENCES gxtrack.months (month)",
    "known_unit": "(unit) REFERENCES gxtrack.units (code)",
}


def _row_constraints() -> str:
    checks = [f"ADD CONSTRAINT {name} CHECK ({rule}) NOT VALID" for name, rule in ROW_RULES.items()]
    keys = [f"ADD CONSTRAINT {name} FOREIGN KEY {key} NOT VALID" for name, key in ROW_KEYS.items()]
    return "ALTER TABLE gxtrack.records\n    " + ",\n    ".join(checks + keys) + ";"


_EQ = "OPERATOR(pg_catalog.=)"
_NE = "OPERATOR(pg_catalog.<>)"

MIGRATIONS[2] = f"""
ALTER TABLE gxtrack.meta
    ADD COLUMN time_zone text NOT NULL DEFAULT pg_catalog.current_setting('TimeZone'),
    ADD COLUMN plan_digest text NOT NULL DEFAULT '',
    ADD COLUMN plan_text text NOT NULL DEFAULT '';
CREATE TABLE gxtrack.indicators (
    code text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('count', 'amount', 'rate', 'share', 'milestone')),
    by_unit boolean NOT NULL
);
CREATE TABLE gxtrack.months (month text PRIMARY KEY CHECK (month ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])$'));
ALTER TABLE gxtrack.units ADD CONSTRAINT unit_parent
    FOREIGN KEY (parent) REFERENCES gxtrack.units (code) DEFERRABLE INITIALLY DEFERRED;
REVOKE ALL ON ALL TABLES IN SCHEMA gxtrack FROM PUBLIC;
{_row_constraints()}

CREATE OR REPLACE FUNCTION gxtrack.take_lock() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
BEGIN PERFORM pg_catalog.pg_advisory_xact_lock({LOCK_KEY}::bigint); RETURN NULL; END $$;

CREATE FUNCTION gxtrack.is_owner(relation oid) RETURNS boolean LANGUAGE sql STABLE
{PINNED} AS $$
    SELECT CURRENT_USER {_EQ} pg_catalog.pg_get_userbyid(c.relowner)
    FROM pg_catalog.pg_class c WHERE c.oid {_EQ} relation
$$;

-- Who and when are the server's word, in the book's own time zone (fixed at `db init`,
-- never the session's TimeZone, which a clerk sets): for the owner loading history too,
-- unless the owner gives the time.
CREATE OR REPLACE FUNCTION gxtrack.stamp() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
DECLARE
    zone text;
    moment timestamptz;
BEGIN
    NEW.recorded_by := CURRENT_USER;
    IF NOT gxtrack.is_owner(TG_RELID) OR NEW.recorded_at IS NULL THEN
        SELECT m.time_zone INTO zone FROM gxtrack.meta m;
        moment := pg_catalog.date_trunc('second'::text, pg_catalog.statement_timestamp());
        NEW.recorded_at := moment;
        NEW.recorded_offset := pg_catalog.date_part('epoch'::text,
            pg_catalog.timezone(zone, moment) OPERATOR(pg_catalog.-)
            pg_catalog.timezone('UTC'::text, moment))::integer;
    END IF;
    RETURN NEW;
END $$;

-- The plan's rules for a value of its indicator's kind, as the store reads them.
CREATE FUNCTION gxtrack.check_row() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
DECLARE
    indicator_kind text;
    split boolean;
    amount numeric := NEW.value;
    size numeric := pg_catalog.abs(NEW.value);
BEGIN
    SELECT i.kind, i.by_unit INTO indicator_kind, split
    FROM gxtrack.indicators i WHERE i.code {_EQ} NEW.code;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key names the unknown code
    END IF;
    IF NEW.unit IS NOT NULL AND NOT split THEN
        RAISE check_violation USING MESSAGE = pg_catalog.format(
            '%s is not recorded by unit', NEW.code);
    END IF;
    IF amount IS NULL THEN
        RETURN NEW;
    END IF;
    IF size OPERATOR(pg_catalog.>=) 1e15::numeric
       OR (size {_NE} 0::numeric AND size OPERATOR(pg_catalog.<) 0.000001::numeric)
       OR pg_catalog.length(size::text) OPERATOR(pg_catalog.>) 16
       OR (indicator_kind {_NE} 'rate'::text AND amount OPERATOR(pg_catalog.<) 0::numeric)
       OR (indicator_kind {_EQ} 'count'::text AND amount {_NE} pg_catalog.trunc(amount))
       OR (indicator_kind {_EQ} 'share'::text AND amount OPERATOR(pg_catalog.>) 100::numeric)
       OR (indicator_kind {_EQ} 'milestone'::text
           AND amount {_NE} 0::numeric AND amount {_NE} 1::numeric) THEN
        RAISE check_violation USING MESSAGE = pg_catalog.format(
            '%s: %s is not a value of a %s indicator', NEW.code, amount, indicator_kind);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER c_check BEFORE INSERT OR UPDATE ON gxtrack.records
    FOR EACH ROW EXECUTE FUNCTION gxtrack.check_row();

CREATE OR REPLACE FUNCTION gxtrack.may_record(row_unit text) RETURNS boolean
LANGUAGE sql STABLE {PINNED} AS $$
    SELECT EXISTS (
        SELECT 1 FROM gxtrack.grants g
        WHERE g.role {_EQ} CURRENT_USER
          AND (g.unit IS NULL OR g.unit {_EQ} row_unit
               OR g.unit {_EQ} (SELECT u.parent FROM gxtrack.units u WHERE u.code {_EQ} row_unit)))
$$;
"""
# A year-to-date total as typed (1—6月累计 690; NULL: a month's own figure), on a summed
# indicator only: the book keeps which indicators sum, and a trigger refuses the rest.
MIGRATIONS[3] = f"""
ALTER TABLE gxtrack.records ADD COLUMN basis text
    CONSTRAINT ytd_basis CHECK (basis IS NULL OR (basis = 'ytd' AND value IS NOT NULL));
ALTER TABLE gxtrack.indicators ADD COLUMN summed boolean NOT NULL DEFAULT false;

CREATE FUNCTION gxtrack.check_basis() RETURNS trigger LANGUAGE plpgsql
{PINNED} AS $$
BEGIN
    IF NEW.basis IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM gxtrack.indicators i WHERE i.code {_EQ} NEW.code AND i.summed
    ) THEN
        RAISE check_violation USING MESSAGE = pg_catalog.format(
            '%s: a year-to-date total is kept for a summed indicator only', NEW.code);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER c_check_basis BEFORE INSERT OR UPDATE ON gxtrack.records
    FOR EACH ROW EXECUTE FUNCTION gxtrack.check_basis();
"""
SCHEMA_VERSION = 3

_COLUMNS = ", ".join((*CLERK_COLUMNS, "recorded_at", "recorded_offset"))
_R_COLUMNS = ", ".join(f"r.{name}" for name in _COLUMNS.split(", "))


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StorageError(t("db.no_driver"), hint=t("db.no_driver.hint")) from None
    return psycopg


def check_url(url: str) -> None:
    """A URL must not carry the password: it would sit in shell history and `ps`."""
    conninfo = _psycopg().conninfo
    try:
        parts = conninfo.conninfo_to_dict(url)
    except Exception:  # psycopg's ProgrammingError: the URL does not parse
        raise InvalidInputError(t("db.bad_url"), hint=t("db.url.hint")) from None
    if parts.get("password"):
        raise InvalidInputError(t("db.password_in_url"), hint=t("db.password_in_url.hint"))


@dataclass
class DatabaseRecords:
    """The records as read from the database, and the open transaction to append in."""

    ledger: Ledger
    connection: Any = field(default=None, repr=False)
    exists: bool = True

    @property
    def records(self) -> Sequence[Record]:
        assert self.ledger.records is not None, "load the database with history=True"
        return self.ledger.records


@dataclass(frozen=True)
class PostgresStore:
    """A PostgreSQL database that `db init` prepared, for the plan's year."""

    url: str

    def load(self, plan: Plan, *, history: bool = False) -> DatabaseRecords:
        with self._session() as connection, connection.transaction():
            _check_year(connection, plan)
            return DatabaseRecords(_read(connection, plan, history))

    @contextlib.contextmanager
    def locked(self, plan: Plan, *, history: bool = False) -> Iterator[DatabaseRecords]:
        with self._session(writing=True) as connection, connection.transaction():
            take_lock(connection)
            _check_year(connection, plan)
            _check_plan(connection, plan)
            data = DatabaseRecords(_read(connection, plan, history), connection)
            yield data
            before_commit()
            # Committed: from here on a lost connection lost nothing.

    def append(
        self,
        data: Any,
        plan: Plan,
        records: Sequence[Record],
        *,
        on_rewrite: RewriteNotice | None = None,
    ) -> None:
        assert isinstance(data, DatabaseRecords) and data.connection is not None
        psycopg = _psycopg()
        try:
            with data.connection.transaction():  # a savepoint: the grants can be read after
                insert_records(data.connection, records, with_times=False)
        except psycopg.errors.InsufficientPrivilege:
            raise _refused_for_units(data.connection, plan, self.url, records) from None

    @contextlib.contextmanager
    def _session(self, *, writing: bool = False) -> Iterator[Any]:
        """A connection; the database's errors become gxtrack's (one line, an exit code)."""
        psycopg = _psycopg()
        check_url(self.url)
        # What a database says can change without any file changing: never memoise it
        # (the launcher already skips URLs; this guards any other way in).
        memo.spoil()
        try:
            # gxtrack's own statements never resolve a name in a schema a clerk may write.
            connection = psycopg.connect(
                self.url, application_name="gxtrack", options="-c search_path=pg_catalog,pg_temp"
            )
        except psycopg.Error as error:
            raise StorageError(
                t("db.cannot_connect", url=self.url, reason=_reason(error)),
                hint=t("db.cannot_connect.hint"),
            ) from None
        try:
            with connection:
                yield connection
        except psycopg.Error as error:
            raise _translated(psycopg, error, self.url, writing) from None


def _reason(error: Exception) -> str:
    """The server's or libpq's own words, on one line."""
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(error) or type(error).__name__
    return " ".join(text.split())


def _translated(psycopg: Any, error: Exception, url: str, writing: bool) -> Exception:
    errors = psycopg.errors
    reason = _reason(error)
    if isinstance(error, errors.LockNotAvailable):
        return LockTimeoutError(
            t("db.lock_timeout", url=url, seconds=f"{_timeout():g}"),
            hint=t("lock.timeout.hint"),
        )
    if isinstance(error, errors.InsufficientPrivilege):
        return StorageError(t("db.refused", url=url, reason=reason), hint=t("db.refused.hint"))
    if isinstance(error, errors.UndefinedTable):
        return FileProblemError(t("db.not_initialised", url=url), hint=t("db.init.hint"))
    if isinstance(error, psycopg.OperationalError):
        key = "db.lost_writing" if writing else "db.lost"
        return StorageError(t(key, url=url, reason=reason))
    return StorageError(t("db.failed", url=url, reason=reason))


def _refused_for_units(
    connection: Any, plan: Plan, url: str, records: Sequence[Record]
) -> StorageError:
    """Row-level security refused a row: say, in the interface's language, which units
    the role may record for (its grant: a unit and its parks), and which it tried."""
    role, unit = connection.execute(
        "SELECT current_user, (SELECT g.unit FROM gxtrack.grants g WHERE g.role = current_user)"
    ).fetchone()
    tried = sorted({_unit_name(plan, r.unit) for r in records})
    shown = {"url": url, "role": role, "tried": t("list.separator").join(tried)}
    if unit is None:  # not granted at all (a city grant is never refused)
        return StorageError(t("db.refused.no_grant", **shown), hint=t("db.refused.hint"))
    allowed = [unit, *(u.code for u in plan.units if u.parent == unit)]
    names = t("list.separator").join(_unit_name(plan, code) for code in allowed)
    return StorageError(t("db.refused.units", **shown, units=names), hint=t("db.refused.hint"))


def _unit_name(plan: Plan, code: str | None) -> str:
    if code is None:
        return t("db.the_city")
    unit = plan.unit_by_code.get(code)
    return code if unit is None else t("db.unit_named", name=local_name(unit), code=code)


def _timeout() -> float:
    from gxtrack.store.atomic import _lock_timeout  # GXTRACK_LOCK_TIMEOUT, as for the file

    return _lock_timeout()


def take_lock(connection: Any) -> None:
    """The advisory lock for this transaction, waiting up to GXTRACK_LOCK_TIMEOUT."""
    seconds = _timeout()
    if seconds <= 0:  # lock_timeout 0 would mean "wait for ever": try once instead
        row = connection.execute(
            "SELECT pg_catalog.pg_try_advisory_xact_lock(%s::bigint)", (LOCK_KEY,)
        ).fetchone()
        if not row[0]:
            raise _psycopg().errors.LockNotAvailable("held")
        return
    connection.execute(f"SET LOCAL lock_timeout = {int(seconds * 1000)}")
    connection.execute("SELECT pg_catalog.pg_advisory_xact_lock(%s::bigint)", (LOCK_KEY,))
    connection.execute("SET LOCAL lock_timeout = 0")


def before_commit() -> None:
    """Nothing: a point the kill tests pause at (the rows inserted, not committed)."""


def _check_year(connection: Any, plan: Plan) -> None:
    row = connection.execute("SELECT plan_year FROM gxtrack.meta").fetchone()
    if row is None:
        raise FileProblemError(t("db.not_initialised", url=""), hint=t("db.init.hint"))
    if row[0] != plan.year:
        raise FileProblemError(
            t("db.other_year", data_year=row[0], plan_year=plan.year),
            hint=t("db.other_year.hint"),
        )


def _check_plan(connection: Any, plan: Plan) -> None:
    """A client writes only with the plan the book keeps (what it means, not its bytes):
    a county's own copy with one indicator more would stop everyone's status."""
    from gxtrack.store.cache import meaning_digest

    kept = connection.execute("SELECT plan_digest FROM gxtrack.meta").fetchone()[0]
    if kept and kept != meaning_digest(plan):
        raise FileProblemError(t("db.other_plan"), hint=t("db.other_plan.hint"))


def _read(connection: Any, plan: Plan, history: bool) -> Ledger:
    if history:
        rows = connection.execute(
            f"SELECT seq, recorded_by, {_COLUMNS} FROM gxtrack.records ORDER BY seq"
        ).fetchall()
        records = [_record(row[2:]) for row in rows]
        _check_records(records, plan, [(row[0], row[1]) for row in rows])
        return Ledger.of(records)
    rows, suspects = _suspects(connection, plan)
    _check_records(suspects, plan, rows)
    return _in_force(connection)


# Rows the plan may refuse, found by the server so that status need not read every row:
# a superset of what `first_invalid_record` refuses (it then decides, with the file's
# words). Without it a raw insert (code 'NOPE', month '2024-13', a negative count) would
# change the figures status shows, where the same line in a data file is refused.
_SUSPECTS = f"""
SELECT seq, recorded_by, {_COLUMNS} FROM gxtrack.records
WHERE NOT code = ANY(%(codes)s) OR NOT month = ANY(%(months)s)
   OR (unit IS NOT NULL AND (NOT unit = ANY(%(units)s) OR NOT code = ANY(%(by_unit)s)))
   OR (NOT undo AND value IS NULL AND (note IS NULL OR btrim(note) = ''))
   OR (basis IS NOT NULL AND NOT code = ANY(%(summed)s))
   OR (value IS NOT NULL AND (
        value = 'NaN' OR abs(value) >= 1e15 OR (value <> 0 AND abs(value) < 0.000001)
        OR length(abs(value)::text) > 16
        OR (value < 0 AND NOT code = ANY(%(rates)s))
        OR (value <> trunc(value) AND code = ANY(%(counts)s))
        OR (value > 100 AND code = ANY(%(shares)s))
        OR (value NOT IN (0, 1) AND code = ANY(%(milestones)s))))
ORDER BY seq LIMIT 100
"""


RowName = tuple[int, str]  # (seq, recorded_by): how a row of the book is named


def _suspects(connection: Any, plan: Plan) -> tuple[list[RowName], list[Record]]:
    def codes(*kinds: Kind) -> list[str]:
        return [i.code for i in plan.indicators if i.kind in kinds]

    parameters = {
        "codes": [i.code for i in plan.indicators],
        "months": [f"{plan.year:04d}-{month:02d}" for month in range(1, 13)],
        "units": [u.code for u in plan.units],
        "by_unit": [i.code for i in plan.indicators if i.by_unit],
        "summed": [i.code for i in plan.indicators if i.combine is Combine.SUM],
        "rates": codes(Kind.RATE),
        "counts": codes(Kind.COUNT),
        "shares": codes(Kind.SHARE),
        "milestones": codes(Kind.MILESTONE),
    }
    rows = connection.execute(_SUSPECTS, parameters).fetchall()
    names = [(row[0], row[1]) for row in rows]
    records = [_record(row[2:]) for row in rows]
    for name, record in zip(names, records, strict=True):
        if record.note_only and (record.note is None or not record.note.strip()):
            raise _bad_row(name, record, t("record.note_only_without_note"))
    return names, records


def _in_force(connection: Any) -> Ledger:
    """The values in force, found by the database: the newest row of each indicator, unit
    and month (DISTINCT ON, along the index); only where that row is an undo or a
    note-only row are the month's rows read and replayed, as the file's ledger does."""
    count = connection.execute("SELECT count(*) FROM gxtrack.records").fetchone()[0]
    if connection.execute(
        "SELECT EXISTS (SELECT 1 FROM gxtrack.records WHERE basis IS NOT NULL)"
    ).fetchone()[0]:
        # Year-to-date totals: a month's part depends on the months before it, so the
        # parts are derived from every row, as from the data file.
        rows = connection.execute(f"SELECT {_COLUMNS} FROM gxtrack.records ORDER BY seq")
        return Ledger.of([_record(row) for row in rows.fetchall()])
    newest = connection.execute(
        "SELECT DISTINCT ON (code, unit, month) code, unit, month, value, note, undo"
        " FROM gxtrack.records ORDER BY code, unit, month, seq DESC"
    ).fetchall()
    in_force: InForce = {}
    undone: list[tuple[str, str | None, str]] = []
    for code, unit, month, value, note, undo in newest:
        if undo or value is None:  # an undo, or a note-only row: replay the month
            undone.append((code, unit, month))
        else:
            in_force.setdefault((code, unit), {})[int(month[5:7])] = (value, note)
    notes: MonthNotes = {}
    if undone:
        rows = connection.execute(
            f"SELECT {_R_COLUMNS} FROM gxtrack.records r"
            " JOIN unnest(%s::text[], %s::text[], %s::text[]) AS u(code, unit, month)"
            " ON r.code = u.code AND r.unit IS NOT DISTINCT FROM u.unit AND r.month = u.month"
            " ORDER BY r.seq",
            ([c for c, _, _ in undone], [u for _, u, _ in undone], [m for _, _, m in undone]),
        ).fetchall()
        replayed = Ledger.of([_record(row) for row in rows])
        for key, months in replayed.in_force.items():
            in_force.setdefault(key, {}).update(months)
        notes = replayed.notes
    return Ledger(in_force, count, notes=notes)


def _check_records(records: Sequence[Record], plan: Plan, names: Sequence[RowName]) -> None:
    """A row the plan refuses (the schema refuses them; only the owner, bypassing it, can
    put one there) is named by seq and who recorded it, with how the owner removes it."""
    invalid = first_invalid_record(records, plan)
    if invalid is not None:
        index, refusal = invalid
        raise _bad_row(names[index], records[index], refusal.message)


def _bad_row(name: RowName, record: Record, reason: str) -> FileProblemError:
    seq, recorded_by = name
    return FileProblemError(
        t(
            "db.bad_row",
            seq=seq,
            recorded_by=recorded_by,
            code=record.code,
            month=record.month,
            reason=reason,
        ),
        hint=t("db.bad_row.hint", seq=seq),
    )


def _record(row: Sequence[Any]) -> Record:
    code, month, unit, value, undo, note, basis, recorded_at, offset = row
    return Record(
        basis=basis,
        code=code,
        month=month,
        recorded_at=_as_recorded(recorded_at, offset),
        value=value,
        unit=unit,
        note=note,
        undo=undo,
        note_only=value is None and not undo,  # a note for the month, no value
    )


def _as_recorded(moment: datetime, offset: int | None) -> datetime:
    """The time with the offset it was recorded with (none: as it was, without one)."""
    if offset is None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment.astimezone(timezone(timedelta(seconds=offset)))


def _stored(moment: datetime) -> tuple[datetime, int | None]:
    """(an instant, the offset in seconds or None) for a record's time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC), None
    offset = moment.utcoffset()
    assert offset is not None
    return moment, int(offset.total_seconds())


def insert_records(connection: Any, records: Sequence[Record], *, with_times: bool) -> None:
    """Append records in their order (seq follows it), in the caller's transaction: one
    statement over arrays, so a batch of 100,000 is one round trip. Only the owner loading
    a file gives the times (`with_times`); for everyone else the server stamps them."""
    columns: list[list[Any]] = [[] for _ in range(9)]
    for record in records:
        if record.note is not None and "\x00" in record.note:
            # PostgreSQL's text cannot hold U+0000; say so rather than change the note.
            raise InvalidInputError(
                t("db.nul_in_note", code=record.code, month=record.month),
                hint=t("db.nul_in_note.hint"),
            )
        moment, offset = _stored(record.recorded_at)
        fields = (record.code, record.month, record.unit, record.value, record.undo)
        items = (*fields, record.note, record.basis, moment, offset)
        for column, item in zip(columns, items, strict=True):
            column.append(item)
    names = _COLUMNS if with_times else ", ".join(CLERK_COLUMNS)
    if not with_times:
        columns = columns[: len(CLERK_COLUMNS)]
    types = ("text", "text", "text", "numeric", "boolean", "text", "text", "timestamptz", "integer")
    arrays = ", ".join(f"%s::{kind}[]" for kind in types[: len(columns)])
    connection.execute(
        f"INSERT INTO gxtrack.records ({names}) SELECT {names} FROM unnest({arrays})"
        f" WITH ORDINALITY AS n({names}, position) ORDER BY position",
        columns,
    )


# ── Administration: `gxtrack db …` (run as the database's owner) ───────────────────────


class Admin:
    """The owner's work on a database: schema, loading a file, grants."""

    def __init__(self, url: str) -> None:
        self.store = PostgresStore(url)
        self.url = url

    def init(self, plan: Plan, plan_path: Path) -> InitOutcome:
        """Create or migrate the schema, keep the plan in the book (codes, units, months and
        its text) and take CREATE on `public` from PUBLIC where the owner may."""
        from gxtrack.store.toml import read_bytes

        plan_text = read_bytes(plan_path, what=t("file.plan")).decode("utf-8")
        with self.store._session(writing=True) as connection, connection.transaction():
            take_lock(connection)
            connection.execute("CREATE SCHEMA IF NOT EXISTS gxtrack")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS gxtrack.migrations (version integer PRIMARY KEY,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            rows = connection.execute("SELECT version FROM gxtrack.migrations").fetchall()
            done = {row[0] for row in rows}
            if done and max(done) > SCHEMA_VERSION:
                raise FileProblemError(
                    t("db.newer", url=self.url, version=max(done), ours=SCHEMA_VERSION),
                    hint=t("data.newer.hint"),
                )
            applied = [v for v in sorted(MIGRATIONS) if v not in done]
            for version in applied:
                connection.execute(MIGRATIONS[version])
                connection.execute(
                    "INSERT INTO gxtrack.migrations (version) VALUES (%s)", (version,)
                )
            connection.execute(
                "INSERT INTO gxtrack.meta (plan_year) VALUES (%s) ON CONFLICT DO NOTHING",
                (plan.year,),
            )
            _check_year(connection, plan)
            refreshed = _keep_plan(connection, plan, plan_text)
            for role in connection.execute("SELECT role FROM gxtrack.grants").fetchall():
                _privileges(connection, role[0])  # a book of version 1: column privileges
            public = _close_public(connection)
        return InitOutcome(applied, refreshed, public)

    def load(self, plan: Plan, records: Sequence[Record]) -> int:
        """Put a data file's records into an empty database, all or none."""
        with self.store.locked(plan) as data:
            if data.ledger.record_count:
                raise InvalidInputError(
                    t("db.load_not_empty", url=self.url, count=data.ledger.record_count),
                    hint=t("db.load_not_empty.hint"),
                )
            insert_records(data.connection, records, with_times=True)
        with self.store._session(writing=True) as connection:
            # The planner's figures for the new rows, so `status` uses the index at once.
            connection.execute("ANALYZE gxtrack.records")
        return len(records)

    def grant(self, plan: Plan, role: str, unit: str | None) -> None:
        """Let `role` read every record and insert for `unit` (None: the city, any unit)."""
        with self.store._session(writing=True) as connection, connection.transaction():
            _check_year(connection, plan)
            _check_plan(connection, plan)
            connection.execute(
                "INSERT INTO gxtrack.grants (role, unit) VALUES (%s, %s)"
                " ON CONFLICT (role) DO UPDATE SET unit = EXCLUDED.unit",
                (role, unit),
            )
            _privileges(connection, role)

    def plan_text(self) -> str | None:
        """The text of the plan the book keeps (None: none kept yet)."""
        with self.store._session() as connection, connection.transaction():
            row = connection.execute("SELECT plan_text FROM gxtrack.meta").fetchone()
        return row[0] if row is not None and row[0] else None

    def check(self) -> list[Finding]:
        """The book's posture, from the server's catalogues (store/book_posture.py)."""
        from gxtrack.store.book_posture import posture

        with self.store._session() as connection, connection.transaction():
            return posture(connection, CLERK_COLUMNS)

    def revoke(self, role: str) -> bool:
        """Take a role's grant away; False when it had none."""
        sql = _psycopg().sql
        name = sql.Identifier(role)
        with self.store._session(writing=True) as connection, connection.transaction():
            gone = connection.execute(
                "DELETE FROM gxtrack.grants WHERE role = %s RETURNING role", (role,)
            ).fetchone()
            if gone is None:
                return False
            connection.execute(
                sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA gxtrack FROM {}").format(name)
            )
            connection.execute(sql.SQL("REVOKE USAGE ON SCHEMA gxtrack FROM {}").format(name))
        return True

    def grants(self) -> list[tuple[str, str | None, list[str]]]:
        """(role, unit or None for the city, the unit's parks), by role."""
        with self.store._session() as connection, connection.transaction():
            rows = connection.execute(
                "SELECT g.role, g.unit, coalesce(array_agg(u.code ORDER BY u.code)"
                " FILTER (WHERE u.code IS NOT NULL), '{}')"
                " FROM gxtrack.grants g LEFT JOIN gxtrack.units u ON u.parent = g.unit"
                " GROUP BY g.role, g.unit ORDER BY g.role"
            ).fetchall()
        return [(str(role), unit, list(parks)) for role, unit, parks in rows]


@dataclass(frozen=True)
class InitOutcome:
    """What `db init` did: the schema versions applied, whether the book's plan changed,
    and what became of CREATE on `public` for PUBLIC."""

    applied: list[int]
    plan_refreshed: bool
    public: PublicSchema


class PublicSchema(StrEnum):
    CLOSED = "closed"  # PUBLIC could not create there
    REVOKED = "revoked"  # it could; db init took it away
    OPEN = "open"  # it can, and only the schema's owner or a superuser can take it away


def _privileges(connection: Any, role: str) -> None:
    """Read every table of the book; insert only the columns a clerk may give."""
    sql = _psycopg().sql
    name = sql.Identifier(role)
    clerk = sql.SQL(", ").join(sql.Identifier(column) for column in CLERK_COLUMNS)
    for statement in (
        "REVOKE ALL ON ALL TABLES IN SCHEMA gxtrack FROM {}",
        "GRANT USAGE ON SCHEMA gxtrack TO {}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA gxtrack TO {}",
    ):
        connection.execute(sql.SQL(statement).format(name))
    connection.execute(sql.SQL("GRANT INSERT ({}) ON gxtrack.records TO {}").format(clerk, name))


def _keep_plan(connection: Any, plan: Plan, plan_text: str) -> bool:
    """The plan's codes, units and months, which the schema checks rows against, and the
    plan itself; True when the book's plan changed. A code or unit still used by a row
    cannot be dropped (the foreign key says which)."""
    from gxtrack.store.cache import meaning_digest

    meaning = meaning_digest(plan)
    kept = connection.execute("SELECT plan_digest FROM gxtrack.meta").fetchone()[0]
    connection.execute(
        "UPDATE gxtrack.meta SET plan_digest = %s, plan_text = %s", (meaning, plan_text)
    )
    months = [f"{plan.year:04d}-{month:02d}" for month in range(1, 13)]
    tables = (
        ("months", "month", [months], "%s::text[]"),
        (
            "indicators",
            "code",
            [
                [i.code for i in plan.indicators],
                [i.kind.value for i in plan.indicators],
                [i.by_unit for i in plan.indicators],
                [i.combine is Combine.SUM for i in plan.indicators],
            ],
            "%s::text[], %s::text[], %s::boolean[], %s::boolean[]",
        ),
        (
            "units",
            "code",
            [[u.code for u in plan.units], [u.parent for u in plan.units]],
            "%s::text[], %s::text[]",
        ),
    )
    connection.execute("SET CONSTRAINTS gxtrack.unit_parent DEFERRED")
    for table, key, columns, arrays in tables:
        connection.execute(
            f"DELETE FROM gxtrack.{table} WHERE NOT {key} = ANY(%s::text[])", (columns[0],)
        )
        others = {"indicators": ("kind", "by_unit", "summed"), "units": ("parent",)}.get(table, ())
        update = ", ".join(f"{name} = EXCLUDED.{name}" for name in others)
        conflict = f"DO UPDATE SET {update}" if update else "DO NOTHING"
        connection.execute(
            f"INSERT INTO gxtrack.{table} SELECT * FROM unnest({arrays})"
            f" ON CONFLICT ({key}) {conflict}",
            columns,
        )
    return bool(kept) and kept != meaning


def _close_public(connection: Any) -> PublicSchema:
    """Take CREATE on schema `public` from PUBLIC where the owner may: a schema anyone
    can write on everyone's search_path is where a clerk's own `=` would wait."""
    row = connection.execute(
        "SELECT pg_catalog.has_schema_privilege('public', n.oid, 'CREATE'),"
        " pg_catalog.pg_has_role(n.nspowner, 'USAGE')"
        " FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'"
    ).fetchone()
    if row is None or not row[0]:
        return PublicSchema.CLOSED
    if not row[1]:
        return PublicSchema.OPEN
    connection.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    return PublicSchema.REVOKED


if TYPE_CHECKING:  # the connection type, for readers of this module
    Connection = psycopg.Connection[Any]
