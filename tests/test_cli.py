"""The command line: exit codes, messages on stderr, and the schema command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import PROJECT_ROOT, SCHEMA_FILE
from tests.conftest import MINI


def test_validate_a_good_file_exits_0(capsys):
    assert main(["validate", str(MINI)]) == 0
    assert "ok" in capsys.readouterr().out


def test_validate_reports_every_error_on_stderr_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text().replace("turns: 4", "turns: four").replace("progress: 4", "progres: 4")
    )
    assert main(["validate", str(bad), str(MINI)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7:8: turns:" in err
    assert "did you mean `progress`?" in err
    assert "1 valid, 1 invalid" in err


def test_validate_a_folder(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(MINI.read_text())
    (tmp_path / "b.yaml").write_text("")
    assert main(["validate", str(tmp_path)]) == 1
    assert "empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["validate", "/no/such/file.yaml"], ["frobnicate"], ["play", "--seed", "x"]],
)
def test_bad_usage_exits_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_bundled_scenarios_validate():
    assert main(["validate", str(PROJECT_ROOT / "scenarios")]) == 0


def test_schema_command_prints_the_committed_schema(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(SCHEMA_FILE.read_text()), (
        "run `python main.py schema --out schema/scenario.schema.json`"
    )
    assert printed["title"] == "Trilateral scenario"
    assert "measures" in printed["properties"]


def test_bundled_scenarios_point_editors_at_the_schema():
    for path in (PROJECT_ROOT / "scenarios").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == SCHEMA_FILE.resolve()


def test_main_py_runs_without_a_traceback_on_bad_scenario(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: !!python/object/apply:os.system ['true']\n")
    run = subprocess.run(
        [sys.executable, str(Path(PROJECT_ROOT / "main.py")), "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "is not allowed" in run.stderr and "Traceback" not in run.stderr


def test_schema_out_to_a_place_that_cannot_be_written_is_one_message(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    # under a file, and onto a folder: each message names the place that is in the way
    for out, named in ((blocker / "schema.json", blocker), (tmp_path, tmp_path)):
        assert main(["schema", "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{named}: cannot be written") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # no temporary files


def test_validate_reports_files_sharing_a_scenario_id_with_both_paths(tmp_path, capsys):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    first, second = folder / "a.yaml", folder / "b.yaml"
    first.write_text(MINI.read_text())
    second.write_text(MINI.read_text().replace("title: Mini scenario", "title: Another"))
    (folder / "c.yaml").write_text(MINI.read_text().replace("id: mini", "id: other"))
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{first}:3:5: id: scenario id `mini` is also used by {second}" in err
    assert f"{second}:3:5: id: scenario id `mini` is also used by {first}" in err
    assert "c.yaml" not in err
    assert "2 share a scenario id" in err


def test_validate_counts_a_file_named_twice_once(tmp_path, capsys):
    path = tmp_path / "a.yaml"
    path.write_text(MINI.read_text())
    assert main(["validate", str(path), str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("a.yaml: ok") == 1


def test_replay_refuses_to_guess_between_scenarios_sharing_an_id(tmp_path, capsys, monkeypatch):
    import game.play_cli as play_cli
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINI.read_text())
    (folder / "b.yaml").write_text(MINI.read_text().replace("turns: 4", "turns: 3"))
    save = tmp_path / "game.json"
    save_game(Game(load_scenario(folder / "a.yaml"), 1, [], {}), save)
    real = play_cli.scenario_by_id
    monkeypatch.setattr(play_cli, "scenario_by_id", lambda sid: real(sid, folder))
    assert main(["replay", str(save)]) == 1
    err = capsys.readouterr().err
    assert "a.yaml" in err and "b.yaml" in err and "--scenario" in err and "Traceback" not in err


def test_validate_gives_the_first_hundred_problems_of_a_file_and_counts_the_rest(tmp_path, capsys):
    from game.scenario.errors import MAX_PROBLEMS, ScenarioError
    from game.scenario.loader import load_scenario

    bad = tmp_path / "bad.yaml"
    unknown = [f"unknown_{i}: 1" for i in range(2000)]
    bad.write_text(MINI.read_text() + "\n".join(unknown) + "\n")
    first_line = MINI.read_text().count("\n") + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(bad)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS == 100 and caught.value.more == 1900
    assert [p.line for p in problems] == list(range(first_line, first_line + 100))
    assert main(["validate", str(bad), str(MINI)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:100] == [str(p) for p in problems]
    assert err[100] == f"{bad}: and 1,900 more problems (the first 100 are shown)"
    assert err[101:] == ["1 valid, 1 invalid"]


def test_every_command_that_loads_a_scenario_caps_its_problems_alike(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text() + "".join(f"unknown_{i}: 1\n" for i in range(300)))
    count = f"{bad}: and 200 more problems (the first 100 are shown)"
    for argv in (
        ["play", "--auto", "--seed", "1", "--scenario", str(bad)],
        ["simulate", str(bad), "--runs", "1"],
        ["lint", str(bad), "--games", "1"],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 101 and err[-1] == count, argv


def test_devices_options_with_the_terminal_game_are_refused_not_ignored(capsys):
    from game.cli import main

    for argv in (
        ["play", "--text", "--devices"],
        ["play", "--auto", "--lan"],
        ["play", "--auto", "--port", "9000"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "python main.py serve" in err and err.count("\n") == 1
