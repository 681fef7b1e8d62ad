"""The guided breath practice, shown as a Rich progress display.

The bar breathes with the user: it fills on the in-breath, stays full while
holding and empties on the out-breath. Ctrl-C ends the practice early and the
check-in goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from serjournal import content, messages
from serjournal.flow.prompter import TerminalClosed

if TYPE_CHECKING:
    from rich.console import Console

TICK_SECONDS = 0.1
BAR_STEPS = 100


@dataclass(frozen=True)
class Phase:
    kind: str  # "in", "hold" or "out"
    seconds: float
    breath: int  # 1-based breath number

    @property
    def instruction(self) -> str:
        return {"in": messages.BREATH_IN, "hold": messages.BREATH_HOLD}.get(
            self.kind, messages.BREATH_OUT
        )

    def fill(self, fraction: float) -> float:
        """How full the bar is, 0-1, at `fraction` of the way through this phase."""
        fraction = min(max(fraction, 0.0), 1.0)
        if self.kind == "in":
            return fraction
        if self.kind == "hold":
            return 1.0
        return 1.0 - fraction


def breath_phases(pattern: content.BreathPattern) -> list[Phase]:
    """The whole practice, phase by phase; phases of zero seconds are left out."""
    return [
        Phase(kind, seconds, number)
        for number in range(1, pattern.cycles + 1)
        for kind, seconds in (
            ("in", pattern.inhale),
            ("hold", pattern.hold),
            ("out", pattern.exhale),
        )
        if seconds > 0
    ]


def guided_breath(
    console: Console,
    pattern: content.BreathPattern,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run the practice; returns the whole seconds actually practised.
    Ctrl-C ends it early without ending the check-in."""
    from rich.progress import BarColumn, Progress, TextColumn
    from rich.text import Text

    console.print(Text(messages.BREATH_FOLLOW, style="dim"))
    started = clock()
    columns = (
        TextColumn("{task.description:<12}"),
        BarColumn(bar_width=40, complete_style="cyan", finished_style="cyan"),
        TextColumn("[dim]{task.fields[count]}[/dim]"),
    )
    try:
        # transient: the bar disappears when done, leaving a calm screen.
        with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
            task = progress.add_task("", total=BAR_STEPS, count="")
            for phase in breath_phases(pattern):
                count = messages.BREATH_COUNT.format(number=phase.breath, total=pattern.cycles)
                phase_start = clock()
                while (elapsed := clock() - phase_start) < phase.seconds:
                    progress.update(
                        task,
                        description=phase.instruction,
                        completed=BAR_STEPS * phase.fill(elapsed / phase.seconds),
                        count=count,
                    )
                    progress.refresh()
                    sleep(min(TICK_SECONDS, phase.seconds - elapsed))
    except KeyboardInterrupt as stop:
        if isinstance(stop, TerminalClosed):  # not a skip: the whole check-in stops
            raise
        console.print(Text(messages.BREATH_ENDED_EARLY, style="dim"))
    return int(round(clock() - started))
