"""Export speed and memory on a ten-year journal.

    python benchmarks/export.py [--years 10]

Builds a journal once with the demo generator (one to two check-ins a day,
three sensations and three emotions each), then times each export in a fresh
subprocess, reporting rows per second, peak RSS (VmHWM) and the peak of Python
allocations (tracemalloc, a second run, since tracing slows things down). The
same is measured on a one-year journal, to see whether memory grows with history.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

KINDS = ("checkins", "sensations", "emotions", "json")


def time_import(journal: Path) -> tuple[int, float]:
    """Export checkins.csv, then import it into an empty journal."""
    from serjournal.journal import Journal
    from serjournal.store.connection import open_journal
    from serjournal.transfer.exporting import export_one
    from serjournal.transfer.importing import import_file

    exported = journal.with_name(f"{journal.stem}-import-source.csv")
    export_one(open_journal(journal, create=False), Journal(journal), "checkins", exported)
    # One empty target per journal: the demo journals overlap (both end today).
    target = open_journal(journal.with_name(f"{journal.stem}-import-target.db"))
    began = time.perf_counter()
    report = import_file(target, exported)
    return report.added, time.perf_counter() - began


def build(path: Path, years: int, seed: int = 7) -> int:
    """The same invented journal the review benchmark and `serjournal demo` use."""
    from serjournal.demo import fill_journal
    from serjournal.store.connection import open_journal

    db = open_journal(path)
    added = fill_journal(db, years=years, seed=seed)
    db.close()
    return added


def measure(kind: str, journal: str, trace: bool) -> None:
    """Run in a subprocess: one export to /dev/null; print seconds rows rss_kib peak_kib."""
    from serjournal.journal import Journal
    from serjournal.store.connection import open_journal
    from serjournal.transfer.exporting import export_one

    db = open_journal(Path(journal), create=False)
    output = Path(journal).with_name(f"export-{kind}.out")
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    rows = export_one(db, Journal(Path(journal)), kind, output)
    elapsed = time.perf_counter() - began
    output.unlink()
    peak = tracemalloc.get_traced_memory()[1] // 1024 if trace else 0
    rss = _peak_rss_kib()
    print(f"{elapsed:.3f} {rows} {rss} {peak}")


def _peak_rss_kib() -> int:
    """This process's peak RSS. VmHWM starts afresh at exec; ru_maxrss on Linux
    can carry the parent's size over the fork, so it is only the fallback."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(kind: str, journal: Path, trace: bool) -> list[str]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(journal)]
        + (["--trace"] if trace else []),
        capture_output=True,
        text=True,
        check=True,
    )
    return output.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--measure", nargs=2)
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], args.measure[1], args.trace)
        return
    with tempfile.TemporaryDirectory() as folder:
        for years in (args.years, 1):
            journal = Path(folder) / f"journal-{years}.db"
            began = time.perf_counter()
            count = build(journal, years)
            built = time.perf_counter() - began
            print(
                f"\n{years}-year journal: {count} check-ins, built (batch insert) in {built:.1f} s"
            )
            print(
                f"{'export':<12}{'rows':>8}{'seconds':>9}{'rows/s':>10}"
                f"{'peak RSS MiB':>14}{'py peak MiB':>13}"
            )
            for kind in KINDS:
                seconds, rows, rss, _ = run(kind, journal, trace=False)
                peak = run(kind, journal, trace=True)[3]
                print(
                    f"{kind:<12}{rows:>8}{float(seconds):>9.2f}{int(rows) / float(seconds):>10.0f}"
                    f"{int(rss) / 1024:>14.1f}{int(peak) / 1024:>13.1f}"
                )
            added, seconds = time_import(journal)
            print(f"import of checkins.csv into an empty journal: {added} in {seconds:.2f} s")


if __name__ == "__main__":
    main()
