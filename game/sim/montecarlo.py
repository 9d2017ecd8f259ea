"""Monte Carlo over many games: outcome bands, indicator percentiles, adoption, crisis rate,
shared and own scores.

Games are played by the delegations' AI (strategy `ai`) or by a fixed team strategy (see
`game.sim.strategies`). Game i of a run with seed S uses seed S + i and, under AI play, the
i-th profile combination (cycling), so a run's results depend only on (scenario, runs, seed,
strategy, profiles, forced-off measures), never on how many processes shared the work: chunks
are played in separate processes and put back in game order.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

from game.columns import wrap_label
from game.i18n import _, ngettext
from game.scenario.loader import LoadedScenario, load_scenario
from game.sim.batch import profile_combinations
from game.sim.statistics import GameRow, Summary, summarise
from game.sim.strategies import AI, play_strategy_game

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from game.engine.game import Game


# A worker's task: (scenario file, content hash, seed, start, stop, profile combinations,
# measures forced off, strategy, history).
_Chunk = tuple[str, str, int, int, int, Sequence[dict[str, str]], frozenset[str], str, bool]


def _play_chunk(args: _Chunk) -> list[GameRow]:
    """Worker: play games [start, stop) of a run (a top-level function, so processes can run it)."""
    path, content_hash, seed, start, stop, combos, forced_off, strategy, history = args
    loaded = _worker_scenario(path, content_hash)
    return play_range(loaded, seed, range(start, stop), combos, forced_off, strategy, history)


_WORKER_CACHE: dict[str, LoadedScenario] = {}


def _worker_scenario(path: str, content_hash: str) -> LoadedScenario:
    loaded = _WORKER_CACHE.get(path)
    if loaded is None:
        loaded = _WORKER_CACHE[path] = load_scenario(path)
    if loaded.content_hash != content_hash:
        raise RuntimeError(f"{path} changed while the simulation was running")
    return loaded


def play_range(
    loaded: LoadedScenario,
    seed: int,
    indices: Sequence[int] | range,
    combos: Sequence[dict[str, str]],
    forced_off: frozenset[str] = frozenset(),
    strategy: str = AI,
    history: bool = False,
) -> list[GameRow]:
    """Games `indices` of a run: AI play (profiles from `combos`, cycling) or every
    delegation playing the fixed `strategy`; with `history`, the history excursion."""
    from game.engine.game import Game

    rows = []
    for i in indices:
        if strategy == AI:
            game = Game(
                loaded, seed + i, (), combos[i % len(combos)], record=False, history=history
            )
            if forced_off:
                game.forbid(forced_off)
            while not game.state.over:
                game.resolve_turn()
        else:
            game = play_strategy_game(loaded, seed + i, strategy, forced_off, history=history)
        rows.append(game_row(game, i, strategy))
    return rows


def game_row(game: Game, index: int, strategy: str = AI) -> GameRow:
    # `game` is a finished Game
    """A finished game as a row of results."""
    st = game.state
    result = game.result()
    return GameRow(
        index,
        game.seed,
        strategy,
        tuple(sorted(game.setup.ai_profiles.items())),
        result.outcome.id,
        st.crisis,
        result.final_turn,
        result.shared.score,
        tuple((a, d.score) for a, d in result.delegations.items()),
        tuple(st.values.items()),
        tuple(st.adopted.items()),
    )


def run(
    loaded: LoadedScenario,
    runs: int,
    seed: int = 0,
    jobs: int = 1,
    profiles: Sequence[dict[str, str]] | None = None,
    forced_off: frozenset[str] = frozenset(),
    progress: Callable[[int, int], None] | None = None,
    strategy: str = AI,
    history: bool = False,
) -> Summary:
    """Play `runs` games, by the AI (`strategy` "ai") or a fixed team strategy, and summarise
    them."""
    combos = list(profiles) if profiles else profile_combinations(loaded)
    jobs = max(1, min(jobs, os.cpu_count() or 1, runs))
    # Small enough chunks that no process sits idle long at the end, while another finishes
    # its last chunk; big enough that handing them out costs nothing noticeable.
    chunk = max(50, math.ceil(runs / (jobs * 32)))
    bounds = [(start, min(runs, start + chunk)) for start in range(0, runs, chunk)]
    rows: list[GameRow] = []
    done = 0
    if jobs == 1:
        for start, stop in bounds:
            rows.extend(
                play_range(loaded, seed, range(start, stop), combos, forced_off, strategy, history)
            )
            done = stop
            if progress:
                progress(done, runs)
    else:
        tasks = [
            (loaded.file, loaded.content_hash, seed, a, b, combos, forced_off, strategy, history)
            for a, b in bounds
        ]
        context = _context()
        if context.get_start_method() == "fork":
            # Forked workers inherit the loaded scenario and its rulebook instead of loading
            # and compiling them again.
            from game.engine.rulebook import Rulebook

            Rulebook.of(loaded)
            _WORKER_CACHE[loaded.file] = loaded
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for part in pool.map(_play_chunk, tasks):
                rows.extend(part)
                done += len(part)
                if progress:
                    progress(done, runs)
    rows.sort(key=lambda r: r.index)
    return summarise(loaded, rows, seed, strategy)


def _context() -> BaseContext:
    import multiprocessing

    # fork shares the loaded scenario with the workers for free; spawn elsewhere.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class ProgressBar:
    """A one-line progress bar on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self, stream: TextIO | None = None, min_seconds: float = 1.0):
        # sys.stderr is looked up now, not when the module was imported: it may have changed.
        self.stream = stream = sys.stderr if stream is None else stream
        self.start = time.perf_counter()
        self.min_seconds = min_seconds
        try:
            self.active = stream.isatty()
        except (AttributeError, ValueError):  # no terminal, or a stream already closed
            self.active = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active or time.perf_counter() - self.start < self.min_seconds:
            return
        width = 30
        filled = round(width * done / total)
        rate = done / max(1e-9, time.perf_counter() - self.start)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games, {rate:,.0f}/s "
        )
        self.stream.flush()
        if done >= total:
            self.stream.write("\n")


def games_csv(rows: Sequence[GameRow], loaded: LoadedScenario) -> str:
    """One CSV line per game: `game`, `strategy`, `seed`, `profiles`, `outcome`, `crisis`,
    `final_turn`, `shared_score`, a `score.<delegation>` column per delegation, the final
    value of every indicator, then `adopted_<measure>` (the turn it was adopted, or empty)."""
    import csv
    import io

    keys = list(_indicator_keys(loaded))
    delegations = list(loaded.scenario.delegations())
    measures = [m.id for m in loaded.scenario.measures]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "game",
            "strategy",
            "seed",
            "profiles",
            "outcome",
            "crisis",
            "final_turn",
            "shared_score",
            *(f"score.{a}" for a in delegations),
            *keys,
            *(f"adopted_{m}" for m in measures),
        ]
    )
    for r in rows:
        final = dict(r.final)
        adopted = dict(r.adopted)
        scores = dict(r.scores)
        writer.writerow(
            [
                r.index,
                r.strategy,
                r.seed,
                ";".join(f"{a}={p}" for a, p in r.profiles),
                r.outcome,
                int(r.crisis),
                r.final_turn,
                r.shared_score,
            ]
            + [scores[a] for a in delegations]
            + [final[k] for k in keys]
            + [adopted.get(m, "") for m in measures]
        )
    return buffer.getvalue()


def _indicator_keys(loaded: LoadedScenario) -> tuple[str, ...]:
    """Every indicator of the scenario, in the order a game keeps them."""
    from game.engine.rulebook import Rulebook

    return tuple(Rulebook.of(loaded).start_values)


def _game_json(r: GameRow) -> dict[str, Any]:
    return {
        "game": r.index,
        "strategy": r.strategy,
        "seed": r.seed,
        "profiles": dict(r.profiles),
        "outcome": r.outcome,
        "crisis": r.crisis,
        "final_turn": r.final_turn,
        "shared_score": r.shared_score,
        "scores": dict(r.scores),
        "final": dict(r.final),
        "adopted": dict(r.adopted),
    }


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "strategy": summary.strategy,
        "runs": summary.runs,
        "seed": summary.seed,
        "outcome_share": summary.outcome_share,
        "crisis_rate": summary.crisis_rate,
        "percentiles": summary.percentiles,
        "adoption": {m: {"rate": r, "mean_turn": t} for m, (r, t) in summary.adoption.items()},
        "shared_score": summary.shared_score,
        "shared_score_mean": summary.shared_mean,
        "own_score_mean": summary.own_score,
    }


def write_strategy_results(
    summaries: Sequence[Summary], loaded: LoadedScenario, out: Path
) -> list[Path]:
    """games.csv with every game of every strategy (its `strategy` column says which), and
    games.json with each strategy's summary and every game."""
    import json

    from game.atomic import make_folder, write_text_atomic

    make_folder(out)
    csv_path = out / "games.csv"
    write_text_atomic(csv_path, games_csv([r for s in summaries for r in s.rows], loaded))
    data = {
        "scenario": loaded.scenario.id,
        "scenario_hash": loaded.content_hash,
        "strategies": {s.strategy: _summary_json(s) for s in summaries},
        "games": [_game_json(r) for s in summaries for r in s.rows],
    }
    json_path = out / "games.json"
    write_text_atomic(json_path, json.dumps(data, indent=1))
    return [csv_path, json_path]


def write_results(summary: Summary, loaded: LoadedScenario, out: Path) -> list[Path]:
    """CSV and JSON of every game, plus PNG charts of the distributions."""
    import json

    from game.atomic import make_folder, write_bytes_atomic, write_text_atomic

    make_folder(out)
    written = []
    csv_path = out / "games.csv"
    write_text_atomic(csv_path, games_csv(summary.rows, loaded))
    written.append(csv_path)
    data = {
        "scenario": loaded.scenario.id,
        "scenario_hash": loaded.content_hash,
        **_summary_json(summary),
        "games": [_game_json(r) for r in summary.rows],
    }
    json_path = out / "games.json"
    write_text_atomic(json_path, json.dumps(data, indent=1))
    written.append(json_path)
    for name, png in _charts(summary, loaded).items():
        path = out / name
        write_bytes_atomic(path, png)
        written.append(path)
    return written


def _png(fig: Figure) -> bytes:
    import io

    import matplotlib.pyplot as plt

    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _bars(
    plt: ModuleType, labels: list[str], values: list[float], colour: str
) -> tuple[Figure, Axes]:
    """A horizontal bar chart, first label on top. Labels wrap (never cut) and sit at their
    own positions, so two equal titles still get a bar each; the figure grows with them."""
    wrapped = ["\n".join(wrap_label(label, 40)) for label in labels]
    lines = sum(w.count("\n") + 1 for w in wrapped)
    fig, ax = plt.subplots(figsize=(7, max(3.5, 1.2 + 0.22 * lines)), dpi=110)
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colour)
    ax.set_yticks(positions, wrapped, fontsize=8)
    return fig, ax


def _charts(summary: Summary, loaded: LoadedScenario) -> dict[str, bytes]:
    import matplotlib

    matplotlib.use("Agg")
    from game.report.charts import font_families

    # the shipped CJK faces first, so titles in Japanese and Chinese have their glyphs
    with matplotlib.rc_context({"font.family": font_families()}):
        return _draw_charts(summary, loaded)


def _draw_charts(summary: Summary, loaded: LoadedScenario) -> dict[str, bytes]:
    import matplotlib.pyplot as plt

    colours = [
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#D55E00",
        "#CC79A7",
        "#56B4E9",
        "#F0E442",
        "#000000",
    ]
    charts = {}
    titles = {o.id: o.title for o in loaded.scenario.outcomes}

    names = list(summary.outcome_share)
    fig, ax = _bars(
        plt,
        [titles[n] for n in names],
        [summary.outcome_share[n] * 100 for n in names],
        colours[0],
    )
    ax.set_xlabel(_("% of games"))
    ax.set_title(
        ngettext(
            "Outcome bands over {count} AI game",
            "Outcome bands over {count} AI games",
            summary.runs,
        ).format(count=summary.runs)
    )
    charts["outcomes.png"] = _png(fig)

    fig, ax = plt.subplots(figsize=(7, 3.5), dpi=110)
    finals = {
        label: [dict(r.final)[k] for r in summary.rows]
        for k, label in (("cooperation", _("cooperation")), ("tension", _("tension")))
    }
    mean_res = [
        sum(v for k, v in r.final if k.startswith("resilience."))
        / max(1, sum(1 for k, _value in r.final if k.startswith("resilience.")))
        for r in summary.rows
    ]
    finals[_("mean resilience")] = mean_res
    for i, (name, values) in enumerate(finals.items()):
        ax.hist(
            values,
            bins=25,
            range=(0, 100),
            alpha=0.55,
            label=name,
            color=colours[i],
            histtype="stepfilled",
            edgecolor=colours[i],
        )
    ax.axvline(
        loaded.scenario.indicators.tension.crisis_at,
        color="#D55E00",
        linestyle="--",
        linewidth=1,
        label=_("crisis line"),
    )
    ax.set_xlabel(_("value at the end of the game"))
    ax.set_ylabel(_("games"))
    ax.legend(fontsize=8)
    ax.set_title(_("Final indicators"))
    charts["indicators.png"] = _png(fig)

    measures = loaded.scenario.measures
    fig, ax = _bars(
        plt,
        [m.title for m in measures],
        [summary.adoption[m.id][0] * 100 for m in measures],
        colours[2],
    )
    ax.set_xlabel(_("% of games adopted"))
    ax.set_title(_("Measures adopted"))
    charts["adoption.png"] = _png(fig)
    return charts
