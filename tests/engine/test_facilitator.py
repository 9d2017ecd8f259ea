"""The white cell's tools change the game only through the engine, and saves keep them."""

from __future__ import annotations

import json

import pytest

from game.engine.game import EngineError, Game
from game.engine.saves import counterfactual, load_game, save_game, take_back
from game.engine.scoring import forecast_scores
from game.engine.state import Cause


def test_firing_an_inject_by_hand_changes_state_and_is_in_the_ledger_and_the_reveal(mini):
    game = Game(mini, 1)
    game.fire_inject("storm")  # facilitator-only inject: no effects, but recorded
    game.fire_inject("election")
    assert game.state.values["support.taiwan"] == 55.0
    report = game.resolve_turn()
    assert any(e.cause == Cause.INJECT and e.source_id == "election" for e in report.changes)
    assert [a.inject_id for a in game.facilitator_log] == ["storm", "election"]


def test_a_manual_adjustment_needs_a_reason_and_is_recorded_as_the_facilitators(mini):
    game = Game(mini, 1)
    with pytest.raises(EngineError, match="reason"):
        game.adjust("tension", 5, "  ")
    with pytest.raises(EngineError, match="unknown indicator"):
        game.adjust("tensoin", 5, "typo")
    game.adjust("tension", 5, "Class debate escalated")
    entry = game.ledger[-1]
    assert (
        entry.cause == Cause.FACILITATOR
        and entry.amount == 5
        and "Class debate escalated" in entry.label
    )
    assert game.ledger_total("tension") == game.state.values["tension"]


def test_notes_are_kept_against_their_turn(mini):
    game = Game(mini, 1)
    game.add_note("Japan hesitated over the dialogue")
    game.resolve_turn()
    game.add_note("Second thoughts")
    assert [(n.turn, n.text) for n in game.notes()] == [
        (1, "Japan hesitated over the dialogue"),
        (2, "Second thoughts"),
    ]


def play_with_everything(mini, turns: int) -> Game:
    game = Game(mini, 9, humans={"japan"})
    for t in range(turns):
        if t == 1:
            game.fire_inject("election")
            game.adjust("cooperation", -3, "Walk-out")
            game.add_note("Turn 2 was tense")
        game.submit_forecast("japan", "tension_up", 0.7)
        game.submit("japan", {"dialogue": "push"} if "dialogue" not in game.state.adopted else {})
        game.resolve_turn()
    return game


def test_a_game_saved_mid_way_and_resumed_is_identical_to_one_played_straight_through(
    mini, tmp_path
):
    straight = play_with_everything(mini, 4)
    half = play_with_everything(mini, 2)
    path = tmp_path / "half.json"
    save_game(half, path)
    resumed = load_game(path, mini)
    for _turn in range(2, 4):
        resumed.submit_forecast("japan", "tension_up", 0.7)
        resumed.submit(
            "japan", {"dialogue": "push"} if "dialogue" not in resumed.state.adopted else {}
        )
        resumed.resolve_turn()
    assert resumed.state == straight.state
    assert resumed.ledger == straight.ledger
    assert resumed.facilitator_log == straight.facilitator_log
    assert resumed.forecasts == straight.forecasts


def test_take_back_restores_the_exact_previous_state(mini):
    game = play_with_everything(mini, 2)
    game.add_note("before the third turn")
    game.submit("japan", {})
    before = (game.state.copy(), list(game.ledger), list(game.facilitator_log))
    game.resolve_turn()
    restored = take_back(game)
    assert restored.state == before[0]
    assert restored.ledger == before[1]
    assert restored.facilitator_log[:-1] == before[2]
    assert restored.facilitator_log[-1].kind == "takeback"
    assert len(restored.reports) == 2


def test_take_back_at_the_start_is_refused(mini):
    with pytest.raises(EngineError):
        take_back(Game(mini, 1))


def test_a_counterfactual_with_no_change_reproduces_the_original_exactly(mini):
    game = play_with_everything(mini, 4)
    same = counterfactual(
        game, 2, "japan", "dialogue", game.history[1]["japan"].get("dialogue", "hold")
    )
    assert same.state == game.state and same.ledger == game.ledger


def test_a_counterfactual_changes_what_follows(mini):
    game = Game(mini, 5, humans={"japan", "taiwan"})
    while not game.over:
        game.submit("japan", {})
        game.submit("taiwan", {})
        game.resolve_turn()
    other = counterfactual(game, 1, "japan", "dialogue", "push")
    assert other.history[0]["japan"] == {"dialogue": "push"}
    assert other.state.progress["dialogue"] != game.state.progress["dialogue"]
    assert game.history[0]["japan"] == {}  # the original is untouched


def test_forecasts_are_scored_with_the_brier_score(mini):
    game = Game(mini, 2, humans={"japan"})
    game.submit_forecast("japan", "tension_up", 1.0)
    game.submit_forecast("japan", "adopted:dialogue", 0.0)
    with pytest.raises(EngineError):
        game.submit_forecast("japan", "adopted:exercises", 0.5)  # not on the table yet
    game.submit("japan", {})
    game.resolve_turn()
    scores = forecast_scores(game)
    japan = scores["japan"]
    tension_rose = game.turn_start_values[1]["tension"] > game.turn_start_values[0]["tension"]
    expected = ((1.0 - tension_rose) ** 2 + 0.0) / 2
    assert japan.count == 2 and japan.brier == pytest.approx(expected)


def test_version_1_saves_still_load(mini, tmp_path):
    game = Game(mini, 3)
    game.resolve_turn()
    path = tmp_path / "v1.json"
    save_game(game, path)
    data = json.loads(path.read_text())
    data["version"] = 1
    del data["facilitator"], data["forecasts"]
    path.write_text(json.dumps(data))
    assert load_game(path, mini).state == game.state


# --- take-backs are recorded ------------------------------------------------------------------


def test_a_take_back_is_recorded_with_the_decisions_it_undid(mini):
    game = Game(mini, 4, humans={"japan"})
    game.submit("japan", {})
    game.resolve_turn()
    game.submit("japan", {"dialogue": "push"})
    game.resolve_turn()
    restored = take_back(game)
    last = restored.facilitator_log[-1]
    assert (last.turn, last.kind) == (2, "takeback")
    dialogue = game.book.measure["dialogue"].model.title
    assert last.text.startswith("Took back Turn 2")
    assert f"Japan pushed {dialogue}" in last.text and "\n" not in last.text
    assert restored.notes() == []  # a take-back is not a note


def test_the_take_back_line_says_what_each_delegation_pushed_and_opposed(default_scenario):
    game = Game(default_scenario, 4, humans={"japan"})
    game.submit(
        "japan", {"hadr_exercises": "push", "jp_tw_dialogue": "push", "basic_act": "oppose"}
    )
    game.resolve_turn()
    text = take_back(game).facilitator_log[-1].text
    titles = {m.id: m.title for m in default_scenario.written.measures}
    assert text.startswith("Took back Quarter 1; its decisions were undone: United States pushed ")
    assert (
        f"; Japan pushed {titles['hadr_exercises']}, {titles['jp_tw_dialogue']}"
        f" and opposed {titles['basic_act']}; Taiwan pushed "
    ) in text
    assert text.endswith(".") and "\n" not in text


def test_the_take_back_line_says_when_a_delegation_held_on_everything(mini):
    game = Game(mini, 4, humans={"japan", "taiwan"})
    game.submit("japan", {})
    game.submit("taiwan", {"dialogue": "oppose"})
    game.resolve_turn()
    assert take_back(game).facilitator_log[-1].text == (
        "Took back Turn 1; its decisions were undone: Japan held on everything; "
        "Taiwan opposed Security dialogue."
    )


def test_take_backs_are_saved_and_survive_further_take_backs_and_replays(mini, tmp_path):
    game = Game(mini, 4, humans={"japan"})
    for _ in range(3):
        game.submit("japan", {})
        game.resolve_turn()
    once = take_back(game)  # undoes turn 3
    once.add_note("after the first take-back")
    twice = take_back(once)  # undoes turn 2
    kinds = [(a.turn, a.kind) for a in twice.facilitator_log]
    assert kinds == [(3, "takeback"), (2, "takeback")]
    path = tmp_path / "t.json"
    save_game(twice, path)
    reloaded = load_game(path, mini)
    assert reloaded.facilitator_log == twice.facilitator_log
    assert reloaded.save_warnings == ()
    thrice = take_back(reloaded)  # undoes turn 1
    assert [(a.turn, a.kind) for a in thrice.facilitator_log] == [
        (3, "takeback"),
        (2, "takeback"),
        (1, "takeback"),
    ]


def test_a_take_back_record_has_no_effect_on_play(mini, tmp_path):
    def finish(game: Game) -> Game:
        while not game.over:
            game.submit("japan", {})
            game.resolve_turn()
        return game

    game = Game(mini, 4, humans={"japan"})
    game.submit("japan", {"dialogue": "push"})
    game.resolve_turn()
    restored = finish(take_back(game))
    fresh = finish(Game(mini, 4, humans={"japan"}))
    assert restored.state == fresh.state and restored.ledger == fresh.ledger
    path = tmp_path / "t.json"
    save_game(restored, path)
    assert load_game(path, mini).state == fresh.state


@pytest.mark.parametrize(
    "amount", ["abc", float("nan"), float("inf"), -float("inf"), 10**400, "1e400", True, None, 101]
)
def test_adjustments_refuse_anything_but_a_finite_number_in_range(amount, mini):
    game = Game(mini, 1)
    with pytest.raises(EngineError, match="an adjustment must be a number from -100 to 100"):
        game.adjust("tension", amount, "reason")
    assert game.facilitator_log == []


@pytest.mark.parametrize("probability", ["x", float("nan"), float("inf"), 10**400, 1.5, None])
def test_forecasts_refuse_anything_but_a_probability(probability, mini):
    game = Game(mini, 1, humans={"japan"})
    with pytest.raises(EngineError, match="probability must be a number from 0 to 1"):
        game.submit_forecast("japan", "tension_up", probability)


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, float("nan"), "7", None])
def test_a_game_refuses_a_seed_that_is_not_a_whole_number_in_range(seed, mini):
    with pytest.raises(EngineError, match="seed"):
        Game(mini, seed)


def test_notes_and_reasons_refuse_control_characters_and_excess_length(mini):
    game = Game(mini, 1)
    with pytest.raises(EngineError, match="control characters"):
        game.add_note("clear the screen \x1b[2J")
    with pytest.raises(EngineError, match="control characters"):
        game.adjust("tension", 1, "bell\x07")
    with pytest.raises(EngineError, match="at most 2,000 characters"):
        game.add_note("x" * 2001)
    assert game.facilitator_log == []
