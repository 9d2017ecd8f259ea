"""The map's frame and the number of delegations: what the window can show is what validates.

- At most MAX_DELEGATIONS player delegations (the window lays out six at 1024x600); one more
  is an error at the `actors` key that says the limit and why.
- The scenario's `map` frame is checked (edges in order, a minimum size, a sane aspect), with
  located errors.
- A location outside the frame is a warning, not an error: the scenario loads, the warning
  is located at the location, and `validate` prints it and exits 0.
"""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.models import MAX_DELEGATIONS
from tests.conftest import FIXTURES, MINI
from tests.scenario.helpers import column_of, line_of, problems_of

SIX = FIXTURES / "six.yaml"
SEOUL = "  seoul: {title: Seoul, lon: 126.98, lat: 37.57}"
SIX_FRAME = "map: {lon: [110, 150], lat: [8, 42]}"


def six_text() -> str:
    return SIX.read_text(encoding="utf-8")


def with_frame(text: str, frame: str) -> str:
    assert text.count(SIX_FRAME) == 1
    return text.replace(SIX_FRAME, frame)


# --- delegations ----------------------------------------------------------------------


def test_the_six_delegation_fixture_is_valid_and_at_the_limit():
    loaded = load_scenario(SIX)
    assert len(loaded.scenario.delegations()) == MAX_DELEGATIONS == 6
    assert loaded.warnings == ()


def _seventh(text: str) -> str:
    block = re.search(r"^  australia:\n(?:    .*\n)+", text, re.MULTILINE)
    assert block
    return text.replace(block.group(), block.group() + block.group().replace("australia", "nz"))


def test_one_delegation_more_than_the_window_lays_out_is_refused_at_the_actors_key():
    text = _seventh(six_text())
    problems = problems_of(text, "seven.yaml")
    (problem,) = [p for p in problems if p.path == ("actors",)]
    assert (problem.line, problem.column) == (line_of(text, "actors:"), 1)
    assert "7 actors have `role: delegation`" in problem.message
    assert f"at most {MAX_DELEGATIONS}" in problem.message and "1024x600" in problem.message


def test_validate_refuses_too_many_delegations(tmp_path, capsys):
    path = tmp_path / "seven.yaml"
    path.write_text(_seventh(six_text()), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line_of(path.read_text(), 'actors:')}:1: actors: 7 actors" in err


# --- the map's frame ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "where", "fragment"),
    [
        ("map: {lon: [150, 110], lat: [8, 42]}", "[150, 110]", "west edge (150) is not less"),
        ("map: {lon: [120, 120], lat: [8, 42]}", "[120, 120]", "west edge (120) is not less"),
        ("map: {lon: [110, 150], lat: [42, 8]}", "[42, 8]", "south edge (42) is not less"),
        ("map: {lon: [120, 122], lat: [20, 40]}", "[120, 122]", "expected at least 5"),
        ("map: {lon: [110, 150], lat: [24, 25.5]}", "[24, 25.5]", "expected at least 5"),
        ("map: {lon: [60, 180], lat: [10, 30]}", "{lon", "times as wide as it is high"),
        ("map: {lon: [120, 130], lat: [0, 40]}", "{lon", "times as tall as it is wide"),
        ("map: {lon: [0, 20], lat: [80, 90]}", "{lon", "times as tall as it is wide"),
        ("map: {lon: [110, 150, 170], lat: [8, 42]}", "[110, 150, 170]", "at most 2 item"),
        ("map: {lon: [110], lat: [8, 42]}", "[110]", "a list of 1 item(s); expected 2"),
        ("map: {lon: [110, 150], lat: 8}", "8}", "expected a list"),
        ("map: {lon: [-190, 150], lat: [8, 42]}", "-190", "greater than or equal to -180"),
        ("map: {lon: [110, 150], lat: [8, 42], zoom: 2}", "zoom", "unknown key `zoom`"),
    ],
)
def test_a_frame_the_map_cannot_draw_is_refused_where_it_is_written(frame, where, fragment):
    text = with_frame(six_text(), frame)
    problems = problems_of(text, "frame.yaml")
    matching = [p for p in problems if fragment in p.message]
    assert matching, [str(p) for p in problems]
    assert (matching[0].line, matching[0].column) == (
        line_of(text, frame),
        column_of(text, frame) + frame.index(where),
    )
    assert matching[0].path[0] == "map"


def test_the_frame_limits_are_those_the_guide_states():
    """Five degrees each way and three to one are accepted; just past them is not."""
    load_scenario_text(with_frame(six_text(), "map: {lon: [120, 125], lat: [20, 25]}"), "ok.yaml")
    problems_of(with_frame(six_text(), "map: {lon: [120, 124.9], lat: [20, 25]}"))
    wide = "map: {lon: [100, 150], lat: [20, 33]}"  # 50 * cos(26.5 deg) / 13 = 3.44
    assert "times as wide" in problems_of(with_frame(six_text(), wide))[0].message
    fine = "map: {lon: [100, 150], lat: [20, 35]}"  # 50 * cos(27.5 deg) / 15 = 2.96
    load_scenario_text(with_frame(six_text(), fine), "ok.yaml")


def test_the_default_frame_is_the_one_the_map_had():
    scenario = load_scenario(MINI).scenario
    assert scenario.map.lon == (114.0, 146.0) and scenario.map.lat == (12.0, 37.0)


# --- locations outside the frame: warnings ----------------------------------------------


def test_a_location_outside_the_default_frame_is_a_located_warning_not_an_error():
    text = with_frame(six_text(), "")  # Seoul, at 37.57 N, is just north of 37 N
    loaded = load_scenario_text(text, "seoul.yaml")
    (warning,) = loaded.warnings
    assert warning.severity == "warning"
    assert warning.path == ("locations", "seoul")
    assert (warning.line, warning.column) == (line_of(text, SEOUL), 3)
    assert "Seoul" in warning.message and "latitude 12 to 37" in warning.message
    assert str(warning).startswith(f"seoul.yaml:{warning.line}:3: warning: locations.seoul: ")


def test_every_location_outside_the_frame_gets_its_own_warning_in_file_order():
    text = with_frame(six_text(), "map: {lon: [125, 150], lat: [30, 45]}")  # the strait is out
    loaded = load_scenario_text(text, "both.yaml")
    assert [w.path for w in loaded.warnings] == [("locations", "strait")]
    text = with_frame(six_text(), "map: {lon: [125, 150], lat: [38, 45]}")  # both are out
    loaded = load_scenario_text(text, "both.yaml")
    assert [w.path for w in loaded.warnings] == [("locations", "strait"), ("locations", "seoul")]
    assert loaded.warnings[0].line < loaded.warnings[1].line


def test_a_location_on_the_frame_edge_is_inside():
    text = with_frame(six_text(), "map: {lon: [110, 150], lat: [8, 37.57]}")
    assert load_scenario_text(text, "edge.yaml").warnings == ()


def test_validate_prints_warnings_with_their_place_and_still_passes(tmp_path, capsys):
    path = tmp_path / "seoul.yaml"
    text = with_frame(six_text(), "")
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"{path}:{line_of(text, SEOUL)}:3: warning: locations.seoul: Seoul" in err
    assert f"{path}: ok" in out


def test_validate_quiet_prints_errors_only(tmp_path, capsys):
    path = tmp_path / "seoul.yaml"
    path.write_text(with_frame(six_text(), ""), encoding="utf-8")
    assert main(["validate", "--quiet", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in out + err


def test_the_bundled_scenarios_have_no_warnings():
    from game.paths import PROJECT_ROOT

    for path in sorted((PROJECT_ROOT / "scenarios").glob("*.yaml")):
        assert load_scenario(path).warnings == (), path
