"""Settings: window size, full screen, text size and palette; saved for next time."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu

from game.i18n import _, language_names, system_language
from game.ui.palette import PALETTES
from game.ui.scenes.base import Scene
from game.ui.settings import PROJECTOR_SCALE, TEXT_SCALES, WINDOW_SIZES


def text_size_label(scale: float) -> str:
    """A text size as the menu shows it: "130%", and the preset for a classroom projector."""
    percent = f"{round(scale * 100)}%"
    if scale == PROJECTOR_SCALE:
        return _("Projector ({percent})").format(percent=percent)
    return percent


class SettingsScene(Scene):
    title = "Settings"

    def __init__(self, app, back: Callable[[], Scene]):  # noqa: ANN001
        super().__init__(app)
        self.back_to = back

    def build(self) -> None:
        s, p = self.s, self.app.painter
        st = self.app.settings
        # rows grow with the text size: menus as tall as their text needs, labels as wide
        names_w = max(
            p.width(t, 17)
            for t in (
                _("Window size"),
                _("Full screen"),
                _("Text size"),
                _("Colours"),
                _("Language"),
            )
        )
        h = self.button_height(40)
        step = max(s(70), h + s(22))
        x, y = max(s(360), s(40) + names_w + s(24)), s(30) + p.line_height(28, True) + s(40)
        w = min(
            max(s(320), p.width(text_size_label(max(TEXT_SCALES)), 16) + s(60)),
            self.width - x - s(40),
        )
        sizes = [f"{a}x{b}" for a, b in WINDOW_SIZES]
        current = f"{st.window_size[0]}x{st.window_size[1]}"
        if current not in sizes:
            sizes.append(current)
        self.size_menu = self.add(
            UIDropDownMenu(sizes, current, pygame.Rect(x, y, w, h), self.app.manager)
        )
        self.fullscreen_button = self.button(
            pygame.Rect(x, y + 1 * step, w, h),
            _("On") if st.fullscreen else _("Off"),
            self.toggle_fullscreen,
            _("Full screen on/off (F11)"),
        )
        self.text_labels = {v: text_size_label(v) for v in TEXT_SCALES}
        self.text_menu = self.add(
            UIDropDownMenu(
                list(self.text_labels.values()),
                self.text_labels.get(st.text_scale, text_size_label(st.text_scale)),
                pygame.Rect(x, y + 2 * step, w, h),
                self.app.manager,
            )
        )
        names = [_(p.name) for p in PALETTES.values()]
        self.palette_menu = self.add(
            UIDropDownMenu(
                names,
                _(PALETTES[st.palette].name),
                pygame.Rect(x, y + 3 * step, w, h),
                self.app.manager,
            )
        )
        self.language_labels = language_labels()
        self.language_menu = self.add(
            UIDropDownMenu(
                list(self.language_labels.values()),
                self.language_labels[st.language],
                pygame.Rect(x, y + 4 * step, w, h),
                self.app.manager,
            )
        )
        self.button(
            pygame.Rect(s(40), self.height - s(32) - h, s(200), h),
            _("Done"),
            self.done,
            _("Save settings and go back (Esc)"),
            "#primary",
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("save and go back"), self.done)
        self.bind(pygame.K_w, "W", _("next window size"), self.next_size)
        self.bind(pygame.K_f, "F", _("full screen on/off"), self.toggle_fullscreen)
        self.bind(pygame.K_t, "T", _("next text size"), self.next_text_size)
        self.bind(pygame.K_c, "C", _("next colour palette"), self.next_palette)
        self.bind(pygame.K_g, "G", _("next language"), self.next_language)
        self.rows = [
            (_("Window size"), y),
            (_("Full screen"), y + 1 * step),
            (_("Text size"), y + 2 * step),
            (_("Colours"), y + 3 * step),
            (_("Language"), y + 4 * step),
        ]

    def toggle_fullscreen(self) -> None:
        self.app.toggle_fullscreen()

    def next_size(self) -> None:
        st = self.app.settings
        sizes = list(WINDOW_SIZES)
        i = sizes.index(tuple(st.window_size)) + 1 if tuple(st.window_size) in sizes else 0
        st.window_size = sizes[i % len(sizes)]
        st.fullscreen = False
        self.app.apply_settings()

    def next_text_size(self) -> None:
        st = self.app.settings
        i = TEXT_SCALES.index(st.text_scale) + 1 if st.text_scale in TEXT_SCALES else 0
        st.text_scale = TEXT_SCALES[i % len(TEXT_SCALES)]
        self.app.apply_settings()

    def next_palette(self) -> None:
        st = self.app.settings
        names = list(PALETTES)
        st.palette = names[(names.index(st.palette) + 1) % len(names)]
        self.app.apply_settings()

    def next_language(self) -> None:
        st = self.app.settings
        codes = list(self.language_labels)
        st.language = codes[(codes.index(st.language) + 1) % len(codes)]
        self.app.apply_settings()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            return
        st = self.app.settings
        if event.ui_element is self.size_menu:
            w, h = (int(v) for v in event.text.split("x"))
            st.window_size = (w, h)
            st.fullscreen = False
        elif event.ui_element is self.text_menu:
            st.text_scale = next(k for k, v in self.text_labels.items() if v == event.text)
        elif event.ui_element is self.palette_menu:
            st.palette = next(k for k, p in PALETTES.items() if _(p.name) == event.text)
        elif event.ui_element is self.language_menu:
            st.language = next(k for k, v in self.language_labels.items() if v == event.text)
        self.app.apply_settings()

    def done(self) -> None:
        try:
            self.app.settings.save()
        except OSError:
            pass  # settings still apply for this session
        self.app.switch(self.back_to())

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(surface, _("Settings"), (s(40), s(30)), 28, bold=True)
        for label, y in self.rows:
            p.text(surface, label, (s(40), y + s(8)), 17)
        top = self.rows[-1][1] + self.button_height(40) + s(24)
        bottom = self.height - s(40) - self.button_height(40)
        p.paragraph(
            surface,
            _(
                "The default colours are chosen to stay distinct for the common forms of colour "
                "blindness; high contrast suits projectors in bright rooms. Text size scales every "
                "screen. Language: the system's unless you choose one."
            ),
            pygame.Rect(s(40), top, self.width - s(80), max(0, bottom - top)),
            14,
            pal.text_dim,
        )


def language_labels() -> dict[str, str]:
    """The Language menu: "" follows the system (named with the language it gives now), then
    each language in its own name."""
    names = language_names()
    labels = {"": _("System ({name})").format(name=names[system_language()])}
    labels.update(names)
    return labels
