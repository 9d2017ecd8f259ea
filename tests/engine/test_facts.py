"""What a scenario's conditions and weights can read (`Game.facts`): every indicator, the turn,
the game's length, the crisis threshold and the derived values, and the four sets of measures.
A scenario's `when:` and `weight:` expressions name these; a wrong value changes which events
and outcomes happen."""

from __future__ import annotations

from game.engine.game import Game


def test_the_facts_at_the_start_of_a_game(mini):
    facts = Game(mini, 1).facts()
    assert facts.values == {
        "cooperation": 30.0,
        "tension": 30.0,
        "resilience.maritime": 40.0,
        "resilience.information": 30.0,
        "support.japan": 50.0,
        "capital.japan": 4.0,
        "support.taiwan": 50.0,
        "capital.taiwan": 4.0,
        "turn": 1.0,
        "turns": 4.0,
        "stability": 70.0,
        "crisis_at": 90.0,
        "provocation": 0,
        "adopted_count": 0.0,
        "resilience.mean": 35.0,
        "resilience.min": 30.0,
    }


def test_the_measure_sets_follow_the_state(mini):
    game = Game(mini, 1)
    game.state.adopted.update({"dialogue": 1, "exercises": 2})
    game.state.suspended_until["exercises"] = 3
    game.state.turn = 3
    game.state.progress["exercises"] = 1.0
    facts = game.facts()
    assert set(facts.adopted) == {"dialogue", "exercises"}
    assert set(facts.in_force) == {"dialogue"}
    assert set(facts.suspended) == {"exercises"}
    assert facts.values["adopted_count"] == 2.0
    assert facts.values["turn"] == 3.0


def test_a_measure_with_progress_is_under_way_until_adopted(mini):
    game = Game(mini, 1)
    game.state.progress["dialogue"] = 2.0
    assert set(game.facts().under_way) == {"dialogue"}
    game.state.adopted["dialogue"] = 1
    assert set(game.facts().under_way) == set()
