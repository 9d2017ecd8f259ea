"""The white cell can end a delegation's turn (it holds on everything) or hand it to the
computer; both are the facilitator's, recorded, saved and replayed exactly."""

from __future__ import annotations

import json

import pytest

from game.engine.game import EngineError, Game
from game.engine.saves import SAVE_VERSION, load_game, save_data, save_game, take_back
from game.engine.state import Choice


def test_ending_a_delegations_turn_holds_on_everything_and_is_the_facilitators(mini):
    game = Game(mini, 4, humans=["japan", "taiwan"])
    game.submit("taiwan", {"dialogue": "push"})
    assert game.awaiting() == ["japan"]
    game.hold_for("japan", "time was up")
    assert game.awaiting() == []
    report = game.resolve_turn()
    assert report.decisions["japan"] == {}
    assert report.decisions["taiwan"] == {"dialogue": Choice.PUSH}
    action = game.facilitator_log[-1]
    assert (action.kind, action.actor, action.text, action.turn) == (
        "hold",
        "japan",
        "time was up",
        1,
    )


def test_only_a_delegation_still_deciding_can_have_its_turn_ended(mini):
    game = Game(mini, 4, humans=["japan"])
    with pytest.raises(EngineError, match="not a delegation played by people"):
        game.hold_for("taiwan")  # the computer plays Taiwan
    game.submit("japan", {})
    with pytest.raises(EngineError, match="already decided"):
        game.hold_for("japan")


def test_a_delegation_handed_to_the_computer_is_decided_by_its_ai_from_then_on(mini):
    game = Game(mini, 4, humans=["japan", "taiwan"])
    game.submit("japan", {"dialogue": "push"})
    game.hand_to_ai("japan", "assertive")
    assert "japan" not in game.setup.humans
    assert game.setup.ai_profiles["japan"] == "assertive"
    assert game.awaiting() == ["taiwan"]  # Japan's submission was set aside: its AI decides
    game.submit("taiwan", {})
    game.resolve_turn()
    assert game.facilitator_log[-1].kind == "ai"
    with pytest.raises(EngineError, match="unknown AI profile"):
        Game(mini, 4, humans=["taiwan"]).hand_to_ai("taiwan", "nonsense")


def test_the_ai_that_takes_over_plays_as_it_would_have_from_the_start(mini):
    """Handed over before the first turn, a delegation plays exactly as an AI seat would:
    same profile, same stream, same decisions."""
    handed = Game(mini, 11, humans=["japan"])
    handed.hand_to_ai("japan", "assertive")
    native = Game(mini, 11, humans=[], ai_profiles={"japan": "assertive"})
    while not native.over:
        native.resolve_turn()
        handed.resolve_turn()
    assert handed.history == native.history
    assert handed.state.values == native.state.values


def test_a_save_replays_the_hold_and_the_hand_over_at_their_turns(mini, tmp_path):
    game = Game(mini, 7, humans=["japan", "taiwan"])
    game.submit("taiwan", {"dialogue": "push"})
    game.hold_for("japan", "the phone died")
    game.resolve_turn()
    game.submit("japan", {"dialogue": "push"})
    game.hand_to_ai("taiwan")
    game.resolve_turn()
    game.submit("japan", {})
    game.resolve_turn()
    path = tmp_path / "game.json"
    save_game(game, path)
    data = json.loads(path.read_text())
    assert data["version"] == SAVE_VERSION == 5
    # The save keeps the setup the game started with; the hand-over is replayed at turn 2.
    assert data["humans"] == ["japan", "taiwan"] and "taiwan" not in data["ai_profiles"]
    again = load_game(path, mini)
    assert again.history == game.history
    assert again.state.values == game.state.values
    assert [(a.kind, a.actor, a.turn) for a in again.facilitator_log] == [
        ("hold", "japan", 1),
        ("ai", "taiwan", 2),
    ]
    assert again.setup.humans == frozenset({"japan"})


def test_taking_back_a_turn_lets_the_delegation_whose_turn_was_ended_decide_again(mini):
    game = Game(mini, 7, humans=["japan", "taiwan"])
    game.submit("taiwan", {})
    game.submit("japan", {})
    game.resolve_turn()
    game.submit("taiwan", {"dialogue": "push"})
    game.hold_for("japan", "time was up")
    game.resolve_turn()
    earlier = take_back(game)
    assert earlier.state.turn == 2
    assert sorted(earlier.awaiting()) == ["japan", "taiwan"]  # nobody's turn is ended for them
    assert [a.kind for a in earlier.facilitator_log] == ["takeback"]


def test_a_hand_over_survives_taking_back_the_turn_it_happened_in(mini):
    game = Game(mini, 7, humans=["japan", "taiwan"])
    game.submit("japan", {})
    game.hand_to_ai("taiwan")
    game.resolve_turn()
    earlier = take_back(game)
    assert earlier.awaiting() == ["japan"]
    assert "taiwan" not in earlier.setup.humans


def test_saves_of_the_start_list_the_people_even_after_every_seat_is_handed_over(mini):
    game = Game(mini, 2, humans=["japan"])
    game.hand_to_ai("japan")
    data = save_data(game)
    assert data["humans"] == ["japan"] and data["ai_profiles"] == {"taiwan": "steady"}


def test_a_decision_the_white_cell_makes_impossible_is_reopened_and_the_save_still_loads(
    mini, tmp_path
):
    """Japan submits a push costing 2 of its 4 capital; the facilitator then takes 3 capital
    away. The push can no longer be paid for: Japan decides again, and the save (which redoes
    the white cell's actions before the decisions) replays exactly."""
    game = Game(mini, 9, humans=["japan", "taiwan"])
    game.submit("japan", {"dialogue": "push"})
    game.submit("taiwan", {})
    game.adjust("capital.japan", -3, "budget cut")
    assert game.reopened == ["japan"] and game.awaiting() == ["japan"]
    assert "taiwan" not in game.awaiting()  # its decision is still possible: it stands
    game.submit("japan", {"dialogue": "oppose"})  # what one capital still buys
    game.resolve_turn()
    assert game.reopened == []
    path = tmp_path / "game.json"
    save_game(game, path)
    again = load_game(path, mini)
    assert again.history == game.history and again.state.values == game.state.values


def test_a_decision_still_possible_after_the_white_cell_acts_stands(mini):
    game = Game(mini, 9, humans=["japan"])
    game.submit("japan", {"dialogue": "push"})
    game.adjust("capital.japan", 3, "windfall")
    assert game.reopened == [] and game.awaiting() == []
