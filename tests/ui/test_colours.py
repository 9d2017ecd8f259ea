"""Colours with one meaning each, text everyone can read, and chart lines that stay apart.

- Every text colour of each palette (text, dim text, good, bad, warning, links, and every
  delegation of every bundled scenario) has WCAG AA contrast (4.5:1) on the panel and the
  background it is drawn on; so has the text of every themed widget.
- Delegation colours are not good, bad or warning: at least MIN_FROM_MEANING apart in
  CIEDE2000 (about the distance between the palette's own bad and warning, which players tell
  apart at a glance), in both palettes, whatever colours a scenario asks for.
- The six resilience lines (debrief and report) differ pairwise in marker and in dash, which
  carries them in greyscale; their colours also stay CVD_APART apart in CIEDE2000 under a
  simulated deuteranopia (Machado, Oliveira and Fernandes 2009, severity 1).
"""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.paths import SCENARIO_DIR  # noqa: E402
from game.report import charts as report_charts  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.ui import charts  # noqa: E402
from game.ui.labels import delegation_colour  # noqa: E402
from game.ui.palette import (  # noqa: E402
    AA_TEXT,
    HIGH_CONTRAST,
    MIN_APART,
    MIN_FROM_MEANING,
    OKABE_ITO,
    PALETTES,
    RGB,
    _linear,
    contrast_ratio,
    delegation_colours,
    delta_e,
    delta_e_lab,
    hex_rgb,
    readable,
)
from game.ui.theme import build_theme  # noqa: E402

# Under a simulated colour-vision deficiency, lines this far apart (CIEDE2000) are different
# colours, not shades of one (the pre-fix default had Air and Political at 11.5).
CVD_APART = 15.0
RESILIENCE_LINES = 6
SCENARIOS = sorted(SCENARIO_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def scenarios():
    return {path.name: load_scenario(path).scenario for path in SCENARIOS}


# --- the measures themselves --------------------------------------------------------------


def test_contrast_and_colour_difference_match_their_published_values():
    """WCAG's own examples and Sharma, Wu and Dalal's CIEDE2000 test data: the rules below
    measure what they claim to."""
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    sharma = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ]
    for lab1, lab2, expected in sharma:
        assert delta_e_lab(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e((0, 158, 115), (0, 158, 115)) == 0.0


def test_readable_lightens_on_dark_grounds_and_darkens_on_light_ones():
    dark = (OKABE_ITO.panel, OKABE_ITO.background)
    blue = (0, 114, 178)  # Okabe-Ito blue: 3.0:1 on the panel
    light = readable(blue, dark)
    assert min(contrast_ratio(light, g) for g in dark) >= AA_TEXT
    assert light[2] >= light[1] >= light[0]  # still a blue
    darkened = readable((240, 228, 66), [(255, 255, 255)])
    assert contrast_ratio(darkened, (255, 255, 255)) >= AA_TEXT
    assert readable((235, 238, 242), dark) == (235, 238, 242)  # already fine: unchanged


# --- text contrast --------------------------------------------------------------------------


def _text_colours(palette, scenarios) -> dict[str, RGB]:
    out = {
        "text": palette.text,
        "dim text": palette.text_dim,
        "good": palette.good,
        "bad": palette.bad,
        "warning": palette.warning,
        "accent (links, focus)": palette.accent,
    }
    for name, sc in scenarios.items():
        for actor in sc.actors:
            out[f"{name}: {actor}"] = delegation_colour(sc, actor, palette)
    return out


@pytest.mark.parametrize("key", list(PALETTES))
def test_every_text_colour_meets_wcag_aa_on_panel_and_background(key, scenarios):
    """Includes each delegation's colour: it is drawn as text on panels, and as a chip with
    text in the background colour on it (contrast is symmetric, so the same pair)."""
    palette = PALETTES[key]
    low = []
    for what, colour in _text_colours(palette, scenarios).items():
        for ground_name in ("panel", "background"):
            ratio = contrast_ratio(colour, getattr(palette, ground_name))
            if ratio < AA_TEXT:
                low.append(f"{what} {colour} on {ground_name}: {ratio:.2f}:1")
    assert not low, "\n".join(low)


def test_high_contrast_delegations_reach_aaa(scenarios):
    for sc in scenarios.values():
        for actor in sc.actors:
            c = delegation_colour(sc, actor, HIGH_CONTRAST)
            assert contrast_ratio(c, HIGH_CONTRAST.panel) >= 7.0, (actor, c)


TEXT_ON = [
    ("normal_text", "normal_bg"),
    ("hovered_text", "hovered_bg"),
    ("selected_text", "selected_bg"),
    ("active_text", "active_bg"),
]
# Widgets whose text sits on the 'dark' fill (text boxes, lists, tooltips, labels).
ON_DARK_BG = ("defaults", "text_box", "selection_list", "tool_tip", "label")


@pytest.mark.parametrize("key", list(PALETTES))
def test_widget_text_meets_wcag_aa_on_its_own_fill(key):
    """Buttons, lists and text boxes in every state but disabled (WCAG exempts inactive
    controls): the theme's text colour on the theme's fill for that state."""
    theme = build_theme(PALETTES[key], 1.0, 720)
    defaults = theme["defaults"]["colours"]
    low = []
    for block_name, block in theme.items():
        if not isinstance(block, dict):
            continue
        own = block.get("colours", {})
        pairs = TEXT_ON + ([("normal_text", "dark_bg")] if block_name in ON_DARK_BG else [])
        for text_key, bg_key in pairs:
            if text_key not in own and bg_key not in own and block_name != "defaults":
                continue  # nothing of this pair themed here: the defaults cover it
            text = hex_rgb(own.get(text_key, defaults[text_key]))
            bg = hex_rgb(own.get(bg_key, defaults[bg_key]))
            ratio = contrast_ratio(text, bg)
            if ratio < AA_TEXT:
                low.append(f"{block_name} {text_key} on {bg_key}: {ratio:.2f}:1")
    assert not low, "\n".join(low)


# --- one meaning each -----------------------------------------------------------------------


@pytest.mark.parametrize("key", list(PALETTES))
def test_delegation_colours_are_not_good_bad_or_warning(key, scenarios):
    palette = PALETTES[key]
    meanings = {"good": palette.good, "bad": palette.bad, "warning": palette.warning}
    close = []
    for name, sc in scenarios.items():
        colours = {a: delegation_colour(sc, a, palette) for a in sc.actors}
        for actor, c in colours.items():
            for meaning, m in meanings.items():
                if delta_e(c, m) < MIN_FROM_MEANING:
                    close.append(f"{name}: {actor} {c} ~ {meaning} {m}: {delta_e(c, m):.1f}")
        for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
            if delta_e(ca, cb) < MIN_APART:
                close.append(f"{name}: {a} {ca} ~ {b} {cb}: {delta_e(ca, cb):.1f}")
    assert not close, "\n".join(close)


@pytest.mark.parametrize("key", list(PALETTES))
def test_a_scenario_cannot_bring_back_a_green_or_vermillion_delegation(key):
    """A scenario asking for good's green, bad's vermillion, warning's orange and a dark blue
    gets readable colours that mean nothing else, all different."""
    palette = PALETTES[key]
    wanted = ("#009E73", "#D55E00", "#E69F00", "#0072B2", None)
    got = delegation_colours(wanted, palette)
    assert len(set(got)) == len(wanted)
    for c in got:
        assert min(contrast_ratio(c, palette.panel), contrast_ratio(c, palette.background)) >= (
            AA_TEXT
        )
        for m in (palette.good, palette.bad, palette.warning):
            assert delta_e(c, m) >= MIN_FROM_MEANING, (c, m)


def test_high_contrast_palette_changes_delegation_colours_to_their_counterparts(scenarios):
    """Blue stays blue, rose stays rose: each delegation gets the high-contrast colour at the
    place of its default colour in the palettes' delegation sets."""
    for sc in scenarios.values():
        for actor in sc.actors:
            normal = delegation_colour(sc, actor, OKABE_ITO)
            high = delegation_colour(sc, actor, HIGH_CONTRAST)
            assert high != normal
            place = OKABE_ITO.delegations.index(normal)
            assert high == HIGH_CONTRAST.delegations[place], actor


@pytest.mark.parametrize("key", list(PALETTES))
def test_every_colour_of_a_palettes_delegation_set_is_fit_for_text(key):
    """The set stands in for any scenario's colours (and for actors without one), so all of
    it, spares included, reads on panel and background and means nothing else."""
    palette = PALETTES[key]
    assert len(palette.delegations) == len(OKABE_ITO.delegations) >= 6
    for c in palette.delegations:
        for ground in (palette.panel, palette.background):
            assert contrast_ratio(c, ground) >= palette.text_contrast, c
        for m in (palette.good, palette.bad, palette.warning):
            assert delta_e(c, m) >= MIN_FROM_MEANING, (c, m)
    for a, b in itertools.combinations(palette.delegations, 2):
        assert delta_e(a, b) >= MIN_APART, (a, b)


def test_scenario_colours_are_kept_where_they_are_fine(scenarios):
    """The default palette draws a bundled scenario's delegations in the scenario's colours."""
    for sc in scenarios.values():
        for actor, a in sc.actors.items():
            assert delegation_colour(sc, actor, OKABE_ITO) == hex_rgb(a.colour), actor


# --- chart lines ----------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), deuteranopia at severity 1, on linear RGB.
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)


def deuteranope(rgb: RGB) -> RGB:
    linear = [_linear(c) for c in rgb]
    out = []
    for row in DEUTERANOPIA:
        v = min(1.0, max(0.0, sum(m * x for m, x in zip(row, linear, strict=True))))
        v = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
        out.append(round(255 * v))
    return tuple(out)  # type: ignore[return-value]


def test_deuteranopia_simulation_merges_red_and_green_but_not_blue_and_yellow():
    """The simulation behaves as deuteranopia does: the confusion pair becomes one colour,
    the blue-yellow axis survives."""
    assert delta_e(deuteranope((200, 60, 60)), deuteranope((120, 120, 40))) < 8
    assert delta_e(deuteranope((0, 114, 178)), deuteranope((240, 228, 66))) > 40
    assert deuteranope((128, 128, 128)) == pytest.approx((128, 128, 128), abs=2)


def _apart_under_deuteranopia(colours: list[RGB]) -> list[str]:
    return [
        f"{a} and {b}: {delta_e(deuteranope(a), deuteranope(b)):.1f}"
        for a, b in itertools.combinations(colours, 2)
        if delta_e(deuteranope(a), deuteranope(b)) < CVD_APART
    ]


@pytest.mark.parametrize("key", list(PALETTES))
def test_debrief_resilience_lines_stay_apart_under_deuteranopia(key):
    """The debrief's resilience chart takes palette.series in order (no colours of its own)."""
    colours = list(PALETTES[key].series[:RESILIENCE_LINES])
    assert not _apart_under_deuteranopia(colours)


def test_report_resilience_lines_stay_apart_under_deuteranopia():
    colours = [hex_rgb(c) for c in report_charts.COLOURS[:RESILIENCE_LINES]]
    assert not _apart_under_deuteranopia(colours)


def test_resilience_lines_differ_in_marker_and_in_dash():
    """Greyscale: marker and dash carry the lines (two of six colours are bound to be close
    in grey), so each of the first six has a marker and a dash of its own."""
    styles = [charts.line_style(i) for i in range(RESILIENCE_LINES)]
    assert len({m for m, _ in styles}) == RESILIENCE_LINES
    assert len({d for _, d in styles}) == RESILIENCE_LINES
    report = [
        (report_charts.MARKERS[i], str(report_charts.LINESTYLES[i]))
        for i in range(RESILIENCE_LINES)
    ]
    assert len({m for m, _ in report}) == RESILIENCE_LINES
    assert len({d for _, d in report}) == RESILIENCE_LINES


def test_every_debrief_marker_and_dash_draws_differently():
    """Names alone are not shapes: each marker and each dash pattern leaves its own pixels."""
    masks = set()
    for shape in charts.MARKERS:
        surf = pygame.Surface((30, 30))
        charts._marker(surf, shape, (255, 255, 255), (0, 0, 0), 15, 15, 3)
        mask = pygame.mask.from_threshold(surf, (255, 255, 255), (1, 1, 1, 255))
        masks.add(tuple(mask.outline()))
    assert len(masks) == len(charts.MARKERS)
    drawn = set()
    for dash in charts.DASHES:
        surf = pygame.Surface((200, 5))
        charts._polyline(surf, (255, 255, 255), [(0, 2), (80, 2), (199, 2)], dash, 1)
        drawn.add(tuple(surf.get_at((x, 2))[0] > 128 for x in range(200)))
    assert len(drawn) == len(charts.DASHES)


def test_report_delegations_are_not_drawn_in_good_or_bad():
    good, bad = hex_rgb(report_charts.GREEN), hex_rgb(report_charts.VERMILLION)
    colours = [hex_rgb(c) for c in report_charts.DELEGATION_COLOURS]
    for c in colours:
        assert delta_e(c, good) >= MIN_FROM_MEANING and delta_e(c, bad) >= MIN_FROM_MEANING, c
        assert contrast_ratio(c, (255, 255, 255)) >= 3.0, c  # lines: WCAG's 3:1 for graphics
    assert all(delta_e(a, b) >= MIN_APART for a, b in itertools.combinations(colours, 2))


def test_the_bundled_scenarios_are_found():
    """The rules above check every bundled scenario: an empty glob would check none."""
    assert {p.name for p in SCENARIOS} >= {"free-and-open-indo-pacific.yaml", "tutorial.yaml"}
