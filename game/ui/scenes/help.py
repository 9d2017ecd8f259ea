"""F1 help overlay: every key of the current screen, drawn over it."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene


class HelpOverlay(Scene):
    title = "Help"

    def __init__(self, app, keys: list[tuple[str, str]]):  # noqa: ANN001
        super().__init__(app)
        self.help_keys = keys

    def build(self) -> None:
        self.bind(pygame.K_ESCAPE, "Esc", "close help", self.app.close_overlay)

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*pal.background, 200))
        surface.blit(shade, (0, 0))
        rows = self.help_keys + [
            ("Mouse", "hover any number or card to see what it means and why it moved")
        ]
        box = pygame.Rect(0, 0, s(640), s(90) + len(rows) * s(28))
        box.center = surface.get_rect().center
        p.panel(surface, box, border=pal.accent)
        p.text(surface, "Keys on this screen", (box.x + s(24), box.y + s(18)), 20, bold=True)
        y = box.y + s(60)
        for key, what in rows:
            p.text(surface, key, (box.x + s(24), y), 15, pal.accent, bold=True)
            p.text(surface, what, (box.x + s(150), y), 15, max_width=box.width - s(170))
            y += s(28)
        p.text(
            surface,
            "F1 or Esc closes this help",
            (box.centerx, box.bottom - s(26)),
            13,
            pal.text_dim,
            align="center",
        )
