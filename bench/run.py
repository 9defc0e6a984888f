"""Time gxtrack as whole processes, against baselines measured in the same run.

    python bench/run.py                 # N = 300, 10,000, 100,000; writes bench/results.md
    python bench/run.py --quick         # tiny N and few runs: checks the script works

Every figure is the median of several runs; every ratio is the median of paired runs
(A, B, A, B, …) against its baseline: `python -c pass`, the floor app (`bench/floor_app.py`,
a minimal Typer app with one no-op command taking options like `status`), or hledger's
`bal --budget` on the same data, when hledger is installed. Peak memory is the largest
resident set of a run (wait4's ru_maxrss). POSIX only.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
GXTRACK_SCRIPT = Path(PYTHON).with_name("gxtrack")
GXTRACK = [str(GXTRACK_SCRIPT)] if GXTRACK_SCRIPT.exists() else [PYTHON, "-m", "gxtrack"]
HLEDGER = shutil.which("hledger")
sys.path.insert(0, str(HERE.parent))  # tests/pg_server.py: a throwaway PostgreSQL cluster


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(
    command: Sequence[str], cwd: Path, env: dict[str, str], terminal: bool = False
) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one process; fails loudly on an exit code other
    than 0 (or 1 for `check`, which says goals lag). With `terminal`, on a terminal."""
    if terminal:
        return run_on_terminal(command, cwd, env)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0 and not (process.returncode == 1 and "check" in command):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {error}")
    return elapsed, usage.ru_maxrss


def run_on_terminal(command: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """As `run_once`, with stdin, stdout and stderr a pseudo-terminal 120 columns wide
    (TERM=xterm-256color: colours), as a user at a terminal runs it. What it draws is
    read (a terminal shows it) and dropped."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    shown: list[bytes] = []
    reader = threading.Thread(target=_read_all, args=(leader, shown))
    reader.start()
    environment = {k: v for k, v in env.items() if k != "COLUMNS"}  # the terminal's own
    environment["TERM"] = "xterm-256color"
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment, stdin=follower, stdout=follower, stderr=follower
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    os.close(follower)
    reader.join()
    os.close(leader)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} exited {code}: {b''.join(shown)[-500:]!r}")
    return elapsed, usage.ru_maxrss


def _read_all(descriptor: int, into: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            return
        if not chunk:
            return
        into.append(chunk)


@dataclass
class Case:
    """A command, its baseline, and what to do before each run (outside the timing)."""

    name: str
    command: list[str]
    baseline: str  # "pass", "floor", "floor --help", "floor completion", "hledger", or ""
    before: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    terminal: bool = False  # run on a pseudo-terminal, and the baseline too


def measure_pairs(
    case: Case, baseline: Case | None, cwd: Path, env: dict[str, str], pairs: int
) -> tuple[Sample, Sample | None, list[float]]:
    mine, theirs, ratios = Sample(), Sample() if baseline else None, []
    for _ in range(pairs):
        if case.before:
            case.before()
        seconds, peak = run_once(case.command, cwd, {**env, **case.env}, case.terminal)
        mine.seconds.append(seconds)
        mine.peak_kib = max(mine.peak_kib, peak)
        if baseline and theirs is not None:
            base_seconds, base_peak = run_once(
                baseline.command, cwd, {**env, **baseline.env}, case.terminal
            )
            theirs.seconds.append(base_seconds)
            theirs.peak_kib = max(theirs.peak_kib, base_peak)
            ratios.append(seconds / base_seconds)
    return mine, theirs, ratios


def completion_env(prog: str, words: str) -> dict[str, str]:
    """The environment bash's completion function gives the program (Typer's script:
    IFS is a newline, so COMP_WORDS arrives joined by newlines)."""
    split = words.split(" ")
    return {
        f"_{prog.upper()}_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(split),
        "COMP_CWORD": str(len(split) - 1),
    }


# A new question each Tab (another command, option or prefix): never the answer memo's.
NEW_PREFIXES = [
    f"gxtrack {command} {prefix}"
    for command in ("history", "record", "status --area", "gaps --unit", "check --unit")
    for prefix in ("", "1", "2", "2.", "3", "4.", "5", "l", "q", "j", "x")
]


def new_prefix(case: Case, counter: Iterator[int]) -> Callable[[], None]:
    def next_prefix() -> None:
        case.env = completion_env("gxtrack", NEW_PREFIXES[next(counter) % len(NEW_PREFIXES)])

    return next_prefix


def hand_edit(data: Path) -> Callable[[], None]:
    """Change the data file as a person would (a comment at the end), so no cache can
    know it. Appending keeps this process small: a child's peak memory (wait4) counts
    what it inherited at fork."""
    counter = [0]

    def edit() -> None:
        counter[0] += 1
        with data.open("a", encoding="utf-8") as stream:
            stream.write(f"# edited by hand {counter[0]}\n")

    return edit


DATABASE_STATUS = "status (PostgreSQL, same records)"
BLOATED_IMPORT = "import --dry-run of an .xlsx formatted to row 1,048,576 (25 real rows)"


def bloated_import(work: Path, env: dict[str, str], pairs: int) -> Sample:
    """Excel's used-range bloat: the bundled plan, and a sheet of 25 real rows whose
    formatting runs to the last row (bench/bloated_sheet.py), imported as a dry run."""
    folder = work / "bloated"
    folder.mkdir(parents=True)
    shutil.copy(HERE.parent / "targets.toml", folder / "targets.toml")
    subprocess.run(
        [PYTHON, str(HERE / "bloated_sheet.py"), str(folder / "bloated.xlsx")], env=env, check=True
    )
    command = [*GXTRACK, "import", "bloated.xlsx", "--month", "2024-07", "--dry-run", "--force"]
    sample, _, _ = measure_pairs(Case(BLOATED_IMPORT, command, ""), None, folder, env, pairs)
    return sample


TERMINAL_MISS = "status after a record, on a terminal (pty, colours)"


def start_database() -> Any:
    """A throwaway PostgreSQL cluster for the database row, or None (and why) without one."""
    from tests import pg_server

    reason = pg_server.missing()
    if reason is not None:
        print(f"no PostgreSQL row: {reason}", flush=True)
        return None
    return pg_server.Cluster()


def database_case(cluster: Any, size: int, folder: Path, env: dict[str, str]) -> Case:
    """`status` on a database holding the data file's records (`db init`, `db load`)."""
    name = f"bench{size}"
    cluster.sql(f"CREATE DATABASE {name} OWNER bureau")  # in a child, as every statement
    url = cluster.url("bureau", name)
    for step in (["db", "init"], ["db", "load", "actuals.toml"]):
        subprocess.run(
            [*GXTRACK, *step, "--data", url],
            cwd=folder,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return Case(DATABASE_STATUS, [*GXTRACK, "status", "--data", url], "")


def recorded(folder: Path, env: dict[str, str], values: Iterator[int]) -> Callable[[], None]:
    """Record a value (outside the timing), so the next status is a miss of the memo."""

    def record() -> None:
        # A summed indicator and a new value each time: the table changes, as after a
        # real record, so the memo cannot answer.
        value = str(next(values) + 1000)
        # --force: 1,000-odd is far off a rate's goal, a doubt that would stop the record.
        run_once([*GXTRACK, "record", "1.1", value, "-m", "2024-05", "--force"], folder, env)

    return record


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny N, few runs")
    parser.add_argument("--sizes", default="300,3300,10000,100000")
    parser.add_argument("--pairs", type=int, default=31, help="pairs for start-up figures")
    parser.add_argument("--big-pairs", type=int, default=5, help="pairs at N >= 10,000")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--only-import", action="store_true", help="only the used-range import row (no file)"
    )
    arguments = parser.parse_args()
    sizes = [20] if arguments.quick else [int(s) for s in arguments.sizes.split(",")]
    if arguments.only_import:
        sizes = []
    pairs = 2 if arguments.quick else arguments.pairs
    big_pairs = 2 if arguments.quick else arguments.big_pairs

    work = Path(tempfile.mkdtemp(prefix="gxtrack-bench-"))
    env = {**os.environ, "COLUMNS": "120", "GXTRACK_CACHE_DIR": str(work / "cache")}
    env.pop("NO_COLOR", None)
    # Time what users run: an installed package whose bytecode is compiled (pip does it
    # on install). PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Nor unbuffered output (some machines set PYTHONUNBUFFERED): users' is buffered.
    env.pop("PYTHONUNBUFFERED", None)
    package = subprocess.run(
        [PYTHON, "-c", "import gxtrack, os; print(os.path.dirname(gxtrack.__file__))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    subprocess.run([PYTHON, "-m", "compileall", "-q", package, str(HERE)], env=env, check=True)
    baselines = {
        "pass": Case("python -c pass", [PYTHON, "-c", "pass"], ""),
        "floor": Case("floor app: no-op command", [*FLOOR, "status"], ""),
        "floor --help": Case("floor app: --help", [*FLOOR, "--help"], ""),
        "floor completion": Case(
            "floor app: completion", FLOOR, "", env=completion_env("floor", "floor status 2.")
        ),
    }
    rows: list[tuple[str, str, float, int, str, float | None, float | None]] = []
    checks: list[tuple[str, bool]] = []
    results: dict[tuple[int, str], tuple[float, float | None, float | None]] = {}
    cluster = start_database()
    for size in sizes:
        folder = work / f"n{size}"
        # In its own process, so that this one stays small: a child's peak memory
        # (wait4) counts what it inherited at fork.
        # 3,300 records is a city with its 11 counties (issue 15); the others, a province.
        units = ["--units", "11"] if size == 3300 else []
        subprocess.run(
            [
                PYTHON,
                str(HERE / "generate.py"),
                "--records",
                str(size),
                "--out",
                str(folder),
                *units,
            ],
            env=env,
            check=True,
        )
        data = folder / "actuals.toml"
        values = iter(range(10**9))
        cases = [
            Case("status (warm)", [*GXTRACK, "status"], "floor"),
            Case(
                "status (cold: data edited by hand)",
                [*GXTRACK, "status"],
                "floor",
                before=hand_edit(data),
            ),
            Case("gaps", [*GXTRACK, "gaps"], "floor"),
            Case("check", [*GXTRACK, "check"], "floor"),
            Case(
                "status after a record (a miss)",
                [*GXTRACK, "status"],
                "floor",
                before=recorded(folder, env, values),
            ),
            Case(
                TERMINAL_MISS,
                [*GXTRACK, "status"],
                "floor",
                before=recorded(folder, env, values),
                terminal=True,
            ),
            Case(
                "export status", [*GXTRACK, "export", "status", "-o", str(work / "s.csv")], "floor"
            ),
            Case(
                "export actuals",
                [*GXTRACK, "export", "actuals", "-o", str(work / "a.csv")],
                "floor",
            ),
            Case("record one value", [*GXTRACK, "record", "1.2", "0", "-m", "2024-06"], "floor"),
            Case("--help", [*GXTRACK, "--help"], "floor --help"),
            Case(
                "completion of a code",
                GXTRACK,
                "floor completion",
                env=completion_env("gxtrack", "gxtrack history 2."),
            ),
            Case("completion, a new prefix each Tab", GXTRACK, "floor completion"),
        ]
        tab_case = cases[-1]
        tab_case.before = new_prefix(tab_case, iter(range(10**9)))
        record_case = next(case for case in cases if case.name == "record one value")

        def next_value(case: Case = record_case, counter: Iterator[int] = values) -> None:
            # A different value each run, so each run really writes a correction.
            case.command[-3] = str(next(counter) % 7 + 1)

        record_case.before = next_value
        if HLEDGER:
            cases.append(
                Case(
                    "hledger bal --budget", [HLEDGER, "-f", "budget.journal", "bal", "--budget"], ""
                )
            )
        # Paired with hledger on the unchanged workspace: before any case edits the data.
        for position, name in enumerate(("status", "gaps", "check") if HLEDGER else ()):
            cases.insert(1 + position, Case(f"{name} vs hledger", [*GXTRACK, name], "hledger"))
        ledger = [HLEDGER or "hledger", "-f", "budget.journal", "bal", "--budget"]
        baselines["hledger"] = Case("hledger bal --budget", ledger, "")
        if cluster is not None:
            cases.append(database_case(cluster, size, folder, env))
        # A hit answers in the time Python starts: paired with `python -c pass` itself, on
        # the unchanged workspace too (before the cases that edit the data).
        for name in reversed(("status", "gaps", "check") if size <= 5000 else ()):
            cases.insert(1, Case(f"{name} vs python -c pass", [*GXTRACK, name], "pass"))
        for command in ("status", "gaps", "check"):
            run_once([*GXTRACK, command], folder, env)  # fill the cache: "warm" means this
        # A first Tab, so that no row pays for the first run after an install.
        run_once(GXTRACK, folder, {**env, **completion_env("gxtrack", "gxtrack record ")})
        count = pairs if size <= 5000 else big_pairs
        for case in cases:
            baseline = baselines.get(case.baseline)
            if case.baseline == "floor" and size > 5000 and case.name != "status (warm)":
                baseline = None  # the floor is measured with the warm status
            mine, theirs, ratios = measure_pairs(case, baseline, folder, env, count)
            ratio = statistics.median(ratios) if ratios else None
            results[(size, case.name)] = (mine.median, ratio, theirs.median if theirs else None)
            rows.append(
                (
                    f"{size:,}",
                    case.name,
                    mine.median,
                    mine.peak_kib,
                    baseline.name if baseline else "",
                    theirs.median if theirs else None,
                    ratio,
                )
            )
            print(
                f"N={size:>7,}  {case.name:<38} {mine.median * 1000:8.0f} ms "
                f"{mine.peak_kib / 1024:6.0f} MiB"
                + (f"  x{ratio:.2f} of {baseline.name}" if ratio and baseline else ""),
                flush=True,
            )
        python_pass, _, _ = measure_pairs(baselines["pass"], None, folder, env, count)
        rows.append(
            (
                f"{size:,}",
                "python -c pass",
                python_pass.median,
                python_pass.peak_kib,
                "",
                None,
                None,
            )
        )
        if HLEDGER:
            hledger_time = results[(size, "hledger bal --budget")][0]
            for name in ("status (warm)", "status (cold: data edited by hand)"):
                mine_time = results[(size, name)][0]
                ratio = mine_time / hledger_time
                results[(size, f"{name} vs hledger")] = (mine_time, ratio, hledger_time)
                rows.append(
                    (
                        f"{size:,}",
                        f"{name} vs hledger",
                        mine_time,
                        0,
                        "hledger bal --budget",
                        hledger_time,
                        mine_time / hledger_time,
                    )
                )
    bloated = bloated_import(work, env, 2 if arguments.quick else big_pairs)
    rows.append(
        ("1,048,576 rows", BLOATED_IMPORT, bloated.median, bloated.peak_kib, "", None, None)
    )
    print(
        f"{BLOATED_IMPORT}: {bloated.median * 1000:.0f} ms {bloated.peak_kib / 1024:.0f} MiB",
        flush=True,
    )
    shutil.rmtree(work, ignore_errors=True)
    if cluster is not None:
        cluster.stop()

    def get(size: int, name: str) -> tuple[float, float | None, float | None]:
        return results.get((size, name), (0.0, None, None))

    if 300 in sizes:
        checks.append(
            ("N=300: status <= 1.5 x floor no-op", (get(300, "status (warm)")[1] or 9) <= 1.5)
        )
        checks.append(("N=300: --help <= 1.1 x floor --help", (get(300, "--help")[1] or 9) <= 1.1))
        checks.append(
            (
                "N=300: completion <= 1.2 x floor completion",
                (get(300, "completion of a code")[1] or 9) <= 1.2,
            )
        )
        if HLEDGER:
            warm_vs_hledger = get(300, "status (warm) vs hledger")[1]
            checks.append(("N=300: status (warm) <= 0.6 x hledger", (warm_vs_hledger or 9) <= 0.6))
    for size in [n for n in sizes if n in (300, 3300)]:
        for name in ("status", "gaps", "check"):
            ratio = get(size, f"{name} vs hledger")[1]
            if HLEDGER:
                checks.append(
                    (f"N={size:,}: {name} (unchanged) <= 1.0 x hledger", (ratio or 9) <= 1.0)
                )
            paired = get(size, f"{name} vs python -c pass")[1]
            checks.append((f"N={size:,}: {name} <= 3 x python -c pass", (paired or 9) <= 3))
        checks.append(
            (
                f"N={size:,}: completion of a code, a new prefix, <= 1.5 x floor completion",
                (get(size, "completion, a new prefix each Tab")[1] or 9) <= 1.5,
            )
        )
        # Rich draws and pydantic validates on every miss, as the design card has them.
        checks.append(
            (
                f"N={size:,}: status after a record <= 1.8 x floor no-op",
                (get(size, "status after a record (a miss)")[1] or 9) <= 1.8,
            )
        )
        checks.append(
            (
                f"N={size:,}: status after a record, on a terminal, <= 1.8 x floor no-op there",
                (get(size, TERMINAL_MISS)[1] or 9) <= 1.8,
            )
        )
    if 100000 in sizes and HLEDGER:
        ratio = get(100000, "status vs hledger")[1]
        checks.append(("N=100k: status (unchanged) <= 0.1 x hledger", (ratio or 9) <= 0.1))
    if 100000 in sizes:
        warm = get(100000, "status (warm)")
        checks.append(("N=100k: status (warm) < 1 s", warm[0] < 1))
        checks.append(("N=100k: record < 1 s", get(100000, "record one value")[0] < 1))
        if cluster is not None:
            database = get(100000, DATABASE_STATUS)[0]
            checks.append(("N=100k: status on PostgreSQL < 1 s", database < 1))
        checks.append(("N=100k: export actuals <= 3 s", get(100000, "export actuals")[0] <= 3))
        peak = max(r[3] for r in rows if r[0] == "100,000" and r[1].startswith(("status", "gaps")))
        checks.append(("N=100k: status peak memory <= 200 MiB", peak <= 200 * 1024))
        if HLEDGER:
            hledger_time = get(100000, "hledger bal --budget")[0]
            checks.append(
                ("N=100k: status (warm) <= 1/10 of hledger", warm[0] * 10 <= hledger_time)
            )
            cold = get(100000, "status (cold: data edited by hand)")[0]
            checks.append(("N=100k: status (cold) <= 0.5 x hledger", cold * 2 <= hledger_time))
    if 10000 in sizes and 100000 in sizes:
        # Above `python -c pass`: an unchanged workspace is answered below the Typer floor.
        above = [get(n, "status (warm)")[0] - get(n, "python -c pass")[0] for n in (10000, 100000)]
        growth = above[1] / above[0] if above[0] > 0 else float("inf")
        checks.append(
            (
                f"status above python -c pass grows x{growth:.1f} from 10k to 100k (<= x10)",
                growth <= 10,
            )
        )

    checks.append((f"{BLOATED_IMPORT} < 3 s", bloated.median < 3))
    checks.append((f"{BLOATED_IMPORT}: peak memory < 200 MB", bloated.peak_kib * 1024 < 200e6))
    if arguments.only_import:
        print("\n".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in checks[-2:]))
        return

    lines = [
        "# gxtrack benchmark",
        "",
        f"Run on {date.today()}: {machine()}. `python bench/run.py` "
        f"({pairs} pairs at N <= 5,000, {big_pairs} at larger N; medians).",
        "Baselines measured in the same run: `python -c pass`, the floor app "
        "(`bench/floor_app.py`: a minimal Typer app, one no-op command with options like "
        "`status`), and hledger " + ("(installed)" if HLEDGER else "(not installed)") + ".",
        "",
        "| N | command | median | peak memory | baseline | baseline median | ratio |",
        "|---:|---|---:|---:|---|---:|---:|",
    ]
    for size_label, name, seconds, peak, base, base_seconds, ratio in rows:
        lines.append(
            f"| {size_label} | {name} | {seconds * 1000:,.0f} ms | "
            + (f"{peak / 1024:,.0f} MiB" if peak else "")
            + f" | {base} | "
            + (f"{base_seconds * 1000:,.0f} ms" if base_seconds else "")
            + " | "
            + (f"{ratio:.2f}" if ratio is not None else "")
            + " |"
        )
    lines += ["", "| goal | met |", "|---|---|"]
    lines += [f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in checks]
    report = "\n".join(lines) + "\n"
    print()
    print(report)
    if not arguments.quick:
        arguments.out.write_text(report, "utf-8")


if __name__ == "__main__":
    main()
