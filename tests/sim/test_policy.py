"""`simulate --policy DELEGATION=module:function` (game.sim.policy): a delegation played by
the user's function in batch runs; every mistake said in one sentence, never a traceback."""

from __future__ import annotations

import csv
import sys
import textwrap

import pytest

from game.cli import main
from game.sim.policy import PolicyError, PolicySpec, parse_spec
from tests.conftest import MINI

POLICIES = textwrap.dedent(
    """
    NOT_A_FUNCTION = 3
    DRAWS = []

    def record(observation, legal, rng):
        if observation.turn == 1:
            DRAWS.append(rng.random())
        return {}

    def hold(observation, legal, rng):
        return {}

    def dice(observation, legal, rng):
        return {m.measure_id: "push" for m in legal.measures
                if "push" in m.choices and m.push_cost <= legal.capital and rng.random() < 0.5}

    def returns_a_list(observation, legal, rng):
        return ["push"]

    def forgets_to_return(observation, legal, rng):
        {"dialogue": "push"}

    def raises(observation, legal, rng):
        return {}["missing"]

    def pushes_too_much(observation, legal, rng):
        return {"dialogue": "push", "exercises": "push"} if observation.turn == 2 else {}
    """
)


@pytest.fixture
def policies(tmp_path, monkeypatch):
    (tmp_path / "mypolicies.py").write_text(POLICIES, encoding="utf-8")
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "mypolicies", raising=False)  # this test's own copy
    return tmp_path


def _simulate(*extra: str) -> int:
    return main(["simulate", str(MINI), "--runs", "30", *extra])


def test_a_spec_is_delegation_equals_module_colon_function():
    assert parse_spec("japan=mypolicies:hold") == PolicySpec("japan", "mypolicies:hold")
    assert parse_spec(" japan = dir/p.py:hold ") == PolicySpec("japan", "dir/p.py:hold")
    for bad in ("japan", "japan=mypolicies", "=m:f", "japan=:f", "japan=m:"):
        with pytest.raises(PolicyError, match="is not DELEGATION=module:function"):
            parse_spec(bad)


def _games(out) -> list[dict[str, str]]:  # noqa: ANN001
    with open(out / "games.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_policy_plays_its_delegation_and_the_ai_the_others(policies, capsys):
    # The dialogue needs japan and taiwan to push in its final step: held by japan, never adopted.
    assert _simulate("--policy", "japan=mypolicies:hold", "--out", "held") == 0
    out = capsys.readouterr().out
    assert "Played by policies: japan by mypolicies:hold" in out
    rows = _games(policies / "held")
    assert len(rows) == 30 and {r["strategy"] for r in rows} == {"policy"}
    assert all(r["adopted_dialogue"] == "" for r in rows)
    assert all("japan=" not in r["profiles"] and "taiwan=" in r["profiles"] for r in rows)
    # AI play adopts it in some games: the policy made the difference
    assert main(["simulate", str(MINI), "--runs", "30", "--out", "ai"]) == 0
    assert any(r["adopted_dialogue"] for r in _games(policies / "ai"))


def test_a_file_policy_with_its_rng_is_reproducible_and_independent_of_jobs(policies):
    for name, jobs in (("one", "1"), ("again", "1"), ("two", "2")):
        assert _simulate("--policy", "japan=mypolicies.py:dice", "--jobs", jobs, "--out", name) == 0
    one = (policies / "one" / "games.csv").read_text()
    assert one == (policies / "again" / "games.csv").read_text()
    assert one == (policies / "two" / "games.csv").read_text()


def test_game_i_gives_the_policy_the_stream_of_its_seed_and_delegation(policies):
    from game.api import policy_rng

    assert _simulate("--policy", "taiwan=mypolicies:record", "--seed", "40") == 0
    draws = sys.modules["mypolicies"].DRAWS
    assert draws == [policy_rng(40 + i, "taiwan").random() for i in range(30)]


@pytest.mark.parametrize(
    "spec, message",
    [
        ("japan=nofile.py:hold", "policy nofile.py:hold: no file nofile.py"),
        ("japan=nomodule:hold", "no module named 'nomodule' (looked in the current folder"),
        (
            "japan=mypolicies:missing",
            "mypolicies has no function 'missing'; it has dice, forgets_to_return, hold, pushes_too_much",
        ),
        ("japan=mypolicies:NOT_A_FUNCTION", "NOT_A_FUNCTION is not a function (it is int)"),
        ("japan=broken.py:f", "importing broken.py failed: SyntaxError"),
        ("china=mypolicies:hold", "has no delegation 'china'; expected one of japan, taiwan"),
        (
            "japan=mypolicies:returns_a_list",
            "policy mypolicies:returns_a_list playing japan, turn 1 of the game with seed 0: "
            "returned list ['push']; expected a dict of measure id -> push, hold or oppose",
        ),
        ("japan=mypolicies:forgets_to_return", "turn 1 of the game with seed 0: returned NoneType"),
        (
            "japan=mypolicies:raises",
            "playing japan, turn 1 of the game with seed 0: the function raised KeyError: "
            "'missing' (",
        ),
        (
            "taiwan=mypolicies:pushes_too_much",
            "policy mypolicies:pushes_too_much playing taiwan, turn 2 of the game with seed 0: "
            "an illegal decision: taiwan: measure 'exercises' is not on the table",
        ),
    ],
)
def test_every_mistake_is_one_sentence_naming_the_policy(policies, capsys, spec, message):
    assert _simulate("--policy", spec) == 1
    err = capsys.readouterr().err.strip()
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 0


def test_arguments_that_do_not_go_with_a_policy_are_refused(policies, capsys):
    assert _simulate("--policy", "japan=mypolicies:hold", "--strategy", "hold") == 2
    assert "cannot be combined with --strategy" in capsys.readouterr().err
    assert _simulate("--policy", "japan=mypolicies:hold", "--vary", "measures") == 2
    assert "cannot be combined with --vary" in capsys.readouterr().err
    assert _simulate("--policy", "japan=mypolicies:hold", "--profiles", "japan=cautious") == 2
    assert "japan is played by a policy" in capsys.readouterr().err
    assert _simulate("--policy", "japan=mypolicies:hold", "--policy", "japan=mypolicies:dice") == 1
    assert "--policy names japan twice" in capsys.readouterr().err
    assert _simulate("--policy", "japan") == 2
    assert "argument --policy: 'japan' is not DELEGATION=module:function" in (
        capsys.readouterr().err
    )
