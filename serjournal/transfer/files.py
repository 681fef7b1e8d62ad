"""Where exports go and imports come from: private files written whole or not
at all, standard output, and import files read with clear one-line errors."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from serjournal import messages, paths
from serjournal.errors import InputError

BOM = "\ufeff"


@contextmanager
def private_text_file(path: Path, bom: bool = False) -> Iterator[TextIO]:
    """A UTF-8 text file, 0600, written to a temporary name and renamed into
    place at the end, so a failed export never leaves a torn file behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        paths.ensure_private_dir(path.parent)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            if bom:
                handle.write(BOM)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, paths.PRIVATE_FILE_MODE)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(
            messages.EXPORT_CANNOT_WRITE.format(path=path, reason=error.strerror or error)
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
            stream.write(BOM)
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not a problem worth a message.
        # Point stdout at /dev/null so Python's own exit flush stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        raise InputError(
            messages.EXPORT_CANNOT_WRITE.format(
                path="standard output", reason=error.strerror or error
            )
        ) from None
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.detach()  # leave sys.stdout's buffer open


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
