"""Command-line arguments: one parser for whole numbers, with bounds the program can really
use and one wording; and no option that takes a path takes an empty one."""

from __future__ import annotations

import argparse
import re

import pytest

from game.arguments import path_text
from game.cli import COMMANDS, build_parser, main
from game.limits import MAX_RUNS, MAX_SEED
from tests.conftest import MINI

# Every way a path is named in the help: an argument with one of these metavars takes a path.
PATH_METAVARS = {"PATH", "FILE", "DIR", "SAVE", "SCENARIO", "NAME"}


def _valid_argv(command: str, save: str, out: str) -> list[str]:
    """A command line of `command` that parses (it is never run here)."""
    return {
        "validate": ["validate", str(MINI)],
        "schema": ["schema"],
        "play": ["play", "--auto", "--seed", "1"],
        "replay": ["replay", save],
        "report": ["report", save, "--out", out],
        "assumptions": ["assumptions", str(MINI), "--out", out],
        "new": ["new", "x"],
        "simulate": ["simulate", str(MINI)],
        "lint": ["lint", str(MINI)],
        "sensitivity": ["sensitivity", str(MINI)],
        "serve": ["serve", "--scenario", str(MINI)],
    }[command]


def _path_arguments() -> list[tuple[str, argparse.Action]]:
    found = []
    for command, _, _ in COMMANDS:
        parser = build_parser([command])
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for action in sub.choices[command]._actions:
            if action.metavar in PATH_METAVARS:
                found.append((command, action))
    return found


def test_the_commands_have_path_arguments_to_check():
    names = {
        (c, a.option_strings[0] if a.option_strings else a.metavar) for c, a in _path_arguments()
    }
    assert {("play", "--save"), ("schema", "--out"), ("report", "--out"), ("new", "NAME")} <= names


@pytest.mark.parametrize(
    "command, action",
    _path_arguments(),
    ids=lambda x: x if isinstance(x, str) else (x.option_strings or [x.metavar])[0],
)
def test_every_argument_that_takes_a_path_refuses_an_empty_one(
    command, action, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    argv = _valid_argv(command, "game.json", "out")
    if action.option_strings:
        argv += [action.option_strings[0], ""]
        named = action.option_strings[0]
    else:  # every command's path positional is its first argument
        argv[1] = ""
        named = action.metavar
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"argument {named}: expected a file or folder name, found an empty one" in err
    assert err.count("\n") == 1 and list(tmp_path.iterdir()) == []


WHOLE_NUMBER_OPTIONS = [
    (["play", "--auto"], "--seed", 0, MAX_SEED),
    (["simulate", str(MINI)], "--seed", 0, MAX_SEED),
    (["simulate", str(MINI)], "--runs", 1, MAX_RUNS),
    (["simulate", str(MINI)], "--jobs", 1, None),
    (["report", "game.json", "--out", "out"], "--runs", 0, MAX_RUNS),
    (["assumptions", str(MINI), "--out", "out"], "--runs", 1, MAX_RUNS),
    (["lint", str(MINI)], "--games", 1, MAX_RUNS),
    (["lint", str(MINI)], "--strategy-games", 1, MAX_RUNS),
]
NOT_WHOLE_NUMBERS = ["x", "1.5", "1e3", "1_000", " 5", "0x10", "١٢", "５", "²", "", "-"]


@pytest.mark.parametrize("argv, option, low, high", WHOLE_NUMBER_OPTIONS)
def test_whole_number_options_share_one_parser_bounds_and_wording(
    argv, option, low, high, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    wording = re.compile(
        rf"argument {option}: expected a whole number from {low} to (\d+), found '(.*)'"
    )
    too_large = str((high or 10**6) + 1)
    for bad in [*NOT_WHOLE_NUMBERS, str(low - 1), too_large, "9" * 25, "9" * 5000]:
        assert main([*argv, option, bad]) == 2, bad
        err = capsys.readouterr().err
        found = wording.search(err)
        assert found, err
        assert high is None or int(found.group(1)) == high
        assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_largest_seed_plays_and_a_simulation_never_runs_past_it(capsys):
    assert main(["play", "--auto", "--seed", str(MAX_SEED), "--scenario", str(MINI)]) == 0
    capsys.readouterr()
    assert main(["simulate", str(MINI), "--runs", "2", "--seed", str(MAX_SEED - 1)]) == 0
    assert f"seeds {MAX_SEED - 1}..{MAX_SEED}" in capsys.readouterr().out
    assert main(["simulate", str(MINI), "--runs", "3", "--seed", str(MAX_SEED - 1)]) == 2
    err = capsys.readouterr().err
    assert "argument --seed:" in err and f"from 0 to {MAX_SEED - 2}" in err


def test_a_simulation_is_capped_like_a_report(capsys):
    for command in (["simulate", str(MINI)], ["report", "game.json", "--out", "out"]):
        assert main([*command, "--runs", str(MAX_RUNS + 1)]) == 2
        assert f"from {0 if command[0] == 'report' else 1} to {MAX_RUNS}" in capsys.readouterr().err


def test_path_text_keeps_any_other_name():
    assert path_text(" ") == " " and path_text("-") == "-"


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", str(MINI), "--runs", "2", "--history"],
        ["play", "--scenario", str(MINI), "--auto", "--seed", "1", "--history"],
        ["sensitivity", str(MINI), "--history"],
    ],
    ids=["simulate", "play", "sensitivity"],
)
def test_history_asked_of_a_scenario_without_one_is_a_usage_error(capsys, argv):
    """Every command says it the same way (game.arguments.require_history), never a
    traceback, and does not play."""
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "--history" in err and "has no history excursion" in err
    assert "Traceback" not in err
