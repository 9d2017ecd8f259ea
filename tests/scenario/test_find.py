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
