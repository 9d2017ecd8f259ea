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
    assert main(["new", name]) == (2 if name == "" else 1)  # an empty argument is bad usage
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


# Names whose ids could only clash: no ASCII letters, or differing only in what an id cannot
# hold (accents, case, spaces, a long name's end).
CLASHING_NAMES = [
    "é",
    "日本",
    "😀",
    "台湾",
    "日本-1",
    "台湾-1",
    "café",
    "cafè",
    "My Scenario",
    "my scenario",
    "my-scenario",
    "-",
    "_",
    "a" * 70 + "1",
    "a" * 70 + "2",
    "١٢",
]


def test_names_that_an_id_cannot_hold_get_distinct_valid_ids(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in CLASHING_NAMES:
        assert main(["new", name]) == 0, capsys.readouterr().err
    ids = [load_scenario(path).scenario.id for path in sorted(tmp_path.iterdir())]
    assert len(ids) == len(CLASHING_NAMES) == len(set(ids))
    capsys.readouterr()
    assert main(["validate", "-q", str(tmp_path)]) == 0, capsys.readouterr().err


def test_the_same_name_gives_the_same_id_and_a_valid_id_stays_as_it_is():
    from game.newscenario import derived_id

    assert derived_id("日本") == derived_id("日本")
    assert derived_id("e\u0301") == derived_id("\u00e9")  # one name, typed two ways
    assert derived_id("my_scenario") == "my_scenario"


@pytest.mark.parametrize("suffix", [".YAML", ".Yml", ".yAmL", ".yml"])
def test_a_scenario_whatever_the_case_of_its_suffix_is_listed_everywhere(
    suffix, tmp_path, monkeypatch, capsys
):
    from game.scenario.find import scenario_by_id, scenario_paths
    from game.ui.catalog import scenario_files as window_list

    monkeypatch.chdir(tmp_path)
    assert main(["new", "x" + suffix]) == 0
    written = tmp_path / ("x" + suffix)
    assert list(tmp_path.iterdir()) == [written]
    capsys.readouterr()
    assert main(["validate", str(tmp_path)]) == 0
    assert str(written) in capsys.readouterr().out
    assert scenario_paths(tmp_path) == [written]
    assert written in window_list([tmp_path])[0]
    assert scenario_by_id(load_scenario(written).scenario.id, tmp_path) == written
