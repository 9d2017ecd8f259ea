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
        s = self.s
        self.box = pygame.Rect(0, 0, s(380), s(390))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.hide_text_beneath()
        w, h = s(300), s(48)
        x = (self.box.width - w) // 2 - 3
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
        for i, (label, action, tip) in enumerate(items):
            self.button(
                pygame.Rect(x, s(56) + i * s(60), w, h),
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
