"""Author's warnings from a quick simulation, each pointing at the file and line it is about.

Validation says a scenario is well formed; lint says whether it plays well and teaches what it
should. It plays AI games, games of every fixed team strategy (`game.sim.strategies`), games
of each AI profile, and the games of the dominance check, and warns about:
  - events whose condition never holds (so they can never be drawn), or that are never drawn;
  - events that a measure switches off entirely (`not in_force('x')` as a condition): a
    measure should blunt them with `shields` instead;
  - measures adopted in more than 95 % or fewer than 5 % of AI games;
  - outcome bands never reached;
  - indicators pinned at a bound at the end of most games;
  - a game ending in crisis that scores as well as a game without one (shared or own score);
  - a delegation whose AI profiles barely change the shared score (nothing to decide);
  - push-all as the best fixed team strategy for a delegation's own score;
  - a dominant strategy: one simple way of playing a delegation that beats every one of its
    AI profiles in nearly every game.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from game.engine.game import Game
from game.engine.scoring import GameResult
from game.engine.state import Choice
from game.scenario.expressions import Node
from game.scenario.loader import LoadedScenario
from game.scenario.models import Effect, Strict
from game.sim.batch import profile_combinations
from game.sim.strategies import STRATEGIES, play_strategy_game

PINNED_SHARE = 0.6  # pinned if at a bound at the end of more than this share of games
DOMINANT_SHARE = 0.9  # dominant if best in at least this share of paired games
# A measure adopted in more AI games than this is no choice; in fewer, hardly an option.
ADOPTED_MOST, ADOPTED_FEW = 0.95, 0.05
# A delegation whose AI profiles move the mean shared score less than this has nothing to decide.
PROFILE_SPREAD = 1.0
RECKLESS = "push-all"  # the fixed strategy that must not be the best for anyone's own score


@dataclass(frozen=True)
class Warning_:
    line: int
    path: str
    message: str

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: warning: {self.path}: {self.message}"


@dataclass
class _Scores:
    """Every game's crisis flag with its shared and own scores, whoever played it."""

    shared: list[tuple[bool, float]] = field(default_factory=list)
    own: dict[str, list[tuple[bool, float]]] = field(default_factory=dict)

    def add(self, game: Game) -> GameResult:
        """Count a finished game; returns its result."""
        result = game.result()
        self.shared.append((result.crisis, result.shared.score))
        for actor, score in result.delegations.items():
            self.own.setdefault(actor, []).append((result.crisis, score.score))
        return result


def lint(
    loaded: LoadedScenario, games: int = 1000, strategy_games: int = 200, seed: int = 0
) -> list[Warning_]:
    """Every warning for `loaded`, in the order of the lines they point at. `games` AI games
    (and as many per AI profile in the profile check); `strategy_games` games per fixed team
    strategy and per strategy of the dominance check."""
    s = loaded.scenario
    warnings: list[Warning_] = []
    combos = profile_combinations(loaded)
    held: Counter[str] = Counter()
    drawn: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    pinned: Counter[str] = Counter()
    scores = _Scores()
    for i in range(games):
        game = Game(loaded, seed + i, (), combos[i % len(combos)])
        book = game.book
        while not game.over:
            facts = game.facts()
            for rule in book.events:
                if rule.when is None or rule.when.evaluate(facts):
                    held[rule.id] += 1
            report = game.resolve_turn()
            assert report is not None  # a game that keeps its record reports every turn
            drawn.update(ev.event_id for ev in report.events)
        adopted.update(list(game.state.adopted))  # the ids: a mapping would add its turns
        outcomes[scores.add(game).outcome.id] += 1
        for key, value in game.state.values.items():
            low, high = book.bounds[key]
            if value <= low or value >= high:
                pinned[key] += 1

    # AI players are prudent; fixed team strategies explore the corners they avoid, from
    # holding on everything to pushing the most provocative measures first.
    own_by_strategy: dict[str, dict[str, float]] = {}
    for name in STRATEGIES:
        totals: defaultdict[str, float] = defaultdict(float)
        for i in range(strategy_games):
            game = play_strategy_game(loaded, seed + i, name, record=True)
            result = scores.add(game)
            outcomes[result.outcome.id] += 1
            drawn.update(ev.event_id for report in game.reports for ev in report.events)
            for actor, score in result.delegations.items():
                totals[actor] += score.score
        own_by_strategy[name] = {a: totals[a] / strategy_games for a in s.delegations()}
    strategy_total = len(STRATEGIES) * strategy_games

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
                    f"never drawn in {games} AI games nor in {strategy_total} games of fixed team strategies (weight too low next to the others?)",
                )
            )
    warnings.extend(switched_off_events(loaded))
    warnings.extend(unsourced(loaded))
    warnings.extend(dates_outside_window(loaded))
    for i, m in enumerate(s.measures):
        rate = adopted[m.id] / games
        if rate > ADOPTED_MOST:
            why = "every team takes it, so it is no decision (too cheap or too rewarding?)"
        elif rate < ADOPTED_FEW:
            why = "hardly an option (too costly, too slow, or blocked by prerequisites?)"
        else:
            continue
        warnings.append(
            Warning_(
                loaded.line_of(("measures", i)),
                f"measures[{i}] {m.id}",
                f"adopted in {_percent(rate)} of {games} AI games: {why}",
            )
        )
    for i, o in enumerate(s.outcomes):
        if not outcomes[o.id]:
            warnings.append(
                Warning_(
                    loaded.line_of(("outcomes", i)),
                    f"outcomes[{i}] {o.id}",
                    f"never reached in {games} AI games nor in {strategy_total} games of fixed team strategies",
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
    warnings.extend(reckless_best(loaded, own_by_strategy, strategy_games))
    warnings.extend(idle_profiles(loaded, games, seed, scores))
    warnings.extend(dominant_strategies(loaded, strategy_games, seed, scores))
    warnings.extend(crisis_pays(loaded, scores))
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


def _percent(share: float) -> str:
    """A share as a percentage, with a decimal below 10 % (where 4.6 % and 5 % differ)."""
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"


def _first_line(file: str) -> str | None:
    """The file's first line (from its first 4 KB: a file of one enormous line is not read
    whole), or None if it cannot be read."""
    from game.reading import FileReadError, read_start

    try:
        start = read_start(file, 4096, "scenario file")
    except FileReadError:
        return None
    return start.decode("utf-8-sig", "replace").split("\n", 1)[0].strip()


def _indicator_line(loaded: LoadedScenario, key: str) -> int:
    kind, _, rest = key.partition(".")
    if kind in ("cooperation", "tension"):
        return loaded.line_of(("indicators", kind))
    if kind == "resilience":
        return loaded.line_of(("indicators", "resilience", rest))
    return loaded.line_of(("actors", rest, kind))


# --- a crisis must be a loss ------------------------------------------------------------------


def crisis_pays(loaded: LoadedScenario, scores: _Scores) -> list[Warning_]:
    """Warn when any game that ended in crisis scored at least as well as the worst game that
    did not, for the shared score or a delegation's own: then a class can learn that a crisis
    is an acceptable price."""
    delegations = loaded.scenario.delegations()
    checks: list[tuple[str, tuple[str, ...], str, list[tuple[bool, float]]]] = [
        ("shared score", ("rules", "scoring"), "rules.scoring", scores.shared)
    ]
    checks += [
        (
            f"{d.title}'s own score",
            ("actors", a, "objectives"),
            f"actors.{a}.objectives",
            scores.own.get(a, []),
        )
        for a, d in delegations.items()
    ]
    warnings = []
    for what, path, name, games in checks:
        crisis = [score for was_crisis, score in games if was_crisis]
        calm = [score for was_crisis, score in games if not was_crisis]
        if crisis and calm and max(crisis) >= min(calm):
            outscoring = sum(1 for score in crisis if score >= min(calm))
            warnings.append(
                Warning_(
                    loaded.line_of(path),
                    name,
                    f"crisis games outscore calm ones: a game that ended in crisis scored "
                    f"{max(crisis):.1f} ({what}), the worst game without a crisis {min(calm):.1f} "
                    f"({outscoring} of {len(crisis)} crisis games at or above it); a crisis must "
                    "score below every game without one",
                )
            )
    return warnings


# --- every delegation decides -----------------------------------------------------------------


def idle_profiles(
    loaded: LoadedScenario, games: int, seed: int = 0, scores: _Scores | None = None
) -> list[Warning_]:
    """Warn when a delegation's AI profiles (each with the others at their defaults, over the
    same seeds) change the mean shared score by less than PROFILE_SPREAD: how it plays does
    not matter, so its players have nothing to decide."""
    warnings = []
    for actor, delegation in loaded.scenario.delegations().items():
        names = list(delegation.ai_profiles)
        if len(names) < 2:
            continue  # one way of playing: nothing to compare
        means = {}
        for name in names:
            total = 0.0
            for i in range(games):
                game = Game(loaded, seed + i, (), {actor: name}, record=False)
                while not game.state.over:
                    game.resolve_turn()
                total += game.result().shared.score
                if scores is not None:
                    scores.add(game)
            means[name] = total / games
        if max(means.values()) - min(means.values()) < PROFILE_SPREAD:
            shown = ", ".join(f"{n} {m:.1f}" for n, m in means.items())
            warnings.append(
                Warning_(
                    loaded.line_of(("actors", actor, "ai_profiles")),
                    f"actors.{actor}.ai_profiles",
                    f"the AI profiles of {delegation.title} change the mean shared score by "
                    f"less than {PROFILE_SPREAD:g} point ({shown}; {games} games each, the others "
                    f"at their default profiles): how {delegation.title} plays hardly matters; "
                    "give it choices of its own",
                )
            )
    return warnings


def reckless_best(
    loaded: LoadedScenario, own_by_strategy: dict[str, dict[str, float]], games: int
) -> list[Warning_]:
    """Warn when push-all is the fixed team strategy with the best mean own score for a
    delegation: the scenario rewards pushing everything. Ties go to the strategy listed
    first in STRATEGIES (hold, then push-all, ...): push-all tied with hold is no warning,
    push-all tied with a later one is."""
    warnings = []
    for actor, delegation in loaded.scenario.delegations().items():
        ranked = sorted(own_by_strategy, key=lambda n: -own_by_strategy[n][actor])
        if len(ranked) < 2 or ranked[0] != RECKLESS:
            continue
        second = ranked[1]
        warnings.append(
            Warning_(
                loaded.line_of(("actors", actor)),
                f"actors.{actor}",
                f"the best fixed team strategy for {delegation.title}'s own score is {RECKLESS} "
                f"(mean {own_by_strategy[RECKLESS][actor]:.1f}; next {second} "
                f"{own_by_strategy[second][actor]:.1f}, over {games} games each): the scenario "
                "rewards pushing everything",
            )
        )
    return warnings


# --- events a measure switches off --------------------------------------------------------------


def _conjuncts(node: Node) -> Iterator[Node]:
    """The parts of a parsed condition joined by `and` at its top level."""
    if node[0] == "and":
        yield from _conjuncts(node[2])
        yield from _conjuncts(node[3])
    else:
        yield node


def _measures_ruled_out(node: Node) -> Iterator[tuple[str, str]]:
    """(function, measure) for each `not adopted('x')` / `not in_force('x')` among the top-level
    conjuncts of a parsed condition (`not (adopted('x') or in_force('y'))` counts both)."""
    for part in _conjuncts(node):
        if part[0] != "not":
            continue
        stack = [part[2]]
        while stack:
            inner = stack.pop()
            if inner[0] == "or":
                stack += [inner[3], inner[2]]
            elif inner[0] == "call" and inner[2] in ("adopted", "in_force"):
                yield inner[2], inner[3]


def _effects_to_source(
    loaded: LoadedScenario,
) -> Iterator[tuple[tuple[str | int, ...], str, Effect, Strict | None]]:
    """Every effect a source and a confidence should stand behind (the drift included), with
    the item that owns it (whose `source` and `confidence` it inherits when it gives none of
    its own; None for the drift, which has no owner)."""
    s = loaded.scenario
    for i, m in enumerate(s.measures):
        for key in ("on_adopt", "in_force", "reaction"):
            effect = getattr(m, key)
            if effect is not None and effect.changes:
                yield ("measures", i, key), f"measures[{i}] {m.id}: {key}", effect, m
    for i, e in enumerate(s.events):
        yield ("events", i, "hit"), f"events[{i}] {e.id}", e.hit, e
    for i, inj in enumerate(s.injects):
        if inj.effects is not None and inj.effects.changes:
            yield ("injects", i, "effects"), f"injects[{i}] {inj.id}", inj.effects, inj
    if s.rules.drift is not None and s.rules.drift.changes:
        yield ("rules", "drift"), "rules.drift", s.rules.drift, None
    red_id, red = s.red_cell()
    for i, stage in enumerate(red.policy.campaign):
        path = ("actors", red_id, "policy", "campaign", i)
        yield path + ("effect",), f"actors.{red_id}.policy.campaign[{i}]", stage.effect, stage


def unsourced(loaded: LoadedScenario) -> list[Warning_]:
    """An effect, red-cell response, event, inject or campaign stage with no source or no
    confidence (its own or its owner's), and an uncertain (low or medium confidence) effect
    whose sizes are fixed numbers rather than ranges."""
    warnings = []
    for path, label, effect, owner in _effects_to_source(loaded):
        source = effect.source or getattr(owner, "source", None)
        confidence = effect.confidence or getattr(owner, "confidence", None)
        missing = [
            what for what, have in (("source", source), ("confidence", confidence)) if not have
        ]
        line = loaded.line_of(path)
        if missing:
            warnings.append(
                Warning_(
                    line,
                    label,
                    f"no {' and no '.join(missing)}: say where the numbers come from (an id "
                    'from `sources`, or a source whose note says "design judgement") and '
                    "how sure you are (high, medium or low)",
                )
            )
        if confidence in ("low", "medium"):
            fixed = [k for k, v in effect.ranges.items() if not isinstance(v, tuple) and v]
            if fixed:
                warnings.append(
                    Warning_(
                        line,
                        label,
                        f"{confidence} confidence, yet {', '.join(f'`{k}`' for k in fixed)} "
                        f"{'is a fixed number' if len(fixed) == 1 else 'are fixed numbers'}: "
                        "give an uncertain size as a range `[low, high]` (each game draws from "
                        "it), or raise the confidence if a source supports the number",
                    )
                )
    return warnings


def dates_outside_window(loaded: LoadedScenario) -> list[Warning_]:
    """A dated inject whose date falls outside the turns of the scenario's calendar: it never
    fires (and a history excursion should hold only what happened in its window)."""
    from game.scenario.references import turn_of_date

    s = loaded.scenario
    warnings = []
    for i, inj in enumerate(s.injects):
        if inj.date is None or s.calendar is None or turn_of_date(s, inj.date) is not None:
            continue
        warnings.append(
            Warning_(
                loaded.line_of(("injects", i, "date")),
                f"injects[{i}] {inj.id}",
                f"dated {inj.date}, outside the scenario's window (turn 1 begins "
                f"{s.calendar.start}; {s.turns} turns of {s.calendar.months_per_turn} "
                f"month{'s' if s.calendar.months_per_turn != 1 else ''}): it never fires",
            )
        )
    return warnings


def switched_off_events(loaded: LoadedScenario) -> list[Warning_]:
    """Warn about events whose `when` switches them off entirely once a measure is adopted or
    while it is in force: a measure should blunt the red cell's actions (`shields`), never
    make them impossible."""
    from game.scenario.expressions import ExpressionError, _Parser

    warnings = []
    for i, e in enumerate(loaded.scenario.events):
        if not e.when:
            continue
        try:
            tree = _Parser(e.when).parse()
        except ExpressionError:  # pragma: no cover - the loader has already parsed it
            continue
        for func, measure in _measures_ruled_out(tree):
            while_ = "once it is adopted" if func == "adopted" else "while it is in force"
            warnings.append(
                Warning_(
                    loaded.line_of(("events", i, "when")),
                    f"events[{i}] {e.id}",
                    f"`not {func}('{measure}')` switches this event off entirely {while_}; "
                    f"blunt it instead: drop the condition and give {measure} "
                    f"`shields: {{{e.domain}: SHARE}}` (the share of the damage of "
                    f"{e.domain} events it takes away, e.g. 0.5)",
                )
            )
    return warnings


# --- dominant strategies of one delegation --------------------------------------------------------

Strategy = Callable[[Game, str], Mapping[str, str]]


def strategies(loaded: LoadedScenario, actor: str) -> dict[str, Strategy | str]:
    """Simple ways to play a delegation: each AI profile, always hold, or push one measure whenever possible."""
    out: dict[str, Strategy | str] = {
        f"AI profile {name}": name for name in loaded.scenario.delegations()[actor].ai_profiles
    }
    out["always hold"] = lambda game, a: {}
    for m in loaded.scenario.measures:
        if actor in m.cost:
            out[f"push {m.id} whenever possible"] = _push_whenever_possible(m.id)
    return out


def _push_whenever_possible(mid: str) -> Strategy:
    def push(game: Game, a: str) -> dict[str, str]:
        if any(o.measure_id == mid and Choice.PUSH in o.choices for o in game.options(a).measures):
            return {mid: Choice.PUSH}
        return {}

    return push


def play_strategy(loaded: LoadedScenario, actor: str, strategy: Strategy | str, seed: int) -> Game:
    """A game in which `actor` plays `strategy` (an AI profile's name, or a function) and the
    other delegations their default AI."""
    if isinstance(strategy, str):  # an AI profile
        game = Game(loaded, seed, (), {actor: strategy}, record=False)
        while not game.over:
            game.resolve_turn()
    else:
        game = Game(loaded, seed, {actor}, record=False)
        while not game.over:
            game.submit(actor, strategy(game, actor))
            game.resolve_turn()
    return game


def dominant_strategies(
    loaded: LoadedScenario, games: int, seed: int = 0, scores: _Scores | None = None
) -> list[Warning_]:
    """Warn when a simple, degenerate choice (hold everything, or push one measure whenever
    possible) gives a delegation a better score than every one of its AI profiles in nearly
    every game: then the scenario rewards not thinking."""
    warnings = []
    for actor in loaded.scenario.delegations():
        options = strategies(loaded, actor)
        own: dict[str, list[float]] = {}
        for name, strat in options.items():
            own[name] = []
            for i in range(games):
                game = play_strategy(loaded, actor, strat, seed + i)
                own[name].append(game.result().delegations[actor].score)
                if scores is not None:
                    scores.add(game)
        profiles = [name for name, strat in options.items() if isinstance(strat, str)]
        for name, strat in options.items():
            if isinstance(strat, str):
                continue
            wins = sum(1 for i in range(games) if all(own[name][i] > own[p][i] for p in profiles))
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
