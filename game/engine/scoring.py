"""Scoring at the end: the state of the region, and a crisis is a loss.

Every score is built the same way (`describe_scoring` says it in words, for the window, the
terminal and the report):

1. the **state of the region** at the end, 0-100: a weighted mean of indicator values. The
   shared score weighs cooperation, mean resilience and stability (100 minus tension) by the
   scenario's `rules.scoring` weights; a delegation's own score weighs its `objectives`
   (cooperation, mean resilience, stability, its domestic support, resilience in the domains it
   cares most about). A negative weight means the delegation wants that value low.
2. **a crisis is a loss**: a game that ends without a crisis scores `calm_floor` plus the rest of
   the scale times the state (so from `calm_floor` to 100); a game that ends in crisis scores
   `crisis_ceiling` times the state (from 0 to `crisis_ceiling`, which is below `calm_floor`).
   Any game without a crisis therefore outscores any game with one, shared and for every
   delegation.

Measures adopted score nothing by themselves: they count through what they do to the region.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor
from typing import TYPE_CHECKING

from game.i18n import _, pgettext
from game.scenario.models import Outcome

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.rulebook import Rulebook


def _tenth(x: float) -> float:
    return floor(x * 10 + 0.5) / 10


@dataclass(frozen=True)
class SharedOutcome:
    """The headline numbers every delegation shares, each 0-100."""

    cooperation: float
    resilience: float  # mean over domains
    stability: float  # 100 - tension
    state: float  # the weighted mean of the three: the state of the region
    score: float  # the state, placed on the calm or the crisis part of the scale
    crisis: bool
    adopted: tuple[str, ...]


@dataclass(frozen=True)
class DelegationScore:
    actor: str
    score: float
    parts: dict[str, float]  # what each objective contributed to `state` (they sum to it)
    state: float = 0.0  # the state of the region by this delegation's objectives, 0-100


@dataclass(frozen=True)
class AimsScore:
    """How far the red cell got towards its aims (0-100), and what each aim contributed."""

    score: float
    parts: dict[str, float]


@dataclass(frozen=True)
class GameResult:
    outcome: Outcome
    crisis: bool
    final_turn: int
    shared: SharedOutcome
    delegations: dict[str, DelegationScore]
    red_cell: AimsScore | None = None


def state_of_region(terms: dict[str, tuple[float, float]]) -> tuple[float, dict[str, float]]:
    """The weighted mean (0-100) of `terms` (name -> (weight, value 0-100)), and what each
    term contributed. A negative weight counts 100 minus the value: that side wants it low."""
    total_weight = sum(abs(w) for w, _value in terms.values())
    if not total_weight:
        return 0.0, {}
    parts = {
        k: (abs(w) * (value if w > 0 else 100.0 - value)) / total_weight
        for k, (w, value) in terms.items()
        if w
    }
    return _tenth(sum(parts.values())), {k: _tenth(v) for k, v in parts.items()}


def on_the_scale(book: Rulebook, state: float, crisis: bool) -> float:
    """A state of the region (0-100) as a score: from `calm_floor` to 100 for a game without a
    crisis, from 0 to `crisis_ceiling` for a game that ended in one."""
    rules = book.scoring
    if crisis:
        return _tenth(rules.crisis_ceiling * state / 100.0)
    return _tenth(rules.calm_floor + (100.0 - rules.calm_floor) * state / 100.0)


def shared_outcome(game: Game) -> SharedOutcome:
    v = game.state.values
    book = game.book
    rules = book.scoring
    resilience = _tenth(sum(v[k] for k in book.domain_keys) / len(book.domain_keys))
    cooperation, stability = _tenth(v["cooperation"]), _tenth(100 - v["tension"])
    state, _parts = state_of_region(
        {
            "cooperation": (rules.cooperation, cooperation),
            "resilience": (rules.resilience, resilience),
            "stability": (rules.stability, stability),
        }
    )
    crisis = game.state.crisis
    return SharedOutcome(
        cooperation,
        resilience,
        stability,
        state,
        on_the_scale(book, state, crisis),
        crisis,
        tuple(m.id for m in book.measures if m.id in game.state.adopted),
    )


def delegation_terms(
    game: Game, actor: str, shared: SharedOutcome
) -> dict[str, tuple[float, float]]:
    """A delegation's objectives as (weight, value) pairs."""
    obj = game.book.delegations[actor].objectives
    v = game.state.values
    terms: dict[str, tuple[float, float]] = {
        "cooperation": (obj.cooperation, shared.cooperation),
        "resilience": (obj.resilience, shared.resilience),
        "stability": (obj.stability, shared.stability),
        "support": (obj.support, v[f"support.{actor}"]),
    }
    for d, w in obj.domains.items():
        terms[f"resilience.{d}"] = (w, v[f"resilience.{d}"])
    return terms


def delegation_score(game: Game, actor: str, shared: SharedOutcome) -> DelegationScore:
    """The state of the region by the delegation's objectives, placed on the scale."""
    state, parts = state_of_region(delegation_terms(game, actor, shared))
    return DelegationScore(actor, on_the_scale(game.book, state, shared.crisis), parts, state)


def aims_score(game: Game) -> AimsScore | None:
    """How far the red cell got towards its aims, if the scenario gives it any."""
    aims = game.book.red_cell.policy.aims
    if not aims:
        return None
    v = game.state.values
    score, parts = state_of_region({k: (w, v[k]) for k, w in aims.items()})
    return AimsScore(score, parts)


def choose_outcome(game: Game) -> Outcome:
    """The first band, in file order, whose condition holds; crisis bands only after a crisis."""
    crisis = game.state.crisis
    facts = game.facts()
    candidates = [(o, c) for o, c in game.book.outcomes if o.crisis == crisis]
    for outcome, condition in candidates:
        if condition is None or condition.evaluate(facts):
            return outcome
    return candidates[-1][0]  # the loader guarantees a band of each kind


def score_game(game: Game) -> GameResult:
    shared = shared_outcome(game)
    return GameResult(
        choose_outcome(game),
        game.state.crisis,
        game.state.turn,
        shared,
        {a: delegation_score(game, a, shared) for a in game.book.delegation_ids},
        aims_score(game),
    )


def _weight(w: float) -> str:
    return f"{w:g}"


def describe_scoring(book: Rulebook) -> list[str]:
    """How games of this scenario are scored, in plain sentences in the current language: the
    one wording the window's "How you are scored" page, the terminal's `?` and the report all
    show."""
    rules = book.scoring
    ind = book.scenario.indicators
    coop = ind.cooperation.title or _("Cooperation")
    shared_terms = [
        (rules.cooperation, _("{cooperation}, weight {weight}"), coop.lower()),
        (rules.resilience, _("mean resilience across the domains, weight {weight}"), ""),
        (rules.stability, _("stability (100 minus tension), weight {weight}"), ""),
    ]
    shared = pgettext("clauses", "; ").join(
        term.format(cooperation=name, weight=_weight(w)) for w, term, name in shared_terms if w
    )
    lines = [
        _(
            "Scores measure the state of the region when the game ends, not how much was done. "
            "Adopting a measure scores nothing by itself: it counts through what it does to "
            "cooperation, resilience, tension and domestic support, including the red cell's "
            "answer."
        ),
        _("The state of the region (0 to 100) is a weighted mean of: {terms}.").format(
            terms=shared
        ),
        _(
            "A crisis is a loss. A game that ends without a crisis scores from {floor} to 100: "
            "{floor} plus {rest} times the state of the region / 100. A game that ends in "
            "crisis (tension reaches {crisis}) scores from 0 to {ceiling}: {ceiling} times the "
            "state of the region / 100. So any game without a crisis beats any game with one, "
            "for every delegation as well as for the shared score."
        ).format(
            floor=f"{rules.calm_floor:g}",
            rest=f"{100 - rules.calm_floor:g}",
            crisis=f"{ind.tension.crisis_at:g}",
            ceiling=f"{rules.crisis_ceiling:g}",
        ),
        _(
            "Each delegation's own score is built the same way from the state of the region as "
            "its objectives weigh it:"
        ),
    ]
    for actor, d in book.delegations.items():
        lines.append(
            _("{delegation}: {objectives}.").format(
                delegation=d.title, objectives=objectives_text(book, actor)
            )
        )
    aims = book.red_cell.policy.aims
    if aims:
        red = book.red_cell.short or book.red_cell.title
        said = pgettext("list separator", ", ").join(
            (
                _("{indicator} low (weight {weight})")
                if w < 0
                else _("{indicator} high (weight {weight})")
            ).format(indicator=book.title_of(k), weight=_weight(abs(w)))
            for k, w in aims.items()
        )
        lines.append(
            _(
                "The {red_cell} red cell is not scored against you, but the debrief shows how far "
                "it got towards its aims (0 to 100): {aims}."
            ).format(red_cell=red, aims=said)
        )
    return lines


def objectives_text(book: Rulebook, actor: str) -> str:
    """What a delegation's own score weighs, in words ('cooperation 2, its domestic support
    1 (wants it low)'): one wording for the scoring page and the delegation's own device."""
    coop = (book.scenario.indicators.cooperation.title or _("Cooperation")).lower()
    ind = book.scenario.indicators
    obj = book.delegations[actor].objectives
    terms = [
        (obj.cooperation, coop),
        (obj.resilience, _("mean resilience")),
        (obj.stability, _("stability")),
        (obj.support, _("its domestic support")),
    ]
    for dom, w in obj.domains.items():
        title = ind.resilience[dom].title if dom in ind.resilience else dom
        terms.append((w, _("resilience ({domain})").format(domain=title or dom)))
    return pgettext("list separator", ", ").join(
        (_("{term} {weight} (wants it low)") if w < 0 else _("{term} {weight}")).format(
            term=name, weight=_weight(w)
        )
        for w, name in terms
        if w
    )


@dataclass(frozen=True)
class ForecastScore:
    """Mean Brier score of a delegation's resolved forecasts (0 is perfect; always saying 50% scores 0.25)."""

    actor: str
    count: int
    brier: float | None


def forecast_scores(game: Game) -> dict[str, ForecastScore]:
    out = {}
    for actor in game.book.delegation_ids:
        squared = []
        for f in game.forecasts:
            if f.actor != actor:
                continue
            happened = game.forecast_outcome(f)
            if happened is not None:
                squared.append((f.probability - float(happened)) ** 2)
        out[actor] = ForecastScore(
            actor, len(squared), round(sum(squared) / len(squared), 3) if squared else None
        )
    return out
