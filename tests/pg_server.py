"""A throwaway PostgreSQL cluster for the tests and the benchmark: no mocks.

`initdb` into a fresh folder under the system's temporary folder that the `postgres`
user can enter, run as that user when we are root (initdb refuses root, and CI runs as
root), then `pg_ctl -w start` on a free port of 127.0.0.1 (it returns once the server
accepts connections: no waiting on a timer). Superuser `postgres` with trust
authentication on 127.0.0.1 only; `bureau` is the non-superuser role that owns the
databases, as a bureau's database owner would be (a superuser bypasses row-level security).
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REQUIRE = "GXTRACK_REQUIRE_POSTGRES"


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's newest."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(versions[-1]).parent if versions else None


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def missing() -> str | None:
    """Why no cluster can be started here, or None."""
    # Found, not imported: the benchmark asks too, and a process that imported psycopg
    # would lend its size to every child's peak memory (wait4 counts it).
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed (pip install -e '.[dev]')"
    if server_binaries() is None:
        return "PostgreSQL's server (initdb) is not installed (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and not _user_exists("postgres"):
        return "running as root and there is no `postgres` user to run initdb as"
    return None


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A running cluster; `url(role, database)` to reach it, `stop()` to remove it."""

    def __init__(self) -> None:
        binaries = server_binaries()
        assert binaries is not None
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="gxtrack-pg-"))
        self.folder.chmod(0o755)  # the postgres user must enter it
        self.port = _free_port()
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale",
            "C",
        )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.folder / "log"),
            "-o",
            options,
            "start",
        )
        self.sql("CREATE ROLE bureau LOGIN")

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.binaries / program), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def url(self, role: str = "bureau", database: str = "postgres") -> str:
        return f"postgresql://{role}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run a statement as the superuser, outside a transaction (CREATE DATABASE), in a
        child process: the benchmark starts a cluster too, and psycopg imported into it
        would count in every measured child's peak memory (wait4 includes what a child
        inherited at fork)."""
        run = (
            "import psycopg, sys; "
            "psycopg.connect(sys.argv[1], autocommit=True).execute(sys.argv[2])"
        )
        subprocess.run(
            [sys.executable, "-c", run, self.url("postgres", database), statement],
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
