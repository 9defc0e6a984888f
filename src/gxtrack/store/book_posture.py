"""How safe a shared record book is, as the bureau's IT staff would audit it.

Read from PostgreSQL's own catalogues, never from what gxtrack believes it set up: a
policy or a privilege added by hand, a function whose `search_path` was reset, or
CREATE granted on `public` are all found. Each finding says what was looked at and
whether it is safe; `gxtrack db check` prints them and exits 1 when any is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

PINNED_PATH = "search_path=pg_catalog,pg_temp"  # as pg_proc.proconfig holds it, spaces removed
# Functions that run as their owner: none, since a clerk needs nothing beyond the
# clerk's grants (README: "Sharing one record book"). Any found is unsafe.
SECURITY_DEFINER: frozenset[str] = frozenset()
# The policies on gxtrack.records: (command, USING, WITH CHECK) as pg_get_expr prints them.
POLICIES = {
    "owner_all": ("*", "true", "true"),
    "granted_read": ("r", "true", None),
    "granted_insert": ("a", None, "gxtrack.may_record(unit)"),
}
BOOK_TABLES = ("grants", "indicators", "meta", "migrations", "months", "records", "units")
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


class Topic(StrEnum):
    ROW_SECURITY = "row_security"
    POLICY = "policy"
    POLICY_MISSING = "policy_missing"
    FUNCTION = "function"
    CREATE = "create"
    ROLE = "role"


@dataclass(frozen=True)
class Finding:
    """One thing looked at: what (`subject`), what was found (`detail`), and whether safe."""

    topic: Topic
    subject: str
    detail: str
    safe: bool


def posture(connection: Any, clerk_columns: tuple[str, ...]) -> list[Finding]:
    owner = connection.execute(
        "SELECT pg_catalog.pg_get_userbyid(relowner) FROM pg_catalog.pg_class"
        " WHERE oid = 'gxtrack.records'::pg_catalog.regclass"
    ).fetchone()[0]
    roles = [row[0] for row in connection.execute("SELECT role FROM gxtrack.grants ORDER BY role")]
    return [
        *_row_security(connection),
        *_policies(connection, owner),
        *_functions(connection),
        *_creators(connection, ["public", *roles]),
        *(_role(connection, role, owner, clerk_columns) for role in ["public", *roles]),
    ]


def _row_security(connection: Any) -> list[Finding]:
    enabled, forced = connection.execute(
        "SELECT relrowsecurity, relforcerowsecurity FROM pg_catalog.pg_class"
        " WHERE oid = 'gxtrack.records'::pg_catalog.regclass"
    ).fetchone()
    detail = f"{'enabled' if enabled else 'disabled'}, {'forced' if forced else 'not forced'}"
    return [Finding(Topic.ROW_SECURITY, "gxtrack.records", detail, bool(enabled and forced))]


def _policies(connection: Any, owner: str) -> list[Finding]:
    rows = connection.execute(
        "SELECT p.polname, p.polcmd, p.polpermissive,"
        " pg_catalog.pg_get_expr(p.polqual, p.polrelid),"
        " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid),"
        " ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r)::text"
        " END FROM pg_catalog.unnest(p.polroles) AS r)"
        " FROM pg_catalog.pg_policy p"
        " WHERE p.polrelid = 'gxtrack.records'::pg_catalog.regclass ORDER BY p.polname"
    ).fetchall()
    findings = []
    for name, command, permissive, using, check, to in rows:
        expected_to = [owner] if name == "owner_all" else ["public"]
        safe = POLICIES.get(name) == (command, using, check) and list(to) == expected_to
        kind = "permissive" if permissive else "restrictive"
        detail = f"{kind} {_COMMANDS.get(command, command)} to {', '.join(to)}"
        detail += "".join(f"; {w} {e}" for w, e in (("using", using), ("check", check)) if e)
        findings.append(Finding(Topic.POLICY, name, detail, safe and bool(permissive)))
    found = {row[0] for row in rows}
    missing = [name for name in POLICIES if name not in found]
    findings += [Finding(Topic.POLICY_MISSING, name, "", False) for name in missing]
    return findings


_COMMANDS = {"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}


def _functions(connection: Any) -> list[Finding]:
    rows = connection.execute(
        "SELECT p.oid::pg_catalog.regprocedure::text, p.prosecdef,"
        " pg_catalog.array_to_string(p.proconfig, ';')"
        " FROM pg_catalog.pg_proc p"
        " WHERE p.pronamespace = 'gxtrack'::pg_catalog.regnamespace ORDER BY 1"
    ).fetchall()
    findings = []
    for signature, definer, config in rows:
        settings = [part.replace(" ", "") for part in (config or "").split(";") if part]
        path = next((s for s in settings if s.startswith("search_path=")), None)
        shown = path.replace(",", ", ") if path else "search_path of the caller"
        if definer:
            shown += "; SECURITY DEFINER"
        safe = path == PINNED_PATH and (not definer or signature in SECURITY_DEFINER)
        findings.append(Finding(Topic.FUNCTION, signature, shown, safe))
    return findings


def _creators(connection: Any, roles: list[str]) -> list[Finding]:
    """Who may create objects in a schema on a role's path: public (on everyone's), the
    book's own schema; pg_catalog only the superuser."""
    findings = []
    for schema in ("public", "gxtrack", "pg_catalog"):
        exists = connection.execute(
            "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = %s", (schema,)
        ).fetchone()
        if exists is None:
            continue
        creators = [
            role
            for role in roles
            if connection.execute(
                "SELECT pg_catalog.has_schema_privilege(%s, %s, 'CREATE')", (role, schema)
            ).fetchone()[0]
        ]
        detail = ", ".join(creators) if creators else "only its owner"
        findings.append(Finding(Topic.CREATE, schema, detail, not creators))
    return findings


def _role(connection: Any, role: str, owner: str, clerk_columns: tuple[str, ...]) -> Finding:
    """What a role may do to the book: read; insert only a clerk's columns; nothing else."""
    unsafe: list[str] = []
    powers = connection.execute(
        "SELECT rolsuper OR rolbypassrls, pg_catalog.pg_has_role(%s, %s, 'MEMBER')"
        " FROM pg_catalog.pg_roles WHERE rolname = %s",
        (role, owner, role),
    ).fetchone()
    if powers is not None and powers[0]:
        unsafe.append("superuser or BYPASSRLS")
    if powers is not None and powers[1]:
        unsafe.append(f"member of {owner}")
    for table in BOOK_TABLES:
        name = f"gxtrack.{table}"
        for write in WRITES:
            if connection.execute(
                "SELECT pg_catalog.has_table_privilege(%s, %s, %s)", (role, name, write)
            ).fetchone()[0]:
                unsafe.append(f"{write} on {name}")
    columns = [
        row[0]
        for row in connection.execute(
            "SELECT a.attname::text FROM pg_catalog.pg_attribute a"
            " WHERE a.attrelid = 'gxtrack.records'::pg_catalog.regclass AND a.attnum > 0"
            " AND NOT a.attisdropped"
            " AND pg_catalog.has_column_privilege(%s, a.attrelid, a.attnum, 'INSERT')"
            " ORDER BY a.attnum",
            (role,),
        )
    ]
    unsafe += [f"INSERT ({column})" for column in columns if column not in clerk_columns]
    reads = connection.execute(
        "SELECT pg_catalog.has_table_privilege(%s, 'gxtrack.records', 'SELECT')", (role,)
    ).fetchone()[0]
    parts = ["reads" if reads else "cannot read"]
    if columns:
        parts.append("inserts " + ", ".join(columns))
    detail = "; ".join(parts + unsafe)
    return Finding(Topic.ROLE, role, detail, not unsafe)
