"""`Game.copy()` (and `copy.deepcopy`): an independent game at the same point that plays on
exactly as the original would, sharing only what never changes (scenario, rulebook, drawn
amounts)."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from game.engine.chance import Stream
from game.engine.game import Game, play_ai_game
from game.paths import DEFAULT_SCENARIO
from game.scenario.loader import LoadedScenario, load_scenario
from tests.conftest import shared_by_module
from tests.engine.test_golden import state_data

SHARED = {"loaded", "book", "effects"}  # immutable during a game: shared on purpose


def fingerprint(game: Game) -> tuple:
    return (
        state_data(game),
        game.ledger,
        game.history,
        [r.events for r in game.reports],
        game.facilitator_log,
        game.forecasts,
        game.turn_start_values,
    )


@pytest.fixture(scope=shared_by_module)
def default_scenario_here() -> LoadedScenario:
    return load_scenario(DEFAULT_SCENARIO)


def play_on(game: Game, rng: random.Random) -> None:
    """Play to the end, people's delegations deciding at random among their options."""
    while not game.over:
        for actor in game.awaiting():
            options = game.options(actor)
            budget, chosen = options.capital, {}
            for option in options.measures:
                choice = rng.choice(option.choices)
                if option.cost_of(choice) <= budget and choice != "hold":
                    chosen[option.measure_id] = choice
                    budget -= option.cost_of(choice)
            game.submit(actor, chosen)
        game.resolve_turn()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("deep", [False, True])
def test_a_copy_plays_on_exactly_as_the_original_would(default_scenario_here, seed, deep):
    game = Game(default_scenario_here, seed, humans={"japan"})
    play_on_turns = seed % 4 + 1
    for _turn in range(play_on_turns):
        if game.over:
            break
        game.submit("japan", {})
        game.resolve_turn()
    game.submit_forecast("us", "tension_up", 0.6)
    twin = copy.deepcopy(game) if deep else game.copy()
    assert fingerprint(twin) == fingerprint(game)
    play_on(game, random.Random(seed))
    play_on(twin, random.Random(seed))
    assert fingerprint(twin) == fingerprint(game)
    assert twin.result() == game.result()


def test_a_copy_is_independent_of_the_original(mini):
    game = Game(mini, 5, humans={"japan"})
    game.submit("japan", {"dialogue": "push"})
    twin = game.copy()
    twin.submit("japan", {})  # a different decision in the copy
    twin.adjust("tension", 5, "only in the copy")
    twin.resolve_turn()
    assert game.state.turn == 1 and game.reports == [] and game.awaiting() == []
    assert game.state.values["tension"] == 30.0
    assert [a.kind for a in game.facilitator_log] == []
    game.resolve_turn()
    assert game.history[0]["japan"] == {"dialogue": "push"}
    assert twin.history[0]["japan"] == {}


def test_a_copy_shares_nothing_that_changes(mini):
    """Every attribute of a copy is either one of the immutable shared parts, an immutable
    value, or a container of its own."""
    game = Game(mini, 5, humans={"japan"})
    game.submit("japan", {})
    twin = game.copy()
    for name, value in vars(twin).items():
        original = getattr(game, name)
        if name in SHARED or isinstance(value, int | float | str | bool | tuple | frozenset):
            continue
        if value is None:
            continue
        assert value is not original, f"{name} is shared between a game and its copy"
    for actor, ai in twin._ai.items():
        assert ai is not game._ai[actor]
        assert ai.stream is twin._ai_stream and isinstance(ai.stream, Stream)


def test_copies_of_a_finished_game_read_the_same_result(mini):
    game = play_ai_game(mini, 9)
    assert game.copy().result() == game.result()


def test_a_copy_keeps_the_setup_and_the_ending(mini):
    """A copy of a finished game is finished, by the same crisis; a copy keeps who plays each
    delegation, under which profile, and whether the history excursion is on."""
    history = load_scenario(Path(__file__).parent.parent / "fixtures" / "history.yaml")
    game = Game(history, 5, humans={"taiwan"}, ai_profiles={"japan": "assertive"}, history=True)
    twin = game.copy()
    assert (twin.setup.humans, twin.setup.ai_profiles, twin.setup.history) == (
        {"taiwan"},
        {"japan": "assertive"},
        True,
    )
    ended = Game(mini, 3)
    ended.adjust("tension", 60, "Escalation")
    ended.resolve_turn()
    twin = ended.copy()
    assert (twin.state.over, twin.state.crisis) == (True, True)
    assert twin.result() == ended.result()


def test_a_copy_keeps_the_decisions_a_white_cell_action_reopened(mini):
    game = Game(mini, 9, humans=["japan", "taiwan"])
    game.submit("japan", {"dialogue": "push"})
    game.adjust("capital.japan", -3, "budget cut")  # the push can no longer be paid for
    assert game.copy().reopened == ["japan"]
