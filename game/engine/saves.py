"""Saves as event sourcing: a save is the setup plus every turn's decisions; loading replays them.

A save names the scenario's content hash, so a save made with a different version of the
scenario is refused with a clear message instead of silently diverging.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.atomic import write_text_atomic
from game.engine.game import EngineError, Game
from game.scenario.loader import LoadedScenario

SAVE_KIND = "trilateral-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 5_000_000


class SaveError(EngineError):
    """A save file that cannot be read, or does not belong to the scenario given."""


class _SaveScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: str = ""


class _SaveFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    version: int
    scenario: _SaveScenario
    seed: int = Field(ge=0, lt=2**63)
    humans: list[str]
    ai_profiles: dict[str, str]
    turns: list[dict[str, dict[str, str]]]


def save_data(game: Game) -> dict[str, Any]:
    """The JSON-ready content of a save of `game` as it stands."""
    return {
        "kind": SAVE_KIND,
        "version": SAVE_VERSION,
        "scenario": {
            "id": game.scenario.id,
            "hash": game.loaded.content_hash,
            "title": game.scenario.title,
        },
        "seed": game.seed,
        "humans": sorted(game.setup.humans),
        "ai_profiles": dict(game.setup.ai_profiles),
        "turns": [
            {
                actor: {mid: str(choice) for mid, choice in chosen.items()}
                for actor, chosen in turn.items()
            }
            for turn in game.history
        ],
    }


def save_game(game: Game, path: str | Path) -> None:
    """Write a save atomically: the old file or the new one, never half of one."""
    write_text_atomic(Path(path), json.dumps(save_data(game), indent=1) + "\n")


def read_save(path: str | Path) -> _SaveFile:
    """Parse and check a save file's structure (not yet its scenario)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(f"{path}: file is too large to be a save")
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a save file (not UTF-8 text)") from None
    except OSError as err:
        raise SaveError(f"{path}: cannot be read: {err.strerror or err}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        why = "the file ends early (truncated?)" if err.pos >= len(text.rstrip()) else err.msg
        raise SaveError(f"{path}:{err.lineno}:{err.colno}: not a valid save: {why}") from None
    if not isinstance(raw, dict) or raw.get("kind") != SAVE_KIND:
        raise SaveError(f'{path}: not a Trilateral save (expected "kind": "{SAVE_KIND}")')
    version = raw.get("version")
    if isinstance(version, int) and version > SAVE_VERSION:
        raise SaveError(
            f"{path}: save format {version} is newer than this Trilateral reads ({SAVE_VERSION}); "
            "update Trilateral to open it"
        )
    try:
        save = _SaveFile.model_validate(raw)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SaveError(f"{path}: damaged save: at `{where}`: {first['msg']}") from None
    if save.version < 1:
        raise SaveError(f"{path}: unknown save format {save.version}")
    return save


def load_game(path: str | Path, loaded: LoadedScenario, upto_turn: int | None = None) -> Game:
    """Replay a save against `loaded`; the result is identical to the game that was saved."""
    save = read_save(path)
    if save.scenario.id != loaded.scenario.id:
        raise SaveError(
            f"{path}: save is for scenario `{save.scenario.id}`, not `{loaded.scenario.id}` ({loaded.file})"
        )
    if save.scenario.hash != loaded.content_hash:
        raise SaveError(
            f"{path}: save was made with a different version of scenario `{save.scenario.id}` "
            f"({loaded.file} has changed since); it cannot be replayed exactly"
        )
    try:
        game = Game(loaded, save.seed, save.humans, save.ai_profiles)
        turns = save.turns if upto_turn is None else save.turns[:upto_turn]
        for number, turn in enumerate(turns, start=1):
            if game.over:
                raise SaveError(f"{path}: damaged save: turn {number} comes after the game ended")
            missing = set(game.book.delegation_ids) - set(turn)
            if missing:
                raise SaveError(
                    f"{path}: damaged save: turn {number} has no decisions for {', '.join(sorted(missing))}"
                )
            for actor, chosen in turn.items():
                game.submit(actor, chosen)
            game.resolve_turn()
    except SaveError:
        raise
    except EngineError as err:
        raise SaveError(f"{path}: damaged save: {err}") from None
    return game


def scenario_id_of_save(path: str | Path) -> str:
    return read_save(path).scenario.id
