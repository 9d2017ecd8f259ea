"""Charts drawn with plain pygame: indicator lines over the turns and horizontal score bars.

    regions = draw_line_chart(screen, rect, {"Tension": [30, 32.5, 39]}, palette, font,
                              title="Tension", threshold=("crisis at 95", 95.0))
    for area, tip in regions:          # one per data point, in screen coordinates
        if area.collidepoint(mouse): show_tooltip(tip)

Both functions fill `rect` with the panel colour, draw inside it only and return hover regions
as (rect, tooltip) pairs. Lines differ by colour, dash pattern and marker shape, so they stay
apart for colour-blind readers and in greyscale print-outs.

Text sizes come from the given font: the title uses it as given, tick labels and the legend a
smaller size of the same face (the font's point size is changed while drawing and restored
before returning). Everything is measured, never guessed, so small charts drop tick labels or
shorten legend names rather than overlap them.

Speed: a finished chart is kept (a small LRU keyed by everything that affects its pixels), so
redrawing an unchanged chart every frame is one blit; rendered text is cached as well.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

import pygame

from game.i18n import _
from game.ui import fonts as font_chain
from game.ui.palette import RGB, Palette
from game.ui.widgets import ELLIPSIS, fit_to_width, render_line, text_size

HoverRegion = tuple[pygame.Rect, str]

# Every series has its own marker and dash pattern as well as its colour: the first six (a
# scenario's resilience domains) differ in both, so they stay apart in greyscale and for
# colour-blind readers (tests/ui/test_colours.py). Seven markers and six dashes: 42 pairs.
MARKERS = ("circle", "square", "triangle", "diamond", "triangle_down", "cross", "plus")
# (on, off, on, off, ...) in pixels; None is solid
DASHES: tuple[tuple[int, ...] | None, ...] = (
    None,  # solid
    (8, 4),  # dashed
    (2, 3),  # dotted
    (9, 3, 2, 3),  # dash-dot
    (16, 4),  # long dash
    (6, 3, 2, 3, 2, 3),  # dash-dot-dot
)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def line_style(index: int) -> tuple[str, tuple[int, ...] | None]:
    """Marker shape and dash pattern of the index-th series (42 distinct combinations; the
    first six differ in both)."""
    return MARKERS[index % len(MARKERS)], DASHES[index % len(DASHES)]


# --- text -----------------------------------------------------------------------------------

_TEXT_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_TEXT_CACHE_MAX = 1024
_SIZE_CACHE: dict[tuple, tuple[int, int]] = {}
_LINESIZE: dict[tuple, int] = {}


class _Face:
    """One font used at several point sizes; restores the font's own size on `close`."""

    def __init__(self, font: pygame.font.Font):
        self.font = font
        self.fid = id(font)
        try:
            self.base = int(font.point_size)
            self.scalable = True
        except (AttributeError, pygame.error, TypeError):  # pragma: no cover - old pygame
            self.base = 0
            self.scalable = False
        self.current = self.base
        self.ellipsis = ELLIPSIS

    def _use(self, pt: int) -> None:
        if self.scalable and pt != self.current:
            try:
                self.font.point_size = pt
                self.current = pt
            except (pygame.error, ValueError):  # pragma: no cover - bitmap font
                self.scalable = False

    def close(self) -> None:
        if self.scalable and self.current != self.base:
            self.font.point_size = self.base
            self.current = self.base

    def pt(self, scale: float) -> int:
        """A point size relative to the given font (1.0 = as given), never under the smallest
        text the chosen text size allows (game.ui.fonts.min_size)."""
        if not self.scalable:
            return self.base
        return max(min(font_chain.min_size(), self.base), round(self.base * scale))

    def linesize(self, pt: int) -> int:
        key = (self.fid, pt)
        size = _LINESIZE.get(key)
        if size is None:
            self._use(pt)
            size = _LINESIZE[key] = self.font.get_linesize()
        return size

    def size(self, text: str, pt: int) -> tuple[int, int]:
        key = (text, self.fid, pt)
        got = _SIZE_CACHE.get(key)
        if got is None:
            self._use(pt)
            got = text_size(self.font, text)
            if len(_SIZE_CACHE) > 8192:
                _SIZE_CACHE.clear()
            _SIZE_CACHE[key] = got
        return got

    def render(self, text: str, pt: int, colour: RGB) -> pygame.Surface:
        key = (text, tuple(colour), self.fid, pt)
        surf = _TEXT_CACHE.get(key)
        if surf is None:
            self._use(pt)
            surf = render_line(self.font, text, colour)
            _TEXT_CACHE[key] = surf
            if len(_TEXT_CACHE) > _TEXT_CACHE_MAX:
                _TEXT_CACHE.popitem(last=False)
        else:
            _TEXT_CACHE.move_to_end(key)
        return surf

    def fit(self, text: str, pt: int, width: int) -> str:
        """`text`, shortened with an ellipsis to fit `width` pixels ('' if not even that fits)."""
        return fit_to_width(text, width, lambda t: self.size(t, pt)[0], empty_if_none=True)


# --- finished charts ------------------------------------------------------------------------

_CHART_CACHE: OrderedDict[tuple, tuple[pygame.Surface, list[HoverRegion]]] = OrderedDict()
_CHART_CACHE_MAX = 24


def _cached_draw(
    surface: pygame.Surface,
    rect: pygame.Rect,
    key: tuple | None,
    draw: Callable[[pygame.Surface, pygame.Rect], list[HoverRegion]],
) -> list[HoverRegion]:
    """Draw via an off-screen copy kept under `key`; regions come back in `surface` coordinates."""
    if rect.w <= 0 or rect.h <= 0:
        return []
    if key is None:
        return _clipped(surface, rect, draw)
    key = (*key, font_chain.min_size())
    hit = _CHART_CACHE.get(key)
    if hit is None:
        image = pygame.Surface(rect.size, 0, surface)
        regions = _clipped(image, image.get_rect(), draw)
        hit = _CHART_CACHE[key] = (image, regions)
        if len(_CHART_CACHE) > _CHART_CACHE_MAX:
            _CHART_CACHE.popitem(last=False)
    else:
        _CHART_CACHE.move_to_end(key)
    image, regions = hit
    surface.blit(image, rect)
    x, y = rect.topleft
    return [(r.move(x, y), tip) for r, tip in regions]


def _clipped(
    surface: pygame.Surface,
    rect: pygame.Rect,
    draw: Callable[[pygame.Surface, pygame.Rect], list[HoverRegion]],
) -> list[HoverRegion]:
    old = surface.get_clip()
    surface.set_clip(rect.clip(old))
    try:
        return draw(surface, rect)
    finally:
        surface.set_clip(old)


def _font_key(font: pygame.font.Font) -> tuple:
    try:
        return (id(font), font.point_size, font.bold, font.italic)
    except (AttributeError, pygame.error):  # pragma: no cover
        return (id(font),)


# --- scales ---------------------------------------------------------------------------------


def nice_ticks(lo: float, hi: float, max_ticks: int) -> list[float]:
    """Round tick values covering [lo, hi], at most `max_ticks` of them (at least 2)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        hi = lo + 1.0
    step = _nice_step(hi - lo, max(2, max_ticks))
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + step * 1e-9:
        ticks.append(round(k * step, 10))
        k += 1
    return ticks


def _nice_step(span: float, max_ticks: int) -> float:
    raw = span / max(1, max_ticks - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw - 1e-12:
            return m * magnitude
    return 10 * magnitude  # pragma: no cover


def _tick_text(value: float, step: float) -> str:
    if abs(step - round(step)) < 1e-9 and abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    decimals = max(0, min(3, -math.floor(math.log10(step)) + (1 if step * 10 % 10 else 0)))
    return f"{value:.{decimals}f}"


def _auto_range(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return (0.0, 100.0)
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    step = _nice_step(hi - lo, 5)
    return (math.floor(lo / step) * step, math.ceil(hi / step) * step)


# --- primitives -----------------------------------------------------------------------------


def _dashed_path(
    points: Sequence[tuple[float, float]], pattern: tuple[int, ...]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Split a polyline into dash segments by an (on, off, on, off, ...) pattern; the
    pattern carries over from segment to segment."""
    dashes = [(sum(pattern[:i]), pattern[i]) for i in range(0, len(pattern) - 1, 2)]
    period = sum(pattern)
    out = []
    append = out.append
    phase = 0.0  # distance into the current period
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        d = -phase  # where the current period began, relative to this segment's start
        while d < length:
            for start, on in dashes:
                a = d + start
                if a < 0.0:
                    a = 0.0
                b = d + start + on
                if b > length:
                    b = length
                if b > a:
                    append(((x0 + ux * a, y0 + uy * a), (x0 + ux * b, y0 + uy * b)))
            d += period
        phase = length - (d - period)
    return out


def _polyline(
    surface: pygame.Surface,
    colour: RGB,
    points: Sequence[tuple[float, float]],
    dash: tuple[int, ...] | None,
    width: int,
) -> None:
    if len(points) < 2:
        return
    line = pygame.draw.aaline
    if dash is None:
        if width <= 1:
            pygame.draw.aalines(surface, colour, False, points)
        else:
            for p, q in zip(points, points[1:], strict=False):
                line(surface, colour, p, q, width)
        return
    for p, q in _dashed_path(points, dash):
        line(surface, colour, p, q, width)


def _marker(
    surface: pygame.Surface, shape: str, colour: RGB, outline: RGB, x: float, y: float, r: int
) -> None:
    cx, cy = round(x), round(y)
    if shape == "circle":
        pygame.draw.circle(surface, outline, (cx, cy), r + 2)
        pygame.draw.circle(surface, colour, (cx, cy), r + 1)
    elif shape == "square":
        pygame.draw.rect(surface, outline, (cx - r - 1, cy - r - 1, 2 * r + 2, 2 * r + 2))
        pygame.draw.rect(surface, colour, (cx - r, cy - r, 2 * r, 2 * r))
    elif shape == "triangle":
        s = r + 1
        pygame.draw.polygon(
            surface, outline, [(cx, cy - s - 2), (cx - s - 2, cy + s), (cx + s + 2, cy + s)]
        )
        pygame.draw.polygon(
            surface, colour, [(cx, cy - s), (cx - s, cy + s - 1), (cx + s, cy + s - 1)]
        )
    elif shape == "triangle_down":
        s = r + 1
        pygame.draw.polygon(
            surface, outline, [(cx, cy + s + 2), (cx - s - 2, cy - s), (cx + s + 2, cy - s)]
        )
        pygame.draw.polygon(
            surface, colour, [(cx, cy + s), (cx - s, cy - s + 1), (cx + s, cy - s + 1)]
        )
    elif shape in ("cross", "plus"):
        s = r + 1 if shape == "cross" else r + 2
        if shape == "cross":
            arms = [((cx - s, cy - s), (cx + s, cy + s)), ((cx - s, cy + s), (cx + s, cy - s))]
        else:
            arms = [((cx - s, cy), (cx + s, cy)), ((cx, cy - s), (cx, cy + s))]
        for a, b in arms:
            pygame.draw.line(surface, outline, a, b, 4)
        for a, b in arms:
            pygame.draw.line(surface, colour, a, b, 2)
    else:  # diamond
        s = r + 2
        pygame.draw.polygon(
            surface,
            outline,
            [(cx, cy - s - 1), (cx + s + 1, cy), (cx, cy + s + 1), (cx - s - 1, cy)],
        )
        pygame.draw.polygon(
            surface, colour, [(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)]
        )


def _hdash(
    surface: pygame.Surface, colour: RGB, x0: int, x1: int, y: int, on: int, off: int
) -> None:
    x = x0
    while x < x1:
        pygame.draw.line(surface, colour, (x, y), (min(x + on, x1) - 1, y))
        x += on + off


def _common_prefix_label(
    names: Sequence[str], title: str | None, always: bool = False
) -> dict[str, str]:
    """'Resilience (Air)' -> 'Air' when every name is 'P (...)' and the title already says P
    (or `always`, when the whole names do not fit)."""
    if len(names) < 2 or not (title or always):
        return {}
    prefixes = set()
    inner = {}
    for n in names:
        head, sep, rest = n.partition(" (")
        if not sep or not rest.endswith(")") or not rest[:-1]:
            return {}
        prefixes.add(head)
        inner[n] = rest[:-1]
    if len(prefixes) != 1:
        return {}
    if not always and next(iter(prefixes)).lower() not in (title or "").lower():
        return {}
    return inner


# --- line chart -----------------------------------------------------------------------------


def draw_line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect | tuple[int, int, int, int],
    series: Mapping[str, Sequence[float]],
    palette: Palette,
    font: pygame.font.Font,
    *,
    title: str | None = None,
    y_range: tuple[float, float] | None = (0, 100),
    x_labels: Sequence[str] | None = None,
    threshold: tuple[str, float] | None = None,
    highlight_turn: int | None = None,
    colours: Mapping[str, RGB] | None = None,
    turn_label: str = "Turn",
    start_label: str = "Start",
    background: RGB | None = None,
    cache: bool = True,
) -> list[HoverRegion]:
    """Draw each series (values at turn 0..N) as a line over the turns; returns hover regions.

    One region per data point, in `surface` coordinates, with a tooltip such as
    "Tension, Quarter 3: 42.5 (+6.5)" (`turn_label` names the turns; index 0 is `start_label`).
    `y_range=None` scales to the data (and the threshold). `threshold` is (label, value): a
    dashed line named in the legend. `highlight_turn` shades one turn and its axis label. `colours` overrides `palette.series` per name.
    """
    rect = pygame.Rect(rect)
    data = {str(k): [float(v) for v in vals] for k, vals in series.items()}
    key = None
    if cache:
        key = (
            "line",
            rect.size,
            tuple((k, tuple(x if x == x else None for x in v)) for k, v in data.items()),
            palette,
            _font_key(font),
            title,
            tuple(y_range) if y_range is not None else None,
            tuple(x_labels) if x_labels is not None else None,
            tuple(threshold) if threshold is not None else None,
            highlight_turn,
            tuple(sorted((k, tuple(c)) for k, c in colours.items())) if colours else None,
            turn_label,
            start_label,
            background,
        )

    def draw(target: pygame.Surface, area: pygame.Rect) -> list[HoverRegion]:
        face = _Face(font)
        try:
            return _line_chart(
                target,
                area,
                data,
                palette,
                face,
                title,
                y_range,
                x_labels,
                threshold,
                highlight_turn,
                colours or {},
                turn_label,
                start_label,
                background,
            )
        finally:
            face.close()

    return _cached_draw(surface, rect, key, draw)


def _legend_layout(
    face: _Face,
    pt: int,
    labels: list[str],
    width: int,
    max_rows: int,
    swatch: int,
) -> list[tuple[int, int, int, str]]:
    """Place legend entries in rows: (index, x offset, row, text); entries that cannot fit
    (even shortened) are left out. Flowing rows first; a grid of shortened names if needed."""
    if max_rows <= 0 or not labels:
        return []
    gap, inner = max(8, swatch // 2), 4
    placed: list[tuple[int, int, int, str]] = []
    x, row = 0, 0
    for i, text in enumerate(labels):
        w = swatch + inner + face.size(text, pt)[0]
        if x > 0 and x + w > width:
            x, row = 0, row + 1
        if w > width:
            text = face.fit(text, pt, width - swatch - inner)
            w = width
        placed.append((i, x, row, text))
        x += w + gap
    if placed and placed[-1][2] < max_rows:
        return placed
    # grid: as many columns as it takes to fit into max_rows, names shortened to the column
    min_text = face.size("Abc" + face.ellipsis, pt)[0]
    n = len(labels)
    cols = math.ceil(n / max_rows)
    while cols > 1 and (width + gap) // cols - gap - swatch - inner < min_text:
        cols -= 1
    col_w = (width + gap) // cols
    shown = min(n, cols * max_rows)
    placed = []
    for i in range(shown):
        row, col = divmod(i, cols)
        text = face.fit(labels[i], pt, col_w - gap - swatch - inner)
        placed.append((i, col * col_w, row, text))
    return placed


def _line_chart(
    surf: pygame.Surface,
    rect: pygame.Rect,
    data: dict[str, list[float]],
    palette: Palette,
    face: _Face,
    title: str | None,
    y_range: tuple[float, float] | None,
    x_labels: Sequence[str] | None,
    threshold: tuple[str, float] | None,
    highlight_turn: int | None,
    colours: Mapping[str, RGB],
    turn_label: str,
    start_label: str,
    background: RGB | None,
) -> list[HoverRegion]:
    """Draw one line chart into `rect`, top to bottom: title, legend, the plot with its
    scales, the threshold, the lines and their markers; returns the markers' hover regions."""
    chart = _LineChart(surf, rect, data, palette, face, colours, background)
    chart.draw_title(title)
    chart.choose_scale(y_range, threshold)
    chart.draw_legend(title, threshold)
    chart.place_plot(x_labels)
    chart.draw_highlight(highlight_turn)
    chart.draw_y_axis()
    chart.draw_x_axis(x_labels, highlight_turn)
    if chart.show_threshold and threshold is not None:
        chart.draw_threshold(threshold[1])
    if not chart.n_points:
        chart.say_no_data()
        return []
    chart.draw_lines()
    return chart.draw_markers(turn_label, start_label)


class _LineChart:
    """The state one line chart's drawing steps share (see `_line_chart`)."""

    def __init__(
        self,
        surf: pygame.Surface,
        rect: pygame.Rect,
        data: dict[str, list[float]],
        palette: Palette,
        face: _Face,
        colours: Mapping[str, RGB],
        background: RGB | None,
    ):
        self.surf, self.rect, self.data, self.palette, self.face = surf, rect, data, palette, face
        self.bg = background or palette.panel
        surf.fill(self.bg, rect)
        self.grid_colour = mix(self.bg, palette.panel_border, 0.35)
        self.axis_colour = palette.panel_border
        self.tick_colour = palette.text_dim
        small = min(rect.w / 340, rect.h / 200)  # 1.0 at about 340x200 and up
        self.title_pt = face.pt(1.0 if small >= 1 else max(0.75, small**0.5))
        self.label_pt = face.pt(0.85 if small >= 1 else max(0.62, 0.85 * small**0.5))
        self.ls_title = face.linesize(self.title_pt)
        self.ls = face.linesize(self.label_pt)
        self.pad = max(3, self.ls // 4)
        self.width = rect.w - 2 * self.pad
        self.top = rect.top + self.pad
        self.names = list(data)
        self.n_points = max((len(v) for v in data.values()), default=0)
        self.style_of = {n: line_style(i) for i, n in enumerate(self.names)}
        self.colour_of = {
            n: tuple(colours[n]) if n in colours else palette.series[i % len(palette.series)]
            for i, n in enumerate(self.names)
        }
        self.x_row = self.ls + 4  # x tick labels below the plot

    def draw_title(self, title: str | None) -> None:
        if not title:
            return
        text = self.face.fit(title, self.title_pt, self.width)
        if text and self.top + self.ls_title <= self.rect.bottom:
            self.surf.blit(
                self.face.render(text, self.title_pt, self.palette.text),
                (self.rect.left + self.pad, self.top),
            )
        self.top += self.ls_title + self.pad // 2

    def choose_scale(
        self, y_range: tuple[float, float] | None, threshold: tuple[str, float] | None
    ) -> None:
        """The y range: as given, else the data's and the threshold's."""
        all_values = [v for vals in self.data.values() for v in vals if math.isfinite(v)]
        if y_range is not None:
            lo, hi = y_range
        else:
            lo, hi = _auto_range(all_values + ([threshold[1]] if threshold is not None else []))
        if hi <= lo:
            hi = lo + 1.0
        self.lo, self.hi = lo, hi
        self.show_threshold = threshold is not None and lo <= threshold[1] <= hi

    def draw_legend(self, title: str | None, threshold: tuple[str, float] | None) -> None:
        """The legend above the plot (so it never covers a line); the threshold comes last.
        One titled series has none: the title names it."""
        face, ls, pad, rect = self.face, self.ls, self.pad, self.rect
        names = self.names
        swatch = max(18, ls + 6)
        shorten = _common_prefix_label(names, title)
        legend_labels = [shorten.get(n, n) for n in names]
        entries: list[str | None] = list(names)  # each entry's series; None: the threshold
        if len(names) == 1 and title:
            legend_labels, entries = [], []
        if self.show_threshold and threshold is not None:
            legend_labels.append(str(threshold[0]))
            entries.append(None)
        if not legend_labels:
            return
        inner = _common_prefix_label(names, None, always=True)
        if inner and entries[0] is not None:
            inner_labels = [
                inner.get(e, t) if e else t for e, t in zip(entries, legend_labels, strict=True)
            ]
        else:
            inner_labels = legend_labels
        # keep a third of the chart for the plot if the legend fits so, else give it more rows
        for min_plot in (max(2 * ls, int(rect.h * 0.35)), 2 * ls):
            room = rect.bottom - pad - self.x_row - self.top - pad - ls // 2 - min_plot
            max_rows = max(0, min(4, room // ls))
            placed = _legend_layout(
                face, self.label_pt, legend_labels, self.width, max_rows, swatch
            )
            if inner_labels is not legend_labels and (
                len(placed) < len(legend_labels)
                or any(t != legend_labels[i] for i, _, _, t in placed)
            ):  # names did not fit whole: drop a prefix they share, e.g. 'Resilience (...)'
                legend_labels = inner_labels
                placed = _legend_layout(
                    face, self.label_pt, legend_labels, self.width, max_rows, swatch
                )
            if len(placed) == len(legend_labels):
                break
        rows = (placed[-1][2] + 1) if placed else 0
        r = max(2, ls // 6)
        for i, dx, row, text in placed:
            x = rect.left + pad + dx
            y = self.top + row * ls + ls // 2
            name = entries[i]
            if name is not None:
                marker, dash = self.style_of[name]
                _polyline(self.surf, self.colour_of[name], [(x, y), (x + swatch - 1, y)], dash, 2)
                _marker(self.surf, marker, self.colour_of[name], self.bg, x + swatch / 2, y, r)
            else:  # the threshold
                _hdash(self.surf, self.palette.bad, x, x + swatch, y, 5, 3)
            if text:
                self.surf.blit(
                    face.render(text, self.label_pt, self.palette.text),
                    (x + swatch + 4, self.top + row * ls),
                )
        self.top += rows * ls + (pad if rows else 0)

    def place_plot(self, x_labels: Sequence[str] | None) -> None:
        """The plot's rectangle (room for the y tick labels at its left), its y ticks, and the
        points' x positions, inset from the axes so markers do not sit on them."""
        face, ls, rect = self.face, self.ls, self.rect
        plot_top = self.top + ls // 2  # room for half the top tick label
        plot_bottom = rect.bottom - self.pad - self.x_row
        plot_h = max(1, plot_bottom - plot_top)
        self.ticks = nice_ticks(self.lo, self.hi, max(2, min(5, plot_h // (ls + 4) + 1)))
        step = self.ticks[1] - self.ticks[0] if len(self.ticks) > 1 else (self.hi - self.lo)
        self.tick_texts = [_tick_text(t, step) for t in self.ticks]
        y_label_w = max((face.size(t, self.label_pt)[0] for t in self.tick_texts), default=0)
        plot_left = rect.left + self.pad + y_label_w + 5
        plot_right = rect.right - self.pad
        self.plot = pygame.Rect(plot_left, plot_top, max(1, plot_right - plot_left), plot_h)
        n = self.n_points
        last_text = ""
        if n:
            last_text = x_labels[n - 1] if x_labels and len(x_labels) >= n else str(n - 1)
        inset = max(6, face.size(last_text, self.label_pt)[0] // 2 + 1) if n else 6
        x0, x1 = self.plot.left + 6, self.plot.right - inset
        if n > 1:
            self.dx = (x1 - x0) / (n - 1)
            self.xs = [x0 + i * self.dx for i in range(n)]
        else:
            self.dx = float(x1 - x0)
            self.xs = [(x0 + x1) / 2] if n else []

    def y_of(self, v: float) -> float:
        t = (v - self.lo) / (self.hi - self.lo)
        return self.plot.bottom - min(1.02, max(-0.02, t)) * self.plot.h

    def draw_highlight(self, turn: int | None) -> None:
        if turn is None or not 0 <= turn < self.n_points:
            return
        band = pygame.Rect(0, self.plot.top, max(6, round(min(self.dx, 40) * 0.7)), self.plot.h)
        band.centerx = round(self.xs[turn])
        self.surf.fill(mix(self.bg, self.palette.accent, 0.22), band.clip(self.plot))

    def draw_y_axis(self) -> None:
        """Gridlines with their labels, and both axes."""
        plot, surf = self.plot, self.surf
        for t, text in zip(self.ticks, self.tick_texts, strict=True):
            y = round(self.y_of(t))
            pygame.draw.line(surf, self.grid_colour, (plot.left, y), (plot.right, y))
            label = self.face.render(text, self.label_pt, self.tick_colour)
            surf.blit(label, (plot.left - 5 - label.get_width(), y - self.ls // 2))
        pygame.draw.line(surf, self.axis_colour, (plot.left, plot.top), (plot.left, plot.bottom))
        pygame.draw.line(
            surf, self.axis_colour, (plot.left, plot.bottom), (plot.right, plot.bottom)
        )

    def draw_x_axis(self, x_labels: Sequence[str] | None, highlight_turn: int | None) -> None:
        """A tick for every point; labels for every turn if they fit, else every 2nd, 3rd…
        (the highlighted turn always), none overlapping the one before."""
        n, plot, face = self.n_points, self.plot, self.face
        if not n:
            return
        texts = [(x_labels[i] if x_labels and i < len(x_labels) else str(i)) for i in range(n)]
        widest = max(face.size(t, self.label_pt)[0] for t in texts)
        every = 1
        while every < n and every * self.dx < widest + 6:
            every += 1
        free_x = plot.left - 3  # the y labels end here; later labels start after earlier ones
        for i in range(n):
            x = round(self.xs[i])
            pygame.draw.line(self.surf, self.axis_colour, (x, plot.bottom), (x, plot.bottom + 3))
            if i % every and i != highlight_turn:
                continue
            colour = self.palette.accent if i == highlight_turn else self.tick_colour
            label = face.render(texts[i], self.label_pt, colour)
            lw = label.get_width()
            lx = min(max(plot.left - 3, x - lw // 2), self.rect.right - self.pad - lw)
            if lx < free_x:
                continue
            self.surf.blit(label, (lx, plot.bottom + 4))
            free_x = lx + lw + 6

    def draw_threshold(self, value: float) -> None:
        y = round(self.y_of(value))
        _hdash(self.surf, self.palette.bad, self.plot.left + 1, self.plot.right, y, 6, 4)

    def say_no_data(self) -> None:
        msg = self.face.fit(_("No data"), self.label_pt, self.plot.w)
        if msg:
            img = self.face.render(msg, self.label_pt, self.tick_colour)
            self.surf.blit(img, img.get_rect(center=self.plot.center))

    def points(self, name: str) -> list[tuple[int, float, float] | None]:
        """Each value's (index, x, y), None where the series has no value."""
        return [
            (i, self.xs[i], self.y_of(v)) if math.isfinite(v) else None
            for i, v in enumerate(self.data[name])
        ]

    def draw_lines(self) -> None:
        """Each series as lines between its values, broken where a value is missing."""
        for name in self.names:
            run: list[tuple[float, float]] = []
            _marker_kind, dash = self.style_of[name]
            for p in [*self.points(name), None]:
                if p is None:
                    _polyline(self.surf, self.colour_of[name], run, dash, 2)
                    run = []
                else:
                    run.append((p[1], p[2]))

    def draw_markers(self, turn_label: str, start_label: str) -> list[HoverRegion]:
        """Markers on top of every line, and a hover region for each with its value and change."""
        r = 3 if self.plot.h >= 90 and self.dx >= 14 else 2
        hover = int(max(8, min(16, self.dx * 0.8)))
        regions: list[HoverRegion] = []
        for name in self.names:
            marker, _dash = self.style_of[name]
            vals = self.data[name]
            for p in self.points(name):
                if p is None:
                    continue
                i, x, y = p
                _marker(self.surf, marker, self.colour_of[name], self.bg, x, y, r)
                regions.append(
                    (
                        self._hover_area(x, y, hover),
                        _point_tip(name, vals, i, turn_label, start_label),
                    )
                )
        return regions

    def _hover_area(self, x: float, y: float, size: int) -> pygame.Rect:
        area = pygame.Rect(0, 0, size, size)
        area.center = (round(x), round(y))
        if not self.rect.contains(area):  # at the edge of (or, in a tiny chart, beyond) the rect
            inside = area.clip(self.rect)
            area = inside if inside.w and inside.h else area.clamp(self.rect).clip(self.rect)
        return area


def _point_tip(name: str, vals: list[float], i: int, turn_label: str, start_label: str) -> str:
    """'Regional tension, Quarter 3: 41.2 (+1.5)': a point's value and its change."""
    when = start_label if i == 0 else _("{turn_label} {turn}").format(turn_label=turn_label, turn=i)
    value = f"{vals[i]:.1f}"  # one decimal always: the tooltip lines up with its neighbours'
    if i > 0 and math.isfinite(vals[i - 1]):
        return _("{series}, {when}: {value} ({change})").format(
            series=name, when=when, value=value, change=f"{vals[i] - vals[i - 1]:+.1f}"
        )
    return _("{series}, {when}: {value}").format(series=name, when=when, value=value)


# --- bars -----------------------------------------------------------------------------------


def draw_bar_scores(
    surface: pygame.Surface,
    rect: pygame.Rect | tuple[int, int, int, int],
    scores: Mapping[str, float],
    palette: Palette,
    font: pygame.font.Font,
    *,
    max_value: float = 100,
    colours: Mapping[str, RGB] | None = None,
    title: str | None = None,
    background: RGB | None = None,
    cache: bool = True,
) -> list[HoverRegion]:
    """Horizontal bars, one per name, with the value printed at the bar's end.

    Returns one hover region per name (its whole row) with a tooltip like
    "United States: 66.2 of 100". `colours` overrides `palette.series` per name.
    """
    rect = pygame.Rect(rect)
    data = {str(k): float(v) for k, v in scores.items()}
    key = None
    if cache:
        key = (
            "bars",
            rect.size,
            tuple(data.items()),
            palette,
            _font_key(font),
            max_value,
            tuple(sorted((k, tuple(c)) for k, c in colours.items())) if colours else None,
            title,
            background,
        )

    def draw(target: pygame.Surface, area: pygame.Rect) -> list[HoverRegion]:
        face = _Face(font)
        try:
            return _bars(
                target, area, data, palette, face, max_value, colours or {}, title, background
            )
        finally:
            face.close()

    return _cached_draw(surface, rect, key, draw)


def _bars(
    surf: pygame.Surface,
    rect: pygame.Rect,
    data: dict[str, float],
    palette: Palette,
    face: _Face,
    max_value: float,
    colours: Mapping[str, RGB],
    title: str | None,
    background: RGB | None,
) -> list[HoverRegion]:
    bg = background or palette.panel
    surf.fill(bg, rect)
    small = min(rect.w / 340, rect.h / 160)
    title_pt = face.pt(1.0 if small >= 1 else 0.9)
    label_pt = face.pt(0.9 if small >= 1 else 0.8)
    pad = max(3, face.linesize(label_pt) // 4)
    top = rect.top + pad
    width = rect.w - 2 * pad
    if title:
        text = face.fit(title, title_pt, width)
        if text:
            surf.blit(face.render(text, title_pt, palette.text), (rect.left + pad, top))
        top += face.linesize(title_pt) + pad // 2
    names = list(data)
    if not names:
        return []
    avail = rect.bottom - pad - top
    row_h = min(avail / len(names), face.linesize(label_pt) * 2.4)  # no wide gaps between bars
    # shrink the labels until a row holds one line of text
    while face.linesize(label_pt) > row_h and label_pt > face.pt(0.6):
        label_pt -= 1
    ls = face.linesize(label_pt)
    show_text = ls <= row_h + 1
    top_value = max_value if max_value > 0 else max([*data.values(), 1.0])
    name_w = 0
    if show_text:
        name_w = min(max(face.size(n, label_pt)[0] for n in names), int(width * 0.4))
    value_texts = {n: f"{v:.1f}" for n, v in data.items()}
    value_w = max(face.size(t, label_pt)[0] for t in value_texts.values()) if show_text else 0
    bar_left = rect.left + pad + (name_w + 8 if name_w else 0)
    bar_w = max(1, rect.right - pad - (value_w + 6 if value_w else 0) - bar_left)
    bar_h = max(2, min(int(row_h * 0.7), round(ls * 1.3)))
    track = mix(bg, palette.panel_border, 0.35)
    regions: list[HoverRegion] = []
    for i, name in enumerate(names):
        value = data[name]
        row = pygame.Rect(
            rect.left + pad, round(top + i * row_h), max(1, width), max(1, round(row_h))
        )
        cy = row.centery
        colour = (
            tuple(colours[name]) if name in colours else palette.series[i % len(palette.series)]
        )
        bar = pygame.Rect(bar_left, cy - bar_h // 2, bar_w, bar_h)
        surf.fill(track, bar)
        length = round(bar_w * min(1.0, max(0.0, value / top_value)))
        if length > 0:
            surf.fill(colour, (bar.x, bar.y, length, bar_h))
        if show_text:
            text = face.fit(name, label_pt, name_w)
            if text:
                surf.blit(face.render(text, label_pt, palette.text), (row.x, cy - ls // 2))
            img = face.render(value_texts[name], label_pt, palette.text)
            vx = bar.x + length + 4
            if vx + img.get_width() > rect.right - pad:  # pragma: no cover - reserved above
                vx = bar.x + length - img.get_width() - 4
            surf.blit(img, (vx, cy - ls // 2))
        max_text = f"{max_value:g}"
        area = row.clip(rect)
        if not (area.w and area.h):  # a rect too small for its rows
            area = row.clamp(rect).clip(rect)
        regions.append((area, f"{name}: {value:.1f} of {max_text}"))
    return regions
