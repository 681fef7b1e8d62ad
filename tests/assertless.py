"""List the test functions that check nothing. Run by .ci/run; exits 1 if any.

    python -m tests.assertless [FILE_OR_FOLDER ...]     (default: tests/)

A test function (named test_* in a test_*.py file) checks something when its
body, outside any `with suppress(...)` block, has at least one of:
- an `assert` statement whose condition is not a constant;
- `pytest.raises`, `pytest.warns` or `pytest.fail` (`fail` only says no when a
  branch is taken, which is how a test states "this must not happen");
- a pexpect `expect(...)`/`expect_exact(...)`, which fails when the text never
  comes;
- a call to a helper that checks something: a function defined in the tests,
  called by its plain name, whose own body checks something by these rules
  (helpers calling helpers are followed); or any other call whose name starts
  with `assert` (a library's assert_frame_equal, unittest's assertEqual).
An assertion inside `suppress(SomeError)` counts for nothing: when the error
comes, the assertion never runs and the test passes having checked nothing.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHECKING_CALLS = {"raises", "warns", "fail", "expect", "expect_exact"}


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    name: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.name} checks nothing"


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_suppress(item: ast.withitem) -> bool:
    expr = item.context_expr
    return isinstance(expr, ast.Call) and _called_name(expr) == "suppress"


def _nodes_outside_suppress(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under `node`, leaving out the bodies of `with suppress(...)`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.With | ast.AsyncWith) and any(
            _is_suppress(item) for item in child.items
        ):
            continue
        yield child
        yield from _nodes_outside_suppress(child)


class Checker:
    def __init__(self, files: Iterable[Path]) -> None:
        self.trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in files}
        self.helpers: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.helpers.setdefault(node.name, []).append(node)
        self._known: dict[str, bool] = {}

    def _helper_checks(self, name: str) -> bool:
        if name in self._known:
            return self._known[name]
        self._known[name] = False  # while deciding: a cycle proves nothing
        result = any(self.checks(helper) for helper in self.helpers[name])
        self._known[name] = result
        return result

    def checks(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        body = ast.Module(body=function.body, type_ignores=[])  # not decorators nor defaults
        for node in _nodes_outside_suppress(body):
            if isinstance(node, ast.Assert) and not isinstance(node.test, ast.Constant):
                return True
            if isinstance(node, ast.Call):
                name = _called_name(node)
                if name is None:
                    continue
                if name in CHECKING_CALLS:
                    return True
                # A plain name may be one of the tests' helpers; a method
                # (file.write) is not, unless it is named like an assertion.
                if isinstance(node.func, ast.Name) and name in self.helpers:
                    if self._helper_checks(name):
                        return True
                elif name.startswith("assert"):
                    return True
        return False

    def findings(self) -> list[Finding]:
        found = []
        for path, tree in self.trees.items():
            if not path.name.startswith("test_"):
                continue
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                    and node.name.startswith("test_")
                    and not self.checks(node)
                ):
                    found.append(Finding(path, node.lineno, node.name))
        return sorted(found, key=lambda f: (str(f.path), f.line))


def python_files(places: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for place in places:
        files.extend(sorted(place.rglob("*.py")) if place.is_dir() else [place])
    return files


def main(argv: list[str]) -> int:
    places = [Path(a) for a in argv] or [Path(__file__).parent]
    findings = Checker(python_files(places)).findings()
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} test(s) check nothing: give each an assertion of its outcome.")
        return 1
    print("every test checks something")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
