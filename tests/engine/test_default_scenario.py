"""The default scenario plays well: every measure can be adopted, a crisis can happen, AIs play legally."""

from __future__ import annotations

from collections import Counter

from game.engine.game import Game, play_ai_game
from game.sim.batch import profile_combinations, run_games


def test_every_measure_is_adopted_in_some_ai_game(default_scenario):
    adopted = Counter()
    for summary in run_games(default_scenario, range(400)):
        adopted.update(summary.adopted)
    assert set(adopted) == {m.id for m in default_scenario.scenario.measures}


def test_ai_decisions_are_always_legal(default_scenario):
    for combo in profile_combinations(default_scenario)[::4]:
        game = Game(default_scenario, 3, (), combo)
        while not game.over:
            for actor, ai in game._ai.items():
                game.check(actor, ai.decide(game))  # raises IllegalDecision if not
            game.resolve_turn()


def push_everything(game: Game) -> None:
    order = [
        "jp_tw_dialogue",
        "trilateral_dialogue",
        "hadr_exercises",
        "agreements_act",
        "basic_act",
    ]
    for actor in game.book.delegation_ids:
        options = game.options(actor)
        budget, chosen = options.capital, {}
        by_id = {o.measure_id: o for o in options.measures}
        for mid in order:
            if mid in by_id and by_id[mid].push_cost <= budget:
                chosen[mid] = "push"
                budget -= by_id[mid].push_cost
        game.submit(actor, chosen)


def test_the_crisis_outcome_is_reachable(default_scenario):
    crises = 0
    for seed in range(30):
        game = Game(default_scenario, seed, humans={"us", "japan", "taiwan"})
        while not game.over:
            push_everything(game)
            game.resolve_turn()
        result = game.result()
        if result.crisis:
            crises += 1
            assert result.outcome.crisis and result.final_turn < default_scenario.scenario.turns + 1
    assert crises > 0


def test_doing_nothing_is_worse_than_cooperating(default_scenario):
    def shared(strategy_all_push: bool, seed: int) -> float:
        game = Game(default_scenario, seed, humans={"us", "japan", "taiwan"})
        while not game.over:
            for actor in game.book.delegation_ids:
                wanted = {}
                if strategy_all_push:
                    options = game.options(actor)
                    budget = options.capital
                    for o in sorted(options.measures, key=lambda o: o.push_cost):
                        if o.measure_id == "counter_influence" or o.measure_id == "hadr_exercises":
                            if o.push_cost <= budget:
                                wanted[o.measure_id] = "push"
                                budget -= o.push_cost
                game.submit(actor, wanted)
            game.resolve_turn()
        return game.result().shared.score

    seeds = range(10)
    assert sum(shared(True, s) for s in seeds) > sum(shared(False, s) for s in seeds)


def test_ai_games_end_in_several_different_bands(default_scenario):
    bands = Counter(s.outcome for s in run_games(default_scenario, range(300)))
    assert len(bands) >= 3


def test_same_seed_prints_the_same_ai_game(default_scenario):
    a, b = play_ai_game(default_scenario, 99), play_ai_game(default_scenario, 99)
    assert a.ledger == b.ledger and a.state == b.state
