"""Uncertain amounts are ranges drawn per game from the seed; dated injects and the history
excursion follow the scenario's calendar (issue 12)."""

from __future__ import annotations

import pytest

from game.engine.game import EngineError, Game, play_ai_game
from game.engine.state import Cause
from game.scenario.errors import ScenarioError
from tests.engine.test_model import mini_with

RANGED = ("    reaction: {tension: 5}", "    reaction: {tension: [2, 9]}")


def drawn_reaction(game: Game) -> float:
    (value,) = [v for r, v in game.effects.drawn if r.kind == "reaction"]
    return value


def test_a_range_is_drawn_per_game_the_same_for_the_same_seed():
    loaded = mini_with(RANGED)
    values = [drawn_reaction(Game(loaded, seed)) for seed in range(60)]
    assert all(2 <= v <= 9 for v in values)
    assert len(set(values)) > 20  # spread over the range, not one value
    assert [drawn_reaction(Game(loaded, seed)) for seed in range(60)] == values


def test_the_drawn_value_is_the_one_applied():
    loaded = mini_with(RANGED)
    game = Game(loaded, 7, ["japan", "taiwan"])
    game.state.progress["dialogue"] = 2.0
    game.submit("japan", {"dialogue": "push"})
    game.submit("taiwan", {"dialogue": "push"})
    report = game.resolve_turn()
    assert report.adopted == ("dialogue",)
    (reaction,) = [e for e in report.changes if e.cause == Cause.REACTION]
    assert reaction.amount == pytest.approx(drawn_reaction(game))


def test_drawing_amounts_never_changes_the_worlds_draws():
    fixed, ranged = mini_with(), mini_with(RANGED)
    a, b = Game(fixed, 3), Game(ranged, 3)
    for _ in range(4):
        a.resolve_turn()
        b.resolve_turn()
    assert [r.events for r in a.reports][:1] == [r.events for r in b.reports][:1]


def test_the_ai_and_the_tools_read_the_middle_of_a_range():
    loaded = mini_with(RANGED)
    measure = loaded.scenario.measures[0]
    assert measure.reaction.changes["tension"] == 5.5
    assert measure.reaction.ranges["tension"] == (2.0, 9.0)


def test_a_backwards_range_is_refused_at_its_place():
    with pytest.raises(ScenarioError) as caught:
        mini_with(("    reaction: {tension: 5}", "    reaction: {tension: [9, 2]}"))
    (problem,) = caught.value.problems
    assert "runs backwards" in problem.message and "[2, 9]" in problem.message


DATED = (
    ("turns: 4\n", 'turns: 4\ncalendar: {start: "2020-01-01", months_per_turn: 3}\n'),
    ("    turn: 2\n", '    date: "2020-05-14"\n'),
)


def test_a_dated_inject_fires_on_the_turn_that_contains_its_date():
    game = play_ai_game(mini_with(*DATED), 2)
    assert (2, "election") in game.state.fired_injects  # May 2020 is in the second quarter


def test_a_date_outside_the_window_never_fires():
    loaded = mini_with(DATED[0], ("    turn: 2\n", '    date: "2023-02-03"\n'))
    assert "election" not in {i for _, i in play_ai_game(loaded, 2).state.fired_injects}


def test_a_date_needs_a_calendar_and_a_real_day():
    with pytest.raises(ScenarioError, match="needs the scenario's `calendar`"):
        mini_with(DATED[1])
    with pytest.raises(ScenarioError, match="not a date of the calendar"):
        mini_with(DATED[0], ("    turn: 2\n", '    date: "2021-02-30"\n'))


HISTORY = (
    *DATED,
    ("    effects: {support.taiwan: 5}\n", "    effects: {support.taiwan: 5}\n    history: true\n"),
)


def test_history_injects_fire_only_in_the_history_excursion():
    loaded = mini_with(*HISTORY)
    plain = play_ai_game(loaded, 2)
    assert "election" not in {i for _, i in plain.state.fired_injects}
    game = Game(loaded, 2, history=True)
    while not game.over:
        game.resolve_turn()
    assert (2, "election") in game.state.fired_injects


def test_history_is_refused_for_a_scenario_without_an_excursion(mini):
    with pytest.raises(EngineError, match="no history excursion"):
        Game(mini, 1, history=True)


def test_a_saved_history_game_replays_as_a_history_game(tmp_path):
    from game.engine.saves import load_game, save_game

    loaded = mini_with(*HISTORY)
    game = Game(loaded, 2, ["japan", "taiwan"], history=True)
    for _ in range(2):
        game.submit("japan", {})
        game.submit("taiwan", {})
        game.resolve_turn()
    path = tmp_path / "h.json"
    save_game(game, path)
    again = load_game(path, loaded)
    assert again.setup.history
    assert again.state.fired_injects == game.state.fired_injects


def test_simulate_plays_the_history_excursion_when_asked():
    from game.sim.montecarlo import run

    loaded = mini_with(*HISTORY)
    plain = run(loaded, 20, seed=5)
    history = run(loaded, 20, seed=5, history=True)
    support = lambda summary: [dict(r.final)["support.taiwan"] for r in summary.rows]  # noqa: E731
    assert support(history) != support(plain)
    strategy = run(loaded, 5, seed=5, strategy="hold", history=True)
    assert all(dict(r.final)["support.taiwan"] >= 50 for r in strategy.rows)


def test_drawing_every_range_at_once_gives_what_drawing_each_gives():
    """`drawn_in_ranges` (numpy, one call per game) against `drawn_in_range` (the plain rule),
    and one call to the generator against the stream's blocks of 64."""
    import random

    import numpy as np

    from game.engine.chance import assumptions_draws, assumptions_stream
    from game.engine.effects import drawn_in_range, drawn_in_ranges

    rng = random.Random(7)
    for seed in (0, 1, 99, 2**40):
        count = rng.randrange(1, 400)
        stream = assumptions_stream(seed)
        uniforms = assumptions_draws(seed, count)
        assert uniforms == [stream.uniform() for _ in range(count)]
        lows = [rng.choice([-1, 1]) * rng.uniform(0, 20) for _ in range(count)]
        highs = [low + rng.uniform(0, 10) for low in lows]
        # tenths and halves, where rounding half up matters
        lows[: count // 2] = [round(x * 2) / 2 for x in lows[: count // 2]]
        plain = [drawn_in_range(lo, hi, u) for lo, hi, u in zip(lows, highs, uniforms, strict=True)]
        low, span = np.array(lows), np.array([hi - lo for lo, hi in zip(lows, highs, strict=True)])
        assert drawn_in_ranges(low, span, uniforms) == plain
