"""A tour of the public API (docs/api.md): load a scenario, create a game with a seed, see
each delegation's observation, list its legal decisions, submit, resolve, read the ledger and
the result; and copy a game to look ahead.

    python examples/play_a_game.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from game import api  # noqa: E402


def cheapest_pushes(legal: api.Options) -> dict[str, str]:
    """Push the cheapest measures first while the capital lasts."""
    budget = legal.capital
    chosen = {}
    for m in sorted(legal.measures, key=lambda m: m.push_cost):
        if api.Choice.PUSH in m.choices and m.push_cost <= budget:
            chosen[m.measure_id] = "push"
            budget -= m.push_cost
    return chosen


def main() -> int:
    # 1. A scenario: the default one (or a path, or a bundled name such as "maritime-surge").
    scenario = api.load_scenario()
    print(f"{scenario.scenario.title}: {scenario.scenario.turns} turns")
    print("bundled scenarios:", ", ".join(api.bundled_scenarios()))

    # 2. A game with a seed: the same seed and decisions always give the same game.
    game = api.new_game(scenario, seed=42)
    delegations = api.delegations(game)
    print("delegations:", ", ".join(delegations))

    # 3. What each delegation may know, and what it may do under its capital.
    for d in delegations:
        seen = api.observe(game, d)
        legal = api.legal(game, d)
        on_table = [m.id for m in seen.measures if m.state == api.ON_TABLE]
        print(
            f"{d}: capital {seen.own_capital:g}, support {seen.own_support:g}; "
            f"{len(legal.measures)} measures to act on, {sum(1 for _ in api.legal_decisions(legal))} "
            f"legal sets of decisions; on the table: {len(on_table)}"
        )
        for m in legal.measures:
            choices = "/".join(str(c) for c in m.choices)
            print(f"    {m.measure_id}: {choices} (push costs {m.push_cost})")

    # 4. An illegal decision is refused with the reason.
    try:
        api.submit(game, "japan", {m.measure_id: "push" for m in api.legal(game, "japan").measures})
    except api.IllegalDecision as err:
        print("refused:", err)

    # 5. Submit and resolve, turn by turn.
    first = None
    while not game.over:
        for d in delegations:
            api.submit(game, d, cheapest_pushes(api.legal(game, d)))
        report = api.resolve(game)
        first = first or report
        adopted = ", ".join(report.adopted) or "nothing"
        print(f"turn {report.turn}: adopted {adopted}; {len(report.events)} gray-zone actions")
        if game.state.turn == 4 and not game.over:
            # Look ahead on a copy: the original game is untouched.
            ahead = api.copy_game(game)
            api.play(ahead, {d: (lambda o, legal, rng: {}) for d in delegations})
            print(
                f"    (if everyone held from here: shared score {api.result(ahead).shared.score})"
            )

    # 6. The ledger: every change with its cause; `why` groups them.
    assert first is not None
    print(f"turn 1 made {len(api.ledger(game, 1))} changes; tension over the game:")
    tension = api.why(game)["tension"]
    for label, amount in tension.causes[:4]:
        print(f"    {amount:+g}  {label}")

    # 7. The result.
    result = api.result(game)
    print(f"outcome: {result.outcome.title}; shared score {result.shared.score}")
    for d, score in result.delegations.items():
        print(f"    {d}: own score {score.score}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
