"""Reveal and resolution: everyone's choices side by side, then what happened and why every number moved."""

from __future__ import annotations

import pygame

from game.engine.ledger import movements
from game.engine.state import Choice
from game.formatting import number, signed
from game.ui.labels import actor_colour, cause_details, short_name, turn_title
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point

CHOICE_TEXT = {Choice.PUSH: "Push", Choice.OPPOSE: "Oppose"}


class RevealScene(Scene):
    title = "Reveal"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self.report = self.session.last_report
        self.scroll = 0
        self.content_height = 0

    def build(self) -> None:
        s = self.s
        label = "See the debrief" if self.game.over else "Next turn"
        self.button(
            pygame.Rect(self.width - s(250), self.height - s(62), s(234), s(48)),
            label,
            self.proceed,
            "Continue (Enter or Space)",
            "#primary",
        )
        self.bind(pygame.K_RETURN, "Enter", label.lower(), self.proceed)
        self.bind(pygame.K_SPACE, "Space", label.lower(), self.proceed)
        self.bind(pygame.K_PAGEDOWN, "PgDn", "scroll the causes down", lambda: self.scroll_by(1))
        self.bind(pygame.K_PAGEUP, "PgUp", "scroll the causes up", lambda: self.scroll_by(-1))
        self.bind(pygame.K_DOWN, "Down", "scroll the causes down", lambda: self.scroll_by(0.25))
        self.bind(pygame.K_UP, "Up", "scroll the causes up", lambda: self.scroll_by(-0.25))
        self.bind(pygame.K_ESCAPE, "Esc", "pause menu", self.pause)

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseOverlay

        self.app.open_overlay(PauseOverlay(self.app))

    def proceed(self) -> None:
        after_decision_point(self.app, self.session.next_after_reveal())

    def scroll_by(self, pages: float) -> None:
        page = self.causes_rect.height if hasattr(self, "causes_rect") else 300
        limit = max(0, self.content_height - page)
        self.scroll = int(max(0, min(limit, self.scroll + pages * page * 0.8)))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * 0.15)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_cached(surface, self.scroll, self.draw_page)

    def draw_page(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        p.text(surface, f"Revealed: {turn_title(game, report.turn)}", (s(16), s(12)), 24, bold=True)
        if report.crisis:
            p.text(
                surface,
                "CRISIS: tension reached the threshold. The game ends.",
                (self.width - s(16), s(18)),
                17,
                pal.bad,
                bold=True,
                align="right",
            )
        left = pygame.Rect(s(12), s(56), int(self.width * 0.44), self.height - s(136))
        right = pygame.Rect(
            left.right + s(10), s(56), self.width - left.right - s(22), self.height - s(136)
        )
        self.draw_decisions(surface, left)
        self.draw_causes(surface, right)

    def draw_decisions(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        p.panel(surface, rect)
        x, y = rect.x + s(12), rect.y + s(10)
        p.text(surface, "Decisions, side by side", (x, y), 17, bold=True)
        y += s(32)
        actors = list(game.book.delegation_ids)
        name_w = int(rect.width * 0.42)
        col_w = (rect.width - name_w - s(24) - s(70)) // max(1, len(actors))
        for i, a in enumerate(actors):
            cx = x + name_w + i * col_w + col_w // 2
            p.text(
                surface,
                short_name(game, a),
                (cx, y),
                13,
                actor_colour(game, a, pal),
                bold=True,
                align="center",
            )
        p.text(surface, "Progress", (rect.right - s(12), y), 13, pal.text_dim, align="right")
        y += s(24)
        row_h = max(s(30), min(s(46), (rect.height - s(200)) // max(1, len(game.book.measures))))
        for m in game.book.measures:
            p.paragraph(
                surface, m.model.title, pygame.Rect(x, y, name_w - s(8), row_h), 12, max_lines=2
            )
            for i, a in enumerate(actors):
                cx = x + name_w + i * col_w + col_w // 2
                if a not in m.cost:
                    p.text(surface, "·", (cx, y), 13, pal.text_dim, align="center")
                    continue
                choice = report.decisions.get(a, {}).get(m.id, Choice.HOLD)
                colour = (
                    pal.good
                    if choice == Choice.PUSH
                    else pal.bad
                    if choice == Choice.OPPOSE
                    else pal.text_dim
                )
                p.text(
                    surface,
                    CHOICE_TEXT.get(choice, "hold"),
                    (cx, y),
                    13,
                    colour,
                    bold=choice != Choice.HOLD,
                    align="center",
                )
            if m.id in report.adopted:
                p.text(
                    surface,
                    "ADOPTED",
                    (rect.right - s(12), y),
                    13,
                    pal.good,
                    bold=True,
                    align="right",
                )
            elif m.id in report.progress:
                before, after = report.progress[m.id]
                colour = pal.good if after > before else pal.bad
                p.text(
                    surface,
                    f"{number(before)}->{number(after)}/{number(m.needed)}",
                    (rect.right - s(12), y),
                    12,
                    colour,
                    align="right",
                )
            elif m.id in game.state.adopted:
                p.text(
                    surface, "in force", (rect.right - s(12), y), 12, pal.text_dim, align="right"
                )
            y += row_h
        y += s(8)
        red = game.book.red_cell.short or game.book.red_cell.title
        p.text(surface, f"{red} gray-zone actions", (x, y), 15, bold=True)
        y += s(24)
        for e in report.events:
            if y > rect.bottom - s(24):
                break
            loc = game.scenario.locations[e.location].title if e.location else ""
            r = p.text(
                surface,
                f"• {e.title}" + (f" ({loc})" if loc else ""),
                (x, y),
                13,
                max_width=rect.width - s(24),
            )
            p.hover(
                r,
                cause_details(game, "event", e.event_id)
                + (f"\nResilience absorbed {number(e.absorbed)}." if e.absorbed else ""),
            )
            y += s(20)
        injects = [
            ("Inject (facilitator)", a.inject_id)
            for a in game.facilitator_log
            if a.kind == "inject" and a.turn == report.turn
        ] + [("Inject", inj) for inj in report.injects]
        for label, inj in injects:
            if y > rect.bottom - s(24):
                break
            r = p.text(
                surface,
                f"• {label}: {game.book.inject[inj].model.title}",
                (x, y),
                13,
                pal.warning,
                max_width=rect.width - s(24),
            )
            p.hover(r, cause_details(game, "inject", inj))
            y += s(20)

    def draw_causes(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        p.panel(surface, rect)
        p.text(surface, "What moved, and why", (rect.x + s(12), rect.y + s(10)), 17, bold=True)
        p.text(
            surface,
            "hover a cause for its source",
            (rect.right - s(12), rect.y + s(14)),
            12,
            pal.text_dim,
            align="right",
        )
        self.causes_rect = area = pygame.Rect(
            rect.x + s(12), rect.y + s(42), rect.width - s(24), rect.height - s(52)
        )
        moved = movements(report.changes)
        order = ["cooperation", "tension", *game.book.domain_keys]
        order += [f"support.{a}" for a in game.book.delegation_ids]
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.y - self.scroll
        line = s(19)
        for key in order:
            mv = moved.get(key)
            if mv is None or not mv.causes:
                continue
            better = mv.total < 0 if key == "tension" else mv.total > 0
            colour = pal.good if better else pal.bad
            if area.y - line < y < area.bottom:
                p.text(
                    surface,
                    f"{game.book.title_of(key)} {signed(mv.total)}",
                    (area.x, y),
                    14,
                    colour,
                    bold=True,
                )
                if mv.absorbed:
                    p.text(
                        surface,
                        f"resilience absorbed {number(mv.absorbed)}",
                        (area.right, y + 2),
                        12,
                        pal.text_dim,
                        align="right",
                    )
            y += line + s(2)
            for (label, amount), (cause, source_id) in zip(mv.causes, mv.keys, strict=True):
                if area.y - line < y < area.bottom:
                    p.text(surface, signed(amount), (area.x + s(56), y), 13, align="right")
                    r = p.text(
                        surface, label, (area.x + s(66), y), 13, max_width=area.width - s(70)
                    )
                    p.hover(r.clip(area), cause_details(game, cause, source_id))
                y += line
            y += s(6)
        surface.set_clip(clip)
        self.content_height = y + self.scroll - area.y
        if self.content_height > area.height:
            frac = area.height / self.content_height
            bar_h = max(s(20), int(area.height * frac))
            top = area.y + int(
                (area.height - bar_h) * (self.scroll / max(1, self.content_height - area.height))
            )
            pygame.draw.rect(
                surface, pal.panel_border, (rect.right - s(6), top, s(4), bar_h), border_radius=2
            )
            p.text(
                surface,
                "scroll: wheel, PgUp/PgDn",
                (rect.right - s(12), rect.bottom + s(4)),
                11,
                pal.text_dim,
                align="right",
            )
