"""Rules at their edges, where an off-by-one would change a game without any test noticing:
tension exactly at the threshold, a draw exactly on the line between two weights, progress
to hundredths, the longest note."""

from __future__ import annotations

import pytest

from game.engine.game import (
    EngineError,
    Game,
    draw_by_weight,
    progress_after_step,
    tension_reaches_crisis,
)
from game.engine.values import MeasureOption
from game.engine.whitecell import MAX_NOTE_CHARS


def test_tension_exactly_at_the_threshold_is_a_crisis():
    assert tension_reaches_crisis(90.0, 90.0) is True
    assert tension_reaches_crisis(89.9, 90.0) is False


def test_each_weight_owns_a_half_open_share_of_the_draw():
    # weights 1 and 1 over [0, 2): [0, 1) draws the first, [1, 2) the second
    assert draw_by_weight([1.0, 1.0], 2.0, 0.0) == 0
    assert draw_by_weight([1.0, 1.0], 2.0, 0.4999) == 0
    assert draw_by_weight([1.0, 1.0], 2.0, 0.5) == 1
    assert draw_by_weight([1.0, 1.0], 2.0, 0.9999) == 1


def test_progress_is_kept_to_hundredths_and_never_below_zero():
    assert progress_after_step(1.0, 0.125) == 1.12
    assert progress_after_step(0.5, -2.0) == 0.0


def test_a_note_may_be_as_long_as_the_limit_and_no_longer(mini):
    game = Game(mini, 1)
    game.add_note("x" * MAX_NOTE_CHARS)
    assert game.notes()[-1].text == "x" * MAX_NOTE_CHARS
    with pytest.raises(EngineError):
        game.add_note("x" * (MAX_NOTE_CHARS + 1))


def test_holding_costs_nothing():
    option = MeasureOption("m", "M", ("push", "hold", "oppose"), 3, 1, 0.0, 4.0, ("a",))
    assert option.cost_of("hold") == 0
    assert option.cost_of("push") == 3 and option.cost_of("oppose") == 1
