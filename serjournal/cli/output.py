"""What a command prints to standard output, when standard output cannot
take it: a full disk behind `> FILE` (/dev/full), a terminal that is gone.
One clear line instead of a traceback; a reader that stopped early
(`| head`) is not a problem at all."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def printing() -> Iterator[None]:
    """Around the part of a command that prints its result."""
    from serjournal import messages
    from serjournal.errors import InputError

    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as error:
        _quiet_stdout()
        raise InputError(
            messages.CANNOT_WRITE.format(path="standard output", reason=error.strerror or error)
        ) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so what is left in its buffer does not fail
    again (with a traceback) when Python flushes it at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
