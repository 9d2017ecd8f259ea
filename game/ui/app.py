"""The pygame application: window, pygame_gui manager, scene switching, overlays and the main loop.

Scenes build their widgets for the current window size, react to pygame_gui events and keys,
and draw what widgets cannot (map, dashboard, cards). The app owns the loop so tests can
drive it one frame at a time with `step()` after posting real pygame events.

Overlays and tooltips: only the layer on top (the last overlay, else the scene) shows a
tooltip, painted or pygame_gui's; an overlay's painted labels are drawn just above its own
panel and below its widgets, so its open drop-down lists and tooltips cover them; and no
tooltip covers the top layer's main buttons (`Scene.keep_clear`) where there is room elsewhere.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pygame
import pygame_gui

from game.i18n import _
from game.ui import fonts
from game.ui.palette import PALETTES
from game.ui.settings import Settings
from game.ui.theme import build_theme
from game.ui.widgets import Fonts, Painter

FPS = 60


class OpenTooltip(NamedTuple):
    """A tooltip opened by keyboard or pinned, where the last frame drew it."""

    rect: pygame.Rect
    text: str  # plain
    pinned: bool
    key: object  # what it explains (the scene's name for it)


MIN_SIZE = (960, 560)


class App:
    """One window, one scene at a time, optional overlays (pause, help) on top."""

    def __init__(
        self,
        settings: Settings | None = None,
        scenario_dirs: Sequence[Path] = (),
        initial_scenario: Path | None = None,
        size: tuple[int, int] | None = None,
        initial_history: bool = False,
        initial_seed: int | None = None,
        initial_devices: bool = False,
        initial_lan: bool = False,
        initial_port: int | None = None,
        language: str | None = None,
    ):
        """`initial_history` (`play --history`): Setup starts with the history excursion
        chosen, for a scenario that has one. `initial_seed` (`play --seed N`): Setup starts
        with that seed. `initial_devices`, `initial_lan`, `initial_port` (`play --devices
        --lan --port P`): Setup starts with the delegations on their own devices, on the
        room's network, and the class's port."""
        # Only what the game uses: no audio, so machines without a sound card stay quiet.
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Trilateral")
        problems: list[str] = []
        if settings is None:
            settings, problems = Settings.load_checked()
        self.settings = settings
        if size is not None:
            self.settings.window_size = size
        # `play --lang` for this run only; else the language chosen in Settings, else the
        # system's (game.i18n).
        self.language_asked = language
        self._choose_language()
        self.scenario_dirs = list(scenario_dirs)
        self.initial_scenario = initial_scenario
        self.initial_history = initial_history
        self.initial_seed = initial_seed
        self.initial_devices = initial_devices
        self.initial_lan = initial_lan
        self.initial_port = initial_port
        self.surface = self._open_window()
        self.clock = pygame.time.Clock()
        self.time_s = 0.0
        self.running = True
        # Text boxes break Japanese and Chinese between phrases, never with a hyphen.
        from game.ui.textbox_wrap import install

        install()
        # Widgets draw with the language's face (a shipped Noto Sans CJK subset for Japanese
        # and Chinese): pygame_gui gives each widget one font, so it must have the glyphs.
        self.manager = fonts.widget_manager(
            self.size, self._theme(), enable_live_theme_updates=False
        )
        self._preload_fonts()
        self.fonts = Fonts(self.settings.text_scale, self.size[1])
        self.painter = Painter(self.fonts, self.palette)
        self.scene = None
        self.overlays: list = []
        self.session = None  # the game being played (game.ui.session.Session)
        self.catalog = None  # the scenario list (game.ui.catalog.Catalog), made on first use
        # A class on the students' own devices (see game.ui.devices): the classroom, its web
        # server, a sentence about where it listens, and how many reveals the window has shown.
        self.classroom = None
        self.web = None
        self.class_note = ""
        self.class_seen = 0
        self.class_started = False  # the projector's turn screen has been shown
        self.mouse = (0, 0)
        self._marks: list[tuple[int, int, int]] = [(0, 0, 0)]
        # where the last frame's painted tooltip went and what it said (tests look)
        self.painted_tooltip: pygame.Rect | None = None
        self.painted_tooltip_text = ""
        # the tooltips open on the top layer last frame (see Scene.open_tips)
        self.open_tooltips: list[OpenTooltip] = []
        self._key_was_command = False  # see handle(): the last key pressed was not typing
        from game.ui.reload import ScenarioWatcher

        self.watcher = ScenarioWatcher()
        from game.ui.scenes.title import TitleScene

        self.switch(TitleScene(self))
        self.tell_start_problems(problems)

    def tell_start_problems(self, problems: list[str]) -> None:
        """Say which saved choices (settings.json, setup.json) could not be used: on stderr,
        and in a message over the title screen that the player closes."""
        from game.ui.scenes.help import MessageOverlay
        from game.ui.settings import said
        from game.ui.setup_memory import SetupMemory

        problems = said([*problems, *SetupMemory.load_checked()[1]])
        for problem in problems:
            print(f"trilateral: {problem}", file=sys.stderr)
        if problems:
            heading = _("Some saved choices could not be used")
            self.open_overlay(MessageOverlay(self, heading, "\n".join(problems), bad=True))

    # --- window and theme -------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def palette(self):  # noqa: ANN201
        return PALETTES[self.settings.palette]

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        w, h = self.settings.window_size
        return pygame.display.set_mode((max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])), pygame.RESIZABLE)

    def _theme(self) -> dict:
        return build_theme(self.palette, self.settings.text_scale, self.size[1])

    def _preload_fonts(self) -> None:
        """Load the theme's font sizes up front (pygame_gui warns, and stutters, otherwise)."""
        from game.ui.theme import font_size

        wanted = [(15, "regular"), (15, "bold"), (15, "italic"), (16, "bold"), (14, "bold")]
        face = fonts.widget_font_name()
        preload = [
            {
                "name": face,
                "point_size": font_size(base, self.settings.text_scale, self.size[1]),
                "style": style,
                "antialiased": "1",
            }
            for base, style in wanted
        ]
        with warnings.catch_warnings():  # "already loaded" notices are harmless
            warnings.simplefilter("ignore")
            self.manager.preload_fonts(preload)

    def _choose_language(self) -> None:
        from game import i18n

        code = self.language_asked or self.settings.language or i18n.system_language()
        i18n.set_language(code)
        fonts.set_language(code)  # which CJK face comes first, and the widgets' face

    def apply_settings(self) -> None:
        """Reopen the window and rebuild every widget after a settings change."""
        self._choose_language()
        self.surface = self._open_window()
        self._restyle()

    def _restyle(self) -> None:
        self.manager.clear_and_reset()
        self.manager.set_window_resolution(self.size)
        self.manager.get_theme().load_theme(fonts.with_widget_font(self._theme()))
        self.manager.rebuild_all_from_changed_theme_data()
        self._preload_fonts()
        self.fonts = Fonts(self.settings.text_scale, self.size[1])
        self.painter = Painter(self.fonts, self.palette)
        self.rebuild()

    def rebuild(self) -> None:
        for layer in [self.scene, *self.overlays]:
            if layer is not None:
                layer.teardown()
                layer.build()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.apply_settings()

    # --- scenes and overlays -------------------------------------------------------------

    def switch(self, scene) -> None:  # noqa: ANN001
        if self.classroom is not None and getattr(scene, "ends_class", False):
            self.end_class()  # back to the title, to Setup or to Load: this class is over
        for overlay in self.overlays:
            overlay.teardown()
        self.overlays = []
        if self.scene is not None:
            self.scene.teardown()
        self.scene = scene
        scene.build()

    def end_class(self) -> None:
        """Save what the devices sent and stop the class's server (nothing when there is none)."""
        from game.ui.devices import end_class

        end_class(self)

    def open_overlay(self, overlay) -> None:  # noqa: ANN001
        self.overlays.append(overlay)
        overlay.build()

    def close_overlay(self) -> None:
        if self.overlays:
            self.overlays.pop().teardown()

    @property
    def top(self):  # noqa: ANN201 - the layer receiving input
        return self.overlays[-1] if self.overlays else self.scene

    def _shown_layer(self) -> int:
        """Which layer's tooltips show: the topmost that covers the screen (0 is the scene,
        k the k-th overlay). A message that lets play go on beneath it does not cover it."""
        for k in range(len(self.overlays), 0, -1):
            if self.overlays[k - 1].covers_screen:
                return k
        return 0

    @property
    def tooltip_layer(self):  # noqa: ANN201 - the scene or an overlay
        k = self._shown_layer()
        return self.overlays[k - 1] if k else self.scene

    def scenario_catalog(self):  # noqa: ANN201 - a game.ui.catalog.Catalog
        """The scenario list of the bundled, given and configured folders (not yet started)."""
        if self.catalog is None:
            from game.ui.catalog import Catalog

            configured = [Path(d) for d in self.settings.scenario_dirs if isinstance(d, str)]
            given = self.initial_scenario
            files = [given] if given is not None else []  # listed once, even if it is bundled
            self.catalog = Catalog([*self.scenario_dirs, *configured], files=files)
        return self.catalog

    def global_keys(self) -> list[tuple[int, str, str, Callable[[], None]]]:
        """Keys that work over every screen: (key, name, what it does, action).

        The help overlay lists exactly these (with the screen's own), so the two cannot differ.
        """
        from game.ui.scenes.title import TitleScene

        keys = [
            (pygame.K_F1, "F1", _("show or hide this help"), self.toggle_help),
            (pygame.K_F2, "F2", _("how you are scored (show or hide)"), self.toggle_scoring),
            (pygame.K_F11, "F11", _("full screen on/off"), self.toggle_fullscreen),
        ]
        if self.session is not None:
            keys.append(
                (
                    pygame.K_F5,
                    "F5",
                    _("reload the scenario file and replay this game on it"),
                    self.reload,
                )
            )
            keys.append(
                (
                    pygame.K_F9,
                    "F9",
                    _("facilitator console (injects, adjustments, notes, timer, take-back)"),
                    self.toggle_console,
                )
            )
        elif isinstance(self.scene, TitleScene) and not self.overlays:
            keys.append((pygame.K_F5, "F5", _("look in the scenario folders again"), self.reload))
        return keys

    def toggle_help(self) -> None:
        from game.ui.scenes.help import HelpOverlay

        if self.overlays and isinstance(self.overlays[-1], HelpOverlay):
            self.close_overlay()
        else:
            self.open_overlay(HelpOverlay(self, self.top.keys_help(), self.top.mouse_help))

    def toggle_scoring(self) -> None:
        """The How you are scored page over this screen, or closed if it is on top (the help
        gives way to it: the page opens in its place)."""
        from game.ui.scenes.help import HelpOverlay
        from game.ui.scenes.scoring import ScoringOverlay

        if self.overlays and isinstance(self.overlays[-1], HelpOverlay):
            self.close_overlay()
            if self.overlays and isinstance(self.overlays[-1], ScoringOverlay):
                return  # the help was over the page: back to it
        if self.overlays and isinstance(self.overlays[-1], ScoringOverlay):
            self.close_overlay()
        else:
            self.open_overlay(ScoringOverlay(self))

    def toggle_console(self) -> None:
        from game.ui.scenes.facilitator import FacilitatorConsole, open_console

        if self.overlays and isinstance(self.overlays[-1], FacilitatorConsole):
            self.close_overlay()
        else:
            open_console(self)

    # --- loop ------------------------------------------------------------------------------

    def step(self, dt: float = 1 / FPS) -> None:
        """Process pending events, update and draw one frame."""
        self.time_s += dt
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return
        self.manager.update(dt)
        self._tend_widget_tooltips()
        if self.watcher.changed(
            dt, self.session.game.loaded.file if self.session is not None else None
        ):
            self.reload()
        if self.classroom is not None:
            self._run_class(dt)
        self.scene.update(dt)
        for overlay in self.overlays:
            overlay.update(dt)
        self.draw()

    def _run_class(self, dt: float) -> None:
        """A class on devices: apply what the devices sent, run the turn clock (stopped while
        an overlay that stops it is open; it runs only while the delegations decide), and
        show the reveal once every delegation has decided (from the projector's screens)."""
        from game.net.views import DECIDING

        classroom = self.classroom
        classroom.pump(0)
        if classroom.phase == DECIDING:
            classroom.tick(dt, held=any(o.stops_clock for o in self.overlays))
        if classroom.resolved != self.class_seen and getattr(self.scene, "watches_class", False):
            self.class_seen = classroom.resolved
            from game.ui.scenes.flow import after_decision_point

            after_decision_point(self, "reveal")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            size = (max(event.w, MIN_SIZE[0]), max(event.h, MIN_SIZE[1]))
            self.settings.window_size = size
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            self._restyle()
            return
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        if event.type == pygame.MOUSEBUTTONDOWN and self.top.takes_click(event.pos):
            self.top.handle(event)  # not also a click on a widget drawn beneath it
            return
        if event.type == pygame.KEYDOWN:
            for key, _, _, action in self.global_keys():
                if event.key == key:
                    action()
                    return
        if event.type == pygame.KEYDOWN:
            typing = self._typing()
            # The text a key types arrives as a TEXTINPUT event after its KEYDOWN: a key that
            # was a command (no field had the keyboard) must not also type into a field it
            # just opened (P on the setup screen focuses the password field).
            self._key_was_command = not typing
            if typing and event.key == pygame.K_ESCAPE:
                self.manager.set_focus_set(None)  # Esc leaves the field
                return
        elif event.type == pygame.TEXTINPUT and self._key_was_command:
            self._key_was_command = False
            return
        consumed = self.manager.process_events(event)
        top = self.top
        if event.type == pygame.KEYDOWN and self._typing():
            return  # keys belong to the focused text entry
        if not consumed or event.type >= pygame.USEREVENT:
            top.handle(event)

    def _typing(self) -> bool:
        focused = self.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in (focused or ()))

    def draw(self) -> None:
        """One frame: the scene, the widgets and each overlay in layer order, then a tooltip.

        An overlay's painted text goes just above its own panel and below its buttons, so its
        open drop-down lists and widget tooltips are never shown through by its labels.
        """
        surface = self.surface
        surface.fill(self.palette.background)  # scenes with a cached layer paint over all of it
        painter = self.painter
        painter.begin_frame()
        self._marks = [painter.mark()]  # where each layer's records begin: the scene's first
        self.scene.draw(surface)
        group = self.manager.get_sprite_group()
        if not self.overlays:
            group.draw(surface)
        else:
            sprites = [s for s in group.sprites() if s.visible and s.image is not None]
            done = 0
            for overlay in self.overlays:
                panel = overlay.modal_panel
                cut = panel._layer if panel is not None and panel.alive() else None
                while done < len(sprites) and (cut is None or sprites[done]._layer <= cut):
                    surface.blit(sprites[done].image, sprites[done].rect)
                    done += 1
                self._marks.append(painter.mark())
                overlay.draw(surface)
            for sprite in sprites[done:]:
                surface.blit(sprite.image, sprite.rect)
        self._draw_hover_tooltip(surface)

    def _top_records(self) -> tuple[list, list]:
        """The painted text and hover areas of the layer receiving input (the top overlay or
        the scene): the only ones that may show a tooltip."""
        drawn, hovers, _blocks = self.painter.since(self._marks[self._shown_layer()])
        return drawn, hovers

    def painted_tooltip_at(self, point: tuple[int, int]) -> str:
        """The painted tooltip for the mouse at `point` ('' if none): the top layer's hover
        area there, led by the whole text of any shortened text there."""
        return self._painted_tooltip(point)[0]

    def _painted_tooltip(self, point: tuple[int, int]) -> tuple[str, str]:
        """The painted tooltip at `point` as plain and as marked text (game.ui.richtext)."""
        from game.ui.richtext import esc

        drawn, hovers = self._top_records()
        hover = next((h for h in reversed(hovers) if h.rect.collidepoint(point)), None)
        text, marked = (hover.text, hover.rich) if hover is not None else ("", "")
        for d in drawn:
            if d.has_more and d.rect.collidepoint(point) and d.full not in text:
                text = d.full + ("\n" + text if text else "")
                marked = esc(d.full) + ("\n" + marked if marked else "")
        return text, marked

    def widget_at(self, point: tuple[int, int]):  # noqa: ANN201 - a pygame_gui element or None
        """The topmost live widget under `point` that reacts to the mouse (buttons, menus,
        text entries), or None. Backdrops, panels and text boxes do not count."""
        from pygame_gui.core import UIContainer
        from pygame_gui.elements import UIImage, UIPanel, UITextBox

        passive = (UIImage, UIPanel, UITextBox, UIContainer)
        for sprite in reversed(self.manager.get_sprite_group().sprites()):
            if not sprite.visible or not sprite.rect.collidepoint(point):
                continue
            if getattr(sprite, "alive", lambda: False)() and not isinstance(sprite, passive):
                return sprite
            if isinstance(sprite, UIImage | UIPanel):
                return None  # a backdrop or panel hides what lies beneath it
        return None

    def tooltip_at(self, point: tuple[int, int]) -> str:
        """What a player reads when resting the mouse on `point`: the tooltip of the widget
        there if it belongs to the top layer, else the painted tooltip (tests use this)."""
        widget = self.widget_at(point)
        if widget is not None:
            if not self._owned_by_top(widget):
                return ""
            return _strip_html(widget.tool_tip_text or "")
        return self.painted_tooltip_at(point)

    def _owned_by_top(self, element) -> bool:  # noqa: ANN001
        own = {id(w) for layer in [self.tooltip_layer, self.top] for w in layer.widgets}
        while element is not None:
            if id(element) in own:
                return True
            element = getattr(element, "parent_element", None)
        return False

    def _draw_hover_tooltip(self, surface: pygame.Surface) -> None:
        """The top layer's open tooltips (details opened by keyboard, pinned ones), then the
        one for the mouse, unless the mouse is on a widget (it shows its own) or on an open
        tooltip. None covers the layer's action buttons (`Scene.keep_clear`) where there is
        any room; open ones keep clear of each other where they can."""
        from game.ui.richtext import plain

        self.painted_tooltip, self.painted_tooltip_text = None, ""
        layer = self.tooltip_layer
        keep = layer.keep_clear()
        self.open_tooltips = []
        boxes: list[pygame.Rect] = []
        for tip in layer.open_tips():
            box = self.painter.tooltip(
                surface,
                tip.text,
                tip.target.center,
                keep,
                target=tip.target,
                soft=boxes,
                footer=tip.footer,
                pinned=tip.pinned,
            )
            boxes.append(box)
            self.open_tooltips.append(OpenTooltip(box, plain(tip.text), tip.pinned, tip.key))
        if self.widget_at(self.mouse) is not None:
            return  # widgets show their own tooltips
        if any(box.collidepoint(self.mouse) for box in boxes):
            return
        text, marked = self._painted_tooltip(self.mouse)
        if text and all(text != t.text for t in self.open_tooltips):
            self.painted_tooltip_text = text
            self.painted_tooltip = self.painter.tooltip(
                surface, marked, self.mouse, keep, soft=boxes
            )

    def _tend_widget_tooltips(self) -> None:
        """pygame_gui tooltips: only the top layer's widgets may show one (a button under the
        pause menu does not), and none covers the screen's main buttons."""
        from pygame_gui.elements import UITooltip

        from game.ui.widgets import place_box

        for sprite in self.manager.get_sprite_group().sprites():
            if not isinstance(sprite, UITooltip) or not sprite.alive():
                continue
            parent = getattr(sprite, "parent_element", None)
            if parent is None or not self._owned_by_top(parent):
                if parent is not None and getattr(parent, "tool_tip", None) is sprite:
                    parent.tool_tip = None
                sprite.kill()
                continue
            spot = place_box(
                sprite.rect.size,
                pygame.Rect(parent.rect),
                pygame.Rect((0, 0), self.size),
                [r for r in self.tooltip_layer.keep_clear() if not r.colliderect(parent.rect)],
            )
            if spot.topleft != sprite.rect.topleft:
                sprite.set_position(spot.topleft)
        for widget in self.tooltip_layer.widgets:
            labels = getattr(widget, "full_labels", None)
            if labels is not None:
                _label_dropdown(widget, labels)

    def run(self) -> int:
        probe = os.environ.get(FIRST_FRAME_ENV)
        while self.running:
            dt = self.clock.tick(FPS) / 1000
            self.step(dt)
            pygame.display.flip()
            if probe:  # `python -m game.ui.bench` and a test time the real start-up this way
                report_first_frame(Path(probe))
                break
        self.end_class()
        pygame.quit()
        return 0

    # --- what the player can read (tests use this) ------------------------------------------

    def visible_text(self) -> str:
        """All text on screen this frame: drawn text plus the text of live widgets."""
        parts = list(self.painter.drawn_text)
        for element in self.manager.get_root_container().elements:
            parts.extend(_element_texts(element))
        return "\n".join(parts)

    def reload(self) -> None:
        """F5: reload the open scenario from disk (see game.ui.reload)."""
        from game.ui.reload import reload_scenario
        from game.ui.scenes.help import MessageOverlay

        if self.session is None:
            from game.ui.scenes.title import TitleScene

            if isinstance(self.scene, TitleScene):
                self.catalog = self.scenario_catalog().refresh()
                self.switch(TitleScene(self, selected=self.scene.selected))
            return
        drafts = {a: dict(d) for a, d in self.session.drafts.items()}
        error = reload_scenario(self)
        if not error and self.classroom is not None:
            self.classroom.game_replaced(drafts)  # devices see the new version at once
        if error:
            self.open_overlay(
                MessageOverlay(
                    self, _("Reload failed: still playing the last good version"), error, bad=True
                )
            )
            return
        from game.ui.scenes.flow import after_decision_point

        game = self.session.game
        if game.over:
            after_decision_point(self, "debrief")
        elif self.classroom is not None and self.classroom.phase == "reveal":
            after_decision_point(self, "reveal")  # the class was looking at it: it stays
        else:
            after_decision_point(self, "curtain" if len(self.session.humans) > 1 else "turn")
        self.open_overlay(
            MessageOverlay(
                self,
                _("Scenario reloaded"),
                _("{file}: the game was replayed on the new version.").format(
                    file=game.loaded.file
                ),
            )
        )

    def quit(self) -> None:
        self.running = False


def _element_texts(element) -> list[str]:  # noqa: ANN001
    texts = []
    if not element.alive() or not element.visible:
        return texts
    for attr in ("text", "html_text"):
        value = getattr(element, attr, None)
        if isinstance(value, str) and value:
            texts.append(_strip_html(value))
    for child in getattr(element, "elements", None) or []:
        texts.extend(_element_texts(child))
    container = getattr(element, "get_container", None)
    if container is not None and container() is not element:
        for child in getattr(container(), "elements", []):
            texts.extend(_element_texts(child))
    return texts


def _label_dropdown(menu, full_labels: dict[str, str]) -> None:  # noqa: ANN001
    """Give a drop-down's shortened items (and its closed face) the whole label as tooltip."""
    from game.ui.widgets import widget_html

    state = menu.current_state
    buttons = []
    selection = getattr(state, "options_selection_list", None)
    if selection is not None and selection.alive():
        buttons = [(item["text"], item["button_element"]) for item in selection.item_list]
    face = getattr(state, "selected_option_button", None)
    if face is not None:
        buttons.append((menu.selected_option[0], face))
    for shown, button in buttons:
        whole = full_labels.get(shown, shown)
        if button is not None and whole != shown and button.tool_tip_text is None:
            button.set_tooltip(widget_html(whole))


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text.replace("<br>", "\n"))


FIRST_FRAME_ENV = "TRILATERAL_FIRST_FRAME_REPORT"


def report_first_frame(path: Path) -> None:
    """Write when the first interactive frame was shown, and which modules were loaded by then.

    `monotonic` is the system's monotonic clock, so the launching process can subtract the
    moment it started this one; `cpu` is the processor time this process had used by then
    (steadier than wall time on a busy machine). `modules` lets a test check that the heavy
    ones (numpy, pydantic, the engine) were not needed for the first frame.
    """
    import json
    import time

    from game.atomic import write_text_atomic

    report = {
        "monotonic": time.monotonic(),
        "cpu": time.process_time(),
        "modules": sorted(sys.modules),
    }
    write_text_atomic(path, json.dumps(report))


def play_window(args) -> int:  # noqa: ANN001 - the parsed `play` arguments
    """`python main.py [play]`: open the window on the title screen.

    The scenario is not validated first: the title screen checks it with the others in the
    background and lists it with its errors if it has any, so the window opens at once.
    """
    scenario = Path(args.scenario)
    if not scenario.exists():
        print(_("{path}: no such file").format(path=scenario), file=sys.stderr)
        return 1
    return main(
        scenario,
        [Path(d) for d in (args.scenarios or [])],
        history=bool(getattr(args, "history", False)),
        seed=getattr(args, "seed", None),
        **_devices_asked(args),
    )


def _devices_asked(args) -> dict:  # noqa: ANN001
    """`play --devices [--lan] [--port P]`, passed on only where asked."""
    asked = {}
    if getattr(args, "devices", False):
        asked["devices"] = True
    if getattr(args, "lan", False):
        asked["lan"] = True
    if getattr(args, "port", None) is not None:
        asked["port"] = args.port
    if getattr(args, "lang", None) is not None:
        asked["language"] = args.lang
    return asked


def _language_for_messages(language: str | None) -> None:
    """The language of a message printed when there is no window: `--lang`, else the one
    chosen in Settings, else the system's (as the window would choose)."""
    from game import i18n

    code = language
    if code is None:
        try:
            code = Settings.load_checked()[0].language
        except Exception:  # noqa: BLE001 - unreadable settings: the system's language
            code = None
    i18n.set_language(code or i18n.system_language())


def display_available() -> bool:
    """Whether a window can be opened (a desktop session, or a driver chosen explicitly)."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def main(
    scenario: Path | None = None,
    scenario_dirs: Sequence[Path] = (),
    *,
    history: bool = False,
    seed: int | None = None,
    devices: bool = False,
    lan: bool = False,
    port: int | None = None,
    language: str | None = None,
) -> int:
    """Open the window on the title screen; exits non-zero with one line when there is no
    display. `history` preselects the history excursion in Setup (`play --history`), `seed`
    the seed (`play --seed N`), `devices`, `lan` and `port` a class on the students' own
    devices (`play --devices [--lan] [--port P]`)."""
    if not display_available():
        _language_for_messages(language)
        print(
            _(
                "trilateral: no display found, so the game window cannot open; "
                "play in the terminal with `python main.py play --text`"
            ),
            file=sys.stderr,
        )
        return 1
    try:
        app = App(
            scenario_dirs=scenario_dirs,
            initial_scenario=scenario,
            initial_history=history,
            initial_seed=seed,
            initial_devices=devices,
            initial_lan=lan,
            initial_port=port,
            language=language,
        )
    except pygame.error as err:
        _language_for_messages(language)
        print(
            _(
                "trilateral: the game window could not open ({error}); "
                "try `python main.py play --text`"
            ).format(error=err),
            file=sys.stderr,
        )
        return 1
    return app.run()
