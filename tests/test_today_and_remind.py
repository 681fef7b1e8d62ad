"""Bare `serjournal`, `status --short` and the reminder that knows you checked in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import messages, remind
from serjournal.cli import app
from serjournal.journal import Journal
from serjournal.status import CHECKED_IN, DRAFT_WAITING, NOT_YET, short_status
from serjournal.today import today_facts, today_lines
from tests.draft_helpers import plant_draft

runner = CliRunner()
TODAY = date.today()


def checkin(journal: Path, *args: str) -> None:
    result = runner.invoke(app, ["checkin", "--db", str(journal), "--mood", "5", *args])
    assert result.exit_code == 0, result.output


# --- status --short -----------------------------------------------------------------------


def test_short_status_for_each_state(journal_path: Path) -> None:
    assert short_status(journal_path) == NOT_YET  # no journal at all
    assert not journal_path.exists()  # and looking made none
    checkin(journal_path, "--at", "yesterday 21:00")
    assert short_status(journal_path) == NOT_YET
    plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    assert short_status(journal_path) == DRAFT_WAITING
    checkin(journal_path)
    assert short_status(journal_path) == CHECKED_IN  # checked in outranks a waiting draft


@pytest.mark.parametrize(
    ("setup", "word", "code"),
    [("none", "not yet today", 1), ("today", "checked in", 0), ("draft", "draft waiting", 2)],
)
def test_status_short_as_a_shell_prompt_runs_it(
    journal_path: Path, setup: str, word: str, code: int
) -> None:
    if setup == "today":
        checkin(journal_path)
    elif setup == "draft":
        plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    for args in (["status", "--short", "--db", str(journal_path)],
                 ["--db", str(journal_path), "status", "--short"]):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "serjournal", *args], capture_output=True, text=True
        )
        assert (done.stdout, done.returncode, done.stderr) == (word + "\n", code, "")


def test_status_short_loads_no_command_line_library(journal_path: Path) -> None:
    checkin(journal_path)
    probe = (
        "import sys, runpy; sys.argv = ['serjournal', 'status', '--short', '--db', "
        f"{str(journal_path)!r}]\n"
        "try:\n    runpy.run_module('serjournal', run_name='__main__')\n"
        "except SystemExit as stop:\n    code = stop.code\n"
        "heavy = [m for m in ('typer', 'rich', 'sqlite_utils', 'questionary')\n"
        "         if m in sys.modules]\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_status_short_never_writes(journal_path: Path) -> None:
    checkin(journal_path)
    files = sorted(p.name for p in journal_path.parent.iterdir())
    before = journal_path.read_bytes()
    assert short_status(journal_path) == CHECKED_IN
    assert journal_path.read_bytes() == before
    assert sorted(p.name for p in journal_path.parent.iterdir()) == files


# --- bare serjournal: today at a glance -------------------------------------------------------


def test_bare_serjournal_shows_today_and_exits_0(journal_path: Path) -> None:
    first = runner.invoke(app, ["--db", str(journal_path)])
    assert first.exit_code == 0
    assert messages.TODAY_FIRST_TIME in first.stdout
    assert "serjournal checkin" in first.stdout and not journal_path.exists()
    for days_ago in (2, 1):
        checkin(journal_path, "--at", f"{days_ago} days ago")
    later = runner.invoke(app, ["--db", str(journal_path)])
    assert messages.TODAY_NOT_YET.format(day=TODAY.strftime("%a %d %b")) in later.stdout
    assert "2 days in a row." in later.stdout
    checkin(journal_path)
    done = runner.invoke(app, ["status", "--db", str(journal_path)])
    assert messages.TODAY_CHECKED_IN.format(day=TODAY.strftime("%a %d %b")) in done.stdout
    assert "3 days in a row." in done.stdout


def test_today_lines_mention_a_waiting_draft_and_a_single_day(journal_path: Path) -> None:
    checkin(journal_path)
    plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    facts = today_facts(Journal(journal_path), TODAY)
    assert (facts.checked_in, facts.draft_waiting, facts.streak, facts.total) == (
        True, False, 1, 1,
    )  # fmt: skip
    lines = today_lines(facts)
    assert not any("in a row" in line for line in lines)  # one day is not a streak to show
    facts.checked_in, facts.draft_waiting = False, True
    assert messages.TODAY_DRAFT in today_lines(facts)


def test_plural_forms() -> None:
    assert messages.plural(1, messages.TODAY_STREAK) == "1 day in a row."
    assert messages.plural(0, messages.TODAY_STREAK) == "0 days in a row."
    assert messages.plural(7, messages.TODAY_STREAK) == "7 days in a row."


# --- The reminder -------------------------------------------------------------------------------


class FakeSystem(remind.System):
    """Records what would run; answers like a machine with or without systemd."""

    def __init__(self, unit_dir: Path, systemd: bool, crontab: str = "") -> None:
        super().__init__(unit_dir)
        self.systemd = systemd
        self.crontab = crontab

    def which(self, program: str) -> bool:
        return program == "crontab" or (program == "systemctl" and self.systemd)

    def run(self, command: list[str], stdin: str | None = None) -> tuple[int, str]:
        self.ran.append(command)
        if command[:2] == ["systemctl", "--user"]:
            return (0 if self.systemd else 1), ""
        if command == ["crontab", "-l"]:
            return (0, self.crontab) if self.crontab else (1, "no crontab for you")
        if command == ["crontab", "-"]:
            self.crontab = stdin or ""
            return 0, ""
        raise AssertionError(f"unexpected command {command}")


def test_systemd_timer_is_written_and_enabled(tmp_path: Path) -> None:
    system = FakeSystem(tmp_path / "units", systemd=True)
    journal = Journal(tmp_path / "j.db")
    command = remind.reminder_command("/usr/bin/serjournal", "/data/my journal.db")
    said = remind.install(system, journal, 21, 5, command)
    assert said == messages.REMIND_INSTALLED_SYSTEMD.format(time="21:05")
    service = (system.unit_dir / "serjournal-remind.service").read_text()
    timer = (system.unit_dir / "serjournal-remind.timer").read_text()
    assert "ExecStart=/usr/bin/serjournal remind --db '/data/my journal.db'\n" in service
    assert "Type=oneshot" in service
    assert "OnCalendar=*-*-* 21:05:00\n" in timer and "WantedBy=timers.target" in timer
    assert ["systemctl", "--user", "enable", "--now", "serjournal-remind.timer"] in system.ran
    assert (system.unit_dir / "serjournal-remind.timer").stat().st_mode & 0o777 == 0o600
    assert remind.installed_at(system) == "21:05 (systemd timer)"
    assert remind.uninstall(system) == messages.REMIND_REMOVED
    assert not list(system.unit_dir.iterdir())
    assert remind.installed_at(system) is None


def test_without_systemd_a_crontab_line_keeps_the_others(tmp_path: Path) -> None:
    mine = "0 7 * * * /usr/bin/backup-photos\n"
    system = FakeSystem(tmp_path / "units", systemd=False, crontab=mine)
    command = remind.reminder_command("/usr/bin/serjournal", None)
    remind.install(system, Journal(tmp_path / "j.db"), 21, 0, command)
    assert system.crontab == mine + "0 21 * * * /usr/bin/serjournal remind # serjournal-remind\n"
    remind.install(system, Journal(tmp_path / "j.db"), 8, 30, command)  # moved, not doubled
    assert system.crontab == mine + "30 8 * * * /usr/bin/serjournal remind # serjournal-remind\n"
    assert remind.installed_at(system) == "08:30 (crontab)"
    assert remind.uninstall(system) == messages.REMIND_REMOVED
    assert system.crontab == mine
    assert remind.uninstall(system) == messages.REMIND_NONE


@pytest.mark.parametrize("text", ["25:00", "9", "21:60", "nine", ""])
def test_bad_reminder_times_are_one_line(text: str) -> None:
    result = runner.invoke(app, ["remind", "install", "--at", text])
    assert result.exit_code == 2
    assert result.stderr == "Error: " + messages.REMIND_BAD_TIME.format(text=text) + "\n"


def test_remind_notifies_only_without_a_checkin_today(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(remind, "notify", lambda title, body: shown.append((title, body)) or True)
    assert runner.invoke(app, ["remind", "--db", str(journal_path)]).exit_code == 0
    assert shown == [(messages.REMIND_TITLE, messages.REMIND_BODY)]
    checkin(journal_path)
    result = runner.invoke(app, ["remind", "--db", str(journal_path)])
    assert result.exit_code == 0 and result.stdout.strip() == messages.REMIND_NOTHING_TO_SAY
    assert len(shown) == 1  # nothing more: you checked in


def test_remind_without_a_notifier_says_so(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remind, "notify", lambda title, body: False)
    result = runner.invoke(app, ["remind", "--db", str(journal_path)])
    assert result.exit_code == 0 and result.stdout.strip() == messages.REMIND_NO_NOTIFIER


def test_version_is_answered_without_the_command_line(tmp_path: Path) -> None:
    from serjournal import __version__

    env = {**os.environ}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "serjournal", "--version"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.stdout == f"serjournal {__version__}\n"
    assert " typer" not in done.stderr and " rich" not in done.stderr


def test_yesterday_only_is_not_checked_in_today(journal_path: Path) -> None:
    checkin(journal_path, "--at", "yesterday 12:00")
    assert short_status(journal_path, TODAY) == NOT_YET
    assert short_status(journal_path, TODAY - timedelta(days=1)) == CHECKED_IN


def test_counted_nouns_agree_with_their_number() -> None:
    assert messages.counted(1, "check-in") == "1 check-in"
    assert messages.counted(0, "check-in") == "0 check-ins"
    assert messages.counted(2, "Daylio entry") == "2 Daylio entries"


def test_one_checkin_is_not_written_as_check_ins(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    checkin(journal)
    exported = runner.invoke(app, ["export", "-o", str(tmp_path / "x.csv"), "--db", str(journal)])
    assert "Wrote 1 check-in to" in exported.stderr
    backed = runner.invoke(app, ["backup", str(tmp_path / "b.db"), "--db", str(journal)])
    assert backed.stdout.startswith("Backed up 1 check-in to")
    doctor = runner.invoke(app, ["doctor", "--db", str(journal)])
    assert "1 check-in saved" in doctor.stdout
