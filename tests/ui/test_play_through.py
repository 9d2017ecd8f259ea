"""Drive the real window with mouse and keys: title, setup, a hot-seat turn with hidden choices, the reveal, the debrief."""

from __future__ import annotations

import pygame

from tests.ui.conftest import click, find_button, frames, press, screen_text


def test_title_screen_lists_the_default_scenario_selected(app):
    text = screen_text(app)
    assert "A Free and Open Indo-Pacific" in text
    assert "12 turns" in text
    for label in ("New game", "Load game", "How to play", "Settings", "Quit"):
        find_button(app, label)


def test_hot_seat_game_from_title_to_debrief(app):
    click(app, "New game")
    assert "Choose who plays each delegation" in screen_text(app)
    for _ in range(6):  # key 2 steps Japan's seat through its AI profiles, then to a human
        if "Humans: United States, Japan" in screen_text(app):
            break
        press(app, pygame.K_2)
    assert "Humans: United States, Japan" in screen_text(app)
    click(app, "Start game")

    # The curtain hides the board from whoever is at the keyboard.
    text = screen_text(app)
    assert "Pass to the United States delegation" in text
    assert "Trilateral cooperation" not in text and "Push" not in text
    click(app, "United States delegation: show our choices")
    assert "United States deciding" in screen_text(app)
    click(app, "Push", tooltip_contains="Joint mechanisms against malign influence operations")
    click(app, "Push", tooltip_contains="Taiwan joins US-Japan")
    assert "Capital left: 3 of 6" in screen_text(app)
    game = app.session.game
    assert game.history == []  # nothing resolved yet
    click(app, "End turn")

    # Japan's turn: the US choices are not shown anywhere.
    text = screen_text(app)
    assert "Pass to the Japan delegation" in text
    press(app, pygame.K_RETURN)
    text = screen_text(app)
    assert "Japan deciding" in text
    assert "push Joint mechanisms" not in text and "Capital left: 5 of 5" in text
    press(app, pygame.K_6)  # select card 6 by keyboard ...
    press(app, pygame.K_p)  # ... and push it
    assert "Capital left: 3 of 5" in screen_text(app)
    press(app, pygame.K_RETURN)  # end turn

    # Reveal: everyone's choices side by side, then causes.
    text = screen_text(app)
    assert "Revealed: Quarter 1 of 12" in text
    assert "What moved, and why" in text
    report = app.session.game.reports[0]
    assert report.decisions["us"] == {"counter_influence": "push", "hadr_exercises": "push"}
    assert report.decisions["japan"] == {"counter_influence": "push"}
    assert game.state.progress["counter_influence"] > 0

    # Play the rest with the keyboard only: Enter through curtains, turns and reveals.
    for _ in range(200):
        if app.scene.title == "Debrief":
            break
        press(app, pygame.K_RETURN)
    assert app.scene.title == "Debrief"
    assert game.over
    text = screen_text(app)
    result = game.result()
    assert result.outcome.title in text
    assert "Shared score" in text and "Decisions timeline" in text


def test_watching_an_all_ai_game(app):
    click(app, "New game")
    press(app, pygame.K_1)  # United States: human -> AI
    assert "none (watch the AI play)" in screen_text(app)
    click(app, "Start game")
    assert "All delegations are played by the AI" in screen_text(app)
    click(app, "Play next turn")
    assert "Revealed: Quarter 1" in screen_text(app)


def test_f1_shows_the_keys_of_the_screen_and_esc_pauses(app):
    click(app, "New game")
    click(app, "Start game")
    press(app, pygame.K_F1)
    assert "Keys on this screen" in screen_text(app)
    assert "end turn" in screen_text(app)
    press(app, pygame.K_F1)
    assert "Keys on this screen" not in screen_text(app)
    press(app, pygame.K_ESCAPE)
    assert "Paused" in screen_text(app)
    click(app, "Resume")
    assert "Paused" not in screen_text(app)


def test_hovering_a_number_explains_it(app):
    click(app, "New game")
    click(app, "Start game")
    scene = app.scene
    frames(app, 1)
    hover = next(h for h in app.painter.hovers if h.text.startswith("Regional tension"))
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=hover.rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app, 2)
    assert "crisis" in screen_text(app)
    assert scene is app.scene


def test_pause_save_then_load_resumes_the_same_game(app):
    click(app, "New game")
    click(app, "Start game")
    press(app, pygame.K_RETURN)  # end turn 1 (holding)
    press(app, pygame.K_RETURN)  # past the reveal
    before = app.session.game
    press(app, pygame.K_ESCAPE)
    click(app, "Save game")
    assert "Saved to" in screen_text(app)
    click(app, "Quit to menu")
    click(app, "Load game")
    app.scene.wait_until_read()  # the summaries are read in the background
    frames(app, 1)
    newest = [b for b in app.scene.widgets if "after turn 1" in getattr(b, "text", "")]
    assert newest, screen_text(app)
    click(app, newest[0].text)
    resumed = app.session.game
    assert resumed is not before
    assert resumed.state == before.state and resumed.ledger == before.ledger


def test_resizing_and_small_windows_keep_working(app):
    click(app, "New game")
    click(app, "Start game")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600)))
    frames(app, 3)
    assert app.size == (1024, 600)
    find_button(app, "End turn")
    assert "United States deciding" in screen_text(app)


def test_a_broken_scenario_is_listed_with_its_error_not_hidden(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: [unclosed\n")
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), scenario_dirs=[folder], size=(1280, 720))
    app.scene.wait_until_loaded()
    frames(app, 2)
    click(app, "(!) broken.yaml: cannot be loaded")
    text = screen_text(app)
    assert "This scenario cannot be loaded" in text and "not valid YAML" in text
    assert not find_button(app, "New game").is_enabled


def test_a_damaged_save_shows_the_error_screen(app, tmp_path):
    from game.ui.settings import saves_dir

    saves_dir().mkdir(parents=True, exist_ok=True)
    (saves_dir() / "bad.json").write_text(
        '{"kind": "trilateral-save", "version": 1, "scenario": {"id": "free-and-open-indo-pacific", "hash": "'
        + "0" * 64
        + '"}, "seed": 1, "humans": [], "ai_profiles": {}, "turns": []}'
    )
    click(app, "Load game")
    app.scene.wait_until_read()  # the summaries are read in the background
    frames(app, 1)
    button = next(b for b in app.scene.widgets if "after turn 0" in getattr(b, "text", ""))
    click(app, button.text)
    text = screen_text(app)
    assert "This save cannot be loaded" in text and "different version of scenario" in text


def test_settings_switch_palette_and_text_size(app):
    click(app, "Settings")
    scene = app.scene
    from game.ui.palette import PALETTES

    app.settings.palette = "high_contrast"
    app.apply_settings()
    assert app.palette is PALETTES["high_contrast"]
    click(app, "Done")
    assert app.scene is not scene


def test_how_to_play_starts_the_tutorial(app):
    click(app, "How to play")
    assert "The goal" in screen_text(app)
    click(app, "Play the tutorial")
    assert app.scene.title == "Turn"
    game = app.session.game
    assert game.scenario.id == "tutorial" and game.scenario.turns == 3
    assert "deciding" in screen_text(app)
