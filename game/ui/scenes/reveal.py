"""Reveal and resolution: everyone's choices side by side, then what happened and why every number moved.

Both panels scroll (wheel over a panel; Up/Down and PgUp/PgDn scroll the one with the keyboard,
Tab switches) and draw whole lines only. The decisions table is sized from the fonts: with many
delegations it widens, then shows P / O / – in its cells (the legend says so, hovering a cell
says it whole).
"""

from __future__ import annotations

import pygame

from game.engine.ledger import movements
from game.engine.state import Choice
from game.formatting import number, signed
from game.i18n import _, pgettext
from game.ui.labels import actor_colour, cause_details, game_banners, short_name, turn_title
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point
from game.ui.widgets import ScrollArea
from game.wording import event_title, history_label, is_inducement


def choice_text() -> dict[Choice, str]:
    """What a cell of the decisions table says, in the current language."""
    return {Choice.PUSH: _("Push"), Choice.OPPOSE: _("Oppose"), Choice.HOLD: _("hold")}


def compact_text() -> dict[Choice, str]:
    """The one-letter cells of a crowded decisions table (the legend below it explains them)."""
    return {
        Choice.PUSH: pgettext("one-letter Push in the reveal table", "P"),
        Choice.OPPOSE: pgettext("one-letter Oppose in the reveal table", "O"),
        Choice.HOLD: "–",
    }


def who_chose(who: str, choice: Choice, measure: str) -> str:
    """A decisions cell's hover: '<delegation>: push <measure>' as one sentence."""
    if choice == Choice.PUSH:
        return _("{delegation}: push {measure}").format(delegation=who, measure=measure)
    if choice == Choice.OPPOSE:
        return _("{delegation}: oppose {measure}").format(delegation=who, measure=measure)
    return _("{delegation}: hold {measure}").format(delegation=who, measure=measure)


class RevealScene(Scene):
    title = "Reveal"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self.report = self.session.last_report
        self.decisions_area = ScrollArea()
        self.causes_area = ScrollArea()
        self.keyboard_area = self.causes_area  # the panel the keys scroll

    def banners(self) -> list[str]:
        return game_banners(self.session, save_warnings=not self.session.save_warnings_seen)

    def build(self) -> None:
        s, p = self.s, self.app.painter
        self.top = self.banner_height()
        label = _("See the debrief") if self.game.over else _("Next turn")
        action = _("see the debrief") if self.game.over else _("next turn")
        button_h = max(s(48), p.line_height(16, True) + 12)
        self.button(
            pygame.Rect(self.width - s(250), self.height - button_h - s(12), s(234), button_h),
            label,
            self.proceed,
            _("Continue (Enter or Space)"),
            "#primary",
        )
        self.content_top = self.top + s(12) + p.line_height(24, True) + s(6)
        self.content_bottom = self.height - button_h - s(20)
        self.layout_table()
        self.bind(pygame.K_RETURN, "Enter", action, self.proceed)
        self.bind(pygame.K_SPACE, "Space", action, self.proceed)
        self.bind(pygame.K_PAGEDOWN, "PgDn", _("scroll down a page"), lambda: self.scroll_by(1))
        self.bind(pygame.K_PAGEUP, "PgUp", _("scroll up a page"), lambda: self.scroll_by(-1))
        self.bind(pygame.K_DOWN, "Down", _("scroll down"), lambda: self.scroll_by(0.25))
        self.bind(pygame.K_UP, "Up", _("scroll up"), lambda: self.scroll_by(-0.25))
        self.bind(pygame.K_TAB, "Tab", _("scroll the other panel with the keys"), self.switch_panel)
        self.bind(pygame.K_ESCAPE, "Esc", _("pause menu"), self.pause)

    def layout_table(self) -> None:
        """Column widths of the decisions table, measured: the panel widens (to 62% of the
        window) before the cells fall back to one letter."""
        s, p = self.s, self.app.painter
        game = self.game
        actors = list(game.book.delegation_ids)
        pad, gap = s(12), s(8)
        heads = [p.width(short_name(game, a), 13, True) for a in actors]
        cell = max(p.width(text, 13, True) for text in choice_text().values())
        progress = [
            p.width(_("Progress"), 13),
            p.width(_("ADOPTED"), 13, True),
            p.width(_("in force"), 12),
        ]
        for m in game.book.measures:
            before, after = self.report.progress.get(m.id, (m.needed, m.needed))
            progress.append(p.width(f"{number(before)}->{number(after)}/{number(m.needed)}", 12))
        self.progress_w = max(progress)
        name_min = max(s(200), p.width("Joint maritime exercises", 12))
        needed = 2 * pad + name_min + sum(max(h, cell) + gap for h in heads) + self.progress_w
        self.left_w = max(int(self.width * 0.44), min(int(self.width * 0.62), needed))
        self.compact = needed > self.left_w
        if self.compact:
            room = self.left_w - 2 * pad - name_min - self.progress_w - gap
            col = max(
                max(p.width(t, 13, True) for t in compact_text().values()) + gap,
                room // max(1, len(actors)),
            )
            self.cols = [min(col, max(h, cell) + gap) for h in heads]
        else:
            self.cols = [max(h, cell) + gap for h in heads]
        self.name_w = self.left_w - 2 * pad - sum(self.cols) - self.progress_w - gap

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseOverlay

        self.app.open_overlay(PauseOverlay(self.app))

    def proceed(self) -> None:
        self.session.save_warnings_seen = True
        classroom = self.app.classroom
        if classroom is not None:  # a class on devices: the next turn opens on every device
            classroom.advance()
            after_decision_point(self.app, "debrief" if self.game.over else "projector")
            return
        after_decision_point(self.app, self.session.next_after_reveal())

    def scroll_by(self, pages: float, area: ScrollArea | None = None) -> None:
        if (area or self.keyboard_area).scroll_by(pages):
            self._layer = None

    def switch_panel(self) -> None:
        areas = (self.decisions_area, self.causes_area)
        self.keyboard_area = areas[1 - areas.index(self.keyboard_area)]
        self._layer = None

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            for area in (self.decisions_area, self.causes_area):
                if area.rect.collidepoint(self.app.mouse):
                    self.scroll_by(-event.y * 0.15, area)

    def update(self, dt: float) -> None:
        self.banners_changed()

    def draw(self, surface: pygame.Surface) -> None:
        key = (
            self.decisions_area.offset,
            self.causes_area.offset,
            id(self.keyboard_area),
            self.decisions_area.scrollable,  # known once drawn: the first frame draws again
            self.causes_area.scrollable,
            self._banners,
        )
        self.draw_cached(surface, key, self.draw_page)

    def draw_page(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        self.draw_banners(surface)
        y = self.top + s(12)
        crisis = _("CRISIS: tension reached the threshold. The game ends.")
        crisis_w = p.width(crisis, 17, True) + s(24) if report.crisis else 0
        p.text(
            surface,
            _("Revealed: {turn}").format(turn=turn_title(game, report.turn)),
            (s(16), y),
            24,
            bold=True,
            max_width=self.width - s(32) - crisis_w,
        )
        if report.crisis:
            p.text(
                surface,
                crisis,
                (self.width - s(16), y + s(4)),
                17,
                pal.bad,
                bold=True,
                align="right",
                max_width=self.width // 2,
            )
        height = self.content_bottom - self.content_top
        left = pygame.Rect(s(12), self.content_top, self.left_w, height)
        right = pygame.Rect(left.right + s(10), left.y, self.width - left.right - s(22), height)
        self.draw_decisions(surface, left)
        self.draw_causes(surface, right)

    def draw_decisions(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        self.panel(surface, rect, self.decisions_area)
        x = rect.x + s(12)
        head_h = p.line_height(17, True)
        p.text(
            surface,
            _("Decisions, side by side"),
            (x, rect.y + s(8)),
            17,
            bold=True,
            max_width=rect.width - s(24),
        )
        area = self.decisions_area
        y = area.begin(
            pygame.Rect(
                x, rect.y + s(12) + head_h, rect.width - s(24), rect.height - head_h - s(20)
            )
        )
        actors = list(game.book.delegation_ids)
        col_x = [x + self.name_w + sum(self.cols[:i]) for i in range(len(actors))]
        line13, line12 = p.line_height(13, True), p.line_height(12)
        if area.shows(y, line13):
            for a, cx, cw in zip(actors, col_x, self.cols, strict=True):
                p.text(
                    surface,
                    short_name(game, a),
                    (cx + cw // 2, y),
                    13,
                    actor_colour(game, a, pal),
                    bold=True,
                    align="center",
                    max_width=cw - s(4),
                    full=game.book.delegations[a].title,
                )
            p.text(surface, _("Progress"), (area.rect.right, y), 13, pal.text_dim, align="right")
        y += line13 + s(4)
        # two lines for each measure's name when everything fits so, else one
        rest = line13 * 2 + len(report.events) * line12 + s(30)
        two = (area.rect.height - rest) >= len(game.book.measures) * 2 * line12
        row_h = max(line13, line12 * (2 if two else 1)) + s(4)
        for m in game.book.measures:
            if area.shows(y, row_h - s(4)):
                self.draw_row(surface, m, x, y, row_h - s(4), col_x, area.rect.right)
            y += row_h
        if self.compact and area.shows(y, line12):
            p.text(
                surface,
                _("P = push, O = oppose, – = hold, · = no part in it (hover a cell)"),
                (x, y),
                12,
                pal.text_dim,
                max_width=area.rect.width,
            )
            y += line12
        y += s(8)
        red = game.book.red_cell.short or game.book.red_cell.title
        if area.shows(y, p.line_height(15, True)):
            p.text(
                surface,
                _("{red_cell} gray-zone actions").format(red_cell=red),
                (x, y),
                15,
                bold=True,
                max_width=area.rect.width,
            )
        y += p.line_height(15, True) + s(2)
        items = [
            (
                _("• {event} ({location})").format(
                    event=event_title(game.book, e.event_id, e.title),
                    location=game.scenario.locations[e.location].title,
                )
                if e.location
                else f"• {event_title(game.book, e.event_id, e.title)}",
                pal.accent if is_inducement(game.book, e.event_id) else None,
                cause_details(game, "event", e.event_id)
                + (
                    "\n" + _("Resilience absorbed {amount}.").format(amount=number(e.absorbed))
                    if e.absorbed
                    else ""
                ),
            )
            for e in report.events
        ]
        hand = [
            a.inject_id
            for a in game.facilitator_log
            if a.kind == "inject" and a.turn == report.turn
        ]
        labelled = [(_("Inject (facilitator)"), inj) for inj in hand]
        # one of the history excursion's events says so, with its real date
        labelled += [(history_label(game.book, inj) or _("Inject"), inj) for inj in report.injects]
        items += [
            (
                _("• {label}: {inject}").format(
                    label=label, inject=game.book.inject[inj].model.title
                ),
                pal.warning,
                cause_details(game, "inject", inj),
            )
            for label, inj in labelled
        ]
        for text, colour, tip in items:
            if area.shows(y, line12):
                r = p.text(surface, text, (x, y), 13, colour, max_width=area.rect.width)
                p.hover(r, tip)
            y += p.line_height(13)
        area.end(surface, p, y)

    def draw_row(
        self,
        surface: pygame.Surface,
        m,  # noqa: ANN001 - MeasureRules
        x: int,
        y: int,
        height: int,
        col_x: list[int],
        right: int,
    ) -> None:
        """One measure: its name, each delegation's choice and the progress it made."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        lines = max(1, height // p.line_height(12))
        p.paragraph(
            surface,
            m.model.title,
            pygame.Rect(x, y, self.name_w - s(8), height),
            12,
            max_lines=lines,
        )
        labels = compact_text() if self.compact else choice_text()
        for a, cx, cw in zip(game.book.delegation_ids, col_x, self.cols, strict=True):
            cell = pygame.Rect(cx, y, cw, height)
            who = game.book.delegations[a].title
            if a not in m.cost:
                p.text(surface, "·", (cell.centerx, y), 13, pal.text_dim, align="center")
                p.hover(
                    cell,
                    _("{delegation} has no part in {measure}").format(
                        delegation=who, measure=m.model.title
                    ),
                )
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
                labels[choice],
                (cell.centerx, y),
                13,
                colour,
                bold=choice != Choice.HOLD,
                align="center",
            )
            p.hover(cell, who_chose(who, choice, m.model.title))
        if m.id in report.adopted:
            p.text(surface, _("ADOPTED"), (right, y), 13, pal.good, bold=True, align="right")
        elif m.id in report.progress:
            before, after = report.progress[m.id]
            colour = pal.good if after > before else pal.bad
            text = f"{number(before)}->{number(after)}/{number(m.needed)}"
            p.text(surface, text, (right, y), 12, colour, align="right")
        elif m.id in game.state.adopted:
            p.text(surface, _("in force"), (right, y), 12, pal.text_dim, align="right")

    def panel(self, surface: pygame.Surface, rect: pygame.Rect, area: ScrollArea) -> None:
        """A panel, outlined in the accent colour when the keys scroll it (and it can scroll)."""
        keyed = area is self.keyboard_area and area.scrollable
        self.app.painter.panel(
            surface,
            rect,
            border=self.app.palette.accent if keyed else None,
            width=2 if keyed else 1,
        )

    def draw_causes(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, report = self.game, self.report
        self.panel(surface, rect, self.causes_area)
        head = _("What moved, and why")
        r = p.text(
            surface,
            head,
            (rect.x + s(12), rect.y + s(8)),
            17,
            bold=True,
            max_width=rect.width - s(24),
        )
        hint = _("hover a cause for its source")
        if self.causes_area.scrollable:
            hint = _("wheel or keys to scroll; hover a cause for its source")
        room = rect.right - r.right - s(24)
        if room >= p.width("hover a cause…", 12):  # the heading first; the hint where it fits
            p.text(
                surface,
                hint,
                (rect.right - s(12), rect.y + s(12)),
                12,
                pal.text_dim,
                align="right",
                max_width=room,
            )
        head_h = p.line_height(17, True)
        area = self.causes_area
        y = area.begin(
            pygame.Rect(
                rect.x + s(12),
                rect.y + s(12) + head_h,
                rect.width - s(24),
                rect.height - head_h - s(20),
            )
        )
        x = area.rect.x
        moved = movements(report.changes, book=game.book)
        order = ["cooperation", "tension", *game.book.domain_keys]
        order += [f"support.{a}" for a in game.book.delegation_ids]
        big, line = p.line_height(14, True), p.line_height(13)
        amount_w = p.width("-10.5", 13) + s(8)
        for key in order:
            mv = moved.get(key)
            if mv is None or not mv.causes:
                continue
            better = mv.total < 0 if key == "tension" else mv.total > 0
            if area.shows(y, big):
                absorbed = (
                    _("resilience absorbed {amount}").format(amount=number(mv.absorbed))
                    if mv.absorbed
                    else ""
                )
                absorbed_w = p.width(absorbed, 12) + s(12) if absorbed else 0
                p.text(
                    surface,
                    f"{game.book.title_of(key)} {signed(mv.total)}",
                    (x, y),
                    14,
                    pal.good if better else pal.bad,
                    bold=True,
                    max_width=area.rect.width - absorbed_w,
                )
                if absorbed:
                    p.text(
                        surface, absorbed, (area.rect.right, y + 2), 12, pal.text_dim, align="right"
                    )
            y += big
            for (label, amount), (cause, source_id) in zip(mv.causes, mv.keys, strict=True):
                if area.shows(y, line):
                    p.text(surface, signed(amount), (x + amount_w, y), 13, align="right")
                    r = p.text(
                        surface,
                        label,
                        (x + amount_w + s(8), y),
                        13,
                        max_width=area.rect.width - amount_w - s(8),
                    )
                    p.hover(r, cause_details(game, cause, source_id, report.turn))
                y += line
            y += s(6)
        area.end(surface, p, y)
