"""The values the engine hands out and its typed errors: what a delegation may do this turn
(`Options`), what happened in a turn (`TurnReport`, `EventRecord`), who plays what (`Setup`),
and the one rounding of indicator values (`tenth`, `bounded_tenth`).

Every record here is immutable except `Setup` (the white cell may hand a delegation to the
computer during a game)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from math import floor
from typing import NamedTuple

from game.engine.state import Choice, LedgerEntry


class EngineError(Exception):
    """Base of the engine's typed errors."""


class IllegalDecision(EngineError):
    """Raised when a submitted decision is not one the delegation may make this turn."""


class GameOver(EngineError):
    """Raised when asked to play a turn of a finished game."""


def tenth(x: float) -> float:
    """`x` rounded to one decimal, half up. Indicators are kept to tenths so that what a
    condition such as `tension >= 40` sees is what the player sees (round(x, 1) rounds half to
    even and is several times slower)."""
    return floor(x * 10 + 0.5) / 10


def bounded_tenth(x: float, low: float, high: float) -> float:
    """`x` kept within [low, high] and rounded to tenths: every indicator value after a change."""
    if x < low:
        x = low
    elif x > high:
        x = high
    return floor(x * 10 + 0.5) / 10  # tenth(x)


@dataclass(frozen=True, slots=True)
class MeasureOption:
    """One measure a delegation may act on this turn, with what each choice costs it."""

    measure_id: str
    title: str
    choices: tuple[Choice, ...]
    push_cost: int
    oppose_cost: int
    progress: float
    needed: float
    requires: tuple[str, ...]

    def cost_of(self, choice: Choice | str) -> int:
        """What `choice` on this measure costs the delegation in capital (holding is free,
        opposing costs the scenario's `oppose_cost`)."""
        if choice == Choice.PUSH:
            return self.push_cost
        if choice == Choice.OPPOSE:
            return self.oppose_cost
        return 0


@dataclass(frozen=True, slots=True)
class Options:
    """The single source of truth for what a delegation may do this turn: the measures on the
    table that involve it, the choices it can afford on each, and its capital."""

    actor: str
    capital: int
    measures: tuple[MeasureOption, ...]

    def cost_of(self, decisions: Mapping[str, Choice | str]) -> int:
        """The capital `decisions` (measure id -> choice) cost; raises KeyError for a measure
        not among these options."""
        by_id = {m.measure_id: m for m in self.measures}
        return sum(by_id[mid].cost_of(choice) for mid, choice in decisions.items())


class EventRecord(NamedTuple):
    """A gray-zone action that happened, where, and how much resilience absorbed."""

    event_id: str
    title: str
    text: str
    domain: str
    target: str | None
    location: str | None
    absorbed: float


class TurnReport(NamedTuple):
    """What happened in one turn: the decisions, the draws and every change with its cause."""

    turn: int
    decisions: dict[str, dict[str, Choice]]
    progress: dict[str, tuple[float, float]]  # measure id -> (before, after)
    adopted: tuple[str, ...]
    events: tuple[EventRecord, ...]
    injects: tuple[str, ...]
    changes: tuple[LedgerEntry, ...]
    crisis: bool
    over: bool


@dataclass
class Setup:
    """Who plays what: human delegations and the AI profile of every other one."""

    humans: frozenset[str]
    ai_profiles: dict[str, str] = field(default_factory=dict)
    history: bool = False  # the history excursion: the real timeline's injects fire too

    def copy(self) -> Setup:
        return Setup(self.humans, dict(self.ai_profiles), self.history)
