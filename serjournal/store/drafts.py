"""Unfinished check-ins (and edits that could not be saved), kept beside the
journal and never inside it.

Each run keeps its own draft, named by the check-in's id, in the journal's
drafts folder, and holds a lock on it while it runs: a second terminal never
offers, overwrites or removes a draft that another run is still writing, and
a run that finishes removes only its own. A draft is the check-in's
dictionary form plus the step it stopped at, written whole (paths.private_output)
after every answer, so Ctrl-C, a closed terminal or a killed process loses at
most the answer being typed.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serjournal import paths
from serjournal.journal import Journal
from serjournal.models import format_utc, utc_now

CHECKIN = "checkin"
EDIT = "edit"
SUFFIX = ".json"


@dataclass
class Draft:
    path: Path
    checkin: dict[str, Any]
    stage: str  # the step the user had reached (or "save")
    saved_utc: str
    kind: str = CHECKIN  # CHECKIN, or EDIT: changes to a saved entry not yet saved
    # Every answer given in the interrupted step, by question: offered again
    # as the defaults when that step is asked again (runner.py).
    in_step: dict[str, Any] = field(default_factory=dict)

    @property
    def checkin_id(self) -> str:
        return str(self.checkin.get("id", ""))


class DraftKeeper:
    """The draft of one run. Use as a context manager: while inside, the run
    holds its lock; `keep` writes the draft, `discard` removes it."""

    def __init__(self, journal: Journal, checkin_id: str, kind: str = CHECKIN) -> None:
        self.journal = journal
        self.kind = kind
        self.path = draft_file(journal, checkin_id, kind)
        self._lock: paths.FileLock | None = None

    def __enter__(self) -> DraftKeeper:
        self._lock = paths.FileLock(lock_file(self.path), journal=self.journal)
        if not self._lock.acquire():
            raise DraftInUse(self.path)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def keep(
        self, checkin: dict[str, Any], stage: str, in_step: dict[str, Any] | None = None
    ) -> None:
        """Write the draft whole; OutputError when it cannot be written."""
        document = {
            "kind": self.kind,
            "stage": stage,
            "saved_utc": _now(),
            "checkin": checkin,
            "in_step": in_step or {},
        }
        data = json.dumps(document, indent=2, ensure_ascii=False)
        with paths.private_output(self.path, journal=self.journal, role=paths.Role.DRAFT) as out:
            out.write(data)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


class DraftInUse(Exception):
    """Another run (a second terminal) holds this draft."""


def draft_file(journal: Journal, checkin_id: str, kind: str = CHECKIN) -> Path:
    prefix = "" if kind == CHECKIN else f"{kind}-"
    return journal.drafts_dir / f"{prefix}{checkin_id}{SUFFIX}"


def lock_file(draft: Path) -> Path:
    return draft.with_name(draft.name + ".lock")


def keep_unsaved(journal: Journal, checkin: dict[str, Any], stage: str) -> Path | None:
    """Keep a check-in that could not be saved as its own draft; the draft's
    path, or None when it cannot be written (the caller must then show the
    answers some other way). Never replaces another run's draft."""
    try:
        with DraftKeeper(journal, str(checkin.get("id", "")) or "unsaved") as keeper:
            if keeper.path.exists():
                return None
            keeper.keep(checkin, stage)
            return keeper.path
    except (DraftInUse, paths.OutputError):
        return None


def waiting_drafts(journal: Journal, kind: str = CHECKIN) -> list[Draft]:
    """Drafts of `kind` that no running check-in holds, newest first. An
    unreadable draft is set aside (renamed, never deleted) and skipped."""
    found: list[Draft] = []
    candidates: list[Path] = []
    if kind == CHECKIN and journal.legacy_draft.exists():
        candidates.append(journal.legacy_draft)
    with contextlib.suppress(OSError):
        candidates += sorted(
            p
            for p in journal.drafts_dir.iterdir()
            if p.name.endswith(SUFFIX) and p.name.startswith(f"{kind}-") == (kind != CHECKIN)
        )
    for path in candidates:
        if _in_use(path):
            continue
        draft = read_draft(path)
        if draft is not None and draft.kind == kind:
            found.append(draft)
    return sorted(found, key=lambda d: d.saved_utc, reverse=True)


def read_draft(path: Path) -> Draft | None:
    """The draft at `path`, or None; an unreadable one is set aside."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return Draft(
            path,
            dict(document["checkin"]),
            str(document["stage"]),
            str(document["saved_utc"]),
            str(document.get("kind", CHECKIN)),
            {str(k): v for k, v in dict(document.get("in_step") or {}).items()},
        )
    except FileNotFoundError:
        return None  # finished and removed by its run a moment ago
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        with contextlib.suppress(OSError):
            os.replace(path, paths.unused_name(path.with_name(path.name + ".unreadable")))
        return None


def _in_use(draft: Path) -> bool:
    return paths.FileLock.is_held(lock_file(draft))


def _now() -> str:
    return format_utc(utc_now())
