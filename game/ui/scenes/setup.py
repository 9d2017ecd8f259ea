"""Setup: who plays each delegation (a human or which AI profile), and the seed."""

from __future__ import annotations

import os

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from game.scenario.loader import LoadedScenario
from game.ui.palette import hex_rgb
from game.ui.scenes.base import Scene

HUMAN = "Human player"


def fresh_seed() -> int:
    return int.from_bytes(os.urandom(3), "big")


class SetupScene(Scene):
    title = "Setup"

    def __init__(
        self,
        app,
        loaded: LoadedScenario,
        seats: dict[str, str] | None = None,
        seed: int | None = None,
    ):  # noqa: ANN001
        super().__init__(app)
        self.loaded = loaded
        delegations = loaded.scenario.delegations()
        first = next(iter(delegations))
        self.seats = seats or {
            a: (HUMAN if a == first else self.ai_label(a, None)) for a in delegations
        }
        self.seed = fresh_seed() if seed is None else seed
        self.dropdowns: dict[str, UIDropDownMenu] = {}
        self.message = ""
        self.timer_minutes = 0
        self.forecasts = False
        self.password = ""

    def ai_label(self, actor: str, profile: str | None) -> str:
        dele = self.loaded.scenario.delegations()[actor]
        name = profile or dele.default_ai or next(iter(dele.ai_profiles))
        return f"AI: {name.replace('_', ' ')}"

    def options_for(self, actor: str) -> list[str]:
        dele = self.loaded.scenario.delegations()[actor]
        return [HUMAN] + [self.ai_label(actor, name) for name in dele.ai_profiles]

    def build(self) -> None:
        s = self.s
        self.rows: dict[str, pygame.Rect] = {}
        y = s(130)
        for i, (actor, dele) in enumerate(self.loaded.scenario.delegations().items(), start=1):
            row = pygame.Rect(s(40), y, self.width - s(80), s(86))
            self.rows[actor] = row
            menu = UIDropDownMenu(
                self.options_for(actor),
                self.seats[actor],
                pygame.Rect(row.right - s(330), row.y + s(22), s(310), s(40)),
                self.app.manager,
            )
            self.dropdowns[actor] = self.add(menu)
            key = getattr(pygame, f"K_{i}", None)
            if key is not None:
                self.bind(
                    key,
                    str(i),
                    f"{dele.title}: switch between human and AI",
                    lambda a=actor: self.toggle(a),
                )
            y += s(96)
        seed_y = y + s(16)
        self.seed_rect = pygame.Rect(s(40), seed_y, s(300), s(40))
        self.seed_entry = self.add(
            UITextEntryLine(
                pygame.Rect(s(210), seed_y, s(200), s(40)),
                self.app.manager,
                initial_text=str(self.seed),
            )
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(12)
        self.button(
            pygame.Rect(s(420), seed_y, s(140), s(40)),
            "New seed",
            self.new_seed,
            "Pick another random seed (N)",
        )
        # Classroom options: a turn timer, forecasts before each reveal, a console password.
        class_y = seed_y + s(52)
        self.class_y = class_y
        self.timer_entry = self.add(
            UITextEntryLine(
                pygame.Rect(s(210), class_y, s(80), s(36)),
                self.app.manager,
                initial_text=str(self.timer_minutes),
            )
        )
        self.timer_entry.set_allowed_characters("numbers")
        self.timer_entry.set_text_length_limit(3)
        self.forecast_button = self.button(
            pygame.Rect(s(560), class_y, s(90), s(36)),
            "On" if self.forecasts else "Off",
            self.toggle_forecasts,
            "Ask each delegation for forecasts before every reveal; the debrief scores them (F)",
        )
        self.password_entry = self.add(
            UITextEntryLine(
                pygame.Rect(s(920), class_y, min(s(200), self.width - s(960)), s(36)),
                self.app.manager,
                initial_text=self.password,
            )
        )
        self.password_entry.set_text_hidden(True)
        self.bind(pygame.K_f, "F", "forecasts on/off", self.toggle_forecasts)
        bottom = self.height - s(80)
        self.button(
            pygame.Rect(s(40), bottom, s(180), s(48)),
            "Back",
            self.back,
            "Back to the scenarios (Esc)",
        )
        self.button(
            pygame.Rect(self.width - s(300), bottom, s(260), s(48)),
            "Start game",
            self.start,
            "Begin with these delegations and this seed (Enter)",
            "#primary",
        )
        self.bind(pygame.K_RETURN, "Enter", "start the game", self.start)
        self.bind(pygame.K_ESCAPE, "Esc", "back to the scenarios", self.back)
        self.bind(pygame.K_n, "N", "new random seed", self.new_seed)

    def toggle(self, actor: str) -> None:
        """Step through the seat's choices: human, then each AI profile, then human again."""
        options = self.options_for(actor)
        current = options.index(self.seats[actor]) if self.seats[actor] in options else 0
        self.seats[actor] = options[(current + 1) % len(options)]
        self.app.rebuild()

    def toggle_forecasts(self) -> None:
        self.forecasts = not self.forecasts
        self.forecast_button.set_text("On" if self.forecasts else "Off")

    def new_seed(self) -> None:
        self.seed = fresh_seed()
        self.seed_entry.set_text(str(self.seed))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for actor, menu in self.dropdowns.items():
                if event.ui_element is menu:
                    self.seats[actor] = event.text
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            text = self.seed_entry.get_text()
            if text.isdigit():
                self.seed = int(text)
        elif (
            event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.timer_entry
        ):
            text = self.timer_entry.get_text()
            self.timer_minutes = int(text) if text.isdigit() else 0
        elif (
            event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED
            and event.ui_element is self.password_entry
        ):
            self.password = self.password_entry.get_text()

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def start(self) -> None:
        from game.ui.scenes.flow import after_decision_point
        from game.ui.session import Session

        text = self.seed_entry.get_text()
        if not text.isdigit():
            self.message = "The seed must be a whole number."
            return
        self.seed = int(text)
        humans = [a for a, seat in self.seats.items() if seat == HUMAN]
        profiles = {}
        for actor, seat in self.seats.items():
            if seat != HUMAN:
                for name in self.loaded.scenario.delegations()[actor].ai_profiles:
                    if self.ai_label(actor, name) == seat:
                        profiles[actor] = name
        self.app.session = Session.new(
            self.loaded,
            self.seed,
            humans,
            profiles,
            password=self.password_entry.get_text(),
            forecasts=self.forecasts,
            timer_seconds=60.0 * self.timer_minutes,
        )
        after_decision_point(self.app, "curtain" if len(humans) > 1 else "turn")

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        sc = self.loaded.scenario
        p.text(surface, f"New game: {sc.title}", (s(40), s(30)), 28, bold=True)
        p.text(
            surface,
            "Choose who plays each delegation. Several humans share this screen in turn (hot seat); "
            "their choices stay hidden until the reveal.",
            (s(42), s(76)),
            15,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        for actor, row in self.rows.items():
            dele = sc.delegations()[actor]
            p.panel(surface, row)
            colour = hex_rgb(dele.colour) if dele.colour else pal.accent
            pygame.draw.rect(
                surface, colour, pygame.Rect(row.x, row.y, s(8), row.height), border_radius=4
            )
            p.text(surface, dele.title, (row.x + s(24), row.y + s(12)), 19, bold=True)
            p.paragraph(
                surface,
                " ".join(dele.summary.split()),
                pygame.Rect(row.x + s(24), row.y + s(40), row.width - s(400), row.height - s(44)),
                14,
                pal.text_dim,
                max_lines=2,
            )
            seat = self.seats[actor]
            if seat != HUMAN:
                for name, prof in dele.ai_profiles.items():
                    if self.ai_label(actor, name) == seat:
                        p.hover(
                            pygame.Rect(row.right - s(330), row.y + s(22), s(310), s(40)),
                            " ".join(prof.description.split()),
                        )
        p.text(surface, "Seed", (s(40), self.seed_rect.y + s(8)), 16, bold=True)
        p.text(
            surface,
            "The same seed and the same decisions replay the same game: write it down to replay a class's game.",
            (s(580), self.seed_rect.y + s(10)),
            13,
            pal.text_dim,
            max_width=self.width - s(620),
        )
        cy = self.class_y + s(8)
        p.text(surface, "Turn timer", (s(40), cy), 16, bold=True)
        p.text(surface, "minutes (0 = off)", (s(300), cy + s(2)), 13, pal.text_dim)
        p.text(surface, "Forecasts", (s(450), cy), 16, bold=True)
        p.text(surface, "Facilitator password", (s(680), cy), 16, bold=True, max_width=s(230))
        p.text(
            surface,
            "Optional. The facilitator console (F9) opens injects, adjustments, notes, the timer and take-back; "
            "a password keeps students at the keyboard out of it.",
            (s(40), cy + s(38)),
            13,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        humans = [sc.delegations()[a].title for a, seat in self.seats.items() if seat == HUMAN]
        summary = "Humans: " + (", ".join(humans) if humans else "none (watch the AI play)")
        p.text(surface, summary, (s(240), self.height - s(68)), 15, pal.text)
        if self.message:
            p.text(surface, self.message, (s(240), self.height - s(100)), 15, pal.bad)
