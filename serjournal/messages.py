"""Every sentence serjournal says to the user, in one place.

Tone (see DESIGN.md): calm, warm, brief; no exclamation marks; never a
diagnosis. Errors are one line that says what is wrong and what to do.
"""

from __future__ import annotations

import difflib

DISCLAIMER = "A journaling aid for self-awareness, not therapy or medical advice."
APP_HELP = (
    "serjournal: a guided body-and-emotion check-in, a weekly review, and data you own.\n\n"
    + DISCLAIMER
)

# --- Input errors -----------------------------------------------------------------
BAD_RATING = "{name} must be a whole number from 0 to 10, not '{value}'."
BAD_SENSATION_SPEC = (
    "Could not read sensation '{spec}': use REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], "
    "for example chest:tight:6 or shoulders/left:tense:5:3."
)
BAD_EMOTION_SPEC = (
    "Could not read emotion '{spec}': use NAME:INTENSITY[:REGION], for example anxious:5:chest."
)
BAD_TIME = (
    "Could not read the time '{text}': try 'now', 'yesterday 21:00', '3 days ago' "
    "or an ISO date such as 2026-11-20T21:00."
)
FUTURE_TIME = "The time '{text}' is in the future; a check-in records a moment that has passed."
BAD_JSON = "Could not read JSON from {source}: {reason} (line {line})."
JSON_NOT_OBJECT = "The JSON check-in must be an object with fields such as mood and sensations."
JSON_FIELD_TYPE = "The field '{field}' must be {kind}."
BAD_MODE = "mode must be 'full' or 'quick', not '{mode}'."
DATE_MISMATCH = "local_date {given} does not match created_utc and utc_offset_minutes ({computed})."
TWO_TARGETS = "Only one sensation can be the dialogue target."
TARGET_WITHOUT_SENSATION = "--target names a region, but no --sensation was given."
TARGET_NOT_SCANNED = "--target {region} is not among the sensations given."
TOO_MANY_IN_QUICK = "Quick mode takes at most {limit} {kind}; {count} were given."
BAD_ID = "'{id}' is not a check-in id: ids are made of 0-9, a-f and dashes."
NO_SUCH_CHECKIN = "No check-in has an id starting with '{id}'. 'serjournal list' shows the ids."
AMBIGUOUS_ID = "'{id}' matches several check-ins ({matches}); give more of the id."
DUPLICATE_ID = "A check-in with id {id} is already in the journal."
NO_ANSWERS_NO_TERMINAL = (
    "No terminal to ask in and no answers given: pass them as flags "
    "(e.g. --mood 6 --energy 4 --distress 3) or as JSON with --from-json FILE."
)
FILE_UNREADABLE = "Could not read {path}: {reason}."
NOTHING_TO_RESUME = "There is no unfinished check-in to resume."


def unknown_word(kind: str, given: object, close: list[str]) -> str:
    """'Unknown region 'chst'. Did you mean: chest?' with the nearest names."""
    if close:
        suggestion = ", ".join(close)
        if len(close) > 8:  # a whole vocabulary: show a few, it is one line
            suggestion = ", ".join(close[:8]) + ", ..."
        hint = (
            f"Did you mean: {suggestion}?"
            if len(close) <= 3 and _is_close(str(given), close)
            else f"Known: {suggestion}."
        )
        return f"Unknown {kind} '{given}'. {hint}"
    return f"Unknown {kind} '{given}'."


def _is_close(given: str, candidates: list[str]) -> bool:
    return bool(difflib.get_close_matches(given.lower(), candidates, n=1, cutoff=0.6))


# --- Journal file errors -------------------------------------------------------------
JOURNAL_IS_DIRECTORY = "{path} is a directory; --db needs the path of a journal file."
JOURNAL_MISSING = "There is no journal at {path} yet; 'serjournal checkin' starts one."
JOURNAL_CANNOT_CREATE = "Could not create the journal at {path}: {reason}."
JOURNAL_UNREADABLE = "Could not read the journal at {path}: {reason}."
JOURNAL_NOT_SQLITE = (
    "{path} is not a serjournal journal (not an SQLite file); it was left untouched. "
    "Check the path, or restore from a backup."
)
JOURNAL_FOREIGN = (
    "{path} is an SQLite file from another program, not a serjournal journal; "
    "it was left untouched."
)
JOURNAL_TOO_NEW = (
    "{path} was written by a newer serjournal; upgrade serjournal to open it. "
    "The file was left untouched."
)
JOURNAL_LOCKED = "The journal at {path} is locked by another program; close it and try again."
JOURNAL_READ_ONLY = "The journal at {path} is read-only; check its permissions and try again."
DISK_FULL = "The disk holding {path} is full; free some space and try again."
JOURNAL_CORRUPT = (
    "The journal at {path} is damaged (SQLite reports corruption); it was left untouched. "
    "Restore from a backup ('serjournal restore FILE')."
)
JOURNAL_ERROR = "Could not use the journal at {path}: {reason}."

# --- Check-in flow ---------------------------------------------------------------------
WELCOME = "Welcome. This takes a few minutes; press Enter to skip anything optional."
WELCOME_QUICK = "A quick check-in: a few ratings, what you notice, one line."
STAGE_HEADING = "{number}/7  {title}"
SAVED = "Saved check-in {short_id} for {date}."
STREAK = "Check-ins on {days} days in a row."
STREAK_ONE = "Your first check-in in a while. Welcome back."
DRAFT_KEPT = (
    "Stopped. Your answers so far are kept as a draft; "
    "'serjournal checkin --resume' continues, '--discard-draft' removes it."
)
DRAFT_KEPT_AFTER_ERROR = (
    "Your answers are kept as a draft at {path}; once fixed, "
    "'serjournal checkin --resume' saves them."
)
DRAFT_NOT_WRITTEN = "The draft could not be written either; here are your answers to keep:"
DRAFT_FOUND = "You have an unfinished check-in from {when} (stopped at {stage})."
DRAFT_DISCARDED = "The unfinished check-in was discarded."
DRAFT_NONE = "There was no unfinished check-in."
DRAFT_PENDING_NO_TERMINAL = (
    "An unfinished check-in is waiting: add --resume to continue it or --discard-draft to drop it."
)

HIGH_DISTRESS_NOTE = (
    "You rated your distress high. Let us pause for a moment of grounding. "
    "If it stays this strong, consider reaching out to someone you trust, "
    "a practitioner, or a local crisis line. You do not have to carry it alone."
)

# --- Listing and showing -----------------------------------------------------------------
NO_CHECKINS = "No check-ins yet. 'serjournal checkin' starts your first one."

# --- Robustness: faults, bad journals, doctor (issue 5) ----------------------------------
ANSWERS_PRINTED_AS_JSON = (
    "Your answers are printed above as JSON: save them to a file, and once fixed "
    "'serjournal checkin --from-json FILE' saves them."
)
TEXT_NOT_UTF8 = (
    "The text for {field} holds bytes that are not readable text (another encoding?); "
    "type it again, or save the file as UTF-8."
)
JSON_TOO_DEEP = "Could not read JSON from {source}: it is nested far too deeply to be a check-in."
STOPPED_ANSWERS_PRINTED = (
    "Stopped. The draft could not be written, so your answers are printed above as JSON: "
    "save them to a file, and 'serjournal checkin --from-json FILE' saves them."
)

# doctor: one line per check; a fix says what to type or do.
DOCTOR_HELP = (
    "Check where your journal, drafts and config are, and that they are private and whole."
)
DOCTOR_OK = "ok"
DOCTOR_FIX = "fix"
DOCTOR_ALL_OK = "All is well."
DOCTOR_SOME_TO_FIX = "Some things need attention; each 'fix' line says what to do."
DOCTOR_NO_JOURNAL = "no journal at {path} yet"
DOCTOR_IS_DIRECTORY = "{path} is a folder, not a journal file"
DOCTOR_FIX_START = "'serjournal checkin' starts one there (or pass --db to point at yours)"
DOCTOR_FIX_DB_OPTION = "point --db (or SERJOURNAL_DB) at your journal file"
DOCTOR_OPEN_TO_OTHERS = "the folder {path} can be opened by other users ({mode})"
DOCTOR_FILES_OPEN = "readable or writable by other users: {names}"
DOCTOR_PRIVATE = "private to you ({mode})"
DOCTOR_NOT_SQLITE = "not an SQLite file"
DOCTOR_FOREIGN = "an SQLite file from another program, not a serjournal journal"
DOCTOR_FORMAT_OK = "a serjournal journal"
DOCTOR_SCHEMA_OK = "version {version}, current"
DOCTOR_SCHEMA_OLDER = "version {version}; upgraded to {current} the next time it is used"
DOCTOR_SCHEMA_NEWER = "version {version}, written by a newer serjournal (this one knows {current})"
DOCTOR_FIX_UPGRADE = "upgrade serjournal to use this journal"
DOCTOR_INTEGRITY_OK = "SQLite finds it whole"
DOCTOR_DAMAGED = "damaged: {reason}"
DOCTOR_FIX_BACKUP = "keep this file as it is, and restore your latest backup"
DOCTOR_LOCKED = "in use by another program, which holds it to itself"
DOCTOR_FIX_LOCKED = "close that program, then run 'serjournal doctor' again"
DOCTOR_FIX_PERMISSIONS = "check the file's owner and permissions"
DOCTOR_COUNT = "{count} saved"
DOCTOR_NO_BACKUP = "no backup yet; a copy kept somewhere safe protects your entries"
DOCTOR_LAST_BACKUP = "latest {when}: {path}"
DOCTOR_NO_DRAFT = "no unfinished check-in ({path})"
DOCTOR_DRAFT_WAITING = "an unfinished check-in waits at {path}; 'serjournal checkin --resume'"
DOCTOR_NO_CONFIG = "none at {path}; the defaults are used"
DOCTOR_CONFIG_BAD = "{path} is not valid TOML: {reason}"
DOCTOR_FIX_CONFIG = "correct the file, or move it aside to use the defaults"


def one_line(text: str) -> str:
    """An error quotes what the user typed; control characters, line breaks
    and lone surrogates (undecodable bytes) in it are shown escaped, so the
    error stays one printable line."""
    import unicodedata

    return "".join(
        ascii(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") else c for c in text
    )
