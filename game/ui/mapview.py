"""The region map with this turn's gray-zone events marked where they happened."""

from __future__ import annotations

import pygame

from game.engine.game import Game, TurnReport
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
        tip = f"{e.title} ({loc.title}; {domain})\n{' '.join(e.text.split())}{absorbed}"
        markers.append(MapMarker(loc.lon, loc.lat, e.title, colour, tip))
    return markers


_MAPS: dict[str, object] = {}


def draw_region(
    app, surface: pygame.Surface, rect: pygame.Rect, game: Game, report: TurnReport | None
) -> None:  # noqa: ANN001
    region = _MAPS.get("default")
    if region is None:
        try:
            from game.ui.region_map import RegionMap

            region = RegionMap.load()
        except (ImportError, ValueError, OSError) as err:  # a damaged asset must not stop the game
            region = str(err)
        _MAPS["default"] = region
    if isinstance(region, str):
        app.painter.panel(surface, rect)
        app.painter.paragraph(
            surface, f"Map unavailable: {region}", rect.inflate(-20, -20), 13, app.palette.text_dim
        )
        return
    markers = event_markers(game, report, app.palette)
    hovers = region.draw(surface, rect, app.palette, markers, app.fonts.get(12), None, app.time_s)
    for hover_rect, text in hovers:
        app.painter.hover(hover_rect, text)
    caption = "Gray-zone actions this turn" if markers else "No gray-zone action marked yet"
    app.painter.text(surface, caption, (rect.x + 8, rect.bottom - 22), 12, app.palette.text_dim)
