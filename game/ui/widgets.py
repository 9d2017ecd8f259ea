"""Drawing helpers shared by the scenes: fonts, wrapped text, panels, bars and hover tooltips.

Text drawn through `Painter.text` is also recorded for the frame, so tests (and a future
screen reader) can ask what the player can read on screen without poking at pixels.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.ui.palette import RGB, Palette

try:  # pygame_gui ships Noto Sans; the same face everywhere keeps the look consistent
    import pygame_gui

    _FONT_DIR = Path(pygame_gui.__file__).parent / "data"
except ImportError:  # pragma: no cover
    _FONT_DIR = Path()
REGULAR = _FONT_DIR / "NotoSans-Regular.ttf"
BOLD = _FONT_DIR / "NotoSans-Bold.ttf"


class Fonts:
    """Fonts by (size, bold), created once."""

    def __init__(self, scale: float = 1.0, height: int = 720):
        self.scale = scale
        self.height = height
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}

    def get(self, base: int, bold: bool = False) -> pygame.font.Font:
        from game.ui.theme import font_size

        size = font_size(base, self.scale, self.height)
        key = (size, bold)
        font = self._cache.get(key)
        if font is None:
            path = BOLD if bold else REGULAR
            font = pygame.font.Font(str(path) if path.exists() else None, size)
            self._cache[key] = font
        return font


@dataclass
class Hover:
    rect: pygame.Rect
    text: str


class Painter:
    """Draws text and shapes for one frame and remembers what text and hover areas it drew."""

    def __init__(self, fonts: Fonts, palette: Palette):
        self.fonts = fonts
        self.palette = palette
        self.drawn_text: list[str] = []
        self.hovers: list[Hover] = []
        self._rendered: OrderedDict[tuple, pygame.Surface] = OrderedDict()

    def begin_frame(self) -> None:
        self.drawn_text = []
        self.hovers = []

    def render(
        self, text: str, base: int = 15, colour: RGB | None = None, bold: bool = False
    ) -> pygame.Surface:
        key = (text, base, colour, bold, self.fonts.scale, self.fonts.height)
        surf = self._rendered.get(key)
        if surf is None:
            surf = self.fonts.get(base, bold).render(text, True, colour or self.palette.text)
            self._rendered[key] = surf
            if len(self._rendered) > 1500:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(key)
        return surf

    def text(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        base: int = 15,
        colour: RGB | None = None,
        bold: bool = False,
        align: str = "left",
        max_width: int | None = None,
    ) -> pygame.Rect:
        if max_width is not None:
            text = self.ellipsize(text, base, bold, max_width)
        surf = self.render(text, base, colour, bold)
        rect = surf.get_rect()
        if align == "left":
            rect.topleft = pos
        elif align == "right":
            rect.topright = pos
        else:
            rect.midtop = pos
        surface.blit(surf, rect)
        self.drawn_text.append(text)
        return rect

    def ellipsize(self, text: str, base: int, bold: bool, width: int) -> str:
        font = self.fonts.get(base, bold)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def wrap(self, text: str, base: int, width: int, bold: bool = False) -> list[str]:
        font = self.fonts.get(base, bold)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split()
            line = ""
            for word in words:
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def paragraph(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        base: int = 15,
        colour: RGB | None = None,
        bold: bool = False,
        max_lines: int | None = None,
    ) -> int:
        """Draw wrapped text inside rect; returns the y just below the last line drawn."""
        font = self.fonts.get(base, bold)
        step = font.get_linesize()
        lines = self.wrap(text, base, rect.width, bold)
        limit = max_lines if max_lines is not None else max(1, rect.height // step)
        if len(lines) > limit:
            lines = lines[:limit]
            lines[-1] = self.ellipsize(lines[-1] + " …", base, bold, rect.width)
        y = rect.y
        for line in lines:
            self.text(surface, line, (rect.x, y), base, colour, bold)
            y += step
        return y

    def hover(self, rect: pygame.Rect, text: str) -> None:
        self.hovers.append(Hover(pygame.Rect(rect), text))

    def panel(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        border: RGB | None = None,
        fill: RGB | None = None,
        width: int = 1,
    ) -> None:
        pygame.draw.rect(surface, fill or self.palette.panel, rect, border_radius=6)
        pygame.draw.rect(surface, border or self.palette.panel_border, rect, width, border_radius=6)

    def bar(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        fraction: float,
        colour: RGB,
        marker: float | None = None,
        marker_colour: RGB | None = None,
    ) -> None:
        pygame.draw.rect(surface, self.palette.background, rect, border_radius=3)
        filled = rect.copy()
        filled.width = max(0, min(rect.width, round(rect.width * fraction)))
        if filled.width:
            pygame.draw.rect(surface, colour, filled, border_radius=3)
        pygame.draw.rect(surface, self.palette.panel_border, rect, 1, border_radius=3)
        if marker is not None:
            x = rect.x + round(rect.width * marker)
            pygame.draw.line(
                surface, marker_colour or self.palette.bad, (x, rect.y - 3), (x, rect.bottom + 2), 2
            )

    def tooltip(self, surface: pygame.Surface, text: str, at: tuple[int, int]) -> None:
        """A wrapped tooltip near `at`, kept inside the window."""
        width = min(420, surface.get_width() - 20)
        lines = self.wrap(text, 14, width - 16)
        font = self.fonts.get(14)
        step = font.get_linesize()
        box_w = min(width, max(font.size(line)[0] for line in lines) + 16)
        box = pygame.Rect(0, 0, box_w, len(lines) * step + 12)
        box.topleft = (at[0] + 16, at[1] + 18)
        if box.right > surface.get_width() - 4:
            box.right = at[0] - 8
        if box.bottom > surface.get_height() - 4:
            box.bottom = at[1] - 8
        box.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, self.palette.panel, box, border_radius=6)
        pygame.draw.rect(surface, self.palette.accent, box, 1, border_radius=6)
        y = box.y + 6
        for line in lines:
            self.text(surface, line, (box.x + 8, y), 14)
            y += step
