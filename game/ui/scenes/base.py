"""What every scene has: widgets it owns, button actions, key bindings, and a help list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

if TYPE_CHECKING:
    from game.ui.app import App

Action = Callable[[], None]


class Scene:
    """A screen. Subclasses lay out widgets in `build`, draw custom parts in `draw`."""

    title = ""

    def __init__(self, app: App):
        self.app = app
        self.widgets: list = []
        self.actions: dict[object, Action] = {}
        self.keys: dict[int, tuple[str, str, Action]] = {}  # key -> (key name, what it does, action)

    # --- building ----------------------------------------------------------------------

    def build(self) -> None:
        """Create widgets for the current window size."""

    def teardown(self) -> None:
        for widget in self.widgets:
            widget.kill()
        self.widgets = []
        self.actions = {}

    def add(self, widget):  # noqa: ANN001, ANN201
        self.widgets.append(widget)
        return widget

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Action,
        tooltip: str | None = None,
        object_id: str | None = None,
        container=None,  # noqa: ANN001
    ) -> UIButton:
        widget = UIButton(
            relative_rect=rect,
            text=text,
            manager=self.app.manager,
            container=container,
            tool_tip_text=tooltip,
            object_id=ObjectID(object_id=object_id) if object_id else None,
        )
        self.actions[widget] = action
        return self.add(widget)

    def bind(self, key: int, name: str, description: str, action: Action) -> None:
        self.keys[key] = (name, description, action)

    def keys_help(self) -> list[tuple[str, str]]:
        common = [("F1", "show or hide this help"), ("F11", "full screen on/off")]
        return [(name, what) for name, what, _ in self.keys.values()] + common

    # --- input -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.actions.get(event.ui_element)
            if action is not None:
                action()
        elif event.type == pygame.KEYDOWN:
            binding = self.keys.get(event.key)
            if binding is not None:
                binding[2]()
            else:
                self.on_key(event)
        else:
            self.on_event(event)

    def on_key(self, event: pygame.event.Event) -> None:
        """Keys without a binding (e.g. digits)."""

    def on_event(self, event: pygame.event.Event) -> None:
        """Other events (drop-down changes, text entry, mouse on custom-drawn parts)."""

    # --- frame -------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    # --- layout helpers ----------------------------------------------------------------------

    @property
    def width(self) -> int:
        return self.app.size[0]

    @property
    def height(self) -> int:
        return self.app.size[1]

    def s(self, value: float) -> int:
        """Scale a length designed for 1280x720 to the current window."""
        return round(value * min(self.width / 1280, self.height / 720))
