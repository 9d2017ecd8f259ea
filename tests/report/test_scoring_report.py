"""The report says how games are scored, in the engine's one wording, and shows each score as the
state of the region and the score it made; what a crisis cost; how far the red cell got towards
its aims; and which of its actions were inducements. In HTML and in Markdown alike."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.scoring import describe_scoring
from game.report import write_report
from game.scenario.loader import load_scenario
from game.textui import number
from tests.conftest import shared_by_module
from tests.report.test_report import md_text

RED_CELL = Path(__file__).resolve().parents[1] / "fixtures" / "red-cell.yaml"
INDUCEMENT = "Beijing offers opposition mayors a trade fair"
COERCION = "Coast guard ships patrol the strait"


def _game(crisis: bool) -> Game:
    game = Game(load_scenario(RED_CELL), 3, humans=())
    if crisis:
        game.adjust("tension", 70, "the class escalated on purpose")
    while not game.over:
        game.resolve_turn()
    assert game.state.crisis is crisis
    return game


@pytest.fixture(scope=shared_by_module, params=[False, True], ids=["calm", "crisis"])
def report(request, tmp_path_factory):
    """(game, HTML, Markdown as a viewer shows it) for a game of the red-cell scenario."""
    game = _game(request.param)
    out = tmp_path_factory.mktemp("report")
    html, md = write_report(game, out, runs=3)
    return game, html.read_text(encoding="utf-8"), md_text(md.read_text(encoding="utf-8"))


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_how_you_are_scored_is_a_section_in_the_engines_words(report):
    game, html, md = report
    lines = describe_scoring(game.book)
    html_part = _section(html, '<section id="scoring">', "</section>")
    md_part = _section(md, "## How you are scored\n", "\n## ")
    for line in lines:
        assert f"<p>{escape(line)}</p>" in html_part
        assert f"\n{line}\n" in md_part
    assert 'href="#scoring"' in html  # listed in the contents


def test_the_outcome_shows_state_of_the_region_then_score(report):
    game, html, md = report
    r = game.result()
    html_part = _section(html, '<section id="outcome">', '<section id="scoring">')
    md_part = _section(md, "## Outcome and scores\n", "## How you are scored\n")
    assert (
        f'State of the region (their weighted mean)</td><td class="num">{number(r.shared.state)}<'
        in html_part
    )
    assert f"| State of the region (their weighted mean) | {number(r.shared.state)} |" in md_part
    for actor, sc in r.delegations.items():
        title = game.book.delegations[actor].title
        row = next(line for line in md_part.splitlines() if line.startswith(f"| {title} |"))
        assert f"| {number(sc.state)} | **{number(sc.score)}** |" in row
        assert f'<td class="num">{number(sc.state)}</td><td class="num"><strong>' in html_part


def test_a_crisis_is_said_to_have_capped_the_scores(report):
    game, html, md = report
    capped = "a crisis is a loss: it capped every score at 25"
    if game.result().crisis:
        assert capped in html and capped in md
        assert "on the crisis scale" in html and "on the crisis scale" in md
    else:
        assert capped not in html and capped not in md


def test_the_red_cells_aims_are_reported(report):
    game, html, md = report
    aims = game.result().red_cell
    assert aims is not None
    headline = f"The PRC red cell got {number(aims.score)} of 100 of the way to its aims."
    assert escape(headline) in html and headline in md
    assert "Cooperation (wants it low)" in md and "Tension (wants it high)" in md


def test_inducements_are_tagged_in_the_timeline_and_coercion_is_not(report):
    _, html, md = report
    timeline_html = _section(html, '<section id="timeline">', "</section>")
    timeline_md = _section(md, "## Decision timeline\n", "\n## ")
    assert f'<span class="tag inducement">inducement</span>{INDUCEMENT}' in timeline_html
    assert f"`inducement` {INDUCEMENT}" in timeline_md
    assert f"gray-zone actions:</strong> {COERCION}" in timeline_html
    assert f"inducement</span>{COERCION}" not in timeline_html


def test_a_scenario_whose_red_cell_has_no_aims_reports_none(mini, tmp_path):
    game = Game(mini, 3)
    while not game.over:
        game.resolve_turn()
    html, md = write_report(game, tmp_path / "out", runs=0)
    text = md.read_text(encoding="utf-8")
    assert "red cell's aims" not in text and "of the way to its aims" not in text
    assert "## How you are scored" in text
