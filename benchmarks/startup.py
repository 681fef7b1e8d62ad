"""How quickly serjournal starts: run by hand, not a test.

    python benchmarks/startup.py [--runs 10]

Measures, as the median wall time of several runs on this machine:
- `serjournal checkin` until its first prompt is on the screen, in a
  pseudo-terminal with pexpect, for an existing journal and for a new one,
- `serjournal --version`,
- `python -c "import typer"` and `python -c pass`, for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FIRST_PROMPT = "Would you like a few guided breaths to land?"


def serjournal_command() -> list[str]:
    """The installed console script beside this Python, else `python -m serjournal`."""
    script = Path(sys.executable).with_name("serjournal")
    if script.exists():
        return [str(script)]
    found = shutil.which("serjournal")
    return [found] if found else [sys.executable, "-m", "serjournal"]


def as_installed() -> None:
    """Measure what an installed copy does: pip compiles every module once,
    and a PYTHONDONTWRITEBYTECODE in the environment (some shells and CI set
    it) would otherwise make each run recompile what changed since."""
    import compileall

    import serjournal

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(Path(serjournal.__file__).parent, quiet=1)


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def time_to_first_prompt(command: list[str], journal: Path) -> float:
    import pexpect

    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100"}
    started = time.perf_counter()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "checkin", "--db", str(journal)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    # The prompts send no cursor-position query (flow/widgets.py): the first
    # question's words are the sign it is on the screen.
    child.expect_exact(FIRST_PROMPT)
    elapsed = time.perf_counter() - started
    child.kill(signal.SIGKILL)  # not a hang-up, which would keep a draft
    child.close(force=True)
    return elapsed


def first_prompt_new_journal(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        return time_to_first_prompt(command, Path(folder) / "journal.db")


def median_ms(measure: Callable[[], float], runs: int) -> tuple[float, float, float]:
    measure()  # warm the file cache
    samples = [measure() * 1000 for _ in range(runs)]
    return statistics.median(samples), min(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    as_installed()
    command = serjournal_command()
    folder = tempfile.TemporaryDirectory()
    existing = Path(folder.name) / "journal.db"
    # An evening like any other: the journal exists and holds a check-in.
    subprocess.run(
        [*command, "checkin", "--db", str(existing), "--mood", "5"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = [
        ("checkin -> first prompt", lambda: time_to_first_prompt(command, existing)),
        ("checkin -> first prompt (new journal)", lambda: first_prompt_new_journal(command)),
        ("serjournal --version", lambda: wall_time([*command, "--version"])),
        ('python -c "import typer"', lambda: wall_time([sys.executable, "-c", "import typer"])),
        ("python -c pass", lambda: wall_time([sys.executable, "-c", "pass"])),
    ]
    print(f"{' '.join(command)}; Python {sys.version.split()[0]}; median of {runs} runs")
    for label, measure in rows:
        median, low, high = median_ms(measure, runs)
        print(f"  {label:<38} {median:7.0f} ms   (min {low:.0f}, max {high:.0f})")
    folder.cleanup()


if __name__ == "__main__":
    main()
