"""The review saved as one SVG file (--save FILE.svg).

The body map as a real SVG figure with hover titles at the top, and below it
the review as the terminal draws it (with the body map as its table), taken
from Rich's recording. Rich's own SVG template loads its font from a CDN;
this one names local fonts only, so opening the file fetches nothing.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from serjournal.render.svgbody import HEIGHT as BODY_HEIGHT
from serjournal.render.svgbody import WIDTH as BODY_WIDTH
from serjournal.render.svgbody import body_svg

if TYPE_CHECKING:
    from rich.console import Console

    from serjournal.review.figures import ReviewSummary

PANEL_HEIGHT = 360
PAPER = "#fffdfa"

# Rich's CONSOLE_SVG_FORMAT without the @font-face rules (remote fonts), with
# a position so it can sit inside the outer document.
TERMINAL_SVG = """\
<svg class="rich-terminal" x="0" y="__OFFSET__" width="{width}" height="{height}" \
viewBox="0 0 {width} {height}" data-size="{width} {height}">
    <style>
    .{unique_id}-matrix {{
        font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}
    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: system-ui, sans-serif;
    }}
    {styles}
    </style>
    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>
    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})" \
clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""
_SIZE = re.compile(r'data-size="(\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"')


def review_svg(console: Console, summary: ReviewSummary | None, title: str) -> str:
    """The whole document: `console` has recorded the review as drawn."""
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME

    terminal = console.export_svg(
        title=title, theme=DEFAULT_TERMINAL_THEME, code_format=TERMINAL_SVG
    )
    match = _SIZE.search(terminal)
    width = float(match[1]) if match else 1000.0
    height = float(match[2]) if match else 1000.0
    has_figure = summary is not None and not summary.is_empty and bool(summary.body)
    offset = PANEL_HEIGHT if has_figure else 0
    terminal = terminal.replace("__OFFSET__", str(offset), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height + offset:g}" '
        f'viewBox="0 0 {width:g} {height + offset:g}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="100%" height="100%" fill="{PAPER}"/>',
    ]
    if has_figure and summary is not None:
        from serjournal.render.review import body_changes

        changes = {k: v.plain for k, v in body_changes(summary).items()}
        scale = (PANEL_HEIGHT - 70) / BODY_HEIGHT
        figure_width = BODY_WIDTH * scale
        parts.append(
            f'<g font-family="system-ui, sans-serif" fill="#2f2a27">'
            f'<text x="24" y="36" font-size="20" font-weight="600">Body map</text>'
            f'<text x="24" y="60" font-size="14" fill="#6f6660">'
            f"{escape(summary.period.span)}: rest the pointer on a place for its numbers; "
            "the table below has them all.</text></g>"
        )
        figure = body_svg(summary.body, changes, figure_id="svg-body-map")
        figure = figure.replace(
            "<svg ",
            f'<svg x="{(width - figure_width) / 2:.1f}" y="66" width="{figure_width:.1f}" '
            f'height="{PANEL_HEIGHT - 70}" ',
            1,
        )
        parts.append(figure)
    parts.append(terminal)
    parts.append("</svg>\n")
    return "".join(parts)
