"""Summarise a mutmut pass for docs/mutation.md.

Run from the folder where `mutmut run` ran (it reads `mutants/**/*.meta`):

    python tools/mutation_summary.py            # totals, per file, survivors by function
    python tools/mutation_summary.py --diffs    # and each survivor's changed lines

The statuses are mutmut's own (`mutmut results` names the same mutants); the score is the
share of checked mutants that a test killed (timeouts count as killed, as mutmut counts them).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

STATUS = {
    0: "survived",
    1: "killed",
    3: "killed",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    37: "caught by type check",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    None: "not checked",
}
KILLED = {"killed", "timeout", "caught by type check"}


def statuses(root: Path) -> dict[str, str]:
    """Mutant name -> status, over every `.meta` file under `root/mutants`."""
    out: dict[str, str] = {}
    for meta in sorted((root / "mutants").rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            out[name] = STATUS.get(code, "suspicious")
    return out


def function_of(mutant: str) -> str:
    """`game.engine.ledger.x_movements__mutmut_3` -> `game.engine.ledger.movements`."""
    module, _, local = mutant.rpartition(".")
    local = local.rsplit("__mutmut_", 1)[0]
    local = local.removeprefix("x_").replace("ǁ", ".").lstrip(".")
    return f"{module}.{local}"


def changed_lines(root: Path, mutant: str) -> list[str]:
    """The lines a mutant changes: its function in mutmut's copy against the original."""
    module, _, local = mutant.rpartition(".")
    source = root / "mutants" / (module.replace(".", "/") + ".py")
    functions = _functions(source)
    original = functions.get(local.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
    changed = functions.get(local)
    if original is None or changed is None:
        return []
    diff = difflib.unified_diff(original[1:], changed[1:], lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


_PARSED: dict[Path, dict[str, list[str]]] = {}


def _functions(source: Path) -> dict[str, list[str]]:
    """Every function defined in `source` (at any depth), by name, as its lines."""
    if source not in _PARSED:
        text = source.read_text(encoding="utf-8")
        lines = text.splitlines()
        found: dict[str, list[str]] = {}
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                found[node.name] = lines[node.lineno - 1 : node.end_lineno]
        _PARSED[source] = found
    return _PARSED[source]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--diffs", action="store_true", help="show each survivor's change")
    args = parser.parse_args(argv)
    found = statuses(args.root)
    if not found:
        print(f"no mutmut results under {args.root / 'mutants'}", file=sys.stderr)
        return 1
    counts = Counter(found.values())
    checked = sum(n for s, n in counts.items() if s not in {"not checked", "no tests"})
    killed = sum(counts[s] for s in KILLED)
    print(
        f"{len(found)} mutants; {checked} checked; {killed} killed "
        f"({100 * killed / max(checked, 1):.1f} % of those checked)"
    )
    for status, n in counts.most_common():
        print(f"- {status}: {n}")
    by_file: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in found.items():
        by_file[name.split(".x")[0].rsplit(".", 1)[0] if ".x" in name else name][status] += 1
    print("\n| module | mutants | killed | survived | score |\n|---|---|---|---|---|")
    for module, c in sorted(by_file.items()):
        total = sum(c.values())
        k = sum(c[s] for s in KILLED)
        tried = total - c["not checked"] - c["no tests"]
        print(f"| `{module}` | {total} | {k} | {c['survived']} | {100 * k / max(tried, 1):.1f} % |")
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, status in found.items():
        if status in {"survived", "no tests", "suspicious"}:
            survivors[function_of(name)].append(name)
    print("\nSurvivors by function:")
    for function, names in sorted(survivors.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"- `{function}`: {len(names)}")
        if args.diffs:
            for name in sorted(names, key=lambda n: int(n.rsplit("_", 1)[1])):
                lines = changed_lines(args.root, name)
                print(
                    f"  - `{name.rsplit('__mutmut_', 1)[1]}`: "
                    + " / ".join(f"`{line.strip()}`" for line in lines[:2])
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
