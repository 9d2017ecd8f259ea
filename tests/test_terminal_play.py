"""The terminal game: prompts, bad input asked again, hot seat, auto runs, saves and replay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "!adjust: an adjustment must be a number from -100 to 100, not 'lots'" in text
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


# --- numbers typed at the facilitator's prompt ------------------------------------------------

BAD_TIMERS = ["abc", "1e308", "-5", "nan", "inf", "1e400", "9" * 5000, "1_000", "1000"]
BAD_AMOUNTS = ["inf", "1e400", "-inf", "nan", "9" * 5000, "101", "0x10", "abc"]


def test_bad_numbers_in_facilitator_commands_are_explained_and_the_game_goes_on(mini, tmp_path):
    from game.engine.saves import load_game
    from game.limits import MAX_TIMER_MINUTES

    save = tmp_path / "class.json"
    game = Game(mini, 4, humans={"japan"})
    answers = ["!note before the bad numbers"]
    answers += [f"!timer {t}" for t in BAD_TIMERS]
    answers += [f"!adjust tension {a} a reason" for a in BAD_AMOUNTS]
    answers += ["!note after the bad numbers", "q"]
    ask, _ = scripted(answers)
    out: list[str] = []
    terminal = TerminalGame(game, str(save), ask, out.append)
    assert terminal.run() == 0
    text = "\n".join(out)
    for t in BAD_TIMERS:
        shown = t if len(t) <= 40 else t[:39] + "…"
        assert (
            f"!timer: a turn timer (in minutes) must be a number from 0 to {MAX_TIMER_MINUTES}, "
            f"not {shown!r}"
        ) in text
    for a in BAD_AMOUNTS:
        shown = a if len(a) <= 40 else a[:39] + "…"
        assert f"!adjust: an adjustment must be a number from -100 to 100, not {shown!r}" in text
    assert (
        terminal.timer_seconds == 0
        and game.state.values["tension"] == game.turn_start_values[0]["tension"]
    )
    # The turn never resolved, yet its notes are in the save.
    notes = [n.text for n in load_game(save, mini).notes()]
    assert notes == ["before the bad numbers", "after the bad numbers"]


def test_a_good_timer_still_works(mini):
    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted(["!timer 2.5", "q"])
    terminal = TerminalGame(game, None, ask, lambda _t: None)
    terminal.run()
    assert terminal.timer_seconds == 150


# --- saves that fail, and files that are not saves ---------------------------------------------


def test_a_failed_save_is_said_at_once_play_goes_on_and_the_exit_is_non_zero(
    tmp_path, capsys, monkeypatch
):
    import game.engine.saves as saves

    real = saves.write_text_atomic
    calls = []

    def full_disk_on_the_second_save(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(saves, "write_text_atomic", full_disk_on_the_second_save)
    save = tmp_path / "auto.json"
    code = main(["play", "--auto", "--seed", "3", "--scenario", str(MINI), "--save", str(save)])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{save}: could not save the game: No space left on device" in captured.err
    assert "1 save of this game failed" in captured.err
    assert "Debrief:" in captured.out  # the game went on to its end
    assert len(calls) > 2  # and kept trying


def test_a_failed_save_in_terminal_play_is_reported_and_counted(
    mini, tmp_path, capsys, monkeypatch
):
    import game.engine.saves as saves

    def read_only(path, text):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(saves, "write_text_atomic", read_only)
    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted([""] * 10)
    terminal = TerminalGame(game, str(tmp_path / "s.json"), ask, lambda _t: None)
    assert terminal.run() == 1 and game.over
    assert terminal.failed_saves == len(game.reports)
    assert "Read-only file system" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["my essay, not a save\n", "[1, 2]", '{"kind": "other"}', ""])
def test_save_refuses_to_overwrite_a_file_that_is_not_a_save(content, tmp_path, capsys):
    precious = tmp_path / "essay.json"
    precious.write_text(content)
    for mode in (["--auto", "--seed", "1"], ["--text", "--as", "japan"]):
        code = main(["play", *mode, "--scenario", str(MINI), "--save", str(precious)])
        assert code == 1
        assert "exists and is not a Trilateral save" in capsys.readouterr().err
        assert precious.read_text() == content


def test_save_refuses_a_folder_but_overwrites_a_real_save(tmp_path, capsys):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert (
        main(["play", "--auto", "--seed", "1", "--scenario", str(MINI), "--save", str(folder)]) == 1
    )
    save = tmp_path / "old.json"
    assert (
        main(["play", "--auto", "--seed", "1", "--scenario", str(MINI), "--save", str(save)]) == 0
    )
    assert (
        main(["play", "--auto", "--seed", "2", "--scenario", str(MINI), "--save", str(save)]) == 0
    )
    assert '"seed": 2' in save.read_text()


HOSTILE_SAVES = {
    "deep.json": "[" * 100_000,
    "digits.json": '{"kind": "trilateral-save", "version": 3, "seed": ' + "1" * 6000 + "}",
    "nan.json": '{"kind": "trilateral-save", "version": NaN}',
    "binary.json": b"\xff\xfe\x00\x01",
}


@pytest.mark.parametrize("command", ["replay", "report"])
def test_replay_and_report_print_one_line_for_each_hostile_file(command, tmp_path, capsys):
    paths = []
    for name, content in HOSTILE_SAVES.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        paths.append(path)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    paths += [folder, Path("/dev/zero")]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        paths.append(tmp_path / "pipe.json")
    for path in paths:
        extra = ["--out", str(tmp_path / "report")] if command == "report" else []
        assert main([command, str(path), "--scenario", str(MINI), *extra]) == 1, path
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(str(path)), err


# --- input that is not text -----------------------------------------------------------------


@pytest.mark.parametrize("encoding", [None, "utf-8:strict", "utf-8:surrogateescape", "latin-1"])
def test_a_line_that_is_not_utf8_is_asked_again_and_the_save_reads_back(encoding, tmp_path):
    from game.engine.saves import load_game
    from game.scenario.loader import load_scenario

    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    save = tmp_path / "t.json"
    typed = (
        b"\xff\n"  # which delegation: not UTF-8
        b"1\n"
        b"!note caf\xe9\n"  # Latin-1, not UTF-8
        b"!adjust tension 5 walk\xc3\x28out\n"  # a broken UTF-8 sequence
        b"!note ok caf\xc3\xa9\n"
        b"1p\xff\n" + b"\n" * 6
    )
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--text", "--seed", "5"]
        + ["--scenario", str(MINI), "--save", str(save)],
        input=typed,
        capture_output=True,
        timeout=120,
        env=env,
    )
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert run.returncode == 0, err
    assert "Traceback" not in err
    assert out.count("that line is not UTF-8 text; type it again") == 4
    game = load_game(save, load_scenario(MINI))
    assert game.over and [n.text for n in game.notes()] == ["ok café"]
    assert [a.kind for a in game.facilitator_log] == ["note"]
    assert game.history[0]["japan"] == {}  # the bad `1p` line decided nothing
    replay = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "replay", str(save)]
        + ["--scenario", str(MINI)],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert replay.returncode == 0, replay.stderr


def test_text_with_escaped_bytes_from_any_source_is_asked_again(mini, tmp_path):
    from game.engine.saves import load_game

    save = tmp_path / "t.json"
    game = Game(mini, 4, humans={"japan"})
    # What `input()` returns for the bytes caf\xe9 under the surrogateescape error handler.
    ask, _ = scripted(["!note caf\udce9", "!adjust tension 2 b\udcffd", "!note fine", "q"])
    out: list[str] = []
    TerminalGame(game, str(save), ask, out.append).run()
    assert "\n".join(out).count("that line is not UTF-8 text; type it again") == 2
    assert [n.text for n in load_game(save, mini).notes()] == ["fine"]


def test_a_terminal_line_that_cannot_be_decoded_is_asked_again(monkeypatch):
    from game.play_cli import NOT_UTF8, BadLine, read_line

    class Keyboard:
        """A terminal whose decoder meets bytes that are not UTF-8 on the first line."""

        def __init__(self):
            self.lines = iter([UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid"), "ok\n"])

        def isatty(self):
            return True

        def readline(self):
            line = next(self.lines)
            if isinstance(line, Exception):
                raise line
            return line

    monkeypatch.setattr(sys, "stdin", Keyboard())
    with pytest.raises(BadLine, match=NOT_UTF8):
        read_line("? ")
    assert read_line("? ") == "ok"


def test_input_without_line_breaks_ends_play_instead_of_filling_memory(tmp_path):
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--text", "--as", "japan"]
        + ["--seed", "1", "--scenario", str(MINI)],
        stdin=open("/dev/zero", "rb") if os.path.exists("/dev/zero") else subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    assert b"Stopped (input ended)" in run.stdout


# --- decisions and numbers are read in ASCII, one choice per measure -------------------------


def test_one_measure_given_two_choices_in_a_line_is_refused_naming_it(mini):
    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted(["1p 1o", "1push, 1p", "1p"] + [""] * 10)
    out: list[str] = []
    TerminalGame(game, None, ask, out.append).run()
    text = "\n".join(out)
    title = game.book.measure["dialogue"].model.title
    assert f"measure 1 ({title}) is given two choices, `1p` and `1o`" in text
    assert f"measure 1 ({title}) is given two choices, `1push` and `1p`" in text
    assert game.history[0]["japan"] == {"dialogue": "push"}


@pytest.mark.parametrize("digits", ["١", "１", "²", "߁", "𝟏"])
def test_digits_of_other_scripts_are_refused_everywhere_a_number_is_typed(digits, mini, tmp_path):
    game = Game(mini, 4, humans={"japan"})
    answers = [f"{digits}p", f"m {digits}", f"!timer {digits}", f"!timer {digits}2"]
    answers += [f"!adjust tension {digits} reason", "q"]
    ask, _ = scripted(answers)
    out: list[str] = []
    terminal = TerminalGame(game, None, ask, out.append)
    assert terminal.run() == 0
    text = "\n".join(out)
    assert f"`{digits}p` is not a decision" in text
    assert "Which measure? Type `m N`" in text
    assert text.count("!timer: a turn timer (in minutes) must be a number") == 2
    assert "!adjust: an adjustment must be a number" in text
    assert terminal.timer_seconds == 0 and game.facilitator_log == []
    ask, _ = scripted([digits, "1"])
    said: list[str] = []
    assert choose_delegations(mini.scenario, ask, said.append) == [
        next(iter(mini.scenario.delegations()))
    ]
    assert any("Please type a number" in line for line in said)


def test_the_engine_the_terminal_and_the_shared_reader_word_a_bad_amount_alike(mini):
    from game.engine.game import EngineError
    from game.limits import read_adjustment

    for typed in ["abc", "101", "-100.5", "1e400", "١٢", "1_0", "nan"]:
        with pytest.raises(ValueError) as from_reader:
            read_adjustment(typed)
        with pytest.raises(EngineError) as from_engine:
            Game(mini, 1).adjust("tension", typed, "a reason")  # text is not a number
        assert str(from_reader.value) == str(from_engine.value)
        ask, _ = scripted([f"!adjust tension {typed} a reason", "q"])
        out: list[str] = []
        TerminalGame(Game(mini, 1, humans={"japan"}), None, ask, out.append).run()
        assert f"!adjust: {from_reader.value}" in "\n".join(out)


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii"])
def test_a_file_name_that_is_not_utf8_is_printed_escaped_never_a_crash(encoding, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    save = os.fsencode(tmp_path) + b"/caf\xe9.json"
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--text", "--as", "japan"]
        + ["--seed", "1", "--scenario", str(MINI), "--save", save],
        input=b"q\n",
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    assert (
        b"the game so far is saved in " + os.fsencode(tmp_path) + b"/caf\\udce9.json" in run.stdout
    )
    assert os.path.exists(save)


def test_quitting_before_the_first_turn_ends_saves_what_it_says_it_saved(mini, tmp_path):
    from game.engine.saves import load_game

    save = tmp_path / "s.json"
    ask, _ = scripted(["q"])
    out: list[str] = []
    assert TerminalGame(Game(mini, 4, humans={"japan"}), str(save), ask, out.append).run() == 0
    assert f"the game so far is saved in {save}" in "\n".join(out)
    assert load_game(save, mini).state.turn == 1


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell closes standard input")
def test_play_with_standard_input_closed_stops_as_at_the_end_of_input():
    command = [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--text", "--as", "japan"]
    command += ["--seed", "1", "--scenario", str(MINI)]
    run = subprocess.run(
        ["sh", "-c", 'exec "$@" <&-', "sh", *command], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "Stopped (input ended)" in run.stdout


# --- how you are scored, the red cell, and what a crisis costs ---------------------------------

RED_CELL = PROJECT_ROOT / "tests" / "fixtures" / "red-cell.yaml"


def _words(text: str) -> str:
    return " ".join(text.split())


def test_question_mark_shows_how_you_are_scored_wrapped_to_the_terminal(mini):
    from game.engine.scoring import describe_scoring
    from game.textui import line_width

    game = Game(mini, 4, humans={"japan"})
    ask, _ = scripted(["?"])
    out: list[str] = []
    TerminalGame(game, None, ask, out.append).run()
    text = "\n".join(out)
    assert "How you are scored" in text
    for sentence in describe_scoring(game.book):  # the engine's one wording, every sentence
        assert _words(sentence) in _words(text)
    shown = text[text.index("How you are scored") :]
    assert all(len(line) <= line_width() for line in shown.splitlines())


def _red_cell_game(crisis: bool) -> Game:
    from game.scenario.loader import load_scenario

    game = Game(load_scenario(RED_CELL), 3, humans=())
    if crisis:
        game.adjust("tension", 70, "a test pushes tension to the brink")
    while not game.over:
        game.resolve_turn()
    return game


def test_the_terminal_debrief_shows_state_then_score_and_the_red_cells_aims():
    from game import textui

    game = _red_cell_game(crisis=False)
    r = game.result()
    text = textui.debrief(game, r)
    assert not r.crisis and "capped" not in text
    assert _words(
        f"state of the region {textui.number(r.shared.state)} -> shared score "
        f"{textui.number(r.shared.score)}"
    ) in _words(text)
    for actor, sc in r.delegations.items():
        title = game.book.delegations[actor].title
        row = next(line for line in text.splitlines() if line.strip().startswith(title))
        assert f"state {textui.number(sc.state)}" in _words(row)
        assert f"score {textui.number(sc.score)}" in _words(row)
    assert r.red_cell is not None
    assert f"The PRC red cell got {textui.number(r.red_cell.score)} of 100" in _words(text)


def test_the_terminal_debrief_says_the_crisis_capped_the_scores():
    from game import textui
    from game.engine.scoring import on_the_scale

    game = _red_cell_game(crisis=True)
    r = game.result()
    assert r.crisis
    calm = on_the_scale(game.book, r.shared.state, False)
    text = _words(textui.debrief(game, r))
    assert "capped every score at 25" in text
    assert f"would have given a shared score of {textui.number(calm)}" in text


def test_inducements_are_marked_in_the_terminal_turn_results():
    from game import textui
    from game.scenario.loader import load_scenario

    game = Game(load_scenario(RED_CELL), 3, humans=())
    report = game.resolve_turn()
    text = textui.turn_results(game, report)
    assert "* Inducement: Beijing offers opposition mayors a trade fair" in text
    assert "* Coast guard ships patrol the strait" in text  # coercion: no label
    assert "Inducement: Coast guard" not in text
    assert "PRC pressure campaign" in text  # the campaign, by its label, among the causes


def test_the_dashboard_names_the_scenarios_warning_level(mini_text):
    from game.engine.game import Game
    from game.scenario.loader import load_scenario_text
    from game.textui import dashboard

    text = mini_text.replace(
        "  tension: {start: 30, crisis_at: 90}",
        "  tension: {start: 30, crisis_at: 90, warning_at: 55}",
    )
    board = dashboard(Game(load_scenario_text(text, "mini.yaml"), 1))
    assert "warning at 55, crisis at 90" in board


# --- issue 12: uncertain amounts and the history excursion ---------------------------------

HISTORY = PROJECT_ROOT / "tests" / "fixtures" / "history.yaml"  # ranges, a history excursion


def _adopt_dialogue(game: Game) -> None:
    while "dialogue" not in game.state.adopted:
        for actor in ("japan", "taiwan"):
            game.submit(actor, {"dialogue": "push"})
        game.resolve_turn()


def _drawn(game: Game, kind: str, owner: str) -> float:
    (value,) = [v for r, v in game.effects.drawn if r.kind == kind and r.owner == owner]
    return value


def test_terminal_card_text_shows_a_range_and_what_the_game_drew_once_it_acted():
    from game import textui
    from game.scenario.loader import load_scenario

    game = Game(load_scenario(HISTORY), 7, humans={"japan", "taiwan"})
    before = _words(textui.measure_details(game, "dialogue"))
    assert "Red cell reaction: Tension +2 to +9" in before
    assert "drawn" not in before  # not before it acts: the players would know the outcome
    assert "When adopted: Cooperation +10" in before  # a plain number stays a number
    _adopt_dialogue(game)
    value = _drawn(game, "reaction", "dialogue")
    after = _words(textui.measure_details(game, "dialogue"))
    assert f"Red cell reaction: Tension drawn {textui.signed(value)} of +2 to +9" in after
    assert "Source: An essay." in after  # the source still shows


def test_range_and_drawn_wording():
    from game.wording import amount_text, drawn_text, history_date

    assert amount_text((4, 8)) == "+4 to +8"
    assert amount_text((-7, -3)) == "-7 to -3"
    assert amount_text((-2, 3.5)) == "-2 to +3.5"
    assert amount_text(5) == "+5"
    assert drawn_text(6.2, 4, 8) == "drawn +6.2 of +4 to +8"
    assert drawn_text(-6.9, -7, -3) == "drawn -6.9 of -7 to -3"
    assert history_date("2020-05-14") == "14 May 2020"


def test_play_history_says_so_in_the_intro_and_marks_the_real_events(capsys):
    args = ["play", "--auto", "--seed", "7", "--scenario", str(HISTORY), "--verbose"]
    assert main([*args, "--history"]) == 0
    text = _words(capsys.readouterr().out)
    assert "History excursion: the real timeline's events happen on their real dates" in text
    assert "HISTORY (14 May 2020): Leaders' statement" in text
    assert "INJECT: Election" in text  # the scenario's own inject is not marked as history
    assert main(args) == 0
    plain = _words(capsys.readouterr().out)
    assert "History excursion" not in plain and "Leaders' statement" not in plain


def test_the_terminal_debrief_lists_the_values_this_game_drew():
    from game import textui
    from game.scenario.loader import load_scenario

    game = Game(load_scenario(HISTORY), 7, humans=(), history=True)
    while not game.over:
        game.resolve_turn()
    text = _words(textui.debrief(game, game.result()))
    assert "Uncertain amounts: what this game drew for those that acted:" in text
    patrol = textui.signed(_drawn(game, "hit", "patrol"))
    assert f"Patrol (gray-zone action), Resilience (Maritime): drawn {patrol} of -7 to -3" in text
    statement = textui.signed(_drawn(game, "inject", "statement"))
    assert f"Leaders' statement (history), Tension: drawn {statement} of +1 to +4" in text


def test_the_help_and_the_dashboard_fit_an_80_column_terminal(mini):
    from game.engine.game import Game
    from game.play_cli import HELP
    from game.textui import dashboard

    board = dashboard(Game(mini, 1))
    assert max(len(line) for line in HELP.splitlines()) <= 80
    assert max(len(line) for line in board.splitlines()) <= 80
    assert "warning at" in board and "crisis at" in board
