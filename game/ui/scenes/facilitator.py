"""The facilitator (white cell) console: injects, hand adjustments with reasons, notes, the turn
timer and take-back. Every action goes through the engine, so it lands in the ledger and the save."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from game.engine.game import EngineError
from game.ui.labels import turn_title
from game.ui.scenes.base import Scene


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

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""

    def build(self) -> None:
        s = self.s
        self.box = pygame.Rect(0, 0, s(420), s(170))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.entry = self.add(
            UITextEntryLine(
                pygame.Rect(s(20), s(56), s(380), s(38)), self.app.manager, container=panel
            )
        )
        self.entry.set_text_hidden(True)
        self.entry.focus()
        self.button(
            pygame.Rect(s(20), s(108), s(180), s(40)),
            "Open console",
            self.check,
            "Enter",
            "#primary",
            container=panel,
        )
        self.button(
            pygame.Rect(s(220), s(108), s(180), s(40)),
            "Cancel",
            self.app.close_overlay,
            "Esc",
            container=panel,
        )
        self.bind(pygame.K_ESCAPE, "Esc", "cancel", self.app.close_overlay)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.check()

    def check(self) -> None:
        if self.app.session.password_ok(self.entry.get_text()):
            self.app.close_overlay()
            self.app.open_overlay(FacilitatorConsole(self.app))
        else:
            self.message = "Wrong password."
            self.entry.set_text("")

    def draw(self, surface: pygame.Surface) -> None:
        p, s = self.app.painter, self.s
        p.text(
            surface, "Facilitator password", (self.box.x + s(20), self.box.y + s(16)), 17, bold=True
        )
        if self.message:
            p.text(
                surface,
                self.message,
                (self.box.x + s(240), self.box.y + s(20)),
                14,
                self.app.palette.bad,
            )


class FacilitatorConsole(Scene):
    title = "Facilitator console"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.message = ""
        self.confirm_take_back = False

    @property
    def game(self):  # noqa: ANN201
        return self.app.session.game

    def build(self) -> None:
        s = self.s
        self.box = pygame.Rect(s(40), s(30), self.width - s(80), self.height - s(60))
        panel = self.modal(self.box)
        col_w = (self.box.width - s(80)) // 3
        self.cols = [s(20) + i * (col_w + s(20)) for i in range(3)]
        self.col_w = col_w
        top = s(70)
        # injects
        y = top
        for inj in self.game.book.injects:
            when = (
                f" (scheduled {self.game.scenario.turn_label.lower()} {inj.turn})"
                if inj.turn
                else ""
            )
            self.button(
                pygame.Rect(self.cols[0], y, col_w, s(34)),
                inj.model.title + when,
                lambda i=inj.id: self.fire(i),
                " ".join(inj.model.text.split()),
                container=panel,
            )
            y += s(40)
        # adjust an indicator
        x = self.cols[1]
        self.indicators = {self.game.book.title_of(k): k for k in self.game.state.values}
        self.indicator_menu = self.add(
            UIDropDownMenu(
                list(self.indicators),
                next(iter(self.indicators)),
                pygame.Rect(x, top, col_w, s(36)),
                self.app.manager,
                container=panel,
            )
        )
        self.amount_entry = self.add(
            UITextEntryLine(
                pygame.Rect(x, top + s(70), s(120), s(36)),
                self.app.manager,
                container=panel,
                placeholder_text="e.g. -5",
            )
        )
        self.amount_entry.set_allowed_characters(list("-+.0123456789"))
        self.reason_entry = self.add(
            UITextEntryLine(
                pygame.Rect(x, top + s(140), col_w, s(36)),
                self.app.manager,
                container=panel,
                placeholder_text="why (required)",
            )
        )
        self.button(
            pygame.Rect(x, top + s(186), col_w, s(38)),
            "Apply adjustment",
            self.apply_adjustment,
            "Change the indicator; the reason goes into the ledger and the debrief",
            container=panel,
        )
        # turn: timer, take back, notes
        x = self.cols[2]
        self.timer_button = self.button(
            pygame.Rect(x, top, col_w // 2 - s(4), s(36)),
            "Pause timer" if self.app.session.timer_running else "Start timer",
            self.toggle_timer,
            "Pause or resume the turn timer (T)",
            container=panel,
        )
        self.button(
            pygame.Rect(x + col_w // 2 + s(4), top, col_w // 2 - s(4), s(36)),
            "+1 minute",
            self.add_minute,
            "Give the class another minute",
            container=panel,
        )
        self.take_back_button = self.button(
            pygame.Rect(x, top + s(56), col_w, s(36)),
            "Take back the last turn",
            self.take_back,
            "Undo the last resolved turn and replay the game up to it; asks to confirm",
            container=panel,
        )
        if not self.game.reports:
            self.take_back_button.disable()
        self.note_entry = self.add(
            UITextEntryLine(
                pygame.Rect(x, top + s(140), col_w, s(36)),
                self.app.manager,
                container=panel,
                placeholder_text="note for this turn",
            )
        )
        self.button(
            pygame.Rect(x, top + s(186), col_w, s(38)),
            "Add note",
            self.add_note,
            "Kept against this turn; shown in the debrief and the report",
            container=panel,
        )
        self.button(
            pygame.Rect(self.box.width - s(200), self.box.height - s(56), s(180), s(42)),
            "Close",
            self.app.close_overlay,
            "Back to the game (Esc or F9)",
            "#primary",
            container=panel,
        )
        self.bind(pygame.K_ESCAPE, "Esc", "close the console", self.app.close_overlay)
        self.bind(pygame.K_F9, "F9", "close the console", self.app.close_overlay)

    # --- actions ---------------------------------------------------------------------------

    def fire(self, inject_id: str) -> None:
        try:
            self.game.fire_inject(inject_id)
        except EngineError as err:
            self.message = str(err)
            return
        self.message = f"Fired now: {self.game.book.inject[inject_id].model.title}"
        self.app.session.autosave()
        self.refresh_scene()

    def apply_adjustment(self) -> None:
        indicator = self.indicators[
            self.indicator_menu.selected_option[0]
            if isinstance(self.indicator_menu.selected_option, tuple)
            else self.indicator_menu.selected_option
        ]
        text = self.amount_entry.get_text().strip()
        try:
            amount = float(text)
        except ValueError:
            self.message = "Type the change as a number, e.g. -5 or 3.5."
            return
        try:
            self.game.adjust(indicator, amount, self.reason_entry.get_text())
        except EngineError as err:
            self.message = str(err)
            return
        self.message = f"Adjusted {self.game.book.title_of(indicator)} by {amount:+g}: {self.reason_entry.get_text().strip()}"
        self.amount_entry.set_text("")
        self.reason_entry.set_text("")
        self.app.session.autosave()
        self.refresh_scene()

    def toggle_timer(self) -> None:
        session = self.app.session
        if session.timer_seconds <= 0:
            session.timer_seconds = session.timer_left = 300.0
        session.timer_running = not session.timer_running
        self.timer_button.set_text("Pause timer" if session.timer_running else "Start timer")

    def add_minute(self) -> None:
        session = self.app.session
        session.timer_left += 60
        session.timer_seconds = max(session.timer_seconds, session.timer_left)

    def take_back(self) -> None:
        if not self.confirm_take_back:
            self.confirm_take_back = True
            self.take_back_button.set_text("Click again to take back")
            return
        try:
            self.app.session.take_back()
        except EngineError as err:
            self.message = str(err)
            return
        from game.ui.scenes.flow import after_decision_point

        session = self.app.session
        after_decision_point(self.app, "curtain" if len(session.humans) > 1 else "turn")
        self.app.scene.flash_message = f"Took back a turn: now at {turn_title(session.game)}"

    def add_note(self) -> None:
        try:
            self.game.add_note(self.note_entry.get_text())
        except EngineError as err:
            self.message = str(err)
            return
        self.note_entry.set_text("")
        self.message = "Note added."
        self.app.session.autosave()

    def refresh_scene(self) -> None:
        scene = self.app.scene
        scene._layer = None  # the board changed under the console

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        b = self.box
        session = self.app.session
        p.text(
            surface,
            f"Facilitator console · {turn_title(self.game)}",
            (b.x + s(20), b.y + s(14)),
            20,
            bold=True,
        )
        if session.timer_seconds > 0:
            colour = pal.bad if session.time_up else pal.text
            p.text(
                surface,
                f"Timer {session.timer_text()}",
                (b.right - s(20), b.y + s(16)),
                17,
                colour,
                bold=True,
                align="right",
            )
        heads = ["Fire an inject now", "Adjust an indicator", "This turn"]
        for x, head in zip(self.cols, heads, strict=True):
            p.text(surface, head, (b.x + x, b.y + s(46)), 15, pal.accent, bold=True)
        x1 = b.x + self.cols[1]
        p.text(surface, "Change by", (x1, b.y + s(70) + s(48)), 13, pal.text_dim)
        p.text(
            surface, "Reason (recorded in the ledger)", (x1, b.y + s(70) + s(118)), 13, pal.text_dim
        )
        x2 = b.x + self.cols[2]
        p.text(surface, "Note", (x2, b.y + s(70) + s(118)), 13, pal.text_dim)
        y = b.y + s(70) + s(240)
        notes = self.game.notes()[-6:]
        if notes:
            p.text(surface, "Notes", (x2, y), 13, pal.text_dim)
            y += s(20)
            for note in notes:
                p.text(
                    surface,
                    f"{self.game.scenario.turn_label[:1]}{note.turn}: {note.text}",
                    (x2, y),
                    13,
                    max_width=self.col_w,
                )
                y += s(20)
        adjustments = [a for a in self.game.facilitator_log if a.kind != "note"][-6:]
        y = b.y + s(70) + s(240)
        if adjustments:
            p.text(surface, "Done so far", (x1, y), 13, pal.text_dim)
            y += s(20)
            for a in adjustments:
                label = self.game.scenario.turn_label[:1] + str(a.turn)
                if a.kind == "inject":
                    text = f"{label}: fired {self.game.book.inject[a.inject_id].model.title}"
                else:
                    text = (
                        f"{label}: {self.game.book.title_of(a.indicator)} {a.amount:+g} ({a.text})"
                    )
                p.text(surface, text, (x1, y), 13, max_width=self.col_w)
                y += s(20)
        if self.message:
            p.text(
                surface,
                self.message,
                (b.x + s(20), b.bottom - s(46)),
                14,
                pal.warning,
                max_width=b.width - s(260),
            )
