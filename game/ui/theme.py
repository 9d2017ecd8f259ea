"""The pygame_gui theme, built from the palette and the text-size setting.

`assets/theme.json` holds the shapes and object ids; colours and font sizes are filled in
here so that the colour-blind-safe and high-contrast palettes, and every text size, share
one theme file.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from game.paths import ASSET_DIR
from game.ui.palette import AA_TEXT, RGB, Palette, contrast_ratio, hex_rgb

THEME_FILE = ASSET_DIR / "theme.json"
# The pygame_gui element types the game uses; each gets the text-size setting's font.
WIDGET_KINDS = (
    "button",
    "drop_down_menu",
    "text_entry_line",
    "text_box",
    "label",
    "tool_tip",
    "selection_list",
    "horizontal_slider",
)


def hexcode(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


@lru_cache(maxsize=4)
def _base(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


MIN_TEXT_PX = 9  # at 100 %; the floor grows with the text size (14 px at 160 %)


def min_font_size(scale: float) -> int:
    """The smallest text the game draws at a text size: 9 px at 100 %, scaled with it, so the
    map's small labels and the fine print still grow on a projector (14 px at 160 %)."""
    return max(MIN_TEXT_PX, int(MIN_TEXT_PX * scale))


def font_size(base: int, scale: float, height: int) -> int:
    """Point size for a base size at 1280x720, scaled by window height and the text setting,
    never under `min_font_size`."""
    return max(min_font_size(scale), round(base * scale * max(0.8, min(1.6, height / 720))))


def build_theme(palette: Palette, text_scale: float, height: int) -> dict:
    theme = copy.deepcopy(_base(THEME_FILE))
    theme.pop("_about", None)
    p = palette
    colours = {
        "normal_bg": hexcode(mix(p.panel, p.panel_border, 0.35)),
        "hovered_bg": hexcode(mix(p.panel, p.accent, 0.35)),
        "disabled_bg": hexcode(p.panel),
        "selected_bg": hexcode(mix(p.panel, p.accent, 0.45)),
        "active_bg": hexcode(mix(p.panel, p.accent, 0.45)),
        "dark_bg": hexcode(p.panel),
        "normal_text": hexcode(p.text),
        "hovered_text": hexcode(p.text),
        "disabled_text": hexcode(mix(p.text_dim, p.panel, 0.35)),
        "selected_text": hexcode(p.text),
        "active_text": hexcode(p.text),
        "normal_border": hexcode(p.panel_border),
        "hovered_border": hexcode(p.accent),
        "disabled_border": hexcode(mix(p.panel_border, p.panel, 0.5)),
        "selected_border": hexcode(p.accent),
        "active_border": hexcode(p.accent),
        "link_text": hexcode(p.accent),
        "link_hover": hexcode(p.text),
        "link_selected": hexcode(p.text),
        "text_cursor": hexcode(p.text),
    }
    theme.setdefault("defaults", {})["colours"] = colours
    size = font_size(15, text_scale, height)
    # pygame_gui takes only colours from "defaults": each kind of widget is given the font
    # (without it, widget text stays at pygame_gui's 14 pt whatever the text size setting).
    for kind in WIDGET_KINDS:
        theme.setdefault(kind, {}).setdefault("font", {"name": "noto_sans", "size": str(size)})
    for block in theme.values():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict) and "base_size" in font:
            font["size"] = str(font_size(int(font.pop("base_size")), text_scale, height))
            font.setdefault("name", "noto_sans")
        for name, value in list(block.get("colours", {}).items()):
            if isinstance(value, str) and value.startswith("palette."):
                block["colours"][name] = hexcode(getattr(p, value.removeprefix("palette.")))
    for block in theme.values():
        if isinstance(block, dict) and "colours" in block:
            _readable_states(block["colours"], colours, p)
    return theme


# Each state's text and the fill it sits on (disabled text is exempt in WCAG).
TEXT_ON_FILL = (
    ("normal_text", "normal_bg"),
    ("hovered_text", "hovered_bg"),
    ("selected_text", "selected_bg"),
    ("active_text", "active_bg"),
)


def _readable_states(own: dict, defaults: dict, p: Palette) -> None:
    """Give each state of a widget text that meets WCAG AA on that state's fill: its own
    colour where it does, else the palette's text or background colour, whichever reads
    better (a selected 'Hold' is white on white in high contrast otherwise)."""
    for text_key, fill_key in TEXT_ON_FILL:
        if text_key not in own and fill_key not in own and own is not defaults:
            continue
        text = hex_rgb(own.get(text_key, defaults[text_key]))
        fill = hex_rgb(own.get(fill_key, defaults[fill_key]))
        if contrast_ratio(text, fill) >= AA_TEXT:
            continue
        own[text_key] = hexcode(max((p.text, p.background), key=lambda c: contrast_ratio(c, fill)))
