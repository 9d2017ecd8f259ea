"""Forecasts before the reveal: each delegation says how likely it thinks a few things are.

The debrief and the report score them (Brier score), a debriefing aid: were the delegations
right about what their choices, and everyone else's, would do?
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.ui.labels import actor_colour, game_banners
from game.ui.scenes.base import Scene

LEVELS = (0.1, 0.3, 0.5, 0.7, 0.9)


class ForecastScene(Scene):
    """One row per question (its text wrapped to two lines; hover for the whole) with a button
    per level; as many rows as fit, the rest on further pages (PgUp/PgDn, or moving the
    selection past the page)."""

    title = "Forecasts"

    def __init__(self, app, actor: str, then: Callable[[], None]):  # noqa: ANN001
        super().__init__(app)
        self.actor = actor
        self.then = then
        self.game = app.session.game
        self.questions = self.game.forecast_questions()
        self.answers: dict[str, float] = {}
        self.focus = 0
        self.page = 0
        self.level_buttons: dict[str, list] = {}

    def banners(self) -> list[str]:
        session = self.app.session
        return game_banners(session, save_warnings=not session.save_warnings_seen)

    def build(self) -> None:
        s, p = self.s, self.app.painter
        self.top = self.banner_height()
        self.title_y = self.top + s(20)
        intro_y = self.title_y + p.line_height(26, True) + s(4)
        self.intro = pygame.Rect(s(42), intro_y, self.width - s(80), 2 * p.line_height(14))
        done_h = max(s(48), p.line_height(16, True) + 12)
        done = self.button(
            pygame.Rect(self.width - s(300), self.height - done_h - s(20), s(260), done_h),
            _("Done: lock in"),
            self.done,
            _("Submit these forecasts (Enter); unanswered ones are skipped"),
            "#primary",
        )
        button_h = max(s(36), p.line_height(15) + 8)
        bw = max(s(80), p.width("90%", 15) + s(30))
        self.buttons_x = self.width - s(40) - len(LEVELS) * (bw + s(8)) + s(8)
        self.text_w = self.buttons_x - s(40) - s(24)
        self.row_h = max(button_h, 2 * p.line_height(15)) + s(12)
        first_y = self.intro.bottom + s(16)
        self.footer_y = done.rect.y - s(8) - p.line_height(12)
        per_page = max(1, (self.footer_y - first_y) // self.row_h)
        self.per_page = per_page
        self.page = min(self.page, max(0, (len(self.questions) - 1) // per_page))
        shown = self.questions[self.page * per_page : (self.page + 1) * per_page]
        self.rows = []
        self.level_buttons = {}
        for k, q in enumerate(shown):
            i = self.page * per_page + k
            y = first_y + k * self.row_h
            self.rows.append((i, q, y))
            buttons = []
            for j, level in enumerate(LEVELS):
                rect = pygame.Rect(self.buttons_x + j * (bw + s(8)), y, bw, button_h)
                buttons.append(
                    self.button(
                        rect,
                        f"{round(level * 100)}%",
                        lambda q=q.id, lv=level: self.answer(q, lv),
                        _("Key {key} when this question is selected ({number}/{count})").format(
                            key=j + 1, number=i + 1, count=len(self.questions)
                        ),
                    )
                )
            self.level_buttons[q.id] = buttons
        self.bind(pygame.K_RETURN, "Enter", _("lock in the forecasts"), self.done)
        self.bind(pygame.K_UP, "Up", _("previous question"), lambda: self.move(-1))
        self.bind(pygame.K_DOWN, "Down", _("next question"), lambda: self.move(1))
        self.bind(pygame.K_PAGEDOWN, "PgDn", _("next page of questions"), lambda: self.turn_page(1))
        self.bind(
            pygame.K_PAGEUP, "PgUp", _("previous page of questions"), lambda: self.turn_page(-1)
        )
        self.bind(
            pygame.K_0,
            "0",
            _("no forecast for the selected question"),
            lambda: self.answer(self.questions[self.focus].id, None),
        )
        for j in range(len(LEVELS)):
            self.bind(
                pygame.K_1 + j,
                str(j + 1),
                _("{percent}% for the selected question").format(percent=round(LEVELS[j] * 100)),
                lambda j=j: self.answer(self.questions[self.focus].id, LEVELS[j]),
            )
        self.refresh()

    def update(self, dt: float) -> None:
        self.banners_changed()

    def show_focus(self) -> None:
        """Turn to the page holding the selected question."""
        page = self.focus // self.per_page
        if page != self.page:
            self.page = page
            self.teardown()
            self.build()

    def turn_page(self, step: int) -> None:
        pages = max(1, -(-len(self.questions) // self.per_page))
        page = max(0, min(pages - 1, self.page + step))
        if page != self.page:
            self.focus = page * self.per_page
            self.show_focus()

    def move(self, step: int) -> None:
        if self.questions:
            self.focus = (self.focus + step) % len(self.questions)
            self.show_focus()

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
        self.draw_banners(surface)
        title = self.game.book.delegations[self.actor].title
        pygame.draw.rect(
            surface, actor_colour(self.game, self.actor, pal), (0, self.top, self.width, s(6))
        )
        p.text(
            surface,
            _("{delegation}: your forecasts before the reveal").format(delegation=title),
            (s(40), self.title_y),
            26,
            bold=True,
            max_width=self.width - s(80),
        )
        p.paragraph(
            surface,
            _(
                "How likely is each of these? Optional; the debrief scores them (lower Brier "
                "score = better; always answering 50% scores 0.25)."
            ),
            self.intro,
            14,
            pal.text_dim,
            max_lines=2,
        )
        line = p.line_height(15)
        for i, q, y in self.rows:
            focused = i == self.focus
            p.paragraph(
                surface,
                q.text,
                pygame.Rect(
                    s(40), y + max(0, (self.row_h - s(12) - 2 * line) // 2), self.text_w, 2 * line
                ),
                15,
                pal.accent if focused else pal.text,
                bold=focused,
                max_lines=2,
            )
        if len(self.questions) > self.per_page:
            first = self.page * self.per_page + 1
            last = min(len(self.questions), first + self.per_page - 1)
            p.text(
                surface,
                _("Questions {first}–{last} of {count}: PgUp/PgDn for the others").format(
                    first=first, last=last, count=len(self.questions)
                ),
                (s(40), self.footer_y),
                12,
                pal.text_dim,
                max_width=self.width - s(380),
            )
