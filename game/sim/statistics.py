"""The statistics of a batch of games, in one place: what a run's summary and the variation
scorecard say about many games (shares, rates, percentiles, means, paired effects with their
95 % intervals, and the effects whose sign depends on who plays).

`game.sim.montecarlo` plays the games and `game.sim.scorecard` arranges the runs; both read
their figures from here. Every function is plain arithmetic over finished games' rows, so its
tests need no games (tests/sim/test_summary_statistics.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from game.scenario.loader import LoadedScenario
from game.sim.strategies import AI


@dataclass(frozen=True)
class GameRow:
    """One game's result, flat enough for CSV."""

    index: int
    seed: int
    strategy: str  # `ai`, or the fixed team strategy every delegation played
    profiles: tuple[tuple[str, str], ...]  # AI profiles (none under a fixed strategy)
    outcome: str
    crisis: bool
    final_turn: int
    shared_score: float
    scores: tuple[tuple[str, float], ...]  # delegation -> its own score
    final: tuple[tuple[str, float], ...]  # indicator -> value at the end
    adopted: tuple[tuple[str, int], ...]  # measure id -> turn adopted


@dataclass
class Summary:
    runs: int
    seed: int
    outcome_share: dict[str, float]
    crisis_rate: float
    percentiles: dict[str, tuple[float, float, float]]  # indicator -> (p10, p50, p90)
    adoption: dict[str, tuple[float, float | None]]  # measure -> (rate, mean adoption turn)
    shared_score: tuple[float, float, float]  # p10, p50, p90
    rows: list[GameRow] = field(repr=False, default_factory=list)
    strategy: str = AI
    shared_mean: float = 0.0
    own_score: dict[str, float] = field(default_factory=dict)  # delegation -> mean own score


def p10_p50_p90(values: Sequence[float] | np.ndarray) -> tuple[float, float, float]:
    p10, p50, p90 = (float(x) for x in np.percentile(values, [10, 50, 90]))
    return p10, p50, p90


def summarise(
    loaded: LoadedScenario, rows: list[GameRow], seed: int, strategy: str = AI
) -> Summary:
    n = len(rows)
    outcomes = Counter(r.outcome for r in rows)
    order = [o.id for o in loaded.scenario.outcomes]
    share = {o: outcomes[o] / n for o in order if outcomes[o]}
    finals: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r.final:
            finals.setdefault(k, []).append(v)
    percentiles = {k: p10_p50_p90(v) for k, v in finals.items()}
    adoption = {}
    for m in loaded.scenario.measures:
        turns = [t for r in rows for mid, t in r.adopted if mid == m.id]
        adoption[m.id] = (len(turns) / n, (sum(turns) / len(turns)) if turns else None)
    scores = np.array([r.shared_score for r in rows])
    return Summary(
        n,
        seed,
        share,
        sum(r.crisis for r in rows) / n,
        percentiles,
        adoption,
        p10_p50_p90(scores),
        rows,
        strategy,
        float(scores.mean()),
        {a: sum(dict(r.scores)[a] for r in rows) / n for a in loaded.scenario.delegations()},
    )


def ranked_by_own_score(summaries: Sequence[Summary]) -> dict[str, list[tuple[str, float]]]:
    """For each delegation, the strategies of `summaries` from the best mean own score down
    (ties keep the order given)."""
    if not summaries:
        return {}
    return {
        actor: sorted(((s.strategy, s.own_score[actor]) for s in summaries), key=lambda x: -x[1])
        for actor in summaries[0].own_score
    }


SHARED = "shared_score"
CRISIS = "crisis"
# The columns whose sign is compared across strategies (see `sign_flips`).
HEADLINE = ("cooperation", "tension", SHARED, CRISIS)


@dataclass(frozen=True)
class Effect:
    mean: float
    half_width: float  # 95% CI is mean ± half_width

    @property
    def sign(self) -> int:
        """+1 or -1 when the interval excludes zero, else 0."""
        if self.mean - self.half_width > 0:
            return 1
        if self.mean + self.half_width < 0:
            return -1
        return 0


@dataclass
class StrategyEffects:
    """The scorecard of one way of playing."""

    baseline: dict[str, float]  # column -> mean with all measures available
    effects: dict[str, dict[str, Effect]]  # measure id -> column -> effect


@dataclass
class Scorecard:
    runs: int
    columns: list[str]  # indicator keys, then "shared_score" and "crisis"
    strategies: dict[str, StrategyEffects]  # `ai` first, then the fixed strategies

    @property
    def baseline(self) -> dict[str, float]:
        """AI play's baseline (the first strategy's)."""
        return next(iter(self.strategies.values())).baseline

    @property
    def effects(self) -> dict[str, dict[str, Effect]]:
        """AI play's effects (the first strategy's)."""
        return next(iter(self.strategies.values())).effects


def paired_effect(on: Sequence[float], off: Sequence[float]) -> Effect:
    """The mean of the paired differences `on - off` and the half-width of its 95% interval
    (normal approximation); a single pair has no spread to measure (half-width 0). Needs at
    least one pair: every batch plays at least one game."""
    diffs = [a - b for a, b in zip(on, off, strict=True)]
    n = len(diffs)
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1) if n > 1 else 0.0
    return Effect(mean, 1.96 * math.sqrt(var / n))


def column(rows: list[GameRow], key: str) -> list[float]:
    if key == CRISIS:
        return [100.0 if r.crisis else 0.0 for r in rows]
    if key == SHARED:
        return [r.shared_score for r in rows]
    return [dict(r.final)[key] for r in rows]


def sign_flips(card: Scorecard) -> list[tuple[str, str, dict[str, Effect]]]:
    """(measure, column, effect by strategy) wherever one strategy measures a clear rise and
    another a clear fall (both 95% intervals exclude zero), for the headline columns."""
    flips = []
    for m in next(iter(card.strategies.values())).effects:
        for c in HEADLINE:
            by = {name: se.effects[m][c] for name, se in card.strategies.items()}
            signs = {e.sign for e in by.values()}
            if {1, -1} <= signs:
                flips.append((m, c, by))
    return flips
