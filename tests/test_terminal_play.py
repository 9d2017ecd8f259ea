"""The terminal game: prompts, bad input asked again, hot seat, auto runs, saves and replay."""

from __future__ import annotations

import subprocess
import sys

from game.cli import main
from game.engine.game import Game
from game.paths import PROJECT_ROOT
from game.play_cli import TerminalGame, choose_delegations
from tests.conftest import MINI


def scripted(answers):
    answers = iter(answers)
    shown: list[str] = []

    def ask(prompt: str) -> str:
        shown.append(prompt)
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return ask, shown


def test_a_whole_game_in_the_terminal_with_bad_input_asked_again(mini):
    game = Game(mini, 4, humans={"japan"})
    ask, shown = scripted(["7p", "1x", "hello", "?", "m 1", "1p"] + [""] * 10)
    out: list[str] = []
    code = TerminalGame(game, None, ask, out.append).run()
    text = "\n".join(out)
    assert code == 0 and game.over
    assert "there is no measure 7" in text
    assert "`x` is not a choice" in text
    assert "`hello` is not a decision" in text
    assert "Type your decisions" in text  # help
    assert "Capital per turn pushed" in text  # measure details
    assert "Debrief:" in text and "Why the game went this way" in text
    assert game.history[0]["japan"] == {"dialogue": "push"}


def test_hot_seat_shows_a_curtain_between_delegations(mini):
    game = Game(mini, 4, humans={"japan", "taiwan"})
    ask, shown = scripted(["", "1p", "", "1p"] + [""] * 30)
    out: list[str] = []
    TerminalGame(game, None, ask, out.append).run()
    assert any("Pass to the Japan delegation" in p for p in shown)
    assert any("Pass to the Taiwan delegation" in p for p in shown)
    assert game.reports[0].adopted == () and game.reports[0].progress["dialogue"] == (0.0, 2.0)


def test_input_ending_stops_cleanly_and_keeps_the_save(mini, tmp_path):
    save = tmp_path / "s.json"
    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted(["1p"])
    out: list[str] = []
    assert TerminalGame(game, str(save), ask, out.append).run() == 1
    assert save.exists() and "saved in" in out[-1]


def test_choosing_a_delegation(mini):
    ask, _ = scripted(["9", "2"])
    out: list[str] = []
    assert choose_delegations(mini.scenario, ask, out.append) == ["taiwan"]
    ask, _ = scripted(["3"])
    assert choose_delegations(mini.scenario, ask, out.append) == ["japan", "taiwan"]


def run_cli(*args):
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_auto_play_is_byte_for_byte_repeatable():
    first, second = (
        run_cli("play", "--auto", "--seed", "5"),
        run_cli("play", "--auto", "--seed", "5"),
    )
    assert first.returncode == 0 and first.stdout == second.stdout
    assert "Debrief:" in first.stdout
    other = run_cli("play", "--auto", "--seed", "6")
    assert other.stdout != first.stdout


def test_auto_needs_a_seed_and_refuses_humans(capsys):
    assert main(["play", "--auto"]) == 2
    assert main(["play", "--auto", "--seed", "1", "--as", "japan"]) == 2
    assert main(["play", "--auto", "--seed", "1", "--profiles", "japan=reckless"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_save_then_replay_prints_the_same_game(tmp_path, capsys):
    save = tmp_path / "auto.json"
    assert (
        main(
            [
                "play",
                "--auto",
                "--seed",
                "8",
                "--scenario",
                str(MINI),
                "--save",
                str(save),
                "--verbose",
            ]
        )
        == 0
    )
    played = capsys.readouterr().out
    assert main(["replay", str(save), "--scenario", str(MINI)]) == 0
    replayed = capsys.readouterr().out
    results = played[played.index("Results of") :]
    assert results.split("Debrief:")[1] == replayed.split("Debrief:")[1]


def test_replay_of_a_bad_save_is_one_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "trilateral-save", "version": 1')
    assert main(["replay", str(bad), "--scenario", str(MINI)]) == 1
    err = capsys.readouterr().err
    assert "truncated" in err and "Traceback" not in err


def test_play_with_a_broken_scenario_reports_it(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    assert main(["play", "--auto", "--seed", "1", "--scenario", str(bad)]) == 1
    assert "not valid YAML" in capsys.readouterr().err


def test_facilitator_commands_in_the_terminal(mini):
    from game.engine.state import Cause

    game = Game(mini, 4, humans={"japan"})
    answers = [
        "!injects",
        "!inject storm",
        "!inject nothing",
        "!adjust tension 5 heated debate",
        "!adjust tension lots of it",
        "!note Japan wavered",
        "1p",  # turn 1
        "!undo",  # back to turn 1
        "1p",
    ] + [""] * 10
    ask, _ = scripted(answers)
    out: list[str] = []
    terminal = TerminalGame(game, None, ask, out.append)
    assert terminal.run() == 0
    text = "\n".join(out)
    assert "storm" in text and "Fired: Storm" in text
    assert "unknown inject 'nothing'" in text
    assert "`lots` is not a number" in text
    assert "Took back a turn; back to Turn 1 of 4" in text
    final = terminal.game
    assert final.over
    assert any(e.cause == Cause.FACILITATOR and "heated debate" in e.label for e in final.ledger)
    assert final.notes()[0].text == "Japan wavered"


def test_terminal_turn_timer(mini):
    game = Game(mini, 4, humans={"japan"})
    now = [0.0]
    ask, shown = scripted(["!timer 1", "x", "x"] + [""] * 10)
    terminal = TerminalGame(game, None, ask, lambda _t: None)
    terminal.clock = lambda: now[0]
    original_ask = terminal.ask

    def ask_later(prompt):
        now[0] += 45
        return original_ask(prompt)

    terminal.ask = ask_later
    terminal.run()
    assert any("left]" in p for p in shown) and any("time is up" in p for p in shown)
