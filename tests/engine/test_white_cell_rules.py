"""The white cell's other actions (`fire_inject`, `adjust`, `forbid`) and the record they leave:
what each does, what it refuses and in what words, and what a replay of the save repeats."""

from __future__ import annotations

import pytest

from game.engine.game import EngineError, Game, GameOver, play_ai_game
from game.engine.saves import counterfactual, load_game, save_game
from game.engine.state import Cause, Choice
from game.engine.values import MeasureOption
from game.scenario.loader import load_scenario_text
from tests.conftest import MINI, play_turns_holding

SANCTION = (
    "injects:\n  - id: sanction\n    title: Sanction\n    text: Talks suspended.\n"
    "    suspend: [dialogue]\n    suspend_turns: 2\n"
)


def refusal(action) -> str:
    with pytest.raises(EngineError) as caught:
        action()
    return str(caught.value)


@pytest.fixture
def sanctions():
    text = MINI.read_text(encoding="utf-8").replace("injects:\n", SANCTION, 1)
    return load_scenario_text(text, "sanctions.yaml")


def test_an_unknown_inject_is_refused_with_the_scenarios_injects(mini):
    game = Game(mini, 1)
    assert refusal(lambda: game.fire_inject("nope")) == (
        "unknown inject 'nope'; this scenario's injects: election, storm"
    )
    assert refusal(lambda: game.fire_inject(3)) == (
        "unknown inject 3; this scenario's injects: election, storm"
    )


def test_a_scenario_without_injects_says_so(mini_text):
    text = mini_text.split("injects:")[0] + "outcomes:" + mini_text.split("outcomes:")[1]
    game = Game(load_scenario_text(text, "none.yaml"), 1)
    assert refusal(lambda: game.fire_inject("x")) == (
        "unknown inject 'x'; this scenario has no injects"
    )


def test_an_inject_fired_during_the_decisions_suspends_one_turn_less_than_a_scripted_one(
    sanctions,
):
    game = Game(sanctions, 1, humans={"japan"})
    game.state.adopted["dialogue"] = 1
    game.submit("japan", {})
    game.resolve_turn()
    game.fire_inject("sanction")  # during turn 2's decisions: out for turns 2 and 3
    assert game.state.suspended_until == {"dialogue": 3}
    scripted = Game(sanctions, 1, humans={"japan"})
    scripted.state.adopted["dialogue"] = 1
    scripted._inject_fires("sanction")  # as at the end of turn 1: out for turns 2 and 3
    assert scripted.state.suspended_until == {"dialogue": 1 + 2}


def test_an_adjustment_is_rounded_to_a_tenth_and_recorded_with_its_reason(mini):
    game = Game(mini, 1)
    before = game.state.values["tension"]
    game.adjust("tension", 1.26, "  calmer\n talks ")
    entry = game.ledger[-1]
    assert (entry.amount, entry.cause, entry.source_id, entry.label) == (
        1.3,
        Cause.FACILITATOR,
        "facilitator",
        "facilitator: calmer talks",
    )
    assert game.state.values["tension"] == pytest.approx(before + 1.3)
    last = game.facilitator_log[-1]
    assert (last.kind, last.indicator, last.amount, last.text) == (
        "adjust",
        "tension",
        1.3,
        "calmer talks",
    )


def test_an_adjustment_of_an_unknown_indicator_lists_the_indicators(mini):
    assert refusal(lambda: Game(mini, 1).adjust("nope", 1, "r")) == (
        "unknown indicator 'nope'; expected one of cooperation, tension, resilience.maritime, "
        "resilience.information, support.japan, capital.japan, support.taiwan, capital.taiwan"
    )


def test_an_adjustment_needs_a_reason(mini):
    assert refusal(lambda: Game(mini, 1).adjust("tension", 1, " \n ")) == (
        "an adjustment needs a reason (it is shown in the debrief and the report)"
    )


@pytest.mark.parametrize(
    "action",
    [
        lambda g: g.fire_inject("storm"),
        lambda g: g.adjust("tension", 1, "r"),
        lambda g: g.check("japan", {}),
        lambda g: g.submit_forecast("japan", "tension_up", 0.5),
        lambda g: g.hold_for("japan"),
        lambda g: g.hand_to_ai("japan"),
    ],
    ids=["inject", "adjust", "check", "forecast", "hold", "ai"],
)
def test_after_the_end_every_action_says_the_game_is_over(mini, action):
    with pytest.raises(GameOver) as caught:
        action(play_ai_game(mini, 2))
    assert str(caught.value) == "the game is over"


def test_forbidding_takes_measures_off_the_table_and_adds_up(mini):
    game = Game(mini, 1)
    game.forbid(["dialogue"])
    game.forbid(["exercises"])
    assert game.forbidden == {"dialogue", "exercises"}
    assert game.options("japan").measures == ()
    assert refusal(lambda: game.forbid(["zz", "aa", "dialogue"])) == "unknown measure 'aa'"


def test_an_option_says_its_title_costs_progress_and_who_must_push(mini):
    assert Game(mini, 1).options("japan").measures == (
        MeasureOption(
            "dialogue",
            "Security dialogue",
            ("push", "hold", "oppose"),
            2,
            1,
            0.0,
            4.0,
            ("japan", "taiwan"),
        ),
    )
    assert Game(mini, 1).options("japan").actor == "japan"


def test_the_ledger_total_is_the_indicators_value_to_a_tenth(mini):
    game = play_ai_game(mini, 3)
    for key, value in game.state.values.items():
        assert game.ledger_total(key) == round(value, 1)
    game.ledger.append(game.ledger[-1]._replace(indicator="x", amount=0.04))
    assert game.ledger_total("x") == 0.0


def test_what_needs_the_record_says_so_on_a_game_without_one(mini):
    game = Game(mini, 1, record=False)
    assert refusal(lambda: game.ledger_total("tension")) == (
        "the ledger needs a game that keeps its record; this one was created with record=False"
    )
    assert "forecasts needs a game that keeps its record" in refusal(
        lambda: game.submit_forecast("japan", "tension_up", 0.5)
    )


def test_a_replayed_save_repeats_the_hold_with_its_reason_and_the_handover_with_its_profile(
    mini, tmp_path
):
    game = Game(mini, 1, humans={"japan", "taiwan"})
    game.hold_for("japan", "time was up")
    game.hand_to_ai("taiwan", "steady")
    game.resolve_turn()
    path = tmp_path / "g.json"
    save_game(game, path)
    again = load_game(path, mini)
    assert again.facilitator_log == game.facilitator_log
    assert again.setup.ai_profiles == game.setup.ai_profiles


def test_a_counterfactual_may_change_the_last_turn_played_but_no_other(mini):
    game = Game(mini, 5, humans={"japan", "taiwan"})
    play_turns_holding(game, 2)
    changed = counterfactual(game, 2, "japan", "dialogue", "push")
    assert changed.history[1]["japan"] == {"dialogue": "push"}
    assert refusal(lambda: counterfactual(game, 3, "japan", "dialogue", "push")) == (
        "turn 3 was not played"
    )
    assert refusal(lambda: counterfactual(game, 0, "japan", "dialogue", "push")) == (
        "turn 0 was not played"
    )
    assert refusal(lambda: counterfactual(game, 1, "red", "dialogue", "push")) == (
        "unknown delegation 'red'"
    )
    assert refusal(lambda: counterfactual(game, 1, "japan", "nope", "push")) == (
        "unknown measure 'nope'"
    )
    assert refusal(lambda: counterfactual(game, 1, "japan", "dialogue", "maybe")) == (
        "'maybe' is not a choice; expected push, hold or oppose"
    )


def test_a_hand_over_sets_aside_what_the_delegation_had_submitted(mini):
    """Handed to the computer after it decided, a delegation's decision is the AI's: the turn
    resolves exactly as if it had submitted nothing."""

    def turn_after_hand_over(submitted: dict[str, str] | None):
        game = Game(mini, 4, humans={"japan"})
        if submitted is not None:
            game.submit("japan", submitted)
        game.hand_to_ai("japan")
        report = game.resolve_turn()
        return report.decisions, game.state.values

    oppose = {"dialogue": "oppose"}
    decisions, values = turn_after_hand_over(oppose)
    assert (decisions, values) == turn_after_hand_over(None)
    assert decisions["japan"] != {"dialogue": Choice.OPPOSE}
