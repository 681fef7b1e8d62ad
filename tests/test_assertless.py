"""tests/assertless.py, the CI check that every test checks something."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.assertless import Checker, main


def names_flagged(tmp_path: Path, source: str, helpers: str = "") -> list[str]:
    test_file = tmp_path / "test_sample.py"
    test_file.write_text(textwrap.dedent(source), encoding="utf-8")
    files = [test_file]
    if helpers:
        files.append(tmp_path / "helpers.py")
        files[-1].write_text(textwrap.dedent(helpers), encoding="utf-8")
    return [finding.name for finding in Checker(files).findings()]


def test_what_counts_as_checking_something(tmp_path: Path) -> None:
    source = """
        import contextlib
        import pytest

        def test_plain_assert():
            assert 1 + 1 == 2

        def test_raises():
            with pytest.raises(ValueError):
                int("x")

        def test_fail_on_a_branch(x=1):
            if x:
                pytest.fail("no")

        def test_terminal(child):
            child.expect("Saved")

        def test_local_helper_that_asserts():
            must_be_two(2)

        def test_helper_of_a_helper():
            checks_through_another(2)

        def test_library_assertion(frame):
            frame.assert_equal(frame)

        def must_be_two(n):
            assert n == 2

        def checks_through_another(n):
            must_be_two(n)
    """
    assert names_flagged(tmp_path, source) == []


def test_what_checks_nothing(tmp_path: Path) -> None:
    source = """
        import contextlib
        from serjournal.errors import InputError

        def test_only_calls(parse):
            parse("x")

        def test_assert_only_inside_suppress(parse):
            with contextlib.suppress(InputError):
                assert parse("x") == 1

        def test_constant_assert():
            assert True

        def test_helper_that_only_prints():
            report()

        def test_method_named_like_a_helper(out):
            out.must_be_two(2)

        @settings(must_be_two(2))
        def test_decorated_by_a_helper_that_asserts():
            pass

        def report():
            print("done")

        def must_be_two(n):
            assert n == 2
    """
    assert names_flagged(tmp_path, source) == [
        "test_only_calls",
        "test_assert_only_inside_suppress",
        "test_constant_assert",
        "test_helper_that_only_prints",
        "test_method_named_like_a_helper",
        "test_decorated_by_a_helper_that_asserts",
    ]


def test_helpers_in_other_files_count_and_cycles_prove_nothing(tmp_path: Path) -> None:
    source = """
        from helpers import assert_saved, ping

        def test_uses_a_shared_helper(db):
            assert_saved(db)

        def test_cycle():
            ping()
    """
    helpers = """
        def assert_saved(db):
            assert db.count() == 1

        def ping():
            pong()

        def pong():
            ping()
    """
    assert names_flagged(tmp_path, source, helpers) == ["test_cycle"]


def test_a_helper_named_assert_that_asserts_nothing_does_not_count(tmp_path: Path) -> None:
    source = """
        def test_trusts_the_name():
            assert_fine()

        def assert_fine():
            print("fine")
    """
    assert names_flagged(tmp_path, source) == ["test_trusts_the_name"]


def test_the_command_exits_1_and_lists_each_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "test_x.py").write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'test_x.py'}:1: test_nothing checks nothing",
        "1 test(s) check nothing: give each an assertion of its outcome.",
    ]
    (tmp_path / "test_x.py").write_text("def test_something():\n    assert 2 > 1\n")
    assert main([str(tmp_path)]) == 0


def test_this_repositorys_tests_all_check_something() -> None:
    assert main([str(Path(__file__).parent)]) == 0
