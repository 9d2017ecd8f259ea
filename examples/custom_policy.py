"""A policy of your own: a function that plays one delegation, in a game and in batch runs.

Run it:

    python examples/custom_policy.py

or let `simulate` play Japan with it over many games (the other delegations by their AI):

    python main.py simulate scenarios/free-and-open-indo-pacific.yaml --runs 200 \\
        --policy japan=examples/custom_policy.py:cautious_pusher

A policy is any function `(observation, legal, rng) -> {measure id: "push"/"hold"/"oppose"}`
(see docs/api.md): `observation` is what the delegation may know, `legal` what it may do
under its capital, `rng` a random stream of its own seeded from the game's seed (use it, and
nothing else, for chance, and a run is reproducible).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from game import api  # noqa: E402


def cautious_pusher(
    observation: api.Observation, legal: api.Options, rng: random.Random
) -> dict[str, str]:
    """Push the measures closest to adoption first, while tension stays below the scenario's
    warning level; above it, push only what is nearly done. Never oppose. Breaks ties at
    random (with `rng`)."""
    calm = observation.indicators["tension"] < observation.warning_at
    budget = legal.capital
    options = list(legal.measures)
    rng.shuffle(options)  # ties between equally advanced measures fall at random
    options.sort(key=lambda m: -(m.progress / m.needed))
    chosen: dict[str, str] = {}
    for m in options:
        if api.Choice.PUSH not in m.choices or m.push_cost > budget:
            continue
        if not calm and m.progress / m.needed < 0.5:
            continue
        chosen[m.measure_id] = "push"
        budget -= m.push_cost
    return chosen


def main() -> int:
    scenario = api.load_scenario()
    scores = []
    for seed in range(5):
        # Japan is yours; the United States and Taiwan are played by their AI.
        game = api.new_game(scenario, seed=seed, players=["japan"])
        api.play(game, {"japan": cautious_pusher})
        result = api.result(game)
        scores.append(result.delegations["japan"].score)
        print(f"seed {seed}: {result.outcome.title}; Japan's own score {scores[-1]:.1f}")
    print(f"mean over {len(scores)} games: {sum(scores) / len(scores):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
