"""Located errors: every problem with a scenario names file, line, column, key path and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

PathPart = str | int

# Problems given in full per file; past this many a line counts the rest. A file of 90,000
# unknown keys gets 100 located lines and a count, not 90,000 lines that no one reads.
MAX_PROBLEMS = 100


def format_path(path: Sequence[PathPart]) -> str:
    """`('measures', 2, 'cost')` -> `measures[2].cost`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A ' did you mean `x`?' suffix for a misspelt name, or '' when nothing is close."""
    close = difflib.get_close_matches(str(name), sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def shortened(text: str, limit: int = 24) -> str:
    """`text` as it can be quoted in a message: whole when short, else its two ends and length."""
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}...{text[-4:]} ({len(text)} characters)"


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    names = sorted(set(choices))
    shown = ", ".join(f"`{c}`" for c in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a place in it.

    An error (the default) stops the file from loading; a warning does not, and is printed
    as `file:line:column: warning: key.path: message`.
    """

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    path: tuple[PathPart, ...]
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        kind = " warning:" if self.severity == "warning" else ""
        key = f" {format_path(self.path)}:" if self.path else ""
        return f"{where}:{kind}{key} {self.message}"


def capped_lines(
    problems: Sequence[Problem], name: str, what: str = "problems", more: int = 0
) -> list[str]:
    """The first MAX_PROBLEMS of `problems` as lines, then one line counting the rest (and
    `more` found but not detailed): "FILE: and 1,234 more problems (the first 100 are shown)"."""
    lines = [str(p) for p in problems[:MAX_PROBLEMS]]
    rest = len(problems) - len(lines) + more
    if rest > 0:
        lines.append(f"{name}: and {rest:,} more {what} (the first {len(lines)} are shown)")
    return lines


class ScenarioError(Exception):
    """A scenario file could not be loaded; `problems` lists the located reasons, in file
    order, at most MAX_PROBLEMS of them in full, and `more` counts those found beyond."""

    def __init__(self, problems: Sequence[Problem], more: int = 0):
        self.problems = list(problems)
        self.more = more
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """The problems as lines to print, capped (see `capped_lines`)."""
        name = self.problems[0].file if self.problems else "scenario"
        return capped_lines(self.problems, name, "problems", self.more)
