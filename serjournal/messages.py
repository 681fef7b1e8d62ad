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
# A whole id (in JSON, drafts, imports), not a prefix typed to `show`.
BAD_WHOLE_ID = (
    "'{id}' is not a check-in id: a whole id is a UUID "
    "such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
)
NO_SUCH_CHECKIN = "No check-in has an id starting with '{id}'. 'serjournal list' shows the ids."
AMBIGUOUS_ID = "'{id}' matches several check-ins ({matches}); give more of the id."
DUPLICATE_ID = "A different check-in with id {id} is already in the journal; nothing was saved."
ID_IN_TRASH = (
    "A check-in with id {id} is in the trash; 'serjournal trash restore {id}' brings it back."
)
ID_WITHOUT_ANSWERS = "--id names the check-in being saved; give its answers too."
ID_MISMATCH = "--id {given} differs from the id in the JSON document ({document})."
ALREADY_IN_JOURNAL = "Check-in {short_id} is already in the journal; it was not saved twice."
SAVED_OUTPUT_FAILED = (
    "Saved check-in {id}, but its summary could not be printed (the output is closed or full)."
)
NO_ANSWERS_NO_TERMINAL = (
    "No terminal to ask in and no answers given: pass them as flags "
    "(e.g. --mood 6 --energy 4 --distress 3) or as JSON with --from-json FILE."
)
FILE_UNREADABLE = "Could not read {path}: {reason}."
NOTHING_TO_RESUME = "There is no unfinished check-in to resume."
EMOTION_IS_A_FAMILY = "'{family}' is a family of feelings; name one of its words: {words}."


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
JOURNAL_NOT_A_FILE = (
    "{path} is not a regular file (a pipe or a device?); --db needs the path of a journal file."
)
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
DRAFT_FOUND = "You have an unfinished check-in from {when} (stopped at {stage})."
DRAFTS_MORE = (
    "One more unfinished check-in waits after it.",
    "{count} more unfinished check-ins wait after it.",
)
DRAFT_DISCARDED = "The unfinished check-in was discarded."
DRAFT_NONE = "There was no unfinished check-in."
DRAFT_IN_USE = (
    "That unfinished check-in is open in another terminal; finish or stop it there first."
)
ASK_DRAFT_CHOICE = "What would you like to do with it?"
DRAFT_CHOICE_RESUME = "Resume it"
DRAFT_CHOICE_LATER = "Keep it for later and start a new check-in"
DRAFT_CHOICE_DISCARD = "Discard it"
ASK_DISCARD_SURE = "Discard those answers for good?"
DRAFT_KEPT_FOR_LATER = "It is kept; 'serjournal checkin --resume' continues it later."

HIGH_DISTRESS_NOTE = (
    "You rated your distress high. Let us pause for a moment of grounding. "
    "If it stays this strong, consider reaching out to someone you trust, "
    "a practitioner, or a local crisis line. You do not have to carry it alone."
)

# --- Listing and showing -----------------------------------------------------------------
NO_CHECKINS = "No check-ins yet. 'serjournal checkin' starts your first one."

# --- Files serjournal writes (paths.private_output) -------------------------------------
OUTPUT_EXISTS = "{path} already exists; choose a new name so nothing is overwritten."
OUTPUT_IS_FOLDER = "{path} is a folder; give the name of a file to write."
OUTPUT_IS_JOURNAL = "{path} is the journal itself; choose another name, nothing was written."
OUTPUT_IS_JOURNAL_FILE = (
    "{path} is one of the journal's own files (the journal is {journal}); "
    "choose another name, nothing was written."
)
OUTPUT_IN_JOURNAL_FOLDER = (
    "{path} is inside {folder}, which only serjournal itself writes; choose another place."
)

# --- Export, import, backup and restore (transfer) --------------------------------------
ALL_NOT_TO_STDOUT = (
    "--all writes a folder of files, which standard output ('-') cannot hold: give a folder, "
    "or -o - for one table."
)
ALL_WITH_OTHER_OPTIONS = (
    "--all writes one CSV per table into a folder; leave out -o, --table and --format with it."
)
JSON_HAS_NO_TABLES = "--format json always holds whole check-ins; leave out --table with it."
CANNOT_WRITE = "Could not write {path}: {reason}."
EXPORTED = "Wrote {what} to {path}."
EXPORTED_ALL = "Wrote {files} to {path}, with a README.md describing every column."

IMPORT_MISSING = "There is no file at {path}."
IMPORT_IS_JOURNAL = (
    "{path} is the journal itself; import takes an export (CSV or JSON) or a Daylio CSV."
)
IMPORT_IS_DIRECTORY = (
    "{path} is a folder; import takes one exported file, such as checkins.csv or a .json export."
)
IMPORT_NOT_UTF8 = "{path} is not UTF-8 text; save it as UTF-8 CSV or JSON and try again."
IMPORT_EMPTY = "{path} is empty; there is nothing to import."
IMPORT_BAD_CSV = "Could not read {path} as CSV ({reason}); nothing was imported."
IMPORT_UNKNOWN_COLUMNS = (
    "{path} is neither a serjournal checkins export nor a Daylio export ({detail}); "
    "nothing was imported."
)
IMPORT_TIDY_TABLE = (
    "{path} is the {table} table, which cannot be imported on its own; "
    "import checkins.csv from the same export."
)
IMPORT_JSON_SHAPE = (
    "{path} is JSON but not a serjournal export: expected a list of check-ins "
    'or an object with "checkins"; nothing was imported.'
)
IMPORT_JSON_TOO_NEW = (
    "{path} is a version {version} export from a newer serjournal; upgrade serjournal "
    "to import it. Nothing was imported."
)
INVALID_ROWS = "{count} {noun} invalid ({reasons}); nothing was imported."
ROW_CELL_COUNT = "it has {count} cells but the header has {expected}"
NOT_WHOLE_NUMBER = "{field} must be a whole number, not '{value}'"
DAYLIO_BAD_DATE = "full_date '{value}' is not a date such as 2024-03-14"
DAYLIO_BAD_TIME = "time '{value}' is not a time such as 20:52 or 8:52 pm"
BAD_MOOD_MAP = (
    "--daylio-mood takes NAME=VALUE with a value from 0 to 10, e.g. ecstatic=9; not '{value}'."
)
IMPORTED = "Imported {added} from {path} ({kind}); skipped as already in the journal: {skipped}."
DRY_RUN_REPORT = (
    "Dry run, nothing written: {added} would be added, {skipped} skipped "
    "(already in the journal), {rejected} rejected."
)
DAYLIO_CUSTOM_MOODS = (
    "Moods without a place on the 0-10 scale ({names}) appear in {entries}: "
    "their mood was left empty and the word kept in the note. "
    "Give them a value with --daylio-mood NAME=VALUE."
)
IMPORT_SKIPPED_IN_TRASH = (
    "Not brought back, because you deleted them from this journal: {count} (in the trash; "
    "'serjournal trash list' shows them, 'serjournal trash restore ID' brings one back)."
)
DAYLIO_MOOD_IN_NOTE = "Daylio mood: {mood}"
DAYLIO_SCALES_IN_NOTE = "Daylio scales: {scales}"

BACKUP_EXISTS = "{path} already exists; choose a new name so no earlier backup is overwritten."
BACKUP_FAILED = "Could not write the backup {path}: {reason}. The journal was not changed."
BACKUP_DONE = "Backed up {checkins} to {path}."
STDOUT_CLOSED_EARLY = (
    "The program reading standard output stopped before the whole backup was sent; "
    "what it received is not a backup."
)
BACKUP_STDOUT_DONE = "Backed up {checkins} to standard output."
BACKUP_STDOUT_TERMINAL = (
    "A backup is a binary file: send it to a file or a program ('serjournal backup - > FILE'), "
    "or give FILE."
)
BACKUP_STDOUT_ENCRYPTED = (
    "An encrypted journal's backup goes to standard output only encrypted to age keys "
    "(--to, or [backup] recipients in the config); give FILE for a copy with your passphrase."
)
RESTORE_MISSING = "There is no backup at {path}; nothing was changed."
RESTORE_IS_DIRECTORY = "{path} is a folder; restore takes one backup file. Nothing was changed."
RESTORE_NOT_SQLITE = (
    "{path} is not an SQLite file, so not a serjournal backup; nothing was changed."
)
RESTORE_DAMAGED = "{path} is damaged (SQLite check: {detail}); nothing was changed."
RESTORE_FOREIGN = "{path} is not a serjournal journal; nothing was changed."
RESTORE_TOO_NEW = (
    "{path} was written by a newer serjournal; upgrade serjournal to restore it. "
    "Nothing was changed."
)
RESTORE_IS_JOURNAL = "{path} is the journal itself; restore takes a backup file."
RESTORE_FAILED = "Could not restore from {path}: {reason}. Your journal was left as it was."
JOURNAL_RESTORED = "Restored {checkins} from {source}. Your previous journal is kept at {aside}."
RESTORED_NEW = "Restored {checkins} from {source} into {journal}."

# --- Weekly review and demo -------------------------------------------------------------
BAD_WEEK = (
    "Could not read the week '{text}': use an ISO week such as 2026-W47, "
    "or 'last' for the week before this one."
)
BAD_LAST = "--last takes a number of days from 1 to {limit}, not '{value}'."
SINCE_AFTER_UNTIL = "--since {since} is after --until {until}; give the earlier day first."
PERIOD_TOO_LONG = "A review covers at most {limit} days; {days} were asked for."
PERIOD_CONFLICT = (
    "Choose one way to give the period: --week, --month, --year, --last, or --since/--until."
)
PERIOD_IN_FUTURE = "The period starting {start} has not begun yet; choose a day up to today."
BAD_SAVE_SUFFIX = (
    "--save writes .html or .svg files (or '-': the HTML page to standard output), not '{path}'."
)
SAVE_STDOUT_WITH_JSON = "--save - and --json would both write to standard output; choose one."
SAVE_FAILED = "Could not save the review to {path}: {reason}."
REVIEW_SAVED = "Saved the review to {path} (readable only by you)."
REVIEW_EMPTY_JOURNAL = (
    "No check-ins yet, so there is nothing to review.\n"
    "'serjournal checkin' starts your first one;\n"
    "the review fills in as you go."
)
# Short lines, so no terminal breaks a command in two.
REVIEW_EMPTY_PERIOD = (
    "No check-ins from {start} to {end}. That is fine.\n"
    "'serjournal checkin' adds one, and\n"
    "'serjournal review --last 30' looks further back."
)
REVIEW_DISCLAIMER = "Observations from your own entries, not a diagnosis or medical advice."
REVIEW_PATTERNS_TOO_FEW = (
    "Not enough check-ins yet to notice patterns; they appear after a few weeks of entries."
)
DEMO_REFUSE_REAL_JOURNAL = (
    "The demo never writes to your journal at {path}; give --db a new file, or no --db."
)
DEMO_REFUSE_NOT_EMPTY = (
    "{path} already holds {checkins}; the demo only fills a new or empty journal."
)
DEMO_BAD_WEEKS = "--weeks takes a number of weeks from 1 to {limit}, not '{value}'."
DEMO_INTRO = (
    "A demo journal with {checkins} over {weeks} weeks (seed {seed}). "
    "Here is the review of its last full week."
)
DEMO_KEPT = "The demo journal is kept at {path}; try 'serjournal review --db {path} --last 30'."
DEMO_REMOVED = (
    "The demo journal was temporary and has been removed. Your own journal was not touched."
)
REVIEW_NO_SENSATIONS = "No sensations were noted in this period."
REVIEW_NO_EMOTIONS = "No emotions were named in this period."
REVIEW_MORE_REGIONS = ("and 1 more region", "and {count} more regions")
REVIEW_MORE_TAKEAWAYS = "and {count} more ('serjournal review --json' lists up to 50)"
REVIEW_COUNT = "{checkins} on {days} of {period_days} days"  # checkins: counted()
REVIEW_COUNT_BEFORE = " ({checkins} in the {days} days before)"
REVIEW_STREAK = "Streak{when}: {current} in a row; longest so far {longest}"
# Patterns: what was written, with its numbers; never an interpretation.
PATTERN_TENSION = (
    "On the {hard_n} check-ins with distress {threshold} or more, the {region} felt tight, "
    "tense or knotted in {hard} ({hard_share}), against {other} of {other_n} other "
    "check-ins ({other_share})."
)
PATTERN_WEEKDAY = (
    "Distress was highest on {weekday}: {mean:.1f} on average over {n} check-ins, "
    "against {other_mean:.1f} on other days."
)
PATTERN_PRACTICE = (
    "Distress eased most after {practice} practice: {drop:.1f} points on average "
    "over {n} check-ins{others}."
)
PATTERN_PRACTICE_OTHERS = ", against {others}"
PATTERN_EMOTION_PLACE = (
    "When you felt {emotion}, you most often felt it in the {region}: "
    "{n} of {total} times ({share})."
)
# --- History and personalisation: list filters, search, edit, trash, tags, config ----------
LIST_NO_MATCH = "No check-ins match these filters."
LIST_SINCE_AFTER_UNTIL = "--since {since} is after --until {until}; swap them to see that period."

SEARCH_NO_WORDS = "'{text}' has no words to search for; try a word you wrote, such as 'shoulders'."
SEARCH_NOTHING = (
    "Nothing you wrote contains '{text}'. A shorter word, or word* for its start, may find more."
)

SEARCH_TAGGED = "Tagged"

TAGS_NEW = "Tags, separated by commas (optional)"

EDIT_BAD_SET = "Could not read --set '{text}': use KEY=VALUE, for example --set mood=6."
EDIT_BAD_SECONDS = "practice_seconds must be a whole number of seconds, not '{value}'."
EDIT_NOT_ON_ENTRY = "This check-in has no '{word}' to remove."
EDIT_NO_SUCH_TAG = "This check-in has no tag '{tag}' to remove."
EDIT_NO_TERMINAL = (
    "No terminal to ask in: give the changes as flags, for example --set mood=6 or --tag work."
)
EDIT_PICK_FIELD = "What would you like to change?"
EDIT_PICK_EMOTIONS = "Which feelings were here?"
EDIT_PICK_PRACTICE = "Which practice did you do?"
EDIT_SAVE = "(save and finish)"
EDIT_CANCEL = "(leave without saving)"
EDIT_CANCELLED = "Nothing was changed."
EDIT_UNCHANGED = "Check-in {short_id} already reads that way; nothing was changed."
EDIT_SAVED = "Updated check-in {short_id} from {date}."
EDIT_CONFLICT = (
    "Check-in {short_id} was changed in another terminal while you edited it; "
    "it was left as the other change made it."
)
EDIT_GONE = (
    "Check-in {short_id} was deleted while you edited it ('serjournal undo' brings it back)."
)
EDIT_CHANGES_KEPT = (
    "Your changes are kept at {path}; 'serjournal edit {short_id}' offers them again."
)
EDIT_CHANGES_NOT_KEPT = "Your changes could not be kept ({reason}); here they are as JSON:"
EDIT_DRAFT_FOUND = "You have unsaved changes to this check-in from {when}."
ASK_EDIT_DRAFT = "Start from those changes?"

DELETE_CONFIRM = "Move this check-in to the trash? It can come back for {days} days."
DELETE_NO_TERMINAL = (
    "There is no terminal to ask in: add --yes to delete check-in {short_id} without asking."
)
DELETE_KEPT = "Kept. Nothing was deleted."
DELETED = (
    "Moved check-in {short_id} from {date} to the trash. "
    "'serjournal undo' brings it back for {days} days."
)
TRASH_RESTORED = "Check-in {short_id} from {date} is back in your journal."
NO_LAST = "There is no check-in number {number} from the end; the journal holds {total}."
TRASH_EMPTY = "The trash is empty: nothing deleted in the last 30 days."
NOT_IN_TRASH = (
    "No check-in in the trash has an id starting with '{id}'. 'serjournal trash list' shows them."
)
TRASH_ALREADY_BACK = "Check-in {id} is already in the journal; it stays in the trash untouched."

CONFIG_INVALID = (
    "the config {path} has a problem at '{key}'{where}: {problem} "
    "That setting is left at its default; the rest of the file applies."
)
CONFIG_SYNTAX = "the config {path} is not valid TOML{where}: {problem} Using the defaults."
CONFIG_UNREADABLE = "could not read the config {path}: {reason}. Using the defaults."
CONFIG_NONE = (
    "No config file at {path}; these are the defaults. 'serjournal config edit' makes one."
)
CONFIG_OK = "The config at {path} reads well. In force:"
CONFIG_CREATED = "Made a commented config at {path}."
CONFIG_EDITOR_FAILED = "Could not run the editor '{editor}' ({reason}); set $EDITOR to one you use."
CONFIG_UNKNOWN_KEY = "not a known setting (known: {known})."
CONFIG_WANT_TABLE = "it should be a table of settings."
CONFIG_WANT_ONE_OF = "it should be one of: {choices}."
CONFIG_WANT_WORDS = 'it should be a list of words, such as ["wrists", "eyes"].'
CONFIG_WANT_TEXT = "it should be some text in quotes."
CONFIG_WANT_STAGES = "it should be a list of stage keys from: {stages}."
CONFIG_WANT_SECONDS = "seconds per phase should be numbers from 0 to 30, not all zero."
CONFIG_WANT_CYCLES = "cycles should be a whole number from 1 to 100."
CONFIG_WANT_LENGTH = "seconds should be a whole number from 10 to 3600."
CONFIG_CYCLES_OR_SECONDS = "give either cycles or seconds, not both."
CONFIG_EMOTION_FAMILY = 'an emotion needs a family, for example family = "sadness".'
# --- Guided check-in flow: questions, guidance and stops (flow helper) ---------------------
ASK_ARRIVAL_BREATHS = "Would you like a few guided breaths to land?"
ASK_REGIONS = "Where do you notice tension, restriction or anything else?"
ASK_REGIONS_QUICK = "Where do you notice something in the body?"
ASK_SIDE = "Which side of the {region}?"
ASK_QUALITY = "What is it like in the {region}?"
ASK_FEELINGS = "Which feelings are here?"
ASK_FEELING_REGION = "Where in the body do you feel {name}?"
ASK_TARGET = "Which place asks for attention most?"
REST_ON_TARGET = "Rest your attention on the {target}."
NO_TARGET = "Nothing was noted in the body scan; answer if something comes, or press Enter."
ASK_PRACTICE = "Which practice would you like?"
ASK_DONE_PRACTISING = "Take the time you need. Ready to go on?"
ASK_GROUNDING = "Would you like a short grounding exercise now?"
PICK_AT_MOST = "Please pick at most {limit}."
PICK_HINT = "(type to find, Space to pick, Enter when done)"
PICK_HINT_LIMIT = "(type to find, Space to pick up to {limit}, Enter when done)"
RATING_ANCHORS = "  0 {low}  ·  10 {high}"
RATING_RANGE = "(0-10)"
RATING_RANGE_OPTIONAL = "(0-10, Enter to skip)"
RATING_HINT = "A whole number from 0 to 10"
RATING_HINT_OPTIONAL = "A whole number from 0 to 10, or Enter to skip"
BREATH_FOLLOW = "Follow the bar. Ctrl-C ends the practice early; the check-in goes on."
BREATH_ENDED_EARLY = "Practice ended early. That is fine."
BREATH_IN = "Breathe in"
BREATH_HOLD = "Hold"
BREATH_OUT = "Breathe out"
BREATH_COUNT = "breath {number} of {total}"
DRAFT_READY_TO_SAVE = "ready to save"
STOPPED_NOTHING_KEPT = "Stopped before any answer; nothing was kept."
ALREADY_SAVED = "This check-in was already saved; the leftover draft was removed."
DRAFT_ANSWERS_BELOW = (
    "The draft could not be written ({reason}); your answers are printed above as JSON. "
    "'serjournal checkin --from-json FILE' saves them."
)
JSON_AND_FLAGS = (
    "Give the answers either as flags or with --from-json, not both "
    "(--at and --tag may go with either)."
)
BAD_SECONDS = "--practice-seconds must be a whole number of seconds, not '{value}'."
PRACTICE_GUIDES = {
    "movement": "Let the {place} stretch, sway or shake a little, as it wants to.",
    "hand": "Rest a warm hand on the {place} and breathe into it.",
}
PRACTICE_PLACE_DEFAULT = "area that asks for attention"
# --- Robustness: faults, bad journals, doctor (issue 5) ----------------------------------
ANSWERS_PRINTED_AS_JSON = (
    "Your answers are printed as JSON on standard output (add '> FILE' to the command "
    "to keep them in a file); once fixed, 'serjournal checkin --from-json FILE' saves them."
)
TEXT_NOT_UTF8 = (
    "The text for {field} holds bytes that are not readable text (another encoding?); "
    "type it again, or save the file as UTF-8."
)
JSON_TOO_DEEP = "Could not read JSON from {source}: it is nested far too deeply to be a check-in."

# doctor: one line per check; a fix says what to type or do.
DOCTOR_HELP = (
    "Check where your journal, drafts and config are, and that they are private and whole."
)
DOCTOR_OK = "ok"
DOCTOR_FIX = "fix"
DOCTOR_ALL_OK = "All is well."
DOCTOR_SOME_TO_FIX = "Some things need attention; each 'fix' line says what to do."
DOCTOR_NO_JOURNAL = "no journal yet at {path}; 'serjournal checkin' starts one"
DOCTOR_IS_DIRECTORY = "{path} is a folder, not a journal file"
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
DOCTOR_COUNT = "{checkins} saved"
DOCTOR_NO_BACKUP = "no backup yet; a copy kept somewhere safe protects your entries"
DOCTOR_LAST_BACKUP = "latest {when}: {path}"
DOCTOR_NO_DRAFT = "no unfinished check-in ({path})"
DOCTOR_DRAFT_WAITING = (
    "unfinished check-ins waiting in {path}: {count}; 'serjournal checkin --resume'"
)
DOCTOR_NO_CONFIG = "none at {path}; the defaults are used"
DOCTOR_CONFIG_BAD = "{path} is not valid TOML: {reason}"
DOCTOR_CONFIG_IGNORED = (
    "{path}: {settings} left at the default ('serjournal config show' names each); first: {first}"
)
DOCTOR_FIX_CONFIG = "correct the file, or move it aside to use the defaults"


# --- Today, status and plurals (issue 13) ------------------------------------------------
APP_TAGLINE = "serjournal: a guided body-and-emotion check-in. " + DISCLAIMER
TODAY_FIRST_TIME = "No check-ins yet. The first one takes a few minutes, or under one with --quick."
TODAY_CHECKED_IN = "Today ({day}): you have checked in."
TODAY_NOT_YET = "Today ({day}): no check-in yet. A missed day is fine."
TODAY_STREAK = ("{count} day in a row.", "{count} days in a row.")
TODAY_DRAFT = "An unfinished check-in waits: 'serjournal checkin' offers to resume it."
TODAY_COMMANDS = (
    "  serjournal checkin     today's check-in (--quick: under a minute)",
    "  serjournal review      this week, looking back",
    "  serjournal --help      everything else",
)
STATUS_SHORT_HELP = (
    "One line for a shell prompt: 'checked in' (exit 0), 'not yet today' (1), 'draft waiting' (2)."
)


def plural(count: int, forms: tuple[str, str]) -> str:
    """forms[0] for one, forms[1] for any other count; both take {count}."""
    return (forms[0] if count == 1 else forms[1]).format(count=count)


_IRREGULAR = {"entry": "entries", "Daylio entry": "Daylio entries"}


def counted(count: int, noun: str) -> str:
    """'1 check-in', '2 check-ins', '0 check-ins', '3 Daylio entries'."""
    return f"{count} {noun if count == 1 else _IRREGULAR.get(noun, noun + 's')}"


# --- The reminder (issue 13) ----------------------------------------------------------------
REMIND_HELP = "A daily reminder that stays quiet once you have checked in."
REMIND_UNIT_DESCRIPTION = "serjournal: a reminder to check in, only if you have not yet today"
REMIND_TITLE = "serjournal"
REMIND_BODY = "No check-in yet today. A few minutes, or under one with --quick."
REMIND_NOTHING_TO_SAY = "You have checked in today; no reminder."
REMIND_NO_NOTIFIER = (
    "No check-in yet today. (No desktop notification could be shown: notify-send is missing.)"
)
REMIND_BAD_TIME = "Could not read the time '{text}': give hours and minutes, such as 21:00."
REMIND_INSTALLED_SYSTEMD = (
    "Installed: a systemd user timer reminds you at {time} on days without a check-in. "
    "'serjournal remind uninstall' removes it."
)
REMIND_INSTALLED_CRON = (
    "Installed: a crontab line reminds you at {time} on days without a check-in. "
    "'serjournal remind uninstall' removes it."
)
REMIND_NO_SCHEDULER = (
    "Neither a systemd user session nor crontab was found; run 'serjournal remind' from "
    "your own scheduler instead."
)
REMIND_SYSTEM_FAILED = "The reminder could not be installed: '{step}' failed. Nothing else changed."
REMIND_REMOVED = "The daily reminder was removed."
REMIND_NONE = "No daily reminder is installed."
REMIND_STATUS = "A daily reminder is installed for {when}."

# --- Emotion and body vocabulary (issue 11) --------------------------------------------
OWN_QUALITIES_GROUP = "your own"
EMOTION_UNKNOWN = "Unknown emotion '{given}'."
EMOTION_SUGGEST = "Did you mean: {suggestions}?"
EMOTION_TRY = "Try a word such as {examples}, or add your own with 'serjournal config edit'."
EMOTION_TOO_VAGUE = "'{given}' can mean many feelings; name a more precise one, such as {examples}."
CONFIG_EMOTION_LIKE_UNKNOWN = "'{like}' is not an emotion word to borrow from{hint}"
CONFIG_EMOTION_LIKE_HINT = " (did you mean {words}?)."
CONFIG_EMOTION_LIKE_ALONE = (
    "borrow a word's coordinates with like, or give valence and arousal, not both."
)
CONFIG_WANT_SCORE = "it should be a number from -1 to 1 (or {labels})."
CONFIG_ENERGY_OR_AROUSAL = "give either energy (high or low) or arousal (-1 to 1), not both."
CONFIG_NEW_FAMILY_COORDINATES = (
    "a new family has no words to borrow from: give valence and arousal "
    "(numbers from -1 to 1), or like = a word whose coordinates to borrow."
)


def _words(words: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def unknown_emotion(
    given: object, suggestions: list[tuple[str, str | None]], examples: list[str]
) -> str:
    """One line for an emotion the vocabulary does not know: the words it may
    mean ("tense (stressed)" says which everyday form it was found by), or a
    few words to start from."""
    head = EMOTION_UNKNOWN.format(given=given)
    if suggestions:
        shown = [word if form is None else f"{word} ({form})" for word, form in suggestions]
        return f"{head} {EMOTION_SUGGEST.format(suggestions=', '.join(shown))}"
    if examples:
        return f"{head} {EMOTION_TRY.format(examples=_words(examples))}"
    return head


def emotion_too_vague(given: object, examples: list[str]) -> str:
    return EMOTION_TOO_VAGUE.format(given=given, examples=_words(examples or ["happy", "sad"]))


# --- Wrong results, crashes and hangs (issue 9) ---------------------------------------------
DAYLIO_DATE_OUT_OF_RANGE = (
    "full_date '{value}' is outside the years {earliest}-{latest} a check-in can have"
)
TEXT_TOO_LONG = (
    "The text for {field} is {length:,} characters long; one answer holds at most {limit:,}. "
    "Shorten it, or split it over several answers."
)
DATE_WITHOUT_TIME = (
    "{given} is given without created_utc; a day alone does not say when. "
    "Give created_utc and utc_offset_minutes too (as exports do), or neither."
)
IMPORT_EMPTY_ENTRY = "it is empty (no answers and no time), so there is nothing to import"
TEXT_HINT_TOO_LONG = "{length:,} characters; one answer holds at most {limit:,}"
CONFIG_NOT_A_FILE = "it is not a regular file (a pipe or a device?)"
CONFIG_TOO_DEEP = "it is nested far too deeply to be a serjournal config"
CONFIG_WANT_PHASE = "a phase lasts 0 seconds (left out) or from {shortest} to {longest} seconds."
DOCTOR_NOT_A_FILE = "{path} is not a regular file (a pipe or a device?)"

# --- Encryption and encrypted backups (issue 14) ----------------------------------------
ENCRYPTED_NEEDS_EXTRA = (
    "This needs serjournal's encryption support, which is not installed: "
    "pip install 'serjournal[encrypted]'."
)
ENCRYPTED_NO_TERMINAL = (
    "There is no terminal to ask for the journal's passphrase; "
    "set SERJOURNAL_PASSPHRASE_FILE to a file holding it."
)
PASSPHRASE_PROMPT = "Passphrase for the encrypted journal {path}: "
PASSPHRASE_EMPTY = "No passphrase given, so the encrypted journal at {path} stays closed."
PASSPHRASE_NEW = "New passphrase for the journal (it cannot be recovered if lost): "
PASSPHRASE_AGAIN = "The same passphrase again: "
PASSPHRASES_DIFFER = "The two passphrases differ; nothing was changed."
PASSPHRASE_TOO_SHORT = "A passphrase needs at least {length} characters; nothing was changed."
PASSPHRASE_FILE_UNREADABLE = "Could not read {env} ({path}): {reason}."
PASSPHRASE_FILE_EMPTY = "{env} names {path}, which holds no passphrase on its first line."
WRONG_PASSPHRASE = (
    "That passphrase does not open the encrypted journal at {path} (or the journal uses "
    "a newer SQLCipher format); nothing was changed."
)
WRONG_KEY_FILE = (
    "The passphrase in {env} does not open the encrypted journal at {path} (or the journal "
    "uses a newer SQLCipher format); nothing was changed."
)
WRONG_KEY_KEYRING = (
    "The key kept in your keyring does not open the encrypted journal at {path}; "
    "nothing was changed. Set SERJOURNAL_PASSPHRASE_FILE to use the passphrase instead."
)
ENCRYPT_ALREADY = "The journal at {path} is already encrypted."
ENCRYPT_ALREADY_REMEMBERED = (
    "The journal at {path} is already encrypted; its key is now kept in your system keyring."
)
DECRYPT_ALREADY = "The journal at {path} is not encrypted; there is nothing to decrypt."
CONVERT_IN_USE = (
    "The journal at {path} is open in another serjournal (a check-in, a review or a "
    "backup); finish that and try again. Nothing was changed."
)
CONVERT_CHECK_FAILED = (
    "The converted copy did not match the journal ({detail}); your journal was left as it was."
)
CONVERT_FAILED = "Could not convert the journal at {path}: {reason}. It was left as it was."
ENCRYPTED_DONE = (
    "Encrypted the journal at {path} ({checkins}, {format}). Keep the passphrase "
    "safe: without it the journal cannot be read."
)
ENCRYPTED_KEY_REMEMBERED = (
    "Its key is kept in your system keyring, so this account is not asked for the passphrase."
)
ENCRYPTED_KEY_ASKED = (
    "No system keyring is in use, so each command asks for the passphrase "
    "(scripts: SERJOURNAL_PASSPHRASE_FILE)."
)
ENCRYPTED_OLD_COPIES = (
    "Backups and exports made before now are not encrypted; delete the ones you do not need."
)
DECRYPTED_DONE = "Decrypted the journal at {path} ({checkins}); it is a plain SQLite file again."
DOCTOR_ENCRYPTED = "encrypted ({format})"
DOCTOR_PLAIN = "not encrypted ('serjournal encrypt' encrypts it)"
DOCTOR_ENCRYPTION = "encryption"
DOCTOR_FIX_KEY = "give the passphrase (or SERJOURNAL_PASSPHRASE_FILE) and run doctor again"

AGE_NEEDS_EXTRA = (
    "Encrypting to an age key needs serjournal's encryption support: "
    "pip install 'serjournal[encrypted]'."
)
AGE_BAD_RECIPIENT = "'{value}' is not an age public key (they start with age1)."
AGE_BAD_RECIPIENT_CONFIG = (
    "The config's backup recipients hold '{value}', which is not an age public key."
)
CONFIG_WANT_KEY_FILE = "it should be the path of an age secret key file, in quotes."
CONFIG_WANT_AGE_KEYS = "expected a list of age public keys, each starting with age1"
AGE_BAD_IDENTITY = "{path} holds no age secret key (a line starting with AGE-SECRET-KEY-1)."
AGE_IDENTITY_UNREADABLE = "Could not read the identity file {path}: {reason}."
AGE_WRONG_IDENTITY = (
    "{path} is encrypted to other age keys than the one in {identity}; nothing was changed."
)
AGE_DAMAGED = "{path} is an age file that could not be decrypted ({reason}); nothing was changed."
AGE_NEEDS_IDENTITY = (
    "{path} is encrypted to an age key; give its secret key: "
    "serjournal restore {path} --identity KEYFILE. Nothing was changed."
)
AGE_IDENTITY_NOT_NEEDED = "{path} is not encrypted to an age key; leave out --identity."
AGE_TO_TERMINAL = "An age-encrypted file is binary; write it to a file with -o FILE, or pipe it."
AGE_BACKUP_DONE = (
    "Backed up {checkins} to {path}, encrypted to {keys} (age); "
    "only the matching secret key can read it."
)

# --- Review: drawn body map, months and years, what helped, report (issue 12) --------------
BAD_MONTH = "Could not read the month '{text}': use a month such as 2026-11, or 'last'."
BAD_YEAR = "Could not read the year '{text}': use a year such as 2026, or 'last'."
PERIOD_YEAR_OUT_OF_RANGE = "Reviews cover the years {first} to {last}; '{text}' is outside them."
HELPED_PRACTICE_EASED = "{practice} eased the {region} by {drop:.1f} on average (n={n})."
HELPED_PRACTICE_NOT_EASED = (
    "After {practice}, the {region} did not ease on average ({change:+.1f}, n={n})."
)
HELPED_TAG = "On days tagged {tag}, {figures} (n={days} vs {other_days})."
HELPED_TAG_DISTRESS = "distress averaged {now:.1f} against {other:.1f} on other days"
HELPED_TAG_MOOD = "mood averaged {now:.1f} against {other:.1f}"
HELPED_TOO_FEW = (
    "Nothing to show yet: this needs a practice used on the same place at least "
    "{practices} times, or a tag on at least {tags} days."
)
BAD_BY = "--by takes one of {scales}, not '{value}'."
BY_NEEDS_YEAR = "--by colours the year view; add --year (for example: --year --by distress)."
WHEN_NEEDS_MONTH_OR_YEAR = (
    "'{text}' needs --month or --year before it, for example: "
    "serjournal review --month 2026-11, or serjournal review --year 2026."
)
REPORT_NO_LAST = (
    "No report has been made from this journal yet, so there is no last one to start "
    "from; give --since a day, such as 2026-11-01."
)
REPORT_LAST_COVERS = (
    "The last report already covers up to {last}, so nothing comes after it yet; "
    "give --since a day to cover earlier days again."
)
REPORT_EMPTY = (
    "No check-ins from {start} to {end}, so there is nothing to report; try an earlier --since."
)
REPORT_SAVED = (
    "Saved the report to {path} (readable only by you). Open it in a browser to read or "
    "print it; nothing leaves this computer unless you send it."
)
REPORT_TITLE = "Notes for a session"
REPORT_INTRO = (
    "From a personal journal of daily body-and-emotion check-ins, kept with serjournal. "
    "The figures are what was written; they are observations, not a diagnosis."
)
REPORT_NOTES_LEFT_OUT = (
    "Written answers are left out, except from check-ins the person chose to share."
)
REPORT_NOTES_INCLUDED = (
    "Written answers are included, except from check-ins the person keeps private."
)
REPORT_PRIVATE = (
    "1 check-in kept private counts in the averages but is not quoted or listed.",
    "{count} check-ins kept private count in the averages but are not quoted or listed.",
)
REPORT_MADE_MEANWHILE = (
    "Another report was made from this journal a moment ago, so 'last-report' has moved; "
    "nothing was written. Run the command again to follow it."
)
REPORT_WRITTEN_LEFT_OUT = "{count} written answers left out"
REPORT_NO_HARD_DAYS = "No distress ratings were given in this period."

# --- The daily check-in as lived: keys, screens, safety at the close, the loop (issue 10) ---
CONFIG_WANT_ONE_LINE = "it should be one line of text, at most {limit} characters."
# The prompts (flow/widgets.py)
ANSWER_NOT_TAKEN = "That answer cannot be taken; try again."
YES_NO_DEFAULT_YES = "(Y/n)"
YES_NO_DEFAULT_NO = "(y/N)"
YES = "Yes"
NO = "No"
PICKED_NONE = "none"
NOTHING_MATCHES = "Nothing matches '{typed}'; Backspace to change it."
LIST_ABOVE = "↑ {count} more"
LIST_BELOW = "↓ {count} more"
LIST_TYPE_TO_FIND = "(type to find)"
# Safety at the close (support.py)
CLOSING_SUPPORT_NOTE = (
    "You are closing with a lot still here, and that is allowed. If it stays this strong, "
    "consider reaching out to someone you trust, a practitioner, or a local crisis line. "
    "You do not have to carry it alone."
)
SUPPORT_PERSONAL = "Your own line for moments like this: {line}"
ASK_GROUNDING_CLOSE = "Would you like a short grounding exercise before you go?"
CHOOSE_HINT = "(type to find, Enter to choose)"
TAB_COMPLETES = "(Tab completes)"
RATING_ANCHORS_NAMED = "  {name}: 0 {low}  ·  10 {high}"
ASK_RATINGS = "{names}?"
# The example keeps together on a line (no-break spaces).
RATINGS_RANGE = "({count} numbers 0-10, such as 6\u00a04\u00a03; Enter to skip)"
RATINGS_HINT = "{count} whole numbers from 0 to 10, such as 6\u00a04\u00a03; '-' skips one"
BREATH_CUE = "{cue} Ctrl-C ends it early."
BREATH_SECOND = "{second}"
# The flow (flow/stages.py)
CARRIED_FOCUS = "Yesterday you set out with: {text}"
CARRIED_TAKEAWAY = "Yesterday's takeaway: {text}"
SAME_PLACES = "Last time ({day}) you noticed: {regions}. They are picked; Enter keeps them."
GROUP_YOURS = "yours lately"
GROUP_OTHERS = "the others"
ASK_DIALOGUE_AND_RELEASE = (
    "Nothing stood out in the body and distress is low. Go on to dialogue and release anyway?"
)
RERATE_PLACE = "({place}, now; it was {before})"
RERATE_NOW = "(now; it was {before})"
RERATE_NOW_ONLY = "(now)"
TAGS_YOURS = "Your tags: {tags}"
TAGS_YOURS_MORE = " and {count} more"
# The summary after saving, and `show` (render/entry.py)
FOLLOWUP_LABEL = "How yesterday's intention went"
SUMMARY_AFTER_PRACTICE = " -> {after} after the practice"
SUMMARY_AFTER_RERATING = " -> {after} when rated again"
CONTEXT_LINE = "{subject}: {facts}."
CONTEXT_TIMES = "{ordinal} time in the last 7 days"
CONTEXT_EASED = "after {practice} practice it eased by {drop:.1f} on average (n={n})"

# --- Sync through a shared folder (issue 15) ------------------------------------------------
SYNC_NO_FOLDER = (
    "Which folder? 'serjournal sync DIR' names a folder your sync tool replicates "
    "(Syncthing, Dropbox, iCloud Drive...); it is remembered after the first time."
)
SYNC_FOLDER_MISSING = (
    "The sync folder {folder} does not exist; make it (or let your sync tool make it) first."
)
SYNC_FOLDER_NOT_DIR = "{folder} is a file, not a folder to sync through."
SYNC_FOLDER_UNREADABLE = "The sync folder {folder} cannot be read ({reason})."
SYNC_JOURNAL_INSIDE = (
    "Warning: the journal {journal} is inside the sync folder {folder}. A sync tool that "
    "copies a database while it is being written corrupts it: move the journal out "
    "(--db or SERJOURNAL_DB), and let only the logs live in the folder."
)
SYNC_FOLDER_READ_ONLY = (
    "The sync folder {folder} cannot be written ({reason}): this machine's changes "
    "({count}) wait in the journal for the next sync."
)
SYNC_STARTED = "This journal now syncs through {folder}, as '{label}' (machine {machine})."
SYNC_NEW_IDENTITY = (
    "This journal is not where it first synced (copied to another computer, or moved), "
    "so it now writes its own log, as machine {machine}."
)
SYNC_TWIN = (
    "Another journal was writing as this machine (a copy of this journal file?); "
    "this one now writes its own log, as machine {machine}."
)
SYNC_FOLDER_CHANGED = (
    "The sync folder is now {folder} (was {old}); its logs are read from the start."
)
SYNC_LOG_REWRITTEN = (
    "This machine's log {file} had been cut short or changed by something else; "
    "it was written again whole."
)
SYNC_DONE = "Synced through {folder}: {sent}; {received}."
SYNC_SENT = "{count} sent"
SYNC_NOTHING_SENT = "nothing new to send"
SYNC_RECEIVED = "{count} received from {machines} ({checkins} changed here)"
SYNC_NOTHING_RECEIVED = "nothing new from other machines"
SYNC_PROBLEMS = (
    "{count} in the sync folder could not be read to the end; "
    "'serjournal sync --status' lists them."
)
SYNC_LOG_SHRANK = (
    "{file} is shorter than when it was last read; nothing more is read from it "
    "until it is whole again."
)
SYNC_LOG_CHANGED = (
    "{file} changed before the point already read, so it is not trusted and not read on; "
    "move it out of the sync folder if you know why."
)
SYNC_SEALED_NO_IDENTITY = (
    "it is encrypted to age keys and this machine has no key to open it "
    "(set [backup] identity in the config)"
)
SYNC_SEALED_WRONG_IDENTITY = (
    "it is encrypted to age keys that the identity in the config ([backup] identity) does not open"
)
SYNC_LOG_BAD_LINE = "{file}, change {line}: {reason}; it and what follows are not read."
SYNC_LOG_NEWER = (
    "{file} was written by a newer serjournal (log format {version}); "
    "update serjournal on this machine to read it. Nothing was read from it."
)
SYNC_LOG_NOT_FILE = "{file} is not a plain file (a link, a folder or a device); it is not read."
SYNC_LOG_UNREADABLE = "{file} cannot be read ({reason})."
SYNC_LOG_IS_JOURNAL = "{file} is this journal's own database file, never a log."
SYNC_STATUS_NEVER = (
    "This journal does not sync yet. 'serjournal sync DIR' starts, "
    "with DIR a folder your sync tool replicates."
)
SYNC_STATUS_HEAD = "Syncing through {folder}{when}."
SYNC_STATUS_WITH_FOLDER = "--status shows where this journal syncs; give it without a folder."
SYNC_STATUS_AFTER_CHECKIN = ", after each check-in"
SYNC_STATUS_WAITING = (
    "This machine's changes not yet in its log: {count}; the next sync sends them."
)
SYNC_STATUS_ALL_SENT = "Every change made here is in this machine's log."
SYNC_STATUS_THIS = "{label} (this machine)"
SYNC_STATUS_NOT_YET = "nothing yet"
SYNC_STATUS_PROBLEM = "Not read on: {problem}"
SYNC_AFTER_CHECKIN_NO_FOLDER = (
    "Warning: the config asks to sync after each check-in, but this journal has no sync "
    "folder yet; run 'serjournal sync DIR' once."
)
SYNC_AFTER_CHECKIN_FAILED = "Warning: saved, but the sync did not finish: {reason}"


def sync_count(count: int, one: str, many: str) -> str:
    """'1 change', '3 changes', 'no changes'."""
    if count == 0:
        return f"no {many}"
    return f"{count} {one if count == 1 else many}"
