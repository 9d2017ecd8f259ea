"""How you are scored: the engine's own explanation (`describe_scoring`) of how games of a
scenario are scored, over any screen.

It explains the scenario being played; before a game, the one chosen on the title screen (How
to play and the setup screen remember it); else the scenario the window was opened with, or the
default one. Reached from How to play (its button, or S), from the F1 help (its button), and
from every screen with F2. The wording is the engine's, never rephrased here: the terminal's `?` and the report show
the same sentences.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import N_, _
from game.ui.scenes.base import Scene
from game.ui.widgets import widget_html


def scenario_to_explain(app):  # noqa: ANN001, ANN201 - (Rulebook | None, why not)
    """The rulebook of the scenario the page explains, or None and why it cannot be read."""
    from game.engine.rulebook import Rulebook
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    if app.session is not None:
        return Rulebook.of(app.session.game.loaded), ""
    from game.ui.scenes.howto import HowToPlayScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    scene = app.scene
    loaded = scene.loaded if isinstance(scene, SetupScene) else None
    if loaded is None:
        entry = None
        if isinstance(scene, TitleScene):
            entry = scene.current()
        elif isinstance(scene, HowToPlayScene):
            entry = scene.scenario_entry  # the title screen's selection, remembered
        if entry is not None:
            if entry.checked and entry.summary is None:
                return None, _("{file} cannot be loaded: {error}").format(
                    file=entry.path.name, error=entry.error
                )
            try:
                loaded = app.scenario_catalog().load(entry)
            except ScenarioError as err:
                return None, _("{file} cannot be loaded: {error}").format(
                    file=entry.path.name, error=err
                )
    if loaded is None:
        path = app.initial_scenario or DEFAULT_SCENARIO
        try:
            loaded = load_scenario(path)
        except (ScenarioError, OSError) as err:
            return None, _("{file} cannot be loaded: {error}").format(file=path.name, error=err)
    return Rulebook.of(loaded), ""


def scoring_html(book) -> str:  # noqa: ANN001 - a Rulebook
    """`describe_scoring(book)` as pygame_gui HTML: a paragraph a sentence group, and each
    delegation's objectives as a list item led by its name in bold."""
    from game.engine.scoring import describe_scoring

    titles = [d.title for d in book.delegations.values()]
    parts: list[str] = []
    listing = False
    for line in describe_scoring(book):
        title = next((t for t in titles if line.startswith(f"{t}: ")), None)
        if title is not None:
            rest = line[len(title) + 2 :]
            parts.append(
                f"{'<br>' if listing else '<br><br>'}• <b>{widget_html(title)}</b>: "
                f"{widget_html(rest)}"
            )
            listing = True
        else:
            parts.append(("<br><br>" if parts else "") + widget_html(line))
            listing = False
    return "".join(parts)


class ScoringOverlay(Scene):
    """The page over the screen it was opened from; Esc or Close goes back to that screen. Like
    the F1 help, it is read while deciding, so the turn clock runs on."""

    title = "How you are scored"
    mouse_help = N_("the wheel scrolls the page; Close goes back")

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.book, self.problem = scenario_to_explain(app)
        self.box = pygame.Rect(0, 0, 0, 0)

    @property
    def scenario_title(self) -> str:
        return self.book.scenario.title if self.book is not None else ""

    def build(self) -> None:
        s, p = self.s, self.app.painter
        width = min(self.width - s(60), max(s(900), p.width("m", 15) * 70))
        self.box = pygame.Rect(0, 0, width, self.height - s(40))
        self.box.center = (self.width // 2, self.height // 2)
        panel = self.modal(self.box)
        self.hide_text_beneath()
        pad = s(20)
        self.heading_y = s(14)
        self.subtitle_y = self.heading_y + p.line_height(24, True)
        top = self.subtitle_y + p.line_height(15) + s(10)
        button_h = max(s(44), p.line_height(16, True) + 12)
        button_y = self.box.height - button_h - s(14)
        html = (
            scoring_html(self.book)
            if self.book is not None
            else widget_html(
                _("The scoring cannot be shown. {problem}").format(problem=self.problem)
            )
        )
        self.text = self.add(
            UITextBox(
                html,
                pygame.Rect(pad, top, self.box.width - 2 * pad - 6, button_y - top - s(10)),
                self.app.manager,
                container=panel,
            )
        )
        self.button(
            pygame.Rect(self.box.width - s(220) - pad, button_y, s(220), button_h),
            _("Close"),
            self.app.close_overlay,
            _("Back to the screen you came from (Esc)"),
            "#primary",
            container=panel,
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("close this page"), self.app.close_overlay)
        self.bind(pygame.K_DOWN, "Down", _("scroll the page down"), lambda: self.scroll(0.1))
        self.bind(pygame.K_UP, "Up", _("scroll the page up"), lambda: self.scroll(-0.1))
        self.bind(
            pygame.K_PAGEDOWN, "Page Down", _("the page a screen down"), lambda: self.scroll(1)
        )
        self.bind(pygame.K_PAGEUP, "Page Up", _("the page a screen up"), lambda: self.scroll(-1))

    def scroll(self, pages: float) -> None:
        """Move the page by `pages` of its visible height (negative: up)."""
        bar = self.text.scroll_bar
        if bar is None:
            return  # the whole page fits
        step = pages * bar.visible_percentage
        bar.set_scroll_from_start_percentage(
            max(0.0, min(1.0 - bar.visible_percentage, bar.start_percentage + step))
        )

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        x, w = self.box.x + s(20), self.box.width - s(40)
        p.text(surface, _(self.title), (x, self.box.y + self.heading_y), 24, bold=True, max_width=w)
        p.text(
            surface,
            self.scenario_title or _("No scenario could be read"),
            (x, self.box.y + self.subtitle_y),
            15,
            pal.text_dim,
            max_width=w,
        )
