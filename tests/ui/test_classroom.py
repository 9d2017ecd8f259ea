"""The classroom tools in the window: facilitator console, timer, forecasts, what-if."""

from __future__ import annotations

import pygame
import pytest

from game.engine.state import Cause
from tests.ui.conftest import click, frames, press, screen_text, type_keys


def start_game(app, password: str = "", forecasts: bool = False, timer: str = "") -> None:
    click(app, "New game")
    setup = app.scene
    if password:
        setup.password_entry.set_text(password)
    if timer:
        setup.timer_entry.set_text(timer)
        setup.timer_minutes = int(timer)
    if forecasts:
        press(app, pygame.K_f)
    click(app, "Start game")


def type_into(app, entry, text: str) -> None:
    entry.set_text(text)
    frames(app, 1)


def test_facilitator_console_actions_go_through_the_engine(app):
    start_game(app)
    game = app.session.game
    press(app, pygame.K_F9)
    assert "Facilitator console" in screen_text(app)
    console = app.overlays[-1]
    click(app, "Typhoon strikes the Ryukyus and eastern Taiwan")
    assert game.facilitator_log[-1].kind == "inject"
    type_into(app, console.amount_entry, "-4")
    type_into(app, console.reason_entry, "Delegations walked out")
    click(app, "Apply adjustment")
    last = game.ledger[-1]
    assert last.cause == Cause.FACILITATOR and last.amount == -4 and "walked out" in last.label
    type_into(app, console.note_entry, "Good debate on the dialogue")
    click(app, "Add note")
    assert game.notes()[-1].text == "Good debate on the dialogue"
    press(app, pygame.K_ESCAPE)
    assert "Facilitator console" not in screen_text(app)


@pytest.mark.parametrize(
    "typed", ["1000", "-100.5", "", "+-3", "1.2.3", "0" * 17 + "1", "-", ".", "5" * 400]
)
def test_the_console_refuses_amounts_in_the_terminal_s_words(app, typed):
    """One reading of a facilitator's amount (game.limits.read_adjustment) and one wording,
    the terminal's `!adjust` and the engine's: from -100 to 100, plain decimals only."""
    start_game(app)
    game = app.session.game
    press(app, pygame.K_F9)
    console = app.overlays[-1]
    type_into(app, console.amount_entry, typed)
    type_into(app, console.reason_entry, "a reason")
    entries = len(game.facilitator_log)
    click(app, "Apply adjustment")
    assert len(game.facilitator_log) == entries
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    assert console.message == f"an adjustment must be a number from -100 to 100, not {shown!r}"
    type_into(app, console.amount_entry, "-100")
    click(app, "Apply adjustment")
    assert game.facilitator_log[-1].amount == -100


def test_the_console_can_be_locked_with_a_password(app):
    start_game(app, password="white")
    press(app, pygame.K_F9)
    assert "Facilitator password" in screen_text(app)
    prompt = app.overlays[-1]
    type_into(app, prompt.entry, "wrong")
    click(app, "Open console")
    assert "Wrong password" in screen_text(app)
    type_into(app, prompt.entry, "white")
    click(app, "Open console")
    assert "Facilitator console" in screen_text(app)


def test_the_password_can_be_typed_as_soon_as_the_prompt_opens(app):
    """F9, then type: the prompt's field has the keyboard at once (in a mock class the first
    password typed went nowhere and the facilitator was told it was wrong)."""
    start_game(app, password="wc")
    press(app, pygame.K_F9)
    type_keys(app, "wc")
    press(app, pygame.K_RETURN)
    assert "Facilitator console" in screen_text(app)


def test_take_back_from_the_console_restores_the_previous_turn(app):
    start_game(app)
    press(app, pygame.K_RETURN)  # end turn 1
    press(app, pygame.K_RETURN)  # past the reveal
    game = app.session.game
    state_before_turn_2 = game.state.copy()
    press(app, pygame.K_RETURN)  # end turn 2
    press(app, pygame.K_RETURN)
    assert app.session.game.state.turn == 3
    press(app, pygame.K_F9)
    click(app, "Take back the last turn")
    click(app, "Click again to take back")
    restored = app.session.game
    assert restored.state == state_before_turn_2
    assert app.scene.title == "Turn"


def test_timer_counts_down_and_says_when_time_is_up(app):
    start_game(app, timer="1")
    session = app.session
    assert "Time left 1:00" in screen_text(app)
    for _ in range(5):
        app.step(15.0)
    assert session.time_up
    assert "Time is up" in screen_text(app)
    press(app, pygame.K_RETURN)  # the class can still end the turn
    assert app.scene.title == "Reveal"


def test_forecasts_are_asked_before_the_reveal_and_scored(app):
    start_game(app, forecasts=True)
    press(app, pygame.K_RETURN)  # end turn -> forecasts
    assert "your forecasts before the reveal" in screen_text(app)
    press(app, pygame.K_5)  # 90% for the first question (tension will rise)
    press(app, pygame.K_RETURN)
    game = app.session.game
    assert [(f.question, f.probability) for f in game.forecasts] == [("tension_up", 0.9)]
    assert app.scene.title == "Reveal"


def test_what_if_from_the_debrief_shows_both_outcomes(app):
    start_game(app)
    for _ in range(200):
        if app.scene.title == "Debrief":
            break
        press(app, pygame.K_RETURN)
    click(app, "What if...")
    scene = app.scene
    scene.turn, scene.actor, scene.measure, scene.choice = 1, "us", "counter_influence", "push"
    app.rebuild()
    click(app, "Replay with this change")
    text = screen_text(app)
    assert "As played" in text and "Had United States chosen to push" in text
    assert (
        scene.other is not None and scene.other.history[0]["us"].get("counter_influence") == "push"
    )
