"""How a scenario is scored, in the words the window's "How you are scored" page, the terminal's
`?` and the report show (`scoring.describe_scoring`, `scoring.objectives_text`): every weight,
threshold and aim of the scenario appears, and a weight of 0 leaves its term out."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.scoring import describe_scoring, objectives_text
from game.scenario.loader import load_scenario_text

RED_CELL = Path(__file__).parent.parent / "fixtures" / "red-cell.yaml"

OPENING = (
    "Scores measure the state of the region when the game ends, not how much was done. "
    "Adopting a measure scores nothing by itself: it counts through what it does to "
    "cooperation, resilience, tension and domestic support, including the red cell's answer."
)
OWN = (
    "Each delegation's own score is built the same way from the state of the region as its "
    "objectives weigh it:"
)


def book_of(text: str):
    return Game(load_scenario_text(text, "scoring.yaml"), 1).book


@pytest.fixture
def red_cell_text() -> str:
    return RED_CELL.read_text(encoding="utf-8")


def test_the_default_weights_and_thresholds_are_said_in_full(red_cell_text):
    assert describe_scoring(book_of(red_cell_text)) == [
        OPENING,
        "The state of the region (0 to 100) is a weighted mean of: cooperation, weight 1; "
        "mean resilience across the domains, weight 1; stability (100 minus tension), weight 1.",
        "A crisis is a loss. A game that ends without a crisis scores from 30 to 100: 30 plus "
        "70 times the state of the region / 100. A game that ends in crisis (tension reaches "
        "90) scores from 0 to 25: 25 times the state of the region / 100. So any game without "
        "a crisis beats any game with one, for every delegation as well as for the shared score.",
        OWN,
        "Japan: cooperation 1, stability 1.",
        "Taiwan: cooperation 1, mean resilience 1, its domestic support 0.5, "
        "resilience (Political) 0.5.",
        "The PRC red cell is not scored against you, but the debrief shows how far it got "
        "towards its aims (0 to 100): Cooperation low (weight 1), Resilience (Political) low "
        "(weight 1), Tension high (weight 0.5).",
    ]


def test_a_scenarios_own_weights_titles_and_thresholds_are_the_ones_said(red_cell_text):
    text = red_cell_text.replace(
        "rules:\n  drift: {tension: -1}",
        "rules:\n  drift: {tension: -1}\n  scoring: {cooperation: 2, resilience: 0, "
        "stability: 1.5, calm_floor: 40, crisis_ceiling: 20.5}",
    )
    text = text.replace(
        "objectives: {cooperation: 1, stability: 1}", "objectives: {cooperation: 1.5, support: -1}"
    )
    text = text.replace(
        "  cooperation: {start: 30}", "  cooperation: {start: 30, title: Partnership}"
    )
    lines = describe_scoring(book_of(text))
    assert lines[1] == (
        "The state of the region (0 to 100) is a weighted mean of: partnership, weight 2; "
        "stability (100 minus tension), weight 1.5."
    )
    assert lines[2].startswith(
        "A crisis is a loss. A game that ends without a crisis scores from 40 to 100: 40 plus "
        "60 times the state of the region / 100. A game that ends in crisis (tension reaches "
        "90) scores from 0 to 20.5: 20.5 times"
    )
    assert lines[4] == "Japan: partnership 1.5, its domestic support -1 (wants it low)."
    assert lines[6].endswith(
        "towards its aims (0 to 100): Partnership low (weight 1), "
        "Resilience (Political) low (weight 1), Tension high (weight 0.5)."
    )


def test_a_scenario_whose_red_cell_has_no_aims_says_nothing_of_them(mini):
    lines = describe_scoring(Game(mini, 1).book)
    assert lines[-2:] == [
        "Japan: cooperation 1, stability 1.",
        "Taiwan: cooperation 1, mean resilience 1.",
    ]
    assert not any("red cell is not scored" in line for line in lines)


def test_a_delegations_objectives_in_words(red_cell_text):
    book = book_of(red_cell_text)
    assert objectives_text(book, "japan") == "cooperation 1, stability 1"
    assert objectives_text(book, "taiwan") == (
        "cooperation 1, mean resilience 1, its domestic support 0.5, resilience (Political) 0.5"
    )
