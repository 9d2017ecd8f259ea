"""Debrief: the outcome band, scores, every indicator over the turns, and the decisions timeline."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.engine.ledger import indicator_history
from game.engine.state import Choice
from game.formatting import number
from game.ui.charts import draw_bar_scores, draw_line_chart
from game.ui.labels import actor_colour, short_name
from game.ui.scenes.base import Scene


class DebriefScene(Scene):
    title = "Debrief"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self.result = self.game.result()
        self.history = indicator_history(self.game.ledger, len(self.game.reports))

    def build(self) -> None:
        s = self.s
        r = self.result
        epilogue = " ".join(r.outcome.epilogue.split())
        end = "ended in a crisis" if r.crisis else "ran its course"
        html = f"<b>{r.outcome.title}</b><br>The game {end} after {self.game.scenario.turn_label.lower()} {r.final_turn}.<br><br>{epilogue}"
        self.text_rect = pygame.Rect(s(12), s(56), int(self.width * 0.34), int(self.height * 0.36))
        self.add(UITextBox(html, self.text_rect, self.app.manager))
        y = self.height - s(60)
        self.button(
            pygame.Rect(s(12), y, s(200), s(46)), "Back to menu", self.menu, "The title screen (M)"
        )
        self.button(
            pygame.Rect(s(224), y, s(200), s(46)),
            "Play again",
            self.again,
            "Same scenario and seats, new seed (R)",
            "#primary",
        )
        self.button(
            pygame.Rect(s(436), y, s(150), s(46)),
            "What if...",
            self.what_if,
            "Change one decision and replay the rest with the same seed (W)",
        )
        self.report_button = self.button(
            pygame.Rect(s(598), y, s(170), s(46)),
            "Write report",
            self.write_report,
            "After-action report as HTML and Markdown, with charts (A)",
        )
        self.bind(pygame.K_m, "M", "back to the title screen", self.menu)
        self.bind(pygame.K_r, "R", "play again", self.again)
        self.bind(pygame.K_w, "W", "what if: change one decision and replay", self.what_if)
        self.bind(pygame.K_a, "A", "write the after-action report", self.write_report)
        self.bind(pygame.K_ESCAPE, "Esc", "back to the title screen", self.menu)

    def what_if(self) -> None:
        from game.ui.scenes.counterfactual import CounterfactualScene

        self.app.switch(CounterfactualScene(self.app))

    def write_report(self) -> None:
        """Write the report in the background; the screen stays usable meanwhile."""
        import threading
        from datetime import datetime

        from game.ui.settings import data_dir

        if getattr(self, "report_thread", None) is not None and self.report_thread.is_alive():
            return
        session = self.session
        folder = (
            session.save_path.parent
            if session.save_path and session.save_path.name == "game.json"
            else data_dir() / "reports" / datetime.now().strftime("%Y%m%d-%H%M%S")
        ) / "report"
        self.report_message = "Writing the report (playing AI games for comparison)…"

        def work() -> None:
            try:
                from game.report import write_report

                html, _md = write_report(self.game, folder, save_path=session.save_path)
                self.report_message = f"Report written: {html}"
            except Exception as err:  # noqa: BLE001 - shown on screen, never a crash
                self.report_message = f"Could not write the report: {err}"

        self.report_thread = threading.Thread(target=work, name="report", daemon=True)
        self.report_thread.start()

    def update(self, dt: float) -> None:
        message = getattr(self, "report_message", "")
        if message != getattr(self, "_shown_message", ""):
            self._shown_message = message
            self._layer = None

    def menu(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.session = None
        self.app.switch(TitleScene(self.app))

    def again(self) -> None:
        from game.ui.scenes.setup import HUMAN, SetupScene

        game = self.game
        scene = SetupScene(self.app, game.loaded)
        for actor in game.book.delegation_ids:
            scene.seats[actor] = (
                HUMAN
                if actor in game.setup.humans
                else scene.ai_label(actor, game.setup.ai_profiles.get(actor))
            )
        self.app.switch(scene)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_cached(surface, None, self.draw_page)

    def draw_page(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, r = self.game, self.result
        book = game.book
        p.text(
            surface,
            f"Debrief: {r.outcome.title}",
            (s(12), s(12)),
            24,
            bold=True,
            max_width=self.width - s(24),
        )
        font = self.app.fonts.get(12)
        # scores
        sh = r.shared
        scores_rect = pygame.Rect(
            s(12),
            self.text_rect.bottom + s(10),
            self.text_rect.width,
            self.height - self.text_rect.bottom - s(84),
        )
        p.panel(surface, scores_rect)
        x, y = scores_rect.x + s(10), scores_rect.y + s(8)
        p.text(surface, f"Shared score {number(sh.score)}", (x, y), 16, bold=True)
        y += s(24)
        parts = (
            f"cooperation {number(sh.cooperation)} · resilience {number(sh.resilience)} · "
            f"stability {number(sh.stability)} · measures {len(sh.adopted)}/{len(book.measures)}"
        )
        p.text(surface, parts, (x, y), 12, pal.text_dim, max_width=scores_rect.width - s(20))
        y += s(20)
        names = {book.delegations[a].title: d.score for a, d in r.delegations.items()}
        colours = {book.delegations[a].title: actor_colour(game, a, pal) for a in r.delegations}
        bars = pygame.Rect(
            x, y, scores_rect.width - s(20), min(s(104), scores_rect.bottom - y - s(8))
        )
        for rect, text in draw_bar_scores(
            surface, bars, names, pal, font, colours=colours, title="Each delegation's own score"
        ):
            actor = (
                next(a for a in r.delegations if book.delegations[a].title in text)
                if any(book.delegations[a].title in text for a in r.delegations)
                else None
            )
            detail = ""
            if actor:
                detail = "\n" + ", ".join(
                    f"{k} {number(v)}" for k, v in r.delegations[actor].parts.items()
                )
            p.hover(pygame.Rect(rect), text + detail)
        self.draw_class_notes(
            surface,
            pygame.Rect(x, bars.y + s(110), bars.width, scores_rect.bottom - bars.y - s(116)),
        )
        message = getattr(self, "report_message", "")
        if message:
            p.text(
                surface,
                message,
                (s(780), self.height - s(46)),
                12,
                pal.text_dim,
                max_width=self.width - s(790),
            )
        # charts
        cx = self.text_rect.right + s(10)
        cw = self.width - cx - s(12)
        chart_h = (self.height - s(56) - s(84)) // 3
        turns = len(game.reports)
        x_labels = ["Start"] + [str(t) for t in range(1, turns + 1)]
        top = s(56)
        mean = [
            round(sum(self.history[k][t] for k in book.domain_keys) / len(book.domain_keys), 1)
            for t in range(turns + 1)
        ]
        main = {
            book.title_of("cooperation"): self.history["cooperation"],
            book.title_of("tension"): self.history["tension"],
            "Mean resilience": mean,
        }
        charts = [
            (
                main,
                "Cooperation, tension and mean resilience",
                (f"crisis at {number(book.crisis_at)}", book.crisis_at),
                None,
            ),
            (
                {
                    book.title_of(k).replace("Resilience (", "").rstrip(")"): self.history[k]
                    for k in book.domain_keys
                },
                "Resilience by domain",
                None,
                None,
            ),
            (
                {
                    book.delegations[a].title: self.history[f"support.{a}"]
                    for a in book.delegation_ids
                },
                "Domestic support",
                None,
                {
                    book.delegations[a].title: actor_colour(game, a, pal)
                    for a in book.delegation_ids
                },
            ),
        ]
        for i, (series, title, threshold, chart_colours) in enumerate(charts):
            rect = pygame.Rect(cx, top + i * chart_h, cw * 2 // 3 - s(6), chart_h - s(6))
            hovers = draw_line_chart(
                surface,
                rect,
                series,
                pal,
                font,
                title=title,
                threshold=threshold,
                x_labels=x_labels,
                colours=chart_colours,
                turn_label=game.scenario.turn_label,
            )
            for hr, text in hovers:
                p.hover(pygame.Rect(hr), text)
        self.draw_timeline(
            surface, pygame.Rect(cx + cw * 2 // 3, top, cw - cw * 2 // 3, chart_h * 3 - s(6))
        )

    def draw_class_notes(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Forecast scores and what the facilitator did, if anything."""
        from game.engine.scoring import forecast_scores

        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        y = rect.y
        scores = {a: f for a, f in forecast_scores(game).items() if f.count}
        if scores:
            p.text(
                surface,
                "Forecasts (Brier score; 0 = perfect, 0.25 = always 50%)",
                (rect.x, y),
                12,
                pal.text_dim,
                max_width=rect.width,
            )
            y += s(18)
            line = "   ".join(
                f"{short_name(game, a)} {f.brier:.2f} ({f.count})" for a, f in scores.items()
            )
            r = p.text(surface, line, (rect.x, y), 13, max_width=rect.width)
            p.hover(
                r,
                "Mean squared distance between the stated probability and what happened, over each delegation's forecasts (count in brackets). Lower is better.",
            )
            y += s(22)
        actions = [a for a in game.facilitator_log if a.kind != "note"]
        notes = game.notes()
        if actions or notes:
            p.text(surface, "Facilitator", (rect.x, y), 12, pal.text_dim)
            y += s(18)
            for a in [*actions, *notes]:
                if y > rect.bottom - s(16):
                    break
                t = f"{game.scenario.turn_label[:1]}{a.turn}"
                if a.kind == "inject":
                    text = f"{t}: fired {game.book.inject[a.inject_id].model.title}"
                elif a.kind == "adjust":
                    text = f"{t}: {game.book.title_of(a.indicator)} {a.amount:+g}, because {a.text}"
                else:
                    text = f"{t}: note: {a.text}"
                r = p.text(surface, text, (rect.x, y), 12, max_width=rect.width)
                p.hover(r, text)
                y += s(17)

    def draw_timeline(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Who pushed what, turn by turn; adoptions marked."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        p.panel(surface, rect)
        p.text(surface, "Decisions timeline", (rect.x + s(8), rect.y + s(6)), 14, bold=True)
        actors = list(game.book.delegation_ids)
        y = rect.y + s(30)
        col = (rect.width - s(60)) // max(1, len(actors))
        for i, a in enumerate(actors):
            p.text(
                surface,
                short_name(game, a),
                (rect.x + s(52) + i * col + col // 2, y),
                11,
                actor_colour(game, a, pal),
                bold=True,
                align="center",
            )
        y += s(18)
        row_h = max(12, min(s(40), (rect.bottom - y - s(6)) // max(1, len(game.reports))))
        measure_index = {m.id: i + 1 for i, m in enumerate(game.book.measures)}
        for report in game.reports:
            p.text(
                surface,
                f"{game.scenario.turn_label[:1]}{report.turn}",
                (rect.x + s(8), y),
                11,
                pal.text_dim,
            )
            for i, a in enumerate(actors):
                chosen = report.decisions.get(a, {})
                pushes = [str(measure_index[m]) for m, c in chosen.items() if c == Choice.PUSH]
                opposes = [str(measure_index[m]) for m, c in chosen.items() if c == Choice.OPPOSE]
                text = ",".join(pushes) + (" x" + ",".join(opposes) if opposes else "")
                cell = pygame.Rect(rect.x + s(52) + i * col, y, col - s(4), row_h)
                p.text(
                    surface,
                    text or "–",
                    (cell.centerx, y),
                    11,
                    align="center",
                    max_width=col - s(6),
                )
                names = [game.book.measure[m].model.title for m in chosen]
                p.hover(
                    cell,
                    f"{game.book.delegations[a].title}, {game.scenario.turn_label.lower()} {report.turn}: "
                    + (
                        "; ".join(
                            f"{c.value} {n}" for c, n in zip(chosen.values(), names, strict=True)
                        )
                        or "held on everything"
                    ),
                )
            if report.adopted:
                p.text(surface, "*", (rect.right - s(10), y), 11, pal.good, align="right")
                p.hover(
                    pygame.Rect(rect.right - s(20), y, s(16), row_h),
                    "Adopted: "
                    + "; ".join(game.book.measure[m].model.title for m in report.adopted),
                )
            y += row_h
        legend = "numbers = measures pushed (card order), x = opposed, * = adoption"
        p.text(
            surface,
            legend,
            (rect.x + s(8), rect.bottom - s(18)),
            10,
            pal.text_dim,
            max_width=rect.width - s(16),
        )
