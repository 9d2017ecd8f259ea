"""Window benchmarks: `python -m game.ui.bench` (headless, SDL dummy driver).

1. Frame time on the turn screen at 1280x720, mid-game, with the mouse moving over cards and
   the dashboard (tooltips drawn): p50 and p99 over several hundred frames. Goal p99 < 16.7 ms.
2. Start-up: seconds from launching Python to the first drawn title screen, against
   `python -c "import pygame, pygame_gui"` on the same machine. Goal: within 1.5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

STARTUP_APP = (
    "from game.ui.app import App\n"
    "from game.ui.settings import Settings\n"
    "app = App(Settings(), size=(1280, 720)); app.step()\n"
    "import os; os._exit(0)\n"  # the first frame is drawn and the menu answers input
)
STARTUP_READY = (
    "from game.ui.app import App\n"
    "from game.ui.settings import Settings\n"
    "app = App(Settings(), size=(1280, 720)); app.step()\n"
    "app.scene.wait_until_loaded(); app.step()\n"
    "import os; os._exit(0)\n"
)
STARTUP_IMPORT = "import pygame, pygame_gui\n"


def frame_times(frames: int = 400) -> list[float]:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("TRILATERAL_HOME", tempfile.mkdtemp(prefix="trilateral-bench-"))
    import pygame

    from game.engine.state import Choice
    from game.ui.app import App
    from game.ui.scenes.flow import after_decision_point
    from game.ui.session import Session
    from game.ui.settings import Settings

    app = App(Settings(), size=(1280, 720))
    app.scene.wait_until_loaded()
    entry = app.scene.entries[app.scene.selected]
    app.session = Session.new(entry.loaded, 7, ["japan"], {}, autosave=False)
    game = app.session.game
    for _ in range(4):  # a mid-game board: adopted measures, events on the map, news
        if "counter_influence" in {o.measure_id for o in app.session.options().measures}:
            app.session.set_choice("counter_influence", Choice.PUSH)
        app.session.end_delegation_turn()
        app.session.next_after_reveal()
    after_decision_point(app, "turn")
    assert game.state.turn == 5
    scene = app.scene
    targets = [r.center for r in scene.card_rects.values()] + [
        scene.dash_rect.center,
        scene.map_rect.center,
    ]
    times = []
    for i in range(frames):
        pos = targets[(i // 20) % len(targets)]
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=(pos[0] + i % 7, pos[1]), rel=(1, 0), buttons=(0, 0, 0)
            )
        )
        start = time.perf_counter()
        app.step(1 / 60)
        pygame.display.flip()
        times.append((time.perf_counter() - start) * 1000)
    pygame.display.quit()
    return times[20:]  # the first frames build caches


def startup_seconds(code: str, repeats: int = 5) -> float:
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    env.setdefault("TRILATERAL_HOME", tempfile.mkdtemp(prefix="trilateral-bench-"))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.ui.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--frames", type=int, default=400)
    args = parser.parse_args(argv)
    base = startup_seconds(STARTUP_IMPORT)
    full = startup_seconds(STARTUP_APP)
    ready = startup_seconds(STARTUP_READY)
    print(
        f"start-up: interactive title screen after {full:.2f} s, scenario list validated after {ready:.2f} s; "
        f"`import pygame, pygame_gui` takes {base:.2f} s; ratio {full / base:.2f} (goal <= 1.5)"
    )
    times = frame_times(args.frames)
    print(
        f"turn screen 1280x720: p50 {percentile(times, 50):.1f} ms, p99 {percentile(times, 99):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} frames (goal p99 < 16.7 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
