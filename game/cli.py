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
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeVar

from game.arguments import UsageError, language_asked, path_text
from game.i18n import N_, _
from game.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario

_T = TypeVar("_T")


class Terminated(BaseException):
    """Raised in the main thread when the process receives SIGTERM (a BaseException, like
    KeyboardInterrupt, so that no `except Exception` swallows it and every cleanup runs)."""


def _on_sigterm(signum: int, _frame: object) -> None:
    raise Terminated(signum)


class _Parser(argparse.ArgumentParser):
    def error(
        self, message: str
    ) -> NoReturn:  # argparse would print usage; keep it to one clear line
        raise UsageError(
            _("{program}: {problem} (see `{program} --help`)").format(
                program=self.prog, problem=message
            )
        )


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        type=path_text,
        help=_("scenario files, or folders of them (the scenario files directly inside)"),
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("print only errors: no warnings, no `ok` lines"),
    )


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out", metavar="FILE", type=path_text, help=_("write it to FILE instead of printing it")
    )
    p.add_argument(
        "--translation",
        action="store_true",
        help=_("the schema of a scenario's translation file instead (scenarios/translations/)"),
    )


# (name, help, "module:function" that adds its arguments): a command's module is imported
# only to add its arguments, and only when that command is named (see build_parser).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "validate",
        N_("check scenario files and report every located error"),
        "game.cli:_validate_arguments",
    ),
    ("schema", N_("print the JSON Schema of the scenario format"), "game.cli:_schema_arguments"),
    ("play", N_("play a scenario"), "game.play_args:add_play_arguments"),
    ("replay", N_("print a saved game again"), "game.play_args:add_replay_arguments"),
    (
        "report",
        N_("write the after-action report (HTML and Markdown) of a save"),
        "game.report.command:add_report_arguments",
    ),
    (
        "assumptions",
        N_(
            "write the assumptions page (HTML and Markdown): effects, sources, red cell, calibration"
        ),
        "game.report.assumptions_command:add_assumptions_arguments",
    ),
    (
        "serve",
        N_("a class on the students' own devices, without a window: prints each join link"),
        "game.net.serve:add_serve_arguments",
    ),
    ("new", N_("write a commented starter scenario"), "game.sim.command:add_new_arguments"),
    (
        "simulate",
        N_("Monte Carlo over AI play or fixed team strategies (balance)"),
        "game.sim.command:add_simulate_arguments",
    ),
    (
        "lint",
        N_("warnings from a quick simulation: unreachable parts, what the scoring rewards"),
        "game.sim.command:add_lint_arguments",
    ),
    (
        "sensitivity",
        N_(
            "which assumptions decide the outcome: Morris screen or Sobol indices, local or on Dask"
        ),
        "game.sim.sensitivity_command:add_sensitivity_arguments",
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
        description=_("Trilateral: a policy simulation of US-Japan-Taiwan security cooperation."),
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    wanted = _command_named(argv) if argv is not None else None
    for name, help_text, adder in COMMANDS:
        p = sub.add_parser(name, help=_(help_text))
        if wanted is None or wanted == name:
            module, function = adder.split(":")
            getattr(importlib.import_module(module), function)(p)
    return parser


def scenario_files(paths: Sequence[str]) -> list[Path]:
    """Scenario files from the paths given: files as they are, folders as the scenario files
    directly inside them (`game.scenario.find.scenario_files_in`), each file once. Raises
    UsageError naming every path that gave none."""
    from game.scenario.find import gather_scenario_files

    files, problems = gather_scenario_files(paths)
    if problems:
        raise UsageError("\n".join(problems))
    return files


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.errors import ScenarioError, capped_lines
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
            for line in err.lines():
                print(line, file=sys.stderr)
            continue
        mark = loaded.positions.of_value(("id",))
        ids.append((path, loaded.scenario.id, mark.line, mark.column))
        if not _translations_ok(loaded, args.quiet):
            bad += 1
        if not args.quiet:
            # Warnings go with errors, on stderr; they do not make the file invalid.
            for line in capped_lines(loaded.warnings, str(path), "warnings"):
                print(line, file=sys.stderr)
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


def _translations_ok(loaded: LoadedScenario, quiet: bool) -> bool:
    """Check a scenario's translation sidecars: their errors (file:line:column) make the
    scenario invalid; texts they leave in English are a warning."""
    from game.scenario.errors import ScenarioError
    from game.scenario.translations import LANGUAGES, read_translation, sidecar_path, untranslated

    ok = True
    for language in LANGUAGES:
        path = sidecar_path(loaded.file, language)
        if not path.is_file():
            continue
        try:
            translation = read_translation(path, loaded)
        except ScenarioError as err:
            ok = False
            for line in err.lines():
                print(line, file=sys.stderr)
            continue
        left = untranslated(loaded, translation)
        if left and not quiet:
            shown = ", ".join(".".join(p) for p in left[:5])
            more = f" and {len(left) - 5} more" if len(left) > 5 else ""
            print(
                f"{path}: warning: {len(left)} of the scenario's texts are not translated "
                f"(they are shown in English): {shown}{more}",
                file=sys.stderr,
            )
    return ok


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.loader import scenario_json_schema
    from game.scenario.translations import translation_json_schema

    schema = translation_json_schema() if args.translation else scenario_json_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from game.atomic import cannot_write, write_text_atomic

    try:
        write_text_atomic(Path(args.out), text)
    except OSError as err:
        print(cannot_write(err, args.out), file=sys.stderr)
        return 1
    return 0


STANDARD_OUTPUT = N_("standard output")


class OutputError(OSError):
    """Raised when writing to standard output fails (a full disk, `>/dev/full`); its
    filename is "standard output", so the message names it rather than some file."""


class _NamedOutput:
    """Standard output while a command runs: the same stream, but an error writing to it is
    an OutputError. A broken pipe (`trilateral schema | head`) stays a BrokenPipeError: the
    reader has simply stopped reading. Text the stream's encoding cannot hold (a file name
    given in bytes that are not UTF-8, under `PYTHONIOENCODING=utf-8:strict`; any non-ASCII
    character on an ASCII terminal) is written with those characters escaped (`\\udcff`),
    never as a crash."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._named(self._stream.write, text)
        except UnicodeEncodeError:  # nothing was written: the stream encodes before writing
            encoding = getattr(self._stream, "encoding", None) or "utf-8"
            escaped = text.encode(encoding, "backslashreplace").decode(encoding)
            return self._named(self._stream.write, escaped)

    def flush(self) -> None:
        self._named(self._stream.flush)

    @staticmethod
    def _named(call: Callable[..., _T], *args: object) -> _T:
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise OutputError(err.errno, err.strerror, STANDARD_OUTPUT) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def drop(self) -> None:
        """Point the failed stream's file at the null device: what is still buffered in it
        must not fail again, with a traceback, when Python flushes it at exit."""
        try:
            fileno = self._stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fileno)
            os.close(null)
        except (OSError, AttributeError, ValueError):  # no file under it (tests): nothing to do
            pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    stdout = sys.stdout
    sys.stdout = _NamedOutput(stdout)
    try:
        return _run(argv)
    finally:
        sys.stdout = stdout
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv) or ["play"]
    try:
        code = _command(argv)
        sys.stdout.flush()  # inside the try: a full disk is reported like any other write
        return code
    except UsageError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\n" + _("interrupted"), file=sys.stderr)
        return 130
    except Terminated:
        print("\n" + _("terminated"), file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # e.g. `trilateral schema | head`
        return 0
    except OutputError as err:
        print(
            _("{path}: cannot be written: {reason}").format(
                path=_(STANDARD_OUTPUT), reason=err.strerror or err
            ),
            file=sys.stderr,
        )
        if isinstance(sys.stdout, _NamedOutput):
            sys.stdout.drop()
        return 1
    except OSError as err:  # a file no command expected to fail on: read or written, unknown
        print(
            _("{path}: {reason}").format(
                path=err.filename or _("a file"), reason=err.strerror or err
            ),
            file=sys.stderr,
        )
        return 1
    except Exception as err:  # after OSError: a ScenarioError is the only other kind expected
        # Imported only now: the window's start-up must not wait for the scenario modules.
        from game.scenario.errors import ScenarioError

        if not isinstance(err, ScenarioError):
            raise
        for line in err.lines():  # e.g. a save's scenario id shared by two files
            print(line, file=sys.stderr)
        return 1


def _choose_language(code: str | None, *, window: bool) -> None:
    """The language of the command's output: `--lang`, else (for the window, which reads its
    settings itself) the system's. Imported here only: game.i18n is small."""
    from game import i18n

    if code is not None:
        i18n.set_language(code)
    elif not window:
        i18n.set_language(i18n.system_language())


def _command(argv: list[str]) -> int:
    """Parse `argv` and run the command it names; returns its exit code."""
    # The help and the usage errors are in the run's language too, so it is chosen before the
    # parser is built: `--lang` wherever it is given, else (as after parsing) the system's.
    _choose_language(language_asked(argv), window=False)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    _choose_language(getattr(args, "lang", None), window=args.command == "play")
    if args.command == "validate":
        return cmd_validate(args)
    if args.command in ("new", "simulate", "lint"):
        from game.sim import command

        return {
            "new": command.cmd_new,
            "simulate": command.cmd_simulate,
            "lint": command.cmd_lint,
        }[args.command](args)
    if args.command == "sensitivity":
        from game.sim.sensitivity_command import cmd_sensitivity

        return cmd_sensitivity(args)
    if args.command == "schema":
        return cmd_schema(args)
    if args.command == "report":
        from game.report.command import cmd_report

        return cmd_report(args)
    if args.command == "assumptions":
        from game.report.assumptions_command import cmd_assumptions

        return cmd_assumptions(args)
    if args.command == "serve":
        from game.net.serve import cmd_serve

        return cmd_serve(args)
    if args.command == "play" and (args.text or args.auto):
        asked = [o for o, v in (("--devices", args.devices), ("--lan", args.lan)) if v]
        if asked or args.port is not None:
            what = ", ".join(asked + (["--port"] if args.port is not None else []))
            raise UsageError(
                _(
                    "play: {options} is for a class in the window; without a window, run the "
                    "class with `python main.py serve`"
                ).format(options=what)
            )
    if args.command == "play" and not (args.text or args.auto):
        from game.ui.app import play_window

        code: int = play_window(args)  # the UI layer is not type-checked
        return code
    from game import play_cli

    if args.command == "play":
        return play_cli.cmd_play(args)
    if args.command == "replay":
        return play_cli.cmd_replay(args)
    parser.print_help()
    return 2


__all__ = ["DEFAULT_SCENARIO", "main", "UsageError"]
