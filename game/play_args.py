"""The `play` and `replay` command-line arguments.

Kept apart from the terminal game (`game.play_cli`, which imports the engine) so that building
the command-line parser imports nothing heavy: `python main.py` opens its window before numpy,
pydantic or the engine are loaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from game.arguments import add_language_argument, path_text, whole_number
from game.i18n import N_, _
from game.limits import MAX_SEED
from game.paths import DEFAULT_SCENARIO

PLAIN_NEEDS_TEXT = N_(
    "--plain is the terminal game for screen readers and goes with --text: "
    "use `play --text --plain`"
)


def add_play_arguments(p: argparse.ArgumentParser) -> None:
    add_language_argument(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help=_("play in the terminal"))
    mode.add_argument(
        "--auto", action="store_true", help=_("every delegation played by AI; print a summary")
    )
    mode.add_argument(
        "--window",
        action="store_true",
        help=_("play in a window (the default when a display exists)"),
    )
    p.add_argument(
        "--plain",
        action="store_true",
        help=_(
            "with --text: for screen readers; no bars or rules, numbers in words, names "
            "instead of ids, lines wrapped to the terminal, a pause before each turn's results"
        ),
    )
    _refuse_plain_without_text(p)
    p.add_argument(
        "--scenario",
        metavar="PATH",
        type=path_text,
        default=str(DEFAULT_SCENARIO),
        help=_("scenario file"),
    )
    p.add_argument(
        "--as", dest="humans", metavar="LIST", help=_("delegations you play, e.g. japan,taiwan")
    )
    p.add_argument(
        "--seed",
        type=whole_number(0, MAX_SEED),
        help=_("random seed (default: a fresh one, printed)"),
    )
    p.add_argument(
        "--profiles", metavar="LIST", help=_("AI profiles, e.g. us=assertive,taiwan=cautious")
    )
    p.add_argument(
        "--save", metavar="FILE", type=path_text, help=_("save the game to FILE after every turn")
    )
    p.add_argument(
        "--history",
        action="store_true",
        help=_("the history excursion: the real timeline's events fire on their dates too"),
    )
    p.add_argument(
        "--devices",
        action="store_true",
        help=_(
            "the window's Setup starts with delegations playing on their own devices "
            "(the window becomes the projector and the facilitator's console)"
        ),
    )
    p.add_argument(
        "--lan",
        action="store_true",
        help=_("with --devices: listen on the room's network (default: this machine only)"),
    )
    p.add_argument(
        "--port",
        type=whole_number(0, 65535),
        default=None,
        help=_("with --devices: the class's port (default 8765, or a free one if it is taken)"),
    )
    p.add_argument(
        "--verbose", action="store_true", help=_("with --auto: print every turn's full results")
    )
    p.add_argument(
        "--scenarios",
        metavar="DIR",
        type=path_text,
        action="append",
        help=_("another folder of scenarios for the window's picker"),
    )


def _refuse_plain_without_text(p: argparse.ArgumentParser) -> None:
    """`--plain` without `--text` is a usage error, found while the arguments are read (the
    window would open without ever reading `--plain`)."""
    parse = p.parse_known_args

    def parse_known_args(
        args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, rest = parse(args, namespace)
        if getattr(parsed, "plain", False) and not getattr(parsed, "text", False):
            p.error(_(PLAIN_NEEDS_TEXT))
        return parsed, rest

    # one instance's method wrapped; argparse's stub overloads it on the namespace's type
    p.parse_known_args = parse_known_args  # type: ignore[method-assign, assignment]


def add_replay_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "save", metavar="FILE", type=path_text, help=_("a save written by `play --save`")
    )
    p.add_argument(
        "--scenario",
        metavar="PATH",
        type=path_text,
        help=_("scenario file (default: found by id in scenarios/)"),
    )
