"""The one way serjournal makes a Rich console.

Every console made here runs what it prints through textsafe.for_terminal
(a render hook, so no caller can forget it): stored text is shown, never
obeyed as escape sequences. Rich's own styling is added after, untouched. Colours come from named
styles in the theme in force (render/theme.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import (
    Console,
    ConsoleOptions,
    ConsoleRenderable,
    RenderableType,
    RenderHook,
    RenderResult,
)
from rich.segment import Segment

from serjournal.textsafe import for_terminal


class _Sanitised:
    """A renderable whose text segments pass through the sanitiser."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control:
                yield segment  # cursor moves of Rich's own (progress bars, live views)
            else:
                yield Segment(for_terminal(segment.text), segment.style)


class _SanitiseHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Sanitised(r) for r in renderables]


def make_console(**options: Any) -> Console:
    """A Console (highlighting off: numbers in answers are not code) that
    sanitises everything it prints, in the theme in force (render/theme.py)."""
    from serjournal.render import theme

    options.setdefault("highlight", False)
    options.setdefault("theme", theme.rich_theme())
    if theme.current() == "plain":
        options.setdefault("no_color", True)
    console = Console(**options)
    console.push_render_hook(_SanitiseHook())
    return console


def sanitised(renderables: Iterable[RenderableType]) -> list[RenderableType]:
    """For consoles serjournal did not make (a test's recording console)."""
    return [_Sanitised(r) for r in renderables]
