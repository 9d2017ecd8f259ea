"""Number formatting shared by the terminal and the window: '42', '42.5', '+3', '-1.5'."""

from __future__ import annotations


def number(x: float) -> str:
    """A value as players see it: whole numbers without decimals, others to one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def signed(x: float) -> str:
    """A change with its sign: '+3', '-1.5'."""
    text = f"{x:+.1f}"
    return text[:-2] if text.endswith(".0") else text
