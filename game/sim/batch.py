"""Play many AI games of a scenario: one summary per game (seed, profiles, outcome, scores)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from game.engine.game import play_ai_game
from game.scenario.loader import LoadedScenario


@dataclass(frozen=True)
class GameSummary:
    seed: int
    profiles: dict[str, str]
    outcome: str
    crisis: bool
    final_turn: int
    shared_score: float
    final: dict[str, float]  # indicator values at the end
    adopted: dict[str, int]  # measure id -> turn adopted


def profile_combinations(loaded: LoadedScenario) -> list[dict[str, str]]:
    """Every combination of the delegations' AI profiles."""
    delegations = loaded.scenario.delegations()
    names = [list(d.ai_profiles) for d in delegations.values()]
    return [dict(zip(delegations, combo, strict=True)) for combo in itertools.product(*names)]


def run_games(
    loaded: LoadedScenario,
    seeds: Iterable[int],
    profiles: Iterable[Mapping[str, str]] | None = None,
) -> Iterator[GameSummary]:
    """One AI game per seed; profile combinations are used in turn (all of them by default)."""
    combos = list(profiles) if profiles is not None else profile_combinations(loaded)
    for i, seed in enumerate(seeds):
        chosen = dict(combos[i % len(combos)])
        game = play_ai_game(loaded, seed, chosen)
        result = game.result()
        yield GameSummary(
            seed,
            dict(game.setup.ai_profiles),
            result.outcome.id,
            result.crisis,
            result.final_turn,
            result.shared.score,
            dict(game.state.values),
            dict(game.state.adopted),
        )
