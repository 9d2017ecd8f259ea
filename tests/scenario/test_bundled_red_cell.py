"""The bundled crisis-risk scenarios give Beijing agency of its own (issue 11): a campaign that
presses whatever the partners do, aims, and carrots as well as sticks; and the scenarios load
without asking their author to change anything."""

from __future__ import annotations

from statistics import median

import pytest

from game.paths import SCENARIO_DIR
from game.scenario.loader import load_scenario
from game.sim.strategies import play_strategy_game

MIGRATED = ["maritime-surge", "election-year", "tutorial"]
WITH_CAMPAIGN = ["maritime-surge", "election-year"]


@pytest.mark.parametrize("name", MIGRATED)
def test_the_scenario_validates_without_warnings(name):
    loaded = load_scenario(SCENARIO_DIR / f"{name}.yaml")
    assert [p.message for p in loaded.warnings] == []


@pytest.mark.parametrize("name", WITH_CAMPAIGN)
def test_the_red_cell_has_a_campaign_aims_and_inducements(name):
    s = load_scenario(SCENARIO_DIR / f"{name}.yaml").scenario
    _, red = s.red_cell()
    assert red.policy.campaign and red.policy.aims
    assert any(e.kind == "inducement" for e in s.events)
    # every campaign stage says where it comes from, or that its sizes are a judgement
    for stage in red.policy.campaign:
        assert stage.source or "design judgement" in (stage.note or "")


@pytest.mark.parametrize("name", WITH_CAMPAIGN)
def test_holding_on_everything_lets_tension_rise_and_resilience_erode(name):
    loaded = load_scenario(SCENARIO_DIR / f"{name}.yaml")
    ind = loaded.scenario.indicators
    start_resilience = sum(d.start for d in ind.resilience.values()) / len(ind.resilience)
    tension, resilience = [], []
    for seed in range(60):
        game = play_strategy_game(loaded, seed, "hold")
        values = game.state.values
        tension.append(values["tension"])
        resilience.append(
            sum(values[f"resilience.{d}"] for d in ind.resilience) / len(ind.resilience)
        )
    assert median(tension) > ind.tension.start
    assert median(resilience) < start_resilience
