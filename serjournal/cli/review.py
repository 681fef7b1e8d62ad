"""`serjournal review` and `serjournal demo`: the weekly review, and a try-out of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, SinceOption, UntilOption, journal_of


@app.command()
def review(
    ctx: typer.Context,
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="[MONTH|YEAR]",
            help="With --month, a month such as 2026-11; with --year, a year such as 2026. "
            "'last' is the one before this.",
            show_default=False,
        ),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            metavar="WEEK", help="An ISO week such as 2026-W47, or 'last'. Default: this week."
        ),
    ] = None,
    month: Annotated[
        bool,
        typer.Option(
            "--month", help="A calendar month (this one, or the one given), against the one before."
        ),
    ] = False,
    year: Annotated[
        bool,
        typer.Option(
            "--year",
            help="A calendar year (this one, or the one given), against the one before, "
            "with a day-by-day year view.",
        ),
    ] = False,
    # Read as text and checked by the review, so '--last abc' is one clear line.
    last: Annotated[
        str | None,
        typer.Option(metavar="N", help="The last N days, today included.", show_default=False),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[
        str | None,
        typer.Option(
            metavar="SCALE",
            help="Colour the year view by mood (default), distress or energy.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Tables and numbers instead of drawn figures (for screen readers).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON (see docs/review-json.md).")
    ] = False,
    save: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Also write the review to FILE.html or FILE.svg, readable only by you; "
            "'-' prints the HTML page instead of the terminal review.",
        ),
    ] = None,
    _db: DbOption = None,
) -> None:
    """The weekly review: trends, body map, emotions, what helped and patterns.

    Covers this ISO week by default, or the period the options give, and
    compares every figure with the period before: the same number of days,
    or the month or year before a month or a year."""
    from serjournal.review.run import run_review, when_for

    chosen_month, chosen_year = when_for(when, month=month, year=year)
    run_review(
        journal_of(ctx),
        week=week,
        month=chosen_month,
        year=chosen_year,
        last=last,
        since=since,
        until=until,
        as_json=as_json,
        save=save,
        plain=plain,
        by=by,
    )


@app.command()
def demo(
    weeks: Annotated[
        int, typer.Option(metavar="N", help="How many weeks of check-ins to invent.")
    ] = 8,
    seed: Annotated[int, typer.Option(metavar="N", help="Same seed, same journal.")] = 7,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            metavar="FILE",
            help="Keep the demo journal in this new file (default: a temporary one).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the review as JSON.")] = False,
) -> None:
    """Try serjournal on invented check-ins, and see their review.

    Writes to a temporary journal (or a new --db file), never to yours."""
    from serjournal.review.run import run_demo

    run_demo(db, weeks=weeks, seed=seed, as_json=as_json)
