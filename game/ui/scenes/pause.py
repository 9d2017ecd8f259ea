"""Pause menu (Esc): resume, save, load, settings, quit to menu."""

from __future__ import annotations

from datetime import datetime

import pygame

from game.ui.scenes.base import Scene


class PauseOverlay(Scene):
    title = "Paused"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""

    def build(self) -> None:
        s = self.s
        w, h = s(300), s(48)
        x = self.width // 2 - w // 2
        y = self.height // 2 - s(150)
        items = [
            ("Resume", self.app.close_overlay, "Back to the game (Esc)"),
            ("Save game", self.save, "Save now (S); the game also saves itself after every turn"),
            ("Load game", self.load, "Open a saved game (L)"),
            ("Settings", self.settings, "Window, text size, colours"),
            (
                "Quit to menu",
                self.quit_to_menu,
                "Back to the title screen (Q); the autosave keeps this game",
            ),
        ]
        for i, (label, action, tip) in enumerate(items):
            self.button(
                pygame.Rect(x, y + i * s(58), w, h),
                label,
                action,
                tip,
                "#primary" if i == 0 else None,
            )
        self.bind(pygame.K_ESCAPE, "Esc", "resume", self.app.close_overlay)
        self.bind(pygame.K_s, "S", "save the game", self.save)
        self.bind(pygame.K_l, "L", "load a game", self.load)
        self.bind(pygame.K_q, "Q", "quit to the title screen", self.quit_to_menu)

    def save(self) -> None:
        from game.engine.saves import save_game
        from game.ui.settings import saves_dir

        session = self.app.session
        if session is None:
            return
        path = (
            session.save_path
            or saves_dir() / f"{session.game.scenario.id}-{datetime.now():%Y%m%d-%H%M%S}.json"
        )
        try:
            save_game(session.game, path)
            session.save_path = path
            self.message = f"Saved to {path}"
        except OSError as err:
            self.message = f"Could not save to {path}: {err.strerror or err}"

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
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*pal.background, 215))
        surface.blit(shade, (0, 0))
        box = pygame.Rect(0, 0, s(380), s(400))
        box.center = (self.width // 2, self.height // 2 + s(10))
        p.panel(surface, box, border=pal.accent)
        p.text(surface, "Paused", (self.width // 2, box.y + s(14)), 22, bold=True, align="center")
        if self.message:
            p.text(
                surface,
                self.message,
                (self.width // 2, box.bottom + s(12)),
                13,
                pal.text_dim,
                align="center",
                max_width=self.width - s(40),
            )
