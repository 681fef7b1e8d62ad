"""Keeping spreadsheets from running exported text as formulas, reversibly.

The rule (also written in the export README): a text cell that begins with
=, +, -, @, a tab, a carriage return or an apostrophe gets one extra
apostrophe in front. Import removes exactly one leading apostrophe from any
cell that has one. Escaping the apostrophe itself is what makes the rule
reversible: a note that really begins with ' is exported as '' and comes
back as '.
"""

from __future__ import annotations

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
MARK = "'"


def neutralise(text: str) -> str:
    return MARK + text if text.startswith(RISKY_STARTS) else text


def restore(text: str) -> str:
    return text[1:] if text.startswith(MARK) else text
