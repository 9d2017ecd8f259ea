"""A list of rows that may be far longer than the screen (a thousand scenarios, years of saves).

Only the rows that fit get a button; scrolling relabels them. A label that does not fit its
row ends with an ellipsis, and the row's tooltip holds the whole text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.i18n import _
from game.ui.scenes.base import fit_label

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

    from game.ui.scenes.base import Scene

ROW_OBJECT_ID = "#list_row"  # left-aligned text (assets/theme.json)


class PickList:
    """A scrolling list of selectable rows inside `rect`, drawn with one button per visible row.

    `label(i)` gives row i's text and its tooltip; `on_select(i)` is told when the selection
    moves, `on_activate(i)` (if given) when the selected row is clicked again. The owner calls `build()` from its scene's `build` and `refresh()` when the rows'
    texts change.
    """

    def __init__(
        self,
        scene: Scene,
        rect: pygame.Rect,
        row_height: int,
        gap: int,
        count: Callable[[], int],
        label: Callable[[int], tuple[str, str]],
        on_select: Callable[[int], None] = lambda i: None,
        selected: int = 0,
        on_activate: Callable[[int], None] | None = None,
    ):
        self.scene = scene
        self.rect = rect
        self.row_height = row_height
        self.gap = gap
        self.count = count
        self.label = label
        self.on_select = on_select
        self.on_activate = on_activate  # a click on the row already selected
        self.selected = selected
        self.first = 0  # index of the top visible row
        self.rows: list[UIButton] = []

    @property
    def visible(self) -> int:
        """How many rows fit."""
        return max(1, (self.rect.height + self.gap) // (self.row_height + self.gap))

    def build(self) -> None:
        self.rows = []
        for k in range(min(self.visible, self.count())):
            rect = pygame.Rect(
                self.rect.x,
                self.rect.y + k * (self.row_height + self.gap),
                self.rect.width,
                self.row_height,
            )
            row = self.scene.button(
                rect, "", lambda k=k: self.click(self.first + k), None, ROW_OBJECT_ID
            )
            self.rows.append(row)
        self.select(self.selected)

    def bind_keys(self, what: str) -> None:
        """Up/Down, Page Up/Page Down, Home/End move the selection; `what` names the rows
        ("scenario" or "save")."""
        bind = self.scene.bind
        words = _key_words(what)
        bind(pygame.K_UP, "Up", words[0], lambda: self.select(self.selected - 1))
        bind(pygame.K_DOWN, "Down", words[1], lambda: self.select(self.selected + 1))
        bind(
            pygame.K_PAGEUP,
            "Page Up",
            words[2],
            lambda: self.select(self.selected - self.visible),
        )
        bind(
            pygame.K_PAGEDOWN,
            "Page Down",
            words[3],
            lambda: self.select(self.selected + self.visible),
        )
        bind(pygame.K_HOME, "Home", words[4], lambda: self.select(0))
        bind(pygame.K_END, "End", words[5], lambda: self.select(self.count() - 1))

    def click(self, index: int) -> None:
        if index == self.selected and self.on_activate is not None:
            self.on_activate(index)
        else:
            self.select(index)

    def select(self, index: int) -> None:
        """Select row `index` (kept within the list) and scroll it into view."""
        total = self.count()
        self.selected = max(0, min(index, total - 1)) if total else 0
        if self.selected < self.first:
            self.first = self.selected
        elif self.selected >= self.first + self.visible:
            self.first = self.selected - self.visible + 1
        self.first = max(0, min(self.first, total - self.visible))
        self.refresh()
        if total:
            self.on_select(self.selected)

    def scroll(self, rows: int) -> None:
        """Move the view (not the selection) by `rows`, as the mouse wheel does."""
        self.first = max(0, min(self.first + rows, self.count() - self.visible))
        self.refresh()

    def on_event(self, event: pygame.event.Event) -> bool:
        """Scroll on the mouse wheel over the list; True if the event was used."""
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(self.scene.app.mouse):
            self.scroll(-event.y)
            return True
        return False

    def refresh(self) -> None:
        """Relabel the visible rows (after scrolling, or when their texts changed)."""
        total = self.count()
        for k, row in enumerate(self.rows):
            index = self.first + k
            if index >= total:
                row.hide()
                continue
            text, tooltip = self.label(index)
            fit_label(row, text, None if tooltip == text else tooltip)
            row.show()
            if index == self.selected:
                row.select()
            else:
                row.unselect()

    def draw_status(self, surface: pygame.Surface, y: int, progress: str = "") -> None:
        """The line under the list at `y`: which part of a long list is shown, and `progress`
        (e.g. "checked 30 of 1,000") while the rows are still filling in."""
        status = " · ".join(part for part in (self.position(), progress) if part)
        if status:
            app = self.scene.app
            app.painter.text(
                surface,
                status,
                (self.rect.x, y),
                13,
                app.palette.text_dim,
                max_width=self.rect.width,
            )

    def position(self) -> str:
        """e.g. 'Showing 11–20 of 1,000' when the list is longer than the view, else ''."""
        total = self.count()
        if total <= self.visible:
            return ""
        last = min(total, self.first + self.visible)
        return f"Showing {self.first + 1:,}–{last:,} of {total:,}"


def _key_words(what: str) -> tuple[str, str, str, str, str, str]:
    """What Up, Down, Page Up, Page Down, Home and End do in a list of `what`, as whole
    phrases of the language."""
    if what == "save":
        return (
            _("previous save"),
            _("next save"),
            _("save a page up"),
            _("save a page down"),
            _("first save"),
            _("last save"),
        )
    return (
        _("previous scenario"),
        _("next scenario"),
        _("scenario a page up"),
        _("scenario a page down"),
        _("first scenario"),
        _("last scenario"),
    )
