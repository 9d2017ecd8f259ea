"""`simulate --strategy` and `simulate --vary measures` with fixed team strategies; games.csv."""

from __future__ import annotations

import csv
import json

import pytest

from game.cli import main
from game.engine.game import Game
from game.scenario.loader import load_scenario
from game.sim.montecarlo import run
from game.sim.scorecard import scorecard
from game.sim.statistics import Effect, Scorecard, StrategyEffects, sign_flips
from game.sim.strategies import STRATEGIES, play_strategy_game
from tests.conftest import FIXTURES

BALANCE = FIXTURES / "balance.yaml"


@pytest.fixture(scope="module")
def balance():
    return load_scenario(BALANCE)


def _rows(path) -> list[dict[str, str]]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_simulate_strategy_reports_each_strategy_and_compares_them(balance, capsys):
    assert main(["simulate", str(BALANCE), "--strategy", "hold,push-all,ai", "--runs", "30"]) == 0
    out = capsys.readouterr().out
    summaries = {n: run(balance, 30, 0, strategy=n) for n in ("hold", "push-all", "ai")}
    assert (
        "30 games per strategy of Balance fixture (seeds 0..29, the same for every strategy" in out
    )
    for name, summary in summaries.items():
        section = out.split(f"\n{name}: ", 1)[1].split("\n\n", 1)[0]
        assert f"Crisis rate: {summary.crisis_rate:.1%}" in section
        assert (
            f"Shared score: mean {summary.shared_mean:.1f}; p10 {summary.shared_score[0]:.1f}"
            in section
        )
        for title, actor in (("Japan", "japan"), ("Taiwan", "taiwan")):
            assert any(
                line.split() == [title, f"{summary.own_score[actor]:.1f}"]
                for line in section.splitlines()
            ), (name, title)
        office = next(line for line in section.splitlines() if line.strip().startswith("Office"))
        assert f"{summary.adoption['office'][0]:.1%}" in office
    comparison = out.split("Comparison (means over 30 games, same seeds)", 1)[1]
    for name, summary in summaries.items():
        line = next(line for line in comparison.splitlines() if line.startswith(name + " "))
        assert line.split()[1:] == [
            f"{summary.crisis_rate:.1%}",
            f"{summary.shared_mean:.1f}",
            f"{summary.own_score['japan']:.1f}",
            f"{summary.own_score['taiwan']:.1f}",
        ]
    best = out.split("Best strategy for each delegation's own score (mean):", 1)[1]
    for title, actor in (("Japan", "japan"), ("Taiwan", "taiwan")):
        top = max(summaries, key=lambda n: summaries[n].own_score[actor])  # first of ties wins
        line = next(line for line in best.splitlines() if line.strip().startswith(title))
        assert line.split()[1:3] == [top, f"{summaries[top].own_score[actor]:.1f}"]


def test_strategy_all_plays_every_fixed_strategy(capsys):
    assert main(["simulate", str(BALANCE), "--strategy", "all", "--runs", "5"]) == 0
    out = capsys.readouterr().out
    for name in STRATEGIES:
        assert f"\n{name}: " in out
    assert "\nai: " not in out


def test_games_csv_of_strategies_has_one_row_per_game_with_strategy_seed_scores_and_indicators(
    balance, tmp_path, capsys
):
    out = tmp_path / "out"
    args = [
        "simulate",
        str(BALANCE),
        "--strategy",
        "push-all,sequenced",
        "--runs",
        "6",
        "--seed",
        "3",
    ]
    assert main([*args, "--out", str(out)]) == 0
    rows = _rows(out / "games.csv")
    assert list(rows[0])[:10] == [
        "game",
        "strategy",
        "seed",
        "profiles",
        "outcome",
        "crisis",
        "final_turn",
        "shared_score",
        "score.japan",
        "score.taiwan",
    ]
    assert {
        "cooperation",
        "tension",
        "resilience.maritime",
        "support.japan",
        "capital.taiwan",
    } <= set(rows[0])
    assert [(r["strategy"], r["seed"]) for r in rows] == [
        (name, str(seed)) for name in ("push-all", "sequenced") for seed in range(3, 9)
    ]
    for r in (rows[0], rows[-1]):
        game = play_strategy_game(balance, int(r["seed"]), r["strategy"])
        result = game.result()
        assert float(r["shared_score"]) == result.shared.score
        assert float(r["score.japan"]) == result.delegations["japan"].score
        assert float(r["score.taiwan"]) == result.delegations["taiwan"].score
        assert r["crisis"] == str(int(result.crisis)) and r["outcome"] == result.outcome.id
        assert float(r["tension"]) == game.state.values["tension"]
    data = json.loads((out / "games.json").read_text())
    assert set(data["strategies"]) == {"push-all", "sequenced"} and len(data["games"]) == 12


def test_games_csv_of_ai_play_has_the_same_columns_with_strategy_ai(balance, tmp_path, capsys):
    out = tmp_path / "ai"
    assert main(["simulate", str(BALANCE), "--runs", "4", "--out", str(out)]) == 0
    rows = _rows(out / "games.csv")
    assert len(rows) == 4 and {r["strategy"] for r in rows} == {"ai"}
    r = rows[1]
    profiles = dict(p.split("=") for p in r["profiles"].split(";"))
    game = Game(balance, int(r["seed"]), (), profiles)
    while not game.over:
        game.resolve_turn()
    result = game.result()
    assert float(r["score.japan"]) == result.delegations["japan"].score
    assert float(r["shared_score"]) == result.shared.score


def test_strategy_results_do_not_depend_on_jobs(tmp_path, capsys):
    for jobs in ("1", "2"):
        args = ["simulate", str(BALANCE), "--strategy", "all", "--runs", "60", "--jobs", jobs]
        assert main([*args, "--out", str(tmp_path / jobs)]) == 0
    assert (tmp_path / "1" / "games.csv").read_text() == (tmp_path / "2" / "games.csv").read_text()


@pytest.mark.parametrize(
    "argv",
    [
        ["--strategy", "push-most"],
        ["--strategy", "hold,"],
        ["--strategy", "hold", "--profiles", "japan=keen"],
    ],
)
def test_bad_strategy_arguments_are_a_one_line_usage_error(argv, capsys):
    assert main(["simulate", str(BALANCE), "--runs", "2", *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_unknown_strategy_is_named_with_every_strategy_there_is(capsys):
    assert main(["simulate", str(BALANCE), "--strategy", "push-most"]) == 2
    err = capsys.readouterr().err
    assert "unknown strategy 'push-most'" in err
    for name in [*STRATEGIES, "all", "ai"]:
        assert name in err


def test_ai_profiles_may_be_fixed_when_ai_is_among_the_strategies(capsys):
    args = [
        "simulate",
        str(BALANCE),
        "--runs",
        "2",
        "--strategy",
        "hold,ai",
        "--profiles",
        "japan=keen",
    ]
    assert main(args) == 0


# --- the scorecard ------------------------------------------------------------------------------


def test_the_scorecard_measures_effects_under_ai_play_and_the_default_strategies(tmp_path, capsys):
    out = tmp_path / "card"
    assert (
        main(["simulate", str(BALANCE), "--runs", "8", "--vary", "measures", "--out", str(out)])
        == 0
    )
    text = capsys.readouterr().out
    for name in ("ai", "sequenced", "push-all"):
        assert f"\nUnder {name}: " in text
    assert "\nUnder hold: " not in text and "Shared score" in text
    data = json.loads((out / "scorecard.json").read_text())
    assert list(data["strategies"]) == ["ai", "sequenced", "push-all"]
    for card in data["strategies"].values():
        assert set(card["effects"]) == {"talks", "drills", "forum", "office"}
        for column in ("cooperation", "tension", "shared_score", "crisis"):
            assert set(card["effects"]["talks"][column]) == {"mean", "ci95"}
    assert f"{8 * 5 * 3} games in" in text


def test_the_scorecard_takes_the_strategies_it_is_told(capsys):
    assert (
        main(["simulate", str(BALANCE), "--runs", "4", "--vary", "measures", "--strategy", "hold"])
        == 0
    )
    text = capsys.readouterr().out
    assert "\nUnder ai: " in text and "\nUnder hold: " in text and "\nUnder push-all: " not in text


def test_a_fixed_strategys_effect_is_the_paired_difference_of_games_played_by_that_strategy(
    balance,
):
    card = scorecard(balance, 12, seed=2, strategies=["push-all"])
    on = run(balance, 12, 2, strategy="push-all").rows
    off = run(balance, 12, 2, forced_off=frozenset({"talks"}), strategy="push-all").rows
    mean = (
        sum(
            dict(a.final)["cooperation"] - dict(b.final)["cooperation"]
            for a, b in zip(on, off, strict=True)
        )
        / 12
    )
    assert card.strategies["push-all"].effects["talks"]["cooperation"].mean == pytest.approx(mean)
    shared = sum(a.shared_score - b.shared_score for a, b in zip(on, off, strict=True)) / 12
    assert card.strategies["push-all"].effects["talks"]["shared_score"].mean == pytest.approx(
        shared
    )


def _card(**effects: Effect) -> Scorecard:
    columns = ["cooperation", "tension", "shared_score", "crisis"]
    strategies = {
        name: StrategyEffects(
            {c: 0.0 for c in columns},
            {"talks": {c: effect if c == "tension" else Effect(0, 0) for c in columns}},
        )
        for name, effect in effects.items()
    }
    return Scorecard(10, columns, strategies)


def test_an_effect_that_rises_under_one_strategy_and_falls_under_another_is_named():
    flips = sign_flips(_card(ai=Effect(-2.0, 1.0), **{"push-all": Effect(3.0, 1.0)}))
    assert [(m, c) for m, c, _ in flips] == [("talks", "tension")]


def test_an_effect_whose_interval_reaches_zero_is_no_sign_flip():
    assert sign_flips(_card(ai=Effect(-2.0, 2.5), **{"push-all": Effect(3.0, 1.0)})) == []
