"""How many keys a check-in takes: run by hand, not a test.

    python benchmarks/keystrokes.py [--show]

Drives the installed program in a pseudo-terminal (pexpect) through two fixed
scenarios with the fewest keys the interface allows, and prints for each the
prompts shown, the navigation keys (Enter, Space, arrows: every key that is
not a character of an answer) and the typed characters (digits and words).

- evening: all seven stages; three regions, each with quality and intensity;
  three emotions, each with intensity and where felt; two dialogue answers;
  no practice; the re-rating; a takeaway and one tag.
- quick: three ratings, two regions, two emotions, one note.

Each runs twice: on a new journal (a first day) and on a journal holding the
same check-in from yesterday (a later day).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import serjournal_command  # noqa: E402

DOWN, UP, ENTER, SPACE = "\x1b[B", "\x1b[A", "\r", " "
TIMEOUT = 30


def _environment(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LINES": "60",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "SERJOURNAL_CONFIG": str(folder / "no-config.toml"),
    }


@dataclass
class Count:
    prompts: int = 0
    navigation: int = 0
    typed: int = 0


class Keyboard:
    """Sends keys to the program and counts them."""

    def __init__(self, child: Any) -> None:
        self.child = child
        self.count = Count()

    def _wait(self, question: str) -> None:
        self.child.expect_exact(question)
        self.count.prompts += 1

    def keys(self, keys: list[str]) -> None:
        self.count.navigation += len(keys)
        self.child.send("".join(keys))

    def type(self, text: str) -> None:
        self.count.typed += len(text)
        self.child.send(text)

    def answer(self, question: str, text: str = "") -> None:
        """A typed answer (a rating or words), then Enter; Enter alone skips."""
        self._wait(question)
        self.type(text)
        self.keys([ENTER])

    def select(self, question: str, position: int, size: int, start: int = 0) -> None:
        """One choice of a list: arrows the short way round, then Enter."""
        self._wait(question)
        self.keys([*_moves(start, position, size), ENTER])

    def check(self, question: str, positions: list[int], size: int, start: int = 0) -> None:
        """Several choices of a checkbox list: the shortest tour, Space on each, Enter."""
        self._wait(question)
        best: list[str] | None = None
        for order in itertools.permutations(positions):
            keys, at = [], start
            for position in order:
                keys += [*_moves(at, position, size), SPACE]
                at = position
            if best is None or len(keys) < len(best):
                best = keys
        self.keys([*(best or []), ENTER])

    def find(self, question: str, *typed: str) -> None:
        """A list filtered by typing: Space picks each found choice, Enter
        takes the last one typed (or, with nothing typed, the one pointed at)."""
        self._wait(question)
        for index, text in enumerate(typed):
            self.type(text)
            self.keys([SPACE if index < len(typed) - 1 else ENTER])

    def wait(self, text: str) -> None:
        self.child.expect_exact(text)


DOWN_ONLY = False  # --down-only: as a person who never wraps round with Up


def _moves(start: int, position: int, size: int) -> list[str]:
    """The arrows from `start` to `position` in a list that wraps round."""
    down = (position - start) % size
    return [DOWN] * down if DOWN_ONLY or down <= size - down else [UP] * (size - down)


# --- The two scenarios ----------------------------------------------------------------------
# Lists are filtered by typing a few letters (`find`); a single choice takes
# what was typed with Enter, several are picked with Space between. The
# numbers before these prompts existed (the interface of main before issue 10,
# pressing arrows) are in the README, measured by this script's first version.


def evening(k: Keyboard, later_day: bool) -> None:
    k.select("Would you like a few guided breaths to land?", 0, 1)  # Enter: No
    k.answer("How settled and safe", "6")
    if later_day:  # yesterday's intention and takeaway are shown: how did it go? Enter skips
        k.answer("How did it go?")
    k.answer("How is your mood?", "6")
    k.answer("How is your energy?", "4")
    k.answer("How much distress", "3")
    k.answer("What is on your mind today", "a hard conversation at work")
    if later_day:  # yesterday's places are picked: Enter keeps them, and their qualities
        k.select("Where do you notice tension", 0, 1)
    else:
        k.find("Where do you notice tension", "sho", "che", "bel")
    k.select("Which side of the shoulders?", 0, 4)  # left, the first
    for region, quality, typed, intensity in (
        ("shoulders", "tense", "te", "4"),
        ("chest", "pressure", "pr", "6"),
        ("belly", "knotted", "kn", "3"),
    ):
        question = f"What is it like in the {region}?"
        if later_day:
            k.select(question, 0, 1)
        else:
            k.find(question, typed)
        k.answer(f"How intense is it? ({region}, {quality})", intensity)
    k.find("Which feelings are here?", "hop", "anx", "dra")
    for name, intensity, region in (
        ("hopeful", "3", "che"),
        ("anxious", "5", "che"),
        ("drained", "4", ""),  # shoulders, the first scanned
    ):
        k.answer(f"How intense is it? ({name})", intensity)
        k.find(f"Where in the body do you feel {name}?", region)
    k.answer("Does a memory or image surface?")
    k.find("Which place asks for attention most?", "che")
    k.answer("If this area could speak", "slow down")
    k.answer("What does it need?", "rest")
    k.answer("What image, colour or shape comes?")
    k.find("Which practice would you like?", "no")
    k.answer("How intense is it? (chest, pressure, now; it was 6)", "3")
    k.answer("How much distress do you feel? (now; it was 3)", "2")
    k.answer("What shifted, if anything?")
    k.answer("One takeaway to carry with you?", "breathe out longer")
    k.answer("And your mood now", "7")
    k.answer("Tags, separated by commas", "work")
    k.wait("Saved check-in")


def quick(k: Keyboard, later_day: bool) -> None:
    k.answer("Mood, energy and distress?", "7 5 2")
    if later_day:
        k.select("Where do you notice something in the body?", 0, 1)
    else:
        k.find("Where do you notice something in the body?", "sho", "che")
    for region, quality, typed, intensity in (
        ("shoulders", "tense", "te", "3"),
        ("chest", "tight", "ti", "4"),
    ):
        question = f"What is it like in the {region}?"
        if later_day:
            k.select(question, 0, 1)
        else:
            k.find(question, typed)
        k.answer(f"How intense is it? ({region}, {quality})", intensity)
    k.find("Which feelings are here?", "con", "dra")
    k.answer("How intense is it? (content)", "6")
    k.find("Where in the body do you feel content?", "che")
    k.answer("How intense is it? (drained)", "4")
    k.find("Where in the body do you feel drained?", "")  # shoulders, the first
    k.answer("One line about today", "a long day, ok")
    k.answer("Tags, separated by commas")
    k.wait("Saved check-in")


# The same check-ins, given as flags, for yesterday's entry on a later day.
YESTERDAY = {
    "evening": shlex.split(
        "--mood 6 --energy 4 --distress 3 --settledness 6 --distress-after 2"
        " -s shoulders/left:tense:4 -s chest:pressure:6:3 -s belly:knotted:3 --target chest"
        " -e hopeful:3:chest -e anxious:5:chest -e drained:4:shoulders --practice none"
        " --closing-mood 7 --tag work --focus 'a hard conversation at work'"
        " --takeaway 'breathe out longer'"
    ),
    "quick": shlex.split(
        "--quick --mood 7 --energy 5 --distress 2 -s shoulders:tense:3 -s chest:tight:4"
        " -e content:6:chest -e drained:4:shoulders --note 'a long day, ok'"
    ),
}

SCENARIOS: dict[str, tuple[list[str], Callable[[Keyboard, bool], None]]] = {
    "evening": ([], evening),
    "quick": (["--quick"], quick),
}


def run(name: str, later_day: bool, show: bool) -> Count:
    arguments, drive = SCENARIOS[name]
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder))
        journal = str(Path(folder) / "journal.db")
        command = serjournal_command()
        if later_day:
            subprocess.run(
                [*command, "checkin", "--db", journal, "--at", "yesterday 21:00", *YESTERDAY[name]],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        child = pexpect.spawn(
            command[0],
            [*command[1:], "checkin", "--db", journal, *arguments],
            env=env,
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(60, 100),
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        if show:
            child.logfile_read = sys.stdout
        keyboard = Keyboard(child)
        drive(keyboard, later_day)
        child.expect(pexpect.EOF)
        child.close()
        if child.exitstatus != 0:
            raise SystemExit(f"{name}: the check-in ended with status {child.exitstatus}")
        return keyboard.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print the terminal as it runs")
    parser.add_argument("--down-only", action="store_true", help="never wrap round with Up")
    options = parser.parse_args()
    global DOWN_ONLY
    DOWN_ONLY, show = options.down_only, options.show
    print(f"{'scenario':<22}{'prompts':>8}{'navigation keys':>17}{'typed characters':>18}")
    for name in SCENARIOS:
        for later_day in (False, True):
            count = run(name, later_day, show)
            label = f"{name}, {'a later day' if later_day else 'first day'}"
            print(f"{label:<22}{count.prompts:>8}{count.navigation:>17}{count.typed:>18}")


if __name__ == "__main__":
    main()
