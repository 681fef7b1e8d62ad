"""The practitioner report as one calm, printable HTML page.

Built from a review.report.Report: the figures of the period first (in
numbers, a chart and the body map), then what went with easing, the days
of highest distress, the takeaways and the patterns. Everything from the
journal is escaped; the page loads nothing (see render/html.py).
"""

from __future__ import annotations

from html import escape

from serjournal import messages
from serjournal.render.entry import sensation_text
from serjournal.render.html import (
    body_section,
    e,
    helped_html,
    observations,
    one,
    page,
    ratings_chart,
    release_table,
    scale_key,
    section,
    table,
)
from serjournal.review.report import Report, ReportEntry

TOP_REGIONS = 12


def report_page(report: Report) -> str:
    from serjournal.render.review import QUADRANT_NAMES, body_changes, change_text

    summary = report.summary
    period, before = summary.period, summary.previous
    c = summary.consistency
    checkins = messages.counted(c.checkins, "check-in")
    days = messages.counted(c.days_with_checkins, "day")
    parts = [
        f"<header><h1>{e(messages.REPORT_TITLE)}</h1>",
        f"<p><strong>{e(period.span)}</strong> · {period.days} days · {checkins} on {days}</p>",
        f'<p class="note">{e(messages.REPORT_INTRO)}</p></header>',
    ]
    glance = table(
        ["", "average", "ratings", f"the {before.days} days before", "change"],
        [
            (
                r.scale,
                one(r.average),
                str(r.count),
                one(r.previous_average),
                e(change_text(r.scale, r.change).plain),
            )
            for r in summary.ratings
        ],
        numeric=(1, 2, 3, 4),
    )
    parts.append(
        section(
            "The period at a glance",
            glance
            + ratings_chart(summary.series, "Mood, energy and distress over the period")
            + f'<p class="note">{scale_key()}; 0 to 10, a day\'s average</p>',
            "ratings from 0 to 10",
        )
    )
    changes = {k: v.plain for k, v in body_changes(summary).items()}
    parts.append(
        section(
            "Body map",
            body_section(summary.body[:TOP_REGIONS], changes, "report-body-map"),
            "where sensations were felt, how often and how strongly",
        )
    )
    if summary.top_emotions:
        quadrants = ", ".join(
            f"{e(QUADRANT_NAMES.get(t.key, t.key))} {t.count}" for t in summary.quadrants if t.count
        )
        emotions = table(
            ["emotion", "times", "average intensity", "felt in"],
            [
                (
                    f'{e(x.name)} <span class="quiet">({e(x.family)})</span>',
                    str(x.count),
                    f"{x.mean_intensity:.1f}",
                    e(", ".join(x.regions)) or '<span class="quiet">not placed</span>',
                )
                for x in summary.top_emotions
            ],
            numeric=(1, 2),
        )
        families = ", ".join(f"{e(t.key)} {t.count}" for t in summary.families if t.count)
        emotions += f'<p class="note">by quadrant: {quadrants}. By family: {families}.</p>'
    else:
        emotions = f'<p class="quiet">{e(messages.REVIEW_NO_EMOTIONS)}</p>'
    parts.append(section("Emotions and where they were felt", emotions))
    release = release_table(summary) if summary.release else ""
    parts.append(
        section(
            "Release practices and what went with easing",
            release + f"<h3>Over {e(summary.helped.window.span)}</h3>" + helped_html(summary),
            "average change from before to after a practice (n)",
        )
    )
    parts.append(section("Days with the highest distress", _hard_days(report)))
    if report.takeaways:
        items = "".join(
            f'<li><span class="quiet">{e(_day(t.local_date))}</span> {e(t.text)}</li>'
            for t in report.takeaways
        )
        parts.append(section("Takeaways", f"<ul>{items}</ul>", "what the person chose to carry"))
    if summary.patterns:
        parts.append(
            section(
                "Patterns",
                observations(o.text for o in summary.patterns),
                f"over {summary.pattern_window.span}",
            )
        )
    parts.append(_footer(report))
    return page(f"{messages.REPORT_TITLE}: {period.span}", "\n".join(parts))


def _hard_days(report: Report) -> str:
    if not report.hard_days:
        return f'<p class="quiet">{e(messages.REPORT_NO_HARD_DAYS)}</p>'
    return "".join(_entry(entry) for entry in report.hard_days)


def _entry(entry: ReportEntry) -> str:
    checkin = entry.checkin
    ratings = [f"distress {_rating(checkin.distress)}"]
    if checkin.distress_after is not None:
        practice = checkin.practice if checkin.practice not in (None, "none") else None
        after = f"after {e(practice)}" if practice else "later"
        ratings[0] += f" → {checkin.distress_after} {after}"
    if checkin.mood is not None:
        ratings.append(f"mood {checkin.mood}")
    if checkin.energy is not None:
        ratings.append(f"energy {checkin.energy}")
    lines = [
        f"<h3>{e(checkin.local_time.strftime('%a %d %b %Y, %H:%M'))}</h3>",
        f"<p>{'; '.join(ratings)}</p>",
    ]
    if checkin.sensations:
        body = "; ".join(sensation_text(s) for s in checkin.sensations)
        lines.append(f'<p><span class="quiet">body:</span> {e(body)}</p>')
    if checkin.emotions:
        felt = "; ".join(
            f"{x.name} {x.intensity}" + (f" in the {x.region}" if x.region else "")
            for x in checkin.emotions
        )
        lines.append(f'<p><span class="quiet">feelings:</span> {e(felt)}</p>')
    for question, answer in entry.notes:
        lines.append(
            f'<p class="quiet">{e(question)}</p><blockquote>{_paragraphs(answer)}</blockquote>'
        )
    if entry.notes_left_out:
        left_out = messages.REPORT_WRITTEN_LEFT_OUT.format(count=entry.notes_left_out)
        lines.append(f'<p class="note">{e(left_out)}</p>')
    return f'<div class="day">{"".join(lines)}</div>'


def _rating(value: int | None) -> str:
    return "–" if value is None else str(value)


def _paragraphs(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _day(text: str) -> str:
    from datetime import date

    return f"{date.fromisoformat(text):%a %d %b}"


def _footer(report: Report) -> str:
    notes = (
        messages.REPORT_NOTES_INCLUDED if report.include_notes else messages.REPORT_NOTES_LEFT_OUT
    )
    lines = [e(notes)]
    if report.private_checkins:
        lines.append(e(messages.plural(report.private_checkins, messages.REPORT_PRIVATE)))
    lines.append(
        f"Made on {e(report.made.strftime('%a %d %b %Y, %H:%M'))} by serjournal, on the "
        "person's own computer."
    )
    lines.append(e(messages.DISCLAIMER))
    return "<footer>" + "".join(f"<p>{line}</p>" for line in lines) + "</footer>"
