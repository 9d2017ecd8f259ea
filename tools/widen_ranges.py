#!/usr/bin/env python3
"""Give every uncertain amount of a scenario a range, by the project's convention.

    python tools/widen_ranges.py SCENARIO.yaml [--write]

Where an effect's confidence (its own, or else its owner's) is medium or low and an amount is
a fixed number, the amount becomes a range around it: medium confidence spans 25 % either
side, low confidence 50 % (rounded to tenths; the middle stays the number the scenario was
calibrated with). This is a convention, not evidence: a range a source gives should replace
it. Effects must be written as one-line flow mappings (`reaction: {tension: 6, ...}`), as the
bundled scenarios write them; others are listed and left alone. Without --write it prints
what it would change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.scenario.loader import load_scenario  # noqa: E402
from game.sim.lint import _effects_to_source  # noqa: E402

SPREAD = {"medium": 0.25, "low": 0.5}
PAIR = re.compile(r"(?P<key>[a-z][a-z0-9_.]*): (?P<value>-?\d+(?:\.\d+)?)(?=[,}])")


def widened(value: float, spread: float) -> str:
    a, b = round(value * (1 - spread), 1), round(value * (1 + spread), 1)
    low, high = min(a, b), max(a, b)
    return f"[{low:g}, {high:g}]"


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    write = "--write" in argv
    loaded = load_scenario(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = 0
    for effect_path, label, effect, owner in _effects_to_source(loaded):
        confidence = effect.confidence or getattr(owner, "confidence", None)
        if confidence not in SPREAD:
            continue
        n = loaded.line_of(effect_path) - 1
        line = lines[n]
        if "{" not in line or "}" not in line:
            print(f"{path}:{n + 1}: {label}: not a one-line mapping, left alone")
            continue
        head, _, rest = line.partition("{")
        body, _, tail = rest.rpartition("}")

        def repl(m: re.Match, spread: float = SPREAD[confidence]) -> str:
            key, value = m.group("key"), float(m.group("value"))
            if key in ("source", "confidence") or value == 0:
                return m.group(0)
            return f"{key}: {widened(value, spread)}"

        new_body = PAIR.sub(repl, body + "}")[:-1]
        if new_body != body:
            lines[n] = f"{head}{{{new_body}}}{tail}"
            changed += 1
            print(f"{path}:{n + 1}: {label} ({confidence}): {lines[n].strip()}")
    if write and changed:
        path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{changed} effect(s) {'widened' if write else 'to widen'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
