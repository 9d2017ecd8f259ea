"""Bounds on the numbers people type and files hold, shared by the terminal and the window.

Every number that comes from outside (a facilitator command, a settings or session file) is
read with `decimal_in_range`: plain decimal notation only, finite, within the bounds given.
Python's own `float()` would accept 'inf', 'nan', '1e400' (infinity) and '1_000'.
"""

from __future__ import annotations

import math
import re

MAX_TIMER_MINUTES = 999  # the window's setup takes three digits
MAX_TIMER_SECONDS = MAX_TIMER_MINUTES * 60.0

_DECIMAL = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d{0,15})?|\.\d{1,15})")


def decimal_in_range(text: str, low: float, high: float) -> float | None:
    """`text` as a number when it is a plain decimal (like `5`, `-2.5`, `.5`) from `low` to
    `high`; None for anything else."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    value = float(text)
    return value if low <= value <= high else None


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
