"""Finding and loading scenario files for commands: by id among the bundled ones, or by path
with its problems printed for the person at the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from game.paths import SCENARIO_DIR, SCENARIO_SUFFIXES
from game.scenario.errors import ScenarioError
from game.scenario.loader import LoadedScenario, load_scenario


def scenario_by_id(scenario_id: str, folder: Path = SCENARIO_DIR) -> Path | None:
    """The scenario file in `folder` whose id is `scenario_id` (invalid files are skipped)."""
    for path in sorted(folder.glob("*")):
        if path.suffix in SCENARIO_SUFFIXES and path.is_file():
            try:
                if load_scenario(path).scenario.id == scenario_id:
                    return path
            except ScenarioError:
                continue
    return None


def load_or_report(path: str | Path) -> LoadedScenario | None:
    """Load a scenario, or print every located problem to stderr and return None."""
    try:
        return load_scenario(path)
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return None
