"""Cross-references are checked when a scenario loads: every name used exists, ids are unique."""

from __future__ import annotations

import pytest

from tests.scenario.helpers import column_of, line_of, problems_of, variant

CASES = [
    # (old text, new text, expected message fragment, text whose line the problem is on)
    (
        "requires: [japan, taiwan]",
        "requires: [japan, taiwn]",
        "unknown delegation `taiwn`; did you mean `taiwan`?",
        "taiwn",
    ),
    (
        "cost: {japan: 2, taiwan: 1}",
        "cost: {japan: 2, tiawan: 1}",
        "unknown delegation `tiawan`",
        "tiawan",
    ),
    (
        "prerequisites: [dialogue]",
        "prerequisites: [dialog]",
        "unknown measure `dialog`; did you mean `dialogue`?",
        "dialog]",
    ),
    (
        "    domain: maritime\n",
        "    domain: maritme\n",
        "unknown domain `maritme`; did you mean `maritime`?",
        "maritme",
    ),
    ("    target: japan\n", "    target: japn\n", "did you mean `japan`?", "japn"),
    (
        "    location: strait\n",
        "    location: straight\n",
        "unknown location `straight`",
        "straight",
    ),
    (
        "in_force: {cooperation: 1}",
        "in_force: {coperation: 1}",
        "unknown indicator `coperation`; did you mean `cooperation`?",
        "coperation",
    ),
    (
        "in_force: {resilience.maritime: 2}",
        "in_force: {resilience.air: 2}",
        "unknown indicator `resilience.air`",
        "resilience.air",
    ),
    ("source: essay,", "source: esay,", "unknown source `esay`; did you mean `essay`?", "esay"),
    ("wants: {dialogue: 10}", "wants: {dialogu: 10}", "unknown measure `dialogu`", "dialogu"),
    ("    turn: 2\n", "    turn: 9\n", "after the last turn", "turn: 9"),
]


@pytest.mark.parametrize(("old", "new", "fragment", "where"), CASES, ids=[c[1] for c in CASES])
def test_a_bad_reference_is_located_and_named(old, new, fragment, where):
    text = variant(old, new)
    problems = problems_of(text)
    matching = [p for p in problems if fragment in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].line == line_of(text, where)


def test_duplicate_ids_are_errors():
    text = variant("  - id: rumours\n", "  - id: patrol\n")
    [p] = problems_of(text)
    assert "duplicate id `patrol`" in p.message and p.path == ("events", 1, "id")


def test_prerequisite_cycles_are_errors():
    text = variant("    progress: 4\n", "    progress: 4\n    prerequisites: [exercises]\n")
    problems = problems_of(text)
    assert any(
        "cycle" in p.message and "dialogue -> exercises -> dialogue" in p.message for p in problems
    )


def test_a_measure_cannot_require_itself():
    text = variant("prerequisites: [dialogue]", "prerequisites: [exercises]")
    assert any("own prerequisite" in p.message or "cycle" in p.message for p in problems_of(text))


def test_exactly_one_red_cell_is_required():
    text = variant(
        '    role: red_cell\n    title: Red cell\n    summary: The opponent.\n    policy:\n      actions_per_turn: 1\n      escalation:\n        - {when: "tension >= 60", extra_actions: 1}\n',
        "    role: red_cell\n    title: Red cell\n    summary: The opponent.\n",
    )
    text = text.replace(
        "  taiwan:\n    role: delegation\n    title: Taiwan\n    summary: Taiwan.\n    briefing: Taiwan's briefing.\n    support: {start: 50}\n    capital: {start: 4, max: 10, regen: 2}\n    objectives: {cooperation: 1, resilience: 1}\n    ai_profiles:\n      steady: {description: Steady., wants: {dialogue: 10}}\n",
        "  taiwan:\n    role: red_cell\n    title: Taiwan\n    summary: Taiwan.\n",
    )
    problems = problems_of(text)
    assert any("exactly one actor with `role: red_cell`, found 2" in p.message for p in problems)


def test_outcomes_need_a_crisis_band_and_a_fallback():
    text = variant("  - {id: crisis, title: Crisis, epilogue: It went wrong., crisis: true}\n", "")
    assert any("crisis: true" in p.message for p in problems_of(text))
    text = variant("  - {id: meh, title: Meh, epilogue: It went so-so.}\n", "")
    assert any("fallback" in p.message for p in problems_of(text))


def test_tension_must_start_below_the_crisis_threshold():
    text = variant("tension: {start: 30, crisis_at: 90}", "tension: {start: 95, crisis_at: 90}")
    assert any("crisis_at" in p.message for p in problems_of(text))


def test_expression_error_points_at_the_column_inside_the_string():
    text = variant('{when: "tension >= 60"', '{when: "tension >= sixty"')
    [p] = problems_of(text)
    assert "unknown name `sixty`" in p.message
    assert p.line == line_of(text, "sixty")
    assert p.column == column_of(text, "sixty")


def test_expression_with_misspelt_measure_suggests_the_right_one():
    text = variant("when: \"not in_force('dialogue')\"", "when: \"not in_force('dialouge')\"")
    [p] = problems_of(text)
    assert "did you mean `dialogue`?" in p.message
    assert p.column == column_of(text, "dialouge")


def test_weight_expression_must_be_a_number():
    text = variant('weight: "1 + adopted_count"', "weight: \"adopted('dialogue')\"")
    [p] = problems_of(text)
    assert "expected a number" in p.message


def test_a_fourth_delegation_and_a_new_domain_need_only_yaml(mini_text):
    from game.engine.game import play_ai_game
    from game.scenario.loader import load_scenario_text

    extra_actor = (
        "  philippines:\n    role: delegation\n    title: Philippines\n    summary: A neighbour.\n"
        "    briefing: Watches the strait.\n    support: {start: 60}\n    capital: {start: 3, max: 8}\n"
        "    objectives: {stability: 2, domains: {space: 1}}\n    ai_profiles:\n      careful: {description: Careful.}\n"
    )
    text = mini_text.replace("  red:\n", extra_actor + "  red:\n")
    text = text.replace(
        "    information: {start: 30, title: Information}\n",
        "    information: {start: 30, title: Information}\n    space: {start: 20, title: Space}\n",
    )
    text = text.replace(
        "requires: [japan]\n    cost: {japan: 1, taiwan: 1}",
        "requires: [japan, philippines]\n    cost: {japan: 1, taiwan: 1, philippines: 1}",
    )
    text = text.replace(
        "in_force: {resilience.maritime: 2}",
        "in_force: {resilience.maritime: 2, resilience.space: 3}",
    )
    loaded = load_scenario_text(text, "four.yaml")
    assert "philippines" in loaded.scenario.delegations()
    game = play_ai_game(loaded, seed=1)
    assert "support.philippines" in game.state.values and "resilience.space" in game.state.values


def test_a_delegation_listed_twice_in_requires_is_an_error():
    text = variant("requires: [japan, taiwan]", "requires: [japan, taiwan, taiwan]")
    assert any("listed twice" in p.message for p in problems_of(text))


def test_bands_after_the_fallback_can_never_be_chosen():
    text = variant(
        "  - {id: meh, title: Meh, epilogue: It went so-so.}\n",
        '  - {id: meh, title: Meh, epilogue: It went so-so.}\n  - {id: late, title: Late, epilogue: Never., when: "tension > 1"}\n',
    )
    assert any(
        "can never be chosen" in p.message and p.path == ("outcomes", 3) for p in problems_of(text)
    )


def test_when_on_a_facilitator_only_inject_is_an_error():
    text = variant(
        "    text: A typhoon strikes.\n", '    text: A typhoon strikes.\n    when: "tension > 50"\n'
    )
    assert any("fired by the facilitator" in p.message for p in problems_of(text))


def test_more_actions_per_turn_than_the_maximum_is_an_error():
    text = variant(
        "      actions_per_turn: 1\n", "      actions_per_turn: 3\n      max_actions: 2\n"
    )
    assert any("above max_actions" in p.message for p in problems_of(text))


def test_yaml_yes_no_words_stay_names_when_they_are_keys(mini_text):
    from game.scenario.loader import load_scenario_text

    text = mini_text.replace(
        "      cautious: {description: Careful., risk_tolerance: 0.4}",
        "      no: {description: Careful., risk_tolerance: 0.4}",
    )
    loaded = load_scenario_text(text, "keys.yaml")
    assert "no" in loaded.scenario.delegations()["japan"].ai_profiles
