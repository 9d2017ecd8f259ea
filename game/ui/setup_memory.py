"""What the setup screen remembers from the last game: who played each delegation (a human or
which AI profile, per scenario), the turn timer, forecasts, whether the history excursion was
played (offered only by scenarios that have one), and whether a facilitator password was used.

A small JSON file, `setup.json`, in the config folder beside `settings.json`: written
atomically, read bounded (game.reading) and checked value by value. Anything unexpected in it
falls back to its default, and is named (the file, the key, what was found, what is used
instead: see `game.ui.settings.refused`); a hostile or damaged file can never stop a class
from starting.

The password itself is never stored, not even as a hash. A hash in a file that anyone at the
classroom computer can read can be attacked offline, and a teacher retyping a short word costs
little. Only the fact that one was used is kept, so the next setup asks for one again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import _
from game.limits import MAX_TIMER_MINUTES
from game.ui.settings import config_dir, read_preferences, refused, shown

MEMORY_NAME = "setup.json"
MEMORY_KIND = "trilateral-setup"
MAX_MEMORY_BYTES = 256_000
MAX_SCENARIOS = 50  # scenarios whose delegations are remembered; the oldest are forgotten
MAX_SEATS = 16  # delegations per scenario (the window lays out 6)
MAX_NAME = 100  # characters of an id or a profile name
HUMAN_SEAT = "human"  # a seat's value when a person plays it; otherwise the AI profile's name


@dataclass
class SetupMemory:
    """The choices of the last setup; `seats` maps scenario id -> delegation -> seat."""

    timer_minutes: int = 0
    forecasts: bool = False
    password_used: bool = False
    history: bool = False  # the history excursion (the real timeline), where a scenario has one
    seats: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> SetupMemory:
        """The remembered choices, or the defaults for whatever is missing or not as expected."""
        return cls.load_checked(path)[0]

    @classmethod
    def load_checked(cls, path: Path | None = None) -> tuple[SetupMemory, list[str]]:
        """The remembered choices, and a sentence about each value that could not be used."""
        path = path or config_dir() / MEMORY_NAME
        raw, problems = read_preferences(path, MAX_MEMORY_BYTES, "setup memory")
        memory = cls()
        if raw is None:
            return memory, problems
        if not isinstance(raw, dict) or raw.get("kind") != MEMORY_KIND:
            kind = raw.get("kind") if isinstance(raw, dict) else raw
            expected = _('"{kind}" (a setup memory of Trilateral)').format(kind=MEMORY_KIND)
            return memory, [
                refused(str(path), "kind", kind, expected, _("using the defaults instead"))
            ]
        if "timer_minutes" in raw:
            timer = raw["timer_minutes"]
            if type(timer) is int and 0 <= timer <= MAX_TIMER_MINUTES:
                memory.timer_minutes = timer
            else:
                expected = _("whole minutes from 0 to {most}").format(most=MAX_TIMER_MINUTES)
                problems.append(
                    refused(str(path), "timer_minutes", timer, expected, _("using 0 instead"))
                )
        for flag in ("forecasts", "password_used", "history"):
            if flag not in raw:
                continue
            if type(raw[flag]) is bool:
                setattr(memory, flag, raw[flag])
            else:
                problems.append(
                    refused(
                        str(path), flag, raw[flag], _("true or false"), _("using false instead")
                    )
                )
        seats = raw.get("seats")
        if isinstance(seats, dict):
            for scenario_id, chosen in list(seats.items())[-MAX_SCENARIOS:]:
                checked = _checked_seats(chosen)
                if _is_name(scenario_id) and checked:
                    memory.seats[scenario_id] = checked
                else:
                    expected = _(
                        "up to {count} delegations, each with a seat (a name of 1 to {length} "
                        "characters)"
                    ).format(count=MAX_SEATS, length=MAX_NAME)
                    where = f"seats[{shown(scenario_id, 40)}]"
                    problems.append(refused(str(path), where, chosen, expected, _("forgotten")))
        elif "seats" in raw:
            expected = _("an object of scenarios and their seats")
            problems.append(refused(str(path), "seats", seats, expected, _("none remembered")))
        return memory, problems

    def seats_for(self, scenario_id: str) -> dict[str, str]:
        """The seats last chosen for this scenario (delegation -> HUMAN_SEAT or profile)."""
        return dict(self.seats.get(scenario_id, {}))

    def remember(
        self,
        scenario_id: str,
        seats: dict[str, str],
        timer_minutes: int,
        forecasts: bool,
        password_used: bool,
        history: bool | None = None,
    ) -> None:
        """Keep this setup's choices; this scenario becomes the most recently used one.
        `history` is None for a scenario without a history excursion: the last choice stays
        remembered for the next one that has it."""
        self.seats.pop(scenario_id, None)
        self.seats[scenario_id] = dict(seats)
        while len(self.seats) > MAX_SCENARIOS:
            self.seats.pop(next(iter(self.seats)))
        self.timer_minutes = max(0, min(int(timer_minutes), MAX_TIMER_MINUTES))
        self.forecasts = bool(forecasts)
        self.password_used = bool(password_used)
        if history is not None:
            self.history = bool(history)

    def save(self, path: Path | None = None) -> None:
        """Write the file atomically; raises OSError if it cannot be written."""
        from game.atomic import write_text_atomic

        data = {
            "kind": MEMORY_KIND,
            "timer_minutes": self.timer_minutes,
            "forecasts": self.forecasts,
            "password_used": self.password_used,
            "history": self.history,
            "seats": self.seats,
        }
        write_text_atomic(path or config_dir() / MEMORY_NAME, json.dumps(data, indent=1) + "\n")


def _is_name(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_NAME


def _checked_seats(chosen: object) -> dict[str, str]:
    """The well-formed (delegation, seat) pairs of one scenario's record."""
    if not isinstance(chosen, dict) or len(chosen) > MAX_SEATS:
        return {}
    return {actor: seat for actor, seat in chosen.items() if _is_name(actor) and _is_name(seat)}
