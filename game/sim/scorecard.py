"""The variation scorecard: which measures matter most?

The same seeds are played with every measure available ("all on") and then with each measure
taken off the table in turn. A measure's effect on an indicator is the paired difference of
the end-of-game values (all on minus without it), with a 95% confidence interval; the same for
the crisis rate. Common seeds make the comparison sharp: only the measure differs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.columns import headers, row
from game.scenario.loader import LoadedScenario
from game.sim.montecarlo import GameRow, run


@dataclass(frozen=True)
class Effect:
    mean: float
    half_width: float  # 95% CI is mean ± half_width


@dataclass
class Scorecard:
    runs: int
    columns: list[str]  # indicator keys, then "crisis"
    baseline: dict[str, float]  # column -> mean with all measures available
    effects: dict[str, dict[str, Effect]]  # measure id -> column -> effect


def _paired(on: Sequence[float], off: Sequence[float]) -> Effect:
    diffs = [a - b for a, b in zip(on, off, strict=True)]
    n = len(diffs)
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1) if n > 1 else 0.0
    return Effect(mean, 1.96 * math.sqrt(var / n) if n else 0.0)


def _column(rows: list[GameRow], key: str) -> list[float]:
    if key == "crisis":
        return [100.0 if r.crisis else 0.0 for r in rows]
    return [dict(r.final)[key] for r in rows]


def scorecard(
    loaded: LoadedScenario,
    runs: int,
    seed: int = 0,
    jobs: int = 1,
    profiles: Sequence[dict[str, str]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Scorecard:
    s = loaded.scenario
    columns = [
        "cooperation",
        "tension",
        *(f"resilience.{d}" for d in s.indicators.resilience),
        "crisis",
    ]
    measures = [m.id for m in s.measures]
    total = runs * (len(measures) + 1)
    done = 0

    def step(n: int, _of: int) -> None:
        if progress:
            progress(done + n, total)

    base = run(loaded, runs, seed, jobs, profiles, progress=step).rows
    done += runs
    baseline = {c: sum(_column(base, c)) / runs for c in columns}
    effects: dict[str, dict[str, Effect]] = {}
    for m in measures:
        off = run(loaded, runs, seed, jobs, profiles, forced_off=frozenset({m}), progress=step).rows
        done += runs
        effects[m] = {c: _paired(_column(base, c), _column(off, c)) for c in columns}
    return Scorecard(runs, columns, baseline, effects)


def format_scorecard(card: Scorecard, loaded: LoadedScenario) -> str:
    """A wargame-style table: one row per measure, one column per indicator and the crisis rate."""
    book_titles = {m.id: m.title for m in loaded.scenario.measures}
    domains = loaded.scenario.indicators.resilience

    def head(c: str) -> str:
        if c == "crisis":
            return "Crisis %"
        if c.startswith("resilience."):
            d = c.split(".", 1)[1]
            return domains[d].title or d
        return {"cooperation": "Cooperation", "tension": "Tension"}[c]

    width = 15
    name_w = 44
    # Long measure titles and column headings wrap over several lines; none is cut.
    lines = [
        f"Measure scorecard: what each measure changes by the end of the game ({card.runs} AI games per column, same seeds)",
        "Each cell: (all measures available) minus (this measure taken off the table), with its 95% confidence interval.",
        "For tension and the crisis rate, a positive number means the measure raises them.",
        "",
        *(f"{'':<{name_w}}" + line for line in headers([head(c) for c in card.columns], width)),
        f"{'All measures available (mean)':<{name_w}}"
        + "".join(f"{card.baseline[c]:>{width}.1f}" for c in card.columns),
    ]
    ranked = sorted(card.effects, key=lambda m: -abs(card.effects[m]["cooperation"].mean))
    for m in ranked:
        cells = "".join(
            f"{e.mean:>+{width - 6}.1f}±{e.half_width:<4.1f} "
            for e in (card.effects[m][c] for c in card.columns)
        )
        lines += row(book_titles[m], cells, name_w - 1, indent="")
    lines.append("")
    lines.append("Rows are sorted by the size of the effect on cooperation.")
    return "\n".join(lines)
