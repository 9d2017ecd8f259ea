"""Players can read how they are scored, and the debrief shows how each score was made.

The How you are scored page shows the engine's own sentences (`describe_scoring`) for the
scenario being played, or the one chosen on the title screen; it is reached from How to play
and from the F1 help (and F2 anywhere), and it fits at every window and text size. The debrief
shows the state of the region and the score it made, says what a crisis cost, and how far the
red cell got towards its aims. Inducements are marked where events are listed, and the red
cell's campaign shows in the reveal with what its stage stands for.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
import yaml

from game.engine.scoring import describe_scoring
from game.formatting import number
from game.ui.settings import TEXT_SCALES
from tests.ui.conftest import click, frames, press, screen_text
from tests.ui.overlap import cut_text, off_screen, overlaps
from tests.ui.screens import SIX, new_session, play_turn

RED_CELL = Path(__file__).resolve().parents[1] / "fixtures" / "red-cell.yaml"
INDUCEMENT = "Beijing offers opposition mayors a trade fair"
COERCION = "Coast guard ships patrol the strait"
SIZES = ((1024, 600), (1280, 720))


def _words(text: str) -> str:
    return " ".join(text.split())


def shows_every_sentence(app, book) -> None:  # noqa: ANN001
    text = _words(screen_text(app))
    for sentence in describe_scoring(book):
        assert _words(sentence) in text, sentence


def _title_with(app, title: str):  # noqa: ANN001, ANN202
    """The title screen with the scenario called `title` selected."""
    scene = app.scene
    index = next(i for i, e in enumerate(scene.entries) if e.summary and e.summary.title == title)
    scene.select(index)
    frames(app, 2)
    return scene.entries[index]


def test_how_to_play_opens_the_page_for_the_scenario_chosen_on_the_title(app):
    entry = _title_with(app, "Election Year")
    press(app, pygame.K_h)
    assert app.scene.title == "How to play"
    click(app, "How you are scored")
    assert app.top.title == "How you are scored"
    book = app.top.book
    assert book.scenario.title == "Election Year" and book.loaded.file == str(entry.path)
    shows_every_sentence(app, book)
    assert "Election Year" in screen_text(app)
    press(app, pygame.K_ESCAPE)
    assert not app.overlays and app.scene.title == "How to play"
    assert app.scene.rules.visible  # the rules hidden beneath the page are shown again
    press(app, pygame.K_ESCAPE)
    assert app.scene.title == "Title" and app.scene.current() is entry  # the choice kept


def test_the_f1_help_has_a_button_to_the_page(app):
    from game.paths import DEFAULT_SCENARIO

    press(app, pygame.K_F1)
    assert app.top.title == "Help"
    click(app, "How you are scored")
    assert [o.title for o in app.overlays] == ["How you are scored"]  # in the help's place
    assert app.top.book.loaded.file == str(DEFAULT_SCENARIO)
    shows_every_sentence(app, app.top.book)
    click(app, "Close")
    assert not app.overlays and app.scene.title == "Title"


def test_the_help_over_the_page_is_drawn_above_it_and_f2_goes_back_to_the_page(app):
    press(app, pygame.K_F2)
    page = app.top
    press(app, pygame.K_F1)
    help_ = app.top
    assert help_.title == "Help" and "close this page" in screen_text(app)  # the page's keys
    assert not any(getattr(w, "text", "") == "How you are scored" for w in help_.widgets)
    under = max(w._layer for w in page.widgets if w.alive())
    assert help_.modal_panel._layer > under  # the page's text box cannot cover the help
    press(app, pygame.K_F2)
    assert app.overlays == [page]


def test_in_a_game_the_page_explains_the_scenario_being_played(app):
    from game.ui.scenes.turn import TurnScene

    session = new_session(app, RED_CELL, turns=0)
    app.switch(TurnScene(app))
    frames(app, 2)
    press(app, pygame.K_F1)
    click(app, "How you are scored")
    assert app.top.book is session.game.book
    shows_every_sentence(app, session.game.book)
    assert "The PRC red cell is not scored against you" in _words(screen_text(app))
    press(app, pygame.K_F2)
    assert not app.overlays and app.scene.title == "Turn"


def test_a_scenario_that_cannot_be_read_is_said_on_the_page(app, tmp_path):
    """Away from the title screen, with no game on, the page explains the scenario the window
    was opened with; if that file cannot be read, the page says so instead."""
    from game.ui.scenes.scoring import ScoringOverlay
    from game.ui.scenes.settings_scene import SettingsScene

    bad = tmp_path / "broken.yaml"
    bad.write_text("format: 1\nid: [\n", encoding="utf-8")
    app.initial_scenario = bad
    app.switch(SettingsScene(app, back=lambda: None))
    app.open_overlay(ScoringOverlay(app))
    frames(app, 2)
    text = screen_text(app)
    assert app.top.book is None
    assert "The scoring cannot be shown" in text and "broken.yaml cannot be loaded" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_the_page_and_the_help_fit_at_every_size_and_text_size(tmp_path, monkeypatch, size, scale):
    from game.ui.app import App
    from game.ui.scenes.help import HelpOverlay
    from game.ui.scenes.scoring import ScoringOverlay
    from game.ui.scenes.turn import TurnScene
    from game.ui.settings import Settings

    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    app = App(Settings(text_scale=scale), size=size)
    try:
        app.scene.wait_until_loaded()
        new_session(app, SIX, turns=1)  # six delegations with long names
        app.switch(TurnScene(app))
        app.mouse = (-100, -100)
        found = []
        for overlay in (lambda: HelpOverlay(app, app.top.keys_help()), lambda: ScoringOverlay(app)):
            app.open_overlay(overlay())
            app.step(1 / 60)
            found += [f"{app.top.title}: {p}" for p in overlaps(app) + off_screen(app)]
            found += [f"{app.top.title}: {p}" for p in cut_text(app)]
            if app.top.title == "How you are scored":
                box = app.top.box
                assert box.contains(app.top.text.rect)
                bar = app.top.text.scroll_bar
                if bar is not None:  # a page longer than the window scrolls with the keys
                    press(app, pygame.K_PAGEDOWN)
                    assert bar.start_percentage > 0
            app.close_overlay()
        assert not found, "\n".join(found[:20])
    finally:
        pygame.display.quit()


# --- the debrief ------------------------------------------------------------------------------


def _debrief(app, scenario: Path, crisis: bool):  # noqa: ANN001, ANN202
    from game.ui.scenes.debrief import DebriefScene

    session = new_session(app, scenario, turns=0)
    game = session.game
    if crisis:
        game.adjust("tension", 100, "the class escalated on purpose")
    while not game.over:
        play_turn(session)
        session.next_after_reveal()
    app.switch(DebriefScene(app))
    app.mouse = (-100, -100)
    app.step(1 / 60)
    return game


def test_the_debrief_shows_state_of_the_region_then_score_and_the_red_cells_aims(app):
    game = _debrief(app, RED_CELL, crisis=False)
    r = game.result()
    text = screen_text(app)
    assert "Scores: state of the region -> score" in text
    rows = text.splitlines()
    shared = rows.index("Shared score")
    assert rows[shared + 1] == f"{number(r.shared.state)} -> {number(r.shared.score)}"
    for actor, sc in r.delegations.items():
        name = rows.index(game.book.delegations[actor].title, shared)
        assert rows[name + 1] == f"{number(sc.state)} -> {number(sc.score)}"
    assert r.red_cell is not None
    assert "Red cell's aims (PRC)" in text and f"{number(r.red_cell.score)} of 100" in text
    assert "capped" not in text


def test_the_debrief_says_plainly_that_the_crisis_capped_the_scores(app):
    from game.engine.scoring import on_the_scale

    game = _debrief(app, RED_CELL, crisis=True)
    r = game.result()
    assert r.crisis
    calm = on_the_scale(game.book, r.shared.state, False)
    text = _words(screen_text(app))
    assert "a crisis is a loss: it capped every score at 25" in text
    assert f"would have given a shared score of {number(calm)}" in text


def six_with_aims(tmp_path: Path) -> Path:
    """six.yaml, whose red cell also has aims (the debrief's longest scores panel)."""
    data = yaml.safe_load(SIX.read_text(encoding="utf-8"))
    red = next(a for a in data["actors"].values() if a["role"] == "red_cell")
    red["policy"]["aims"] = {"cooperation": -1, "resilience.cyber": -1, "tension": 0.5}
    path = tmp_path / "six-aims.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_a_crisis_debrief_with_six_delegations_and_aims_fits(tmp_path, monkeypatch, size, scale):
    from game.ui.app import App
    from game.ui.settings import Settings

    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    app = App(Settings(text_scale=scale), size=size)
    try:
        app.scene.wait_until_loaded()
        game = _debrief(app, six_with_aims(tmp_path), crisis=True)
        found = overlaps(app) + off_screen(app) + cut_text(app)
        assert not found, "\n".join(found[:20])
        text = screen_text(app)
        r = game.result()
        for sc in r.delegations.values():  # every delegation's row is shown
            assert f"{number(sc.state)} -> {number(sc.score)}" in text
        assert "Red cell's aims" in text and f"{number(r.red_cell.score)} of 100" in text
        assert "capped every score" in _words(text)
    finally:
        pygame.display.quit()


# --- inducements and the campaign where events are listed ---------------------------------


def test_the_news_feed_marks_inducements(app):
    from game.ui.scenes.turn import TurnScene

    new_session(app, RED_CELL, turns=1)
    app.switch(TurnScene(app))
    frames(app, 2)
    text = screen_text(app)
    assert f"Inducement: {INDUCEMENT}" in text
    assert COERCION in text and f"Inducement: {COERCION}" not in text


def _revealed(app, turns: int):  # noqa: ANN001, ANN202
    from game.ui.scenes.reveal import RevealScene

    session = new_session(app, RED_CELL, turns=turns - 1)
    play_turn(session)
    app.switch(RevealScene(app))
    app.mouse = (-100, -100)
    app.step(1 / 60)
    return session


def _tooltip_of(app, shown: str) -> str:
    drawn = next(d for d in app.painter.drawn if d.shown == shown)
    return app.tooltip_at(drawn.rect.center)


@pytest.mark.parametrize(
    "turn, stage",
    [(2, "Patrols and flights rise quarter by quarter."), (3, "Large drills around the island.")],
)
def test_the_reveal_marks_inducements_and_explains_the_campaign_of_its_turn(app, turn, stage):
    session = _revealed(app, turn)
    assert session.last_report.turn == turn
    text = screen_text(app)
    assert f"• Inducement: {INDUCEMENT} (Taipei)" in text
    assert f"• {COERCION} (The strait)" in text
    tip = _tooltip_of(app, f"• Inducement: {INDUCEMENT} (Taipei)")
    assert tip.startswith("Inducement (an offer meant to divide the partners")
    assert "PRC pressure campaign" in text  # the campaign's cause, by its label
    tip = _tooltip_of(app, "PRC pressure campaign")
    assert tip.startswith("The red cell's own pressure campaign")
    assert stage in tip  # the stage of the turn revealed, not of the turn to come
