"""The setup screen: it remembers the last class (never the password), survives a damaged
memory file, and lays out up to six delegations at 1024x600 at every text size."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from game.paths import DEFAULT_SCENARIO, PROJECT_ROOT
from game.ui.settings import TEXT_SCALES, config_dir
from game.ui.setup_memory import MEMORY_NAME, SetupMemory
from tests.ui.conftest import click, frames, press, screen_text
from tests.ui.layout_check import layout_problems

SIX = PROJECT_ROOT / "tests" / "fixtures" / "six.yaml"


def open_setup(app, scenario=DEFAULT_SCENARIO):  # noqa: ANN001, ANN201
    from game.scenario.loader import load_scenario
    from game.ui.scenes.setup import SetupScene

    app.switch(SetupScene(app, load_scenario(scenario)))
    frames(app, 2)
    return app.scene


def test_setup_starts_from_the_last_class_choices(app):
    setup = open_setup(app)
    while setup.seats["japan"] != "Human player":
        press(app, pygame.K_2)
    press(app, pygame.K_3)
    press(app, pygame.K_3)  # Taiwan: two steps on from its default AI profile
    taiwan = setup.seats["taiwan"]
    assert taiwan.startswith("AI: ") and taiwan != "AI: steady"
    setup.timer_entry.set_text("25")
    press(app, pygame.K_f)
    press(app, pygame.K_RETURN)
    assert app.session.forecasts_enabled and app.session.timer_seconds == 25 * 60

    app.session = None
    again = open_setup(app)
    assert again.seats == {"us": "Human player", "japan": "Human player", "taiwan": taiwan}
    assert again.timer_entry.get_text() == "25" and again.forecasts
    assert again.forecast_button.text == "On"
    other = open_setup(app, SIX)  # another scenario: its own seats, the same classroom options
    assert list(other.seats.values()).count("Human player") == 1
    assert other.timer_entry.get_text() == "25"


def test_the_password_is_never_stored_but_asked_for_again(app):
    setup = open_setup(app)
    setup.password_entry.set_text("owl-42")
    press(app, pygame.K_RETURN)
    assert app.session.password_required()
    stored = (config_dir() / MEMORY_NAME).read_text()
    assert "owl-42" not in stored and json.loads(stored)["password_used"] is True
    app.session = None

    setup = open_setup(app)
    assert setup.password_entry.get_text() == ""
    assert "The last class used a facilitator password" in screen_text(app)
    press(app, pygame.K_RETURN)  # an empty password needs a second Enter
    assert app.scene is setup and "Start without a facilitator password?" in screen_text(app)
    press(app, pygame.K_RETURN)
    assert app.scene.title == "Turn" and not app.session.password_required()
    assert json.loads((config_dir() / MEMORY_NAME).read_text())["password_used"] is False


HOSTILE_MEMORIES = {
    "not json": b"{ not json",
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "huge": b" " * 300_000,
    "wrong kind": json.dumps({"kind": "something else", "timer_minutes": 5}).encode(),
    "numbers out of range": b'{"kind": "trilateral-setup", "timer_minutes": 1e400, '
    b'"forecasts": "yes", "password_used": 1, "seats": {"free-and-open-indo-pacific": '
    b'{"us": "reckless", "japan": 7, "nobody": "human"}}}',
    "NaN timer": b'{"kind": "trilateral-setup", "timer_minutes": NaN}',
    "negative timer": b'{"kind": "trilateral-setup", "timer_minutes": -5}',
    "long number": b'{"kind": "trilateral-setup", "timer_minutes": ' + b"9" * 5000 + b"}",
    "binary": bytes(range(256)),
    "too many seats": json.dumps(
        {
            "kind": "trilateral-setup",
            "seats": {"free-and-open-indo-pacific": {str(i): "human" for i in range(500)}},
        }
    ).encode(),
}


@pytest.mark.parametrize("content", HOSTILE_MEMORIES.values(), ids=HOSTILE_MEMORIES.keys())
def test_a_damaged_memory_file_gives_the_defaults(app, content):
    path = config_dir() / MEMORY_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    setup = open_setup(app)
    assert setup.seats == {"us": "Human player", "japan": "AI: incremental", "taiwan": "AI: steady"}
    assert setup.timer_entry.get_text() == "0" and not setup.forecasts
    assert not setup.memory.password_used
    press(app, pygame.K_RETURN)  # the game starts, and the file is written good again
    assert app.scene.title == "Turn"
    assert SetupMemory.load().seats_for("free-and-open-indo-pacific")["us"] == "human"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_memory_file_does_not_hang(app):
    path = config_dir() / MEMORY_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    assert open_setup(app).timer_minutes == 0


def test_an_unwritable_memory_does_not_stop_the_game(app, monkeypatch, capsys):
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.atomic.write_text_atomic", refuse)
    open_setup(app)
    click(app, "Start game")
    assert app.scene.title == "Turn"
    assert "could not be remembered" in capsys.readouterr().err


def test_remembering_many_scenarios_keeps_the_latest_fifty():
    memory = SetupMemory()
    for i in range(80):
        memory.remember(f"s{i}", {"a": "human"}, 5, False, False)
    assert len(memory.seats) == 50 and "s79" in memory.seats and "s0" not in memory.seats


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
@pytest.mark.parametrize("scenario", [SIX, DEFAULT_SCENARIO], ids=["six", "default"])
def test_setup_lays_out_without_overlap(tmp_path, monkeypatch, size, scale, scenario):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    settings = Settings()
    settings.text_scale = scale
    app = App(settings, size=size)
    setup = open_setup(app, scenario)
    assert layout_problems(app) == []
    setup.message = "The seed must be a whole number."  # the message line, and the prompt
    setup.memory.password_used = True
    assert layout_problems(app) == []
    press(app, pygame.K_F1)
    assert layout_problems(app) == []
    pygame.display.quit()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [TEXT_SCALES[0], TEXT_SCALES[-1]])
def test_title_and_load_lay_out_without_overlap(tmp_path, monkeypatch, size, scale):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario
    from game.ui.app import App
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import Settings, saves_dir

    settings = Settings()
    settings.text_scale = scale
    app = App(settings, size=size)
    app.scene.wait_until_loaded()
    frames(app, 2)
    assert layout_problems(app) == []
    for seed in range(14):
        save_game(
            Game(load_scenario(DEFAULT_SCENARIO), seed, ["japan"], {}), saves_dir() / f"{seed}.json"
        )
    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    frames(app, 2)
    assert layout_problems(app) == []
    pygame.display.quit()


# --- the history excursion (issue 12) ---------------------------------------------------------

HISTORY = PROJECT_ROOT / "tests" / "fixtures" / "history.yaml"  # ranges, a history excursion
HISTORY_CHOICE = "Play the real timeline (history excursion)"


def six_with_history(folder) -> os.PathLike:  # noqa: ANN001
    """Six delegations and a history excursion: the fullest setup screen."""
    text = SIX.read_text(encoding="utf-8")
    text = text.replace(
        "turns: 4\n", 'turns: 4\ncalendar: {start: "2020-01-01", months_per_turn: 3}\n'
    )
    text = text.replace(
        "outcomes:\n",
        'injects:\n  - {id: real, title: Real event, text: It happened., date: "2020-05-14", '
        "history: true}\noutcomes:\n",
    )
    path = folder / "six-history.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_history_choice_is_shown_only_for_a_scenario_with_a_history_excursion(app):
    setup = open_setup(app, SIX)  # a scenario with no injects with `history: true`
    assert not setup.has_history and setup.history_button is None
    assert HISTORY_CHOICE not in screen_text(app)
    assert "H" not in [key for key, _ in setup.keys_help()]
    press(app, pygame.K_h)  # nothing to choose: the key does nothing
    assert not setup.history
    setup = open_setup(app, HISTORY)
    assert setup.has_history and HISTORY_CHOICE in screen_text(app)
    assert setup.history_button.text == "Off" and not setup.history  # off by default
    assert "H" in [key for key, _ in setup.keys_help()]


def test_choosing_the_real_timeline_plays_it_and_is_remembered(app):
    setup = open_setup(app, HISTORY)
    press(app, pygame.K_h)  # keyboard reachable, like the other setup choices
    assert setup.history and setup.history_button.text == "On"
    press(app, pygame.K_RETURN)
    assert app.session.game.setup.history
    assert json.loads((config_dir() / MEMORY_NAME).read_text())["history"] is True

    app.session = None
    plain = open_setup(app, SIX)  # a scenario without one: not offered, not played ...
    press(app, pygame.K_RETURN)
    assert not plain.history and not app.session.game.setup.history
    app.session = None
    again = open_setup(app, HISTORY)  # ... and the choice is still remembered for the next
    assert again.history and again.history_button.text == "On"
    click(app, "On")  # the mouse turns it off again
    assert not again.history and again.history_button.text == "Off"
    click(app, "Start game")
    assert not app.session.game.setup.history
    assert SetupMemory.load().history is False


def test_a_game_started_without_the_choice_plays_the_scenarios_own_timeline(app):
    open_setup(app, HISTORY)
    press(app, pygame.K_RETURN)
    game = app.session.game
    assert not game.setup.history
    while not game.over:
        for actor in game.awaiting():
            game.submit(actor, {})
        game.resolve_turn()
    assert game.reports and all("statement" not in r.injects for r in game.reports)


def test_a_damaged_history_memory_falls_back_to_off(tmp_path):
    path = tmp_path / MEMORY_NAME
    path.write_text(json.dumps({"kind": "trilateral-setup", "history": "yes"}))
    memory, problems = SetupMemory.load_checked(path)
    assert memory.history is False and any("history" in p for p in problems)


def test_play_history_preselects_the_choice_in_the_window(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.scenes.setup import NO_HISTORY
    from game.ui.settings import Settings

    app = App(Settings(), size=(1280, 720), initial_history=True)
    assert open_setup(app, HISTORY).history
    plain = open_setup(app, SIX)  # a scenario without one says so, and plays without
    assert not plain.history and plain.message == NO_HISTORY
    pygame.display.quit()


def test_the_play_command_passes_history_to_the_window(monkeypatch):
    import argparse

    from game.ui import app as window

    seen = {}
    monkeypatch.setattr(window, "main", lambda scenario, dirs, **kw: seen.update(kw) or 0)
    args = argparse.Namespace(scenario=str(HISTORY), scenarios=None, history=True, seed=None)
    assert window.play_window(args) == 0 and seen == {"history": True, "seed": None}
    args.history, args.seed = False, 42
    window.play_window(args)
    assert seen == {"history": False, "seed": 42}


def test_play_seed_preselects_the_seed_in_the_window(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), size=(1280, 720), initial_seed=4242)
    setup = open_setup(app, SIX)
    assert setup.seed == 4242 and "4242" in setup.seed_entry.get_text()
    press(app, pygame.K_RETURN)
    assert app.session.game.seed == 4242
    pygame.display.quit()


def test_play_again_from_the_debrief_keeps_the_timeline(app):
    from tests.ui.screens import open_screen

    open_screen(app, "debrief", HISTORY, history=True)
    app.scene.again()
    frames(app, 2)
    assert app.scene.title == "Setup" and app.scene.history


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_setup_with_the_history_choice_lays_out_without_overlap(tmp_path, monkeypatch, size, scale):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    settings = Settings()
    settings.text_scale = scale
    app = App(settings, size=size)
    for scenario in (HISTORY, six_with_history(tmp_path)):
        setup = open_setup(app, scenario)
        assert setup.has_history and HISTORY_CHOICE in screen_text(app)
        assert layout_problems(app) == []
        setup.message = "The seed must be a whole number."
        setup.memory.password_used = True
        assert layout_problems(app) == []
    pygame.display.quit()
