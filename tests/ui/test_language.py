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


def _app_in(language: str, tmp_path, monkeypatch):  # noqa: ANN001, ANN202
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    app = App(settings=Settings(language=language), size=(1280, 720))
    app.scene.wait_until_loaded()
    for _ in range(3):
        app.step()
    return app


def test_every_turn_title_keeps_its_date_in_every_language(tmp_path, monkeypatch):
    """The date comes from the scenario's calendar, written the language's way, on every turn
    (it once showed only on turn 1 outside English: the start label was parsed as English)."""
    from game.ui.labels import turn_title
    from tests.ui.screens import DEFAULT, new_session

    expected = {"en": "Q3 2020", "ja": "2020年第3四半期", "zh-Hant": "2020年第3季"}
    for language, date in expected.items():
        app = _app_in(language, tmp_path, monkeypatch)
        try:
            session = new_session(app, DEFAULT, turns=2)
            assert session.game.state.turn == 3
            assert date in turn_title(session.game)
            assert "2021" in turn_title(session.game, 5)  # the year turns over
        finally:
            i18n.set_language("en")
            pygame.quit()


def test_the_title_screen_names_the_red_cell_and_lists_in_the_language(tmp_path, monkeypatch):
    import yaml

    sidecar = (
        Path(__file__).parents[2] / "scenarios/translations/free-and-open-indo-pacific.ja.yaml"
    )
    actors = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["texts"]["actors"]
    app = _app_in("ja", tmp_path, monkeypatch)
    try:
        text = app.visible_text()
        assert actors["prc"]["title"] in text
        assert "People's Republic" not in text
        names = [actors[a]["title"] for a in ("us", "japan", "taiwan")]
        assert "、".join(names) in text  # a Japanese list, not "米国, 日本, 台湾"
    finally:
        i18n.set_language("en")
        pygame.quit()


def test_compact_turn_names_in_japanese_are_not_the_labels_first_character(tmp_path, monkeypatch):
    from game.engine.game import Game
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language
    from game.ui.labels import short_turn
    from tests.ui.screens import DEFAULT, new_session

    app = _app_in("ja", tmp_path, monkeypatch)
    try:
        game = Game(in_language(load_scenario(DEFAULT)), 1, ["japan"], {})
        assert game.scenario.turn_label == "四半期"
        assert short_turn(game, 3) == "第3期"  # not "四3" from 四半期
    finally:
        i18n.set_language("en")
        pygame.quit()
    app = _app_in("en", tmp_path, monkeypatch)
    try:
        session = new_session(app, DEFAULT, turns=1)
        assert short_turn(session.game, 3) == "Q3"
    finally:
        pygame.quit()


def test_the_load_list_names_the_scenario_in_the_language(tmp_path, monkeypatch):
    """A save keeps the scenario's title as written (saves are the same in every language);
    the Load list names it as the title screen does."""
    import yaml

    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import saves_dir
    from tests.ui.screens import DEFAULT

    sidecar = (
        Path(__file__).parents[2] / "scenarios/translations/free-and-open-indo-pacific.ja.yaml"
    )
    title = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["texts"]["title"]
    app = _app_in("ja", tmp_path, monkeypatch)
    try:
        save_game(Game(load_scenario(DEFAULT), 3, ["japan"], {}), saves_dir() / "a.json")
        app.switch(LoadScene(app))
        app.scene.wait_until_read()
        for _ in range(3):
            app.step()
        text = app.visible_text()
        assert title in text and "A Free and Open Indo-Pacific" not in text
    finally:
        i18n.set_language("en")
        pygame.quit()
