"""`trilateral sensitivity SCENARIO`: which assumptions decide how the games come out.

    python main.py sensitivity scenarios/free-and-open-indo-pacific.yaml --jobs 2
    python main.py sensitivity SCENARIO --method sobol --samples 1024 --out runs/sobol
    python main.py sensitivity SCENARIO --cluster tcp://scheduler:8786

Bad usage is a UsageError (exit 2, one line); a scenario that does not load is reported with
file:line:column (exit 1); a cluster that cannot be reached, a saved screen that does not fit
and an out folder that cannot be written are one line each (exit 1).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game.arguments import path_text, whole_number
from game.i18n import _, ngettext, number
from game.limits import MAX_SEED

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario
    from game.sim.sensitivity import Result

MAX_SAMPLES = 65_536
MAX_GAMES_PER_POINT = 1000
MAX_TOTAL_GAMES = 20_000_000  # a few hours on a big cluster: more is a typo


def add_sensitivity_arguments(p: argparse.ArgumentParser) -> None:
    from game.sim.command import MAX_JOBS, strategy_list
    from game.sim.sensitivity import (
        DEFAULT_GAMES,
        DEFAULT_SOBOL_SAMPLES,
        DEFAULT_TOP,
        DEFAULT_TRAJECTORIES,
        METHODS,
        MORRIS,
    )
    from game.sim.strategies import AI, STRATEGIES

    p.add_argument("scenario", metavar="SCENARIO", type=path_text, help=_("scenario file"))
    p.add_argument(
        "--method",
        choices=METHODS,
        default=MORRIS,
        help=_(
            "morris: a quick screen ranking every input (default); sobol: first-order and "
            "total indices with confidence intervals for the inputs that matter"
        ),
    )
    p.add_argument(
        "--samples",
        metavar="N",
        type=whole_number(2, MAX_SAMPLES),
        help=_(
            "Morris trajectories (default {trajectories}), or Sobol's N, a power of two "
            "(default {samples})"
        ).format(trajectories=DEFAULT_TRAJECTORIES, samples=DEFAULT_SOBOL_SAMPLES),
    )
    p.add_argument(
        "--games",
        metavar="N",
        type=whole_number(1, MAX_GAMES_PER_POINT),
        default=DEFAULT_GAMES,
        help=_("games played at every point, the same seeds each time (default {games})").format(
            games=DEFAULT_GAMES
        ),
    )
    p.add_argument(
        "--strategy",
        metavar="STRATEGY",
        type=strategy_list,
        help=_(
            "play a fixed team strategy instead of the AI: {strategies} (default {ai}: AI play)"
        ).format(strategies=", ".join(STRATEGIES), ai=AI),
    )
    p.add_argument(
        "--profiles",
        metavar="LIST",
        help=_("AI profiles, e.g. us=restrained,japan=proactive (the others play their default)"),
    )
    p.add_argument(
        "--jobs",
        type=whole_number(1, MAX_JOBS),
        default=None,
        help=_("local processes to use (default 1); results do not depend on it"),
    )
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help=_(
            "run on the Dask distributed cluster whose scheduler is at ADDRESS, e.g. "
            'tcp://10.0.0.5:8786 (needs pip install -e ".[cluster]"); results do not depend on it'
        ),
    )
    p.add_argument(
        "--seed",
        type=whole_number(0, MAX_SEED),
        default=0,
        help=_("seed of the design and first game seed (point games use seed, seed+1, ...)"),
    )
    p.add_argument(
        "--top",
        metavar="N",
        type=whole_number(1, 200),
        default=None,
        help=_("sobol: how many of the screen's top inputs to analyse (default {top})").format(
            top=DEFAULT_TOP
        ),
    )
    p.add_argument(
        "--screen",
        metavar="RUN",
        type=path_text,
        help=_(
            "sobol: take the inputs from this saved Morris run (its sensitivity.json, or the "
            "folder --out wrote) instead of screening first"
        ),
    )
    p.add_argument(
        "--history",
        action="store_true",
        help=_("play the history excursion (its injects' amounts become inputs too)"),
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=path_text,
        help=_(
            "also write sensitivity.json, sensitivity.csv, PNG charts and sensitivity.html here"
        ),
    )


class TimeLeft:
    """A one-line progress bar on stderr with an estimate of the time left (only when stderr
    is a terminal). A new total starts a new bar (a Sobol run's screen, then its points)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.total = 0
        self.start = time.perf_counter()
        try:
            self.active = self.stream.isatty()
        except (AttributeError, ValueError):
            self.active = False

    def __call__(self, done: int, total: int) -> None:
        if total != self.total:
            self.total, self.start = total, time.perf_counter()
        if not self.active:
            return
        elapsed = time.perf_counter() - self.start
        width = 30
        filled = round(width * done / max(1, total))
        left = elapsed / done * (total - done) if done else 0.0
        if done < total:
            said = ngettext(
                "{done}/{total} point, {time} left", "{done}/{total} points, {time} left", total
            )
        else:
            said = ngettext(
                "{done}/{total} point, done in {time}",
                "{done}/{total} points, done in {time}",
                total,
            )
        said = said.format(
            done=number(done, 0),
            total=number(total, 0),
            time=_duration(left if done < total else elapsed),
        )
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {said}   ")
        self.stream.flush()
        if done >= total:
            self.stream.write("\n")


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return _("{seconds} s").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{seconds:02d}")
    hours, minutes = divmod(minutes, 60)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")


def cmd_sensitivity(args: argparse.Namespace) -> int:
    from game.arguments import UsageError
    from game.scenario.find import load_or_report
    from game.sim.sensitivity import (
        DEFAULT_SOBOL_SAMPLES,
        DEFAULT_TOP,
        DEFAULT_TRAJECTORIES,
        MORRIS,
        SOBOL,
        SensitivityError,
        analyse,
        load_result,
    )
    from game.sim.strategies import AI

    prog = "trilateral sensitivity"
    strategy = AI
    if args.strategy:
        if len(args.strategy) != 1:
            raise UsageError(
                _("{program}: argument --strategy: give one strategy, not a list").format(
                    program=prog
                )
            )
        strategy = args.strategy[0]
    if args.profiles and strategy != AI:
        raise UsageError(
            _(
                "{program}: argument --profiles: AI profiles only apply to AI play; leave out "
                "--strategy or --profiles"
            ).format(program=prog)
        )
    if args.method == MORRIS and (args.top is not None or args.screen):
        which = "--top" if args.top is not None else "--screen"
        raise UsageError(
            _("{program}: argument {option}: only for --method sobol").format(
                program=prog, option=which
            )
        )
    if args.cluster is not None and args.jobs is not None:
        raise UsageError(
            _(
                "{program}: --jobs is for local processes; with --cluster the cluster's workers "
                "play the games"
            ).format(program=prog)
        )
    samples = args.samples or (
        DEFAULT_TRAJECTORIES if args.method == MORRIS else DEFAULT_SOBOL_SAMPLES
    )
    if args.method == SOBOL and samples & (samples - 1):
        raise UsageError(
            _(
                "{program}: argument --samples: Sobol's N must be a power of two (e.g. 256, 512, "
                "1024) for its sequence to converge as it should, found {samples}"
            ).format(program=prog, samples=samples)
        )
    if args.seed + args.games - 1 > MAX_SEED:
        raise UsageError(
            _(
                "{program}: argument --seed: with --games {games} the last seed would be "
                "above the largest seed {largest}"
            ).format(program=prog, games=args.games, largest=MAX_SEED)
        )
    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    from game.arguments import parse_profiles, require_history
    from game.sim.command import _out_folder_problem
    from game.sim.uncertain import uncertain_inputs

    if args.history:
        require_history(loaded, prog)
    profiles = parse_profiles(loaded, args.profiles) if args.profiles else {}
    k = len(uncertain_inputs(loaded, args.history))
    top = args.top or DEFAULT_TOP
    if args.method == MORRIS:
        points = samples * (k + 1)
    else:
        points = samples * (min(top, k) + 2) + (0 if args.screen else 10 * (k + 1))
    if points * args.games > MAX_TOTAL_GAMES:
        raise UsageError(
            _(
                "{program}: that is {total} games ({points} points x {games}), more than the "
                "{limit} one run may play; use fewer --samples or --games"
            ).format(
                program=prog,
                total=number(points * args.games, 0),
                points=number(points, 0),
                games=args.games,
                limit=number(MAX_TOTAL_GAMES, 0),
            )
        )
    screen = None
    if args.screen:
        try:
            screen = load_result(args.screen)
        except SensitivityError as err:
            print(err, file=sys.stderr)
            return 1
        problem = _screen_problem(screen, loaded, args.screen)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    problem = _out_folder_problem(args.out)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    import os

    jobs = min(args.jobs or 1, os.cpu_count() or 1)
    try:
        result = analyse(
            loaded,
            args.method,
            samples,
            args.seed,
            games=args.games,
            strategy=strategy,
            profiles=profiles,
            history=args.history,
            jobs=jobs,
            cluster=args.cluster,
            progress=TimeLeft(),
            top=top,
            screen=screen,
        )
    except SensitivityError as err:
        print(_("{program}: {problem}").format(program=prog, problem=err), file=sys.stderr)
        return 1
    from game.sim.sensitivity_out import format_result, write_result

    print(format_result(result))
    if args.out is None:
        return 0
    from game.atomic import cannot_write

    try:
        written = write_result(result, Path(args.out))
    except OSError as err:
        print(cannot_write(err, args.out), file=sys.stderr)
        return 1
    for path in written:
        print(_("wrote {path}").format(path=path))
    return 0


def _screen_problem(screen: Result, loaded: LoadedScenario, shown: str) -> str | None:
    """Why a saved run cannot choose a Sobol analysis's inputs for `loaded`, or None."""
    from game.sim.sensitivity import MORRIS

    if screen.method != MORRIS:
        return _("{run}: a {method} run; --screen takes a Morris run").format(
            run=shown, method=screen.method
        )
    if screen.scenario_hash != loaded.content_hash:
        return _(
            "{run}: made on another version of {file} (content hash {hash}, the file's is "
            "{current}); screen it again"
        ).format(
            run=shown,
            file=loaded.file,
            hash=screen.scenario_hash[:12],
            current=loaded.content_hash[:12],
        )
    return None
