"""The authoring commands: new, simulate (and its scorecard), lint."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.scenario.loader import load_scenario
from game.sim.montecarlo import run
from tests.conftest import MINI


def test_new_writes_a_starter_that_validates_and_plays(tmp_path, capsys):
    target = tmp_path / "my_first"
    assert main(["new", str(target)]) == 0
    path = tmp_path / "my_first.yaml"
    assert path.exists() and "python main.py validate" in capsys.readouterr().out
    loaded = load_scenario(path)
    assert loaded.scenario.id == "my_first" or loaded.scenario.id == "my-first"
    first_line = path.read_text().splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=") and first_line.endswith(
        "scenario.schema.json"
    )
    assert main(["play", "--auto", "--seed", "1", "--scenario", str(path)]) == 0
    assert main(["new", str(target)]) == 1  # never overwrites by accident
    assert "already exists" in capsys.readouterr().err


def test_simulate_prints_bands_percentiles_adoption_and_crisis_rate(capsys, tmp_path):
    assert main(["simulate", str(MINI), "--runs", "60", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    for needle in (
        "60 AI games of Mini scenario",
        "Outcome bands",
        "Crisis rate",
        "Indicators at the end",
        "Measures",
    ):
        assert needle in out
    data = json.loads((tmp_path / "out" / "games.json").read_text())
    assert len(data["games"]) == 60
    assert (tmp_path / "out" / "games.csv").read_text().count("\n") == 61
    assert (tmp_path / "out" / "outcomes.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_results_do_not_depend_on_the_number_of_jobs(mini):
    one = run(mini, 120, seed=5, jobs=1)
    two = run(mini, 120, seed=5, jobs=2)
    assert one.rows == two.rows and one.outcome_share == two.outcome_share


def test_fixed_profiles(capsys):
    assert main(["simulate", str(MINI), "--runs", "10", "--profiles", "japan=reckless"]) == 2
    assert main(["simulate", str(MINI), "--runs", "10", "--profiles", "japan=assertive"]) == 0
    assert "1 profile combination," in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate"],
        ["simulate", str(MINI), "--runs", "0"],
        ["simulate", str(MINI), "--vary", "events"],
        ["lint"],
    ],
)
def test_bad_usage_exits_2(argv, capsys):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_scorecard_shows_each_measure_with_confidence_intervals(capsys):
    assert main(["simulate", str(MINI), "--runs", "40", "--vary", "measures"]) == 0
    out = capsys.readouterr().out
    assert "Measure scorecard" in out and "Security dialogue" in out and "Joint exercises" in out
    assert "±" in out and "Crisis %" in out


def test_lint_points_at_lines(tmp_path, capsys):
    text = MINI.read_text().replace("when: \"not in_force('dialogue')\"", 'when: "turn > 99"')
    path = tmp_path / "lintme.yaml"
    path.write_text(text)
    assert main(["lint", str(path), "--games", "30", "--strategy-games", "5"]) == 1
    out = capsys.readouterr().out
    line = text[: text.index('when: "turn > 99"')].count("\n") + 1
    assert f"{path}:{line}: warning: events[1] rumours: its condition never held" in out


def test_the_default_scenario_lints_clean(capsys):
    from game.paths import DEFAULT_SCENARIO

    assert main(["lint", str(DEFAULT_SCENARIO), "--games", "400", "--strategy-games", "30"]) == 0


def test_new_outside_the_project_points_at_the_schema_by_absolute_address(tmp_path):
    from game.newscenario import starter_text

    first = starter_text(tmp_path / "elsewhere.yaml").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
