"""The hand-over curtain between hot-seat delegations: nothing of the game is visible."""

from __future__ import annotations

import pygame

from game.ui.labels import actor_colour, turn_title
from game.ui.scenes.base import Scene


class CurtainScene(Scene):
    title = "Curtain"

    def build(self) -> None:
        session = self.app.session
        actor = session.current
        title = session.game.book.delegations[actor].title
        s = self.s
        rect = pygame.Rect(0, 0, s(420), s(56))
        rect.center = (self.width // 2, self.height // 2 + s(120))
        self.button(
            rect,
            f"{title} delegation: show our choices",
            self.reveal_own,
            "Only when the other delegations cannot see the screen (Enter)",
            "#primary",
        )
        self.bind(
            pygame.K_RETURN, "Enter", f"show the {title} delegation's choices", self.reveal_own
        )

    def update(self, dt: float) -> None:
        self.app.session.tick(dt)  # the turn's clock keeps running during hand-overs

    def reveal_own(self) -> None:
        from game.ui.scenes.turn import TurnScene

        self.app.switch(TurnScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        session = self.app.session
        actor = session.current
        game = session.game
        colour = actor_colour(game, actor, pal)
        band = pygame.Rect(0, self.height // 2 - s(120), self.width, s(170))
        pygame.draw.rect(surface, pal.panel, band)
        pygame.draw.rect(surface, colour, (0, band.y, self.width, s(6)))
        title = game.book.delegations[actor].title
        p.text(
            surface,
            f"Pass to the {title} delegation",
            (self.width // 2, band.y + s(34)),
            34,
            bold=True,
            align="center",
        )
        p.text(
            surface,
            f"{turn_title(game)}. Decisions stay hidden until every delegation has chosen; then all are revealed together.",
            (self.width // 2, band.y + s(100)),
            15,
            pal.text_dim,
            align="center",
            max_width=self.width - s(80),
        )
