"""Scoring at the end: the shared outcome, each delegation's own score, and the outcome band."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scenario.models import Outcome

if TYPE_CHECKING:
    from game.engine.game import Game


@dataclass(frozen=True)
class SharedOutcome:
    """The four headline numbers every delegation shares, each 0-100."""

    cooperation: float
    resilience: float  # mean over domains
    stability: float  # 100 - tension
    measures: float  # share of measures adopted, in percent
    adopted: tuple[str, ...]

    @property
    def score(self) -> float:
        return round((self.cooperation + self.resilience + self.stability + self.measures) / 4, 1)


@dataclass(frozen=True)
class DelegationScore:
    actor: str
    score: float
    parts: dict[str, float]  # what each objective contributed


@dataclass(frozen=True)
class GameResult:
    outcome: Outcome
    crisis: bool
    final_turn: int
    shared: SharedOutcome
    delegations: dict[str, DelegationScore]


def shared_outcome(game: Game) -> SharedOutcome:
    v = game.state.values
    book = game.book
    resilience = sum(v[k] for k in book.domain_keys) / len(book.domain_keys)
    adopted = tuple(m.id for m in book.measures if m.id in game.state.adopted)
    return SharedOutcome(
        round(v["cooperation"], 1),
        round(resilience, 1),
        round(100 - v["tension"], 1),
        round(100 * len(adopted) / len(book.measures), 1),
        adopted,
    )


def delegation_score(game: Game, actor: str, shared: SharedOutcome) -> DelegationScore:
    """Weighted mean of the objective values (0-100), plus points for the measures it wanted."""
    obj = game.book.delegations[actor].objectives
    v = game.state.values
    terms: dict[str, tuple[float, float]] = {
        "cooperation": (obj.cooperation, shared.cooperation),
        "resilience": (obj.resilience, shared.resilience),
        "stability": (obj.stability, shared.stability),
        "support": (obj.support, v[f"support.{actor}"]),
    }
    for d, w in obj.domains.items():
        terms[f"resilience.{d}"] = (w, v[f"resilience.{d}"])
    total_weight = sum(abs(w) for w, _ in terms.values()) or 1.0
    parts = {k: round(w * value / total_weight, 1) for k, (w, value) in terms.items() if w}
    for mid, points in obj.measures.items():
        if mid in game.state.adopted:
            parts[f"adopted {mid}"] = points
    return DelegationScore(actor, round(sum(parts.values()), 1), parts)


def choose_outcome(game: Game) -> Outcome:
    """The first band, in file order, whose condition holds; crisis bands only after a crisis."""
    crisis = game.state.crisis
    facts = game.facts()
    candidates = [(o, c) for o, c in game.book.outcomes if o.crisis == crisis]
    for outcome, condition in candidates:
        if condition is None or condition.evaluate(facts):
            return outcome
    return candidates[-1][0]  # the loader guarantees a band of each kind


def score_game(game: Game) -> GameResult:
    shared = shared_outcome(game)
    return GameResult(
        choose_outcome(game),
        game.state.crisis,
        game.state.turn,
        shared,
        {a: delegation_score(game, a, shared) for a in game.book.delegation_ids},
    )


@dataclass(frozen=True)
class ForecastScore:
    """Mean Brier score of a delegation's resolved forecasts (0 is perfect; always saying 50% scores 0.25)."""

    actor: str
    count: int
    brier: float | None


def forecast_scores(game: Game) -> dict[str, ForecastScore]:
    out = {}
    for actor in game.book.delegation_ids:
        squared = []
        for f in game.forecasts:
            if f.actor != actor:
                continue
            happened = game.forecast_outcome(f)
            if happened is not None:
                squared.append((f.probability - float(happened)) ** 2)
        out[actor] = ForecastScore(
            actor, len(squared), round(sum(squared) / len(squared), 3) if squared else None
        )
    return out
