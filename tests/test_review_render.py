"""The small drawing helpers of the review, and a drawn review from a hand journal."""

from __future__ import annotations

import io
from datetime import date

from serjournal.render import review as draw
from serjournal.render.console import make_console
from serjournal.review.periods import iso_week
from serjournal.review.summary import build_summary
from tests.journal_builder import add


def test_spark_maps_zero_to_ten_onto_eight_blocks() -> None:
    assert [draw.spark(v) for v in (0, 1.3, 5, 9.9, 10)] == ["▁", "▂", "▅", "█", "█"]
    assert draw.spark(None) == draw.NO_DATA


def test_signed_changes_and_arrows() -> None:
    assert draw.signed(1.25) == "+1.2" and draw.signed(-0.04) == "±0.0"
    assert draw.signed(3, digits=0) == "+3" and draw.signed(None) == ""
    assert (draw.arrow(0.4), draw.arrow(-0.4), draw.arrow(0.01)) == ("↑", "↓", "→")


def test_change_colour_follows_the_easier_direction() -> None:
    assert draw.change_text("mood", 0.5).style == "sj.easier"
    assert draw.change_text("distress", 0.5).style == "sj.harder"
    assert draw.change_text("distress", -0.5).style == "sj.easier"
    assert draw.change_text("mood", None).plain == "new"


def test_bars_scale_to_the_largest_value() -> None:
    assert draw.bar(4, 4, 8) == "█" * 8
    assert draw.bar(1, 4, 8) == "██"
    assert draw.bar(1, 8, 4) == "▌"
    assert draw.bar(0, 4, 8) == ""


def test_drawn_review_shows_the_hand_figures(db) -> None:  # type: ignore[no-untyped-def]
    add(
        db,
        "2026-11-16",
        mood=4,
        distress=8,
        sensations=[("shoulders", "tight", 7)],
        emotions=[("anxious", 6, "chest"), ("content", 3)],
        takeaway="Breathe out longer.",
    )
    add(
        db,
        "2026-11-18",
        mood=8,
        distress=2,
        practice="breath",
        distress_after=1,
        sensations=[("chest", "warm", 3, 1, True)],
    )
    add(db, "2026-11-10", mood=5, distress=4)
    summary = build_summary(db.conn, iso_week(date(2026, 11, 18)), date(2026, 11, 25))
    console = make_console(file=io.StringIO(), width=80, no_color=True, highlight=False)
    console.print(draw.render_review(summary))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "M T W T F S S" in text
    assert "▄ · ▇ · · · ·" in text  # mood 4 on Monday, 8 on Wednesday
    assert "6.0 (2)  +1.0 ↑" in text  # mood average, against 5.0 the week before
    assert "5.0 (2)  +1.0 ↑" in text  # distress (8 + 2) / 2 against 4
    assert "shoulders" in text  # the figure's label; its quality is in the table
    plain = make_console(file=io.StringIO(), width=80, no_color=True)
    plain.print(draw.render_review(summary, plain=True))
    table = plain.file.getvalue().split("Body map")[1].split("Emotions")[0]  # type: ignore[attr-defined]
    assert "shoulders" in table and "tight" in table
    assert "anxious (fear) ×1, felt in chest" in text
    assert "felt in" not in text.split("content (joy) ×1")[1].split("\n")[0]
    assert "breath" in text and "-2.0 (1)" in text and "-1.0 (1)" in text
    assert "Wed 18 Nov" not in text.split("Takeaways")[1].split("Patterns")[0]
    assert "Mon 16 Nov  Breathe out longer." in text


def test_drawn_review_lists_tags_with_their_change(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", tags=["work", "sleep"])
    add(db, "2026-11-17", tags=["work"])
    add(db, "2026-11-10", tags=["work"])
    summary = build_summary(db.conn, iso_week(date(2026, 11, 18)), date(2026, 11, 25))
    console = make_console(file=io.StringIO(), width=80, no_color=True, highlight=False)
    console.print(draw.render_review(summary))
    section = console.file.getvalue().split("Tags")[1].split("Patterns")[0]  # type: ignore[attr-defined]
    assert "work 2 +1 ↑" in section and "sleep 1 +1 ↑" in section
