"""The command line. Commands are thin: they parse options, call plain
functions elsewhere in the package and print. One module per topic."""

from __future__ import annotations

from serjournal.cli import (  # noqa: F401  (importing a module registers its commands)
    browse,
    checkin,
    config,
    doctor,
    edit,
    encryption,
    remind,
    report,
    review,
    search,
    sync,
    today,
    transfer,
    trash,
)
from serjournal.cli.app import app


def main() -> None:
    app(prog_name="serjournal")


__all__ = ["app", "main"]
