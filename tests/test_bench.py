"""A smoke test of the benchmark scripts on a tiny N (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, Cli


def test_generate_writes_a_valid_plan_and_data(
    tmp_path: Path, cli: Cli, monkeypatch: object
) -> None:
    out = tmp_path / "bench"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--records", "50", "--out", str(out)],
        check=True,
    )
    result = cli("validate", "-t", str(out / "targets.toml"))
    assert result.exit_code == 0, result.output
    assert "OK (50 records)" in result.output
    again = tmp_path / "again"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--records",
            "50",
            "--out",
            str(again),
        ],
        check=True,
    )
    assert (again / "actuals.toml").read_bytes() == (out / "actuals.toml").read_bytes()


def test_run_quick(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--out",
            str(tmp_path / "results.md"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| 20 | status (warm) |" in result.stdout
    assert "floor app: no-op command" in result.stdout
