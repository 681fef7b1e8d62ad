"""The guided breath practice, shown as a Rich progress display."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from serjournal import content

if TYPE_CHECKING:
    from rich.console import Console

TICK_SECONDS = 0.1


def breath_phases(pattern: content.BreathPattern) -> list[tuple[str, float]]:
    """The sequence of (instruction, seconds) for the whole practice."""
    one_breath = [
        ("Breathe in", pattern.inhale),
        ("Hold", pattern.hold),
        ("Breathe out", pattern.exhale),
    ]
    return [phase for _ in range(pattern.cycles) for phase in one_breath if phase[1] > 0]


def guided_breath(console: Console, pattern: content.BreathPattern) -> int:
    """Run the practice; Ctrl-C ends it early (the check-in goes on).
    Returns the whole seconds actually practised."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console.print("[dim]Follow the bar. Ctrl-C ends the practice early.[/dim]")
    started = time.monotonic()
    columns = (TextColumn("{task.description:<12}"), BarColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            total = progress.add_task("Breathe in", total=pattern.total_seconds)
            for instruction, seconds in breath_phases(pattern):
                progress.update(total, description=instruction)
                phase_end = time.monotonic() + seconds
                while (left := phase_end - time.monotonic()) > 0:
                    time.sleep(min(TICK_SECONDS, left))
                    progress.update(total, completed=time.monotonic() - started)
    except KeyboardInterrupt:
        console.print("[dim]Practice ended early.[/dim]")
    return int(round(time.monotonic() - started))
