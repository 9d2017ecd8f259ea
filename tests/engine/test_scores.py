"""Scores by their formulas, with values that tell a right formula from a near miss: distinct
component values and weights (a mean divided by the wrong count differs), probabilities
strictly between 0 and 1 (a square differs from an absolute value)."""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.engine.scoring import forecast_scores, shared_outcome, state_of_region
from tests.engine.test_model import mini_with


def test_the_state_of_the_region_divides_by_the_total_weight_not_the_number_of_terms():
    # three terms, weights summing to 4
    state, parts = state_of_region(
        {"cooperation": (2.0, 60.0), "resilience": (1.0, 40.0), "stability": (1.0, 70.0)}
    )
    assert state == 57.5  # (2 x 60 + 40 + 70) / 4
    assert parts == {"cooperation": 30.0, "resilience": 10.0, "stability": 17.5}


def test_the_shared_outcome_is_its_formula_with_distinct_values(mini):
    loaded = mini_with(
        ("  drift: {tension: -1}", "  drift: {tension: -1}\n  scoring: {cooperation: 2}")
    )
    game = Game(loaded, 0)
    values = game.state.values
    values.update(
        {
            "cooperation": 64.0,
            "tension": 35.0,  # stability 65
            "resilience.maritime": 52.0,
            "resilience.information": 30.0,  # mean resilience 41
        }
    )
    shared = shared_outcome(game)
    assert (shared.cooperation, shared.resilience, shared.stability) == (64.0, 41.0, 65.0)
    assert shared.state == pytest.approx((2 * 64 + 41 + 65) / 4, abs=0.05)  # 58.5
    # calm: from calm_floor 30 to 100
    assert shared.score == pytest.approx(30 + 70 * shared.state / 100, abs=0.05)


def test_the_shared_outcome_with_equal_weights_is_the_mean_of_its_three_parts(mini):
    game = Game(mini, 0)
    game.state.values.update(
        {
            "cooperation": 64.0,
            "tension": 35.0,
            "resilience.maritime": 52.0,
            "resilience.information": 30.0,
        }
    )
    assert shared_outcome(game).state == pytest.approx((64 + 41 + 65) / 3, abs=0.05)


def test_forecasts_are_scored_by_the_mean_squared_error_brier(mini):
    game = Game(mini, 3, humans={"japan", "taiwan"})
    game.submit_forecast("japan", "tension_up", 0.7)
    game.submit_forecast("japan", "cooperation_up", 0.3)
    game.submit_forecast("taiwan", "tension_up", 0.2)
    game.submit("japan", {})
    game.submit("taiwan", {})
    game.resolve_turn()
    happened = {f.question: float(game.forecast_outcome(f)) for f in game.forecasts}
    japan = ((0.7 - happened["tension_up"]) ** 2 + (0.3 - happened["cooperation_up"]) ** 2) / 2
    taiwan = (0.2 - happened["tension_up"]) ** 2
    scores = forecast_scores(game)
    assert scores["japan"].count == 2
    assert scores["japan"].brier == pytest.approx(japan, abs=0.0005)
    assert scores["taiwan"].brier == pytest.approx(taiwan, abs=0.0005)
    # an absolute error would differ for any of these outcomes
    wrong = (abs(0.7 - happened["tension_up"]) + abs(0.3 - happened["cooperation_up"])) / 2
    assert scores["japan"].brier != pytest.approx(wrong, abs=0.0005)


def test_a_forecast_of_something_that_happened_scores_the_square_of_its_shortfall(mini):
    game = Game(mini, 3, humans={"japan", "taiwan"})
    game.submit_forecast("japan", "tension_up", 0.123)
    game.adjust("tension", 20, "a crisis at sea")  # tension ends the turn higher than it began
    game.submit("japan", {})
    game.submit("taiwan", {})
    game.resolve_turn()
    assert game.forecast_outcome(game.forecasts[0]) is True
    score = forecast_scores(game)["japan"]
    assert (score.actor, score.count, score.brier) == (
        "japan",
        1,
        0.769,
    )  # (1 - 0.123)² to 3 places
    assert forecast_scores(game)["taiwan"].brier is None  # no forecast, no score
