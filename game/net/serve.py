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
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from game.arguments import add_language_argument, path_text, whole_number
from game.i18n import N_, _, ngettext, semicolon_listing
from game.limits import MAX_SEED, MAX_TIMER_SECONDS
from game.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.net.classroom import Classroom
    from game.net.server import WebServer
    from game.ui.session import Session  # not type-checked: Any here

# A signal's handler as `signal.signal` returns it (a function, SIG_DFL/SIG_IGN, or None).
_Handler = Callable[[int, FrameType | None], Any] | int | None

DEFAULT_PORT = 8765


def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    add_language_argument(p)
    p.add_argument(
        "--scenario",
        metavar="PATH",
        type=path_text,
        default=None,
        help=_("scenario file (default: {name}; with --resume, the save's)").format(
            name=DEFAULT_SCENARIO.name
        ),
    )
    p.add_argument("--seed", type=whole_number(0, MAX_SEED), help=_("random seed (default: fresh)"))
    p.add_argument(
        "--port",
        type=whole_number(0, 65535),
        default=None,
        help=_("port to listen on (default {port}, or the resumed class's; 0: any free)").format(
            port=DEFAULT_PORT
        ),
    )
    p.add_argument(
        "--lan",
        action="store_true",
        help=_("listen on the room's network too (default: this machine only, 127.0.0.1)"),
    )
    p.add_argument(
        "--as",
        dest="humans",
        metavar="LIST",
        help=_("delegations played on devices, e.g. us,japan (default: all)"),
    )
    p.add_argument(
        "--profiles", metavar="LIST", help=_("AI profiles of the others, e.g. taiwan=cautious")
    )
    p.add_argument(
        "--timer",
        type=whole_number(0, int(MAX_TIMER_SECONDS)),
        default=0,
        metavar="SECONDS",
        help=_("seconds per turn; when it runs out, delegations that have not submitted hold"),
    )
    p.add_argument("--forecasts", action="store_true", help=_("ask for forecasts every turn"))
    p.add_argument(
        "--history",
        action="store_true",
        help=_("the history excursion (real events on their dates)"),
    )
    p.add_argument(
        "--resume",
        metavar="SAVE",
        type=path_text,
        help=_("continue a class from its save (game.json or its folder), with the same links"),
    )


def _fail(message: str) -> int:
    print(f"serve: {message}", file=sys.stderr)
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from game.arguments import UsageError, list_items, parse_profiles
    from game.cli import Terminated
    from game.net.classroom import Classroom, DevicesFileError, read_devices_file
    from game.net.server import ServerError, WebServer
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
            return _fail(
                _("{problem}; the class can go on with new links after removing that file").format(
                    problem=err
                )
            )
    else:
        loaded = load_or_report(args.scenario or str(DEFAULT_SCENARIO))
        if loaded is None:
            return 1
        from game.ui.session import Session

        delegations = list(loaded.scenario.delegations())
        humans = list_items(args.humans) or delegations
        for h in humans:
            if h not in delegations:
                raise UsageError(
                    _("--as: unknown delegation {name}; expected some of {names}").format(
                        name=repr(h), names=", ".join(delegations)
                    )
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
        print(
            _("Saving the class to {folder}").format(folder=Path(session.save_path).parent),
            file=sys.stderr,
        )
    if session.save_problem:
        print(session.save_problem, file=sys.stderr)
    print(
        _("{scenario}, seed {seed}: open each link on that delegation's devices.").format(
            scenario=game.scenario.title, seed=game.seed
        ),
        file=sys.stderr,
    )
    for actor, url in server.join_urls().items():
        print(f"{actor}: {url}")
    sys.stdout.flush()
    print(
        _(
            "Serving; Ctrl-C ends the class (the game is saved). Type `help` for the instructor's "
            "commands (end a delegation's turn, hand it to the computer, timer, take back)."
        ),
        file=sys.stderr,
    )
    commands: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_commands, args=(commands,), daemon=True).start()
    # Ctrl-C and SIGTERM only ask the loop to stop: it stops between two steps, never in
    # the middle of a turn's resolution or a save, then saves what is left.
    stop = threading.Event()
    previous = _on_stop_signals(stop)
    last = time.monotonic()
    reported = -1
    try:
        while not stop.is_set():
            classroom.pump(timeout=0.05)
            now = time.monotonic()
            classroom.tick(now - last)
            last = now
            while not commands.empty():
                if console_command(classroom, server, commands.get()) == "quit":
                    stop.set()
            if classroom.resolved != reported:
                reported = classroom.resolved
                if reported:
                    print(_progress_line(classroom), file=sys.stderr)
    except (KeyboardInterrupt, Terminated):  # a signal before the handlers were in place
        pass
    finally:
        _restore_signals(previous)
        classroom.flush()
        server.stop()
    if session.save_path:
        ended = _("Class ended; the game is saved in {folder}.").format(
            folder=Path(session.save_path).parent
        )
    else:
        ended = _("Class ended; the game is saved.")
    print(ended, file=sys.stderr)
    return 0


CONSOLE_HELP = N_("""Instructor's commands (type one and press Enter):
  status              who has joined and who has decided this turn
  links               the join links again
  end ID              end this turn for delegation ID: it holds on everything
  ai ID [PROFILE]     hand delegation ID to the computer for the rest of the game
  time SECONDS        give this turn more time (starts a clock if there is none)
  pause               pause or resume the turn clock
  undo                take back the last turn (the class decides it again)
  quit                save and end the class (as Ctrl-C)""")


def _read_commands(commands: queue.Queue[str]) -> None:
    """Read the instructor's commands from standard input (a thread: input blocks)."""
    try:
        for line in sys.stdin:
            commands.put(line[:200])
    except (OSError, ValueError):  # no input (a service): the timer ends turns
        return


def console_command(classroom: Classroom, server: WebServer, line: str) -> str:
    """Do one instructor's command from `serve`'s standard input; prints what happened on
    standard error. Returns 'quit' for quit. The same classroom calls as the window's console."""
    from game.engine.game import EngineError

    words = line.split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    game = classroom.game
    say = _say
    try:
        if verb in ("help", "?"):
            say(_(CONSOLE_HELP))
        elif verb == "quit":
            return "quit"
        elif verb == "status":
            say(_status_line(classroom))
        elif verb == "links":
            for actor, url in server.join_urls().items():
                say(f"{actor}: {url}")
        elif verb in ("end", "ai") and rest:
            actor = rest[0]
            if actor not in game.book.delegations:
                say(
                    _("unknown delegation {name}; expected one of {names}").format(
                        name=repr(actor), names=", ".join(game.book.delegations)
                    )
                )
            elif verb == "end":
                classroom.hold(actor)
                say(
                    _("Ended {delegation}'s turn: it holds on everything.").format(delegation=actor)
                )
            else:
                classroom.hand_to_ai(actor, rest[1] if len(rest) > 1 else None)
                say(
                    _("{delegation} is played by the computer ({profile}).").format(
                        delegation=actor, profile=game.setup.ai_profiles[actor]
                    )
                )
        elif verb == "time" and rest:
            from game.limits import MAX_TIMER_SECONDS, read_decimal

            try:
                seconds = read_decimal(rest[0], 1, MAX_TIMER_SECONDS, _("the seconds"))
            except ValueError as err:
                say(f"time: {err}")
            else:
                classroom.session.add_time(float(seconds))
                classroom.session.timer_running = True
                classroom.timer_changed()
                say(_("{time} left this turn.").format(time=classroom.session.timer_text()))
        elif verb == "pause":
            classroom.session.toggle_timer()
            classroom.timer_changed()
            say(_("Clock: {time}").format(time=classroom.session.timer_text()))
        elif verb == "undo":
            classroom.take_back()
            say(
                _("Took back the last turn; {turn} is open again.").format(
                    turn=_turn(game, classroom.game.state.turn)
                )
            )
        else:
            say(_("unknown command {command}; type `help`").format(command=repr(line.strip()[:40])))
    except EngineError as err:
        say(str(err))
    return ""


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _status_line(classroom: Classroom) -> str:
    status = classroom.status()
    game = classroom.game
    parts = []
    for actor in game.book.delegation_ids:
        if actor not in game.setup.humans:
            parts.append(_("{delegation}: computer").format(delegation=actor))
            continue
        count = status.joined.get(actor, 0)
        if status.decided.get(actor):
            part = ngettext(
                "{delegation}: decided, {count} device",
                "{delegation}: decided, {count} devices",
                count,
            )
        else:
            part = ngettext(
                "{delegation}: deciding, {count} device",
                "{delegation}: deciding, {count} devices",
                count,
            )
        parts.append(part.format(delegation=actor, count=count))
    turn = _turn(game, game.state.turn) if not game.over else _("game over")
    return _("{turn}: {delegations}").format(turn=turn, delegations=semicolon_listing(parts))


def _turn(game: Game, turn: int) -> str:
    """'Quarter 3', '第3四半期'."""
    return _("{turn_label} {turn}").format(turn_label=game.scenario.turn_label, turn=turn)


def _on_stop_signals(stop: threading.Event) -> dict[signal.Signals, _Handler]:
    """Make SIGINT and SIGTERM set `stop`; returns the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[signal.Signals, _Handler] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda *_: stop.set())
    return previous


def _restore_signals(previous: dict[signal.Signals, _Handler]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def _progress_line(classroom: Classroom) -> str:
    game = classroom.game
    if game.over:
        return _("The game is over ({outcome}); devices show the debrief.").format(
            outcome=game.result().outcome.title
        )
    return _("{turn} revealed; the next one is open.").format(turn=_turn(game, len(game.reports)))


def _resumed_session(args: argparse.Namespace) -> Session | int:
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
                    _(
                        "{path}: scenario `{scenario}` is not in {folder}; give it with "
                        "--scenario PATH"
                    ).format(path=path, scenario=save.scenario.id, folder=SCENARIO_DIR)
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
            print(
                _("{path}: warning: {problem}").format(path=path, problem=problem),
                file=sys.stderr,
            )
    if not game.over:
        session.start_turn()
    return session
