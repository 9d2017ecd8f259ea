"""Argument types every command shares, so each kind of argument has one parser and one wording.

- `whole_number(low, high)`: a whole number written in ASCII digits, within bounds that match
  what the program can really do (a seed the engine accepts, as many games as a report or a
  simulation will play). Python's `int()` would also take ' 12 ', '1_000' and '١٢' (Arabic-Indic
  digits); these are refused.
- `path_text`: a file or folder name that is not empty. An empty argument (`--save ''`) is a
  mistake, not a request for the default: without this check it reads as "no file" and the
  program quietly does something else (plays without saving, prints instead of writing).

Both raise `argparse.ArgumentTypeError`; argparse names the option and the command line turns
it into a usage error (exit code 2). This module imports nothing heavy: `python main.py` builds
its parser before the window opens.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from game.i18n import _

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario

_WHOLE = re.compile(r"-?[0-9]+")
# Longer than any bound here; int() of a few thousand digits is refused by Python itself.
_MAX_DIGITS = 30


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` for a whole number from `low` to `high` (both included)."""

    def parse(text: str) -> int:
        if _WHOLE.fullmatch(text) and len(text.lstrip("-")) <= _MAX_DIGITS:
            value = int(text)
            if low <= value <= high:
                return value
        raise argparse.ArgumentTypeError(
            _("expected a whole number from {low} to {high}, found {text}").format(
                low=low, high=high, text=_shown(text)
            )
        )

    parse.__name__ = "whole number"  # argparse names the type in some of its own messages
    return parse


def path_text(text: str) -> str:
    """An argparse `type` for a file or folder name: refuses an empty one."""
    if not text:
        raise argparse.ArgumentTypeError(_("expected a file or folder name, found an empty one"))
    return text


path_text.__name__ = "path"


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


LANGUAGE_CODES = ("en", "ja", "zh-Hant")  # game.i18n.CODES, without importing it here


def add_language_argument(p: argparse.ArgumentParser) -> None:
    """`--lang en|ja|zh-Hant`: the language of everything the command shows (default: the
    window's setting, else the system's)."""
    p.add_argument(
        "--lang",
        choices=LANGUAGE_CODES,
        default=None,
        help=_("language: en, ja or zh-Hant (default: the settings, else the system's)"),
    )


class UsageError(Exception):
    """A bad command-line argument; reported with exit code 2 (see game.cli)."""


def list_items(text: str | None) -> list[str]:
    """The items of a comma-separated argument, without blanks: "a, b,,c" -> [a, b, c]."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def parse_profiles(loaded: LoadedScenario, text: str | None) -> dict[str, str]:
    """`--profiles us=restrained,japan=proactive` -> {"us": "restrained", ...}; UsageError if wrong."""
    delegations = loaded.scenario.delegations()
    profiles: dict[str, str] = {}
    for item in list_items(text):
        actor, sep, name = item.partition("=")
        if not sep or actor not in delegations:
            raise UsageError(
                _(
                    "--profiles: expected actor=profile with an actor from {actors}, found {item}"
                ).format(actors=", ".join(delegations), item=repr(item))
            )
        available = delegations[actor].ai_profiles
        if name not in available:
            raise UsageError(
                _("--profiles: {actor} has no profile {name}; expected one of {profiles}").format(
                    actor=actor, name=repr(name), profiles=", ".join(available)
                )
            )
        profiles[actor] = name
    return profiles


def language_asked(argv: Sequence[str]) -> str | None:
    """The language `--lang X` or `--lang=X` asks for in `argv` (the last one, as argparse
    takes it), or None. Read before the parser is built, so that its help and its usage
    errors are in that language; a code that is not a language is left for argparse to refuse.
    """
    asked = None
    tokens = list(argv)
    for i, token in enumerate(tokens):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(tokens):
            value = tokens[i + 1]
        elif token.startswith("--lang="):
            value = token.partition("=")[2]
        else:
            continue
        if value in LANGUAGE_CODES:
            asked = value
    return asked


def require_history(loaded: LoadedScenario, program: str | None = None) -> None:
    """`--history` asked of a scenario that has no history excursion: a usage error, the one
    wording of every command (`program` names the command, as argparse does)."""
    from game.engine.rulebook import Rulebook

    if Rulebook.of(loaded).has_history:
        return
    if program:
        message = _(
            "{program}: argument --history: {scenario} has no history excursion "
            "(no injects with `history: true`)"
        )
    else:
        message = _(
            "--history: {scenario} has no history excursion (no injects with `history: true`)"
        )
    raise UsageError(message.format(program=program, scenario=loaded.scenario.title))
