"""How long `serjournal review` takes on ten years of check-ins, as whole processes.

    python benchmarks/review.py [--runs 15] [--years 10] [--seed 1] [--explain]

Builds (once, cached in the temp directory) a journal of invented check-ins
with the demo generator: one to two a day, three sensations and three emotions
each. Then times each command as a fresh process, interleaved, and prints the
median and its ratio to `python -c "import typer"`, the floor of any Typer
program (`serjournal --version` no longer loads Typer at all). --explain also prints SQLite's
query plan for every statement the review runs, flagging full-table scans.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import as_installed, serjournal_command  # noqa: E402

OPTION_ADAPTERS = "import typer\ntry:\n    import typer._adapters\nexcept ImportError:\n    pass"


def journal_for(years: int, seed: int, end: date) -> Path:
    """The cached benchmark journal, built on first use."""
    from serjournal.store.format import MIGRATION_NAMES

    schema = len(MIGRATION_NAMES)
    name = f"serjournal-bench-{years}y-seed{seed}-{end:%Y%m%d}-v{schema}.db"
    path = Path(tempfile.gettempdir()) / name
    if path.exists():
        return path
    from serjournal.demo import fill_journal
    from serjournal.store.connection import open_journal

    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_journal(building)
    count = fill_journal(db, years=years, end=end, seed=seed)
    db.close()
    building.replace(path)
    print(f"built {path} with {count} check-ins in {time.perf_counter() - started:.1f} s")
    return path


def time_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def explain(journal: Path) -> None:
    """Every statement a review runs, with SQLite's plan for it."""
    from serjournal.review.periods import iso_week
    from serjournal.review.summary import build_summary
    from serjournal.store.reading import open_for_reading

    conn = open_for_reading(journal)
    assert conn is not None
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    build_summary(conn, iso_week(date.today()), date.today())
    conn.set_trace_callback(None)
    for statement in statements:
        if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        plan = conn.execute("EXPLAIN QUERY PLAN " + statement).fetchall()
        print("\n" + " ".join(statement.split())[:160])
        for row in plan:
            detail = row[-1]
            flag = (
                "  <-- full scan"
                if detail.startswith("SCAN")
                and " " not in detail[5:]
                and (detail[5:] in ("checkins", "sensations", "emotions", "answers", "c", "s", "e"))
                else ""
            )
            print(f"    {detail}{flag}")
    conn.close()


PHASES = """
import io, sys, time
from datetime import date
from pathlib import Path
marks = [("start", time.perf_counter())]
import typer
marks.append(("import typer", time.perf_counter()))
from serjournal.review import run
marks.append(("import review modules", time.perf_counter()))
from serjournal.review.periods import iso_week
from serjournal.review.summary import build_summary
from serjournal.store.reading import open_for_reading
conn = open_for_reading(Path(sys.argv[1]))
marks.append(("open journal", time.perf_counter()))
summary = build_summary(conn, iso_week(date.today()), date.today())
marks.append(("SQL aggregates and patterns", time.perf_counter()))
from rich.console import Console
from serjournal.render.review import render_review
marks.append(("import rich and renderer", time.perf_counter()))
Console(file=io.StringIO(), width=80).print(render_review(summary))
marks.append(("layout and draw", time.perf_counter()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"{name}={(after - before) * 1000:.2f}")
"""


def phases(journal: Path, runs: int) -> None:
    """Where the time of one review goes, inside a fresh process."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PHASES, str(journal)], check=True, capture_output=True, text=True
        ).stdout
        for line in out.splitlines():
            name, value = line.split("=")
            samples.setdefault(name, []).append(float(value))
    print("\nphases of one review, in-process (median ms):")
    for name, values in samples.items():
        print(f"  {name:<30}{statistics.median(values):>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true")
    options = parser.parse_args()

    as_installed()
    journal = journal_for(options.years, options.seed, date.today())
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("SERJOURNAL_DB", None)
    serjournal = serjournal_command()
    commands = {
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        # What every command with a non-flag option pays in typer 0.29+ (pydantic).
        "import typer + option adapters": [sys.executable, "-c", OPTION_ADAPTERS],
        "serjournal --version": [*serjournal, "--version"],
        "serjournal list -n 1": [*serjournal, "list", "-n", "1", "--db", str(journal)],
        "serjournal review": [*serjournal, "review", "--db", str(journal)],
        "serjournal review --json": [*serjournal, "review", "--json", "--db", str(journal)],
        "serjournal review --last 3650": [
            *serjournal,
            "review",
            "--last",
            "3650",
            "--db",
            str(journal),
        ],
        "serjournal review --month": [*serjournal, "review", "--month", "--db", str(journal)],
        "serjournal review --year": [*serjournal, "review", "--year", "--db", str(journal)],
    }
    for command in commands.values():  # warm the file cache and .pyc files
        time_once(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):  # interleaved, so background load hits all alike
        for name, command in commands.items():
            samples[name].append(time_once(command, env))

    floor = 'python -c "import typer"'
    baseline = statistics.median(samples[floor])
    print(f"\n{options.years}-year journal: {journal} ({journal.stat().st_size // 1024} KiB)")
    print(f"median of {options.runs} runs, as whole processes\n")
    print(f"{'command':<32}{'median ms':>10}{'min ms':>9}{'vs import typer':>17}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(
            f"{name:<32}{median * 1000:>10.1f}{min(values) * 1000:>9.1f}{median / baseline:>16.2f}x"
        )
    phases(journal, options.runs)
    if options.explain:
        explain(journal)


if __name__ == "__main__":
    main()
