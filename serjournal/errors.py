"""Errors that reach the user as one calm line instead of a traceback."""

from __future__ import annotations


class SerjournalError(Exception):
    """Something the user can act on. The message is shown as-is, one line."""

    exit_code = 1


class InputError(SerjournalError):
    """Bad answers, flags or files given by the user. Nothing was written."""

    exit_code = 2


class JournalError(SerjournalError):
    """The journal file cannot be opened, read or written."""

    exit_code = 3


class JournalNotWritable(JournalError):
    """Our journal, which cannot be written just now (locked, read-only, disk
    full): unlike a file that is not a journal, answers may wait beside it."""


class Interrupted(SerjournalError):
    """The user stopped a check-in part way (Ctrl-C or a closed terminal)."""

    exit_code = 130
