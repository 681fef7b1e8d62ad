"""End to end: the real program in a pseudo-terminal, answered with keystrokes.

These start `python -m serjournal checkin` under pexpect, so questionary and
prompt_toolkit draw their real prompts; we wait for stable question text,
press arrows, space, enter and type, then read the journal with sqlite3.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest

pytestmark = pytest.mark.e2e

TIMEOUT = 30  # generous: the machine may be busy
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"


class Terminal:
    """A thin wrapper that reads like the steps a person takes."""

    def __init__(self, child: Any) -> None:
        self.child = child

    def wait(self, text: str) -> None:
        self.child.expect_exact(text)

    def answer(self, question: str, typed: str) -> None:
        self.wait(question)
        self.child.send(typed + ENTER)

    def pick(self, question: str, *positions: int) -> None:
        """Tick the checkbox items at `positions` (0-based, ascending), then Enter."""
        self.wait(question)
        current = 0
        for position in positions:
            self.child.send(DOWN * (position - current) + SPACE)
            current = position
        self.child.send(ENTER)

    def select(self, question: str, position: int) -> None:
        self.wait(question)
        self.child.send(DOWN * position + ENTER)

    def press(self, question: str, keys: str) -> None:
        self.wait(question)
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Any]:
    children: list[Any] = []

    def launch(*args: str) -> Terminal:
        env = {
            **os.environ,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "LINES": "40",
            # pexpect does not answer the cursor-position queries a real terminal
            # answers at once; without this prompt_toolkit waits ~1 s per prompt.
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "SERJOURNAL_CONFIG": str(tmp_path / "no-config.toml"),
        }
        child = pexpect.spawn(
            sys.executable,
            ["-m", "serjournal", "checkin", *args],
            env=env,
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(40, 100),
            # Ctrl-C must reach the program as at a real terminal, even when the
            # tests run as a background job (which starts with SIGINT ignored).
            preexec_fn=_default_sigint,
        )
        child.logfile_read = (tmp_path / f"terminal-{len(children)}.log").open("w")
        children.append(child)
        return Terminal(child)

    yield launch
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def checkin_rows(journal: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(journal) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM checkins")]


def test_full_checkin_typed_at_the_keyboard(start: Any, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    t = start("--db", str(journal))

    # 1 Arrive: accept the landing breaths, then skip them with Ctrl-C.
    t.press("Would you like a few guided breaths to land?", "y")
    t.wait("Follow the bar")
    t.wait("breath 1 of 3")
    t.child.send(CTRL_C)
    t.wait("Practice ended early")
    t.answer("How settled and safe do you feel right now?", "5")
    # 2 Check in
    t.answer("How is your mood?", "6")
    t.answer("How is your energy?", "4")
    t.answer("How much distress do you feel?", "3")
    t.answer("What is on your mind today", "a hard meeting")
    # 3 Body scan: shoulders (5th) and chest (6th).
    t.pick("Where do you notice tension", 4, 5)
    t.select("Which side of the shoulders?", 0)  # left
    t.select("What is it like in the shoulders?", 6)  # tense (after temperature's five)
    t.answer("How intense is it? (shoulders, tense)", "4")
    t.select("What is it like in the chest?", 5)  # tight
    t.answer("How intense is it? (chest, tight)", "6")
    # 4 Emotions: the fear family (5th), then 'anxious' (3rd), felt in the chest.
    t.pick("Which families of feeling are here?", 4)
    t.pick("Which words fit best (fear)?", 2)
    t.answer("How intense is it? (anxious)", "5")
    t.select("Where in the body do you feel anxious?", 1)  # scanned regions come first
    t.answer("Does a memory or image surface?", "")
    # 5 Dialogue about the chest.
    t.select("Which place asks for attention most?", 1)
    t.answer("If this area could speak, what would it say?", "slow down")
    t.answer("What does it need?", "rest")
    t.answer("What image, colour or shape comes?", "a grey stone")
    # 6 Release: no practice today, then re-rate.
    t.select("Which practice would you like?", 3)
    t.answer("How intense is it? (now: chest (tight))", "2")
    t.answer("How much distress do you feel? (now)", "1")
    # 7 Integrate
    t.answer("What shifted, if anything?", "softer")
    t.answer("One takeaway to carry with you?", "breathe first")
    t.wait("Feel your feet on the floor")
    t.answer("And your mood now, as you close?", "7")
    t.answer("New tags, separated by commas", "evening, work")
    t.wait("Saved check-in")
    assert t.finish() == 0

    (row,) = checkin_rows(journal)
    assert row["mode"] == "full"
    assert [row[k] for k in ("settledness", "mood", "energy", "distress")] == [5, 6, 4, 3]
    assert [row[k] for k in ("practice", "distress_after", "closing_mood")] == ["none", 1, 7]
    with sqlite3.connect(journal) as conn:
        sensations = conn.execute(
            "SELECT region, side, quality, intensity, intensity_after, is_target "
            "FROM sensations ORDER BY position"
        ).fetchall()
        emotions = conn.execute("SELECT name, family, intensity, region FROM emotions").fetchall()
        answers = dict(conn.execute("SELECT prompt, text FROM answers").fetchall())
        tags = [r[0] for r in conn.execute("SELECT tag FROM tags ORDER BY rowid")]
    assert tags == ["evening", "work"]
    assert sensations == [
        ("shoulders", "left", "tense", 4, None, 0),
        ("chest", None, "tight", 6, 2, 1),
    ]
    assert emotions == [("anxious", "fear", 5, "chest")]
    assert answers == {
        "focus": "a hard meeting",
        "speak": "slow down",
        "need": "rest",
        "image": "a grey stone",
        "shift": "softer",
        "takeaway": "breathe first",
    }
    assert list((tmp_path / "journal.db.drafts").glob("*.json")) == []

    # And `show` gives it back, stage by stage.
    shown = subprocess.run(
        [sys.executable, "-m", "serjournal", "show", row["id"][:8], "--db", str(journal)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        check=True,
    ).stdout
    for expected in ("5/7  Dialogue and imagery", "a grey stone", "chest: 6/10 -> 2/10"):
        assert expected in shown


def test_quick_checkin_at_the_keyboard(start: Any, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    t = start("--quick", "--db", str(journal))
    t.answer("How is your mood?", "7")
    t.answer("How is your energy?", "5")
    t.answer("How much distress do you feel?", "2")
    t.pick("Where do you notice something in the body?", 5)  # chest
    t.select("What is it like in the chest?", 20)  # soft, the last of texture
    t.answer("How intense is it? (chest, soft)", "3")
    # Feelings are grouped by family; the pointer starts on 'happy' (joy).
    t.pick("Which feelings are here?", 5)  # grateful
    t.answer("How intense is it? (grateful)", "6")
    t.select("Where in the body do you feel grateful?", 0)  # chest, the one scanned
    t.answer("One line about today", "a kind evening")
    t.answer("New tags, separated by commas", "")
    t.wait("Saved check-in")
    assert t.finish() == 0

    (row,) = checkin_rows(journal)
    assert (row["mode"], row["mood"], row["energy"], row["distress"]) == ("quick", 7, 5, 2)
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT region, quality, intensity FROM sensations").fetchall() == [
            ("chest", "soft", 3)
        ]
        assert conn.execute("SELECT name, intensity, region FROM emotions").fetchall() == [
            ("grateful", 6, "chest")
        ]
        assert conn.execute("SELECT prompt, text FROM answers").fetchall() == [
            ("note", "a kind evening")
        ]


@pytest.mark.parametrize("how", ["ctrl-c", "closed-terminal"])
def test_stopping_part_way_keeps_a_draft_that_resumes(start: Any, tmp_path: Path, how: str) -> None:
    journal = tmp_path / "journal.db"
    t = start("--db", str(journal))
    t.press("Would you like a few guided breaths to land?", "n")
    t.answer("How settled and safe do you feel right now?", "5")
    t.answer("How is your mood?", "6")
    t.answer("How is your energy?", "4")
    t.answer("How much distress do you feel?", "3")
    t.answer("What is on your mind today", "a hard meeting")
    t.wait("Where do you notice tension")  # stage 3, the middle of the check-in
    if how == "ctrl-c":
        t.child.send(CTRL_C)
        t.wait("Stopped. Your answers so far are kept as a draft")
        assert t.finish() == 130
    else:
        t.child.close(force=False)  # the window closes: SIGHUP

    drafts_dir = tmp_path / "journal.db.drafts"
    for _ in range(100):  # the process may still be writing after a hang-up
        if list(drafts_dir.glob("*.json")) and not list(drafts_dir.glob("*.lock")):
            break
        time.sleep(0.1)
    (draft_file,) = drafts_dir.glob("*.json")
    draft = json.loads(draft_file.read_text())
    assert draft["stage"] == "body"
    assert draft["checkin"]["mood"] == 6
    assert draft["checkin"]["answers"] == {"focus": "a hard meeting"}
    assert checkin_rows(journal) == []

    # The next check-in offers it; resume (the first choice: Enter) and finish quickly.
    t = start("--db", str(journal))
    t.wait("You have an unfinished check-in from")
    t.wait("(stopped at 3/7  Body scan)")
    t.press("What would you like to do with it?", ENTER)
    t.pick("Where do you notice tension")  # nothing noticed
    t.pick("Which families of feeling are here?")
    t.answer("Does a memory or image surface?", "")
    t.answer("If this area could speak", "")
    t.answer("What does it need?", "")
    t.answer("What image, colour or shape comes?", "")
    t.select("Which practice would you like?", 3)
    t.answer("How much distress do you feel? (now)", "")
    t.answer("What shifted, if anything?", "")
    t.answer("One takeaway to carry with you?", "")
    t.answer("And your mood now, as you close?", "")
    t.answer("New tags, separated by commas", "")
    t.wait("Saved check-in")
    assert t.finish() == 0
    (row,) = checkin_rows(journal)
    assert (row["id"], row["mood"]) == (draft["checkin"]["id"], 6)
    assert not draft_file.exists()
