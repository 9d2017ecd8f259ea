"""The facilitator (white cell) console: injects, hand adjustments with reasons, notes, the turn
timer and take-back. Every action goes through the engine, so it lands in the ledger and the save.

The console stops the turn clock while it is open: the white cell has stepped in (an inject is
read out, an adjustment explained), so that time is not the class's deciding time. Each inject
shows what it would do in numbers and whether it has fired already, to help the white cell
choose; the game screen underneath shows every change at once, with its cause.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui

from game.engine.game import EngineError
from game.i18n import _, listing
from game.limits import read_adjustment
from game.ui.labels import (
    facilitator_entries,
    inject_effects_text,
    short_name,
    short_turn,
    turn_title,
)
from game.ui.scenes.base import Scene, relabel
from game.wording import history_label


def open_console(app) -> None:  # noqa: ANN001
    """F9: the console, behind its password if the class set one."""
    session = app.session
    if session is None or session.game.over:
        return
    if any(isinstance(o, (FacilitatorConsole, PasswordPrompt)) for o in app.overlays):
        return
    if session.password_required():
        app.open_overlay(PasswordPrompt(app))
    else:
        app.open_overlay(FacilitatorConsole(app))


class PasswordPrompt(Scene):
    title = "Facilitator password"
    stops_clock = True  # the white cell has stepped in: the class's time waits

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""

    def build(self) -> None:
        s = self.s
        damaged = self.app.session.password_damaged
        if damaged:
            self.build_locked(damaged)
            return
        p = self.app.painter
        # heading, the field, a line for "Wrong password.", the buttons: all grow with the text
        labels = (_("Open console"), _("Cancel"))
        button_h = self.button_height(40)
        button_w = max(s(180), *(p.width(t, 16, True) + s(36) for t in labels))
        width = min(
            self.width - s(40),
            max(s(420), p.width(_("Facilitator password"), 17, True) + s(40), 2 * button_w + s(60)),
        )
        field_h = max(s(38), p.line_height(15) + s(12))
        self.field_y = s(16) + p.line_height(17, True) + s(10)
        self.message_y = self.field_y + field_h + s(6)
        buttons_y = self.message_y + p.line_height(14) + s(8)
        self.box = pygame.Rect(0, 0, width, buttons_y + button_h + s(18))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.entry = self.text_entry(
            pygame.Rect(s(20), self.field_y, width - s(46), field_h), container=panel
        )
        self.entry.set_text_hidden(True)
        self.app.manager.set_focus_set(self.entry)  # typing goes straight into the field
        button_w = min(button_w, (width - s(66)) // 2)
        self.button(
            pygame.Rect(s(20), buttons_y, button_w, button_h),
            labels[0],
            self.check,
            "Enter",
            "#primary",
            container=panel,
        )
        self.button(
            pygame.Rect(width - s(26) - button_w, buttons_y, button_w, button_h),
            labels[1],
            self.app.close_overlay,
            "Esc",
            container=panel,
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("cancel"), self.app.close_overlay)

    def build_locked(self, why: str) -> None:
        """The stored password cannot be checked: no field to type into, the reason and how
        to reset it (see Session.password_damaged)."""
        s, p = self.s, self.app.painter
        self.entry = None
        width = min(self.width - s(80), s(620))
        self.message_lines = p.wrap(why, 14, width - s(40))
        button_h = max(s(40), p.line_height(15) + s(12))
        height = (
            s(16) + p.line_height(17, True) + s(10) + len(self.message_lines) * p.line_height(14)
        )
        self.box = pygame.Rect(0, 0, width, height + s(16) + button_h + s(16))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.button(
            pygame.Rect(width - s(200), self.box.height - button_h - s(16), s(180), button_h),
            _("Close"),
            self.app.close_overlay,
            _("Back to the game (Esc)"),
            "#primary",
            container=panel,
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("close"), self.app.close_overlay)

    def on_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and self.entry is not None
            and event.ui_element is self.entry
        ):
            self.check()

    def check(self) -> None:
        if self.app.session.password_ok(self.entry.get_text()):
            self.app.close_overlay()
            self.app.open_overlay(FacilitatorConsole(self.app))
        else:
            self.message = _("Wrong password.")
            self.entry.set_text("")

    def draw(self, surface: pygame.Surface) -> None:
        p, s = self.app.painter, self.s
        if self.entry is None:  # locked: the stored password is damaged
            x, y = self.box.x + s(20), self.box.y + s(16)
            p.text(surface, _("Facilitator console locked"), (x, y), 17, self.app.palette.bad, True)
            y += p.line_height(17, True) + s(10)
            for line in self.message_lines:
                p.text(surface, line, (x, y), 14)
                y += p.line_height(14)
            return
        p.text(
            surface,
            _("Facilitator password"),
            (self.box.x + s(20), self.box.y + s(16)),
            17,
            bold=True,
        )
        if self.message:
            p.text(
                surface,
                self.message,
                (self.box.x + s(20), self.box.y + self.message_y),
                14,
                self.app.palette.bad,
                max_width=self.box.width - s(40),
            )


class FacilitatorConsole(Scene):
    title = "Facilitator console"
    stops_clock = True  # see the module docstring

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""
        self.confirm_take_back = False
        self.inject_offset = 0  # the first inject shown (the list scrolls)
        self.indicator_value = ""  # the indicator picked to adjust, kept over a re-layout

    @property
    def game(self):  # noqa: ANN201
        return self.app.session.game

    def build(self) -> None:
        s, p = self.s, self.app.painter
        self.box = pygame.Rect(s(40), s(30), self.width - s(80), self.height - s(60))
        panel = self.modal(self.box)
        col_w = (self.box.width - s(80)) // 3
        self.cols = [s(20) + i * (col_w + s(20)) for i in range(3)]
        self.col_w = col_w
        self.heads_y = s(10) + p.line_height(20, True) + s(2)
        top = self.heads_y + p.line_height(15, True) + s(6)
        ctrl = max(s(34), p.line_height(15) + 10)
        label = p.line_height(13)
        self.close_button = self.button(
            pygame.Rect(self.box.width - s(200), self.box.height - ctrl - s(14), s(180), ctrl),
            _("Close"),
            self.app.close_overlay,
            _("Back to the game (Esc or F9)"),
            "#primary",
            container=panel,
        )
        self.bottom = self.close_button.rect.y - self.box.y - s(8)  # columns end here
        self.layout_injects(panel, top)
        # adjust an indicator
        x = self.cols[1]
        self.indicators = {self.game.book.title_of(k): k for k in self.game.state.values}
        self.indicator_menu = self.dropdown(
            list(self.indicators.items()),
            self.indicator_value or next(iter(self.indicators.values())),
            pygame.Rect(x, top, col_w, ctrl),
            container=panel,
        )
        y = top + ctrl + s(4)
        self.labels = [(_("Change by"), (x, y))]
        y += label
        self.amount_entry = self.text_entry(
            pygame.Rect(x, y, min(col_w, s(120)), ctrl), container=panel, placeholder=_("e.g. -5")
        )
        self.amount_entry.set_allowed_characters(list("-+.0123456789"))
        y += ctrl + s(4)
        self.labels.append((_("Reason (recorded in the ledger)"), (x, y)))
        y += label
        self.reason_entry = self.text_entry(
            pygame.Rect(x, y, col_w, ctrl), container=panel, placeholder=_("why (required)")
        )
        y += ctrl + s(8)
        self.button(
            pygame.Rect(x, y, col_w, ctrl),
            _("Apply adjustment"),
            self.apply_adjustment,
            _("Change the indicator; the reason goes into the ledger and the debrief"),
            container=panel,
        )
        self.done_y = y + ctrl + s(10)
        # turn: timer, take back, notes
        x = self.cols[2]
        session = self.app.session
        self.timer_button = self.button(
            pygame.Rect(x, top, col_w // 2 - s(4), ctrl),
            _("Pause timer") if session.timer_running else _("Start timer"),
            self.toggle_timer,
            _(
                "Pause or resume the turn timer (a turn without one gets 5 minutes). The clock "
                "is stopped while this console is open."
            ),
            container=panel,
        )
        self.button(
            pygame.Rect(x + col_w // 2 + s(4), top, col_w // 2 - s(4), ctrl),
            _("+1 minute"),
            self.add_minute,
            _("Give the class another minute in this turn only"),
            container=panel,
        )
        y = top + ctrl + s(10)
        self.take_back_button = self.button(
            pygame.Rect(x, y, col_w, ctrl),
            _("Take back the last turn"),
            self.take_back,
            _("Undo the last resolved turn and replay the game up to it; asks to confirm"),
            container=panel,
        )
        if not self.game.reports:
            self.take_back_button.disable()
        y += ctrl + s(4)
        self.undecided: tuple[str, ...] = ()
        if self.app.classroom is not None:
            y = self.layout_devices(panel, x, y, ctrl, label)
        self.labels.append((_("Note"), (x, y)))
        y += label
        self.note_entry = self.text_entry(
            pygame.Rect(x, y, col_w, ctrl), container=panel, placeholder=_("note for this turn")
        )
        y += ctrl + s(8)
        self.button(
            pygame.Rect(x, y, col_w, ctrl),
            _("Add note"),
            self.add_note,
            _("Kept against this turn; shown in the debrief and the report"),
            container=panel,
        )
        self.notes_y = y + ctrl + s(10)
        self.bind(pygame.K_ESCAPE, "Esc", _("close the console"), self.app.close_overlay)
        self.bind(pygame.K_F9, "F9", _("close the console"), self.app.close_overlay)
        self.bind(pygame.K_PAGEDOWN, "PgDn", _("more injects"), lambda: self.scroll_injects(1))
        self.bind(pygame.K_PAGEUP, "PgUp", _("earlier injects"), lambda: self.scroll_injects(-1))

    # --- a class on devices -----------------------------------------------------------------

    def deciding(self) -> tuple[str, ...]:
        """The delegations played on devices that have not decided this turn."""
        classroom = self.app.classroom
        if classroom is None or self.game.over:
            return ()
        waiting = set(self.game.awaiting())
        return tuple(a for a in classroom.humans if a in waiting)

    def layout_devices(self, panel, x: int, y: int, ctrl: int, label: int) -> int:  # noqa: ANN001
        """Show join codes, then for each delegation still deciding: End turn for it and
        Hand it to the AI (one under the other where the column has room, else side by
        side). Returns the y below them."""
        s = self.s
        col_w = self.col_w
        self.button(
            pygame.Rect(x, y, col_w, ctrl),
            _("Show join codes"),
            self.show_codes,
            _("Each delegation's QR code and link, on the projector, for latecomers"),
            container=panel,
        )
        y += ctrl + s(6)
        self.undecided = self.deciding()
        if not self.undecided:
            self.labels.append((_("Every delegation on devices has decided"), (x, y)))
            return y + label + s(6)
        self.labels.append((_("Not decided yet (on their devices)"), (x, y)))
        y += label
        below = label + 2 * ctrl + s(12) + 3 * self.app.painter.line_height(13)
        stacked = len(self.undecided) * 2 * (ctrl + s(4)) <= self.bottom - y - below
        half = col_w // 2 - s(3)
        for actor in self.undecided:
            name = self.game.book.delegations[actor].title
            short = short_name(self.game, actor)
            # side by side, short labels: the tooltips say them whole
            end_label = (
                _("End turn for {delegation}").format(delegation=name)
                if stacked
                else _("End turn: {short_name}").format(short_name=short)
            )
            ai_label = (
                _("Hand {delegation} to the AI").format(delegation=name)
                if stacked
                else _("{short_name} to the AI").format(short_name=short)
            )
            end = pygame.Rect(x, y, col_w if stacked else half, ctrl)
            self.button(
                end,
                end_label,
                lambda a=actor: self.end_turn_for(a),
                _(
                    "End turn for {delegation}: it holds on every measure this turn; the log, "
                    "the debrief and the report say the facilitator ended it"
                ).format(delegation=name),
                container=panel,
            )
            if stacked:
                y += ctrl + s(4)
                ai = pygame.Rect(x, y, col_w, ctrl)
            else:
                ai = pygame.Rect(x + col_w - half, y, half, ctrl)
            self.button(
                ai,
                ai_label,
                lambda a=actor: self.hand_to_ai(a),
                _(
                    "Hand {delegation} to the AI: the computer plays it from this turn on (its "
                    "default AI profile); its devices are told"
                ).format(delegation=name),
                container=panel,
            )
            y += ctrl + s(4)
        return y + s(4)

    def show_codes(self) -> None:
        from game.ui.scenes.flow import after_decision_point

        after_decision_point(self.app, "join")

    def name_of(self, actor: str) -> str:
        dele = self.game.book.delegations.get(actor)
        return dele.title if dele is not None else actor

    def end_turn_for(self, actor: str) -> None:
        name = self.name_of(actor)
        if actor in self.game.setup.humans and actor not in self.game.awaiting():
            self.message = _("{delegation} has already decided this turn.").format(
                delegation=name
            )  # on its way from a device
            self.rebuild()
            return
        try:
            self.app.classroom.hold(actor)
        except EngineError as err:
            self.message = str(err)
            return
        self.message = _("Ended the turn for {delegation}: it holds on every measure.").format(
            delegation=name
        )
        self.rebuild()

    def hand_to_ai(self, actor: str) -> None:
        name = self.name_of(actor)
        try:
            self.app.classroom.hand_to_ai(actor)
        except EngineError as err:
            self.message = str(err)
            return
        self.message = _("{delegation} is played by the AI from now on.").format(delegation=name)
        self.rebuild()

    def tell_devices(self) -> None:
        """The white cell changed the game or the clock: the devices see it at once."""
        if self.app.classroom is not None:
            self.app.classroom.console_changed()

    def update(self, dt: float) -> None:
        if self.app.classroom is not None and self.deciding() != self.undecided:
            self.rebuild()  # a delegation decided on its devices: no buttons for it now

    # --- the injects ----------------------------------------------------------------------

    def layout_injects(self, panel, top: int) -> None:  # noqa: ANN001
        """One row per inject: a button to fire it (its title) and, under it, whether it has
        fired and what it does in numbers. As many rows as fit; the rest scroll."""
        s, p = self.s, self.app.painter
        injects = self.game.book.injects
        button_h = max(s(30), p.line_height(15) + 8)
        self.inject_row_h = button_h + p.line_height(12) + s(8)
        self.inject_top = top
        room = self.bottom - top - p.line_height(12)  # a line for "n more" below the rows
        per_page = max(1, room // self.inject_row_h)
        self.inject_page = per_page if len(injects) > per_page else len(injects)
        self.inject_offset = max(0, min(self.inject_offset, len(injects) - self.inject_page))
        self.inject_rows = []
        for i, inj in enumerate(
            injects[self.inject_offset : self.inject_offset + self.inject_page]
        ):
            y = top + i * self.inject_row_h
            status, fired = self.inject_status(inj.id)
            effects = inject_effects_text(self.game, inj.id, fired=fired)
            tip = "\n".join(
                (
                    " ".join(inj.model.text.split()),
                    _("Effects: {effects}").format(effects=effects),
                    status,
                )
            )
            button = self.button(
                pygame.Rect(self.cols[0], y, self.col_w, button_h),
                inj.model.title,
                lambda i=inj.id: self.fire(i),
                tip,
                container=panel,
            )
            # the status line goes under the button as placed on screen (inside the panel's border)
            self.inject_rows.append((inj.id, button.rect.bottom + s(3) - self.box.y))

    def inject_status(self, inject_id: str) -> tuple[str, bool]:
        """Whether the inject has fired ('Fired Q1, Q3 by hand', True) or when it will."""
        game = self.game
        by_hand = [
            a.turn for a in game.facilitator_log if a.kind == "inject" and a.inject_id == inject_id
        ]
        hand_left = list(by_hand)
        when = []
        for turn, fired in game.state.fired_injects:
            if fired != inject_id:
                continue
            if turn in hand_left:
                hand_left.remove(turn)
                when.append(_("{turn} by hand").format(turn=short_turn(game, turn)))
            else:
                when.append(short_turn(game, turn))
        if when:
            return _("Fired {turns}").format(turns=listing(when)), True
        inj = game.book.inject[inject_id]
        if inj.model.history and not game.setup.history:
            # what really happened, but this game does not play the real timeline
            return (
                _(
                    "{history}: part of the history excursion, which this game does not play; "
                    "it fires only by hand"
                ).format(history=history_label(game.book, inject_id)),
                False,
            )
        if inj.turn:
            turn_label = game.scenario.turn_label.lower()
            if inj.model.history:
                return _("{history}: scheduled for {turn_label} {turn}").format(
                    history=history_label(game.book, inject_id),
                    turn_label=turn_label,
                    turn=inj.turn,
                ), False
            return _("Scheduled for {turn_label} {turn}").format(
                turn_label=turn_label, turn=inj.turn
            ), False
        if inj.when is not None:
            return _("Fires by itself when its condition holds"), False
        return _("Not fired yet (by hand only)"), False

    def scroll_injects(self, pages: int) -> None:
        total = len(self.game.book.injects)
        offset = max(
            0, min(total - self.inject_page, self.inject_offset + pages * self.inject_page)
        )
        if offset != self.inject_offset:
            self.inject_offset = offset
            self.rebuild()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.box.collidepoint(self.app.mouse):
            if self.app.mouse[0] < self.box.x + self.cols[1]:
                self.scroll_injects(-1 if event.y > 0 else 1)

    def rebuild(self) -> None:
        """Lay the console out again, keeping what was typed into it."""
        typed = [e.get_text() for e in (self.amount_entry, self.reason_entry, self.note_entry)]
        self.indicator_value = self.indicator_menu.selected_option[1]
        self.teardown()
        self.build()
        for entry, text in zip(
            (self.amount_entry, self.reason_entry, self.note_entry), typed, strict=True
        ):
            entry.set_text(text)

    # --- actions ---------------------------------------------------------------------------

    def fire(self, inject_id: str) -> None:
        try:
            self.game.fire_inject(inject_id)
        except EngineError as err:
            self.message = str(err)
            return
        self.message = _("Fired now: {inject}").format(
            inject=self.game.book.inject[inject_id].model.title
        )
        self.app.session.autosave()
        self.tell_devices()
        self.rebuild()  # the inject's button tooltip now says it has fired

    def apply_adjustment(self) -> None:
        selected = self.indicator_menu.selected_option
        indicator = selected[1] if isinstance(selected, tuple) else self.indicators[selected]
        text = self.amount_entry.get_text().strip()
        try:
            amount = read_adjustment(text)  # the terminal's `!adjust` reads and words it alike
        except ValueError as err:
            self.message = str(err)
            return
        try:
            self.game.adjust(indicator, amount, self.reason_entry.get_text())
        except EngineError as err:
            self.message = str(err)
            return
        self.message = _("Adjusted {indicator} by {amount}: {reason}").format(
            indicator=self.game.book.title_of(indicator),
            amount=f"{amount:+g}",
            reason=self.reason_entry.get_text().strip(),
        )
        self.amount_entry.set_text("")
        self.reason_entry.set_text("")
        self.app.session.autosave()
        self.tell_devices()

    def toggle_timer(self) -> None:
        session = self.app.session
        session.toggle_timer()
        relabel(self.timer_button, _("Pause timer") if session.timer_running else _("Start timer"))
        self.tell_devices()

    def add_minute(self) -> None:
        self.app.session.add_time(60)
        self.tell_devices()

    def take_back(self) -> None:
        if not self.confirm_take_back:
            self.confirm_take_back = True
            relabel(self.take_back_button, _("Click again to take back"))
            return
        try:
            if self.app.classroom is not None:
                self.app.classroom.take_back()  # the devices decide that turn again
            else:
                self.app.session.take_back()
        except EngineError as err:
            self.message = str(err)
            return
        from game.ui.scenes.flow import after_decision_point

        session = self.app.session
        after_decision_point(self.app, "curtain" if len(session.humans) > 1 else "turn")
        self.app.scene.flash_message = _("Took back a turn: now at {turn}").format(
            turn=turn_title(session.game)
        )

    def add_note(self) -> None:
        try:
            self.game.add_note(self.note_entry.get_text())
        except EngineError as err:
            self.message = str(err)
            return
        self.note_entry.set_text("")
        self.message = _("Note added.")
        self.app.session.autosave()
        self.tell_devices()

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        b = self.box
        session = self.app.session
        timer = ""
        if session.turn_timer:
            timer = _("Timer {time}").format(time=session.timer_text())
            colour = pal.bad if session.time_up else pal.text
            r = p.text(surface, timer, (b.right - s(20), b.y + s(12)), 17, colour, True, "right")
            timer_left = r.x
        else:
            timer_left = b.right - s(20)
        p.text(
            surface,
            _("Facilitator console · {turn}").format(turn=turn_title(self.game)),
            (b.x + s(20), b.y + s(10)),
            20,
            bold=True,
            max_width=timer_left - s(16) - b.x - s(20),
        )
        heads = [_("Fire an inject now"), _("Adjust an indicator"), _("This turn")]
        for x, head in zip(self.cols, heads, strict=True):
            p.text(
                surface,
                head,
                (b.x + x, b.y + self.heads_y),
                15,
                pal.accent,
                True,
                max_width=self.col_w,
            )
        for text, (x, y) in self.labels:
            p.text(surface, text, (b.x + x, b.y + y), 13, pal.text_dim, max_width=self.col_w)
        self.draw_inject_rows(surface)
        self.draw_list(
            surface,
            _("Done so far"),
            lambda n: facilitator_entries(self.game, notes=False, last=n),
            self.cols[1],
            self.done_y,
        )
        self.draw_list(
            surface,
            _("Notes"),
            lambda n: [
                f"{short_turn(self.game, a.turn)}: {a.text}" for a in self.game.notes()[-n:]
            ],
            self.cols[2],
            self.notes_y,
        )
        if self.message:
            p.text(
                surface,
                self.message,
                (b.x + s(20), self.close_button.rect.y + s(6)),
                14,
                pal.warning,
                max_width=self.close_button.rect.x - b.x - s(40),
            )

    def draw_inject_rows(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        x = self.box.x + self.cols[0]
        for inject_id, y in self.inject_rows:
            status, fired = self.inject_status(inject_id)
            effects = inject_effects_text(self.game, inject_id, fired=fired)
            r = p.text(
                surface,
                status if fired else effects,
                (x + s(4), self.box.y + y),
                12,
                pal.warning if fired else pal.text_dim,
                bold=fired,
                max_width=self.col_w - s(8),
            )
            p.hover(r, status + "\n" + _("Effects: {effects}").format(effects=effects))
            if fired and r.right + s(16) < x + self.col_w:
                p.text(
                    surface,
                    effects,
                    (r.right + s(8), self.box.y + y),
                    12,
                    pal.text_dim,
                    max_width=x + self.col_w - r.right - s(12),
                )
        total = len(self.game.book.injects)
        if not total:
            p.text(
                surface,
                _("This scenario has no injects."),
                (x, self.box.y + self.inject_top),
                13,
                pal.text_dim,
                max_width=self.col_w,
            )
        if total > self.inject_page:
            first = self.inject_offset + 1
            last = self.inject_offset + self.inject_page
            p.text(
                surface,
                _("Injects {first}–{last} of {total}: PgUp/PgDn or the wheel for more").format(
                    first=first, last=last, total=total
                ),
                (x, self.box.y + self.inject_top + self.inject_page * self.inject_row_h),
                12,
                pal.text_dim,
                max_width=self.col_w,
            )

    def draw_list(
        self,
        surface: pygame.Surface,
        head: str,
        newest: Callable[[int], list[str]],
        x: int,
        y: int,
    ) -> None:
        """A heading and the newest items that fit above the column's end, each on one line
        (hover for the whole); `newest(n)` gives at most the newest n, so a game with
        thousands of them costs no more per frame than one with a few."""
        p, pal = self.app.painter, self.app.palette
        b = self.box
        step = p.line_height(13)
        room = (self.bottom - y) // step - 1
        if room < 1:
            return
        items = newest(room)
        if not items:
            return
        p.text(surface, head, (b.x + x, b.y + y), 13, pal.text_dim)
        for i, text in enumerate(items):
            p.text(surface, text, (b.x + x, b.y + y + (i + 1) * step), 13, max_width=self.col_w)
