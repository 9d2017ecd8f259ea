"""Layout checks for a screen as drawn in the last frame: nothing overlaps, everything is on
screen, and no text is cut without an ellipsis and a way to read it whole.

What counts as a thing on screen: each line of painted text (`Painter.drawn`), each area a
scene draws with its own code (`Painter.blocks`: the map, the charts) and each visible widget of
the top layer (buttons, menus, text boxes, text entries). A text's rect is the rendered line's
box, so two lines overlap only if their glyph boxes do.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame_gui.elements import UIButton, UIDropDownMenu, UIImage, UIPanel

from game.ui.scenes.base import label_width
from game.ui.widgets import ELLIPSIS


@dataclass
class Item:
    kind: str  # "text", "block" or "widget"
    label: str
    rect: pygame.Rect

    def __str__(self) -> str:
        r = self.rect
        return f"{self.kind} {self.label[:50]!r} at ({r.x},{r.y},{r.w}x{r.h})"


def top_records(app) -> tuple[list, list]:  # noqa: ANN001
    """The painted text and blocks of the layer on top (the scene if no overlay is open)."""
    drawn, _hovers, blocks = app.painter.since(app._marks[-1])
    return drawn, blocks


def widgets(app) -> list:  # noqa: ANN001
    top = app.top
    return [
        w for w in top.widgets if w.alive() and w.visible and not isinstance(w, UIImage | UIPanel)
    ]


def items(app) -> list[Item]:  # noqa: ANN001
    drawn, blocks = top_records(app)
    out = [Item("text", d.shown, pygame.Rect(d.rect)) for d in drawn if d.shown.strip()]
    out += [Item("block", "drawn area", pygame.Rect(b)) for b in blocks]
    for w in widgets(app):
        label = getattr(w, "full_text", None) or getattr(w, "text", "") or type(w).__name__
        out.append(Item("widget", str(label), pygame.Rect(w.rect)))
    return out


def overlaps(app) -> list[str]:  # noqa: ANN001
    """Every pair of things on screen whose boxes share a pixel."""
    things = items(app)
    found = []
    for i, a in enumerate(things):
        for b in things[i + 1 :]:
            if a.rect.colliderect(b.rect):
                found.append(f"{a} overlaps {b}")
    return found


def off_screen(app) -> list[str]:  # noqa: ANN001
    window = pygame.Rect((0, 0), app.size)
    return [
        f"{item} is not wholly on screen" for item in items(app) if not window.contains(item.rect)
    ]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) in " ".join(b.split())


def cut_text(app) -> list[str]:  # noqa: ANN001
    """Text shortened without "…", or with no way to read it whole where it is shown: the
    tooltip a player gets by resting the mouse on it must hold the whole text."""
    found = []
    drawn, _blocks = top_records(app)
    for d in drawn:
        if d.shortened and not d.shown.endswith(ELLIPSIS):
            found.append(f"{d.shown!r} was shortened without an ellipsis")
        if d.shortened and not _same(d.full, app.tooltip_at(d.rect.center)):
            found.append(f"{d.shown!r}: the whole text {d.full[:60]!r} is not shown on hover")
    for w in widgets(app):
        if isinstance(w, UIButton):
            shown, whole = w.text, getattr(w, "full_text", w.text)
            if w.font.size(shown)[0] > label_width(w):
                found.append(f"button {shown!r} does not fit its button")
            if shown != whole and not (
                shown.endswith(ELLIPSIS) and _same(whole, app.tooltip_at(w.rect.center))
            ):
                found.append(f"button {shown!r} cut without a way to read {whole!r}")
        elif isinstance(w, UIDropDownMenu):
            shown = w.selected_option[0]
            whole = w.full_labels.get(shown, shown) if hasattr(w, "full_labels") else shown
            face = w.current_state.selected_option_button
            if face is not None and face.font.size(shown)[0] > label_width(face):
                found.append(f"menu {shown!r} does not fit its menu")
            if shown != whole and not (
                shown.endswith(ELLIPSIS) and _same(whole, app.tooltip_at(face.rect.center))
            ):
                found.append(f"menu {shown!r} cut without a way to read {whole!r}")
    return found
