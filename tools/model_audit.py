#!/usr/bin/env python3
"""Re-measure the external audit's numbers on any checkout of Trilateral.

    python tools/model_audit.py CHECKOUT [--json OUT.json] [--games 500] [--ai-games 5000]
                                 [--us-games 2000] [--combo-games 200] [--no-lint]

Prints a Markdown report on stdout, progress on stderr, and (with --json) writes every number
as JSON. Uses only the public API that old and new code share:

- game.scenario.loader.load_scenario -> loaded.scenario (pydantic model)
- game.engine.game.Game(loaded, seed, humans=(), ai_profiles=None): options, submit,
  resolve_turn, over, forbid, state.values / adopted / crisis / turn, result()

Team strategies (every delegation plays the same one; all delegations are "human" and decide
through submit; each turn each delegation walks the strategy's order with budget =
options.capital and pushes a measure when PUSH is among its choices and its push_cost fits
what is left of the budget; a measure that does not fit is skipped, later cheaper ones may
still be pushed):
- hold: nothing, ever.
- push-all: every measure on offer, in scenario file order.
- push-provocative-first: most provocative first (ties: file order).
- push-cheap-first: cheapest push_cost first (ties: less provocative, then file order).
- sequenced: least provocative first (ties: file order); a measure whose provocativeness is
  above the median over all the scenario's measures is pushed only when turn > turns / 2 and
  tension < warning level.
Provocativeness: as game/sim/strategies.py defines it where the model has `provocation`
(provocation + the tension of on_adopt and reaction / 100); on older code, that tension alone. Warning level: indicators.tension.warning_at if
the model has it (and it is not None), else 0.75 x crisis_at.
Seeds are 0..N-1 for every condition, so "with vs without" comparisons are paired.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter

DEFAULT_SCENARIO = "scenarios/free-and-open-indo-pacific.yaml"
SURGE_SCENARIO = "scenarios/maritime-surge.yaml"
STRATEGIES = ("hold", "push-all", "push-provocative-first", "push-cheap-first", "sequenced")

# What the audit reported (for the comparison column only; never used in a computation).
AUDIT = {
    "pushall_shared_crisis": 53.1,
    "pushall_shared_calm": 54.5,
    "hold_median_tension": "30 -> 22.7",
    "hadr_crisis": "46.7% -> 10.2% (hadr forbidden)",
    "counter_influence": "100% adopted, mean turn 3.4",
    "trilateral_dialogue_ai": "3.4% of AI games",
    "us_profiles": "60.9 / 60.8 / 60.8",
    "lint": "clean for all four",
}

T0 = time.time()
sys.dont_write_bytecode = True  # leave no __pycache__ in the measured checkout
REFUSALS: list[str] = []  # submit() refusals that the strategy player had to back off from


def log(msg: str) -> None:
    print(f"[{time.time() - T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def abort(msg: str) -> None:
    print(f"measure11: {msg}", file=sys.stderr)
    sys.exit(2)


# --- importing the checkout's game -------------------------------------------------------------


def import_game(checkout: str):
    checkout = os.path.realpath(checkout)
    if not os.path.isdir(os.path.join(checkout, "game")):
        abort(f"{checkout} has no game/ package")
    if any(n == "game" or n.startswith("game.") for n in sys.modules):
        abort("a module named game is already imported")
    sys.path.insert(0, checkout)
    import game  # noqa: F401

    where = os.path.realpath(getattr(game, "__file__", None) or "(no file: a namespace package)")
    if not where.startswith(checkout + os.sep):
        abort(f"imported game from {where}, not from {checkout}")
    from game.engine.game import Game
    from game.scenario.loader import load_scenario

    return checkout, where, Game, load_scenario


# --- small statistics ---------------------------------------------------------------------------


def mean(xs):
    xs = list(xs)
    return round(sum(xs) / len(xs), 2) if xs else None


def median(xs):
    xs = list(xs)
    return round(statistics.median(xs), 2) if xs else None


def rate(flags):
    flags = list(flags)
    return round(100.0 * sum(1 for f in flags if f) / len(flags), 1) if flags else None


def fmt(x, suffix=""):
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:.2f}".rstrip("0").rstrip(".") + suffix if x != int(x) else f"{int(x)}{suffix}"
    return f"{x}{suffix}"


def pct(x):
    return fmt(x, "%")


# --- scenario facts ------------------------------------------------------------------------------


class Facts:
    """What the strategies need to know about a scenario, worked out once."""

    def __init__(self, loaded):
        sc = loaded.scenario
        self.loaded = loaded
        self.scenario = sc
        self.delegations = list(sc.delegations())
        self.measure_ids = [m.id for m in sc.measures]
        self.index = {mid: i for i, mid in enumerate(self.measure_ids)}
        self.prov = {m.id: provocation(m) for m in sc.measures}
        self.median_prov = statistics.median(self.prov.values()) if self.prov else 0.0
        self.provocative = {mid for mid, p in self.prov.items() if p > self.median_prov}
        t = sc.indicators.tension
        self.crisis_at = float(t.crisis_at)
        warning = getattr(t, "warning_at", None)
        self.warning = float(warning) if warning is not None else 0.75 * self.crisis_at
        self.warning_source = "warning_at" if warning is not None else "0.75 x crisis_at"
        self.turns = sc.turns
        self.domains = list(sc.indicators.resilience)
        self.tension_start = float(t.start)
        self.resilience_start = statistics.fmean(
            float(d.start) for d in sc.indicators.resilience.values()
        )
        self.outcome_ids = [o.id for o in sc.outcomes]
        self.caps = {a: d.capital.max for a, d in sc.delegations().items()}
        self.profiles = {a: list(d.ai_profiles) for a, d in sc.delegations().items()}
        self.default_ai = {a: d.default_ai for a, d in sc.delegations().items()}


def provocation(m) -> float:
    """As game/sim/strategies.py defines it where the model has `provocation` (provocation +
    tension rise / 100); on older code, the tension rise alone."""
    total = 0.0
    for eff in (getattr(m, "on_adopt", None), getattr(m, "reaction", None)):
        if eff is not None:
            total += float(eff.changes.get("tension", 0.0))
    p = getattr(m, "provocation", None)
    if p is not None:
        return float(p) + total / 100
    return total


# --- playing -------------------------------------------------------------------------------------


def is_push(choice) -> bool:
    return str(getattr(choice, "value", choice)).lower() == "push"


def order_for(strategy: str, facts: Facts, game, measures):
    idx = facts.index
    prov = facts.prov
    big = len(idx)
    if strategy == "push-all":
        return sorted(measures, key=lambda m: idx.get(m.measure_id, big))
    if strategy == "push-provocative-first":
        return sorted(
            measures, key=lambda m: (-prov.get(m.measure_id, 0.0), idx.get(m.measure_id, big))
        )
    if strategy == "push-cheap-first":
        return sorted(
            measures,
            key=lambda m: (m.push_cost, prov.get(m.measure_id, 0.0), idx.get(m.measure_id, big)),
        )
    if strategy == "sequenced":
        late = game.state.turn > facts.turns / 2
        calm = game.state.values["tension"] < facts.warning
        allowed = [m for m in measures if m.measure_id not in facts.provocative or (late and calm)]
        return sorted(
            allowed, key=lambda m: (prov.get(m.measure_id, 0.0), idx.get(m.measure_id, big))
        )
    raise ValueError(strategy)


def decide(strategy: str, facts: Facts, game, actor: str) -> dict[str, str]:
    if strategy == "hold":
        return {}
    opts = game.options(actor)
    budget = opts.capital
    offered = [m for m in opts.measures if any(is_push(c) for c in m.choices)]
    out: dict[str, str] = {}
    for m in order_for(strategy, facts, game, offered):
        if m.push_cost <= budget:
            out[m.measure_id] = "push"
            budget -= m.push_cost
    return out


def safe_submit(game, actor: str, decisions: dict[str, str]) -> None:
    """Submit; if the engine refuses, drop the last-chosen push until it accepts (counted)."""
    items = list(decisions.items())
    while True:
        try:
            game.submit(actor, dict(items))
            return
        except Exception as e:  # the engine's IllegalDecision; the type is not public API
            if not items:
                raise
            REFUSALS.append(f"{actor} turn {game.state.turn}: {e}")
            items.pop()


def summary(game, facts: Facts) -> dict:
    r = game.result()
    v = game.state.values
    return {
        "crisis": bool(r.crisis),
        "outcome": r.outcome.id,
        "shared": float(r.shared.score),
        "own": {a: float(r.delegations[a].score) for a in facts.delegations},
        "tension": float(v["tension"]),
        "resilience": statistics.fmean(float(v[f"resilience.{d}"]) for d in facts.domains),
        "capital": {a: float(v[f"capital.{a}"]) for a in facts.delegations},
        "adopted": dict(game.state.adopted),
    }


def play_strategy(Game, facts: Facts, strategy: str, n: int, forbid=()) -> list[dict]:
    rows = []
    for seed in range(n):
        g = Game(facts.loaded, seed, humans=tuple(facts.delegations))
        if forbid:
            g.forbid(list(forbid))
        while not g.over:
            for a in facts.delegations:
                safe_submit(g, a, decide(strategy, facts, g, a))
            g.resolve_turn()
        rows.append(summary(g, facts))
    return rows


def play_ai(Game, facts: Facts, n: int, profiles=None, forbid=(), cycle=None) -> list[dict]:
    """AI games, seeds 0..n-1; `cycle` = list of profile dicts, game i uses cycle[i % len]."""
    rows = []
    for seed in range(n):
        chosen = cycle[seed % len(cycle)] if cycle else profiles
        g = (
            Game(facts.loaded, seed)
            if chosen is None
            else Game(facts.loaded, seed, ai_profiles=chosen)
        )
        if forbid:
            g.forbid(list(forbid))
        while not g.over:
            g.resolve_turn()
        rows.append(summary(g, facts))
    return rows


def combinations(facts: Facts) -> list[dict[str, str]]:
    names = [facts.profiles[a] for a in facts.delegations]
    return [dict(zip(facts.delegations, c, strict=True)) for c in itertools.product(*names)]


# --- aggregates --------------------------------------------------------------------------------


def strategy_stats(rows, facts: Facts) -> dict:
    return {
        "n": len(rows),
        "crisis_rate": rate(r["crisis"] for r in rows),
        "mean_shared": mean(r["shared"] for r in rows),
        "mean_own": {a: mean(r["own"][a] for r in rows) for a in facts.delegations},
        "mean_final_tension": mean(r["tension"] for r in rows),
    }


def adoption(rows, facts: Facts) -> dict:
    out = {}
    for mid in facts.measure_ids:
        turns = [r["adopted"][mid] for r in rows if mid in r["adopted"]]
        out[mid] = {"rate": rate(mid in r["adopted"] for r in rows), "mean_turn": mean(turns)}
    return out


def split_crisis(rows, facts: Facts) -> dict:
    crisis = [r for r in rows if r["crisis"]]
    calm = [r for r in rows if not r["crisis"]]
    return {
        "n": len(rows),
        "crisis_games": len(crisis),
        "crisis_rate": rate(r["crisis"] for r in rows),
        "shared_crisis": mean(r["shared"] for r in crisis),
        "shared_calm": mean(r["shared"] for r in calm),
        "own_crisis": {a: mean(r["own"][a] for r in crisis) for a in facts.delegations},
        "own_calm": {a: mean(r["own"][a] for r in calm) for a in facts.delegations},
    }


def tension_and_crisis(rows) -> dict:
    return {
        "n": len(rows),
        "mean_final_tension": mean(r["tension"] for r in rows),
        "crisis_rate": rate(r["crisis"] for r in rows),
    }


# --- lint -----------------------------------------------------------------------------------------


def lint_all(checkout: str) -> list[dict]:
    out = []
    folder = os.path.join(checkout, "scenarios")
    env = dict(os.environ, PYTHONPATH=checkout, PYTHONDONTWRITEBYTECODE="1")
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        rel = f"scenarios/{name}"
        log(f"lint {rel}")
        try:
            p = subprocess.run(
                [sys.executable, "main.py", "lint", rel],
                cwd=checkout,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            lines = [ln for ln in (p.stdout + p.stderr).splitlines() if ln.strip()]
            out.append({"file": rel, "exit": p.returncode, "last_line": lines[-1] if lines else ""})
        except subprocess.TimeoutExpired:
            out.append({"file": rel, "exit": None, "last_line": "timed out after 600 s"})
    return out


# --- main -----------------------------------------------------------------------------------------


def measure(args) -> dict:
    checkout, game_file, Game, load_scenario = import_game(args.checkout)
    log(f"game imported from {game_file}")
    try:
        head = subprocess.run(
            ["git", "-C", checkout, "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        head = ""
    N, NAI, NUS, NCOMBO = args.games, args.ai_games, args.us_games, args.combo_games
    NCYCLE = args.cycle_games if args.cycle_games is not None else NAI
    res: dict = {
        "meta": {
            "checkout": checkout,
            "git_head": head,
            "game_file": game_file,
            "python": sys.version.split()[0],
            "n": {
                "strategies": N,
                "ai_default": NAI,
                "ai_cycle": NCYCLE,
                "us_profiles": NUS,
                "surge_combo": NCOMBO,
            },
        }
    }
    timings: dict[str, float] = {}

    def timed(name, fn):
        t = time.time()
        log(f"{name} ...")
        out = fn()
        timings[name] = round(time.time() - t, 1)
        log(f"{name} done in {timings[name]} s")
        return out

    loaded = load_scenario(os.path.join(checkout, DEFAULT_SCENARIO))
    F = Facts(loaded)
    res["scenario"] = {
        "file": DEFAULT_SCENARIO,
        "turns": F.turns,
        "crisis_at": F.crisis_at,
        "warning": F.warning,
        "warning_source": F.warning_source,
        "provocation": F.prov,
        "median_provocation": F.median_prov,
        "provocative": sorted(F.provocative, key=F.index.get),
        "delegations": F.delegations,
        "profiles": F.profiles,
        "default_ai": F.default_ai,
    }

    # 1-2. strategies
    runs = {
        s: timed(f"strategy {s} x{N}", lambda s=s: play_strategy(Game, F, s, N)) for s in STRATEGIES
    }
    res["1_pushall_split"] = split_crisis(runs["push-all"], F)
    strat = {s: strategy_stats(rows, F) for s, rows in runs.items()}
    best = {}
    for a in F.delegations:
        ranked = sorted(strat, key=lambda s: strat[s]["mean_own"][a], reverse=True)
        best[a] = {"strategy": ranked[0], "mean_own": strat[ranked[0]]["mean_own"][a]}
    res["2_strategies"] = strat
    res["2_split"] = {s: split_crisis(rows, F) for s, rows in runs.items()}
    res["2_best_strategy"] = best

    # 3. hold
    hold = runs["hold"]
    res["3_hold"] = {
        "n": len(hold),
        "tension_start": F.tension_start,
        "median_final_tension": median(r["tension"] for r in hold),
        "resilience_start_mean": round(F.resilience_start, 2),
        "median_final_mean_resilience": median(r["resilience"] for r in hold),
        "outcomes": dict(Counter(r["outcome"] for r in hold).most_common()),
    }

    # 4. hadr_exercises forbidden under push-all (and, for context, every pushing strategy)
    if "hadr_exercises" in F.index:
        by = {}
        for s in STRATEGIES[1:]:
            rows = timed(
                f"{s}, hadr forbidden x{N}",
                lambda s=s: play_strategy(Game, F, s, N, ["hadr_exercises"]),
            )
            by[s] = {
                "crisis_all": strat[s]["crisis_rate"],
                "crisis_hadr_forbidden": rate(r["crisis"] for r in rows),
                "tension_all": strat[s]["mean_final_tension"],
                "tension_hadr_forbidden": mean(r["tension"] for r in rows),
                "adopted_when_available": rate("hadr_exercises" in r["adopted"] for r in runs[s]),
            }
        res["4_hadr"] = {"n": N, **by["push-all"], "by_strategy": by}
    else:
        res["4_hadr"] = {"missing": "hadr_exercises not in scenario"}

    # 6. AI default profiles
    ai = timed(f"AI default x{NAI}", lambda: play_ai(Game, F, NAI))
    outcomes = Counter(r["outcome"] for r in ai)
    res["6_ai_default"] = {
        "n": NAI,
        "crisis_rate": rate(r["crisis"] for r in ai),
        "mean_shared": mean(r["shared"] for r in ai),
        "adoption": adoption(ai, F),
        "outcome_share": {o: round(100.0 * outcomes[o] / NAI, 1) for o in F.outcome_ids},
        "bands_never_reached": [o for o in F.outcome_ids if outcomes[o] == 0],
        "capital": {
            a: {"median_final": median(r["capital"][a] for r in ai), "cap": F.caps[a]}
            for a in F.delegations
        },
        "mean_own": {a: mean(r["own"][a] for r in ai) for a in F.delegations},
    }

    # 7. AI cycling every profile combination
    combos = combinations(F)
    cyc = timed(
        f"AI cycling {len(combos)} combinations x{NCYCLE}",
        lambda: play_ai(Game, F, NCYCLE, cycle=combos),
    )
    res["7_ai_cycle"] = {
        "n": NCYCLE,
        "combinations": len(combos),
        "crisis_rate": rate(r["crisis"] for r in cyc),
        "mean_shared": mean(r["shared"] for r in cyc),
        "adoption": adoption(cyc, F),
    }

    # 5. trilateral_dialogue forbidden: push-all, sequenced, AI (paired seeds)
    if "trilateral_dialogue" in F.index:
        tri = {}
        for s in ("push-all", "sequenced"):
            without = timed(
                f"{s}, trilateral forbidden x{N}",
                lambda s=s: play_strategy(Game, F, s, N, ["trilateral_dialogue"]),
            )
            tri[s] = {
                "available": tension_and_crisis(runs[s]),
                "forbidden": tension_and_crisis(without),
            }
            tri[s]["adopted_when_available"] = rate(
                "trilateral_dialogue" in r["adopted"] for r in runs[s]
            )
        ai_without = timed(
            f"AI, trilateral forbidden x{NAI}",
            lambda: play_ai(Game, F, NAI, forbid=["trilateral_dialogue"]),
        )
        tri["ai"] = {
            "available": tension_and_crisis(ai),
            "forbidden": tension_and_crisis(ai_without),
        }
        tri["ai"]["adopted_when_available"] = rate(
            "trilateral_dialogue" in r["adopted"] for r in ai
        )
        cyc_without = timed(
            f"AI cycling, trilateral forbidden x{NCYCLE}",
            lambda: play_ai(Game, F, NCYCLE, forbid=["trilateral_dialogue"], cycle=combos),
        )
        tri["ai-cycle"] = {
            "available": tension_and_crisis(cyc),
            "forbidden": tension_and_crisis(cyc_without),
        }
        tri["ai-cycle"]["adopted_when_available"] = rate(
            "trilateral_dialogue" in r["adopted"] for r in cyc
        )
        res["5_trilateral"] = tri
    else:
        res["5_trilateral"] = {"missing": "trilateral_dialogue not in scenario"}

    # 8. US profiles, others default
    us = {}
    if "us" in F.profiles:
        for p in F.profiles["us"]:
            rows = timed(
                f"US profile {p} x{NUS}", lambda p=p: play_ai(Game, F, NUS, profiles={"us": p})
            )
            us[p] = {
                "mean_shared": mean(r["shared"] for r in rows),
                "crisis_rate": rate(r["crisis"] for r in rows),
                "us_own": mean(r["own"]["us"] for r in rows),
            }
        shared = [v["mean_shared"] for v in us.values()]
        res["8_us_profiles"] = {
            "n": NUS,
            "profiles": us,
            "spread": round(max(shared) - min(shared), 2) if shared else None,
        }

    # 9. maritime-surge
    surge_loaded = load_scenario(os.path.join(checkout, SURGE_SCENARIO))
    S = Facts(surge_loaded)
    s_push = timed(f"surge push-all x{N}", lambda: play_strategy(Game, S, "push-all", N))
    s_ai = timed(f"surge AI default x{NAI}", lambda: play_ai(Game, S, NAI))
    s_combos = combinations(S)

    def per_combo():
        out = []
        for c in s_combos:
            rows = play_ai(Game, S, NCOMBO, profiles=c)
            out.append(
                {
                    "profiles": c,
                    "mean_shared": mean(r["shared"] for r in rows),
                    "crisis_rate": rate(r["crisis"] for r in rows),
                }
            )
        return out

    combo_rows = timed(f"surge {len(s_combos)} combinations x{NCOMBO}", per_combo)
    combo_rows.sort(key=lambda c: c["mean_shared"], reverse=True)
    res["9_surge"] = {
        "file": SURGE_SCENARIO,
        "pushall": {
            "n": N,
            **split_crisis(s_push, S),
            "mean_shared": mean(r["shared"] for r in s_push),
        },
        "ai_default": {
            "n": NAI,
            "crisis_rate": rate(r["crisis"] for r in s_ai),
            "mean_shared": mean(r["shared"] for r in s_ai),
        },
        "combos": {
            "n_each": NCOMBO,
            "count": len(s_combos),
            "best": combo_rows[0] if combo_rows else None,
            "worst": combo_rows[-1] if combo_rows else None,
            "all": combo_rows,
        },
    }

    # 10. lint
    res["10_lint"] = timed("lint", lambda: lint_all(checkout)) if not args.no_lint else "skipped"

    res["meta"]["refusals"] = {"count": len(REFUSALS), "first": REFUSALS[:5]}
    res["meta"]["timings_s"] = timings
    res["meta"]["runtime_s"] = round(time.time() - T0, 1)
    return res


# --- Markdown ----------------------------------------------------------------------------------


def markdown(res: dict) -> str:
    m = res["meta"]
    n = m["n"]
    sc = res["scenario"]
    dels = sc["delegations"]
    L: list[str] = []
    add = L.append
    add(f"# Audit re-measurement (measure11) — `{m['checkout']}` @ {m['git_head'][:10]}")
    add("")
    add(
        f"Seeds 0..N-1 in every condition (paired). N: strategies {n['strategies']}, AI default "
        f"{n['ai_default']}, AI cycling {n['ai_cycle']}, US profiles {n['us_profiles']} each, "
        f"maritime-surge combinations {n['surge_combo']} each. Runtime {m['runtime_s']} s "
        f"(Python {m['python']}). Submit refusals backed off: {m['refusals']['count']}."
    )
    add("")
    prov = ", ".join(f"{k} {fmt(v)}" for k, v in sc["provocation"].items())
    add(
        f"Default scenario `{sc['file']}`: {sc['turns']} turns, crisis at {fmt(sc['crisis_at'])}, "
        f"warning {fmt(sc['warning'])} ({sc['warning_source']}). Provocativeness: {prov}; "
        f"median {fmt(sc['median_provocation'])}, provocative (above median): "
        f"{', '.join(sc['provocative']) or 'none'}."
    )
    add("")

    # Headline
    p1 = res["1_pushall_split"]
    h3 = res["3_hold"]
    h4 = res["4_hadr"]
    a6 = res["6_ai_default"]
    us8 = res.get("8_us_profiles", {})
    lint = res["10_lint"]
    add("## Headline: audit claim vs measured")
    add("")
    add("| # | quantity | measured | N | audit |")
    add("|---|---|---|---|---|")
    add(f"| 1 | push-all crisis rate | {pct(p1['crisis_rate'])} | {p1['n']} | |")
    add(
        f"| 1 | push-all mean shared: crisis games vs non-crisis | {fmt(p1['shared_crisis'])} vs "
        f"{fmt(p1['shared_calm'])} | {p1['n']} ({p1['crisis_games']} crisis) | "
        f"{AUDIT['pushall_shared_crisis']} vs {AUDIT['pushall_shared_calm']} |"
    )
    add(
        f"| 3 | hold: median final tension (start) | {fmt(h3['median_final_tension'])} "
        f"({fmt(h3['tension_start'])}) | {h3['n']} | {AUDIT['hold_median_tension']} |"
    )
    add(
        f"| 3 | hold: median final mean resilience (start mean) | "
        f"{fmt(h3['median_final_mean_resilience'])} ({fmt(h3['resilience_start_mean'])}) | {h3['n']} | |"
    )
    if "crisis_all" in h4:
        add(
            f"| 4 | push-all crisis: all measures -> hadr_exercises forbidden | "
            f"{pct(h4['crisis_all'])} -> {pct(h4['crisis_hadr_forbidden'])} | {h4['n']} | {AUDIT['hadr_crisis']} |"
        )
    ad = a6["adoption"]
    if "counter_influence" in ad:
        ci = ad["counter_influence"]
        add(
            f"| 6 | AI: counter_influence adopted, mean turn | {pct(ci['rate'])}, turn "
            f"{fmt(ci['mean_turn'])} | {a6['n']} | {AUDIT['counter_influence']} |"
        )
    if "trilateral_dialogue" in ad:
        add(
            f"| 6 | AI: trilateral_dialogue adopted | {pct(ad['trilateral_dialogue']['rate'])} | "
            f"{a6['n']} | {AUDIT['trilateral_dialogue_ai']} |"
        )
    add(
        f"| 6 | AI default: crisis rate, mean shared | {pct(a6['crisis_rate'])}, {fmt(a6['mean_shared'])} | {a6['n']} | |"
    )
    if us8:
        vals = " / ".join(f"{p} {fmt(v['mean_shared'])}" for p, v in us8["profiles"].items())
        add(
            f"| 8 | US profiles: mean shared | {vals} (spread {fmt(us8['spread'])}) | {us8['n']} each | {AUDIT['us_profiles']} |"
        )
    if isinstance(lint, list):
        clean = sum(1 for x in lint if x["exit"] == 0)
        add(f"| 10 | lint: files exiting 0 | {clean} of {len(lint)} | | {AUDIT['lint']} |")
    add("")

    # 1 detail
    add("## 1. push-all: own scores in crisis vs non-crisis games")
    add("")
    add(f"N {p1['n']}, crisis games {p1['crisis_games']} ({pct(p1['crisis_rate'])}).")
    add("")
    add("| delegation | own, crisis games | own, non-crisis games |")
    add("|---|---|---|")
    add(f"| shared score | {fmt(p1['shared_crisis'])} | {fmt(p1['shared_calm'])} |")
    for a in ("taiwan", "us", "japan", *[d for d in dels if d not in ("taiwan", "us", "japan")]):
        if a in p1["own_crisis"]:
            add(f"| {a} | {fmt(p1['own_crisis'][a])} | {fmt(p1['own_calm'][a])} |")
    add("")

    # 2
    st = res["2_strategies"]
    add(f"## 2. Team strategies (N {n['strategies']} each)")
    add("")
    add(
        "| strategy | crisis | mean shared | mean final tension | "
        + " | ".join(f"own {a}" for a in dels)
        + " |"
    )
    add("|---|---|---|---|" + "---|" * len(dels))
    for s, v in st.items():
        add(
            f"| {s} | {pct(v['crisis_rate'])} | {fmt(v['mean_shared'])} | {fmt(v['mean_final_tension'])} | "
            + " | ".join(fmt(v["mean_own"][a]) for a in dels)
            + " |"
        )
    add("")
    add(
        "Best strategy by own mean score: "
        + "; ".join(
            f"{a}: {b['strategy']} ({fmt(b['mean_own'])})"
            for a, b in res["2_best_strategy"].items()
        )
        + "."
    )
    add("")
    add("Mean shared score in crisis vs non-crisis games, every strategy:")
    add("")
    add("| strategy | crisis games | shared, crisis games | shared, non-crisis games |")
    add("|---|---|---|---|")
    for s, v in res["2_split"].items():
        add(f"| {s} | {v['crisis_games']} | {fmt(v['shared_crisis'])} | {fmt(v['shared_calm'])} |")
    add("")
    add("hold outcomes: " + ", ".join(f"{k} {v}" for k, v in h3["outcomes"].items()) + ".")
    add("")

    # 4
    if "crisis_all" in h4:
        add(
            f"## 4. Exercise sign: hadr_exercises available vs forbidden (paired seeds, N {h4['n']})"
        )
        add("")
        add("The audit's number is push-all; the other pushing strategies are context.")
        add("")
        add(
            "| strategy | hadr adopted when available | crisis: available | crisis: forbidden | tension: available | tension: forbidden |"
        )
        add("|---|---|---|---|---|---|")
        for s, v in h4["by_strategy"].items():
            add(
                f"| {s} | {pct(v['adopted_when_available'])} | {pct(v['crisis_all'])} | "
                f"{pct(v['crisis_hadr_forbidden'])} | {fmt(v['tension_all'])} | {fmt(v['tension_hadr_forbidden'])} |"
            )
        add("")

    # 5
    tri = res["5_trilateral"]
    if "missing" not in tri:
        add("## 5. trilateral_dialogue controlled effect (paired seeds)")
        add("")
        add(
            "| play | N | adopted when available | tension: available | tension: forbidden | crisis: available | crisis: forbidden |"
        )
        add("|---|---|---|---|---|---|---|")
        for k, v in tri.items():
            add(
                f"| {k} | {v['available']['n']} | {pct(v['adopted_when_available'])} | "
                f"{fmt(v['available']['mean_final_tension'])} | {fmt(v['forbidden']['mean_final_tension'])} | "
                f"{pct(v['available']['crisis_rate'])} | {pct(v['forbidden']['crisis_rate'])} |"
            )
        add("")

    # 6
    add(f"## 6. AI play, default profiles (N {a6['n']})")
    add("")
    add(f"Crisis rate {pct(a6['crisis_rate'])}; mean shared {fmt(a6['mean_shared'])}.")
    add("")
    c7 = res["7_ai_cycle"]
    add(
        f"| measure | provocativeness | adopted (default) | mean turn (default) | adopted (all {c7['combinations']} combinations, N {c7['n']}) | mean turn (combinations) |"
    )
    add("|---|---|---|---|---|---|")
    for mid, v in a6["adoption"].items():
        c = c7["adoption"][mid]
        add(
            f"| {mid} | {fmt(sc['provocation'][mid])} | {pct(v['rate'])} | {fmt(v['mean_turn'])} | "
            f"{pct(c['rate'])} | {fmt(c['mean_turn'])} |"
        )
    add("")
    add("| outcome band | share of default AI games |")
    add("|---|---|")
    for o, s in a6["outcome_share"].items():
        add(f"| {o} | {pct(s)} |")
    add("")
    add("Bands never reached: " + (", ".join(a6["bands_never_reached"]) or "none") + ".")
    add("")
    add("| delegation | median final capital / cap | mean own score |")
    add("|---|---|---|")
    for a, v in a6["capital"].items():
        add(f"| {a} | {fmt(v['median_final'])} / {v['cap']} | {fmt(a6['mean_own'][a])} |")
    add("")

    # 7
    add(
        f"## 7. AI cycling every profile combination ({c7['combinations']} combinations, N {c7['n']})"
    )
    add("")
    add(
        f"Crisis rate {pct(c7['crisis_rate'])}; mean shared {fmt(c7['mean_shared'])}. Adoption in the table above."
    )
    add("")

    # 8
    if us8:
        add(f"## 8. US profiles (others default, N {us8['n']} each)")
        add("")
        add("| US profile | mean shared | crisis | US own |")
        add("|---|---|---|---|")
        for p, v in us8["profiles"].items():
            add(f"| {p} | {fmt(v['mean_shared'])} | {pct(v['crisis_rate'])} | {fmt(v['us_own'])} |")
        add(f"\nSpread (max - min of mean shared): {fmt(us8['spread'])}.")
        add("")

    # 9
    s9 = res["9_surge"]
    add(f"## 9. `{s9['file']}`")
    add("")
    add("| quantity | value | N |")
    add("|---|---|---|")
    sp = s9["pushall"]
    add(f"| push-all crisis rate | {pct(sp['crisis_rate'])} | {sp['n']} |")
    add(f"| push-all mean shared | {fmt(sp['mean_shared'])} | {sp['n']} |")
    add(
        f"| push-all mean shared: crisis vs non-crisis | {fmt(sp['shared_crisis'])} vs {fmt(sp['shared_calm'])} | {sp['n']} ({sp['crisis_games']} crisis) |"
    )
    sa = s9["ai_default"]
    add(f"| AI default crisis rate | {pct(sa['crisis_rate'])} | {sa['n']} |")
    add(f"| AI default mean shared | {fmt(sa['mean_shared'])} | {sa['n']} |")
    cb = s9["combos"]
    if cb["best"]:
        prof = ", ".join(f"{k}={v}" for k, v in cb["best"]["profiles"].items())
        add(
            f"| best profile combination: mean shared ({prof}) | {fmt(cb['best']['mean_shared'])} | {cb['n_each']} each of {cb['count']} |"
        )
        prof = ", ".join(f"{k}={v}" for k, v in cb["worst"]["profiles"].items())
        add(
            f"| worst profile combination: mean shared ({prof}) | {fmt(cb['worst']['mean_shared'])} | {cb['n_each']} each |"
        )
    add("")

    # 10
    add("## 10. Lint")
    add("")
    if isinstance(lint, list):
        add("| file | exit | last line |")
        add("|---|---|---|")
        for x in lint:
            add(f"| {x['file']} | {x['exit']} | {x['last_line'].replace('|', '/')} |")
    else:
        add("skipped")
    add("")
    add("Timings (s): " + ", ".join(f"{k} {v}" for k, v in m["timings_s"].items()) + ".")
    if m["refusals"]["count"]:
        add("")
        add("First refusals: " + "; ".join(m["refusals"]["first"]))
    return "\n".join(L) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkout", help="a checkout of Trilateral (its game/ is imported)")
    ap.add_argument("--json", help="also write every number here as JSON")
    ap.add_argument(
        "--games", type=int, default=500, help="games per strategy condition (default 500)"
    )
    ap.add_argument(
        "--ai-games", type=int, default=5000, help="AI games, default profiles (default 5000)"
    )
    ap.add_argument(
        "--cycle-games",
        type=int,
        default=None,
        help="AI games cycling all profile combinations (default: --ai-games)",
    )
    ap.add_argument(
        "--us-games", type=int, default=2000, help="games per US profile (default 2000)"
    )
    ap.add_argument(
        "--combo-games",
        type=int,
        default=200,
        help="maritime-surge games per profile combination (default 200)",
    )
    ap.add_argument("--no-lint", action="store_true", help="skip the lint runs")
    args = ap.parse_args()
    for k in ("games", "ai_games", "us_games", "combo_games"):
        if getattr(args, k) < 1:
            abort(f"--{k.replace('_', '-')} must be at least 1")
    res = measure(args)
    text = markdown(res)
    sys.stdout.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1)
            f.write("\n")
    log(f"finished in {res['meta']['runtime_s']} s")


if __name__ == "__main__":
    main()
