"""`trilateral report SAVE --out DIR`: files on success, one line and exit 1 or 2 on failure."""

from __future__ import annotations

import pytest

from game.cli import main
from game.engine.game import Game
from game.engine.saves import save_game
from tests.conftest import MINI
from tests.report.conftest import play


@pytest.fixture(autouse=True)
def _quick(quick_charts):
    """The commands' tests are about files, exit codes and messages; the charts are tested
    with the report."""


@pytest.fixture()
def save(mini, tmp_path):
    path = tmp_path / "class.json"
    save_game(play(mini), path)
    return path


def test_report_writes_both_files_and_prints_their_paths(save, tmp_path, capsys):
    out = tmp_path / "report"
    code = main(["report", str(save), "--out", str(out), "--scenario", str(MINI), "--runs", "5"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.split() == [str(out / "report.html"), str(out / "report.md")]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "class.json" in html and "Mini scenario" in html
    assert (out / "report.md").is_file()


def test_the_scenario_is_found_by_id_in_scenarios(default_scenario, tmp_path, capsys):
    game = Game(default_scenario, 2, humans={"us"})
    game.submit("us", {})
    game.resolve_turn()
    path = tmp_path / "default.json"
    save_game(game, path)
    out = tmp_path / "report"
    assert main(["report", str(path), "--out", str(out), "--runs", "2"]) == 0, (
        capsys.readouterr().err
    )
    assert "Unfinished: after quarter 1" in (out / "report.html").read_text(encoding="utf-8")


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_a_truncated_save_is_one_line_and_exit_1(save, tmp_path, capsys):
    text = save.read_text()
    save.write_text(text[: len(text) // 2])
    out = tmp_path / "report"
    assert main(["report", str(save), "--out", str(out), "--scenario", str(MINI)]) == 1
    assert "truncated" in _one_line_error(capsys)
    assert not out.exists()


def test_a_missing_save_is_exit_1(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none.json"), "--out", str(tmp_path / "r")]) == 1
    assert "no such save file" in _one_line_error(capsys)


def test_a_scenario_not_in_scenarios_is_exit_1(save, tmp_path, capsys):
    assert main(["report", str(save), "--out", str(tmp_path / "r")]) == 1
    assert "--scenario PATH" in _one_line_error(capsys)


def test_an_invalid_scenario_is_one_line_and_exit_1(save, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text().replace("turns: 4", "turns: four").replace("progress: 4", "progres: 4")
    )
    assert main(["report", str(save), "--out", str(tmp_path / "r"), "--scenario", str(bad)]) == 1
    assert "more; see `trilateral validate" in _one_line_error(capsys)


def test_an_out_that_is_a_file_is_exit_1(save, tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("x")
    assert main(["report", str(save), "--out", str(target), "--scenario", str(MINI)]) == 1
    assert "not a folder" in _one_line_error(capsys)


def test_an_unwritable_out_is_exit_1(save, tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise PermissionError(13, "Permission denied", str(tmp_path / "r"))

    monkeypatch.setattr("game.atomic.tempfile.mkstemp", refuse)
    code = main(
        ["report", str(save), "--out", str(tmp_path / "r"), "--scenario", str(MINI), "--runs", "2"]
    )
    assert code == 1
    assert "cannot be written: Permission denied" in _one_line_error(capsys)


@pytest.mark.parametrize(
    "extra",
    [[], ["--out"], ["--out", "x", "--runs", "-1"], ["--out", "x", "--runs", "many"]],
)
def test_bad_usage_is_exit_2(save, extra, capsys):
    assert main(["report", str(save), *extra]) == 2
    _one_line_error(capsys)


def test_no_save_is_exit_2(capsys):
    assert main(["report"]) == 2
    _one_line_error(capsys)
