"""Setup: who plays each delegation (a human or which AI profile), the seed, the history
excursion (only for a scenario that has one), and the classroom options (turn timer,
forecasts, facilitator password).

The screen starts from the last setup's choices (game.ui.setup_memory) and is laid out from
the fonts' sizes, so up to six delegations fit at 1024x600 at every text size. Every control
has a key (F1 lists them).
"""

from __future__ import annotations

import math
import os
import sys

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from game.engine.rulebook import Rulebook
from game.i18n import N_, _, listing
from game.scenario.loader import LoadedScenario
from game.ui.labels import delegation_colour
from game.ui.scenes.base import Scene
from game.ui.setup_memory import HUMAN_SEAT, SetupMemory

# N_ (game.i18n) marks the constants below for the catalogs without translating them: they
# keep their English, which code and tests compare, and are translated with _() where shown.

HUMAN = N_("Human player")  # a seat's value, compared in code; shown as _(HUMAN)
SEED_NOTE = N_(
    "The same seed and the same decisions replay the same game: write it down to replay a "
    "class's game."
)
CONSOLE_NOTE = N_(
    "Optional. The facilitator console (F9) fires injects, adjusts indicators, takes notes, "
    "runs the timer and takes back turns; a password keeps students at the keyboard out of it."
)
PASSWORD_PROMPT = N_(
    "The last class used a facilitator password: type one (P), or leave it empty to play "
    "without one."
)
HISTORY_NOTE = N_(
    "Play the real timeline (history excursion): the period's real events happen too, each on "
    "its real date."
)
NO_HISTORY = N_("This scenario has no history excursion (play --history): it plays without one.")
CONFIRM_NO_PASSWORD = N_(
    "Start without a facilitator password? Press Start game again to confirm, or type one (P)."
)


DEVICES_NOTE_OFF = N_("Hot seat: the delegations take turns at this screen.")
LAN_OFF_NOTE = N_("This machine only (127.0.0.1): for trying it out on this computer.")
INTRO_HOT_SEAT = N_(
    "Choose who plays each delegation. Several humans share this screen in turn (hot "
    "seat); their choices stay hidden until the reveal."
)
INTRO_DEVICES = N_(
    "Choose who plays each delegation. Each delegation played by people decides on its own "
    "phones or laptops; this window becomes the projector and the facilitator's console."
)


LABELS = (
    N_("Seed"),
    N_("Turn timer"),
    N_("History"),
    N_("Devices"),
)  # the bold labels of the rows under the delegations (shown as _(label))


def fresh_seed() -> int:
    return int.from_bytes(os.urandom(3), "big")


class SetupScene(Scene):
    ends_class = True  # this class on devices (if any) is over: see Scene.ends_class
    title = "Setup"
    mouse_help = N_("hover a delegation's line to read it whole; the drop-downs choose who plays")

    def __init__(
        self,
        app,
        loaded: LoadedScenario,
        seats: dict[str, str] | None = None,
        seed: int | None = None,
    ):  # noqa: ANN001
        super().__init__(app)
        self.loaded = loaded
        self.memory = SetupMemory.load()
        self.seats = seats or self.remembered_seats()
        if seed is None:
            seed = getattr(app, "initial_seed", None)  # `play --seed N`
        self.seed = fresh_seed() if seed is None else seed
        self.dropdowns: dict[str, UIDropDownMenu] = {}
        self.message = ""
        self.timer_minutes = self.memory.timer_minutes
        self.forecasts = self.memory.forecasts
        # The history excursion: offered only where the scenario has one; off unless the last
        # setup chose it or the window was opened with `play --history`.
        self.has_history = Rulebook.of(loaded).has_history
        wanted = getattr(app, "initial_history", False)
        self.history = self.has_history and (self.memory.history or wanted)
        if wanted and not self.has_history:
            self.message = _(NO_HISTORY)
        self.password = ""
        self.confirming_no_password = False
        # A class on the students' own devices (`play --devices [--lan] [--port P]`).
        self.devices = bool(getattr(app, "initial_devices", False))
        self.lan = bool(getattr(app, "initial_lan", False))
        self.port = getattr(app, "initial_port", None)
        self._lan_host = ""

    # --- seats -----------------------------------------------------------------------------

    def ai_label(self, actor: str, profile: str | None) -> str:
        dele = self.loaded.scenario.delegations()[actor]
        name = profile or dele.default_ai or next(iter(dele.ai_profiles))
        return f"AI: {name.replace('_', ' ')}"

    def seat_labels(self, actor: str) -> dict[str, str]:
        """Each of the seat's choices (as options_for has them) -> what its menu shows, in the
        current language."""
        dele = self.loaded.scenario.delegations()[actor]
        labels = {HUMAN: _(HUMAN)}
        for name in dele.ai_profiles:
            labels[self.ai_label(actor, name)] = _("AI: {profile}").format(
                profile=name.replace("_", " ")
            )
        return labels

    def options_for(self, actor: str) -> list[str]:
        dele = self.loaded.scenario.delegations()[actor]
        return [HUMAN] + [self.ai_label(actor, name) for name in dele.ai_profiles]

    def remembered_seats(self) -> dict[str, str]:
        """Each seat as the last setup of this scenario left it (seats it no longer has, or
        profiles it no longer offers, are ignored). With nothing remembered: the first
        delegation human, the others their default AI."""
        delegations = self.loaded.scenario.delegations()
        remembered = {
            actor: seat
            for actor, seat in self.memory.seats_for(self.loaded.scenario.id).items()
            if actor in delegations
            and (seat == HUMAN_SEAT or seat in delegations[actor].ai_profiles)
        }
        first = next(iter(delegations))
        seats = {}
        for actor in delegations:
            seat = remembered.get(actor)
            if seat == HUMAN_SEAT or (not remembered and actor == first):
                seats[actor] = HUMAN
            else:
                seats[actor] = self.ai_label(actor, seat)
        return seats

    def profile_of(self, actor: str) -> str | None:
        """The AI profile chosen for `actor`, or None when a human plays it."""
        for name in self.loaded.scenario.delegations()[actor].ai_profiles:
            if self.ai_label(actor, name) == self.seats[actor]:
                return name
        return None

    # --- layout ------------------------------------------------------------------------------

    def line(self, base: int, bold: bool = False) -> int:
        return self.app.painter.fonts.get(base, bold).get_linesize()

    def text_width(self, text: str, base: int, bold: bool = False) -> int:
        return self.app.painter.width(text, base, bold)

    def build(self) -> None:
        s = self.s
        margin = s(40)
        right = self.width - margin
        field_h = max(s(36), self.line(15) + s(10))
        button_h = max(s(48), self.line(16, True) + s(14))
        gap = s(10)

        # From the bottom up: the buttons, a message line, the classroom options.
        self.bottom_y = self.height - s(20) - button_h
        self.message_y = self.bottom_y - self.line(15) - s(6)
        note_lines = 2
        self.note_rect = pygame.Rect(
            margin,
            self.message_y - s(6) - note_lines * self.line(13),
            right - margin,
            note_lines * self.line(13),
        )
        # The classroom row: timer, forecasts and password; the password wraps to a row of
        # its own when the window is too narrow for all three.
        label_col = max(self.text_width(_(t), 16, True) for t in LABELS) + s(14)
        timer_w = self.text_width("999", 15) + s(26)
        minutes_w = self.text_width(_("minutes (0 = off)"), 13)
        toggle_w = max(self.text_width(t, 15) for t in (_("On"), _("Off"))) + s(36)
        password_label_w = self.text_width(_("Facilitator password"), 16, True)
        password_w = max(s(160), self.text_width("a long password", 15) + s(20))
        first_part = label_col + timer_w + s(10) + minutes_w + s(28)
        first_part += self.text_width(_("Forecasts"), 16, True) + s(12) + toggle_w + s(28)
        one_row = margin + first_part + password_label_w + s(12) + password_w <= right
        rows = 1 if one_row else 2
        class_top = self.note_rect.y - s(8) - rows * field_h - (rows - 1) * gap
        self.title_y = s(24)
        self.intro_y = self.title_y + self.line(28, True) + s(2)
        self.rows_top = self.intro_y + 2 * self.line(15) + s(10)
        # The devices choice, then the history choice, have a row of their own where the
        # delegations leave room for one; otherwise they take the place of the seed's note
        # (which becomes the seed's tooltip).
        count = len(self.loaded.scenario.delegations())
        rows_least = count * (field_h + s(8)) + (count - 1) * s(6)  # as layout_rows allows
        step = gap + field_h
        fits = (class_top - s(14) - self.rows_top - rows_least) // step  # rows besides theirs
        devices_own = fits >= 2
        own_row = self.has_history and fits >= (3 if devices_own else 2)
        seed_y = class_top - step * (1 + int(devices_own) + int(own_row))
        history_y = seed_y + step if own_row else seed_y
        devices_y = class_top - step if devices_own else seed_y
        self.rows_bottom = seed_y - s(14)

        # The delegations take what is left between the header and the seed.
        self.layout_rows(margin, right, field_h)

        # Seed row.
        x = margin
        self.seed_label = (x, seed_y + (field_h - self.line(16, True)) // 2)
        x += label_col
        seed_w = self.text_width("999999999999", 15) + s(26)
        self.seed_entry = self.text_entry(
            pygame.Rect(x, seed_y, seed_w, field_h), text=str(self.seed)
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(12)
        x += seed_w + s(10)
        new_seed_w = self.text_width(_("New seed"), 15) + s(36)
        self.button(
            pygame.Rect(x, seed_y, new_seed_w, field_h),
            _("New seed"),
            self.new_seed,
            _("Pick another random seed (N)"),
        )
        x += new_seed_w + s(16)
        self.seed_note = None
        if not self.has_history or own_row:
            self.seed_note = pygame.Rect(
                x, seed_y + (field_h - self.line(13)) // 2, right - x, field_h
            )

        # The history excursion (a scenario with one only): its own row, or the seed's.
        self.history_button = None
        if self.has_history:
            x = margin if own_row else x + s(12)
            self.history_label = (x, history_y + (field_h - self.line(16, True)) // 2)
            x += label_col if own_row else self.text_width(_("History"), 16, True) + s(12)
            self.history_button = self.button(
                pygame.Rect(x, history_y, toggle_w, field_h),
                _("On") if self.history else _("Off"),
                self.toggle_history,
                _(
                    "Play the real timeline: the history excursion's events also happen, on "
                    "their real dates (H)"
                ),
            )
            x += toggle_w + s(16)
            self.history_note = pygame.Rect(
                x, history_y + (field_h - self.line(13)) // 2, max(0, right - x), self.line(13)
            )

        if devices_own:
            self.layout_devices(margin, right, devices_y, label_col, toggle_w, field_h)

        # Classroom row(s).
        y = class_top
        x = margin
        self.timer_label = (x, y + (field_h - self.line(16, True)) // 2)
        x += label_col
        self.timer_entry = self.text_entry(
            pygame.Rect(x, y, timer_w, field_h), text=str(self.timer_minutes)
        )
        self.timer_entry.set_allowed_characters("numbers")
        self.timer_entry.set_text_length_limit(3)
        x += timer_w + s(10)
        self.minutes_at = (x, y + (field_h - self.line(13)) // 2)
        x += minutes_w + s(28)
        self.forecasts_label = (x, y + (field_h - self.line(16, True)) // 2)
        x += self.text_width(_("Forecasts"), 16, True) + s(12)
        self.forecast_button = self.button(
            pygame.Rect(x, y, toggle_w, field_h),
            _("On") if self.forecasts else _("Off"),
            self.toggle_forecasts,
            _("Ask each delegation for forecasts before every reveal; the debrief scores them (F)"),
        )
        if one_row:
            x += toggle_w + s(28)
        else:
            x, y = margin, y + field_h + gap
        self.password_label = (x, y + (field_h - self.line(16, True)) // 2)
        x += password_label_w + s(12)
        self.password_entry = self.text_entry(
            pygame.Rect(x, y, min(password_w, right - x), field_h), text=self.password
        )
        self.password_entry.set_text_hidden(True)

        back_w = max(s(180), self.text_width(_("Back"), 15) + s(40))
        self.button(
            pygame.Rect(margin, self.bottom_y, back_w, button_h),
            _("Back"),
            self.back,
            _("Back to the scenarios (Esc)"),
        )
        start_w = max(s(260), self.text_width(_("Start game"), 16, True) + s(40))
        self.start_rect = pygame.Rect(right - start_w, self.bottom_y, start_w, button_h)
        self.button(
            self.start_rect,
            _("Start game"),
            self.start,
            _("Begin with these delegations and this seed (Enter)"),
            "#primary",
        )
        summary_x = margin + back_w + s(20)
        if not devices_own:  # no row to spare: the switches go beside Back, the note a tooltip
            y = self.bottom_y + (button_h - field_h) // 2
            inline = self.text_width(_("Devices"), 16, True) + s(12)
            self.layout_devices(summary_x, summary_x, y, inline, toggle_w, field_h)
            summary_x = (self.lan_button or self.devices_button).rect.right + s(20)
        self.summary_rect = pygame.Rect(
            summary_x,
            self.bottom_y + (button_h - self.line(15)) // 2,
            max(0, self.start_rect.x - s(20) - summary_x),
            self.line(15),
        )
        self.bind_keys()

    def layout_devices(
        self, x: int, right: int, y: int, label_col: int, toggle_w: int, field_h: int
    ) -> None:
        """Devices On/Off; when on, Room network On/Off and where devices reach the class
        (from `x`: the row's start, or after the seed where the delegations leave no room)."""
        s = self.s
        self.devices_label = (x, y + (field_h - self.line(16, True)) // 2)
        x += label_col
        self.devices_button = self.button(
            pygame.Rect(x, y, toggle_w, field_h),
            _("On") if self.devices else _("Off"),
            self.toggle_devices,
            _(
                "Delegations play on their own devices: each gets a link and a QR code; this "
                "window becomes the projector and the facilitator's console (D)"
            ),
        )
        x += toggle_w + s(16)
        self.lan_button = None
        self.lan_label = None
        if self.devices:
            self.lan_label = (x, self.devices_label[1])
            x += self.text_width(_("Room network"), 16, True) + s(12)
            self.lan_button = self.button(
                pygame.Rect(x, y, toggle_w, field_h),
                _("On") if self.lan else _("Off"),
                self.toggle_lan,
                _(
                    "On: phones and laptops on this room's network can join (the address is "
                    "shown). Off: only this computer (L)"
                ),
            )
            x += toggle_w + s(16)
        self.devices_note = None  # no room beside the switches: the label's tooltip says it
        if right - x >= s(120):
            self.devices_note = pygame.Rect(
                x, y + (field_h - self.line(13)) // 2, right - x, self.line(13)
            )

    def devices_text(self) -> str:
        """What the devices row says beside its switches."""
        if not self.devices:
            return _(DEVICES_NOTE_OFF)
        if not self.lan:
            return _(LAN_OFF_NOTE)
        if not self._lan_host:
            from game.net.server import lan_address

            self._lan_host = lan_address()
        port = 8765 if self.port is None else self.port
        if not port:  # `play --port 0`: any free port, known once the class starts
            return _("Room network: devices type {address} (shown next).").format(
                address=f"http://{self._lan_host}:PORT/"
            )
        return _("Room network: devices type {address} (and their code).").format(
            address=f"http://{self._lan_host}:{port}/"
        )

    def layout_rows(self, margin: int, right: int, field_h: int) -> None:
        """One row per delegation between the header and the seed: as tall as there is room
        for (the summary under the title when it fits, beside it otherwise)."""
        s = self.s
        delegations = self.loaded.scenario.delegations()
        count = len(delegations)
        gap = s(6)
        room = self.rows_bottom - self.rows_top
        title_h = self.line(18, True)
        comfortable = title_h + 2 * self.line(14) + s(16)
        least = field_h + s(8)
        # Many delegations in large text: two to a line rather than rows running into the seed
        cols = 1 if count * least + (count - 1) * gap <= room or count < 2 else 2
        lines = math.ceil(count / cols)
        row_h = max(least, min(comfortable, (room - (lines - 1) * gap) // lines))
        col_gap = s(12)
        col_w = (right - margin - (cols - 1) * col_gap) // cols
        widest = max(
            self.text_width(label, 15)
            for a in delegations
            for label in self.seat_labels(a).values()
        )
        menu_w = min(max(s(220), widest + s(60)), col_w // 2)
        self.rows: dict[str, pygame.Rect] = {}
        self.dropdowns = {}
        for i, actor in enumerate(delegations):
            line, col = divmod(i, cols)
            y = self.rows_top + line * (row_h + gap)
            row = pygame.Rect(margin + col * (col_w + col_gap), y, col_w, row_h)
            self.rows[actor] = row
            menu_rect = pygame.Rect(
                row.right - menu_w - s(12), row.y + (row_h - field_h) // 2, menu_w, field_h
            )
            labels = self.seat_labels(actor)
            menu = UIDropDownMenu(
                [labels[o] for o in self.options_for(actor)],
                labels.get(self.seats[actor], self.seats[actor]),
                menu_rect,
                self.app.manager,
            )
            self.dropdowns[actor] = self.add(menu)

    def bind_keys(self) -> None:
        delegations = self.loaded.scenario.delegations()
        for i, (actor, dele) in enumerate(delegations.items(), start=1):
            key = getattr(pygame, f"K_{i}", None) if i < 10 else None
            if key is not None:
                self.bind(
                    key,
                    str(i),
                    _(
                        "{delegation}: next choice of who plays (a human, then each AI profile)"
                    ).format(delegation=dele.title),
                    lambda a=actor: self.toggle(a),
                )
        self.bind(pygame.K_s, "S", _("type the seed"), lambda: self.type_in(self.seed_entry))
        self.bind(pygame.K_n, "N", _("new random seed"), self.new_seed)
        self.bind(
            pygame.K_t,
            "T",
            _("type the turn timer in minutes"),
            lambda: self.type_in(self.timer_entry),
        )
        self.bind(pygame.K_f, "F", _("forecasts on/off"), self.toggle_forecasts)
        if self.has_history:
            self.bind(
                pygame.K_h,
                "H",
                _("history excursion on/off (play the real timeline)"),
                self.toggle_history,
            )
        self.bind(
            pygame.K_p,
            "P",
            _("type the facilitator password"),
            lambda: self.type_in(self.password_entry),
        )
        self.bind(
            pygame.K_d,
            "D",
            _("delegations play on their own devices on/off (this window becomes the projector)"),
            self.toggle_devices,
        )
        if self.devices:
            self.bind(
                pygame.K_l,
                "L",
                _("room network on/off (off: this machine only)"),
                self.toggle_lan,
            )
        self.bind(pygame.K_RETURN, "Enter", _("start the game"), self.start)
        self.bind(pygame.K_ESCAPE, "Esc", _("back to the scenarios"), self.back)

    def keys_help(self) -> list[tuple[str, str]]:
        """The bound keys, and how to leave a field after typing in it."""
        typing = (_("Enter or Esc in a field"), _("finish typing (the keys above work again)"))
        keys = super().keys_help()
        return [*keys[: len(self.keys)], typing, *keys[len(self.keys) :]]

    # --- actions -----------------------------------------------------------------------------

    def type_in(self, entry: UITextEntryLine) -> None:
        """Put the keyboard in a text field (as a click on it would)."""
        self.app.manager.set_focus_set(entry)

    def toggle(self, actor: str) -> None:
        """Step through the seat's choices: human, then each AI profile, then human again."""
        options = self.options_for(actor)
        current = options.index(self.seats[actor]) if self.seats[actor] in options else 0
        self.seats[actor] = options[(current + 1) % len(options)]
        self.app.rebuild()

    def toggle_forecasts(self) -> None:
        self.forecasts = not self.forecasts
        self.forecast_button.set_text(_("On") if self.forecasts else _("Off"))

    def toggle_history(self) -> None:
        if not self.has_history:
            return
        self.history = not self.history
        if self.history_button is not None:
            self.history_button.set_text(_("On") if self.history else _("Off"))

    def toggle_devices(self) -> None:
        self.devices = not self.devices
        self.app.rebuild()  # the room network's switch shows only for a class on devices

    def toggle_lan(self) -> None:
        if not self.devices:
            return
        self.lan = not self.lan
        if self.lan_button is not None:
            self.lan_button.set_text(_("On") if self.lan else _("Off"))

    def new_seed(self) -> None:
        self.seed = fresh_seed()
        self.seed_entry.set_text(str(self.seed))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for actor, menu in self.dropdowns.items():
                if event.ui_element is menu:  # the menu shows labels; the seat keeps its value
                    values = {label: o for o, label in self.seat_labels(actor).items()}
                    self.seats[actor] = values.get(event.text, event.text)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self.read_fields()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.app.manager.set_focus_set(None)  # Enter leaves the field

    def teardown(self) -> None:
        if getattr(self, "seed_entry", None) is not None and self.seed_entry.alive():
            self.read_fields()  # a rebuild (a seat toggled, the window resized) keeps the fields
        super().teardown()

    def read_fields(self) -> None:
        """Take the seed, timer and password from their fields (called as they change)."""
        text = self.seed_entry.get_text()
        if text.isdigit():
            self.seed = int(text)
        text = self.timer_entry.get_text()
        self.timer_minutes = int(text) if text.isdigit() else 0
        self.password = self.password_entry.get_text()
        self.confirming_no_password = False

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def start(self) -> None:
        from game.ui.scenes.flow import after_decision_point
        from game.ui.session import Session

        text = self.seed_entry.get_text()
        if not text.isdigit():
            self.message = _("The seed must be a whole number.")
            return
        self.seed = int(text)
        timer = self.timer_entry.get_text()
        self.timer_minutes = int(timer) if timer.isdigit() else 0
        password = self.password_entry.get_text()
        if self.memory.password_used and not password and not self.confirming_no_password:
            self.confirming_no_password = True
            self.message = _(CONFIRM_NO_PASSWORD)
            return
        humans = [a for a, seat in self.seats.items() if seat == HUMAN]
        profiles = {a: p for a in self.seats if (p := self.profile_of(a)) is not None}
        if self.devices and not humans:
            self.message = _(
                "On devices, at least one delegation must be played by people (1-9 choose "
                "who plays), or turn Devices off (D) to watch the AI play."
            )
            return
        self.remember(humans, profiles, bool(password))
        session = Session.new(
            self.loaded,
            self.seed,
            humans,
            profiles,
            password=password,
            forecasts=self.forecasts,
            timer_seconds=60.0 * self.timer_minutes,
            history=self.history,
        )
        if self.devices:
            from game.ui.devices import start_class

            problem = start_class(self.app, session, port=self.port, lan=self.lan)
            if problem:
                self.message = problem
                return
            self.app.session = session
            after_decision_point(self.app, "join")
            return
        self.app.session = session
        after_decision_point(self.app, "curtain" if len(humans) > 1 else "turn")

    def remember(self, humans: list[str], profiles: dict[str, str], password_used: bool) -> None:
        """Keep this setup for the next class (a convenience: a failed write stops nothing)."""
        seats = {a: HUMAN_SEAT for a in humans} | profiles
        self.memory.remember(
            self.loaded.scenario.id,
            seats,
            self.timer_minutes,
            self.forecasts,
            password_used,
            self.history if self.has_history else None,
        )
        try:
            self.memory.save()
        except OSError as err:
            print(
                _("trilateral: the setup could not be remembered: {error}").format(error=err),
                file=sys.stderr,
            )

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        sc = self.loaded.scenario
        width = self.width - 2 * s(40)
        title = _("New game: {scenario}").format(scenario=sc.title)
        rect = p.text(surface, title, (s(40), self.title_y), 28, bold=True, max_width=width)
        p.hover(rect, title)
        p.paragraph(
            surface,
            _(INTRO_DEVICES) if self.devices else _(INTRO_HOT_SEAT),
            pygame.Rect(s(42), self.intro_y, width, 2 * self.line(15)),
            15,
            pal.text_dim,
            max_lines=2,
        )
        for actor, row in self.rows.items():
            self.draw_row(surface, actor, row)
        seed = p.text(surface, _("Seed"), self.seed_label, 16, bold=True)
        if self.seed_note is not None:
            self.note(surface, _(SEED_NOTE), self.seed_note, 13, 1)
        else:  # the history choice took its place
            p.hover(seed, _(SEED_NOTE))
        p.text(surface, _("Turn timer"), self.timer_label, 16, bold=True)
        p.text(surface, _("minutes (0 = off)"), self.minutes_at, 13, pal.text_dim)
        p.text(surface, _("Forecasts"), self.forecasts_label, 16, bold=True)
        if self.has_history:
            label = p.text(surface, _("History"), self.history_label, 16, bold=True)
            if self.history_note is not None:
                self.note(surface, _(HISTORY_NOTE), self.history_note, 13, 1)
            else:
                p.hover(label, _(HISTORY_NOTE))
        label = p.text(surface, _("Devices"), self.devices_label, 16, bold=True)
        if self.lan_label is not None:
            p.text(surface, _("Room network"), self.lan_label, 16, bold=True)
        if self.devices_note is not None:
            self.note(surface, self.devices_text(), self.devices_note, 13, 1)
        else:
            p.hover(label, self.devices_text())
        p.text(surface, _("Facilitator password"), self.password_label, 16, bold=True)
        prompt = self.memory.password_used and not self.password_entry.get_text()
        self.note(
            surface,
            _(PASSWORD_PROMPT) if prompt else _(CONSOLE_NOTE),
            self.note_rect,
            13,
            2,
            pal.warning if prompt else pal.text_dim,
        )
        humans = [sc.delegations()[a].title for a, seat in self.seats.items() if seat == HUMAN]
        if humans:
            summary = _("Humans: {delegations}").format(delegations=listing(humans))
        else:
            summary = _("Humans: none (watch the AI play)")
        self.note(surface, summary, self.summary_rect, 15, 1, pal.text)
        if self.message:
            self.note(
                surface,
                self.message,
                pygame.Rect(s(40), self.message_y, width, self.line(15)),
                15,
                1,
                pal.bad,
            )

    def note(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        base: int,
        lines: int,
        colour: tuple[int, int, int] | None = None,
    ) -> None:
        """Text wrapped into `rect` (at most `lines` lines, then "…"); hover shows it whole."""
        self.app.painter.paragraph(
            surface, text, rect, base, colour or self.app.palette.text_dim, max_lines=lines
        )

    def draw_row(self, surface: pygame.Surface, actor: str, row: pygame.Rect) -> None:
        """A delegation's panel: its colour, title and summary, and the AI profile chosen."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        dele = self.loaded.scenario.delegations()[actor]
        p.panel(surface, row)
        colour = delegation_colour(self.loaded.scenario, actor, pal)
        pygame.draw.rect(
            surface, colour, pygame.Rect(row.x, row.y, s(8), row.height), border_radius=4
        )
        menu = self.dropdowns[actor].rect
        text_x = row.x + s(22)
        text_w = menu.x - s(16) - text_x
        about = " ".join(dele.summary.split())
        profile = self.profile_of(actor)
        if profile is not None:
            description = " ".join(dele.ai_profiles[profile].description.split())
            about = _("{summary} AI profile: {description}").format(
                summary=about, description=description
            )
        title_h = self.line(18, True)
        summary_lines = (row.height - s(10) - title_h) // self.line(14)
        if summary_lines >= 1:  # the title, and the summary under it
            top = row.y + (row.height - title_h - summary_lines * self.line(14)) // 2
            p.text(surface, dele.title, (text_x, top), 18, bold=True, max_width=text_w)
            body = pygame.Rect(text_x, top + title_h, text_w, summary_lines * self.line(14))
        else:  # a short row: the title, then the summary on the same line
            top = row.y + (row.height - title_h) // 2
            title_w = min(self.text_width(dele.title, 18, True), text_w // 2)
            p.text(surface, dele.title, (text_x, top), 18, bold=True, max_width=title_w)
            body = pygame.Rect(
                text_x + title_w + s(12),
                row.y + (row.height - self.line(14)) // 2,
                text_w - title_w - s(12),
                self.line(14),
            )
            summary_lines = 1
        p.paragraph(surface, about, body, 14, pal.text_dim, max_lines=summary_lines)
        p.hover(
            pygame.Rect(text_x, row.y, text_w, row.height),
            _("{delegation}: {about}").format(delegation=dele.title, about=about),
        )
