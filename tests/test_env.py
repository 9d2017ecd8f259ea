"""The PettingZoo env (game.env, docs/api.md): PettingZoo's own parallel API test, Gymnasium
seeding, masks and the capital rule for actions, and final scores that are the engine's."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest

from tests.conftest import IN_CI, MINI

try:
    import gymnasium  # noqa: F401
    import pettingzoo  # noqa: F401
except ImportError as err:  # CI installs the [test] extra, which has them: there it must run
    if IN_CI:
        raise
    pytest.skip(f"the [rl] extra is not installed ({err})", allow_module_level=True)

from pettingzoo.test import parallel_api_test  # noqa: E402

from game import api  # noqa: E402
from game.env import HOLD, OPPOSE, PUSH, parallel_env  # noqa: E402


@pytest.mark.parametrize("scenario", [None, str(MINI)], ids=["default", "mini"])
def test_pettingzoo_parallel_api_test_passes_without_warnings(scenario):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "live agent was not given ...", "agent revived", ...
        parallel_api_test(parallel_env(scenario), num_cycles=100)


def test_none_means_the_default_scenario(default_scenario):
    env = parallel_env()
    assert env.loaded.scenario.id == default_scenario.scenario.id
    assert env.possible_agents == list(default_scenario.scenario.delegations())


def _episode(env, seed, actions_rng_seed=0):  # noqa: ANN001, ANN202
    """Observations, rewards and infos of one episode with masked random actions."""
    rng = np.random.default_rng(actions_rng_seed)
    obs, infos = env.reset(seed=seed)
    steps = [(obs, {}, infos)]
    while env.agents:
        actions = {}
        for a in env.agents:
            mask = infos[a]["action_mask"]
            actions[a] = np.array([rng.choice(np.flatnonzero(row)) for row in mask])
        obs, rewards, _term, _trunc, infos = env.step(actions)
        steps.append((obs, rewards, infos))
    return steps


def _same(a, b) -> bool:  # noqa: ANN001
    return all(
        set(x[0]) == set(y[0])
        and all(np.array_equal(x[0][k], y[0][k]) for k in x[0])
        and x[1] == y[1]
        for x, y in zip(a, b, strict=True)
    ) and len(a) == len(b)


def test_the_same_seed_gives_the_same_episode_and_another_seed_another():
    env = parallel_env()
    first, again = _episode(env, 5), _episode(parallel_env(), 5)
    assert _same(first, again)
    assert not _same(first, _episode(env, 6))


def test_reset_without_a_seed_draws_the_next_game_from_the_seeded_generator():
    def seeds(env):  # noqa: ANN001, ANN202
        env.reset(seed=3)
        out = [env.game.seed]
        for _ in range(3):
            env.reset()
            out.append(env.game.seed)
        return out

    a, b = seeds(parallel_env(str(MINI))), seeds(parallel_env(str(MINI)))
    assert a == b and a[0] == 3 and len(set(a)) == 4


def test_the_envs_game_is_the_engines_game_with_that_seed_and_its_scores_are_the_engines():
    env = parallel_env()
    steps = _episode(env, 17)
    game = api.new_game(None, 17)
    start = {a: s.score for a, s in api.result(game, provisional=True).delegations.items()}
    for _obs, _rewards, infos in steps[1:]:
        for a in api.delegations(game):
            api.submit(game, a, infos[a]["decisions"])
        api.resolve(game)
    assert game.over and api.ledger(game) == api.ledger(env.game)
    final = api.result(game).delegations
    last_infos = steps[-1][2]
    for a in env.possible_agents:
        assert last_infos[a]["score"] == final[a].score
        total = sum(rewards[a] for _obs, rewards, _infos in steps[1:])
        assert total == pytest.approx(final[a].score - start[a], abs=1e-6)


def test_final_rewards_are_zero_until_the_end_then_the_own_score():
    steps = _episode(parallel_env(reward="final"), 4)
    for _obs, rewards, _infos in steps[1:-1]:
        assert set(rewards.values()) == {0.0}
    last = steps[-1]
    assert last[1] == {a: info["score"] for a, info in last[2].items()}
    assert any(r > 0 for r in last[1].values())


def test_observations_lie_in_their_space_and_are_named(default_scenario):
    env = parallel_env()
    names = env.observation_names("japan")
    assert names[:3] == ("turn", "cooperation", "tension")
    assert "capital.japan" in names and "progress.jp_tw_dialogue" in names
    for obs, _rewards, infos in _episode(env, 2):
        for a, o in obs.items():
            assert env.observation_space(a).contains(o) and len(o) == len(names)
            seen = infos[a]["observation"]
            assert o[names.index("tension")] == np.float32(seen.indicators["tension"])
            assert o[names.index("capital.japan")] == np.float32(seen.capital["japan"])


def test_masked_and_unaffordable_actions_are_played_as_hold():
    env = parallel_env(str(MINI))
    _obs, infos = env.reset(seed=1)
    measures = env.action_measures("japan")
    assert measures == ("dialogue", "exercises")
    # exercises is not on the table yet (a prerequisite): push is masked
    assert infos["japan"]["action_mask"][1].tolist() == [1, 0, 0]
    # japan pushes both: dialogue is played, exercises (masked) is held
    _obs, _r, _t, _tr, infos = env.step(
        {"japan": np.array([PUSH, PUSH]), "taiwan": np.array([OPPOSE, HOLD])}
    )
    assert infos["japan"]["decisions"] == {"dialogue": "push"}
    assert infos["japan"]["held"] == ("exercises",)
    assert env.game.reports[-1].decisions["taiwan"] == {"dialogue": "oppose"}


def test_pushes_beyond_the_capital_are_held_in_the_order_of_the_measures():
    env = parallel_env()
    _obs, infos = env.reset(seed=1)
    measures = env.action_measures("us")
    capital = api.legal(env.game, "us").capital
    costs = {m.measure_id: m.push_cost for m in api.legal(env.game, "us").measures}
    wanted = [m for m in measures if m in costs]
    expected, budget = {}, capital
    for m in wanted:
        if costs[m] <= budget:
            expected[m] = "push"
            budget -= costs[m]
    assert sum(costs[m] for m in wanted) > capital  # the case is one the rule decides
    action = np.array([PUSH if m in costs else HOLD for m in measures])
    _obs, _r, _t, _tr, infos = env.step({"us": action})
    assert infos["us"]["decisions"] == expected
    assert set(infos["us"]["held"]) == set(wanted) - set(expected)


def test_a_malformed_action_or_an_unknown_agent_is_a_clear_error():
    env = parallel_env(str(MINI))
    env.reset(seed=1)
    with pytest.raises(ValueError, match="an action is 2 whole numbers, each 0"):
        env.step({"japan": np.array([1, 7])})
    with pytest.raises(ValueError, match="an action for 'china'"):
        env.step({"china": np.array([0, 0])})


def test_agents_left_out_are_played_by_their_ai():
    env = parallel_env(str(MINI), agents=["taiwan"])
    obs, _infos = env.reset(seed=2)
    assert list(obs) == ["taiwan"]
    env.step({"taiwan": np.array([HOLD, HOLD])})
    assert set(env.game.reports[-1].decisions) == {"japan", "taiwan"}


def test_without_the_rl_extra_the_env_says_which_extra_to_install():
    code = (
        "import sys\n"
        "sys.modules['pettingzoo'] = None\n"
        "import game.env\n"
        "try:\n"
        "    game.env.parallel_env()\n"
        "except ImportError as err:\n"
        "    print(err)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "[rl] extra" in run.stdout and "pip install" in run.stdout
