"""Forecasts before the reveal (`game.engine.forecasts`): the questions and their wording, who
may forecast what, and when a forecast came true ("higher" means strictly higher)."""

from __future__ import annotations

import pytest

from game.engine.forecasts import Forecast
from game.engine.game import EngineError, Game, GameOver, play_ai_game
from game.engine.saves import take_back
from tests.conftest import play_turns_holding


def test_the_questions_of_a_turn_and_their_wording_use_the_scenarios_turn_label(
    mini, default_scenario
):
    assert [(q.id, q.text) for q in Game(mini, 1).forecast_questions()] == [
        ("tension_up", "Tension will be higher at the end of this turn than at its start"),
        ("cooperation_up", "Cooperation will be higher at the end of this turn than at its start"),
        ("adopted:dialogue", "Security dialogue will be adopted this turn"),
    ]
    game = Game(default_scenario, 1)
    texts = {q.id: q.text for q in game.forecast_questions()}
    assert texts["tension_up"] == (
        "Tension will be higher at the end of this quarter than at its start"
    )
    assert texts["adopted:basic_act"] == (
        "Japanese Basic Act on Exchange between Japan and Taiwan will be adopted this quarter"
    )


def test_a_question_the_scenario_no_longer_knows_is_shown_as_its_id(mini):
    game = Game(mini, 1)
    assert game.question_text("adopted:nope") == "adopted:nope"
    assert game.question_text("dialogue") == "dialogue"
    assert game.question_text("other:dialogue") == "other:dialogue"


def test_a_later_forecast_to_the_same_question_replaces_the_earlier_one(mini):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    game.submit_forecast("japan", "tension_up", 0.2)
    game.submit_forecast("taiwan", "tension_up", 0.9)
    game.submit_forecast("japan", "cooperation_up", 0.4)
    game.submit_forecast("japan", "tension_up", 0.7)
    assert sorted((f.actor, f.question, f.probability) for f in game.forecasts) == [
        ("japan", "cooperation_up", 0.4),
        ("japan", "tension_up", 0.7),
        ("taiwan", "tension_up", 0.9),
    ]


def test_a_forecast_of_an_earlier_turn_is_kept_when_the_same_question_is_asked_again(mini):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    game.submit_forecast("japan", "tension_up", 0.2)
    play_turns_holding(game)
    game.submit_forecast("japan", "tension_up", 0.6)
    assert [(f.turn, f.probability) for f in game.forecasts] == [(1, 0.2), (2, 0.6)]


@pytest.mark.parametrize(
    ("actor", "question", "message"),
    [
        ("nobody", "tension_up", "unknown delegation 'nobody'"),
        ("japan", "adopted:exercises", "'adopted:exercises' is not a question this turn"),
        ("japan", "rain", "'rain' is not a question this turn"),
    ],
)
def test_a_forecast_that_cannot_be_asked_is_refused_with_the_reason(mini, actor, question, message):
    with pytest.raises(EngineError) as caught:
        Game(mini, 1).submit_forecast(actor, question, 0.5)
    assert str(caught.value) == message


def test_no_forecast_once_the_game_is_over(mini):
    with pytest.raises(GameOver, match="the game is over"):
        play_ai_game(mini, 1).submit_forecast("japan", "tension_up", 0.5)


def _game_with_values(mini, before, after):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    play_turns_holding(game)
    game.turn_start_values[0] = {**game.turn_start_values[0], **before}
    game.turn_start_values[1] = {**game.turn_start_values[1], **after}
    return game


@pytest.mark.parametrize(
    ("before", "after", "happened"), [(50.0, 50.0, False), (50.0, 50.1, True), (50.0, 49.0, False)]
)
def test_higher_means_strictly_higher_at_the_end_of_the_turn_than_at_its_start(
    mini, before, after, happened
):
    game = _game_with_values(
        mini, {"tension": before, "cooperation": before}, {"tension": after, "cooperation": after}
    )
    assert game.forecast_outcome(Forecast(1, "japan", "tension_up", 0.5)) is happened
    assert game.forecast_outcome(Forecast(1, "japan", "cooperation_up", 0.5)) is happened


def test_a_forecast_of_the_second_turn_compares_that_turns_start_and_end(mini):
    game = Game(mini, 4, humans={"japan", "taiwan"})
    play_turns_holding(game, 2)
    starts = game.turn_start_values
    assert game.forecast_outcome(Forecast(2, "japan", "tension_up", 0.5)) is (
        starts[2]["tension"] > starts[1]["tension"]
    )
    game.turn_start_values[0] = {**starts[0], "tension": -1000.0}  # turn 1's start: not read
    game.turn_start_values[1] = {**starts[1], "tension": 1000.0}
    assert game.forecast_outcome(Forecast(2, "japan", "tension_up", 0.5)) is False


def test_an_adoption_forecast_comes_true_only_if_adopted_in_that_turn(mini):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    play_turns_holding(game, 2)
    game.state.adopted["dialogue"] = 2
    assert game.forecast_outcome(Forecast(2, "japan", "adopted:dialogue", 0.5)) is True
    assert game.forecast_outcome(Forecast(1, "japan", "adopted:dialogue", 0.5)) is False


def test_an_unresolved_turns_forecast_has_no_outcome_yet(mini):
    assert Game(mini, 1).forecast_outcome(Forecast(1, "japan", "tension_up", 0.5)) is None


def test_taking_back_a_turn_keeps_the_forecasts_made_during_it(mini):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    play_turns_holding(game)
    game.submit_forecast("japan", "tension_up", 0.3)
    play_turns_holding(game)
    assert [(f.turn, f.question) for f in take_back(game).forecasts] == [(2, "tension_up")]


def test_nothing_to_take_back_at_the_start(mini):
    with pytest.raises(EngineError) as caught:
        take_back(Game(mini, 1))
    assert str(caught.value) == "no turn has been played yet"


def test_an_empty_note_is_refused(mini):
    with pytest.raises(EngineError) as caught:
        Game(mini, 1).add_note("   \n ")
    assert str(caught.value) == "a note needs some text"
