"""The region map of the Western Pacific theatre.

Owns: loading and checking the base map file (``assets/map/region.json``: coastlines, the first
island chain, label anchors), the projection from (lon, lat) to pixels in a screen rect, the
rendered static layer (sea, land, chain, labels; cached per size, palette, font and tint), and
the per-frame event markers with their hover regions. It does not know about the game: callers
turn events into :class:`MapMarker` values and show the returned tooltips themselves.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pygame

from game import i18n
from game.i18n import pgettext
from game.paths import ASSET_DIR
from game.ui.palette import RGB, Palette
from game.ui.widgets import render_line

DEFAULT_MAP_FILE = ASSET_DIR / "map" / "region.json"

SHAPE_KINDS = ("mainland", "island", "land")
FILLS = ("mainland", "land")
LABEL_KINDS = ("sea", "land")
ANCHORS = ("center", "left", "right")

Point = tuple[float, float]
HoverRegion = tuple[pygame.Rect, str]

_PULSE_PERIOD_S = 1.5
_PULSE_PX = 2.0
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_STATIC_CACHE_SIZE = 4
_TEXT_CACHE_SIZE = 256


@dataclass(frozen=True)
class MapShape:
    """One closed land polygon; ``fill`` is "mainland" (PRC territory) or "land"."""

    id: str
    name: str
    kind: str
    actor: str | None
    fill: str
    polygon: tuple[Point, ...]


@dataclass(frozen=True)
class MapLine:
    """An open polyline, such as the first island chain."""

    id: str
    name: str
    points: tuple[Point, ...]
    label_at: Point | None = None
    label_anchor: str = "left"


@dataclass(frozen=True)
class MapLabel:
    """A fixed text on the map: a sea's or a country's name."""

    text: str
    lon: float
    lat: float
    kind: str = "sea"
    anchor: str = "center"
    priority: int = 5


@dataclass(frozen=True)
class MapMarker:
    """Something to mark on the map this frame, with the tooltip shown when hovered."""

    lon: float
    lat: float
    label: str
    colour: RGB
    tooltip: str
    kind: str = "event"


@dataclass(frozen=True)
class MapPlace:
    """A place the scenario is about (where its events happen): always named on the map.

    ``weight`` orders places that compete for room (how many events refer to it)."""

    lon: float
    lat: float
    title: str
    weight: int = 1


@dataclass(frozen=True)
class DrawnLabel:
    """A name the map drew: the text shown, the whole name, where (in surface pixels), and
    its tier (0 = a place the scenario is about, kept at every size; 2 = seas, first to go)."""

    text: str
    full: str
    rect: pygame.Rect
    kind: str
    tier: int


@dataclass
class MapDrawing:
    """What the last :meth:`RegionMap.draw` put on the screen, for layout checks and tests."""

    rect: pygame.Rect
    labels: list[DrawnLabel]
    caption: DrawnLabel | None
    marker_boxes: list[pygame.Rect]
    marker_kinds: list[str]


@dataclass(frozen=True)
class _Fit:
    """Where the frame lands inside a rect: pixel = origin + (lon*kx, -lat*scale)."""

    x0: float  # pixel x of lon = frame west edge
    y0: float  # pixel y of lat = frame north edge
    lon0: float
    lat1: float
    kx: float  # px per degree of longitude
    ky: float  # px per degree of latitude


class RegionMap:
    """The base map: data from :meth:`load`, drawing with :meth:`draw`."""

    def __init__(
        self,
        frame: tuple[float, float, float, float],
        shapes: Sequence[MapShape],
        lines: Sequence[MapLine] = (),
        labels: Sequence[MapLabel] = (),
        extent: tuple[float, float, float, float] | None = None,
        source: Path | None = None,
    ) -> None:
        """``frame`` and ``extent`` are (lon_min, lon_max, lat_min, lat_max)."""
        self.frame = frame
        self.extent = extent or frame
        self.shapes = tuple(shapes)
        self.lines = tuple(lines)
        self.labels = tuple(labels)
        self.source = source
        self._by_id = {s.id: s for s in self.shapes}
        self._lines_by_id = {ln.id: ln for ln in self.lines}
        lat_mid = (frame[2] + frame[3]) / 2.0
        self._cos_mid = math.cos(math.radians(lat_mid))
        self._shape_arrays = [np.asarray(s.polygon, dtype=np.float64) for s in self.shapes]
        # the only state: rendered static layers, fonts and rendered marker texts
        self._static: OrderedDict[tuple[Any, ...], _Layer] = OrderedDict()
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._texts: OrderedDict[tuple[Any, ...], pygame.Surface] = OrderedDict()
        self._captions: dict[tuple[Any, ...], pygame.Rect | None] = {}
        self.static_renders = 0  # how many times the static layer was drawn (not blitted)
        self.drawn = MapDrawing(pygame.Rect(0, 0, 0, 0), [], None, [], [])

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path = DEFAULT_MAP_FILE) -> RegionMap:
        """Read and check a map file; raises ValueError naming the file if it is missing or bad."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"map file {path}: not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"map file {path}: cannot be read ({exc})") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"map file {path}: not valid JSON ({exc})") from None
        try:
            return cls._from_data(data, path)
        except _MapError as exc:
            raise ValueError(f"map file {path}: {exc}") from None

    @classmethod
    def _from_data(cls, data: Any, path: Path | None) -> RegionMap:
        if not isinstance(data, dict):
            raise _MapError("the top level must be an object")
        frame = _box(data.get("frame"), "frame")
        extent = _box(data["extent"], "extent") if "extent" in data else frame
        raw_shapes = data.get("shapes")
        if not isinstance(raw_shapes, list) or not raw_shapes:
            raise _MapError("'shapes' must be a non-empty list")
        shapes: list[MapShape] = []
        seen: set[str] = set()
        for i, raw in enumerate(raw_shapes):
            where = f"shapes[{i}]"
            if not isinstance(raw, dict):
                raise _MapError(f"{where} must be an object")
            sid = _text(raw.get("id"), f"{where}.id")
            where = f"shape {sid!r}"
            if sid in seen:
                raise _MapError(f"{where} appears twice")
            seen.add(sid)
            kind = _choice(raw.get("kind"), SHAPE_KINDS, f"{where}.kind")
            actor = raw.get("actor")
            if actor is not None and not isinstance(actor, str):
                raise _MapError(f"{where}.actor must be a string or null")
            default_fill = "mainland" if kind == "mainland" else "land"
            fill = _choice(raw.get("fill", default_fill), FILLS, f"{where}.fill")
            polygon = _points(raw.get("polygon"), 3, f"{where}.polygon")
            name = _text(raw.get("name", sid), f"{where}.name")
            shapes.append(MapShape(sid, name, kind, actor, fill, polygon))
        lines: list[MapLine] = []
        raw_lines = data.get("lines", [])
        if not isinstance(raw_lines, list):
            raise _MapError("'lines' must be a list")
        for i, raw in enumerate(raw_lines):
            if not isinstance(raw, dict):
                raise _MapError(f"lines[{i}] must be an object")
            lid = _text(raw.get("id"), f"lines[{i}].id")
            where = f"line {lid!r}"
            points = _points(raw.get("points"), 2, f"{where}.points")
            label_at = raw.get("label_at")
            at = _points([label_at], 1, f"{where}.label_at")[0] if label_at is not None else None
            anchor = _choice(raw.get("label_anchor", "left"), ANCHORS, f"{where}.label_anchor")
            name = _text(raw.get("name", lid), f"{where}.name")
            lines.append(MapLine(lid, name, points, at, anchor))
        labels: list[MapLabel] = []
        raw_labels = data.get("labels", [])
        if not isinstance(raw_labels, list):
            raise _MapError("'labels' must be a list")
        for i, raw in enumerate(raw_labels):
            where = f"labels[{i}]"
            if not isinstance(raw, dict):
                raise _MapError(f"{where} must be an object")
            text = _text(raw.get("text"), f"{where}.text")
            lon, lat = _points([[raw.get("lon"), raw.get("lat")]], 1, f"{where} (lon, lat)")[0]
            kind = _choice(raw.get("kind", "sea"), LABEL_KINDS, f"{where}.kind")
            anchor = _choice(raw.get("anchor", "center"), ANCHORS, f"{where}.anchor")
            priority = raw.get("priority", 5)
            if not isinstance(priority, int) or isinstance(priority, bool):
                raise _MapError(f"{where}.priority must be an integer")
            labels.append(MapLabel(text, lon, lat, kind, anchor, priority))
        return cls(frame, shapes, lines, labels, extent=extent, source=path)

    def framed(self, lon: Sequence[float], lat: Sequence[float]) -> RegionMap:
        """This map showing another longitude/latitude box (a scenario's `map` frame).

        The asset's ``extent`` is how far its outlines go. A frame reaching beyond it is
        clamped to the extent: past that edge the file has no coastlines, so drawing open sea
        there would show land that exists as water. Markers for places outside the shown box
        are pinned to the map's edge, as always. A frame that is empty once clamped (or has
        west >= east, south >= north) falls back to the asset's own frame.
        """
        ext = self.extent
        box = (max(lon[0], ext[0]), min(lon[1], ext[1]), max(lat[0], ext[2]), min(lat[1], ext[3]))
        if not (box[0] < box[1] and box[2] < box[3]):
            box = self.frame
        if box == self.frame:
            return self
        return RegionMap(box, self.shapes, self.lines, self.labels, self.extent, self.source)

    # --- look-ups -----------------------------------------------------------------------

    @property
    def shape_ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def shape(self, shape_id: str) -> MapShape:
        """The shape with this id (KeyError if there is none)."""
        return self._by_id[shape_id]

    def line(self, line_id: str) -> MapLine:
        """The line with this id (KeyError if there is none)."""
        return self._lines_by_id[line_id]

    # --- projection ---------------------------------------------------------------------

    def _fit(self, rect: pygame.Rect) -> _Fit:
        lon0, lon1, lat0, lat1 = self.frame
        width_u = (lon1 - lon0) * self._cos_mid
        height_u = lat1 - lat0
        scale = min(rect.width / width_u, rect.height / height_u)
        x0 = rect.x + (rect.width - width_u * scale) / 2.0
        y0 = rect.y + (rect.height - height_u * scale) / 2.0
        return _Fit(x0, y0, lon0, lat1, scale * self._cos_mid, scale)

    def project(self, lon: float, lat: float, rect: pygame.Rect) -> tuple[int, int]:
        """Pixel of (lon, lat): equirectangular, x scaled by cos(mid-latitude), the frame fitted
        into ``rect`` with its aspect kept and centred (points outside the frame land in the
        letterbox margins or outside the rect)."""
        f = self._fit(rect)
        return (
            round(f.x0 + (lon - f.lon0) * f.kx),
            round(f.y0 + (f.lat1 - lat) * f.ky),
        )

    def unproject(self, x: float, y: float, rect: pygame.Rect) -> tuple[float, float]:
        """(lon, lat) under pixel (x, y); the inverse of :meth:`project`."""
        f = self._fit(rect)
        return (f.lon0 + (x - f.x0) / f.kx, f.lat1 - (y - f.y0) / f.ky)

    def _project_array(self, pts: np.ndarray, f: _Fit) -> np.ndarray:
        out = np.empty_like(pts)
        out[:, 0] = f.x0 + (pts[:, 0] - f.lon0) * f.kx
        out[:, 1] = f.y0 + (f.lat1 - pts[:, 1]) * f.ky
        return out

    # --- drawing ------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        palette: Palette,
        markers: Iterable[MapMarker] = (),
        font: pygame.font.Font | None = None,
        actor_colours: Mapping[str, RGB] | None = None,
        time_s: float = 0.0,
        places: Sequence[MapPlace] = (),
        small_font: pygame.font.Font | None = None,
        caption: str | None = None,
    ) -> list[HoverRegion]:
        """Blit the (cached) static map into ``rect`` and draw ``markers`` on it.

        ``font`` is used for all map text; None picks pygame's default font sized from the
        rect's height; ``small_font`` is what a name shrinks to before it would be dropped.
        ``actor_colours`` (actor id -> colour) tints that actor's land lightly. ``places`` are
        the places the scenario is about: marked with a dot and named at every size.
        ``caption`` is a line drawn on open sea, clear of land, the island chain, names and
        markers. ``time_s`` drives the markers' pulse. Returns one (rect, tooltip) per marker,
        in order, each inside ``rect``. What was drawn is kept in :attr:`drawn`."""
        rect = pygame.Rect(rect)
        self.drawn = MapDrawing(rect, [], None, [], [])
        if rect.width < 2 or rect.height < 2:
            return []
        layer = self._layer(rect.size, palette, font, actor_colours, tuple(places), small_font)
        surface.blit(layer.surface, rect.topleft)
        self.drawn.labels = [
            DrawnLabel(lb.text, lb.full, lb.rect.move(rect.topleft), lb.kind, lb.tier)
            for lb in layer.labels
        ]
        markers = list(markers)
        old_clip = surface.get_clip()
        surface.set_clip(rect.clip(old_clip) if old_clip else rect)
        try:
            avoid = [box.move(rect.topleft) for box in layer.label_boxes]
            hovers = self._draw_markers(surface, rect, palette, markers, font, time_s, avoid)
            if caption:
                self._draw_caption(surface, rect, palette, layer, caption, small_font or font)
        finally:
            surface.set_clip(old_clip)
        return hovers

    def static_layer(
        self,
        size: tuple[int, int],
        palette: Palette,
        font: pygame.font.Font | None = None,
        actor_colours: Mapping[str, RGB] | None = None,
        places: Sequence[MapPlace] = (),
        small_font: pygame.font.Font | None = None,
    ) -> pygame.Surface:
        """The sea, land, chain and labels for a rect of ``size``, rendered once and cached."""
        return self._layer(size, palette, font, actor_colours, tuple(places), small_font).surface

    def labels_for(
        self,
        size: tuple[int, int],
        palette: Palette,
        font: pygame.font.Font | None = None,
        places: Sequence[MapPlace] = (),
        small_font: pygame.font.Font | None = None,
    ) -> list[DrawnLabel]:
        """The names the static layer of this size shows, where they are (layer pixels)."""
        return list(self._layer(size, palette, font, None, tuple(places), small_font).labels)

    def _layer(
        self,
        size: tuple[int, int],
        palette: Palette,
        font: pygame.font.Font | None,
        actor_colours: Mapping[str, RGB] | None,
        places: tuple[MapPlace, ...] = (),
        small_font: pygame.font.Font | None = None,
    ) -> _Layer:
        tint = tuple(sorted(actor_colours.items())) if actor_colours else ()
        key = (tuple(size), palette.name, palette, font, small_font, tint, places, i18n.current())
        layer = self._static.get(key)
        if layer is not None:
            self._static.move_to_end(key)
            return layer
        layer = self._render_static(
            pygame.Rect((0, 0), size), palette, font, dict(tint), places, small_font
        )
        self._static[key] = layer
        while len(self._static) > _STATIC_CACHE_SIZE:
            self._static.popitem(last=False)
        return layer

    # --- the static layer ----------------------------------------------------------------

    def _font(self, size: int, italic: bool = False) -> pygame.font.Font:
        key = (size, italic)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(None, size)
            font.italic = italic
            self._fonts[key] = font
        return font

    @staticmethod
    def _text_size(height: int) -> int:
        return max(12, min(22, round(height * 0.026)))

    def _render_static(
        self,
        rect: pygame.Rect,
        palette: Palette,
        font: pygame.font.Font | None,
        tint: Mapping[str, RGB],
        places: tuple[MapPlace, ...] = (),
        small_font: pygame.font.Font | None = None,
    ) -> _Layer:
        self.static_renders += 1
        layer = pygame.Surface(rect.size)
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            layer = layer.convert()
        layer.fill(palette.sea)
        f = self._fit(rect)
        px = max(1.0, rect.height / 720.0)  # one "design pixel" at this size

        self._draw_graticule(layer, rect, f, palette)
        land = self._draw_land(layer, rect, f, palette, tint)
        chains = self._draw_lines(layer, rect, f, palette, px)
        dots = self._draw_places(layer, rect, palette, places)
        labels = self._place_labels(layer, rect, f, palette, font, small_font, places, dots)
        pygame.draw.rect(layer, palette.panel_border, rect, 1)
        boxes = tuple(lb.rect for lb in labels) + tuple(dots)
        return _Layer(layer, boxes, tuple(labels), tuple(land), tuple(chains))

    def _draw_graticule(
        self, layer: pygame.Surface, rect: pygame.Rect, f: _Fit, palette: Palette
    ) -> None:
        colour = _mix(palette.sea, palette.text_dim, 0.10)
        step = 5
        lon_w, lat_n = f.lon0 + (rect.left - f.x0) / f.kx, f.lat1 - (rect.top - f.y0) / f.ky
        lon_e, lat_s = f.lon0 + (rect.right - f.x0) / f.kx, f.lat1 - (rect.bottom - f.y0) / f.ky
        for lon in range(math.ceil(lon_w / step) * step, math.floor(lon_e) + 1, step):
            x = round(f.x0 + (lon - f.lon0) * f.kx)
            pygame.draw.line(layer, colour, (x, rect.top), (x, rect.bottom - 1))
        for lat in range(math.ceil(lat_s / step) * step, math.floor(lat_n) + 1, step):
            y = round(f.y0 + (f.lat1 - lat) * f.ky)
            pygame.draw.line(layer, colour, (rect.left, y), (rect.right - 1, y))

    def _draw_land(
        self,
        layer: pygame.Surface,
        rect: pygame.Rect,
        f: _Fit,
        palette: Palette,
        tint: Mapping[str, RGB],
    ) -> list[np.ndarray]:
        """Draw the land; returns its polygons in layer pixels (an islet as a small square)."""
        shown: list[np.ndarray] = []
        outlines: list[tuple[RGB, list[tuple[float, float]]]] = []
        dots: list[tuple[RGB, tuple[float, float]]] = []
        bounds = rect.inflate(4, 4)
        for shape, pts in zip(self.shapes, self._shape_arrays, strict=True):
            xy = self._project_array(pts, f)
            xmin, ymin = xy.min(axis=0)
            xmax, ymax = xy.max(axis=0)
            if (
                xmax < bounds.left
                or xmin > bounds.right
                or ymax < bounds.top
                or ymin > bounds.bottom
            ):
                continue
            base = palette.land_mainland if shape.fill == "mainland" else palette.land
            if shape.actor and shape.actor in tint:
                base = _mix(base, tint[shape.actor], 0.3)
            if xmax - xmin < 2.5 and ymax - ymin < 2.5:
                # an islet smaller than a dot: keep it visible
                cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
                dots.append((base, (cx, cy)))
                square = [(cx - 2, cy - 2), (cx + 2, cy - 2), (cx + 2, cy + 2), (cx - 2, cy + 2)]
                shown.append(np.asarray(square, dtype=np.float64))
                continue
            shown.append(xy)
            points = [(float(x), float(y)) for x, y in xy]
            pygame.draw.polygon(layer, base, points)
            outlines.append((base, points))
        border_colour = palette.land_border
        for base, points in outlines:
            colour = _mix(base, border_colour, 0.55)
            pygame.draw.aalines(layer, colour, True, points)
        for base, (x, y) in dots:
            pygame.draw.circle(layer, _mix(base, border_colour, 0.55), (round(x), round(y)), 2)
        return shown

    def _draw_lines(
        self,
        layer: pygame.Surface,
        rect: pygame.Rect,
        f: _Fit,
        palette: Palette,
        px: float,
    ) -> list[np.ndarray]:
        """Draw the dashed lines (the island chain); returns their pixel polylines."""
        dash, gap = 9.0 * px, 6.0 * px
        width = 2 if rect.height >= 480 else 1
        out: list[np.ndarray] = []
        for line in self.lines:
            xy = self._project_array(np.asarray(line.points, dtype=np.float64), f)
            out.append(xy)
            for a, b in _dashes(xy, dash, gap):
                if width == 1:
                    pygame.draw.aaline(layer, palette.chain, a, b)
                else:
                    pygame.draw.line(layer, palette.chain, a, b, width)
        return out

    def _draw_places(
        self,
        layer: pygame.Surface,
        rect: pygame.Rect,
        palette: Palette,
        places: tuple[MapPlace, ...],
    ) -> list[pygame.Rect]:
        """A small dot on each place the scenario is about; returns the dots' boxes."""
        out: list[pygame.Rect] = []
        r = place_dot_radius(rect.height)
        for place in places:
            x, y = self.project(place.lon, place.lat, rect)
            if not rect.inflate(-2 * r, -2 * r).collidepoint(x, y):
                continue
            draw_place_dot(layer, (x, y), r, palette)
            out.append(pygame.Rect(x - r, y - r, 2 * r + 1, 2 * r + 1))
        return out

    def _label_specs(self, places: tuple[MapPlace, ...]) -> list[_LabelSpec]:
        """Every name the map could show, most important first.

        Tier 0 (kept at every size, shrunk or shortened rather than dropped): the big land
        names (priority 0), the island chain, and each base-map name of a place the scenario
        is about. Tier 1: the scenario's other places, then the lesser land names. Tier 2:
        seas and oceans, which give way first."""
        specs: list[_LabelSpec] = []
        matched: dict[int, MapPlace] = {}
        unmatched: list[MapPlace] = []
        for place in sorted(places, key=lambda p: -p.weight):
            i = _matching_label(self.labels, place)
            if i is None or i in matched:
                if i is None:
                    unmatched.append(place)
                continue
            matched[i] = place
        for line in self.lines:
            if line.label_at is not None:
                lon, lat = line.label_at
                specs.append(_LabelSpec(line.name, lon, lat, "line", line.label_anchor, 0, -1))
        for i, label in enumerate(self.labels):
            place = matched.get(i)
            if place is not None and not _open_water(label.text):
                tier = 0
            elif label.kind == "land" and label.priority == 0:
                tier = 0
            elif label.kind == "land" or place is not None:
                tier = 1 if label.kind == "land" and place is None else 2
            else:
                tier = 2
            at = (place.lon, place.lat) if place is not None else None
            order = -place.weight if place is not None else label.priority
            specs.append(
                _LabelSpec(
                    label.text, label.lon, label.lat, label.kind, label.anchor, tier, order, at
                )
            )
        for place in unmatched:
            specs.append(
                _LabelSpec(
                    place.title,
                    place.lon,
                    place.lat,
                    "place",
                    "left",
                    1,
                    -place.weight,
                    (place.lon, place.lat),
                )
            )
        # places first within tier 1 (they carry events), then by the file's priority
        specs.sort(key=lambda s: (s.tier, s.kind != "place" if s.tier == 1 else False, s.order))
        return specs

    def _place_labels(
        self,
        layer: pygame.Surface,
        rect: pygame.Rect,
        f: _Fit,
        palette: Palette,
        font: pygame.font.Font | None,
        small_font: pygame.font.Font | None,
        places: tuple[MapPlace, ...],
        dots: list[pygame.Rect],
    ) -> list[DrawnLabel]:
        """Place the names, most important first; none overlaps another, a dot or the edge.

        A name that does not fit tries, in turn: spots around its point, the small font, a
        short form ("Senkaku Is.", "Taiwan Str."). Tier 2 names only show on maps tall enough
        (seas and oceans give way first); tier 0 names are kept at every size the game uses."""
        size = self._text_size(rect.height)
        inner = rect.inflate(-4, -4)
        most = 2 if rect.height < 400 else 3 if rect.height < 600 else 99
        placed: list[pygame.Rect] = []
        out: list[DrawnLabel] = []
        for spec in self._label_specs(places):
            if spec.tier == 2 and spec.order > most:
                continue
            italic = spec.kind in ("sea", "line")
            if font is None:
                big = self._font(size - 1 if italic else size)
                small = self._font(max(10, size - 4))
            else:
                big = font
                small = small_font or font
            colour = {"sea": palette.text_dim, "line": palette.chain}.get(spec.kind, palette.text)
            point = self.project(spec.lon, spec.lat, rect)
            own = [d for d in dots if spec.at and d.collidepoint(self.project(*spec.at, rect))]
            spots: list[tuple[tuple[float, float], str]] = [(point, spec.anchor)]
            if spec.at is not None:
                ax, ay = self.project(spec.at[0], spec.at[1], rect)
                near = place_dot_radius(rect.height) + 3
                for gap in (near, near + 6, near + 14):
                    spots += [
                        ((ax + gap, ay), "left"),
                        ((ax - gap, ay), "right"),
                        ((ax, ay - gap), "above"),
                        ((ax, ay + gap), "below"),
                        ((ax + gap, ay - gap), "left"),
                        ((ax + gap, ay + gap), "left"),
                        ((ax - gap, ay - gap), "right"),
                        ((ax - gap, ay + gap), "right"),
                    ]
            if spec.tier == 0 and spec.at is None:  # nudge a kept name that does not fit
                x, y = point
                for d in (6, 12, 18, 24, 32, 40):
                    for dx, dy in (
                        (0, -1),
                        (0, 1),
                        (1, 0),
                        (-1, 0),
                        (1, -1),
                        (1, 1),
                        (-1, -1),
                        (-1, 1),
                    ):
                        spots.append(((x + dx * d, y + dy * d), spec.anchor))
            # drawn in the current language; placed and matched by the base map's own name
            shown = map_name(spec.text)
            texts = [shown]
            short = short_name(spec.text)
            if short != spec.text and (shown == spec.text or map_name(short) != short):
                texts.append(map_name(short))
            fonts = [big] if small is big else [big, small]
            if spec.tier == 2:
                tries = [(big, shown, spots[:1])]
            else:
                tries = [(fo, t, spots) for t in texts for fo in fonts]
            found = None
            for text_font, text, where in tries:
                surf = _render(text_font, text, colour, italic=italic)
                for at, anchor in where:
                    box = _anchored(surf.get_rect(), at, anchor)
                    if not inner.contains(box) or box.inflate(4, 0).collidelist(placed) != -1:
                        continue
                    # a kept name may cover another place's dot, never its own
                    if box.collidelist(dots if spec.tier else own) != -1:
                        continue
                    found = (text_font, text, surf, box)
                    break
                if found:
                    break
            if found is None:
                continue
            text_font, text, surf, box = found
            shadow = _render(text_font, text, palette.background, italic=italic)
            layer.blit(shadow, box.move(1, 1))
            layer.blit(surf, box)
            placed.append(box)
            out.append(DrawnLabel(text, shown, box, spec.kind, spec.tier))
        return out

    # --- the caption ----------------------------------------------------------------------

    def _draw_caption(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        palette: Palette,
        layer: _Layer,
        caption: str,
        font: pygame.font.Font | None,
    ) -> None:
        """Draw ``caption`` at the first free spot: a corner of open sea if one is free."""
        text_font = font or self._font(max(11, self._text_size(rect.height) - 2))
        text = self._text(text_font, caption, palette.text_dim)
        size = (text.get_width() + 6, text.get_height() + 2)
        local = self._caption_spot(
            rect.size, layer, size, [b.move(-rect.x, -rect.y) for b in self.drawn.marker_boxes]
        )
        if local is None:
            return
        box = local.move(rect.topleft)
        surface.blit(self._backdrop(box.size, palette.background), box)
        surface.blit(text, box.move(3, 1))
        self.drawn.caption = DrawnLabel(caption, caption, box, "caption", 0)

    def _caption_spot(
        self,
        size: tuple[int, int],
        layer: _Layer,
        box_size: tuple[int, int],
        markers: list[pygame.Rect],
    ) -> pygame.Rect | None:
        key = ("caption", size, box_size, tuple(tuple(m) for m in markers), id(layer))
        cached = self._captions.get(key, False)
        if cached is not False:
            return cached
        area = pygame.Rect((0, 0), size).inflate(-6, -6)
        w, h = box_size
        spot = None
        if w <= area.width and h <= area.height:
            avoid = list(layer.label_boxes) + markers
            xs = _steps(area.left, area.right - w, max(1, (area.width - w) // 5))
            ys = _steps(area.top, area.bottom - h, max(1, (area.height - h) // 4))
            # corners first (bottom ones first: the sea is wide in the south), then nearest
            # an edge
            cands = [pygame.Rect(x, y, w, h) for y in ys for x in xs]

            def edge(r: pygame.Rect) -> tuple[int, int]:
                dx = min(r.left - area.left, area.right - r.right)
                dy = min(r.top - area.top, area.bottom - r.bottom)
                return (dx + dy, -r.y)

            cands.sort(key=edge)
            for cand in cands:
                if cand.inflate(4, 2).collidelist(avoid) != -1:
                    continue
                if box_hits_land(cand, layer.land) or box_hits_lines(
                    cand.inflate(4, 4), layer.chains
                ):
                    continue
                spot = cand
                break
        self._captions[key] = spot
        if len(self._captions) > 64:
            self._captions.clear()
        return spot

    # --- markers ------------------------------------------------------------------------

    def _text(self, font: pygame.font.Font, text: str, colour: RGB) -> pygame.Surface:
        key = (font, text, colour)
        surf = self._texts.get(key)
        if surf is None:
            surf = render_line(font, text, colour)
            self._texts[key] = surf
            while len(self._texts) > _TEXT_CACHE_SIZE:
                self._texts.popitem(last=False)
        return surf

    def _draw_markers(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        palette: Palette,
        markers: list[MapMarker],
        font: pygame.font.Font | None,
        time_s: float,
        static_labels: list[pygame.Rect],
    ) -> list[HoverRegion]:
        radius = max(5, round(rect.height / 80))
        step = 2 * radius + 3
        pulse = _PULSE_PX * math.sin(2.0 * math.pi * (time_s % _PULSE_PERIOD_S) / _PULSE_PERIOD_S)
        text_font = font or self._font(max(12, self._text_size(rect.height) - 2))
        margin = radius + 3
        inner = rect.inflate(-2 * margin, -2 * margin)
        bases: list[tuple[int, int]] = []
        centres: list[tuple[int, int]] = []
        for m in markers:
            x, y = self.project(m.lon, m.lat, rect)
            if inner.width > 0 and inner.height > 0:
                x = min(max(x, inner.left), inner.right - 1)
                y = min(max(y, inner.top), inner.bottom - 1)
            # markers at (nearly) the same place spiral outwards instead of covering each other
            k = sum(1 for bx, by in bases if abs(bx - x) <= 2 and abs(by - y) <= 2)
            bases.append((x, y))
            if k:
                angle = k * _GOLDEN_ANGLE - math.pi / 2.0
                dist = step * math.sqrt(k)
                x += round(dist * math.cos(angle))
                y += round(dist * math.sin(angle))
            centres.append((x, y))

        hovers: list[HoverRegion] = []
        taken = [
            pygame.Rect(cx - radius - 2, cy - radius - 2, 2 * radius + 4, 2 * radius + 4)
            for cx, cy in centres
        ]
        for m, (cx, cy) in zip(markers, centres, strict=True):
            r = radius + (pulse if m.kind == "event" else 0.0)
            ring = palette.background if _luma(m.colour) > 110 else palette.text
            if m.kind == "event":
                halo = _mix(palette.sea, m.colour, 0.45)
                pygame.draw.circle(surface, halo, (cx, cy), round(radius + _PULSE_PX + 4), 1)
                pygame.draw.circle(surface, ring, (cx, cy), round(r) + 2)
                pygame.draw.circle(surface, m.colour, (cx, cy), max(2, round(r)))
            else:
                d = radius + 2
                pygame.draw.polygon(
                    surface,
                    ring,
                    [(cx, cy - d - 1), (cx + d + 1, cy), (cx, cy + d + 1), (cx - d - 1, cy)],
                )
                pygame.draw.polygon(
                    surface,
                    m.colour,
                    [(cx, cy - d + 1), (cx + d - 1, cy), (cx, cy + d - 1), (cx - d + 1, cy)],
                )
            if m.label:
                self._draw_marker_label(
                    surface,
                    rect,
                    palette,
                    text_font,
                    m.label,
                    (cx, cy),
                    radius,
                    taken,
                    static_labels,
                )
            hit = pygame.Rect(0, 0, 2 * (radius + 4), 2 * (radius + 4))
            hit.center = (cx, cy)
            hovers.append((hit.clamp(rect).clip(rect), m.tooltip))
        halo = round(radius + _PULSE_PX + 5)
        self.drawn.marker_boxes = [
            pygame.Rect(cx - halo, cy - halo, 2 * halo + 1, 2 * halo + 1) for cx, cy in centres
        ] + taken[len(centres) :]
        self.drawn.marker_kinds = [m.kind for m in markers]
        return hovers

    def _draw_marker_label(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        palette: Palette,
        font: pygame.font.Font,
        label: str,
        centre: tuple[int, int],
        radius: int,
        taken: list[pygame.Rect],
        static_labels: list[pygame.Rect],
    ) -> None:
        """Put the label beside its marker where it hides no other marker or marker label
        (and, if possible, no map label); leave it out when there is no such place."""
        text = self._text(font, label, palette.text)
        shadow = self._text(font, label, palette.background)
        cx, cy = centre
        gap = radius + 5
        w, h = text.get_size()
        box = pygame.Rect(0, 0, w + 4, h)  # with the backdrop's margin
        mid, up, down = cy - h // 2, cy - radius - h, cy + radius
        candidates = (
            box.move(cx + gap - 2, mid),
            box.move(cx - gap - box.width + 2, mid),
            box.move(cx + gap - 4, up),
            box.move(cx + gap - 4, down),
            box.move(cx - gap - box.width + 4, up),
            box.move(cx - gap - box.width + 4, down),
            box.move(cx - box.width // 2, cy - gap - h),
            box.move(cx - box.width // 2, cy + gap),
        )
        inside = [c for c in candidates if rect.contains(c) and c.collidelist(taken) == -1]
        if not inside:
            return
        choice = next((c for c in inside if c.collidelist(static_labels) == -1), inside[0])
        taken.append(choice)
        backdrop = self._backdrop(choice.size, palette.background)
        surface.blit(backdrop, choice)
        surface.blit(shadow, choice.move(3, 1))
        surface.blit(text, choice.move(2, 0))

    def _backdrop(self, size: tuple[int, int], colour: RGB) -> pygame.Surface:
        key = ("backdrop", size, colour)
        surf = self._texts.get(key)
        if surf is None:
            surf = pygame.Surface(size, pygame.SRCALPHA)
            surf.fill((*colour, 160))
            self._texts[key] = surf
        return surf


@dataclass(frozen=True)
class _Layer:
    """A rendered static map and where its labels went (so markers can avoid them)."""

    surface: pygame.Surface
    label_boxes: tuple[pygame.Rect, ...]  # names and place dots
    labels: tuple[DrawnLabel, ...] = ()
    land: tuple[np.ndarray, ...] = ()  # land polygons in layer pixels
    chains: tuple[np.ndarray, ...] = ()  # the island chain(s) in layer pixels


@dataclass(frozen=True)
class _LabelSpec:
    """A name waiting for a place on the map (see RegionMap._label_specs)."""

    text: str
    lon: float
    lat: float
    kind: str
    anchor: str
    tier: int
    order: float
    at: Point | None = None  # the place's own point, when the name belongs to one


class _MapError(Exception):
    """A problem inside the map data (wrapped into a ValueError naming the file)."""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _MapError(f"{where} must be a non-empty string")
    return value


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise _MapError(f"{where} must be one of {', '.join(allowed)} (got {value!r})")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _MapError(f"{where} must be a finite number (got {value!r})")
    return float(value)


def _points(value: Any, minimum: int, where: str) -> tuple[Point, ...]:
    if not isinstance(value, list) or len(value) < minimum:
        raise _MapError(f"{where} must be a list of at least {minimum} [lon, lat] pairs")
    out: list[Point] = []
    for j, pair in enumerate(value):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise _MapError(f"{where}[{j}] must be a [lon, lat] pair")
        lon = _number(pair[0], f"{where}[{j}] lon")
        lat = _number(pair[1], f"{where}[{j}] lat")
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise _MapError(f"{where}[{j}] = {pair!r} is not a longitude/latitude")
        out.append((lon, lat))
    return tuple(out)


def _box(value: Any, where: str) -> tuple[float, float, float, float]:
    if not isinstance(value, dict):
        raise _MapError(
            f'\'{where}\' must be an object like {{"lon": [114, 146], "lat": [12, 37]}}'
        )
    spans = []
    for axis in ("lon", "lat"):
        span = value.get(axis)
        if not isinstance(span, list) or len(span) != 2:
            raise _MapError(f"{where}.{axis} must be [min, max]")
        lo, hi = _number(span[0], f"{where}.{axis}[0]"), _number(span[1], f"{where}.{axis}[1]")
        if not lo < hi:
            raise _MapError(f"{where}.{axis} must be [min, max] with min < max")
        spans.extend((lo, hi))
    return (spans[0], spans[1], spans[2], spans[3])


def _render(font: pygame.font.Font, text: str, colour: RGB, italic: bool = False) -> pygame.Surface:
    """Render ``text``, in italics if asked, leaving a caller's font as it was."""
    if not italic or font.italic:
        return render_line(font, text, colour)
    font.italic = True
    try:
        return render_line(font, text, colour)
    finally:
        font.italic = False


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _luma(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _anchored(box: pygame.Rect, point: tuple[float, float], anchor: str) -> pygame.Rect:
    x, y = round(point[0]), round(point[1])
    box = pygame.Rect(box)
    if anchor == "left":
        box.midleft = (x, y)
    elif anchor == "right":
        box.midright = (x, y)
    elif anchor == "above":
        box.midbottom = (x, y)
    elif anchor == "below":
        box.midtop = (x, y)
    else:
        box.center = (x, y)
    return box


def _dashes(
    xy: np.ndarray, dash: float, gap: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Split a polyline into dash segments of length ``dash`` separated by ``gap``."""
    out: list[tuple[tuple[float, float], tuple[float, float]]] = []
    period = dash + gap
    travelled = 0.0  # distance along the line at the start of the current segment
    for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:], strict=True):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        # dash k covers [k * period, k * period + dash] along the whole line
        for k in range(
            math.floor(travelled / period), math.floor((travelled + length) / period) + 1
        ):
            s = max(k * period, travelled) - travelled
            e = min(k * period + dash, travelled + length) - travelled
            if e > s:
                out.append(
                    (
                        (float(x0 + ux * s), float(y0 + uy * s)),
                        (float(x0 + ux * e), float(y0 + uy * e)),
                    )
                )
        travelled += length
    return out


# --- names, place dots, legend symbols and geometry (shared with the legend and tests) ------

_SHORT = (
    (" Islands", " Is."),
    (" Island", " I."),
    (" Strait", " Str."),
    (" Channel", " Ch."),
    ("First island chain", "Island chain"),
)


def map_name(text: str) -> str:
    """A base-map name (assets/map/region.json: seas, countries, the island chain) in the
    current language; any other text (a scenario's place, already in its language) as it is.
    The names are catalog messages (context "map"), so the map file is never duplicated."""
    names = {
        "East China Sea": pgettext("map", "East China Sea"),
        "South China Sea": pgettext("map", "South China Sea"),
        "Philippine Sea": pgettext("map", "Philippine Sea"),
        "Pacific Ocean": pgettext("map", "Pacific Ocean"),
        "Sea of Japan": pgettext("map", "Sea of Japan"),
        "Yellow Sea": pgettext("map", "Yellow Sea"),
        "Taiwan Strait": pgettext("map", "Taiwan Strait"),
        "Luzon Strait": pgettext("map", "Luzon Strait"),
        "CHINA": pgettext("map", "CHINA"),
        "JAPAN": pgettext("map", "JAPAN"),
        "TAIWAN": pgettext("map", "TAIWAN"),
        "PHILIPPINES": pgettext("map", "PHILIPPINES"),
        "KOREA": pgettext("map", "KOREA"),
        "Okinawa": pgettext("map", "Okinawa"),
        "Senkaku Is.": pgettext("map", "Senkaku Is."),
        "Guam": pgettext("map", "Guam"),
        "Hainan": pgettext("map", "Hainan"),
        "First island chain": pgettext("map", "First island chain"),
        "Island chain": pgettext("map", "Island chain"),
    }
    return names.get(text, text)


def short_name(text: str) -> str:
    """A shorter form of a place name: "(...)" left out, "Islands" -> "Is.", and so on."""
    out = text
    while "(" in out and ")" in out.split("(", 1)[1]:
        head, rest = out.split("(", 1)
        out = (head.rstrip() + " " + rest.split(")", 1)[1].lstrip()).strip()
    for long, short in _SHORT:
        out = out.replace(long, short)
    return out


def _key_words(text: str) -> str:
    words = [w for w in short_name(text).lower().replace(".", "").split() if w]
    return words[0] if words else ""


def _matching_label(labels: Sequence[MapLabel], place: MapPlace) -> int | None:
    """The base-map name standing for ``place``: same first word (or, in a language that
    writes without spaces, the place's title begins with the name as the map shows it),
    within 3 degrees."""
    word = _key_words(place.title)
    for i, label in enumerate(labels):
        shown = map_name(label.text)
        same = _key_words(label.text) == word or (
            shown != label.text and place.title.startswith(shown)
        )
        if not same:
            continue
        if abs(label.lon - place.lon) <= 3.0 and abs(label.lat - place.lat) <= 3.0:
            return i
    return None


def _open_water(text: str) -> bool:
    """A sea's or an ocean's name (these give way first), not a strait's or channel's."""
    last = text.split()[-1].lower() if text.split() else ""
    return last in ("sea", "ocean")


def _steps(lo: int, hi: int, n: int) -> list[int]:
    if hi <= lo:
        return [lo]
    step = max(1, (hi - lo) // n)
    out = list(range(lo, hi + 1, step))
    if out[-1] != hi:
        out.append(hi)
    return out


def place_dot_radius(height: int) -> int:
    return 2 if height < 480 else 3


def draw_place_dot(surface: pygame.Surface, centre: tuple[int, int], r: int, palette: Palette):  # noqa: ANN201
    """A place the scenario is about: a small light dot with a dark ring."""
    pygame.draw.circle(surface, palette.background, centre, r + 1)
    pygame.draw.circle(surface, palette.text, centre, r)


def draw_event_symbol(
    surface: pygame.Surface, centre: tuple[int, int], radius: int, colour: RGB, palette: Palette
) -> None:
    """An event marker as the map draws it (without the pulse)."""
    ring = palette.background if _luma(colour) > 110 else palette.text
    cx, cy = centre
    pygame.draw.circle(surface, _mix(palette.sea, colour, 0.45), (cx, cy), radius + 4, 1)
    pygame.draw.circle(surface, ring, (cx, cy), radius + 2)
    pygame.draw.circle(surface, colour, (cx, cy), max(2, radius))


def draw_chain_symbol(
    surface: pygame.Surface, start: tuple[int, int], length: int, palette: Palette, width: int
) -> None:
    """A piece of the dashed island-chain line."""
    x, y = start
    xy = np.asarray([(x, y), (x + length, y)], dtype=np.float64)
    for a, b in _dashes(xy, max(4.0, length / 3.0), max(3.0, length / 5.0)):
        pygame.draw.line(surface, palette.chain, a, b, width)


def _inside(x: float, y: float, poly: np.ndarray) -> bool:
    xs, ys = poly[:, 0], poly[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    cross = (ys > y) != (yj > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (xj - xs) * (y - ys) / (yj - ys) + xs
    return bool(np.count_nonzero(cross & (x < at)) % 2)


def box_hits_land(box: pygame.Rect, polygons: Iterable[np.ndarray]) -> bool:
    """Whether ``box`` touches any of the (pixel) polygons: edge crossing, a vertex inside
    the box, or the box inside the polygon."""
    for poly in polygons:
        xmin, ymin = poly.min(axis=0)
        xmax, ymax = poly.max(axis=0)
        if xmax < box.left or xmin > box.right or ymax < box.top or ymin > box.bottom:
            continue
        if _inside(box.centerx, box.centery, poly):
            return True
        closed = np.vstack([poly, poly[:1]])
        if box_hits_lines(box, [closed]):
            return True
    return False


def box_hits_lines(box: pygame.Rect, lines: Iterable[np.ndarray]) -> bool:
    """Whether ``box`` touches any segment of the (pixel) polylines."""
    for xy in lines:
        for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:], strict=True):
            if box.clipline(float(x0), float(y0), float(x1), float(y1)):
                return True
    return False
