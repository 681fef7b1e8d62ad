"""The words a check-in may use, and forgiving look-ups that suggest the closest.

A Vocabulary starts from the defaults in content.py; the user's config can
extend it. Look-ups accept any case, extra spaces and the aliases in content.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from serjournal import content, messages
from serjournal.errors import InputError


@dataclass
class Vocabulary:
    regions: list[str] = field(default_factory=lambda: list(content.REGIONS))
    region_aliases: dict[str, str] = field(default_factory=lambda: dict(content.REGION_ALIASES))
    qualities: list[str] = field(default_factory=lambda: list(content.QUALITIES))
    emotions: dict[str, content.Emotion] = field(
        default_factory=lambda: {e.name: e for e in content.EMOTIONS}
    )

    @property
    def families(self) -> list[str]:
        return list(dict.fromkeys(e.family for e in self.emotions.values()))

    def emotions_in(self, family: str) -> list[content.Emotion]:
        return [e for e in self.emotions.values() if e.family == family]

    def region(self, text: str) -> str:
        key = normalise(text)
        key = self.region_aliases.get(key, key)
        return _pick(key, self.regions, "region", text)

    def quality(self, text: str) -> str:
        return _pick(normalise(text), self.qualities, "quality", text)

    def side(self, text: str) -> str:
        return _pick(normalise(text), list(content.SIDES), "side", text)

    def emotion(self, text: str) -> content.Emotion:
        key = normalise(text)
        if key not in self.emotions and key in self.families:
            # A family is not precise enough: name its words instead.
            words = ", ".join(e.name for e in self.emotions_in(key))
            raise InputError(messages.EMOTION_IS_A_FAMILY.format(family=key, words=words))
        name = _pick(key, list(self.emotions), "emotion", text)
        return self.emotions[name]


def normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def _pick(key: str, choices: list[str], kind: str, original: str) -> str:
    if key in choices:
        return key
    close = difflib.get_close_matches(key, choices, n=3, cutoff=0.6)
    raise InputError(messages.unknown_word(kind, original, close))


_default: Vocabulary | None = None


def default_vocabulary() -> Vocabulary:
    """The vocabulary in force: the defaults, plus the user's config once loaded."""
    global _default
    if _default is None:
        _default = Vocabulary()
    return _default


def set_vocabulary(vocabulary: Vocabulary | None) -> None:
    """Replace the vocabulary in force (config loading and tests use this)."""
    global _default
    _default = vocabulary
