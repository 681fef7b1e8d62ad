"""The `serjournal` command's entry point.

Two answers are wanted so often that they skip loading the command line
(Typer, Rich) altogether: `--version`, and `status --short`, which a shell
prompt may ask before every line. Everything else goes to cli.main.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from serjournal import __version__

        print(f"serjournal {__version__}")
        return
    if args[:2] == ["status", "--short"] and _only_db_options(args[2:]):
        raise SystemExit(_status(args[2:]))
    from serjournal.cli import main as cli_main

    cli_main()


def _only_db_options(rest: list[str]) -> bool:
    return rest == [] or (len(rest) == 2 and rest[0] == "--db")


def _status(rest: list[str]) -> int:
    from serjournal.journal import Journal
    from serjournal.status import print_short_status

    return print_short_status(Journal.locate(rest[1] if rest else None).path)
