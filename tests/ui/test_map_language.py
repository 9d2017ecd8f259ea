"""The base map's names (seas, countries, the island chain) are drawn in the language of the
game, from the catalogs; the map file itself stays as it is."""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import i18n  # noqa: E402
from game.paths import ASSET_DIR  # noqa: E402
from game.ui.palette import OKABE_ITO  # noqa: E402
from game.ui.region_map import MapPlace, RegionMap, map_name, short_name  # noqa: E402


@pytest.fixture(autouse=True)
def _pygame_and_english_again():
    pygame.init()
    yield
    i18n.set_language("en")


def _base_names() -> set[str]:
    """The names the map file gives (labels and named lines) and the island chain's short
    form (a strait's short form is not drawn once its name is translated)."""
    data = json.loads((ASSET_DIR / "map" / "region.json").read_text(encoding="utf-8"))
    names = {label["text"] for label in data["labels"]}
    names |= {line["name"] for line in data["lines"] if line.get("label_at") is not None}
    return names | {short_name(n) for n in names if "island chain" in n}


@pytest.mark.parametrize("code", ["ja", "zh-Hant"])
def test_every_base_map_name_has_a_translation(code):
    """A name added to assets/map/region.json without a catalog message fails here."""
    i18n.set_language(code)
    for name in _base_names():
        assert map_name(name) != name, f"{name!r} has no {code} translation"


def test_the_map_draws_its_names_in_japanese():
    i18n.set_language("ja")
    region = RegionMap.load()
    surface = pygame.Surface((900, 640))
    places = [MapPlace(123.5, 25.75, "尖閣諸島", 3), MapPlace(119.6, 24.2, "台湾海峡", 2)]
    region.draw(surface, surface.get_rect(), OKABE_ITO, places=places)
    drawn = [label.text for label in region.drawn.labels]
    assert "中国" in drawn and "日本" in drawn and "台湾" in drawn
    for english in ("CHINA", "JAPAN", "TAIWAN", "KOREA", "Senkaku Is.", "East China Sea"):
        assert english not in drawn
    # a scenario's place named like a base-map name is drawn once, not twice
    assert drawn.count("尖閣諸島") == 1
    i18n.set_language("en")
    region.draw(surface, surface.get_rect(), OKABE_ITO)
    assert "CHINA" in [
        label.text for label in region.drawn.labels
    ]  # the cache keeps languages apart
