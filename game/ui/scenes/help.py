"""F1 help overlay: every key of the current screen, drawn over it."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.scenes.base import Scene


class HelpOverlay(Scene):
    """Every key of the screen beneath, and a button to the How you are scored page (F2 opens
    it too, from any screen)."""

    title = "Help"

    def __init__(self, app, keys: list[tuple[str, str]], mouse: str | None = None):  # noqa: ANN001
        from game.ui.scenes.scoring import ScoringOverlay

        super().__init__(app)
        self.help_keys = keys
        self.mouse = mouse or Scene.mouse_help
        # over the scoring page itself, the help does not offer to open it again
        self.offers_scoring = not isinstance(app.top, ScoringOverlay)

    def build(self) -> None:

        p, s = self.app.painter, self.s
        # the mouse's line is a class attribute of the screen beneath (its English is kept
        # there as a name); it is translated here, where it is shown
        rows = [*self.help_keys, (_("Mouse"), _(self.mouse))]
        # Laid out from the fonts: the key column as wide as its widest name, each
        # description wrapped, and the whole list inside the window at every text size.
        self.key_w = max(p.width(key, 15, True) for key, _unused in rows)
        box_w = min(self.width - s(40), max(s(640), self.key_w + s(420)))
        text_w = box_w - self.key_w - s(72)
        self.step = p.fonts.get(15).get_linesize()
        self.wrapped = [(key, p.wrap(what, 15, text_w)) for key, what in rows]
        heading = p.fonts.get(20, True).get_linesize()
        self.button_h = max(s(40), p.line_height(15, True) + 12)
        footer = max(p.fonts.get(13).get_linesize(), self.button_h if self.offers_scoring else 0)
        body = sum(len(lines) for _unused, lines in self.wrapped) * self.step + len(rows) * s(4)
        box = pygame.Rect(0, 0, box_w, min(self.height - s(20), heading + body + footer + s(60)))
        box.center = (self.width // 2, self.height // 2)
        self.box = box
        self.heading_h = heading
        self.footer_h = footer
        panel = self.modal(box)
        self.hide_text_beneath()
        self.bind(pygame.K_ESCAPE, "Esc", _("close help"), self.app.close_overlay)
        if self.offers_scoring:
            width = min(s(260), box.width // 2 - s(24))
            self.button(
                pygame.Rect(
                    box.width - width - s(18),
                    box.height - self.button_h - s(12),
                    width,
                    self.button_h,
                ),
                _("How you are scored"),
                self.how_scored,
                _("How games of this scenario are scored (F2)"),
                container=panel,
            )

    def how_scored(self) -> None:
        self.app.toggle_scoring()  # the page opens in the help's place

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        box = self.box
        p.panel(surface, box, border=pal.accent)
        p.text(surface, _("Keys on this screen"), (box.x + s(24), box.y + s(16)), 20, bold=True)
        y = box.y + s(24) + self.heading_h
        room = box.bottom - self.footer_h - s(16)
        step = self.step
        for key, lines in self.wrapped:
            if y + len(lines) * step > room:
                break  # only on a window too small for the whole list
            p.text(surface, key, (box.x + s(24), y), 15, pal.accent, bold=True)
            for line in lines:
                p.text(surface, line, (box.x + s(48) + self.key_w, y), 15)
                y += step
            y += s(4)
        closes = _("F1 or Esc closes this help")
        if self.offers_scoring:  # beside the button
            y = box.bottom - s(12) - (self.button_h + p.line_height(13)) // 2
            p.text(surface, closes, (box.x + s(24), y), 13, pal.text_dim, max_width=box.width // 2)
        else:
            p.text(
                surface,
                closes,
                (box.centerx, box.bottom - s(26)),
                13,
                pal.text_dim,
                align="center",
            )


MESSAGE_LINES = 14  # lines a message shows; a longer one ends with "…" (hover: the whole)


class MessageOverlay(Scene):
    """A short message over the screen (e.g. a reload error with file:line:column); Esc, Enter
    or a click on it closes it."""

    title = "Message"
    covers_screen = False  # play goes on beneath it, tooltips included

    def __init__(self, app, heading: str, text: str, bad: bool = False):  # noqa: ANN001
        super().__init__(app)
        self.heading = heading
        self.text = text
        self.bad = bad
        self.shown_for = 0.0
        self.box = pygame.Rect(0, 0, 0, 0)

    def build(self) -> None:
        self.bind(pygame.K_ESCAPE, "Esc", _("close"), self.app.close_overlay)
        self.bind(pygame.K_RETURN, "Enter", _("close"), self.app.close_overlay)

    def handle(self, event: pygame.event.Event) -> None:
        closing_key = event.type == pygame.KEYDOWN and event.key in (
            pygame.K_ESCAPE,
            pygame.K_RETURN,
        )
        click = event.type == pygame.MOUSEBUTTONDOWN and self.takes_click(event.pos)
        if closing_key or click:
            self.app.close_overlay()
        else:
            self.app.scene.handle(event)  # the game goes on underneath

    def takes_click(self, pos: tuple[int, int]) -> bool:
        return self.box.collidepoint(pos)

    def update(self, dt: float) -> None:
        self.shown_for += dt
        if not self.bad and self.shown_for > 3:
            self.app.close_overlay()  # good news fades by itself; errors wait to be read

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        box = pygame.Rect(0, 0, min(self.width - s(80), s(900)), s(60))
        step = p.line_height(14)
        inner_w = box.width - s(40)
        count = min(MESSAGE_LINES, len(p.wrap(self.text, 14, inner_w)))
        box.height = s(70) + count * step
        box.midtop = (self.width // 2, s(60))
        self.box = box
        p.panel(surface, box, border=pal.bad if self.bad else pal.good, width=2)
        p.text(
            surface,
            self.heading,
            (box.x + s(20), box.y + s(12)),
            17,
            pal.bad if self.bad else pal.good,
            bold=True,
        )
        # A longer message ends with "…" and shows whole on hover.
        text_rect = pygame.Rect(box.x + s(20), box.y + s(44), inner_w, count * step)
        p.paragraph(surface, self.text, text_rect, 14, max_lines=MESSAGE_LINES)
        if self.bad:
            p.text(
                surface,
                _("Esc or a click closes this"),
                (box.right - s(16), box.y + s(14)),
                12,
                pal.text_dim,
                align="right",
            )
