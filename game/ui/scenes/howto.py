"""How to play: the rules in a page, written for players who have never seen the game."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.ui.scenes.base import Scene

RULES = """<b>The goal</b><br>
You lead a delegation (the United States, Japan or Taiwan in the default scenario). Over the turns, the delegations decide which proposed security measures to push. Together you are scored on the state of the region when the game ends, and a crisis is a loss; each delegation also has its own objectives, in its private briefing. <b>How you are scored</b> (the button below, or F2 on any screen) gives the details for the scenario.<br><br>
<b>A turn</b><br>
1. Each delegation decides in secret: <b>push</b> a measure (spends capital), <b>hold</b>, or <b>oppose</b> it (stalls it).<br>
2. All decisions are revealed together.<br>
3. A measure advances fully only when every delegation it requires pushes in the same turn; the last step always needs all of them.<br>
4. Adopted measures take effect; the red cell reacts, and its gray-zone actions strike: coercion, and inducements (offers to opposition parties, business or travellers meant to divide the partners). Resilience in the domain hit absorbs part of each blow. The red cell may also run a pressure campaign of its own, every turn, whatever you decide.<br>
5. Scheduled events (injects) happen; capital comes back with domestic support.<br><br>
<b>Watch out</b><br>
Tension rises with provocative measures and with the red cell's actions. If it reaches the crisis line, the game ends at once in a crisis, and every score is capped.<br><br>
<b>Reading the screen</b><br>
Hover any number, card, map marker or cause to see what it means and why it moved. Press F1 on any screen for its keys.<br><br>
<b>Several players at one screen</b><br>
Choose several human delegations at setup. The game shows a curtain between delegations so no one sees another's choices before the reveal.<br><br>
<b>For instructors</b><br>
F9 opens the facilitator console: fire injects, adjust an indicator with a reason, write notes, run the turn timer, take back a turn. The debrief can replay the game with one decision changed (What if...) and write an after-action report."""


TUTORIAL_ID = "tutorial"  # scenarios/tutorial.yaml
TUTORIAL_SEED = 1  # the same short game for everyone who tries it


class HowToPlayScene(Scene):
    title = "How to play"
    mouse_help = "the wheel scrolls the rules; click the buttons below them"

    def __init__(self, app, selected: int | None = None):  # noqa: ANN001
        """`selected`: the scenario chosen on the title screen (its row), whose scoring the
        How you are scored page explains; Back returns to it."""
        super().__init__(app)
        self.selected = selected

    @property
    def scenario_entry(self):  # noqa: ANN201 - the catalog Entry chosen on the title, or None
        entries = self.app.catalog.entries if self.app.catalog is not None else None
        if self.selected is None or not entries:
            return None
        return entries[min(self.selected, len(entries) - 1)]

    def build(self) -> None:
        s = self.s
        self.rules = self.add(
            UITextBox(
                RULES.replace("\n", ""),  # line breaks are the <br>s: a newline would add one
                pygame.Rect(s(40), s(90), self.width - s(80), self.height - s(180)),
                self.app.manager,
            )
        )
        self.button(
            pygame.Rect(s(40), self.height - s(76), s(200), s(48)),
            "Back",
            self.back,
            "Back to the title screen (Esc)",
        )
        button = self.button(
            pygame.Rect(self.width - s(300), self.height - s(76), s(260), s(48)),
            "Play the tutorial",
            self.play_tutorial,
            "A 3-turn game with two measures that shows the rules at work (Enter or T)",
            "#primary",
        )
        self.tutorial_button = button
        self.button(
            pygame.Rect(s(260), self.height - s(76), s(280), s(48)),
            "How you are scored",
            self.how_scored,
            "How games of the chosen scenario are scored (S)",
        )
        self._enable_tutorial()
        self.bind(pygame.K_DOWN, "Down", "scroll the rules down", lambda: self.scroll(0.1))
        self.bind(pygame.K_UP, "Up", "scroll the rules up", lambda: self.scroll(-0.1))
        self.bind(pygame.K_PAGEDOWN, "Page Down", "the rules a page down", lambda: self.scroll(1))
        self.bind(pygame.K_PAGEUP, "Page Up", "the rules a page up", lambda: self.scroll(-1))
        self.bind(pygame.K_ESCAPE, "Esc", "back", self.back)
        self.bind(pygame.K_RETURN, "Enter", "play the tutorial", self.play_tutorial)
        self.bind(pygame.K_t, "T", "play the tutorial", self.play_tutorial)
        self.bind(pygame.K_s, "S", "how you are scored", self.how_scored)

    def how_scored(self) -> None:
        from game.ui.scenes.scoring import ScoringOverlay

        self.app.open_overlay(ScoringOverlay(self.app))

    def scroll(self, pages: float) -> None:
        """Move the rules by `pages` of their visible height (negative: up)."""
        bar = self.rules.scroll_bar
        if bar is None:
            return  # the rules fit the box
        step = pages * bar.visible_percentage
        bar.set_scroll_from_start_percentage(
            max(0.0, min(1.0 - bar.visible_percentage, bar.start_percentage + step))
        )

    def tutorial(self):  # noqa: ANN201 - the tutorial's catalog Entry, once it has been checked
        catalog = self.app.scenario_catalog()
        catalog.start()
        found = catalog.matching(TUTORIAL_ID)
        return found[0] if found else None

    def _enable_tutorial(self) -> None:
        if self.tutorial() is None:
            self.tutorial_button.disable()
        else:
            self.tutorial_button.enable()

    def update(self, dt: float) -> None:
        if not self.tutorial_button.is_enabled:
            self._enable_tutorial()  # the scenario list may still be being checked

    def play_tutorial(self) -> None:
        """The player takes the first delegation; the computer plays the others."""
        from game.scenario.errors import ScenarioError
        from game.ui.scenes.error import ErrorScene
        from game.ui.scenes.flow import after_decision_point
        from game.ui.session import Session

        entry = self.tutorial()
        if entry is None:
            return
        try:
            loaded = self.app.scenario_catalog().load(entry)
        except ScenarioError as err:
            self.app.switch(
                ErrorScene(
                    self.app,
                    "The tutorial cannot be loaded",
                    str(err),
                    back=lambda: HowToPlayScene(self.app, self.selected),
                )
            )
            return
        first = next(iter(loaded.scenario.delegations()))
        self.app.session = Session.new(loaded, TUTORIAL_SEED, [first], {}, autosave=False)
        after_decision_point(self.app, "turn")

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app, selected=self.selected))

    def draw(self, surface: pygame.Surface) -> None:
        self.app.painter.text(surface, "How to play", (self.s(40), self.s(30)), 28, bold=True)
