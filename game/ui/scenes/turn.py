"""The turn screen: map, indicator dashboard, news feed, measure cards and the current delegation's decisions."""

from __future__ import annotations

import math

import pygame
from pygame_gui.elements import UITextBox

from game.engine.game import IllegalDecision, MeasureRules
from game.engine.state import Choice
from game.formatting import number
from game.i18n import N_, _, listing
from game.ui.dashboard import draw_dashboard
from game.ui.labels import (
    EFFECT_KINDS,
    actor_colour,
    choice_clause,
    game_banners,
    measure_effect_text,
    short_name,
    source_text,
    turn_title,
)
from game.ui.news import news_html
from game.ui.richtext import bold, esc, plain, signed_tone
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point
from game.wording import amount_text, drawn_amounts, drawn_text


def choice_labels() -> dict[Choice, str]:
    """The choice buttons' labels, in the current language."""
    return {Choice.PUSH: _("Push"), Choice.HOLD: _("Hold"), Choice.OPPOSE: _("Oppose")}


def choice_tip(choice: Choice, measure: str, card: int, key: str) -> str:
    """A choice button's tooltip: what it does and its keys, as one sentence."""
    if choice == Choice.PUSH:
        text = _("Push {measure} (select the card with {card}, then {key})")
    elif choice == Choice.OPPOSE:
        text = _("Oppose {measure} (select the card with {card}, then {key})")
    else:
        text = _("Hold {measure} (select the card with {card}, then {key})")
    return text.format(measure=measure, card=card, key=key)


def chosen_text(choice: Choice, measure: str) -> str:
    """One decision in the bottom bar's list: 'push <measure>' (labels.choice_clause)."""
    return choice_clause(choice, measure)


def marked_effect_text(game, m: MeasureRules, cause: str) -> str:  # noqa: ANN001
    """`labels.measure_effect_text` as marked text (game.ui.richtext): each change in the good
    or bad colour for the indicator it moves (tension going up is bad)."""
    kind = EFFECT_KINDS[cause]
    effect = getattr(m.model, kind)
    if effect is None or not effect.ranges:
        return ""
    drawn = drawn_amounts(game, kind, m.id) if m.id in game.state.adopted else None
    parts = []
    for position, (key, amount) in enumerate(effect.ranges.items()):
        up_is_good = key != "tension"
        if isinstance(amount, tuple) and drawn and position in drawn:
            value = drawn[position]
            shown = signed_tone(value, up_is_good, drawn_text(value, *amount))
        elif isinstance(amount, tuple):
            low, high = amount
            value = low if (low > 0) == (high > 0) and low and high else 0
            shown = signed_tone(value, up_is_good, amount_text(amount))
        else:
            shown = signed_tone(amount, up_is_good, amount_text(amount))
        parts.append(f"{esc(game.book.title_of(key))} {shown}")
    return esc(", ").join(parts)


def measure_tooltip(game, m: MeasureRules, last_report=None, marked: bool = False) -> str:  # noqa: ANN001
    """Everything about a measure card, whole: what the card shows in short and more. With
    `marked`, as marked text: the title bold, each effect's numbers in the good or bad
    colour (game.ui.richtext); else plain text."""
    mm = m.model
    lines = [bold(mm.title), esc(" ".join(mm.summary.split()))]
    # A range shows as a range ('+4 to +8'); once the measure is adopted, with what this game
    # drew (never before: that would tell the players the uncertain outcome in advance).
    red = game.book.red_cell.short or game.book.red_cell.title
    for cause, line in (
        ("adopted", _("When adopted: {effect}")),
        ("in_force", _("Each turn in force: {effect}")),
        ("reaction", _("{red_cell} reaction on adoption: {effect}")),
    ):
        text = marked_effect_text(game, m, cause)
        if text:
            lines.append(esc(line).format(effect=text, red_cell=esc(red)))
    costs = listing(f"{short_name(game, a)} {c}" for a, c in m.cost.items())
    lines.append(esc(_("Capital per turn pushed: {costs}").format(costs=costs)))
    if m.support_cost:
        lines.append(
            esc(
                _("Domestic support lost per turn pushed: {costs}").format(
                    costs=listing(
                        f"{short_name(game, a)} {number(c)}" for a, c in m.support_cost.items()
                    )
                )
            )
        )
    lines.append(
        esc(
            _(
                "Requires every one of: {delegations} to push in the same turn for full "
                "progress; the final step always needs all of them."
            ).format(delegations=listing(short_name(game, a) for a in m.requires))
        )
    )
    if last_report is not None:
        pushed = [
            short_name(game, a)
            for a in m.requires
            if last_report.decisions.get(a, {}).get(m.id) == Choice.PUSH
        ]
        lines.append(
            esc(
                _("Pushed last {turn_label}: {delegations}").format(
                    turn_label=game.scenario.turn_label.lower(),
                    delegations=listing(pushed) or _("nobody"),
                )
            )
        )
    for eff in (mm.on_adopt, mm.in_force, mm.reaction):
        if eff is not None and (eff.source or eff.confidence):
            lines.append(esc(source_text(game, eff.source, eff.confidence)))
            break
    else:
        if mm.source or mm.confidence:
            lines.append(esc(source_text(game, mm.source, mm.confidence)))
    text = "\n".join(line for line in lines if line)
    return text if marked else plain(text)


MAX_PINS = 4  # pinned tooltips at once; pinning another unpins the oldest
ARROWS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}


class TurnScene(Scene):
    """Every length here is measured from the fonts in use, so the screen holds together at
    every text size, at 1024x600, and with up to six delegations."""

    title = "Turn"
    mouse_help = N_(
        "hover any number or card to see what it means and why it moved; K pins the tooltip "
        "under the mouse, a click on a pinned tooltip closes it"
    )

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
        self._version: tuple = ()
        self.news_box = None
        # Keyboard access to every card's and indicator's details: a focus ring moved by the
        # arrow keys (Tab and 1-9 move it to a card), I opens the details of what it is on, K
        # pins them (or the tooltip under the mouse), Esc or a click closes them.
        self.kb_focus: tuple | None = None  # ("card", measure id) or ("indicator", row)
        self.details: tuple | None = None  # what the keyboard opened (follows the ring)
        self.pins: list[tuple] = []  # pinned, oldest first
        self.indicator_tips: list = []  # the dashboard's rows as last drawn (Hover records)

    def banners(self) -> list[str]:
        return game_banners(self.session, save_warnings=not self.session.save_warnings_seen)

    # --- layout -------------------------------------------------------------------------

    def build(self) -> None:
        s, p = self.s, self.app.painter
        W, H = self.width, self.height
        banner = self.banner_height()
        top_h = max(s(46), p.line_height(17, True) + s(14))
        self.top_rect = pygame.Rect(0, banner, W, top_h)
        top = banner + top_h
        bottom = max(s(62), p.line_height(18, True) + p.line_height(12) + s(12))
        upper_h = int((H - top - bottom) * 0.47)
        # The cards get the height their title and Push/Hold/Oppose need at this text size;
        # the map, dashboard and news give way (down to a third of the room) before they do.
        count = len(self.game.book.measures)
        rows = max(1, math.ceil(count / (3 if count > 4 else 2 if count > 1 else 1)))
        card_need = self.card_title_height() + self.choice_height()
        cards_need = rows * card_need + (rows - 1) * s(8) + s(16)
        upper_h = max(min(upper_h, H - top - bottom - cards_need), int((H - top - bottom) * 0.3))
        self.map_rect = pygame.Rect(s(8), top, int(W * 0.40), upper_h)
        self.dash_rect = pygame.Rect(self.map_rect.right + s(8), top, int(W * 0.31), upper_h)
        self.news_rect = pygame.Rect(
            self.dash_rect.right + s(8), top, W - self.dash_rect.right - s(16), upper_h
        )
        self.cards_rect = pygame.Rect(
            s(8), self.map_rect.bottom + s(8), W - s(16), H - bottom - self.map_rect.bottom - s(16)
        )
        self.bar_rect = pygame.Rect(0, H - bottom, W, bottom)
        self.news_box = self.add(
            UITextBox(news_html(self.game, self.app.palette), self.news_rect, self.app.manager)
        )
        self._version = self.game_version()
        self.layout_top()
        self.layout_cards()
        self.layout_bar()
        self.bind(pygame.K_RETURN, "Enter", _("end turn"), self.end_turn)
        self.bind(
            pygame.K_ESCAPE,
            "Esc",
            _("close the open details or the newest pinned tooltip; else the pause menu"),
            self.escape,
        )
        self.bind(pygame.K_TAB, "Tab", _("next measure card"), lambda: self.move_focus(1))
        self.bind(
            pygame.K_p,
            "P",
            _("push the selected measure"),
            lambda: self.choose_focused(Choice.PUSH),
        )
        self.bind(
            pygame.K_h,
            "H",
            _("hold on the selected measure"),
            lambda: self.choose_focused(Choice.HOLD),
        )
        self.bind(
            pygame.K_o,
            "O",
            _("oppose the selected measure"),
            lambda: self.choose_focused(Choice.OPPOSE),
        )
        self.bind(
            pygame.K_i,
            "I",
            _("open or close the details of the card or indicator in focus"),
            self.toggle_details,
        )
        self.bind(
            pygame.K_k,
            "K",
            _("pin or unpin the details shown, or the tooltip under the mouse"),
            self.toggle_pin,
        )
        self.refresh_buttons()

    def card_title_height(self) -> int:
        """A card's height above its buttons when it shows only its title."""
        return self.s(6) + self.app.painter.line_height(15, True) + self.s(4) + self.s(6)

    def choice_height(self) -> int:
        """The height Push/Hold/Oppose buttons need to show their labels whole."""
        return max(self.s(30), self.app.painter.line_height(15) + 8)

    def layout_cards(self) -> None:
        s = self.s
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
        self.button_h = min(self.choice_height(), max(22, ch - self.card_title_height()))
        labels = choice_labels()
        for i, m in enumerate(measures):
            r, c = divmod(i, cols)
            rect = pygame.Rect(
                self.cards_rect.x + c * (cw + gap), self.cards_rect.y + r * (ch + gap), cw, ch
            )
            self.card_rects[m.id] = rect
            if m.id not in open_to_actor:
                continue
            bw = (rect.width - s(16) - 2 * s(6)) // 3
            by = rect.bottom - self.button_h - s(6)
            buttons = {}
            for j, choice in enumerate((Choice.PUSH, Choice.HOLD, Choice.OPPOSE)):
                brect = pygame.Rect(rect.x + s(8) + j * (bw + s(6)), by, bw, self.button_h)
                key = "P" if choice == Choice.PUSH else "H" if choice == Choice.HOLD else "O"
                buttons[choice] = self.button(
                    brect,
                    labels[choice],
                    lambda mid=m.id, ch=choice: self.choose(mid, ch),
                    choice_tip(choice, m.model.title, i + 1, key),
                    f"#choice_{choice.value}",
                )
            self.choice_buttons[m.id] = buttons

    def layout_bar(self) -> None:
        s = self.s
        b = self.bar_rect
        actor = self.session.current
        h = b.height - s(18)
        label = _("End turn") if actor is not None else _("Play next turn")
        # Help, Menu and End turn as wide as their labels need at this text size (End turn
        # at least its design width), right-aligned; the chosen line takes what is left.
        gap = s(10)
        widths = self.button_widths([_("Help"), _("Menu"), label], b.width // 2, gap, 80)
        widths[1] = max(widths[1], s(120))
        widths[2] = max(widths[2], s(218))
        x = b.right - s(12) - sum(widths) - 2 * gap
        self.help_button = self.button(
            pygame.Rect(x, b.y + s(9), widths[0], h),
            _("Help"),
            lambda: self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1)),
            _("All keys of this screen, and how you are scored (F1)"),
        )
        self.menu_button = self.button(
            pygame.Rect(x + widths[0] + gap, b.y + s(9), widths[1], h),
            _("Menu"),
            self.pause,
            _(
                "Pause menu: save, load, settings, quit (Esc); the turn clock stops while it is open"
            ),
        )
        self.end_button = self.button(
            pygame.Rect(b.right - s(12) - widths[2], b.y + s(9), widths[2], h),
            label,
            self.end_turn,
            _("Lock in these decisions (Enter)")
            if actor
            else _("Let the AI delegations play this turn (Enter)"),
            "#primary",
        )
        line = self.app.painter.line_height(18, True)
        self.chosen_pos = (s(14), b.y + s(5) + line)
        self.chosen_width = self.help_button.rect.x - s(12) - s(14)

    def game_version(self) -> tuple:
        """Changes whenever the game does: a facilitator's inject or adjustment mid-turn included."""
        g = self.game
        return (g.state.turn, len(g.reports), len(g.ledger), len(g.facilitator_log))

    def update(self, dt: float) -> None:
        self.session.tick(dt, held=self.clock_held())
        if self.banners_changed():
            return
        if self.app.top is self and self.timer_shown != self.session.turn_timer:
            self.teardown()
            self.build()  # a clock started mid-turn needs its place in the top bar
            return
        version = self.game_version()
        if version != self._version:
            # The facilitator changed something mid-turn: show it now, with its cause.
            self._version = version
            self.news_box.set_text(news_html(self.game, self.app.palette))
            self.refresh_buttons()
        if self.flash_message:
            self.say(self.flash_message)
            self.flash_message = ""

    def keys_help(self) -> list[tuple[str, str]]:
        return [
            ("1-9", _("select a measure card")),
            (_("Arrow keys"), _("move the focus between the measure cards and the indicators")),
        ] + super().keys_help()

    # --- keyboard focus, details and pinned tooltips ---------------------------------------

    def keep_clear(self) -> list[pygame.Rect]:
        """The turn's action buttons: each card's Push / Hold / Oppose (one rect a card), End
        turn, Menu and Help. No tooltip covers them where there is any room."""
        rects = super().keep_clear()
        for buttons in self.choice_buttons.values():
            shown = [pygame.Rect(b.rect) for b in buttons.values() if b.alive() and b.visible]
            if shown:
                rects.append(shown[0].unionall(shown[1:]))
        for button in (self.end_button, self.menu_button, self.help_button):
            if button.alive() and button.visible and button.rect not in rects:
                rects.append(pygame.Rect(button.rect))
        return rects

    def focus_rects(self) -> dict[tuple, pygame.Rect]:
        """Everything the focus ring can be on: each indicator row, then each card."""
        rects = {("indicator", i): h.rect for i, h in enumerate(self.indicator_tips)}
        rects.update({("card", mid): rect for mid, rect in self.card_rects.items()})
        return rects

    def tip_text(self, key: tuple) -> str | None:
        """The details of a card or an indicator row, as marked text."""
        kind, which = key
        if kind == "card" and which in self.game.book.measure:
            m = self.game.book.measure[which]
            return measure_tooltip(self.game, m, self.session.last_report, marked=True)
        if kind == "indicator" and which < len(self.indicator_tips):
            return self.indicator_tips[which].rich
        return None

    def open_tips(self) -> list:
        from game.ui.scenes.base import OpenTip

        rects = self.focus_rects()
        tips = []
        pinned = _("Pinned: click it to close (Esc closes the newest)")
        for key in [*self.pins, *([self.details] if self.details not in self.pins else [])]:
            text = self.tip_text(key) if key in rects else None
            if text:
                is_pin = key in self.pins
                footer = pinned if is_pin else _("K: pin · I or Esc: close")
                tips.append(OpenTip(key, rects[key], text, esc(footer), is_pin))
        return tips

    def set_kb_focus(self, key: tuple) -> None:
        """Put the focus ring on `key`; a card becomes the one P, H and O act on, and open
        details follow the ring."""
        self.kb_focus = key
        if key[0] == "card":
            ids = list(self.card_rects)
            if key[1] in ids:
                self.focus = ids.index(key[1])
        if self.details is not None:
            self.details = key

    def move_kb_focus(self, dx: int, dy: int) -> None:
        """The focus ring to the nearest card or indicator in the arrow's direction."""
        rects = self.focus_rects()
        ids = list(self.card_rects)
        if self.kb_focus not in rects:
            if ids:
                self.set_kb_focus(("card", ids[self.focus % len(ids)]))
            return
        cx, cy = rects[self.kb_focus].center
        best, best_score = None, None
        for key, rect in rects.items():
            ddx, ddy = rect.centerx - cx, rect.centery - cy
            along = ddx * dx + ddy * dy
            if key == self.kb_focus or along <= 0:
                continue
            score = along + 2 * abs(ddx * dy + ddy * dx)
            if best_score is None or score < best_score:
                best, best_score = key, score
        if best is not None:
            self.set_kb_focus(best)

    def toggle_details(self) -> None:
        if self.details is not None:
            self.details = None
            return
        if self.kb_focus is None and self.card_rects:
            self.kb_focus = ("card", list(self.card_rects)[self.focus])
        self.details = self.kb_focus

    def toggle_pin(self) -> None:
        """Pin the details the keyboard opened, else the tooltip under the mouse, else what
        the focus ring is on; pinned already, it is unpinned."""
        if self.details is not None:
            key, self.details = self.details, None
        else:
            under = [k for k, r in self.focus_rects().items() if r.collidepoint(self.app.mouse)]
            key = under[0] if under and self.app.widget_at(self.app.mouse) is None else None
            key = key or self.kb_focus
            if key is None:
                return
            if key in self.pins:
                self.pins.remove(key)
                return
        if key in self.pins:
            self.pins.remove(key)
        else:
            self.pins = [*self.pins, key][-MAX_PINS:]

    def close_tip(self, key: object) -> None:
        if key == self.details:
            self.details = None
        if key in self.pins:
            self.pins.remove(key)

    def escape(self) -> None:
        """Esc closes the open details, else the newest pinned tooltip, else pauses."""
        if self.details is not None:
            self.details = None
        elif self.pins:
            self.pins.pop()
        else:
            self.pause()

    def takes_click(self, pos: tuple[int, int]) -> bool:
        return any(t.rect.collidepoint(pos) for t in self.app.open_tooltips)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            for tip in reversed(self.app.open_tooltips):
                if tip.rect.collidepoint(event.pos):
                    self.close_tip(tip.key)
                    return

    def draw_focus_ring(self, surface: pygame.Surface) -> None:
        rect = self.focus_rects().get(self.kb_focus) if self.kb_focus else None
        if rect is not None:
            ring = rect.inflate(6, 4) if self.kb_focus[0] == "card" else rect.inflate(4, 2)
            pygame.draw.rect(surface, self.app.palette.text, ring, 2, border_radius=6)

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
            if self.kb_focus is not None:
                self.set_kb_focus(("card", measure_id))
        self.refresh_buttons()

    def choose_focused(self, choice: Choice) -> None:
        ids = list(self.card_rects)
        if ids and ids[self.focus] in self.choice_buttons:
            self.choose(ids[self.focus], choice)

    def move_focus(self, step: int) -> None:
        if self.card_rects:
            self.focus = (self.focus + step) % len(self.card_rects)
            self.set_kb_focus(("card", list(self.card_rects)[self.focus]))

    def on_key(self, event: pygame.event.Event) -> None:
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.card_rects):
                self.focus = index
                self.set_kb_focus(("card", list(self.card_rects)[index]))
        elif event.key in ARROWS:
            self.move_kb_focus(*ARROWS[event.key])

    def say(self, text: str) -> None:
        self.flash = text
        self.flash_until = self.app.time_s + 4

    def end_turn(self) -> None:
        self.session.save_warnings_seen = True
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

    def flashing(self) -> bool:
        return bool(self.flash) and self.app.time_s < self.flash_until

    def draw(self, surface: pygame.Surface) -> None:
        actor = self.session.current
        draft = tuple(sorted(self.session.drafts.get(actor, {}).items())) if actor else ()
        key = (self._version, actor, draft, self.focus, self.flashing(), self._banners)
        self.draw_cached(surface, key, self.draw_board)
        self.draw_map(surface)
        self.draw_focus_ring(surface)
        self.draw_timer(surface)
        if self.flashing():
            p = self.app.painter
            p.text(
                surface,
                self.flash,
                self.chosen_pos,
                12,
                self.app.palette.warning,
                max_width=self.chosen_width,
            )

    def draw_timer(self, surface: pygame.Surface) -> None:
        session = self.session
        if not session.turn_timer:
            return
        p, s, pal = self.app.painter, self.s, self.app.palette
        slot = self.timer_slot
        if session.time_up:
            # Flash for attention without blocking anything: the class decides when to end.
            on = int(self.app.time_s * 2) % 2 == 0
            pygame.draw.rect(surface, pal.bad if on else pal.panel, slot, border_radius=6)
            p.text(
                surface,
                _("Time is up"),
                (slot.centerx, slot.y + (slot.height - p.line_height(16, True)) // 2),
                16,
                pal.background if on else pal.bad,
                bold=True,
                align="center",
                max_width=slot.width - s(8),
            )
        else:
            colour = pal.warning if session.timer_left < 60 else pal.text
            p.text(
                surface,
                _("Time left {time}").format(time=session.timer_text()),
                (slot.right, slot.y + (slot.height - p.line_height(16, True)) // 2),
                16,
                colour,
                bold=True,
                align="right",
                max_width=slot.width,
            )

    def draw_board(self, surface: pygame.Surface) -> None:
        p = self.app.painter
        game = self.game
        self.draw_banners(surface)
        self.draw_top_bar(surface)
        mark = p.mark()
        draw_dashboard(p, surface, self.dash_rect, game, self.session.last_report)
        self.indicator_tips = p.since(mark)[1]
        for i, m in enumerate(game.book.measures):
            self.draw_card(surface, m, self.card_rects[m.id], i)
        self.draw_bottom_bar(surface)

    def layout_top(self) -> None:
        """Right to left: who is deciding, the clock's place, the turn; the scenario's title
        takes what is left."""
        p, s = self.app.painter, self.s
        bar = self.top_rect
        actor = self.session.current
        right = self.width - s(10)
        self.top_y = bar.y + (bar.height - p.line_height(16, True)) // 2
        if actor is not None:
            self.chip_label = _("{delegation} deciding").format(
                delegation=self.game.book.delegations[actor].title
            )
            chip_w = min(p.width(self.chip_label, 16, True) + s(24), int(self.width * 0.3))
            self.chip = pygame.Rect(right - chip_w, bar.y + s(6), chip_w, bar.height - s(12))
        else:
            self.chip_label = _("All delegations are played by the AI")
            w = min(p.width(self.chip_label, 15), int(self.width * 0.3))
            self.chip = pygame.Rect(right - w, self.top_y, w, p.line_height(15))
        session = self.session
        self.timer_shown = session.turn_timer
        sample = _("Time left {time}").format(time="00:00 (stopped)")
        timer_w = p.width(sample, 16, True) if session.turn_timer else 0
        self.timer_slot = pygame.Rect(
            self.chip.x - s(12) - timer_w, bar.y + s(6), timer_w, bar.height - s(12)
        )
        title = self.game.scenario.title
        turn_text = turn_title(self.game)
        limit = self.timer_slot.x - s(12)
        # the turn keeps its whole text where it can; the scenario's title takes the rest
        turn_w = min(p.width(turn_text, 16), max(s(40), limit - s(12) - s(16) - s(120)))
        self.turn_x = min(int(self.width * 0.42), limit - turn_w)
        title_w = p.width(title, 17, True)
        if s(12) + title_w + s(16) > self.turn_x:
            self.turn_x = limit - turn_w
        self.turn_w = max(s(40), limit - self.turn_x)
        self.title_w = max(s(40), self.turn_x - s(16) - s(12))

    def draw_top_bar(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, y = self.game, self.top_y
        if self.session.current is not None:
            pygame.draw.rect(
                surface, actor_colour(game, self.session.current, pal), self.chip, border_radius=6
            )
            p.text(
                surface,
                self.chip_label,
                (self.chip.centerx, y),
                16,
                pal.background,
                bold=True,
                align="center",
                max_width=self.chip.width - s(12),
            )
        else:
            p.text(
                surface,
                self.chip_label,
                (self.chip.right, y),
                15,
                pal.text_dim,
                align="right",
                max_width=self.chip.width,
            )
        p.text(surface, turn_title(game), (self.turn_x, y), 16, max_width=self.turn_w)
        p.text(surface, game.scenario.title, (s(12), y), 17, bold=True, max_width=self.title_w)

    def draw_map(self, surface: pygame.Surface) -> None:
        from game.ui.mapview import draw_region

        draw_region(self.app, surface, self.map_rect, self.game, self.session.last_report)

    def draw_card(
        self, surface: pygame.Surface, m: MeasureRules, rect: pygame.Rect, index: int
    ) -> None:
        """A measure card: title, stage, who is needed, cost and effect, each line only where
        it fits (the card's tooltip always has all of it)."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        st = game.state
        actor = self.session.current
        focused = index == self.focus and actor is not None and m.id in self.choice_buttons
        report = self.session.last_report
        p.panel(surface, rect, border=pal.accent if focused else None, width=2 if focused else 1)
        p.hover(rect, measure_tooltip(game, m, report, marked=True), rich=True)
        x, w = rect.x + s(10), rect.width - s(20)
        y = rect.y + s(4)
        bottom = rect.bottom - s(4)
        if m.id in self.choice_buttons:
            bottom = rect.bottom - self.button_h - s(8)
        title_h, small_h = p.line_height(14, True), p.line_height(12)
        chip_h = p.line_height(12, True) + 2
        detail = self.card_detail(m)
        effect = (
            _("If adopted: {effect}").format(effect=measure_effect_text(game, m, "adopted"))
            if m.id not in st.adopted and m.on_adopt
            else ""
        )
        # what fits, in order of importance: title, stage, who is needed, detail, a second
        # title line, the effect on adoption
        room = bottom - y - title_h
        show = {}
        for name, height in (
            ("stage", small_h + s(2)),
            ("needs", chip_h + s(2)),
            ("detail", small_h if detail else 0),
            ("title2", title_h),
            ("effect", small_h if effect else 0),
        ):
            show[name] = height > 0 and room >= height
            if show[name]:
                room -= height
        number_w = p.width(f"{index + 1}", 12)
        p.text(surface, f"{index + 1}", (rect.right - s(8), y), 12, pal.text_dim, align="right")
        y = p.paragraph(
            surface,
            m.model.title,
            pygame.Rect(x, y, w - number_w - s(6), title_h * (2 if show["title2"] else 1)),
            14,
            bold=True,
            max_lines=2 if show["title2"] else 1,
        )
        if show["stage"]:
            self.draw_stage(surface, m, pygame.Rect(x, y + s(2), w, small_h))
            y += small_h + s(2)
        if show["needs"]:
            self.draw_needs(surface, m, pygame.Rect(x, y + s(2), w, chip_h))
            y += chip_h + s(2)
        if show["detail"]:
            p.text(surface, detail, (x, y), 12, pal.text_dim, max_width=w)
            y += small_h
        if show["effect"]:
            p.text(surface, effect, (x, y), 12, pal.text_dim, max_width=w)

    def card_detail(self, m: MeasureRules) -> str:
        game, actor, st = self.game, self.session.current, self.game.state
        if actor is not None and actor in m.cost and m.id not in st.adopted:
            if m.support_cost.get(actor):
                return _("Costs {capital} capital a turn, {support} support").format(
                    capital=m.cost[actor], support=number(m.support_cost[actor])
                )
            return _("Costs {capital} capital a turn").format(capital=m.cost[actor])
        if actor is not None and actor not in m.cost:
            return _("{delegation} has no part in this measure").format(
                delegation=game.book.delegations[actor].title
            )
        if m.id in st.adopted and m.in_force:
            return _("In force: {effect} each turn").format(
                effect=measure_effect_text(game, m, "in_force")
            )
        return ""

    def draw_stage(self, surface: pygame.Surface, m: MeasureRules, line: pygame.Rect) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game, st = self.game, self.game.state
        bar = pygame.Rect(line.x, line.centery - s(5), int(line.width * 0.45), s(10))
        text_x = bar.right + s(8)
        if m.id in st.adopted:
            if m.id in st.suspended():
                status = _("Adopted in {turn_label} {turn} · suspended")
            else:
                status = _("Adopted in {turn_label} {turn}")
            status = status.format(
                turn_label=game.scenario.turn_label.lower(), turn=st.adopted[m.id]
            )
            p.bar(surface, bar, 1.0, pal.good)
            p.text(surface, status, (text_x, line.y), 12, pal.good, max_width=line.right - text_x)
        elif any(pre not in st.adopted for pre in m.prerequisites):
            missing = listing(
                game.book.measure[pre].model.title
                for pre in m.prerequisites
                if pre not in st.adopted
            )
            p.text(
                surface,
                _("Locked until adopted: {measures}").format(measures=missing),
                (line.x, line.y),
                12,
                pal.warning,
                max_width=line.width,
            )
        else:
            progress = st.progress[m.id]
            p.bar(surface, bar, progress / m.needed, pal.accent)
            p.text(
                surface,
                _("progress {done}/{needed}").format(
                    done=number(progress), needed=number(m.needed)
                ),
                (text_x, line.y),
                12,
                max_width=line.right - text_x,
            )

    def draw_needs(self, surface: pygame.Surface, m: MeasureRules, line: pygame.Rect) -> None:
        """'Needs:' and a chip per required delegation (filled if it pushed last turn); chips
        that do not fit become '+N', all of them named in the card's tooltip."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        last = self.session.last_report.decisions if self.session.last_report else {}
        r = p.text(surface, _("Needs:"), (line.x, line.y + 1), 12, pal.text_dim)
        cx = r.right + s(6)
        chips = [(a, short_name(game, a)) for a in m.requires]
        widths = [p.width(name, 12, True) + s(12) for _unused, name in chips]
        more_w = p.width(f"+{len(chips)}", 12, True) + s(12)
        for i, ((a, name), cw) in enumerate(zip(chips, widths, strict=True)):
            rest = len(chips) - i - 1
            if cx + cw + (more_w + s(4) if rest else 0) > line.right:
                label = f"+{len(chips) - i}"
                chip = pygame.Rect(cx, line.y, p.width(label, 12, True) + s(12), line.height)
                pygame.draw.rect(surface, pal.text_dim, chip, 1, border_radius=4)
                p.text(surface, label, (chip.centerx, chip.y + 1), 12, pal.text, True, "center")
                return
            chip = pygame.Rect(cx, line.y, cw, line.height)
            pushed = last.get(a, {}).get(m.id) == Choice.PUSH
            colour = actor_colour(game, a, pal)
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
        legend = _("filled = pushed last turn")
        if last and line.right - cx - s(8) >= p.width(legend, 11):
            p.text(surface, legend, (cx + s(4), line.y + 2), 11, pal.text_dim)

    def draw_bottom_bar(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        b = self.bar_rect
        pygame.draw.line(surface, pal.panel_border, b.topleft, b.topright)
        actor = self.session.current
        right = self.help_button.rect.x - s(12)
        y = b.y + s(5)
        if actor is None:
            return
        left = self.session.capital_left()
        total = self.session.options().capital
        colour = pal.text if left > 0 else pal.warning
        p.text(
            surface,
            _("Capital left: {left} of {total}").format(left=left, total=total),
            (s(14), y),
            18,
            colour,
            bold=True,
            max_width=right - s(14),
        )
        if self.flashing():
            return  # the message takes this line for a few seconds
        chosen = [(mid, c) for mid, c in self.session.drafts[actor].items() if c != Choice.HOLD]
        text = listing(
            chosen_text(c, self.game.book.measure[mid].model.title) for mid, c in chosen
        ) or _("Holding on every measure")
        p.text(surface, text, self.chosen_pos, 12, pal.text_dim, max_width=self.chosen_width)
