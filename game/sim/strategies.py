"""Fixed team strategies: every delegation plays the same simple rule, every turn.

AI play answers "what happens when sensible players play?". A fixed strategy answers the
question an author asks when checking what a scenario teaches: "what does it do to a class
that plays like this?" If pushing everything beats sequencing, or a crisis scores well, the
model rewards brinkmanship whatever the AI does.

Each strategy is a pure function `(game, actor) -> {measure_id: "push"}` built from
`game.options(actor)` alone: it pushes a measure only when push is among that option's choices
and its cost fits the capital left after the pushes it chose before (so `Game.check` accepts
every decision). It never opposes.

How provocative a measure is: its `provocation` (how strongly the red cell objects) plus the
tension it adds, on adoption and through the red cell's reaction, over 100. A measure is
*provocative* when that number is strictly above the median over the scenario's measures.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from statistics import median
from typing import TYPE_CHECKING, NamedTuple

from game.engine.state import Choice
from game.i18n import N_, _

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

    from game.engine.game import Game, MeasureOption
    from game.engine.rulebook import MeasureRules, Rulebook
    from game.scenario.loader import LoadedScenario

Strategy = Callable[["Game", str], dict[str, str]]

AI = "ai"  # the name AI play goes by wherever results list strategies (games.csv, tables)
ALL = "all"  # on the command line: every fixed strategy
_PUSH = Choice.PUSH.value

# What `simulate --vary measures` measures besides AI play unless told otherwise: the plan a
# scenario recommends, and the reckless corner.
DEFAULT_VARY_STRATEGIES = ("sequenced", "push-all")


class UnknownStrategy(ValueError):
    """Raised when a strategy name is not one of `STRATEGIES` (or `ai`, where allowed)."""


def tension_rise(measure: MeasureRules) -> float:
    """The tension a measure adds when adopted: its `on_adopt` plus the red cell's reaction."""
    return sum(a for k, a in (*measure.on_adopt, *measure.reaction) if k == "tension")


def provocativeness(measure: MeasureRules) -> float:
    """`provocation` plus the tension the measure adds when adopted, over 100."""
    return measure.provocation + tension_rise(measure) / 100.0


class Provocation(NamedTuple):
    """How provocative each measure of a scenario is, worked out once per rulebook."""

    score: dict[str, float]  # measure id -> provocativeness
    provocative: frozenset[str]  # strictly above the median
    position: dict[str, int]  # measure id -> place in the scenario file (ties keep file order)


_PROVOCATION: weakref.WeakKeyDictionary[Rulebook, Provocation] = weakref.WeakKeyDictionary()


def provocation_of(book: Rulebook) -> Provocation:
    """The scenario's measures by provocativeness, worked out once per rulebook (a rulebook
    never changes, so the value cannot go stale; it goes when the rulebook does)."""
    found = _PROVOCATION.get(book)
    if found is None:
        score = {m.id: provocativeness(m) for m in book.measures}
        middle = median(score.values()) if score else 0.0
        found = _PROVOCATION[book] = Provocation(
            score,
            frozenset(mid for mid, p in score.items() if p > middle),
            {m.id: i for i, m in enumerate(book.measures)},
        )
    return found


def _push_in_order(
    game: Game,
    actor: str,
    key: Callable[[MeasureOption], SupportsRichComparison] | None,
    allowed: Callable[[MeasureOption], bool] | None = None,
) -> dict[str, str]:
    """Push the options in `key` order (the file's order when None), each one that push is
    open to, that `allowed` lets through and whose cost fits the capital still unspent."""
    options = game.options(actor)
    budget = options.capital
    ordered: Iterable[MeasureOption] = (
        options.measures if key is None else sorted(options.measures, key=key)
    )
    chosen: dict[str, str] = {}
    for option in ordered:
        if Choice.PUSH not in option.choices or option.push_cost > budget:
            continue
        if allowed is not None and not allowed(option):
            continue
        chosen[option.measure_id] = _PUSH
        budget -= option.push_cost
    return chosen


def hold(game: Game, actor: str) -> dict[str, str]:
    """Hold on everything, every turn."""
    return {}


def push_all(game: Game, actor: str) -> dict[str, str]:
    """Push everything affordable, in the order of the scenario file."""
    return _push_in_order(game, actor, None)


def push_provocative_first(game: Game, actor: str) -> dict[str, str]:
    """Push everything affordable, the most provocative measures first."""
    p = provocation_of(game.book)
    return _push_in_order(game, actor, lambda o: (-p.score[o.measure_id], p.position[o.measure_id]))


def push_cheap_first(game: Game, actor: str) -> dict[str, str]:
    """Push everything affordable, the cheapest first (ties: the less provocative first)."""
    p = provocation_of(game.book)
    return _push_in_order(
        game, actor, lambda o: (o.push_cost, p.score[o.measure_id], p.position[o.measure_id])
    )


def sequenced(game: Game, actor: str) -> dict[str, str]:
    """The least provocative first; provocative measures only after mid-game (turn > turns/2)
    and only while tension is below the scenario's warning level."""
    book = game.book
    p = provocation_of(book)
    late = game.state.turn > book.turns / 2 and game.state.values["tension"] < book.warning_at
    return _push_in_order(
        game,
        actor,
        lambda o: (p.score[o.measure_id], p.position[o.measure_id]),
        None if late else (lambda o: o.measure_id not in p.provocative),
    )


STRATEGIES: dict[str, Strategy] = {
    "hold": hold,
    "push-all": push_all,
    "push-provocative-first": push_provocative_first,
    "push-cheap-first": push_cheap_first,
    "sequenced": sequenced,
}


# What describe() says of each strategy: the first paragraph of its docstring, here again so
# that the catalogs hold it (tests/sim check that the two agree).
DESCRIPTIONS = (
    N_("every delegation played by its AI"),
    N_("hold on everything, every turn"),
    N_("push everything affordable, in the order of the scenario file"),
    N_("push everything affordable, the most provocative measures first"),
    N_("push everything affordable, the cheapest first (ties: the less provocative first)"),
    N_(
        "the least provocative first; provocative measures only after mid-game (turn > turns/2) "
        "and only while tension is below the scenario's warning level"
    ),
)


def describe(name: str) -> str:
    """One line on what a strategy (or `ai`) does, in the language of the moment."""
    if name == AI:
        return _("every delegation played by its AI")
    doc = (STRATEGIES[name].__doc__ or "").split("\n\n")[0]
    text = " ".join(doc.split()).rstrip(".")
    return _(text[:1].lower() + text[1:])


def parse_strategies(text: str, allow_ai: bool = True) -> list[str]:
    """Comma-separated strategy names, in the order given, without repeats; `all` stands for
    every fixed strategy. Raises UnknownStrategy naming the one it does not know."""
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip()
        if name == ALL:
            wanted = list(STRATEGIES)
        elif name in STRATEGIES or (allow_ai and name == AI):
            wanted = [name]
        else:
            known = [*STRATEGIES, ALL, *([AI] if allow_ai else [])]
            if name:
                message = _("unknown strategy {name}; expected one or more of {names}")
            else:
                message = _("an empty strategy name; expected one or more of {names}")
            raise UnknownStrategy(message.format(name=repr(name), names=", ".join(known)))
        names += [n for n in wanted if n not in names]
    return names


def play_strategy_game(
    loaded: LoadedScenario,
    seed: int,
    strategy: str | Strategy,
    forced_off: Iterable[str] = (),
    *,
    record: bool = False,
    history: bool = False,
) -> Game:
    """Play a whole game in which every delegation plays `strategy` (a name from STRATEGIES
    or a function); returns the finished game."""
    from game.engine.game import Game

    play = STRATEGIES[strategy] if isinstance(strategy, str) else strategy
    delegations = list(loaded.scenario.delegations())
    game = Game(loaded, seed, delegations, record=record, history=history)
    forced_off = frozenset(forced_off)
    if forced_off:
        game.forbid(forced_off)
    while not game.state.over:
        for actor in delegations:
            game.submit(actor, play(game, actor))
        game.resolve_turn()
    return game
