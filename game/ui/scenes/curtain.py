"""The hand-over curtain between hot-seat delegations: nothing of the game is visible."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.labels import actor_colour, game_banners, turn_title
from game.ui.scenes.base import Scene


class CurtainScene(Scene):
    title = "Curtain"

    def banners(self) -> list[str]:
        session = self.app.session
        return game_banners(session, save_warnings=not session.save_warnings_seen)

    def build(self) -> None:
        session = self.app.session
        title = session.game.book.delegations[session.current].title
        s, p = self.s, self.app.painter
        self.top = self.banner_height()
        label = _("{delegation} delegation: show our choices").format(delegation=title)
        width = min(self.width - s(80), max(s(420), p.width(label, 16, True) + s(60)))
        height = max(s(56), p.line_height(16, True) + 16)
        # the band: heading (up to two lines) and the explanation (up to three), centred
        self.heading = _("Pass to the {delegation} delegation").format(delegation=title)
        self.note = _(
            "{turn}. Decisions stay hidden until every delegation has chosen; then all are "
            "revealed together."
        ).format(turn=turn_title(session.game))
        self.heading_h = min(2, len(p.wrap(self.heading, 34, self.width - s(80), True)))
        self.heading_h *= p.line_height(34, True)
        self.note_h = min(3, len(p.wrap(self.note, 15, self.width - s(80)))) * p.line_height(15)
        band_h = self.heading_h + self.note_h + s(56)
        middle = self.top + (self.height - self.top) // 2
        self.band = pygame.Rect(
            0, max(self.top + s(8), middle - band_h // 2 - height), self.width, band_h
        )
        rect = pygame.Rect(0, 0, width, height)
        rect.midtop = (self.width // 2, self.band.bottom + s(30))
        self.button(
            rect,
            label,
            self.reveal_own,
            _("Only when the other delegations cannot see the screen (Enter)"),
            "#primary",
        )
        self.bind(
            pygame.K_RETURN,
            "Enter",
            _("show the {delegation} delegation's choices").format(delegation=title),
            self.reveal_own,
        )

    def update(self, dt: float) -> None:
        # the turn's clock keeps running during hand-overs (not while the game is paused)
        self.app.session.tick(dt, held=self.clock_held())
        self.banners_changed()

    def reveal_own(self) -> None:
        from game.ui.scenes.turn import TurnScene

        self.app.switch(TurnScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        session = self.app.session
        self.draw_banners(surface)
        band = self.band
        pygame.draw.rect(surface, pal.panel, band)
        pygame.draw.rect(
            surface, actor_colour(session.game, session.current, pal), (0, band.y, self.width, s(6))
        )
        text = pygame.Rect(s(40), band.y + s(26), self.width - s(80), self.heading_h)
        p.paragraph(surface, self.heading, text, 34, bold=True, max_lines=2, align="center")
        text = pygame.Rect(s(40), text.bottom + s(12), self.width - s(80), self.note_h)
        p.paragraph(surface, self.note, text, 15, pal.text_dim, max_lines=3, align="center")
