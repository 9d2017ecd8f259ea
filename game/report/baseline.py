"""The report's AI baseline: the shared score and outcome band of a few hundred AI-played games
of the class's scenario, kept in the user's cache folder so that the next report of the same
scenario does not play them again.

An entry is found by a digest of everything its numbers depend on (`baseline_key`): the
scenario's content hash, the AI profile combinations, the number of games and the first seed,
this program's version and a digest of its own source code (so an upgrade, or an edited
engine, never gets an old answer), and the numpy and Python versions the games ran on. The key
is also stored in the entry and compared whole when it is read back.

Reading trusts nothing: an entry is read through `game.reading` like every file from outside (at
most a size cap, from a regular file, never a FIFO, a device or a folder; JSON with bounded
nesting and finite numbers), and anything that does not parse, or whose key, length or values
do not match, is ignored and replaced. Writes are atomic; a cache that cannot be written only costs time.
The folder is `$TRILATERAL_HOME/cache` when TRILATERAL_HOME is set (as for settings and saves),
otherwise platformdirs' user cache folder.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from game.atomic import write_text_atomic
from game.cache import cache_dir, program_fingerprint
from game.reading import FileReadError, read_json
from game.scenario.loader import LoadedScenario
from game.sim.batch import profile_combinations, run_games

FORMAT = 1
KIND = "trilateral-ai-baseline"
# An entry holds a score (at most "100.0") and an outcome id (at most 48 characters) per game.
_BYTES_PER_GAME = 64
_BYTES_FIXED = 64 * 1024
# Older entries beyond this many are removed when a new one is written.
MAX_ENTRIES = 200
_ENTRY_SUFFIX = ".baseline.json"


@dataclass(frozen=True)
class Baseline:
    """One AI-played game per seed, in seed order: its shared score and outcome band id."""

    scores: tuple[float, ...]
    outcomes: tuple[str, ...]
    combinations: int  # how many AI profile combinations the games cycled through
    from_cache: bool


def baseline_key(
    loaded: LoadedScenario, combos: Sequence[Mapping[str, str]], runs: int, first_seed: int
) -> dict[str, Any]:
    """Everything the baseline's numbers depend on."""
    import numpy

    return {
        "kind": KIND,
        "format": FORMAT,
        "scenario": loaded.content_hash,
        "profiles": [dict(c) for c in combos],
        "runs": runs,
        "first_seed": first_seed,
        "program": program_fingerprint(),
        "numpy": numpy.__version__,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
    }


def _entry_path(key: dict[str, Any]) -> Path:
    name = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:40]
    return cache_dir() / "baseline" / f"{name}{_ENTRY_SUFFIX}"


def _valid(
    entry: object, key: dict[str, Any], outcome_ids: frozenset[str]
) -> TypeGuard[dict[str, Any]]:
    if not isinstance(entry, dict) or entry.get("key") != key:
        return False
    scores, outcomes = entry.get("scores"), entry.get("outcomes")
    runs = key["runs"]
    if not isinstance(scores, list) or not isinstance(outcomes, list):
        return False
    if len(scores) != runs or len(outcomes) != runs:
        return False
    for s in scores:
        if isinstance(s, bool) or not isinstance(s, int | float):
            return False
        if not math.isfinite(s) or not 0 <= s <= 100:
            return False
    return all(isinstance(o, str) and o in outcome_ids for o in outcomes)


def _load(path: Path, key: dict[str, Any], outcome_ids: frozenset[str]) -> Baseline | None:
    try:
        entry = read_json(path, _BYTES_FIXED + _BYTES_PER_GAME * key["runs"], "cache entry")
    except FileReadError:  # missing, not a regular file, too large, not JSON: play the games
        return None
    if not _valid(entry, key, outcome_ids):
        return None
    return Baseline(
        tuple(float(s) for s in entry["scores"]),
        tuple(entry["outcomes"]),
        len(key["profiles"]),
        True,
    )


def _store(path: Path, key: dict[str, Any], scores: list[float], outcomes: list[str]) -> None:
    text = json.dumps(
        {"key": key, "scores": scores, "outcomes": outcomes},
        separators=(",", ":"),
        allow_nan=False,
    )
    try:
        if _is_special(path):
            # Our own cache folder: a pipe, device or socket in an entry's place is removed
            # (atomic writes refuse to replace one; a link they replace themselves).
            path.unlink()
        write_text_atomic(path, text)
    except OSError:
        return  # a read-only or full cache folder costs the next report time, nothing else
    _prune(path.parent, keep=path)


def _is_special(path: Path) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode))


def _prune(folder: Path, keep: Path) -> None:
    try:
        entries = [p for p in folder.iterdir() if p.name.endswith(_ENTRY_SUFFIX) and p != keep]
        if len(entries) < MAX_ENTRIES:
            return
        entries.sort(key=lambda p: p.stat().st_mtime)
        for old in entries[: len(entries) - MAX_ENTRIES + 1]:
            old.unlink()
    except OSError:
        return


def ai_baseline(
    loaded: LoadedScenario,
    runs: int,
    *,
    first_seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Baseline:
    """`runs` AI-played games of the scenario (seeds first_seed.., cycling through every
    combination of AI profiles), from the cache when it holds them. `progress(done, runs)` is
    called after each game played, or once with (runs, runs) when the cache answers."""
    combos = profile_combinations(loaded)
    key = baseline_key(loaded, combos, runs, first_seed)
    path = _entry_path(key) if key["program"] is not None else None
    outcome_ids = frozenset(o.id for o in loaded.scenario.outcomes)
    found = _load(path, key, outcome_ids) if path is not None else None
    if found is not None:
        if progress is not None:
            progress(runs, runs)
        return found
    scores: list[float] = []
    outcomes: list[str] = []
    for i, summary in enumerate(
        run_games(loaded, range(first_seed, first_seed + runs), combos), start=1
    ):
        scores.append(summary.shared_score)
        outcomes.append(summary.outcome)
        if progress is not None:
            progress(i, runs)
    if path is not None:
        _store(path, key, scores, outcomes)
    return Baseline(tuple(scores), tuple(outcomes), len(combos), False)
