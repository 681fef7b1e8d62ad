"""Shell completion of region, quality, emotion and tag names.

Typer calls these while the user presses Tab (after `serjournal
--install-completion`). They must never fail or print: any problem means no
suggestions. Words come from the vocabulary with the user's config added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import sqlite3

    from serjournal.journal import Journal
    from serjournal.vocabulary import Vocabulary


def _vocabulary() -> Vocabulary:
    from serjournal.config import load_config

    return load_config().vocabulary  # a broken config quietly gives the defaults


def _starting(words: list[str], incomplete: str) -> list[str]:
    wanted = incomplete.lower()
    return [w for w in words if w.lower().startswith(wanted)]


def _bash_prefix() -> str:
    """Under bash, the part of the word before its last ':' (see
    entry.rejoin_colon_words): bash keeps it, and replaces what follows."""
    import os

    from serjournal.entry import COLON_PREFIX_VAR

    return os.environ.get(COLON_PREFIX_VAR, "")


def _as_bash_wants(values: list[str]) -> list[str]:
    """What bash should put in place of the part after the last ':'."""
    prefix = _bash_prefix()
    if not prefix:
        return values
    return [v[len(prefix) :] for v in values if v.startswith(prefix)]


def complete_region(incomplete: str) -> list[str]:
    return _starting(_vocabulary().regions, incomplete)


def complete_quality(incomplete: str) -> list[str]:
    return _starting(_vocabulary().qualities, incomplete)  # in their groups' order


def _emotion_words(vocabulary: Vocabulary, incomplete: str) -> list[str]:
    """Emotion names starting with `incomplete`, then everyday forms that do
    ("stre" -> stressed, which means tense). Forms only once something is
    typed: a bare Tab lists the words, not every way of saying them."""
    names = _starting(list(vocabulary.emotions), incomplete)
    if not incomplete.strip():
        return names
    # A form is offered when it leads to a word not offered yet ("anx": anxious,
    # and not anxiety too).
    offered = set(names)
    forms = []
    for form in _starting(list(vocabulary.emotion_synonyms), incomplete):
        word = vocabulary.emotion_synonyms[form]
        if word not in offered and form not in vocabulary.emotions:
            offered.add(word)
            forms.append(form)
    return [*names, *forms]


def complete_emotion(incomplete: str) -> list[str]:
    """Emotion names and families (list --emotion takes either), and the
    everyday forms that stand for a name."""
    vocabulary = _vocabulary()
    families = _starting(vocabulary.families, incomplete)
    return list(dict.fromkeys([*_emotion_words(vocabulary, incomplete), *families]))


def complete_sensation(incomplete: str) -> list[str]:
    """REGION[/SIDE]:QUALITY:INTENSITY, one part at a time."""
    incomplete = _bash_prefix() + incomplete
    parts = incomplete.split(":")
    vocabulary = _vocabulary()
    if len(parts) == 1:
        return _as_bash_wants([f"{r}:" for r in _starting(vocabulary.regions, incomplete)])
    if len(parts) == 2:
        found = [f"{parts[0]}:{q}:" for q in _starting(vocabulary.qualities, parts[1])]
        return _as_bash_wants(found)
    return []


def complete_emotion_spec(incomplete: str) -> list[str]:
    """NAME:INTENSITY[:REGION]: the name first, the region last."""
    incomplete = _bash_prefix() + incomplete
    parts = incomplete.split(":")
    vocabulary = _vocabulary()
    if len(parts) == 1:
        return _as_bash_wants([f"{n}:" for n in _emotion_words(vocabulary, incomplete)])
    if len(parts) == 3:
        head = ":".join(parts[:2])
        return _as_bash_wants([f"{head}:{r}" for r in _starting(vocabulary.regions, parts[2])])
    return []


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags already in the journal named by --db (or the default one). Reads
    only: pressing Tab never creates, upgrades or changes a journal."""
    from serjournal.store.filters import known_tags

    conn = _reader_for_completion(ctx)
    if conn is None:
        return []
    try:
        return _starting(known_tags(conn), incomplete)
    finally:
        conn.close()


def _reader_for_completion(ctx: typer.Context) -> sqlite3.Connection | None:
    """The journal open for reading, or None when there is none or it cannot
    be read: Tab offers nothing then, and never says why."""
    from serjournal.errors import SerjournalError

    try:
        return _journal_for_completion(ctx).open_for_reading()
    except SerjournalError:
        return None


def _journal_for_completion(ctx: typer.Context) -> Journal:
    """While completing, the app callback has not run: the command's --db (if
    typed) is in its JournalChoice, the root's in the root's params."""
    from serjournal.cli.options import JournalChoice

    choice = ctx.find_object(JournalChoice)
    if choice is None or choice.option is None:
        choice = JournalChoice(ctx.find_root().params.get("db"))
    return choice.journal


def complete_checkin_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The newest check-ins' short ids (and `last`), each with a line to
    recognise it by (zsh shows it beside the id)."""
    from serjournal.render.entry import one_line_summary
    from serjournal.store.checkins import load_checkin

    conn = _reader_for_completion(ctx)
    if conn is None:
        return []
    wanted = incomplete.strip().lower()
    try:
        rows = conn.execute(
            "SELECT id FROM checkins WHERE id >= ? AND id < ? ORDER BY created_utc DESC LIMIT 20",
            [wanted, wanted + "\uffff"],
        ).fetchall()
        found = [(r[0][:8], _hint(one_line_summary(load_checkin(conn, r[0])))) for r in rows]
    finally:
        conn.close()
    return ([("last", "the newest check-in")] if "last".startswith(wanted) else []) + found


HINT_CELLS = 56  # zsh shows a hint beside each id; longer ones get wrapped


def _hint(summary: str) -> str:
    from serjournal.textsafe import one_line

    text = one_line(summary).replace('"', "")
    return text if len(text) <= HINT_CELLS else text[: HINT_CELLS - 1] + "…"
