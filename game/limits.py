"""Bounds on the numbers people type and files hold, shared by the engine, the terminal, the
window and the command line, and the one sentence that says a number is not acceptable.

Every number that comes from outside (a facilitator command, a settings or session file) is
read with `decimal_in_range` or `read_decimal`: plain decimal notation in ASCII digits only,
finite, within the bounds given. Python's own `float()` would accept 'inf', 'nan', '1e400'
(infinity), '1_000' and digits of other scripts ('١٢').
"""

from __future__ import annotations

import math
import re

MAX_TIMER_MINUTES = 999  # the window's setup takes three digits
MAX_TIMER_SECONDS = MAX_TIMER_MINUTES * 60.0
MAX_ADJUSTMENT = 100.0  # a facilitator's change to an indicator, either way
MAX_SEED = 2**63 - 1  # seeds are stored as signed 64-bit integers (saves, numpy)
MAX_RUNS = 100_000  # AI games one report or simulation plays: minutes, not days

ADJUSTMENT = "an adjustment"  # what `number_problem` calls a facilitator's amount
TIMER = "a turn timer (in minutes)"

_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]{0,15})?|\.[0-9]{1,15})")


def decimal_in_range(text: str, low: float, high: float) -> float | None:
    """`text` as a number when it is a plain decimal (like `5`, `-2.5`, `.5`) from `low` to
    `high`; None for anything else."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    value = float(text)
    return value if low <= value <= high else None


def number_problem(what: str, low: float, high: float, found: object) -> str:
    """The one sentence for a number that is not acceptable, wherever it was given: e.g.
    "an adjustment must be a number from -100 to 100, not 'abc'"."""
    return f"{what} must be a number from {low:g} to {high:g}, not {shown_value(found)}"


def read_decimal(text: str, low: float, high: float, what: str) -> float:
    """`text` as a number by `decimal_in_range`; raises ValueError with `number_problem`'s
    sentence otherwise."""
    value = decimal_in_range(text, low, high)
    if value is None:
        raise ValueError(number_problem(what, low, high, text.strip()))
    return value


def read_adjustment(text: str) -> float:
    """A facilitator's adjustment as typed (terminal or window); raises ValueError with the
    sentence the engine would give for the same amount."""
    return read_decimal(text, -MAX_ADJUSTMENT, MAX_ADJUSTMENT, ADJUSTMENT)


def shown_value(found: object, limit: int = 40) -> str:
    """A value as a message quotes it: numbers plainly, anything else as a quoted, shortened
    representation (a pasted page of text is not echoed whole)."""
    if isinstance(found, float) and not isinstance(found, bool):
        return f"{found:g}"
    if isinstance(found, str):
        return repr(found if len(found) <= limit else found[: limit - 1] + "…")
    text = repr(found)
    return text if len(text) <= limit else text[: limit - 4] + "..."


def finite_in_range(value: object, low: float, high: float) -> float | None:
    """A number read from a file (int or float, not bool) when it is finite and from `low` to
    `high`; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) and low <= number <= high else None
