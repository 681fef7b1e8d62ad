"""The user's config file (TOML): own words, own prompts, own ritual.

load_config never refuses to start the program: a missing file means the
defaults; a setting with a mistake is left out, with one warning line naming
its key and line, and every other setting in the file still applies. Only a
file that is not TOML at all (or cannot be read) gives the defaults whole.
Nothing global is changed here; callers decide what to apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from serjournal import content, messages, paths
from serjournal.config_text import ConfigNotToml, ConfigUnreadable, parse_toml, read_config_text
from serjournal.flow.settings import FlowSettings
from serjournal.render.theme import THEME_NAMES
from serjournal.vocabulary import Vocabulary, normalise

MODES = ("full", "quick")
SYNC_WHEN = ("manual", "after-checkin")  # `sync`: only when asked, or after each save
SYNTAX = ""  # the key of a problem that is in the TOML syntax itself
TOP_KEYS = {
    "default_mode", "run_stages", "vocabulary", "emotions", "breath", "prompts", "backup",
    "theme", "support_line", "sync",
}  # fmt: skip
BACKUP_KEYS = {"recipients", "identity"}
SUPPORT_LINE_MAX = 200
EMOTION_KEYS = {"family", "valence", "energy", "arousal", "like"}
BREATH_KEYS = {"inhale", "hold", "exhale", "cycles", "seconds"}
STAGE_TEXT_KEYS = {"title", "orientation"}
MIN_PHASE, MAX_PHASE = 0.5, 30  # seconds of one breath phase


@dataclass
class Config:
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    settings: FlowSettings = field(default_factory=FlowSettings)
    default_mode: str = "full"
    theme: str = "auto"  # render/theme.py: auto, light, dark or plain
    sync: str = "manual"
    path: Path | None = None
    # age public keys that backups are encrypted to (transfer/age.py)
    backup_recipients: list[str] = field(default_factory=list)
    # The age secret key file that opens what is encrypted to them (sync logs).
    backup_identity: Path | None = None
    # The settings left out, each with its key and line (parse_config).
    problems: list[ConfigProblem] = field(default_factory=list)
    # One line per problem, naming the file, for the user (load_config).
    warnings: list[str] = field(default_factory=list)


class ConfigProblem(Exception):
    """One thing wrong in the file: which key, and what is wrong with it."""

    def __init__(self, key: str, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.key = key
        self.problem = problem
        self.line = line


class _Problems:
    """Collects what is wrong, setting by setting, so one mistake leaves out
    only its own setting: `keep` returns the value read, or the default."""

    def __init__(self) -> None:
        self.found: list[ConfigProblem] = []

    def keep(self, default: Any, read: Callable[..., Any], *args: Any) -> Any:
        try:
            return read(*args)
        except ConfigProblem as problem:
            self.found.append(problem)
            return default

    def unknown(self, data: dict[str, Any], known: Collection[str], prefix: str) -> None:
        self.found += [
            ConfigProblem(prefix + key, messages.CONFIG_UNKNOWN_KEY.format(known=", ".join(known)))
            for key in data
            if key not in known
        ]


def load_config(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    try:
        text = read_config_text(path)
    except FileNotFoundError:
        return Config(path=path)
    except ConfigUnreadable as error:
        warning = messages.CONFIG_UNREADABLE.format(path=path, reason=error.strerror)
        return Config(path=path, warnings=[warning])
    config = parse_config(text)
    config.path = path
    config.warnings = [_warning(path, problem) for problem in config.problems]
    return config


def _warning(path: Path, problem: ConfigProblem) -> str:
    where = f" (line {problem.line})" if problem.line else ""
    template = messages.CONFIG_SYNTAX if problem.key == SYNTAX else messages.CONFIG_INVALID
    reason = problem.problem.rstrip(".") + "."
    return template.format(path=path, key=problem.key, where=where, problem=reason)


def parse_config(text: str) -> Config:
    """Read the TOML text into a Config. Each setting with a mistake is left
    at its default and listed in `problems` (with its line); a file that is
    not TOML gives the defaults, with that one problem."""
    try:
        data = parse_toml(text)
    except ConfigNotToml as error:
        return Config(problems=[ConfigProblem(SYNTAX, error.reason, error.line)])
    found = _Problems()
    found.unknown(data, sorted(TOP_KEYS), "")
    config = Config()
    config.default_mode = found.keep("full", _choice, data, "default_mode", MODES, "full")
    config.theme = found.keep("auto", _choice, data, "theme", THEME_NAMES, "auto")
    config.settings.support_line = found.keep(None, _support_line, data)
    config.sync = found.keep("manual", _choice, data, "sync", SYNC_WHEN, "manual")
    vocabulary = config.vocabulary
    words = found.keep({}, _table, data, "vocabulary")
    found.unknown(words, ["regions", "qualities"], "vocabulary.")
    vocabulary.regions += found.keep([], _new_words, words, "regions", vocabulary.regions)
    vocabulary.qualities += found.keep([], _new_words, words, "qualities", vocabulary.qualities)
    for name, spec in found.keep({}, _table, data, "emotions").items():
        emotion = found.keep(None, _emotion, normalise(name), spec, vocabulary, found)
        if emotion is not None:
            vocabulary.emotions[emotion.name] = emotion
    settings = config.settings
    if "run_stages" in data:
        settings.stages = found.keep(settings.stages, _stage_list, data["run_stages"])
    settings.breath = _breath(found.keep({}, _table, data, "breath"), settings.breath, found)
    # The grounding breaths follow the same rhythm, kept short.
    settings.arrival_breath = replace(settings.breath, cycles=settings.arrival_breath.cycles)
    settings.stage_texts = _stage_texts(found.keep({}, _table, data, "prompts"), found)
    backup = found.keep({}, _table, data, "backup")
    config.backup_recipients = _recipients(backup, found)
    config.backup_identity = found.keep(None, _identity_file, backup)
    for problem in found.found:
        problem.line = problem.line or _line_of(text, problem.key)
    config.problems = sorted(found.found, key=lambda problem: problem.line or 0)  # file order
    return config


def _recipients(backup: dict[str, Any], found: _Problems) -> list[str]:
    """`[backup] recipients`: age public keys (checked in full when used)."""
    found.unknown(backup, sorted(BACKUP_KEYS), "backup.")
    result: list[str] = found.keep([], _age_keys, backup)
    return result


def _age_keys(backup: dict[str, Any]) -> list[str]:
    value = backup.get("recipients", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip().startswith("age1") for v in value
    ):
        raise ConfigProblem("backup.recipients", messages.CONFIG_WANT_AGE_KEYS)
    return [v.strip() for v in value]


def _identity_file(backup: dict[str, Any]) -> Path | None:
    """`[backup] identity`: the age secret key file (read when it is used)."""
    value = backup.get("identity")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigProblem("backup.identity", messages.CONFIG_WANT_KEY_FILE)
    return Path(value.strip()).expanduser()


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigProblem(key, messages.CONFIG_WANT_TABLE)
    return value


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise ConfigProblem(key, messages.CONFIG_WANT_ONE_OF.format(choices=", ".join(choices)))
    return str(value)


def _support_line(data: dict[str, Any]) -> str | None:
    """The user's own line shown with the support note: one line of text."""
    if "support_line" not in data:
        return None
    value = data["support_line"]
    if not isinstance(value, str) or not value.strip():
        raise ConfigProblem("support_line", messages.CONFIG_WANT_TEXT)
    if "\n" in value.strip() or len(value) > SUPPORT_LINE_MAX:
        raise ConfigProblem(
            "support_line", messages.CONFIG_WANT_ONE_LINE.format(limit=SUPPORT_LINE_MAX)
        )
    return value.strip()


def _new_words(words: dict[str, Any], key: str, existing: list[str]) -> list[str]:
    value = words.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigProblem(f"vocabulary.{key}", messages.CONFIG_WANT_WORDS)
    return [w for w in dict.fromkeys(normalise(v) for v in value) if w not in existing]


def _emotion(name: str, spec: Any, vocabulary: Vocabulary, found: _Problems) -> content.Emotion:
    """One [emotions.NAME] table. Its coordinates are, in order of preference:
    its own (valence: a number from -1 to 1 or pleasant/unpleasant; arousal: a
    number from -1 to 1, or energy: high/low), those of the word named by
    `like` (a word or everyday form: like = "happy"), or, for what it does not
    give, those of its family's first word (sad for sadness)."""
    key = f"emotions.{name}"
    if not isinstance(spec, dict):
        raise ConfigProblem(key, messages.CONFIG_WANT_TABLE)
    found.unknown(spec, sorted(EMOTION_KEYS), key + ".")
    if "energy" in spec and "arousal" in spec:
        raise ConfigProblem(f"{key}.arousal", messages.CONFIG_ENERGY_OR_AROUSAL)
    base = _borrowed(key, spec, vocabulary)
    if "family" in spec or base is None:
        if not isinstance(spec.get("family"), str) or not spec["family"].strip():
            raise ConfigProblem(key, messages.CONFIG_EMOTION_FAMILY)
        family = normalise(spec["family"])
    else:
        family = base.family
    if base is None:  # a family's first word lends what is not given
        base = next(iter(vocabulary.emotions_in(family)), None)
    valence, valence_score = _coordinate(key, spec, "valence", "valence", content.VALENCES, base)
    if "arousal" in spec:
        energy, arousal_score = _coordinate(key, spec, "arousal", "energy", (), base)
    else:
        energy, arousal_score = _coordinate(key, spec, "energy", "energy", content.ENERGIES, base)
    borrowed_all = base is not None and not {"valence", "energy", "arousal"} & set(spec)
    return content.Emotion(
        name,
        family,
        valence,
        energy,
        valence_score,
        arousal_score,
        rated_as=base.rated_as if borrowed_all and base is not None else None,
        felt_in=base.felt_in if base is not None else (),
    )


def _borrowed(key: str, spec: dict[str, Any], vocabulary: Vocabulary) -> content.Emotion | None:
    """The word named by `like`, whose coordinates the new word borrows."""
    if "like" not in spec:
        return None
    if {"valence", "energy", "arousal"} & set(spec):
        raise ConfigProblem(f"{key}.like", messages.CONFIG_EMOTION_LIKE_ALONE)
    like = spec["like"]
    found = vocabulary.find_emotion(like) if isinstance(like, str) and like.strip() else None
    if found is None:
        close = vocabulary.suggest_emotions(like) if isinstance(like, str) else []
        words = ", ".join(w for w, _ in close)
        hint = messages.CONFIG_EMOTION_LIKE_HINT.format(words=words) if close else "."
        raise ConfigProblem(
            f"{key}.like", messages.CONFIG_EMOTION_LIKE_UNKNOWN.format(like=like, hint=hint)
        )
    return found


def _coordinate(
    key: str,
    spec: dict[str, Any],
    field_name: str,
    axis: str,
    labels: tuple[str, ...],
    base: content.Emotion | None,
) -> tuple[str, float | None]:
    """One axis as (label, score or None): from the file, else from `base`."""
    if field_name not in spec:
        if base is None:
            raise ConfigProblem(f"{key}.{field_name}", messages.CONFIG_NEW_FAMILY_COORDINATES)
        if axis == "valence":
            return base.valence, base.valence_score
        return base.energy, base.arousal_score
    value = spec[field_name]
    if isinstance(value, str) and labels:
        if value not in labels:
            raise ConfigProblem(
                f"{key}.{field_name}",
                messages.CONFIG_WANT_ONE_OF.format(choices=", ".join(labels)),
            )
        return value, None
    number_allowed = field_name in ("valence", "arousal")
    if (
        not number_allowed
        or isinstance(value, bool)
        or not isinstance(value, int | float)
        or not -1 <= value <= 1  # also refuses nan
    ):
        if not number_allowed:
            choices = ", ".join(labels)
            raise ConfigProblem(
                f"{key}.{field_name}", messages.CONFIG_WANT_ONE_OF.format(choices=choices)
            )
        shown = " or ".join(content.VALENCES) if axis == "valence" else "energy = high or low"
        raise ConfigProblem(f"{key}.{field_name}", messages.CONFIG_WANT_SCORE.format(labels=shown))
    score = float(value)
    label = content.valence_label(score) if axis == "valence" else content.energy_label(score)
    return label, score


def _stage_list(value: Any) -> list[str]:
    known = [s.key for s in content.STAGES]
    if not isinstance(value, list) or not value or not all(v in known for v in value):
        raise ConfigProblem(
            "run_stages", messages.CONFIG_WANT_STAGES.format(stages=", ".join(known))
        )
    # Stages keep their natural order whatever order the file lists them in.
    return [k for k in known if k in value]


def _breath(
    spec: dict[str, Any], base: content.BreathPattern, found: _Problems
) -> content.BreathPattern:
    """[breath]: each phase, cycles or seconds taken on its own, so a mistake
    in one leaves the others in force."""
    found.unknown(spec, sorted(BREATH_KEYS), "breath.")
    values: dict[str, float] = {}
    for key in ("inhale", "hold", "exhale"):
        if key in spec:
            seconds = found.keep(None, _phase, key, spec[key])
            if seconds is not None:
                values[key] = seconds
    pattern = replace(base, **values)  # type: ignore[arg-type]  # phases are float seconds
    if pattern.inhale + pattern.hold + pattern.exhale <= 0:
        found.found.append(ConfigProblem("breath", messages.CONFIG_WANT_SECONDS))
        pattern = base
    if "cycles" in spec:
        pattern = replace(pattern, cycles=found.keep(pattern.cycles, _cycles, spec["cycles"]))
    if "seconds" in spec and "cycles" in spec:
        found.found.append(ConfigProblem("breath.seconds", messages.CONFIG_CYCLES_OR_SECONDS))
    elif "seconds" in spec:
        seconds = found.keep(None, _length, spec["seconds"])
        if seconds is not None:
            one = pattern.inhale + pattern.hold + pattern.exhale
            pattern = replace(pattern, cycles=max(1, round(seconds / one)))
    return pattern


def _phase(key: str, value: Any) -> float:
    # 0 leaves the phase out; a phase of a few microseconds would make
    # `seconds` ask for billions of breaths.
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (value == 0 or MIN_PHASE <= value <= MAX_PHASE)
    ):
        raise ConfigProblem(
            f"breath.{key}",
            messages.CONFIG_WANT_PHASE.format(shortest=MIN_PHASE, longest=MAX_PHASE),
        )
    return float(value)


def _cycles(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise ConfigProblem("breath.cycles", messages.CONFIG_WANT_CYCLES)
    return value


def _length(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 10 <= value <= 3600:
        raise ConfigProblem("breath.seconds", messages.CONFIG_WANT_LENGTH)
    return value


def _stage_texts(spec: dict[str, Any], found: _Problems) -> dict[str, content.Stage]:
    """New Stage objects with the user's wording; the defaults stay untouched.
    A wording with a mistake keeps the built-in one; the others apply."""
    by_key = {s.key: s for s in content.STAGES}
    found.unknown(spec, by_key, "prompts.")
    result: dict[str, content.Stage] = {}
    for stage_key, texts in spec.items():
        if stage_key not in by_key:
            continue
        if not isinstance(texts, dict):
            found.found.append(ConfigProblem(f"prompts.{stage_key}", messages.CONFIG_WANT_TABLE))
            continue
        stage = by_key[stage_key]
        known = [*STAGE_TEXT_KEYS, *(p.key for p in stage.prompts)]
        found.unknown(texts, sorted(known), f"prompts.{stage_key}.")
        usable: dict[str, str] = {}
        for key, value in texts.items():
            if key not in known:
                continue
            if isinstance(value, str) and value.strip():
                usable[key] = value
            else:
                found.found.append(
                    ConfigProblem(f"prompts.{stage_key}.{key}", messages.CONFIG_WANT_TEXT)
                )
        result[stage_key] = replace(
            stage,
            title=usable.get("title", stage.title),
            orientation=usable.get("orientation", stage.orientation),
            prompts=tuple(
                replace(p, question=usable.get(p.key, p.question)) for p in stage.prompts
            ),
        )
    return result


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")  # [table] or [[array.of.tables]]
_ASSIGNMENT = re.compile(r"^\s*([\w.\"' -]+?)\s*=")  # key = ..., dotted.key = ...


def _line_of(text: str, dotted_key: str) -> int | None:
    """Where a key is written, for the warning: the line that names it in
    full (inside its table), else the line naming most of it (its table's
    header), else None. Walks the tables, so 'colour' at the top and
    'emotions.awe.colour' are told apart."""
    wanted = _key_parts(dotted_key)
    table: list[str] = []
    best, named = None, 0
    for number, line in enumerate(text.splitlines(), 1):
        if header := _HEADER.match(line):
            table = _key_parts(header[1])
            name = table
        elif assignment := _ASSIGNMENT.match(line):
            name = table + _key_parts(assignment[1])
        else:
            continue
        if named < len(name) <= len(wanted) and name == wanted[: len(name)]:
            best, named = number, len(name)
            if named == len(wanted):
                break
    return best


def _key_parts(name: str) -> list[str]:
    return [part.strip().strip("\"'").lower() for part in name.split(".")]


TEMPLATE = """\
# serjournal config. Every setting is optional; delete or comment out what you
# do not need. A mistake here never stops serjournal: it warns, naming the key
# and line, and leaves that one setting at its default. 'serjournal config show'
# checks the file.

# Which check-in runs when you type 'serjournal checkin': "full" or "quick".
# default_mode = "full"

# Colours: "auto" (the default) reads on light and dark backgrounds alike;
# "light" or "dark" suit your terminal's background; "plain" uses none.
# NO_COLOR in the environment always turns colours off.
# theme = "auto"

# One line of your own, shown with the support note when distress is high:
# a person or a number to call.
# support_line = "Call Sam: 555 0134"

# Sync through a shared folder after each check-in ('serjournal sync DIR' once
# first, to choose the folder): "after-checkin", or "manual" to sync only when asked.
# sync = "after-checkin"

# Which of the seven stages run, by key:
# run_stages = ["arrive", "checkin", "body", "emotions", "dialogue", "release", "integrate"]

# Your own words, added to the built-in ones.
# [vocabulary]
# regions = ["wrists", "eyes"]
# qualities = ["prickly", "spacious"]

# Your own emotions. Each needs a family and its coordinates: valence (how
# pleasant, -1 to 1) and arousal (how much energy, -1 to 1), on the scale of
# the built-in words (docs/vocabulary.md lists them all). Or borrow the
# coordinates of a word you name in "like". With a family alone, a word takes
# the coordinates of that family's first word. The labels of earlier versions
# (valence "pleasant" or "unpleasant", energy "high" or "low") still work.
# [emotions.wistful]
# family = "sadness"
# valence = -0.2
# arousal = -0.4
# [emotions.chuffed]
# like = "proud"
# [emotions.awe]
# family = "wonder"
# valence = "pleasant"
# energy = "high"

# The breath practice: seconds per phase (0 leaves a phase out, otherwise
# 0.5 to 30), and either cycles or total seconds.
# [breath]
# inhale = 4
# hold = 2
# exhale = 6
# cycles = 5

# Your own wording for any stage: title, orientation and its prompt keys
# (checkin: focus; emotions: memory; dialogue: speak, need, image;
# integrate: shift, takeaway).
# [prompts.integrate]
# orientation = "Gather what came up."
# takeaway = "What will you carry into the evening?"

# Encrypt every backup to age public keys (pip install 'serjournal[encrypted]'):
# this machine can then write backups that only the matching secret key opens.
# The sync logs (serjournal sync) are encrypted to them too; a machine that
# reads the others' logs needs the secret key file, named by identity.
# [backup]
# recipients = ["age1-your-public-key"]
# identity = "~/.config/serjournal/age-key.txt"
"""
