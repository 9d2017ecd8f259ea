"""The statistics of a batch of games (`game.sim.statistics`: a run's summary, the ranking
by own score, the scorecard's paired effects and their signs), on games whose numbers are
known.

An instructor reads these as "how often", "typically" and "with what spread"; each figure is
checked here against a hand computation.
"""

from __future__ import annotations

import math

import pytest

from game.sim.statistics import (
    Effect,
    GameRow,
    Summary,
    column,
    paired_effect,
    ranked_by_own_score,
    summarise,
)


def row(index, outcome, crisis, shared, tension, adopted=(), scores=(50.0, 30.0)):
    return GameRow(
        index=index,
        seed=index,
        strategy="ai",
        profiles=(),
        outcome=outcome,
        crisis=crisis,
        final_turn=4,
        shared_score=shared,
        scores=(("japan", scores[0]), ("taiwan", scores[1])),
        final=(("cooperation", 40.0 + index), ("tension", tension)),
        adopted=adopted,
    )


ROWS = [
    row(0, "good", False, 10.0, 20.0, adopted=(("dialogue", 2),), scores=(60.0, 20.0)),
    row(1, "meh", False, 20.0, 40.0, adopted=(("dialogue", 3),), scores=(40.0, 40.0)),
    row(2, "crisis", True, 30.0, 95.0),
    row(3, "meh", False, 40.0, 50.0, adopted=(("dialogue", 4), ("exercises", 4))),
]


@pytest.fixture
def summary(mini) -> Summary:
    return summarise(mini, ROWS, seed=7)


def test_outcome_shares_are_fractions_of_the_games_in_the_scenarios_order(summary):
    assert summary.outcome_share == {"crisis": 0.25, "good": 0.25, "meh": 0.5}
    assert list(summary.outcome_share) == ["crisis", "good", "meh"]


def test_an_outcome_no_game_reached_is_left_out(mini):
    assert summarise(mini, ROWS[:2], seed=1).outcome_share == {"good": 0.5, "meh": 0.5}


def test_the_crisis_rate_is_the_share_of_games_that_ended_in_crisis(summary):
    assert summary.crisis_rate == 0.25


def test_each_indicators_spread_is_its_10th_50th_and_90th_percentile(summary):
    # tension 20, 40, 50, 95: linear interpolation between order statistics
    assert summary.percentiles["tension"] == pytest.approx((26.0, 45.0, 81.5))
    assert summary.percentiles["cooperation"] == pytest.approx((40.3, 41.5, 42.7))


def test_adoption_is_the_share_of_games_and_the_mean_turn_it_came(summary):
    assert summary.adoption["dialogue"] == (0.75, 3.0)
    assert summary.adoption["exercises"] == (0.25, 4.0)


def test_a_measure_never_adopted_has_no_mean_turn(mini):
    assert summarise(mini, ROWS[2:3], seed=1).adoption["exercises"] == (0.0, None)


def test_the_shared_score_has_its_percentiles_and_its_mean(summary):
    assert summary.shared_score == pytest.approx((13.0, 25.0, 37.0))
    assert summary.shared_mean == 25.0


def test_each_delegations_own_score_is_its_mean_over_the_games(summary):
    assert summary.own_score == {"japan": 50.0, "taiwan": 30.0}


def test_the_summary_keeps_its_games_seed_and_count(summary):
    assert (summary.runs, summary.seed, summary.rows) == (4, 7, ROWS)


def _summary(strategy, japan, taiwan):
    return Summary(
        1, 0, {}, 0.0, {}, {}, (0, 0, 0), [], strategy, 0.0, {"japan": japan, "taiwan": taiwan}
    )


def test_strategies_are_ranked_for_each_delegation_by_its_own_mean_score_best_first():
    ranked = ranked_by_own_score(
        [_summary("ai", 50, 10), _summary("push-all", 70, 10), _summary("hold", 20, 30)]
    )
    assert ranked["japan"] == [("push-all", 70), ("ai", 50), ("hold", 20)]
    assert ranked["taiwan"] == [("hold", 30), ("ai", 10), ("push-all", 10)]  # ties keep order
    assert ranked_by_own_score([]) == {}


def test_a_single_strategy_is_ranked_alone_for_every_delegation():
    ranked = ranked_by_own_score([_summary("ai", 50, 10)])
    assert ranked == {"japan": [("ai", 50)], "taiwan": [("ai", 10)]}


def test_a_paired_effect_is_the_mean_difference_with_a_95_percent_half_width():
    effect = paired_effect([3.0, 5.0, 7.0, 9.0], [1.0, 1.0, 1.0, 1.0])  # differences 2, 4, 6, 8
    sd = math.sqrt(((2 - 5) ** 2 + (4 - 5) ** 2 + (6 - 5) ** 2 + (8 - 5) ** 2) / 3)
    assert effect.mean == 5.0
    assert effect.half_width == pytest.approx(1.96 * sd / math.sqrt(4))


def test_two_pairs_measure_their_spread():
    effect = paired_effect([4.0, 2.0], [1.0, 1.0])  # differences 3 and 1: variance 2
    assert effect == Effect(2.0, pytest.approx(1.96 * math.sqrt(2 / 2)))


def test_one_pair_has_no_spread_to_measure():
    assert paired_effect([3.0], [1.0]) == Effect(2.0, 0.0)


def test_pairs_must_match_one_to_one():
    with pytest.raises(ValueError):
        paired_effect([1.0, 2.0], [1.0])


@pytest.mark.parametrize(
    ("mean", "half", "sign"),
    [(2.0, 1.0, 1), (-2.0, 1.0, -1), (1.0, 1.0, 0), (-1.0, 1.0, 0), (0.0, 0.0, 0), (0.5, 0.0, 1)],
)
def test_an_effect_has_a_sign_only_when_its_interval_excludes_zero(mean, half, sign):
    assert Effect(mean, half).sign == sign


def test_the_scorecards_columns_read_crisis_as_percent_and_the_shared_score_as_is():
    assert column(ROWS, "crisis") == [0.0, 0.0, 100.0, 0.0]
    assert column(ROWS, "shared_score") == [10.0, 20.0, 30.0, 40.0]
    assert column(ROWS, "tension") == [20.0, 40.0, 95.0, 50.0]
