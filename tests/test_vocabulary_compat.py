"""Exports made before the research vocabulary (issue 11) re-import unchanged.

tests/fixtures/export-v1/ was made once by main's code at 8b2cd39, whose
coordinates were set per family (confused: pleasant, high energy), with all
39 words of the first release and one word from the user's config (wistful).
See make.sh there. These files are frozen: never regenerate them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from serjournal import paths
from serjournal.cli import app

FROZEN = Path(__file__).resolve().parent / "fixtures" / "export-v1"
runner = CliRunner()


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def emotions(journal: Path) -> dict[str, set[tuple[Any, ...]]]:
    """Each stored name -> its (family, valence, energy, intensity, region) rows."""
    found: dict[str, set[tuple[Any, ...]]] = {}
    with sqlite3.connect(journal) as conn:
        for name, *rest in conn.execute(
            "SELECT name, family, valence, energy, intensity, region FROM emotions"
        ):
            found.setdefault(name, set()).add(tuple(rest))
    conn.close()
    return found


def coordinates(rows: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    return {row[:3] for row in rows}


def with_the_users_config() -> None:
    """The config the export was made with: wistful is the user's own word."""
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[emotions.wistful]\nfamily = "sadness"\n', encoding="utf-8")


def test_the_json_export_re_imports_unchanged(journal_path: Path) -> None:
    """Without the old config, and with today's coordinates for these words:
    every entry comes back exactly as it was recorded."""
    frozen = json.loads((FROZEN / "export.json").read_text(encoding="utf-8"))
    ok("import", str(FROZEN / "export.json"), "--db", str(journal_path))
    again = json.loads(ok("export", "--format", "json", "--db", str(journal_path)))
    assert again["checkins"] == frozen["checkins"]
    saved = emotions(journal_path)
    assert len(saved) == 40  # 39 words of the first release, and wistful
    # Recorded per family then, kept now: the review of an old week is unchanged.
    assert coordinates(saved["confused"]) == {("surprise", "pleasant", "high")}
    assert coordinates(saved["startled"]) == {("surprise", "pleasant", "high")}
    assert coordinates(saved["repulsed"]) == {("disgust", "unpleasant", "high")}
    assert saved["wistful"] == {("sadness", "unpleasant", "low", 4, "throat")}
    # Another import finds everything already there.
    out = runner.invoke(app, ["import", str(FROZEN / "export.json"), "--db", str(journal_path)])
    assert out.exit_code == 0 and "0 check-ins" in out.output + out.stderr


def test_the_emotions_table_exports_as_it_did(journal_path: Path) -> None:
    ok("import", str(FROZEN / "export.json"), "--db", str(journal_path))
    exported = ok("export", "--table", "emotions", "--db", str(journal_path))
    assert exported == (FROZEN / "emotions.csv").read_text(encoding="utf-8")


def test_checkins_csv_re_imports_and_exports_the_same_file(journal_path: Path) -> None:
    """checkins.csv carries names, not coordinates: it comes back the same
    file, and its entries take today's per-word coordinates (as the export's
    README has always said)."""
    with_the_users_config()
    ok("import", str(FROZEN / "checkins.csv"), "--db", str(journal_path))
    exported = ok("export", "--table", "checkins", "--db", str(journal_path))
    # The same file, but for the user's own word, which now carries its family
    # and coordinates so that it re-imports whole without the config (issue 9),
    # and the column added since at the end of each row (followup, issue 10).
    frozen = (FROZEN / "checkins.csv").read_text(encoding="utf-8")
    own = "wistful:4:throat"
    assert own in frozen
    header, *rows = frozen.replace(own, own + ":sadness:unpleasant:low").split("\n")
    expected = "\n".join([header + ",followup", *(row + "," if row else row for row in rows)])
    assert exported == expected
    saved = emotions(journal_path)
    assert coordinates(saved["confused"]) == {("surprise", "unpleasant", "low")}
    assert saved["wistful"] == {("sadness", "unpleasant", "low", 4, "throat")}  # the config's


def test_a_word_gone_from_the_config_maps_through_the_synonym_table(journal_path: Path) -> None:
    """Without the config, checkins.csv's 'wistful' is an everyday form of
    melancholy: the row imports as that word instead of being refused."""
    ok("import", str(FROZEN / "checkins.csv"), "--db", str(journal_path))
    saved = emotions(journal_path)
    assert "wistful" not in saved
    assert saved["melancholy"] == {("sadness", "unpleasant", "low", 4, "throat")}
