"""`python main.py serve`: a class on the students' own devices, with no window.

Once the server accepts connections it prints one line per delegation played by people,
`<delegation id>: <join URL>`, on standard output (everything else goes to standard error),
then serves until Ctrl-C or SIGTERM, which save the game and end it cleanly (exit 0). The
turn resolves when every delegation has submitted (or the turn timer runs out: those that
have not hold on everything), and the next turn opens at once: each device shows the last
turn's results above the new turn's choices.

`--resume SAVE` continues a class from its save (a game's `game.json` or its folder) with the
same join links: the codes, and the turn's drafts and submitted choices, are in the game's
`devices.json`. Give the same `--port` (the default is the port the class used) so the links
stay the same.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from game.arguments import path_text, whole_number
from game.limits import MAX_SEED, MAX_TIMER_SECONDS
from game.paths import DEFAULT_SCENARIO

DEFAULT_PORT = 8765


def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario",
        metavar="PATH",
        type=path_text,
        default=None,
        help=f"scenario file (default: {DEFAULT_SCENARIO.name}; with --resume, the save's)",
    )
    p.add_argument("--seed", type=whole_number(0, MAX_SEED), help="random seed (default: fresh)")
    p.add_argument(
        "--port",
        type=whole_number(0, 65535),
        default=None,
        help=f"port to listen on (default {DEFAULT_PORT}, or the resumed class's; 0: any free)",
    )
    p.add_argument(
        "--lan",
        action="store_true",
        help="listen on the room's network too (default: this machine only, 127.0.0.1)",
    )
    p.add_argument(
        "--as",
        dest="humans",
        metavar="LIST",
        help="delegations played on devices, e.g. us,japan (default: all)",
    )
    p.add_argument(
        "--profiles", metavar="LIST", help="AI profiles of the others, e.g. taiwan=cautious"
    )
    p.add_argument(
        "--timer",
        type=whole_number(0, int(MAX_TIMER_SECONDS)),
        default=0,
        metavar="SECONDS",
        help="seconds per turn; when it runs out, delegations that have not submitted hold",
    )
    p.add_argument("--forecasts", action="store_true", help="ask for forecasts every turn")
    p.add_argument(
        "--history", action="store_true", help="the history excursion (real events on their dates)"
    )
    p.add_argument(
        "--resume",
        metavar="SAVE",
        type=path_text,
        help="continue a class from its save (game.json or its folder), with the same links",
    )


def _fail(message: str) -> int:
    print(f"serve: {message}", file=sys.stderr)
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from game.cli import Terminated, UsageError
    from game.net.classroom import Classroom, DevicesFileError, read_devices_file
    from game.net.server import ServerError, WebServer
    from game.play_cli import _parse_list, parse_profiles
    from game.scenario.find import load_or_report

    saved = None
    if args.resume:
        made = _resumed_session(args)
        if isinstance(made, int):
            return made
        session = made
        try:
            saved = read_devices_file(Path(session.save_path).parent)
        except DevicesFileError as err:
            return _fail(f"{err}; the class can go on with new links after removing that file")
    else:
        loaded = load_or_report(args.scenario or str(DEFAULT_SCENARIO))
        if loaded is None:
            return 1
        from game.ui.session import Session

        delegations = list(loaded.scenario.delegations())
        humans = _parse_list(args.humans) or delegations
        for h in humans:
            if h not in delegations:
                raise UsageError(
                    f"--as: unknown delegation {h!r}; expected some of {', '.join(delegations)}"
                )
        seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
        try:
            session = Session.new(
                loaded,
                seed,
                humans,
                parse_profiles(loaded, args.profiles),
                forecasts=args.forecasts,
                timer_seconds=float(args.timer),
                history=args.history,
            )
        except Exception as err:  # EngineError: no history excursion in this scenario
            from game.engine.game import EngineError

            if not isinstance(err, EngineError):
                raise
            return _fail(str(err))
    port = args.port if args.port is not None else (saved.port if saved else DEFAULT_PORT)
    lan = bool(args.lan or (saved.lan if saved and args.port is None else False))
    classroom = Classroom(
        session, saved.tokens if saved else None, auto_advance=True, port=port, lan=lan
    )
    classroom.after_load(saved)
    server = WebServer(classroom, port, lan=lan)
    try:
        server.start()
    except ServerError as err:
        return _fail(str(err))
    game = session.game
    if session.save_path is not None:
        print(f"Saving the class to {Path(session.save_path).parent}", file=sys.stderr)
    if session.save_problem:
        print(session.save_problem, file=sys.stderr)
    print(
        f"{game.scenario.title}, seed {game.seed}: open each link on that delegation's devices.",
        file=sys.stderr,
    )
    for actor, url in server.join_urls().items():
        print(f"{actor}: {url}")
    sys.stdout.flush()
    print("Serving; Ctrl-C ends the class (the game is saved).", file=sys.stderr)
    last = time.monotonic()
    reported = -1
    try:
        while True:
            classroom.pump(timeout=0.05)
            now = time.monotonic()
            classroom.tick(now - last)
            last = now
            if classroom.resolved != reported:
                reported = classroom.resolved
                if reported:
                    print(_progress_line(classroom), file=sys.stderr)
    except (KeyboardInterrupt, Terminated):
        pass
    finally:
        classroom.flush()
        server.stop()
    where = f" in {Path(session.save_path).parent}" if session.save_path else ""
    print(f"Class ended; the game is saved{where}.", file=sys.stderr)
    return 0


def _progress_line(classroom) -> str:  # noqa: ANN001 - a Classroom
    game = classroom.game
    if game.over:
        return f"The game is over ({game.result().outcome.title}); devices show the debrief."
    return f"{game.scenario.turn_label} {len(game.reports)} revealed; the next one is open."


def _resumed_session(args: argparse.Namespace):  # noqa: ANN202 - a Session or an exit code
    from game.engine.saves import SaveError, check_scenario, read_save, replay
    from game.paths import SCENARIO_DIR
    from game.scenario.find import load_or_report, scenario_by_id
    from game.ui.session import Session, read_classroom_settings

    path = Path(args.resume)
    if path.is_dir():
        path = path / "game.json"
    try:
        save = read_save(path)
        scenario_path = args.scenario
        if scenario_path is None:
            found = scenario_by_id(save.scenario.id)
            if found is None:
                return _fail(
                    f"{path}: scenario `{save.scenario.id}` is not in {SCENARIO_DIR}; "
                    "give it with --scenario PATH"
                )
            scenario_path = str(found)
        loaded = load_or_report(scenario_path)
        if loaded is None:
            return 1
        check_scenario(save, loaded, path)
        game = replay(save, loaded, path)
    except SaveError as err:
        return _fail(str(err))
    session = Session(game, path)
    session.last_report = game.reports[-1] if game.reports else None
    session.apply_classroom_settings(read_classroom_settings(path))
    for problem in (session.classroom_problem, *game.save_warnings):
        if problem:
            print(f"{path}: warning: {problem}", file=sys.stderr)
    if not game.over:
        session.start_turn()
    return session
