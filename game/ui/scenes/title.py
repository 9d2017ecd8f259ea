"""Title screen and scenario picker: every scenario found, valid or listed with its error."""

from __future__ import annotations

import threading
from pathlib import Path

import pygame

from game.paths import DEFAULT_SCENARIO
from game.ui.scenes.base import Scene


def start_catalog(app) -> None:  # noqa: ANN001
    """Find and validate the scenarios in a background thread, so the menu appears at once.

    Importing the scenario schema (pydantic) and validating every file takes longer than
    opening the window; the title screen shows "Loading scenarios" until this is done.
    """
    if getattr(app, "catalog_thread", None) is not None:
        return
    dirs = [*app.scenario_dirs, *(Path(d) for d in app.settings.scenario_dirs)]

    def work() -> None:
        from game.ui.catalog import find_scenarios

        app.catalog = find_scenarios(dirs)

    app.catalog = None
    app.catalog_thread = threading.Thread(target=work, name="scenario-catalog", daemon=True)
    app.catalog_thread.start()


def wait_for_catalog(app, timeout: float = 30) -> list:  # noqa: ANN001
    """The scenario list, waiting for the background load if it is still running."""
    start_catalog(app)
    app.catalog_thread.join(timeout)
    return app.catalog or []


class TitleScene(Scene):
    title = "Title"

    def __init__(self, app, entries: list | None = None, selected: int | None = None):  # noqa: ANN001
        super().__init__(app)
        self.entries = entries
        self.selected = selected
        self.drawn = False
        if entries is None:
            self._take_catalog()
        self.entry_buttons = []

    def _take_catalog(self) -> None:
        if self.entries is None and getattr(self.app, "catalog", None) is not None:
            self.entries = self.app.catalog
        if self.entries is not None and self.selected is None:
            self.selected = 0
            wanted = (self.app.initial_scenario or DEFAULT_SCENARIO).resolve()
            for i, e in enumerate(self.entries):
                if e.path.resolve() == wanted:
                    self.selected = i

    @property
    def loading(self) -> bool:
        return self.entries is None

    def update(self, dt: float) -> None:
        if self.loading and self.drawn:
            start_catalog(self.app)  # after the first frame, so the window appears at once
        if self.loading:
            self._take_catalog()
            if not self.loading:
                self.app.rebuild()

    def wait_until_loaded(self, timeout: float = 30) -> None:
        """Block until the scenario list is ready (tests and scripts that drive the menu)."""
        wait_for_catalog(self.app, timeout)
        self.update(0)

    def build(self) -> None:
        s = self.s
        left = pygame.Rect(s(40), s(150), s(400), self.height - s(190))
        self.list_rect = left
        self.entry_buttons = []
        y = left.y
        for i, entry in enumerate(self.entries or []):
            label = entry.title if entry.loaded else f"(!) {entry.path.name}: cannot be loaded"
            rect = pygame.Rect(left.x, y, left.width, s(44))
            btn = self.button(rect, label, lambda i=i: self.select(i), tooltip=str(entry.path))
            self.entry_buttons.append(btn)
            y += s(52)
        bx, by, bw, bh = self.width - s(300), s(150), s(250), s(48)
        self.new_button = self.button(
            pygame.Rect(bx, by, bw, bh),
            "New game",
            self.new_game,
            "Set up a game of the selected scenario (Enter)",
            "#primary",
        )
        self.button(
            pygame.Rect(bx, by + s(60), bw, bh),
            "Load game",
            self.load_game,
            "Resume a saved game (L)",
        )
        self.button(
            pygame.Rect(bx, by + s(120), bw, bh),
            "How to play",
            self.how_to_play,
            "Rules and controls (H)",
        )
        self.button(
            pygame.Rect(bx, by + s(180), bw, bh),
            "Settings",
            self.open_settings,
            "Window, text size, colours (S)",
        )
        self.button(
            pygame.Rect(bx, by + s(240), bw, bh), "Quit", self.app.quit, "Leave the game (Q)"
        )
        self.bind(pygame.K_RETURN, "Enter", "new game with the selected scenario", self.new_game)
        self.bind(pygame.K_UP, "Up", "previous scenario", lambda: self.select(self.selected - 1))
        self.bind(pygame.K_DOWN, "Down", "next scenario", lambda: self.select(self.selected + 1))
        self.bind(pygame.K_l, "L", "load a saved game", self.load_game)
        self.bind(pygame.K_h, "H", "how to play", self.how_to_play)
        self.bind(pygame.K_s, "S", "settings", self.open_settings)
        self.bind(pygame.K_q, "Q", "quit", self.app.quit)
        self.select(self.selected)

    def select(self, index: int | None) -> None:
        if not self.entries:
            self.new_button.disable()
            return
        self.selected = index % len(self.entries)
        for i, btn in enumerate(self.entry_buttons):
            if i == self.selected:
                btn.select()
            else:
                btn.unselect()
        entry = self.entries[self.selected]
        if entry.loaded:
            self.new_button.enable()
        else:
            self.new_button.disable()

    def new_game(self) -> None:
        entry = self.entries[self.selected] if self.entries else None
        if entry is None or entry.loaded is None:
            return
        from game.ui.scenes.setup import SetupScene

        self.app.switch(SetupScene(self.app, entry.loaded))

    def load_game(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.switch(LoadScene(self.app))

    def how_to_play(self) -> None:
        from game.ui.scenes.howto import HowToPlayScene

        self.app.switch(HowToPlayScene(self.app))

    def open_settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        self.app.switch(
            SettingsScene(self.app, back=lambda: TitleScene(self.app, self.entries, self.selected))
        )

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = True
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(surface, "Trilateral", (s(40), s(28)), 40, bold=True)
        p.text(
            surface,
            "A policy game of US-Japan-Taiwan security cooperation under gray-zone pressure",
            (s(42), s(86)),
            17,
            pal.text_dim,
        )
        p.text(surface, "Scenarios", (self.list_rect.x, self.list_rect.y - s(30)), 17, bold=True)
        if self.loading:
            p.text(
                surface,
                "Loading scenarios…",
                (self.list_rect.x, self.list_rect.y),
                16,
                pal.text_dim,
            )
            return
        if not self.entries:
            p.text(
                surface, "No scenarios found.", (self.list_rect.x, self.list_rect.y), 16, pal.bad
            )
            return
        detail = pygame.Rect(s(470), s(150), self.width - s(470) - s(330), self.height - s(190))
        p.panel(surface, detail)
        inner = detail.inflate(-s(32), -s(28))
        entry = self.entries[self.selected]
        if entry.loaded is None:
            y = p.paragraph(
                surface,
                "This scenario cannot be loaded",
                inner,
                18,
                pal.bad,
                bold=True,
                max_lines=2,
            )
            p.paragraph(
                surface,
                entry.error or "",
                pygame.Rect(inner.x, y + s(8), inner.width, inner.bottom - y),
                14,
                pal.text,
            )
            return
        sc = entry.loaded.scenario
        y = p.paragraph(surface, sc.title, inner, 22, bold=True, max_lines=2)
        delegations = ", ".join(d.title for d in sc.delegations().values())
        facts = f"{sc.turns} turns ({sc.turn_label.lower()}s)" + (
            f" from {sc.start_label}" if sc.start_label else ""
        )
        y = p.paragraph(
            surface,
            facts,
            pygame.Rect(inner.x, y + s(6), inner.width, s(30)),
            15,
            pal.text_dim,
            max_lines=1,
        )
        y = p.paragraph(
            surface,
            f"Delegations: {delegations}",
            pygame.Rect(inner.x, y, inner.width, s(50)),
            15,
            pal.text_dim,
            max_lines=2,
        )
        y = p.paragraph(
            surface,
            f"Opposing actor: {sc.red_cell()[1].title}",
            pygame.Rect(inner.x, y, inner.width, s(30)),
            15,
            pal.text_dim,
            max_lines=1,
        )
        p.paragraph(
            surface,
            sc.summary,
            pygame.Rect(inner.x, y + s(14), inner.width, inner.bottom - y - s(14)),
            16,
        )
