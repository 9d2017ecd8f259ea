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
