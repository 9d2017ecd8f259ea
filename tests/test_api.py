"""The public Python API (game.api, docs/api.md): what researchers rely on.

- load a scenario (default, path, bundled name); a game is set by its seed and decisions;
- a delegation's observation holds what it may know (what its classroom device is shown) and
  never what another delegation submitted this turn;
- the legal decisions are exactly the affordable ones, and the engine accepts each;
- the ledger adds up to the indicators; the result is final only at the end;
- a copy plays on exactly like the original and never changes it;
- `play` gives each policy a seeded random stream of its own.
"""

from __future__ import annotations

import itertools
import random

import pytest

from game import api
from game.engine.scoring import score_game
from game.engine.state import Choice
from game.net.views import ClassStatus, game_view, own_view
from tests.conftest import MINI


def _random_policy(observation, legal, rng):  # noqa: ANN001, ANN202
    return rng.choice(list(api.legal_decisions(legal)))


def _played(scenario, seed: int) -> api.Game:  # noqa: ANN001
    game = api.new_game(scenario, seed)
    return api.play(game, dict.fromkeys(api.delegations(game), _random_policy))


def test_load_scenario_default_path_and_bundled_name(default_scenario):
    assert api.load_scenario().scenario.id == default_scenario.scenario.id
    assert api.load_scenario(MINI).scenario.id == "mini"
    assert "maritime-surge" in api.bundled_scenarios()
    assert api.load_scenario("maritime-surge").file.endswith("maritime-surge.yaml")
    with pytest.raises(api.ScenarioError):
        api.load_scenario("no-such-scenario")


def test_same_seed_and_decisions_give_the_same_game_and_another_seed_another(mini):
    a, b, c = _played(mini, 3), _played(mini, 3), _played(mini, 4)
    assert api.ledger(a) == api.ledger(b)
    assert api.result(a) == api.result(b)
    assert api.ledger(a) != api.ledger(c)


def test_every_player_must_submit_before_resolve_and_the_others_are_ai(mini):
    game = api.new_game(mini, 1)
    with pytest.raises(api.IllegalDecision, match="waiting for japan, taiwan"):
        api.resolve(game)
    game = api.new_game(mini, 1, players=["japan"])
    api.submit(game, "japan", {})
    report = api.resolve(game)
    assert report.turn == 1 and set(report.decisions) == {"japan", "taiwan"}


def test_an_observation_never_shows_what_another_delegation_submitted_this_turn(mini):
    game = api.new_game(mini, 2)
    before = api.observe(game, "taiwan")
    api.submit(game, "japan", {"dialogue": "push"})
    assert api.observe(game, "taiwan") == before
    api.submit(game, "taiwan", {})
    api.resolve(game)
    after = api.observe(game, "taiwan")
    assert after.revealed == {"japan": {"dialogue": "push"}, "taiwan": {}}
    assert after.turn == 2


def test_an_observation_holds_what_the_delegations_device_is_shown(default_scenario):
    game = _played(default_scenario, 5)  # over: every state of a measure has come up
    for turn_game in (api.new_game(default_scenario, 5), game):
        seen = api.observe(turn_game, "japan")
        view = game_view(turn_game, ClassStatus())
        assert [(m.id, m.state) for m in seen.measures] == [
            (m["id"], m["state"]) for m in view["measures"]
        ]
        assert [k for k in seen.indicators] == [i["id"] for i in view["indicators"]]
        public = {d["id"]: (d["support"], d["capital"]) for d in view["delegations"]}
        assert public == {
            d: (f"{seen.support[d]:g}", f"{seen.capital[d]:g}") for d in api.delegations(game)
        }
    suspended = api.new_game(default_scenario, 5)
    suspended.state.adopted["jp_tw_dialogue"] = 1
    suspended.state.suspended_until["jp_tw_dialogue"] = 3
    states = {m.id: m.state for m in api.observe(suspended, "us").measures}
    view = game_view(suspended, ClassStatus())
    assert states == {m["id"]: m["state"] for m in view["measures"]}
    assert states["jp_tw_dialogue"] == api.SUSPENDED
    fresh = api.new_game(default_scenario, 5)
    own = own_view(fresh, "japan", {}, None, forecasts_on=False, phase="deciding")
    legal = api.legal(fresh, "japan")
    assert [(o["id"], o["choices"]) for o in own["options"]] == [
        (m.measure_id, [str(c) for c in m.choices]) for m in legal.measures
    ]
    assert own["capital"] == legal.capital == api.observe(fresh, "japan").own_capital


def test_an_observation_of_an_unknown_delegation_is_refused(mini):
    with pytest.raises(api.EngineError, match="unknown delegation 'china'; expected one of"):
        api.observe(api.new_game(mini, 1), "china")


def test_legal_decisions_are_exactly_the_affordable_ones(default_scenario):
    game = api.new_game(default_scenario, 9)
    api.play(game, {d: _random_policy for d in api.delegations(game)}, until_turn=3)
    for d in api.delegations(game):
        legal = api.legal(game, d)
        listed = list(api.legal_decisions(legal))
        assert listed[0] == {}
        every = []
        for combo in itertools.product(*(m.choices for m in legal.measures)):
            chosen = {
                m.measure_id: str(c)
                for m, c in zip(legal.measures, combo, strict=True)
                if c != Choice.HOLD
            }
            if legal.cost_of(chosen) <= legal.capital:
                every.append(chosen)
        assert sorted(map(sorted, map(dict.items, listed))) == sorted(
            map(sorted, map(dict.items, every))
        )
        assert len(listed) < 3 ** len(legal.measures)  # the capital rules some out
        for decisions in listed:
            assert api.check(game, d, decisions) == {k: Choice(v) for k, v in decisions.items()}


def test_an_illegal_decision_is_refused_with_the_reason(mini):
    game = api.new_game(mini, 1)
    with pytest.raises(api.IllegalDecision, match="'exercises' is not on the table for japan"):
        api.submit(game, "japan", {"exercises": "push"})
    with pytest.raises(api.IllegalDecision, match="'maybe' is not a choice"):
        api.submit(game, "japan", {"dialogue": "maybe"})
    api.submit(game, "taiwan", {})
    assert game.awaiting() == ["japan"]  # nothing was recorded for japan


def test_the_ledger_adds_up_to_every_indicator_and_why_groups_it(default_scenario):
    game = _played(default_scenario, 11)
    entries = api.ledger(game)
    for key, value in game.state.values.items():
        assert round(sum(e.amount for e in entries if e.indicator == key), 1) == value
    assert {e.turn for e in api.ledger(game, 2)} == {2}
    tension = api.why(game)["tension"]
    start = game.turn_start_values[0]["tension"]
    assert tension.total == round(game.state.values["tension"] - start, 1)
    assert round(sum(a for _label, a in tension.causes), 1) == tension.total


def test_the_result_is_final_only_at_the_end(mini):
    game = api.new_game(mini, 1)
    with pytest.raises(api.EngineError, match="the game is not over"):
        api.result(game)
    assert api.result(game, provisional=True) == score_game(game)
    api.play(game, {})
    assert game.over and api.result(game) == score_game(game)


def test_a_copy_plays_on_like_the_original_and_never_changes_it(default_scenario):
    game = api.new_game(default_scenario, 21)
    policies = {d: _random_policy for d in api.delegations(game)}
    api.play(game, policies, until_turn=4)
    copy = api.copy_game(game)
    assert copy.book is game.book  # the rules are shared, not copied
    state, ledger = game.state.copy(), list(game.ledger)
    api.play(copy, policies)
    assert game.state == state and game.ledger == ledger  # the original is untouched
    # The same decisions from here give the same game on both.
    original = api.copy_game(game)
    for g in (game, original):
        for d in api.delegations(g):
            api.submit(g, d, {})
    assert api.resolve(game) == api.resolve(original)
    assert game.state == original.state


def test_play_gives_each_policy_a_seeded_stream_of_its_own(mini):
    seen: dict[str, list[float]] = {}

    def remember(observation, legal, rng):  # noqa: ANN001, ANN202
        seen.setdefault(observation.delegation, []).append(rng.random())
        return {}

    api.play(api.new_game(mini, 8), {"japan": remember, "taiwan": remember})
    first = dict(seen)
    seen.clear()
    api.play(api.new_game(mini, 8), {"japan": remember, "taiwan": remember})
    assert seen == first and first["japan"] != first["taiwan"]
    expected = api.policy_rng(8, "japan")
    assert first["japan"] == [expected.random() for _ in first["japan"]]
    assert isinstance(api.policy_rng(8, "japan"), random.Random)


def test_play_refuses_a_policy_for_a_delegation_the_computer_plays(mini):
    game = api.new_game(mini, 1, players=["japan"])
    with pytest.raises(api.EngineError, match="taiwan is played by the computer"):
        api.play(game, {"taiwan": _random_policy})


def test_play_says_when_a_policy_returns_something_other_than_decisions(mini):
    game = api.new_game(mini, 1)
    with pytest.raises(api.EngineError, match="playing japan on turn 1 returned NoneType None"):
        api.play(game, {"japan": lambda o, legal, rng: None})
