"""The variation scorecard: which measures matter most, and which way?

The same seeds are played with every measure available ("all on") and then with each measure
taken off the table in turn. A measure's effect on a column is the paired difference of the
end-of-game values (all on minus without it), with a 95% confidence interval; the same for the
crisis rate and the shared score. Common seeds make the comparison sharp: only the measure
differs.

Under AI play the difference also contains the AI's reaction: without a measure it spends its
capital on others, so a measure can look calming only because what the AI does instead is
worse. The scorecard therefore measures every effect under AI play *and* under fixed team
strategies (`game.sim.strategies`), which follow the same rule with or without the measure,
and names the effects whose sign depends on who plays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from game.columns import headers, ljust, row, wrap_label
from game.i18n import _, ngettext
from game.scenario.loader import LoadedScenario
from game.sim.montecarlo import run
from game.sim.statistics import (
    CRISIS,
    SHARED,
    Effect,
    Scorecard,
    StrategyEffects,
    column,
    paired_effect,
    sign_flips,
)
from game.sim.strategies import AI, DEFAULT_VARY_STRATEGIES, describe


def scorecard(
    loaded: LoadedScenario,
    runs: int,
    seed: int = 0,
    jobs: int = 1,
    profiles: Sequence[dict[str, str]] | None = None,
    progress: Callable[[int, int], None] | None = None,
    strategies: Sequence[str] = DEFAULT_VARY_STRATEGIES,
) -> Scorecard:
    """Every measure's paired effect under AI play and under each of `strategies` (fixed
    team strategies; `ai` among them is ignored: AI play is always measured, first)."""
    s = loaded.scenario
    columns = [
        "cooperation",
        "tension",
        *(f"resilience.{d}" for d in s.indicators.resilience),
        SHARED,
        CRISIS,
    ]
    measures = [m.id for m in s.measures]
    names = [AI, *(n for n in strategies if n != AI)]
    total = runs * (len(measures) + 1) * len(names)
    done = 0

    def step(n: int, _of: int) -> None:
        if progress:
            progress(done + n, total)

    cards: dict[str, StrategyEffects] = {}
    for name in names:
        base = run(loaded, runs, seed, jobs, profiles, progress=step, strategy=name).rows
        done += runs
        baseline = {c: sum(column(base, c)) / runs for c in columns}
        effects: dict[str, dict[str, Effect]] = {}
        for m in measures:
            off = run(
                loaded,
                runs,
                seed,
                jobs,
                profiles,
                forced_off=frozenset({m}),
                progress=step,
                strategy=name,
            ).rows
            done += runs
            effects[m] = {c: paired_effect(column(base, c), column(off, c)) for c in columns}
        cards[name] = StrategyEffects(baseline, effects)
    return Scorecard(runs, columns, cards)


def _head(c: str, loaded: LoadedScenario) -> str:
    if c == CRISIS:
        return _("Crisis %")
    if c == SHARED:
        return _("Shared score")
    if c.startswith("resilience."):
        d = c.split(".", 1)[1]
        return loaded.scenario.indicators.resilience[d].title or d
    return {"cooperation": _("Cooperation"), "tension": _("Tension")}[c]


def format_scorecard(card: Scorecard, loaded: LoadedScenario) -> str:
    """Wargame-style tables, one per way of playing: one row per measure, one column per
    indicator, the shared score and the crisis rate; then the effects whose sign depends on
    who plays."""
    titles = {m.id: m.title for m in loaded.scenario.measures}
    width = 15
    name_w = 44
    lines = [
        ngettext(
            "Measure scorecard: what each measure changes by the end of the game ({count} game "
            "per cell, same seeds)",
            "Measure scorecard: what each measure changes by the end of the game ({count} games "
            "per cell, same seeds)",
            card.runs,
        ).format(count=card.runs),
        _(
            "Each cell: (all measures available) minus (this measure taken off the table), with "
            "its 95% confidence interval."
        ),
        _("For tension and the crisis rate, a positive number means the measure raises them."),
        *_(
            "Under AI play the AI judges afresh without the measure and spends its capital "
            "elsewhere; under a\nfixed strategy every delegation follows the same rule either way "
            "(what the measure would have\ncost goes to the next measure on its list), so the "
            "difference is closer to the measure's own."
        ).split("\n"),
    ]
    for name, se in card.strategies.items():
        lines += [
            "",
            _("Under {strategy}: {description}").format(strategy=name, description=describe(name)),
        ]
        # Long measure titles and column headings wrap over several lines; none is cut.
        lines += [
            *(
                f"{'':<{name_w}}" + line
                for line in headers([_head(c, loaded) for c in card.columns], width)
            ),
            ljust(_("All measures available (mean)"), name_w)
            + "".join(f"{se.baseline[c]:>{width}.1f}" for c in card.columns),
        ]
        ranked = sorted(se.effects, key=lambda m: -abs(se.effects[m]["cooperation"].mean))
        for m in ranked:
            cells = "".join(
                f"{e.mean:>+{width - 6}.1f}±{e.half_width:<4.1f} "
                for e in (se.effects[m][c] for c in card.columns)
            )
            lines += row(titles[m], cells, name_w - 1, indent="")
    lines += ["", _("Rows are sorted by the size of the effect on cooperation.")]
    flips = sign_flips(card)
    if flips:
        lines += [
            "",
            _("Effects whose sign depends on who plays (95% intervals on both sides of zero):"),
        ]
        for m, c, by in flips:
            lines += wrap_label(
                _("{measure}: {column}").format(measure=titles[m], column=_head(c, loaded).lower()),
                100,
            )
            lines += [
                "    "
                + _("{effect} under {strategy}").format(
                    effect=f"{e.mean:>+6.1f}±{e.half_width:<4.1f}", strategy=n
                )
                for n, e in by.items()
            ]
    return "\n".join(lines)


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    """scorecard.json: the columns, and for each way of playing its baseline and effects."""
    return {
        "runs": card.runs,
        "columns": card.columns,
        "strategies": {
            name: {
                "baseline": se.baseline,
                "effects": {
                    m: {c: {"mean": e.mean, "ci95": e.half_width} for c, e in cols.items()}
                    for m, cols in se.effects.items()
                },
            }
            for name, se in card.strategies.items()
        },
    }
