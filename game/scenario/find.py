"""Finding and loading scenario files for commands: by id among the bundled ones, or by path
with its problems printed for the person at the terminal.

`scenario_files_in` is the one rule for which files of a folder are scenarios: the files
directly inside it (not in its subfolders) whose names end in .yaml or .yml, in any case.
`validate DIR`, the window's scenario list and `scenario_by_id` all
use it, so the files checked for a shared id are the files a save can be matched with.

Saves and reports name their scenario by id, so two files with the same id in one place would
make "the scenario of this save" ambiguous. `same_id_problems` is the one rule for that: the
`validate` command reports it, the window's scenario list marks such files, and
`scenario_by_id` refuses to guess between them.

The loader (pydantic, the expression compiler) is imported only when a file is loaded, so
that commands which never load a scenario, and the window's first frame, do not pay for it.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from game.paths import SCENARIO_DIR, is_scenario_name
from game.scenario.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario


class AmbiguousScenarioId(ScenarioError):
    """Raised when several scenario files share the id a save or report asks for."""


def scenario_files_in(folder: str | Path) -> list[Path]:
    """The scenario files directly inside `folder`, sorted by name (see the module
    docstring). Raises OSError when the folder cannot be listed."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not is_scenario_name(entry.name):
                continue
            try:
                is_file = entry.is_file()  # follows links: a link to a scenario is one
            except OSError:
                is_file = False
            if is_file:
                found.append(Path(entry.path))
    return sorted(found)


def scenario_paths(folder: Path) -> list[Path]:
    """`scenario_files_in(folder)`, or none when it is not a folder that can be listed."""
    try:
        return scenario_files_in(folder)
    except (OSError, ValueError):  # ValueError: a NUL character in the name
        return []


def gather_scenario_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Scenario files from paths given by a person: a file as it is, a folder as the scenario
    files directly inside it; each file once, however often it is named. Returns the files,
    and one sentence for each path that gave none (missing, unreadable, no scenario files)."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
            found = scenario_files_in(path) if is_folder else [path]
        except FileNotFoundError:
            problems.append(f"{raw}: no such file or folder")
            continue
        except OSError as err:
            problems.append(f"{raw}: cannot be read: {err.strerror or err}")
            continue
        except ValueError:
            problems.append(f"{raw!r}: not a valid file name")
            continue
        if is_folder and not found:
            problems.append(f"{raw}: folder has no scenario files (.yaml or .yml)")
        files.extend(found)
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(_resolved(path), path)
    return list(unique.values()), problems


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path.absolute()


def same_id_groups(found: Iterable[tuple[Path, str]]) -> dict[str, list[Path]]:
    """Scenario ids used by more than one file, each with its files in the order given."""
    by_id: dict[str, list[Path]] = {}
    for path, scenario_id in found:
        by_id.setdefault(scenario_id, []).append(path)
    return {sid: paths for sid, paths in by_id.items() if len(paths) > 1}


def same_id_problems(found: Iterable[tuple[Path, str, int, int]]) -> list[Problem]:
    """One located problem per file whose scenario id another file also uses.

    `found` holds (path, id, line, column) for each valid file, the line and column being
    where its `id:` value is written.
    """
    found = list(found)
    where = {path: (line, column) for path, _, line, column in found}
    problems = []
    for sid, paths in same_id_groups((p, sid) for p, sid, _, _ in found).items():
        for path in paths:
            others = ", ".join(str(o) for o in paths if o != path)
            line, column = where[path]
            problems.append(
                Problem(
                    str(path),
                    line,
                    column,
                    ("id",),
                    f"scenario id `{sid}` is also used by {others}; saves and reports find a "
                    "scenario by its id, so give each scenario an id of its own",
                )
            )
    return problems


def scenario_by_id(
    scenario_id: str, folder: Path = SCENARIO_DIR, content_hash: str | None = None
) -> Path | None:
    """The scenario file in `folder` whose id is `scenario_id` (invalid files are skipped).

    When several files have that id, the one whose content hash is `content_hash` (a save's)
    is chosen; files with identical content are interchangeable. Raises AmbiguousScenarioId
    when the choice would otherwise be a guess.
    """
    from game.scenario.loader import load_scenario

    matches: list[tuple[Path, str]] = []
    for path in scenario_paths(folder):
        try:
            loaded = load_scenario(path)
        except ScenarioError:
            continue
        if loaded.scenario.id == scenario_id:
            matches.append((path, loaded.content_hash))
    if content_hash is not None and len(matches) > 1:
        matches = [m for m in matches if m[1] == content_hash] or matches
    if len({digest for _, digest in matches}) > 1:
        names = ", ".join(str(p) for p, _ in matches)
        raise AmbiguousScenarioId(
            [
                Problem(
                    str(folder),
                    0,
                    0,
                    (),
                    f"scenario id `{scenario_id}` is used by {len(matches)} files ({names}); "
                    "give the one to use with --scenario PATH",
                )
            ]
        )
    return matches[0][0] if matches else None


def load_or_report(path: str | Path) -> LoadedScenario | None:
    """Load a scenario, or print every located problem to stderr and return None."""
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language

    try:
        loaded = load_scenario(path)
    except ScenarioError as err:
        for line in err.lines():
            print(line, file=sys.stderr)
        return None
    return in_language(loaded)  # in the run's language, when it has a translation
