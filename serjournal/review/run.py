"""Running a review or the demo end to end: period, journal, summary, output.

The cli module only forwards its options here. Rich is imported only when
something is drawn, so `review --json` never pays for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from serjournal import messages, paths
from serjournal.errors import InputError
from serjournal.journal import Journal
from serjournal.paths import OutputError
from serjournal.review.figures import ReviewSummary
from serjournal.review.periods import Period, parse_week, resolve_period
from serjournal.review.summary import build_summary, has_checkins

if TYPE_CHECKING:
    import sqlite3

    from rich.console import Console

SAVE_SUFFIXES = (".html", ".htm", ".svg")
STDOUT = "-"  # --save -: the HTML page to standard output, in place of the terminal review
BY_SCALES = ("mood", "energy", "distress")
MAX_DEMO_WEEKS = 520


class Drawing(NamedTuple):
    """How the review is drawn: --plain, and the scale of the year view.
    (A NamedTuple: it costs a fifth of a dataclass to define, at every start.)"""

    plain: bool = False
    by: str = "mood"


def run_review(
    journal: Journal,
    *,
    week: str | None = None,
    month: str | None = None,
    year: str | None = None,
    last: int | str | None = None,
    since: str | None = None,
    until: str | None = None,
    as_json: bool = False,
    save: Path | None = None,
    plain: bool = False,
    by: str | None = None,
    now: datetime | None = None,
) -> None:
    """`month`/`year`: None when not asked for, '' for the current one."""
    from serjournal.timeutil import local_now

    now = now or local_now()
    # Check every option before opening anything: bad input writes nothing.
    period = resolve_period(
        now, week=week, month=month, year=year, last=last, since=since, until=until
    )
    drawing = Drawing(plain, _check_by(by, period))
    _check_save_path(save, as_json)
    conn = journal.open_for_reading()
    try:
        summary = _summary_or_none(conn, period, now)
        output(summary, period, now, journal, as_json=as_json, save=save, drawing=drawing)
    finally:
        if conn is not None:
            conn.close()


def when_for(when: str | None, *, month: bool, year: bool) -> tuple[str | None, str | None]:
    """The --month and --year values: None when not asked for, '' for the
    current one, else the month or year given after the flag."""
    if when is not None and not (month or year):
        raise InputError(messages.WHEN_NEEDS_MONTH_OR_YEAR.format(text=when))
    if month and year:
        raise InputError(messages.PERIOD_CONFLICT)
    value = when or ""
    return (value if month else None), (value if year else None)


def _check_by(by: str | None, period: Period) -> str:
    """The scale the year view is coloured by; only a year has that view."""
    if by is None:
        return "mood"
    cleaned = by.strip().lower()
    if cleaned not in BY_SCALES:
        raise InputError(messages.BAD_BY.format(value=by, scales=", ".join(BY_SCALES)))
    if period.kind != "year":
        raise InputError(messages.BY_NEEDS_YEAR)
    return cleaned


def _summary_or_none(
    conn: sqlite3.Connection | None, period: Period, now: datetime
) -> ReviewSummary | None:
    """None when there is no journal or it holds no check-in at all."""
    if conn is None or not has_checkins(conn):
        return None
    return build_summary(conn, period, now.date())


def output(
    summary: ReviewSummary | None,
    period: Period,
    now: datetime,
    journal: Journal,
    *,
    as_json: bool = False,
    save: Path | None = None,
    out: TextIO | None = None,
    drawing: Drawing | None = None,
) -> None:
    out = out or sys.stdout
    drawing = drawing or Drawing()
    if save is not None and str(save) == STDOUT:
        with guarded_stdout(out):
            out.write(_document(summary, save, drawing))
        return
    if as_json:
        import json

        data = (summary or empty_summary(period, now)).to_dict()
        with guarded_stdout(out):
            out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        if save is not None:  # stdout carries the JSON: the note goes to stderr
            _save(summary, save, journal, drawing)
            print(messages.REVIEW_SAVED.format(path=save), file=sys.stderr)
        return
    with guarded_stdout(out):
        console = _console(out)
        _draw(console, summary, drawing)
    if save is not None:
        _save(summary, save, journal, drawing)
        with guarded_stdout(out):
            # Plain print: Rich would fold a long path across lines.
            print(messages.REVIEW_SAVED.format(path=save), file=out)


@contextmanager
def guarded_stdout(out: TextIO) -> Iterator[None]:
    """Writing to standard output: a reader that stops early (`| head`) ends
    the output quietly; a full disk or a closed stream is one clear line.
    Either way stdout is pointed at /dev/null, so Python's own flush at exit
    does not fail a second time with a traceback."""
    try:
        yield
        out.flush()
    except BrokenPipeError:
        _silence(out)
    except OSError as error:
        _silence(out)
        reason = error.strerror or str(error)
        raise OutputError(
            messages.CANNOT_WRITE.format(path="standard output", reason=reason), reason
        ) from None


def _silence(out: TextIO) -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):
        fileno = out.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)


def empty_summary(period: Period, now: datetime) -> ReviewSummary:
    """The summary of a journal that does not exist yet: all zeros, same shape."""
    import sqlite3

    from sqlite_utils import Database

    from serjournal.store import migrations

    memory = Database(sqlite3.connect(":memory:", isolation_level=None))
    migrations.migrations.apply(memory)
    return build_summary(memory.conn, period, now.date())


def _console(out: TextIO, **options: object) -> Console:
    from serjournal.render.console import make_console

    console = make_console(file=out, emoji=False, **options)
    console.width = min(console.width, 80)
    return console


def _draw(console: Console, summary: ReviewSummary | None, drawing: Drawing) -> None:
    from serjournal.render.review import empty_message, render_review

    if summary is None or summary.is_empty:
        console.print(empty_message(summary))
    else:
        console.print(render_review(summary, plain=drawing.plain, by=drawing.by))


def _check_save_path(save: Path | None, as_json: bool = False) -> None:
    if save is None:
        return
    if str(save) == STDOUT:
        if as_json:
            raise InputError(messages.SAVE_STDOUT_WITH_JSON)
        return
    if save.suffix.lower() not in SAVE_SUFFIXES:
        raise InputError(messages.BAD_SAVE_SUFFIX.format(path=save))


def _save(summary: ReviewSummary | None, save: Path, journal: Journal, drawing: Drawing) -> None:
    """The review saved to `save`, written 0600 (see _document)."""
    document = _document(summary, save, drawing)
    with paths.private_output(save, journal=journal) as out:
        out.write(document)


def _document(summary: ReviewSummary | None, save: Path, drawing: Drawing) -> str:
    """The review as a self-contained HTML page, or for a .svg name as one SVG
    (the body map as a figure above the review as the terminal draws it)."""
    if save.suffix.lower() == ".svg":
        import io

        from serjournal.render.review import empty_message, render_review
        from serjournal.render.review_svg import review_svg

        console = _console(io.StringIO(), record=True, width=80, force_terminal=True)
        if summary is None or summary.is_empty:
            console.print(empty_message(summary))
        else:
            console.print(
                render_review(summary, plain=drawing.plain, by=drawing.by, body_figure=False)
            )
        document = review_svg(console, summary, "serjournal review")
    else:
        from serjournal.render.html import review_page
        from serjournal.render.review import empty_message

        document = review_page(summary, by=drawing.by, empty_text=empty_message(summary))
    return document


# --- The demo -------------------------------------------------------------------------------


def run_demo(
    db_option: Path | None,
    *,
    weeks: int = 8,
    seed: int = 7,
    as_json: bool = False,
    now: datetime | None = None,
) -> None:
    """Invent `weeks` weeks of check-ins ending today in a throwaway journal
    (or the new file `db_option`) and show the review of the last full week."""
    import tempfile

    from serjournal.timeutil import local_now

    if not 1 <= weeks <= MAX_DEMO_WEEKS:
        raise InputError(messages.DEMO_BAD_WEEKS.format(value=weeks, limit=MAX_DEMO_WEEKS))
    now = now or local_now()
    if db_option is not None:
        demo = Journal.locate(db_option)
        _refuse_real_journal(demo)
        _demo_in(demo, weeks, seed, as_json, now)
        _say(messages.DEMO_KEPT.format(path=demo.path), as_json)
        return
    with tempfile.TemporaryDirectory(prefix="serjournal-demo-") as folder:
        _demo_in(Journal(Path(folder) / "demo.db"), weeks, seed, as_json, now)
    _say(messages.DEMO_REMOVED, as_json)


def _refuse_real_journal(demo: Journal) -> None:
    """The demo's --db names a new file, never the user's own journal."""
    import os

    real = [Journal(paths.data_dir() / paths.JOURNAL_FILENAME)]
    if os.environ.get(paths.DB_ENV):
        real.append(Journal.locate(None))
    if any(demo.real_path == candidate.real_path for candidate in real):
        raise InputError(messages.DEMO_REFUSE_REAL_JOURNAL.format(path=demo.path))


def _demo_in(journal: Journal, weeks: int, seed: int, as_json: bool, now: datetime) -> None:
    from serjournal.demo import fill_journal

    db = journal.open()
    try:
        existing = db.execute("SELECT count(*) FROM checkins").fetchone()[0]
        if existing:
            raise InputError(
                messages.DEMO_REFUSE_NOT_EMPTY.format(
                    path=journal.path, checkins=messages.counted(existing, "check-in")
                )
            )
        count = fill_journal(db, weeks=weeks, end=now.date(), seed=seed)
        invented = messages.counted(count, "invented check-in")
        _say(messages.DEMO_INTRO.format(checkins=invented, weeks=weeks, seed=seed), as_json)
        period = parse_week("last", now.date())
        summary = build_summary(db.conn, period, now.date())
        output(summary, period, now, journal, as_json=as_json)
    finally:
        db.close()


def _say(text: str, as_json: bool) -> None:
    """Messages go to stderr when stdout carries JSON."""
    if as_json:
        print(text, file=sys.stderr)
        return
    with guarded_stdout(sys.stdout):
        print(text)
