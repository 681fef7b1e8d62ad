"""HTML pages serjournal writes: the saved review and the practitioner report.

One self-contained file each: inline CSS, inline SVG figures, no script, no
font, image or anything else fetched from anywhere (a Content-Security-Policy
in the page says so to the browser too). The layout fits a phone (375 px),
a desktop, and an A4 page when printed. Every text that came from the
journal is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from serjournal import messages
from serjournal.render.bodymap import LEVEL_COLOURS
from serjournal.render.yearview import HTML_PALETTES, MONTHS, month_averages, step
from serjournal.review.figures import DayPoint, RegionLoad, ReviewSummary, SeriesPoint

SCALE_COLOURS = {"mood": "#3d85a0", "energy": "#c08a12", "distress": "#a64d79"}
NO_ENTRY_COLOUR = "#ebe6e0"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #2f2a27; --quiet: #6f6660; --line: #e4ddd6; --paper: #fffdfa;
  --accent: #3f6f80; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 .3rem; font-weight: 600; }
h2 { font-size: 1.08rem; margin: 1.8rem 0 .5rem; color: var(--accent); font-weight: 600;
  border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .2rem; font-weight: 600; }
p { margin: .3rem 0; }
.quiet { color: var(--quiet); }
.note { font-size: .92rem; color: var(--quiet); }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: .3rem 0; }
th, td { text-align: left; padding: .22rem .6rem .22rem 0; vertical-align: top;
  overflow-wrap: break-word; }
td .sub { display: block; font-size: .85rem; color: var(--quiet); }
th { font-weight: 500; color: var(--quiet); border-bottom: 1px solid var(--line); }
td { border-bottom: 1px solid #f1ece6; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.map { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
.map svg.body-map { width: 100%; max-width: 16rem; height: auto; flex: 0 1 16rem;
  margin: 0 auto; }
.map .regions { flex: 1 1 20rem; min-width: 0; }
svg { max-width: 100%; }
svg.chart, .year svg { width: 100%; height: auto; display: block; }
svg.legend { width: 6.9rem; height: auto; vertical-align: middle; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  vertical-align: baseline; border: 1px solid #8a817c; }
ul { padding-left: 1.2rem; margin: .3rem 0; }
li { margin: .2rem 0; }
.day { border-top: 1px solid var(--line); padding: .5rem 0; }
.day p { margin: .15rem 0; }
blockquote { margin: .2rem 0 .2rem .8rem; padding-left: .6rem;
  border-left: 3px solid var(--line); }
footer { margin-top: 2.5rem; font-size: .9rem; color: var(--quiet);
  border-top: 1px solid var(--line); padding-top: .75rem; }
@media print {
  @page { size: A4; margin: 14mm 14mm 16mm; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; margin-top: 1.1rem; }
  section > table, figure, .map, li, .day, tr { break-inside: avoid; }
  .page-break { break-before: page; }
  .screen-only { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page(title: str, body: str) -> str:
    """A whole HTML document around `body` (already escaped markup)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A table of already-escaped cells; columns listed in `numeric` align right."""
    head = "".join(f'<th scope="col"{_num(i, numeric)}>{h}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{_num(i, numeric)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _num(index: int, numeric: Sequence[int]) -> str:
    return ' class="num"' if index in numeric else ""


def e(text: object) -> str:
    """Escaped text."""
    return escape(str(text))


def one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def section(heading: str, content: str, note: str = "", css_class: str = "") -> str:
    note_html = f' <span class="note">{e(note)}</span>' if note else ""
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<section{attribute}>\n<h2>{e(heading)}{note_html}</h2>\n{content}\n</section>\n"


# --- Figures ----------------------------------------------------------------------------


def ratings_chart(points: list[SeriesPoint], label: str) -> str:
    """Mood, energy and distress over the period: one line each, 0-10, with a
    dot per day (or bucket) carrying its numbers as a hover title."""
    width, height, left, top, bottom = 600, 170, 28, 8, 22
    usable_w, usable_h = width - left - 8, height - top - bottom
    step_x = usable_w / max(1, len(points) - 1) if len(points) > 1 else 0

    def x(i: int) -> float:
        return left + (i * step_x if len(points) > 1 else usable_w / 2)

    def y(value: float) -> float:
        return top + usable_h * (1 - value / 10)

    grid = "".join(
        f'<line x1="{left}" x2="{width - 8}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
        f'stroke="#e9e3dc" stroke-width="1"/>'
        f'<text x="{left - 6}" y="{y(v) + 3:.1f}" text-anchor="end">{v}</text>'
        for v in (0, 5, 10)
    )
    lines: list[str] = []
    for scale, colour in SCALE_COLOURS.items():
        dots: list[str] = []
        path: list[str] = []
        for i, point in enumerate(points):
            value = getattr(point, scale)
            if value is None:
                if path:
                    lines.append(_polyline(path, colour))
                path = []
                continue
            path.append(f"{x(i):.1f},{y(value):.1f}")
            when = _point_name(point)
            checkins = messages.counted(point.checkins, "check-in")
            dots.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
                f"<title>{e(when)}: {scale} {value:.1f} ({checkins})</title>"
                "</circle>"
            )
        if path:
            lines.append(_polyline(path, colour))
        lines.extend(dots)
    first, last = (_point_name(points[0]), _point_name(points[-1])) if points else ("", "")
    axis = (
        f'<text x="{left}" y="{height - 6}">{e(first)}</text>'
        f'<text x="{width - 8}" y="{height - 6}" text-anchor="end">{e(last)}</text>'
    )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-label="{e(label)}"><g font-size="11" fill="#6f6660">{grid}{axis}</g>'
        f"{''.join(lines)}</svg>"
    )


def _polyline(path: list[str], colour: str) -> str:
    if len(path) == 1:
        return ""
    return (
        f'<polyline points="{" ".join(path)}" fill="none" stroke="{colour}" '
        'stroke-width="2" stroke-linejoin="round"/>'
    )


def _point_name(point: SeriesPoint) -> str:
    start = date.fromisoformat(point.start)
    if point.days == 1:
        return f"{start:%a %d %b}"
    if point.days >= 28 and start.day == 1:
        return f"{start:%B %Y}"
    return f"{start:%d %b} + {point.days - 1} days"


def scale_key() -> str:
    return " ".join(
        f'<span class="swatch" style="background:{colour}"></span> {scale}'
        for scale, colour in SCALE_COLOURS.items()
    )


def year_svg(days: list[DayPoint], by: str, today: date) -> str:
    """One square a day, a row a month, coloured by `by` in five steps."""
    cell, gap, left, top = 12, 2, 32, 16
    palette = HTML_PALETTES[by]
    grouped: dict[tuple[int, int], list[DayPoint]] = {}
    for point in days:
        day = date.fromisoformat(point.day)
        grouped.setdefault((day.year, day.month), []).append(point)
    width = left + 31 * (cell + gap)
    height = top + len(grouped) * (cell + gap)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="The year day by day, coloured by {e(by)}">'
        '<g font-size="10" fill="#6f6660">'
    ]
    for number in (1, 5, 10, 15, 20, 25, 30):
        x = left + (number - 1) * (cell + gap) + cell / 2
        parts.append(f'<text x="{x}" y="{top - 5}" text-anchor="middle">{number}</text>')
    for row, (_, points) in enumerate(grouped.items()):
        y = top + row * (cell + gap)
        month = date.fromisoformat(points[0].day).month
        parts.append(f'<text x="0" y="{y + cell - 2}">{MONTHS[month - 1]}</text>')
    parts.append("</g>")
    for row, (_, points) in enumerate(grouped.items()):
        y = top + row * (cell + gap)
        for point in points:
            day = date.fromisoformat(point.day)
            if day > today:
                continue
            x = left + (day.day - 1) * (cell + gap)
            value = getattr(point, by)
            colour = NO_ENTRY_COLOUR if value is None else palette[step(value)]
            what = "no check-in" if value is None else f"{by} {value:.1f}"
            title = f"{day:%a %d %b %Y}: {what}"
            if point.checkins:
                title += f" ({messages.counted(point.checkins, 'check-in')})"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2" fill="{colour}">'
                f"<title>{e(title)}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)


def year_key(by: str) -> str:
    palette = HTML_PALETTES[by]
    swatches = "".join(f'<span class="swatch" style="background:{c}"></span>' for c in palette)
    return (
        f'<p class="note">{swatches} {e(by)} from 0 to 10, a day\'s average; '
        f'<span class="swatch" style="background:{NO_ENTRY_COLOUR}"></span> no check-in</p>'
    )


def month_table(days: list[DayPoint]) -> str:
    rows = [
        (e(name), str(count), *(one(v) for v in averages))
        for name, count, averages in month_averages(days)
    ]
    return table(["month", "days", "mood", "energy", "distress"], rows, numeric=(1, 2, 3, 4))


def body_section(body: list[RegionLoad], changes: dict[str, str], figure_id: str) -> str:
    """The SVG figure beside a table with the same numbers, readable without colour."""
    from serjournal.render.bodymap import place_levels, region_level
    from serjournal.render.svgbody import body_svg, levels_legend

    if not body:
        return f'<p class="quiet">{e(messages.REVIEW_NO_SENSATIONS)}</p>'
    levels = place_levels(body)
    rows = []
    for load in body:
        level = region_level(levels, load.region)
        notes = []
        if load.emotions:
            notes.append("felt: " + ", ".join(load.emotions))
        if load.sides:
            notes.append(", ".join(f"{s.side} {s.times}" for s in load.sides))
        note = f'<span class="sub">{e("; ".join(notes))}</span>' if notes else ""
        rows.append(
            (
                f'<span class="swatch" style="background:{LEVEL_COLOURS[level]}"></span> '
                f"{e(load.region)}{note}",
                str(load.times),
                f"{load.mean_intensity:.1f}",
                e(load.dominant_quality),
                e(changes.get(load.region, "")),
            )
        )
    regions = table(["region", "times", "avg", "mostly", "change"], rows, numeric=(1, 2, 4))
    legend = (
        f'<p class="note">{levels_legend()} least to most felt (times × intensity); '
        "the figure faces you, its right side on your left. "
        '<span class="screen-only">Rest the pointer on a place for its numbers.</span></p>'
    )
    return (
        f'<div class="map">{body_svg(body, changes, figure_id=figure_id)}'
        f'<div class="regions">{regions}{legend}</div></div>'
    )


def observations(texts: Iterable[str]) -> str:
    items = "".join(f"<li>{e(text)}</li>" for text in texts)
    return f'<ul class="observations">{items}</ul>' if items else ""


# --- The saved review -----------------------------------------------------------------------


def review_page(summary: ReviewSummary | None, *, by: str = "mood", empty_text: str = "") -> str:
    """The review as a self-contained HTML page (--save FILE.html)."""
    if summary is None or summary.is_empty:
        body = f"<h1>Your review</h1>\n<p>{e(empty_text)}</p>"
        return page("serjournal review", body)
    from serjournal.render.review import (
        QUADRANT_NAMES,
        body_changes,
        change_text,
        count_change,
    )

    period, before = summary.period, summary.previous
    is_named = period.kind in ("week", "month", "year")
    name = period.name if is_named else period.span
    against = before.name if period.kind in ("month", "year") else f"the {before.days} days before"
    heading = f"Your review of {period.name}" if is_named else "Your review"
    parts = [
        f"<header><h1>{e(heading)}</h1>",
        f"<p>{e(period.span)}</p>",
        f'<p class="quiet">against {e(against)}: {e(before.span)}</p></header>',
    ]
    ratings = table(
        ["", "average", "check-ins", "vs before"],
        [
            (
                f'<span class="swatch" style="background:{SCALE_COLOURS[r.scale]}"></span> '
                f"{r.scale}",
                one(r.average),
                str(r.count),
                e(change_text(r.scale, r.change).plain),
            )
            for r in summary.ratings
        ],
        numeric=(1, 2),
    )
    parts.append(
        section(
            "Mood, energy and distress",
            ratings_chart(summary.series, "Mood, energy and distress over the period")
            + f'<p class="note">{scale_key()}; 0 to 10</p>'
            + ratings,
        )
    )
    if summary.year_view is not None:
        parts.append(
            section(
                "The year, day by day",
                year_svg(summary.year_view, by, date.fromisoformat(summary.as_of))
                + year_key(by)
                + month_table(summary.year_view),
                f"coloured by {by}",
                "year",
            )
        )
    changes = {k: v.plain for k, v in body_changes(summary).items()}
    parts.append(
        section(
            "Body map",
            body_section(summary.body, changes, "body-map"),
            "where, how often and how strongly",
        )
    )
    if any(t.count for t in summary.quadrants):
        compared = summary.previous_counts.emotions > 0
        quadrants = table(
            ["quadrant", "times", "vs before"],
            [
                (
                    e(QUADRANT_NAMES.get(t.key, t.key)),
                    str(t.count),
                    e(count_change(t.count, t.previous_count, compared).plain),
                )
                for t in summary.quadrants
            ],
            numeric=(1,),
        )
        families = ", ".join(f"{e(t.key)} {t.count}" for t in summary.families if t.count)
        named = table(
            ["emotion", "times", "felt in"],
            [
                (
                    f'{e(x.name)} <span class="quiet">({e(x.family)})</span>',
                    str(x.count),
                    e(", ".join(x.regions)),
                )
                for x in summary.top_emotions
            ],
            numeric=(1,),
        )
        emotions = quadrants + f'<p class="note">families: {families}</p>' + named
    else:
        emotions = f'<p class="quiet">{e(messages.REVIEW_NO_EMOTIONS)}</p>'
    parts.append(section("Emotions", emotions, "by quadrant, family and name"))
    if summary.release:
        parts.append(section("Release practices", release_table(summary), "before to after (n)"))
    parts.append(section("What helped", helped_html(summary), f"over {summary.helped.window.span}"))
    c = summary.consistency
    count = messages.REVIEW_COUNT.format(
        checkins=messages.counted(c.checkins, "check-in"),
        days=c.days_with_checkins,
        period_days=period.days,
    )
    count_before = messages.REVIEW_COUNT_BEFORE.format(
        checkins=c.previous_checkins, days=before.days
    )
    streak = messages.REVIEW_STREAK.format(
        when="", current=_days(c.current_streak), longest=_days(c.longest_streak)
    )
    consistency = f'<p>{e(count)}<span class="quiet">{e(count_before)}</span></p><p>{e(streak)}</p>'
    parts.append(section("Consistency", consistency))
    if summary.tags:
        compared_tags = summary.previous_counts.tags > 0
        tags = table(
            ["tag", "check-ins", "vs before"],
            [
                (
                    e(t.tag),
                    str(t.count),
                    e(count_change(t.count, t.previous_count, compared_tags).plain),
                )
                for t in summary.tags
            ],
            numeric=(1,),
        )
        parts.append(section("Tags", tags))
    if summary.takeaways:
        parts.append(section("Takeaways", takeaways_html(summary), "what you chose to carry"))
    patterns = observations(o.text for o in summary.patterns) or (
        f'<p class="quiet">{e(messages.REVIEW_PATTERNS_TOO_FEW)}</p>'
    )
    parts.append(section("Patterns", patterns, f"over {summary.pattern_window.span}"))
    parts.append(f"<footer><p>{e(messages.REVIEW_DISCLAIMER)}</p></footer>")
    return page(f"serjournal review: {name}", "\n".join(parts))


def release_table(summary: ReviewSummary) -> str:
    from serjournal.render.review import signed

    def drop(value: float | None, n: int) -> str:
        return "–" if value is None else f"{signed(-value)} ({n})"

    return table(
        ["practice", "check-ins", "target area", "distress"],
        [
            (
                e(p.practice),
                str(p.checkins),
                drop(p.target_drop, p.target_n),
                drop(p.distress_drop, p.distress_n),
            )
            for p in summary.release
        ],
        numeric=(1, 2, 3),
    )


def helped_html(summary: ReviewSummary) -> str:
    from serjournal.review.helped import MIN_PRACTICE_REGION, MIN_TAG_DAYS

    texts = [p.text for p in summary.helped.practice_regions]
    texts += [t.text for t in summary.helped.tags]
    if not texts:
        note = messages.HELPED_TOO_FEW.format(practices=MIN_PRACTICE_REGION, tags=MIN_TAG_DAYS)
        return f'<p class="quiet">{e(note)}</p>'
    return observations(texts)


def takeaways_html(summary: ReviewSummary) -> str:
    items = "".join(
        f'<li><span class="quiet">{e(_day(t.local_date))}</span> {e(t.text)}</li>'
        for t in summary.takeaways
    )
    more = summary.takeaways_total - len(summary.takeaways)
    extra = f'<p class="note">and {more} more</p>' if more > 0 else ""
    return f"<ul>{items}</ul>{extra}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _day(text: str) -> str:
    return f"{date.fromisoformat(text):%a %d %b}"
