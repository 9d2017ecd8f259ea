"""A scenario with the wrong shape gets one located, readable problem per mistake."""

from __future__ import annotations

from tests.scenario.helpers import column_of, line_of, problems_of, variant


def test_the_mini_scenario_is_valid(mini):
    assert mini.scenario.id == "mini"
    assert set(mini.scenario.delegations()) == {"japan", "taiwan"}
    assert mini.scenario.red_cell()[0] == "red"


def test_misspelt_key_names_line_column_and_suggests_the_right_one():
    text = variant("    progress: 4\n", "    progres: 4\n")
    [p] = [p for p in problems_of(text) if "progres" in p.message and "unknown" in p.message]
    assert (p.line, p.column) == (line_of(text, "progres:"), 5)
    assert "did you mean `progress`?" in p.message
    assert p.path == ("measures", 0, "progres")
    assert str(p).startswith(f"mini.yaml:{p.line}:5: measures[0].progres: unknown key")


def test_missing_required_key_points_at_its_mapping_and_says_what_it_is():
    text = variant("    summary: Talk.\n", "")
    [p] = problems_of(text)
    assert "missing key `summary`" in p.message
    assert p.line == line_of(text, "  - id: dialogue")


def test_wrong_type_says_what_was_found_and_what_was_expected():
    text = variant("  turns: 4\n" if False else "turns: 4\n", "turns: four\n")
    [p] = problems_of(text)
    assert p.path == ("turns",)
    assert "found the text `four`" in p.message and "whole number" in p.message
    assert (p.line, p.column) == (line_of(text, "turns: four"), 8)


def test_number_out_of_range_is_located():
    text = variant("  cooperation: {start: 30}", "  cooperation: {start: 130}")
    [p] = problems_of(text)
    assert p.path == ("indicators", "cooperation", "start")
    assert "130" in p.message and "100" in p.message
    assert p.column == column_of(text, "130")


def test_unknown_role_lists_the_roles():
    text = variant("    role: red_cell\n", "    role: referee\n")
    [p] = problems_of(text)
    assert "delegation" in p.message and "red_cell" in p.message


def test_misspelt_key_inside_a_delegation_is_caught_through_the_role_union():
    text = variant("    briefing: Japan's briefing.\n", "    brefing: Japan's briefing.\n")
    problems = problems_of(text)
    assert any("did you mean `briefing`?" in p.message for p in problems)


def test_several_mistakes_are_all_reported_in_file_order():
    text = variant("turns: 4\n", "turns: -1\n").replace("    progress: 4\n", "    progress: many\n")
    problems = problems_of(text)
    assert len(problems) == 2
    assert problems[0].line < problems[1].line


def test_bad_confidence_value_lists_the_allowed_ones():
    text = variant("confidence: medium}", "confidence: certain}")
    [p] = problems_of(text)
    assert "'low', 'medium' or 'high'" in p.message


def test_bad_identifier_is_explained():
    text = variant("  - id: patrol\n", "  - id: Patrol Boats\n")
    [p] = problems_of(text)
    assert p.path == ("events", 0, "id")
    assert "pattern" in p.message or "lower-case" in p.message
