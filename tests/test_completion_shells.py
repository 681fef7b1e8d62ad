"""Shell completion as bash and zsh really ask for it (issue 13).

bash splits a word at ':' (COMP_WORDBREAKS), so `--sensation chest:t<Tab>`
arrives as the words `chest`, `:`, `t`; the real bash function from
`serjournal --show-completion bash` is sourced and run here. zsh passes the
whole line in _TYPER_COMPLETE_ARGS. Ids are offered for show, edit, delete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal.cli import app

BASH = shutil.which("bash")


def bash_complete(words: list[str], env: dict[str, str]) -> list[str]:
    """Run serjournal's own bash completion function on `words` (the last
    one is being completed) and return COMPREPLY."""
    script = subprocess.run(
        [sys.executable, "-m", "serjournal", "--show-completion", "bash"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    run = (
        f"{script}\nCOMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}\n"
        "_serjournal_completion serjournal\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    assert BASH is not None
    done = subprocess.run([BASH, "--norc", "-c", run], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def zsh_complete(line: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "serjournal"],
        capture_output=True, text=True, check=True,
        env={**env, "_TYPER_COMPLETE_ARGS": line, "_SERJOURNAL_COMPLETE": "complete_zsh"},
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def env(journal_path: Path, tmp_path: Path) -> dict[str, str]:
    result = CliRunner().invoke(
        app, ["checkin", "--db", str(journal_path), "--mood", "6", "-s", "chest:tight:5",
              "--tag", "garden", "--id", "5f0c2a4e-1111-4c1e-9f57-1d2a3b4c5d6e"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # The completion script runs `serjournal` through env(1), which finds
    # programs on PATH, not shell functions: this Python's serjournal goes first.
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    program = bin_folder / "serjournal"
    program.write_text(f'#!/bin/sh\nexec {sys.executable} -m serjournal "$@"\n')
    program.chmod(0o755)
    path = f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "SERJOURNAL_DB": str(journal_path), "PATH": path}


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_a_sensation_after_the_colon(env: dict[str, str]) -> None:
    # What bash's COMP_WORDS holds for `serjournal checkin --sensation chest:t`.
    words = ["serjournal", "checkin", "--sensation", "chest", ":", "t"]
    assert bash_complete(words, env) == [
        "tight:",
        "tense:",
        "tingling:",
        "throbbing:",
        "trembling:",
    ]
    regions = bash_complete(["serjournal", "checkin", "-s", "ch"], env)
    assert regions == ["chest:"]
    after_colon = bash_complete(["serjournal", "checkin", "-s", "chest", ":"], env)
    assert after_colon[:2] == ["warm:", "hot:"]  # every quality, in the vocabulary's order


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_an_emotion_region_and_keeps_earlier_words(env: dict[str, str]) -> None:
    words = ["serjournal", "checkin", "-s", "chest", ":", "tight", ":", "5",
             "--emotion", "anxious", ":", "5", ":", "ch"]  # fmt: skip
    assert bash_complete(words, env) == ["chest"]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_ids_for_show_edit_and_delete(env: dict[str, str]) -> None:
    for command in ("show", "edit", "delete"):
        assert bash_complete(["serjournal", command, ""], env) == ["last", "5f0c2a4e"]
    assert bash_complete(["serjournal", "show", "5f"], env) == ["5f0c2a4e"]


def test_zsh_completes_a_sensation_with_its_colons_escaped(env: dict[str, str]) -> None:
    out = zsh_complete("serjournal checkin --sensation chest:te", env)
    assert out.strip() == "_arguments '*: :((\"chest\\\\:tense\\\\:\"))'"


def test_zsh_offers_ids_with_a_line_to_recognise_them(env: dict[str, str]) -> None:
    out = zsh_complete("serjournal show ", env)
    assert '"last":"the newest check-in"' in out
    assert '"5f0c2a4e":"' in out and "mood 6/10" in out and "chest" in out
    assert out.count("\n") <= 3  # one line per id: no hint is wrapped


def test_completion_never_creates_a_journal(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "journal.db"
    env = {**os.environ, "SERJOURNAL_DB": str(missing)}
    out = zsh_complete("serjournal show ", env)
    assert "last" not in out  # nothing to offer yet ...
    assert not missing.exists() and not missing.parent.exists()  # ... and nothing made
