"""Reading the ledger (`game.engine.ledger`): why each indicator moved, grouped by cause.

These describe the "why did it move" panel of the reveal, the debrief and the report: the
causes add up to the change, the largest comes first, a cause is one (kind, source), the
facilitator's reasons stay apart, resilience's absorbed losses are counted, the start is left
out, and the history rebuilt from the ledger matches the values after each turn.
"""

from __future__ import annotations

import pytest

from game.engine.ledger import Movement, indicator_history, movements
from game.engine.state import Cause, LedgerEntry


def entry(turn, indicator, amount, cause, source="", label="", mitigated=0.0):
    return LedgerEntry(turn, indicator, amount, Cause(cause), source, label, mitigated)


LEDGER = [
    entry(0, "tension", 40.0, "start", label="start"),
    entry(1, "tension", 3.0, "event", "ships", "Ships near the islands", mitigated=1.5),
    entry(1, "tension", -1.0, "drift", label="drift"),
    entry(2, "tension", 2.0, "event", "ships", "Ships again (reworded)", mitigated=0.5),
    entry(2, "tension", -6.0, "adopted", "hotline", "Hotline"),
    entry(2, "tension", 0.04, "in_force", "tiny", "Too small to show"),
    entry(2, "cooperation", 4.0, "facilitator", "", "The minister visited"),
    entry(3, "cooperation", 2.5, "facilitator", "", "A summit"),
    entry(3, "cooperation", 1.0, "facilitator", "", "The minister visited"),
]


def test_causes_add_up_to_the_net_change_and_the_start_is_left_out():
    moved = movements(LEDGER)
    assert moved["tension"].total == pytest.approx(3.0 - 1.0 + 2.0 - 6.0 + 0.04, abs=0.05)
    assert moved["tension"].total == -2.0  # rounded to one decimal
    assert moved["cooperation"].total == 7.5
    assert set(moved) == {"tension", "cooperation"}


def test_the_start_is_counted_when_asked():
    moved = movements(LEDGER, skip_start=False)
    assert moved["tension"].total == 38.0
    assert ("start", "") in moved["tension"].keys


def test_the_same_cause_over_several_turns_adds_up_under_its_first_label():
    causes = dict(movements(LEDGER)["tension"].causes)
    assert causes["Ships near the islands"] == 5.0
    assert "Ships again (reworded)" not in causes


def test_causes_come_largest_first_by_size_whatever_their_sign():
    mv = movements(LEDGER)["tension"]
    assert [amount for _label, amount in mv.causes] == [-6.0, 5.0, -1.0]
    assert mv.keys == (("adopted", "hotline"), ("event", "ships"), ("drift", ""))


def test_a_cause_too_small_to_show_is_dropped_but_still_counted_in_the_total():
    mv = movements([entry(1, "x", 0.04, "drift"), entry(1, "x", 1.0, "event", "e", "E")])
    assert mv["x"].causes == (("E", 1.0),)
    assert mv["x"].total == 1.0  # 1.04 rounded
    assert movements([entry(1, "x", 0.06, "drift", label="d")])["x"].causes == (("d", 0.1),)


def test_the_facilitators_adjustments_with_different_reasons_stay_apart():
    mv = movements(LEDGER)["cooperation"]
    assert mv.causes == (("The minister visited", 5.0), ("A summit", 2.5))


def test_losses_absorbed_by_resilience_are_summed_per_indicator():
    moved = movements(LEDGER)
    assert moved["tension"].absorbed == 2.0
    assert moved["cooperation"].absorbed == 0.0


def test_without_a_ledger_nothing_moved():
    assert movements([]) == {}
    assert movements([entry(0, "tension", 40.0, "start")]) == {}


class _Book:
    """A rulebook's one wording of a cause, recorded for the test."""

    def __init__(self):
        self.asked = []

    def cause_label(self, cause, source_id, indicator, recorded):
        self.asked.append((cause, source_id, indicator, recorded))
        return f"{cause}:{source_id}:{indicator}"


def test_with_a_rulebook_each_cause_is_worded_now_except_the_facilitators_own_words():
    book = _Book()
    moved = movements(LEDGER, book=book)  # type: ignore[arg-type]
    assert moved["tension"].causes[0] == ("adopted:hotline:tension", -6.0)
    assert ("event", "ships", "tension", "Ships near the islands") in book.asked
    assert moved["cooperation"].causes[0] == ("The minister visited", 5.0)
    assert all(cause != "facilitator" for cause, *_ in book.asked)


def test_a_movement_is_a_plain_record():
    mv = Movement("x", 1.0, (("a", 1.0),), 0.0)
    assert mv.keys == ()


def test_history_holds_the_value_at_the_start_and_after_each_turn():
    history = indicator_history(LEDGER, turns_played=3)
    assert history["tension"] == [40.0, 42.0, 38.0, 38.0]
    assert history["cooperation"] == [0.0, 0.0, 4.0, 7.5]


def test_history_stops_at_the_turns_played():
    assert indicator_history(LEDGER, turns_played=1)["tension"] == [40.0, 42.0]
