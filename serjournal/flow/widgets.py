"""The prompts of the guided check-in, drawn with prompt_toolkit.

Three shapes: a line of text (ratings and written answers), a list (pick one,
or several) and yes-or-no. What they share, and why they are serjournal's own
rather than questionary's:
- the question wraps between words at any width (60, 80, 200 columns);
- a message about the answer ("A whole number from 0 to 10") appears right
  under the question, not on the terminal's bottom row;
- a list is filtered by typing (`pre` finds "pressure"), with a matching
  function the caller may give (see Find), never grows taller than the
  screen, and scrolls;
- once answered, a prompt leaves one calm line: the question and the answer
  given, with the names picked.
Ctrl-C raises KeyboardInterrupt and Ctrl-D on an empty answer EOFError, which
the runner turns into a kept draft. prompt_toolkit is imported on first use.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias
from weakref import WeakKeyDictionary

from serjournal import messages
from serjournal.textsafe import one_line

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.auto_suggest import AutoSuggest
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, KeyPressEvent
    from prompt_toolkit.layout import Container

Fragments: TypeAlias = "StyleAndTextTuples"
# What a list shows for a typed text: the matching values, best first. The
# default (find_words) matches the start of any word; the emotion list passes
# its own (flow/stages.py, find_emotions), where synonyms plug in.
Find = Callable[[str, Sequence[str]], list[str]]
Validate = Callable[[str], "bool | str"]

MAX_LIST_ROWS = 16  # a calm list; it scrolls past this, or past the screen's height
MIN_INPUT_COLUMNS = 16  # less room than this after the question: answer on the next line
INDENT = 2
ANYWHERE_FROM = 3  # typed letters before a match inside a word counts ("ess" finds "pressure")
POINTER = "›"
CHECKED, UNCHECKED = "●", "○"


@dataclass(frozen=True)
class Item:
    """One choice of a list: its value, the heading it sits under, a quiet hint."""

    value: str
    group: str = ""
    hint: str = ""


def find_words(typed: str, values: Sequence[str]) -> list[str]:
    """The values a typed text matches, best first: those that start with it,
    then those with a word that starts with it ("jaw" finds "face and jaw"),
    then, from three letters on, those that hold it anywhere. Case and extra
    spaces do not matter."""
    key = " ".join(typed.lower().split())
    if not key:
        return list(values)
    starts: list[str] = []
    word_starts: list[str] = []
    anywhere: list[str] = []
    for value in values:
        low = " ".join(value.lower().split())
        if low.startswith(key):
            starts.append(value)
        elif f" {key}" in f" {low}":
            word_starts.append(value)
        elif len(key) >= ANYWHERE_FROM and key in low:
            anywhere.append(value)
    return starts + word_starts + anywhere


# --- Wrapping between words ---------------------------------------------------------


def wrap(fragments: Fragments, width: int, indent: int = INDENT) -> list[Fragments]:
    """Styled text broken into lines between words, none wider than `width`
    less one (a line of exactly the terminal's width makes some terminals
    add a blank line). Lines after the first start with `indent` spaces; a
    word longer than a whole line is cut."""
    from prompt_toolkit.utils import get_cwidth

    limit = max(width - 1, indent + 8)
    lines: list[Fragments] = [[]]
    column = 0
    fresh = False  # at the start of a wrapped line: spaces are dropped there
    for fragment in fragments:
        style, text = fragment[0], fragment[1]
        # Spaces and tabs break; a no-break space (U+00A0) keeps words together.
        for token in re.findall(r"\n|[ \t]+|[^ \t\n]+", text):
            if token == "\n":
                lines.append([])
                column, fresh = 0, False
                continue
            if token.strip(" \t") == "":
                if not fresh:
                    lines[-1].append((style, token))
                    column += len(token)
                continue
            size = get_cwidth(token)
            if column + size > limit and column > indent:
                _strip_trailing_spaces(lines[-1])
                lines.append([("", " " * indent)])
                column, fresh = indent, True
            while column + size > limit:  # a word longer than the line: cut it
                room = max(limit - column, 1)
                head, token = _cut(token, room)
                lines[-1].append((style, head))
                lines.append([("", " " * indent)])
                column, fresh = indent, True
                size = get_cwidth(token)
            lines[-1].append((style, token))
            column += size
            fresh = False
    return lines


def _cut(word: str, room: int) -> tuple[str, str]:
    from prompt_toolkit.utils import get_cwidth

    used = 0
    for index, char in enumerate(word):
        used += get_cwidth(char)
        if used > room:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


def _strip_trailing_spaces(line: Fragments) -> None:
    while line and line[-1][1].isspace():
        line.pop()


def _joined(lines: list[Fragments]) -> Fragments:
    result: Fragments = []
    for index, line in enumerate(lines):
        if index:
            result.append(("", "\n"))
        result.extend(line)
    return result


def _width() -> int:
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is not None:
        try:
            return int(app.output.get_size().columns)
        except OSError:
            pass
    return shutil.get_terminal_size().columns


def _height() -> int:
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is not None:
        try:
            return int(app.output.get_size().rows)
        except OSError:
            pass
    return shutil.get_terminal_size().lines


def _line_count(fragments: Fragments) -> int:
    return len(wrap(fragments, _width()))


def question_line(question: Fragments, hint: str = "") -> Fragments:
    """'· Question? hint' as fragments."""
    line: Fragments = [("class:qmark", "· "), *question]
    if hint:
        line += [("", " "), ("class:hint", hint)]
    return line


def echo_line(question: Fragments, answer: str) -> Fragments:
    """What stays on screen once answered: the question and the answer given
    (shown, never obeyed: it may hold a stored word or text)."""
    line: Fragments = [("class:qmark", "· "), *question]
    if answer:
        line += [("", " "), ("class:answer", one_line(answer))]
    return line


# --- Running one prompt ------------------------------------------------------------------


@dataclass
class _Shared:
    error: str | None = None


def _run(body: Container, done: Callable[[], Fragments], bindings: KeyBindingsBase) -> Any:
    """Show `body` until a binding exits; then one line, `done()`, stays."""
    from prompt_toolkit.filters import IsDone
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    echo = Window(
        FormattedTextControl(lambda: _joined(wrap(done(), _width()))),
        dont_extend_height=True,
    )
    app = _application()
    app.layout = Layout(
        HSplit(
            [
                ConditionalContainer(body, filter=~IsDone()),
                ConditionalContainer(echo, filter=IsDone()),
            ]
        )
    )
    app.key_bindings = bindings
    return app.run()


_applications: WeakKeyDictionary[Any, Application[Any]] = WeakKeyDictionary()


def _application() -> Application[Any]:
    """One Application for every prompt of this terminal session, as
    prompt_toolkit's own PromptSession does: making one loads its default
    key bindings, tens of milliseconds that would pass between two questions
    (and keys typed then reach no prompt)."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.layout import Layout, Window

    from serjournal.render.theme import prompt_toolkit_style

    session = get_app_session()
    app = _applications.get(session)
    if app is None:
        app = Application(
            layout=Layout(Window()),
            full_screen=False,
            mouse_support=False,
            erase_when_done=False,
            output=_output(),
        )
        _applications[session] = app
    app.style = prompt_toolkit_style()
    return app


def _output() -> Any:
    """The terminal, without cursor-position requests: every prompt knows its
    own height, and a terminal that does not answer them would make each
    prompt wait two seconds and could swallow the keys typed meanwhile."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.output.vt100 import Vt100_Output

    output = get_app_session().output
    if isinstance(output, Vt100_Output):
        output.enable_cpr = False
    return output


def _stop_keys(bindings: KeyBindings, empty: Callable[[], bool]) -> None:
    @bindings.add("c-c", eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add("c-d", eager=True, filter=_condition(empty))
    def _closed(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")


def _condition(test: Callable[[], bool]) -> Any:
    from prompt_toolkit.filters import Condition

    return Condition(test)


def _message_window(shared: _Shared) -> Container:
    """The message about the answer, right under the question."""
    from prompt_toolkit.layout import ConditionalContainer, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    def text() -> Fragments:
        shown: Fragments = [("", " " * INDENT), ("class:error", shared.error or "")]
        return _joined(wrap(shown, _width()))

    return ConditionalContainer(
        Window(FormattedTextControl(text), dont_extend_height=True),
        filter=_condition(lambda: shared.error is not None),
    )


# --- A line of text ------------------------------------------------------------------------


def ask_text(
    question: Fragments,
    *,
    hint: str = "",
    default: str = "",
    validate: Validate | None = None,
    suggestions: Sequence[str] = (),
) -> str:
    """A line of text, starting from `default`. `validate` returns True or
    the message shown under the question. `suggestions` complete the item
    being typed (after the last comma) in quiet text; Tab or → takes it."""
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Window
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
    from prompt_toolkit.layout.processors import AppendAutoSuggestion, BeforeInput

    shared = _Shared()
    buffer = Buffer(
        document=Document(default, len(default)),
        multiline=False,
        auto_suggest=_item_suggest(suggestions) if suggestions else None,
        on_text_changed=lambda _buffer: setattr(shared, "error", None),
    )

    def lines() -> list[Fragments]:
        wrapped = wrap(question_line(question, hint), _width())
        used = sum(len(fragment[1]) for fragment in wrapped[-1])
        if _width() - 1 - used < MIN_INPUT_COLUMNS + 1:
            wrapped.append([("", " " * INDENT)])
        else:
            wrapped[-1].append(("", " "))
        return wrapped

    above = ConditionalContainer(
        Window(FormattedTextControl(lambda: _joined(lines()[:-1])), dont_extend_height=True),
        filter=_condition(lambda: len(lines()) > 1),
    )
    field_window = Window(
        BufferControl(
            buffer,
            input_processors=[BeforeInput(lambda: lines()[-1]), AppendAutoSuggestion()],
        ),
        wrap_lines=True,
        dont_extend_height=True,
    )
    bindings = KeyBindings()
    _stop_keys(bindings, lambda: not buffer.text)

    @bindings.add("enter", eager=True)
    @bindings.add("c-j", eager=True)  # Enter typed ahead, while no prompt held the terminal
    def _accept(event: KeyPressEvent) -> None:
        verdict = validate(buffer.text) if validate else True
        if verdict is True:
            event.app.exit(result=buffer.text)
        else:
            shared.error = verdict if isinstance(verdict, str) else messages.ANSWER_NOT_TAKEN

    @bindings.add("tab", eager=True)
    def _complete(event: KeyPressEvent) -> None:
        # Asked here, not read from buffer.suggestion: that is filled in the
        # background and may lag behind fast typing.
        if buffer.auto_suggest is not None:
            suggestion = buffer.auto_suggest.get_suggestion(buffer, buffer.document)
            if suggestion is not None and suggestion.text:
                buffer.insert_text(suggestion.text)

    body = HSplit([above, field_window, _message_window(shared)])
    # Editing keys (arrows, Ctrl-A, Ctrl-W...) are the application's defaults.
    result = _run(body, lambda: echo_line(question, buffer.text.strip()), bindings)
    return str(result)


def _item_suggest(words: Sequence[str]) -> AutoSuggest:
    """Completes the comma-separated item being typed from known words, in
    their order (the user's most frequent first), skipping those already typed."""
    from prompt_toolkit.auto_suggest import AutoSuggest, Suggestion

    known = list(words)

    class ItemSuggest(AutoSuggest):
        def get_suggestion(self, buffer: Buffer, document: Document) -> Suggestion | None:
            if document.cursor_position != len(document.text):
                return None
            *earlier, current = document.text.split(",")
            current = current.lstrip()
            if not current:
                return None
            taken = {t.strip().lower() for t in earlier}
            for word in known:
                low = word.lower()
                if (
                    low.startswith(current.lower())
                    and len(word) > len(current)
                    and low not in taken
                ):
                    return Suggestion(word[len(current) :])
            return None

    return ItemSuggest()


# --- Yes or no -------------------------------------------------------------------------------


def ask_confirm(question: Fragments, *, default: bool = True) -> bool:
    """y or n, or Enter for the default."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    hint = messages.YES_NO_DEFAULT_YES if default else messages.YES_NO_DEFAULT_NO
    answer: list[bool] = []
    bindings = KeyBindings()
    _stop_keys(bindings, lambda: True)

    def choose(value: bool) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            answer.append(value)
            event.app.exit(result=value)

        return handler

    for key in ("y", "Y"):
        bindings.add(key, eager=True)(choose(True))
    for key in ("n", "N"):
        bindings.add(key, eager=True)(choose(False))
    bindings.add("enter", eager=True)(choose(default))
    bindings.add("c-j", eager=True)(choose(default))  # Enter typed ahead

    @bindings.add("<any>")
    def _ignore(event: KeyPressEvent) -> None:
        """Other keys do nothing."""

    body = Window(
        FormattedTextControl(lambda: _joined(wrap(question_line(question, hint), _width()))),
        dont_extend_height=True,
        always_hide_cursor=True,
    )

    def done() -> Fragments:
        said = messages.YES if answer and answer[0] else messages.NO
        return echo_line(question, said)

    return bool(_run(body, done, bindings))


# --- A list -----------------------------------------------------------------------------


@dataclass
class _List:
    items: list[Item]
    multi: bool
    find: Find
    limit: int | None
    checked: list[str] = field(default_factory=list)
    typed: str = ""
    pointer: str | None = None
    offset: int = 0
    shared: _Shared = field(default_factory=_Shared)
    _found: tuple[str, list[str]] | None = None

    def matches(self) -> list[str]:
        """The values the typed text finds, best first (all when nothing is typed)."""
        if self._found is None or self._found[0] != self.typed:
            values = [item.value for item in self.items]
            found = self.find(self.typed, values) if self.typed.strip() else values
            self._found = (self.typed, [v for v in dict.fromkeys(found) if v in set(values)])
        return self._found[1]

    def visible(self) -> list[Item]:
        found = set(self.matches())
        return [item for item in self.items if item.value in found]

    def settle_pointer(self, to_best: bool = False) -> None:
        visible = [item.value for item in self.visible()]
        if not visible:
            self.pointer = None
        elif to_best or self.pointer not in visible:
            self.pointer = self.matches()[0] if self.typed.strip() else visible[0]

    def move(self, steps: int) -> None:
        visible = [item.value for item in self.visible()]
        if not visible:
            return
        at = visible.index(self.pointer) if self.pointer in visible else 0
        self.pointer = visible[(at + steps) % len(visible)]

    def toggle(self) -> None:
        if self.pointer is None:
            return
        if self.pointer in self.checked:
            self.checked.remove(self.pointer)
        else:
            self.checked.append(self.pointer)
        self.shared.error = self.too_many()

    def chosen(self) -> list[str]:
        """Picked, plus the one pointed at when it was found by typing: typing
        a name and pressing Enter means that name. In the list's order."""
        picked = set(self.checked)
        if self.typed.strip() and self.pointer is not None:
            picked.add(self.pointer)
        return [item.value for item in self.items if item.value in picked]

    def too_many(self, chosen: list[str] | None = None) -> str | None:
        count = len(self.checked if chosen is None else chosen)
        if self.limit is not None and count > self.limit:
            return messages.PICK_AT_MOST.format(limit=self.limit)
        return None

    def rows(self) -> list[tuple[str, Item | str]]:
        rows: list[tuple[str, Item | str]] = []
        group = None
        for item in self.visible():
            if item.group and item.group != group:
                rows.append(("heading", item.group))
            group = item.group
            rows.append(("item", item))
        return rows


def ask_list(
    question: Fragments,
    items: Sequence[Item],
    *,
    multi: bool,
    default: Sequence[str] = (),
    limit: int | None = None,
    find: Find | None = None,
    hint: str = "",
) -> list[str]:
    """One choice (multi=False) or any number (at most `limit`), filtered by
    typing. `default` starts picked (multi) or pointed at (one choice)."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import HSplit, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    state = _List(list(items), multi, find or find_words, limit)
    values = [item.value for item in state.items]
    if multi:
        state.checked = [v for v in default if v in values]
    first = values[0] if values else None
    # One choice: the pointer starts on the default; several: at the top.
    state.pointer = first if multi else next((v for v in default if v in values), first)
    result: list[list[str]] = []

    def heading() -> Fragments:
        line = question_line(question)
        if state.typed:
            line += [("", " "), ("class:answer", state.typed), ("class:hint", "▏")]
        else:
            line += [("", " "), ("class:hint", hint)]
        return line

    def list_rows() -> int:
        room = _height() - _line_count(heading()) - (2 if state.shared.error else 0) - 1
        return max(3, min(room, MAX_LIST_ROWS))

    def body_text() -> Fragments:
        rows = state.rows()
        if not rows:
            nothing = messages.NOTHING_MATCHES.format(typed=state.typed.strip())
            return [("", " " * INDENT), ("class:hint", nothing)]
        room = list_rows()
        at = next(
            (i for i, (kind, row) in enumerate(rows) if kind == "item" and row is _item(state)),
            0,
        )
        if len(rows) <= room:
            shown, above, below = rows, 0, 0
        else:
            size = room - 1  # one line says how many more there are
            if at < state.offset:
                state.offset = at - 1 if at > 0 and rows[at - 1][0] == "heading" else at
            elif at >= state.offset + size:
                state.offset = at - size + 1
            state.offset = max(0, min(state.offset, len(rows) - size))
            shown = rows[state.offset : state.offset + size]
            above = sum(1 for kind, _ in rows[: state.offset] if kind == "item")
            below = sum(1 for kind, _ in rows[state.offset + size :] if kind == "item")
        width = _width() - 1
        lines = [_row(state, kind, row, width) for kind, row in shown]
        if above or below:
            more = [
                template.format(count=count)
                for template, count in ((messages.LIST_ABOVE, above), (messages.LIST_BELOW, below))
                if count
            ]
            hint = "  ".join([*more, messages.LIST_TYPE_TO_FIND])
            lines.append([("", " " * INDENT), ("class:hint", hint)])
        return _joined(lines)

    body = HSplit(
        [
            Window(
                FormattedTextControl(lambda: _joined(wrap(heading(), _width()))),
                dont_extend_height=True,
                always_hide_cursor=True,
            ),
            _message_window(state.shared),
            Window(
                FormattedTextControl(body_text), dont_extend_height=True, always_hide_cursor=True
            ),
        ]
    )

    bindings = KeyBindings()
    _stop_keys(bindings, lambda: True)

    def typed_changed() -> None:
        state.shared.error = state.too_many() if multi else None
        state.settle_pointer(to_best=True)

    @bindings.add(Keys.Any)
    def _type(event: KeyPressEvent) -> None:
        text = "".join(ch for ch in event.data if ch.isprintable())
        if text and not text.isspace():
            state.typed += text
            typed_changed()

    @bindings.add("space", eager=True)
    def _space(event: KeyPressEvent) -> None:
        if multi:
            state.toggle()
            if state.typed:
                state.typed = ""
                state.settle_pointer()
        elif state.typed:
            state.typed += " "
            typed_changed()

    @bindings.add("backspace", eager=True)
    def _back(event: KeyPressEvent) -> None:
        if state.typed:
            state.typed = state.typed[:-1]
            typed_changed()

    @bindings.add("c-u", eager=True)
    @bindings.add("escape")
    def _clear(event: KeyPressEvent) -> None:
        if state.typed:
            state.typed = ""
            typed_changed()

    for keys, steps in (
        (("up",), -1),
        (("c-p",), -1),
        (("s-tab",), -1),
        (("down",), 1),
        (("c-n",), 1),
        (("tab",), 1),
    ):
        bindings.add(*keys, eager=True)(_mover(state, steps))
    bindings.add("pageup", eager=True)(_mover(state, lambda: -(list_rows() - 2)))
    bindings.add("pagedown", eager=True)(_mover(state, lambda: list_rows() - 2))

    @bindings.add("enter", eager=True)
    @bindings.add("c-j", eager=True)  # Enter typed ahead
    def _accept(event: KeyPressEvent) -> None:
        if state.pointer is None and (state.typed.strip() or not multi):
            state.shared.error = messages.NOTHING_MATCHES.format(typed=state.typed.strip())
            return
        if not multi:
            result.append([str(state.pointer)])
            event.app.exit(result=result[0])
            return
        chosen = state.chosen()
        problem = state.too_many(chosen)
        if problem:
            state.shared.error = problem
            return
        result.append(chosen)
        event.app.exit(result=chosen)

    def done() -> Fragments:
        picked = result[0] if result else []
        return echo_line(question, ", ".join(picked) if picked else messages.PICKED_NONE)

    return list(_run(body, done, bindings))


def _item(state: _List) -> Item | None:
    return next((item for item in state.items if item.value == state.pointer), None)


def _mover(state: _List, steps: int | Callable[[], int]) -> Callable[[KeyPressEvent], None]:
    def handler(event: KeyPressEvent) -> None:
        state.move(steps() if callable(steps) else steps)

    return handler


def _row(state: _List, kind: str, row: Item | str, width: int) -> Fragments:
    if kind == "heading":
        return [("", " " * INDENT), ("class:hint", _fit(f"── {row}", width - INDENT))]
    assert isinstance(row, Item)
    pointed = row.value == state.pointer
    checked = row.value in state.checked
    line: Fragments = [("class:pointer", f" {POINTER} ") if pointed else ("", "   ")]
    if state.multi:
        line.append(("class:checked", f"{CHECKED} ") if checked else ("", f"{UNCHECKED} "))
    style = "class:pointer" if pointed else "class:checked" if checked else ""
    used = sum(len(fragment[1]) for fragment in line)
    name = _fit(one_line(row.value), width - used)  # words may come from an imported file
    line.append((style, name))
    if row.hint and used + len(name) + 2 < width:
        line.append(("class:hint", "  " + _fit(row.hint, width - used - len(name) - 2)))
    return line


def _fit(text: str, width: int) -> str:
    """Cut to `width` columns, with an ellipsis."""
    from prompt_toolkit.utils import get_cwidth

    if get_cwidth(text) <= width:
        return text
    head, _ = _cut(text, max(width - 1, 1))
    return head + "…"
