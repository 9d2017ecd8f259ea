"""Benchmarks: `python -m game.bench` measures scenario loading and headless AI games.

Reports milliseconds to load and validate the default scenario, then full AI games per second
on one core and microseconds per turn, twice: games that keep the ledger of causes (what the
window and the terminal play) and games without it (`record=False`, what `simulate`
batches play). Goals (DESIGN.md): load under 50 ms, at least 2,000 games per second
per core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from game.arguments import path_text, whole_number
from game.limits import MAX_RUNS
from game.paths import DEFAULT_SCENARIO


def bench_load(path: Path, repeats: int = 30) -> tuple[float, float, float]:
    from game.scenario.loader import load_scenario

    start = time.perf_counter()
    load_scenario(path)  # the first load also warms caches (YAML scalar types)
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_scenario(path)
        times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(times), max(times)


def bench_games(path: Path, games: int, record: bool = True) -> tuple[float, float]:
    from game.engine.game import Game
    from game.scenario.loader import load_scenario

    loaded = load_scenario(path)

    def play(seed: int) -> int:
        game = Game(loaded, seed, record=record)
        while not game.over:
            game.resolve_turn()
        return game.state.turn  # the last turn played

    play(0)
    turns = 0
    start = time.perf_counter()
    for seed in range(games):
        turns += play(seed)
    elapsed = time.perf_counter() - start
    return games / elapsed, elapsed / turns * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scenario", type=path_text, default=str(DEFAULT_SCENARIO))
    parser.add_argument("--games", type=whole_number(1, MAX_RUNS), default=2000)
    args = parser.parse_args(argv)
    path = Path(args.scenario)
    first, median, worst = bench_load(path)
    print(
        f"load+validate {path.name}: first {first:.1f} ms, then median {median:.1f} ms, "
        f"max {worst:.1f} ms (goal < 50 ms)"
    )
    for record, what in ((True, "with the ledger"), (False, "batch, no ledger")):
        per_second, per_turn = bench_games(path, args.games, record)
        print(
            f"AI games {what}: {per_second:,.0f} games/s on one core, {per_turn:.0f} us/turn "
            "(goal >= 2,000 games/s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
