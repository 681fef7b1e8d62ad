"""`serjournal edit ID` in a real pseudo-terminal: the menu and pre-filled prompts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

# The installed command beside this Python, else the module (an uninstalled checkout).
_SCRIPT = shutil.which("serjournal", path=str(Path(sys.executable).parent))
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "serjournal"]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
UP = "\x1b[A"
BACKSPACE = "\x7f"
DOWN = "\x1b[B"


def slowly(child: pexpect.spawn, keys: str) -> None:
    time.sleep(0.3)  # let prompt_toolkit draw before keys arrive
    child.send(keys)


def saved_entry() -> tuple[dict[str, str], str]:
    env = {**os.environ, "TERM": "xterm"}
    subprocess.run(
        [*COMMAND, "checkin", "--mood", "5", "--takeaway", "walk after lunch"],
        env=env,
        check=True,
        capture_output=True,
    )
    listed = subprocess.run(
        [*COMMAND, "list", "--json"], env=env, check=True, capture_output=True, text=True
    )
    return env, json.loads(listed.stdout)[0]["id"]


def show(env: dict[str, str], checkin_id: str) -> str:
    return subprocess.run(
        [*COMMAND, "show", checkin_id], env=env, capture_output=True, text=True
    ).stdout


def test_edit_through_the_menu_with_prefilled_answers() -> None:
    env, checkin_id = saved_entry()
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "edit", checkin_id[:8]], env=env, encoding="utf-8", timeout=20
    )
    child.expect("What would you like to change")
    slowly(child, "\r")  # the first field: settledness
    child.expect("settled")
    slowly(child, "3")
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, DOWN * 12 + "\r")  # takeaway, after 6 ratings and 6 other answers
    child.expect("carry")
    slowly(child, " and rest")  # typed after the pre-filled answer
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, UP * 2 + "\r")  # the menu wraps: two up is "(save and finish)"
    child.expect("Updated check-in")
    child.expect(pexpect.EOF)
    shown = show(env, checkin_id)
    assert "Settled 3/10" in shown
    assert "walk after lunch and rest" in shown
    assert "edited " in shown


def test_ctrl_c_in_the_editor_changes_nothing() -> None:
    env, checkin_id = saved_entry()
    before = show(env, checkin_id)
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "edit", checkin_id[:8]], env=env, encoding="utf-8", timeout=20
    )
    child.expect("What would you like to change")
    slowly(child, "\x03")
    child.expect("Nothing was changed")
    child.expect(pexpect.EOF)
    assert show(env, checkin_id) == before


def test_tags_start_from_the_entry_tags_and_complete_on_tab() -> None:
    env, checkin_id = saved_entry()
    subprocess.run(
        [*COMMAND, "edit", checkin_id, "--tag", "work", "--tag", "rest"],
        env=env,
        check=True,
        capture_output=True,
    )
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "edit", checkin_id[:8]], env=env, encoding="utf-8", timeout=20
    )
    child.expect("What would you like to change")
    slowly(child, UP * 3 + "\r")  # the menu ends: tags, save, leave
    child.expect("Your tags: ")  # the user's own, listed; Tab completes them
    child.expect("Tags, separated by commas")
    child.expect("work, rest")  # pre-filled with the entry's tags
    slowly(child, BACKSPACE * len("rest") + "garden, wo")
    slowly(child, "\t")  # completes "work"; typed twice, it is kept once
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, UP * 2 + "\r")
    child.expect(pexpect.EOF)
    shown = show(env, checkin_id)
    assert "work, garden" in shown
    assert "rest" not in shown.split("Tags")[1]


def test_enter_through_body_and_ratings_keeps_the_entry_as_it_was() -> None:
    """In the real terminal, a user opens fields and presses Enter at every
    prompt: each pre-filled answer, pre-picked box and highlighted choice is
    the saved one, so nothing changes, not even the edit time."""
    env, checkin_id = saved_entry()
    subprocess.run(
        [*COMMAND, "edit", checkin_id, "--add-sensation", "chest:tight:6",
         "--add-sensation", "shoulders/left:tense:4", "--set", "distress=3"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    before = show(env, checkin_id)
    child = pexpect.spawn(
        COMMAND[0], [*COMMAND[1:], "edit", checkin_id[:8]], env=env, encoding="utf-8", timeout=20
    )
    child.expect("What would you like to change")
    slowly(child, UP * 5 + "\r")  # from the end: leave, save, tags, emotions, body
    child.expect("Where do you notice tension")
    slowly(child, "\r")  # chest and shoulders are picked already
    # Asked in the entry's own order (stages.kept_then_usual): the chest, then
    # the shoulders and their side.
    child.expect("What is it like in the chest")
    slowly(child, "\r")
    child.expect(r"chest, tight")
    slowly(child, "\r")
    child.expect("Which side of the shoulders")
    slowly(child, "\r")
    child.expect("What is it like in the shoulders")
    slowly(child, "\r")
    child.expect(r"shoulders, tense")
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, DOWN * 3 + "\r")  # distress
    child.expect("How much distress")
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, DOWN * 12 + "\r")  # takeaway
    child.expect("carry")
    slowly(child, "\r")
    child.expect("What would you like to change")
    slowly(child, UP * 2 + "\r")  # save
    child.expect("already reads that way; nothing was changed")  # not even the edit time
    child.expect(pexpect.EOF)
    after = show(env, checkin_id)
    # Every line is kept, in the same order, each place whole.
    assert after.splitlines() == before.splitlines()
    assert after.index("chest: tight 6  [target]") < after.index("shoulders (left): tense 4")
    assert "chest: tight 6" in after and "shoulders (left): tense 4" in after
    assert "Distress 3/10" in after and "walk after lunch" in after
