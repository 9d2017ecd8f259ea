"""The assumptions page reads in a real browser at phone and laptop widths: nothing wider than
the screen (wide tables scroll inside their own box), every section there, no script run and
nothing loaded from elsewhere. Screenshots go to $ASSUMPTIONS_SHOTS when it is set."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.report.assumptions import SECTIONS, write_assumptions
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES

WIDTHS = ((390, 844), (1280, 800))
NOW = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The page of the test scenario (ranges, sources, history) and of the default one."""
    from game.paths import DEFAULT_SCENARIO

    out = tmp_path_factory.mktemp("pages")
    found = {}
    for name, path in (("fixture", FIXTURES / "assumptions.yaml"), ("default", DEFAULT_SCENARIO)):
        html, _md = write_assumptions(load_scenario(path), out / name, runs=5, now=NOW)
        found[name] = html
    return found


@pytest.mark.parametrize("which", ["fixture", "default"])
@pytest.mark.parametrize("size", WIDTHS, ids=lambda s: f"{s[0]}px")
def test_the_page_fits_the_screen_and_shows_every_section(browser, pages, which, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(pages[which].as_uri())
    page.wait_for_load_state("load")
    # no element outside a scrolling table box is wider than the screen
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
              .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > innerWidth + 1)
              .map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"""
    )
    assert too_wide == [], too_wide
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    ids = page.evaluate("[...document.querySelectorAll('section[id]')].map(s => s.id)")
    expected = [a for a, _ in SECTIONS]  # both have a history excursion
    assert ids == expected
    text = page.evaluate("document.body.innerText")
    assert "Calibration runs" in text and "How games are scored" in text
    assert requests == [pages[which].as_uri()]  # nothing loaded from elsewhere
    shots = os.environ.get("ASSUMPTIONS_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/{which}-{size[0]}.png")
        page.screenshot(path=f"{shots}/{which}-{size[0]}-full.png", full_page=True)
    page.close()
