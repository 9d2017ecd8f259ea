"""The turn screen: map, indicator dashboard, news feed, measure cards and the current delegation's decisions."""

from __future__ import annotations

import math

import pygame
from pygame_gui.elements import UITextBox

from game.engine.game import IllegalDecision, MeasureRules
from game.engine.state import Choice
from game.formatting import number
from game.ui.dashboard import draw_dashboard
from game.ui.labels import actor_colour, effects_text, short_name, source_text, turn_title
from game.ui.news import news_html
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point

CHOICE_LABELS = {Choice.PUSH: "Push", Choice.HOLD: "Hold", Choice.OPPOSE: "Oppose"}


def measure_tooltip(game, m: MeasureRules) -> str:  # noqa: ANN001
    mm = m.model
    lines = [mm.title, " ".join(mm.summary.split())]
    if m.on_adopt:
        lines.append(f"When adopted: {effects_text(game, m.on_adopt)}")
    if m.in_force:
        lines.append(f"Each turn in force: {effects_text(game, m.in_force)}")
    if m.reaction:
        red = game.book.red_cell.short or game.book.red_cell.title
        lines.append(f"{red} reaction on adoption: {effects_text(game, m.reaction)}")
    costs = ", ".join(f"{short_name(game, a)} {c}" for a, c in m.cost.items())
    lines.append(f"Capital per turn pushed: {costs}")
    if m.support_cost:
        lines.append(
            "Domestic support lost per turn pushed: "
            + ", ".join(f"{short_name(game, a)} {number(c)}" for a, c in m.support_cost.items())
        )
    lines.append(
        "Requires every one of: "
        + ", ".join(short_name(game, a) for a in m.requires)
        + " to push in the same turn for full progress; the final step always needs all of them."
    )
    for eff in (mm.on_adopt, mm.in_force, mm.reaction):
        if eff is not None and (eff.source or eff.confidence):
            lines.append(source_text(game, eff.source, eff.confidence))
            break
    else:
        if mm.source or mm.confidence:
            lines.append(source_text(game, mm.source, mm.confidence))
    return "\n".join(line for line in lines if line)


class TurnScene(Scene):
    title = "Turn"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self.focus = 0  # index into the cards, for keyboard play
        self.choice_buttons: dict[str, dict[Choice, object]] = {}
        self.card_rects: dict[str, pygame.Rect] = {}
        self.flash = ""
        self.flash_until = 0.0
        self.flash_message = ""
        self._map = None

    # --- layout -------------------------------------------------------------------------

    def build(self) -> None:
        s = self.s
        W, H = self.width, self.height
        top = s(46)
        bottom = s(62)
        upper_h = int((H - top - bottom) * 0.47)
        self.map_rect = pygame.Rect(s(8), top, int(W * 0.40), upper_h)
        self.dash_rect = pygame.Rect(self.map_rect.right + s(8), top, int(W * 0.31), upper_h)
        self.news_rect = pygame.Rect(
            self.dash_rect.right + s(8), top, W - self.dash_rect.right - s(16), upper_h
        )
        self.cards_rect = pygame.Rect(
            s(8), self.map_rect.bottom + s(8), W - s(16), H - bottom - self.map_rect.bottom - s(16)
        )
        self.bar_rect = pygame.Rect(0, H - bottom, W, bottom)
        self.add(
            UITextBox(news_html(self.game, self.app.palette), self.news_rect, self.app.manager)
        )
        measures = list(self.game.book.measures)
        cols = 3 if len(measures) > 4 else 2 if len(measures) > 1 else 1
        rows = max(1, math.ceil(len(measures) / cols))
        gap = s(8)
        cw = (self.cards_rect.width - gap * (cols - 1)) // cols
        ch = (self.cards_rect.height - gap * (rows - 1)) // rows
        self.card_rects = {}
        self.choice_buttons = {}
        actor = self.session.current
        open_to_actor = {o.measure_id for o in self.session.options().measures} if actor else set()
        for i, m in enumerate(measures):
            r, c = divmod(i, cols)
            rect = pygame.Rect(
                self.cards_rect.x + c * (cw + gap), self.cards_rect.y + r * (ch + gap), cw, ch
            )
            self.card_rects[m.id] = rect
            if m.id not in open_to_actor:
                continue
            bw = (rect.width - s(16) - 2 * s(6)) // 3
            bh = min(s(30), max(22, rect.height // 5))
            by = rect.bottom - bh - s(8)
            buttons = {}
            for j, choice in enumerate((Choice.PUSH, Choice.HOLD, Choice.OPPOSE)):
                brect = pygame.Rect(rect.x + s(8) + j * (bw + s(6)), by, bw, bh)
                key = "P" if choice == Choice.PUSH else "H" if choice == Choice.HOLD else "O"
                buttons[choice] = self.button(
                    brect,
                    CHOICE_LABELS[choice],
                    lambda mid=m.id, ch=choice: self.choose(mid, ch),
                    f"{CHOICE_LABELS[choice]} {m.model.title} (select the card with {i + 1}, then {key})",
                    f"#choice_{choice.value}",
                )
            self.choice_buttons[m.id] = buttons
        b = self.bar_rect
        label = "End turn" if actor is not None else "Play next turn"
        self.end_button = self.button(
            pygame.Rect(b.right - s(230), b.y + s(9), s(218), b.height - s(18)),
            label,
            self.end_turn,
            "Lock in these decisions (Enter)"
            if actor
            else "Let the AI delegations play this turn (Enter)",
            "#primary",
        )
        self.button(
            pygame.Rect(b.right - s(360), b.y + s(9), s(120), b.height - s(18)),
            "Menu",
            self.pause,
            "Pause menu: save, load, settings, quit (Esc)",
        )
        self.button(
            pygame.Rect(b.right - s(450), b.y + s(9), s(80), b.height - s(18)),
            "Help",
            lambda: self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1)),
            "All keys of this screen (F1)",
        )
        self.bind(pygame.K_RETURN, "Enter", "end turn", self.end_turn)
        self.bind(pygame.K_ESCAPE, "Esc", "pause menu", self.pause)
        self.bind(pygame.K_TAB, "Tab", "next measure card", lambda: self.move_focus(1))
        self.bind(
            pygame.K_p, "P", "push the selected measure", lambda: self.choose_focused(Choice.PUSH)
        )
        self.bind(
            pygame.K_h,
            "H",
            "hold on the selected measure",
            lambda: self.choose_focused(Choice.HOLD),
        )
        self.bind(
            pygame.K_o,
            "O",
            "oppose the selected measure",
            lambda: self.choose_focused(Choice.OPPOSE),
        )
        self.refresh_buttons()

    def update(self, dt: float) -> None:
        self.session.tick(dt)
        if self.flash_message:
            self.say(self.flash_message)
            self.flash_message = ""

    def keys_help(self) -> list[tuple[str, str]]:
        return [("1-9", "select a measure card")] + super().keys_help()

    # --- choices ------------------------------------------------------------------------------

    def refresh_buttons(self) -> None:
        if self.session.current is None:
            return
        options = {o.measure_id: o for o in self.session.options().measures}
        for mid, buttons in self.choice_buttons.items():
            chosen = self.session.choice(mid)
            allowed = options[mid].choices if mid in options else ()
            for choice, btn in buttons.items():
                if choice == chosen:
                    btn.select()
                else:
                    btn.unselect()
                if (
                    choice in allowed
                    or choice == chosen
                    or choice == Choice.HOLD
                    and mid in options
                ):
                    btn.enable()
                else:
                    btn.disable()

    def choose(self, measure_id: str, choice: Choice) -> None:
        try:
            self.session.set_choice(measure_id, choice)
        except IllegalDecision as err:
            self.say(str(err).split(": ", 1)[-1])
        ids = list(self.card_rects)
        if measure_id in ids:
            self.focus = ids.index(measure_id)
        self.refresh_buttons()

    def choose_focused(self, choice: Choice) -> None:
        ids = list(self.card_rects)
        if ids and ids[self.focus] in self.choice_buttons:
            self.choose(ids[self.focus], choice)

    def move_focus(self, step: int) -> None:
        if self.card_rects:
            self.focus = (self.focus + step) % len(self.card_rects)

    def on_key(self, event: pygame.event.Event) -> None:
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.card_rects):
                self.focus = index

    def say(self, text: str) -> None:
        self.flash = text
        self.flash_until = self.app.time_s + 4

    def end_turn(self) -> None:
        if self.session.current is None:
            self.session.resolve_without_humans()
            after_decision_point(self.app, "reveal")
            return
        if self.session.forecasts_enabled:
            from game.ui.scenes.forecast import ForecastScene

            session = self.session
            app = self.app
            app.switch(
                ForecastScene(
                    app,
                    session.current,
                    lambda: after_decision_point(app, session.end_delegation_turn()),
                )
            )
            return
        after_decision_point(self.app, self.session.end_delegation_turn())

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseOverlay

        self.app.open_overlay(PauseOverlay(self.app))

    # --- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        actor = self.session.current
        draft = tuple(sorted(self.session.drafts.get(actor, {}).items())) if actor else ()
        key = (self.game.state.turn, len(self.game.reports), actor, draft, self.focus)
        self.draw_cached(surface, key, self.draw_board)
        self.draw_map(surface)
        session = self.session
        if session.timer_seconds > 0:
            pal, s = self.app.palette, self.s
            if session.time_up:
                # Flash for attention without blocking anything: the class decides when to end.
                on = int(self.app.time_s * 2) % 2 == 0
                banner = pygame.Rect(0, self.s(5), self.s(160), self.s(34))
                banner.right = self.width - self.s(320)
                pygame.draw.rect(surface, pal.bad if on else pal.panel, banner, border_radius=6)
                self.app.painter.text(
                    surface,
                    "Time is up",
                    (banner.centerx, banner.y + s(6)),
                    17,
                    pal.background if on else pal.bad,
                    bold=True,
                    align="center",
                )
            else:
                colour = pal.warning if session.timer_left < 60 else pal.text
                self.app.painter.text(
                    surface,
                    f"Time left {session.timer_text()}",
                    (self.width - s(320), s(11)),
                    16,
                    colour,
                    bold=True,
                    align="right",
                )
        if self.flash and self.app.time_s < self.flash_until:
            b = self.bar_rect
            self.app.painter.text(
                surface,
                self.flash,
                (self.s(280), b.y + self.s(12)),
                14,
                self.app.palette.warning,
                max_width=b.width - self.s(760),
            )

    def draw_board(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        actor = self.session.current
        # top bar
        p.text(
            surface,
            game.scenario.title,
            (s(12), s(10)),
            17,
            bold=True,
            max_width=int(self.width * 0.4),
        )
        p.text(surface, turn_title(game), (int(self.width * 0.42), s(11)), 16)
        if actor is not None:
            colour = actor_colour(game, actor, pal)
            label = f"{game.book.delegations[actor].title} deciding"
            chip = pygame.Rect(0, s(7), s(300), s(32))
            chip.right = self.width - s(10)
            pygame.draw.rect(surface, colour, chip, border_radius=6)
            p.text(
                surface,
                label,
                (chip.centerx, chip.y + s(5)),
                16,
                pal.background,
                bold=True,
                align="center",
            )
        else:
            p.text(
                surface,
                "All delegations are played by the AI",
                (self.width - s(12), s(11)),
                15,
                pal.text_dim,
                align="right",
            )
        draw_dashboard(p, surface, self.dash_rect, game, self.session.last_report)
        for i, m in enumerate(game.book.measures):
            self.draw_card(surface, m, self.card_rects[m.id], i)
        self.draw_bottom_bar(surface)

    def draw_map(self, surface: pygame.Surface) -> None:
        from game.ui.mapview import draw_region

        draw_region(self.app, surface, self.map_rect, self.game, self.session.last_report)

    def draw_card(
        self, surface: pygame.Surface, m: MeasureRules, rect: pygame.Rect, index: int
    ) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        st = game.state
        actor = self.session.current
        focused = index == self.focus and actor is not None and m.id in self.choice_buttons
        p.panel(surface, rect, border=pal.accent if focused else None, width=2 if focused else 1)
        p.hover(rect, measure_tooltip(game, m))
        x, y, w = rect.x + s(10), rect.y + s(6), rect.width - s(20)
        p.text(surface, f"{index + 1}", (rect.right - s(8), y), 12, pal.text_dim, align="right")
        y = p.paragraph(
            surface, m.model.title, pygame.Rect(x, y, w - s(18), s(44)), 14, bold=True, max_lines=2
        )
        # stage
        bar = pygame.Rect(x, y + s(4), int(w * 0.55), s(10))
        if m.id in st.adopted:
            status = f"Adopted in {game.scenario.turn_label.lower()} {st.adopted[m.id]}"
            if m.id in st.suspended():
                status += " · suspended"
            p.bar(surface, bar, 1.0, pal.good)
            p.text(
                surface,
                status,
                (bar.right + s(8), y),
                12,
                pal.good,
                max_width=rect.right - bar.right - s(16),
            )
        elif any(pre not in st.adopted for pre in m.prerequisites):
            missing = ", ".join(
                game.book.measure[pre].model.title
                for pre in m.prerequisites
                if pre not in st.adopted
            )
            p.text(
                surface,
                f"Locked until adopted: {missing}",
                (x, y + s(2)),
                12,
                pal.warning,
                max_width=w,
            )
        else:
            progress = st.progress[m.id]
            p.bar(surface, bar, progress / m.needed, pal.accent)
            p.text(
                surface,
                f"progress {number(progress)}/{number(m.needed)}",
                (bar.right + s(8), y),
                12,
                max_width=rect.right - bar.right - s(16),
            )
        y += s(20)
        # who is needed, and who pushed last turn
        last = self.session.last_report.decisions if self.session.last_report else {}
        cx = x
        p.text(surface, "Needs:", (cx, y), 12, pal.text_dim)
        cx += s(48)
        for a in m.requires:
            colour = actor_colour(game, a, pal)
            name = short_name(game, a)
            surf_w = p.fonts.get(12, True).size(name)[0] + s(12)
            chip = pygame.Rect(cx, y, surf_w, s(18))
            pushed = last.get(a, {}).get(m.id) == Choice.PUSH
            pygame.draw.rect(surface, colour, chip, 0 if pushed else 2, border_radius=4)
            p.text(
                surface,
                name,
                (chip.centerx, chip.y + 1),
                12,
                pal.background if pushed else pal.text,
                bold=True,
                align="center",
            )
            cx = chip.right + s(4)
        if last:
            p.text(
                surface,
                "filled = pushed last turn",
                (cx + s(4), y + 1),
                11,
                pal.text_dim,
                max_width=rect.right - cx - s(12),
            )
        y += s(22)
        if actor is not None and actor in m.cost and m.id not in st.adopted:
            cost = f"Costs {m.cost[actor]} capital a turn"
            if m.support_cost.get(actor):
                cost += f", {number(m.support_cost[actor])} support"
            p.text(surface, cost, (x, y), 12, pal.text_dim, max_width=w)
        elif actor is not None and actor not in m.cost:
            p.text(
                surface,
                f"{game.book.delegations[actor].title} has no part in this measure",
                (x, y),
                12,
                pal.text_dim,
                max_width=w,
            )
        elif m.id in st.adopted and m.in_force:
            p.text(
                surface,
                f"In force: {effects_text(game, m.in_force)} each turn",
                (x, y),
                12,
                pal.text_dim,
                max_width=w,
            )
        if m.id not in st.adopted and m.on_adopt and y + s(36) < rect.bottom - s(34):
            text = f"If adopted: {effects_text(game, m.on_adopt)}"
            p.text(surface, text, (x, y + s(18)), 12, pal.text_dim, max_width=w)

    def draw_bottom_bar(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        b = self.bar_rect
        pygame.draw.line(surface, pal.panel_border, b.topleft, b.topright)
        actor = self.session.current
        if actor is not None:
            left = self.session.capital_left()
            total = self.session.options().capital
            colour = pal.text if left > 0 else pal.warning
            p.text(
                surface,
                f"Capital left: {left} of {total}",
                (s(14), b.y + s(10)),
                18,
                colour,
                bold=True,
            )
            chosen = [(mid, c) for mid, c in self.session.drafts[actor].items() if c != Choice.HOLD]
            text = (
                ", ".join(
                    f"{CHOICE_LABELS[c].lower()} {self.game.book.measure[mid].model.title}"
                    for mid, c in chosen
                )
                or "Holding on every measure"
            )
            p.text(
                surface, text, (s(14), b.y + s(36)), 12, pal.text_dim, max_width=b.width - s(480)
            )
