from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from serjournal import timeutil
from tests.robustness.procs import reap_children


@pytest.fixture(autouse=True)
def no_child_left_running() -> Iterator[None]:
    """A failed assertion must not leave writers or readers looping."""
    yield
    reap_children()


@pytest.fixture
def local_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Put this process in an IANA zone (TZ and the C library's tzset), and
    optionally stop its clock at a given local moment, so 'now' and '192
    hours ago' do not depend on when the tests run."""
    previous = os.environ.get("TZ")

    def set_clock(zone: str, now: datetime | None = None) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        moment = now or datetime(2026, 11, 25, 12, 0)
        try:
            fixed = moment.replace(tzinfo=ZoneInfo(zone))
        except (KeyError, ValueError):  # a POSIX rule: the C library knows it
            fixed = moment.astimezone()
        monkeypatch.setattr(timeutil, "local_now", lambda: fixed)

    yield set_clock
    if previous is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = previous
    time.tzset()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many hostile inputs test_hostile_input.py tried, when it ran."""
    hostile = sys.modules.get("tests.robustness.test_hostile_input")
    tried = getattr(hostile, "TRIED", None)
    if tried:
        figures = ", ".join(f"{name} {count}" for name, count in sorted(tried.items()))
        terminalreporter.write_line(f"hostile inputs tried: {sum(tried.values())} ({figures})")
