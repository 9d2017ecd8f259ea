"""Every message names the right thing: a read says "cannot be read", a write "cannot be
written", standard output is "standard output", and a path in the way is the part of the
path that is in the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import PROJECT_ROOT
from tests.conftest import MINI
from tests.report.conftest import quick_charts  # noqa: F401 - a fixture used below


def _a_save(path: Path) -> Path:
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario

    save_game(Game(load_scenario(MINI), 3, [], {}), path)
    return path


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "argv",
    [
        ["schema"],
        ["play", "--auto", "--seed", "1", "--scenario", str(MINI)],
        ["validate", str(MINI)],
        ["replay", "SAVE", "--scenario", str(MINI)],
    ],
    ids=lambda argv: argv[0],
)
def test_a_full_standard_output_is_named_standard_output(argv, tmp_path):
    argv = [str(_a_save(tmp_path / "s.json")) if a == "SAVE" else a for a in argv]
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "main.py"), *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert run.returncode == 1
    assert run.stderr == "standard output: cannot be written: No space left on device\n"


def test_an_out_folder_that_is_a_file_is_named_as_a_file(tmp_path, quick_charts, capsys):  # noqa: F811
    blocker = tmp_path / "regfile"
    blocker.write_text("mine")
    save = _a_save(tmp_path / "s.json")
    report = ["report", str(save), "--scenario", str(MINI), "--runs", "1", "--out"]
    simulate = ["simulate", str(MINI), "--runs", "1", "--out"]
    for argv in (report, simulate):
        for out in (blocker, blocker / "x", blocker / "x" / "y"):
            assert main([*argv, str(out)]) == 1
            captured = capsys.readouterr()
            assert captured.err == f"{blocker}: cannot be written: is a file, not a folder\n"
            assert "games" not in captured.out  # said before any game is played
    assert blocker.read_text() == "mine"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_an_out_folder_that_is_a_device_is_named_as_one(tmp_path, quick_charts, capsys):  # noqa: F811
    save = _a_save(tmp_path / "s.json")
    for argv in (
        ["report", str(save), "--scenario", str(MINI), "--runs", "1", "--out", "/dev/full"],
        ["simulate", str(MINI), "--runs", "1", "--out", "/dev/full"],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err == "/dev/full: cannot be written: is a device, pipe or socket, not a folder\n"


def test_save_takes_the_place_of_a_damaged_save_of_ours_or_a_link_to_nothing(tmp_path, capsys):
    whole = _a_save(tmp_path / "whole.json").read_text()
    cut_short = tmp_path / "cut.json"
    cut_short.write_text(whole[: len(whole) // 3])
    edited = tmp_path / "edited.json"
    edited.write_text(whole.replace('"seed": 3', '"seed": "three"'))
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere" / "game.json")
    for path in (cut_short, edited, dangling):
        argv = ["play", "--auto", "--seed", "4", "--scenario", str(MINI), "--save", str(path)]
        assert main(argv) == 0, capsys.readouterr().err
        assert '"seed": 4' in path.read_text()


def test_save_refuses_what_is_not_a_save_with_the_reason(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text('{"kind": "other"}')
    link = tmp_path / "link.json"
    link.symlink_to(notes)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    cases = {
        notes: "exists and is not a Trilateral save",
        link: "exists and is not a Trilateral save",
        folder: "is a folder",
    }
    for path, reason in cases.items():
        argv = ["play", "--auto", "--seed", "4", "--scenario", str(MINI), "--save", str(path)]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{path}: {reason}") and err.count("\n") == 1
    assert notes.read_text() == '{"kind": "other"}' and link.is_symlink()
