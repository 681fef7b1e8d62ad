"""The guided breath practice, shown as a Rich progress display.

The bar breathes with the user: it fills on the in-breath, stays full while
holding (a mark moves along it, so time is seen to pass) and empties on the
out-breath; beside it, a gentle count of the seconds in each phase and which
breath it is. Ctrl-C ends the practice early and the check-in goes on.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from serjournal import content, messages
from serjournal.flow.prompter import TerminalClosed

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

TICK_SECONDS = 0.1


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
    cue: str = "",
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run the practice; returns the whole seconds actually practised.
    Ctrl-C ends it early without ending the check-in. The instruction and
    the bar go when it ends (a transient display), at any terminal width."""
    from rich.live import Live
    from rich.text import Text

    started = clock()
    view = BreathView(messages.BREATH_CUE.format(cue=cue) if cue else messages.BREATH_FOLLOW)
    try:
        with (
            _keys_unseen(console.is_terminal),
            Live(view, console=console, transient=True, auto_refresh=False) as live,
        ):
            for phase in breath_phases(pattern):
                phase_start = clock()
                while (elapsed := clock() - phase_start) < phase.seconds:
                    view.show(phase, elapsed, pattern.cycles)
                    live.refresh()
                    sleep(min(TICK_SECONDS, phase.seconds - elapsed))
    except KeyboardInterrupt as stop:
        if isinstance(stop, TerminalClosed):  # not a skip: the whole check-in stops
            raise
        console.print(Text(messages.BREATH_ENDED_EARLY, style="sj.hint"))
    return int(round(clock() - started))


@contextmanager
def _keys_unseen(on_terminal: bool) -> Iterator[None]:
    """While the bar runs, keys are not echoed (a '^C' at the end of a full line
    would push the display down and leave a line of it behind) and, when it
    ends, keys pressed meanwhile are dropped rather than answering the next
    question."""
    try:
        import termios

        descriptor = sys.stdin.fileno()
        before = termios.tcgetattr(descriptor) if on_terminal and sys.stdin.isatty() else None
    except (ImportError, OSError, ValueError):
        before = None
    if before is None:
        yield
        return
    quiet = list(before)
    quiet[3] &= ~termios.ECHO  # local modes: no echo
    try:
        termios.tcsetattr(descriptor, termios.TCSANOW, quiet)
        yield
    finally:
        with suppress(OSError, termios.error):
            termios.tcflush(descriptor, termios.TCIFLUSH)
            termios.tcsetattr(descriptor, termios.TCSANOW, before)


class BreathView:
    """The instruction, then one line: what to do, the bar, the count of
    seconds in this phase and which breath it is. It fits the width it is
    given, so nothing wraps and nothing is left behind when it goes."""

    LABEL = 12  # 'Breathe out' and a space
    MARGIN = 4  # columns left free at the end: a '^C' echoed there must not wrap
    BAR_MAX = 40
    FILLED, EMPTY, MARK = "━", "╌", "●"

    def __init__(self, instruction: str) -> None:
        self.instruction = instruction
        self.phase: Phase | None = None
        self.elapsed = 0.0
        self.cycles = 0

    def show(self, phase: Phase, elapsed: float, cycles: int) -> None:
        self.phase, self.elapsed, self.cycles = phase, elapsed, cycles

    def line(self, width: int) -> Text:
        from rich.text import Text

        phase = self.phase
        if phase is None:
            return Text("")
        fraction = min(max(self.elapsed / phase.seconds, 0.0), 1.0) if phase.seconds else 1.0
        second = min(int(self.elapsed) + 1, max(int(math.ceil(phase.seconds)), 1))
        count = messages.BREATH_SECOND.format(second=second)
        which = messages.BREATH_COUNT.format(number=phase.breath, total=self.cycles)
        tail = f"  {count}  {which}"
        room = width - self.MARGIN
        size = min(self.BAR_MAX, room - self.LABEL - len(tail))
        line = Text(phase.instruction.ljust(self.LABEL)[: max(room, 0)], style="sj.label")
        if size < 6:  # too narrow for a bar: the words and the count alone
            return line.append(f"{count}"[: max(room - len(line), 0)], style="sj.hint")
        filled = round(size * phase.fill(fraction))
        if phase.kind == "hold":  # full, with a mark moving along it: time passes
            at = min(int(fraction * size), size - 1)
            line.append(self.FILLED * at, style="sj.bar")
            line.append(self.MARK, style="sj.bar.hold")
            line.append(self.FILLED * (size - at - 1), style="sj.bar")
        else:
            line.append(self.FILLED * filled, style="sj.bar")
            line.append(self.EMPTY * (size - filled), style="sj.bar.empty")
        line.append(f"  {count}", style="sj.label")
        line.append(f"  {which}", style="sj.hint")
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield Text(self.instruction, style="sj.hint")
        yield self.line(options.max_width)
