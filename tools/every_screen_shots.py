"""Save a picture of every screen in each language, window size and text size, to look at.

    python tools/every_screen_shots.py OUT_DIR [--lang en ja zh-Hant] [--size 1280x720 1024x600]
        [--text-size 1.0 1.6]

Writes OUT_DIR/<lang>-<size>-<text size>/<screen>.png for every screen of
tests/ui/every_screen.py (the screens the layout test checks), with the default scenario in
progress, and prints each screen's layout problems (none expected). Runs without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", nargs="+", default=["en", "ja", "zh-Hant"])
    parser.add_argument("--size", nargs="+", default=["1280x720", "1024x600"])
    parser.add_argument("--text-size", nargs="+", type=float, default=[1.0, 1.3, 1.6])
    args = parser.parse_args()
    import tempfile

    import pygame

    os.environ["TRILATERAL_HOME"] = tempfile.mkdtemp(prefix="trilateral-shots-")
    from tests.ui.every_screen import EVERY_SCREEN, open_any
    from tests.ui.layout_check import layout_problems
    from tests.ui.overlap import cut_text
    from tests.ui.test_every_screen import make_app, too_small

    found = 0
    for language in args.lang:
        for size in args.size:
            w, h = (int(v) for v in size.split("x"))
            for scale in args.text_size:
                folder = args.out / f"{language}-{size}-{round(scale * 100)}"
                folder.mkdir(parents=True, exist_ok=True)
                app = make_app((w, h), scale, language)
                for screen in EVERY_SCREEN:
                    open_any(app, screen)
                    problems = layout_problems(app) + cut_text(app) + too_small(app, scale)
                    pygame.image.save(app.surface, str(folder / f"{screen}.png"))
                    for problem in problems:
                        print(f"{folder.name}/{screen}: {problem}")
                    found += len(problems)
                app.end_class()
                pygame.display.quit()
                print(f"{folder}: {len(EVERY_SCREEN)} screens")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
