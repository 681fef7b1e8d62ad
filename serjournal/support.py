"""When a check-in calls for the support note: the rules, in one place.

Support is offered at two moments. At the start, when the distress just rated
is high. At the close, when the closing answers are: distress after the
practice high, the closing mood low, or a strongly felt emotion of the
hopeless or overwhelmed kind. Saving is never held back by either. Flags,
JSON and edits have no moment to offer grounding in; they print the note when
the answers they record call for it.
"""

from __future__ import annotations

from serjournal import content
from serjournal.models import CheckIn


def high_distress(value: int | None) -> bool:
    return value is not None and value >= content.HIGH_DISTRESS


def reasons_at_start(checkin: CheckIn) -> set[str]:
    return {"distress"} if high_distress(checkin.distress) else set()


def reasons_at_close(checkin: CheckIn) -> set[str]:
    """What in the closing answers calls for support ('distress_after',
    'closing_mood', 'emotion:hopeless'); empty when nothing does."""
    reasons: set[str] = set()
    if high_distress(checkin.distress_after):
        reasons.add("distress_after")
    if checkin.closing_mood is not None and checkin.closing_mood <= content.LOW_CLOSING_MOOD:
        reasons.add("closing_mood")
    for emotion in checkin.emotions:
        if emotion.name in content.SUPPORT_EMOTIONS and emotion.intensity >= content.STRONG_FEELING:
            reasons.add(f"emotion:{emotion.name}")
    return reasons


def reasons(checkin: CheckIn) -> set[str]:
    """Everything in the check-in that calls for support."""
    return reasons_at_start(checkin) | reasons_at_close(checkin)


def note_lines(at_close: bool, personal: str | None) -> list[str]:
    """The support note (its closing wording when the close calls for it),
    and the user's own line from the config, when set."""
    from serjournal import messages

    lines = [messages.CLOSING_SUPPORT_NOTE if at_close else messages.HIGH_DISTRESS_NOTE]
    if personal:
        lines.append(messages.SUPPORT_PERSONAL.format(line=personal))
    return lines
