"""The model's rules since the audit of issue 11: scoring measures outcomes and a crisis is a
loss; the red cell has a campaign, aims and answers what the partners did; resilience blunts
damage, never tension; measures shield events without switching them off."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.game import Game, play_ai_game
from game.engine.rulebook import Rulebook
from game.engine.scoring import describe_scoring, on_the_scale, state_of_region
from game.engine.state import Cause
from game.scenario.loader import load_scenario_text
from tests.conftest import MINI


def mini_with(*edits: tuple[str, str]):
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return load_scenario_text(text, "mini.yaml")


def play_hold(loaded, seed: int) -> Game:
    """Every delegation holds on everything, every turn."""
    delegations = list(loaded.scenario.delegations())
    game = Game(loaded, seed, delegations)
    while not game.over:
        for actor in delegations:
            game.submit(actor, {})
        game.resolve_turn()
    return game


# --- scoring ---------------------------------------------------------------------------


@given(
    calm=st.floats(0, 100, allow_nan=False),
    crisis=st.floats(0, 100, allow_nan=False),
)
def test_any_crisis_scores_below_any_calm_game(mini, calm, crisis):
    book = Rulebook.of(mini)
    assert on_the_scale(book, crisis, True) < on_the_scale(book, calm, False)


def test_the_scale_runs_from_the_calm_floor_and_up_to_the_crisis_ceiling(mini):
    book = Rulebook.of(mini)
    rules = book.scoring
    assert on_the_scale(book, 0, False) == rules.calm_floor
    assert on_the_scale(book, 100, False) == 100
    assert on_the_scale(book, 100, True) == rules.crisis_ceiling
    assert on_the_scale(book, 0, True) == 0
    assert on_the_scale(book, 50, False) == pytest.approx(
        rules.calm_floor + (100 - rules.calm_floor) / 2, abs=0.05
    )


def test_the_state_of_the_region_is_a_weighted_mean_and_a_negative_weight_wants_it_low():
    state, parts = state_of_region({"a": (1.0, 80.0), "b": (3.0, 40.0)})
    assert state == pytest.approx((80 + 3 * 40) / 4, abs=0.05)
    assert sum(parts.values()) == pytest.approx(state, abs=0.1)
    low, _ = state_of_region({"tension": (-1.0, 30.0)})
    assert low == 70.0


def test_a_crisis_game_scores_below_every_calm_game_for_everyone(mini):
    calm = [play_ai_game(mini, seed) for seed in range(5)]
    crisis_game = Game(mini, 1)
    crisis_game.state.values["tension"] = 95.0
    crisis_game.resolve_turn()
    assert crisis_game.state.crisis
    crisis = crisis_game.result()
    results = [g.result() for g in calm]
    assert not any(r.crisis for r in results)
    assert crisis.shared.score < min(r.shared.score for r in results)
    for actor in mini.scenario.delegations():
        assert crisis.delegations[actor].score < min(r.delegations[actor].score for r in results)


def test_adopting_a_measure_scores_nothing_by_itself(mini):
    game = play_hold(mini, 3)
    before = game.result()
    game.state.adopted["dialogue"] = 2  # the same region, one more measure on the books
    after = game.result()
    assert after.shared.score == before.shared.score
    assert {a: d.score for a, d in after.delegations.items()} == {
        a: d.score for a, d in before.delegations.items()
    }


def test_scoring_is_explained_with_this_scenarios_numbers(mini):
    loaded = mini_with(
        (
            "  drift: {tension: -1}",
            "  drift: {tension: -1}\n  scoring: {calm_floor: 40, crisis_ceiling: 12}",
        )
    )
    text = " ".join(describe_scoring(Rulebook.of(loaded)))
    assert "from 40 to 100" in text and "from 0 to 12" in text
    assert "Japan" in text and "Taiwan" in text


def test_the_scoring_rules_change_the_score(mini):
    loaded = mini_with(
        (
            "  drift: {tension: -1}",
            "  drift: {tension: -1}\n  scoring: {calm_floor: 60, crisis_ceiling: 10}",
        )
    )
    default = play_hold(mini, 4).result()
    raised = play_hold(loaded, 4).result()
    assert raised.shared.state == default.shared.state
    assert raised.shared.score > default.shared.score


# --- the red cell's own agenda -------------------------------------------------------------

CAMPAIGN = (
    "      actions_per_turn: 1\n",
    "      actions_per_turn: 1\n"
    "      campaign:\n"
    "        - {from_turn: 1, effect: {tension: 2}}\n"
    "        - {from_turn: 3, effect: {tension: 5, resilience.maritime: -1}}\n",
)


def test_the_campaign_applies_every_turn_whatever_the_partners_do(mini):
    game = play_hold(mini_with(CAMPAIGN), 2)
    by_turn = {(e.turn, e.indicator): e.amount for e in game.ledger if e.cause == Cause.CAMPAIGN}
    assert by_turn[(1, "tension")] == 2 and by_turn[(2, "tension")] == 2
    assert by_turn[(3, "tension")] == 5 and by_turn[(4, "tension")] == 5
    assert by_turn[(3, "resilience.maritime")] == -1
    assert (1, "resilience.maritime") not in by_turn


def test_holding_under_a_campaign_ends_more_tense_than_without(mini):
    with_campaign = [play_hold(mini_with(CAMPAIGN), s).state.values["tension"] for s in range(8)]
    without = [play_hold(mini, s).state.values["tension"] for s in range(8)]
    assert all(a > b for a, b in zip(with_campaign, without, strict=True))


def test_provocation_sums_what_was_adopted_not_how_many(mini):
    loaded = mini_with(("    progress: 4\n", "    progress: 4\n    provocation: 3.5\n"))
    game = Game(loaded, 1)
    game.state.adopted.update({"dialogue": 1, "exercises": 2})
    facts = game.facts().values
    assert facts["provocation"] == 4.5  # 3.5 for the dialogue, the default 1 for exercises
    assert facts["adopted_count"] == 2


def test_escalation_can_answer_provocation(mini):
    loaded = mini_with(
        ("    progress: 2\n", "    progress: 2\n    provocation: 5\n"),
        (
            '        - {when: "tension >= 60", extra_actions: 1}',
            '        - {when: "provocation >= 5", extra_actions: 1}',
        ),
    )
    calm, provoked = Game(loaded, 3), Game(loaded, 3)
    provoked.state.adopted["exercises"] = 1
    calm.resolve_turn()
    provoked.resolve_turn()
    assert len(calm.reports[0].events) == 1
    assert len(provoked.reports[0].events) == 2


def test_the_red_cell_aims_at_the_most_exposed_partner(mini):
    # Two otherwise identical maritime events, one aimed at each delegation; Taiwan's
    # support is lower, so with a strong preference its event is drawn far more often.
    loaded = mini_with(
        ("      actions_per_turn: 1\n", "      actions_per_turn: 1\n      probe_exposed: 10\n"),
        (
            "  - id: rumours",
            "  - id: patrol_tw\n    title: Patrol near Taiwan\n    text: Ships.\n"
            "    domain: maritime\n    target: taiwan\n    hit: {resilience.maritime: -1}\n"
            "  - id: rumours",
        ),
        (
            '        - {when: "tension >= 60", extra_actions: 1}',
            '        - {when: "tension >= 600", extra_actions: 1}',
        ),
        ("    when: \"not in_force('dialogue')\"\n", '    when: "turn > 99"\n'),
    )
    drawn = {"patrol": 0, "patrol_tw": 0}
    for seed in range(100):
        game = Game(loaded, seed)
        game.state.values["support.taiwan"] = 20.0
        game.resolve_turn()
        for ev in game.reports[0].events:
            drawn[ev.event_id] += 1
    assert drawn["patrol_tw"] > 4 * drawn["patrol"]


# --- right signs --------------------------------------------------------------------------


def test_resilience_blunts_an_events_damage_but_never_its_tension(mini):
    game = Game(mini, 0)
    game.state.values["resilience.maritime"] = 100.0
    patrol = game.book.events[0]
    assert patrol.id == "patrol"
    game._setbacks = {}
    game._gray_zone_action_strikes(patrol)
    changes = {e.indicator: e for e in game.ledger if e.cause == Cause.EVENT}
    assert changes["tension"].amount == 2 and changes["tension"].mitigated == 0
    assert changes["resilience.maritime"].amount == pytest.approx(-2.0)  # 5 * (1 - 0.6)
    assert changes["resilience.maritime"].mitigated == pytest.approx(3.0)


SHIELD = (
    "    in_force: {cooperation: 1}\n",
    "    in_force: {cooperation: 1}\n    shields: {maritime: 0.5}\n",
)


def test_a_measure_in_force_blunts_its_domains_events_by_a_share(mini):
    loaded = mini_with(
        SHIELD, ("  drift: {tension: -1}", "  drift: {tension: -1}\n  mitigation: 0")
    )
    loss = {}
    for shielded in (False, True):
        game = Game(loaded, 0)
        if shielded:
            game.state.adopted["dialogue"] = 1
        game._setbacks = {}
        game._gray_zone_action_strikes(game.book.events[0], game._shields_of_measures_in_force())
        loss[shielded] = next(
            e.amount
            for e in game.ledger
            if e.cause == Cause.EVENT and e.indicator == "resilience.maritime"
        )
    assert loss[False] == -5.0
    assert loss[True] == -2.5


def test_a_suspended_measure_shields_nothing(mini):
    game = Game(mini_with(SHIELD), 0)
    game.state.adopted["dialogue"] = 1
    assert game._shields_of_measures_in_force() == {"maritime": 0.5}
    game.state.suspended_until["dialogue"] = game.state.turn
    assert game._shields_of_measures_in_force() == {}


def test_two_shields_each_take_their_share_of_what_is_left(mini):
    loaded = mini_with(
        SHIELD,
        (
            "    in_force: {resilience.maritime: 2}\n",
            "    in_force: {resilience.maritime: 2}\n    shields: {maritime: 0.5}\n",
        ),
    )
    game = Game(loaded, 0)
    game.state.adopted.update({"dialogue": 1, "exercises": 1})
    assert game._shields_of_measures_in_force() == {"maritime": 0.25}


# --- pressure on initiatives under way ------------------------------------------------------


SETBACK = (
    "    hit: {resilience.maritime: -5, tension: 2}\n",
    "    hit: {resilience.maritime: -5, tension: 2}\n    setback: {dialogue: 1.5}\n",
)


def test_a_setback_takes_progress_from_a_measure_under_way_never_below_zero(mini):
    game = Game(mini_with(SETBACK), 0)
    game._setbacks = {}
    game.state.progress["dialogue"] = 2.0
    game._gray_zone_action_strikes(game.book.events[0])
    assert game.state.progress["dialogue"] == 0.5
    game._gray_zone_action_strikes(game.book.events[0])
    assert game.state.progress["dialogue"] == 0.0
    assert game._setbacks["dialogue"] == (2.0, 0.0)


def test_an_adopted_measure_is_not_set_back(mini):
    game = Game(mini_with(SETBACK), 0)
    game._setbacks = {}
    game.state.progress["dialogue"] = 4.0
    game.state.adopted["dialogue"] = 1
    game._gray_zone_action_strikes(game.book.events[0])
    assert game.state.progress["dialogue"] == 4.0


def test_under_way_is_true_only_between_first_progress_and_adoption(mini):
    game = Game(mini, 0)
    assert "dialogue" not in game.facts().under_way
    game.state.progress["dialogue"] = 1.0
    assert "dialogue" in game.facts().under_way
    game.state.adopted["dialogue"] = 2
    assert "dialogue" not in game.facts().under_way


def test_a_setback_shows_in_the_turns_progress_report(mini):
    loaded = mini_with(
        SETBACK,
        (
            '        - {when: "tension >= 60", extra_actions: 1}',
            '        - {when: "tension >= 600", extra_actions: 1}',
        ),
    )
    for seed in range(40):
        game = Game(loaded, seed, ["japan", "taiwan"])
        game.state.progress["dialogue"] = 2.0
        game.submit("japan", {})
        game.submit("taiwan", {})
        report = game.resolve_turn()
        if any(e.event_id == "patrol" for e in report.events):
            assert report.progress["dialogue"] == (2.0, 0.5)
            return
    raise AssertionError("the patrol was never drawn in 40 seeds")


# --- the AI's wants ---------------------------------------------------------------------------


def test_an_ai_profiles_wants_change_its_choices_but_never_the_score(mini):
    keen = mini_with(("wants: {dialogue: 10}", "wants: {dialogue: 40}"))
    cold = mini_with(("wants: {dialogue: 10}", "wants: {dialogue: -40}"))
    keen_games = [play_ai_game(keen, s) for s in range(10)]
    cold_games = [play_ai_game(cold, s) for s in range(10)]
    pushed = lambda games: sum(  # noqa: E731
        1 for g in games for turn in g.history if turn["taiwan"].get("dialogue") == "push"
    )
    assert pushed(keen_games) > pushed(cold_games)
    # the same region scores the same whatever the AI wanted
    same = Game(cold, 0)
    same.state = keen_games[0].state.copy()
    assert same.result().shared.score == keen_games[0].result().shared.score


# --- authors' older files -------------------------------------------------------------------


def test_an_older_file_that_scores_measures_still_loads_with_a_warning_at_the_key():
    text = MINI.read_text(encoding="utf-8").replace(
        "    objectives: {cooperation: 1, resilience: 1}\n",
        "    objectives: {cooperation: 1, resilience: 1, measures: {dialogue: 10}}\n",
    )
    loaded = load_scenario_text(text, "old.yaml")
    (warning,) = [w for w in loaded.warnings if "objectives" in w.path]
    assert warning.line == text[: text.index("measures: {dialogue: 10}")].count("\n") + 1
    assert "no longer scored" in warning.message and "`wants`" in warning.message
    game = play_ai_game(loaded, 1)
    assert game.over  # it still plays; the AI reads the numbers as what it wants


def test_new_keys_take_their_documented_defaults(mini):
    s = mini.scenario
    assert s.rules.scoring.calm_floor == 30 and s.rules.scoring.crisis_ceiling == 25
    assert s.indicators.tension.warning == 0.75 * s.indicators.tension.crisis_at
    assert all(m.provocation == 1 and m.shields == {} for m in s.measures)
    assert s.red_cell()[1].policy.campaign == [] and s.red_cell()[1].policy.aims == {}
    assert all(e.kind == "coercion" and e.setback == {} for e in s.events)


def test_an_aim_on_a_budget_is_refused():
    from game.scenario.errors import ScenarioError

    with pytest.raises(ScenarioError, match="is a budget, not a 0-100 indicator"):
        mini_with(
            (
                "      actions_per_turn: 1\n",
                "      actions_per_turn: 1\n      aims: {capital.japan: 1}\n",
            )
        )
