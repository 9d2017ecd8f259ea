"""Rules at their edges, where an off-by-one would change a game without any test noticing:
tension exactly at the threshold, a draw exactly on the line between two weights, progress
to hundredths, the longest note, indicators at 0 and 100, the ending when no crisis band's
condition holds."""

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
from game.scenario.loader import load_scenario_text
from tests.scenario.helpers import variant


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


@pytest.mark.parametrize(
    "indicator",
    ["cooperation", "tension", "resilience.maritime", "support.japan", "support.taiwan"],
)
def test_an_indicator_is_held_between_0_and_100(mini, indicator):
    """However far the white cell (or anything else) pushes, an indicator stops at exactly 0
    and exactly 100."""
    game = Game(mini, 1)
    for _ in range(2):
        game.adjust(indicator, 100, "Far up")
    assert game.state.values[indicator] == 100.0
    for _ in range(3):
        game.adjust(indicator, -100, "Far down")
    assert game.state.values[indicator] == 0.0


def test_when_no_crisis_band_holds_the_last_crisis_band_is_the_ending(mini_text):
    """Crisis bands need no fallback: when none of their conditions holds, the last one is
    chosen (the authoring guide, 'outcomes')."""
    three = (
        "  - {id: crisis, title: Crisis, epilogue: It went wrong., crisis: true, "
        'when: "cooperation >= 99"}\n'
        "  - {id: war, title: War, epilogue: Worse., crisis: true, "
        'when: "cooperation >= 98"}\n'
        "  - {id: standoff, title: Standoff, epilogue: Tense., crisis: true, "
        'when: "cooperation >= 97"}\n'
    )
    text = variant(
        "  - {id: crisis, title: Crisis, epilogue: It went wrong., crisis: true}\n", three
    )
    game = Game(load_scenario_text(text, "mini.yaml"), 3)
    game.adjust("tension", 60, "Escalation")
    game.resolve_turn()
    assert game.state.crisis
    assert game.result().outcome.id == "standoff"
    game = Game(load_scenario_text(text, "mini.yaml"), 3)
    game.adjust("cooperation", 68, "Summit")  # 98: the second band's condition holds first
    game.adjust("tension", 60, "Escalation")
    game.resolve_turn()
    assert game.result().outcome.id == "war"
