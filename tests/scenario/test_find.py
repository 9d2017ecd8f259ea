"""Finding a save's scenario by id never guesses between files that share the id."""

from __future__ import annotations

import pytest

from game.scenario.find import AmbiguousScenarioId, scenario_by_id
from game.scenario.loader import load_scenario
from tests.conftest import MINI


def two_files_sharing_an_id(folder):  # noqa: ANN001
    text = MINI.read_text()
    first, second = folder / "a.yaml", folder / "b.yaml"
    first.write_text(text)
    second.write_text(text.replace("turns: 4", "turns: 3"))
    return first, second


def test_without_a_content_hash_two_files_with_one_id_are_refused_naming_both(tmp_path):
    first, second = two_files_sharing_an_id(tmp_path)
    with pytest.raises(AmbiguousScenarioId) as caught:
        scenario_by_id("mini", tmp_path)
    message = str(caught.value)
    assert str(first) in message and str(second) in message and "--scenario" in message


def test_a_save_content_hash_picks_the_file_it_was_played_with(tmp_path):
    first, second = two_files_sharing_an_id(tmp_path)
    for path in (first, second):
        digest = load_scenario(path).content_hash
        assert scenario_by_id("mini", tmp_path, content_hash=digest) == path


def test_identical_copies_are_interchangeable(tmp_path):
    (tmp_path / "a.yaml").write_text(MINI.read_text())
    (tmp_path / "b.yaml").write_text(MINI.read_text() + "\n# only a comment differs\n")
    assert scenario_by_id("mini", tmp_path) == tmp_path / "a.yaml"


def test_an_unknown_id_is_none(tmp_path):
    two_files_sharing_an_id(tmp_path)
    assert scenario_by_id("nothing-like-it", tmp_path) is None


def test_validate_the_window_and_saves_see_the_same_files_of_a_folder(tmp_path, capsys):
    """One rule for the scenario files of a folder: validate DIR checks for a shared id among
    exactly the files the window lists and a save's scenario is looked for in."""
    from game.cli import main, scenario_files
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.find import scenario_paths
    from game.ui.catalog import scenario_files as window_list

    text = MINI.read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "B.YML").write_text(text.replace("id: mini", "id: mini-b"))
    (tmp_path / ".hidden.yaml").write_text(text.replace("id: mini", "id: mini-h"))
    (tmp_path / "notes.txt").write_text("not a scenario")
    (tmp_path / "folder.yaml").mkdir()
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "copy.yaml").write_text(text)  # same id as a.yaml, but in another folder
    listed = scenario_paths(tmp_path)
    assert listed == sorted(tmp_path / n for n in ("a.yaml", "B.YML", ".hidden.yaml"))
    assert scenario_files([str(tmp_path)]) == listed
    window_files, skipped = window_list([tmp_path])
    assert [p for p in window_files if p != DEFAULT_SCENARIO] == listed and skipped == []
    assert main(["validate", str(tmp_path)]) == 0  # sub/copy.yaml is not in this folder
    assert "3 valid, 0 invalid" in capsys.readouterr().out
    assert main(["validate", str(tmp_path), str(sub)]) == 1  # named: checked with the rest
    assert "also used by" in capsys.readouterr().err


def test_a_path_that_cannot_be_read_is_named_as_a_read(tmp_path, capsys):
    from game.cli import main

    long_name = str(tmp_path / ("a" * 300 + ".yaml"))
    for argv in (["validate", long_name], ["play", "--text", "--scenario", long_name]):
        assert main(argv) in (1, 2)
        err = capsys.readouterr().err
        assert "cannot be read: File name too long" in err and "written" not in err
