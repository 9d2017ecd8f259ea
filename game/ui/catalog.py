"""Finding scenarios for the title screen: every file in the scenario folders, valid or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.paths import DEFAULT_SCENARIO, SCENARIO_DIR, SCENARIO_SUFFIXES
from game.scenario.errors import ScenarioError
from game.scenario.loader import LoadedScenario, load_scenario


@dataclass
class Entry:
    path: Path
    loaded: LoadedScenario | None
    error: str | None

    @property
    def title(self) -> str:
        return self.loaded.scenario.title if self.loaded else self.path.name


def find_scenarios(extra_dirs: Iterable[Path] = ()) -> list[Entry]:
    """Bundled scenarios (the default first), then those in extra folders, each loaded or with its error."""
    paths: list[Path] = []
    for folder in [SCENARIO_DIR, *extra_dirs]:
        folder = Path(folder)
        if folder.is_file():
            paths.append(folder)
            continue
        if folder.is_dir():
            paths.extend(
                sorted(p for p in folder.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
            )
    seen: set[Path] = set()
    entries = []
    for path in sorted(
        dict.fromkeys(paths), key=lambda p: (p.resolve() != DEFAULT_SCENARIO.resolve(), str(p))
    ):
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        entries.append(load_entry(path))
    return entries


def load_entry(path: Path) -> Entry:
    try:
        return Entry(path, load_scenario(path), None)
    except ScenarioError as err:
        return Entry(path, None, str(err))
    except Exception as err:  # noqa: BLE001 - a broken file must never crash the menu
        return Entry(path, None, f"{path}: could not be loaded: {err}")
