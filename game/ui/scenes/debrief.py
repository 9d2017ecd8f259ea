"""Debrief: the outcome band, scores, every indicator over the turns, and the decisions timeline.

Also what the white cell did (injects, adjustments with reasons, take-backs, notes), the
warnings about a save loaded from disk, and Write report: the report's whole path, wrapped, with
a button that opens its folder in the system's file manager.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game.engine.ledger import indicator_history
from game.engine.state import Choice
from game.formatting import number
from game.i18n import _, listing, semicolon_listing
from game.ui.charts import draw_line_chart
from game.ui.labels import (
    actor_colour,
    choice_clause,
    facilitator_entries,
    game_banners,
    short_name,
    short_turn,
)
from game.ui.scenes.base import Scene
from game.ui.widgets import ScrollArea, widget_html
from game.wording import aims_line, aims_parts, crisis_note, part_label


def open_folder(folder: Path) -> str:
    """Open `folder` in the system's file manager; '' on success, else why not (one line).

    Windows: os.startfile; macOS: `open`; elsewhere `xdg-open`. Never raises."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(folder))  # type: ignore[attr-defined]  # noqa: S606 - Windows only
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen(  # noqa: S603 - a fixed program and our own folder
                [opener, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
    except (OSError, ValueError) as err:
        return _("Could not open the folder ({reason}); it is {folder}").format(
            reason=getattr(err, "strerror", None) or err, folder=folder
        )
    return ""


def distinct(names) -> list[str]:  # noqa: ANN001 - any iterable of str
    """The names, with ' (2)', ' (3)' ... added to repeats: chart series and bars are keyed by
    name, and two delegations (or domains) a scenario titles alike must stay two."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def delegation_names(game) -> dict[str, str]:  # noqa: ANN001 - a Game
    ids = list(game.book.delegation_ids)
    return dict(zip(ids, distinct(game.book.delegations[a].title for a in ids), strict=True))


class DebriefScene(Scene):
    title = "Debrief"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self.result = self.game.result()
        self.history = indicator_history(self.game.ledger, len(self.game.reports))
        self.report_message = ""
        self.report_folder: Path | None = None
        self.report_thread = None
        self.timeline_area = ScrollArea()
        self._shown = (self.report_message, self.report_folder)  # laid out for these

    def banners(self) -> list[str]:
        return game_banners(self.session, save_warnings=True)

    def build(self) -> None:
        s, p = self.s, self.app.painter
        r = self.result
        self.top = self.banner_height()
        self.title_y = self.top + s(10)
        content_top = self.title_y + p.line_height(24, True) + s(8)
        button_h = max(s(46), p.line_height(16, True) + 12)
        self.buttons_y = self.height - button_h - s(12)
        # the report's message: whole, wrapped, across the window above the buttons
        self.message_lines = (
            p.wrap(self.report_message, 13, self.width - s(260)) if self.report_message else []
        )
        message_h = len(self.message_lines) * p.line_height(13)
        self.message_y = self.buttons_y - s(8) - message_h
        self.content_bottom = self.message_y - s(8)
        epilogue = " ".join(r.outcome.epilogue.split())
        end = (
            _("The game ended in a crisis after {turn_label} {turn}.")
            if r.crisis
            else _("The game ran its course after {turn_label} {turn}.")
        ).format(turn_label=self.game.scenario.turn_label.lower(), turn=r.final_turn)
        html = (
            f"<b>{widget_html(r.outcome.title)}</b><br>{widget_html(end)}<br><br>"
            f"{widget_html(epilogue)}"
        )
        height = self.content_bottom - content_top
        width = int(self.width * 0.34)
        # the scores below the outcome whole; the outcome's text box (it scrolls) gets the rest,
        # up to 45 % of the height and at least three lines
        scores = self.scores_height(width - s(20)) + s(10)
        least = 3 * p.line_height(15) + s(12)
        text_h = max(least, min(int(height * 0.45), height - scores - s(10)))
        self.text_rect = pygame.Rect(s(12), content_top, width, text_h)
        self.add(UITextBox(html, self.text_rect, self.app.manager))
        x = s(12)
        row = (
            (_("Back to menu"), self.menu, _("The title screen (M)"), None, 200),
            (
                _("Play again"),
                self.again,
                _("Same scenario and seats, new seed (R)"),
                "#primary",
                200,
            ),
            (
                _("What if..."),
                self.what_if,
                _("Change one decision and replay the rest with the same seed (W)"),
                None,
                150,
            ),
            (
                _("Write report"),
                self.write_report,
                _("After-action report as HTML and Markdown, with charts (A)"),
                None,
                170,
            ),
        )
        # each as wide as its design or its label at this text size, whichever is more
        widths = self.button_widths(
            [r[0] for r in row], self.width - s(24), s(12), [float(r[4]) for r in row]
        )
        for (label, action, tip, object_id, _design), width in zip(row, widths, strict=True):
            rect = pygame.Rect(x, self.buttons_y, width, button_h)
            button = self.button(rect, label, action, tip, object_id)
            x = button.rect.right + s(12)
        self.report_button = button
        self.open_button = None
        if self.report_folder is not None:
            self.open_button = self.button(
                pygame.Rect(self.width - s(232), self.message_y, s(220), button_h),
                _("Open folder"),
                self.open_report_folder,
                _("Show {folder} in the file manager (O)").format(folder=self.report_folder),
            )
            self.bind(pygame.K_o, "O", _("open the report's folder"), self.open_report_folder)
        self.bind(pygame.K_m, "M", _("back to the title screen"), self.menu)
        self.bind(pygame.K_r, "R", _("play again"), self.again)
        self.bind(pygame.K_w, "W", _("what if: change one decision and replay"), self.what_if)
        self.bind(pygame.K_a, "A", _("write the after-action report"), self.write_report)
        self.bind(pygame.K_ESCAPE, "Esc", _("back to the title screen"), self.menu)

    def what_if(self) -> None:
        from game.ui.scenes.counterfactual import CounterfactualScene

        self.app.switch(CounterfactualScene(self.app))

    def write_report(self) -> None:
        """Write the report in the background; the screen stays usable meanwhile."""
        import threading
        from datetime import datetime

        from game.ui.settings import data_dir

        if self.report_thread is not None and self.report_thread.is_alive():
            return
        session = self.session
        folder = (
            session.save_path.parent
            if session.save_path and session.save_path.name == "game.json"
            else data_dir() / "reports" / datetime.now().strftime("%Y%m%d-%H%M%S")
        ) / "report"
        self.report_message = _("Writing the report (playing AI games for comparison)…")
        self.report_folder = None

        def work() -> None:
            try:
                from game.report import write_report

                html, _md = write_report(self.game, folder, save_path=session.save_path)
                self.report_message = _("Report written: {path}").format(path=html)
                self.report_folder = Path(html).parent
            except Exception as err:  # noqa: BLE001 - shown on screen, never a crash
                self.report_message = _("Could not write the report: {error}").format(error=err)

        self.report_thread = threading.Thread(target=work, name="report", daemon=True)
        self.report_thread.start()

    def open_report_folder(self) -> None:
        if self.report_folder is not None:
            problem = open_folder(self.report_folder)
            if problem:
                self.report_message = problem

    def update(self, dt: float) -> None:
        shown = (self.report_message, self.report_folder)
        if shown != getattr(self, "_shown", None):
            self._shown = shown
            self.teardown()
            self.build()  # the message's lines and the Open folder button need their places
            return
        self.banners_changed()

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
        scene.history = scene.has_history and game.setup.history  # the same timeline again
        self.app.switch(scene)

    def draw(self, surface: pygame.Surface) -> None:
        key = (self.timeline_area.offset, self.timeline_area.scrollable, self._banners)
        self.draw_cached(surface, key, self.draw_page)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.timeline_area.rect.collidepoint(self.app.mouse):
            if self.timeline_area.scroll_by(-event.y * 0.15):
                self._layer = None

    def draw_page(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, r = self.game, self.result
        book = game.book
        self.draw_banners(surface)
        p.text(
            surface,
            _("Debrief: {outcome}").format(outcome=r.outcome.title),
            (s(12), self.title_y),
            24,
            bold=True,
            max_width=self.width - s(24),
        )
        y = self.message_y
        for line in self.message_lines:
            p.text(surface, line, (s(12), y), 13, pal.text_dim)
            y += p.line_height(13)
        self.draw_scores(surface)
        # charts, and the timeline beside them (wider with more delegations)
        cx = self.text_rect.right + s(10)
        cw = self.width - cx - s(12)
        top = self.text_rect.y
        col = max(
            p.width("1,2,3", 11),
            *(p.width(short_name(game, a), 11, True) for a in book.delegation_ids),
        )
        timeline_w = min(cw // 2, max(cw // 3, s(60) + len(book.delegation_ids) * (col + s(6))))
        chart_w = cw - timeline_w - s(6)
        chart_h = (self.content_bottom - top) // 3
        self.draw_charts(surface, pygame.Rect(cx, top, chart_w, chart_h * 3))
        self.draw_timeline(
            surface, pygame.Rect(cx + chart_w + s(6), top, timeline_w, chart_h * 3 - s(6))
        )

    # --- the scores: state of the region -> score, what a crisis cost, the red cell's aims --

    ARROW = " -> "  # the fonts have no arrow glyph

    def score_rows(self) -> list[tuple[str, str, float, float, tuple, str]]:
        """(label, whole name, state, score, colour, hover) for the shared score and each
        delegation's own."""
        game, r, pal = self.game, self.result, self.app.palette
        book = game.book
        sh = r.shared
        weights = book.scoring
        weighted = listing(
            _("{part} {value} (weight {weight})").format(
                part=part_label(book, k), value=number(v), weight=f"{w:g}"
            )
            for k, v, w in (
                ("cooperation", sh.cooperation, weights.cooperation),
                ("resilience", sh.resilience, weights.resilience),
                ("stability", sh.stability, weights.stability),
            )
        )
        shared_hover = "\n".join(
            (
                _("Shared: state of the region {state} -> score {score}").format(
                    state=number(sh.state), score=number(sh.score)
                ),
                _("The state is the weighted mean of {parts}.").format(parts=weighted),
                _("F2: how you are scored."),
            )
        )
        shared = _("Shared score")
        rows = [(shared, shared, sh.state, sh.score, pal.text, shared_hover)]
        titles = delegation_names(game)
        for actor, d in r.delegations.items():
            parts = listing(f"{part_label(book, k)} {number(v)}" for k, v in d.parts.items())
            hover = "\n".join(
                (
                    _("{delegation}: state of the region {state} -> score {score}").format(
                        delegation=book.delegations[actor].title,
                        state=number(d.state),
                        score=number(d.score),
                    ),
                    _("By its objectives, the state adds up from: {parts}.").format(parts=parts),
                )
            )
            rows.append(
                (
                    titles[actor],
                    titles[actor],
                    d.state,
                    d.score,
                    actor_colour(game, actor, pal),
                    hover,
                )
            )
        return rows

    def scores_height(self, width: int) -> int:
        """Pixels the scores take at `width` (the class notes below them take what is left)."""
        p, s = self.app.painter, self.s
        r = self.result
        h = s(6) + p.line_height(14, True) + s(2)
        h += len(self.score_rows()) * p.line_height(13, True)
        note = crisis_note(self.game.book, r)
        if note:
            h += s(4) + len(p.wrap(note, 12, width, True)) * p.line_height(12, True)
        if r.red_cell is not None:
            h += s(4) + p.line_height(13, True)
        return h + s(4) + p.line_height(12) + s(8)

    def draw_scores(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, r = self.game, self.result
        book = game.book
        rect = pygame.Rect(
            s(12),
            self.text_rect.bottom + s(10),
            self.text_rect.width,
            self.content_bottom - self.text_rect.bottom - s(10),
        )
        p.panel(surface, rect)
        x, y, w = rect.x + s(10), rect.y + s(6), rect.width - s(20)
        values_w = p.width(f"100.0{self.ARROW}100.0", 13, True)
        heading = p.text(
            surface,
            _("Scores: state of the region -> score"),
            (x, y),
            14,
            bold=True,
            max_width=w,
        )
        p.hover(
            heading,
            _(
                "Each score comes from the state of the region when the game ended, as the "
                "shared score or each delegation's objectives weigh it (0 to 100)."
            )
            + "\n"
            + _("F2: how you are scored."),
        )
        y += p.line_height(14, True) + s(2)
        line = p.line_height(13, True)
        for i, (label, whole, state, score, colour, hover) in enumerate(self.score_rows()):
            p.text(
                surface,
                label,
                (x, y),
                13,
                colour,
                bold=True,
                max_width=w - values_w - s(8),
                full=whole,
            )
            p.text(
                surface,
                f"{number(state)}{self.ARROW}{number(score)}",
                (x + w, y),
                13,
                pal.bad if r.crisis else pal.text,
                bold=i == 0,
                align="right",
            )
            p.hover(pygame.Rect(x, y, w, line), hover)
            y += line
        note = crisis_note(book, r)
        if note:
            y += s(4)
            y = p.paragraph(
                surface,
                note,
                pygame.Rect(x, y, w, rect.bottom - y - s(4)),
                12,
                pal.bad,
                bold=True,
            )
        if r.red_cell is not None:
            y += s(4)
            short = book.red_cell.short
            shown = p.text(
                surface,
                _("Red cell's aims ({short_name})").format(short_name=short)
                if short
                else _("Red cell's aims"),
                (x, y),
                13,
                actor_colour(game, book.red_cell_id, pal),
                bold=True,
                max_width=w - values_w - s(8),
            )
            p.text(
                surface,
                _("{score} of 100").format(score=number(r.red_cell.score)),
                (x + w, y),
                13,
                align="right",
            )
            parts = listing(f"{label} {number(v)}" for label, v in aims_parts(book, r))
            p.hover(
                pygame.Rect(x, y, w, max(line, shown.height)),
                _("{aims} (not a score against you): {parts}.").format(
                    aims=aims_line(book, r), parts=parts
                ),
            )
            y += line
        y += s(4)
        p.text(
            surface,
            _("Hover a score for its parts; F2: how you are scored"),
            (x, y),
            12,
            pal.text_dim,
            max_width=w,
        )
        y += p.line_height(12)
        self.draw_class_notes(surface, pygame.Rect(x, y + s(8), w, rect.bottom - y - s(12)))

    def draw_charts(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        s, pal = self.s, self.app.palette
        game, book = self.game, self.game.book
        p = self.app.painter
        font = self.app.fonts.get(12)
        turns = len(game.reports)
        x_labels = [_("Start")] + [str(t) for t in range(1, turns + 1)]
        mean = [
            round(sum(self.history[k][t] for k in book.domain_keys) / len(book.domain_keys), 1)
            for t in range(turns + 1)
        ]
        main = {
            book.title_of("cooperation"): self.history["cooperation"],
            book.title_of("tension"): self.history["tension"],
            _("Mean resilience"): mean,
        }
        titles = delegation_names(game)
        domains = [self.history[k] for k in book.domain_keys]
        charts = [
            (
                main,
                _("Cooperation, tension and mean resilience"),
                (_("crisis at {value}").format(value=number(book.crisis_at)), book.crisis_at),
                None,
            ),
            (
                dict(
                    zip(distinct(book.title_of(k) for k in book.domain_keys), domains, strict=True)
                ),
                _("Resilience by domain"),
                None,
                None,
            ),
            (
                {titles[a]: self.history[f"support.{a}"] for a in book.delegation_ids},
                _("Domestic support"),
                None,
                {titles[a]: actor_colour(game, a, pal) for a in book.delegation_ids},
            ),
        ]
        chart_h = rect.height // 3
        for i, (series, title, threshold, chart_colours) in enumerate(charts):
            area = pygame.Rect(rect.x, rect.y + i * chart_h, rect.width, chart_h - s(6))
            p.block(area)
            hovers = draw_line_chart(
                surface,
                area,
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
            # names the legend had to shorten can be read whole over the chart's top lines
            p.hover(
                pygame.Rect(area.x, area.y, area.width, p.line_height(12) * 3),
                _("{chart}: {series}").format(chart=title, series=listing(series)),
            )

    def draw_class_notes(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Forecast scores and what the facilitator did (take-backs included), as fits; the
        last line offers the rest on hover."""
        from game.engine.scoring import forecast_scores

        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        y = rect.y
        line12, line13 = p.line_height(12), p.line_height(13)
        scores = {a: f for a, f in forecast_scores(game).items() if f.count}
        if scores and y + line12 + line13 <= rect.bottom:
            p.text(
                surface,
                _("Forecasts (Brier score; 0 = perfect, 0.25 = always 50%)"),
                (rect.x, y),
                12,
                pal.text_dim,
                max_width=rect.width,
            )
            y += line12
            line = "   ".join(
                f"{short_name(game, a)} {f.brier:.2f} ({f.count})" for a, f in scores.items()
            )
            r = p.text(surface, line, (rect.x, y), 13, max_width=rect.width)
            p.hover(
                r,
                _(
                    "Mean squared distance between the stated probability and what happened, "
                    "over each delegation's forecasts (count in brackets). Lower is better."
                ),
            )
            y += line13 + s(4)
        entries = facilitator_entries(game)
        if not entries or y + 2 * line12 > rect.bottom:
            return
        p.text(surface, _("Facilitator"), (rect.x, y), 12, pal.text_dim)
        y += line12
        room = (rect.bottom - y) // line12
        shown = entries if len(entries) <= room else entries[: max(0, room - 1)]
        for text in shown:
            p.text(surface, text, (rect.x, y), 12, max_width=rect.width)
            y += line12
        if len(shown) < len(entries):
            rest = entries[len(shown) :]
            r = p.text(
                surface,
                _("… and {count} more (hover)").format(count=len(rest)),
                (rect.x, y),
                12,
                pal.text_dim,
                max_width=rect.width,
            )
            p.hover(r, "\n".join(rest))

    def draw_timeline(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Who pushed what, turn by turn; adoptions and take-backs marked."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        label = game.scenario.turn_label
        p.panel(surface, rect)
        p.text(
            surface,
            _("Decisions timeline"),
            (rect.x + s(8), rect.y + s(6)),
            14,
            bold=True,
            max_width=rect.width - s(16),
        )
        legend = _(
            "Numbers: measures pushed (card order); x: opposed; *: adoption; a {turn_label} in "
            "the warning colour was taken back and played again."
        ).format(turn_label=label.lower())
        inner = rect.width - s(16)
        legend_lines = p.wrap(legend, 10, inner)
        legend_h = len(legend_lines) * p.line_height(10)
        y = rect.y + s(6) + p.line_height(14, True) + s(4)
        actors = list(game.book.delegation_ids)
        first_w = p.width(short_turn(game, len(game.reports)), 11, True) + s(10)
        star_w = p.width("*", 11) + s(8)
        col = (rect.width - s(8) - first_w - star_w) // max(1, len(actors))
        for i, a in enumerate(actors):
            p.text(
                surface,
                short_name(game, a),
                (rect.x + s(8) + first_w + i * col + col // 2, y),
                11,
                actor_colour(game, a, pal),
                bold=True,
                align="center",
                max_width=col - s(4),
                full=game.book.delegations[a].title,
            )
        y += p.line_height(11, True) + s(2)
        area = self.timeline_area
        bottom = rect.bottom - legend_h - s(8)
        row_h = max(p.line_height(11), min(s(40), (bottom - y) // max(1, len(game.reports))))
        y = area.begin(pygame.Rect(rect.x + s(8), y, rect.width - s(16), bottom - y))
        taken_back = {}
        for a in game.facilitator_log:
            if a.kind == "takeback":
                taken_back.setdefault(a.turn, []).append(a.text)
        measure_index = {m.id: i + 1 for i, m in enumerate(game.book.measures)}
        line = p.line_height(11)
        for report in game.reports:
            if not area.shows(y, line):
                y += row_h
                continue
            undone = taken_back.get(report.turn)
            r = p.text(
                surface,
                short_turn(game, report.turn),
                (rect.x + s(8), y),
                11,
                pal.warning if undone else pal.text_dim,
                bold=bool(undone),
            )
            if undone:
                p.hover(
                    r.inflate(s(6), 0),
                    _("{turn_label} {turn} was taken back and played again: {summaries}").format(
                        turn_label=label, turn=report.turn, summaries=semicolon_listing(undone)
                    ),
                )
            for i, a in enumerate(actors):
                chosen = report.decisions.get(a, {})
                pushes = [str(measure_index[m]) for m, c in chosen.items() if c == Choice.PUSH]
                opposes = [str(measure_index[m]) for m, c in chosen.items() if c == Choice.OPPOSE]
                text = ",".join(pushes) + (" x" + ",".join(opposes) if opposes else "")
                cell = pygame.Rect(rect.x + s(8) + first_w + i * col, y, col - s(4), line)
                names = [game.book.measure[m].model.title for m in chosen]
                whole = _("{delegation}, {turn_label} {turn}: {choices}").format(
                    delegation=game.book.delegations[a].title,
                    turn_label=label.lower(),
                    turn=report.turn,
                    choices=semicolon_listing(
                        choice_clause(c, n) for c, n in zip(chosen.values(), names, strict=True)
                    )
                    or _("held on everything"),
                )
                p.text(
                    surface,
                    text or "–",
                    (cell.centerx, y),
                    11,
                    align="center",
                    max_width=col - s(6),
                    full=whole,
                )
                p.hover(cell, whole)
            if report.adopted:
                p.text(surface, "*", (rect.right - s(10), y), 11, pal.good, align="right")
                p.hover(
                    pygame.Rect(rect.right - star_w, y, star_w, line),
                    _("Adopted: {measures}").format(
                        measures=semicolon_listing(
                            game.book.measure[m].model.title for m in report.adopted
                        )
                    ),
                )
            y += row_h
        area.end(surface, p, y)
        y = rect.bottom - legend_h - s(4)
        for text in legend_lines:
            p.text(surface, text, (rect.x + s(8), y), 10, pal.text_dim)
            y += p.line_height(10)
