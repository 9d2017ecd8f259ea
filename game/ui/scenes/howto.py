"""How to play: the rules in a page, written for players who have never seen the game.

Its Assumptions page button writes the published assumptions page of the scenario chosen on
the title screen (`game.report.assumptions`) into the user's data folder, in the background
(its calibration runs take a few seconds), then opens it in the web browser and says where it
is. The opener is `open_in_browser`, looked up when it is needed, so tests replace it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import N_, _, ngettext
from game.ui.scenes.base import Scene


def rules_html() -> str:
    """The rules as pygame_gui HTML, in the current language: one message a heading, a
    paragraph or a numbered step, each keeping its tags, so translators can move them."""
    sections = [
        [
            _("<b>The goal</b>"),
            _(
                "You lead a delegation (the United States, Japan or Taiwan in the default "
                "scenario). Over the turns, the delegations decide which proposed security "
                "measures to push. Together you are scored on the state of the region when the "
                "game ends, and a crisis is a loss; each delegation also has its own objectives, "
                "in its private briefing. <b>How you are scored</b> (the button below, or F2 on "
                "any screen) gives the details for the scenario."
            ),
        ],
        [
            _("<b>A turn</b>"),
            _(
                "1. Each delegation decides in secret: <b>push</b> a measure (spends capital), "
                "<b>hold</b>, or <b>oppose</b> it (stalls it)."
            ),
            _("2. All decisions are revealed together."),
            _(
                "3. A measure advances fully only when every delegation it requires pushes in "
                "the same turn; the last step always needs all of them."
            ),
            _(
                "4. Adopted measures take effect; the red cell reacts, and its gray-zone actions "
                "strike: coercion, and inducements (offers to opposition parties, business or "
                "travellers meant to divide the partners). Resilience in the domain hit absorbs "
                "part of each blow. The red cell may also run a pressure campaign of its own, "
                "every turn, whatever you decide."
            ),
            _("5. Scheduled events (injects) happen; capital comes back with domestic support."),
        ],
        [
            _("<b>Watch out</b>"),
            _(
                "Tension rises with provocative measures and with the red cell's actions. If it "
                "reaches the crisis line, the game ends at once in a crisis, and every score is "
                "capped."
            ),
        ],
        [
            _("<b>Reading the screen</b>"),
            _(
                "Hover any number, card, map marker or cause to see what it means and why it "
                "moved. Press F1 on any screen for its keys."
            ),
        ],
        [
            _("<b>Several players at one screen</b>"),
            _(
                "Choose several human delegations at setup. The game shows a curtain between "
                "delegations so no one sees another's choices before the reveal."
            ),
        ],
        [
            _("<b>For instructors</b>"),
            _(
                "F9 opens the facilitator console: fire injects, adjust an indicator with a "
                "reason, write notes, run the turn timer, take back a turn. The debrief can "
                "replay the game with one decision changed (What if...) and write an "
                "after-action report. <b>Assumptions page</b> (the button below, or A) writes a "
                "web page of what the chosen scenario's numbers rest on: every effect with its "
                "size or range, its source and confidence, the red cell's policy, the scoring "
                "and the balance runs; it opens in your web browser."
            ),
        ],
    ]
    return "<br><br>".join("<br>".join(lines) for lines in sections)


# AI games, and games per fixed strategy, behind the window's assumptions page: a few seconds
# on a classroom laptop (the command line's default is 1000; its page says which was used).
ASSUMPTIONS_RUNS = 200


def open_in_browser(path: Path) -> str:
    """Open the file at `path` in the web browser; '' on success, else why not (one line).
    Never raises."""
    import webbrowser

    try:
        opened = webbrowser.open(Path(path).resolve().as_uri())
    except (webbrowser.Error, OSError, ValueError) as err:
        return _("Could not open a web browser ({error}); open the page yourself.").format(
            error=err
        )
    return "" if opened else _("No web browser could be opened; open the page yourself.")


def assumptions_folder(scenario_id: str) -> Path:
    """Where the window writes a scenario's assumptions page: in the user's data folder."""
    from game.ui.settings import data_dir

    return data_dir() / "assumptions" / scenario_id


TUTORIAL_ID = "tutorial"  # scenarios/tutorial.yaml
TUTORIAL_SEED = 1  # the same short game for everyone who tries it


class HowToPlayScene(Scene):
    title = "How to play"
    mouse_help = N_("the wheel scrolls the rules; click the buttons below them")

    def __init__(self, app, selected: int | None = None):  # noqa: ANN001
        """`selected`: the scenario chosen on the title screen (its row), whose scoring the
        How you are scored page explains; Back returns to it."""
        super().__init__(app)
        self.selected = selected
        self.page_thread: threading.Thread | None = None
        self.page_message = ""
        self.page_path: Path | None = None
        self.assumptions_runs = ASSUMPTIONS_RUNS

    @property
    def scenario_entry(self):  # noqa: ANN201 - the catalog Entry chosen on the title, or None
        entries = self.app.catalog.entries if self.app.catalog is not None else None
        if self.selected is None or not entries:
            return None
        return entries[min(self.selected, len(entries) - 1)]

    def build(self) -> None:
        s, p = self.s, self.app.painter
        button_h = self.button_height()
        self.buttons_y = self.height - s(28) - button_h
        top = s(30) + p.line_height(28, True) + s(8)
        # room under the rules for two lines of the page's message, above the buttons
        bottom = self.buttons_y - s(16) - 2 * p.line_height(13)
        self.rules = self.add(
            UITextBox(
                rules_html(),
                pygame.Rect(s(40), top, self.width - s(80), bottom - top),
                self.app.manager,
            )
        )
        row = [
            (
                _("Back"),
                self.back,
                _("Back to the title screen (Esc)"),
                None,
            ),
            (
                _("How you are scored"),
                self.how_scored,
                _("How games of the chosen scenario are scored (S)"),
                None,
            ),
            (
                _("Assumptions page"),
                self.write_assumptions,
                _(
                    "Write a web page of what the chosen scenario's numbers rest on (effects, "
                    "sources, the red cell, scoring, balance runs) and open it in the browser (A)"
                ),
                None,
            ),
            (
                _("Play the tutorial"),
                self.play_tutorial,
                _("A 3-turn game with two measures that shows the rules at work (Enter or T)"),
                "#primary",
            ),
        ]
        gap = s(20)
        widths = self.button_widths([r[0] for r in row], self.width - s(80), gap)
        x = s(40)
        made = []
        for (label, action, tip, object_id), width in zip(row, widths, strict=True):
            rect = pygame.Rect(x, self.buttons_y, width, button_h)
            if object_id:  # the main action sits at the right edge
                rect.right = self.width - s(40)
            made.append(self.button(rect, label, action, tip, object_id))
            x += width + gap
        self.page_button, self.tutorial_button = made[2], made[3]
        if self.page_thread is not None and self.page_thread.is_alive():
            self.page_button.disable()
        self._enable_tutorial()
        self.bind(pygame.K_DOWN, "Down", _("scroll the rules down"), lambda: self.scroll(0.1))
        self.bind(pygame.K_UP, "Up", _("scroll the rules up"), lambda: self.scroll(-0.1))
        self.bind(
            pygame.K_PAGEDOWN, "Page Down", _("the rules a page down"), lambda: self.scroll(1)
        )
        self.bind(pygame.K_PAGEUP, "Page Up", _("the rules a page up"), lambda: self.scroll(-1))
        self.bind(pygame.K_ESCAPE, "Esc", _("back"), self.back)
        self.bind(pygame.K_RETURN, "Enter", _("play the tutorial"), self.play_tutorial)
        self.bind(pygame.K_t, "T", _("play the tutorial"), self.play_tutorial)
        self.bind(pygame.K_s, "S", _("how you are scored"), self.how_scored)
        self.bind(pygame.K_a, "A", _("write and open the assumptions page"), self.write_assumptions)

    def how_scored(self) -> None:
        from game.ui.scenes.scoring import ScoringOverlay

        self.app.open_overlay(ScoringOverlay(self.app))

    def write_assumptions(self) -> None:
        """Write the assumptions page of the chosen scenario in the background (the screen
        stays usable meanwhile), then open it in the browser."""
        from game.ui.scenes.scoring import scenario_to_explain

        if self.page_thread is not None and self.page_thread.is_alive():
            return
        book, problem = scenario_to_explain(self.app)
        if book is None:
            self.page_message = _("No assumptions page: {problem}").format(problem=problem)
            return
        loaded = book.loaded
        folder = assumptions_folder(loaded.scenario.id)
        runs = self.assumptions_runs
        self.page_message = ngettext(
            "Writing the assumptions page of {scenario} (playing {count} AI game and the "
            "balance checks)…",
            "Writing the assumptions page of {scenario} (playing {count} AI games and the "
            "balance checks)…",
            runs,
        ).format(scenario=loaded.scenario.title, count=runs)
        self.page_path = None
        self.page_button.disable()

        def work() -> None:
            try:
                from game.report.assumptions import write_assumptions

                html, _md = write_assumptions(loaded, folder, runs=runs)
            except Exception as err:  # noqa: BLE001 - shown on screen, never a crash
                self.page_message = _("Could not write the assumptions page: {error}").format(
                    error=err
                )
                return
            self.page_path = html
            problem = open_in_browser(html)
            if problem:
                self.page_message = _("Assumptions page written: {path}. {problem}").format(
                    path=html, problem=problem
                )
            else:
                self.page_message = _(
                    "Assumptions page written: {path} (opened in your web browser)"
                ).format(path=html)

        self.page_thread = threading.Thread(target=work, name="assumptions", daemon=True)
        self.page_thread.start()

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
        writing = self.page_thread is not None and self.page_thread.is_alive()
        if not writing and not self.page_button.is_enabled:
            self.page_button.enable()

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
                    _("The tutorial cannot be loaded"),
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
        p, s = self.app.painter, self.s
        p.text(surface, _("How to play"), (s(40), s(30)), 28, bold=True)
        if self.page_message:
            top = self.rules.rect.bottom + s(8)
            room = self.buttons_y - s(8) - top  # above the buttons
            height = p.line_height(13)
            lines = p.wrap(self.page_message, 13, self.width - s(80))
            for n, line in enumerate(lines[: max(1, room // height)]):
                p.text(surface, line, (s(40), top + n * height), 13, self.app.palette.text_dim)
