"""Error screen: a scenario or save that failed to load, with its located message."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import _
from game.ui.scenes.base import Scene


class ErrorScene(Scene):
    title = "Error"

    def __init__(self, app, heading: str, message: str, back: Callable[[], Scene] | None = None):  # noqa: ANN001
        super().__init__(app)
        self.heading = heading
        self.message = message
        self.back_to = back

    def build(self) -> None:
        from game.ui.widgets import widget_html

        s = self.s
        html = widget_html(self.message)
        self.add(
            UITextBox(
                html,
                pygame.Rect(s(40), s(100), self.width - s(80), self.height - s(200)),
                self.app.manager,
            )
        )
        self.button(
            pygame.Rect(s(40), self.height - s(80), s(200), s(48)),
            _("Back"),
            self.back,
            _("Go back (Esc or Enter)"),
            "#primary",
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("go back"), self.back)
        self.bind(pygame.K_RETURN, "Enter", _("go back"), self.back)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.switch(self.back_to())
        else:
            from game.ui.scenes.title import TitleScene

            self.app.switch(TitleScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(
            surface,
            self.heading,
            (s(40), s(36)),
            26,
            pal.bad,
            bold=True,
            max_width=self.width - s(80),
        )
