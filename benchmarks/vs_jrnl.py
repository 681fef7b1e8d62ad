"""serjournal against jrnl on the same history: run by hand, not a test.

    python benchmarks/vs_jrnl.py [--years 10] [--runs 11] [--jrnl PATH]

Builds the ten-year demo journal and a plain-text jrnl journal with the same
number of entries (each with the same written answers), installs jrnl into a
throw-away virtual environment of its own (jrnl is not a dependency of
serjournal; --jrnl PATH uses one you have), then runs each pair of commands
alternately and prints the median wall time of each and their ratio, as a
Markdown table for the README. Both write to /dev/null, both without colour.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from startup import as_installed, serjournal_command, time_to_first_prompt  # noqa: E402

SEARCH_WORD = "shoulders"
TARGETS = {
    "review": 0.5,
    "list": 0.5,
    "search": 0.5,
    "version": 1.2,
    "status --short": 2.5,
    "first question": 1.15,
    "export": 0.25,
}

JRNL_CONFIG = """\
journals:
  default:
    journal: {journal}
encrypt: false
default_hour: 9
default_minute: 0
editor: ""
template: false
timeformat: "%F %r"
tagsymbols: "#@"
highlight: false
linewrap: 79
indent_character: "|"
colors:
  body: none
  date: none
  tags: none
  title: none
version: v4.6
"""


def build_serjournal(journal: Path, years: int) -> int:
    from serjournal.demo import fill_journal
    from serjournal.store.connection import open_journal

    db = open_journal(journal)
    count = fill_journal(db, years=years, seed=7)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return count


def build_jrnl(journal: Path, source: Path) -> int:
    """One jrnl entry per check-in, with its written answers as the text."""
    from serjournal.store.reading import open_for_reading
    from serjournal.store.stream import iter_checkins

    conn = open_for_reading(source)
    assert conn is not None
    count = 0
    with journal.open("w", encoding="utf-8") as out:
        for checkin in iter_checkins(conn):
            when = checkin.local_time.strftime("%Y-%m-%d %I:%M:%S %p")
            texts = list(checkin.answers.values()) or ["(ratings only)"]
            body = " ".join([*texts[1:], *(f"{s.region} {s.quality}" for s in checkin.sensations)])
            out.write(f"[{when}] {texts[0]}\n{body}\n\n")
            count += 1
    conn.close()
    return count


def install_jrnl(folder: Path) -> Path:
    venv = folder / "jrnl-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "jrnl"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return venv / "bin" / "jrnl"


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def pair_medians(
    ours: Callable[[], float], theirs: Callable[[], float], runs: int
) -> tuple[float, float]:
    ours(), theirs()  # warm the file cache
    a, b = [], []
    for _ in range(runs):  # alternate, so a busy moment hits both alike
        a.append(ours())
        b.append(theirs())
    return statistics.median(a) * 1000, statistics.median(b) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--jrnl", type=Path, help="a jrnl executable to use instead")
    options = parser.parse_args()
    as_installed()
    folder = Path(tempfile.mkdtemp(prefix="serjournal-vs-jrnl-"))
    ours_journal = folder / "journal.db"
    count = build_serjournal(ours_journal, options.years)
    text_journal = folder / "journal.txt"
    build_jrnl(text_journal, ours_journal)
    jrnl = str(options.jrnl or install_jrnl(folder))
    home = folder / "home"
    (home / ".config" / "jrnl").mkdir(parents=True)
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(
        JRNL_CONFIG.format(journal=text_journal), encoding="utf-8"
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "NO_COLOR": "1",
        "SERJOURNAL_DB": str(ours_journal),
        "SERJOURNAL_CONFIG": str(folder / "no-config.toml"),
    }
    sj = serjournal_command()
    py = sys.executable
    export_out = folder / "export.json"
    pairs: list[tuple[str, str, Callable[[], float], str, Callable[[], float]]] = [
        ("review", "serjournal review", lambda: wall([*sj, "review"], env),
         "jrnl -n 7", lambda: wall([jrnl, "-n", "7"], env)),
        ("list", "serjournal list --limit 7", lambda: wall([*sj, "list", "--limit", "7"], env),
         "jrnl -n 7", lambda: wall([jrnl, "-n", "7"], env)),
        ("search", f"serjournal search {SEARCH_WORD}",
         lambda: wall([*sj, "search", SEARCH_WORD], env),
         f"jrnl -contains {SEARCH_WORD}", lambda: wall([jrnl, "-contains", SEARCH_WORD], env)),
        ("version", "serjournal --version", lambda: wall([*sj, "--version"], env),
         'python -c "import typer"', lambda: wall([py, "-c", "import typer"], env)),
        ("status --short", "serjournal status --short",
         lambda: wall([*sj, "status", "--short"], env),
         "python -c pass", lambda: wall([py, "-c", "pass"], env)),
        ("first question", "checkin, first question on screen",
         lambda: time_to_first_prompt(sj, ours_journal),
         'python -c "import typer, rich.console, questionary"',
         lambda: wall([py, "-c", "import typer, rich.console, questionary"], env)),
        ("export", "serjournal export --format json -o F",
         lambda: wall([*sj, "export", "--format", "json", "-o", str(export_out)], env),
         "jrnl --format json --file F",
         lambda: wall([jrnl, "--format", "json", "--file", str(export_out) + ".jrnl"], env)),
    ]  # fmt: skip
    print(
        f"{count} check-ins over {options.years} years; median of {options.runs} alternating runs"
    )
    print()
    print("| what | serjournal | ms | compared with | ms | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    for key, ours_label, ours, theirs_label, theirs in pairs:
        mine, other = pair_medians(ours, theirs, options.runs)
        ratio = mine / other
        mark = "met" if ratio <= TARGETS[key] else "missed"
        print(
            f"| {key} | `{ours_label}` | {mine:.0f} | `{theirs_label}` | {other:.0f} | "
            f"{ratio:.2f} | <= {TARGETS[key]} ({mark}) |"
        )


if __name__ == "__main__":
    main()
