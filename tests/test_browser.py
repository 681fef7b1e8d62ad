"""The saved review and the practitioner report, opened in a real browser.

Headless Chromium (Debian's `chromium`; .ci/install-browser installs it in
CI) opens each page and checks what a person would see: the body map SVG is
drawn and visible, nothing runs off the side at 375 and 1280 pixels, the
print layout fits A4, and the page loads nothing but itself (no script, no
font, no image from anywhere). Skipped, with the reason, only where no
Chromium is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal.cli import app
from serjournal.demo import fill_journal
from serjournal.render.yearview import MONTHS
from serjournal.store.connection import open_journal
from tests.browser import Browser, find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium installed: .ci/install-browser installs Debian's 'chromium' "
    "(it needs apt-get and root); the browser checks did not run",
)

WIDTHS = (375, 1280)
A4_CONTENT_PX = round((210 - 28) / 25.4 * 96)  # A4 less the 14 mm margins of @page
A4_POINTS = (595, 842)

LOOK = """(() => {
  const svg = document.querySelector('svg.body-map');
  const width = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('body *')]
    .filter(el => { const b = el.getBoundingClientRect();
                    return b.width > 0 && (b.right > width + 0.5 || b.left < -0.5); })
    .map(el => el.tagName + '.' + (el.getAttribute('class') || ''));
  let figure = null;
  if (svg) {
    svg.scrollIntoView();
    const box = svg.getBoundingClientRect();
    const style = getComputedStyle(svg);
    const shapes = [...svg.querySelectorAll('[data-region]')];
    const chest = svg.querySelector('[data-region="chest"]').getBoundingClientRect();
    const hit = document.elementFromPoint(chest.x + chest.width / 2, chest.y + chest.height / 2);
    figure = {
      width: box.width, height: box.height, left: box.left, right: box.right,
      display: style.display, visibility: style.visibility, opacity: style.opacity,
      shapes: shapes.length,
      titled: shapes.filter(s => s.querySelector('title')).length,
      shaded: shapes.filter(s => s.dataset.level !== '0').length,
      chestOnTop: hit !== null && hit.closest('svg.body-map') === svg,
    };
  }
  return {
    scrollWidth: document.documentElement.scrollWidth, width, over,
    scripts: document.scripts.length,
    resources: performance.getEntriesByType('resource').map(e => e.name),
    figure,
  };
})()"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A saved review (four weeks, and a year), its SVG, and a report, from
    fourteen weeks of demo check-ins."""
    folder = tmp_path_factory.mktemp("browser")
    journal = folder / "journal.db"
    db = open_journal(journal)
    fill_journal(db, weeks=14, end=date.today(), seed=3)
    db.close()
    runner = CliRunner()
    made = {
        "review": folder / "review.html",
        "year": folder / "year.html",
        "svg": folder / "review.svg",
        "report": folder / "report.html",
    }
    commands = [
        ["review", "--last", "28", "--save", str(made["review"])],
        ["review", "--year", "--save", str(made["year"])],
        ["review", "--last", "28", "--save", str(made["svg"])],
        ["report", "--since", "6 weeks ago", "--include-notes", "-o", str(made["report"])],
    ]
    for args in commands:
        result = runner.invoke(app, [*args, "--db", str(journal)])
        assert result.exit_code == 0, result.output
    return made


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    chromium = Browser(CHROMIUM)
    try:
        yield chromium
    finally:
        chromium.close()


def only_the_page_itself(browser: Browser, page: Path, looked: dict[str, Any]) -> None:
    assert browser.requested() == [page.resolve().as_uri()]
    assert looked["scripts"] == 0 and looked["resources"] == []


@pytest.mark.parametrize("name", ["review", "year", "report"])
@pytest.mark.parametrize("width", WIDTHS)
def test_page_renders_at_phone_and_desktop_width(
    browser: Browser, pages: dict[str, Path], name: str, width: int
) -> None:
    page = pages[name]
    browser.open(page, width)
    looked = browser.evaluate(LOOK)
    only_the_page_itself(browser, page, looked)
    visible = looked["width"]  # the window less a scrollbar, if it shows one
    assert width - 20 <= visible <= width
    assert looked["scrollWidth"] <= visible, looked["over"]
    assert looked["over"] == []
    figure = looked["figure"]
    assert figure is not None, "the body map figure is on the page"
    assert figure["display"] != "none" and figure["visibility"] == "visible"
    assert figure["opacity"] == "1"
    assert figure["width"] >= 150 and figure["height"] >= 150
    assert figure["left"] >= 0 and figure["right"] <= visible
    assert figure["shapes"] == figure["titled"] >= 20  # every place has its hover title
    assert figure["shaded"] >= 5 and figure["chestOnTop"]


def test_year_view_has_a_square_for_every_day_so_far(
    browser: Browser, pages: dict[str, Path]
) -> None:
    browser.open(pages["year"], 1280)
    days = browser.evaluate(
        "[...document.querySelectorAll('.year rect')].map(r => r.querySelector('title')"
        ".textContent)"
    )
    today = date.today()
    assert len(days) == today.timetuple().tm_yday  # 1 January up to today
    assert days[0].startswith(date(today.year, 1, 1).strftime("%a %d %b %Y"))
    assert days[-1].startswith(today.strftime("%a %d %b %Y"))
    labels = browser.evaluate(
        "[...document.querySelectorAll('.year text')].map(t => t.textContent)"
    )
    assert [label for label in labels if label in MONTHS] == list(MONTHS)  # every month named
    assert {"1", "15", "30"} <= set(labels)


@pytest.mark.parametrize("name", ["review", "report"])
def test_print_layout_fits_a4(browser: Browser, pages: dict[str, Path], name: str) -> None:
    page = pages[name]
    browser.open(page, 1280)
    browser.media("print", A4_CONTENT_PX)
    looked = browser.evaluate(LOOK)
    assert looked["scrollWidth"] <= A4_CONTENT_PX, looked["over"]
    assert looked["figure"]["right"] <= A4_CONTENT_PX
    pdf = browser.pdf()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes, "the PDF has pages"
    for width, height in boxes:
        assert (round(float(width)), round(float(height))) == A4_POINTS
    pages_printed = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages_printed <= 8
    only_the_page_itself(browser, page, looked)


def test_saved_svg_loads_nothing_and_shows_the_figure(
    browser: Browser, pages: dict[str, Path]
) -> None:
    page = pages["svg"]
    browser.open(page, 1280)
    assert browser.requested() == [page.resolve().as_uri()]
    looked = browser.evaluate(
        "(() => { const s = document.querySelector('svg.body-map'); const b = s.getBBox();"
        " return {w: b.width, h: b.height, titles: s.querySelectorAll('[data-region] > title')"
        ".length, resources: performance.getEntriesByType('resource').length}; })()"
    )
    assert looked["w"] > 100 and looked["h"] > 100 and looked["titles"] >= 20
    assert looked["resources"] == 0
