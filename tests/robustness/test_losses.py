"""The eleven ways a hostile tester lost or silently changed saved entries
(issue 9), one regression test (or group) each. Every one failed on the
release before the one-writer design; see the README's "Your data" section
for what is promised.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.editing import edit_interactively, field_labels
from serjournal.errors import Interrupted
from serjournal.flow import prompter as prompter_module
from serjournal.flow.settings import FlowSettings
from serjournal.journal import Journal
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store import drafts
from serjournal.store.checkins import load_checkin
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from tests.draft_helpers import draft_files, only_draft, plant_draft
from tests.robustness.procs import child_env, run_cli, spawn_child, wait_ready
from tests.scripted import INTERRUPT, KEEP, ScriptedPrompter

runner = CliRunner()


def invoke(*args: str | Path, stdin: str | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def entry(**overrides: Any) -> CheckIn:
    checkin = CheckIn(
        mood=5,
        energy=4,
        distress=3,
        sensations=[
            Sensation("chest", "tight", 6, intensity_after=3, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[
            EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest"),
            EmotionEntry("hopeful", "joy", "pleasant", "high", 3, "belly"),
        ],
        answers={"focus": "the meeting", "takeaway": "breathe out longer"},
        tags=["work"],
    )
    for key, value in overrides.items():
        setattr(checkin, key, value)
    return checkin


def journal_with(path: Path, *checkins: CheckIn) -> Path:
    db = open_journal(path)
    for checkin in checkins:
        save_checkin(db, checkin)
    db.close()
    return path


def stored(path: Path) -> list[dict[str, Any]]:
    """Every live check-in, whole, for before/after comparisons."""
    conn = Journal(path).open_for_reading()
    assert conn is not None
    ids = [r[0] for r in conn.execute("SELECT id FROM checkins ORDER BY id")]
    result = [load_checkin(conn, i).to_dict() for i in ids]
    conn.close()
    return result


# --- 1. An output file that is the journal ------------------------------------------------


def _targets(journal: Path) -> dict[str, Path]:
    link = journal.with_name("link-to-journal.csv")
    link.symlink_to(journal)
    hard = journal.with_name("hard-link.csv")
    os.link(journal, hard)
    return {
        "journal": journal,
        "wal": journal.with_name(journal.name + "-wal"),
        "shm": journal.with_name(journal.name + "-shm"),
        "symlink": link,
        "hard link": hard,
        "draft": Journal(journal).drafts_dir / "x.json",
        "backups": Journal(journal).backups_dir / "journal-20261125-090000.db",
    }


@pytest.mark.parametrize(
    "target", ["journal", "wal", "shm", "symlink", "hard link", "draft", "backups"]
)
@pytest.mark.parametrize("form", ["csv", "json"])
def test_an_export_never_replaces_the_journal_or_its_files(
    tmp_path: Path, target: str, form: str
) -> None:
    journal = journal_with(tmp_path / "journal.db", entry(), entry(mood=2))
    before = stored(journal)
    path = _targets(journal)[target]
    result = invoke(
        "export", "--since", "2000-01-01", "--format", form, "-o", path, "--db", journal
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "nothing was written" in result.stderr or "only serjournal itself" in result.stderr
    assert stored(journal) == before
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left either


def test_the_default_journal_is_protected_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SERJOURNAL_DB")  # the platform default (XDG_DATA_HOME, see conftest)
    journal = Journal.locate().path
    journal_with(journal, entry())
    before = stored(journal)
    for args in (
        ["export", "-o", str(journal)],
        ["export", "--format", "json", "-o", str(journal)],
    ):
        result = invoke(*args)
        assert result.exit_code == 2 and "is the journal" in result.stderr
    assert stored(journal) == before


def test_a_saved_review_never_replaces_the_journal(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.html", entry())  # a journal with a review's name
    before = journal.read_bytes()
    result = invoke("review", "--save", journal, "--db", journal)
    assert result.exit_code == 2 and "is the journal" in result.stderr
    assert journal.read_bytes() == before and stored(journal)


def test_export_all_into_the_journal_folder_spares_the_journal(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "data" / "checkins.csv", entry())  # named like an export
    before = stored(journal)
    result = invoke("export", "--all", journal.parent, "--db", journal)
    assert result.exit_code == 2 and "is the journal" in result.stderr
    assert stored(journal) == before
    # A journal with its usual name: --all into its own folder writes beside it, harmlessly.
    usual = journal_with(tmp_path / "data2" / "journal.db", entry())
    kept = stored(usual)
    assert invoke("export", "--all", usual.parent, "--db", usual).exit_code == 0
    assert (usual.parent / "checkins.csv").exists() and stored(usual) == kept


# --- 2. Restore while other terminals save ---------------------------------------------------


def test_restore_while_others_save_loses_no_acknowledged_save(tmp_path: Path) -> None:
    rounds = 5 if os.environ.get("SERJOURNAL_STRESS") == "1" else 2
    for round_ in range(rounds):
        folder = tmp_path / f"round{round_}"
        journal = journal_with(folder / "journal.db", *(entry(mood=n % 11) for n in range(5)))
        backup = folder / "backup.db"
        assert run_cli("backup", backup, "--db", journal).returncode == 0
        start = folder / "start"
        writers = [spawn_child("writer", journal, start, 15, f"w{n}") for n in range(3)]
        wait_ready(writers)
        start.touch()
        restored = run_cli("restore", backup, "--db", journal)
        acknowledged: list[str] = []
        for child in writers:
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0 and err == "", err
            acknowledged += [
                line.split()[1] for line in out.splitlines() if line.startswith("saved")
            ]
        assert restored.returncode == 0, restored.stderr
        assert len(acknowledged) == 45
        (aside,) = folder.glob("journal-before-restore-*.db")
        found = _ids(journal) | _ids(aside)
        assert set(acknowledged) <= found, set(acknowledged) - found


def _ids(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM checkins")}


# --- 3. Edits racing each other ----------------------------------------------------------------


def test_parallel_edits_each_keep_their_change(tmp_path: Path) -> None:
    original = entry()
    journal = journal_with(tmp_path / "journal.db", original)
    short = original.id[:8]
    results: list[subprocess.CompletedProcess[str]] = []
    lock = threading.Lock()

    def edit(*args: str) -> None:
        done = run_cli("edit", short, *args, "--db", journal)
        with lock:
            results.append(done)

    jobs = [("--tag", f"par{n}") for n in range(20)]
    jobs += [
        ("--add-emotion", f"{name}:4")
        for name in ("peaceful", "proud", "lonely", "curious", "tender")
    ]
    threads = [threading.Thread(target=edit, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0] * len(jobs), [r.stderr for r in results]
    after = load_checkin(open_journal(journal), original.id)
    assert set(after.tags) == {"work", *(f"par{n}" for n in range(20))}
    names = {e.name for e in after.emotions}
    assert names == {"anxious", "hopeful", "peaceful", "proud", "lonely", "curious", "tender"}


# --- 4. A stale -wal beside a missing journal ---------------------------------------------------


def _stale_wal_beside(journal: Path, old_entries: int) -> Path:
    """A -wal holding `old_entries` check-ins of a journal that is gone."""
    other = journal.with_name("old.db")
    db = open_journal(other)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(old_entries):
        save_checkin(db, entry(mood=n))
    wal = other.with_name(other.name + "-wal").read_bytes()
    db.close()
    stale = journal.with_name(journal.name + "-wal")
    stale.write_bytes(wal)
    return stale


def test_restore_over_a_missing_journal_with_a_stale_wal(tmp_path: Path) -> None:
    source = journal_with(tmp_path / "source.db", *(entry(mood=n % 11) for n in range(30)))
    backup = tmp_path / "backup.db"
    assert run_cli("backup", backup, "--db", source).returncode == 0
    journal = tmp_path / "data" / "journal.db"
    journal.parent.mkdir()
    stale_bytes = _stale_wal_beside(journal, 5).read_bytes()
    result = invoke("restore", backup, "--db", journal)
    assert result.exit_code == 0, result.output
    assert "30 check-ins" in result.stdout
    assert len(stored(journal)) == 30  # not 30 + the stale 5, not the stale 5
    (aside,) = journal.parent.glob("journal.db-wal.stray-*")  # moved aside, not deleted
    assert aside.read_bytes() == stale_bytes


def test_a_new_journal_never_replays_a_stale_wal(tmp_path: Path) -> None:
    journal = tmp_path / "data" / "journal.db"
    journal.parent.mkdir()
    _stale_wal_beside(journal, 5)
    assert invoke("checkin", "--mood", "4", "--db", journal).exit_code == 0
    assert [c["mood"] for c in stored(journal)] == [4]
    assert list(journal.parent.glob("journal.db-wal.stray-*"))


# --- 5. The trash keeps every deleted version ---------------------------------------------------


def test_an_old_export_cannot_replace_the_edited_version_in_the_trash(tmp_path: Path) -> None:
    original = entry()
    journal = journal_with(tmp_path / "journal.db", original)
    export = tmp_path / "old-export.json"
    assert invoke("export", "--format", "json", "-o", export, "--db", journal).exit_code == 0
    short = original.id[:8]
    assert (
        invoke("edit", short, "--set", "takeaway=the edited words", "--db", journal).exit_code == 0
    )
    assert invoke("delete", short, "--yes", "--db", journal).exit_code == 0
    imported = invoke("import", export, "--db", journal)
    assert imported.exit_code == 0
    assert messages.IMPORT_SKIPPED_IN_TRASH.format(count=1) in imported.stdout
    assert stored(journal) == []  # the old version did not come back behind the user's back
    assert invoke("undo", "--db", journal).exit_code == 0
    (back,) = stored(journal)
    assert back["answers"]["takeaway"] == "the edited words"


def test_deleting_the_same_entry_twice_keeps_both_versions(tmp_path: Path) -> None:
    original = entry()
    journal = journal_with(tmp_path / "journal.db", original)
    backup = tmp_path / "before-edit.db"
    assert invoke("backup", backup, "--db", journal).exit_code == 0
    short = original.id[:8]
    assert invoke("edit", short, "--set", "mood=9", "--db", journal).exit_code == 0
    assert invoke("delete", short, "--yes", "--db", journal).exit_code == 0  # the edited one
    assert invoke("restore", backup, "--db", journal).exit_code == 0  # the old one is live again
    assert invoke("delete", short, "--yes", "--db", journal).exit_code == 0  # and deleted
    # Restoring the backup replaced the trash as well; the aside copy holds the first.
    with sqlite3.connect(journal) as conn:
        moods = [json.loads(r[0])["mood"] for r in conn.execute("SELECT record FROM trash")]
    (aside,) = tmp_path.glob("journal-before-restore-*.db")
    with sqlite3.connect(aside) as conn:
        moods += [json.loads(r[0])["mood"] for r in conn.execute("SELECT record FROM trash")]
    assert sorted(moods) == [5, 9]


def test_undo_brings_back_the_newest_version_and_keeps_older_ones(tmp_path: Path) -> None:
    original = entry()
    db = open_journal(tmp_path / "journal.db")
    save_checkin(db, original)
    from serjournal.store.writes import delete_checkin, restore_deleted

    delete_checkin(db, original.id)
    restore_deleted(db)
    db.execute("UPDATE checkins SET mood = 1 WHERE id = ?", [original.id])  # a later version
    delete_checkin(db, original.id)
    assert restore_deleted(db, original.id[:8]).mood == 1


# --- 6. --discard-draft with answers -------------------------------------------------------


@pytest.mark.parametrize("how", ["flags", "json"])
def test_discard_draft_never_drops_the_answers_given_with_it(tmp_path: Path, how: str) -> None:
    journal = tmp_path / "journal.db"
    plant_draft(journal, {"mode": "quick", "mood": 3}, "quick")
    if how == "flags":
        result = invoke(
            "checkin", "--discard-draft", "--mood", "5", "--note", "important", "--db", journal
        )
    else:
        document = json.dumps({"mood": 5, "answers": {"note": "important"}})
        result = invoke(
            "checkin", "--discard-draft", "--from-json", "-", "--db", journal, stdin=document
        )
    assert result.exit_code == 0, result.output
    (saved,) = stored(journal)
    assert (saved["mood"], saved["answers"]) == (5, {"note": "important"})


# --- 7. Interactive edit starts from the saved answers -----------------------------------------


def test_enter_on_every_prompt_of_an_interactive_edit_keeps_the_entry(tmp_path: Path) -> None:
    original = entry()
    labels = field_labels(original, FlowSettings())
    body = next(label for label, key in labels.items() if key == "sensations")
    feelings = next(label for label, key in labels.items() if key == "emotions")
    # body: regions, shoulders' side, then each place's quality and intensity: all Enter.
    # feelings: the words, then each one's intensity and where it is felt: all Enter.
    script = [body, *[KEEP] * 6, feelings, *[KEEP] * 5, messages.EDIT_SAVE]
    prompter = ScriptedPrompter(script)
    edited = edit_interactively(prompter, original)
    assert prompter.answers == []
    assert edited is not None and edited.to_dict() == original.to_dict()


def test_the_where_prompt_of_an_edited_emotion_starts_at_its_region() -> None:
    original = entry()
    labels = field_labels(original, FlowSettings())
    feelings = next(label for label, key in labels.items() if key == "emotions")
    seen: list[str | None] = []

    class Watching(ScriptedPrompter):
        def choose(self, question: str, choices: list[str], default: str | None = None) -> str:
            if question.startswith("Where in the body"):
                seen.append(default)
            return super().choose(question, choices, default)

    edit_interactively(
        Watching([feelings, KEEP, KEEP, KEEP, KEEP, KEEP, messages.EDIT_SAVE]), original
    )
    assert seen == ["chest", "belly"]


# --- 8. A single key never discards a draft; resume restores everything ---------------------------


def test_ctrl_c_then_n_keeps_the_draft(tmp_path: Path) -> None:
    import pexpect

    journal = tmp_path / "journal.db"
    env = {**child_env(), "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env["SERJOURNAL_CONFIG"] = str(tmp_path / "none.toml")
    first = pexpect.spawn(
        sys.executable, ["-m", "serjournal", "checkin", "-q", "--db", str(journal)],
        env=env, encoding="utf-8", timeout=30, dimensions=(40, 100),
    )  # fmt: skip
    first.expect_exact("Mood, energy and distress?")
    first.send("6 4 3\r")
    first.expect_exact("Where do you notice")
    first.send("\x03")
    first.expect(pexpect.EOF)
    kept = only_draft(journal).path.read_text()
    second = pexpect.spawn(
        sys.executable, ["-m", "serjournal", "checkin", "--db", str(journal)],
        env=env, encoding="utf-8", timeout=30, dimensions=(40, 100),
    )  # fmt: skip
    second.expect_exact("What would you like to do with it?")
    second.send("n")  # the old prompt's "no" key, without Enter
    second.send("\x03")
    second.expect(pexpect.EOF)
    assert only_draft(journal).path.read_text() == kept


# --- 9. A failing output after a save -------------------------------------------------------------


def test_a_full_stdout_after_saving_is_not_a_failed_command(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    checkin_id = "6a1b2c3d-0000-4000-8000-000000000009"
    command = [sys.executable, "-m", "serjournal", "checkin", "--mood", "5", "--note", "x",
               "--id", checkin_id, "--db", str(journal)]  # fmt: skip
    with open("/dev/full", "w") as full:
        first = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, env=child_env()
        )
        retry = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, env=child_env()
        )
    assert first.returncode == 0 and "Traceback" not in first.stderr
    assert first.stderr.strip() == messages.SAVED_OUTPUT_FAILED.format(id=checkin_id)
    assert retry.returncode == 0 and "Traceback" not in retry.stderr
    assert [c["id"] for c in stored(journal)] == [checkin_id]  # the retry did not save twice


# --- 10. Two guided check-ins at once -------------------------------------------------


def test_a_second_checkin_never_takes_or_removes_the_first_ones_draft(tmp_path: Path) -> None:
    import pexpect

    journal = tmp_path / "journal.db"
    env = {**child_env(), "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env["SERJOURNAL_CONFIG"] = str(tmp_path / "none.toml")

    def start(*args: str) -> Any:
        return pexpect.spawn(
            sys.executable, ["-m", "serjournal", "checkin", *args, "--db", str(journal)],
            env=env, encoding="utf-8", timeout=30, dimensions=(40, 100),
        )  # fmt: skip

    a = start("-q")
    a.expect_exact("Mood, energy and distress?")
    a.send("6 4 3\r")
    a.expect_exact("Where do you notice")  # A waits here, its draft on disk and held
    (a_draft,) = Journal(journal).drafts_dir.glob("*.json")
    b = start("-q")
    b.expect_exact("Mood, energy and distress?")
    assert "unfinished" not in b.before  # no offer of A's draft: it is in use
    b.send("3 4 2\r")
    for question in ("Where do you notice", "Which feelings are here?", "One line about today"):
        b.expect_exact(question)
        b.send("\r")
    b.expect_exact("Tags, separated by commas")
    b.send("\r")
    b.expect_exact("Saved check-in")
    b.expect(pexpect.EOF)
    assert a_draft.exists()  # B finishing did not remove A's draft
    a.send("\x03")
    a.expect(pexpect.EOF)
    assert only_draft(journal).checkin["mood"] == 6
    assert [c["mood"] for c in stored(journal)] == [3]


# --- 11. An edit made over minutes, and another meanwhile --------------------------------------


class ConcurrentChange(ScriptedPrompter):
    """Answers from a script; just before choosing "save and finish" in the
    edit menu, something else happens to the entry (another terminal)."""

    def __init__(self, answers: list[Any], meanwhile: Any) -> None:
        super().__init__(answers)
        self.meanwhile = meanwhile

    def choose(self, question: str, choices: list[str], default: str | None = None) -> str:
        answer = super().choose(question, choices, default)
        if answer == messages.EDIT_SAVE and self.meanwhile is not None:
            self.meanwhile()
            self.meanwhile = None
        return answer


def _menu_edit(
    monkeypatch: pytest.MonkeyPatch, prompter: ScriptedPrompter, journal: Path, short: str
) -> Any:
    monkeypatch.setattr("serjournal.cli.options.has_terminal", lambda: True)
    monkeypatch.setattr(prompter_module, "TerminalPrompter", lambda: prompter)
    return invoke("edit", short, "--db", journal)


@pytest.mark.parametrize("meanwhile", ["edited", "deleted"])
def test_a_menu_edit_never_overwrites_a_change_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meanwhile: str
) -> None:
    original = entry()
    journal = journal_with(tmp_path / "journal.db", original)
    short = original.id[:8]
    labels = field_labels(original, FlowSettings())
    mood = next(label for label, key in labels.items() if key == "mood")

    def other_terminal() -> None:
        args = ["--set", "takeaway=from the other terminal"] if meanwhile == "edited" else ["--yes"]
        command = "edit" if meanwhile == "edited" else "delete"
        assert run_cli(command, short, *args, "--db", journal).returncode == 0

    prompter = ConcurrentChange([mood, 2, messages.EDIT_SAVE], other_terminal)
    result = _menu_edit(monkeypatch, prompter, journal, short)
    assert result.exit_code == 2, result.output
    expected = messages.EDIT_CONFLICT if meanwhile == "edited" else messages.EDIT_GONE
    assert expected.format(short_id=short) in result.stderr
    assert "Your changes are kept at" in result.stderr
    if meanwhile == "edited":
        (now,) = stored(journal)
        assert (now["mood"], now["answers"]["takeaway"]) == (5, "from the other terminal")
    else:
        assert stored(journal) == []
        assert invoke("undo", "--db", journal).exit_code == 0
    # The kept changes are offered by the next edit: accept them and save.
    again = ScriptedPrompter([True, messages.EDIT_SAVE])
    result = _menu_edit(monkeypatch, again, journal, short)
    assert result.exit_code == 0, result.output
    assert stored(journal)[0]["mood"] == 2
    assert not list(Journal(journal).drafts_dir.glob("edit-*.json"))


# --- Security: stored text is shown, never obeyed; files private whatever the path ----------------

HOSTILE = "\x1b]52;c;SGVsbG8=\x07 \x1b]0;owned\x07 \x1b[2J calm words"


def test_escape_sequences_in_imported_text_reach_no_terminal(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    checkin = entry(answers={"takeaway": HOSTILE, "focus": HOSTILE}, tags=["calm\x1b[31m"])
    document = {"format": "serjournal", "version": 1, "checkins": [checkin.to_dict()]}
    source = tmp_path / "from-someone.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    assert invoke("import", source, "--db", journal).exit_code == 0
    short = checkin.id[:8]
    for args in (["show", short], ["list"], ["search", "calm"], ["review", "--last", "3650"]):
        result = invoke(*args, "--db", journal)
        assert result.exit_code == 0, (args, result.output)
        assert "\x1b" not in result.output, args
        assert "␛" in result.output, args  # shown, visibly
    assert invoke("delete", short, "--yes", "--db", journal).exit_code == 0
    listed = invoke("trash", "list", "--db", journal)
    assert "\x1b" not in listed.output and "␛" in listed.output


def test_a_journal_made_through_a_symlink_or_in_an_empty_file_is_private(tmp_path: Path) -> None:
    os.umask(0o022)
    real = tmp_path / "real" / "journal.db"
    real.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(real)  # dangling until the journal is made
    assert invoke("checkin", "--mood", "4", "--db", link).exit_code == 0
    empty = tmp_path / "empty.db"
    empty.touch()
    empty.chmod(0o644)
    assert invoke("checkin", "--mood", "4", "--db", empty).exit_code == 0
    for path in (real, empty):
        for file in [path, *path.parent.glob(path.name + "-*")]:
            assert file.stat().st_mode & 0o777 == 0o600, file


def test_an_interrupted_flow_then_a_resume_loses_nothing(tmp_path: Path) -> None:
    """Case 8's second half, through the command: Enter keeps every answer."""
    from serjournal.flow.runner import run_checkin

    journal = Journal(tmp_path / "journal.db")
    db = journal.open()
    first = ScriptedPrompter([[6, 4, 3], ["chest"], "tight", INTERRUPT])
    with pytest.raises(Interrupted):
        run_checkin(first, db, journal, mode="quick")
    (draft,) = drafts.waiting_drafts(journal)
    # the three ratings, the places, chest's quality: Enter on each.
    resumed = ScriptedPrompter([KEEP] * 3 + [5, [], "", ""])
    saved = run_checkin(resumed, db, journal, mode="quick", draft=draft)
    assert (saved.mood, saved.energy, saved.distress) == (6, 4, 3)
    assert [(s.region, s.quality, s.intensity) for s in saved.sensations] == [("chest", "tight", 5)]
    assert draft_files(journal.path) == []


# --- Found by the interleaving test: a header check that dropped SQLite's locks -------------


def test_checking_an_open_journal_keeps_this_process_locks(tmp_path: Path) -> None:
    """POSIX drops every lock a process holds on a file when it closes any
    descriptor of that file. Reading the journal's header with open()/close()
    while a connection was open let another process, closing its own
    connection, believe it was the last one and delete the WAL under us."""
    journal = journal_with(tmp_path / "journal.db", entry())
    mine = Journal(journal).open()
    mine.execute("PRAGMA wal_autocheckpoint = 0")
    save_checkin(mine, entry(mood=1))  # a write that lives in the WAL for now
    wal = journal.with_name("journal.db-wal")
    assert wal.stat().st_size > 0
    again = Journal(journal).open_for_reading()  # checks the file again while `mine` is open
    assert again is not None
    other = run_cli("list", "--db", journal)  # another process opens and closes the journal
    assert other.returncode == 0, other.stderr
    assert wal.exists() and wal.stat().st_size > 0  # it knew it was not the last one
    assert len(stored(journal)) == 2
    mine.close()
    again.close()


def test_importing_the_journal_itself_is_refused_untouched(tmp_path: Path) -> None:
    journal = journal_with(tmp_path / "journal.db", entry())
    before = stored(journal)
    link = tmp_path / "export.csv"
    link.symlink_to(journal)
    for source in (journal, link):
        result = invoke("import", source, "--db", journal)
        assert result.exit_code == 2 and "is the journal itself" in result.stderr
    assert stored(journal) == before
