"""The one wording of each cause and indicator (`Rulebook.cause_label`, `title_of`,
`domain_title`), as the terminal, the window, the delegation pages and the report show it.

The translated wordings are checked by the language tests; these fix the English ones and,
above all, which wording each kind of cause gets.
"""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.scenario.loader import load_scenario_text
from tests.scenario.helpers import variant


@pytest.fixture
def book(mini):
    return Game(mini, 1).book


@pytest.mark.parametrize(
    ("cause", "source", "indicator", "recorded", "expected"),
    [
        ("push", "dialogue", "cooperation", "", "pushed Security dialogue"),
        ("push", "dialogue", "support.japan", "", "domestic cost of Security dialogue"),
        ("support", "dialogue", "", "", "domestic cost of Security dialogue"),
        ("oppose", "dialogue", "capital.japan", "", "opposed Security dialogue"),
        ("adopted", "dialogue", "cooperation", "", "Security dialogue adopted"),
        ("in_force", "dialogue", "cooperation", "", "Security dialogue in force"),
        ("reaction", "dialogue", "tension", "", "Red cell response to Security dialogue"),
        ("campaign", "", "tension", "", "Red cell pressure campaign"),
        ("drift", "", "tension", "", "drift"),
        ("regen", "", "capital.japan", "", "capital regained"),
        ("start", "", "tension", "", "starting value"),
        ("event", "patrol", "tension", "as recorded", "Patrol"),
        ("inject", "storm", "tension", "as recorded", "Storm"),
        ("facilitator", "", "tension", "a summit", "facilitator: a summit"),
    ],
)
def test_each_cause_has_its_own_wording(book, cause, source, indicator, recorded, expected):
    assert book.cause_label(cause, source, indicator, recorded) == expected


@pytest.mark.parametrize(
    ("cause", "source"),
    [("event", "gone"), ("inject", "gone"), ("something-new", "x"), ("inject", "patrol")],
)
def test_a_cause_the_scenario_no_longer_knows_keeps_the_label_the_ledger_recorded(
    book, cause, source
):
    assert book.cause_label(cause, source, "tension", "As it happened") == "As it happened"


def test_a_push_costs_domestic_support_only_on_a_support_indicator(book):
    assert book.cause_label("push", "dialogue", "capital.japan") == "pushed Security dialogue"
    assert book.cause_label("push", "dialogue", "support.taiwan") == (
        "domestic cost of Security dialogue"
    )


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("cooperation", "Cooperation"),
        ("tension", "Tension"),
        ("resilience.maritime", "Resilience (Maritime)"),
        ("resilience.information", "Resilience (Information)"),
        ("support.japan", "Support (Japan)"),
        ("capital.taiwan", "Capital (Taiwan)"),
        ("support.red", "support.red"),  # the red cell has no support
        ("capital.nobody", "capital.nobody"),
        ("stability", "stability"),
    ],
)
def test_each_indicator_has_its_players_name(book, indicator, expected):
    assert book.title_of(indicator) == expected


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("maritime", "Maritime"),
        ("resilience.maritime", "Maritime"),
        ("resilience.information", "Information"),
        ("resilience.cyber_space", "Cyber_Space"),  # unknown: its id, capitalised
    ],
)
def test_a_domain_is_named_by_its_own_title(book, indicator, expected):
    assert book.domain_title(indicator) == expected


def test_a_scenario_may_name_the_indicators_itself():
    text = variant(
        "  cooperation: {start: 30}\n  tension: {start: 30, crisis_at: 90}",
        "  cooperation: {start: 30, title: Partnership}\n"
        "  tension: {start: 30, crisis_at: 90, title: Friction}",
    )
    text = text.replace(
        "maritime: {start: 40, title: Maritime}", "maritime: {start: 40, title: Sea lanes}"
    )
    text = text.replace("information: {start: 30, title: Information}", "information: {start: 30}")
    book = Game(load_scenario_text(text, "titled.yaml"), 1).book
    assert book.title_of("cooperation") == "Partnership"
    assert book.title_of("tension") == "Friction"
    assert book.domain_title("resilience.maritime") == "Sea lanes"
    assert book.title_of("resilience.maritime") == "Resilience (Sea lanes)"
    assert book.domain_title("information") == "Information"  # untitled: its id, capitalised
