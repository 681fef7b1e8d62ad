"""A Prompter that answers from a script, for driving the guided flow in tests.

Each call takes the next answer in order. INTERRUPT raises KeyboardInterrupt
(Ctrl-C), HANGUP raises EOFError (closed terminal) and GONE an OSError
(a terminal that vanished) at that point. Every
question asked is recorded, so tests can assert what the user was shown.
"""

from __future__ import annotations

from typing import Any

from serjournal import content
from serjournal.flow.prompter import Choices, flat
from serjournal.flow.widgets import Find

INTERRUPT = object()
# Press Enter: take whatever the prompt offers already (the saved answer when
# editing or resuming, the default otherwise). Every method honours it, so an
# edit or resume test can do what a user does to keep an answer. One difference
# from a real terminal: a checkbox returns its picks in the order of its choices,
# this returns them as scripted (test_edit_terminal covers the real order).
KEEP = object()
HANGUP = object()
GONE = object()  # the terminal vanished: writing to it fails with EIO


class ScriptedPrompter:
    def __init__(self, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []
        self.said: list[str] = []
        self.stages: list[str] = []
        self.breaths: list[content.BreathPattern] = []
        self.limits: list[int | None] = []  # the limit passed with each multi-select
        self.defaults: list[list[str]] = []  # what each multi-select started with picked
        self.groups: list[dict[str, list[str]]] = []  # each list as shown, by heading
        self.finds: list[Find | None] = []  # each list's filter
        self.suggestions: list[list[str]] = []  # each text prompt's completions
        self.cues: list[str] = []

    def _next(self, kind: str, question: str) -> Any:
        self.asked.append((kind, question))
        if not self.answers:
            raise AssertionError(f"script ran out at {kind}: {question!r}")
        answer = self.answers.pop(0)
        if answer is INTERRUPT:
            raise KeyboardInterrupt
        if answer is HANGUP:
            raise EOFError
        if answer is GONE:
            raise OSError(5, "Input/output error")
        return answer

    def stage(self, stage: content.Stage) -> None:
        self.stages.append(stage.key)

    def say(self, text: str) -> None:
        self.said.append(text)

    def rating(
        self,
        scale: content.Scale,
        subject: str = "",
        optional: bool = True,
        default: int | None = None,
    ) -> int | None:
        answer = self._next("rating", f"{scale.key} {subject}".strip())
        if answer is KEEP:
            return default
        assert answer is None or isinstance(answer, int), answer
        assert optional or answer is not None, "a required rating was skipped"
        return answer  # type: ignore[no-any-return]

    def ratings(
        self, scales: list[content.Scale], default: list[int | None] | None = None
    ) -> list[int | None]:
        answer = self._next("ratings", " ".join(s.key for s in scales))
        if answer is KEEP:
            return list(default) if default else [None] * len(scales)
        assert isinstance(answer, list) and len(answer) == len(scales), answer
        assert all(a is None or (isinstance(a, int) and 0 <= a <= 10) for a in answer), answer
        return answer

    def text(self, question: str, default: str = "", suggestions: list[str] | None = None) -> str:
        self.suggestions.append(list(suggestions or []))
        answer = self._next("text", question)
        if answer is KEEP:
            return default
        assert isinstance(answer, str), answer
        return answer

    def choose(
        self,
        question: str,
        choices: Choices,
        default: str | None = None,
        find: Find | None = None,
    ) -> str:
        names = self._shown(choices, find)
        answer = self._next("choose", question)
        if answer is KEEP:
            assert default in names, f"Enter on {question!r}: no default among {names}"
            return default  # type: ignore[return-value]
        # A prefix picks the first choice that starts with it ("breath" -> "breath: ...").
        match = next((c for c in names if c == answer or c.startswith(str(answer))), None)
        assert match is not None, f"{answer!r} not among {names}"
        return match

    def choose_many(
        self,
        question: str,
        choices: Choices,
        limit: int | None = None,
        default: list[str] | None = None,
        find: Find | None = None,
    ) -> list[str]:
        names = self._shown(choices, find)
        answer = self._next("choose_many", question)
        self.limits.append(limit)
        self.defaults.append(list(default or []))
        if answer is KEEP:
            return list(default or [])
        assert isinstance(answer, list) and all(a in names for a in answer), (answer, names)
        return answer

    def _shown(self, choices: Choices, find: Find | None) -> list[str]:
        """Record the list as shown (its groups, and the filter it types with)."""
        self.groups.append(dict(choices) if isinstance(choices, dict) else {"": list(choices)})
        self.finds.append(find)
        return flat(choices)

    def confirm(self, question: str, default: bool = True) -> bool:
        answer = self._next("confirm", question)
        if answer is KEEP:
            return default
        assert isinstance(answer, bool), answer
        return answer

    def breathe(self, pattern: content.BreathPattern, cue: str = "") -> int:
        self.breaths.append(pattern)
        self.cues.append(cue)
        return int(pattern.total_seconds)
