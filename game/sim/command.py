"""The authoring commands: `simulate`, `lint` and `new`."""

from __future__ import annotations

import argparse
import itertools
import os
import shlex
import sys
import time
from pathlib import Path

from game.arguments import path_text, whole_number
from game.columns import headers, row, wrap_label
from game.limits import MAX_RUNS, MAX_SEED
from game.scenario.find import load_or_report

TITLE_WIDTH = 44  # the title column of `simulate`'s tables; longer titles wrap
# More processes than this gain nothing on any machine we know of; more than the machine's
# processors are reduced to their number anyway.
MAX_JOBS = 256
# lint's default game counts: enough that a 5 % adoption rate or a 1-point difference between
# profiles is measured to within about a point, while `lint` of a bundled scenario stays well
# under half a minute.
LINT_GAMES = 1000
LINT_STRATEGY_GAMES = 200


def strategy_list(text: str) -> list[str]:
    """An argparse `type`: comma-separated strategy names (see `parse_strategies`)."""
    from game.sim.strategies import UnknownStrategy, parse_strategies

    try:
        return parse_strategies(text)
    except UnknownStrategy as err:
        raise argparse.ArgumentTypeError(str(err)) from None


strategy_list.__name__ = "strategy list"


def add_simulate_arguments(p: argparse.ArgumentParser) -> None:
    from game.sim.strategies import AI, ALL, DEFAULT_VARY_STRATEGIES, STRATEGIES

    p.add_argument("scenario", metavar="SCENARIO", type=path_text, help="scenario file")
    p.add_argument(
        "--runs",
        type=whole_number(1, MAX_RUNS),
        default=1000,
        help=f"games to play (per strategy; default 1000, at most {MAX_RUNS})",
    )
    p.add_argument(
        "--strategy",
        metavar="NAME[,NAME...]",
        type=strategy_list,
        help=(
            "play fixed team strategies instead of the AI (every delegation plays the same "
            f"one) and compare them: {', '.join(STRATEGIES)}, or {ALL} for every one; add "
            f"{AI} to compare with AI play. With --vary measures: the fixed strategies to "
            f"measure besides AI play (default {','.join(DEFAULT_VARY_STRATEGIES)})"
        ),
    )
    p.add_argument(
        "--jobs",
        type=whole_number(1, MAX_JOBS),
        default=1,
        help="processes to use (default 1); results do not depend on it",
    )
    p.add_argument(
        "--profiles",
        metavar="LIST",
        help="fix AI profiles for AI play, e.g. us=restrained,japan=proactive (others cycle)",
    )
    p.add_argument(
        "--seed",
        type=whole_number(0, MAX_SEED),
        default=0,
        help="first seed (game i uses seed+i; default 0)",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=path_text,
        help=(
            "also write games.csv and games.json here (and PNG charts of AI play); with "
            "--vary, scorecard.txt and scorecard.json"
        ),
    )
    p.add_argument(
        "--history",
        action="store_true",
        help="play the history excursion (the real timeline's injects fire too)",
    )
    p.add_argument(
        "--vary",
        choices=["measures"],
        help=(
            "scorecard: rerun with each measure taken off the table, under AI play and "
            "fixed strategies"
        ),
    )
    from game.sim.policy import add_policy_argument

    add_policy_argument(p)


def add_lint_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", metavar="SCENARIO", type=path_text, help="scenario file")
    p.add_argument(
        "--games",
        type=whole_number(1, MAX_RUNS),
        default=LINT_GAMES,
        help=(
            f"AI games to simulate (default {LINT_GAMES}); as many again for each AI profile "
            "in the profile check"
        ),
    )
    p.add_argument(
        "--strategy-games",
        type=whole_number(1, MAX_RUNS),
        default=LINT_STRATEGY_GAMES,
        help=(
            "games per fixed team strategy, and per strategy of one delegation in the "
            f"dominance check (default {LINT_STRATEGY_GAMES})"
        ),
    )


def add_new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "name",
        metavar="NAME",
        type=path_text,
        help="file to write (NAME.yaml unless it ends in .yaml or .yml)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")


def profile_choices(loaded, text: str | None) -> list[dict[str, str]]:  # noqa: ANN001
    """Combinations of AI profiles: every combination, with the ones in `text` fixed."""
    from game.play_cli import parse_profiles

    delegations = loaded.scenario.delegations()
    fixed = parse_profiles(loaded, text)
    options = [[fixed[a]] if a in fixed else list(d.ai_profiles) for a, d in delegations.items()]
    return [dict(zip(delegations, combo, strict=True)) for combo in itertools.product(*options)]


def _out_folder_problem(out: str | None) -> str | None:
    """Why `--out` cannot take the results (made now, so a bad one is said before the games
    are played, not after), or None."""
    from game.atomic import cannot_write, make_folder

    if out is None:
        return None
    try:
        make_folder(Path(out))
    except OSError as err:
        return cannot_write(err, out)
    return None


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.cli import UsageError
    from game.sim.montecarlo import ProgressBar, run, write_results

    if args.seed + args.runs - 1 > MAX_SEED:  # game i plays seed + i
        raise UsageError(
            f"trilateral simulate: argument --seed: with --runs {args.runs} the last game's seed "
            f"would be {args.seed + args.runs - 1}, above the largest seed {MAX_SEED}; expected "
            f"a whole number from 0 to {MAX_SEED - args.runs + 1}"
        )
    if args.profiles and args.strategy and not args.vary and "ai" not in args.strategy:
        raise UsageError(
            "trilateral simulate: argument --profiles: AI profiles only apply to AI play; "
            "add ai to --strategy, or leave --profiles out"
        )
    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    from game.engine.rulebook import Rulebook

    if args.history and not Rulebook.of(loaded).has_history:
        raise UsageError(
            f"trilateral simulate: argument --history: {loaded.scenario.title} has no history "
            "excursion (no injects with `history: true`)"
        )
    if args.history and args.vary:
        raise UsageError("trilateral simulate: --history cannot be combined with --vary")
    combos = profile_choices(loaded, args.profiles)
    problem = _out_folder_problem(args.out)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    jobs = min(args.jobs, os.cpu_count() or 1)
    if args.policy:
        from game.sim.policy import simulate

        return simulate(args, loaded, combos, jobs)
    if args.vary:
        return _scorecard(args, loaded, combos, jobs)
    if args.strategy:
        return _strategies(args, loaded, combos, jobs)
    start = time.perf_counter()
    summary = run(
        loaded, args.runs, args.seed, jobs, combos, progress=ProgressBar(), history=args.history
    )
    elapsed = time.perf_counter() - start
    print(format_summary(summary, loaded, len(combos), jobs, elapsed))
    return _write_out(args.out, lambda out: write_results(summary, loaded, out))


def _strategies(args: argparse.Namespace, loaded, combos, jobs: int) -> int:  # noqa: ANN001
    """`simulate --strategy`: each strategy over the same seeds, then a comparison."""
    from game.sim.montecarlo import ProgressBar, run, write_strategy_results

    names = args.strategy
    total = args.runs * len(names)
    bar = ProgressBar()
    start = time.perf_counter()
    summaries = []
    for i, name in enumerate(names):
        done = i * args.runs

        def step(n: int, _of: int, done: int = done) -> None:
            bar(done + n, total)

        summaries.append(
            run(
                loaded,
                args.runs,
                args.seed,
                jobs,
                combos,
                progress=step,
                strategy=name,
                history=args.history,
            )
        )
    elapsed = time.perf_counter() - start
    print(format_strategies(summaries, loaded, jobs, elapsed))
    return _write_out(args.out, lambda out: write_strategy_results(summaries, loaded, out))


def _write_out(out: str | None, write) -> int:  # noqa: ANN001 - Path -> list[Path]
    """Write the results into `--out` (if given) and name each file written; 1 when the
    folder cannot take them, said in one line."""
    from game.atomic import cannot_write

    if out is None:
        return 0
    try:
        written = write(Path(out))
    except OSError as err:
        print(cannot_write(err, out), file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def format_strategies(summaries, loaded, jobs: int, elapsed: float) -> str:  # noqa: ANN001
    """Each strategy's results, then a table comparing them and the best strategy for each
    delegation's own score."""
    from game.sim.montecarlo import ranked_by_own_score
    from game.sim.strategies import describe

    s = loaded.scenario
    delegations = s.delegations()
    first = summaries[0]
    runs = first.runs
    lines = [
        f"{runs} games per strategy of {s.title} (seeds {first.seed}..{first.seed + runs - 1}, "
        f"the same for every strategy; {jobs} job{'s' if jobs > 1 else ''}, {elapsed:.1f} s)",
    ]
    for summary in summaries:
        lines += [
            "",
            *wrap_label(f"{summary.strategy}: {describe(summary.strategy)}", 100),
            f"  Crisis rate: {summary.crisis_rate:.1%}",
            f"  Shared score: mean {summary.shared_mean:.1f}; p10 {summary.shared_score[0]:.1f}, "
            f"median {summary.shared_score[1]:.1f}, p90 {summary.shared_score[2]:.1f}",
            "  Own score (mean)",
        ]
        for actor, mean in summary.own_score.items():
            lines += row(delegations[actor].title, f"{mean:>8.1f}", TITLE_WIDTH, indent="    ")
        lines.append(f"  {'Measures':<{TITLE_WIDTH + 2}} {'adopted':>8} {'mean turn':>10}")
        for m in s.measures:
            rate, mean_turn = summary.adoption[m.id]
            turn = f"{mean_turn:.1f}" if mean_turn is not None else "-"
            lines += row(m.title, f"{rate:>8.1%} {turn:>10}", TITLE_WIDTH, indent="    ")
    name_w = max(len("Strategy"), *(len(x.strategy) for x in summaries)) + 2
    width = 12
    titles = ["Crisis %", "Shared score", *(d.title for d in delegations.values())]
    lines += ["", f"Comparison (means over {runs} games, same seeds)"]
    lines += [f"{'':<{name_w}}" + line for line in headers(titles, width)]
    for summary in summaries:
        cells = [f"{summary.crisis_rate:.1%}", f"{summary.shared_mean:.1f}"] + [
            f"{summary.own_score[a]:.1f}" for a in delegations
        ]
        lines.append(f"{summary.strategy:<{name_w}}" + "".join(f"{c:>{width}}" for c in cells))
    if len(summaries) > 1:
        lines += ["", "Best strategy for each delegation's own score (mean):"]
        for actor, ranked in ranked_by_own_score(summaries).items():
            (best, top), (second, next_) = ranked[0], ranked[1]
            lines += row(
                delegations[actor].title,
                f"{best} {top:.1f} (next: {second} {next_:.1f})",
                TITLE_WIDTH,
            )
    return "\n".join(lines)


def _scorecard(args: argparse.Namespace, loaded, combos, jobs: int) -> int:  # noqa: ANN001
    import json

    from game.atomic import cannot_write, write_text_atomic
    from game.sim.montecarlo import ProgressBar
    from game.sim.scorecard import format_scorecard, scorecard, scorecard_json
    from game.sim.strategies import DEFAULT_VARY_STRATEGIES

    start = time.perf_counter()
    card = scorecard(
        loaded,
        args.runs,
        args.seed,
        jobs,
        combos,
        progress=ProgressBar(),
        strategies=args.strategy or DEFAULT_VARY_STRATEGIES,
    )
    text = format_scorecard(card, loaded)
    print(text)
    games = args.runs * (len(loaded.scenario.measures) + 1) * len(card.strategies)
    print(f"\n{games} games in {time.perf_counter() - start:.1f} s")
    if args.out is not None:
        out = Path(args.out)
        try:
            write_text_atomic(out / "scorecard.txt", text + "\n")
            write_text_atomic(out / "scorecard.json", json.dumps(scorecard_json(card), indent=1))
        except OSError as err:
            print(cannot_write(err, args.out), file=sys.stderr)
            return 1
        print(f"wrote {out / 'scorecard.txt'} and {out / 'scorecard.json'}")
    return 0


def format_summary(summary, loaded, n_combos: int, jobs: int, elapsed: float) -> str:  # noqa: ANN001
    s = loaded.scenario
    titles = {o.id: o.title for o in s.outcomes}
    from game.engine.rulebook import Rulebook

    book = Rulebook.of(loaded)
    lines = [
        f"{summary.runs} AI games of {s.title} (seeds {summary.seed}..{summary.seed + summary.runs - 1}, "
        f"{n_combos} profile combinations, {jobs} job{'s' if jobs > 1 else ''}, {elapsed:.1f} s, "
        f"{summary.runs / max(elapsed, 1e-9):,.0f} games/s)",
        "",
        "Outcome bands",
    ]
    # Titles wrap in their column (never cut): a long one continues on the next lines.
    for outcome in s.outcomes:
        share = summary.outcome_share.get(outcome.id, 0.0)
        lines += row(titles[outcome.id], f"{share:>6.1%}", TITLE_WIDTH)
    lines += [
        f"Crisis rate: {summary.crisis_rate:.1%}",
        f"Shared score: p10 {summary.shared_score[0]:.1f}, median {summary.shared_score[1]:.1f}, p90 {summary.shared_score[2]:.1f}",
        "",
        f"{'Indicators at the end':<{TITLE_WIDTH + 2}} {'p10':>6} {'p50':>6} {'p90':>6}",
    ]
    for key, (p10, p50, p90) in summary.percentiles.items():
        lines += row(book.title_of(key), f"{p10:>6.1f} {p50:>6.1f} {p90:>6.1f}", TITLE_WIDTH)
    lines += ["", f"{'Measures':<{TITLE_WIDTH + 2}} {'adopted':>8} {'mean turn':>10}"]
    for m in s.measures:
        rate, mean_turn = summary.adoption[m.id]
        turn = f"{mean_turn:.1f}" if mean_turn is not None else "-"
        lines += row(m.title, f"{rate:>8.1%} {turn:>10}", TITLE_WIDTH)
    return "\n".join(lines)


def cmd_lint(args: argparse.Namespace) -> int:
    from game.sim.lint import lint

    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    warnings = lint(loaded, args.games, args.strategy_games)
    for w in warnings:
        print(w.format(args.scenario))
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}", file=sys.stderr)
        return 1
    print(
        f"{args.scenario}: lint clean ({args.games} AI games and as many per AI profile, "
        f"{args.strategy_games} games per fixed team strategy and per strategy of the "
        "dominance check)"
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from game.newscenario import NewScenarioError, write_starter

    try:
        path = write_starter(args.name, args.force)
    except NewScenarioError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        from game.atomic import cannot_write

        print(cannot_write(err, args.name), file=sys.stderr)
        return 1
    shown = shlex.quote(str(path))  # the commands below can be pasted into a shell as they are
    print(f"wrote {path}: a starter scenario that validates and plays.")
    print(f"  check it:  python main.py validate {shown}")
    print(f"  watch it:  python main.py play --auto --seed 1 --scenario {shown}")
    print(f"  play it:   python main.py play --scenario {shown}")
    print("  the guide: docs/authoring.md")
    return 0
