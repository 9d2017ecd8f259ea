"""pygame_gui's text boxes (the news feed, How to play) break Japanese and Chinese between
phrases with kinsoku, never with an inserted hyphen; Latin text breaks at spaces as before."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UITextBox

from game.ui.widgets import NO_LINE_START, has_cjk
from tests.ui.conftest import frames
from tests.ui.screens import DEFAULT, play_turn


@pytest.fixture
def app_in(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game import i18n
    from game.ui import fonts
    from game.ui.app import App
    from game.ui.settings import Settings

    made = []

    def make(language: str, size=(1024, 600)):  # noqa: ANN001, ANN202
        app = App(Settings(language=language), size=size)
        app.scene.wait_until_loaded()
        app.step()
        made.append(app)
        return app

    yield make
    i18n.set_language("en")
    fonts.set_language("en")
    pygame.display.quit()


def rows(box: UITextBox) -> list[str]:
    return [
        "".join(getattr(item, "text", "") for item in row.items)
        for row in box.text_box_layout.layout_rows
    ]


def check_rows(lines: list[str]) -> int:
    """The rows holding Japanese or Chinese: none ends with an inserted hyphen, none starts
    with closing punctuation. Returns how many there were."""
    cjk = 0
    for before, line in zip(["", *lines], lines, strict=False):
        if not has_cjk(line):
            continue
        cjk += 1
        assert not line.rstrip().endswith("-"), f"a hyphen inserted: {line!r}"
        assert not (before.rstrip().endswith("-") and line.startswith("-")), line
        assert line.lstrip()[:1] not in NO_LINE_START, f"starts with punctuation: {line!r}"
    return cjk


def how_to_play_rows(app) -> list[str]:  # noqa: ANN001
    from game.ui.scenes.howto import HowToPlayScene

    app.switch(HowToPlayScene(app, selected=app.scene.selected))
    frames(app, 2)
    box = next(w for w in app.scene.widgets if isinstance(w, UITextBox))
    return rows(box)


@pytest.mark.parametrize("language", ["ja", "zh-Hant"])
def test_how_to_play_breaks_cjk_between_phrases(app_in, language):
    lines = how_to_play_rows(app_in(language))
    assert check_rows(lines) > 10
    # lines do break inside the paragraphs (a long one takes several rows)
    assert sum(1 for line in lines if has_cjk(line)) > len([ln for ln in lines if not ln]) + 10


@pytest.mark.parametrize("language", ["ja", "zh-Hant"])
def test_the_news_box_breaks_cjk_between_phrases(app_in, language):
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language
    from game.ui.scenes.turn import TurnScene
    from game.ui.session import Session

    app = app_in(language, (1024, 600))
    loaded = in_language(load_scenario(DEFAULT))
    ids = [a for a, m in loaded.scenario.actors.items() if m.role == "delegation"]
    session = Session.new(loaded, 7, ids, {}, autosave=False, timer_seconds=0)
    app.session = session
    for _ in range(2):
        play_turn(session)
        session.next_after_reveal()
    app.switch(TurnScene(app))
    frames(app, 2)
    assert check_rows(rows(app.scene.news_box)) > 5


def test_latin_text_breaks_at_spaces_as_before(app_in):
    lines = how_to_play_rows(app_in("en"))
    wrapped = [line for line in lines if line and not line.endswith(" ")]
    text = " ".join(lines)
    assert len(lines) > 20 and "-" not in "".join(ln[-1:] for ln in lines)
    assert all(" " in line or len(line) < 20 for line in wrapped), text
