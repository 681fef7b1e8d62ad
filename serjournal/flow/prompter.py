"""The prompt layer: what the guided flow may ask, and the real terminal version.

The flow talks only to a Prompter, so tests drive it with scripted answers
(tests/scripted.py) and the terminal version can change without touching it.
Every method may raise KeyboardInterrupt (Ctrl-C) or EOFError (closed
terminal); the runner turns both into a kept draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from serjournal import content

if TYPE_CHECKING:
    from rich.console import Console


class Prompter(Protocol):
    def stage(self, stage: content.Stage) -> None:
        """Start a stage's screen: its heading and one-line orientation."""

    def say(self, text: str) -> None:
        """Show a line of guidance."""

    def rating(
        self,
        scale: content.Scale,
        subject: str = "",
        optional: bool = True,
        default: int | None = None,
    ) -> int | None:
        """A 0-10 answer with the scale's anchors; None when skipped (optional only).
        `default` pre-fills the answer (editing a saved check-in)."""

    def text(self, question: str, default: str = "") -> str:
        """A free-text answer; empty when skipped. `default` pre-fills it."""

    def choose(self, question: str, choices: list[str]) -> str:
        """Exactly one of the choices."""

    def choose_many(
        self, question: str, choices: list[str], default: list[str] | None = None
    ) -> list[str]:
        """Any number of the choices, none included; `default` starts picked."""

    def confirm(self, question: str, default: bool = True) -> bool:
        """Yes or no."""

    def breathe(self, pattern: content.BreathPattern) -> int:
        """Guide a timed breath practice; returns the seconds it lasted."""


SKIP = "(skip)"


class TerminalPrompter:
    """Questionary prompts and Rich output. questionary (and prompt_toolkit
    under it) is imported on first use only, which keeps start-up quick."""

    def __init__(self, console: Console | None = None) -> None:
        from rich.console import Console

        self.console = console or Console(highlight=False)

    def stage(self, stage: content.Stage) -> None:
        from rich.rule import Rule

        self.console.print()
        heading = f"{stage.number}/7  {stage.title}" if stage.number else stage.title
        self.console.print(Rule(heading, style="cyan", align="left"))
        self.console.print(f"[italic]{stage.orientation}[/italic]")

    def say(self, text: str) -> None:
        self.console.print(text)

    def rating(
        self,
        scale: content.Scale,
        subject: str = "",
        optional: bool = True,
        default: int | None = None,
    ) -> int | None:
        import questionary

        question = f"{scale.question} {subject}".strip()
        hint = f"0 {scale.low} ... 10 {scale.high}" + ("; Enter to skip" if optional else "")
        answer = questionary.text(
            f"{question} ({hint})",
            default="" if default is None else str(default),
            validate=lambda text: _validate_rating(text, optional),
            qmark="·",
        ).unsafe_ask()
        return int(answer) if answer.strip() else None

    def text(self, question: str, default: str = "") -> str:
        import questionary

        return str(questionary.text(question, default=default, qmark="·").unsafe_ask()).strip()

    def choose(self, question: str, choices: list[str]) -> str:
        import questionary

        return str(questionary.select(question, choices=choices, qmark="·").unsafe_ask())

    def choose_many(
        self, question: str, choices: list[str], default: list[str] | None = None
    ) -> list[str]:
        import questionary

        picked = questionary.checkbox(
            question,
            choices=[questionary.Choice(c, checked=c in (default or [])) for c in choices],
            qmark="·",
            instruction="(space to pick, enter when done)",
        ).unsafe_ask()
        return list(picked or [])

    def confirm(self, question: str, default: bool = True) -> bool:
        import questionary

        return bool(questionary.confirm(question, default=default, qmark="·").unsafe_ask())

    def breathe(self, pattern: content.BreathPattern) -> int:
        from serjournal.flow.practice import guided_breath

        return guided_breath(self.console, pattern)


def _validate_rating(answer: str, optional: bool) -> bool | str:
    cleaned = answer.strip()
    if not cleaned and optional:
        return True
    if cleaned.isdigit() and 0 <= int(cleaned) <= 10:
        return True
    return "A whole number from 0 to 10" + (", or Enter to skip" if optional else "")
