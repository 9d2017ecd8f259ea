"""Window benchmarks: `python -m game.ui.bench` (headless, SDL dummy driver).

1. Start-up on the real path: `python main.py` is launched as players launch it, and reports
   the moment its first interactive frame is on screen (the TRILATERAL_FIRST_FRAME_REPORT
   hook in game.ui.app). Median over several runs, against the time `python -c "import pygame,
   pygame_gui"` takes to finish its imports, measured the same way. Goal: within 1.5x.
2. Many scenarios: a folder of 1,000 scenario files (`--scenarios DIR`). The title screen's
   first frame, every frame's time while the list is checked in the background (with keys
   pressed and the wheel turned meanwhile), when the list is complete, and the process's peak
   memory; once with an empty cache and once with the cache the first run wrote. Frames are
   timed for two more seconds after the list is complete (the engine is imported in the
   background then). Goals: title interactive within 2 s, no frame over 100 ms, memory bounded.
3. Frame time on the turn screen at 1280x720, mid-game, with the mouse moving over cards and
   the dashboard (tooltips drawn): p50 and p99 over several hundred frames. Goal p99 < 16.7 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from game.paths import DEFAULT_SCENARIO, PROJECT_ROOT

AFTER_DONE_SECONDS = 2.0  # frames timed after the list is complete, while the engine loads

STARTUP_IMPORT = (
    "import pygame, pygame_gui, json, sys, time\n"
    "report = {'monotonic': time.monotonic(), 'cpu': time.process_time()}\n"
    "open(sys.argv[1], 'w').write(json.dumps(report))\n"
)


def _env(home: str | None = None) -> dict[str, str]:
    env = dict(
        os.environ,
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        TRILATERAL_HOME=home or tempfile.mkdtemp(prefix="trilateral-bench-"),
    )
    # As installed: Python keeps compiled bytecode (the warm-up run writes it if missing).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _timed(command: list[str], report: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds from launch, processor seconds) at the moment `command` reports."""
    start = time.monotonic()
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=PROJECT_ROOT)
    data = json.loads(report.read_text())
    return data["monotonic"] - start, data["cpu"]


def first_frame(extra_args: Sequence[str] = (), home: str | None = None) -> tuple[float, float]:
    """(wall, processor) seconds from launching `python main.py` to its first interactive frame."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "first-frame.json"
        env = _env(home)
        env["TRILATERAL_FIRST_FRAME_REPORT"] = str(report)
        return _timed([sys.executable, str(PROJECT_ROOT / "main.py"), *extra_args], report, env)


def imports_done() -> tuple[float, float]:
    """(wall, processor) seconds from launching Python to the end of `import pygame, pygame_gui`."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "imported.json"
        return _timed([sys.executable, "-c", STARTUP_IMPORT, str(report)], report, _env())


def import_command_seconds() -> float:
    """Wall seconds the whole command `python -c "import pygame, pygame_gui"` takes."""
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", "import pygame, pygame_gui"],
        check=True,
        env=_env(),
        capture_output=True,
    )
    return time.monotonic() - start


def startup(runs: int) -> dict[str, float]:
    """Medians over `runs` interleaved launches of the window and of the imports alone.

    Each window launch is compared with the import launch beside it, so a busy moment on the
    machine slows both sides of a ratio.
    """
    first_frame()  # warm the file cache and write bytecode; not counted
    imports_done()
    wall, cpu, base_wall, base_cpu, command = [], [], [], [], []
    for _ in range(runs):
        w, c = first_frame()
        bw, bc = imports_done()
        command.append(import_command_seconds())
        wall.append(w)
        cpu.append(c)
        base_wall.append(bw)
        base_cpu.append(bc)
    median = statistics.median
    return {
        "window_wall": median(wall),
        "window_cpu": median(cpu),
        "imports_wall": median(base_wall),
        "imports_cpu": median(base_cpu),
        "command_wall": median(command),
        "ratio_wall": median(w / b for w, b in zip(wall, base_wall, strict=True)),
        "ratio_cpu": median(c / b for c, b in zip(cpu, base_cpu, strict=True)),
        "ratio_command": median(w / b for w, b in zip(wall, command, strict=True)),
    }


# --- many scenarios ---------------------------------------------------------------------------


def write_scenario_folder(folder: Path, count: int) -> None:
    """`count` valid scenarios (the default one under new ids), one in fifty broken."""
    text = DEFAULT_SCENARIO.read_text(encoding="utf-8")
    for i in range(count):
        body = re.sub(r"(?m)^id: .*$", f"id: bench-{i:04d}", text, count=1)
        body = re.sub(r"(?m)^title: (.*)$", rf"title: \1 ({i + 1})", body, count=1)
        if i % 50 == 49:
            body = body.replace("turns:", "turnz:", 1)
        (folder / f"scenario-{i:04d}.yaml").write_text(body, encoding="utf-8")


def catalog_child(folder: Path, seconds_cap: float = 300) -> dict:
    """Run in a fresh process: the title screen over `folder` until every file is checked."""
    start = time.monotonic()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), scenario_dirs=[folder], size=(1280, 720))
    frame_ms: list[float] = []
    first = listed = done = None
    i = 0
    while time.monotonic() - start < seconds_cap:
        if i % 15 == 14:  # a player moving through the list while it fills in
            key = pygame.K_DOWN if i % 60 < 45 else pygame.K_PAGEDOWN
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        if i % 40 == 39:
            pygame.event.post(
                pygame.event.Event(
                    pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0, precise_y=-1
                )
            )
        begin = time.perf_counter()
        app.step(1 / 60)
        pygame.display.flip()
        frame_ms.append((time.perf_counter() - begin) * 1000)
        now = time.monotonic() - start
        first = first if first is not None else now
        catalog = app.catalog
        if listed is None and catalog is not None and catalog.entries:
            listed = now
        if done is None and catalog is not None and catalog.done:
            done = now  # frames go on: the engine is imported in the background after this
        if done is not None and now - done > AFTER_DONE_SECONDS:
            break
        i += 1
        time.sleep(max(0.0, 1 / 60 - frame_ms[-1] / 1000))
    entries = app.catalog.entries or []
    result = {
        "first_frame_s": first,
        "listed_s": listed,
        "all_checked_s": done if done is not None else float("nan"),  # nan: not within the cap
        "files": len(entries),
        "invalid": sum(1 for e in entries if e.error),
        "frames": len(frame_ms),
        "max_frame_ms": max(frame_ms),
        "p99_frame_ms": percentile(frame_ms, 99),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    pygame.display.quit()
    return result


def many_scenarios(count: int) -> list[tuple[str, dict, float]]:
    """(label, catalog run, real-path first frame) with an empty cache, then a warm one."""
    results = []
    with tempfile.TemporaryDirectory(prefix="trilateral-scenarios-") as tmp:
        folder = Path(tmp) / "scenarios"
        folder.mkdir()
        write_scenario_folder(folder, count)
        home = str(Path(tmp) / "home")
        for label in ("empty cache", "warm cache"):
            run = subprocess.run(
                [sys.executable, "-m", "game.ui.bench", "--catalog-child", str(folder)],
                check=True,
                env=_env(home),
                capture_output=True,
                text=True,
                cwd=PROJECT_ROOT,
            )
            child = json.loads(run.stdout.strip().splitlines()[-1])
            frame = first_frame(["play", "--scenarios", str(folder)], home)[0]
            results.append((label, child, frame))
    return results


# --- turn screen --------------------------------------------------------------------------------


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
    catalog = app.scenario_catalog()
    loaded = catalog.load(catalog.matching("free-and-open-indo-pacific")[0])
    app.session = Session.new(loaded, 7, ["japan"], {}, autosave=False)
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


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile of the frame times (numpy's nearest rank, as measured before)."""
    return float(np.percentile(values, q, method="nearest"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.ui.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--frames", type=int, default=400, help="turn-screen frames to time")
    parser.add_argument("--runs", type=int, default=9, help="start-up runs (median reported)")
    parser.add_argument(
        "--scenarios", type=int, default=1000, help="files in the many-scenarios folder (0 skips)"
    )
    parser.add_argument("--catalog-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.catalog_child is not None:
        print(json.dumps(catalog_child(args.catalog_child)))
        return 0
    up = startup(args.runs)
    print(
        f"start-up, `python main.py` to its first interactive frame (median of {args.runs}): "
        f"{up['window_wall']:.3f} s wall, {up['window_cpu']:.3f} s processor; "
        f"`import pygame, pygame_gui` done after {up['imports_wall']:.3f} s wall, "
        f"{up['imports_cpu']:.3f} s processor; the whole import command takes "
        f"{up['command_wall']:.3f} s. Ratios (goal <= 1.5): {up['ratio_wall']:.2f} wall, "
        f"{up['ratio_cpu']:.2f} processor, {up['ratio_command']:.2f} against the whole command"
    )
    if args.scenarios:
        for label, run, frame in many_scenarios(args.scenarios):
            print(
                f"{run['files']:,} scenarios ({run['invalid']} invalid), {label}: "
                f"`python main.py play --scenarios DIR` first frame {frame:.2f} s; in one process: "
                f"first frame {run['first_frame_s']:.2f} s, listed {run['listed_s']:.2f} s, "
                f"all checked {run['all_checked_s']:.1f} s; frames max {run['max_frame_ms']:.1f} ms, "
                f"p99 {run['p99_frame_ms']:.1f} ms over {run['frames']:,}; "
                f"peak memory {run['peak_rss_mb']:.0f} MB (goals: interactive < 2 s, frames < 100 ms)"
            )
    times = frame_times(args.frames)
    print(
        f"turn screen 1280x720: p50 {percentile(times, 50):.1f} ms, p99 {percentile(times, 99):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} frames (goal p99 < 16.7 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
