"""The map names what the scenario is about at every size the game uses, its caption sits on
open sea, and a legend explains its marks."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.ui.settings import TEXT_SCALES
from tests.ui.conftest import frames
from tests.ui.screens import DEFAULT, new_session

SIZES = [(1280, 720), (1024, 600)]
SCALES = sorted({1.0, 1.3, *(s for s in TEXT_SCALES if s >= 1.0)})


def _turn_map(app, size, scale, screen: str):  # noqa: ANN001, ANN202
    from game.ui.mapview import region_for

    app.settings.window_size = size
    app.settings.text_scale = scale
    app.apply_settings()
    session = new_session(app, DEFAULT, turns=1)
    if screen == "turn":
        from game.ui.scenes.turn import TurnScene

        app.switch(TurnScene(app))
    else:
        from game.ui.scenes.projector import ProjectorScene

        app.switch(ProjectorScene(app))
    frames(app, 2)
    return region_for(session.game), app.scene.map_rect


def _chain_and_land(region, rect):  # noqa: ANN001, ANN202
    def px(points):  # noqa: ANN001, ANN202
        return np.asarray([region.project(lon, lat, rect) for lon, lat in points], float)

    land = [px(s.polygon) for s in region.shapes]
    chain = [px(line.points) for line in region.lines]
    return land, chain


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("screen", ["turn", "projector"])
def test_the_map_names_its_places_without_overlap_and_its_caption_sits_on_sea(
    app, size, scale, screen
):
    from game.ui.region_map import box_hits_land, box_hits_lines

    try:
        region, _rect = _turn_map(app, size, scale, screen)
    except (ImportError, AttributeError):
        pytest.skip(f"no {screen} screen here")
    drawn = region.drawn
    full = {lb.full for lb in drawn.labels}
    for name in ("Senkaku Is.", "Taiwan Strait", "TAIWAN", "JAPAN", "First island chain"):
        assert name in full, f"{name} left off the map at {size}, text {scale}: {sorted(full)}"
    boxes = [lb.rect for lb in drawn.labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.colliderect(b), f"map names overlap at {size}, text {scale}"
        assert drawn.rect.contains(a)
    caption = drawn.caption
    if caption is None:  # no free sea on a small map: the legend's row says it instead
        assert any("gray-zone action" in t.lower() for t in app.painter.drawn_text), (
            f"the caption is nowhere at {size}, text {scale}"
        )
        return
    land, chain = _chain_and_land(region, drawn.rect)
    assert not box_hits_land(caption.rect, land)
    assert not box_hits_lines(caption.rect, chain)
    assert caption.rect.collidelist(boxes) == -1


@pytest.mark.parametrize("size", SIZES)
def test_the_legend_lists_each_kind_of_mark(app, size):
    from game.ui.mapview import LEGEND_ITEMS

    _turn_map(app, size, 1.0, "turn")
    shown = " ".join(app.painter.drawn_text)
    for _kind, long, short in LEGEND_ITEMS:
        assert long in shown or short in shown, f"legend lacks {long!r} at {size}"


def test_box_tests_see_land_and_lines():
    from game.ui.region_map import box_hits_land, box_hits_lines

    square = np.asarray([(10, 10), (50, 10), (50, 50), (10, 50)], float)
    assert box_hits_land(pygame.Rect(20, 20, 5, 5), [square])  # inside
    assert box_hits_land(pygame.Rect(45, 45, 20, 20), [square])  # across an edge
    assert not box_hits_land(pygame.Rect(60, 60, 5, 5), [square])
    line = np.asarray([(0, 0), (100, 100)], float)
    assert box_hits_lines(pygame.Rect(40, 40, 5, 5), [line])
    assert not box_hits_lines(pygame.Rect(60, 10, 5, 5), [line])
