"""Save a PNG of every screen: `python -m game.ui.screenshots OUT_DIR [--sizes 1280x720,1024x600]
[--scenario PATH] [--seed N] [--text-size 1.3] [--history]`.

Runs the real app headless (SDL's dummy video driver), plays a short seeded hot-seat game of
the scenario to reach each screen, and saves what a player would see. Every size plays the
same game: the same scenario, seed and decisions, each size in a fresh home folder (so one
size's saves and remembered setup do not change the next). Used to review the look of every
screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from game.arguments import add_language_argument
from game.paths import DEFAULT_SCENARIO

DEFAULT_SEED = 7


@dataclass
class Capture:
    """What one size produced: the PNGs, and the save record of the game it played."""

    paths: list[Path]
    record: dict


def _pushes(app, limit: int = 2) -> None:  # noqa: ANN001
    """The delegation at the keyboard pushes the first `limit` measures it can afford."""
    from game.engine.game import IllegalDecision
    from game.engine.state import Choice

    pushed = 0
    for option in app.session.options().measures:
        if pushed == limit:
            break
        if Choice.PUSH in option.choices:
            try:
                app.session.set_choice(option.measure_id, Choice.PUSH)
                pushed += 1
            except IllegalDecision:
                continue
    refresh = getattr(app.scene, "refresh_buttons", None)  # the turn screen shows the choices
    if refresh is not None:
        refresh()


def capture(
    out_dir: Path,
    size: tuple[int, int],
    seed: int = DEFAULT_SEED,
    scenario: Path = DEFAULT_SCENARIO,
    text_scale: float = 1.0,
    history: bool = False,
    language: str = "en",
) -> Capture:
    """Play the seeded game of `scenario` at `size`, saving a PNG of each screen on the way;
    with `history`, the history excursion (chosen on the setup screen); in `language`."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    home = tempfile.TemporaryDirectory(prefix="trilateral-shots-")
    previous_home = os.environ.get("TRILATERAL_HOME")
    os.environ["TRILATERAL_HOME"] = home.name
    try:
        return _capture(out_dir, size, seed, Path(scenario), text_scale, history, language)
    finally:
        if previous_home is None:
            os.environ.pop("TRILATERAL_HOME", None)
        else:
            os.environ["TRILATERAL_HOME"] = previous_home
        home.cleanup()


def _capture(
    out_dir: Path,
    size: tuple[int, int],
    seed: int,
    scenario: Path,
    text_scale: float,
    history: bool = False,
    language: str = "en",
) -> Capture:
    import pygame

    from game.engine.saves import save_data
    from game.ui.app import App
    from game.ui.scenes.counterfactual import CounterfactualScene
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.facilitator import FacilitatorConsole
    from game.ui.scenes.forecast import ForecastScene
    from game.ui.scenes.howto import HowToPlayScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.pause import PauseOverlay
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.setup import HUMAN
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    out_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    settings.text_scale = text_scale
    settings.language = language
    app = App(settings, initial_scenario=scenario, size=size)
    app.scene.wait_until_loaded()
    saved: list[Path] = []
    tag = f"{size[0]}x{size[1]}"

    def shot(name: str, mouse: tuple[int, int] | None = None) -> None:
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=mouse or (-100, -100), rel=(0, 0), buttons=(0, 0, 0)
            )
        )
        for _ in range(3):
            app.step(1 / 60)
        path = out_dir / f"{len(saved) + 1:02d}-{name}-{tag}.png"
        pygame.image.save(app.surface, str(path))
        saved.append(path)

    shot("title")
    app.toggle_help()
    shot("help-overlay")
    app.top.how_scored()
    shot("scoring-from-help")
    app.close_overlay()
    app.switch(HowToPlayScene(app, selected=app.scene.selected))
    shot("how-to-play")
    app.scene.how_scored()
    shot("scoring")
    app.top.scroll(1)
    shot("scoring-scrolled")
    app.close_overlay()
    app.switch(SettingsScene(app, back=lambda: TitleScene(app)))
    shot("settings")
    app.switch(TitleScene(app))
    app.scene.wait_until_loaded()
    app.scene.new_game()
    setup = app.scene
    if setup.title != "Setup":
        raise SystemExit(f"{scenario}: cannot be loaded; run `python main.py validate {scenario}`")
    setup.seed = seed
    setup.seed_entry.set_text(str(seed))
    delegations = list(setup.loaded.scenario.delegations())
    humans = delegations[:2]
    for actor in humans:
        setup.seats[actor] = HUMAN
    if history and not setup.has_history:
        pygame.display.quit()
        raise SystemExit(f"{scenario}: has no history excursion (no injects with `history: true`)")
    if history != setup.history:
        setup.toggle_history()
    app.rebuild()
    shot("setup")
    setup.start()
    game = app.session.game
    shot("curtain" if len(humans) > 1 else "turn")
    if app.scene.title == "Curtain":
        app.scene.reveal_own()
    _pushes(app)
    shot("turn-deciding")
    for _ in humans:  # the first turn: every human pushes
        if app.scene.title == "Curtain":
            app.scene.reveal_own()
            _pushes(app)
        app.scene.end_turn()
    shot("reveal")
    for _ in range(2):  # a few more turns so the map, news and dashboard have something to show
        if game.over:
            break
        app.scene.proceed()
        for _delegation in humans:
            if app.scene.title == "Curtain":
                app.scene.reveal_own()
            _pushes(app)
            app.scene.end_turn()
    if not game.over:
        app.scene.proceed()
        if app.scene.title == "Curtain":
            app.scene.reveal_own()
        card = next(iter(app.scene.card_rects.values()))
        shot("turn-later", mouse=(card.centerx, card.y + 12))
        dash = app.scene.dash_rect
        shot("turn-dashboard-tooltip", mouse=(dash.x + 40, dash.y + 40))
        app.open_overlay(PauseOverlay(app))
        shot("pause")
        app.close_overlay()
        app.open_overlay(FacilitatorConsole(app))
        shot("facilitator-console")
        app.close_overlay()
        forecast = ForecastScene(app, app.session.current, lambda: None)
        scene_before = app.scene
        app.switch(forecast)
        shot("forecasts")
        app.switch(type(scene_before)(app))
    while not game.over:
        if app.scene.title == "Curtain":
            app.scene.reveal_own()
        elif app.scene.title == "Turn":
            app.scene.end_turn()
        elif app.scene.title == "Reveal":
            app.scene.proceed()
    app.scene.proceed()
    shot("debrief")
    record = save_data(app.session.game)
    what_if = CounterfactualScene(app)
    app.switch(what_if)
    what_if.turn, what_if.actor = 1, humans[0]
    app.rebuild()
    what_if.run()
    shot("what-if")
    app.switch(LoadScene(app))
    app.scene.wait_until_read()  # the summaries, read in the background
    shot("load")
    app.switch(
        ErrorScene(
            app,
            "This scenario cannot be loaded",
            "scenarios/broken.yaml:14:5: measures[0].progres: unknown key `progres`; did you mean `progress`?",
        )
    )
    shot("error")
    _capture_devices(app, shot, seed)
    pygame.display.quit()
    return Capture(saved, record)


def _capture_devices(app, shot, seed: int) -> None:  # noqa: ANN001
    """A class on devices: Setup with the switches on, the join codes, the projector while
    the delegations decide (devices simulated as the web server posts them), the console's
    device controls, and Load's choice to resume on devices. The class's server listens on
    a free port of this machine only and is stopped at the end."""
    import json

    import pygame

    from game.engine.state import Choice
    from game.net import messages
    from game.ui.scenes.facilitator import FacilitatorConsole
    from game.ui.scenes.setup import HUMAN
    from game.ui.scenes.title import TitleScene

    app.initial_port = 0  # any free port: nothing else on the machine is disturbed
    app.switch(TitleScene(app))
    app.scene.wait_until_loaded()
    app.scene.new_game()
    setup = app.scene
    setup.seed = seed
    setup.seed_entry.set_text(str(seed))
    for actor in setup.seats:
        setup.seats[actor] = HUMAN
    setup.devices = True
    setup.timer_minutes = 5
    app.rebuild()
    setup.timer_entry.set_text("5")
    shot("setup-devices")
    setup.start()
    if app.classroom is None:
        shot("setup-devices-problem")
        return
    classroom = app.classroom
    humans = classroom.humans
    for number, actor in enumerate(humans[:-1], start=1):
        classroom.post(("join", number, actor))
    shot("join")
    app.scene.go()
    game = app.session.game
    first = humans[0]
    for option in game.options(first).measures[:1]:
        if Choice.PUSH in option.choices:
            text = json.dumps(
                {"type": "choose", "turn": 1, "measure": option.measure_id, "choice": "push"}
            )
            classroom.post(("message", 1, first, messages.parse(text)))
    classroom.post(("message", 1, first, messages.parse('{"type":"submit","turn":1}')))
    shot("projector")
    app.open_overlay(FacilitatorConsole(app))
    shot("console-devices")
    app.close_overlay()
    path = app.session.save_path
    app.end_class()
    if path is not None:
        from game.ui.scenes.load import resume

        resume(app, path)
        shot("resume-devices")
    app.end_class()
    pygame.event.clear()


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 1280x720, found {text!r}") from None
    return w, h


def main(argv: list[str] | None = None) -> int:
    from game.ui.settings import TEXT_SCALES

    parser = argparse.ArgumentParser(
        prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--sizes", default="1280x720,1024x600", help="window sizes, e.g. 1280x720,1024x600"
    )
    parser.add_argument(
        "--scenario", type=Path, default=DEFAULT_SCENARIO, help="the scenario to play"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the game's seed")
    parser.add_argument(
        "--text-size", type=float, default=1.0, choices=TEXT_SCALES, help="text scale"
    )
    parser.add_argument(
        "--history", action="store_true", help="play the history excursion (the real timeline)"
    )
    add_language_argument(parser)
    args = parser.parse_args(argv)
    if not args.scenario.is_file():
        parser.error(f"{args.scenario}: no such scenario file")
    for spec in args.sizes.split(","):
        result = capture(
            args.out_dir,
            _size(spec),
            args.seed,
            args.scenario,
            args.text_size,
            args.history,
            language=args.lang or "en",
        )
        for path in result.paths:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
