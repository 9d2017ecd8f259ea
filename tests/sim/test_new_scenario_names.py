"""`new NAME` never writes an invalid scenario: whatever the name, a starter that validates
with the real loader and plays a turn, or a clear refusal and nothing written."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.engine.game import Game
from game.newscenario import NewScenarioError, write_starter
from game.scenario.loader import load_scenario

YAML_TRAPS = [
    "a: b",
    "#x",
    "{x}",
    "[x]",
    "null",
    "Null",
    "~",
    "yes",
    "no",
    "on",
    "true",
    "123",
    "1e3",
    "0x1F",
    "- x",
    "*x",
    "&x",
    "!x",
    "%x",
    "@x",
    "`x",
    "|x",
    ">x",
    "'x'",
    '"x"',
    "a\\b",
    "x: {y: z}",
    "  spaced  ",
    "日本と台湾",
    "émigré",
    "😀",
    "x" * 250,
    ".hidden",
    "a.b",
    "x.yml",
    "X.YAML",
]
REFUSED = [
    "",
    " ",
    "..",
    ".",
    "...",
    "a\nb",
    "a\tb",
    "a\rb",
    "x\x00y",
    "a\u2028b",
    "x\x85y",
    "nul\x7f",
    "x\udcffy",
    "sub/",
]


def plays_a_turn(path) -> None:
    loaded = load_scenario(path)
    game = Game(loaded, 1)
    game.resolve_turn()
    assert len(game.reports) == 1


@pytest.mark.parametrize("name", YAML_TRAPS)
def test_names_that_look_like_yaml_give_a_valid_starter(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_starter(name)
    plays_a_turn(path)
    title = load_scenario(path).scenario.title
    assert len(title) <= 120 and (len(name) < 120 or title.endswith("…"))


@pytest.mark.parametrize("name", REFUSED)
def test_names_no_scenario_file_can_have_are_refused_and_nothing_is_written(
    name, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["new", name]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_and_an_existing_file_are_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.yaml").mkdir()
    assert main(["new", "taken"]) == 1
    assert main(["new", "taken", "--force"]) == 1
    assert "is a folder" in capsys.readouterr().err
    (tmp_path / "mine.yaml").write_text("keep me")
    assert main(["new", "mine"]) == 1
    assert (tmp_path / "mine.yaml").read_text() == "keep me"
    assert main(["new", "elsewhere/x"]) == 1 and "no such folder" in capsys.readouterr().err


def test_a_name_too_long_for_a_file_system_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NewScenarioError, match="at most 255"):
        write_starter("x" * 300)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=0, max_size=80).filter(lambda n: "/" not in n and "\\" not in n))
def test_any_name_gives_a_valid_starter_that_plays_or_a_refusal(name, tmp_path_factory):
    folder = tmp_path_factory.mktemp("new")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        try:
            path = write_starter(name)
        except NewScenarioError as err:
            assert str(err) and list(folder.iterdir()) == []
            return
        plays_a_turn(folder / path)
    finally:
        os.chdir(cwd)
