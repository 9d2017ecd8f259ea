"""F5 reloads the open scenario: errors are shown located, and play continues on the last good version."""

from __future__ import annotations

import shutil

import pygame

from tests.conftest import MINI
from tests.ui.conftest import click, press, screen_text


def open_copy_of_mini(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "mini.yaml"
    shutil.copy(MINI, path)
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), scenario_dirs=[folder], size=(1280, 720))
    app.scene.wait_until_loaded()
    app.step()
    click(app, "Mini scenario")
    click(app, "New game")
    click(app, "Start game")
    return app, path


def test_f5_shows_a_located_error_and_keeps_the_last_good_version(tmp_path, monkeypatch):
    app, path = open_copy_of_mini(tmp_path, monkeypatch)
    press(app, pygame.K_RETURN)  # play a turn
    press(app, pygame.K_RETURN)
    game = app.session.game
    path.write_text(path.read_text().replace("    progress: 4\n", "    progres: 4\n"))
    press(app, pygame.K_F5)
    text = screen_text(app)
    assert "Reload failed" in text and "mini.yaml:" in text and "did you mean `progress`?" in text
    assert app.session.game is game  # still the last good version
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)  # and the game goes on
    assert len(app.session.game.reports) == 2
    pygame.display.quit()


def test_f5_replays_the_game_on_the_new_version(tmp_path, monkeypatch):
    app, path = open_copy_of_mini(tmp_path, monkeypatch)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    before = app.session.game
    path.write_text(path.read_text().replace("drift: {tension: -1}", "drift: {tension: -3}"))
    press(app, pygame.K_F5)
    after = app.session.game
    assert after is not before
    assert after.history == before.history and after.seed == before.seed
    assert after.state.values["tension"] < before.state.values["tension"]
    assert "Scenario reloaded" in screen_text(app)
    pygame.display.quit()
