"""Tooltips that read like a strategy game's: bold terms, signed numbers in the colour of their
meaning, never over the turn's action buttons, and every card's and indicator's details open
by keyboard and pinned."""

from __future__ import annotations

import re

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.ui.richtext import esc, plain, runs
from tests.ui.conftest import frames, press, screen_text
from tests.ui.screens import DEFAULT, new_session, play_turn

SIGNED = re.compile(r"^[+\-−]\d")


def on_turn_screen(app, size=(1280, 720)):  # noqa: ANN001, ANN201
    """A turn after one was played (so indicators moved), a human deciding."""
    from game.ui.scenes.turn import TurnScene

    app.settings.window_size = size
    app.apply_settings()
    session = new_session(app, DEFAULT, turns=0, timer=0)
    play_turn(session)
    session.next_after_reveal()
    app.switch(TurnScene(app))
    frames(app, 2)
    return app.scene


def hover(app, pos) -> None:  # noqa: ANN001
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app, 1)


def action_buttons(scene) -> list[pygame.Rect]:  # noqa: ANN001
    """Every button of the turn screen (Push / Hold / Oppose, End turn, Menu, Help), from
    the widgets themselves."""
    return [
        pygame.Rect(w.rect)
        for w in scene.widgets
        if isinstance(w, UIButton) and w.alive() and w.visible
    ]


def test_marked_text_round_trips_and_has_bold_and_coloured_runs():
    for text in ("a*b", "**x**", "[good]y[/]", "back\\slash", "日本語「括弧」", ""):
        assert plain(esc(text)) == text
    (line,) = runs("**Regional tension**: 52, [bad]**+4**[/] and [good]-1[/]")
    assert line[0].text == "Regional tension" and line[0].bold
    assert [(r.text, r.bold, r.tone) for r in line if r.tone] == [
        ("+4", True, "bad"),
        ("-1", False, "good"),
    ]
    assert [len(p) for p in runs("one\ntwo")] == [1, 1]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_no_tooltip_covers_an_action_button_or_leaves_the_window(app, size):
    scene = on_turn_screen(app, size)
    buttons = action_buttons(scene)
    assert len(buttons) > 10  # choice buttons on the cards, and the bar's
    window = app.surface.get_rect()
    targets = scene.focus_rects()
    assert sum(k[0] == "card" for k in targets) == len(scene.card_rects)
    assert sum(k[0] == "indicator" for k in targets) >= 10
    for key, rect in targets.items():
        # by mouse: the middle and the corners of every card and indicator row
        for pos in (rect.center, (rect.x + 3, rect.y + 3), (rect.right - 3, rect.bottom - 3)):
            hover(app, pos)
            if app.widget_at(pos) is not None:
                continue  # a button's own tooltip
            box = app.painted_tooltip
            assert box is not None, f"no tooltip for {key} at {pos}"
            assert window.contains(box), f"{key}: tooltip leaves the window"
            hit = [b for b in buttons if box.colliderect(b)]
            assert not hit, f"{key} at {pos}: tooltip {box} covers buttons {hit}"
        # by keyboard: its details opened with the focus ring on it
        hover(app, (-100, -100))
        scene.set_kb_focus(key)
        press(app, pygame.K_i)
        (tip,) = app.open_tooltips
        assert tip.key == key and window.contains(tip.rect)
        assert not [b for b in buttons if tip.rect.colliderect(b)], f"{key}: details cover"
        press(app, pygame.K_i)
        assert app.open_tooltips == []


def test_details_open_by_keyboard_pin_and_close(app):
    scene = on_turn_screen(app)
    first = list(scene.card_rects)[0]
    press(app, pygame.K_1)
    assert scene.kb_focus == ("card", first)
    press(app, pygame.K_i)
    (tip,) = app.open_tooltips
    assert not tip.pinned and tip.text.startswith(scene.game.book.measure[first].model.title)
    press(app, pygame.K_k)  # pinned
    (tip,) = app.open_tooltips
    assert tip.pinned and tip.key == ("card", first)
    # the arrows move the ring up from the cards to the indicators
    for _ in range(12):
        press(app, pygame.K_UP)
        if scene.kb_focus[0] == "indicator":
            break
    assert scene.kb_focus[0] == "indicator"
    press(app, pygame.K_i)
    assert [t.pinned for t in app.open_tooltips] == [True, False]
    assert app.open_tooltips[1].text == scene.indicator_tips[scene.kb_focus[1]].text
    # the mouse moving about does not close a pinned tooltip
    hover(app, (5, app.size[1] - 5))
    hover(app, scene.card_rects[first].center)
    assert [t.pinned for t in app.open_tooltips] == [True, False]
    press(app, pygame.K_ESCAPE)  # the open details close first
    assert [t.pinned for t in app.open_tooltips] == [True]
    hover(app, (-100, -100))
    press(app, pygame.K_k)  # nothing open, no tooltip under the mouse: K pins the ring's
    assert [t.pinned for t in app.open_tooltips] == [True, True]
    press(app, pygame.K_ESCAPE)  # the newest pinned closes
    assert [t.key for t in app.open_tooltips] == [("card", first)]
    # a click on a pinned tooltip closes it, and is not a click on what lies beneath
    pos = app.open_tooltips[0].rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)
    assert app.open_tooltips == [] and scene.pins == []
    assert not app.overlays
    press(app, pygame.K_ESCAPE)  # nothing open: Esc pauses, as before
    assert app.overlays and app.overlays[-1].title == "Paused"


def test_the_mouse_can_pin_the_tooltip_under_it(app):
    scene = on_turn_screen(app)
    row = scene.indicator_tips[1]
    hover(app, row.rect.center)
    assert app.painted_tooltip_text == row.text
    press(app, pygame.K_k)
    hover(app, (-100, -100))
    (tip,) = app.open_tooltips
    assert tip.pinned and tip.text == row.text


def _tooltip_draws(app, box):  # noqa: ANN001, ANN202
    return [d for d in app.painter.drawn if box.contains(d.rect)]


def test_signed_numbers_are_drawn_in_the_good_and_bad_colours_and_terms_bold(app):
    scene = on_turn_screen(app)
    pal = app.palette
    book = scene.game.book
    seen = {"good": 0, "bad": 0}
    for i, row in enumerate(scene.indicator_tips):
        hover(app, (-100, -100))
        scene.set_kb_focus(("indicator", i))
        press(app, pygame.K_i)
        (tip,) = app.open_tooltips
        draws = _tooltip_draws(app, tip.rect)
        title = row.text.split(":")[0]
        assert any(d.bold and d.shown == title for d in draws), f"{title} not bold"
        numbers = [d for d in draws if SIGNED.match(d.shown) and d.shown not in ("+0", "-0")]
        for d in numbers:
            value = float(d.shown.replace("−", "-").split()[0])
            up_is_good = not title.startswith(book.title_of("tension"))
            good = (value > 0) == up_is_good
            assert d.colour == (pal.good if good else pal.bad), f"{title}: {d.shown}"
            assert d.bold
            seen["good" if good else "bad"] += 1
        press(app, pygame.K_i)
    assert seen["good"] and seen["bad"]  # both colours were needed and used
    # a card's details: its title bold, its effects' numbers coloured
    press(app, pygame.K_1)
    press(app, pygame.K_i)
    (tip,) = app.open_tooltips
    draws = _tooltip_draws(app, tip.rect)
    first = scene.game.book.measure[list(scene.card_rects)[0]].model.title
    assert any(d.bold for d in draws if d.shown in first)
    assert any(d.colour in (pal.good, pal.bad) for d in draws if SIGNED.match(d.shown))


def test_the_help_names_the_keys_for_details(app):
    on_turn_screen(app)
    press(app, pygame.K_F1)
    text = screen_text(app)
    assert "open or close the details of the card or indicator in focus" in text
    assert "pin or unpin" in text and "Arrow keys" in text
