"""Fixed team strategies: what each pushes, in which order, and when (on tests/fixtures/balance.yaml).

In the fixture every measure needs both delegations; provocativeness is talks 1.05, drills
2.10, office 0.50, forum 1.00 (median 1.025: talks and drills are provocative), costs are
talks 2, drills 3, office 1, forum 1 (the file's order is talks, drills, forum, office), and each delegation starts with 4 capital and regains none.
"""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.engine.rulebook import Rulebook
from game.scenario.loader import load_scenario, load_scenario_text
from game.sim.montecarlo import run
from game.sim.strategies import (
    AI,
    STRATEGIES,
    UnknownStrategy,
    parse_strategies,
    play_strategy_game,
    provocation_of,
)
from tests.conftest import FIXTURES

BALANCE = FIXTURES / "balance.yaml"
DELEGATIONS = ("japan", "taiwan")


@pytest.fixture(scope="module")
def balance():
    return load_scenario(BALANCE)


def _with_capital(capital: int):
    text = BALANCE.read_text().replace("capital: {start: 4,", f"capital: {{start: {capital},")
    return load_scenario_text(text, "variant.yaml")


def _decide(loaded, name: str, seed: int = 1) -> dict[str, str]:
    game = Game(loaded, seed, DELEGATIONS)
    return STRATEGIES[name](game, "japan")


def _at_turn(loaded, turn: int, tension_change: float = 0.0) -> Game:
    """A game held on everything until `turn`, with tension moved by `tension_change`."""
    game = Game(loaded, 1, DELEGATIONS)
    while game.state.turn < turn:
        for actor in DELEGATIONS:
            game.submit(actor, {})
        game.resolve_turn()
    if tension_change:
        game.adjust("tension", tension_change, "test")
    assert game.state.values["tension"] == 30.0 + tension_change
    return game


def test_provocativeness_is_provocation_plus_tension_added_over_100_and_provocative_is_above_the_median(
    balance,
):
    p = provocation_of(Rulebook.of(balance))
    assert p.score == pytest.approx({"talks": 1.05, "drills": 2.10, "office": 0.5, "forum": 1.0})
    assert p.provocative == {"talks", "drills"}


def test_a_measure_exactly_at_the_median_is_not_provocative():
    forum = "    provocation: 1\n    on_adopt: {cooperation: 3}"
    assert forum in BALANCE.read_text()
    text = BALANCE.read_text().replace(forum, forum.replace("1\n", "1.05\n"))
    loaded = load_scenario_text(text, "variant.yaml")
    p = provocation_of(Rulebook.of(loaded))  # talks 1.05, drills 2.10, office 0.50, forum 1.05
    assert p.score["forum"] == p.score["talks"] == 1.05
    assert p.provocative == {"drills"}


def test_hold_pushes_nothing(balance):
    assert _decide(balance, "hold") == {}


def test_push_all_pushes_what_it_can_afford_in_file_order(balance):
    # talks (2), drills (3) no longer fits, forum (1), office (1)
    assert list(_decide(balance, "push-all")) == ["talks", "forum", "office"]


def test_push_provocative_first_pushes_the_most_provocative_first(balance):
    # drills (3), talks (2) does not fit, forum (1.00) before office (0.50)
    assert list(_decide(balance, "push-provocative-first")) == ["drills", "forum"]


def test_push_cheap_first_pushes_the_cheapest_first_and_breaks_ties_by_less_provocative(balance):
    assert list(_decide(balance, "push-cheap-first")) == ["office", "forum", "talks"]
    assert list(_decide(_with_capital(1), "push-cheap-first")) == ["office"]


def test_strategies_push_only_what_is_open_to_push(balance):
    assert all(_decide(_with_capital(0), name) == {} for name in STRATEGIES)
    game = Game(balance, 1, DELEGATIONS)
    game.forbid({"office"})
    assert "office" not in STRATEGIES["push-cheap-first"](game, "japan")


def test_sequenced_pushes_only_unprovocative_measures_until_mid_game(balance):
    for turn in (1, 3):  # 3 is turns / 2: not yet past mid-game
        game = _at_turn(balance, turn)
        assert list(STRATEGIES["sequenced"](game, "japan")) == ["office", "forum"]


def test_sequenced_pushes_provocative_measures_after_mid_game_least_provocative_first(balance):
    game = _at_turn(balance, 4)
    assert list(STRATEGIES["sequenced"](game, "japan")) == ["office", "forum", "talks"]


def test_sequenced_stops_provocative_measures_at_the_warning_level(balance):
    assert Rulebook.of(balance).warning_at == 45
    below = _at_turn(balance, 4, tension_change=14.9)
    assert "talks" in STRATEGIES["sequenced"](below, "japan")
    at = _at_turn(balance, 4, tension_change=15)
    assert list(STRATEGIES["sequenced"](at, "japan")) == ["office", "forum"]


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_a_strategy_game_is_played_by_that_strategy_for_every_delegation(balance, name):
    game = play_strategy_game(balance, 3, name, record=True)
    assert game.over
    for turn, decisions in enumerate(game.history, start=1):
        assert set(decisions) == set(DELEGATIONS), turn
    first = game.history[0]
    assert first["japan"] == _decide(balance, name, seed=3)


def test_a_strategy_game_without_its_record_ends_as_the_recorded_one(balance):
    for name in STRATEGIES:
        quiet = play_strategy_game(balance, 5, name)
        recorded = play_strategy_game(balance, 5, name, record=True)
        assert quiet.state == recorded.state


def test_forced_off_measures_are_never_pushed(balance):
    game = play_strategy_game(balance, 2, "push-all", forced_off={"talks"}, record=True)
    assert all("talks" not in d for turn in game.history for d in turn.values())


def test_strategy_runs_do_not_depend_on_the_number_of_jobs(balance):
    one = run(balance, 120, seed=4, jobs=1, strategy="sequenced")
    two = run(balance, 120, seed=4, jobs=2, strategy="sequenced")
    assert one.rows == two.rows and one.own_score == two.own_score
    assert {r.strategy for r in one.rows} == {"sequenced"}
    assert [r.seed for r in one.rows] == list(range(4, 124))


def test_runs_report_mean_own_and_shared_scores(balance):
    summary = run(balance, 30, seed=0, strategy="push-all")
    for actor in DELEGATIONS:
        assert summary.own_score[actor] == pytest.approx(
            sum(dict(r.scores)[actor] for r in summary.rows) / 30
        )
    assert summary.shared_mean == pytest.approx(sum(r.shared_score for r in summary.rows) / 30)


def test_strategy_lists_expand_all_keep_order_and_drop_repeats():
    assert parse_strategies("sequenced,all") == [
        "sequenced",
        *(n for n in STRATEGIES if n != "sequenced"),
    ]
    assert parse_strategies(" hold , ai,hold") == ["hold", AI]
    with pytest.raises(UnknownStrategy, match="unknown strategy 'push-most'.*push-all"):
        parse_strategies("push-most")
    with pytest.raises(UnknownStrategy, match="empty"):
        parse_strategies("hold,")
    with pytest.raises(UnknownStrategy):
        parse_strategies("ai", allow_ai=False)
