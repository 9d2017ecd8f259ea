"""Tooltip text with a little markup: bold terms and signed numbers in the colour of their meaning.

A marked text is plain text with three kinds of marks:

- `**Regional tension**`: a bold run (terms, headings);
- `[good]+5[/]`, `[bad]-0.5[/]`, `[warn]...[/]`, `[dim]...[/]`: a run in the palette's good,
  bad, warning or dimmed text colour (signed numbers say which way they are good; the
  delegations' colours are for their names only, never for numbers);
- a backslash takes the next character as it is (`\\*`, `\\[`, `\\\\`).

Whatever comes from a scenario, a save or a translation goes in through `esc` (or `bold`,
`tone`), so text of any origin is never read as marks. `plain` gives the text back without its
marks: `plain(esc(t)) == t` for every `t`. The Painter draws marked text with its own fonts
(the CJK fallback chain and BudouX line breaking included): `Painter.tooltip`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.formatting import signed

TONES = ("good", "bad", "warn", "dim")
_TOKEN = re.compile(r"\\(.)|\*\*|\[(good|bad|warn|dim|/)\]", re.DOTALL)


def esc(text: str) -> str:
    """`text` as marked text that shows exactly `text`."""
    return re.sub(r"([\\*\[])", r"\\\1", text)


def bold(text: str) -> str:
    return f"**{esc(text)}**"


def tone(text: str, kind: str | None) -> str:
    """`text` in the colour of `kind` (one of TONES), or as it is for None."""
    if kind is None:
        return esc(text)
    if kind not in TONES:
        raise ValueError(f"unknown tone {kind!r}")
    return f"[{kind}]{esc(text)}[/]"


def direction(value: float, up_is_good: bool = True) -> str | None:
    """'good', 'bad', or None for no change: which way a change of `value` moved things."""
    if not value or signed(value) == "0":
        return None
    return "good" if (value > 0) == up_is_good else "bad"


def signed_tone(value: float, up_is_good: bool = True, text: str | None = None) -> str:
    """A change as '+5' or '-0.5' in the good or bad colour (bold, so the colour reads); `text`
    instead of the number when given (a range: '+4 to +8')."""
    shown = signed(value) if text is None else text
    kind = direction(value, up_is_good)
    return f"**{tone(shown, kind)}**" if kind else esc(shown)


@dataclass(frozen=True)
class Run:
    """A piece of a line drawn in one style."""

    text: str
    bold: bool = False
    tone: str | None = None


def runs(marked: str) -> list[list[Run]]:
    """The paragraphs of `marked` (split at line breaks), each as runs of one style."""
    paragraphs: list[list[Run]] = [[]]
    is_bold, tones = False, []
    piece: list[str] = []

    def flush() -> None:
        if piece:
            paragraphs[-1].append(Run("".join(piece), is_bold, tones[-1] if tones else None))
            piece.clear()

    pos = 0
    for match in _TOKEN.finditer(marked):
        piece.append(marked[pos : match.start()])
        pos = match.end()
        literal, kind = match.group(1), match.group(2)
        if literal is not None:
            piece.append(literal)
            continue
        flush()
        if kind is None:
            is_bold = not is_bold
        elif kind == "/":
            if tones:
                tones.pop()
        else:
            tones.append(kind)
    piece.append(marked[pos:])
    flush()
    out: list[list[Run]] = []
    for paragraph in paragraphs:  # line breaks end paragraphs, whatever run they are in
        lines: list[list[Run]] = [[]]
        for run in paragraph:
            parts = run.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append(Run(part, run.bold, run.tone))
        out.extend(lines)
    return out


def plain(marked: str) -> str:
    """`marked` without its marks."""
    return "\n".join("".join(r.text for r in paragraph) for paragraph in runs(marked))
