"""The history commands through the CLI: list, search, edit, delete, undo, trash,
completion callbacks, and the config applied to checkin."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from serjournal import messages, paths
from serjournal.cli import app
from serjournal.cli.completion import (
    complete_emotion,
    complete_emotion_spec,
    complete_quality,
    complete_region,
    complete_sensation,
    complete_tag,
)

runner = CliRunner()


def run(*args: str, input: str | None = None) -> object:
    return runner.invoke(app, list(args), input=input)


def ok(*args: str, input: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def fails(code: int, *args: str, input: str | None = None) -> str:
    """Runs a command that must fail with one line on stderr; returns that line."""
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def save(*args: str) -> str:
    """A check-in made with flags; returns its full id."""
    out = ok("checkin", *args)
    short = re.search(r"Saved check-in (\w{8})", out)
    assert short, out
    listed = json.loads(ok("list", "--json", "-n", "50"))
    return next(row["id"] for row in listed if row["id"].startswith(short[1]))


def write_config(text: str) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def journal() -> dict[str, str]:
    """Three entries on three days, with different regions, feelings and tags."""
    return {
        "calm": save(
            "--mood", "7", "--energy", "6", "--distress", "1", "-s", "belly:warm:3",
            "-e", "content:6", "--takeaway", "slow mornings help", "-t", "weekend",
            "-t", "rest", "--at", "2026-11-15 09:00",
        ),
        "tense": save(
            "--mood", "4", "--energy", "3", "--distress", "7", "-s", "shoulders/left:tense:6",
            "-e", "anxious:5:chest", "--focus", "the meeting with Anna", "--takeaway",
            "walk after lunch, shoulders relaxed", "-t", "work", "--at", "2026-11-18 20:00",
        ),
        "quick": save(
            "--quick", "--mood", "6", "--energy", "5", "--distress", "3", "--note",
            "walked in the park", "--at", "2026-11-20 18:00",
        ),
    }  # fmt: skip


def listed_ids(*args: str) -> list[str]:
    return [row["id"] for row in json.loads(ok("list", "--json", *args))]


# --- list ---------------------------------------------------------------------------------


def test_list_filters(journal: dict[str, str]) -> None:
    calm, tense, quick = journal["calm"], journal["tense"], journal["quick"]
    assert listed_ids() == [quick, tense, calm]
    assert listed_ids("--since", "2026-11-16") == [quick, tense]
    assert listed_ids("--until", "2026-11-18") == [tense, calm]
    assert listed_ids("--since", "2026-11-16", "--until", "2026-11-19") == [tense]
    assert listed_ids("--region", "shoulders") == [tense]
    assert listed_ids("--region", "chest") == [tense]  # anxious was felt there
    assert listed_ids("--region", "stomach") == [calm]  # an alias of belly
    assert listed_ids("--emotion", "content") == [calm]
    assert listed_ids("--emotion", "fear") == [tense]  # a whole family
    assert listed_ids("--tag", "weekend") == [calm]
    assert listed_ids("--tag", "weekend", "--tag", "work") == []
    assert listed_ids("--min-distress", "3") == [quick, tense]
    assert listed_ids("-n", "1") == [quick]


def test_list_table_shows_tags_and_json_has_lists(journal: dict[str, str]) -> None:
    out = ok("list")
    assert "tags" in out.splitlines()[0]
    assert "weekend, rest" in out
    assert journal["calm"][:8] in out
    row = json.loads(ok("list", "--json", "--tag", "rest"))[0]
    assert row["tags"] == ["weekend", "rest"]
    assert row["regions"] == ["belly"] and row["emotions"] == ["content"]
    assert row["local_date"] == "2026-11-15"


def test_list_without_tags_has_no_tag_column() -> None:
    save("--mood", "5")
    assert "tags" not in ok("list").splitlines()[0]


def test_list_no_match_and_empty_journal(journal: dict[str, str]) -> None:
    assert "No check-ins match" in ok("list", "--tag", "holiday")
    assert json.loads(ok("list", "--json", "--tag", "holiday")) == []


def test_list_bad_filters() -> None:
    assert "Did you mean: chest" in fails(2, "list", "--region", "chst")
    assert "Unknown emotion" in fails(2, "list", "--emotion", "blorp")
    assert "Could not read the time" in fails(2, "list", "--since", "someday")
    assert "after --until" in fails(2, "list", "--since", "2026-11-20", "--until", "2026-11-01")
    assert "min-distress" in fails(2, "list", "--min-distress", "12")


# --- search -------------------------------------------------------------------------------


def test_search_shows_date_id_prompt_and_snippet(journal: dict[str, str]) -> None:
    out = ok("search", "shoulders")
    assert journal["tense"][:8] in out and "Wed 18 Nov 2026" in out
    assert "One takeaway to carry with you?" in out
    assert "shoulders relaxed" in out
    assert journal["calm"][:8] not in out


def test_search_json_and_prefix(journal: dict[str, str]) -> None:
    hits = json.loads(ok("search", "walk*", "--json"))
    assert {h["id"] for h in hits} == {journal["tense"], journal["quick"]}
    assert all(h["matches"] and h["matches"][0].lower().startswith("walk") for h in hits)
    assert json.loads(ok("search", "walk", "after", "--json"))[0]["prompt"] == "takeaway"


def test_search_highlights_on_a_terminal(journal: dict[str, str]) -> None:
    from serjournal.journal import Journal
    from serjournal.render.console import make_console
    from serjournal.render.search import render_hits
    from serjournal.store.search import search_answers

    hits = search_answers(Journal.locate().open(), "meeting")
    console = make_console(force_terminal=True, color_system="standard", width=100)
    with console.capture() as capture:
        console.print(render_hits(hits))
    assert "\x1b[1;7mmeeting\x1b[0m" in capture.get()  # bold reverse on the match only


def test_search_also_finds_tagged_entries_after_written_ones(journal: dict[str, str]) -> None:
    ok("edit", journal["quick"], "--tag", "walk")
    hits = json.loads(ok("search", "walk", "--json"))
    found = [(h["id"], h["prompt"]) for h in hits]
    assert set(found[:2]) == {(journal["tense"], "takeaway"), (journal["quick"], "note")}
    assert found[2:] == [(journal["quick"], "tag")]
    assert hits[-1]["matches"] == ["walk"]
    out = ok("search", "weekend")
    assert "Tagged" in out and journal["calm"][:8] in out
    assert len(json.loads(ok("search", "walk", "--json", "-n", "2"))) == 2


def test_search_nothing_found_and_bad_query(journal: dict[str, str]) -> None:
    assert "Nothing you wrote contains 'mountains'" in ok("search", "mountains")
    assert "no words to search" in fails(2, "search", '"*"')
    result = runner.invoke(app, ["search"])
    assert result.exit_code == 2  # TEXT is required


def test_search_without_a_journal() -> None:
    assert "no journal" in fails(3, "search", "x")


# --- edit ---------------------------------------------------------------------------------


def test_edit_with_flags(journal: dict[str, str]) -> None:
    tense = journal["tense"]
    out = ok(
        "edit", tense[:6], "--set", "mood=6", "--set", "takeaway=rest the shoulders",
        "--remove-sensation", "shoulders", "--add-sensation", "jaw:tight:5",
        "--add-emotion", "drained:3", "--remove-emotion", "anxious",
        "--tag", "evening", "--untag", "work",
    )  # fmt: skip
    assert f"Updated check-in {tense[:8]} from 2026-11-18." in out
    shown = ok("show", tense[:8])
    assert "Mood 6/10" in shown
    assert "face and jaw: tight 5" in shown and "shoulders: " not in shown
    assert "drained (tired) 3" in shown and "anxious" not in shown
    assert "evening" in shown and "work" not in shown
    assert "edited " in shown
    row = json.loads(ok("list", "--json", "--tag", "evening"))[0]
    assert row["edited_utc"] and row["id"] == tense


def test_edit_keeps_search_in_step(journal: dict[str, str]) -> None:
    ok("edit", journal["tense"], "--set", "takeaway=")
    hits = json.loads(ok("search", "shoulders", "--json"))
    assert hits == []
    ok("edit", journal["calm"], "--set", "note=shoulders loose after swimming")
    assert [h["id"] for h in json.loads(ok("search", "shoulders", "--json"))] == [journal["calm"]]


def test_edit_unchanged_says_so(journal: dict[str, str]) -> None:
    assert "already reads that way" in ok("edit", journal["calm"], "--set", "mood=7")
    assert json.loads(ok("list", "--json", "--tag", "rest"))[0]["edited_utc"] is None


def test_edit_bad_input_changes_nothing(journal: dict[str, str]) -> None:
    calm = journal["calm"]
    before = ok("show", calm)
    assert "use KEY=VALUE" in fails(2, "edit", calm, "--set", "mood")
    assert "Did you mean: mood" in fails(2, "edit", calm, "--set", "moood=3")
    assert "mood must be a whole number" in fails(2, "edit", calm, "--set", "mood=11")
    assert "Unknown region" in fails(2, "edit", calm, "--add-sensation", "elbw:tight:3")
    assert "no tag 'work'" in fails(2, "edit", calm, "--untag", "work")
    assert "No check-in has an id" in fails(2, "edit", "abcdef12", "--set", "mood=3")
    assert "not a check-in id" in fails(2, "edit", "xyz", "--set", "mood=3")
    assert ok("show", calm) == before


def test_edit_and_delete_refuse_an_ambiguous_prefix() -> None:
    for suffix in ("1111", "2222"):
        document = {"id": f"abcd{suffix}-0000-4000-8000-000000000000", "mood": 5}
        ok("checkin", "--from-json", "-", input=json.dumps(document))
    assert "matches several check-ins (abcd1111, abcd2222)" in fails(
        2, "edit", "abcd", "--set", "mood=1"
    )
    assert "matches several" in fails(2, "delete", "ABCD", "--yes")
    assert "Updated check-in abcd2222" in ok("edit", "abcd2", "--set", "mood=1")
    assert "not a check-in id" in fails(2, "edit", "", "--set", "mood=1")


def test_edit_without_flags_needs_a_terminal(journal: dict[str, str]) -> None:
    assert "No terminal to ask in" in fails(2, "edit", journal["calm"])


def test_edit_without_a_journal() -> None:
    assert "no journal" in fails(3, "edit", "abcd", "--set", "mood=3")


# --- delete, undo, trash ---------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A terminal whose questions are answered from a script."""
    from serjournal.flow import prompter as prompter_module
    from tests.scripted import ScriptedPrompter

    def install(answers: list[Any]) -> ScriptedPrompter:
        scripted = ScriptedPrompter(answers)
        monkeypatch.setattr("serjournal.cli.options.has_terminal", lambda: True)
        monkeypatch.setattr(prompter_module, "TerminalPrompter", lambda: scripted)
        return scripted

    return install


def test_delete_shows_the_entry_asks_and_enter_keeps_it(
    journal: dict[str, str], terminal: Any
) -> None:
    from tests.scripted import INTERRUPT, KEEP

    prompter = terminal([KEEP])  # Enter: the default is no
    result = runner.invoke(app, ["delete", journal["calm"][:8]])
    assert result.exit_code == 1 and "Nothing was deleted" in result.stdout
    assert prompter.asked == [("confirm", messages.DELETE_CONFIRM.format(days=30))]
    shown = prompter.said[0]
    assert shown.startswith("Sun 15 Nov 2026") and "mood 7/10" in shown  # what would go
    assert journal["calm"] in listed_ids()
    terminal([INTERRUPT])  # Ctrl-C is a no too
    assert runner.invoke(app, ["delete", journal["calm"][:8]]).exit_code == 1
    assert journal["calm"] in listed_ids()


def test_delete_without_a_terminal_needs_yes(journal: dict[str, str]) -> None:
    result = runner.invoke(app, ["delete", journal["calm"][:8]], input="y\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: " + messages.DELETE_NO_TERMINAL.format(
        short_id=journal["calm"][:8]
    )
    assert journal["calm"] in listed_ids()


def test_delete_confirmed_then_undo(journal: dict[str, str], terminal: Any) -> None:
    calm = journal["calm"]
    terminal([True])
    out = ok("delete", calm[:8])
    assert "Moved check-in" in out and "'serjournal undo'" in out
    assert calm not in listed_ids()
    assert json.loads(ok("search", "mornings", "--json")) == []
    assert "Nothing you wrote contains" in ok("search", "mornings")
    trash = ok("trash", "list")
    assert calm[:8] in trash and "2026-11-15" in trash and "mood 7/10" in trash
    assert ok("trash") == trash  # `trash` alone lists it
    assert "is back in your journal" in ok("undo")
    assert calm in listed_ids()
    assert [h["id"] for h in json.loads(ok("search", "mornings", "--json"))] == [calm]
    assert "trash is empty" in ok("trash", "list")


def test_trash_restore_by_id_and_undo_order(journal: dict[str, str]) -> None:
    ok("delete", journal["calm"], "--yes")
    ok("delete", journal["tense"], "-y")
    ok("trash", "restore", journal["calm"][:8])
    assert journal["calm"] in listed_ids() and journal["tense"] not in listed_ids()
    assert journal["tense"][:8] in ok("undo")
    assert "trash is empty" in fails(2, "undo")


def test_trash_bad_ids(journal: dict[str, str]) -> None:
    assert "No check-in in the trash" in fails(2, "trash", "restore", "abcdef")
    assert "not a check-in id" in fails(2, "trash", "restore", "nope!")
    assert "No check-in has an id" in fails(2, "delete", "abcdef12", "--yes")
    assert "not a check-in id" in fails(2, "delete", "x", "--yes")


def test_trash_commands_without_a_journal() -> None:
    assert "no journal" in fails(3, "undo")
    assert "no journal" in fails(3, "trash", "list")


# --- checkin with the config -------------------------------------------------------------------


def test_checkin_uses_config_words_and_default_mode() -> None:
    write_config(
        'default_mode = "quick"\n[vocabulary]\nregions = ["wrists"]\n'
        '[emotions.awe]\nfamily = "wonder"\nvalence = "pleasant"\nenergy = "high"\n'
    )
    entry_id = save("--mood", "5", "-s", "wrists:aching:3", "-e", "awe:4:wrists")
    row = json.loads(ok("list", "--json", "--region", "wrists", "--emotion", "wonder"))[0]
    assert row["id"] == entry_id and row["mode"] == "quick"
    full = save("--full", "--mood", "5")
    modes = {row["id"]: row["mode"] for row in json.loads(ok("list", "--json"))}
    assert modes == {entry_id: "quick", full: "full"}


def test_checkin_with_a_broken_config_warns_and_still_saves() -> None:
    write_config('[vocabulary]\nregions = "wrists"\n')
    result = runner.invoke(app, ["checkin", "--mood", "5", "-s", "chest:tight:3"])
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: the config")
    assert "'vocabulary.regions' (line 2)" in result.stderr
    assert "Saved check-in" in result.stdout
    result = runner.invoke(app, ["checkin", "--mood", "5", "-s", "wrists:aching:3"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == "Error: Unknown region 'wrists'."


# --- completion ------------------------------------------------------------------------------


def test_completion_of_words() -> None:
    assert complete_region("sh") == ["shoulders"]
    assert "face and jaw" in complete_region("F")
    assert complete_quality("ti") == ["tight", "tingling"]
    assert complete_emotion("anx") == ["anxious"]
    assert "fear" in complete_emotion("fe")  # families too, for list --emotion
    assert complete_sensation("che") == ["chest:"]
    assert complete_sensation("chest:ti") == ["chest:tight:", "chest:tingling:"]
    assert complete_sensation("chest:tight:5") == []
    assert complete_emotion_spec("grat") == ["grateful:", "gratified:"]
    assert complete_emotion_spec("grateful:4:be") == ["grateful:4:belly"]


def test_completion_includes_config_words_and_survives_a_broken_config() -> None:
    write_config('[vocabulary]\nregions = ["wrists"]\nqualities = ["prickly"]\n')
    assert complete_region("wr") == ["wrists"]
    assert complete_quality("pri") == ["prickly"]
    write_config("[vocabulary\n")
    assert complete_region("wr") == []
    assert complete_region("ch") == ["chest"]


def test_completion_of_tags_from_the_journal(journal: dict[str, str]) -> None:
    ctx = typer.Context(typer.main.get_command(app))
    assert complete_tag(ctx, "") == ["rest", "weekend", "work"]
    assert complete_tag(ctx, "WE") == ["weekend"]


def test_completion_of_tags_without_a_journal(tmp_path: Path) -> None:
    ctx = typer.Context(typer.main.get_command(app))
    ctx.params["db"] = tmp_path / "none.db"
    assert complete_tag(ctx, "") == []
    assert not (tmp_path / "none.db").exists()


def test_completion_is_wired_to_the_options() -> None:
    command = typer.main.get_command(app)
    for name, option in (
        ("checkin", "tag"),
        ("checkin", "sensation"),
        ("checkin", "emotion"),
        ("list", "region"),
        ("list", "emotion"),
        ("list", "tag"),
        ("edit", "add_sensation"),
        ("edit", "remove_sensation"),
        ("edit", "tag"),
    ):
        sub = command.commands[name]  # type: ignore[attr-defined]
        param = next(p for p in sub.params if p.name == option)
        assert param._custom_shell_complete is not None, (name, option)


def shell_complete(words: str) -> list[str]:
    """What bash would offer after `words` (the way the installed script asks)."""
    import os
    import shutil
    import subprocess
    import sys

    command = shutil.which("serjournal", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("needs the installed serjournal command")
    env = {
        **os.environ,
        "_SERJOURNAL_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = subprocess.run([command], env=env, capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_shell_completion_end_to_end(journal: dict[str, str]) -> None:
    assert shell_complete("serjournal list --region sh") == ["shoulders"]
    assert shell_complete("serjournal list --tag w") == ["weekend", "work"]
    # gratified is an everyday form of satisfied, offered because it leads elsewhere
    assert shell_complete("serjournal checkin --emotion gra") == ["grateful:", "gratified:"]
    # bash splits at ':' and replaces only what follows the last one.
    assert shell_complete("serjournal checkin -s chest : ti") == ["tight:", "tingling:"]


def test_completion_script_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer's switch for naming the shell instead of detecting the parent
    # process's, so the test does not depend on what shell runs pytest.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="serjournal")
    assert result.exit_code == 0
    assert "_SERJOURNAL_COMPLETE=complete_bash" in result.stdout


def test_list_without_a_journal_says_so_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "journal.db"
    plain = runner.invoke(app, ["list", "--db", str(missing)])
    as_json = runner.invoke(app, ["list", "--json", "--db", str(missing)])
    assert plain.exit_code == 0 and "No check-ins yet" in plain.stdout
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []
    assert not missing.parent.exists()
