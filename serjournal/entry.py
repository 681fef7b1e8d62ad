"""The `serjournal` command's entry point.

Two answers are wanted so often that they skip loading the command line
(Typer, Rich) altogether: `--version`, and `status --short`, which a shell
prompt may ask before every line. Everything else goes to cli.main.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

COMPLETE_VAR = "_SERJOURNAL_COMPLETE"  # set by the shell completion script
# bash splits a word at ':' (COMP_WORDBREAKS), and replaces only the part after
# the last ':' with what we offer: the completers strip this prefix off.
COLON_PREFIX_VAR = "SERJOURNAL_COMPLETION_PREFIX"


def main() -> None:
    if os.environ.get(COMPLETE_VAR) == "complete_bash":
        rejoin_colon_words(os.environ)
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


def rejoin_colon_words(env: MutableMapping[str, str]) -> None:
    """Bash hands over `--sensation chest:t` as the words `chest`, `:`, `t`,
    and will replace only the `t`. Join the earlier words again (a lone ':' is
    never a serjournal argument), leave the word being completed as the part
    bash replaces, and note what comes before it so completers see it whole."""
    import shlex

    try:
        words = shlex.split(env.get("COMP_WORDS", ""))
        cword = int(env.get("COMP_CWORD", ""))
    except ValueError:  # an open quote, say: leave the words to Typer as they are
        return
    units: list[str] = []
    for word in words[: cword + 1]:
        if units and (word == ":" or units[-1].endswith(":")):
            units[-1] += word
        else:
            units.append(word)
    if cword >= len(words):
        units.append("")
    current = units[-1]
    if ":" in current:
        prefix = current[: current.rindex(":") + 1]
        env[COLON_PREFIX_VAR] = prefix
        units[-1] = current[len(prefix) :]
    env["COMP_WORDS"] = " ".join(shlex.quote(unit) for unit in units)
    env["COMP_CWORD"] = str(len(units) - 1)
