"""How `config show` presents the settings in force."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table

from serjournal import content
from serjournal.config import Config


def render_config(config: Config) -> RenderableType:
    """Only what differs from the built-in defaults is listed as "added"."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    vocabulary, settings = config.vocabulary, config.settings
    added_regions = [r for r in vocabulary.regions if r not in content.REGIONS]
    added_qualities = [q for q in vocabulary.qualities if q not in content.QUALITIES]
    default_names = {e.name for e in content.EMOTIONS}
    added_emotions = [
        _emotion(e) for e in vocabulary.emotions.values() if e.name not in default_names
    ]
    breath = settings.breath
    rows = [
        ("default mode", config.default_mode),
        ("theme", config.theme),
        ("support line", settings.support_line or "-"),
        ("sync", config.sync),
        ("stages", ", ".join(settings.stages)),
        (
            "breath",
            f"in {breath.inhale:g} s, hold {breath.hold:g} s, out {breath.exhale:g} s, "
            f"{breath.cycles} breaths ({breath.total_seconds:g} s)",
        ),
        ("added regions", ", ".join(added_regions) or "-"),
        ("added qualities", ", ".join(added_qualities) or "-"),
        ("added emotions", "\n".join(added_emotions) or "-"),  # one a line: each is long
        ("reworded stages", ", ".join(settings.stage_texts) or "-"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


def _emotion(e: content.Emotion) -> str:
    """'wistful (sadness, unpleasant -0.20, low -0.40)': labels, with the numbers
    they come from when the word has them."""
    valence = e.valence if e.valence_score is None else f"{e.valence} {e.valence_score:+.2f}"
    energy = e.energy if e.arousal_score is None else f"{e.energy} {e.arousal_score:+.2f}"
    borrowed = f", like {e.rated_as}" if e.rated_as and e.rated_as != e.name else ""
    return f"{e.name} ({e.family}, {valence}, {energy}{borrowed})"
