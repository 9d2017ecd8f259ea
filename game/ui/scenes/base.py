"""What every scene has: widgets it owns, button actions, key bindings, and a help list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox

from game.i18n import N_
from game.ui.widgets import TYPED_REFUSED, fit_to_width, widget_html, widget_text

if TYPE_CHECKING:
    from game.ui.app import App

Action = Callable[[], None]


class OpenTip(NamedTuple):
    """A tooltip a screen keeps open (its details opened by keyboard, or pinned)."""

    key: object  # what it explains, in the screen's own terms
    target: pygame.Rect  # the thing it explains: the tooltip goes beside it
    text: str  # marked text (game.ui.richtext)
    footer: str  # a dimmed last line: the keys that pin or close it
    pinned: bool


class Scene:
    """A screen. Subclasses lay out widgets in `build`, draw custom parts in `draw`."""

    title = ""
    # An overlay that takes the class away from deciding stops the turn clock while it is
    # open (see Session.tick); the scene underneath keeps updating but the clock holds.
    stops_clock = False
    # An overlay covers the screen: the scene's tooltips give way to its own. A message that
    # lets play go on beneath it says False.
    covers_screen = True
    # The help overlay's line about the mouse on this screen.
    mouse_help = N_("hover any number or card to see what it means and why it moved")
    # A class on devices (game.ui.devices): switching to this screen ends it (the title, Setup,
    # Load), and this screen gives way to the reveal once every delegation has decided.
    ends_class = False
    watches_class = False

    def __init__(self, app: App):
        self.app = app
        self.widgets: list = []
        self.actions: dict[object, Action] = {}
        self.keys: dict[
            int, tuple[str, str, Action]
        ] = {}  # key -> (key name, what it does, action)
        self._layer: tuple | None = None
        self.modal_panel = None  # an overlay's modal panel (see `modal`)
        self.primary: list = []  # the main action buttons: tooltips keep clear of them

    # --- building ----------------------------------------------------------------------

    def build(self) -> None:
        """Create widgets for the current window size."""

    def hide_text_beneath(self) -> None:
        """An overlay hides the text boxes of the screen beneath it: pygame_gui draws text
        boxes on a layer of their own, above the overlay's backdrop. `teardown` shows them
        again."""
        self.hidden_beneath = [
            w for w in self.app.scene.widgets if isinstance(w, UITextBox) and w.visible
        ]
        for widget in self.hidden_beneath:
            widget.hide()

    def teardown(self) -> None:
        for widget in getattr(self, "hidden_beneath", []):
            if widget.alive():
                widget.show()
        self.hidden_beneath = []
        self._layer = None
        for widget in self.widgets:
            widget.kill()
        self.widgets = []
        self.actions = {}
        self.modal_panel = None
        self.primary = []

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
            text=widget_text(text),
            manager=self.app.manager,
            container=container,
            object_id=ObjectID(object_id=object_id) if object_id else None,
        )
        fit_label(widget, text, tooltip)
        self.actions[widget] = action
        if object_id == "#primary":
            self.primary.append(widget)
        return self.add(widget)

    def dropdown(
        self,
        options: list[tuple[str, str]],
        current: str,
        rect: pygame.Rect,
        container=None,  # noqa: ANN001
    ):  # noqa: ANN201 - a pygame_gui UIDropDownMenu
        """A drop-down of (label, value) options, starting on the value `current`.

        Labels too long for the menu end with "…" (made unique by their number if two would
        look the same); the whole label is the tooltip of its item and of the closed menu.
        The menu opens no further than the window's bottom (it scrolls instead). Events carry
        the value as `selected_option_id`."""
        from pygame_gui.elements import UIDropDownMenu

        labels = [widget_text(label) for label, _ in options]
        absolute = rect.move(container.rect.topleft) if container is not None else rect
        limit = max(rect.height * 3, self.height - absolute.bottom - self.s(8))

        def make(shown: list[str]):  # noqa: ANN202
            items = [(sh, value) for sh, (_, value) in zip(shown, options, strict=True)]
            start = next((item for item in items if item[1] == current), items[0])
            return UIDropDownMenu(
                items,
                start,
                rect,
                self.app.manager,
                container=container,
                expansion_height_limit=limit,
            )

        menu = make(labels)
        # measured on the menu itself: its face, and its list's items (which leave room for
        # a scroll bar)
        face = menu.current_state.selected_option_button
        room = min(label_width(face), rect.width - 24 - 2 * face.text_horiz_alignment_padding)
        shown = fit_unique(labels, room, lambda t: face.font.size(t)[0])
        if shown != labels:
            menu.kill()
            menu = make(shown)
        menu.full_labels = {sh: label for sh, label in zip(shown, labels, strict=True)}
        return self.add(menu)

    def text_entry(
        self,
        rect: pygame.Rect,
        container=None,  # noqa: ANN001
        placeholder: str | None = None,
        text: str = "",
    ):  # noqa: ANN201 - a pygame_gui UITextEntryLine
        """A one-line text field; what is typed or pasted into it must be drawable (see
        `game.ui.widgets.TYPED_REFUSED`)."""
        from pygame_gui.elements import UITextEntryLine

        field = UITextEntryLine(
            rect,
            self.app.manager,
            container=container,
            placeholder_text=placeholder,
            initial_text=widget_text(text) or None,
        )
        field.set_forbidden_characters(TYPED_REFUSED)
        return self.add(field)

    def open_tips(self) -> list[OpenTip]:
        """Tooltips this screen keeps open whatever the mouse does (none here)."""
        return []

    def keep_clear(self) -> list[pygame.Rect]:
        """Rects no tooltip may cover: this screen's main action buttons (End turn, ...)."""
        return [pygame.Rect(w.rect) for w in self.primary if w.alive() and w.visible]

    def modal(self, box: pygame.Rect):  # noqa: ANN201 - a pygame_gui UIPanel
        """A dimmed backdrop over the whole window and a panel for an overlay's widgets.

        Both are pygame_gui elements, so the overlay's buttons draw above the scene's widgets,
        and above those of any overlay already open (the F1 help over the scoring page).
        """
        from pygame_gui.elements import UIImage, UIPanel

        pal = self.app.palette
        shade = pygame.Surface(self.app.size, pygame.SRCALPHA)
        shade.fill((*pal.background, 215))
        group = self.app.manager.get_sprite_group()
        height = max(100, group.get_top_layer() + 1) if group.sprites() else 100
        self.add(
            UIImage(
                pygame.Rect((0, 0), self.app.size), shade, self.app.manager, starting_height=height
            )
        )
        self.modal_panel = self.add(
            UIPanel(box, starting_height=height + 1, manager=self.app.manager)
        )
        return self.modal_panel

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

    def takes_click(self, pos: tuple[int, int]) -> bool:
        """Whether a click at `pos` is this layer's alone (a message drawn over widgets)."""
        return False

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
            mark = painter.mark()
            draw(layer)
            cached = (key, layer, painter.since(mark))
            self._layer = cached
            surface.blit(layer, (0, 0))
            return
        surface.blit(cached[1], (0, 0))
        painter.replay(cached[2])

    # --- the clock and banners ----------------------------------------------------------------

    def clock_held(self) -> bool:
        """Whether an open overlay stops the turn clock (see `stops_clock`)."""
        return any(o.stops_clock for o in self.app.overlays)

    def banners(self) -> list[str]:
        """Warnings the players must see on this screen, one paragraph each (none here)."""
        return []

    def banner_height(self) -> int:
        """Pixels the banners take at the top of the window; screens lay out below them."""
        self._banners = tuple(self.banners())
        if not self._banners:
            return 0
        p = self.app.painter
        lines = sum(
            len(p.wrap(b, 14, self.width - self.s(40), bold=True)[:3]) for b in self._banners
        )
        return lines * p.line_height(14, True) + self.s(10) * len(self._banners)

    def draw_banners(self, surface: pygame.Surface) -> None:
        """Each banner as a strip across the top of the window, in the warning colour."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        y = 0
        for text in getattr(self, "_banners", ()):
            lines = p.wrap(text, 14, self.width - s(40), bold=True)
            height = min(3, len(lines)) * p.line_height(14, True) + s(10)
            strip = pygame.Rect(0, y, self.width, height)
            pygame.draw.rect(surface, pal.warning, strip)  # dark text on it: WCAG AA at any size
            p.paragraph(
                surface,
                text,
                pygame.Rect(s(20), y + s(5), self.width - s(40), height - s(10)),
                14,
                pal.background,
                bold=True,
                max_lines=3,
            )
            y += height

    def banners_changed(self) -> bool:
        """True (and the screen is laid out again) when the banners to show have changed;
        only while this screen has the input, so an open overlay is never disturbed."""
        if self.app.top is not self or tuple(self.banners()) == getattr(self, "_banners", ()):
            return False
        self.teardown()
        self.build()
        return True

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

    def button_height(self, design: float = 48) -> int:
        """A button's height: `design` px at 1280x720, taller when the text size needs it."""
        return max(self.s(design), self.app.painter.line_height(16, True) + self.s(14))

    def button_widths(
        self, labels: list[str], room: int, gap: int, minimum: float | list[float] = 120
    ) -> list[int]:
        """Widths for a row of buttons that grow with their labels and the text size: each
        label's width and padding, at least `minimum` (design px; one for all, or one each);
        when the row would not fit in `room`, all are narrowed in proportion (a label that
        then does not fit ends with "…" and its tooltip holds it whole)."""
        p = self.app.painter
        least = minimum if isinstance(minimum, list) else [minimum] * len(labels)
        wanted = [
            max(self.s(m), p.width(label, 16, True) + self.s(36))
            for label, m in zip(labels, least, strict=True)
        ]
        space = room - gap * (len(labels) - 1)
        total = sum(wanted)
        if total <= space or total == 0:
            return wanted
        return [max(1, w * space // total) for w in wanted]


def label_width(widget) -> int:  # noqa: ANN001 - a pygame_gui UIButton
    """Pixels a button has for its label, inside its border, shadow and padding."""
    border = widget.border_width
    sides = border["left"] + border["right"] if isinstance(border, dict) else 2 * int(border)
    return (
        widget.rect.width
        - sides
        - 2 * widget.shadow_width
        - 2 * widget.text_horiz_alignment_padding
    )


def fit_label(widget, text: str, tooltip: str | None) -> None:  # noqa: ANN001 - a UIButton
    """Give a button its label, shortened with "…" if it does not fit; the tooltip then starts
    with the whole label, so it can always be read whole. Both are made drawable here, and
    the tooltip is escaped (pygame_gui reads tooltips as HTML)."""
    font = widget.font
    text = widget_text(text)
    widget.base_tooltip = tooltip
    shown = fit_to_width(text, label_width(widget), lambda t: font.size(t)[0])
    if shown != widget.text:
        widget.set_text(shown)
    if shown != text:
        tooltip = text + ("\n" + tooltip if tooltip else "")
    widget.full_text = text
    if tooltip is not None:
        widget.set_tooltip(widget_html(tooltip))


def fit_unique(labels: list[str], width: int, measure) -> list[str]:  # noqa: ANN001
    """Each label fitted to `width` with "…"; numbered ("3. …") where two would look alike."""
    shown = [fit_to_width(label, width, measure) for label in labels]
    if len(set(shown)) < len(shown):
        shown = [fit_to_width(f"{i}. {label}", width, measure) for i, label in enumerate(labels, 1)]
    return shown


def relabel(widget, text: str) -> None:  # noqa: ANN001 - a UIButton made by Scene.button
    """Change a button's label, fitted as `Scene.button` does, keeping its own tooltip."""
    fit_label(widget, text, getattr(widget, "base_tooltip", None))
