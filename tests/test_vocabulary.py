"""The emotion and body vocabulary (issue 11): its data, its look-ups, and the
small functions the interactive check-in calls (match_emotions, regions_for)."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from serjournal import content, emotion_words
from serjournal.content import Emotion, emotion_key
from serjournal.errors import InputError
from serjournal.vocabulary import Vocabulary

TWO_DECIMALS = 0.0051  # the docs round to two decimals
DOCS = Path(__file__).resolve().parents[1] / "docs" / "vocabulary.md"

# The first release's 39 words and their families: each must still be a word,
# in the same family, so entries saved with them keep their meaning.
FIRST_RELEASE = {
    **dict.fromkeys(("content", "grateful", "hopeful", "proud", "playful", "relieved"), "joy"),
    **dict.fromkeys(("peaceful", "safe", "relaxed", "grounded"), "calm"),
    **dict.fromkeys(("connected", "tender", "loved", "compassionate"), "love"),
    **dict.fromkeys(("curious", "startled", "confused"), "surprise"),
    **dict.fromkeys(("anxious", "worried", "overwhelmed", "insecure", "panicky"), "fear"),
    **dict.fromkeys(("frustrated", "irritated", "resentful", "furious"), "anger"),
    **dict.fromkeys(("lonely", "disappointed", "grieving", "hurt", "hopeless"), "sadness"),
    **dict.fromkeys(("embarrassed", "guilty", "inadequate"), "shame"),
    **dict.fromkeys(("repulsed", "averse"), "disgust"),
    **dict.fromkeys(("drained", "numb", "flat"), "tired"),
}

ROWS = [(family, row) for family, rows in emotion_words.WORDS.items() for row in rows]


def forms_of(row: emotion_words.Row) -> list[str]:
    return [emotion_key(form) for form in row[4].split(",")]


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary()


# --- The data --------------------------------------------------------------------------


def test_every_word_has_a_family_and_numbers_in_range() -> None:
    assert 120 <= len(content.EMOTIONS) <= 150
    for e in content.EMOTIONS:
        assert e.family in content.FAMILIES
        assert e.valence_score is not None and -1 <= e.valence_score <= 1, e.name
        assert e.arousal_score is not None and -1 <= e.arousal_score <= 1, e.name
        assert e.rated_as, e.name
    for _, (name, _, valence_mean, arousal_mean, _) in ROWS:
        # Warriner et al. rate on 1-9; a mean outside it is a copying mistake.
        assert 1 <= valence_mean <= 9 and 1 <= arousal_mean <= 9, name


def test_numbers_are_the_published_means_rescaled() -> None:
    by_name = {e.name: e for e in content.EMOTIONS}
    for _, (name, _, valence_mean, arousal_mean, _) in ROWS:
        assert by_name[name].valence_score == pytest.approx((valence_mean - 5) / 4)
        assert by_name[name].arousal_score == pytest.approx((arousal_mean - 5) / 4)
    # Spot checks against the published norm (V.Mean.Sum, A.Mean.Sum).
    assert (by_name["happy"].valence_score, by_name["happy"].arousal_score) == (0.8675, 0.2625)
    assert (by_name["calm"].valence_score, by_name["calm"].arousal_score) == (0.4725, -0.8325)


def test_no_word_is_in_two_families() -> None:
    names = Counter(row[0] for _, row in ROWS)
    assert [name for name, n in names.items() if n > 1] == []
    assert len(content.EMOTIONS) == len(names)


def test_every_synonym_resolves_to_exactly_one_word(vocabulary: Vocabulary) -> None:
    forms = Counter(form for _, row in ROWS for form in forms_of(row))
    assert [form for form, n in forms.items() if n > 1] == []  # never two words
    words = {row[0] for _, row in ROWS}
    assert words.isdisjoint(forms)  # a form is never a word itself
    assert set(content.FAMILIES).isdisjoint(forms)  # nor a family (those ask for a word)
    assert set(content.VAGUE_EMOTION_WORDS).isdisjoint(forms)  # nor a vague word
    for _, row in ROWS:
        for form in forms_of(row):
            assert vocabulary.emotion(form).name == row[0], form
            # However it is typed: capitals, hyphens, a lead-in.
            assert vocabulary.emotion(f"  A bit {form.title()} ").name == row[0], form
    assert len(vocabulary.emotion_synonyms) == len(forms)


def test_each_quadrant_agrees_with_its_numbers() -> None:
    for e in content.EMOTIONS:
        assert e.valence_score is not None and e.arousal_score is not None
        assert e.valence == ("pleasant" if e.valence_score >= 0 else "unpleasant"), e.name
        assert e.energy == ("high" if e.arousal_score >= 0 else "low"), e.name
    # The first release set them per family; per-word numbers fix its errors.
    by_name = {e.name: e for e in content.EMOTIONS}
    assert by_name["confused"].valence == by_name["startled"].valence == "unpleasant"
    assert {e.energy for e in content.EMOTIONS if e.family == "disgust"} == {"low", "high"}
    assert (by_name["calm"].valence, by_name["calm"].energy) == ("pleasant", "low")
    assert (by_name["furious"].valence, by_name["furious"].energy) == ("unpleasant", "high")


def test_an_emotion_whose_labels_disagree_with_its_numbers_is_refused() -> None:
    with pytest.raises(ValueError, match="does not give"):
        Emotion("odd", "joy", "pleasant", "high", valence_score=-0.5, arousal_score=0.5)
    with pytest.raises(ValueError):
        Emotion("odd", "joy", "pleasant", "high", valence_score=1.5, arousal_score=0.5)
    with pytest.raises(ValueError):
        Emotion("odd", "joy", "nice", "high")
    made = Emotion.scored("edge", "joy", 0.0, 0.0)  # the midpoint counts as pleasant, high
    assert (made.valence, made.energy) == ("pleasant", "high")


def test_rated_and_placed_words_are_marked_in_the_data() -> None:
    rated = [e for e in content.EMOTIONS if not e.placed]
    placed = [e for e in content.EMOTIONS if e.placed]
    assert all(e.rated_as == e.name for e in rated)
    # A placed word names the rated word it borrows, which is not itself.
    assert {e.name: e.rated_as for e in placed}["grounded"] == "steady"
    assert {e.name: e.rated_as for e in placed}["relieved"] == "relieve"
    assert (len(rated), len(placed)) == (97, 27)  # the closing note's numbers


def test_the_first_release_words_keep_their_families(vocabulary: Vocabulary) -> None:
    for name, family in FIRST_RELEASE.items():
        assert vocabulary.emotions[name].family == family, name
    assert len(FIRST_RELEASE) == 39


def test_the_words_the_issue_names_are_accepted(vocabulary: Vocabulary) -> None:
    expected = {
        "happy": "happy", "glad": "happy", "cheerful": "happy", "sad": "sad",
        "angry": "angry", "pissed off": "angry", "stressed": "tense", "scared": "scared",
        "excited": "excited", "nervous": "nervous", "bored": "bored", "ashamed": "ashamed",
    }  # fmt: skip
    assert {typed: vocabulary.emotion(typed).name for typed in expected} == expected


def test_russells_circumplex_words_all_resolve(vocabulary: Vocabulary) -> None:
    """The 28 affect words of Russell (1980), the frame the numbers sit in."""
    words = [
        *("happy", "delighted", "excited", "astonished", "aroused", "tense", "alarmed"),
        *("angry", "afraid", "annoyed", "distressed", "frustrated", "miserable", "sad"),
        *("gloomy", "depressed", "bored", "droopy", "tired", "sleepy", "calm"),
        *("relaxed", "satisfied", "at ease", "content", "serene", "glad", "pleased"),
    ]
    assert len(words) == 28
    for word in words:
        assert vocabulary.find_emotion(word) is not None, word


def test_the_docs_table_lists_every_word_with_its_numbers() -> None:
    """docs/vocabulary.md shows every word's family, numbers and source; it must
    say what the data says."""
    text = DOCS.read_text(encoding="utf-8")
    number = r"([+-]\d\.\d\d)"
    row = rf"^\| (\w+) \| (\w+) \| {number} \| {number} \| (\w+, \w+) \| ([\w: ]+) \| (.*) \|$"
    documented = {r[0]: r[1:] for r in re.findall(row, text, re.MULTILINE)}
    assert len(documented) == len(content.EMOTIONS)
    forms = {name: [f.strip() for f in text.split(",")] for _, (name, *_, text) in ROWS}
    for e in content.EMOTIONS:
        family, valence, arousal, quadrant, source, listed = documented[e.name]
        assert family == e.family
        assert float(valence) == pytest.approx(
            e.valence_score, abs=0.0051
        )  # shown with two decimals
        assert float(arousal) == pytest.approx(
            e.arousal_score, abs=0.0051
        )  # shown with two decimals
        assert quadrant == f"{e.valence}, {e.energy}"
        assert source == ("rated" if not e.placed else f"placed: {e.rated_as}")
        assert listed.split(", ") == forms[e.name]


# --- Looking words up --------------------------------------------------------------------


def test_the_misleading_suggestions_now_name_sensible_words(vocabulary: Vocabulary) -> None:
    # The issue's cases: both are known now, no suggestion needed.
    assert vocabulary.emotion("stressed").name == "tense"
    assert vocabulary.emotion("bored").name == "bored"
    # Misspelt, they lead to the right word, never to startled or loved.
    for typed, message in (
        ("stresed", "Unknown emotion 'stresed'. Did you mean: tense (stressed)?"),
        ("stressd", "Unknown emotion 'stressd'. Did you mean: tense (stressed)?"),
        ("boored", "Unknown emotion 'boored'. Did you mean: bored?"),
        ("stressed about work", "Did you mean: tense (stressed)?"),
        ("angery", "Did you mean: angry?"),
    ):
        with pytest.raises(InputError) as raised:
            vocabulary.emotion(typed)
        assert str(raised.value).endswith(message)


def test_unknown_vague_and_family_words_each_get_one_helpful_line(
    vocabulary: Vocabulary,
) -> None:
    with pytest.raises(InputError) as raised:
        vocabulary.emotion("xyzzy")
    assert str(raised.value) == (
        "Unknown emotion 'xyzzy'. Try a word such as happy, calm, loved, surprised, scared, "
        "angry, sad, ashamed, disgusted or tired, or add your own with 'serjournal config edit'."
    )
    with pytest.raises(InputError) as raised:
        vocabulary.emotion("Bad")
    assert str(raised.value) == (
        "'Bad' can mean many feelings; name a more precise one, such as sad, tense, angry, "
        "tired, ashamed or lonely."
    )
    with pytest.raises(InputError, match="'fear' is a family of feelings; name one of its words"):
        vocabulary.emotion("fear")
    # A family that is also a word is the word: precise enough.
    assert vocabulary.emotion("calm").name == "calm" and vocabulary.emotion("tired").family == (
        "tired"
    )


def test_lead_ins_are_dropped_but_never_to_nothing(vocabulary: Vocabulary) -> None:
    assert vocabulary.emotion("feeling down").name == "sad"  # a form that starts with one
    assert vocabulary.emotion("I'm really a bit anxious").name == "anxious"
    assert vocabulary.emotion("a little bit lonely").name == "lonely"
    assert vocabulary.find_emotion("feeling") is None
    assert vocabulary.find_emotion("") is None


def test_a_hostile_pile_of_lead_ins_is_read_in_linear_time(vocabulary: Vocabulary) -> None:
    started = time.perf_counter()
    assert vocabulary.emotion("so " * 50_000 + "anxious").name == "anxious"
    with pytest.raises(InputError, match="Unknown emotion"):
        vocabulary.emotion("a bit " * 20_000 + "zzz")
    assert time.perf_counter() - started < 5  # about 1 s on the 2-core CI machine


def test_match_emotions_follows_its_contract(vocabulary: Vocabulary) -> None:
    assert vocabulary.match_emotions("") == list(vocabulary.emotions)
    assert vocabulary.match_emotions("   ") == list(vocabulary.emotions)
    # 1. what the text names exactly comes first, even through a synonym
    assert vocabulary.match_emotions("stressed")[0] == "tense"
    assert vocabulary.match_emotions("Pissed-Off")[0] == "angry"
    # 2. names starting with it, before 3. words reached by a form ("antsy": nervous)
    starts = vocabulary.match_emotions("an")
    assert starts[:3] == ["anxious", "angry", "annoyed"]
    assert starts.index("nervous") > starts.index("annoyed")
    # 4. the words of a family whose name starts with it, after a word reached
    # by a form ("disgraced": humiliated)
    disg = vocabulary.match_emotions("disg")
    assert disg[:2] == ["disgusted", "humiliated"]
    assert disg[2:] == [e.name for e in vocabulary.emotions_in("disgust")][1:]
    # 5. anything containing it, last; and each word once
    contains = vocabulary.match_emotions("ness")  # loneliness, happiness, ...
    assert "lonely" in contains and len(contains) == len(set(contains))
    assert vocabulary.match_emotions("zzzz") == []


def test_regions_for_puts_the_published_places_first_and_keeps_every_region(
    vocabulary: Vocabulary,
) -> None:
    for e in content.EMOTIONS:
        order = vocabulary.regions_for(e.name)
        assert sorted(order) == sorted(content.REGIONS), e.name  # each region once
        assert order[: len(e.felt_in)] == list(e.felt_in)
    assert vocabulary.regions_for("angry")[:5] == ["chest", "head", "face and jaw", "arms", "hands"]
    assert vocabulary.regions_for("disgusted")[:2] == ["belly", "throat"]
    assert vocabulary.regions_for("happy")[0] == "whole body"
    # No published map (calm), an unknown word, a synonym: still a full list.
    assert vocabulary.regions_for("calm") == list(content.REGIONS)
    assert vocabulary.regions_for("saudade") == list(content.REGIONS)
    assert vocabulary.regions_for("stressed") == vocabulary.regions_for("tense")


def test_regions_for_keeps_the_users_own_regions() -> None:
    vocabulary = Vocabulary()
    vocabulary.regions.append("wrists")
    assert vocabulary.regions_for("angry")[-1] == "wrists"
    vocabulary.regions.remove("arms")  # a region the map names but the user dropped
    assert "arms" not in vocabulary.regions_for("angry")


def test_body_maps_only_name_known_regions() -> None:
    for name, regions in emotion_words.BODY_MAPS.items():
        assert set(regions) <= set(content.REGIONS), name
        assert len(regions) == len(set(regions)), name
    used = {*emotion_words.FAMILY_MAPS.values(), *emotion_words.WORD_MAPS.values()}
    assert used <= set(emotion_words.BODY_MAPS)
    words = {e.name for e in content.EMOTIONS}
    assert set(emotion_words.WORD_MAPS) <= words
    assert set(emotion_words.FAMILY_MAPS) <= set(content.FAMILIES)


# --- The body ------------------------------------------------------------------------------


def test_the_regions_of_the_design_with_sides() -> None:
    assert content.REGIONS == (
        "head", "face and jaw", "throat", "neck", "shoulders", "chest", "upper back", "arms",
        "hands", "belly", "lower back", "pelvis and hips", "legs", "feet", "whole body",
    )  # fmt: skip
    assert content.SIDES == ("left", "right", "both")
    assert set(content.REGION_ALIASES.values()) <= set(content.REGIONS)
    vocabulary = Vocabulary()
    assert vocabulary.region("Tummy") == "belly" and vocabulary.region("heart") == "chest"


def test_qualities_come_in_groups_with_the_often_missed_ones() -> None:
    groups = content.QUALITY_GROUPS
    assert list(groups) == ["temperature", "pressure and tension", "movement", "texture", "absence"]
    flat = [q for words in groups.values() for q in words]
    assert flat == list(content.QUALITIES) and len(flat) == len(set(flat))
    missed = ["tingling", "numb", "burning", "cold", "warm", "heavy", "light", "fizzy", "stuck"]
    missed.append("open")
    assert set(missed) <= set(flat)
    first_release = [
        *("tight", "tense", "heavy", "light", "warm", "hot", "cool", "cold", "tingling"),
        *("buzzing", "numb", "aching", "sharp", "throbbing", "pressure", "fluttering"),
        *("knotted", "hollow", "restless", "trembling", "open", "soft"),
    ]
    assert set(first_release) <= set(flat)  # every stored quality stays valid
    assert set(content.QUALITY_ALIASES.values()) <= set(flat)
    assert set(content.QUALITY_ALIASES).isdisjoint(flat)


def test_the_users_own_region_or_quality_wins_over_an_alias() -> None:
    vocabulary = Vocabulary()
    assert vocabulary.region("eyes") == "face and jaw"  # an alias, by default
    vocabulary.regions.append("eyes")
    vocabulary.qualities.append("prickly")
    assert vocabulary.region("Eyes") == "eyes"
    assert vocabulary.quality("prickly") == "prickly"


def test_quality_groups_and_aliases_in_the_vocabulary() -> None:
    vocabulary = Vocabulary()
    assert vocabulary.quality("Pins and needles") == "tingling"
    assert vocabulary.quality("butterflies") == "fluttering"
    with pytest.raises(InputError, match="Unknown quality 'fizy'. Did you mean: fizzy?"):
        vocabulary.quality("fizy")
    vocabulary.qualities.append("prickly heat")
    groups = vocabulary.quality_groups
    assert groups["your own"] == ["prickly heat"]
    assert sorted(q for words in groups.values() for q in words) == sorted(vocabulary.qualities)
