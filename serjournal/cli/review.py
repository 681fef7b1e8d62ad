"""`serjournal review` and `serjournal demo`: the weekly review, and a try-out of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption


@app.command()
def review(
    week: Annotated[
        str | None,
        typer.Option(help="An ISO week such as 2026-W47, or 'last'. Default: this week."),
    ] = None,
    last: Annotated[
        int | None, typer.Option(help="The last N days, today included.", show_default=False)
    ] = None,
    since: Annotated[str | None, typer.Option(help="First day: a date or '2 weeks ago'.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (default: today).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON (see docs/review-json.md).")
    ] = False,
    save: Annotated[
        Path | None,
        typer.Option(help="Also write the review to FILE.html or FILE.svg, readable only by you."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Trends and patterns over a week (or any period), compared with the one before."""
    from serjournal.review.run import run_review

    run_review(db, week=week, last=last, since=since, until=until, as_json=as_json, save=save)


@app.command()
def demo(
    weeks: Annotated[int, typer.Option(help="How many weeks of check-ins to invent.")] = 8,
    seed: Annotated[int, typer.Option(help="Same seed, same journal.")] = 7,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Keep the demo journal in this new file (default: a temporary one).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the review as JSON.")] = False,
) -> None:
    """See what serjournal does: a throwaway journal of invented check-ins, and its review."""
    from serjournal.review.run import run_demo

    run_demo(db, weeks=weeks, seed=seed, as_json=as_json)
