"""Pause menu (Esc): resume, save, load, settings, quit to menu."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.scenes.base import Scene


class PauseOverlay(Scene):
    """The pause menu stops the turn clock while it is open; closing it lets the clock go on as
    it was (still paused if the facilitator had paused it)."""

    title = "Paused"
    stops_clock = True

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""

    def build(self) -> None:
        s, p = self.s, self.app.painter
        items = [
            (_("Resume"), self.app.close_overlay, _("Back to the game (Esc)")),
            (
                _("Save game"),
                self.save,
                _("Save now (S); the game also saves itself after every turn"),
            ),
            (_("Load game"), self.load, _("Open a saved game (L)")),
            (_("Settings"), self.settings, _("Window, text size, colours")),
            (
                _("Quit to menu"),
                self.quit_to_menu,
                _("Back to the title screen (Q); the autosave keeps this game"),
            ),
        ]
        # The heading and the buttons grow with the text size, and the box with them.
        heading = s(14) + p.line_height(22, True) + s(8)
        h = max(s(48), p.line_height(16, True) + s(14))
        step = h + s(12)
        widest = max(p.width(label, 16, True) for label, _action, _tip in items)
        w = min(self.width - s(120), max(s(300), widest + s(40)))
        self.box = pygame.Rect(0, 0, w + s(80), heading + len(items) * step + s(22))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.hide_text_beneath()
        x = (self.box.width - w) // 2 - 3
        for i, (label, action, tip) in enumerate(items):
            self.button(
                pygame.Rect(x, heading + i * step, w, h),
                label,
                action,
                tip,
                "#primary" if i == 0 else None,
                container=panel,
            )
        self.bind(pygame.K_ESCAPE, "Esc", _("resume"), self.app.close_overlay)
        self.bind(pygame.K_s, "S", _("save the game"), self.save)
        self.bind(pygame.K_l, "L", _("load a game"), self.load)
        self.bind(pygame.K_q, "Q", _("quit to the title screen"), self.quit_to_menu)

    def save(self) -> None:
        session = self.app.session
        if session is None:
            return
        session.save_now()
        self.message = session.save_problem or _("Saved to {path}").format(path=session.save_path)

    def load(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.switch(LoadScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        scene = self.app.scene
        self.app.switch(SettingsScene(self.app, back=lambda: type(scene)(self.app)))

    def quit_to_menu(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.session = None
        self.app.switch(TitleScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(
            surface,
            _("Paused"),
            (self.box.centerx, self.box.y + s(14)),
            22,
            bold=True,
            align="center",
        )
        if self.message:
            p.text(
                surface,
                self.message,
                (self.width // 2, self.box.bottom + s(12)),
                13,
                pal.text,
                align="center",
                max_width=self.width - s(40),
            )
