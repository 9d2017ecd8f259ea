"""Terminal tables whose text columns wrap instead of being cut.

Titles in `simulate`, the scorecard and the terminal game can be as long as a scenario allows
(120 characters); a fixed-width column that cut them would hide the end of the text. Here a
long label continues on the next lines, indented, so every word can be read.
"""

from __future__ import annotations

import textwrap


def wrap_label(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, the continuation lines indented by two
    spaces; nothing is dropped (a word longer than a line is split across lines)."""
    text = " ".join(text.split())
    return textwrap.wrap(
        text, width, subsequent_indent="  ", break_long_words=True, break_on_hyphens=False
    ) or [""]


def row(label: str, rest: str, width: int, indent: str = "  ") -> list[str]:
    """A table row: `label` wrapped in a column of `width`, `rest` (the figures) beside its
    first line."""
    lines = wrap_label(label, width)
    first = f"{indent}{lines[0]:<{width}} {rest}" if rest else f"{indent}{lines[0]}"
    return [first, *(f"{indent}{line}" for line in lines[1:])]


def headers(titles: list[str], width: int) -> list[str]:
    """Column headings right-aligned in columns of `width`, each wrapped to `width - 1`
    characters over as many lines as the longest needs (bottom-aligned, so the last line of
    every heading sits just above its figures)."""
    wrapped = [
        textwrap.wrap(t, width - 1, break_long_words=True, break_on_hyphens=False) or [""]
        for t in titles
    ]
    height = max((len(w) for w in wrapped), default=0)
    padded = [[""] * (height - len(w)) + w for w in wrapped]
    return ["".join(f"{col[i]:>{width}}" for col in padded) for i in range(height)]
