"""What a user's config and own history change about the check-in.

Apart from the stages themselves so that reading the config (every command
does) does not load the prompt widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from serjournal import content
from serjournal.store.habits import Carried, Frequent, LastTime

STAGE_BY_KEY = {s.key: s for s in content.STAGES}


@dataclass
class FlowSettings:
    """What a user's config and own history change about the ritual."""

    stages: list[str] = field(default_factory=lambda: [s.key for s in content.STAGES])
    breath: content.BreathPattern = field(default_factory=content.BreathPattern)
    arrival_breath: content.BreathPattern = field(
        default_factory=lambda: content.BreathPattern(cycles=3)
    )
    # Stages whose texts the config rewords; new Stage objects, never mutated globals.
    stage_texts: dict[str, content.Stage] = field(default_factory=dict)
    # The user's tags so far, offered at the end of the check-in.
    known_tags: list[str] = field(default_factory=list)
    # The user's own line shown with the support note (config: support_line).
    support_line: str | None = None
    # From the journal (store/habits.py), for a new check-in only:
    frequent: Frequent = field(default_factory=Frequent)  # words chosen most, lately
    last_time: LastTime | None = None  # the places noticed last time, pre-checked
    carried: Carried | None = None  # yesterday's intention and takeaway

    def stage(self, key: str) -> content.Stage:
        return self.stage_texts.get(key) or STAGE_BY_KEY[key]
