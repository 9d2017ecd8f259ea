"""Game state, decisions and the ledger of causes: the plain data the engine reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Choice(StrEnum):
    """What a delegation does with one measure in one turn."""

    PUSH = "push"
    HOLD = "hold"
    OPPOSE = "oppose"


class Cause(StrEnum):
    """Why an indicator moved; every ledger entry has one."""

    START = "start"
    PUSH = "push"  # capital and domestic support spent pushing a measure
    OPPOSE = "oppose"  # capital spent opposing one
    ADOPTED = "adopted"  # a measure's one-off effect when adopted
    IN_FORCE = "in_force"  # a measure's per-turn effect while in force
    REACTION = "reaction"  # the red cell's response to an adoption
    CAMPAIGN = "campaign"  # the red cell's own pressure track, whatever the partners do
    EVENT = "event"  # a gray-zone action
    INJECT = "inject"  # a scripted or facilitator-fired inject
    DRIFT = "drift"  # the scenario's per-turn decay
    REGEN = "regen"  # capital regained from domestic support
    FACILITATOR = "facilitator"  # a hand adjustment by the white cell


class LedgerEntry(NamedTuple):
    """One change to one indicator: turn, indicator, amount actually applied, and its cause."""

    turn: int
    indicator: str
    amount: float
    cause: Cause
    source_id: str  # measure, event or inject id ('' for drift, regen, start)
    label: str  # human text for the cause, e.g. "Coast guard patrols near the Senkakus"
    mitigated: float = 0.0  # how much resilience absorbed (events only)


@dataclass
class GameState:
    """Everything that changes during a game. The scenario itself never changes."""

    turn: int  # the turn being decided (1-based); after the end, the last turn played
    values: dict[str, float]  # indicator name -> value (cooperation, tension, resilience.x, ...)
    progress: dict[str, float]  # measure id -> progress points so far
    adopted: dict[str, int] = field(default_factory=dict)  # measure id -> turn adopted
    suspended_until: dict[str, int] = field(default_factory=dict)  # measure id -> last turn out
    fired_injects: list[tuple[int, str]] = field(default_factory=list)
    over: bool = False
    crisis: bool = False

    def in_force(self) -> set[str]:
        if not self.suspended_until:  # the usual case, asked every turn
            return set(self.adopted)
        return {m for m in self.adopted if self.suspended_until.get(m, 0) < self.turn}

    def suspended(self) -> set[str]:
        if not self.suspended_until:
            return set()
        return {m for m in self.adopted if self.suspended_until.get(m, 0) >= self.turn}

    def copy(self) -> GameState:
        return GameState(
            self.turn,
            dict(self.values),
            dict(self.progress),
            dict(self.adopted),
            dict(self.suspended_until),
            list(self.fired_injects),
            self.over,
            self.crisis,
        )
