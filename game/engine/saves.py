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
from game.engine.state import Choice
from game.scenario.loader import LoadedScenario

SAVE_KIND = "trilateral-save"
SAVE_VERSION = 2  # 2 added facilitator actions and forecasts; version 1 saves still load
MAX_SAVE_BYTES = 5_000_000


class SaveError(EngineError):
    """A save file that cannot be read, or does not belong to the scenario given."""


class _SaveScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: str = ""


class _SaveAction(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1)
    kind: str = Field(pattern="^(inject|adjust|note)$")
    inject_id: str = ""
    indicator: str = ""
    amount: float = 0.0
    text: str = ""


class _SaveForecast(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1)
    actor: str
    question: str
    probability: float = Field(ge=0, le=1)


class _SaveFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    version: int
    scenario: _SaveScenario
    seed: int = Field(ge=0, lt=2**63)
    humans: list[str]
    ai_profiles: dict[str, str]
    turns: list[dict[str, dict[str, str]]]
    facilitator: list[_SaveAction] = Field(default_factory=list)
    forecasts: list[_SaveForecast] = Field(default_factory=list)


def save_data(game: Game) -> dict[str, Any]:
    """The JSON-ready content of a save of `game` as it stands."""
    game.require_record("saving, taking back or replaying a game")
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
        "facilitator": [
            {k: v for k, v in vars(a).items() if v not in ("", 0.0) or k in ("turn", "kind")}
            for a in game.facilitator_log
        ],
        "forecasts": [vars(f) for f in game.forecasts],
    }


def save_text(game: Game) -> str:
    """The save file's text for `game` as it stands."""
    return json.dumps(save_data(game), indent=1) + "\n"


def save_game(game: Game, path: str | Path) -> None:
    """Write a save atomically: the old file or the new one, never half of one."""
    write_text_atomic(Path(path), save_text(game))


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
    check_scenario(save, loaded, path)
    return replay(save, loaded, path, upto_turn=upto_turn)


def check_scenario(save: _SaveFile, loaded: LoadedScenario, path: str | Path) -> None:
    if save.scenario.id != loaded.scenario.id:
        raise SaveError(
            f"{path}: save is for scenario `{save.scenario.id}`, not `{loaded.scenario.id}` ({loaded.file})"
        )
    if save.scenario.hash != loaded.content_hash:
        raise SaveError(
            f"{path}: save was made with a different version of scenario `{save.scenario.id}` "
            f"({loaded.file} has changed since); it cannot be replayed exactly"
        )


def replay(
    save: _SaveFile,
    loaded: LoadedScenario,
    path: str | Path = "<game>",
    upto_turn: int | None = None,
    change: tuple[int, str, str, str] | None = None,
) -> Game:
    """Rebuild a game from its record: for each turn, the facilitator's actions and forecasts
    of that turn, then every delegation's decisions, then resolution.

    `upto_turn` stops after that many resolved turns (keeping the actions taken during the
    next turn's decisions). `change` = (turn, actor, measure, choice) replaces one decision;
    later recorded decisions that are no longer legal are dropped (a counterfactual).
    """
    try:
        game = Game(loaded, save.seed, save.humans, save.ai_profiles)
        turns = save.turns if upto_turn is None else save.turns[:upto_turn]
        for number in range(1, len(turns) + 2):
            for action in save.facilitator:
                if action.turn == number and not game.over:
                    _redo(game, action)
            for forecast in save.forecasts:
                if forecast.turn == number and not game.over:
                    try:
                        game.submit_forecast(
                            forecast.actor, forecast.question, forecast.probability
                        )
                    except EngineError:
                        if change is None:
                            raise  # in a counterfactual, a question may no longer arise

            if number > len(turns):
                break
            turn = turns[number - 1]
            if game.over:
                if change is not None:
                    break  # a counterfactual may end sooner than the original
                raise SaveError(f"{path}: damaged save: turn {number} comes after the game ended")
            missing = set(game.book.delegation_ids) - set(turn)
            if missing:
                raise SaveError(
                    f"{path}: damaged save: turn {number} has no decisions for {', '.join(sorted(missing))}"
                )
            for actor, chosen in turn.items():
                chosen = dict(chosen)
                if change is not None and change[0] == number and change[1] == actor:
                    chosen[change[2]] = change[3]
                if change is not None and number >= change[0]:
                    chosen = _still_legal(game, actor, chosen)
                game.submit(actor, chosen)
            game.resolve_turn()
    except SaveError:
        raise
    except EngineError as err:
        raise SaveError(f"{path}: damaged save: {err}") from None
    return game


def _redo(game: Game, action: _SaveAction) -> None:
    if action.kind == "inject":
        game.fire_inject(action.inject_id)
    elif action.kind == "adjust":
        game.adjust(action.indicator, action.amount, action.text)
    else:
        game.add_note(action.text)


def _still_legal(game: Game, actor: str, chosen: dict[str, str]) -> dict[str, str]:
    """Keep, in order, the recorded choices that are still possible and affordable."""
    from game.engine.game import IllegalDecision

    kept: dict[str, str] = {}
    for measure, choice in chosen.items():
        trial = {**kept, measure: choice}
        try:
            game.check(actor, trial)
        except IllegalDecision:
            continue
        kept = trial
    return kept


def record_of(game: Game) -> _SaveFile:
    """The save record of a game in memory (for take-backs and counterfactuals)."""
    return _SaveFile.model_validate(save_data(game))


def take_back(game: Game) -> Game:
    """The same game without its last resolved turn: the exact state before that resolution."""
    game.require_record("taking back a turn")
    if not game.reports:
        raise EngineError("no turn has been played yet")
    record = record_of(game)
    kept_turn = len(game.reports)
    record.facilitator = [a for a in record.facilitator if a.turn <= kept_turn]
    record.forecasts = [f for f in record.forecasts if f.turn <= kept_turn]
    return replay(record, game.loaded, upto_turn=kept_turn - 1)


def counterfactual(game: Game, turn: int, actor: str, measure: str, choice: str) -> Game:
    """Replay the game with one decision changed, the same seed and every other decision kept
    where it is still legal."""
    if not 1 <= turn <= len(game.history):
        raise EngineError(f"turn {turn} was not played")
    if actor not in game.book.delegations:
        raise EngineError(f"unknown delegation {actor!r}")
    if measure not in game.book.measure:
        raise EngineError(f"unknown measure {measure!r}")
    choice = str(Choice(choice))
    return replay(record_of(game), game.loaded, change=(turn, actor, measure, choice))


def scenario_id_of_save(path: str | Path) -> str:
    return read_save(path).scenario.id
