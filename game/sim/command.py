"""The authoring commands: `simulate`, `lint` and `new`."""

from __future__ import annotations

import argparse
import itertools
import os
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.arguments import path_text, require_history, whole_number
from game.columns import headers, ljust, rjust, row, wrap_label
from game.i18n import _, ngettext
from game.limits import MAX_RUNS, MAX_SEED
from game.scenario.find import load_or_report

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario
    from game.sim.statistics import Summary

TITLE_WIDTH = 44  # the title column of `simulate`'s tables; longer titles wrap
# More processes than this gain nothing on any machine we know of; more than the machine's
# processors are reduced to their number anyway.
MAX_JOBS = 256
# lint's default game counts: enough that a 5 % adoption rate or a 1-point difference between
# profiles is measured to within about a point, while `lint` of a bundled scenario stays well
# under half a minute.
LINT_GAMES = 1000
LINT_STRATEGY_GAMES = 200
# lint's quick sensitivity screen (the top three inputs): Morris trajectories and games per
# point; a few seconds on the default scenario, enough to name the inputs that stand out.
LINT_SCREEN = 4
LINT_SCREEN_GAMES = 4


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

    p.add_argument("scenario", metavar="SCENARIO", type=path_text, help=_("scenario file"))
    p.add_argument(
        "--runs",
        type=whole_number(1, MAX_RUNS),
        default=1000,
        help=_("games to play (per strategy; default 1000, at most {limit})").format(
            limit=MAX_RUNS
        ),
    )
    p.add_argument(
        "--strategy",
        metavar="NAME[,NAME...]",
        type=strategy_list,
        help=_(
            "play fixed team strategies instead of the AI (every delegation plays the same "
            "one) and compare them: {strategies}, or {all} for every one; add {ai} to compare "
            "with AI play. With --vary measures: the fixed strategies to measure besides AI "
            "play (default {default})"
        ).format(
            strategies=", ".join(STRATEGIES),
            all=ALL,
            ai=AI,
            default=",".join(DEFAULT_VARY_STRATEGIES),
        ),
    )
    p.add_argument(
        "--jobs",
        type=whole_number(1, MAX_JOBS),
        default=1,
        help=_("processes to use (default 1); results do not depend on it"),
    )
    p.add_argument(
        "--profiles",
        metavar="LIST",
        help=_("fix AI profiles for AI play, e.g. us=restrained,japan=proactive (others cycle)"),
    )
    p.add_argument(
        "--seed",
        type=whole_number(0, MAX_SEED),
        default=0,
        help=_("first seed (game i uses seed+i; default 0)"),
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=path_text,
        help=_(
            "also write games.csv and games.json here (and PNG charts of AI play); with "
            "--vary, scorecard.txt and scorecard.json"
        ),
    )
    p.add_argument(
        "--history",
        action="store_true",
        help=_("play the history excursion (the real timeline's injects fire too)"),
    )
    p.add_argument(
        "--vary",
        choices=["measures"],
        help=_(
            "scorecard: rerun with each measure taken off the table, under AI play and "
            "fixed strategies"
        ),
    )
    from game.sim.policy import add_policy_argument

    add_policy_argument(p)


def add_lint_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", metavar="SCENARIO", type=path_text, help=_("scenario file"))
    p.add_argument(
        "--games",
        type=whole_number(1, MAX_RUNS),
        default=LINT_GAMES,
        help=_(
            "AI games to simulate (default {games}); as many again for each AI profile in the "
            "profile check"
        ).format(games=LINT_GAMES),
    )
    p.add_argument(
        "--strategy-games",
        type=whole_number(1, MAX_RUNS),
        default=LINT_STRATEGY_GAMES,
        help=_(
            "games per fixed team strategy, and per strategy of one delegation in the "
            "dominance check (default {games})"
        ).format(games=LINT_STRATEGY_GAMES),
    )
    p.add_argument(
        "--screen",
        metavar="N",
        type=whole_number(0, 1000),
        default=LINT_SCREEN,
        help=_(
            "Morris trajectories of the quick sensitivity screen that names the three inputs "
            "that matter most (default {trajectories}; 0: no screen)"
        ).format(trajectories=LINT_SCREEN),
    )


def add_new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "name",
        metavar="NAME",
        type=path_text,
        help=_("file to write (NAME.yaml unless it ends in .yaml or .yml)"),
    )
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))


def profile_choices(loaded: LoadedScenario, text: str | None) -> list[dict[str, str]]:
    """Combinations of AI profiles: every combination, with the ones in `text` fixed."""
    from game.arguments import parse_profiles

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
    from game.arguments import UsageError
    from game.sim.montecarlo import ProgressBar, run, write_results

    if args.seed + args.runs - 1 > MAX_SEED:  # game i plays seed + i
        raise UsageError(
            _(
                "trilateral simulate: argument --seed: with --runs {runs} the last game's seed "
                "would be {last}, above the largest seed {largest}; expected a whole number from "
                "0 to {most}"
            ).format(
                runs=args.runs,
                last=args.seed + args.runs - 1,
                largest=MAX_SEED,
                most=MAX_SEED - args.runs + 1,
            )
        )
    if args.profiles and args.strategy and not args.vary and "ai" not in args.strategy:
        raise UsageError(
            _(
                "trilateral simulate: argument --profiles: AI profiles only apply to AI play; "
                "add ai to --strategy, or leave --profiles out"
            )
        )
    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    if args.history:
        require_history(loaded, "trilateral simulate")
    if args.history and args.vary:
        raise UsageError(_("trilateral simulate: --history cannot be combined with --vary"))
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


def _strategies(
    args: argparse.Namespace, loaded: LoadedScenario, combos: list[dict[str, str]], jobs: int
) -> int:
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


def _write_out(out: str | None, write: Callable[[Path], list[Path]]) -> int:
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
        print(_("wrote {path}").format(path=path))
    return 0


def format_strategies(
    summaries: Sequence[Summary], loaded: LoadedScenario, jobs: int, elapsed: float
) -> str:
    """Each strategy's results, then a table comparing them and the best strategy for each
    delegation's own score."""
    from game.sim.statistics import ranked_by_own_score
    from game.sim.strategies import describe

    s = loaded.scenario
    delegations = s.delegations()
    first = summaries[0]
    runs = first.runs
    lines = [
        ngettext(
            "{count} game per strategy of {scenario} (seeds {first}..{last}, the same for every "
            "strategy; {jobs}, {seconds} s)",
            "{count} games per strategy of {scenario} (seeds {first}..{last}, the same for every "
            "strategy; {jobs}, {seconds} s)",
            runs,
        ).format(
            count=runs,
            scenario=s.title,
            first=first.seed,
            last=first.seed + runs - 1,
            jobs=_jobs(jobs),
            seconds=f"{elapsed:.1f}",
        ),
    ]
    for summary in summaries:
        lines += [
            "",
            *wrap_label(
                _("{strategy}: {description}").format(
                    strategy=summary.strategy, description=describe(summary.strategy)
                ),
                100,
            ),
            "  " + _("Crisis rate: {rate}").format(rate=f"{summary.crisis_rate:.1%}"),
            "  "
            + _("Shared score: mean {mean}; p10 {p10}, median {p50}, p90 {p90}").format(
                mean=f"{summary.shared_mean:.1f}",
                p10=f"{summary.shared_score[0]:.1f}",
                p50=f"{summary.shared_score[1]:.1f}",
                p90=f"{summary.shared_score[2]:.1f}",
            ),
            "  " + _("Own score (mean)"),
        ]
        for actor, mean in summary.own_score.items():
            lines += row(delegations[actor].title, f"{mean:>8.1f}", TITLE_WIDTH, indent="    ")
        lines.append("  " + _measures_heading())
        for m in s.measures:
            rate, mean_turn = summary.adoption[m.id]
            turn = f"{mean_turn:.1f}" if mean_turn is not None else "-"
            lines += row(m.title, f"{rate:>8.1%} {turn:>10}", TITLE_WIDTH, indent="    ")
    name_w = max(len("Strategy"), *(len(x.strategy) for x in summaries)) + 2
    width = 12
    titles = [_("Crisis %"), _("Shared score"), *(d.title for d in delegations.values())]
    lines += [
        "",
        ngettext(
            "Comparison (means over {count} game, same seeds)",
            "Comparison (means over {count} games, same seeds)",
            runs,
        ).format(count=runs),
    ]
    lines += [f"{'':<{name_w}}" + line for line in headers(titles, width)]
    for summary in summaries:
        cells = [f"{summary.crisis_rate:.1%}", f"{summary.shared_mean:.1f}"] + [
            f"{summary.own_score[a]:.1f}" for a in delegations
        ]
        lines.append(f"{summary.strategy:<{name_w}}" + "".join(f"{c:>{width}}" for c in cells))
    if len(summaries) > 1:
        lines += ["", _("Best strategy for each delegation's own score (mean):")]
        for actor, ranked in ranked_by_own_score(summaries).items():
            (best, top), (second, next_) = ranked[0], ranked[1]
            lines += row(
                delegations[actor].title,
                _("{best} {score} (next: {second} {second_score})").format(
                    best=best, score=f"{top:.1f}", second=second, second_score=f"{next_:.1f}"
                ),
                TITLE_WIDTH,
            )
    return "\n".join(lines)


def _scorecard(
    args: argparse.Namespace, loaded: LoadedScenario, combos: list[dict[str, str]], jobs: int
) -> int:
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
    print(
        "\n"
        + ngettext("{count} game in {seconds} s", "{count} games in {seconds} s", games).format(
            count=games, seconds=f"{time.perf_counter() - start:.1f}"
        )
    )
    if args.out is not None:
        out = Path(args.out)
        try:
            write_text_atomic(out / "scorecard.txt", text + "\n")
            write_text_atomic(out / "scorecard.json", json.dumps(scorecard_json(card), indent=1))
        except OSError as err:
            print(cannot_write(err, args.out), file=sys.stderr)
            return 1
        print(
            _("wrote {path} and {other}").format(
                path=out / "scorecard.txt", other=out / "scorecard.json"
            )
        )
    return 0


def format_summary(
    summary: Summary,
    loaded: LoadedScenario,
    n_combos: int,
    jobs: int,
    elapsed: float,
    ai_only: bool = True,
) -> str:
    """The batch's summary; `ai_only` False when some delegation was played by a policy."""
    s = loaded.scenario
    titles = {o.id: o.title for o in s.outcomes}
    from game.engine.rulebook import Rulebook

    book = Rulebook.of(loaded)
    if ai_only:
        first = ngettext(
            "{count} AI game of {scenario} (seeds {first}..{last}, {combinations}, {jobs}, "
            "{seconds} s, {rate} games/s)",
            "{count} AI games of {scenario} (seeds {first}..{last}, {combinations}, {jobs}, "
            "{seconds} s, {rate} games/s)",
            summary.runs,
        )
    else:
        first = ngettext(
            "{count} game of {scenario} (seeds {first}..{last}, {combinations}, {jobs}, "
            "{seconds} s, {rate} games/s)",
            "{count} games of {scenario} (seeds {first}..{last}, {combinations}, {jobs}, "
            "{seconds} s, {rate} games/s)",
            summary.runs,
        )
    lines = [
        first.format(
            count=summary.runs,
            scenario=s.title,
            first=summary.seed,
            last=summary.seed + summary.runs - 1,
            combinations=ngettext(
                "{count} profile combination", "{count} profile combinations", n_combos
            ).format(count=n_combos),
            jobs=_jobs(jobs),
            seconds=f"{elapsed:.1f}",
            rate=f"{summary.runs / max(elapsed, 1e-9):,.0f}",
        ),
        "",
        _("Outcome bands"),
    ]
    # Titles wrap in their column (never cut): a long one continues on the next lines.
    for outcome in s.outcomes:
        share = summary.outcome_share.get(outcome.id, 0.0)
        lines += row(titles[outcome.id], f"{share:>6.1%}", TITLE_WIDTH)
    indicators = _("Indicators at the end")
    lines += [
        _("Crisis rate: {rate}").format(rate=f"{summary.crisis_rate:.1%}"),
        _("Shared score: p10 {p10}, median {p50}, p90 {p90}").format(
            p10=f"{summary.shared_score[0]:.1f}",
            p50=f"{summary.shared_score[1]:.1f}",
            p90=f"{summary.shared_score[2]:.1f}",
        ),
        "",
        ljust(indicators, TITLE_WIDTH + 2) + f" {'p10':>6} {'p50':>6} {'p90':>6}",
    ]
    for key, (p10, p50, p90) in summary.percentiles.items():
        lines += row(book.title_of(key), f"{p10:>6.1f} {p50:>6.1f} {p90:>6.1f}", TITLE_WIDTH)
    lines += ["", _measures_heading()]
    for m in s.measures:
        rate, mean_turn = summary.adoption[m.id]
        turn = f"{mean_turn:.1f}" if mean_turn is not None else "-"
        lines += row(m.title, f"{rate:>8.1%} {turn:>10}", TITLE_WIDTH)
    return "\n".join(lines)


def _jobs(jobs: int) -> str:
    """'1 job', '2 jobs'."""
    return ngettext("{count} job", "{count} jobs", jobs).format(count=jobs)


def _measures_heading() -> str:
    """The heading of the table of measures: the title column, the share of games that
    adopted each and the mean turn it was adopted in."""
    measures, adopted, mean_turn = _("Measures"), _("adopted"), _("mean turn")
    return f"{ljust(measures, TITLE_WIDTH + 2)} {rjust(adopted, 8)} {rjust(mean_turn, 10)}"


def cmd_lint(args: argparse.Namespace) -> int:
    from game.sim.lint import lint

    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    warnings = lint(loaded, args.games, args.strategy_games)
    for w in warnings:
        print(w.format(args.scenario))
    if args.screen:  # on stderr with the count: stdout stays the warnings, one a line
        print(top_inputs_note(loaded, args.scenario, args.screen), file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}", file=sys.stderr)
        return 1
    print(
        f"{args.scenario}: lint clean ({args.games} AI games and as many per AI profile, "
        f"{args.strategy_games} games per fixed team strategy and per strategy of the "
        "dominance check)"
    )
    return 0


def top_inputs_note(
    loaded: LoadedScenario, shown: str, trajectories: int, games: int = LINT_SCREEN_GAMES
) -> str:
    """lint's note on the three inputs that move the shared score most (a quick Morris screen,
    seed 0), each with the line it is on and what it stands on."""
    from game.sim.sensitivity import MORRIS, analyse, needs_better_source

    result = analyse(loaded, MORRIS, trajectories, 0, games=games)
    lines = [
        f"{shown}: note: the three assumptions that move the shared score most (a quick Morris "
        f"screen of {len(result.inputs)} inputs, {trajectories} trajectories of {games} games; "
        f"`python main.py sensitivity {shlex.quote(shown)}` for the full analysis):"
    ]
    for rank, (item, mu_star) in enumerate(result.ranking()[:3], start=1):
        weak = "; needs a better source" if needs_better_source(item) else ""
        basis = "default range" if not item.ranged else f"{item.confidence or 'no'} confidence"
        lines.append(
            f"  {rank}. {shown}:{item.line}: {result.labels[item.id]} "
            f"(μ* {mu_star:.1f} points; {basis}{weak})"
        )
    return "\n".join(lines)


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
    print(_("wrote {path}: a starter scenario that validates and plays.").format(path=path))
    print(_("  check it:  {command}").format(command=f"python main.py validate {shown}"))
    print(
        _("  watch it:  {command}").format(
            command=f"python main.py play --auto --seed 1 --scenario {shown}"
        )
    )
    print(_("  play it:   {command}").format(command=f"python main.py play --scenario {shown}"))
    print(_("  the guide: {path}").format(path="docs/authoring.md"))
    return 0
