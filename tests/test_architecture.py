"""The engine and scenario packages never import pygame (habit 1 of STYLE.md)."""

from __future__ import annotations

import subprocess
import sys


def test_engine_and_scenario_do_not_import_pygame():
    code = (
        "import sys\n"
        "import game.scenario.loader, game.engine.game, game.engine.saves, game.engine.ai, game.textui\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
