"""Shared fixtures for driving the real app headless with synthetic mouse and key events."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIButton  # noqa: E402


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    application = App(Settings(), size=(1280, 720))
    application.scene.wait_until_loaded()
    application.step()
    yield application
    pygame.display.quit()


def frames(app, n: int = 3) -> None:
    for _ in range(n):
        app.step()


def buttons(app) -> list[UIButton]:
    out = []
    for layer in [app.scene, *app.overlays]:
        out.extend(w for w in layer.widgets if isinstance(w, UIButton) and w.alive() and w.visible)
    return out


def find_button(app, text: str, tooltip_contains: str | None = None) -> UIButton:
    """The button a player would look for by its label (and, if several share it, its tooltip)."""
    # by the whole label: a label too long for its button is shown shortened with "…"
    matches = [b for b in buttons(app) if getattr(b, "full_text", b.text) == text]
    if tooltip_contains is not None:
        matches = [b for b in matches if tooltip_contains in (b.tool_tip_text or "")]
    assert matches, f"no button {text!r} on screen; buttons: {[b.text for b in buttons(app)]}"
    return matches[0]


def click(app, text: str, tooltip_contains: str | None = None) -> None:
    """Move the mouse to the button and click it, as a player would."""
    target = find_button(app, text, tooltip_contains)
    pos = target.rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 3)


def press(app, key: int, unicode: str = "") -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)
    )
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0))
    frames(app, 2)


def screen_text(app) -> str:
    return app.visible_text()


def type_keys(app, text: str) -> None:
    """Type `text` as a keyboard does: for each character a KEYDOWN, then the TEXTINPUT event
    that carries the character, then a KEYUP (tests that set a field's text directly cannot
    see a field that never gets the keyboard)."""
    for ch in text:
        key = pygame.key.key_code(ch) if ch.isascii() and ch.isalnum() else 0
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=ch, scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        frames(app, 1)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=ch, scancode=0))
        frames(app, 1)
