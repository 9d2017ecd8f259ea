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
    # The help overlay's line about the mouse on this screen.
    mouse_help = "hover any number or card to see what it means and why it moved"

    def __init__(self, app: App):
        self.app = app
        self.widgets: list = []
        self.actions: dict[object, Action] = {}
        self.keys: dict[
            int, tuple[str, str, Action]
        ] = {}  # key -> (key name, what it does, action)
        self._layer: tuple | None = None

    # --- building ----------------------------------------------------------------------

    def build(self) -> None:
        """Create widgets for the current window size."""

    def teardown(self) -> None:
        self._layer = None
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

    def modal(self, box: pygame.Rect):  # noqa: ANN201 - a pygame_gui UIPanel
        """A dimmed backdrop over the whole window and a panel for an overlay's widgets.

        Both are pygame_gui elements, so the overlay's buttons draw above the scene's widgets.
        """
        from pygame_gui.elements import UIImage, UIPanel

        pal = self.app.palette
        shade = pygame.Surface(self.app.size, pygame.SRCALPHA)
        shade.fill((*pal.background, 215))
        self.add(
            UIImage(
                pygame.Rect((0, 0), self.app.size), shade, self.app.manager, starting_height=100
            )
        )
        return self.add(UIPanel(box, starting_height=101, manager=self.app.manager))

    def bind(self, key: int, name: str, description: str, action: Action) -> None:
        self.keys[key] = (name, description, action)

    def keys_help(self) -> list[tuple[str, str]]:
        """(key, what it does) for this screen's keys, then the keys that work everywhere."""
        everywhere = [(name, what) for _, name, what, _ in self.app.global_keys()]
        return [(name, what) for name, what, _ in self.keys.values()] + everywhere

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

    def draw_cached(
        self, surface: pygame.Surface, key: object, draw: Callable[[pygame.Surface], None]
    ) -> None:
        """Draw the scene's static parts once per `key` and reuse the picture on later frames.

        Text and hover areas recorded while drawing are replayed each frame, so tooltips and
        `App.visible_text()` behave exactly as if everything were drawn every frame.
        """
        painter = self.app.painter
        cached = self._layer
        if cached is None or cached[0] != key or cached[1].get_size() != surface.get_size():
            layer = pygame.Surface(surface.get_size())
            layer.fill(self.app.palette.background)
            first_text, first_hover = len(painter.drawn_text), len(painter.hovers)
            draw(layer)
            cached = (key, layer, painter.drawn_text[first_text:], painter.hovers[first_hover:])
            self._layer = cached
            surface.blit(layer, (0, 0))
            return
        surface.blit(cached[1], (0, 0))
        painter.drawn_text.extend(cached[2])
        painter.hovers.extend(cached[3])

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
