"""Colour palettes. The default is already colour-blind safe (Okabe-Ito hues on a dark ground);
the alternative trades hue for maximum contrast (for projectors in bright rooms)."""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


def hex_rgb(text: str) -> RGB:
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


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


OKABE_ITO = Palette(
    name="Okabe-Ito (default)",
    background=(18, 22, 30),
    panel=(30, 36, 48),
    panel_border=(70, 80, 100),
    text=(235, 238, 242),
    text_dim=(160, 168, 182),
    accent=(86, 180, 233),  # sky blue
    good=(0, 158, 115),  # bluish green
    bad=(213, 94, 0),  # vermillion
    warning=(230, 159, 0),  # orange
    sea=(22, 44, 66),
    land=(92, 104, 88),
    land_mainland=(70, 68, 72),
    land_border=(150, 160, 150),
    chain=(240, 228, 66),  # yellow
    series=(
        (86, 180, 233),
        (230, 159, 0),
        (0, 158, 115),
        (240, 228, 66),
        (0, 114, 178),
        (213, 94, 0),
        (204, 121, 167),
        (220, 220, 220),
    ),
)

HIGH_CONTRAST = Palette(
    name="High contrast",
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
    series=(
        (0, 200, 255),
        (255, 140, 0),
        (255, 255, 255),
        (255, 255, 0),
        (120, 160, 255),
        (255, 80, 80),
        (200, 120, 255),
        (160, 255, 160),
    ),
)

PALETTES = {"default": OKABE_ITO, "high_contrast": HIGH_CONTRAST}
