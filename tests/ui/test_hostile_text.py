"""The window never closes because of one string, wherever it comes from.

Text that draws nothing (a zero-width space, a variation selector, a tag character, a soft
hyphen, a lone combining mark) or holds a NUL makes pygame refuse to draw it ("Text has zero
width", "A null character was found"), and pygame_gui draws every word and styled piece on
its own. The scenario loader refuses such text now, but scenarios of older versions, the
scenario list's cache and saves still reach the screen, so every screen is opened here with
such text in EVERY free-text field of the scenario (found by walking the model, as the
report's hostile test does), at both window sizes.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pygame
import pytest
import yaml

from game.engine.game import Game
from game.engine.saves import save_game
from game.paths import DEFAULT_SCENARIO
from game.scenario.models import Scenario
from game.text import displayable
from tests.report.hostile import Hostile
from tests.ui.conftest import frames, press
from tests.ui.screens import SCREENS, open_screen

SIZES = ((1280, 720), (1024, 600))

# Each draws nothing on its own (or holds a NUL): the characters of review finding 1 and more.
INVISIBLE = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "\ufe0f",
    "\U000e0041",
    "\x00",
    "\u0301",
    "\u3164",
    "\U000e0100",
    "\u200b \ufe0f \u00ad",
    "a\x00b",
    "\ufe0f\ufe0f\ufe0f",
    "\u2065",
)


class Invisible(Hostile):
    """Fills every free-text field with text that draws nothing (see INVISIBLE)."""

    def _value(self, max_length: int, is_url: bool) -> tuple[str, str]:
        n = len(self.filled)
        return INVISIBLE[n % len(INVISIBLE)], f"#{n}"


@pytest.fixture
def accept_any_text(monkeypatch):
    """The loader as an older version was: it took any text (this one refuses these)."""
    from game.scenario import yaml_source

    monkeypatch.setattr(yaml_source, "text_problem", lambda text: None)
    monkeypatch.setattr(yaml_source, "shows_something", lambda text: True)


@pytest.fixture
def invisible_scenario(tmp_path, accept_any_text) -> Path:
    data = yaml.safe_load(DEFAULT_SCENARIO.read_text(encoding="utf-8"))
    filler = Invisible()
    filler.fill(Scenario, data)
    assert len(filler.filled) > 100  # titles, texts, labels, citations... of every kind
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "invisible.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from game.scenario.loader import load_scenario

    sc = load_scenario(path).scenario
    assert sc.title in INVISIBLE and any(s in INVISIBLE for s in (sc.turn_label, sc.summary))
    return path


def make_app(size, folders=()):  # noqa: ANN001, ANN201
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), scenario_dirs=list(folders), size=size)
    app.scene.wait_until_loaded()
    app.mouse = (-100, -100)
    frames(app, 2)
    return app


def hover_everything(app, limit: int = 40) -> int:  # noqa: ANN001
    """Rest the mouse on each widget with a tooltip and each painted hover area of the top
    layer, long enough for the tooltip to show; returns how many tooltips were drawn."""
    from pygame_gui.elements import UITooltip

    app.step(1 / 60)
    points = [w.rect.center for w in app.top.widgets if getattr(w, "tool_tip_text", None)]
    drawn, hovers = app._top_records()
    points += [h.rect.center for h in hovers] + [d.rect.center for d in drawn if d.has_more]
    shown = 0
    for pos in points[:limit]:
        MOUSE[0] = app.mouse = pos
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        app.step(1 / 60)
        app.step(1.5)  # pygame_gui shows a widget's tooltip after a while
        app.step(1 / 60)
        sprites = app.manager.get_sprite_group().sprites()
        shown += bool(app.painted_tooltip) or any(isinstance(t, UITooltip) for t in sprites)
    MOUSE[0] = app.mouse = (-100, -100)
    return shown


MOUSE = [(-100, -100)]


@pytest.fixture(autouse=True)
def mouse(monkeypatch):
    """pygame_gui asks pygame where the mouse is, which a headless window never moves."""
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: MOUSE[0])


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    pygame.display.quit()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_opens_with_text_that_draws_nothing_in_every_scenario_field(
    home, invisible_scenario, size
):
    from game.ui.scenes.facilitator import FacilitatorConsole
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.pause import PauseOverlay
    from game.ui.scenes.scoring import ScoringOverlay
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    app = make_app(size, [invisible_scenario.parent])
    title = app.scene
    index = next(i for i, e in enumerate(title.entries) if e.path == invisible_scenario)
    assert title.entries[index].summary is not None  # listed as a valid scenario
    title.select(index)
    assert hover_everything(app)
    press(app, pygame.K_F2)  # how the selected scenario is scored: its titles in the page
    assert app.top.book is not None and hover_everything(app)
    press(app, pygame.K_ESCAPE)
    title.new_game()
    assert isinstance(app.scene, SetupScene)
    assert hover_everything(app)

    for screen in SCREENS:
        open_screen(app, screen, invisible_scenario)
        assert hover_everything(app), screen
        press(app, pygame.K_F1)  # the help lists delegation titles
        press(app, pygame.K_ESCAPE)
    open_screen(app, "turn", invisible_scenario)
    game = app.session.game
    for inject in game.book.injects[:3]:
        game.fire_inject(inject.id)
    game.adjust(next(iter(game.state.values)), 3, "\u200b")
    game.add_note("\ufe0f")
    frames(app, 2)  # the news shows the white cell's work at once
    for overlay in (PauseOverlay, FacilitatorConsole, ScoringOverlay):
        app.open_overlay(overlay(app))
        assert hover_everything(app), overlay
        app.close_overlay()

    # its saves in the Load list, the newest (selected at once) first
    save_game(game, app.session.save_path or home / "saves" / "one.json")
    app.session = None
    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    assert app.scene.saves and app.scene.saves[0].info.title in INVISIBLE
    assert hover_everything(app)
    app.switch(TitleScene(app))
    frames(app, 3)


def test_the_load_list_draws_saves_whose_title_and_players_draw_nothing(home, mini):
    from game.ui.scenes.load import LoadScene

    folder = home / "saves"
    folder.mkdir(parents=True)
    for n, title in enumerate(INVISIBLE):
        game = Game(mini, n)
        game.resolve_turn()
        path = folder / f"g{n}.json"
        save_game(game, path)
        data = json.loads(path.read_text())
        data["scenario"]["title"] = title
        if n % 2:
            data["humans"] = [title]  # not an id: refused by the reader, listed as damaged
        path.write_text(json.dumps(data))
    # file names from outside: draw nothing, break lines, or are not UTF-8 (surrogate-escaped)
    (folder / "\u200b.json").write_text("{}")
    (folder / "a\nb\u202e.json").write_text("{}")
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe.json"), "w") as f:
        f.write("{}")
    named = 3
    for size in SIZES:
        app = make_app(size)
        app.switch(LoadScene(app))
        scene = app.scene
        scene.wait_until_read()
        assert len(scene.saves) == len(INVISIBLE) + named
        assert {row.info.title for row in scene.saves if not row.problem} <= set(INVISIBLE)
        for i in range(len(scene.saves)):
            scene.picker.select(i)
            frames(app, 1)
        hover_everything(app)
        pygame.display.quit()


def test_a_cached_scenario_list_with_titles_that_draw_nothing_or_hold_nul(home):
    from game.ui.catalog import CACHE_NAME

    app = make_app(SIZES[1])
    entries = [e for e in app.scenario_catalog().entries if e.summary is not None]
    assert len(entries) >= 2
    pygame.display.quit()
    cache = home / "cache" / CACHE_NAME
    data = json.loads(cache.read_text())
    records = list(data["files"].values())
    records[0]["summary"]["title"] = "\u0000"
    records[1]["summary"]["title"] = "\u200b"
    records[1]["summary"]["delegations"][0][1] = "\ufe0f"
    cache.write_text(json.dumps(data))

    app = make_app(SIZES[1])  # read from the cache: nothing is checked again but the NUL
    titles = [e.summary.title for e in app.scenario_catalog().entries if e.summary]
    assert "\u0000" not in titles  # a record no reader would accept is checked again
    assert "\u200b" in titles  # readable text that draws nothing is drawn safely
    for i in range(len(app.scene.entries)):
        app.scene.select(i)
        frames(app, 1)
    hover_everything(app)


def test_each_character_alone_is_left_out_or_draws_something_in_every_face():
    """pygame_gui draws each word on its own: no character, made displayable, is a word
    of zero width in the window's fonts (regular, bold, italic)."""
    from game.ui.widgets import BOLD, REGULAR

    pygame.font.init()
    italic = REGULAR.with_name("NotoSans-Italic.ttf")
    faces = [pygame.font.Font(str(path), 15) for path in (REGULAR, BOLD, italic)]
    blank = []
    for code in range(0x110000):
        shown = displayable(chr(code))
        if shown and any(face.size(shown)[0] == 0 for face in faces):
            blank.append(f"U+{code:04X} {unicodedata.category(chr(code))}")
    assert not blank, blank[:20]


def test_text_typed_into_a_field_that_draws_nothing_is_refused(app):
    from game.ui.scenes.setup import SetupScene
    from tests.ui.conftest import type_keys

    app.scene.new_game()
    assert isinstance(app.scene, SetupScene)
    entry = app.scene.password_entry
    app.manager.set_focus_set(entry)
    type_keys(app, "\u200c\u200b\ufe0f\x00")  # a Persian keyboard types U+200C by itself
    assert entry.get_text() == ""
    type_keys(app, "ab")
    assert entry.get_text() == "ab"
