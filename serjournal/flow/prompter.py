"""The prompt layer: what the guided flow may ask, and the real terminal version.

The flow talks only to a Prompter, so tests drive it with scripted answers
(tests/scripted.py) and the terminal version can change without touching it.
Every method may raise KeyboardInterrupt (Ctrl-C) or EOFError (closed
terminal); the runner turns both into a kept draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from serjournal import content, messages

if TYPE_CHECKING:
    from rich.console import Console

    from serjournal.flow.widgets import Find, Fragments, Item


class TerminalClosed(KeyboardInterrupt):
    """The terminal hung up (SIGHUP). A KeyboardInterrupt, not an EOFError,
    because asyncio (under the prompts) swallows ordinary exceptions raised in
    its callbacks."""


# A list's choices: plain, or under headings (heading -> names; "" for none).
Choices = list[str] | dict[str, list[str]]


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

    def ratings(
        self, scales: list[content.Scale], default: list[int | None] | None = None
    ) -> list[int | None]:
        """Several optional 0-10 answers in one line (quick mode), one per scale."""

    def text(self, question: str, default: str = "", suggestions: list[str] | None = None) -> str:
        """A free-text answer; empty when skipped. `default` pre-fills it;
        `suggestions` complete the comma-separated item being typed."""

    def choose(
        self,
        question: str,
        choices: Choices,
        default: str | None = None,
        find: Find | None = None,
    ) -> str:
        """Exactly one of the choices; `default` (one of them) starts pointed
        at, so Enter keeps it. Typing filters the list with `find`."""

    def choose_many(
        self,
        question: str,
        choices: Choices,
        limit: int | None = None,
        default: list[str] | None = None,
        find: Find | None = None,
    ) -> list[str]:
        """Any number of the choices (at most `limit`), none included;
        `default` starts picked. Typing filters the list with `find`."""

    def confirm(self, question: str, default: bool = True) -> bool:
        """Yes or no."""

    def breathe(self, pattern: content.BreathPattern, cue: str = "") -> int:
        """Guide a timed breath practice (`cue`: what to attend to meanwhile);
        returns the seconds it lasted."""


SKIP = "(skip)"


def flat(choices: Choices) -> list[str]:
    """Every name of a list's choices, in order."""
    if isinstance(choices, dict):
        return [name for names in choices.values() for name in names]
    return list(choices)


class TerminalPrompter:
    """Rich output and serjournal's own prompts (flow/widgets.py), which are
    imported on first use only, keeping start-up quick."""

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
        self.console.print(Rule(Text(heading, style="sj.title"), style="sj.rule", align="left"))
        # Text, not markup: orientations may come from a user's config.
        self.console.print(Text(stage.orientation, style="sj.orientation"))

    def say(self, text: str) -> None:
        from rich.text import Text

        self.console.print(Text(text))

    def _anchors(self, scale: content.Scale, named: bool = False) -> None:
        from rich.padding import Padding
        from rich.text import Text

        if scale.key in self._anchored:  # once per scale: enough to learn it
            return
        self._anchored.add(scale.key)
        template = messages.RATING_ANCHORS_NAMED if named else messages.RATING_ANCHORS
        anchors = template.format(name=scale.name, low=scale.low, high=scale.high)
        # Indented as a whole, so a narrow terminal wraps it under itself.
        self.console.print(Padding(Text(anchors.strip(), style="sj.hint"), (0, 0, 0, 2)))

    def rating(
        self,
        scale: content.Scale,
        subject: str = "",
        optional: bool = True,
        default: int | None = None,
    ) -> int | None:
        from serjournal.flow import widgets

        self._anchors(scale)
        answer = widgets.ask_text(
            rating_question(scale, subject),
            hint=messages.RATING_RANGE_OPTIONAL if optional else messages.RATING_RANGE,
            default="" if default is None else str(default),
            validate=lambda text: validate_rating(text, optional),
        )
        return int(answer) if answer.strip() else None

    def ratings(
        self, scales: list[content.Scale], default: list[int | None] | None = None
    ) -> list[int | None]:
        from serjournal.flow import widgets

        for scale in scales:
            self._anchors(scale, named=True)
        answer = widgets.ask_text(
            [("class:question", messages.ASK_RATINGS.format(names=_names(scales)))],
            hint=messages.RATINGS_RANGE.format(count=len(scales)),
            default=ratings_text(default) if default else "",
            validate=lambda text: validate_ratings(text, len(scales)),
        )
        parsed = parse_ratings(answer, len(scales))
        assert isinstance(parsed, list)  # validated above
        return parsed

    def text(self, question: str, default: str = "", suggestions: list[str] | None = None) -> str:
        from serjournal.flow import widgets

        hint = messages.TAB_COMPLETES if suggestions else ""
        typed = widgets.ask_text(
            [("class:question", question)],
            hint=hint,
            default=default,
            # An answer saved before the length limit may be kept as it is.
            validate=lambda text: text == default or validate_text(text),
            suggestions=suggestions or (),
        )
        return typed.strip()

    def choose(
        self,
        question: str,
        choices: Choices,
        default: str | None = None,
        find: Find | None = None,
    ) -> str:
        from serjournal.flow import widgets

        (picked,) = widgets.ask_list(
            [("class:question", question)],
            _items(choices),
            multi=False,
            default=[default] if default is not None else [],
            find=find,
            hint=messages.CHOOSE_HINT,
        )
        return picked

    def choose_many(
        self,
        question: str,
        choices: Choices,
        limit: int | None = None,
        default: list[str] | None = None,
        find: Find | None = None,
    ) -> list[str]:
        from serjournal.flow import widgets

        return widgets.ask_list(
            [("class:question", question)],
            _items(choices),
            multi=True,
            default=default or [],
            limit=limit,
            find=find,
            hint=messages.PICK_HINT_LIMIT.format(limit=limit) if limit else messages.PICK_HINT,
        )

    def confirm(self, question: str, default: bool = True) -> bool:
        from serjournal.flow import widgets

        return widgets.ask_confirm([("class:question", question)], default=default)

    def breathe(self, pattern: content.BreathPattern, cue: str = "") -> int:
        from serjournal.flow.practice import guided_breath

        return guided_breath(self.console, pattern, cue=cue)


def _items(choices: Choices) -> list[Item]:
    from serjournal.flow.widgets import Item

    if isinstance(choices, dict):
        return [Item(name, group) for group, names in choices.items() for name in names]
    return [Item(name) for name in choices]


def _names(scales: list[content.Scale]) -> str:
    names = [s.name for s in scales]
    if len(names) < 2:
        return "".join(names).capitalize()
    return (", ".join(names[:-1]) + " and " + names[-1]).capitalize()


def rating_question(scale: content.Scale, subject: str) -> Fragments:
    """'How intense is it? (chest, tight)': the scale's question, then what it is about."""
    return [("class:question", f"{scale.question} {subject}".strip())]


def validate_rating(answer: str, optional: bool) -> bool | str:
    """True for a valid 0-10 answer (or empty when optional), else the hint."""
    cleaned = answer.strip()
    if not cleaned and optional:
        return True
    if _is_rating(cleaned):
        return True
    return messages.RATING_HINT_OPTIONAL if optional else messages.RATING_HINT


def _is_rating(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 <= int(text) <= 10


def parse_ratings(answer: str, count: int) -> list[int | None] | str:
    """'6 4 3' (spaces or commas; '-' skips one; empty skips all) as
    `count` ratings, or the message saying what is expected."""
    parts = answer.replace(",", " ").split()
    if not parts:
        return [None] * count
    if len(parts) != count or not all(p == "-" or _is_rating(p) for p in parts):
        return messages.RATINGS_HINT.format(count=count)
    return [None if p == "-" else int(p) for p in parts]


def validate_ratings(answer: str, count: int) -> bool | str:
    parsed = parse_ratings(answer, count)
    return parsed if isinstance(parsed, str) else True


def ratings_text(values: list[int | None]) -> str:
    """The typed form of several ratings: '6 - 3'."""
    if all(v is None for v in values):
        return ""
    return " ".join("-" if v is None else str(v) for v in values)


def validate_text(answer: str) -> bool | str:
    """True for an answer within the length limit (answers.MAX_TEXT_CHARS),
    else the message shown under the question."""
    from serjournal.answers import MAX_TEXT_CHARS

    if len(answer) <= MAX_TEXT_CHARS:
        return True
    return messages.TEXT_HINT_TOO_LONG.format(length=len(answer), limit=MAX_TEXT_CHARS)
