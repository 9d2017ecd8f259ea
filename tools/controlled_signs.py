#!/usr/bin/env python3
"""Controlled short-run effect of adopting a measure: same seed, same state, same decisions
except whether every participant pushes the measure in its final turn.

    python tools/controlled_signs.py CHECKOUT hadr_exercises trilateral_dialogue ...

(issue 11's "right signs": measured on the default scenario of the checkout given)."""

import statistics as st
import sys

sys.path.insert(0, sys.argv[1])
from game.engine.game import Game
from game.scenario.loader import load_scenario

L = load_scenario(sys.argv[1] + "/scenarios/free-and-open-indo-pacific.yaml")
dels = list(L.scenario.delegations())


def run(mid, seed, push, turns_after=2, start_tension=45.0):
    g = Game(L, seed, dels)
    g.state.turn = 5
    g.state.values["tension"] = start_tension
    m = g.book.measure[mid]
    g.state.progress[mid] = m.needed - 2  # one joint turn from adoption
    for p in m.prerequisites:
        g.state.adopted[p] = 1
    t0 = g.state.values["tension"]
    for k in range(1 + turns_after):
        for a in dels:
            g.submit(
                a,
                {mid: "push"}
                if (
                    push
                    and k == 0
                    and a in m.cost
                    and "push"
                    in [
                        c.value
                        for o in g.options(a).measures
                        if o.measure_id == mid
                        for c in o.choices
                    ]
                )
                else {},
            )
        g.resolve_turn()
        if g.over:
            break
    return g.state.values["tension"] - t0, g.state.crisis


for mid in sys.argv[2:]:
    on = [run(mid, s, True) for s in range(500)]
    off = [run(mid, s, False) for s in range(500)]
    print(
        f"{mid}: tension change over 3 turns adopted {st.mean(x for x, _ in on):+.2f} vs not {st.mean(x for x, _ in off):+.2f} (paired 500 seeds; from tension 45 at turn 5)"
    )
