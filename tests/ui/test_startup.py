"""`python main.py` opens its window before numpy, pydantic or the engine are loaded.

Structural, not timed: the first interactive frame is reported by the app itself (the
TRILATERAL_FIRST_FRAME_REPORT hook that `python -m game.ui.bench` times), with the modules
loaded at that moment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from game.paths import PROJECT_ROOT

HEAVY = ("numpy", "pydantic", "pydantic_core", "game.engine", "game.scenario.loader")


def heavy_among(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def run_main(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        TRILATERAL_HOME=str(tmp_path / "home"),
        TRILATERAL_FIRST_FRAME_REPORT=str(tmp_path / "first-frame.json"),
    )
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_first_frame_of_main_py_comes_before_numpy_pydantic_and_the_engine(tmp_path):
    run = run_main(tmp_path)
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "first-frame.json").read_text())
    assert "game.ui.app" in report["modules"]  # the report is the window's
    assert heavy_among(report["modules"]) == []


def test_a_scenario_folder_does_not_delay_the_first_frame(tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "a.yaml").write_text((PROJECT_ROOT / "tests/fixtures/mini.yaml").read_text())
    run = run_main(
        tmp_path, "play", "--scenarios", str(folder), "--scenario", str(folder / "a.yaml")
    )
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "first-frame.json").read_text())
    assert heavy_among(report["modules"]) == []


def test_building_the_command_line_for_the_window_loads_no_command_module():
    code = (
        "import sys, game.cli\n"
        "game.cli.build_parser(['play']).parse_args(['play'])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT
    )
    assert run.returncode == 0, run.stderr
    modules = run.stdout.split()
    assert heavy_among(modules) == []
    assert [m for m in modules if m.startswith(("game.report", "game.sim", "game.play_cli"))] == []


def test_every_command_still_has_its_arguments_when_named(capsys):
    from game.cli import build_parser

    for command, option in [("report", "--runs"), ("simulate", "--jobs"), ("play", "--seed")]:
        parser = build_parser([command, "--help"])
        try:
            parser.parse_args([command, "--help"])
        except SystemExit:
            pass
        assert option in capsys.readouterr().out
