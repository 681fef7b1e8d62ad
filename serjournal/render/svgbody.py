"""The body map as an SVG figure, for the saved review and the report.

A front view and a small back view, each region a shape filled by its level
(render/bodymap.place_levels: the same levels as the terminal figure), from
light to dark so it also reads in grey, with a <title> on each shape that
gives the numbers when the pointer rests on it. The whole body, when noted,
is a soft halo behind the front view. No script, no external resource: the
markup is plain SVG, and every text in it is escaped.
"""

from __future__ import annotations

from html import escape

from serjournal.render.bodymap import LEVEL_COLOURS, WHOLE_BODY, level_of, place_levels
from serjournal.review.figures import RegionLoad

WIDTH, HEIGHT = 240, 262
OUTLINE = "#8a817c"
SILHOUETTE = "#f4f1ec"

# (region, side, shape): the figure faces you, its right side on your left.
SHAPES: tuple[tuple[str, str | None, str], ...] = (
    ("head", None, '<ellipse cx="60" cy="17" rx="14" ry="13"/>'),
    ("face and jaw", None, '<rect x="48" y="21" width="24" height="20" rx="10"/>'),
    ("neck", None, '<rect x="52" y="40" width="16" height="12" rx="3"/>'),
    ("throat", None, '<rect x="56.5" y="41" width="7" height="10" rx="3"/>'),
    ("shoulders", "right", '<rect x="22" y="50" width="36" height="12" rx="6"/>'),
    ("shoulders", "left", '<rect x="62" y="50" width="36" height="12" rx="6"/>'),
    ("arms", "right", '<rect x="22" y="63" width="13" height="60" rx="6"/>'),
    ("arms", "left", '<rect x="85" y="63" width="13" height="60" rx="6"/>'),
    ("hands", "right", '<ellipse cx="28.5" cy="132" rx="7.5" ry="9"/>'),
    ("hands", "left", '<ellipse cx="91.5" cy="132" rx="7.5" ry="9"/>'),
    ("chest", None, '<rect x="38" y="62" width="44" height="32" rx="6"/>'),
    ("belly", None, '<rect x="40" y="95" width="40" height="29" rx="5"/>'),
    ("pelvis and hips", "right", '<rect x="40" y="125" width="19.5" height="20" rx="5"/>'),
    ("pelvis and hips", "left", '<rect x="60.5" y="125" width="19.5" height="20" rx="5"/>'),
    ("legs", "right", '<rect x="42" y="146" width="16" height="92" rx="7"/>'),
    ("legs", "left", '<rect x="62" y="146" width="16" height="92" rx="7"/>'),
    ("feet", "right", '<ellipse cx="47" cy="246" rx="10" ry="6"/>'),
    ("feet", "left", '<ellipse cx="73" cy="246" rx="10" ry="6"/>'),
    ("upper back", None, '<rect x="158" y="62" width="44" height="36" rx="6"/>'),
    ("lower back", None, '<rect x="160" y="99" width="40" height="26" rx="5"/>'),
)
# The back view's outline: not places of their own, only where the back sits.
BACK_OUTLINE = (
    '<ellipse cx="180" cy="22" rx="14" ry="17"/>'
    '<rect x="172" y="40" width="16" height="12" rx="3"/>'
    '<rect x="142" y="50" width="76" height="12" rx="6"/>'
    '<rect x="142" y="63" width="13" height="60" rx="6"/>'
    '<rect x="205" y="63" width="13" height="60" rx="6"/>'
    '<rect x="160" y="126" width="40" height="19" rx="5"/>'
    '<rect x="162" y="146" width="16" height="92" rx="7"/>'
    '<rect x="182" y="146" width="16" height="92" rx="7"/>'
)
HALO = '<rect x="12" y="0" width="96" height="258" rx="30"/>'


def body_svg(body: list[RegionLoad], changes: dict[str, str], *, figure_id: str = "body") -> str:
    """The figure for `body` (RegionLoad of the period); `changes` gives each
    region's change against the period before as text ('+2 ↑', 'new')."""
    levels = place_levels(body)
    by_region = {load.region: load for load in body}
    parts = [
        f'<svg id="{figure_id}" class="body-map" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{figure_id}-title">',
        f'<title id="{figure_id}-title">{escape(_summary(body))}</title>',
    ]
    whole = by_region.get(WHOLE_BODY)
    if whole is not None:
        level = levels.get((WHOLE_BODY, None), 0)
        title = escape(_title(whole, None, changes))
        parts.append(
            f'<g fill="{LEVEL_COLOURS[level]}" fill-opacity="0.4"><title>{title}</title>{HALO}</g>'
        )
    parts.append(f'<g fill="{SILHOUETTE}" stroke="{OUTLINE}" stroke-width="0.8">{BACK_OUTLINE}</g>')
    for region, side, shape in SHAPES:
        level = level_of(levels, region, side)
        load = by_region.get(region)
        title = _title(load, side, changes) if load is not None else f"{region}: nothing noted"
        parts.append(
            f'<g fill="{LEVEL_COLOURS[level]}" stroke="{OUTLINE}" stroke-width="0.8" '
            f'data-region="{escape(region)}" data-level="{level}">'
            f"<title>{escape(title)}</title>{shape}</g>"
        )
    parts.append(
        '<g font-size="9" fill="#5b524d" text-anchor="middle">'
        '<text x="50" y="260">right</text><text x="72" y="260">left</text>'
        '<text x="180" y="260">back</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _title(load: RegionLoad, side: str | None, changes: dict[str, str]) -> str:
    where = load.region if side is None else f"{load.region}, {side} side"
    text = (
        f"{where}: {load.times} times, average intensity {load.mean_intensity:.1f}, "
        f"mostly {load.dominant_quality}"
    )
    sided = {s.side: s.times for s in load.sides}
    if side is not None and sided:
        text += f"; {sided.get(side, 0)} on the {side}, {sided.get('both', 0)} on both sides"
    change = changes.get(load.region)
    if change:
        text += f"; against the period before: {change}"
    if load.emotions:
        text += f"; felt here: {', '.join(load.emotions)}"
    return text


def _summary(body: list[RegionLoad]) -> str:
    if not body:
        return "Body map: no sensations were noted in this period."
    most = ", ".join(f"{load.region} ({load.times})" for load in body[:5])
    return f"Body map, front and back. Felt most often: {most}."


def levels_legend() -> str:
    """The shades, lightest to darkest, as a small SVG."""
    cells = "".join(
        f'<rect x="{i * 22}" y="0" width="20" height="12" rx="2" fill="{colour}" '
        f'stroke="{OUTLINE}" stroke-width="0.6"/>'
        for i, colour in enumerate(LEVEL_COLOURS)
    )
    return (
        f'<svg class="legend" viewBox="0 0 {22 * len(LEVEL_COLOURS)} 12" '
        f'xmlns="http://www.w3.org/2000/svg" aria-hidden="true">{cells}</svg>'
    )
