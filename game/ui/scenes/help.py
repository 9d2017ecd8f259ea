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


class MessageOverlay(Scene):
    """A short message over the screen (e.g. a reload error with file:line:column); any key closes it."""

    title = "Message"
    covers_screen = False  # play goes on beneath it, tooltips included

    def __init__(self, app, heading: str, text: str, bad: bool = False):  # noqa: ANN001
        super().__init__(app)
        self.heading = heading
        self.text = text
        self.bad = bad
        self.shown_for = 0.0

    def build(self) -> None:
        self.bind(pygame.K_ESCAPE, "Esc", "close", self.app.close_overlay)
        self.bind(pygame.K_RETURN, "Enter", "close", self.app.close_overlay)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            self.app.close_overlay()
        else:
            self.app.scene.handle(event)  # the game goes on underneath

    def update(self, dt: float) -> None:
        self.shown_for += dt
        if not self.bad and self.shown_for > 3:
            self.app.close_overlay()  # good news fades by itself; errors wait to be read

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        box = pygame.Rect(0, 0, min(self.width - s(80), s(900)), s(60))
        lines = p.wrap(self.text, 14, box.width - s(40))[:14]
        box.height = s(70) + len(lines) * p.fonts.get(14).get_linesize()
        box.midtop = (self.width // 2, s(60))
        p.panel(surface, box, border=pal.bad if self.bad else pal.good, width=2)
        p.text(
            surface,
            self.heading,
            (box.x + s(20), box.y + s(12)),
            17,
            pal.bad if self.bad else pal.good,
            bold=True,
        )
        y = box.y + s(44)
        for line in lines:
            p.text(surface, line, (box.x + s(20), y), 14)
            y += p.fonts.get(14).get_linesize()
        if self.bad:
            p.text(
                surface,
                "Esc closes this",
                (box.right - s(16), box.y + s(14)),
                12,
                pal.text_dim,
                align="right",
            )
