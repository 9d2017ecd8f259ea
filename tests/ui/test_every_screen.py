"""Every screen, in every language, at both classroom window sizes and the text sizes a class
uses (100 %, 130 %, 160 % = the Projector preset), holds together: no text overlaps other text
or a widget, nothing leaves the window, no text runs out of the panel it starts in, no text is
cut without "…" and a tooltip holding it whole, no button label overflows its button, and no text is smaller than the text size allows
(14 px at the Projector preset, even at 1024x600).

The screens are those of tests/ui/every_screen.py, with the default scenario (translated into
Japanese and Chinese) in progress. The check draws each screen fresh and reads what the painter
recorded (tests/ui/layout_check.py and tests/ui/overlap.py).
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.settings import PROJECTOR_SCALE
from game.ui.theme import font_size, min_font_size
from tests.ui.every_screen import EVERY_SCREEN, open_any
from tests.ui.layout_check import layout_problems
from tests.ui.overlap import cut_text

SIZES = ((1024, 600), (1280, 720))
LANGUAGES = ("en", "ja", "zh-Hant")
SCALES = (1.0, 1.3, PROJECTOR_SCALE)
BODY_BASE = 15  # the size the game's running text is drawn at (Painter's default)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    yield
    pygame.display.quit()


def make_app(size, scale, language):  # noqa: ANN001, ANN201
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(text_scale=scale, language=language), size=size)
    app.scene.wait_until_loaded()
    return app


def widget_fonts(app) -> list[tuple[str, int]]:  # noqa: ANN001
    """(label, pixel size) of the text of every visible widget of the top layer."""
    out = []
    for widget in app.top.widgets:
        if not widget.alive() or not widget.visible:
            continue
        font = getattr(widget, "font", None)
        size = font.get_point_size() if hasattr(font, "get_point_size") else None
        if size:
            out.append((str(getattr(widget, "text", "") or type(widget).__name__), int(size)))
    return out


def rendered_sizes(app) -> list[tuple[str, int]]:  # noqa: ANN001
    """(text, pixel size) of every line of text rendered while drawing one fresh frame: the
    painter's, the map's and the charts' text all go through `render_line`, so it is watched
    there, with every cache of rendered text emptied first."""
    from game.ui import charts, mapview, region_map, widgets

    seen: list[tuple[str, int]] = []
    original = widgets.render_line

    def watched(font, text, colour):  # noqa: ANN001, ANN202
        if text.strip():
            seen.append((text, int(font.point_size)))
        return original(font, text, colour)

    modules = (widgets, charts, region_map)
    app.painter._rendered.clear()
    charts._TEXT_CACHE.clear()
    charts._CHART_CACHE.clear()
    for region in mapview._MAPS.values():
        if isinstance(region, region_map.RegionMap):
            region._static.clear()
    for layer in (app.scene, *app.overlays):
        layer._layer = None
    for module in modules:
        module.render_line = watched
    try:
        app.draw()
    finally:
        for module in modules:
            module.render_line = original
    return seen


def outside_panels(app) -> list[str]:  # noqa: ANN001
    """Text that starts in a panel and runs out of it (over its border or into the next),
    from one fresh frame with every panel the painter draws recorded."""
    from game.ui.widgets import Painter

    panels: list[tuple[pygame.Rect, int]] = []
    original = Painter.panel

    def panel(self, surface, rect, *args, **kwargs):  # noqa: ANN001, ANN202
        layer = getattr(app, "_drawing_layer", None)  # None: not the recorded frame
        if layer is not None and surface.get_size() == app.surface.get_size():
            panels.append((pygame.Rect(rect), layer))
        return original(self, surface, rect, *args, **kwargs)

    Painter.panel = panel
    try:
        records = _fresh_text(app)
    finally:
        Painter.panel = original
    found = []
    for rect, text, layer in records:
        for box, panel_layer in panels:
            if panel_layer == layer and rect.colliderect(box) and not box.contains(rect):
                found.append(f"text {text[:40]!r} {rect} leaves its panel {box}")
                break
    return found


def _fresh_text(app):  # noqa: ANN001, ANN202
    from tests.ui.layout_check import _draw_fresh_frame

    return _draw_fresh_frame(app)


def too_small(app, scale: float) -> list[str]:  # noqa: ANN001
    """Text drawn smaller than the text size allows: painted text, the map's and the charts'
    labels (as rendered) and every widget's font."""
    floor = min_font_size(scale)
    found = [
        f"text {text[:40]!r} is {size} px, under {floor} px"
        for text, size in dict.fromkeys(rendered_sizes(app))
        if size < floor
    ]
    found += [
        f"widget {label[:40]!r} is {size} px, under {floor} px"
        for label, size in widget_fonts(app)
        if size < floor
    ]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{round(s * 100)}%")
def test_every_screen_holds_together(home, language, size, scale):
    app = make_app(size, scale, language)
    found = []
    for screen in EVERY_SCREEN:
        open_any(app, screen)
        problems = layout_problems(app) + cut_text(app) + too_small(app, scale)
        problems += outside_panels(app)
        found += [f"{screen}: {p}" for p in problems]
    app.end_class()
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:25])


def test_the_projector_preset_makes_body_text_20px_at_720_and_nothing_under_14px_at_600():
    """The numbers the issue gives for a classroom projector, for every size the game uses."""
    assert font_size(BODY_BASE, PROJECTOR_SCALE, 720) >= 20
    for base in range(1, 40):
        assert font_size(base, PROJECTOR_SCALE, 600) >= 14
        assert font_size(base, PROJECTOR_SCALE, 720) >= 14
    assert font_size(BODY_BASE, 1.0, 720) < 20  # the preset is what makes the difference


def test_the_settings_offer_the_projector_preset(home):
    from game.ui.scenes.settings_scene import SettingsScene, text_size_label
    from game.ui.scenes.title import TitleScene

    app = make_app((1280, 720), 1.0, "en")
    app.switch(SettingsScene(app, lambda: TitleScene(app)))
    app.step(1 / 60)
    options = app.scene.text_menu.options_list
    labels = [o[0] if isinstance(o, tuple) else o for o in options]
    assert text_size_label(PROJECTOR_SCALE) in labels
    assert "Projector" in text_size_label(PROJECTOR_SCALE)
    for _ in range(len(labels)):
        if app.settings.text_scale == PROJECTOR_SCALE:
            break
        app.scene.next_text_size()
    assert app.settings.text_scale == PROJECTOR_SCALE
    assert app.fonts.px(BODY_BASE) >= 20
