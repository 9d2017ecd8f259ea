"""Drawing helpers shared by the scenes: fonts, wrapped text, panels, bars and hover tooltips.

Every text that becomes pixels goes through this module, whatever it came from (a scenario of
an older version, a cache, a save, a typo): painted text through `render_line` and
`text_size`, text handed to pygame_gui widgets through `widget_text` (labels, menu options)
and `widget_html` (text boxes, tooltips), typed text through `TYPED_REFUSED`. Each applies
`game.text.displayable`, so one string can never close the window.

Text drawn through `Painter.text` is also recorded for the frame (where it went, what was
shown, the whole text), so tests (and a future screen reader) can ask what the player can read
on screen without poking at pixels. Text too long for its place is shortened in one way only
(`fit_to_width`: it ends with "…") and the app shows the whole of it on hover.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

from game.text import displayable
from game.ui import fonts as font_chain
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
        from game.ui.theme import min_font_size

        self.scale = scale
        self.height = height
        font_chain.set_min_size(min_font_size(scale))
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}

    def px(self, base: int) -> int:
        """The size in pixels (the em) of text of a base size at this text size and height."""
        from game.ui.theme import font_size

        return font_size(base, self.scale, self.height)

    def get(self, base: int, bold: bool = False) -> pygame.font.Font:
        size = self.px(base)
        key = (size, bold)
        font = self._cache.get(key)
        if font is None:
            path = BOLD if bold else REGULAR
            font = pygame.font.Font(str(path) if path.exists() else None, size)
            font_chain.register(font, path if path.exists() else None, bold)
            self._cache[key] = font
        return font


ELLIPSIS = "…"


def text_size(font: pygame.font.Font, text: str) -> tuple[int, int]:
    """The size `text` takes when drawn with `font` (see `render_line`): measured from the
    same runs of fallback fonts that are drawn."""
    text = displayable(text)
    if text.isascii():
        return font.size(text)
    return font_chain.chain_for(font).size(text)


def render_line(font: pygame.font.Font, text: str, colour: RGB) -> pygame.Surface:
    """One line of text as pixels: the one place painted text is rendered. Any text is safe:
    it is made displayable first, and text that draws nothing (pygame refuses it: "Text has
    zero width") gives an empty picture one line high. A character `font` lacks (Japanese,
    Chinese...) is drawn with the first font of the fallback chain that has it (game.ui.fonts),
    on the same baseline."""
    text = displayable(text)
    if text_size(font, text)[0] == 0:
        return pygame.Surface((0, font.get_height()), pygame.SRCALPHA)
    if text.isascii():
        return font.render(text, True, colour)
    return font_chain.chain_for(font).render(text, colour)


def widget_text(text: str) -> str:
    """Plain text for a pygame_gui widget (a button's label, a menu's option): displayable,
    since pygame_gui draws each word on its own and closes the window on one that draws
    nothing."""
    return displayable(text)


def widget_html(text: str) -> str:
    """Plain text as pygame_gui HTML (text boxes, tooltips): displayable, escaped, and line
    breaks as <br>."""
    from html import escape

    return escape(displayable(text), quote=False).replace("\n", "<br>")


class _DrawsNothing:
    """The characters a text field refuses (see TYPED_REFUSED): membership is all pygame_gui
    asks of its forbidden characters, so no table of code points is built."""

    def __contains__(self, character: object) -> bool:
        return isinstance(character, str) and displayable(character) != character

    def copy(self) -> _DrawsNothing:
        return self


# Give to UITextEntryLine.set_forbidden_characters: what is typed or pasted into a field must
# be drawable on its own (a zero-width joiner typed into an empty field would close the
# window; a control character is refused by every reader anyway).
TYPED_REFUSED = _DrawsNothing()


def fit_to_width(
    text: str, width: int, measure: Callable[[str], int], *, empty_if_none: bool = False
) -> str:
    """`text` if `measure(text)` fits `width`, else its longest prefix that fits with "…" added.

    The one place text is shortened: painted text, button labels, drop-down options and chart
    legends all come here, so a shortened text always ends with the ellipsis. When not even
    one character fits, the result is "…" alone (or "" with `empty_if_none`).
    """
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "" if empty_if_none else ELLIPSIS
    return text[:lo].rstrip() + ELLIPSIS


@dataclass
class Hover:
    """An area with a tooltip: `text` is what it says (plain), `marked` the same with bold
    terms and coloured numbers (game.ui.richtext) when its maker gave them."""

    rect: pygame.Rect
    text: str
    marked: str | None = None

    @property
    def rich(self) -> str:
        """The tooltip as marked text (plain text escaped when it has no marks)."""
        from game.ui.richtext import esc

        return self.marked if self.marked is not None else esc(self.text)


@dataclass
class TextDraw:
    """One piece of text drawn this frame: where it landed, what was shown and the whole text.

    `shortened` when the text was cut to fit (it then ends in "…"). Whenever `full` differs
    from `shown` (shortened, or a short form such as "US" for "United States"), the app's
    tooltip shows `full` while the mouse is over `rect`, so no text is ever lost.
    """

    rect: pygame.Rect
    shown: str
    full: str
    shortened: bool = False
    colour: RGB | None = None  # None: the palette's text colour
    bold: bool = False
    size: int = 0  # the font's size in pixels (its em), 0 when not known

    @property
    def has_more(self) -> bool:
        return self.shown != self.full


class Painter:
    """Draws text and shapes for one frame and remembers what text and hover areas it drew."""

    def __init__(self, fonts: Fonts, palette: Palette):
        self.fonts = fonts
        self.palette = palette
        self.drawn: list[TextDraw] = []
        self.hovers: list[Hover] = []
        # Areas drawn by their own code (map, charts) that lay out their own text inside.
        self.blocks: list[pygame.Rect] = []
        self._rendered: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wrapped: dict[tuple, list] = {}  # tooltips' lines (see rich_lines)

    def begin_frame(self) -> None:
        self.drawn = []
        self.hovers = []
        self.blocks = []

    @property
    def drawn_text(self) -> list[str]:
        """The text shown this frame, in drawing order."""
        return [d.shown for d in self.drawn]

    def mark(self) -> tuple[int, int, int]:
        """Where this frame's records stand now (see `since`)."""
        return len(self.drawn), len(self.hovers), len(self.blocks)

    def since(self, mark: tuple[int, int, int]) -> tuple[list, list, list]:
        """The text, hover areas and blocks recorded after `mark`."""
        return self.drawn[mark[0] :], self.hovers[mark[1] :], self.blocks[mark[2] :]

    def replay(self, records: tuple[list, list, list]) -> None:
        """Record again what a cached picture drew (see Scene.draw_cached)."""
        self.drawn.extend(records[0])
        self.hovers.extend(records[1])
        self.blocks.extend(records[2])

    def render(
        self, text: str, base: int = 15, colour: RGB | None = None, bold: bool = False
    ) -> pygame.Surface:
        key = (text, base, colour, bold, self.fonts.scale, self.fonts.height)
        key += (font_chain.generation(),)
        surf = self._rendered.get(key)
        if surf is None:
            surf = render_line(self.fonts.get(base, bold), text, colour or self.palette.text)
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
        full: str | None = None,
        shortened: bool = False,
    ) -> pygame.Rect:
        """Draw one line; with `max_width` it is shortened with "…" to fit (the whole text is
        then shown on hover). `full` is the whole text behind a short form, `shortened` says
        the caller cut `text` already."""
        text = displayable(text)  # recorded as drawn: what is on screen, what tooltips show
        whole = text if full is None else displayable(full)
        if max_width is not None:
            fitted = self.ellipsize(text, base, bold, max_width)
            shortened = shortened or fitted != text
            text = fitted
        surf = self.render(text, base, colour, bold)
        rect = surf.get_rect()
        if align == "left":
            rect.topleft = pos
        elif align == "right":
            rect.topright = pos
        else:
            rect.midtop = pos
        surface.blit(surf, rect)
        size = self.fonts.px(base)
        self.drawn.append(TextDraw(pygame.Rect(rect), text, whole, shortened, colour, bold, size))
        return rect

    def width(self, text: str, base: int = 15, bold: bool = False) -> int:
        return text_size(self.fonts.get(base, bold), text)[0]

    def line_height(self, base: int = 15, bold: bool = False) -> int:
        """Pixels from one line of this size to the next."""
        return self.fonts.get(base, bold).get_linesize()

    def ellipsize(self, text: str, base: int, bold: bool, width: int) -> str:
        font = self.fonts.get(base, bold)
        return fit_to_width(text, width, lambda t: text_size(font, t)[0])

    def wrap(self, text: str, base: int, width: int, bold: bool = False) -> list[str]:
        """Lines of at most `width` pixels. A word longer than a line (a file path, say) is
        broken after a '/', '-', '_' or '.' where it can be, else anywhere: shown whole.

        Japanese and Chinese paragraphs break between phrases (BudouX), not at spaces, with
        kinsoku: no line starts with closing punctuation or a small kana, none ends with an
        opening bracket (see `wrap_cjk`)."""
        font = self.fonts.get(base, bold)

        def fits(t: str) -> bool:
            return text_size(font, t)[0] <= width

        lines: list[str] = []
        for paragraph in displayable(text).split("\n"):
            if has_cjk(paragraph):
                lines.extend(wrap_cjk(paragraph, fits))
                continue
            line = ""
            for word in paragraph.split():
                trial = f"{line} {word}" if line else word
                if fits(trial):
                    line = trial
                    continue
                if line:
                    lines.append(line)
                line = word
                while not fits(line) and len(line) > 1:
                    head = _longest_fitting_piece(line, fits)
                    lines.append(head)
                    line = line[len(head) :]
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
        align: str = "left",
    ) -> int:
        """Draw wrapped text inside rect (lines left-aligned or centred); returns the y just
        below the last line drawn.

        Lines that do not fit are left out and the last one shown ends with "…"; hovering
        it shows the whole text."""
        step = self.line_height(base, bold)
        lines = self.wrap(text, base, rect.width, bold)
        limit = max_lines if max_lines is not None else max(1, rect.height // step)
        whole = " ".join(text.split())
        cut = len(lines) > limit
        if cut:
            lines = lines[:limit]
            lines[-1] = self.ellipsize(lines[-1] + " " + ELLIPSIS, base, bold, rect.width)
        y = rect.y
        for line in lines:
            shortened = cut and line.endswith(ELLIPSIS)
            self.text(
                surface,
                line,
                (rect.centerx if align == "center" else rect.x, y),
                base,
                colour,
                bold,
                align,
                full=whole if shortened else None,
                shortened=shortened,
            )
            y += step
        return y

    def hover(self, rect: pygame.Rect, text: str, rich: bool = False) -> None:
        """A tooltip for `rect`; `rich`: `text` is marked text (game.ui.richtext)."""
        if rich:
            from game.ui.richtext import plain

            self.hovers.append(Hover(pygame.Rect(rect), plain(text), text))
        else:
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

    def block(self, rect: pygame.Rect) -> None:
        """Record an area drawn by its own code (a map, a chart): nothing else may overlap it."""
        self.blocks.append(pygame.Rect(rect))

    def tooltip(
        self,
        surface: pygame.Surface,
        text: str,
        at: tuple[int, int],
        avoid: Sequence[pygame.Rect] = (),
        *,
        target: pygame.Rect | None = None,
        soft: Sequence[pygame.Rect] = (),
        footer: str = "",
        pinned: bool = False,
    ) -> pygame.Rect:
        """A tooltip near `at` (or beside `target`, the thing it explains), inside the window
        and clear of the `avoid` rects (the screen's action buttons): where there is no room
        beside the target, it goes wherever there is, made wider if that helps, and as a last
        resort shortened (its last line ends with "…"). `soft` rects (other tooltips) are
        avoided where there is room. Returns where it went.

        `text` is marked text (game.ui.richtext: **bold** terms, numbers in the good or bad
        colour); `footer` is a dimmed last line (which keys pin or close it). A text too long
        for the window (a list of thousands) shows its start and ends with "…"; only that
        start is wrapped, so a long one costs no more than a short one."""
        from game.ui.richtext import runs

        window = surface.get_rect()
        if target is None:
            target = pygame.Rect(at[0] - 8, at[1] - 8, 24, 26)
        step = max(self.line_height(14), self.line_height(14, True))
        room = max(1, (window.height - 12) // step)
        paragraphs = runs(text + ("\n[dim]" + footer + "[/]" if footer else ""))
        widths = sorted({min(w, window.width - 20) for w in (420, 560, window.width - 20)})
        tried, clear = None, None  # the first try; the first clear of the `avoid` rects
        for width in widths:
            lines = self.rich_lines(paragraphs, width - 16, room)
            size = self._tip_size(lines, step, width)
            box = place_box(size, target, window, avoid, soft=soft)
            tried = tried or (box, lines)
            if not any(box.colliderect(r) for r in avoid):
                clear = clear or (box, lines)
                if not any(box.colliderect(r) for r in soft):
                    break
        else:
            box, lines = clear or tried
        if clear is None:  # no room for all of it anywhere: fewer lines, at the first width
            box, lines = tried
            limit = len(lines)
            while limit > 1 and any(box.colliderect(r) for r in avoid):
                limit -= 1
                lines = self.rich_lines(paragraphs, widths[0] - 16, limit)
                box = place_box(self._tip_size(lines, step, widths[0]), target, window, avoid)
        pal = self.palette
        pygame.draw.rect(surface, pal.panel, box, border_radius=6)
        pygame.draw.rect(surface, pal.accent, box, 2 if pinned else 1, border_radius=6)
        y = box.y + 6
        colours = {"good": pal.good, "bad": pal.bad, "warn": pal.warning, "dim": pal.text_dim}
        for line in lines:
            x = box.x + 8
            for run in line:
                r = self.text(surface, run.text, (x, y), 14, colours.get(run.tone), run.bold)
                x = r.right
            y += step
        return box

    def _tip_size(self, lines: list, step: int, width: int) -> tuple[int, int]:
        widest = max((self.runs_width(line, 14) for line in lines), default=0)
        return min(width, widest + 16), len(lines) * step + 12

    def runs_width(self, line: Sequence, base: int) -> int:
        """Pixels a line of richtext runs takes."""
        return sum(self.width(run.text, base, run.bold) for run in line)

    def rich_lines(self, paragraphs: list[list], width: int, limit: int) -> list[list]:
        """Paragraphs of richtext runs as at most `limit` lines of runs, each at most `width`
        pixels at size 14; when more would be needed, the last ends with "…"."""
        from game.ui.richtext import Run

        key = (tuple(map(tuple, paragraphs)), width, limit, self.fonts.scale, self.fonts.height)
        key += (font_chain.generation(),)
        cached = self._wrapped.get(key)
        if cached is not None:
            return cached
        lines: list[list] = []
        cut = False
        for i, paragraph in enumerate(paragraphs):
            lines.extend(self.wrap_runs(paragraph, 14, width))
            if len(lines) >= limit:
                cut = len(lines) > limit or i + 1 < len(paragraphs)
                break
        if cut:
            lines = lines[:limit]
            last = list(lines[-1])
            tail = Run(" " + ELLIPSIS)
            while last and self.runs_width([*last, tail], 14) > width:
                end = last.pop()
                if len(end.text) > 1:
                    last.append(Run(end.text[:-1], end.bold, end.tone))
            lines[-1] = [*last, tail] if last else [Run(ELLIPSIS)]
        self._wrapped[key] = lines
        if len(self._wrapped) > 200:
            self._wrapped.pop(next(iter(self._wrapped)))
        return lines

    def wrap_runs(self, paragraph: Sequence, base: int, width: int) -> list[list]:
        """One paragraph of richtext runs as lines of runs of at most `width` pixels, broken
        where `wrap` breaks plain text (BudouX phrases and kinsoku for Japanese and
        Chinese). Measured as if all bold, so a line fits whatever its bold runs."""
        from game.ui.richtext import Run

        chars: list[str] = []
        styles: list[tuple[bool, str | None]] = []
        for run in paragraph:
            for ch in displayable(run.text):
                if ch.isspace():
                    if not chars or chars[-1] == " ":
                        continue
                    ch = " "
                chars.append(ch)
                styles.append((run.bold, run.tone))
        while chars and chars[-1] == " ":
            chars.pop()
            styles.pop()
        text = "".join(chars)
        if not text:
            return [[]]
        out: list[list] = []
        pos = 0
        for line in self.wrap(text, base, width, bold=True):
            start = text.find(line, pos) if line else -1
            if start < 0:
                out.append([Run(line)] if line else [])
                continue
            pos = start + len(line)
            pieces: list = []
            for i in range(start, pos):
                if pieces and styles[i] == (pieces[-1].bold, pieces[-1].tone):
                    pieces[-1] = Run(pieces[-1].text + text[i], *styles[i])
                else:
                    pieces.append(Run(text[i], *styles[i]))
            out.append(pieces)
        return out


def place_box(
    size: tuple[int, int],
    target: pygame.Rect,
    window: pygame.Rect,
    avoid: Sequence[pygame.Rect] = (),
    gap: int = 4,
    soft: Sequence[pygame.Rect] = (),
) -> pygame.Rect:
    """Where a tooltip of `size` goes for the thing at `target` (the mouse or a widget).

    Below, above, right of or left of the target, inside the window; the first place that
    covers neither the target nor any `avoid` rect (nor any `soft` one: other tooltips) wins.
    When none of those is free, any place in the window clear of the `avoid` rects (the
    screen's action buttons): beside them, at the window's edges, the one nearest the target.
    If none is free, the place covering the least of them. One rule for painted and
    pygame_gui tooltips alike.
    """
    w, h = min(size[0], window.width), min(size[1], window.height)

    def cost(spot: pygame.Rect) -> tuple[int, int]:
        """Covering an `avoid` rect outweighs any other cost."""
        return (
            sum(_area(spot.clip(r)) for r in avoid),
            sum(_area(spot.clip(r)) for r in soft) * 2 + _area(spot.clip(target)),
        )

    spots = []
    for x in (target.x, target.right - w):
        spots.append(pygame.Rect(x, target.bottom + gap, w, h))
        spots.append(pygame.Rect(x, target.y - gap - h, w, h))
    for y in (target.y, target.bottom - h, target.centery - h // 2):
        spots.append(pygame.Rect(target.right + gap, y, w, h))
        spots.append(pygame.Rect(target.x - gap - w, y, w, h))
    best, best_cost = None, None
    for spot in spots:
        spot = spot.clamp(window)
        c = cost(spot)
        if best_cost is None or c < best_cost:
            best, best_cost = spot, c
        if c == (0, 0):
            return best
    # Everywhere else: against the target, the window's edges and every rect to keep clear of.
    others = [*avoid, *soft]
    xs = {target.x, target.right - w, target.right + gap, target.x - gap - w}
    xs |= {target.centerx - w // 2, window.x, window.right - w}
    xs |= {x for r in others for x in (r.x - gap - w, r.right + gap, r.x)}
    ys = {target.bottom + gap, target.y - gap - h, target.y, target.bottom - h}
    ys |= {target.centery - h // 2, window.y, window.bottom - h}
    ys |= {y for r in others for y in (r.y - gap - h, r.bottom + gap)}
    centre = target.center
    best_key = None
    for x in xs:
        for y in ys:
            spot = pygame.Rect(x, y, w, h).clamp(window)
            key = (*cost(spot), _distance(spot.center, centre))
            if best_key is None or key < best_key:
                best, best_key = spot, key
    return best


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _area(rect: pygame.Rect) -> int:
    return rect.width * rect.height


def _longest_fitting_piece(word: str, fits: Callable[[str], bool]) -> str:
    """The longest start of `word` that fits, ending after a separator if one is in reach."""
    n = 1
    while n < len(word) and fits(word[: n + 1]):
        n += 1
    for i in range(n, 0, -1):
        if word[i - 1] in "/\\-_.":
            return word[:i]
    return word[:n]


# Japanese and Chinese line breaking ---------------------------------------------------------
# Ideographs, kana, CJK punctuation and full-width forms: a paragraph holding any of them is
# broken between phrases. (Korean, written with spaces, keeps breaking at spaces.)
_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u30ff\u31c0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
# Kinsoku: characters a line never starts with (closing punctuation, small kana, the long
# vowel mark, iteration marks) and never ends with (opening brackets).
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉）)」』】〕〉》〙〗〛］]｝}’”〞»›"
    "ー～〜‐゠–—…‥%％々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｯｬｭｮ"
)
NO_LINE_END = frozenset("（(「『【〔〈《〘〖〚［[｛{‘“〝«‹")


def has_cjk(text: str) -> bool:
    """Whether `text` holds Japanese or Chinese (ideographs, kana, CJK punctuation)."""
    return not text.isascii() and _CJK.search(text) is not None


@lru_cache(maxsize=2)
def _parser(kind: str):
    import budoux

    if kind == "ja":
        return budoux.load_default_japanese_parser()
    return budoux.load_default_traditional_chinese_parser()


def phrases(paragraph: str) -> tuple[str, ...]:
    """`paragraph` cut into BudouX phrases (the places a line may break), each further cut
    after its spaces (Latin words inside Japanese text break at spaces as usual). Japanese
    when it has kana; else Chinese, unless the language setting is Japanese."""
    if _KANA.search(paragraph):
        kind = "ja"
    elif font_chain.language().lower().startswith("ja"):
        kind = "ja"
    else:
        kind = "zh"
    return _phrases(paragraph, kind)


@lru_cache(maxsize=2048)
def _phrases(paragraph: str, kind: str) -> tuple[str, ...]:
    out: list[str] = []
    for chunk in _parser(kind).parse(paragraph):
        for piece in re.split(r"(?<= )(?=[^ ])", chunk):
            # a Latin word BudouX cut (at a hyphen, say) is one piece: it breaks at spaces
            if out and piece and _latin(out[-1][-1]) and _latin(piece[0]):
                out[-1] += piece
            elif piece:
                out.append(piece)
    return tuple(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _kinsoku_ok(before: str, after: str) -> bool:
    """Whether a line may end with `before` and the next start with `after`."""
    before = before.rstrip()
    after = after.lstrip()
    return not (after and after[0] in NO_LINE_START) and not (before and before[-1] in NO_LINE_END)


def _kinsoku_break(text: str, n: int) -> int:
    """Where to break `text` near `n` (before text[n]) keeping kinsoku: moved earlier, taking
    characters to the next line, while the break is not allowed. When no earlier place is
    (a line only a few characters wide), the punctuation hangs at the end of the line
    instead (burasagari): the break moves later."""
    for cut in range(n, 0, -1):
        if _kinsoku_ok(text[:cut], text[cut:]):
            return cut
    for cut in range(n + 1, len(text) + 1):
        if _kinsoku_ok(text[:cut], text[cut:]):
            return cut
    return n


def wrap_cjk(paragraph: str, fits: Callable[[str], bool]) -> list[str]:
    """A Japanese or Chinese paragraph as lines that `fits`: filled greedily with whole
    phrases; a phrase wider than a line is broken between characters. Kinsoku holds at every
    break: a character that may not start a line takes the one before it along (the break
    moves earlier), as may an opening bracket that would end one."""
    lines: list[str] = []
    line = ""
    for piece in phrases(paragraph):
        trial = line + piece
        if fits(trial.rstrip()):
            line = trial
            continue
        if line.strip():
            cut = _kinsoku_break(trial, len(line))
            lines.append(trial[:cut].rstrip())
            line = trial[cut:].lstrip()
        else:
            line = trial.lstrip()
        while len(line) > 1 and not fits(line.rstrip()):
            n = 1
            while n < len(line) and fits(line[: n + 1].rstrip()):
                n += 1
            cut = _kinsoku_break(line, n)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
    lines.append(line.rstrip())
    return lines


class ScrollArea:
    """A panel's content taller than the panel: drawn from `offset` down, whole lines only.

    A line is drawn only when it lies wholly inside the area (`shows`), so nothing is ever cut
    in half at an edge; a thin bar at the right shows where the view is.

        y = area.begin(rect)
        for line in lines:
            if area.shows(y, h): draw(line, y)
            y += h
        area.end(surface, painter, y)
    """

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.offset = 0
        self.content = 0

    def begin(self, rect: pygame.Rect) -> int:
        self.rect = pygame.Rect(rect)
        return rect.y - self.offset

    def shows(self, y: int, height: int) -> bool:
        return self.rect.y <= y and y + height <= self.rect.bottom

    def end(self, surface: pygame.Surface, painter: Painter, y: int) -> None:
        self.content = y + self.offset - self.rect.y
        self.offset = max(0, min(self.offset, self.content - self.rect.height))
        if self.content <= self.rect.height:
            return
        bar_h = max(12, self.rect.height * self.rect.height // self.content)
        top = self.rect.y + (self.rect.height - bar_h) * self.offset // max(
            1, self.content - self.rect.height
        )
        pygame.draw.rect(
            surface,
            painter.palette.panel_border,
            (self.rect.right + 2, top, 4, bar_h),
            border_radius=2,
        )

    @property
    def scrollable(self) -> bool:
        return self.content > self.rect.height

    def scroll_by(self, pages: float) -> bool:
        """Move by a share of the view's height; True if the view moved."""
        limit = max(0, self.content - self.rect.height)
        offset = int(max(0, min(limit, self.offset + pages * self.rect.height * 0.8)))
        moved, self.offset = offset != self.offset, offset
        return moved
