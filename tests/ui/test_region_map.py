"""The region map: its asset, projection, drawing, hover regions and static-layer cache."""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.paths import ASSET_DIR  # noqa: E402
from game.ui.palette import HIGH_CONTRAST, OKABE_ITO  # noqa: E402
from game.ui.region_map import MapMarker, RegionMap  # noqa: E402

TAIPEI = (121.56, 25.04)
TOKYO = (139.69, 35.69)
SENKAKUS = (123.5, 25.75)
STRAIT = (119.6, 24.2)


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


@pytest.fixture(scope="module")
def region() -> RegionMap:
    return RegionMap.load()


def _markers() -> list[MapMarker]:
    return [
        MapMarker(*SENKAKUS, "Incursion", (213, 94, 0), "Coast guard ships near the Senkakus"),
        MapMarker(*SENKAKUS, "Drone", (230, 159, 0), "A drone over the Senkakus"),
        MapMarker(*STRAIT, "Exercise", (230, 159, 0), "Live-fire exercise in the Taiwan Strait"),
        MapMarker(*TAIPEI, "Cyber", (86, 180, 233), "Cyber attack on Taipei", kind="incident"),
    ]


def test_asset_loads_with_the_required_shapes(region: RegionMap):
    ids = set(region.shape_ids)
    for required in (
        "honshu",
        "kyushu",
        "shikoku",
        "taiwan",
        "senkakus",
        "mainland",
        "luzon",
        "okinawa",
    ):
        assert required in ids, required
    assert region.shape("mainland").kind == "mainland"
    assert region.shape("taiwan").actor == "taiwan"
    assert region.shape("honshu").actor == "japan"
    assert region.line("first_island_chain").points
    lon0, lon1, lat0, lat1 = region.frame
    assert (lon0, lon1, lat0, lat1) == (114, 146, 12, 37)
    assert any(label.kind == "sea" for label in region.labels)


def test_senkakus_are_where_they_should_be(region: RegionMap):
    lons = [p[0] for p in region.shape("senkakus").polygon]
    lats = [p[1] for p in region.shape("senkakus").polygon]
    assert 123.2 < sum(lons) / len(lons) < 123.9
    assert 25.5 < sum(lats) / len(lats) < 26.0


def test_missing_or_malformed_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nowhere.json"
    with pytest.raises(ValueError, match="nowhere.json"):
        RegionMap.load(missing)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json"):
        RegionMap.load(bad_json)
    data = json.loads((ASSET_DIR / "map" / "region.json").read_text(encoding="utf-8"))
    data["shapes"][0]["polygon"] = [[1, 2]]
    short = tmp_path / "short.json"
    short.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"short\.json.*polygon"):
        RegionMap.load(short)
    data["shapes"][0]["polygon"] = [[0, 0], [1, 0], [1, 1]]
    data["shapes"][0]["kind"] = "ocean"
    kind = tmp_path / "kind.json"
    kind.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"kind\.json.*kind"):
        RegionMap.load(kind)


def test_projection_orders_cities_and_stays_inside(region: RegionMap):
    rect = pygame.Rect(0, 0, 1280, 720)
    tx, ty = region.project(*TAIPEI, rect)
    kx, ky = region.project(*TOKYO, rect)
    assert tx < kx  # Taipei is west of Tokyo
    assert ty > ky  # ... and south of it (screen y grows downwards)
    assert rect.collidepoint(tx, ty) and rect.collidepoint(kx, ky)
    lon, lat = region.unproject(tx, ty, rect)
    assert abs(lon - TAIPEI[0]) < 0.1 and abs(lat - TAIPEI[1]) < 0.1


def test_projection_is_fitted_and_centred(region: RegionMap):
    rect = pygame.Rect(100, 50, 1280, 720)
    lon0, lon1, lat0, lat1 = region.frame
    west, north = region.project(lon0, lat1, rect)
    east, south = region.project(lon1, lat0, rect)
    assert (north, south) == (rect.top, rect.bottom)  # height-limited: fills top to bottom
    assert abs((west - rect.left) - (rect.right - east)) <= 1  # centred horizontally
    # aspect kept: a degree of latitude is 1/cos(mid-latitude) times a degree of longitude
    ratio = (south - north) / (lat1 - lat0) / ((east - west) / (lon1 - lon0))
    assert ratio == pytest.approx(1 / 0.9100, rel=0.01)


def test_draw_returns_one_hover_region_per_marker_inside_the_rect(region: RegionMap):
    surface = pygame.Surface((1280, 720))
    rect = pygame.Rect(8, 46, 512, 287)
    markers = _markers()
    hovers = region.draw(surface, rect, OKABE_ITO, markers, time_s=0.4)
    assert len(hovers) == len(markers)
    assert [text for _, text in hovers] == [m.tooltip for m in markers]
    for hover, _ in hovers:
        assert rect.contains(hover)
    # the two Senkaku markers are spread apart, not stacked
    assert hovers[0][0].center != hovers[1][0].center


def test_markers_outside_the_frame_stay_inside_the_rect(region: RegionMap):
    surface = pygame.Surface((640, 360))
    rect = surface.get_rect()
    far = [
        MapMarker(170.0, 60.0, "Far", (255, 0, 0), "far away"),
        MapMarker(90.0, -5.0, "", (0, 0, 255), "also far"),
    ]
    hovers = region.draw(surface, rect, OKABE_ITO, far)
    assert len(hovers) == 2
    assert all(rect.contains(hover) for hover, _ in hovers)


def test_static_layer_is_cached_per_size_and_palette(region: RegionMap):
    surface = pygame.Surface((1280, 720))
    rect = surface.get_rect()
    region.draw(surface, rect, OKABE_ITO, _markers(), time_s=0.0)
    first = region.static_layer(rect.size, OKABE_ITO)
    renders = region.static_renders
    region.draw(surface, rect, OKABE_ITO, _markers(), time_s=0.7)
    assert region.static_layer(rect.size, OKABE_ITO) is first
    assert region.static_renders == renders
    region.draw(surface, rect, HIGH_CONTRAST)
    assert region.static_renders == renders + 1
    assert region.static_layer(rect.size, HIGH_CONTRAST) is not first


def test_taiwan_is_drawn_as_land(region: RegionMap):
    surface = pygame.Surface((1280, 720))
    rect = surface.get_rect()
    region.draw(surface, rect, OKABE_ITO)
    x, y = region.project(120.97, 23.7, rect)  # the middle of the island
    colour = tuple(surface.get_at((x, y)))[:3]
    assert colour != OKABE_ITO.sea
    assert colour == OKABE_ITO.land
    sea_x, sea_y = region.project(131.3, 19.3, rect)  # the Philippine Sea
    assert tuple(surface.get_at((sea_x, sea_y)))[:3] == OKABE_ITO.sea
    mx, my = region.project(113.0, 30.0, rect)  # inland China
    assert tuple(surface.get_at((mx, my)))[:3] == OKABE_ITO.land_mainland


def test_actor_tint_changes_only_that_actors_land(region: RegionMap):
    surface = pygame.Surface((1280, 720))
    rect = surface.get_rect()
    region.draw(surface, rect, OKABE_ITO, actor_colours={"taiwan": (86, 180, 233)})
    tw = tuple(surface.get_at(region.project(120.97, 23.7, rect)))[:3]
    lz = tuple(surface.get_at(region.project(121.2, 17.0, rect)))[:3]
    assert tw != OKABE_ITO.land
    assert lz == OKABE_ITO.land


def test_a_cached_frame_renders_the_static_map_once(region: RegionMap, monkeypatch):
    """Sea, land, chain and labels are rendered once per size: 60 frames of pulsing markers
    blit the same static layer; another size renders its own."""
    rendered = []
    real = region._render_static

    def counting(rect, *args, **kwargs):
        rendered.append(rect.size)
        return real(rect, *args, **kwargs)

    monkeypatch.setattr(region, "_render_static", counting)
    surface = pygame.Surface((1280, 720))
    rect = pygame.Rect(8, 46, 513, 287)  # a size no other test draws
    markers = _markers()
    layer = region.static_layer(rect.size, OKABE_ITO, None)
    for i in range(60):
        region.draw(surface, rect, OKABE_ITO, markers, time_s=i / 60)
    assert rendered == [(513, 287)]
    assert region.static_layer(rect.size, OKABE_ITO, None) is layer
    region.draw(surface, pygame.Rect(8, 46, 400, 225), OKABE_ITO, markers)
    assert rendered == [(513, 287), (400, 225)]
