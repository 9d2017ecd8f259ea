"""Text that can always be read whole: shortened with an ellipsis where it must be, and then
readable on hover.

Used by the menus (title, load, setup). `fit_text` shortens one line; `paragraph` wraps text
into a box and, when the box cannot hold all of it, registers the whole text as the box's
hover tooltip; `breakable` lets a path or other long word wrap instead of running out of its
box.
"""

from __future__ import annotations

import pygame

from game.ui.palette import RGB
from game.ui.widgets import Painter

ELLIPSIS = "…"


def fit_text(font, text: str, width: int) -> str:  # noqa: ANN001 - a pygame or pygame_gui font
    """`text`, or its longest start that fits `width` pixels followed by an ellipsis."""
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits (with the ellipsis) is in [low, high]
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def breakable(painter: Painter, text: str, base: int, width: int, bold: bool = False) -> str:
    """`text` with every word wider than `width` split into pieces that fit (for file paths)."""
    font = painter.fonts.get(base, bold)
    words = []
    for word in text.split(" "):
        while len(word) > 1 and font.size(word)[0] > width:
            low, high = 1, len(word) - 1  # the longest start of the word that fits
            while low < high:
                mid = (low + high + 1) // 2
                if font.size(word[:mid])[0] <= width:
                    low = mid
                else:
                    high = mid - 1
            words.append(word[:low])
            word = word[low:]
        words.append(word)
    return " ".join(words)


def paragraph(
    painter: Painter,
    surface: pygame.Surface,
    text: str,
    rect: pygame.Rect,
    base: int,
    colour: RGB | None = None,
    max_lines: int | None = None,
    bold: bool = False,
) -> int:
    """Wrap `text` into `rect` (at most `max_lines` lines); if it is cut, hovering the box shows
    it whole. Returns the y just below the last line drawn."""
    bottom = painter.paragraph(surface, text, rect, base, colour, bold=bold, max_lines=max_lines)
    step = painter.fonts.get(base, bold).get_linesize()
    room = max_lines if max_lines is not None else max(1, rect.height // step)
    if len(painter.wrap(text, base, rect.width, bold)) > room:
        painter.hover(pygame.Rect(rect.x, rect.y, rect.width, bottom - rect.y), text)
    return bottom
