"""The in-game screens in a class: the clock, overlays, the facilitator's changes, the report,
save problems and the map's frame."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from pygame_gui.elements import UITooltip

from game.engine.game import FacilitatorAction
from game.ui.scenes.facilitator import FacilitatorConsole
from game.ui.scenes.help import HelpOverlay
from game.ui.scenes.pause import PauseOverlay
from game.ui.scenes.scoring import ScoringOverlay
from tests.ui.conftest import click, frames, press, screen_text
from tests.ui.screens import DEFAULT, SIX, new_session, open_screen, play_turn


def on_turn_screen(app, scenario=DEFAULT, timer: float = 300.0):  # noqa: ANN001, ANN201
    """A hot-seat game on its turn screen (no turn played yet), with a turn timer."""
    from game.ui.scenes.turn import TurnScene

    session = new_session(app, scenario, turns=0, timer=timer)
    app.switch(TurnScene(app))
    frames(app, 2)
    return session


_MOUSE = [(-100, -100)]


@pytest.fixture(autouse=True)
def mouse(monkeypatch):
    """pygame_gui reads the mouse from pygame.mouse.get_pos(), which a headless display never
    moves: it answers where `hover` last went instead."""
    _MOUSE[0] = (-100, -100)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: _MOUSE[0])


def hover(app, pos, seconds: float = 0.0) -> None:  # noqa: ANN001
    _MOUSE[0] = pos
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.step(1 / 60)
    if seconds:
        app.step(seconds)  # pygame_gui shows a widget's tooltip after it is hovered a while
    app.step(1 / 60)


def widget_tooltips(app) -> list[UITooltip]:  # noqa: ANN001
    return [
        s
        for s in app.manager.get_sprite_group().sprites()
        if isinstance(s, UITooltip) and s.alive()
    ]


# --- 8. Esc pauses the clock -------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, overlay", [(pygame.K_ESCAPE, PauseOverlay), (pygame.K_F9, FacilitatorConsole)]
)
def test_the_pause_menu_and_the_console_stop_the_clock_until_they_close(app, key, overlay):
    session = on_turn_screen(app)
    press(app, key)
    assert isinstance(app.top, overlay)
    left = session.timer_left
    app.step(40.0)
    assert session.timer_left == left
    assert "(stopped)" in session.timer_text()
    press(app, pygame.K_ESCAPE)  # resume
    app.step(10.0)
    assert session.timer_left < left - 9


def test_resuming_keeps_a_clock_the_facilitator_paused_paused(app):
    session = on_turn_screen(app)
    session.toggle_timer()  # the facilitator paused it
    left = session.timer_left
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    app.step(10.0)
    assert session.timer_left == left and not session.timer_running


def test_help_does_not_stop_the_clock(app):
    """F1 help is read while deciding (the keys of the same screen), so the clock runs on."""
    session = on_turn_screen(app)
    left = session.timer_left
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpOverlay)
    app.step(10.0)
    assert session.timer_left < left - 9


def test_one_more_minute_lasts_this_turn_only(app):
    session = on_turn_screen(app)
    press(app, pygame.K_F9)
    click(app, "+1 minute")
    assert session.timer_left == pytest.approx(360, abs=1)
    press(app, pygame.K_ESCAPE)
    play_turn(session)
    session.next_after_reveal()
    assert session.timer_left == 300 and session.timer_seconds == 300


def test_one_more_minute_gives_a_class_without_a_timer_a_clock_for_this_turn(app):
    session = on_turn_screen(app, timer=0.0)
    press(app, pygame.K_F9)
    click(app, "+1 minute")
    press(app, pygame.K_ESCAPE)
    assert "Time left 1:00" in screen_text(app)
    play_turn(session)
    session.next_after_reveal()
    assert not session.turn_timer


# --- 9. overlays are clean -----------------------------------------------------------------------


OVERLAYS = {
    "pause": lambda app: app.open_overlay(PauseOverlay(app)),
    "console": lambda app: app.open_overlay(FacilitatorConsole(app)),
    "help": lambda app: app.open_overlay(HelpOverlay(app, app.top.keys_help())),
    "scoring": lambda app: app.open_overlay(ScoringOverlay(app)),
}


CASES = [
    (screen, overlay)
    for screen in ("turn", "curtain", "reveal", "debrief", "what-if")
    for overlay in OVERLAYS
    if not (overlay == "console" and screen in ("debrief", "what-if"))  # F9 needs a game on
]


@pytest.mark.parametrize("screen, overlay", CASES)
def test_no_tooltip_of_the_screen_below_shows_over_an_overlay(app, screen, overlay):
    open_screen(app, screen, DEFAULT)
    frames(app, 2)
    scene = app.scene
    below = {}
    points = [h.rect.center for h in app.painter.hovers]
    points += [d.rect.center for d in app.painter.drawn if d.has_more]
    for pos in points[:: max(1, len(points) // 8)]:
        hover(app, pos)
        if app.painted_tooltip_text:
            below[pos] = app.painted_tooltip_text
    tipped = [
        w
        for w in scene.widgets
        if getattr(w, "tool_tip_text", None) and w.is_enabled and not w.is_selected
    ][:3]
    for widget in tipped:
        hover(app, widget.rect.center, seconds=1.0)
        assert widget in [t.parent_element for t in widget_tooltips(app)]
    # painted hovers show while nothing covers the screen (the curtain and What-if have none)
    assert below or screen in ("curtain", "what-if")
    OVERLAYS[overlay](app)
    for pos, text in below.items():
        hover(app, pos)
        assert app.painted_tooltip_text != text, f"the screen's tooltip at {pos} shows"
    for widget in tipped:
        hover(app, widget.rect.center, seconds=1.0)
        owners = [t.parent_element for t in widget_tooltips(app)]
        assert widget not in owners, f"the tooltip of {widget.text!r} shows over the {overlay}"


def card_id(scene) -> str:  # noqa: ANN001
    return next(iter(scene.choice_buttons))


def test_no_tooltip_covers_end_turn(app):
    """Every painted hover area and every widget tooltip on the turn screen, at 1024x600 and
    the largest text (the tallest tooltips)."""
    from game.ui.settings import TEXT_SCALES

    app.settings.window_size = (1024, 600)
    app.settings.text_scale = TEXT_SCALES[-1]
    app.apply_settings()
    session = on_turn_screen(app)
    play_turn(session)  # a turn played: markers, movements, "pushed last turn"
    session.next_after_reveal()
    from game.ui.scenes.turn import TurnScene

    app.switch(TurnScene(app))
    frames(app, 2)
    scene = app.scene
    end = scene.end_button.rect
    points = [h.rect.center for h in app.painter.hovers]
    points += [(h.rect.x + 4, h.rect.y + 4) for h in app.painter.hovers]
    points += [(h.rect.right - 2, h.rect.bottom - 2) for h in app.painter.hovers]
    points += [d.rect.center for d in app.painter.drawn if d.has_more]
    shown = 0
    for pos in points:
        hover(app, pos)
        if app.painted_tooltip is not None:
            shown += 1
            assert not app.painted_tooltip.colliderect(end), f"tooltip at {pos} covers End turn"
    assert shown > 10
    tips = 0
    for button in [w for w in scene.widgets if getattr(w, "tool_tip_text", None)]:
        if button is scene.end_button:
            continue
        hover(app, button.rect.center, seconds=1.0)
        for tip in widget_tooltips(app):
            tips += 1
            assert not tip.rect.colliderect(end), f"the tooltip of {button.text!r} covers End turn"
    assert tips > 3
    # a widget right above End turn, whose tooltip would naturally go below it
    probe = scene.button(
        pygame.Rect(end.x, end.y - 34, end.width, 30), "Probe", lambda: None, "A short tip"
    )
    hover(app, probe.rect.center, seconds=1.0)
    shown = widget_tooltips(app)
    assert shown and not any(tip.rect.colliderect(end) for tip in shown)


def unchanged_pixels(surface: pygame.Surface, sprite) -> bool:  # noqa: ANN001
    """Whether `sprite` shows on `surface` exactly as its own picture (nothing drawn over it)."""
    rect = sprite.rect.clip(surface.get_rect())
    on_screen = pygame.surfarray.pixels3d(surface)[rect.x : rect.right, rect.y : rect.bottom]
    own = sprite.image.copy()
    base = pygame.Surface(sprite.rect.size)
    base.blit(own, (0, 0))
    expected = pygame.surfarray.pixels3d(base)[: rect.width, : rect.height]
    alpha = pygame.surfarray.pixels_alpha(own)[: rect.width, : rect.height]
    opaque = alpha == 255
    return bool(np.array_equal(on_screen[opaque], expected[opaque]))


def test_an_open_drop_down_is_never_shown_through_by_the_labels_behind_it(app):
    on_turn_screen(app)
    press(app, pygame.K_F9)
    console = app.top
    menu = console.indicator_menu
    click_at(app, menu.rect.center)
    selection = menu.current_state.options_selection_list
    assert selection is not None and selection.alive()
    labels = [d.rect for d in app.painter.since(app._marks[-1])[0]]
    items = [i["button_element"] for i in selection.item_list if i["button_element"] is not None]
    covered = [b for b in items if b.visible and b.rect.collidelist(labels) != -1]
    assert covered, "the open list lies over some of the console's labels"
    for button in covered:
        assert unchanged_pixels(app.surface, button), f"a label shows through {button.text!r}"


def click_at(app, pos) -> None:  # noqa: ANN001
    hover(app, pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.step(1 / 60)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 3)


# --- 10. the facilitator's changes show at once ------------------------------------------------


def test_an_adjustment_shows_at_once_on_the_dashboard_and_in_the_news_with_its_reason(app):
    on_turn_screen(app)
    scene = app.scene
    press(app, pygame.K_F9)
    console = app.top
    console.amount_entry.set_text("7")
    console.reason_entry.set_text("walkout over the fishing dispute")
    selected = console.indicator_menu.selected_option[1]
    click(app, "Apply adjustment")
    press(app, pygame.K_ESCAPE)
    assert "walkout over the fishing dispute" in scene.news_box.html_text
    title = app.session.game.book.title_of(selected)
    row = next(h for h in app.painter.hovers if h.text.startswith(f"{title}:"))
    assert "Changed during this quarter: +7 = facilitator: walkout over the fishing dispute" in (
        row.text
    )
    assert "+7" in [d.shown for d in app.painter.drawn if d.rect.colliderect(row.rect)]


def test_an_inject_fired_mid_turn_shows_at_once_with_its_effects(app):
    session = on_turn_screen(app)
    scene = app.scene
    game = session.game
    inject = next(i for i in game.book.injects if i.effects)
    press(app, pygame.K_F9)
    click(app, inject.model.title)
    press(app, pygame.K_ESCAPE)
    assert "This quarter so far" in scene.news_box.html_text
    assert inject.model.title.replace("'", "&#x27;") in scene.news_box.html_text or (
        inject.model.title in scene.news_box.html_text
    )
    tips = "\n".join(h.text for h in app.painter.hovers)
    assert f"= {inject.model.title}" in tips


def test_a_take_back_is_in_the_news(app):
    session = on_turn_screen(app)
    game = session.game
    game.facilitator_log.append(
        FacilitatorAction(turn=game.state.turn, kind="takeback", text="quarter 2 undone")
    )
    frames(app, 2)
    assert "The facilitator took back a turn: quarter 2 undone" in app.scene.news_box.html_text


# --- 11. the report says where it is; take-backs in the debrief -----------------------------


LONG = "/home/teacher/classes/year-11-international-relations/trilateral/saves/" + (
    "free-and-open-indo-pacific-20250101-101010-seed7/report/report.html"
)


def on_debrief(app, scenario=DEFAULT):  # noqa: ANN001, ANN201
    open_screen(app, "debrief", scenario)
    return app.scene


def test_write_report_shows_the_whole_path_and_opens_its_folder(app, monkeypatch):
    import game.report
    import game.ui.scenes.debrief as debrief

    monkeypatch.setattr(game.report, "write_report", lambda g, folder, save_path=None: (LONG, ""))
    opened = []
    monkeypatch.setattr(debrief.subprocess, "Popen", lambda argv, **kw: opened.append(argv))
    monkeypatch.setattr(debrief.sys, "platform", "linux")
    app.settings.window_size = (1024, 600)
    app.apply_settings()
    scene = on_debrief(app)
    press(app, pygame.K_a)
    scene.report_thread.join(5)
    frames(app, 3)
    shown = "".join(d.shown for d in app.painter.drawn if d.rect.y >= scene.message_y - 1)
    assert LONG in shown.replace(" ", "")
    assert not any(d.shortened for d in app.painter.drawn if LONG[:20] in d.full)
    click(app, "Open folder")
    assert opened == [["xdg-open", LONG.rsplit("/", 1)[0]]]


def test_a_folder_that_cannot_be_opened_is_a_message_not_a_crash(app, monkeypatch):
    import game.report
    import game.ui.scenes.debrief as debrief

    def missing(argv, **kw):  # noqa: ANN001, ANN202
        raise FileNotFoundError(2, "No such file or directory", argv[0])

    monkeypatch.setattr(game.report, "write_report", lambda g, folder, save_path=None: (LONG, ""))
    monkeypatch.setattr(debrief.subprocess, "Popen", missing)
    monkeypatch.setattr(debrief.sys, "platform", "linux")
    scene = on_debrief(app)
    press(app, pygame.K_a)
    scene.report_thread.join(5)
    frames(app, 3)
    click(app, "Open folder")
    assert "Could not open the folder" in screen_text(app)


def test_take_backs_appear_in_the_debrief_and_its_timeline(app):
    open_screen(app, "debrief", DEFAULT)
    game = app.session.game
    game.facilitator_log.append(
        FacilitatorAction(turn=2, kind="takeback", text="the class replayed quarter 2")
    )
    from game.ui.scenes.debrief import DebriefScene

    app.switch(DebriefScene(app))
    frames(app, 2)
    assert "Q2: took back a turn: the class replayed quarter 2" in screen_text(app)
    tips = [h.text for h in app.painter.hovers]
    assert any(t.startswith("Quarter 2 was taken back") for t in tips)


# --- 13. the console helps the white cell decide ---------------------------------------------


def test_each_inject_shows_its_effects_and_whether_it_has_fired(app):
    from game.ui.labels import inject_effects_text

    session = new_session(app, DEFAULT, turns=1)
    from game.ui.scenes.turn import TurnScene

    app.switch(TurnScene(app))
    game = session.game
    by_hand = next(i for i in game.book.injects if i.turn is None and i.effects)
    game.fire_inject(by_hand.id)
    scheduled = [i for t, i in game.state.fired_injects if t == 1 and i != by_hand.id]
    press(app, pygame.K_F9)
    console = app.top
    drawn = "\n".join(d.full for d in app.painter.since(app._marks[-1])[0])
    for inject_id, _y in console.inject_rows:
        fired = console.inject_status(inject_id)[1]
        assert inject_effects_text(game, inject_id, fired=fired) in drawn + "\n".join(
            h.text for h in app.painter.hovers
        )
    assert "Fired Q2 by hand" in drawn
    assert scheduled and all(console.inject_status(i) == ("Fired Q1", True) for i in scheduled)
    assert "Fired Q1" in drawn


def test_inject_effects_use_the_windows_one_wording(app):
    from game.ui.labels import effects_text, inject_effects_text

    session = new_session(app, DEFAULT, turns=0)
    game = session.game
    inject = next(i for i in game.book.injects if i.effects)
    wording = effects_text(game, inject.model.effects.ranges.items())
    assert inject_effects_text(game, inject.id).startswith(wording)


# --- 4 and 3. save problems and warnings are shown ----------------------------------------------


@pytest.mark.parametrize("screen", ["turn", "reveal", "debrief"])
def test_a_failed_save_is_shown_until_a_save_succeeds(app, screen):
    open_screen(app, screen, SIX)
    app.session.save_problem = "No space left on device"
    frames(app, 2)
    banner = "The game could not be saved: No space left on device — it will keep trying."
    assert banner in screen_text(app).replace("\n", " ") or banner in " ".join(
        d.full for d in app.painter.drawn
    )
    from tests.ui.overlap import off_screen, overlaps

    assert not overlaps(app) + off_screen(app)
    app.session.save_problem = None
    frames(app, 2)
    assert "could not be saved" not in screen_text(app)


def test_warnings_about_a_loaded_save_show_on_the_first_screen_and_in_the_debrief(app):
    session = on_turn_screen(app, SIX)
    session.game.save_warnings = ("This save was changed outside Trilateral.",)
    app.scene.teardown()
    app.scene.build()
    frames(app, 2)
    warning = "Warning about this saved game: This save was changed outside Trilateral."
    assert warning in " ".join(d.full for d in app.painter.drawn)
    press(app, pygame.K_RETURN)  # end turn: the next screens have no banner
    assert warning not in " ".join(d.full for d in app.painter.drawn)
    while not session.game.over:
        play_turn(session)
        session.next_after_reveal()
    from game.ui.scenes.debrief import DebriefScene

    app.switch(DebriefScene(app))
    frames(app, 2)
    assert warning in " ".join(d.full for d in app.painter.drawn)


# --- 19. the map's frame comes from the scenario -------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_seouls_marker_is_inside_the_map_where_it_belongs(app, size):
    from game.engine.game import EventRecord
    from game.ui.mapview import draw_region

    app.settings.window_size = size
    app.apply_settings()
    session = new_session(app, SIX, turns=1)
    seoul = EventRecord(
        "probe", "Cyber probe", "Networks are probed.", "cyber", "korea", "seoul", 0
    )
    report = session.last_report._replace(events=(seoul,))
    from game.ui.scenes.turn import TurnScene

    app.switch(TurnScene(app))
    frames(app, 1)
    rect = app.scene.map_rect
    app.painter.begin_frame()
    draw_region(app, app.surface, rect, session.game, report)
    marker = next(h for h in app.painter.hovers if h.text.startswith("Cyber probe (Seoul"))
    assert rect.contains(marker.rect)
    # not pinned to the top edge, as a place outside the frame would be
    assert marker.rect.top > rect.top + 4


def test_a_frame_beyond_the_maps_outlines_is_clamped_to_them():
    from game.ui.region_map import RegionMap

    region = RegionMap.load()
    west, east, south, north = region.extent
    framed = region.framed((west - 20, east - 10), (south + 2, north + 30))
    assert framed.frame == (west, east - 10, south + 2, north)
    assert region.framed((150, 120), (10, 30)).frame == region.frame  # west of east: default
    assert region.framed((114, 146), (12, 37)) is region


def test_a_message_that_lets_play_go_on_leaves_the_screens_tooltips_alone(app):
    from game.ui.scenes.help import MessageOverlay

    on_turn_screen(app)
    card = next(iter(app.scene.card_rects.values()))
    hover(app, (card.x + 20, card.y + 20))
    before = app.painted_tooltip_text
    app.open_overlay(MessageOverlay(app, "Reload failed", "broken.yaml:3:1: bad", bad=True))
    hover(app, (card.x + 20, card.y + 20))
    assert before and app.painted_tooltip_text == before


@pytest.mark.parametrize("history", [False, True])
def test_the_console_says_when_a_history_event_fires(app, history):
    from tests.ui.screens import HISTORY

    session = new_session(app, HISTORY, turns=0, history=history)
    from game.ui.scenes.turn import TurnScene

    app.switch(TurnScene(app))
    press(app, pygame.K_F9)
    status, fired = app.top.inject_status("statement")
    assert not fired and status.startswith("History, 14 May 2020: ")
    if history:  # scheduled on the quarter of its date
        assert status.endswith("scheduled for turn 2")  # the fixture's turns are "Turn"s
    else:  # never "scheduled": a game without the excursion would not fire it
        assert "this game does not play; it fires only by hand" in status
    assert session.game.setup.history is history
