"""The delegations' AI (`DelegationAI.decide`) keeps its own rules: it does not spend domestic
support it is short of, a measure it skips does not stop it weighing the others, and it opposes
the measures its profile opposes while it can pay for it."""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.engine.state import Choice
from game.scenario.loader import load_scenario_text
from tests.conftest import MINI

HOTLINE = """  - id: hotline
    title: Crisis hotline
    summary: A direct line.
    requires: [japan]
    cost: {japan: 1}
    progress: 2
    in_force: {cooperation: 2}
"""


@pytest.fixture
def costly_support():
    """Mini with the dialogue costing Japan domestic support and a second measure that does not."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace(
        "    cost: {japan: 2, taiwan: 1}\n",
        "    cost: {japan: 2, taiwan: 1}\n    support_cost: {japan: 1}\n",
    )
    text = text.replace("  - id: exercises\n", HOTLINE + "  - id: exercises\n", 1)
    return load_scenario_text(text, "costly-support.yaml")


def japan_decides(loaded, support: float, capital: float = 10.0) -> dict[str, Choice]:
    game = Game(loaded, 1)
    game.state.values["support.japan"] = support
    game.state.values["capital.japan"] = capital
    return game._ai["japan"].decide(game)


def test_short_of_domestic_support_it_skips_what_costs_support_and_still_weighs_the_rest(
    costly_support,
):
    decided = japan_decides(costly_support, support=29.9)
    assert "dialogue" not in decided
    assert decided.get("hotline") == Choice.PUSH


def test_at_the_support_floor_itself_it_may_still_spend_support(costly_support):
    assert japan_decides(costly_support, support=30.0).get("dialogue") == Choice.PUSH


@pytest.fixture
def spoiler():
    """Mini where Taiwan's only profile opposes the dialogue."""
    text = MINI.read_text(encoding="utf-8").replace(
        "      steady: {description: Steady., wants: {dialogue: 10}}",
        "      spoiler: {description: Against., oppose: [dialogue]}",
    )
    return load_scenario_text(text, "spoiler.yaml")


def taiwan_decides(loaded, capital: float, progress: float) -> dict[str, Choice]:
    game = Game(loaded, 1)
    game.state.values["capital.taiwan"] = capital
    game.state.progress["dialogue"] = progress
    return game._ai["taiwan"].decide(game)


def test_it_opposes_what_its_profile_opposes_once_under_way_and_affordable(spoiler):
    assert taiwan_decides(spoiler, capital=1, progress=1.0) == {"dialogue": Choice.OPPOSE}
    assert taiwan_decides(spoiler, capital=1, progress=0.0) == {}  # nothing to stop yet
    assert taiwan_decides(spoiler, capital=0, progress=1.0) == {}  # cannot pay for it
