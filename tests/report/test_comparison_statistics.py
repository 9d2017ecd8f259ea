"""The report's comparison of the class's game with AI-played games (`data._comparison`,
`Comparison`): the counts below, equal and above, the percentile with ties counted half, the
median and 10th-90th percentile range, the band shares, and the sentences that say them.

The AI games are replaced by a baseline whose scores are known, so every figure can be
checked by hand."""

from __future__ import annotations

import pytest

from game.engine.game import Game, play_ai_game
from game.report import baseline as baseline_module
from game.report.baseline import Baseline
from game.report.data import _comparison, _percentile, ordinal


def compare(monkeypatch, game, offsets, outcomes=None):
    """`_comparison` of `game` against AI games scoring the class's score plus `offsets`."""
    mine = game.result().shared.score
    scores = tuple(mine + d for d in offsets)
    ids = [o.id for o in game.scenario.outcomes]
    outcomes = tuple(outcomes or [ids[-1]] * len(scores))
    fake = Baseline(scores, outcomes, 3, False)
    monkeypatch.setattr(baseline_module, "ai_baseline", lambda *a, **k: fake)
    return _comparison(game, game.result(), len(scores), None), mine


def test_counts_and_percentile_with_ties_counted_half(mini, monkeypatch):
    game = play_ai_game(mini, 4)
    c, mine = compare(monkeypatch, game, [-10.0, 0.0, 0.0, 5.0, 10.0])
    assert (c.below, c.equal, c.above) == (1, 2, 2)
    assert c.percentile == 40.0  # (1 + 2 / 2) / 5
    assert c.standing() == "40th percentile"
    assert c.median == round(mine, 1)
    assert c.p10 == pytest.approx(round(mine - 6.0, 1))  # between -10 and 0 at 40 %
    assert c.p90 == pytest.approx(round(mine + 8.0, 1))  # between 5 and 10 at 60 %
    assert (c.runs, c.combinations, c.class_score, c.provisional) == (5, 3, mine, False)
    assert c.percentile_line() == (
        f"The class's shared score of {c.class_score:g} is at the 40th percentile of 5 "
        "AI-played games (1 of them scored lower, 2 the same, 2 higher)."
    )


def test_above_or_below_every_ai_game(mini, monkeypatch):
    game = play_ai_game(mini, 4)
    above, _mine = compare(monkeypatch, game, [-3.0, -2.0])
    assert (above.below, above.equal, above.above) == (2, 0, 0)
    assert above.standing() == "above every AI game"
    assert above.percentile_line().startswith("The class's shared score of")
    assert (
        "is above every one of 2 AI-played games (2 of them scored lower, 0 the same, 0 higher)."
        in (above.percentile_line())
    )
    below, _mine = compare(monkeypatch, game, [1.0])
    assert below.standing() == "below every AI game"
    assert (
        "is below every one of 1 AI-played game (0 of them scored lower, 0 the same, 1 higher)."
        in (below.percentile_line())
    )


def test_band_shares_count_the_ai_games_in_each_band_and_mark_the_classs(mini, monkeypatch):
    game = play_ai_game(mini, 4)
    ids = [o.id for o in mini.scenario.outcomes]
    c, _mine = compare(monkeypatch, game, [0.0, 1.0, 2.0, 3.0], [ids[0], ids[1], ids[1], ids[1]])
    shares = {b.band_id: (b.count, b.share, b.is_class) for b in c.bands}
    mine = game.result().outcome.id
    assert shares[ids[0]][:2] == (1, 0.25)
    assert shares[ids[1]][:2] == (3, 0.75)
    assert shares[ids[2]][:2] == (0, 0.0)
    assert [b.band_id for b in c.bands if b.is_class] == [mine]
    assert c.class_band == mine


def test_an_unfinished_game_is_compared_provisionally(mini, monkeypatch):
    game = Game(mini, 4)
    game.resolve_turn()
    c, _mine = compare(monkeypatch, game, [0.0])
    assert c.provisional is True


def test_the_range_line_says_median_and_range(mini, monkeypatch):
    game = play_ai_game(mini, 4)
    c, _mine = compare(monkeypatch, game, [0.0])
    assert c.range_line() == (
        f"AI median {c.median:g}; 10th–90th percentile range {c.p10:g}–{c.p90:g}."
    )


def test_a_percentile_of_no_values_is_zero_and_others_are_to_a_tenth():
    assert _percentile([], 50) == 0.0
    assert _percentile([1.0, 2.0], 50) == 1.5
    assert _percentile([1.0, 2.0, 4.0], 10) == 1.2
    assert _percentile([0.0, 1.0], 33) == 0.3


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinals(n, said):
    assert ordinal(n) == said
