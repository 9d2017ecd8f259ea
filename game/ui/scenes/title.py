"""Title screen and scenario picker: every scenario found, valid or listed with its error.

The screen appears before any scenario is checked: the catalog (`game.ui.catalog`) lists and
checks the files in the background, and the rows fill in as it goes. Files that share a
scenario id are marked on their rows and explained beside the list; a folder that cannot be
listed is named in a banner, with why, and the others are listed.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _, listing, ngettext
from game.paths import DEFAULT_SCENARIO
from game.ui.picklist import PickList
from game.ui.scenes.base import Scene

RELABEL_SECONDS = 0.2  # how often the rows are relabelled while the catalog is filling in


def middle(text: str, limit: int) -> str:
    """`text` shortened to `limit` characters by an ellipsis in the middle (a path keeps its
    start and its name)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


class TitleScene(Scene):
    ends_class = True  # this class on devices (if any) is over: see Scene.ends_class
    title = "Title"
    mouse_help = N_(
        "click a scenario to choose it; the wheel scrolls a long list; hover a shortened line "
        "to read it whole"
    )

    def __init__(self, app, selected: int | None = None):  # noqa: ANN001
        super().__init__(app)
        self.selected = selected
        self.drawn = False
        self.seen_changes = -1
        self.since_relabel = 0.0
        self.message = ""
        self.banner_h = 0

    @property
    def catalog(self):  # noqa: ANN201 - the app's Catalog, made after the first frame
        return self.app.scenario_catalog()

    @property
    def entries(self) -> list:
        catalog = self.app.catalog
        return (catalog.entries if catalog is not None else None) or []

    @property
    def loading(self) -> bool:
        """True until the folders have been listed (checking the files goes on after that)."""
        return self.app.catalog is None or self.app.catalog.entries is None

    def _initial_selection(self) -> int:
        wanted = (self.app.initial_scenario or DEFAULT_SCENARIO).resolve()
        for i, entry in enumerate(self.entries):
            if entry.path.resolve() == wanted:
                return i
        return 0

    @property
    def skipped(self) -> list:  # game.ui.catalog.Skipped
        catalog = self.app.catalog
        return list(catalog.problems) if catalog is not None else []

    def banners(self) -> list[str]:
        """The folders that could not be listed, and why (see Catalog.problems); long paths
        are shortened in the middle here, and shown whole on hover."""
        from game.ui import fonts

        missing = fonts.missing_warning()
        glyphs = [missing] if missing else []  # characters no font here can draw
        skipped = self.skipped
        if not skipped:
            return glyphs
        each = "; ".join(f"{middle(str(k.path), 60)} ({k.why})" for k in skipped)
        if len(skipped) == 1 and skipped[0].kind == "file":
            said = _("A scenario file was skipped, so its scenarios are not listed: {each}.")
        elif len(skipped) == 1:
            said = _("A scenario folder was skipped, so its scenarios are not listed: {each}.")
        else:
            said = _(
                "{count} scenario folders were skipped, so their scenarios are not listed: {each}."
            )
        return [*glyphs, said.format(count=len(skipped), each=each)]

    def update(self, dt: float) -> None:
        if not self.drawn:
            return  # the catalog starts after the first frame, so the window appears at once
        catalog = self.catalog
        catalog.start()
        if self.banners_changed():
            return
        self.since_relabel += dt
        if catalog.changes != self.seen_changes and (
            self.since_relabel >= RELABEL_SECONDS or catalog.done
        ):
            self.since_relabel = 0.0
            listed_before = len(self.picker.rows) if hasattr(self, "picker") else 0
            self.seen_changes = catalog.changes
            if self.selected is None and not self.loading:
                self.selected = self._initial_selection()
            if not listed_before and self.entries:
                self.app.rebuild()  # the first rows to show
            else:
                self.picker.refresh()
                self._update_new_button()

    def wait_until_loaded(self, timeout: float = 60) -> None:
        """Block until every scenario is checked (tests and scripts that drive the menu)."""
        self.catalog.wait(timeout)
        self.drawn = True
        self.since_relabel = RELABEL_SECONDS
        self.update(0)

    def line(self, base: int, bold: bool = False) -> int:
        """Pixels from one line of text of this size to the next (the layout follows them)."""
        return self.app.painter.fonts.get(base, bold).get_linesize()

    def build(self) -> None:
        s = self.s
        if self.selected is None and not self.loading:
            self.selected = self._initial_selection()
        self.banner_h = self.banner_height()
        self.title_y = self.banner_h + s(24)
        self.subtitle_y = self.title_y + self.line(40, True)
        self.heading_y = self.subtitle_y + self.line(17) + s(12)
        top = self.heading_y + self.line(17, True) + s(4)
        left = pygame.Rect(s(40), top, s(400), self.height - s(30) - top)
        self.list_rect = left
        # A line under the rows says which part of a long list is shown.
        self.status_y = left.bottom - self.line(13)
        rows_rect = pygame.Rect(left.x, left.y, left.width, left.height - self.line(13) - s(8))
        self.picker = PickList(
            self,
            rows_rect,
            max(s(44), self.line(15) + s(14)),
            s(8),
            lambda: len(self.entries),
            self._row,
            self._selected,
            self.selected or 0,
        )
        bw, bh = s(250), max(s(48), self.line(16, True) + s(14))
        bx, by, step = self.width - s(50) - bw, top, bh + s(12)
        self.detail_rect = pygame.Rect(
            left.right + s(30), top, bx - s(30) - left.right - s(30), left.height
        )
        self.new_button = self.button(
            pygame.Rect(bx, by, bw, bh),
            _("New game"),
            self.new_game,
            _("Set up a game of the selected scenario (Enter)"),
            "#primary",
        )
        self.button(
            pygame.Rect(bx, by + step, bw, bh),
            _("Load game"),
            self.load_game,
            _("Resume a saved game (L)"),
        )
        self.button(
            pygame.Rect(bx, by + 2 * step, bw, bh),
            _("How to play"),
            self.how_to_play,
            _("Rules and controls (H)"),
        )
        self.button(
            pygame.Rect(bx, by + 3 * step, bw, bh),
            _("Settings"),
            self.open_settings,
            _("Window, text size, colours, language (S)"),
        )
        self.button(
            pygame.Rect(bx, by + 4 * step, bw, bh),
            _("Quit"),
            self.app.quit,
            _("Leave the game (Q)"),
        )
        self.bind(pygame.K_RETURN, "Enter", _("new game with the selected scenario"), self.new_game)
        self.picker.bind_keys("scenario")
        self.bind(pygame.K_l, "L", _("load a saved game"), self.load_game)
        self.bind(pygame.K_h, "H", _("how to play"), self.how_to_play)
        self.bind(pygame.K_s, "S", _("settings"), self.open_settings)
        self.bind(pygame.K_q, "Q", _("quit"), self.app.quit)
        self.picker.build()
        self._update_new_button()

    def _row(self, index: int) -> tuple[str, str]:
        entry = self.entries[index]
        return entry.label(), str(entry.path)

    def _selected(self, index: int) -> None:
        self.selected = index
        self.message = ""
        self._update_new_button()

    def _update_new_button(self) -> None:
        entry = self.current()
        if entry is not None and entry.error is None:
            self.new_button.enable()  # an unchecked file is checked when the game is set up
        else:
            self.new_button.disable()

    def current(self):  # noqa: ANN201 - the selected catalog Entry, or None
        if not self.entries or self.selected is None:
            return None
        return self.entries[min(self.selected, len(self.entries) - 1)]

    def select(self, index: int | None) -> None:
        self.picker.select(index or 0)

    def new_game(self) -> None:
        from game.scenario.errors import ScenarioError

        entry = self.current()
        if entry is None or entry.error is not None:
            return
        try:
            loaded = self.catalog.load(entry)
        except ScenarioError:
            self.picker.refresh()
            self._update_new_button()  # the row and the panel now show the error
            return
        from game.ui.scenes.setup import SetupScene

        self.app.switch(SetupScene(self.app, loaded))

    def load_game(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.switch(LoadScene(self.app))

    def how_to_play(self) -> None:
        from game.ui.scenes.howto import HowToPlayScene

        self.app.switch(HowToPlayScene(self.app, selected=self.selected))

    def open_settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        self.app.switch(
            SettingsScene(self.app, back=lambda: TitleScene(self.app, selected=self.selected))
        )

    def on_event(self, event: pygame.event.Event) -> None:
        self.picker.on_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = True
        p, s, pal = self.app.painter, self.s, self.app.palette
        self.draw_banners(surface)
        if self.skipped and self.banner_h:
            strip = pygame.Rect(0, 0, self.width, self.banner_h)
            p.hover(strip, "\n".join(str(k) for k in self.skipped))
        p.text(surface, "Trilateral", (s(40), self.title_y), 40, bold=True)
        p.text(
            surface,
            _("A policy game of US-Japan-Taiwan security cooperation under gray-zone pressure"),
            (s(42), self.subtitle_y),
            17,
            pal.text_dim,
            max_width=self.width - s(84),
        )
        p.text(surface, _("Scenarios"), (self.list_rect.x, self.heading_y), 17, bold=True)
        if self.loading:
            p.text(
                surface,
                _("Looking for scenarios…"),
                (self.list_rect.x, self.list_rect.y),
                17,  # the subtitle's font: each new font costs the first frame about 2 ms
                pal.text_dim,
            )
            return
        progress = ""
        if not self.catalog.done:
            checked = sum(1 for e in self.entries if e.checked)
            progress = f"checked {checked:,} of {len(self.entries):,}"
        self.picker.draw_status(surface, self.status_y, progress)
        if not self.entries:
            p.text(
                surface, _("No scenarios found."), (self.list_rect.x, self.list_rect.y), 16, pal.bad
            )
            return
        p.panel(surface, self.detail_rect)
        self.draw_details(surface, self.detail_rect.inflate(-s(32), -s(28)))

    def draw_details(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        """The selected scenario: its facts and summary, its error, or that it is being checked."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        entry = self.current()
        if entry is None:
            return
        if not entry.checked:
            y = p.paragraph(surface, entry.path.name, inner, 20, bold=True, max_lines=2)
            p.paragraph(
                surface,
                _("Being checked. New game checks it now."),
                pygame.Rect(inner.x, y + s(6), inner.width, inner.bottom - y - s(6)),
                15,
                pal.text_dim,
            )
            return
        if entry.summary is None:
            y = p.paragraph(
                surface,
                _("This scenario cannot be loaded"),
                inner,
                18,
                pal.bad,
                bold=True,
                max_lines=2,
            )
            p.paragraph(
                surface,
                entry.error or "",
                pygame.Rect(inner.x, y + s(8), inner.width, inner.bottom - y - s(8)),
                14,
                pal.text,
            )
            return
        sc = entry.summary
        y = p.paragraph(surface, sc.title, inner, 22, bold=True, max_lines=2)
        if entry.same_id:
            others = listing(o.name for o in entry.same_id)
            note = _(
                "Same id `{id}` as {others}. New game plays this file, {file}; a saved game "
                "resumes on the file it was played with. Give each scenario an id of its own."
            ).format(id=sc.id, others=others, file=entry.path.name)
            y = p.paragraph(
                surface,
                note,
                pygame.Rect(inner.x, y + s(6), inner.width, inner.bottom - y - s(6)),
                14,
                pal.bad,
                max_lines=5,
            )
            where = "\n".join(str(path) for path in (entry.path, *entry.same_id))
            p.hover(pygame.Rect(inner.x, inner.y, inner.width, y - inner.y), f"{note}\n{where}")
        unit = sc.turn_label.lower()
        n = sc.turns
        if unit == "turn":
            facts = ngettext("{count} turn", "{count} turns", n).format(count=n)
        else:
            facts = ngettext("{count} turn ({unit})", "{count} turns ({unit}s)", n).format(
                count=n, unit=unit
            )
        if sc.start_label:
            facts = _("{turns} from {start}").format(turns=facts, start=sc.start_label)
        y = p.paragraph(
            surface,
            facts,
            pygame.Rect(inner.x, y + s(6), inner.width, s(30)),
            15,
            pal.text_dim,
            max_lines=1,
        )
        delegations = listing(title for _, title in sc.delegations)
        y = p.paragraph(
            surface,
            _("Delegations: {names}").format(names=delegations),
            pygame.Rect(inner.x, y, inner.width, s(50)),
            15,
            pal.text_dim,
            max_lines=2,
        )
        y = p.paragraph(
            surface,
            _("Opposing actor: {name}").format(name=sc.red_cell),
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
