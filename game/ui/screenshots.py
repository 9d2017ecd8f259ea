"""Save a PNG of every screen: `python -m game.ui.screenshots OUT_DIR [--sizes 1280x720,1024x600]`.

Runs the real app headless (SDL's dummy video driver), plays a short seeded hot-seat game to
reach each screen, and saves what a player would see. Used to review the look of every screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def capture(out_dir: Path, size: tuple[int, int], seed: int = 7) -> list[Path]:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("TRILATERAL_HOME", tempfile.mkdtemp(prefix="trilateral-shots-"))
    import pygame

    from game.engine.state import Choice
    from game.ui.app import App
    from game.ui.scenes.counterfactual import CounterfactualScene
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.facilitator import FacilitatorConsole
    from game.ui.scenes.forecast import ForecastScene
    from game.ui.scenes.help import HelpOverlay
    from game.ui.scenes.howto import HowToPlayScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.pause import PauseOverlay
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.setup import HUMAN
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    out_dir.mkdir(parents=True, exist_ok=True)
    app = App(Settings(), size=size)
    app.scene.wait_until_loaded()
    saved: list[Path] = []
    tag = f"{size[0]}x{size[1]}"

    def shot(name: str, mouse: tuple[int, int] | None = None) -> None:
        if mouse is not None:
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=mouse, rel=(0, 0), buttons=(0, 0, 0))
            )
        for _ in range(3):
            app.step(1 / 60)
        path = out_dir / f"{len(saved) + 1:02d}-{name}-{tag}.png"
        pygame.image.save(app.surface, str(path))
        saved.append(path)

    shot("title")
    app.open_overlay(HelpOverlay(app, app.scene.keys_help()))
    shot("help-overlay")
    app.close_overlay()
    app.switch(HowToPlayScene(app))
    shot("how-to-play")
    app.switch(SettingsScene(app, back=lambda: TitleScene(app)))
    shot("settings")
    app.switch(TitleScene(app))
    app.scene.wait_until_loaded()
    app.scene.new_game()
    setup = app.scene
    setup.seed_entry.set_text(str(seed))
    for actor in ("us", "japan"):
        setup.seats[actor] = HUMAN
    app.rebuild()
    shot("setup")
    setup.start()
    shot("curtain")
    app.scene.reveal_own()
    app.scene.choose("counter_influence", Choice.PUSH)
    app.scene.choose("hadr_exercises", Choice.PUSH)
    shot("turn-us-deciding")
    app.scene.end_turn()
    app.scene.reveal_own()
    app.scene.choose("counter_influence", Choice.PUSH)
    app.scene.choose("hadr_exercises", Choice.PUSH)
    app.scene.end_turn()
    shot("reveal")
    # a few more turns so the map, news and dashboard have something to show
    for _ in range(3):
        app.scene.proceed()
        for _delegation in ("us", "japan"):
            if app.scene.title == "Curtain":
                app.scene.reveal_own()
            app.scene.choose(
                "counter_influence", Choice.PUSH
            ) if "counter_influence" in app.scene.choice_buttons else None
            app.scene.choose(
                "hadr_exercises", Choice.PUSH
            ) if "hadr_exercises" in app.scene.choice_buttons else None
            app.scene.end_turn()
    app.scene.proceed()
    if app.scene.title == "Curtain":
        app.scene.reveal_own()
    card = app.scene.card_rects["jp_tw_dialogue"]
    shot("turn-later", mouse=(card.centerx, card.y + 12))
    dash = app.scene.dash_rect
    shot("turn-dashboard-tooltip", mouse=(dash.x + 40, dash.y + 40))
    app.open_overlay(PauseOverlay(app))
    shot("pause")
    app.close_overlay()
    app.open_overlay(FacilitatorConsole(app))
    app.session.game.add_note("Japan hesitated over the dialogue")
    shot("facilitator-console")
    app.close_overlay()
    forecast = ForecastScene(app, app.session.current, lambda: None)
    scene_before = app.scene
    app.switch(forecast)
    forecast.answer("tension_up", 0.7)
    shot("forecasts")
    app.switch(type(scene_before)(app))
    while not app.session.game.over:
        if app.scene.title == "Curtain":
            app.scene.reveal_own()
        elif app.scene.title == "Turn":
            app.scene.end_turn()
        elif app.scene.title == "Reveal":
            app.scene.proceed()
    app.scene.proceed()
    shot("debrief")
    what_if = CounterfactualScene(app)
    app.switch(what_if)
    what_if.turn, what_if.actor, what_if.measure, what_if.choice = 2, "japan", "basic_act", "push"
    app.rebuild()
    what_if.run()
    shot("what-if")
    app.switch(LoadScene(app))
    shot("load")
    app.switch(
        ErrorScene(
            app,
            "This scenario cannot be loaded",
            "scenarios/broken.yaml:14:5: measures[0].progres: unknown key `progres`; did you mean `progress`?",
        )
    )
    shot("error")
    pygame.display.quit()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--sizes", default="1280x720,1024x600")
    args = parser.parse_args(argv)
    for spec in args.sizes.split(","):
        w, h = (int(v) for v in spec.lower().split("x"))
        for path in capture(args.out_dir, (w, h)):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
