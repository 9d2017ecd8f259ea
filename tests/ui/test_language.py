"""The window speaks the language chosen in Settings (or by `play --lang`)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game import i18n
from game.ui.app import App
from game.ui.settings import Settings


def test_the_title_screen_reads_in_the_language_of_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    app = App(settings=Settings(language="ja"), size=(1280, 720))
    try:
        app.step()
        app.step()
        text = app.visible_text()
        assert "新しいゲーム" in text and "New game" not in text
    finally:
        i18n.set_language("en")
        pygame.quit()


def test_play_lang_wins_over_the_settings_for_that_run(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    app = App(settings=Settings(language="ja"), size=(1280, 720), language="zh-Hant")
    try:
        app.step()
        assert "新遊戲" in app.visible_text()
    finally:
        i18n.set_language("en")
        pygame.quit()


def test_a_language_in_the_settings_file_is_checked_like_every_value():
    settings, problems = Settings.from_data({"language": "klingon"})
    assert settings.language == "" and "language" in problems[0]
    settings, problems = Settings.from_data({"language": "zh-Hant"})
    assert settings.language == "zh-Hant" and problems == []


def test_the_scenario_list_shows_a_translated_scenario_in_the_language(tmp_path, monkeypatch):
    import yaml

    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    sidecar = (
        Path(__file__).parents[2] / "scenarios/translations/free-and-open-indo-pacific.ja.yaml"
    )
    title = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["texts"]["title"]
    app = App(settings=Settings(language="ja"), size=(1280, 720))
    try:
        app.scene.wait_until_loaded()
        for _ in range(3):
            app.step()
        assert title in app.visible_text()
    finally:
        i18n.set_language("en")
        pygame.quit()
