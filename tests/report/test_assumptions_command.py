"""`trilateral assumptions SCENARIO --out DIR [--runs N]`: both files and their paths on
success; one line and exit 1 (or 2 for bad usage) on failure, never a traceback."""

from __future__ import annotations

import pytest

from game.cli import main
from tests.conftest import FIXTURES, MINI

SCENARIO = FIXTURES / "assumptions.yaml"


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_writes_both_files_and_prints_their_paths(tmp_path, capsys):
    out = tmp_path / "published"
    code = main(["assumptions", str(SCENARIO), "--out", str(out), "--runs", "3"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.split() == [str(out / "assumptions.html"), str(out / "assumptions.md")]
    html = (out / "assumptions.html").read_text(encoding="utf-8")
    md = (out / "assumptions.md").read_text(encoding="utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and "<title>Assumptions: Assumptions test</title>" in html
    )
    assert md.startswith("Trilateral · assumptions page\n\n# Assumptions test\n")
    # the page names the folder and the number of games as they were given
    assert f"python main.py assumptions tests/fixtures/assumptions.yaml --out {out} --runs 3" in md
    assert "AI play: 3 games" in html and "AI play: 3 games" in md


def test_the_scenario_can_be_named_by_its_id(tmp_path, capsys):
    out = tmp_path / "tutorial"
    assert main(["assumptions", "tutorial", "--out", str(out), "--runs", "2"]) == 0, (
        capsys.readouterr().err
    )
    html = (out / "assumptions.html").read_text(encoding="utf-8")
    assert "scenarios/tutorial.yaml" in html


def test_an_unknown_id_is_one_line_and_exit_1(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["assumptions", "no-such-scenario", "--out", str(out)]) == 1
    err = _one_line_error(capsys)
    assert "no-such-scenario: no such file, and no scenario with that id in" in err
    assert not out.exists()


def test_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    missing = tmp_path / "gone.yaml"
    assert main(["assumptions", str(missing), "--out", str(tmp_path / "out")]) == 1
    assert f"{missing}: no such file" in _one_line_error(capsys)


def test_a_folder_is_not_a_scenario(tmp_path, capsys):
    assert main(["assumptions", str(FIXTURES), "--out", str(tmp_path / "out")]) == 1
    assert "is a folder" in _one_line_error(capsys)


def test_an_invalid_scenario_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text().replace("turns: 4", "turns: four").replace("progress: 4", "progres: 4")
    )
    out = tmp_path / "out"
    assert main(["assumptions", str(bad), "--out", str(out)]) == 1
    err = _one_line_error(capsys)
    assert str(bad) in err and "more; see `trilateral validate" in err
    assert not out.exists()


def test_an_out_folder_that_is_a_file_is_one_line_and_exit_1(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    assert main(["assumptions", str(SCENARIO), "--out", str(taken), "--runs", "2"]) == 1
    assert "cannot be written" in _one_line_error(capsys)
    assert taken.read_text() == "not a folder"


@pytest.mark.parametrize(
    "args",
    [
        ["assumptions", str(SCENARIO), "--out", "x", "--runs", "0"],
        ["assumptions", str(SCENARIO), "--out", "x", "--runs", "ten"],
        ["assumptions", str(SCENARIO)],  # --out is required
        ["assumptions", "", "--out", "x"],
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args, capsys):
    assert main(args) == 2
    assert "trilateral assumptions" in _one_line_error(capsys)


def test_a_second_run_replaces_the_page_and_leaves_no_temporary_files(tmp_path, capsys):
    out = tmp_path / "published"
    assert main(["assumptions", str(SCENARIO), "--out", str(out), "--runs", "2"]) == 0
    first = (out / "assumptions.md").read_text()
    assert main(["assumptions", str(SCENARIO), "--out", str(out), "--runs", "4"]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["assumptions.html", "assumptions.md"]
    second = (out / "assumptions.md").read_text()
    assert "AI play: 2 games" in first and "AI play: 4 games" in second
