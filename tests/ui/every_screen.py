"""Every screen of the window, reachable directly, for the layout test and for looking at them.

`EVERY_SCREEN` names each screen a player, an instructor or a projector shows; `open_any(app,
name)` puts the app on it with a seeded game of the default scenario in progress (the one with
Japanese and Chinese translations), so the screen holds what it holds in a real class. Overlays
(help, pause, facilitator console, scoring) open over the turn screen.
"""

from __future__ import annotations

from pathlib import Path

from game.paths import DEFAULT_SCENARIO
from tests.ui.screens import open_screen

GAME_SCREENS = ("turn", "curtain", "forecast", "reveal", "debrief", "what-if")
MENU_SCREENS = ("title", "settings", "setup", "setup-devices", "load", "how-to-play", "error")
OVERLAYS = ("help", "pause", "console", "scoring", "password")
CLASS_SCREENS = ("join", "projector", "resume")
EVERY_SCREEN = MENU_SCREENS + GAME_SCREENS + OVERLAYS + CLASS_SCREENS


def settle(app, n: int = 3) -> None:  # noqa: ANN001
    for _ in range(n):
        app.step(1 / 60)


def _saves(count: int = 6) -> None:
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario
    from game.ui.settings import saves_dir

    loaded = load_scenario(DEFAULT_SCENARIO)
    for seed in range(count):
        target = saves_dir() / f"class-{seed}.json"
        if not target.exists():
            save_game(Game(loaded, seed, ["japan", "us"], {}), target)


def _setup(app, devices: bool):  # noqa: ANN001, ANN202
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language
    from game.ui.scenes.setup import HUMAN, SetupScene

    scene = SetupScene(app, in_language(load_scenario(DEFAULT_SCENARIO)))
    app.switch(scene)
    settle(app, 2)
    if devices:
        for actor in scene.seats:
            scene.seats[actor] = HUMAN
        scene.devices = True
        app.rebuild()
    settle(app, 2)
    return scene


def open_any(app, name: str, scenario: Path = DEFAULT_SCENARIO) -> None:  # noqa: ANN001
    """Put `app` on the screen `name` (one of EVERY_SCREEN)."""
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.facilitator import FacilitatorConsole, PasswordPrompt
    from game.ui.scenes.howto import HowToPlayScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.pause import PauseOverlay
    from game.ui.scenes.projector import ProjectorScene
    from game.ui.scenes.scoring import ScoringOverlay
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.title import TitleScene

    app.end_class()
    while app.overlays:
        app.close_overlay()
    if name in GAME_SCREENS:
        open_screen(app, name, scenario)
    elif name == "title":
        app.switch(TitleScene(app))
        app.scene.wait_until_loaded()
    elif name == "settings":
        app.switch(SettingsScene(app, lambda: TitleScene(app)))
    elif name in ("setup", "setup-devices"):
        _setup(app, devices=name == "setup-devices")
    elif name == "load":
        _saves()
        app.switch(LoadScene(app))
        app.scene.wait_until_read()
    elif name == "how-to-play":
        app.switch(HowToPlayScene(app))
    elif name == "error":
        app.switch(
            ErrorScene(
                app,
                "The scenario could not be read",
                "scenarios/example.yaml:12:5: expected a number for 'start', found 'high'. "
                "Every indicator starts at a number from 0 to 100.",
                lambda: TitleScene(app),
            )
        )
    elif name in OVERLAYS:
        open_screen(app, "turn", scenario)
        overlay = {
            "help": lambda: None,
            "pause": lambda: PauseOverlay(app),
            "console": lambda: FacilitatorConsole(app),
            "scoring": lambda: ScoringOverlay(app),
            "password": lambda: PasswordPrompt(app),
        }[name]()
        if overlay is None:
            app.toggle_help()
        else:
            app.open_overlay(overlay)
    elif name in CLASS_SCREENS:
        app.initial_port = 0
        scene = _setup(app, devices=True)
        scene.start()
        settle(app, 2)
        if name == "projector":
            app.switch(ProjectorScene(app))
        elif name == "resume":  # Load game, for a class played on devices
            from game.net.classroom import read_devices_file
            from game.ui.scenes.resume import ResumeDevicesScene

            folder = app.session.save_path.parent
            app.end_class()
            app.switch(ResumeDevicesScene(app, read_devices_file(folder)))
    else:
        raise ValueError(f"no screen {name!r}; the screens are {EVERY_SCREEN}")
    settle(app)
