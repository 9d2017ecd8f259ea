"""Saves as event sourcing: a save is the setup plus every turn's decisions; loading replays them.

A save names the scenario's content hash, so a save made with a different version of the
scenario is refused with a clear message instead of silently diverging.

Reading a save never raises anything but `SaveError` with one located message: the file is
read through `game.reading` (bounded, non-blocking, finite numbers, bounded nesting) and
validated by a strict model whose every list and text is bounded.

Since format 3 a save carries `digest`, the SHA-256 of a canonical serialisation of everything
else in it. A save whose content no longer matches (its decisions, seed, facilitator entries or
anything else were edited outside the game) still loads, with `CHANGED_OUTSIDE` in
`game.save_warnings`. A save of format 1 or 2 has no digest: it loads with `NO_DIGEST`, since
changes to it cannot be detected. Warnings are written into later saves of the same game, so
continuing an edited game and saving it again does not wash the warning out. The digest is a
check against editing by hand, not a signature: anyone who reads this code can recompute it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from game.atomic import write_text_atomic
from game.engine.game import EngineError, FacilitatorAction, Game
from game.engine.state import Choice
from game.i18n import _
from game.limits import MAX_SEED
from game.reading import FileReadError, parse_json, read_bytes
from game.scenario.loader import LoadedScenario
from game.text import displayable, text_problem

SAVE_KIND = "trilateral-save"
# 2 added facilitator actions and forecasts; 3 the content digest, carried warnings and
# take-backs in the facilitator's record; 4 whether the game plays the history excursion;
# 5 the facilitator's "hold" (ended a delegation's turn) and "ai" (handed it to the computer).
# Versions 1 to 4 still load.
SAVE_VERSION = 5
MAX_SAVE_BYTES = 5_000_000
MAX_WARNINGS = 20

CHANGED_OUTSIDE = (
    "This save was changed outside Trilateral after the game wrote it, so its decisions, "
    "seed or facilitator entries may not be what was played."
)
NO_DIGEST = (
    "This save was written by an older version of Trilateral, before saves carried a check "
    "of their content, so changes made to it outside Trilateral cannot be detected."
)


class SaveError(EngineError):
    """Raised when a save file cannot be read, is damaged, or does not belong to the scenario
    given; the message names the file and, where there is one, the place in it."""


def _printable(text: str) -> str:
    problem = text_problem(text)
    if problem:
        raise ValueError(f"text that {problem}")
    return text


# Text of at most so many characters, with no control characters.
_Id = Annotated[str, Field(max_length=200), AfterValidator(_printable)]
_Title = Annotated[str, Field(max_length=1000), AfterValidator(_printable)]
_Warning = Annotated[str, Field(max_length=2000), AfterValidator(_printable)]
_LongText = Annotated[str, Field(max_length=100_000), AfterValidator(_printable)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _SaveScenario(_Strict):
    id: _Id
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: _Title = ""  # as the scenario wrote it (the Load list shows it)


class _SaveAction(_Strict):
    turn: int = Field(ge=1, le=10_000)
    kind: Literal["inject", "adjust", "note", "hold", "ai", "takeback"]
    inject_id: _Id = ""
    indicator: _Id = ""
    amount: float = 0.0
    text: _LongText = ""
    actor: _Id = ""


class _SaveForecast(_Strict):
    turn: int = Field(ge=1, le=10_000)
    actor: _Id
    question: _Id
    probability: float = Field(ge=0, le=1)


_Decisions = Annotated[dict[_Id, _Id], Field(max_length=1000)]


class SaveRecord(_Strict):
    """A save's content, checked: the setup, every turn's decisions, the facilitator's record,
    forecasts, and the warnings about it (see the module docstring)."""

    kind: str = Field(max_length=100)
    version: int
    scenario: _SaveScenario
    seed: int = Field(ge=0, le=MAX_SEED)
    humans: list[_Id] = Field(max_length=100)
    ai_profiles: Annotated[dict[_Id, _Id], Field(max_length=100)]
    history: bool = False  # the history excursion (the real timeline's injects)
    turns: list[Annotated[dict[_Id, _Decisions], Field(max_length=100)]] = Field(max_length=1000)
    facilitator: list[_SaveAction] = Field(default_factory=list, max_length=20_000)
    forecasts: list[_SaveForecast] = Field(default_factory=list, max_length=20_000)
    warnings: list[_Warning] = Field(default_factory=list, max_length=MAX_WARNINGS)
    digest: str | None = Field(None, max_length=200)


def save_data(game: Game) -> dict[str, Any]:
    """The JSON-ready content of a save of `game` as it stands, its digest included."""
    game.require_record("saving, taking back or replaying a game")
    handed = {a.actor for a in game.facilitator_log if a.kind == "ai"}
    data: dict[str, Any] = {
        "kind": SAVE_KIND,
        "version": SAVE_VERSION,
        "scenario": {
            "id": game.scenario.id,
            "hash": game.loaded.content_hash,
            "title": game.loaded.written.title,  # as written: a save is the same in every language
        },
        "seed": game.seed,
        # The setup the game started with: a delegation handed to the computer later is a
        # facilitator's action, replayed at its turn.
        "humans": sorted(game.setup.humans | handed),
        "ai_profiles": {a: p for a, p in game.setup.ai_profiles.items() if a not in handed},
        "history": game.setup.history,
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
    if game.save_warnings:
        data["warnings"] = list(game.save_warnings)
    data["digest"] = content_digest(data)
    return data


def content_digest(data: dict[str, Any]) -> str:
    """SHA-256 (hex) of a canonical serialisation of a save's content without its digest:
    keys sorted, no spaces, ASCII only, so layout and key order do not change it."""
    content = {k: v for k, v in data.items() if k != "digest"}
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def save_text(game: Game) -> str:
    """The save file's text for `game` as it stands."""
    return json.dumps(save_data(game), indent=1) + "\n"


def save_game(game: Game, path: str | Path) -> None:
    """Write a save atomically: the old file or the new one, never half of one. Raises OSError."""
    write_text_atomic(Path(path), save_text(game))


def read_save(path: str | Path) -> SaveRecord:
    """Read and check a save file's structure (not yet its scenario). Raises only SaveError.

    The record's `warnings` include `CHANGED_OUTSIDE` or `NO_DIGEST` when they apply."""
    try:
        data = read_bytes(path, MAX_SAVE_BYTES, "save file")
    except FileReadError as err:
        raise SaveError(str(err)) from None
    return parse_save(data, str(path))


def parse_save(data: bytes, name: str = "<save>") -> SaveRecord:
    """Check the bytes of a save (see `read_save`); `name` is used in messages."""
    try:
        raw = parse_json(data, name, "save")
    except FileReadError as err:
        raise SaveError(str(err)) from None
    if not isinstance(raw, dict) or raw.get("kind") != SAVE_KIND:
        raise SaveError(f'{name}: not a Trilateral save (expected "kind": "{SAVE_KIND}")')
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise SaveError(
            f"{name}: save format {version} is newer than this Trilateral reads ({SAVE_VERSION}); "
            "update Trilateral to open it"
        )
    try:
        save = SaveRecord.model_validate(raw)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        # A key of the file's own (any text, even a line break) is shown escaped, so the
        # message stays one line.
        where = ".".join(str(p).encode("unicode_escape").decode("ascii") for p in first["loc"])
        raise SaveError(f"{name}: damaged save: at `{where}`: {first['msg']}") from None
    if save.version < 1:
        raise SaveError(f"{name}: unknown save format {save.version}")
    # Bytes, not str: compare_digest refuses non-ASCII text, and the file may hold any text here.
    expected = content_digest(raw).encode("ascii")
    intact = save.digest is not None and hmac.compare_digest(save.digest.encode("utf-8"), expected)
    if not intact:
        new = NO_DIGEST if save.digest is None and save.version < 3 else CHANGED_OUTSIDE
        save.warnings = list(dict.fromkeys([new, *save.warnings]))[:MAX_WARNINGS]
    return save


def load_game(path: str | Path, loaded: LoadedScenario, upto_turn: int | None = None) -> Game:
    """Replay a save against `loaded`; the result is identical to the game that was saved.
    Raises only SaveError. The game's `save_warnings` say if the file was edited by hand."""
    save = read_save(path)
    check_scenario(save, loaded, path)
    return replay(save, loaded, path, upto_turn=upto_turn)


def check_scenario(save: SaveRecord, loaded: LoadedScenario, path: str | Path) -> None:
    """Raise SaveError unless the save was made with exactly this scenario (id and content)."""
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
    save: SaveRecord,
    loaded: LoadedScenario,
    path: str | Path = "<game>",
    upto_turn: int | None = None,
    change: tuple[int, str, str, str] | None = None,
) -> Game:
    """Rebuild a game from its record: for each turn, the facilitator's actions and forecasts
    of that turn, then every delegation's decisions, then resolution. Raises only SaveError.

    `upto_turn` stops after that many resolved turns (keeping the actions taken during the
    next turn's decisions). `change` = (turn, actor, measure, choice) replaces one decision;
    later recorded decisions that are no longer legal are dropped (a counterfactual).
    Take-backs in the facilitator's record have no effect on play; they are kept, in their
    place in the record, whatever turn the replay stops at.
    """
    try:
        game = Game(loaded, save.seed, save.humans, save.ai_profiles, history=save.history)
        game.save_warnings = tuple(save.warnings)
        redone: list[tuple[int, FacilitatorAction]] = []
        turns = save.turns if upto_turn is None else save.turns[:upto_turn]
        for number in range(1, len(turns) + 2):
            for index, action in enumerate(save.facilitator):
                if action.turn == number and action.kind != "takeback" and not game.over:
                    _redo(game, action)
                    redone.append((index, game.facilitator_log[-1]))
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
    taken_back = [
        (index, FacilitatorAction(action.turn, "takeback", text=action.text))
        for index, action in enumerate(save.facilitator)
        if action.kind == "takeback"
    ]
    game.facilitator_log = [action for _place, action in sorted(redone + taken_back, key=_first)]
    return game


def _first(pair: tuple[int, FacilitatorAction]) -> int:
    return pair[0]


def _redo(game: Game, action: _SaveAction) -> None:
    if action.kind == "inject":
        game.fire_inject(action.inject_id)
    elif action.kind == "adjust":
        game.adjust(action.indicator, action.amount, action.text)
    elif action.kind == "hold":
        game.hold_for(action.actor, action.text)
    elif action.kind == "ai":
        game.hand_to_ai(action.actor, action.text or None)
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


def record_of(game: Game) -> SaveRecord:
    """The save record of a game in memory (for take-backs and counterfactuals)."""
    return SaveRecord.model_validate(save_data(game))


def take_back(game: Game) -> Game:
    """The same game without its last resolved turn: the exact state before that resolution.

    The returned game's `facilitator_log` ends with `FacilitatorAction(turn=T, kind="takeback",
    text=...)`, T being the turn undone and the text a one-line summary of its decisions; it is
    saved, survives later take-backs and replays, and has no effect on play."""
    game.require_record("taking back a turn")
    if not game.reports:
        raise EngineError(_("no turn has been played yet"))
    record = record_of(game)
    kept_turn = len(game.reports)
    # The undone turn is decided again: the white cell's injects, adjustments, notes and
    # hand-overs during it stand, but a delegation whose turn it ended decides again.
    record.facilitator = [
        a
        for a in record.facilitator
        if a.turn < kept_turn or a.kind == "takeback" or (a.turn == kept_turn and a.kind != "hold")
    ]
    record.forecasts = [f for f in record.forecasts if f.turn <= kept_turn]
    earlier = replay(record, game.loaded, upto_turn=kept_turn - 1)
    earlier.facilitator_log.append(
        FacilitatorAction(kept_turn, "takeback", text=takeback_summary(game))
    )
    return earlier


def takeback_summary(game: Game) -> str:
    """One line saying which turn was taken back and what each delegation had decided in it.
    It is kept in the save, so it is in English with the scenario's texts as written, never
    in the language of the run: a save is the same in every language."""
    book = game.book
    written = game.loaded.written
    delegations = written.delegations()
    measures = {m.id: m.title for m in written.measures}
    turn = len(game.reports)
    decided = game.history[-1]
    parts = []
    for actor in book.delegation_ids:
        who = delegations[actor].title
        chosen = decided.get(actor, {})
        pushed = [measures[m] for m, c in chosen.items() if c == Choice.PUSH]
        opposed = [measures[m] for m, c in chosen.items() if c == Choice.OPPOSE]
        if not pushed and not opposed:
            parts.append(f"{who} held on everything")
            continue
        doing = []
        if pushed:
            doing.append(f"pushed {', '.join(pushed)}")
        if opposed:
            doing.append(f"opposed {', '.join(opposed)}")
        parts.append(f"{who} {' and '.join(doing)}")
    text = f"Took back {written.turn_label} {turn}; its decisions were undone: {'; '.join(parts)}."
    return " ".join(displayable(text).split())


def counterfactual(game: Game, turn: int, actor: str, measure: str, choice: str) -> Game:
    """Replay the game with one decision changed, the same seed and every other decision kept
    where it is still legal. Raises EngineError for a turn, delegation or measure that does
    not exist, SaveError if the replay fails."""
    if not 1 <= turn <= len(game.history):
        raise EngineError(f"turn {turn} was not played")
    if actor not in game.book.delegations:
        raise EngineError(f"unknown delegation {actor!r}")
    if measure not in game.book.measure:
        raise EngineError(f"unknown measure {measure!r}")
    try:
        choice = str(Choice(choice))
    except ValueError:
        raise EngineError(f"{choice!r} is not a choice; expected push, hold or oppose") from None
    return replay(record_of(game), game.loaded, change=(turn, actor, measure, choice))


def scenario_id_of_save(path: str | Path) -> str:
    """The id of the scenario a save belongs to; raises only SaveError."""
    return read_save(path).scenario.id


# How every save this program writes begins (`save_text`: "kind" first); a file that begins so
# is a save of ours even when the rest is damaged or cut short.
_OUR_SAVE_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"kind"\s*:\s*"trilateral-save"')


def check_overwritable(path: str | Path) -> None:
    """Raise SaveError unless `path` is free to hold a save: nothing there (a link to nothing
    included), a Trilateral save, or a damaged one (it parses with our `kind`, or begins as
    every save this program writes begins, as a save cut short does). A link is judged by the
    file it points to, though the save replaces the link and never writes through it (see
    `game.atomic`). Anything else is refused with the reason, so `--save notes.txt` never
    destroys a file that is not a save."""
    path = Path(path)
    try:
        os.stat(path)  # follows links: a dangling one is nothing to lose
    except (FileNotFoundError, NotADirectoryError):
        return  # writing says why a folder above it is missing or is a file
    except OSError as err:
        raise SaveError(f"{path}: cannot be checked: {err.strerror or err}") from None
    except ValueError:
        raise SaveError(f"{path!r}: not a valid file name") from None
    try:
        data = read_bytes(path, MAX_SAVE_BYTES, "save")
    except FileReadError as err:  # a folder, a device, too large, unreadable: says which
        raise SaveError(f"{err}; choose another file name for the save") from None
    if _OUR_SAVE_START.match(data):
        return
    try:
        raw = parse_json(data, str(path), "save")
    except FileReadError:
        raw = None
    if not isinstance(raw, dict) or raw.get("kind") != SAVE_KIND:
        raise SaveError(f"{path}: exists and is not a Trilateral save; choose another file name")
