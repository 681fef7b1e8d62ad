from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.robustness.procs import reap_children


@pytest.fixture(autouse=True)
def no_child_left_running() -> Iterator[None]:
    """A failed assertion must not leave writers or readers looping."""
    yield
    reap_children()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many hostile inputs test_hostile_input.py tried, when it ran."""
    hostile = sys.modules.get("tests.robustness.test_hostile_input")
    tried = getattr(hostile, "TRIED", None)
    if tried:
        figures = ", ".join(f"{name} {count}" for name, count in sorted(tried.items()))
        terminalreporter.write_line(f"hostile inputs tried: {sum(tried.values())} ({figures})")
