"""Author's warnings from a quick simulation, each pointing at the file and line it is about.

Validation says a scenario is well formed; lint says whether it plays well:
  - events whose condition never holds (so they can never be drawn),
  - measures never adopted,
  - outcome bands never reached,
  - indicators pinned at a bound at the end of most games,
  - a dominant strategy: one simple way of playing a delegation that beats every other in
    nearly every game.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.game import Game
from game.engine.state import Choice
from game.scenario.loader import LoadedScenario
from game.sim.batch import profile_combinations

PINNED_SHARE = 0.6  # pinned if at a bound at the end of more than this share of games
DOMINANT_SHARE = 0.9  # dominant if best in at least this share of paired games


@dataclass(frozen=True)
class Warning_:
    line: int
    path: str
    message: str

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: warning: {self.path}: {self.message}"


def lint(
    loaded: LoadedScenario, games: int = 300, strategy_games: int = 40, seed: int = 0
) -> list[Warning_]:
    s = loaded.scenario
    warnings: list[Warning_] = []
    combos = profile_combinations(loaded)
    held: Counter[str] = Counter()
    drawn: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    pinned: Counter[str] = Counter()
    book = None
    for i in range(games):
        game = Game(loaded, seed + i, (), combos[i % len(combos)])
        book = game.book
        while not game.over:
            facts = game.facts()
            for e in book.events:
                if e.when is None or e.when.evaluate(facts):
                    held[e.id] += 1
            report = game.resolve_turn()
            drawn.update(ev.event_id for ev in report.events)
        adopted.update(game.state.adopted)
        outcomes[game.result().outcome.id] += 1
        for key, value in game.state.values.items():
            low, high = book.bounds[key]
            if value <= low or value >= high:
                pinned[key] += 1

    # AI players are prudent; two extreme ways of playing explore the corners they avoid.
    extremes = max(20, games // 6)
    for style in ("hold", "push"):
        for i in range(extremes):
            game = _extreme_game(loaded, seed + 10_000 + i, style)
            outcomes[game.result().outcome.id] += 1
            adopted.update(game.state.adopted)
            drawn.update(ev.event_id for report in game.reports for ev in report.events)

    for i, e in enumerate(s.events):
        if drawn[e.id]:
            continue
        if not held[e.id]:
            warnings.append(
                Warning_(
                    loaded.line_of(("events", i, "when")),
                    f"events[{i}] {e.id}",
                    f"its condition never held in {games} AI games, so it is never drawn",
                )
            )
        else:  # the condition held, yet the event was never drawn
            warnings.append(
                Warning_(
                    loaded.line_of(("events", i)),
                    f"events[{i}] {e.id}",
                    f"never drawn in {games} AI games nor in {2 * extremes} all-hold or all-push games (weight too low next to the others?)",
                )
            )
    for i, m in enumerate(s.measures):
        if not adopted[m.id]:
            warnings.append(
                Warning_(
                    loaded.line_of(("measures", i)),
                    f"measures[{i}] {m.id}",
                    f"never adopted in {games} AI games (too costly, too slow, or blocked by prerequisites?)",
                )
            )
    for i, o in enumerate(s.outcomes):
        if not outcomes[o.id]:
            warnings.append(
                Warning_(
                    loaded.line_of(("outcomes", i)),
                    f"outcomes[{i}] {o.id}",
                    f"never reached in {games} AI games nor in {2 * extremes} games of all-hold or all-push play",
                )
            )
    for key, count in pinned.items():
        if key.startswith("capital."):
            continue  # capital is a budget: ending spent (or saved up to the cap) is normal
        if count > PINNED_SHARE * games:
            warnings.append(
                Warning_(
                    _indicator_line(loaded, key),
                    key,
                    f"ends at its minimum or maximum in {count / games:.0%} of AI games; effects may be too strong",
                )
            )
    warnings.extend(dominant_strategies(loaded, strategy_games, seed))
    first_line = _first_line(loaded.file)
    if first_line is not None and not first_line.startswith("# yaml-language-server: $schema="):
        warnings.append(
            Warning_(
                1,
                "(first line)",
                "no `# yaml-language-server: $schema=...` line: editors will not autocomplete keys or show their help",
            )
        )
    return sorted(warnings, key=lambda w: w.line)


def _first_line(file: str) -> str | None:
    """The file's first line (from its first 4 KB: a file of one enormous line is not read
    whole), or None if it cannot be read."""
    from game.reading import FileReadError, read_start

    try:
        start = read_start(file, 4096, "scenario file")
    except FileReadError:
        return None
    return start.decode("utf-8-sig", "replace").split("\n", 1)[0].strip()


def _extreme_game(loaded: LoadedScenario, seed: int, style: str) -> Game:
    """Every delegation holds on everything, or pushes everything it can afford, every turn."""
    delegations = list(loaded.scenario.delegations())
    game = Game(loaded, seed, delegations)
    while not game.over:
        for actor in delegations:
            chosen: dict[str, str] = {}
            if style == "push":
                options = game.options(actor)
                budget = options.capital
                rise = game.book.memo.setdefault(
                    "lint-tension-rise",
                    {
                        m.id: sum(a for k, a in m.on_adopt + m.reaction if k == "tension")
                        for m in game.book.measures
                    },
                )
                # most provocative first: this is the reckless corner of play
                for o in sorted(options.measures, key=lambda o: (-rise[o.measure_id], o.push_cost)):
                    if Choice.PUSH in o.choices and o.push_cost <= budget:
                        chosen[o.measure_id] = Choice.PUSH
                        budget -= o.push_cost
            game.submit(actor, chosen)
        game.resolve_turn()
    return game


def _indicator_line(loaded: LoadedScenario, key: str) -> int:
    kind, _, rest = key.partition(".")
    if kind in ("cooperation", "tension"):
        return loaded.line_of(("indicators", kind))
    if kind == "resilience":
        return loaded.line_of(("indicators", "resilience", rest))
    return loaded.line_of(("actors", rest, kind))


Strategy = Callable[[Game, str], dict[str, str]]


def strategies(loaded: LoadedScenario, actor: str) -> dict[str, Strategy | str]:
    """Simple ways to play a delegation: each AI profile, always hold, or push one measure whenever possible."""
    out: dict[str, Strategy | str] = {
        f"AI profile {name}": name for name in loaded.scenario.delegations()[actor].ai_profiles
    }
    out["always hold"] = lambda game, a: {}
    for m in loaded.scenario.measures:
        if actor in m.cost:
            out[f"push {m.id} whenever possible"] = lambda game, a, mid=m.id: (
                {mid: Choice.PUSH}
                if any(
                    o.measure_id == mid and Choice.PUSH in o.choices
                    for o in game.options(a).measures
                )
                else {}
            )
    return out


def play_strategy(loaded: LoadedScenario, actor: str, strategy: Strategy | str, seed: int) -> float:
    if isinstance(strategy, str):  # an AI profile
        game = Game(loaded, seed, (), {actor: strategy})
        while not game.over:
            game.resolve_turn()
    else:
        game = Game(loaded, seed, {actor})
        while not game.over:
            game.submit(actor, strategy(game, actor))
            game.resolve_turn()
    return game.result().delegations[actor].score


def dominant_strategies(loaded: LoadedScenario, games: int, seed: int = 0) -> list[Warning_]:
    """Warn when a simple, degenerate choice (hold everything, or push one measure whenever
    possible) gives a delegation a better score than every one of its AI profiles in nearly
    every game: then the scenario rewards not thinking."""
    warnings = []
    for actor in loaded.scenario.delegations():
        options = strategies(loaded, actor)
        scores = {
            name: [play_strategy(loaded, actor, strat, seed + i) for i in range(games)]
            for name, strat in options.items()
        }
        profiles = [name for name, strat in options.items() if isinstance(strat, str)]
        for name, strat in options.items():
            if isinstance(strat, str):
                continue
            wins = sum(
                1 for i in range(games) if all(scores[name][i] > scores[p][i] for p in profiles)
            )
            if wins >= DOMINANT_SHARE * games:
                warnings.append(
                    Warning_(
                        loaded.line_of(("actors", actor)),
                        f"actors.{actor}",
                        f"dominant strategy: '{name}' beats every AI profile of {actor} in {wins}/{games} games; "
                        "make the other choices pay off sometimes",
                    )
                )
    return warnings
