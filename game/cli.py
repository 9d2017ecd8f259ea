"""Command line: `trilateral` / `python main.py` with sub-commands.

Every user-facing failure (bad scenario, bad argument, bad save, a file that cannot be
written) ends with a readable message on stderr and a non-zero exit code, never a traceback.
SIGTERM is turned into an exception while a command runs, so interrupted writes clean up
their temporary files as they do for Ctrl+C.
"""

from __future__ import annotations

import argparse
import importlib
import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from game.paths import DEFAULT_SCENARIO, SCENARIO_SUFFIXES


class UsageError(Exception):
    """A bad command-line argument; reported with exit code 2."""


class Terminated(BaseException):
    """Raised in the main thread when the process receives SIGTERM (a BaseException, like
    KeyboardInterrupt, so that no `except Exception` swallows it and every cleanup runs)."""


def _on_sigterm(signum: int, _frame: object) -> None:
    raise Terminated(signum)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage; keep it to one clear line
        raise UsageError(f"{self.prog}: {message} (see `{self.prog} --help`)")


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders of them")
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors: no warnings, no `ok` lines"
    )


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE", help="write it to FILE instead of printing it")


# (name, help, "module:function" that adds its arguments): a command's module is imported
# only to add its arguments, and only when that command is named (see build_parser).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "validate",
        "check scenario files and report every located error",
        "game.cli:_validate_arguments",
    ),
    ("schema", "print the JSON Schema of the scenario format", "game.cli:_schema_arguments"),
    ("play", "play a scenario", "game.play_args:add_play_arguments"),
    ("replay", "print a saved game again", "game.play_args:add_replay_arguments"),
    (
        "report",
        "write the after-action report (HTML and Markdown) of a save",
        "game.report.command:add_report_arguments",
    ),
    ("new", "write a commented starter scenario", "game.sim.command:add_new_arguments"),
    (
        "simulate",
        "Monte Carlo over AI-played games (balance)",
        "game.sim.command:add_simulate_arguments",
    ),
    (
        "lint",
        "warnings from a quick simulation: unreachable parts, dominant strategies",
        "game.sim.command:add_lint_arguments",
    ),
)


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command `argv` names, or None when it names none (or asks for help first)."""
    for token in argv:
        if token.startswith("-"):
            return None
        return token if token in {name for name, _, _ in COMMANDS} else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser.

    Given the `argv` it will parse, only the command named there gets its arguments (the
    others are still listed with their help): `python main.py` is parsed before its window
    opens, so it must not import the modules of report, simulate and the rest.
    """
    parser = _Parser(
        prog="trilateral",
        description="Trilateral: a policy simulation of US-Japan-Taiwan security cooperation.",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    wanted = _command_named(argv) if argv is not None else None
    for name, help_text, adder in COMMANDS:
        p = sub.add_parser(name, help=help_text)
        if wanted is None or wanted == name:
            module, function = adder.split(":")
            getattr(importlib.import_module(module), function)(p)
    return parser


def scenario_files(paths: Sequence[str]) -> list[Path]:
    """Expand folders into the scenario files they hold (sorted); files pass through.

    A file named twice (or inside a folder also named) is listed once.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix in SCENARIO_SUFFIXES and p.is_file()
            )
            if not found:
                raise UsageError(f"{raw}: folder has no .yaml scenario files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.errors import ScenarioError
    from game.scenario.find import same_id_problems
    from game.scenario.loader import load_scenario

    files = scenario_files(args.paths)
    bad = 0
    ids: list[tuple[Path, str, int, int]] = []  # where each valid file writes its id
    for path in files:
        try:
            loaded = load_scenario(path)
        except ScenarioError as err:
            bad += 1
            for problem in err.problems:
                print(problem, file=sys.stderr)
            continue
        mark = loaded.positions.of_value(("id",))
        ids.append((path, loaded.scenario.id, mark.line, mark.column))
        if not args.quiet:
            # Warnings go with errors, on stderr; they do not make the file invalid.
            for warning in loaded.warnings:
                print(warning, file=sys.stderr)
            s = loaded.scenario
            print(
                f"{path}: ok ({s.title}; {s.turns} turns, {len(s.delegations())} delegations, "
                f"{len(s.measures)} measures, {len(s.events)} events)"
            )
    # Saves and reports find a scenario by id, so files sharing one are an error, not a warning.
    clashes = same_id_problems(ids)
    for problem in clashes:
        print(problem, file=sys.stderr)
    if len(files) > 1 or bad:
        tally = f"{len(files) - bad} valid, {bad} invalid"
        if clashes:
            tally += f"; {len(clashes)} share a scenario id with another file"
        print(tally, file=sys.stderr if bad or clashes else sys.stdout)
    return 1 if bad or clashes else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.loader import scenario_json_schema

    text = json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        from game.atomic import write_text_atomic

        try:
            write_text_atomic(Path(args.out), text)
        except OSError as err:
            return _cannot_write(args.out, err)
    else:
        sys.stdout.write(text)
    return 0


def _cannot_write(target: str | Path, err: OSError) -> int:
    """One line for a file that could not be written; exit code 1."""
    print(f"{err.filename or target}: cannot be written: {err.strerror or err}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    try:
        return _run(argv)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv) or ["play"]
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if args.command == "validate":
            return cmd_validate(args)
        if args.command in ("new", "simulate", "lint"):
            from game.sim import command

            return {
                "new": command.cmd_new,
                "simulate": command.cmd_simulate,
                "lint": command.cmd_lint,
            }[args.command](args)
        if args.command == "schema":
            return cmd_schema(args)
        if args.command == "report":
            from game.report.command import cmd_report

            return cmd_report(args)
        if args.command == "play" and not (args.text or args.auto):
            from game.ui.app import play_window

            return play_window(args)
        from game import play_cli

        if args.command == "play":
            return play_cli.cmd_play(args)
        if args.command == "replay":
            return play_cli.cmd_replay(args)
        parser.print_help()
        return 2
    except UsageError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("\nterminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # e.g. `trilateral schema | head`
        return 0
    except OSError as err:  # a file a command writes (its own handling names it better)
        return _cannot_write(err.filename or "a file", err)
    except Exception as err:  # after OSError: a ScenarioError is the only other kind expected
        # Imported only now: the window's start-up must not wait for the scenario modules.
        from game.scenario.errors import ScenarioError

        if not isinstance(err, ScenarioError):
            raise
        for problem in err.problems:  # e.g. a save's scenario id shared by two files
            print(problem, file=sys.stderr)
        return 1


__all__ = ["DEFAULT_SCENARIO", "main", "UsageError"]
