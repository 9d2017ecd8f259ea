"""`trilateral assumptions SCENARIO --out DIR [--runs N]`: the published assumptions page.

SCENARIO is a scenario file, or the id of one in scenarios/ (as `report` finds a save's
scenario). Every failure is one line on stderr and exit 1: no such file or id, an invalid
scenario, an out folder that cannot be written; bad usage is a UsageError (exit 2) raised to
`game.cli`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.arguments import add_language_argument, path_text, whole_number
from game.i18n import _
from game.limits import MAX_RUNS
from game.paths import SCENARIO_DIR

DEFAULT_RUNS = 1000  # as game.report.assumptions.DEFAULT_RUNS (not imported: parsing stays quick)


def add_assumptions_arguments(p: argparse.ArgumentParser) -> None:
    add_language_argument(p)
    p.add_argument(
        "scenario",
        metavar="SCENARIO",
        type=path_text,
        help=_("a scenario file, or the id of one in scenarios/"),
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=path_text,
        required=True,
        help=_("folder to write assumptions.html and assumptions.md into (made if missing)"),
    )
    p.add_argument(
        "--runs",
        metavar="N",
        type=whole_number(1, MAX_RUNS),
        default=DEFAULT_RUNS,
        help=_(
            "AI games, and games of each fixed team strategy, for the calibration runs "
            "(default {runs}); lint plays N AI games and N/5 per strategy"
        ).format(runs=DEFAULT_RUNS),
    )
    p.add_argument(
        "--sensitivity",
        metavar="RUN",
        type=path_text,
        help=_(
            "add a 'what matters most' section from a saved sensitivity run of this scenario "
            "(the sensitivity.json `sensitivity --out DIR` wrote, or DIR)"
        ),
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _scenario_file(text: str) -> tuple[Path | None, str]:
    """The file SCENARIO names (a path, else an id in scenarios/), or None and why not."""
    from game.scenario.find import scenario_by_id

    path = Path(text)
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name the system refuses (too long, a NUL in it)
        return None, _("{name}: not a valid file name").format(name=repr(text))
    if exists:
        if path.is_dir():
            return None, _("{name}: is a folder; give one scenario file or a scenario id").format(
                name=text
            )
        return path, ""
    looks_like_id = (
        os.sep not in text and "/" not in text and not text.lower().endswith((".yaml", ".yml"))
    )
    if looks_like_id:
        found = scenario_by_id(text)
        if found is not None:
            return found, ""
        return None, _("{name}: no such file, and no scenario with that id in {folder}").format(
            name=text, folder=SCENARIO_DIR
        )
    return None, _("{name}: no such file").format(name=text)


def cmd_assumptions(args: argparse.Namespace) -> int:
    from game.atomic import cannot_write, make_folder
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language

    try:
        path, problem = _scenario_file(args.scenario)
    except ScenarioError as err:  # several files in scenarios/ share the id
        return _fail(str(err.problems[0]) if err.problems else str(err))
    if path is None:
        return _fail(problem)
    try:
        loaded = load_scenario(path)
        loaded = in_language(loaded)  # its translation, when it has one
    except ScenarioError as err:
        from game.report.command import scenario_problem

        return _fail(scenario_problem(err, path))
    sensitivity = None
    if args.sensitivity is not None:
        from game.sim.sensitivity import SensitivityError, load_result

        try:
            sensitivity = load_result(args.sensitivity)
        except SensitivityError as err:
            return _fail(str(err))
        if sensitivity.scenario_hash != loaded.content_hash:
            return _fail(
                _(
                    "{run}: a sensitivity run of another version of {scenario} (content hash "
                    "{theirs}, the file's is {ours}); run it again"
                ).format(
                    run=args.sensitivity,
                    scenario=path,
                    theirs=sensitivity.scenario_hash[:12],
                    ours=loaded.content_hash[:12],
                )
            )
    out = Path(args.out)
    try:  # before the calibration games are played: a bad --out is said at once
        make_folder(out)
    except OSError as err:
        return _fail(cannot_write(err, out))

    from game.report.assumptions import write_assumptions

    def progress(what: str) -> None:
        if sys.stderr.isatty():
            print(_("playing {what}…").format(what=what), file=sys.stderr)

    try:
        html_path, md_path = write_assumptions(
            loaded,
            out,
            runs=args.runs,
            progress=progress,
            out_shown=args.out,
            sensitivity=sensitivity,
        )
    except OSError as err:
        return _fail(cannot_write(err, out))
    print(html_path)
    print(md_path)
    return 0
