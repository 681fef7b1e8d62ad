"""Text that came from a user or someone else's file, made safe for a terminal.

A stored answer may hold escape sequences (an imported takeaway with
ESC]52 writes the clipboard, ESC]0 the window title, ESC[2J clears the
screen). for_terminal is the one sanitiser: every control character except
newline and tab is replaced by a visible stand-in, so the text is shown, never
obeyed. Rich consoles made by render.console.make_console apply it to all
they print; plain echoes of stored text call it directly. HTML and SVG escape
on their own; CSV has its own formula guard (transfer/csv_safety.py).
"""

from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, C1 controls, lone surrogates (undecodable
# bytes), and the bidirectional controls that can make text read differently
# from what it holds ("Trojan Source").
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069"
_IN_TEXT = re.compile(f"[{_UNSAFE}]")
# On one line, line and paragraph breaks of every kind are shown too.
_IN_LINE = re.compile(f"[{_UNSAFE}\t\n\u2028\u2029]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC, ␊ for LF
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def for_terminal(text: str) -> str:
    """`text` with every control character shown as a visible symbol."""
    return _IN_TEXT.sub(_stand_in, text)


def one_line(text: str) -> str:
    """for_terminal, keeping to one line: an error that quotes what the user
    typed shows its line breaks and tabs instead of breaking on them."""
    return _IN_LINE.sub(_stand_in, text)
