"""`trilateral report SAVE --out DIR`: the after-action report of a saved game.

Every failure is one line on stderr: exit 1 for a bad save, a missing or invalid scenario or an
out folder that cannot be written; bad usage is a UsageError (exit 2) raised to `game.cli`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.arguments import add_language_argument, path_text, whole_number
from game.i18n import _, ngettext
from game.limits import MAX_RUNS
from game.paths import SCENARIO_DIR
from game.scenario.errors import ScenarioError
from game.scenario.find import scenario_by_id

DEFAULT_RUNS = 300


def add_report_arguments(p: argparse.ArgumentParser) -> None:
    add_language_argument(p)
    p.add_argument(
        "save",
        metavar="SAVE",
        type=path_text,
        help=_("a save written by `play --save` or the window"),
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=path_text,
        required=True,
        help=_("folder to write report.html, report.md and charts/ into (made if missing)"),
    )
    p.add_argument(
        "--scenario",
        metavar="PATH",
        type=path_text,
        help=_("scenario file (default: found by id in scenarios/)"),
    )
    p.add_argument(
        "--runs",
        metavar="N",
        type=whole_number(0, MAX_RUNS),
        default=DEFAULT_RUNS,
        help=_(
            "AI-played games to compare the class with (default {runs}; 0 leaves the "
            "comparison out)"
        ).format(runs=DEFAULT_RUNS),
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def scenario_problem(err: ScenarioError, path: str | Path) -> str:
    """The first problem of a scenario that cannot be loaded, and how many more there are."""
    if not err.problems:
        return _("{path}: cannot be loaded").format(path=path)
    first = str(err.problems[0])
    more = len(err.problems) - 1 + err.more
    if more <= 0:
        return first
    return ngettext(
        "{problem} (and {count} more; see `trilateral validate {path}`)",
        "{problem} (and {count} more; see `trilateral validate {path}`)",
        more,
    ).format(problem=first, count=more, path=path)


def cmd_report(args: argparse.Namespace) -> int:
    from game.atomic import cannot_write, make_folder
    from game.engine.saves import SaveError, load_game, read_save
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language

    out = Path(args.out)
    try:
        save = read_save(args.save)
        scenario_path = args.scenario
        if scenario_path is None:
            found = scenario_by_id(save.scenario.id)
            if found is None:
                return _fail(
                    _(
                        "{save}: scenario `{scenario}` is not in {folder}; give it with "
                        "--scenario PATH"
                    ).format(save=args.save, scenario=save.scenario.id, folder=SCENARIO_DIR)
                )
            scenario_path = found
        try:
            loaded = load_scenario(scenario_path)
            loaded = in_language(loaded)  # its translation, when it has one
        except ScenarioError as err:
            return _fail(scenario_problem(err, scenario_path))
        game = load_game(args.save, loaded)
    except SaveError as err:
        return _fail(str(err))
    try:  # before the report's AI games are played: a bad --out is said at once
        make_folder(out)
    except OSError as err:
        return _fail(cannot_write(err, out))

    from game.report import write_report

    try:
        html_path, md_path = write_report(game, out, runs=args.runs, save_path=Path(args.save))
    except ModuleNotFoundError as err:
        if (err.name or "").split(".")[0] == "matplotlib":
            return _fail(
                _("the report needs matplotlib for its charts: {command}").format(
                    command="pip install 'matplotlib>=3.7'"
                )
            )
        raise
    except OSError as err:
        return _fail(cannot_write(err, out))
    print(html_path)
    print(md_path)
    return 0
