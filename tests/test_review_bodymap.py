"""The body map drawn: levels per place and side, the text-cell figure, the SVG."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.text import Text

from serjournal.render import bodymap
from serjournal.render.svgbody import body_svg
from serjournal.review.figures import RegionLoad, SideLoad


def loads() -> list[RegionLoad]:
    return [
        RegionLoad("chest", 5, 4.0, "tight", 2, [], ["anxious", "tender"]),
        # shoulders: 2 on the left at 5, 1 with no side at 2: left 12, right 2
        RegionLoad("shoulders", 3, 4.0, "tense", 0, [SideLoad("left", 2, 5.0)], []),
        RegionLoad("eyes", 1, 3.0, "tired", 0, [], []),  # a region of the user's own
    ]


def test_levels_follow_times_by_intensity_per_place_and_side() -> None:
    levels = bodymap.place_levels(loads())
    assert levels[("chest", None)] == 4  # 20, the most loaded place
    assert levels[("shoulders", "left")] == 3  # 12 / 20 of the way: ceil(2.4)
    assert levels[("shoulders", "right")] == 1  # the unsided one counts on both sides
    assert ("shoulders", None) not in levels  # a two-sided region is drawn as its sides
    assert levels[("eyes", None)] == 1
    assert bodymap.level_of(levels, "shoulders", "left") == 3
    assert bodymap.level_of(levels, "head", None) == 0
    assert bodymap.region_level(levels, "shoulders") == 3  # its darkest side


def test_a_side_felt_alone_leaves_the_other_side_empty() -> None:
    feet = RegionLoad("feet", 2, 3.0, "cold", 0, [SideLoad("right", 2, 3.0)], [])
    levels = bodymap.place_levels([feet])
    assert bodymap.level_of(levels, "feet", "right") == 4
    assert bodymap.level_of(levels, "feet", "left") == 0


def drawn(width: int = 80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
    changes = {"chest": Text("+3 ↑"), "shoulders": Text("new"), "eyes": Text("new")}
    console.print(bodymap.BodyFigure(loads(), changes))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_text_figure_shades_each_cell_and_labels_each_place() -> None:
    lines = drawn()
    figure = [line[2:15].ljust(13) for line in lines[1 : 1 + len(bodymap.FRONT)]]
    for row, template in zip(figure, bodymap.FRONT, strict=True):
        for cell, code in zip(row, template, strict=True):
            if code == "C":
                assert cell == "█"
            elif code == "s":  # the figure's left shoulder, on your right
                assert cell == "▓"
            elif code == "S":
                assert cell == "░"
            elif code in bodymap.CELLS:
                assert cell == bodymap.EMPTY
    chest = next(line for line in lines if " chest " in line)
    assert re.search(r"chest\s+█\s+5× 4\.0\s+\+3 ↑\s+anxious, tender", chest)
    shoulders = next(line for line in lines if " shoulders " in line)
    assert re.search(r"shoulders\s+▓\s+3× 4\.0\s+new\s+left 2", shoulders)
    assert "times" in lines[0] and "change" in lines[0]
    assert any("right  left" in line for line in lines)
    elsewhere = lines.index("  elsewhere")
    assert "eyes" in lines[elsewhere + 1]  # not on the figure, still listed


def test_text_figure_fits_sixty_columns() -> None:
    assert max(len(line) for line in drawn(60)) <= 60


def test_svg_figure_shades_titles_and_escapes() -> None:
    strange = RegionLoad("chest", 2, 5.0, "<tight>", 0, [], ["a&b"])
    svg = body_svg([strange, *loads()[1:]], {"chest": "+1 ↑"}, figure_id="t")
    chest = re.search(r'data-region="chest" data-level="(\d)"><title>([^<]*)</title>', svg)
    assert chest is not None and chest[1] == "4"
    assert chest[2] == (
        "chest: 2 times, average intensity 5.0, mostly &lt;tight&gt;; "
        "against the period before: +1 ↑; felt here: a&amp;b"
    )
    assert 'data-region="head" data-level="0"><title>head: nothing noted</title>' in svg
    shapes = re.findall(r'data-region="shoulders" data-level="(\d)"', svg)
    assert shapes == ["1", "4"]  # right (on your left) first, then left
    assert "<script" not in svg and "href" not in svg
