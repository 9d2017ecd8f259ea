"""Charts: hover regions per data point, readable tooltips, the right direction, and no crashes
at awkward sizes or with missing data."""

from __future__ import annotations

import os
import re

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import charts  # noqa: E402
from game.ui.palette import HIGH_CONTRAST, OKABE_ITO  # noqa: E402


@pytest.fixture(scope="module")
def font():
    pygame.init()
    return pygame.font.Font(None, 22)


@pytest.fixture
def surface():
    return pygame.Surface((800, 400))


RECT = pygame.Rect(20, 30, 600, 300)
SERIES = {
    "Cooperation": [30.0, 29.0, 31.0, 41.0, 41.5],
    "Tension": [30.0, 30.5, 32.5, 39.0, 45.5],
}


def test_one_hover_region_per_data_point_inside_the_rect(surface, font):
    regions = charts.draw_line_chart(surface, RECT, SERIES, OKABE_ITO, font, title="Headline")
    assert len(regions) == sum(len(v) for v in SERIES.values())
    for area, tip in regions:
        assert RECT.contains(area), (area, tip)
        assert area.w > 0 and area.h > 0


def test_tooltip_names_series_turn_value_and_change(surface, font):
    regions = charts.draw_line_chart(surface, RECT, SERIES, OKABE_ITO, font, turn_label="Quarter")
    tips = [tip for _, tip in regions]
    assert "Tension, Quarter 4: 45.5 (+6.5)" in tips
    assert "Cooperation, Quarter 1: 29.0 (-1.0)" in tips
    start = [t for t in tips if t.startswith("Tension, Start")]
    assert start == ["Tension, Start: 30.0"]


def test_rising_series_ends_above_its_start(surface, font):
    colour = (255, 0, 255)
    values = [0.0, 25.0, 50.0, 75.0, 100.0]
    regions = charts.draw_line_chart(
        surface, RECT, {"Rise": values}, OKABE_ITO, font, colours={"Rise": colour}
    )
    first, last = regions[0][0], regions[-1][0]
    assert last.centery < first.centery  # screen y grows downwards
    assert last.centerx > first.centerx
    # the series' own colour is drawn at both points
    for area in (first, last):
        assert surface.get_at(area.center)[:3] == colour


def test_points_are_placed_by_value(surface, font):
    regions = charts.draw_line_chart(surface, RECT, {"A": [10.0, 90.0, 50.0]}, OKABE_ITO, font)
    ys = [area.centery for area, _ in regions]
    assert ys[1] < ys[2] < ys[0]


@pytest.mark.parametrize("size", [(200, 120), (300, 180), (120, 60), (40, 30), (1, 1)])
def test_small_rects_do_not_raise(surface, font, size):
    rect = pygame.Rect((10, 10), size)
    six = {f"Resilience ({d})": [40.0 + i, 45.0, 50.0 - i] for i, d in enumerate("ABCDEF")}
    regions = charts.draw_line_chart(
        surface,
        rect,
        six,
        OKABE_ITO,
        font,
        title="Resilience by domain",
        threshold=("crisis at 95", 95.0),
        highlight_turn=1,
    )
    for area, _ in regions:
        assert rect.contains(area)
    bars = charts.draw_bar_scores(
        surface, rect, {"United States": 66.2, "Japan": 50.0}, OKABE_ITO, font
    )
    assert len(bars) == 2 and all(rect.contains(area) for area, _ in bars)


def test_drawing_stays_inside_the_rect(font):
    surface = pygame.Surface((400, 300))
    marker = (1, 2, 3)
    surface.fill(marker)
    rect = pygame.Rect(50, 50, 300, 180)
    charts.draw_line_chart(
        surface, rect, {"A": [-50.0, 150.0, 50.0]}, OKABE_ITO, font, threshold=("x", 95.0)
    )
    charts.draw_bar_scores(surface, rect, {"A": 250.0, "B": -20.0}, OKABE_ITO, font)
    outside = [
        (x, y) for x in range(0, 400, 3) for y in range(0, 300, 3) if not rect.collidepoint(x, y)
    ]
    assert all(surface.get_at(p)[:3] == marker for p in outside)


@pytest.mark.parametrize(
    "series",
    [{}, {"A": []}, {"A": [42.0]}, {"A": [42.0], "B": []}, {"A": [1.0, float("nan"), 3.0]}],
)
def test_empty_and_single_point_series_do_not_raise(surface, font, series):
    regions = charts.draw_line_chart(
        surface, RECT, series, OKABE_ITO, font, title="T", threshold=("c", 95.0), highlight_turn=0
    )
    finite = sum(1 for v in series.values() for x in v if x == x)
    assert len(regions) == finite


def test_auto_range_and_custom_labels(surface, font):
    regions = charts.draw_line_chart(
        surface,
        RECT,
        {"Capital": [7.0, 6.0, 12.0]},
        HIGH_CONTRAST,
        font,
        y_range=None,
        x_labels=["Q1 2020", "Q2 2020", "Q3 2020"],
    )
    assert [t for _, t in regions][-1] == "Capital, Turn 2: 12.0 (+6.0)"
    ys = [a.centery for a, _ in regions]
    assert ys[2] < ys[0] < ys[1]


def test_nice_ticks():
    assert charts.nice_ticks(0, 100, 5) == [0, 25, 50, 75, 100]
    assert charts.nice_ticks(0, 100, 3) == [0, 50, 100]
    ticks = charts.nice_ticks(2.5, 12.5, 5)
    assert ticks[0] >= 2.5 and ticks[-1] <= 12.5 and len(ticks) <= 5


def test_line_styles_differ_beyond_colour():
    styles = [charts.line_style(i) for i in range(8)]
    assert len(set(styles)) == 8


def test_font_size_is_restored(surface, font):
    before = font.get_point_size()
    charts.draw_line_chart(
        surface, pygame.Rect(0, 0, 200, 120), SERIES, OKABE_ITO, font, cache=False
    )
    charts.draw_bar_scores(surface, pygame.Rect(0, 0, 200, 120), {"A": 1.0}, OKABE_ITO, font)
    assert font.get_point_size() == before


def test_cached_and_uncached_draws_agree(font):
    a, b = pygame.Surface((800, 400)), pygame.Surface((800, 400))
    ra = charts.draw_line_chart(a, RECT, SERIES, OKABE_ITO, font, title="T", cache=True)
    ra = charts.draw_line_chart(a, RECT, SERIES, OKABE_ITO, font, title="T", cache=True)
    rb = charts.draw_line_chart(b, RECT, SERIES, OKABE_ITO, font, title="T", cache=False)
    assert [(tuple(r), t) for r, t in ra] == [(tuple(r), t) for r, t in rb]
    assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")
    moved = charts.draw_line_chart(a, RECT.move(5, 7), SERIES, OKABE_ITO, font, title="T")
    assert [tuple(r.move(-5, -7)) for r, _ in moved] == [tuple(r) for r, _ in rb]


def test_bar_scores_one_region_per_name_and_longer_bars_for_bigger_scores(surface, font):
    scores = {"United States": 66.2, "Japan": 30.0, "Taiwan": 90.0}
    colours = {"United States": (255, 0, 0), "Japan": (0, 255, 0), "Taiwan": (0, 0, 255)}
    surface.fill((0, 0, 0))
    regions = charts.draw_bar_scores(surface, RECT, scores, OKABE_ITO, font, colours=colours)
    assert len(regions) == 3
    for (area, tip), (name, value) in zip(regions, scores.items(), strict=True):
        assert RECT.contains(area)
        assert name in tip and f"{value:.1f}" in tip

    def bar_length(area: pygame.Rect, colour: tuple[int, int, int]) -> int:
        y = area.centery
        return sum(1 for x in range(area.left, area.right) if surface.get_at((x, y))[:3] == colour)

    lengths = {n: bar_length(a, colours[n]) for (a, _), n in zip(regions, scores, strict=True)}
    assert lengths["Japan"] < lengths["United States"] < lengths["Taiwan"]
    assert lengths["Japan"] > 0


def test_bar_values_are_scaled_to_max_value(surface, font):
    regions = charts.draw_bar_scores(
        surface, RECT, {"A": 5.0, "B": 10.0}, OKABE_ITO, font, max_value=10
    )
    assert [re.sub(r"\s+", " ", t) for _, t in regions] == ["A: 5.0 of 10", "B: 10.0 of 10"]
    assert charts.draw_bar_scores(surface, RECT, {}, OKABE_ITO, font) == []


def test_an_unchanged_chart_is_drawn_once_then_copied_from_the_cache(font, monkeypatch):
    """Redrawing an unchanged chart every frame is one blit: the chart is drawn once, and a
    chart with other data (or `cache=False`) is drawn again."""
    six = {
        f"Resilience ({d})": [40.0 + (i * k) % 17 for k in range(13)]
        for i, d in enumerate("ABCDEF")
    }
    drawn = []
    real = charts._line_chart

    def counting(*args, **kwargs):
        drawn.append(args[2])  # the series
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "_line_chart", counting)
    charts._CHART_CACHE.clear()
    first, again = pygame.Surface((800, 400)), pygame.Surface((800, 400))
    regions = charts.draw_line_chart(first, RECT, six, OKABE_ITO, font, title="Resilience")
    for _ in range(20):
        assert charts.draw_line_chart(again, RECT, six, OKABE_ITO, font, title="Resilience") == (
            regions
        )
    assert len(drawn) == 1
    assert pygame.image.tobytes(first, "RGB") == pygame.image.tobytes(again, "RGB")
    changed = {**six, "Resilience (A)": [50.0] * 13}
    charts.draw_line_chart(again, RECT, changed, OKABE_ITO, font, title="Resilience")
    assert len(drawn) == 2
    for _ in range(3):
        charts.draw_line_chart(again, RECT, six, OKABE_ITO, font, title="Resilience", cache=False)
    assert len(drawn) == 5
