"""The facilitator ends a delegation's turn (`hold_for`) or hands it to the computer
(`hand_to_ai`): who may be held or handed over, what is recorded, and what each refusal says.
"""

from __future__ import annotations

import pytest

from game.engine.game import EngineError, Game, GameOver, play_ai_game
from game.engine.whitecell import FacilitatorAction


def refusal(action) -> str:
    with pytest.raises(EngineError) as caught:
        action()
    return str(caught.value)


def test_holding_ends_the_turn_of_an_undecided_delegation_with_the_reason_on_one_line(mini):
    game = Game(mini, 1, humans={"japan"})
    game.hold_for("japan", "  time\n was   up ")
    assert game.awaiting() == []
    assert game.facilitator_log[-1] == FacilitatorAction(
        1, "hold", text="time was up", actor="japan"
    )
    game.resolve_turn()
    assert game.history[0]["japan"] == {}  # it held on everything


def test_only_a_delegation_played_by_people_can_be_held_or_handed_over(mini):
    game = Game(mini, 1, humans={"japan"})
    expected = "'taiwan' is not a delegation played by people in this game"
    assert refusal(lambda: game.hold_for("taiwan")) == expected
    assert refusal(lambda: game.hand_to_ai("taiwan")) == expected
    assert game.facilitator_log == []


def test_a_delegation_that_has_decided_is_not_held(mini):
    game = Game(mini, 1, humans={"japan"})
    game.submit("japan", {"dialogue": "push"})
    assert refusal(lambda: game.hold_for("japan")) == "japan has already decided this turn"


def test_handing_over_sets_aside_what_was_submitted_and_records_the_profile(mini):
    game = Game(mini, 1, humans={"japan"})
    game.submit("japan", {"dialogue": "push"})
    game.hand_to_ai("japan")
    assert game.setup.humans == frozenset()
    assert game.setup.ai_profiles["japan"] == "cautious"  # the delegation's first profile
    assert game.facilitator_log[-1] == FacilitatorAction(1, "ai", text="cautious", actor="japan")
    assert game.awaiting() == []


def test_handing_over_under_a_named_profile(mini):
    game = Game(mini, 1, humans={"japan"})
    game.hand_to_ai("japan", "assertive")
    assert game.setup.ai_profiles["japan"] == "assertive"
    assert game.facilitator_log[-1].text == "assertive"


def test_an_unknown_profile_is_refused_with_the_delegations_profiles(mini):
    game = Game(mini, 1, humans={"japan"})
    assert refusal(lambda: game.hand_to_ai("japan", "nope")) == (
        "unknown AI profile 'nope' for japan; expected one of cautious, assertive"
    )
    assert game.setup.humans == frozenset({"japan"})


def test_after_the_end_nothing_is_held_or_handed_over(mini):
    game = play_ai_game(mini, 1)
    with pytest.raises(GameOver):
        game.hold_for("japan")
    with pytest.raises(GameOver):
        game.hand_to_ai("japan")
