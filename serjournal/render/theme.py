"""serjournal's colours: named styles in one Rich theme, per background.

Code never names a colour; it names a style ("sj.heading", "sj.hint"...)
and the theme in force decides how it looks:

- "auto" (the default): the terminal's COLORFGBG, when it says, picks light
  or dark; otherwise "both", a palette chosen to read on white and on black
  alike (no yellow, no bright black: mid-tone colours and the terminal's own
  foreground, dimmed for hints);
- "light" and "dark": richer colours for a known background;
- "plain": no colour at all, only bold, italic and dim.

NO_COLOR is respected by Rich and prompt_toolkit themselves: colours go,
bold and italic stay. The prompts (prompt_toolkit) take the same palette
through prompt_toolkit_style().
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prompt_toolkit.styles import Style as PromptStyle
    from rich.theme import Theme

THEME_NAMES = ("auto", "light", "dark", "plain")

# Every style the program uses, and what it is for.
STYLES = {
    "sj.rule": "stage rules and panel borders",
    "sj.heading": "section headings",
    "sj.title": "a title's words",
    "sj.orientation": "the one-line orientation under a stage heading",
    "sj.hint": "quiet text: anchors, hints, counts",
    "sj.label": "the label before a value",
    "sj.question": "a question being asked",
    "sj.answer": "an answer, echoed after it is given",
    "sj.error": "why an answer cannot be taken, under the prompt",
    "sj.pointer": "the choice the pointer is on",
    "sj.checked": "a picked choice",
    "sj.note": "the support note",
    "sj.mood": "mood in charts",
    "sj.energy": "energy in charts",
    "sj.distress": "distress in charts",
    "sj.easier": "a change the easier way",
    "sj.harder": "a change the harder way",
    "sj.heat.low": "a body region felt lightly",
    "sj.heat.mid": "a body region felt moderately",
    "sj.heat.high": "a body region felt strongly",
    "sj.bar": "bars: the breath, counts",
    "sj.bar.hold": "the breath bar while holding",
    "sj.bar.empty": "the empty part of the breath bar",
    "sj.day": "a day with a check-in, in the calendar's period",
    "sj.day.other": "a day with a check-in, in the weeks before",
    "sj.level.1": "the lowest step of a ramp (body map shading, year view)",
    "sj.level.2": "the second step of a ramp",
    "sj.level.3": "the third step of a ramp",
    "sj.level.4": "the highest step of a ramp",
}

_BOTH = {
    "sj.rule": "dodger_blue2",
    "sj.heading": "bold dodger_blue2",
    "sj.title": "bold",
    "sj.orientation": "italic",
    "sj.hint": "dim",
    "sj.label": "bold",
    "sj.question": "bold",
    "sj.answer": "dodger_blue2",
    "sj.error": "bold dark_orange3",
    "sj.pointer": "bold dodger_blue2",
    "sj.checked": "green4",
    "sj.note": "bold",
    "sj.mood": "dodger_blue2",
    "sj.energy": "dark_orange3",
    "sj.distress": "medium_violet_red",
    "sj.easier": "green4",
    "sj.harder": "dark_orange3",
    "sj.heat.low": "green4",
    "sj.heat.mid": "dark_orange3",
    "sj.heat.high": "bold red3",
    "sj.bar": "dodger_blue2",
    "sj.bar.hold": "medium_purple3",
    "sj.bar.empty": "dim",
    "sj.day": "bold green4",
    "sj.day.other": "green4",
    "sj.level.1": "grey50",
    "sj.level.2": "dodger_blue2",
    "sj.level.3": "dark_orange3",
    "sj.level.4": "bold red3",
}

PALETTES: dict[str, dict[str, str]] = {
    "both": _BOTH,
    "dark": {
        **_BOTH,
        "sj.rule": "cyan",
        "sj.heading": "bold cyan",
        "sj.answer": "cyan",
        "sj.error": "bold yellow",
        "sj.pointer": "bold cyan",
        "sj.checked": "green",
        "sj.mood": "cyan",
        "sj.energy": "yellow",
        "sj.distress": "magenta",
        "sj.easier": "green",
        "sj.harder": "yellow",
        "sj.heat.low": "gold1",
        "sj.heat.mid": "dark_orange",
        "sj.heat.high": "bold red",
        "sj.bar": "cyan",
        "sj.bar.hold": "medium_purple1",
        "sj.day": "bold green",
        "sj.day.other": "green",
        "sj.level.1": "grey62",
        "sj.level.2": "cyan",
        "sj.level.3": "dark_orange",
        "sj.level.4": "bold red",
    },
    "light": {
        **_BOTH,
        "sj.rule": "blue",
        "sj.heading": "bold blue",
        "sj.answer": "blue",
        "sj.error": "bold dark_orange3",
        "sj.pointer": "bold blue",
        "sj.checked": "dark_green",
        "sj.mood": "blue",
        "sj.energy": "dark_orange3",
        "sj.distress": "dark_magenta",
        "sj.easier": "dark_green",
        "sj.heat.low": "dark_goldenrod",
        "sj.heat.high": "bold red3",
        "sj.bar": "blue",
        "sj.bar.hold": "purple4",
        "sj.day": "bold dark_green",
        "sj.day.other": "dark_green",
        "sj.level.1": "grey42",
        "sj.level.2": "blue",
        "sj.level.3": "dark_orange3",
        "sj.level.4": "bold red3",
    },
    "plain": {
        **dict.fromkeys(STYLES, "none"),
        "sj.heading": "bold",
        "sj.title": "bold",
        "sj.orientation": "italic",
        "sj.hint": "dim",
        "sj.label": "bold",
        "sj.question": "bold",
        "sj.error": "bold",
        "sj.pointer": "bold",
        "sj.checked": "bold",
        "sj.note": "bold",
        "sj.heat.high": "bold",
        "sj.bar.empty": "dim",
        "sj.day": "bold",
        "sj.level.3": "bold",
        "sj.level.4": "bold",
    },
}

_active: str | None = None


def set_theme(name: str | None) -> None:
    """The theme in force for this run (the config's `theme`); None: read it again."""
    global _active
    _active = name


def current() -> str:
    """The palette in force: the configured theme, with "auto" resolved."""
    name = _active if _active is not None else _configured()
    if name == "auto":
        return _from_terminal() or "both"
    return name if name in PALETTES else "both"


def palette() -> dict[str, str]:
    return PALETTES[current()]


def rich_theme() -> Theme:
    from rich.theme import Theme

    return Theme(palette())


def prompt_toolkit_style() -> PromptStyle:
    """The same palette for the prompts, by class name without the 'sj.' prefix."""
    from prompt_toolkit.styles import Style

    return Style(
        [(name.removeprefix("sj."), to_prompt_toolkit(style)) for name, style in palette().items()]
        + [("auto-suggestion", to_prompt_toolkit(palette()["sj.hint"]))]
    )


def to_prompt_toolkit(style: str) -> str:
    """A Rich style string in prompt_toolkit's words ('bold dodger_blue2' ->
    'bold fg:#0087ff'); the sixteen ANSI colours keep their names, so the
    terminal's own palette (and NO_COLOR) still applies."""
    from rich.color import ColorType
    from rich.style import Style

    parsed = Style.parse(style)
    parts = [
        attribute
        for attribute in ("bold", "italic", "dim", "underline", "reverse")
        if getattr(parsed, attribute)
    ]
    color = parsed.color
    if color is not None and color.type != ColorType.DEFAULT:
        if color.type == ColorType.STANDARD and color.number is not None:
            parts.append(f"fg:{_ANSI_NAMES[color.number]}")
        else:
            parts.append(f"fg:{color.get_truecolor().hex}")
    return " ".join(parts)


_ANSI_NAMES = (
    *("ansiblack", "ansired", "ansigreen", "ansiyellow"),
    *("ansiblue", "ansimagenta", "ansicyan", "ansigray"),
    *("ansibrightblack", "ansibrightred", "ansibrightgreen", "ansibrightyellow"),
    *("ansibrightblue", "ansibrightmagenta", "ansibrightcyan", "ansiwhite"),
)


def _from_terminal() -> str | None:
    """COLORFGBG ("15;0": light text on a dark background), set by some terminals."""
    parts = os.environ.get("COLORFGBG", "").split(";")
    if len(parts) < 2 or not parts[-1].isdigit():
        return None
    background = int(parts[-1])
    return "light" if background in (7, 15) or 9 <= background <= 14 else "dark"


def _configured() -> str:
    """The `theme` of the config file, read on its own: commands that load no
    config (show, list, review) still draw in the user's colours. A bad value
    is reported by the commands that load the whole config; here it means auto."""
    global _active
    name = "auto"
    from serjournal.config_text import parse_toml, read_config_text
    from serjournal.locations import config_file

    try:
        value = parse_toml(read_config_text(config_file())).get("theme")
        if value in THEME_NAMES:
            name = value
    except (OSError, ValueError):  # missing, unreadable or not TOML: auto
        pass
    _active = name
    return name
