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
from serjournal.flow.stages import FlowSettings
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
    assert config.warning is None
    assert config.default_mode == "full"
    assert config.vocabulary.regions == list(content.REGIONS)


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('default_mode = "quick"\n[breath\n', "", 2),
        ('default_mode = "slow"\n', "default_mode", 1),
        ('\n\n[vocabulary]\nregions = "wrists"\n', "vocabulary.regions", 4),
        ("[vocabulary]\nqualities = [1, 2]\n", "vocabulary.qualities", 2),
        ('[emotions.awe]\nfamily = "wonder"\ncolour = "blue"\n', "emotions.awe.colour", 3),
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
def test_a_broken_config_warns_with_key_and_line_and_uses_defaults(
    text: str, key: str, line: int
) -> None:
    write_config(text)
    config = load_config()
    assert config.warning is not None
    assert "\n" not in config.warning
    if key:
        assert f"'{key}'" in config.warning
    else:
        assert "not valid TOML" in config.warning
    assert f"(line {line})" in config.warning
    assert config.warning.endswith("Using the defaults.")
    assert config.default_mode == "full"
    assert config.vocabulary.regions == list(content.REGIONS)
    assert config.settings.breath == content.BreathPattern()


def test_parse_config_raises_the_problem() -> None:
    with pytest.raises(ConfigProblem) as caught:
        parse_config("[breath]\nexhale = -1\n")
    assert caught.value.key == "breath.exhale"


def test_an_unreadable_config_warns(tmp_path: Path) -> None:
    path = write_config("")
    path.write_bytes(b"\xff\xfe not utf-8")
    assert "could not read the config" in (load_config().warning or "")


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
