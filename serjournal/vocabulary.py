"""The words a check-in may use, and forgiving look-ups that suggest the closest.

A Vocabulary starts from the defaults in content.py; the user's config can
extend it. Look-ups accept any case, extra spaces and the aliases in content;
an emotion is also found by its synonyms and everyday forms ("stressed" is
tense, "pissed off" is angry), with or without a lead-in ("a bit anxious").

Everything here is pure: no files, no journal, no terminal. The interactive
check-in calls match_emotions (type to filter), regions_for (where do you feel
it), and quality_groups; flags, JSON, filters and completion call emotion().
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from serjournal import content, messages
from serjournal.content import emotion_key
from serjournal.errors import InputError

MAX_SUGGESTIONS = 3
# How alike (difflib's ratio) a misspelling must be to a word or form to be
# suggested: "stresed" -> "stressed" (0.93) is, "bored" -> "loved" (0.6) is not.
SPELLING_CUTOFF = 0.75
SPELLING_MARGIN = 0.1  # and no further from the best match than this


@dataclass
class Vocabulary:
    regions: list[str] = field(default_factory=lambda: list(content.REGIONS))
    region_aliases: dict[str, str] = field(default_factory=lambda: dict(content.REGION_ALIASES))
    qualities: list[str] = field(default_factory=lambda: list(content.QUALITIES))
    quality_aliases: dict[str, str] = field(default_factory=lambda: dict(content.QUALITY_ALIASES))
    emotions: dict[str, content.Emotion] = field(
        default_factory=lambda: {e.name: e for e in content.EMOTIONS}
    )
    # Everyday form (as content.emotion_key gives it) -> the one word it means.
    emotion_synonyms: dict[str, str] = field(default_factory=lambda: dict(content.EMOTION_SYNONYMS))

    @property
    def families(self) -> list[str]:
        return list(dict.fromkeys(e.family for e in self.emotions.values()))

    def emotions_in(self, family: str) -> list[content.Emotion]:
        return [e for e in self.emotions.values() if e.family == family]

    @property
    def quality_groups(self) -> dict[str, list[str]]:
        """The qualities by kind (temperature, pressure and tension, movement,
        texture, absence), then any the user's config added under "your own".
        Every quality of the vocabulary appears exactly once."""
        groups = {
            name: [q for q in words if q in self.qualities]
            for name, words in content.QUALITY_GROUPS.items()
        }
        grouped = {q for words in groups.values() for q in words}
        own = [q for q in self.qualities if q not in grouped]
        if own:
            groups[messages.OWN_QUALITIES_GROUP] = own
        return {name: words for name, words in groups.items() if words}

    def region(self, text: str) -> str:
        key = normalise(text)
        if key not in self.regions:  # the user's own "eyes" is theirs, not an alias
            key = self.region_aliases.get(key, key)
        return _pick(key, self.regions, "region", text)

    def quality(self, text: str) -> str:
        key = normalise(text)
        if key not in self.qualities:
            key = self.quality_aliases.get(key, key)
        return _pick(key, self.qualities, "quality", text)

    def side(self, text: str) -> str:
        return _pick(normalise(text), list(content.SIDES), "side", text)

    # --- Emotions ----------------------------------------------------------------------

    def find_emotion(self, text: str) -> content.Emotion | None:
        """The emotion `text` names, or None. A word of the vocabulary first,
        then a synonym or everyday form, each also after dropping a lead-in
        ("feeling", "a bit", "really"). Never a family: see emotion()."""
        key = emotion_key(text)
        for candidate in (key, _without_lead_in(key)):
            if candidate in self.emotions:
                return self.emotions[candidate]
            word = self.emotion_synonyms.get(candidate)
            if word in self.emotions:
                return self.emotions[word]
        return None

    def emotion(self, text: str) -> content.Emotion:
        """The emotion `text` names (see find_emotion), or InputError with one
        line that helps: a family names its words, a vague word ("bad") asks
        for a precise one, anything else gets suggest_emotions()."""
        found = self.find_emotion(text)
        if found is not None:
            return found
        key = emotion_key(text)
        for candidate in (key, _without_lead_in(key)):
            if candidate in self.families:
                # A family is not precise enough: name its words instead.
                words = ", ".join(e.name for e in self.emotions_in(candidate))
                raise InputError(messages.EMOTION_IS_A_FAMILY.format(family=candidate, words=words))
            examples = content.VAGUE_EMOTION_WORDS.get(candidate)
            if examples:
                known = [w for w in examples if w in self.emotions]
                raise InputError(messages.emotion_too_vague(text, known))
        suggestions = self.suggest_emotions(text)
        raise InputError(messages.unknown_emotion(text, suggestions, self.family_heads()))

    def suggest_emotions(self, text: str) -> list[tuple[str, str | None]]:
        """Up to three words someone typing `text` may mean, best first, for a
        word the vocabulary does not know. Synonyms first: a known word or
        everyday form inside the text ("stressed about work" -> tense). Then
        spelling: the words and forms spelled most like it ("stresed" -> tense).
        Each suggestion is (word, the form it was found by, or None when the
        word itself matched), so a message can say why it is suggested."""
        key = emotion_key(text)
        found: dict[str, str | None] = {}

        def add(form: str) -> None:
            word = form if form in self.emotions else self.emotion_synonyms.get(form)
            if word in self.emotions and word not in found:
                found[word] = None if form == word else form

        tokens = key.split()
        for size in range(min(len(tokens), 4), 0, -1):  # longest phrases first
            for start in range(len(tokens) - size + 1):
                add(" ".join(tokens[start : start + size]))
        forms = [*self.emotions, *self.emotion_synonyms]
        close = difflib.get_close_matches(key, forms, n=12, cutoff=SPELLING_CUTOFF)
        best = difflib.SequenceMatcher(None, key, close[0]).ratio() if close else 1.0
        for form in close:  # the best spellings only, not everything past the cutoff
            if difflib.SequenceMatcher(None, key, form).ratio() >= best - SPELLING_MARGIN:
                add(form)
        return list(found.items())[:MAX_SUGGESTIONS]

    def match_emotions(self, typed: str) -> list[str]:
        """The words to show while someone types `typed` into a filter: names
        of the vocabulary's emotions, each once, best match first.

        Contract (pure, fast, never raises):
          - empty or blank `typed`: every word, in vocabulary order (family by
            family, as emotions_in gives them);
          - otherwise, in this order, each tier in vocabulary order:
            1. the word `typed` names exactly (its name, a synonym or everyday
               form, with or without a lead-in: "stressed" -> tense);
            2. words whose name starts with `typed` ("an" -> angry, anxious...);
            3. words with a synonym or everyday form starting with `typed`
               ("pis" -> angry, for "pissed off");
            4. the words of a family whose name starts with `typed` ("fea" ->
               the fear family);
            5. words whose name, synonym or form contains `typed` (three or
               more characters typed);
          - case, spaces, hyphens and apostrophes are ignored; nothing matches
            an unknown text (the caller may then show suggest_emotions()).
        """
        key = emotion_key(typed)
        if not key:
            return list(self.emotions)
        forms_of: dict[str, list[str]] = {name: [] for name in self.emotions}
        for form, word in self.emotion_synonyms.items():
            if word in forms_of:
                forms_of[word].append(form)
        tiers: list[list[str]] = [[], [], [], [], []]
        exact = self.find_emotion(typed)
        if exact is not None:
            tiers[0].append(exact.name)
        for name, emotion in self.emotions.items():
            forms = forms_of[name]
            if name.startswith(key):
                tiers[1].append(name)
            elif any(f.startswith(key) for f in forms):
                tiers[2].append(name)
            elif emotion.family.startswith(key):
                tiers[3].append(name)
            elif len(key) >= 3 and any(key in f for f in [name, *forms]):
                tiers[4].append(name)
        return list(dict.fromkeys(name for tier in tiers for name in tier))

    def regions_for(self, emotion_name: str) -> list[str]:
        """Every region of the vocabulary, each once, in the order to offer them
        when asking where `emotion_name` is felt.

        Contract (pure, never raises): the regions where that emotion is often
        felt come first, in the order of the published bodily maps
        (emotion_words.BODY_MAPS, after Nummenmaa et al. 2014); then every
        other region in the usual head-to-feet order, the user's own regions
        last. A word the vocabulary does not know (a stored word since removed)
        or one without a map (calm, tired) gets the usual order. The order is a
        convenience, never a statement of what the user should feel: nothing
        is preselected and every region is always offered.
        """
        emotion = self.find_emotion(emotion_name)
        first = emotion.felt_in if emotion is not None else ()
        return list(dict.fromkeys([*(r for r in first if r in self.regions), *self.regions]))

    def family_heads(self) -> list[str]:
        """The first word of each family (happy, calm, loved...): the everyday
        word a family is known by, used for examples and as the coordinates a
        config word borrows when it names only a family."""
        return [self.emotions_in(family)[0].name for family in self.families]


def normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def _without_lead_in(key: str) -> str:
    """ "really a bit anxious" -> "anxious": drop words that only soften or
    stress a feeling, as long as something is left. Linear in the words typed,
    however many lead-ins a hostile text repeats."""
    words = key.split()
    start = 0
    changed = True
    while changed:
        changed = False
        for lead in _LEAD_IN_WORDS:
            end = start + len(lead)
            if end < len(words) and words[start:end] == lead:
                start = end
                changed = True
    return " ".join(words[start:]) if start else key


_LEAD_IN_WORDS: tuple[list[str], ...] = tuple(lead.split() for lead in content.EMOTION_LEAD_INS)


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
