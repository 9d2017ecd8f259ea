"""Every in-game screen holds together: six delegations with long names at 1024x600 and
1280x720 and every text size, and scenarios whose every text is as long as the format allows.

Nothing overlaps, everything is on screen, and no text is cut without "…" and a tooltip that
shows it whole (see tests/ui/overlap.py for what is checked).
"""

from __future__ import annotations

import pygame
import pytest
import yaml

from game.ui.settings import TEXT_SCALES
from tests.ui.overlap import cut_text, off_screen, overlaps
from tests.ui.screens import SCREENS, SIX, open_screen

SIZES = ((1024, 600), (1280, 720))


def make_app(size, scale):  # noqa: ANN001, ANN201
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(text_scale=scale), size=size)
    app.scene.wait_until_loaded()
    app.mouse = (-100, -100)  # no tooltip in the way
    return app


def problems_on(app, screen: str, scenario, checks) -> list[str]:  # noqa: ANN001
    open_screen(app, screen, scenario)
    app.step(1 / 60)
    return [f"{screen}: {p}" for check in checks for p in check(app)]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    yield
    pygame.display.quit()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_six_delegations_fit_every_screen_at_every_text_size(home, size, scale):
    app = make_app(size, scale)
    found = []
    for screen in SCREENS:
        found += problems_on(app, screen, SIX, (overlaps, off_screen, cut_text))
    found += overlay_problems(app, SIX)
    assert not found, "\n".join(found[:20])


def overlay_problems(app, scenario) -> list[str]:  # noqa: ANN001
    """The pause menu and the facilitator console over a turn in which the white cell acted."""
    from game.ui.scenes.facilitator import FacilitatorConsole
    from game.ui.scenes.pause import PauseOverlay

    open_screen(app, "turn", scenario)
    game = app.session.game
    game.fire_inject(game.book.injects[-1].id) if game.book.injects else None
    game.adjust("tension", 2, "a reason as long as a facilitator may type " * 4)
    game.add_note("a note " * 30)
    found = []
    for overlay in (PauseOverlay, FacilitatorConsole):
        app.open_overlay(overlay(app))
        app.step(1 / 60)
        found += [f"{overlay.title}: {p}" for p in cut_text(app) + overlaps(app) + off_screen(app)]
        app.close_overlay()
    return found


def long_scenario(path):  # noqa: ANN001, ANN201
    """six.yaml with every player-facing text as long as the format allows, plus injects."""
    data = yaml.safe_load(SIX.read_text(encoding="utf-8"))

    count = iter(range(1, 1000))

    def long(n: int, word: str = "Consultative") -> str:
        text = f"No{next(count)}"  # every text its own, as in a real scenario
        while len(text) + len(word) + 1 <= n:
            text = f"{text} {word}"
        return text

    data["title"] = long(120, "Transpacific")
    for actor in data["actors"].values():
        actor["title"] = long(80, "Commonwealth")
        if actor.get("role") == "delegation":
            actor["short"] = (long(16, "W") + "W" * 16)[:16]
    for m in data["measures"]:
        m["title"] = long(120, "Interparliamentary")
    for e in data["events"]:
        e["title"] = long(120, "Incursion")
    for o in data["outcomes"]:
        o["title"] = long(120, "Stalemate")
    for loc in data["locations"].values():
        loc["title"] = long(80, "Archipelago")
    domains = data["indicators"]["resilience"]
    for i in range(len(domains), 12):  # as many domains as the format allows
        domains[f"domain_{i}"] = {"start": 40}
    for dom in domains.values():
        dom["title"] = long(40, "Infrastructure")
    data["injects"] = [
        {
            "id": f"inject_{i}",
            "title": long(120, "Announcement"),
            "text": long(400, "developments"),
            **({"turn": i} if i <= 2 else {}),
            "effects": {"tension": 3, "support.korea": -2, "cooperation": 1},
        }
        for i in range(1, 13)
    ]
    target = path / "long.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_long_texts_are_shortened_with_an_ellipsis_and_readable_whole(home, tmp_path, size):
    scenario = long_scenario(tmp_path)
    app = make_app(size, TEXT_SCALES[-1])
    found = []
    for screen in SCREENS:
        found += problems_on(app, screen, scenario, (cut_text, overlaps, off_screen))
    found += overlay_problems(app, scenario)
    # a measure suspended by an event: its card's status line says so, or "…" and hover
    open_screen(app, "turn", scenario)
    game = app.session.game
    adopted = next(iter(game.state.adopted))
    game.state.suspended_until[adopted] = game.state.turn + 2
    app.scene._layer = None
    app.step(1 / 60)
    assert any("suspended" in d.full for d in app.painter.drawn)
    found += [f"suspended: {p}" for p in cut_text(app)]
    assert not found, "\n".join(found[:20])


def test_delegations_without_colours_of_their_own_are_drawn_in_distinct_colours():
    """six.yaml gives no delegation a colour: the dashboard, map and charts must still tell
    the six apart (they once all drew in the one accent colour), in both palettes."""
    from game.scenario.loader import load_scenario
    from game.ui.labels import delegation_colour
    from game.ui.palette import PALETTES
    from tests.conftest import FIXTURES

    scenario = load_scenario(FIXTURES / "six.yaml").scenario
    for palette in PALETTES.values():
        colours = [delegation_colour(scenario, a, palette) for a in scenario.delegations()]
        assert len(set(colours)) == 6
