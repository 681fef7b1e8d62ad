"""The prompt layer: what the guided flow may ask, and the real terminal version.

The flow talks only to a Prompter, so tests drive it with scripted answers
(tests/scripted.py) and the terminal version can change without touching it.
Every method may raise KeyboardInterrupt (Ctrl-C) or EOFError (closed
terminal); the runner turns both into a kept draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from serjournal import content, messages

if TYPE_CHECKING:
    from rich.console import Console


class TerminalClosed(KeyboardInterrupt):
    """The terminal hung up (SIGHUP). A KeyboardInterrupt, not an EOFError,
    because asyncio (under the prompts) swallows ordinary exceptions raised in
    its callbacks."""


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

    def choose(self, question: str, choices: list[str], default: str | None = None) -> str:
        """Exactly one of the choices; `default` (one of them) starts selected,
        so Enter keeps it."""

    def choose_many(
        self,
        question: str,
        choices: list[str],
        limit: int | None = None,
        hints: dict[str, str] | None = None,
        default: list[str] | None = None,
    ) -> list[str]:
        """Any number of the choices (at most `limit`), none included. A hint
        may be shown beside a choice (e.g. the words in an emotion family);
        `default` starts picked (editing a saved check-in)."""

    def choose_grouped(
        self,
        question: str,
        groups: dict[str, list[str]],
        limit: int | None = None,
        default: list[str] | None = None,
    ) -> list[str]:
        """Like choose_many, with the choices shown under their group names."""

    def confirm(self, question: str, default: bool = True) -> bool:
        """Yes or no."""

    def breathe(self, pattern: content.BreathPattern) -> int:
        """Guide a timed breath practice; returns the seconds it lasted."""


SKIP = "(skip)"


class TerminalPrompter:
    """Questionary prompts and Rich output. questionary (and prompt_toolkit
    under it) is imported on first use only, which keeps start-up quick."""

    def __init__(self, console: Console | None = None) -> None:
        from serjournal.render.console import make_console

        self.console = console or make_console()
        self._anchored: set[str] = set()

    def stage(self, stage: content.Stage) -> None:
        from rich.rule import Rule
        from rich.text import Text

        self.console.print()
        heading = (
            messages.STAGE_HEADING.format(number=stage.number, title=stage.title)
            if stage.number
            else stage.title
        )
        self.console.print(Rule(Text(heading), style="cyan", align="left"))
        # Text, not markup: orientations may come from a user's config.
        self.console.print(Text(stage.orientation, style="italic"))

    def say(self, text: str) -> None:
        from rich.text import Text

        self.console.print(Text(text))

    def rating(
        self,
        scale: content.Scale,
        subject: str = "",
        optional: bool = True,
        default: int | None = None,
    ) -> int | None:
        import questionary
        from rich.text import Text

        if scale.key not in self._anchored:  # once per scale: enough to learn it
            self._anchored.add(scale.key)
            anchors = messages.RATING_ANCHORS.format(low=scale.low, high=scale.high)
            self.console.print(Text(anchors, style="dim"))
        hint = messages.RATING_RANGE_OPTIONAL if optional else messages.RATING_RANGE
        answer = questionary.text(
            f"{scale.question} {subject}".strip() + f" {hint}",
            default="" if default is None else str(default),
            validate=lambda text: validate_rating(text, optional),
            qmark="·",
        ).unsafe_ask()
        return int(answer) if answer.strip() else None

    def text(self, question: str, default: str = "") -> str:
        import questionary

        answer = questionary.text(
            question,
            default=default,
            validate=lambda text: text == default or validate_text(text),
            qmark="·",
        ).unsafe_ask()
        return str(answer).strip()

    def choose(self, question: str, choices: list[str], default: str | None = None) -> str:
        import questionary

        return str(
            questionary.select(
                question,
                choices=choices,
                default=default if default in choices else None,
                qmark="·",
            ).unsafe_ask()
        )

    def choose_many(
        self,
        question: str,
        choices: list[str],
        limit: int | None = None,
        hints: dict[str, str] | None = None,
        default: list[str] | None = None,
    ) -> list[str]:
        from questionary import Choice

        width = max((len(c) for c in choices), default=0)
        picked = set(default or [])
        shown: list[Any] = [
            Choice(
                title=[("", c.ljust(width)), ("class:hint", f"  {hints[c]}")]
                if hints and hints.get(c)
                else c,
                value=c,
                checked=c in picked,
            )
            for c in choices
        ]
        return self._checkbox(question, shown, limit)

    def choose_grouped(
        self,
        question: str,
        groups: dict[str, list[str]],
        limit: int | None = None,
        default: list[str] | None = None,
    ) -> list[str]:
        from questionary import Choice, Separator

        picked = set(default or [])
        choices: list[Any] = []
        for group, names in groups.items():
            choices.append(Separator(f"── {group}"))
            choices.extend(Choice(title=name, value=name, checked=name in picked) for name in names)
        return self._checkbox(question, choices, limit)

    def _checkbox(self, question: str, choices: list[Any], limit: int | None) -> list[str]:
        import questionary

        picked = questionary.checkbox(
            question,
            choices=choices,
            qmark="·",
            instruction=messages.PICK_HINT_LIMIT.format(limit=limit)
            if limit
            else messages.PICK_HINT,
            validate=lambda chosen: validate_count(chosen, limit),
            style=questionary.Style([("hint", "fg:ansibrightblack")]),
        ).unsafe_ask()
        return [str(p) for p in picked or []]

    def confirm(self, question: str, default: bool = True) -> bool:
        import questionary

        return bool(questionary.confirm(question, default=default, qmark="·").unsafe_ask())

    def breathe(self, pattern: content.BreathPattern) -> int:
        from serjournal.flow.practice import guided_breath

        return guided_breath(self.console, pattern)


def validate_rating(answer: str, optional: bool) -> bool | str:
    """True for a valid 0-10 answer (or empty when optional), else the hint."""
    cleaned = answer.strip()
    if not cleaned and optional:
        return True
    if cleaned.isascii() and cleaned.isdigit() and 0 <= int(cleaned) <= 10:
        return True
    return messages.RATING_HINT_OPTIONAL if optional else messages.RATING_HINT


def validate_text(answer: str) -> bool | str:
    """True for an answer within the length limit (answers.MAX_TEXT_CHARS),
    else the hint; an answer saved before the limit may be kept as it is."""
    from serjournal.answers import MAX_TEXT_CHARS

    if len(answer) <= MAX_TEXT_CHARS:
        return True
    return messages.TEXT_HINT_TOO_LONG.format(length=len(answer), limit=MAX_TEXT_CHARS)


def validate_count(chosen: list[Any], limit: int | None) -> bool | str:
    if limit is not None and len(chosen) > limit:
        return messages.PICK_AT_MOST.format(limit=limit)
    return True
