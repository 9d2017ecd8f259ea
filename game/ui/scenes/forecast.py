"""Forecasts before the reveal: each delegation says how likely it thinks a few things are.

The debrief and the report score them (Brier score), a debriefing aid: were the delegations
right about what their choices, and everyone else's, would do?
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.labels import actor_colour
from game.ui.scenes.base import Scene

LEVELS = (0.1, 0.3, 0.5, 0.7, 0.9)


class ForecastScene(Scene):
    title = "Forecasts"

    def __init__(self, app, actor: str, then: Callable[[], None]):  # noqa: ANN001
        super().__init__(app)
        self.actor = actor
        self.then = then
        self.game = app.session.game
        self.questions = self.game.forecast_questions()
        self.answers: dict[str, float] = {}
        self.focus = 0
        self.level_buttons: dict[str, list] = {}

    def build(self) -> None:
        s = self.s
        y = s(120)
        self.rows = []
        for i, q in enumerate(self.questions):
            self.rows.append((q, y))
            buttons = []
            for j, level in enumerate(LEVELS):
                rect = pygame.Rect(self.width - s(560) + j * s(104), y, s(96), s(36))
                buttons.append(
                    self.button(
                        rect,
                        f"{round(level * 100)}%",
                        lambda q=q.id, lv=level: self.answer(q, lv),
                        f"Key {j + 1} when this question is selected ({i + 1}/{len(self.questions)})",
                    )
                )
            self.level_buttons[q.id] = buttons
            y += s(50)
        self.button(
            pygame.Rect(self.width - s(300), self.height - s(76), s(260), s(48)),
            "Done: lock in",
            self.done,
            "Submit these forecasts (Enter); unanswered ones are skipped",
            "#primary",
        )
        self.bind(pygame.K_RETURN, "Enter", "lock in the forecasts", self.done)
        self.bind(pygame.K_UP, "Up", "previous question", lambda: self.move(-1))
        self.bind(pygame.K_DOWN, "Down", "next question", lambda: self.move(1))
        self.bind(
            pygame.K_0,
            "0",
            "no forecast for the selected question",
            lambda: self.answer(self.questions[self.focus].id, None),
        )
        for j in range(len(LEVELS)):
            self.bind(
                pygame.K_1 + j,
                str(j + 1),
                f"{round(LEVELS[j] * 100)}% for the selected question",
                lambda j=j: self.answer(self.questions[self.focus].id, LEVELS[j]),
            )
        self.refresh()

    def move(self, step: int) -> None:
        if self.questions:
            self.focus = (self.focus + step) % len(self.questions)

    def answer(self, question: str, level: float | None) -> None:
        if level is None:
            self.answers.pop(question, None)
        else:
            self.answers[question] = level
        ids = [q.id for q in self.questions]
        self.focus = ids.index(question)
        self.refresh()

    def refresh(self) -> None:
        for qid, buttons in self.level_buttons.items():
            for level, btn in zip(LEVELS, buttons, strict=True):
                btn.select() if self.answers.get(qid) == level else btn.unselect()

    def done(self) -> None:
        for qid, level in self.answers.items():
            self.game.submit_forecast(self.actor, qid, level)
        self.then()

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        title = self.game.book.delegations[self.actor].title
        pygame.draw.rect(
            surface, actor_colour(self.game, self.actor, pal), (0, 0, self.width, s(6))
        )
        p.text(surface, f"{title}: your forecasts before the reveal", (s(40), s(26)), 26, bold=True)
        p.text(
            surface,
            "How likely is each of these? Optional; the debrief scores them (lower Brier score = better; always answering 50% scores 0.25).",
            (s(42), s(72)),
            14,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        for i, (q, y) in enumerate(self.rows):
            colour = pal.accent if i == self.focus else pal.text
            p.text(
                surface,
                q.text,
                (s(40), y + s(8)),
                15,
                colour,
                bold=i == self.focus,
                max_width=self.width - s(620),
            )
