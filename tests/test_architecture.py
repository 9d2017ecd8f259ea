"""The core never imports the window: the engine, scenario, simulation and report packages and
the modules the terminal and the command line are built from import no pygame, pygame_gui or
game.ui (habit 1 of STYLE.md), so they run where no window can open and start quickly."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import game

CORE_PACKAGES = ("game.engine", "game.scenario", "game.sim", "game.report")
# Every module directly in `game/` is core: the readers and writers shared by everyone
# (reading, atomic, cache, limits, text, paths, arguments), the terminal (textui, play_cli,
# play_args), the command line (cli) and the authoring helpers.
TOP_LEVEL = sorted(f"game.{m.name}" for m in pkgutil.iter_modules(game.__path__) if not m.ispkg)
WINDOW = ("pygame", "pygame_gui", "game.ui")


def core_modules() -> list[str]:
    import importlib

    found = list(TOP_LEVEL)
    for package in CORE_PACKAGES:
        module = importlib.import_module(package)
        found.append(package)
        found += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
    return found


def test_the_list_of_core_modules_is_complete():
    modules = core_modules()
    for name in ("game.reading", "game.atomic", "game.cache", "game.limits", "game.text"):
        assert name in modules
    for name in ("game.textui", "game.play_cli", "game.cli", "game.engine.saves"):
        assert name in modules
    assert "game.report.baseline" in modules and "game.sim.montecarlo" in modules


def test_no_core_module_imports_the_window():
    """Each module is imported in turn in a fresh interpreter; the first one after which a
    window module is loaded is the one that imported it."""
    code = (
        "import importlib, sys\n"
        f"window = {WINDOW!r}\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m in window or m.startswith(tuple(w + '.' for w in window)))\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if loaded():\n"
        "        sys.exit(f'{name} imports {loaded()}')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr or run.stdout


def test_the_device_server_imports_no_pygame():
    """`serve` runs a class where no window can open: game.net and the window-free session it
    keeps the save with (game.ui.session) load no pygame, pygame_gui or window module."""
    import game.net

    names = ["game.net"] + [f"game.net.{m.name}" for m in pkgutil.iter_modules(game.net.__path__)]
    assert "game.net.server" in names and "game.net.serve" in names
    allowed = ("game.ui", "game.ui.session", "game.ui.settings")
    code = (
        "import importlib, sys\n"
        "window = ('pygame', 'pygame_gui', 'game.ui')\n"
        f"allowed = {allowed!r}\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m not in allowed and (m in window or "
        "m.startswith(tuple(w + '.' for w in window))))\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    if loaded():\n"
        "        sys.exit(f'{name} imports {loaded()}')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr or run.stdout


# The layers under every front end: the rules, the scenario format, batch play and analysis,
# the report, the public API and the shared wording. They import no window, no terminal
# screen (game.textui) and no command line (game.cli, game.play_cli), so a researcher's script
# or a cluster worker loads only what the game's rules need.
LAYERED = ("game.engine", "game.scenario", "game.sim", "game.report")
LAYERED_MODULES = ("game.api", "game.env", "game.wording", "game.formatting", "game.i18n")
FRONT_ENDS = ("pygame", "pygame_gui", "game.ui", "game.cli", "game.play_cli", "game.textui")


def layered_modules() -> list[str]:
    import importlib

    found = list(LAYERED_MODULES)
    for package in LAYERED:
        module = importlib.import_module(package)
        found.append(package)
        found += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
    return found


def test_the_rules_simulation_and_report_import_no_front_end():
    """Each module in a fresh interpreter: none loads the window, the terminal's screens or the
    command line (sim once imported play_cli for --profiles, which reached the UI)."""
    code = (
        "import importlib, sys\n"
        f"front = {FRONT_ENDS!r}\n"
        f"for name in {layered_modules()!r}:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    new = [m for m in set(sys.modules) - before\n"
        "           if m in front or m.startswith(tuple(f + '.' for f in front))]\n"
        "    if new:\n"
        "        sys.exit(f'{name} imports {sorted(new)}')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr or run.stdout
