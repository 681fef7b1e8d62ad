"""`serjournal doctor`: where things are, and whether they are private and whole."""

from __future__ import annotations

import typer

from serjournal import messages
from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of
from serjournal.textsafe import one_line


@app.command(help=messages.DOCTOR_HELP)
def doctor(ctx: typer.Context, _db: DbOption = None) -> None:
    from serjournal import paths
    from serjournal.doctor import run_checks

    checks = run_checks(journal_of(ctx), paths.config_file())
    width = max(len(check.name) for check in checks)
    for check in checks:
        status = messages.DOCTOR_OK if check.ok else messages.DOCTOR_FIX
        line = f"{status:<4} {check.name:<{width}}  {check.detail}"
        typer.echo(one_line(line + (f": {check.fix}" if check.fix else "")))
    healthy = all(check.ok for check in checks)
    typer.echo(messages.DOCTOR_ALL_OK if healthy else messages.DOCTOR_SOME_TO_FIX)
    if not healthy:
        raise typer.Exit(1)
