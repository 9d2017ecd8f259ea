"""Each refused decision says exactly why (`Game.check`), in words a delegation can act on.

The window, the terminal and the devices show these messages as they are; a wrong reason
("not on the table" for a measure that does not involve you) sends a player looking for the
wrong fix.
"""

from __future__ import annotations

import pytest

from game.engine.game import Game, GameOver, IllegalDecision, play_ai_game
from game.engine.state import Choice


def refusal(game: Game, actor: str, decisions: dict[str, str]) -> str:
    with pytest.raises(IllegalDecision) as caught:
        game.check(actor, decisions)
    return str(caught.value)


def test_a_word_that_is_not_a_choice_is_refused_with_the_three_choices(mini):
    assert refusal(Game(mini, 1), "japan", {"dialogue": "maybe"}) == (
        "japan: 'maybe' is not a choice; expected push, hold or oppose"
    )


def test_an_unknown_measure_is_refused_as_unknown(mini):
    assert refusal(Game(mini, 1), "japan", {"nope": "push"}) == "japan: unknown measure 'nope'"


def test_a_measure_waiting_for_its_prerequisite_is_not_on_the_table(mini):
    assert refusal(Game(mini, 1), "japan", {"exercises": "push"}) == (
        "japan: measure 'exercises' is not on the table for japan this turn"
    )


def test_a_measure_without_a_cost_for_the_delegation_does_not_involve_it(default_scenario):
    assert refusal(Game(default_scenario, 1), "japan", {"arms_package": "push"}) == (
        "japan: measure 'arms_package' does not involve japan this turn"
    )


def test_pushing_needs_the_measures_cost_in_capital(mini):
    game = Game(mini, 1)
    game.state.values[game.book.capital_key["japan"]] = 1  # dialogue costs japan 2
    assert refusal(game, "japan", {"dialogue": "push"}) == (
        "japan: cannot push 'dialogue' this turn"
    )
    assert game.check("japan", {"dialogue": "oppose"}) == {"dialogue": Choice.OPPOSE}


def test_opposing_needs_the_oppose_cost_in_capital(mini):
    game = Game(mini, 1)
    game.state.values[game.book.capital_key["japan"]] = 0
    assert refusal(game, "japan", {"dialogue": "oppose"}) == (
        "japan: cannot oppose 'dialogue' this turn"
    )
    assert game.check("japan", {"dialogue": "hold"}) == {}  # holding is always possible


def test_decisions_that_together_cost_more_than_the_capital_are_refused_with_both_sums(
    default_scenario,
):
    game = Game(default_scenario, 1)
    capital = int(game.state.values[game.book.capital_key["japan"]])
    decisions = {"hadr_exercises": "push", "jp_tw_dialogue": "push", "basic_act": "push"}
    assert refusal(game, "japan", decisions) == (
        f"japan: these decisions cost 7 capital; japan has {capital}"
    )


def test_holds_are_left_out_and_the_rest_kept_as_choices(mini):
    assert Game(mini, 1).check("japan", {"dialogue": "push"}) == {"dialogue": Choice.PUSH}
    assert Game(mini, 1).check("japan", {"dialogue": "hold"}) == {}


def test_after_the_end_every_decision_is_refused_as_game_over(mini):
    game = play_ai_game(mini, 3)
    with pytest.raises(GameOver):
        game.check("japan", {})


def test_an_unknown_delegation_is_refused(mini):
    with pytest.raises(IllegalDecision, match="unknown delegation 'nobody'"):
        Game(mini, 1).options("nobody")
