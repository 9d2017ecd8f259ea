"""Every bundled scenario loads, plays to an outcome, and lints clean."""

from __future__ import annotations

import pytest

from game.engine.game import play_ai_game
from game.paths import SCENARIO_DIR
from game.scenario.loader import load_scenario
from game.sim.lint import lint

BUNDLED = sorted(SCENARIO_DIR.glob("*.yaml"))


def test_there_are_the_expected_bundled_scenarios():
    ids = {load_scenario(p).scenario.id for p in BUNDLED}
    assert {"free-and-open-indo-pacific", "tutorial", "election-year", "maritime-surge"} <= ids


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_plays_to_an_outcome(path):
    loaded = load_scenario(path)
    outcomes = set()
    for seed in range(8):
        game = play_ai_game(loaded, seed)
        assert game.over
        outcomes.add(game.result().outcome.id)
    assert outcomes


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_lints_clean(path):
    loaded = load_scenario(path)
    assert [w.format(str(path)) for w in lint(loaded, games=400, strategy_games=30)] == []


def test_the_tutorial_is_short_and_small():
    tutorial = load_scenario(SCENARIO_DIR / "tutorial.yaml").scenario
    assert tutorial.turns == 3 and len(tutorial.measures) == 2
