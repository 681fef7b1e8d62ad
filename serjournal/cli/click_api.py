"""The one place serjournal reaches into Typer's private copy of Click.

Typer 0.26 and later carry their own Click as `typer._click` and export only a
few of its classes publicly (BadParameter, Exit, Abort). FriendlyGroup in
app.py needs two more, to print a usage mistake on one line and to let "no
arguments, show the help" through. They are imported here and nowhere else;
tests/test_click_api.py fails, naming the class, if Typer moves or changes them.
"""

from __future__ import annotations

from typer._click.exceptions import NoArgsIsHelpError, UsageError

__all__ = ["NoArgsIsHelpError", "UsageError"]
