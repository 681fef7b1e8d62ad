"""serjournal's prompts (flow/widgets.py), driven by keys through a pipe:
prompt_toolkit's own way of testing an application without a terminal.
Where things land on a real screen is checked end to end (test_e2e_terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from serjournal import content, messages
from serjournal.flow import widgets
from serjournal.flow.stages import emotion_groups, find_emotions
from serjournal.flow.widgets import Item, find_words, wrap

DOWN, UP, ENTER, BACKSPACE, TAB = "\x1b[B", "\x1b[A", "\r", "\x7f", "\t"
Q = [("class:question", "Which one?")]


@pytest.fixture
def keys() -> Iterator[Callable[[str], None]]:
    """Queue keys for the next prompt; they are read as if typed."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe.send_text


def items(*names: str) -> list[Item]:
    return [Item(name) for name in names]


QUALITIES = [Item(q) for q in content.QUALITIES]
REGIONS = [Item(r) for r in content.REGIONS]


# --- Lists ---------------------------------------------------------------------------------


def test_typing_finds_a_choice_far_down_and_enter_takes_it(keys: Any) -> None:
    keys("pre" + ENTER)  # "pressure" is 14 Downs away
    assert widgets.ask_list(Q, QUALITIES, multi=False) == ["pressure"]


def test_backspace_and_arrows_move_within_what_typing_found(keys: Any) -> None:
    keys("tix" + BACKSPACE + DOWN + ENTER)  # "ti": tight, tingling
    assert widgets.ask_list(Q, QUALITIES, multi=False) == ["tingling"]


def test_enter_on_a_list_without_typing_takes_the_default(keys: Any) -> None:
    keys(ENTER)
    assert widgets.ask_list(Q, QUALITIES, multi=False, default=["warm"]) == ["warm"]


def test_nothing_found_is_said_and_enter_waits_for_a_real_choice(keys: Any) -> None:
    keys("zzz" + ENTER + BACKSPACE * 3 + "soft" + ENTER)
    assert widgets.ask_list(Q, QUALITIES, multi=False) == ["soft"]


def test_several_picked_by_typing_space_between_and_enter_on_the_last(keys: Any) -> None:
    keys("sho" + " " + "che" + " " + "bel" + ENTER)
    picked = widgets.ask_list(Q, REGIONS, multi=True)
    assert picked == ["shoulders", "chest", "belly"]  # in the list's order


def test_enter_with_nothing_typed_takes_only_what_was_picked(keys: Any) -> None:
    keys(DOWN + " " + DOWN + ENTER)
    assert widgets.ask_list(Q, REGIONS, multi=True) == ["face and jaw"]


def test_pre_picked_choices_are_kept_by_enter_and_space_unpicks(keys: Any) -> None:
    keys(ENTER)
    assert widgets.ask_list(Q, REGIONS, multi=True, default=["chest", "belly"]) == [
        "chest",
        "belly",
    ]
    keys(" " + ENTER)  # the pointer starts at the top: head, now picked too
    assert widgets.ask_list(Q, REGIONS, multi=True, default=["chest", "belly"]) == [
        "head",
        "chest",
        "belly",
    ]
    keys("che " + ENTER)  # found by typing, Space unpicks it
    assert widgets.ask_list(Q, REGIONS, multi=True, default=["chest", "belly"]) == ["belly"]


def test_a_limit_holds_the_answer_until_it_is_kept(keys: Any) -> None:
    keys("hea " + "han " + "bel " + "fee" + ENTER + BACKSPACE * 3 + "bel " + ENTER)
    picked = widgets.ask_list(Q, REGIONS, multi=True, limit=3)
    assert picked == ["head", "hands"]  # the fourth was refused; belly was unpicked again


def test_nothing_picked_is_an_empty_answer(keys: Any) -> None:
    keys(ENTER)
    assert widgets.ask_list(Q, REGIONS, multi=True) == []


def test_a_given_find_decides_what_typing_matches(keys: Any) -> None:
    families = emotion_groups_of_defaults()
    listed = [Item(name, family) for family, names in families.items() for name in names]
    find = find_emotions(default_vocabulary(), families)
    keys("stressed" + ENTER)  # an everyday form: the word it means
    assert widgets.ask_list(Q, listed, multi=True, find=find) == ["tense"]


def test_ctrl_c_and_ctrl_d_stop_a_list(keys: Any) -> None:
    keys("\x03")
    with pytest.raises(KeyboardInterrupt):
        widgets.ask_list(Q, REGIONS, multi=True)
    keys("\x04")
    with pytest.raises(EOFError):
        widgets.ask_list(Q, REGIONS, multi=False)


# --- Text, ratings, yes or no -------------------------------------------------------------


def test_a_refused_answer_waits_for_a_good_one(keys: Any) -> None:
    seen: list[str] = []

    def only_small(text: str) -> bool | str:
        seen.append(text)
        return True if text in ("", "7") else messages.RATING_HINT_OPTIONAL

    keys("11" + ENTER + BACKSPACE * 2 + "7" + ENTER)
    assert widgets.ask_text(Q, validate=only_small) == "7"
    assert seen == ["11", "7"]


def test_text_starts_from_its_default(keys: Any) -> None:
    keys(" and rest" + ENTER)
    assert widgets.ask_text(Q, default="walk") == "walk and rest"


def test_tab_completes_the_item_being_typed_from_known_words(keys: Any) -> None:
    keys("wo" + TAB + ", sl" + TAB + ", w" + TAB + ENTER)
    typed = widgets.ask_text(Q, suggestions=["work", "sleep", "walk"])
    assert typed == "work, sleep, walk"  # work is typed already: w completes to walk


def test_ctrl_d_on_an_empty_line_is_a_closed_terminal(keys: Any) -> None:
    keys("\x04")
    with pytest.raises(EOFError):
        widgets.ask_text(Q)


@pytest.mark.parametrize(
    ("typed", "default", "answer"),
    [("y", False, True), ("n", True, False), (ENTER, True, True), (ENTER, False, False)],
)
def test_yes_or_no(keys: Any, typed: str, default: bool, answer: bool) -> None:
    keys("x" + typed)  # other keys do nothing
    assert widgets.ask_confirm(Q, default=default) is answer


# --- Finding and wrapping -----------------------------------------------------------------


def test_find_words_puts_the_closest_first() -> None:
    values = ["face and jaw", "hands", "whole body", "lower back", "chest"]
    assert find_words("jaw", values) == ["face and jaw"]
    assert find_words("b", values) == ["whole body", "lower back"]  # word starts only
    assert find_words("ack", values) == ["lower back"]  # inside a word, from three letters
    assert find_words("  CHE ", values) == ["chest"]
    assert find_words("", values) == values


def test_find_emotions_matches_words_then_family_members() -> None:
    families = emotion_groups_of_defaults()
    names = [n for group in families.values() for n in group]
    find = find_emotions(default_vocabulary(), families)
    assert find("fear", names)[:4] == ["scared", "terrified", "anxious", "worried"]  # its words
    assert find("hop", names)[:2] == ["hopeful", "hopeless"]
    assert find("xyz", names) == []


@pytest.mark.parametrize("width", [60, 80, 200])
def test_wrapping_breaks_between_words_at_every_width(width: int) -> None:
    question = (
        "Where do you notice tension, restriction or anything else? "
        "(type to find, Space to pick, Enter when done)"
    )
    lines = wrap([("class:question", question)], width)
    texts = ["".join(f[1] for f in line) for line in lines]
    assert all(len(t) <= width - 1 for t in texts)
    words = question.split()
    assert " ".join(" ".join(texts).split()) == " ".join(words)  # nothing lost or cut
    for text in texts:
        for word in text.split():
            assert word in words  # every piece is a whole word
    assert all(t.startswith("  ") for t in texts[1:])


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing() -> None:
    lines = wrap([("", "x" * 50)], 20)
    assert all(len("".join(f[1] for f in line)) <= 19 for line in lines)
    assert "".join("".join(f[1] for f in line).strip() for line in lines) == "x" * 50


def emotion_groups_of_defaults() -> dict[str, list[str]]:
    from serjournal.flow.stages import Session
    from serjournal.models import CheckIn
    from tests.scripted import ScriptedPrompter

    session = Session(ScriptedPrompter([]), CheckIn(), default_vocabulary())
    return emotion_groups(session)


def default_vocabulary() -> Any:
    from serjournal.vocabulary import Vocabulary

    return Vocabulary()


def test_enter_typed_ahead_arrives_as_a_line_feed_and_still_answers(keys: Any) -> None:
    """Keys typed while no prompt holds the terminal pass its line discipline,
    which turns Enter (CR) into a line feed."""
    keys("6\n")
    assert widgets.ask_text(Q) == "6"
    keys("\n")
    assert widgets.ask_confirm(Q, default=True) is True
    keys("pre\n")
    assert widgets.ask_list(Q, QUALITIES, multi=False) == ["pressure"]


def test_words_from_elsewhere_are_shown_never_obeyed(keys: Any) -> None:
    from prompt_toolkit.application import get_app_session

    hostile = "chest\x1b]52;c;aGk=\x07\u202e"
    keys(ENTER)
    assert widgets.ask_list(Q, [Item(hostile)], multi=True, default=[hostile]) == [hostile]
    output = get_app_session().output
    assert isinstance(output, DummyOutput)  # nothing reached a terminal; the echo is checked:
    echo = "".join(f[1] for f in widgets.echo_line(Q, hostile))
    assert "\x1b" not in echo and "\u202e" not in echo and "chest" in echo
    state = widgets._List([Item(hostile)], True, find_words, None)
    row = "".join(f[1] for f in widgets._row(state, "item", Item(hostile), 80))
    assert "\x1b" not in row and "\u202e" not in row and "chest" in row
