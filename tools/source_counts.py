#!/usr/bin/env python3
"""How many of a scenario's effects, events and injects name a source and a confidence.

python tools/source_counts.py SCENARIO.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.scenario.loader import load_scenario  # noqa: E402


def main(path: str) -> None:
    s = load_scenario(path).scenario
    rows = {"measure effects": [], "events": [], "injects": [], "campaign stages": []}
    for m in s.measures:
        for key in ("on_adopt", "in_force", "reaction"):
            e = getattr(m, key)
            if e is not None and e.changes:
                rows["measure effects"].append(
                    (e.source or m.source, e.confidence or m.confidence, e)
                )
    for ev in s.events:
        rows["events"].append(
            (ev.hit.source or ev.source, ev.hit.confidence or ev.confidence, ev.hit)
        )
    for inj in s.injects:
        e = inj.effects
        rows["injects"].append(
            (
                (e.source if e else None) or inj.source,
                (e.confidence if e else None) or inj.confidence,
                e,
            )
        )
    for stage in getattr(s.red_cell()[1].policy, "campaign", []):
        rows["campaign stages"].append(
            (
                stage.effect.source or stage.source,
                stage.effect.confidence or stage.confidence,
                stage.effect,
            )
        )
    used = {src for items in rows.values() for src, _, _ in items if src}
    print(f"{path}")
    for name, items in rows.items():
        sourced = sum(1 for src, _, _ in items if src)
        confident = sum(1 for _, c, _ in items if c)
        ranged = sum(
            1
            for _, _, e in items
            if e is not None
            and any(isinstance(v, tuple) for v in getattr(e, "ranges", e.changes).values())
        )
        print(
            f"  {name}: {len(items)}; with a source {sourced}; with a confidence {confident}; with a range {ranged}"
        )
    unused = [src.id for src in s.sources if src.id not in used]
    print(f"  sources listed {len(s.sources)}; used by no effect: {', '.join(unused) or 'none'}")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
