"""The region map with this turn's gray-zone events marked where they happened."""

from __future__ import annotations

import pygame

from game.engine.game import Game, TurnReport
from game.textui import event_title
from game.ui.labels import actor_colour


def event_markers(game: Game, report: TurnReport | None, palette):  # noqa: ANN001, ANN201
    from game.ui.region_map import MapMarker

    markers = []
    if report is None:
        return markers
    domains = game.scenario.indicators.resilience
    for e in report.events:
        if not e.location or e.location not in game.scenario.locations:
            continue
        loc = game.scenario.locations[e.location]
        colour = actor_colour(game, e.target, palette) if e.target else palette.bad
        domain = domains[e.domain].title or e.domain
        absorbed = f" Resilience absorbed {e.absorbed:g}." if e.absorbed else ""
        title = event_title(game.book, e.event_id, e.title)  # "Inducement: ..." for an offer
        tip = f"{title} ({loc.title}; {domain})\n{' '.join(e.text.split())}{absorbed}"
        markers.append(MapMarker(loc.lon, loc.lat, e.title, colour, tip))
    return markers


_MAPS: dict[object, object] = {}


def region_for(game: Game):  # noqa: ANN201 - a RegionMap, or the reason there is none (str)
    """The base map framed to the scenario's `map` box (one copy per frame, kept)."""
    frame = game.scenario.map
    key = (tuple(frame.lon), tuple(frame.lat))
    region = _MAPS.get(key)
    if region is None:
        base = _MAPS.get("asset")
        if base is None:
            try:
                from game.ui.region_map import RegionMap

                base = RegionMap.load()
            except (
                ImportError,
                ValueError,
                OSError,
            ) as err:  # a damaged asset must not stop the game
                base = str(err)
            _MAPS["asset"] = base
        region = base if isinstance(base, str) else base.framed(*key)
        _MAPS[key] = region
    return region


def draw_region(
    app, surface: pygame.Surface, rect: pygame.Rect, game: Game, report: TurnReport | None
) -> None:  # noqa: ANN001
    """The map in `rect` with a caption line below it; hovering a marker tells what happened."""
    painter = app.painter
    region = region_for(game)
    caption_h = painter.line_height(12)
    area = pygame.Rect(rect.x, rect.y, rect.width, max(2, rect.height - caption_h - 2))
    if isinstance(region, str):
        painter.panel(surface, area)
        painter.paragraph(
            surface, f"Map unavailable: {region}", area.inflate(-20, -20), 13, app.palette.text_dim
        )
        return
    markers = event_markers(game, report, app.palette)
    hovers = region.draw(surface, area, app.palette, markers, app.fonts.get(12), None, app.time_s)
    painter.block(area)
    for hover_rect, text in hovers:
        painter.hover(hover_rect, text)
    caption = "Gray-zone actions this turn" if markers else "No gray-zone action marked yet"
    painter.text(
        surface,
        caption,
        (rect.x + 2, area.bottom + 2),
        12,
        app.palette.text_dim,
        max_width=rect.width - 4,
    )
