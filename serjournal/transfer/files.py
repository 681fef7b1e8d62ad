"""Where exports go and imports come from: private files (made by
paths.private_output), standard output, and import files read with clear
one-line errors."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from serjournal import messages, paths
from serjournal.errors import InputError

if TYPE_CHECKING:
    from serjournal.journal import Journal

STDOUT = "-"  # wherever a file is written, "-" means standard output


def output_target(
    output: Path | str | None, journal: Journal, *, bom: bool = False
) -> AbstractContextManager[IO[Any]]:
    """Where an export goes: standard output (no file, or "-"), else a private
    file made by paths.private_output (refusing the journal's own files)."""
    if output is None or str(output) == STDOUT:
        return standard_output(bom)
    return paths.private_output(Path(output), journal=journal, bom=bom)


@contextmanager
def standard_output(bom: bool = False) -> Iterator[TextIO]:
    """Standard output as UTF-8 with no newline translation, whatever the locale."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # an already-decoded stream (some test harnesses)
        yield sys.stdout
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        if bom:
            stream.write(paths.BOM)
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not a problem worth a message.
        # Point stdout at /dev/null so Python's own exit flush stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        raise InputError(
            messages.CANNOT_WRITE.format(path="standard output", reason=error.strerror or error)
        ) from None
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.detach()  # leave sys.stdout's buffer open


@contextmanager
def binary_standard_output() -> Iterator[IO[bytes]]:
    """Standard output for bytes (a backup). Unlike text, a backup cut short
    is no backup: a reader that stops early is an error, said in one line."""
    sys.stdout.flush()
    buffer = sys.stdout.buffer
    try:
        yield buffer
        buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise InputError(messages.STDOUT_CLOSED_EARLY) from None
    except OSError as error:
        raise InputError(
            messages.CANNOT_WRITE.format(path="standard output", reason=error.strerror or error)
        ) from None


def read_import_text(path: Path) -> str:
    """The whole file as text (a UTF-8 BOM is dropped), or a one-line error."""
    if path.is_dir():
        raise InputError(messages.IMPORT_IS_DIRECTORY.format(path=path))
    if not path.exists():
        raise InputError(messages.IMPORT_MISSING.format(path=path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(messages.IMPORT_NOT_UTF8.format(path=path)) from None
    except OSError as error:
        raise InputError(
            messages.FILE_UNREADABLE.format(path=path, reason=error.strerror or error)
        ) from None
    if not text.strip():
        raise InputError(messages.IMPORT_EMPTY.format(path=path))
    return text
