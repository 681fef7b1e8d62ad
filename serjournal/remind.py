"""A daily reminder that knows whether you checked in.

`serjournal remind` notifies only when there is no check-in today (and says
nothing otherwise). `remind install --at 21:00` has the system run it daily:
a systemd user timer where systemd runs the user's session, else a crontab
line. Everything that touches the system goes through a `System` object, so
tests check the generated unit and crontab text and nothing is installed on
the test machine for real.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages
from serjournal.errors import InputError

if TYPE_CHECKING:
    from serjournal.journal import Journal

UNIT_NAME = "serjournal-remind"
CRON_MARKER = "# serjournal-remind"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> tuple[int, int]:
    match = _TIME.match(text.strip())
    if not match:
        raise InputError(messages.REMIND_BAD_TIME.format(text=text))
    return int(match[1]), int(match[2])


def reminder_command(program: str, journal_option: str | None) -> list[str]:
    """What the timer runs: this program, on this journal."""
    command = [program, "remind"]
    if journal_option:
        command += ["--db", journal_option]
    return command


def service_text(command: Sequence[str]) -> str:
    return (
        "[Unit]\n"
        f"Description={messages.REMIND_UNIT_DESCRIPTION}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={shlex.join(command)}\n"
    )


def timer_text(hour: int, minute: int) -> str:
    return (
        "[Unit]\n"
        f"Description={messages.REMIND_UNIT_DESCRIPTION}\n\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00\n"
        "Persistent=false\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def cron_line(hour: int, minute: int, command: Sequence[str]) -> str:
    return f"{minute} {hour} * * * {shlex.join(command)} {CRON_MARKER}"


def with_cron_line(crontab: str, line: str | None) -> str:
    """The crontab with our line replaced (or removed when `line` is None);
    every other line stays exactly as it was."""
    kept = [entry for entry in crontab.splitlines() if not entry.endswith(CRON_MARKER)]
    if line is not None:
        kept.append(line)
    return "".join(f"{entry}\n" for entry in kept)


@dataclass
class System:
    """The operating system as the reminder sees it; tests replace `run`."""

    unit_dir: Path
    ran: list[list[str]] = field(default_factory=list)

    def run(self, command: list[str], stdin: str | None = None) -> tuple[int, str]:
        self.ran.append(command)
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:
            return 127, str(error)
        return done.returncode, done.stdout

    def which(self, program: str) -> bool:
        return shutil.which(program) is not None

    def has_systemd_user(self) -> bool:
        return self.which("systemctl") and (
            self.run(["systemctl", "--user", "show-environment"])[0] == 0
        )


def default_system() -> System:
    from serjournal.locations import config_file

    return System(unit_dir=config_file().parent.parent / "systemd" / "user")


def install(system: System, journal: Journal, hour: int, minute: int, command: list[str]) -> str:
    """Install (or move) the daily reminder; returns what was done, as a sentence."""
    from serjournal import paths

    if system.has_systemd_user():
        for name, text in (
            (f"{UNIT_NAME}.service", service_text(command)),
            (f"{UNIT_NAME}.timer", timer_text(hour, minute)),
        ):
            with paths.private_output(system.unit_dir / name, journal=journal) as out:
                out.write(text)
        for step in (["daemon-reload"], ["enable", "--now", f"{UNIT_NAME}.timer"]):
            code, output = system.run(["systemctl", "--user", *step])
            if code != 0:
                raise InputError(messages.REMIND_SYSTEM_FAILED.format(step=" ".join(step)))
        return messages.REMIND_INSTALLED_SYSTEMD.format(time=f"{hour:02d}:{minute:02d}")
    if not system.which("crontab"):
        raise InputError(messages.REMIND_NO_SCHEDULER)
    wanted = with_cron_line(_crontab(system), cron_line(hour, minute, command))
    if system.run(["crontab", "-"], stdin=wanted)[0] != 0:
        raise InputError(messages.REMIND_SYSTEM_FAILED.format(step="crontab -"))
    return messages.REMIND_INSTALLED_CRON.format(time=f"{hour:02d}:{minute:02d}")


def uninstall(system: System) -> str:
    removed = False
    timer = system.unit_dir / f"{UNIT_NAME}.timer"
    if timer.exists():
        system.run(["systemctl", "--user", "disable", "--now", f"{UNIT_NAME}.timer"])
        for name in (f"{UNIT_NAME}.timer", f"{UNIT_NAME}.service"):
            (system.unit_dir / name).unlink(missing_ok=True)
        system.run(["systemctl", "--user", "daemon-reload"])
        removed = True
    current = _crontab(system)
    if any(line.endswith(CRON_MARKER) for line in current.splitlines()):
        system.run(["crontab", "-"], stdin=with_cron_line(current, None))
        removed = True
    return messages.REMIND_REMOVED if removed else messages.REMIND_NONE


def installed_at(system: System) -> str | None:
    """'21:00 (systemd timer)' / '21:00 (crontab)', or None."""
    timer = system.unit_dir / f"{UNIT_NAME}.timer"
    if timer.exists():
        match = re.search(r"OnCalendar=\*-\*-\* (\d\d:\d\d)", timer.read_text(encoding="utf-8"))
        return f"{match[1] if match else '?'} (systemd timer)"
    for line in _crontab(system).splitlines():
        if line.endswith(CRON_MARKER):
            minute, hour = line.split()[:2]
            return f"{int(hour):02d}:{int(minute):02d} (crontab)"
    return None


def _crontab(system: System) -> str:
    if not system.which("crontab"):
        return ""
    code, text = system.run(["crontab", "-l"])
    return text if code == 0 else ""  # "no crontab for user" is an empty one


def notify(title: str, body: str) -> bool:
    """A desktop notification (notify-send), or False when none can be shown."""
    if shutil.which("notify-send") is None:
        return False
    try:
        done = subprocess.run(["notify-send", "--app-name=serjournal", title, body], timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def program_path() -> str:
    """This program's command, as a timer must call it (absolute)."""
    found = shutil.which("serjournal")
    return os.path.abspath(found) if found else "serjournal"
