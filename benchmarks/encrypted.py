"""`serjournal review` on the ten-year journal, encrypted against plain, side by side.

    python benchmarks/encrypted.py [--runs 15] [--years 10] [--seed 1]

Uses review.py's cached demo journal, and an encrypted copy of it made with
`serjournal encrypt`. Each command runs as a fresh process, interleaved. The
encrypted journal's key comes from each of its sources in turn:
SERJOURNAL_PASSPHRASE_FILE (one PBKDF2 derivation, 256,000 rounds, per
command) and a keyring (the `keyring` library's import and backend set-up,
with the tests' file-backed fake backend standing in for the system's).
Then, inside one process, the review's own work with the key already fetched
(a first open took it): what SQLCipher itself costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review import journal_for, serjournal_command, time_once  # noqa: E402

TARGET_RATIO = 1.2
PASSPHRASE = "benchmark passphrase"

IN_PROCESS = """
import sys, time
from datetime import date
from pathlib import Path
from serjournal.store.reading import open_for_reading
from serjournal.review.periods import iso_week
from serjournal.review.summary import build_summary
path = Path(sys.argv[1])
open_for_reading(path).close()  # fetch (or derive) the key once: this process keeps it
started = time.perf_counter()
conn = open_for_reading(path)
opened = time.perf_counter()
build_summary(conn, iso_week(date.today()), date.today())
done = time.perf_counter()
print(f"open={(opened - started) * 1000:.2f} summary={(done - opened) * 1000:.2f}")
"""


def encrypted_copy(plain: Path, folder: Path, env: dict[str, str]) -> Path:
    target = folder / "journal.db"
    shutil.copyfile(plain, target)
    subprocess.run(
        [*serjournal_command(), "encrypt", "--db", str(target), "--no-keyring"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return target


def in_process(journal: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", IN_PROCESS, str(journal)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        for part in out.split():
            name, value = part.split("=")
            samples.setdefault(name, []).append(float(value))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    plain = journal_for(options.years, options.seed, date.today())
    folder = Path(tempfile.mkdtemp(prefix="serjournal-encrypted-bench-"))
    secret = folder / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    root = str(Path(__file__).resolve().parents[1])
    base = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    base.pop("SERJOURNAL_DB", None)
    with_file = {
        **base,
        "SERJOURNAL_PASSPHRASE_FILE": str(secret),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    journal = encrypted_copy(plain, folder, with_file)
    keyring_file = folder / "keyring.json"
    with_keyring = {
        **base,
        "PYTHONPATH": root,
        "PYTHON_KEYRING_BACKEND": "tests.fake_keyring.FakeKeyring",
        "SERJOURNAL_TEST_KEYRING": str(keyring_file),
    }
    # Put the key in the (fake) keyring as `serjournal encrypt` would.
    subprocess.run(
        [*serjournal_command(), "encrypt", "--db", str(journal)],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**with_keyring, "SERJOURNAL_PASSPHRASE_FILE": str(secret)},
    )
    serjournal = serjournal_command()
    commands = {
        "review, plain": ([*serjournal, "review", "--db", str(plain)], base),
        "review, encrypted (passphrase file)": (
            [*serjournal, "review", "--db", str(journal)],
            with_file,
        ),
        "review, encrypted (keyring)": (
            [*serjournal, "review", "--db", str(journal)],
            with_keyring,
        ),
        "review --json, plain": ([*serjournal, "review", "--json", "--db", str(plain)], base),
        "review --json, encrypted (keyring)": (
            [*serjournal, "review", "--json", "--db", str(journal)],
            with_keyring,
        ),
    }
    for command, env in commands.values():
        time_once(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, (command, env) in commands.items():
            samples[name].append(time_once(command, env))

    base_median = statistics.median(samples["review, plain"])
    print(
        f"\n{options.years}-year journal ({plain.stat().st_size // 1024} KiB plain, "
        f"{journal.stat().st_size // 1024} KiB encrypted); median of {options.runs} runs\n"
    )
    print(f"{'command':<40}{'median ms':>10}{'min ms':>9}{'vs plain':>10}")
    for name, values in samples.items():
        median = statistics.median(values)
        reference = (
            base_median
            if "--json" not in name
            else statistics.median(samples["review --json, plain"])
        )
        print(
            f"{name:<40}{median * 1000:>10.1f}{min(values) * 1000:>9.1f}{median / reference:>9.2f}x"
        )
    plain_inside = in_process(plain, base, options.runs)
    encrypted_inside = in_process(journal, with_file, options.runs)
    print("\ninside one process, the key already fetched (median ms):")
    for name in plain_inside:
        print(
            f"  {name:<10} plain {plain_inside[name]:>7.2f}   encrypted "
            f"{encrypted_inside[name]:>7.2f}"
        )
    shutil.rmtree(folder)
    ratio = statistics.median(samples["review, encrypted (keyring)"]) / base_median
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"\nencrypted (keyring) / plain = {ratio:.2f} ({verdict} the {TARGET_RATIO} target)")


if __name__ == "__main__":
    main()
