"""The body map drawn: how strongly each place is shaded, and the terminal figure.

Shading is shared by the terminal figure (here) and the SVG figure
(render/svgbody.py): each place on the body gets a level from 0 (nothing
noted) to 4, from its load (how often times how strongly: the sum of the
intensities felt there) against the most loaded place of the period. A side
is shaded by the sensations recorded on it, on both sides, or with no side.

The terminal figure is a front view built from text cells, with a small back
view beside it for the upper and lower back, and one line of numbers beside
each place that carried anything. The levels are drawn with four shade
characters, so the figure reads the same without colour; the change against
the period before is written out ('+2 ↑', 'same', 'new'). Below MIN_WIDTH
columns, or with --plain, the review shows the table instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from serjournal.review.figures import RegionLoad

MIN_WIDTH = 60
LEVELS = 4
SHADES = " ░▒▓█"  # level 0 is drawn as EMPTY instead
EMPTY = "·"
# Named styles of the one theme (render/theme.py), readable on light and dark.
LEVEL_STYLES = ("sj.hint", "sj.level.1", "sj.level.2", "sj.level.3", "sj.level.4")
LEVEL_COLOURS = ("#eeeae4", "#f6dfa0", "#f0b466", "#e07b39", "#b8432b")  # for HTML and SVG
BILATERAL = ("shoulders", "arms", "hands", "pelvis and hips", "legs", "feet")
WHOLE_BODY = "whole body"

# The front view faces you: the figure's right side is on your left.
# Upper case letters are its right side, lower case its left.
FRONT: tuple[str, ...] = (
    "    HHHHH    ",
    "   HHHHHHH   ",
    "   FFFFFFF   ",
    "    FFFFF    ",
    "     NTN     ",
    " SSSSNTNssss ",
    "SSSCCCCCCCsss",
    "AA CCCCCCC aa",
    "AA CCCCCCC aa",
    "AA BBBBBBB aa",
    "AA BBBBBBB aa",
    "AA BBBBBBB aa",
    "PP IIIIiii pp",
    "PP IIIIiii pp",
    "   LLL lll   ",
    "   LLL lll   ",
    "   LLL lll   ",
    "   LLL lll   ",
    "  EEEE eeee  ",
)
BACK_TOP = 5  # the back view's first row, beside the shoulders
BACK: tuple[str, ...] = (
    " back  ",
    "UUUUUUU",
    "UUUUUUU",
    "UUUUUUU",
    "UUUUUUU",
    "OOOOOOO",
    "OOOOOOO",
    "OOOOOOO",
)
SIDES_ROW = " right  left"  # under the feet: which side is which
CELLS: dict[str, tuple[str, str | None]] = {
    "H": ("head", None),
    "F": ("face and jaw", None),
    "N": ("neck", None),
    "T": ("throat", None),
    "S": ("shoulders", "right"),
    "s": ("shoulders", "left"),
    "C": ("chest", None),
    "A": ("arms", "right"),
    "a": ("arms", "left"),
    "P": ("hands", "right"),
    "p": ("hands", "left"),
    "B": ("belly", None),
    "I": ("pelvis and hips", "right"),
    "i": ("pelvis and hips", "left"),
    "L": ("legs", "right"),
    "l": ("legs", "left"),
    "E": ("feet", "right"),
    "e": ("feet", "left"),
    "U": ("upper back", None),
    "O": ("lower back", None),
}
DRAWN = frozenset(region for region, _ in CELLS.values())
# The row each place's line of numbers would like to sit on, top to bottom.
LABEL_ROWS: dict[str, int] = {
    "head": 0,
    "face and jaw": 2,
    "throat": 4,
    "neck": 5,
    "shoulders": 6,
    "chest": 7,
    "upper back": 8,
    "arms": 9,
    "belly": 10,
    "lower back": 11,
    "pelvis and hips": 12,
    "hands": 13,
    "legs": 15,
    "feet": 18,
    WHOLE_BODY: 19,
}

INDENT = "  "
GAP = "  "  # between the figure and its labels
FIGURE_WIDTH = len(INDENT) + len(FRONT[0]) + 1 + len(BACK[0]) + len(GAP)

Place = tuple[str, str | None]  # (region, side), side None for the whole region


def side_loads(load: RegionLoad) -> dict[str | None, float]:
    """The places a region is drawn as, with their loads: the region as a
    whole (None), or for a two-sided region each side, carrying what was
    recorded on that side, on both, or with no side."""
    if load.region not in BILATERAL:
        return {None: load.load}
    by_side = {s.side: s.times * s.mean_intensity for s in load.sides}
    shared = load.load - by_side.get("left", 0.0) - by_side.get("right", 0.0)
    return {
        "left": by_side.get("left", 0.0) + shared,
        "right": by_side.get("right", 0.0) + shared,
    }


def place_levels(body: list[RegionLoad]) -> dict[Place, int]:
    """A level from 1 to LEVELS for every place that carried a sensation,
    against the most loaded place; places that did not are absent (level 0)."""
    loads = {
        (region.region, side): value
        for region in body
        for side, value in side_loads(region).items()
        if value > 0 or (side is None and region.times > 0)
    }
    most = max(loads.values(), default=0.0)
    return {
        place: min(LEVELS, max(1, math.ceil(LEVELS * value / most) if most > 0 else 1))
        for place, value in loads.items()
    }


def region_level(levels: dict[Place, int], region: str) -> int:
    """A region's shade in its label: its darkest place on the figure."""
    return max((level for (name, _), level in levels.items() if name == region), default=0)


def level_of(levels: dict[Place, int], region: str, side: str | None) -> int:
    """The level of a drawn cell: its side where the region has sides."""
    return levels.get((region, side if region in BILATERAL else None), 0)


def shade(level: int) -> str:
    return SHADES[level] if level else EMPTY


# --- The terminal figure ---------------------------------------------------------------


@dataclass
class Label:
    """One line of numbers beside the figure."""

    region: str
    level: int
    times: str
    mean: str
    change: Text
    extra: str  # sides and emotions, shortened to fit


class BodyFigure:
    """A Rich renderable: the figure, its labels and the legend, fitted to
    the width Rich gives it (at least MIN_WIDTH)."""

    def __init__(self, body: list[RegionLoad], changes: dict[str, Text]) -> None:
        self.body = body
        self.changes = changes
        self.levels = place_levels(body)
        self._cells: dict[str, tuple[str, str]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        labels = [self._label(load) for load in self.body]
        placed = {label.region: label for label in labels if label.region in LABEL_ROWS}
        rows = self._label_rows(placed)
        height = max([len(FRONT), *(row + 1 for row in rows.values())])
        fields = _field_widths(labels)
        room = width - FIGURE_WIDTH
        yield Text(" " * FIGURE_WIDTH).append_text(_label_header(fields))
        at_row = {row: placed[region] for region, row in rows.items()}
        for row in range(height):
            line = Text(INDENT)
            line.append_text(self._figure_row(row))
            label = at_row.get(row)
            if label is not None:
                line.append(GAP)
                line.append_text(_label_text(label, fields, room))
            line.rstrip()
            yield line
        yield Text(INDENT + SIDES_ROW, style="dim")
        others = [label for label in labels if label.region not in LABEL_ROWS]
        if others:
            yield Text(INDENT + "elsewhere", style="dim")
            for label in others:
                yield Text(INDENT * 2).append_text(_label_text(label, fields, width - 4))

    def _label(self, load: RegionLoad) -> Label:
        level = region_level(self.levels, load.region)
        extra = []
        if load.emotions:
            extra.append(", ".join(load.emotions))
        sided = {s.side: s.times for s in load.sides if s.side in ("left", "right")}
        if sided:
            extra.append(", ".join(f"{side} {n}" for side, n in sided.items()))
        return Label(
            region=load.region,
            level=level,
            times=f"{load.times}×",
            mean=f"{load.mean_intensity:.1f}",
            change=self.changes.get(load.region, Text("")),
            extra="; ".join(extra),
        )

    @staticmethod
    def _label_rows(placed: dict[str, Label]) -> dict[str, int]:
        """Each label on its preferred row, or the first free one below it."""
        rows: dict[str, int] = {}
        last = -1
        for region in sorted(placed, key=lambda r: LABEL_ROWS[r]):
            last = max(LABEL_ROWS[region], last + 1)
            rows[region] = last
        return rows

    def _figure_row(self, row: int) -> Text:
        """One row of the front and back views, as runs of same-styled cells
        (a few spans a row rather than one a cell: quicker to draw)."""
        front = FRONT[row] if row < len(FRONT) else " " * len(FRONT[0])
        back_row = row - BACK_TOP
        back = BACK[back_row] if 0 <= back_row < len(BACK) else " " * len(BACK[0])
        runs: list[tuple[str, str]] = []
        for char in front + " " + (back if back_row != 0 else ""):
            cell = self._cell(char)
            if runs and runs[-1][1] == cell[1]:
                runs[-1] = (runs[-1][0] + cell[0], cell[1])
            else:
                runs.append(cell)
        text = Text.assemble(*runs)
        if back_row == 0:
            text.append(back, style="dim")
        return text

    def _cell(self, char: str) -> tuple[str, str]:
        cell = self._cells.get(char)
        if cell is None:
            if char in CELLS:
                level = level_of(self.levels, *CELLS[char])
                cell = shade(level), LEVEL_STYLES[level]
            else:
                cell = char, ""
            self._cells[char] = cell
        return cell


def _field_widths(labels: list[Label]) -> tuple[int, int, int, int]:
    return (
        max([len(label.region) for label in labels] + [4]),
        max([len(label.times) for label in labels] + [len("times")]),
        max([len(label.mean) for label in labels] + [len("avg")]),
        max([len(label.change.plain) for label in labels] + [4]),
    )


def _label_header(fields: tuple[int, int, int, int]) -> Text:
    name_w, times_w, mean_w, _ = fields
    return Text(f"{'':<{name_w}}   {'times':>{times_w}} {'avg':>{mean_w}}  change", style="dim")


def _label_text(label: Label, fields: tuple[int, int, int, int], room: int) -> Text:
    name_w, times_w, mean_w, change_w = fields
    text = Text()
    text.append(f"{label.region:<{name_w}} ", style=LEVEL_STYLES[label.level])
    text.append(shade(label.level), style=LEVEL_STYLES[label.level])
    text.append(f" {label.times:>{times_w}} {label.mean:>{mean_w}}  ")
    change = label.change.copy()
    change.pad_right(change_w - len(change.plain))
    text.append_text(change)
    left = room - len(text.plain) - 2
    if label.extra and left >= 6:
        extra = label.extra if len(label.extra) <= left else label.extra[: left - 1] + "…"
        text.append(f"  {extra}", style="dim")
    text.truncate(room, overflow="ellipsis")  # never wrap under the figure
    return text


def legend() -> Text:
    """What the shades mean, in one line."""
    text = Text("  ")
    text.append(EMPTY, style=LEVEL_STYLES[0])
    text.append(" nothing  ", style="dim")
    for level in range(1, LEVELS + 1):
        text.append(SHADES[level], style=LEVEL_STYLES[level])
    text.append(" least to most, by times × intensity", style="dim")
    return text
