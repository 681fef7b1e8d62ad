"""The TOML config: what it may change, and how a broken one falls back."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import content, paths
from serjournal.cli import app
from serjournal.config import TEMPLATE, ConfigProblem, load_config, parse_config
from serjournal.flow.settings import FlowSettings
from serjournal.journal import Journal

runner = CliRunner()

GOOD = """
default_mode = "quick"
run_stages = ["integrate", "checkin", "body"]

[vocabulary]
regions = ["Wrists", "eyes", "chest"]
qualities = ["prickly"]

[emotions.wistful]
family = "sadness"

[emotions.awe]
family = "wonder"
valence = "pleasant"
energy = "high"

[breath]
inhale = 5
hold = 0
exhale = 5
seconds = 120

[prompts.integrate]
orientation = "Gather what came up."
takeaway = "What will you carry into the evening?"
"""


def write_config(text: str) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_config_changes_words_stages_breath_and_prompts() -> None:
    config = parse_config(GOOD)
    assert config.default_mode == "quick"
    assert config.settings.stages == ["checkin", "body", "integrate"]  # natural order
    assert config.vocabulary.regions[-2:] == ["wrists", "eyes"]  # chest is not doubled
    assert config.vocabulary.regions.count("chest") == 1
    assert "prickly" in config.vocabulary.qualities
    wistful = config.vocabulary.emotions["wistful"]
    assert (wistful.family, wistful.valence, wistful.energy) == ("sadness", "unpleasant", "low")
    assert config.vocabulary.emotions["awe"].family == "wonder"
    assert "wonder" in config.vocabulary.families
    breath = config.settings.breath
    assert (breath.inhale, breath.hold, breath.exhale, breath.cycles) == (5, 0, 5, 12)
    arrival = config.settings.arrival_breath
    assert (arrival.inhale, arrival.exhale, arrival.cycles) == (5, 5, 3)
    integrate = config.settings.stage("integrate")
    assert integrate.orientation == "Gather what came up."
    assert [p.question for p in integrate.prompts] == [
        "What shifted, if anything?",
        "What will you carry into the evening?",
    ]


def test_overriding_prompts_leaves_the_defaults_untouched() -> None:
    parse_config(GOOD)
    assert (
        FlowSettings().stage("integrate") is [s for s in content.STAGES if s.key == "integrate"][0]
    )
    assert content.STAGES[-1].prompts[1].question == "One takeaway to carry with you?"


def test_missing_file_means_defaults_without_warning() -> None:
    config = load_config()
    assert config.warnings == [] and config.problems == []
    assert config.default_mode == "full"
    assert config.vocabulary.regions == list(content.REGIONS)


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('default_mode = "quick"\n[breath\n', "", 2),
        ('default_mode = "slow"\n', "default_mode", 1),
        ('\n\n[vocabulary]\nregions = "wrists"\n', "vocabulary.regions", 4),
        ("[vocabulary]\nqualities = [1, 2]\n", "vocabulary.qualities", 2),
        ('[emotions.awe]\nfamily = "joy"\ncolour = "blue"\n', "emotions.awe.colour", 3),
        ('[emotions.awe]\nfamily = "wonder"\n', "emotions.awe.valence", 1),
        ('[emotions.awe]\nvalence = "pleasant"\n', "emotions.awe", 1),
        ('[emotions.awe]\nfamily = "joy"\nenergy = "medium"\n', "emotions.awe.energy", 3),
        ('[breath]\ncycles = "five"\n', "breath.cycles", 2),
        ("[breath]\ninhale = 90\n", "breath.inhale", 2),
        ("[breath]\ncycles = 3\nseconds = 60\n", "breath.seconds", 3),
        ('run_stages = ["arrive", "nap"]\n', "run_stages", 1),
        ('[prompts.dialogue]\nlisten = "What?"\n', "prompts.dialogue.listen", 2),
        ('[prompts.nap]\ntitle = "Nap"\n', "prompts.nap", 1),
        ("[prompts.integrate]\ntakeaway = 3\n", "prompts.integrate.takeaway", 2),
        ('colour = "blue"\n', "colour", 1),
        ('vocabulary = "all"\n', "vocabulary", 1),
    ],
)
def test_each_mistake_is_one_warning_with_its_key_and_line(text: str, key: str, line: int) -> None:
    path = write_config(text)
    config = load_config()
    assert len(config.warnings) == 1, config.warnings
    (warning,) = config.warnings
    assert "\n" not in warning and str(path) in warning
    assert f"(line {line})" in warning
    if key:
        assert f"'{key}'" in warning
        assert warning.endswith(
            "That setting is left at its default; the rest of the file applies."
        )
    else:  # not TOML at all: nothing in it can be read, so all of it is the defaults
        assert "not valid TOML" in warning and warning.endswith("Using the defaults.")
        assert config.default_mode == "full"
    assert [(p.key, p.line) for p in config.problems] == [(key, line)]


MISTAKES_AMONG_GOOD_SETTINGS = """\
default_mode = "quik"
theme = "dark"
colour = "blue"

[vocabulary]
regions = ["wrists"]
qualities = "prickly"

[emotions.awe]
family = "joy"
colour = "blue"

[emotions.meh]
family = "joy"
energy = "medium"

[breath]
inhale = 90
exhale = 6
cycles = 4

[prompts.integrate]
orientation = "Gather what came up."
takeaway = 3
"""


def test_a_mistake_leaves_out_only_its_own_setting() -> None:
    """A typo in one key no longer throws away the whole file: every valid
    setting applies, and each bad one is named with its key and line."""
    config = parse_config(MISTAKES_AMONG_GOOD_SETTINGS)
    assert [(p.key, p.line) for p in config.problems] == [
        ("default_mode", 1),  # in the file's order
        ("colour", 3),
        ("vocabulary.qualities", 7),
        ("emotions.awe.colour", 11),  # not the top-level 'colour' on line 3
        ("emotions.meh.energy", 15),
        ("breath.inhale", 18),
        ("prompts.integrate.takeaway", 24),
    ]
    assert config.default_mode == "full" and config.theme == "dark"
    assert "wrists" in config.vocabulary.regions
    assert config.vocabulary.qualities == list(content.QUALITIES)
    assert config.vocabulary.emotions["awe"].family == "joy"
    assert "meh" not in config.vocabulary.emotions
    breath = config.settings.breath
    default = content.BreathPattern()
    assert (breath.inhale, breath.exhale, breath.cycles) == (default.inhale, 6, 4)
    integrate = config.settings.stage("integrate")
    assert integrate.orientation == "Gather what came up."
    assert integrate.prompts[1].question == "One takeaway to carry with you?"


def test_every_warning_is_printed_once_on_its_own_line() -> None:
    write_config(MISTAKES_AMONG_GOOD_SETTINGS)
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 7 and all(line.startswith("Warning: the config ") for line in lines)
    assert "'default_mode' (line 1)" in lines[0] and "one of: full, quick" in lines[0]
    assert "theme            dark" in result.stdout  # what is in force, mistakes left out


def test_parse_config_lists_the_problem() -> None:
    problems = parse_config("[breath]\nexhale = -1\n").problems
    assert [(p.key, p.line) for p in problems] == [("breath.exhale", 2)]
    assert isinstance(problems[0], ConfigProblem)


def test_the_age_key_file_is_a_path_and_home_is_expanded() -> None:
    config = parse_config('[backup]\nidentity = "~/keys/age.txt"\n')
    assert config.backup_identity == Path.home() / "keys" / "age.txt"
    assert config.problems == []
    wrong = parse_config("[backup]\nidentity = 5\n")
    assert wrong.backup_identity is None
    assert [(p.key, p.line) for p in wrong.problems] == [("backup.identity", 2)]


def test_an_unreadable_config_warns(tmp_path: Path) -> None:
    path = write_config("")
    path.write_bytes(b"\xff\xfe not utf-8")
    (warning,) = load_config().warnings
    assert "could not read the config" in warning and warning.endswith("Using the defaults.")


def test_the_template_is_all_comments_and_its_examples_are_valid() -> None:
    assert parse_config(TEMPLATE) == parse_config("")
    example = re.compile(r"^# (\[|[\w.]+ = )")
    uncommented = "\n".join(
        line.removeprefix("# ") for line in TEMPLATE.splitlines() if example.match(line)
    )
    config = parse_config(uncommented)
    assert "awe" in config.vocabulary.emotions and "wrists" in config.vocabulary.regions
    assert config.settings.stage("integrate").prompts[1].question.startswith("What will you")


# --- the config commands ---------------------------------------------------------------


def test_config_path_prints_the_env_path() -> None:
    result = runner.invoke(app, ["config", "path"])
    assert result.exit_code == 0
    assert result.stdout.strip() == os.environ["SERJOURNAL_CONFIG"]


def test_config_show_defaults_good_and_broken() -> None:
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0 and "No config file" in result.stdout
    write_config(GOOD)
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert "reads well" in result.stdout
    assert "wrists, eyes" in result.stdout and "awe (wonder, pleasant, high)" in result.stdout
    assert "12 breaths" in result.stdout
    write_config('default_mode = "slow"\n')
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 1
    assert "Warning:" in result.stderr and "'default_mode' (line 1)" in result.stderr
    assert "default mode     full" in result.stdout


def fake_editor(tmp_path: Path, append: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        f"with open(sys.argv[1], 'a', encoding='utf-8') as f:\n    f.write({append!r})\n"
    )
    return f"{sys.executable} {script}"


def test_config_edit_creates_a_private_template_and_checks_the_result(tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, '\ndefault_mode = "quick"\n')
    result = runner.invoke(app, ["config", "edit"], env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    path = paths.config_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text().startswith(TEMPLATE)
    assert "Made a commented config" in result.stdout and "reads well" in result.stdout
    assert load_config().default_mode == "quick"


def test_config_edit_reports_a_broken_result(tmp_path: Path) -> None:
    write_config("")
    editor = fake_editor(tmp_path, "[breath\n")
    result = runner.invoke(app, ["config", "edit"], env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 1
    assert "not valid TOML (line 1)" in result.stderr


def test_config_edit_with_a_missing_editor_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["config", "edit"], env={"EDITOR": str(tmp_path / "no-editor"), "VISUAL": ""}
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Could not run the editor")
    assert result.stderr.count("\n") == 1


def test_the_flow_breathes_and_runs_stages_as_configured(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    from serjournal.flow.runner import run_checkin
    from tests.scripted import ScriptedPrompter

    config = parse_config('run_stages = ["release"]\n[breath]\ninhale = 3\ncycles = 2\n')
    prompter = ScriptedPrompter(["Timed breathing", None])
    saved = run_checkin(prompter, db, Journal(journal_path), settings=config.settings)
    assert prompter.stages == ["release"]
    assert prompter.breaths == [content.BreathPattern(inhale=3, cycles=2)]
    assert saved.practice == "breath" and saved.practice_seconds == 22
