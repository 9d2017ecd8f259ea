"""The region map with this turn's gray-zone events marked where they happened."""

from __future__ import annotations

import pygame

from game.engine.game import Game, TurnReport
from game.i18n import N_, _, number
from game.ui.labels import actor_colour
from game.wording import event_title


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
        title = event_title(game.book, e.event_id, e.title)  # "Inducement: ..." for an offer
        tip = _("{title} ({place}; {domain})").format(title=title, place=loc.title, domain=domain)
        tip += "\n" + " ".join(e.text.split())
        if e.absorbed:
            tip += " " + _("Resilience absorbed {amount}.").format(amount=number(e.absorbed))
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


def scenario_places(game: Game):  # noqa: ANN201 - a tuple of MapPlace
    """The places the scenario is about: every location its events can be marked at, with how
    many events refer to it (kept, so the map's cache sees the same value every frame)."""
    key = ("places", id(game.scenario))
    cached = _MAPS.get(key)
    if cached is not None and cached[0] is game.scenario:
        return cached[1]
    from game.ui.region_map import MapPlace

    counts: dict[str, int] = {}
    for event in game.scenario.events:
        if event.location and event.location in game.scenario.locations:
            counts[event.location] = counts.get(event.location, 0) + 1
    places = tuple(
        MapPlace(loc.lon, loc.lat, loc.title, counts[lid])
        for lid, loc in game.scenario.locations.items()
        if lid in counts
    )
    _MAPS[key] = (game.scenario, places)
    return places


LEGEND_ITEMS = (  # translated where drawn (the English stays the key)
    ("event", N_("Gray-zone action"), N_("Action")),
    ("place", N_("Place in the scenario"), N_("Place")),
    ("chain", N_("First island chain"), N_("Island chain")),
)


def draw_region(
    app, surface: pygame.Surface, rect: pygame.Rect, game: Game, report: TurnReport | None
) -> None:  # noqa: ANN001
    """The map in `rect` with its legend below it; the caption sits on open sea in the map.
    Hovering a marker tells what happened."""
    painter = app.painter
    region = region_for(game)
    legend_h = painter.line_height(12)
    area = pygame.Rect(rect.x, rect.y, rect.width, max(2, rect.height - legend_h - 2))
    if isinstance(region, str):
        painter.panel(surface, area)
        painter.paragraph(
            surface,
            _("Map unavailable: {why}").format(why=region),
            area.inflate(-20, -20),
            13,
            app.palette.text_dim,
        )
        return
    markers = event_markers(game, report, app.palette)
    caption = _("Gray-zone actions this turn") if markers else _("No gray-zone action marked yet")
    hovers = region.draw(
        surface,
        area,
        app.palette,
        markers,
        app.fonts.get(12),
        None,
        app.time_s,
        places=scenario_places(game),
        small_font=app.fonts.get(10),
        caption=caption,
    )
    painter.block(area)
    for hover_rect, text in hovers:
        painter.hover(hover_rect, text)
    kinds = ["event", "place", "chain"]
    kinds += [k for k in dict.fromkeys(region.drawn.marker_kinds) if k not in kinds]
    colour = markers[0].colour if markers else app.palette.bad
    # a map too small to hold its caption on open sea gives it to the legend's row
    caption_left = caption if region.drawn.caption is None else None
    draw_legend(
        app,
        surface,
        pygame.Rect(rect.x, area.bottom + 2, rect.width, legend_h),
        kinds,
        colour,
        caption_left,
    )


def draw_legend(app, surface, rect, kinds, event_colour, caption=None) -> list[str]:  # noqa: ANN001, ANN201
    """One row: a symbol and a word for each kind of mark on the map, in the map's own
    colours and shapes. Long words give way to short ones, then to none, before it overflows.
    A `caption` the map had no free sea for comes first. Returns the texts drawn."""
    from game.ui.region_map import draw_chain_symbol, draw_event_symbol, draw_place_dot

    painter, pal = app.painter, app.palette
    names = {k: (_(long), _(short)) for k, long, short in LEGEND_ITEMS}
    h = painter.line_height(12)
    r = max(3, h // 5)
    sym_w = {"chain": max(14, h), "place": 2 * r + 2}
    gap = max(8, h // 2)

    def widths(index: int) -> int:
        total = 0
        for k in kinds:
            label = names.get(k, (k.title(), k.title()))[index]
            total += sym_w.get(k, 2 * r + 10) + 4 + painter.width(label, 12) + gap
        return total - gap

    x = rect.x + 2
    cy = rect.y + h // 2
    drawn: list[str] = []
    if caption:
        box = painter.text(
            surface, caption, (x, rect.y), 12, pal.text, max_width=max(1, rect.width // 2 - gap)
        )
        drawn.append(caption)
        x = box.right + gap
    pick = 0 if widths(0) <= rect.right - x - 2 else 1
    for k in kinds:
        label = names.get(k, (k.title(), k.title()))[pick]
        w = sym_w.get(k, 2 * r + 10)
        if x + w > rect.right:
            break
        if k == "chain":
            draw_chain_symbol(surface, (x, cy), w, pal, 2)
        elif k == "place":
            draw_place_dot(surface, (x + w // 2, cy), r - 1, pal)
        else:
            draw_event_symbol(surface, (x + w // 2, cy), max(2, r - 2), event_colour, pal)
        x += w + 4
        room = rect.right - x - 2
        if room < painter.width("…", 12) * 3:
            break
        box = painter.text(surface, label, (x, rect.y), 12, pal.text_dim, max_width=room)
        drawn.append(label)
        x = box.right + gap
    return drawn
