"""Colour palettes, and the rules that keep every colour to one meaning.

The default is colour-blind safe: Okabe-Ito hues on a dark ground, with good (bluish green)
and bad (vermillion) the pair that stays apart under every common colour-vision deficiency,
and warning orange. The alternative trades hue for maximum contrast (projectors in bright
rooms).

One meaning each:
- good, bad and warning say which way a number moved; nothing else uses them for text.
- Delegation colours say who; they are blue, rose, violet and sand, never green, vermillion
  or orange (each at least MIN_FROM_MEANING apart from good, bad and warning in CIEDE2000).
  Colour is never the only sign of a delegation: the screens always name it.
- accent marks focus and selection.

Delegation colours. A scenario gives each actor a `colour:`; `delegation_colours` turns the
scenario's colours into what a palette draws:
- The default palette keeps the scenario's colour, made light enough for text (WCAG AA,
  4.5:1 against both the panel and the background, see `readable`). A colour too close to
  good, bad or warning, or to another delegation's, is swapped for the nearest free colour
  of the palette's own delegation set, so a scenario cannot bring back a green "Taiwan"
  that reads as "good".
- The high-contrast palette always uses its own set (lighter and at 7:1, AAA), each
  scenario colour matched to the nearest colour of the reference set (the default palette's
  `delegations`) and given that colour's high-contrast counterpart at the same place: blue
  stays blue, rose stays rose.
Actors without a colour take the set's colours in order.

Every text colour a palette draws on its panel and background meets WCAG AA (4.5:1);
tests/ui/test_colours.py checks it, with the colour distances and the chart series.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from game.i18n import N_

RGB = tuple[int, int, int]

AA_TEXT = 4.5  # WCAG 2.x contrast for body text (AA)
AAA_TEXT = 7.0
# CIEDE2000 distances. The palette's own bad and warning are about 20 apart and players tell
# them apart at a glance; a delegation colour is kept at least that far from every meaning.
MIN_FROM_MEANING = 20.0
# Two delegations: clearly different colours side by side (about 5 just-noticeable
# differences); their names tell them apart in any case.
MIN_APART = 12.0


def hex_rgb(text: str) -> RGB:
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


# --- WCAG 2.x contrast ----------------------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance (sRGB), 0 for black to 1 for white."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2.x contrast ratio, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: RGB, grounds: Sequence[RGB], ratio: float = AA_TEXT) -> RGB:
    """`colour` with its HLS lightness moved (hue and saturation kept) just far enough that it
    has at least `ratio` contrast against every colour in `grounds`: lighter on dark grounds,
    darker on light ones. Unchanged if it already has."""
    if all(contrast_ratio(colour, g) >= ratio for g in grounds):
        return colour
    dark = max(relative_luminance(g) for g in grounds) < 0.18
    h, l0, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))

    def at(lightness: float) -> RGB:
        r, g, b = colorsys.hls_to_rgb(h, lightness, s)
        return (round(r * 255), round(g * 255), round(b * 255))

    def ok(lightness: float) -> bool:
        return all(contrast_ratio(at(lightness), g) >= ratio for g in grounds)

    # every channel grows with HLS lightness, so contrast moves one way: bisect
    lo, hi = (l0, 1.0) if dark else (0.0, l0)
    if not ok(hi if dark else lo):
        return (255, 255, 255) if dark else (0, 0, 0)
    for _ in range(24):
        mid = (lo + hi) / 2
        if ok(mid) == dark:
            hi = mid
        else:
            lo = mid
    return at(hi if dark else lo)


# --- CIELAB and CIEDE2000 -------------------------------------------------------------------


def lab(rgb: RGB) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_lab(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal 2005)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1 = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2 = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2 - h1
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    elif h1 + h2 < 360:
        h_mean = (h1 + h2 + 360) / 2
    else:
        h_mean = (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh)
    )


def delta_e(a: RGB, b: RGB) -> float:
    """CIEDE2000 difference of two sRGB colours: about 1 is just noticeable, 2 to 10 'similar
    shades', above 20 'different colours'."""
    return delta_e_lab(lab(a), lab(b))


# --- palettes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    name: str
    background: RGB
    panel: RGB
    panel_border: RGB
    text: RGB
    text_dim: RGB
    accent: RGB  # focus, selection
    good: RGB  # an indicator moving the right way
    bad: RGB  # ... the wrong way
    warning: RGB  # near the crisis line
    sea: RGB
    land: RGB  # Japan, Taiwan, the Philippines
    land_mainland: RGB  # the Chinese mainland
    land_border: RGB
    chain: RGB  # the first island chain line
    series: tuple[RGB, ...]  # chart lines, in order
    # Who: the palette's delegation colours, place by place the counterparts of the default
    # palette's (blue, rose, violet, sand, then spares); text-safe on panel and background.
    delegations: tuple[RGB, ...] = ()
    own_delegations: bool = False  # True: always these, whatever colours the scenario gives
    text_contrast: float = AA_TEXT  # what `readable` makes a scenario's colour reach


OKABE_ITO = Palette(
    name=N_("Okabe-Ito (default)"),
    background=(18, 22, 30),
    panel=(30, 36, 48),
    panel_border=(70, 80, 100),
    text=(235, 238, 242),
    text_dim=(160, 168, 182),
    accent=(86, 180, 233),  # sky blue
    good=(0, 166, 121),  # bluish green (Okabe-Ito's, a little lighter: 5.0:1 on the panel)
    bad=(232, 108, 26),  # vermillion (likewise: 4.9:1 on the panel)
    warning=(230, 159, 0),  # orange
    sea=(22, 44, 66),
    land=(92, 104, 88),
    land_mainland=(70, 68, 72),
    land_border=(150, 160, 150),
    chain=(240, 228, 66),  # yellow
    # The first six (a scenario's resilience domains) stay apart under simulated
    # deuteranopia and protanopia (CIEDE2000 at least 18 pairwise); in greyscale their marker
    # and dash (game/ui/charts.py) tell them apart. Tension (second in the debrief's main
    # chart) is yellow, never the crisis line's vermillion.
    series=(
        (86, 180, 233),  # sky blue
        (240, 228, 66),  # yellow
        (0, 158, 115),  # bluish green
        (0, 114, 178),  # blue
        (213, 94, 0),  # vermillion
        (220, 220, 220),  # light grey
        (230, 159, 0),  # orange
        (204, 121, 167),  # reddish purple
    ),
    delegations=(
        (105, 150, 255),  # blue
        (240, 130, 185),  # rose
        (185, 140, 255),  # violet
        (222, 214, 150),  # sand
        (110, 215, 235),  # light cyan
        (190, 190, 200),  # silver
        (255, 190, 170),  # peach
    ),
)

HIGH_CONTRAST = Palette(
    name=N_("High contrast"),
    background=(0, 0, 0),
    panel=(16, 16, 16),
    panel_border=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(210, 210, 210),
    accent=(255, 255, 0),
    good=(0, 200, 255),
    bad=(255, 140, 0),
    warning=(255, 255, 0),
    sea=(0, 0, 60),
    land=(90, 90, 90),
    land_mainland=(50, 50, 50),
    land_border=(255, 255, 255),
    chain=(255, 255, 0),
    series=(  # the first six likewise apart under deuteranopia and protanopia
        (0, 200, 255),  # cyan
        (255, 255, 150),  # pale yellow
        (255, 255, 255),  # white
        (255, 60, 160),  # hot pink
        (255, 150, 0),  # orange
        (200, 100, 50),  # rust
        (120, 160, 255),
        (160, 255, 160),
    ),
    delegations=(
        (175, 180, 250),  # blue
        (250, 180, 190),  # rose
        (250, 105, 250),  # violet (magenta: a pinker violet stays too near rose at 7:1)
        (200, 185, 120),  # sand
        (150, 240, 150),  # light green (good is cyan here)
        (200, 200, 200),  # silver
        (120, 220, 200),  # aquamarine
    ),
    own_delegations=True,
    text_contrast=AAA_TEXT,
)

PALETTES = {"default": OKABE_ITO, "high_contrast": HIGH_CONTRAST}


def _clashes(colour: RGB, palette: Palette, taken: Sequence[RGB]) -> bool:
    meanings = (palette.good, palette.bad, palette.warning)
    return any(delta_e(colour, m) < MIN_FROM_MEANING for m in meanings) or any(
        delta_e(colour, t) < MIN_APART for t in taken
    )


@lru_cache(maxsize=64)
def delegation_colours(wanted: tuple[str | None, ...], palette: Palette) -> tuple[RGB, ...]:
    """The colour `palette` draws each actor in, given the scenario's `colour:` of each actor
    in order ('#rrggbb' or None). See the module's docstring for the rules."""
    reference = OKABE_ITO.delegations
    own = palette.delegations
    grounds = (palette.panel, palette.background)
    out: list[RGB] = []

    def nearest_free(ref: RGB | None) -> RGB | None:
        places = range(len(own))
        if ref is not None:
            places = sorted(places, key=lambda i: delta_e(ref, reference[i % len(reference)]))
        for i in places:
            if own[i] not in out and not _clashes(own[i], palette, out):
                return own[i]
        return None

    for i, hexcode in enumerate(wanted):
        ref = hex_rgb(hexcode) if hexcode else None
        colour = None
        if ref is not None and not palette.own_delegations:
            colour = readable(ref, grounds, palette.text_contrast)
            if _clashes(colour, palette, out):
                colour = None
        if colour is None:
            colour = nearest_free(ref)
        if colour is None:  # more actors than the set holds: repeat it, a shade apart
            base = own[i % len(own)] if own else palette.text
            colour = readable(_mix(base, palette.background, 0.25), grounds, palette.text_contrast)
        out.append(colour)
    return tuple(out)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
