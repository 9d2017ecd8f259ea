"""Number formatting shared by the terminal and the window: '42', '42.5', '+3', '-1.5'."""

from __future__ import annotations


def number(x: float) -> str:
    """A value as players see it: whole numbers without decimals, others to one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def signed(x: float) -> str:
    """A change with its sign: '+3', '-1.5'; a change that rounds to nothing is '0' (never
    '-0' or '+0': a sum of tenths such as -2.8 + 2.8 can come out as -0.0000001)."""
    text = f"{x:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0"
    return text[:-2] if text.endswith(".0") else text
