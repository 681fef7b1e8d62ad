"""Everyday emotion words wherever a word is typed (issue 11): checkin flags,
--from-json, list --emotion, edit, shell completion; and the user's own words
with their own numbers or a borrowed word's."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import paths
from serjournal.cli import app
from serjournal.cli.completion import complete_emotion, complete_emotion_spec
from serjournal.config import load_config, parse_config
from serjournal.models import CheckIn, EmotionEntry
from serjournal.store.filters import build_filter, filtered_checkins
from serjournal.store.writes import save_checkin
from serjournal.vocabulary import Vocabulary

runner = CliRunner()


def ok(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def fails(*args: str) -> str:
    """A command refused as bad input: exit 2, one line on stderr; returns it."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0].removeprefix("Error: ")


def stored(journal: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(journal) as conn:
        rows = conn.execute(
            "SELECT name, family, valence, energy, intensity, region FROM emotions "
            "ORDER BY checkin_id, position"
        ).fetchall()
    conn.close()
    return rows


def write_config(text: str) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- Flags, JSON, edit ---------------------------------------------------------------------


def test_checkin_flags_take_everyday_words(journal_path: Path) -> None:
    out = ok(
        "checkin", "--db", str(journal_path), "--mood", "4",
        "-e", "stressed:5:chest", "-e", "Pissed-Off:3", "-e", "a bit lonely:2:tummy",
    )  # fmt: skip
    assert "feelings  tense 5, angry 3, lonely 2" in out
    assert stored(journal_path) == [
        ("tense", "fear", "unpleasant", "high", 5, "chest"),
        ("angry", "anger", "unpleasant", "high", 3, None),
        ("lonely", "sadness", "unpleasant", "low", 2, "belly"),
    ]


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        ("stresed:4", "Unknown emotion 'stresed'. Did you mean: tense (stressed)?"),
        ("bad:4", "'bad' can mean many feelings; name a more precise one, such as sad, tense, "
                  "angry, tired, ashamed or lonely."),
        ("joy:4", "'joy' is a family of feelings; name one of its words: happy, excited, "),
    ],
)  # fmt: skip
def test_checkin_refuses_what_is_not_a_feeling_in_one_line(
    journal_path: Path, spec: str, line: str
) -> None:
    assert fails("checkin", "--db", str(journal_path), "--mood", "4", "-e", spec).startswith(line)
    assert not journal_path.exists()  # nothing was written, not even a new journal


def test_from_json_takes_everyday_words_and_keeps_recorded_ones(journal_path: Path) -> None:
    document = {
        "mode": "full",
        "emotions": [
            {"name": "Glad", "intensity": 4},
            "feeling down:3",
            # A recorded entry (it carries its coordinates) stays as recorded,
            # even when its name is now an everyday form of another word.
            {"name": "chuffed", "family": "joy", "valence": "pleasant", "energy": "low",
             "intensity": 2},
        ],
    }  # fmt: skip
    ok("checkin", "--db", str(journal_path), "--from-json", "-", stdin=json.dumps(document))
    assert stored(journal_path) == [
        ("happy", "joy", "pleasant", "high", 4, None),
        ("sad", "sadness", "unpleasant", "low", 3, None),
        ("chuffed", "joy", "pleasant", "low", 2, None),
    ]


def test_edit_adds_and_removes_by_everyday_words(journal_path: Path) -> None:
    out = ok("checkin", "--db", str(journal_path), "--mood", "4", "-e", "worried:4")
    short = re.search(r"Saved check-in (\w{8})", out)
    assert short
    db = str(journal_path)
    ok("edit", short[1], "--db", db, "--add-emotion", "fed up:6", "--remove-emotion", "concerned")
    assert stored(journal_path) == [("frustrated", "anger", "unpleasant", "high", 6, None)]


# --- list --emotion ----------------------------------------------------------------------


def test_list_filters_by_everyday_words(journal_path: Path) -> None:
    db = str(journal_path)
    ok("checkin", "--db", db, "--mood", "7", "-e", "happy:5", "--at", "2026-11-15 09:00")
    ok("checkin", "--db", db, "--mood", "3", "-e", "angry:5", "--at", "2026-11-16 09:00")

    def listed(*words: str) -> list[list[str]]:
        args = [part for word in words for part in ("--emotion", word)]
        return [row["emotions"] for row in json.loads(ok("list", "--db", db, "--json", *args))]

    assert listed("glad") == [["happy"]]
    assert listed("Pissed off") == [["angry"]]
    assert listed("mad") == [["angry"]]
    assert listed("anger") == [["angry"]]  # a family
    assert (
        fails("list", "--db", db, "--emotion", "meh?")
        == "Unknown emotion 'meh?'. Did you mean: flat (meh)?"
    )
    assert fails("list", "--db", db, "--emotion", "xyzzy").startswith(
        "Unknown emotion 'xyzzy'. Try a word such as happy, calm, loved"
    )


def test_list_counts_a_stored_name_that_is_now_a_synonym(db: Any) -> None:
    """An entry saved under the user's own word "glad" (before it was a synonym
    of happy) is found by --emotion happy and by --emotion glad."""
    old = CheckIn(emotions=[EmotionEntry("glad", "joy", "pleasant", "low", 4)])
    new = CheckIn(emotions=[EmotionEntry("happy", "joy", "pleasant", "high", 6)])
    other = CheckIn(emotions=[EmotionEntry("sad", "sadness", "unpleasant", "low", 2)])
    for checkin in (old, new, other):
        save_checkin(db, checkin)
    vocabulary = Vocabulary()
    for typed in ("happy", "glad", "Cheerful"):
        built = build_filter(db, vocabulary, emotions=[typed])
        assert built.emotions == ["happy"] and built.emotion_aliases == {"happy": ["glad"]}
        assert {row["id"] for row in filtered_checkins(db, built)} == {old.id, new.id}


# --- completion ----------------------------------------------------------------------------


def test_completion_offers_everyday_forms_once_something_is_typed() -> None:
    assert complete_emotion("stre") == ["stressed"]
    assert complete_emotion("piss") == ["pissed off"]  # one form per word: not "pissed" too
    assert complete_emotion_spec("fed") == ["fed up:"]
    # Forms that lead to a word already offered are left out: "anx" is anxious alone.
    assert complete_emotion_spec("anx") == ["anxious:"]
    bare = complete_emotion("")
    assert "stressed" not in bare and "happy" in bare and "fear" in bare  # words and families


# --- the user's own words ------------------------------------------------------------------


def test_a_config_word_with_its_own_numbers() -> None:
    config = parse_config('[emotions.wistful]\nfamily = "sadness"\nvalence = 0.1\narousal = -0.4\n')
    wistful = config.vocabulary.emotions["wistful"]
    assert (wistful.family, wistful.valence, wistful.energy) == ("sadness", "pleasant", "low")
    assert (wistful.valence_score, wistful.arousal_score) == (0.1, -0.4)
    assert wistful.rated_as is None  # the user's numbers, not a published rating
    # The user's word wins over the built-in synonym of the same spelling.
    assert config.vocabulary.emotion("wistful").name == "wistful"


def test_a_config_word_borrowing_a_words_coordinates() -> None:
    vocabulary = parse_config(
        '[emotions.chuffed]\nlike = "proud"\n'
        '[emotions.wound-up]\nlike = "stressed"\nfamily = "anger"\n'
    ).vocabulary
    chuffed, proud = vocabulary.emotions["chuffed"], vocabulary.emotions["proud"]
    assert (chuffed.family, chuffed.valence_score, chuffed.arousal_score) == (
        "joy", proud.valence_score, proud.arousal_score,
    )  # fmt: skip
    assert chuffed.rated_as == "proud" and chuffed.placed
    assert vocabulary.regions_for("chuffed") == vocabulary.regions_for("proud")
    wound = vocabulary.emotions["wound up"]
    assert (wound.family, wound.energy) == ("anger", "high")  # tense's coordinates
    assert vocabulary.emotion("wound-up").name == "wound up"


def test_a_config_word_with_a_family_alone_borrows_its_first_word() -> None:
    vocabulary = parse_config('[emotions.saudade]\nfamily = "sadness"\n').vocabulary
    saudade, sad = vocabulary.emotions["saudade"], vocabulary.emotions["sad"]
    assert (saudade.valence_score, saudade.arousal_score, saudade.rated_as) == (
        sad.valence_score, sad.arousal_score, "sad",
    )  # fmt: skip


def test_the_old_labels_still_work_and_mix_with_numbers() -> None:
    vocabulary = parse_config(
        '[emotions.awe]\nfamily = "wonder"\nvalence = "pleasant"\nenergy = "high"\n'
        '[emotions.zest]\nfamily = "wonder"\nvalence = 0.7\nenergy = "high"\n'
    ).vocabulary
    awe, zest = vocabulary.emotions["awe"], vocabulary.emotions["zest"]
    assert (awe.valence, awe.energy, awe.valence_score, awe.arousal_score) == (
        "pleasant", "high", None, None,
    )  # fmt: skip
    assert (zest.valence, zest.valence_score, zest.energy, zest.arousal_score) == (
        "pleasant", 0.7, "high", None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[emotions.x]\nfamily = "joy"\nvalence = 2\n', "emotions.x.valence", "from -1 to 1"),
        ('[emotions.x]\nfamily = "joy"\nvalence = true\n', "emotions.x.valence", "from -1 to 1"),
        ('[emotions.x]\nfamily = "joy"\narousal = "high"\n', "emotions.x.arousal", "-1 to 1"),
        ('[emotions.x]\nfamily = "joy"\nenergy = 0.5\n', "emotions.x.energy", "high, low"),
        ('[emotions.x]\nfamily = "joy"\nenergy = "high"\narousal = 0.5\n', "emotions.x.arousal",
         "either energy"),
        ('[emotions.x]\nlike = "proud"\nvalence = 0.5\n', "emotions.x.like", "not both"),
        ('[emotions.x]\nlike = "hapy"\n', "emotions.x.like", "did you mean happy?"),
        ('[emotions.x]\nlike = 3\n', "emotions.x.like", "not an emotion word"),
        ('[emotions.x]\nfamily = "wonder"\nvalence = 0.5\n', "emotions.x.energy",
         "a new family has no words to borrow from"),
    ],
)  # fmt: skip
def test_a_bad_emotion_in_the_config_names_its_key_and_is_left_out(
    text: str, key: str, problem: str
) -> None:
    write_config(text)
    config = load_config()
    (warning,) = config.warnings
    assert f"'{key}'" in warning and problem in warning, warning
    assert "x" not in config.vocabulary.emotions  # the word is left out; the rest applies


def test_config_show_lists_added_words_with_their_numbers() -> None:
    write_config('[emotions.wistful]\nfamily = "sadness"\nvalence = -0.2\narousal = -0.4\n'
                 '[emotions.chuffed]\nlike = "proud"\n')  # fmt: skip
    out = ok("config", "show")
    assert "wistful (sadness, unpleasant -0.20, low -0.40)" in out
    assert "chuffed (joy, pleasant +0.50, high +0.14, like proud)" in out


def test_a_config_word_is_accepted_by_flags_and_stored_with_its_labels(
    journal_path: Path,
) -> None:
    write_config('[emotions.wistful]\nfamily = "sadness"\nvalence = 0.1\narousal = -0.4\n')
    ok("checkin", "--db", str(journal_path), "--mood", "5", "-e", "wistful:3")
    assert stored(journal_path) == [("wistful", "sadness", "pleasant", "low", 3, None)]


def test_an_unknown_like_is_suggested_from_synonyms_too() -> None:
    write_config('[emotions.x]\nlike = "stresed"\n')
    (warning,) = load_config().warnings
    assert "did you mean tense?" in warning
