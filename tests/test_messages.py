"""The message catalogue stays one clean namespace with the product's tone."""

from __future__ import annotations

import ast
import inspect

from serjournal import messages


def _assigned_names() -> list[str]:
    tree = ast.parse(inspect.getsource(messages))
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]


def test_no_message_is_defined_twice() -> None:
    names = _assigned_names()
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert duplicates == []


def test_messages_are_calm_no_exclamation_marks() -> None:
    loud = [n for n in _assigned_names() if "!" in str(getattr(messages, n))]
    assert loud == []
