"""`play --text --plain`: the terminal game for screen readers. No bars, no rules of = or -,
numbers in words, delegations and measures by title, the window's measure numbers, lines
wrapped to the terminal, and a pause before each turn's results."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from game.cli import main
from game.columns import display_width
from game.engine.game import Game
from game.paths import PROJECT_ROOT
from game.play_cli import TerminalGame
from tests.conftest import MINI
from tests.test_terminal_play import scripted


def plain_game(mini, answers, humans=("japan",), seed=4):
    game = Game(mini, seed, humans=set(humans))
    ask, shown = scripted(answers)
    out: list[str] = []
    code = TerminalGame(game, None, ask, out.append, plain=True).run()
    return game, code, "\n".join(out), shown


RULE = re.compile(r"^\s*([=\-_*#~])\1{2,}\s*$|---")


def test_a_plain_game_has_no_bars_rules_or_ids(mini, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    game, code, text, _ = plain_game(mini, ["?", "d", "m 1", "1p"] + [""] * 20)
    assert code == 0 and game.over
    assert not re.search(r"[#█░▓▒]{2,}|\.{4,}", text)  # the bar() output, any style
    assert not [line for line in text.splitlines() if RULE.search(line)]
    assert "Tension 30 of 100, warning at 67.5, crisis at 90." in text
    assert "Japan: support 50 of 100, capital 4 of 10." in text
    assert "1. Security dialogue: progress 0 of 4; requires Japan and Taiwan." in text
    assert "Japan: push Security dialogue (capital spent 2)." in text
    assert "Japan: push Security dialogue." in text  # the decisions table, by title
    assert "Debrief:" in text and "Results of Turn 1 of 4:" in text
    # ids never shown, titles instead ("Security dialogue" is the title of `dialogue`)
    assert not re.search(r"(?<!Security )\bdialogue\b|(?<!Joint )\bexercises\b", text)
    assert "->" not in text
    assert "`" not in text and "1p 3p pushes measures 1 and 3" in text  # the help, unquoted


def test_the_non_plain_game_keeps_its_bars_and_rules(mini):
    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted(["1p"] + [""] * 20)
    out: list[str] = []
    TerminalGame(game, None, ask, out.append).run()
    text = "\n".join(out)
    assert "#####" in text and re.search(r"^=+$", text, re.M) and "push dialogue" in text


@pytest.mark.parametrize("columns", [40, 52])
def test_every_plain_line_fits_the_terminal(mini, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    _, _, text, shown = plain_game(
        mini, ["", "?", "m 1", "1p", "", "!help", ""] + [""] * 30, humans=("japan", "taiwan")
    )
    too_wide = [line for line in text.splitlines() if display_width(line) > columns - 2]
    assert not too_wide
    for prompt in shown:
        assert all(display_width(line.rstrip()) <= columns - 2 for line in prompt.splitlines())


def test_plain_mode_pauses_before_each_turns_results(mini):
    game = Game(mini, 4, humans={"japan"})
    order: list[str] = []
    answers = iter(["1p", "", "", "", "", "", "", ""])

    def ask(prompt: str) -> str:
        order.append("ASK " + prompt)
        return next(answers)

    TerminalGame(game, None, ask, order.append, plain=True).run()
    pause = next(i for i, x in enumerate(order) if "Press Enter for the results of Turn 1" in x)
    results = next(i for i, x in enumerate(order) if x.startswith("Results of Turn 1 of 4"))
    assert order[pause] == "ASK Press Enter for the results of Turn 1 of 4. "
    assert pause < results
    assert sum("Press Enter for the results of" in x for x in order) == 4  # every turn


def test_the_end_of_input_at_the_pause_shows_the_results(mini):
    game, code, text, shown = plain_game(mini, ["1p"])  # nothing after the decision
    assert shown[-2].startswith("Press Enter for the results of Turn 1")
    assert "Results of Turn 1 of 4:" in text and "Japan: push Security dialogue." in text
    assert code == 1 and "Stopped (input ended)" in text  # then the next decision ends it


def test_plain_numbers_are_the_windows_card_numbers(mini):
    """The window numbers a measure's card by its place in the scenario; with the first
    measure adopted, the second is the only one open, and is still number 2."""
    game = Game(mini, 4, humans={"japan"})
    game.state.adopted["dialogue"] = 1
    ask, _ = scripted(["1p", "2p"])
    out: list[str] = []
    terminal = TerminalGame(game, None, ask, out.append, plain=True)
    terminal.decide("japan")
    text = "\n".join(out)
    assert "  2. Joint exercises: push costs 1 capital" in text
    assert "measure 1 (Security dialogue) is not open to you this turn; choose 2" in text
    assert game.state.turn == 1 and "Japan: push Joint exercises" in text
    # without --plain, the same measure is number 1 of the options, as before
    assert TerminalGame.parse("1p", game.options("japan")) == {"exercises": "push"}


def run_cli(*args, stdin="", env=None):
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("mode", [[], ["--auto", "--seed", "1"], ["--window"]])
def test_plain_without_text_is_one_clear_usage_error(mode, capsys):
    assert main(["play", "--plain", *mode, "--scenario", str(MINI)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "--plain" in err and "--text" in err and "Traceback" not in err


def test_a_whole_plain_game_from_the_command_line(tmp_path):
    import os

    env = {**os.environ, "COLUMNS": "60"}
    result = run_cli(
        "play",
        "--text",
        "--plain",
        "--as",
        "japan,taiwan",
        "--scenario",
        str(MINI),
        "--seed",
        "1",
        stdin="\n1p\n\n1p\n" + "\n" * 40,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Press Enter for the results of Turn 1 of 4." in out
    assert "Debrief:" in out and "#" not in out and "===" not in out
    assert "1. Security dialogue: push costs 2 capital" in out
