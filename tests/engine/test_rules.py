"""Each numbered rule of the turn (see the docstring of `game.engine.game`), one test or more
named for it, on the small fixture `tests/fixtures/mini.yaml` (or a variant of it with one
change). Each test fails when its rule is broken: they were checked by breaking each rule by
hand (the mutations of issue 15)."""

from __future__ import annotations

import pytest

from game.engine.game import (
    Commitment,
    Game,
    IllegalDecision,
    cap_joint_final_step,
    capital_regained,
    draw_by_weight,
    progress_step,
    resilience_absorbs_part_of_a_loss,
    weakest_domain,
)
from game.engine.rulebook import ProgressRules
from game.engine.state import Cause, Choice
from tests.engine.test_model import mini_with

# mini: dialogue requires japan and taiwan (cost japan 2, taiwan 1, progress 4); exercises
# requires japan (cost japan 1, taiwan 1, progress 2, prerequisite dialogue). Progress rules:
# all_push 2, some_push 0.5, opposed -1; oppose_cost 1; mitigation 0.6; capital regen 2 plus
# support x 0.03; drift tension -1; crisis at 90.


def people_play(loaded, seed: int = 1) -> Game:
    return Game(loaded, seed, humans={"japan", "taiwan"})


def decide(game: Game, japan: dict | None = None, taiwan: dict | None = None):
    game.submit("japan", japan or {})
    game.submit("taiwan", taiwan or {})
    return game.resolve_turn()


def entries(report, cause: Cause, source_id: str | None = None):
    return [
        e
        for e in report.changes
        if e.cause == cause and (source_id is None or e.source_id == source_id)
    ]


# --- 1. decisions are revealed together; capital (and support) is spent ---------------------


def test_1_pushing_spends_the_measures_capital_cost_and_opposing_the_oppose_cost(mini):
    game = people_play(mini)
    report = decide(game, {"dialogue": "push"}, {"dialogue": "oppose"})
    spent = {(e.indicator, e.cause): e.amount for e in report.changes}
    assert spent[("capital.japan", Cause.PUSH)] == -2.0  # dialogue's cost for Japan
    assert spent[("capital.taiwan", Cause.OPPOSE)] == -1.0  # the scenario's oppose_cost


def test_1_pushing_a_measure_with_a_support_cost_spends_domestic_support(mini):
    loaded = mini_with(
        (
            "    cost: {japan: 2, taiwan: 1}\n",
            "    cost: {japan: 2, taiwan: 1}\n    support_cost: {taiwan: 3}\n",
        )
    )
    report = decide(people_play(loaded), {"dialogue": "push"}, {"dialogue": "push"})
    support = entries(report, Cause.PUSH)
    assert [(e.indicator, e.amount) for e in support if e.indicator.startswith("support")] == [
        ("support.taiwan", -3.0)
    ]


NO_PREREQUISITE = ("    prerequisites: [dialogue]\n", "")


def test_1_opposing_costs_capital_in_the_capital_check(mini):
    """Pushing dialogue (2) and opposing exercises (1) costs 3: legal with 3 capital, not 2."""
    game = people_play(mini_with(NO_PREREQUISITE))
    game.state.values["capital.japan"] = 3.0
    game.submit("japan", {"dialogue": "push", "exercises": "oppose"})
    game.state.values["capital.japan"] = 2.0
    assert game.options("japan").cost_of({"dialogue": "push", "exercises": "oppose"}) == 3
    with pytest.raises(IllegalDecision, match="cost 3 capital"):
        game.submit("japan", {"dialogue": "push", "exercises": "oppose"})


# --- 2. measures progress -----------------------------------------------------------------


RULES = ProgressRules(all_push=2.0, some_push=0.5, opposed=-1.0)


def test_2_progress_step_full_when_all_push_a_part_each_otherwise_a_setback_when_opposed(mini):
    dialogue = Game(mini, 0).book.measure["dialogue"]  # requires japan and taiwan
    assert progress_step(Commitment(2, 0, False), dialogue, RULES) == 2.0
    assert progress_step(Commitment(1, 0, False), dialogue, RULES) == 0.5
    # a delegation with a cost that the measure does not require adds a part either way
    assert progress_step(Commitment(2, 1, False), dialogue, RULES) == 2.5
    assert progress_step(Commitment(1, 1, False), dialogue, RULES) == 1.0
    assert progress_step(Commitment(2, 0, True), dialogue, RULES) == -1.0


def test_2_cap_joint_final_step_keeps_partial_progress_one_joint_step_short():
    assert cap_joint_final_step(before=1.0, after=1.5, needed=4.0, all_push=2.0) == 1.5
    assert cap_joint_final_step(before=1.8, after=2.3, needed=4.0, all_push=2.0) == 2.0
    # never moves a measure back: one already past the line stays where it was
    assert cap_joint_final_step(before=3.8, after=4.3, needed=4.0, all_push=2.0) == 3.8


def test_2_a_joint_measures_final_step_needs_every_required_delegation(mini):
    game = people_play(mini)
    game.state.progress["dialogue"] = 3.8
    report = decide(game, {"dialogue": "push"})  # Japan alone: 3.8 + 0.5 would finish it
    assert report.progress["dialogue"] == (3.8, 3.8)
    assert "dialogue" not in game.state.adopted
    report = decide(game, {"dialogue": "push"}, {"dialogue": "push"})
    assert report.adopted == ("dialogue",)


def test_2_partial_pushing_brings_a_joint_measure_to_one_joint_step_short(mini):
    game = people_play(mini)
    game.state.progress["dialogue"] = 1.8
    report = decide(game, {"dialogue": "push"})
    assert report.progress["dialogue"] == (1.8, 2.0)  # 4 needed - 2 for the joint step


def test_2_opposition_sets_a_measure_back_never_below_zero(mini):
    game = people_play(mini)
    game.state.progress["dialogue"] = 0.5
    report = decide(game, {"dialogue": "push"}, {"dialogue": "oppose"})
    assert report.progress["dialogue"] == (0.5, 0.0)


def test_2_unmet_prerequisites_hold_a_measure_still(mini):
    game = people_play(mini)
    assert "exercises" not in game.measures_on_table().ids
    with pytest.raises(IllegalDecision, match="not on the table"):
        game.submit("japan", {"exercises": "push"})


# --- 3. adoption ----------------------------------------------------------------------------


def test_3_a_measure_reaching_its_progress_is_adopted_and_takes_its_one_off_effects(mini):
    game = people_play(mini)
    game.state.progress["dialogue"] = 2.0
    report = decide(game, {"dialogue": "push"}, {"dialogue": "push"})
    assert game.state.adopted == {"dialogue": 1}
    assert [(e.indicator, e.amount) for e in entries(report, Cause.ADOPTED)] == [
        ("cooperation", 10.0)
    ]


# --- 4. measures in force -------------------------------------------------------------------


def test_4_every_measure_in_force_applies_its_per_turn_effects(mini):
    game = people_play(mini)
    game.state.adopted["dialogue"] = 1
    for _turn in range(2):
        report = decide(game)
        assert [(e.indicator, e.amount) for e in entries(report, Cause.IN_FORCE)] == [
            ("cooperation", 1.0)
        ]


def test_4_a_suspended_measure_is_ignored(mini):
    game = people_play(mini)
    game.state.adopted["dialogue"] = 1
    game.state.suspended_until["dialogue"] = 1  # out of force during turn 1
    assert entries(decide(game), Cause.IN_FORCE) == []
    assert len(entries(decide(game), Cause.IN_FORCE)) == 1  # back in force on turn 2


def test_4_a_measure_in_force_is_the_one_adopted_even_after_the_state_is_edited(mini):
    """The per-turn effects follow the adopted measures themselves, not their count."""
    game = people_play(mini_with(NO_PREREQUISITE))
    game.state.adopted["dialogue"] = 1
    assert entries(decide(game), Cause.IN_FORCE, "dialogue")
    del game.state.adopted["dialogue"]
    game.state.adopted["exercises"] = 1  # one adopted measure swapped for another
    report = decide(game)
    assert [e.source_id for e in entries(report, Cause.IN_FORCE)] == ["exercises"]


# --- 5. the red cell reacts to adoptions ------------------------------------------------------


def test_5_the_red_cell_reacts_to_a_measure_in_the_turn_it_is_adopted_only(mini):
    game = people_play(mini)
    game.state.progress["dialogue"] = 2.0
    report = decide(game, {"dialogue": "push"}, {"dialogue": "push"})
    assert [(e.indicator, e.amount) for e in entries(report, Cause.REACTION)] == [("tension", 5.0)]
    assert entries(decide(game), Cause.REACTION) == []


# --- 6. the red cell's campaign (and test_model.test_the_campaign_applies_every_turn_...) ---


def test_6_the_campaign_applies_the_stage_under_way_whatever_the_partners_decide(mini):
    from tests.engine.test_model import CAMPAIGN

    loaded = mini_with(CAMPAIGN)
    for japan in ({}, {"dialogue": "push"}, {"dialogue": "oppose"}):
        game = people_play(loaded)
        amounts = []
        for _turn in range(3):
            report = decide(game, japan)
            amounts.append([(e.indicator, e.amount) for e in entries(report, Cause.CAMPAIGN)])
        assert amounts == [
            [("tension", 2.0)],
            [("tension", 2.0)],
            [("tension", 5.0), ("resilience.maritime", -1.0)],
        ]


# --- 7. gray-zone actions ---------------------------------------------------------------------


def test_7_draw_by_weight_picks_in_proportion():
    assert draw_by_weight([1.0, 3.0], 4.0, 0.2) == 0  # 0.8 falls in the first weight
    assert draw_by_weight([1.0, 3.0], 4.0, 0.3) == 1  # 1.2 falls in the second
    assert draw_by_weight([1.0, 3.0], 4.0, 0.999999) == 1
    assert draw_by_weight([1.0, 3.0], 4.0000001, 0.9999999999) == 1  # a sliver past: the last


def test_7_resilience_absorbs_part_of_a_loss():
    # resilience 50 with mitigation 0.6 absorbs 30 % of a loss
    assert resilience_absorbs_part_of_a_loss(50.0, 0.6) == pytest.approx(0.7)
    assert resilience_absorbs_part_of_a_loss(100.0, 0.6) == pytest.approx(0.4)
    assert resilience_absorbs_part_of_a_loss(0.0, 0.6) == 1.0
    # a shield that leaves half takes half of what resilience leaves
    assert resilience_absorbs_part_of_a_loss(50.0, 0.6, 0.5) == pytest.approx(0.35)


def test_7_resilience_absorbs_part_of_a_loss_in_play(mini):
    game = Game(mini, 0)
    game.state.values["resilience.maritime"] = 50.0
    record = game._gray_zone_action_strikes(game.book.events[0])  # patrol: maritime -5
    loss = next(e for e in game.ledger if e.cause == Cause.EVENT and e.indicator.startswith("res"))
    assert loss.amount == -3.5 and loss.mitigated == 1.5  # 5 x (1 - 0.6 x 0.5) felt
    assert record.absorbed == 1.5


def test_7_weakest_domain_is_the_lowest_resilience_first_in_file_order_on_a_tie():
    keys = ("resilience.maritime", "resilience.cyber", "resilience.air")
    values = {"resilience.maritime": 40.0, "resilience.cyber": 20.0, "resilience.air": 20.0}
    assert weakest_domain(values, keys) == "cyber"
    values["resilience.maritime"] = 10.0
    assert weakest_domain(values, keys) == "maritime"


PROBING = mini_with(
    ("      actions_per_turn: 1\n", "      actions_per_turn: 1\n      probe_weakest: 10\n"),
    ("    when: \"not in_force('dialogue')\"\n", ""),
    ('    weight: "1 + adopted_count"\n', ""),
)


@pytest.mark.parametrize("weakest", ["maritime", "information"])
def test_7_red_cell_probes_the_weakest_domain(weakest):
    drawn = {"maritime": 0, "information": 0}
    for seed in range(60):
        game = Game(PROBING, seed)
        game.state.values[f"resilience.{weakest}"] = 10.0  # the other is 30 or 40
        game.resolve_turn()
        for event in game.reports[0].events:
            drawn[event.domain] += 1
    other = "information" if weakest == "maritime" else "maritime"
    assert drawn[weakest] > 4 * drawn[other]


def test_7_the_red_cell_draws_at_most_one_action_of_each_kind_per_turn(mini):
    loaded = mini_with(("      actions_per_turn: 1\n", "      actions_per_turn: 3\n"))
    for seed in range(20):
        game = Game(loaded, seed)
        game.resolve_turn()
        ids = [e.event_id for e in game.reports[0].events]
        assert sorted(ids) == ["patrol", "rumours"]  # two events in the deck: two actions


# --- 8 and 9. injects and drift --------------------------------------------------------------


def test_8_a_scheduled_inject_fires_on_its_turn_only(mini):
    game = people_play(mini)
    assert entries(decide(game), Cause.INJECT) == []
    assert [e.source_id for e in entries(decide(game), Cause.INJECT)] == ["election"]
    assert entries(decide(game), Cause.INJECT) == []


def test_9_the_drift_applies_every_turn(mini):
    game = people_play(mini)
    for _turn in range(3):
        report = decide(game)
        assert [(e.indicator, e.amount) for e in entries(report, Cause.DRIFT)] == [
            ("tension", -1.0)
        ]


# --- 10. capital regenerates -------------------------------------------------------------------


def test_10_capital_regained_is_regen_plus_support_times_rate_rounded_down():
    assert capital_regained(2.0, 50.0, 0.03) == 3.0  # 2 + floor(1.5)
    assert capital_regained(2.0, 70.0, 0.03) == 4.0  # 2 + floor(2.1)
    assert capital_regained(1.0, 99.0, 0.0) == 1.0


def test_10_capital_regenerates_with_domestic_support(mini):
    game = people_play(mini)
    game.state.values["support.japan"] = 70.0
    game.state.values["capital.japan"] = 1.0
    report = decide(game)
    regained = {e.indicator: e.amount for e in entries(report, Cause.REGEN)}
    assert regained["capital.japan"] == 4.0
    assert game.state.values["capital.japan"] == 5.0


def test_10_capital_never_exceeds_its_maximum(mini):
    game = people_play(mini)
    game.state.values["capital.japan"] = 9.0
    decide(game)
    assert game.state.values["capital.japan"] == 10.0


# --- 11. the end -------------------------------------------------------------------------------


# Only the patrol (+2 tension) can be drawn, and the drift takes 10 back at the end of the turn.
SPIKE = mini_with(
    ("    when: \"not in_force('dialogue')\"\n", '    when: "turn > 99"\n'),
    ("  drift: {tension: -1}", "  drift: {tension: -10}"),
)


def test_11_a_crisis_can_happen_at_any_moment_of_the_turn(mini):
    game = people_play(SPIKE)
    game.state.values["tension"] = 89.0
    report = decide(game)  # the patrol takes tension to 91, the drift back to 81
    assert [e.event_id for e in report.events] == ["patrol"]
    assert game.state.values["tension"] == 81.0
    assert game.over and game.state.crisis and report.crisis


def test_11_without_reaching_the_threshold_there_is_no_crisis(mini):
    game = people_play(SPIKE)
    game.state.values["tension"] = 87.0  # the patrol takes it to 89 only
    decide(game)
    assert not game.over and not game.state.crisis


def test_11_the_last_turn_ends_the_game(mini):
    game = people_play(mini)
    for turn in range(1, mini.scenario.turns + 1):
        assert not game.over and game.state.turn == turn
        decide(game)
    assert game.over and not game.state.crisis and game.state.turn == mini.scenario.turns


# --- what may be done: options derive from the state ---------------------------------------------


def test_options_follow_the_adopted_measures_even_when_one_is_swapped_for_another(mini):
    """An edited state (a test, a what-if) is never answered from a table worked out before."""
    loaded = mini_with(NO_PREREQUISITE)
    game = people_play(loaded)
    game.state.adopted["dialogue"] = 1
    assert [o.measure_id for o in game.options("japan").measures] == ["exercises"]
    del game.state.adopted["dialogue"]
    game.state.adopted["exercises"] = 1  # the same number of adopted measures
    assert [o.measure_id for o in game.options("japan").measures] == ["dialogue"]
    assert [m.id for m in game.available_measures()] == ["dialogue"]


def test_options_offer_push_only_when_affordable_and_oppose_at_its_cost(mini):
    game = people_play(mini)
    game.state.values["capital.japan"] = 1.0
    (dialogue,) = game.options("japan").measures
    assert dialogue.choices == (Choice.HOLD, Choice.OPPOSE)
    game.state.values["capital.japan"] = 0.0
    (dialogue,) = game.options("japan").measures
    assert dialogue.choices == (Choice.HOLD,)


def test_the_usage_example_in_the_engines_docstring_runs():
    import doctest

    import game.engine.game

    failures, tried = doctest.testmod(game.engine.game, verbose=False)
    assert tried > 0 and failures == 0


def test_every_function_the_turns_docstring_names_exists():
    """The numbered rules in `game.engine.game`'s docstring name the functions that hold
    them: a renamed or removed function must take its name out of the docstring too."""
    import re

    import game.engine.game as engine

    named = set(re.findall(r"`(\w+)`", engine.__doc__)) - {"docs"}
    assert len(named) > 20
    missing = sorted(n for n in named if not hasattr(engine, n) and not hasattr(Game, n))
    assert not missing
