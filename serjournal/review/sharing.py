"""Which check-ins a report may quote: a tag convention, no schema of its own.

A check-in tagged `private` is never quoted in a report: no notes, no
takeaway, not among the days listed one by one (its ratings still count in
the period's averages, which name no day). A check-in tagged `share` has its
notes included even without --include-notes. Tags were chosen over a new
column because every existing path already carries them: `checkin --tag`,
`edit --tag/--untag`, `list --tag`, export and import.
"""

from __future__ import annotations

SHARE_TAG = "share"
PRIVATE_TAG = "private"
MARK_TAGS: tuple[str, ...] = (SHARE_TAG, PRIVATE_TAG)


def tagged_sql(tag: str, checkin_column: str = "c.id") -> str:
    """An SQL condition: the check-in carries `tag` (in any letter case)."""
    if tag not in MARK_TAGS:  # only our own constants reach the SQL text
        raise ValueError(tag)
    return (
        f"EXISTS (SELECT 1 FROM tags m WHERE m.checkin_id = {checkin_column} "
        f"AND lower(m.tag) = '{tag}')"
    )
