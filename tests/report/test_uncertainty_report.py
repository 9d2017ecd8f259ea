"""The report of a game with uncertain amounts and the history excursion (issue 12): its header
and setup say the history excursion was played, its timeline marks the real events with their
dates, and a table lists the values this game drew for the scenario's ranges."""

from __future__ import annotations

import re
from html import escape

import pytest

from game.engine.game import Game
from game.paths import PROJECT_ROOT
from game.report import write_report
from game.report.data import gather
from game.textui import signed
from tests.conftest import shared_by_module
from tests.report.test_report import md_text

HISTORY = PROJECT_ROOT / "tests" / "fixtures" / "history.yaml"
TABLE_HEADING = "Uncertain amounts this game drew"


@pytest.fixture(scope=shared_by_module)
def loaded():
    from game.scenario.loader import load_scenario

    return load_scenario(HISTORY)


def played(loaded, history: bool) -> Game:  # noqa: ANN001
    game = Game(loaded, 7, humans=(), history=history)
    while not game.over:
        game.resolve_turn()
    return game


def written(game: Game, out) -> tuple[str, str]:  # noqa: ANN001
    html_path, md_path = write_report(game, out, runs=0)
    return html_path.read_text(encoding="utf-8"), md_text(md_path.read_text(encoding="utf-8"))


def section(html: str, sid: str) -> str:
    start = html.index(f'<section id="{sid}"')
    return html[start : html.index("</section>", start)]


def test_a_history_game_says_so_in_the_header_setup_and_timeline(loaded, tmp_path, quick_charts):
    game = played(loaded, history=True)
    html, md = written(game, tmp_path / "out")
    header = html[: html.index('<section id="setup"')]
    assert "Seed 7 · history excursion (the real timeline) · generated" in header
    assert "Seed 7 · history excursion (the real timeline) · generated" in md
    assert "History excursion: the real timeline&#x27;s events happen" in section(html, "setup")
    timeline = section(html, "timeline")
    assert "<strong>History, 14 May 2020:</strong> Leaders&#x27;" in timeline
    assert "<strong>Inject:</strong> Election" in timeline  # the scenario's own: not history
    assert "**History, 14 May 2020:** Leaders' statement" in md


def test_a_game_without_the_history_excursion_says_nothing_of_it(loaded, tmp_path, quick_charts):
    html, md = written(played(loaded, history=False), tmp_path / "out")
    assert "history excursion (the real timeline)" not in html
    assert "The scenario&#x27;s own (no history excursion)" in section(html, "setup")
    assert "Leaders" not in html and "Leaders" not in md  # it never fired, nor was drawn for


def test_the_report_lists_the_values_this_game_drew(loaded, tmp_path, quick_charts):
    game = played(loaded, history=True)
    data = gather(game, runs=0)
    from game.wording import drawn_in_play

    acted = drawn_in_play(game)
    assert [(d.low, d.high, d.drawn) for d in data.drawn] == [(r.low, r.high, v) for r, v in acted]
    # only what acted: a measure never adopted draws a value that is not listed
    never = [
        r
        for r, _ in game.effects.drawn
        if r.kind == "in_force" and r.owner not in game.state.adopted
    ]
    assert all(r not in [a for a, _ in acted] for r in never)
    html, md = written(game, tmp_path / "out")
    table = section(html, "uncertain")
    assert f">{TABLE_HEADING}</h2>" in table and f"## {TABLE_HEADING}" in md
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S) for r in rows]
    assert cells[0] == ["What", "Indicator", "Range", "Drawn this game"]
    reaction = signed(next(v for r, v in game.effects.drawn if r.kind == "reaction"))
    assert [
        "Security dialogue: Red cell reaction on adoption",
        "Tension",
        "+2 to +9",
        f"<strong>{reaction}</strong>",
    ] in cells
    patrol = signed(next(v for r, v in game.effects.drawn if r.kind == "hit"))
    (patrol_row,) = [c for c in cells if c[0] == "Patrol (gray-zone action)"]
    assert patrol_row == [
        "Patrol (gray-zone action)",
        "Resilience (Maritime)",
        "-7 to -3",
        f"<strong>{patrol}</strong>",
    ]
    assert (
        f"| Security dialogue: Red cell reaction on adoption | Tension | +2 to +9 | **{reaction}** |"
        in md
    )


def test_a_scenario_without_ranges_says_every_game_plays_the_same(finished, tmp_path, quick_charts):
    html, md = written(finished, tmp_path / "out")
    assert "every game plays the same" in section(html, "uncertain")
    assert escape(TABLE_HEADING) in html and "every game plays the same" in md


def test_the_comparison_says_its_ai_games_had_no_history_excursion(loaded, tmp_path, quick_charts):
    note = "The AI games were played without the history excursion"
    html_path, _ = write_report(played(loaded, history=True), tmp_path / "a", runs=20)
    assert note in html_path.read_text(encoding="utf-8")
    html_path, _ = write_report(played(loaded, history=False), tmp_path / "b", runs=20)
    assert note not in html_path.read_text(encoding="utf-8")
