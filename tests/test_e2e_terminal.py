"""End to end: the real program in a pseudo-terminal, answered with keystrokes.

These start `python -m serjournal checkin` under pexpect, so prompt_toolkit
draws serjournal's real prompts; we wait for stable question text, type to
filter lists, press arrows, space, enter, then read the journal with sqlite3.
Where a test cares where something is on the screen (a message right under
its prompt), pyte, a terminal emulator, replays the output into a screen.
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
import pyte
import pytest

pytestmark = pytest.mark.e2e

TIMEOUT = 30  # generous: the machine may be busy
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
BACKSPACE = "\x7f"
ROWS, COLUMNS = 40, 100


class Recorder:
    """pexpect's log of the output: kept in a file, and replayed on a screen."""

    def __init__(self, path: Path, columns: int = 0) -> None:
        self.file = path.open("w")
        self.screen = pyte.Screen(columns or COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)

    def write(self, text: str) -> None:
        self.file.write(text)
        self.stream.feed(text)

    def flush(self) -> None:
        self.file.flush()


class Terminal:
    """A thin wrapper that reads like the steps a person takes."""

    def __init__(self, child: Any) -> None:
        self.child = child

    def on_screen(self, text: str) -> list[str]:
        """Wait until `text` is on the screen (drawn in pieces, as prompt_toolkit
        redraws only what changed); returns the screen's rows."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            rows = self.screen()
            if any(text in row for row in rows):
                return rows
        raise AssertionError(f"{text!r} never appeared on:\n" + "\n".join(self.screen()))

    def screen(self) -> list[str]:
        """The screen's rows as a person sees them now."""
        time.sleep(0.3)  # let the prompt finish drawing
        while True:  # take in whatever is waiting
            try:
                self.child.read_nonblocking(100000, timeout=0.1)
            except (pexpect.TIMEOUT, pexpect.EOF):
                break
        return list(self.child.logfile_read.screen.display)

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

    def find(self, question: str, *typed: str) -> None:
        """Type to filter the list, Space to pick each; the last one typed is
        taken by Enter (typing a name and pressing Enter means that name)."""
        self.wait(question)
        for index, text in enumerate(typed):
            time.sleep(0.05)
            self.child.send(text + (SPACE if index < len(typed) - 1 else ENTER))

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

    def launch(*args: str, config: Path | None = None, columns: int = 0) -> Terminal:
        columns = columns or COLUMNS
        env = {
            **os.environ,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "COLUMNS": str(columns),
            "LINES": str(ROWS),
            # pexpect does not answer the cursor-position queries a real terminal
            # answers at once; without this prompt_toolkit waits ~1 s per prompt.
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "SERJOURNAL_CONFIG": str(config or tmp_path / "no-config.toml"),
        }
        child = pexpect.spawn(
            sys.executable,
            ["-m", "serjournal", "checkin", *args],
            env=env,
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(ROWS, columns),
            # Ctrl-C must reach the program as at a real terminal, even when the
            # tests run as a background job (which starts with SIGINT ignored).
            preexec_fn=_default_sigint,
        )
        child.logfile_read = Recorder(tmp_path / f"terminal-{len(children)}.log", columns)
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
    # 3 Body scan: found by typing; asked from head to feet.
    t.find("Where do you notice tension", "che", "sho")
    t.select("Which side of the shoulders?", 0)  # left
    t.find("What is it like in the shoulders?", "tens")
    t.answer("How intense is it? (shoulders, tense)", "4")
    t.find("What is it like in the chest?", "tig")
    t.answer("How intense is it? (chest, tight)", "6")
    # 4 Emotions: one list, a word typed.
    t.find("Which feelings are here?", "anx")
    t.answer("How intense is it? (anxious)", "5")
    t.select("Where in the body do you feel anxious?", 1)  # scanned regions come first
    t.answer("Does a memory or image surface?", "")
    # 5 Dialogue about the chest.
    t.find("Which place asks for attention most?", "che")
    t.answer("If this area could speak, what would it say?", "slow down")
    t.answer("What does it need?", "rest")
    t.answer("What image, colour or shape comes?", "a grey stone")
    # 6 Release: no practice today, then re-rate, reminded of the earlier values.
    t.find("Which practice would you like?", "no")
    t.answer("How intense is it? (chest, tight, now; it was 6)", "2")
    t.answer("How much distress do you feel? (now; it was 3)", "1")
    # 7 Integrate
    t.answer("What shifted, if anything?", "softer")
    t.answer("One takeaway to carry with you?", "breathe first")
    t.wait("Feel your feet on the floor")
    t.answer("And your mood now, as you close?", "7")
    t.answer("Tags, separated by commas", "evening, work")
    t.wait("Saved check-in")
    t.wait("-> 1/10 when rated again")  # no practice: not 'after the practice'
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
    t.answer("Mood, energy and distress?", "7 5 2")
    t.find("Where do you notice something in the body?", "che")
    t.find("What is it like in the chest?", "soft")
    t.answer("How intense is it? (chest, soft)", "3")
    t.find("Which feelings are here?", "grat")
    t.answer("How intense is it? (grateful)", "6")
    t.select("Where in the body do you feel grateful?", 0)  # chest, the one scanned
    t.answer("One line about today", "a kind evening")
    t.answer("Tags, separated by commas", "")
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


def test_the_first_question_does_not_wait_for_the_writer(tmp_path: Path) -> None:
    """On a journal that is ours and current, the real program puts its first
    question on screen before loading sqlite-utils (the journal is opened
    for writing when the answers are saved). Python's import log, written as
    each module loads, shows what was loaded by the time the question showed."""
    journal = tmp_path / "journal.db"
    subprocess.run(
        [sys.executable, "-m", "serjournal", "checkin", "--db", str(journal), "--mood", "5"],
        check=True,
        capture_output=True,
    )
    imports = tmp_path / "imports.log"
    env = {
        **os.environ,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PYTHONPROFILEIMPORTTIME": "1",
        "SERJOURNAL_CONFIG": str(tmp_path / "none.toml"),
    }
    command = f"exec {sys.executable} -m serjournal checkin --quick --db {journal} 2>{imports}"
    child = pexpect.spawn("sh", ["-c", command], env=env, encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(ROWS, COLUMNS), preexec_fn=_default_sigint)  # fmt: skip
    try:
        child.expect_exact("Mood, energy and distress?")
        loaded_at_first_question = imports.read_text()
        assert "prompt_toolkit" in loaded_at_first_question  # the log is live
        assert "sqlite_utils" not in loaded_at_first_question
        child.send("7 5 2" + ENTER)
        child.expect_exact("Where do you notice something in the body?")
        child.send(ENTER)
        child.expect_exact("Which feelings are here?")
        child.send(ENTER)
        child.expect_exact("One line about today")
        child.send("the writer waited" + ENTER)
        child.expect_exact("Tags, separated by commas")
        child.send(ENTER)
        child.expect_exact("Saved check-in")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "sqlite_utils" in imports.read_text()  # loaded to save
    assert [r["mood"] for r in checkin_rows(journal)] == [5, 7]


def test_typing_filters_a_list_to_what_matches(start: Any, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    t = start("--quick", "--db", str(journal))
    t.answer("Mood, energy and distress?", "")
    t.find("Where do you notice something in the body?", "che")
    t.wait("What is it like in the chest?")
    t.child.send("pre")  # "pressure" is the 15th quality
    screen = t.on_screen("› pressure")
    list_rows = screen[screen.index(next(r for r in screen if "pre▏" in r)) + 1 :]
    assert [r.strip() for r in list_rows if r.strip()] == ["› pressure"]  # nothing else shown
    t.child.send(ENTER)
    t.wait("How intense is it? (chest, pressure)")
    # The list is gone; its line says the name chosen.
    assert "· What is it like in the chest? pressure" in [r.rstrip() for r in t.screen()]
    t.child.send(CTRL_C)
    t.finish()


def test_a_wrong_rating_is_explained_right_under_its_prompt(start: Any, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    t = start("--db", str(journal))
    t.press("Would you like a few guided breaths to land?", ENTER)
    t.answer("How settled and safe do you feel right now?", "11")
    screen = t.on_screen("A whole number from 0 to 10, or Enter to skip")
    at = next(i for i, row in enumerate(screen) if "How settled and safe" in row)
    assert "11" in screen[at]
    assert screen[at + 1].strip() == "A whole number from 0 to 10, or Enter to skip"
    assert all(not row.strip() for row in screen[at + 2 :])  # nothing far below
    t.child.send(BACKSPACE * 2 + "7" + ENTER)
    t.wait("How is your mood?")
    t.child.send(CTRL_C)
    t.finish()
    # The draft kept the corrected answer.
    (draft,) = (tmp_path / "journal.db.drafts").glob("*.json")
    assert json.loads(draft.read_text())["checkin"]["settledness"] == 7


def test_last_times_places_are_picked_and_enter_keeps_them(start: Any, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    subprocess.run(
        [
            sys.executable, "-m", "serjournal", "checkin", "--db", str(journal),
            "--at", "yesterday 21:00", "-s", "chest:tight:5", "-s", "belly:knotted:3",
        ],
        check=True, capture_output=True,
        env={**os.environ, "SERJOURNAL_CONFIG": str(tmp_path / "no-config.toml")},
    )  # fmt: skip
    t = start("--quick", "--db", str(journal))
    t.answer("Mood, energy and distress?", "5 5 2")
    t.wait("you noticed: chest, belly. They are picked; Enter keeps them.")
    t.wait("Where do you notice something in the body?")
    screen = t.on_screen("● belly")
    assert any("● chest" in row for row in screen)
    t.child.send(ENTER)  # one key: the same places
    t.press("What is it like in the chest?", ENTER)  # Enter keeps last time's: tight
    t.answer("How intense is it? (chest, tight)", "4")
    t.press("What is it like in the belly?", ENTER)  # and knotted
    t.answer("How intense is it? (belly, knotted)", "2")
    t.press("Which feelings are here?", ENTER)
    t.answer("One line about today", "")
    t.answer("Tags, separated by commas", "")
    t.wait("Saved check-in")
    assert t.finish() == 0
    with sqlite3.connect(journal) as conn:
        regions = conn.execute(
            "SELECT s.region, s.quality, s.intensity FROM sensations s JOIN checkins c "
            "ON c.id = s.checkin_id WHERE c.mode = 'quick' ORDER BY c.created_utc DESC, position"
        ).fetchall()
    assert regions[:2] == [("chest", "tight", 4), ("belly", "knotted", 2)]


def test_a_heavy_close_ends_with_the_support_note_before_the_summary(
    start: Any, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('support_line = "Call Sam: 555 0134"\n')
    journal = tmp_path / "journal.db"
    t = start("--quick", "--db", str(journal), config=config)
    t.answer("Mood, energy and distress?", "3 2 5")
    t.press("Where do you notice something in the body?", ENTER)
    t.find("Which feelings are here?", "hopel")
    t.answer("How intense is it? (hopeless)", "9")
    t.answer("One line about today", "")
    t.answer("Tags, separated by commas", "")
    t.wait("You are closing with a lot still here")
    t.wait("Your own line for moments like this: Call Sam: 555 0134")
    # Saved already, while the offer waits: nothing at the close holds it back.
    assert len(checkin_rows(journal)) == 1
    t.press("Would you like a short grounding exercise before you go?", "n")
    t.wait("Saved check-in")
    assert t.finish() == 0
    t.child.logfile_read.flush()
    log = (tmp_path / "terminal-0.log").read_text()
    assert log.index("You are closing with a lot") < log.index("Saved check-in")


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
    t.pick("Which feelings are here?")
    t.answer("Does a memory or image surface?", "")
    # Nothing in the body and distress 3: dialogue and release offered in one line.
    t.press("Go on to dialogue and release anyway?", ENTER)
    t.answer("What shifted, if anything?", "")
    t.answer("One takeaway to carry with you?", "")
    t.answer("And your mood now, as you close?", "")
    t.answer("Tags, separated by commas", "")
    t.wait("Saved check-in")
    assert t.finish() == 0
    (row,) = checkin_rows(journal)
    assert (row["id"], row["mood"]) == (draft["checkin"]["id"], 6)
    assert not draft_file.exists()


@pytest.mark.parametrize("ending", ["ctrl-c", "the last breath"])
def test_the_breath_practice_leaves_nothing_behind_at_60_columns(
    start: Any, tmp_path: Path, ending: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[breath]\ninhale = 1\nhold = 0.5\nexhale = 1\n")  # three short breaths
    t = start("--db", str(tmp_path / "journal.db"), columns=60, config=config)
    t.press("Would you like a few guided breaths to land?", "y")
    t.wait("breath 1 of 3")
    t.child.send("abc" + ENTER)  # keys pressed during the practice answer nothing
    time.sleep(0.5)
    if ending == "ctrl-c":
        t.child.send(CTRL_C)
        t.wait("Practice ended early")
    screen = t.on_screen("How settled and safe")
    shown = [row.rstrip() for row in screen if row.strip()]
    asked = next(i for i, row in enumerate(shown) if "guided breaths to land? Yes" in row)
    after = shown[asked + 1]
    if ending == "ctrl-c":
        assert after == "Practice ended early. That is fine."  # the bar and its words: gone
    else:
        assert after.strip().startswith("0 not at all settled")  # straight on to the next question
    assert not any("Breathe" in row or "Follow the bar" in row or "^C" in row for row in shown)
    assert shown[-1].endswith("(0-10, Enter") or shown[-1].endswith("to skip)")  # nothing typed
    t.child.send(CTRL_C)
    t.finish()
