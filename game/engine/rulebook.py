"""A scenario digested for fast play: effects as tuples, expressions compiled, ids in order.

Built once per loaded scenario and shared by every game of it (Monte Carlo plays thousands).
A Rulebook never changes after it is built: everything a game changes lives in the game.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from game.i18n import _, current
from game.scenario.expressions import Expression, compile_table
from game.scenario.loader import LoadedScenario
from game.scenario.models import (
    AIProfile,
    CampaignStage,
    Delegation,
    Effect,
    Event,
    Inject,
    Measure,
    Outcome,
)
from game.scenario.references import turn_of_date

Changes = tuple[tuple[str, float], ...]

#: Indicators where a *rise* is harm (everything else is harmed by a fall).
HARMFUL_RISE = frozenset({"tension"})


def is_damage(indicator: str, amount: float) -> bool:
    """Whether a change is *damage* that resilience and shields blunt: a loss of resilience,
    support, cooperation or capital. The tension a gray-zone step adds is its political
    signal, and no amount of resilience makes the signal unsent, so it is never blunted."""
    return indicator not in HARMFUL_RISE and amount < 0


def interned(name: str) -> str:
    """An indicator name, interned: the engine's dicts are keyed by indicator names, and a lookup
    with the very string object stored in the dict skips comparing the characters."""
    return sys.intern(name)


def changes_of(effect: Effect | None) -> Changes:
    return tuple((interned(k), a) for k, a in effect.changes.items()) if effect is not None else ()


@dataclass(frozen=True, slots=True)
class MeasureRules:
    model: Measure
    id: str
    requires: tuple[str, ...]
    participants: tuple[str, ...]  # delegations with a cost: they may push or oppose
    cost: dict[str, int]
    support_cost: dict[str, float]
    needed: float
    prerequisites: tuple[str, ...]
    on_adopt: Changes
    in_force: Changes
    reaction: Changes
    # What pushing takes from each delegation, as the (negative, float) changes applied
    spend: dict[str, float]  # capital
    support_spend: dict[str, float]  # domestic support, for delegations that pay it
    provocation: float  # how strongly the red cell objects (the fact `provocation` sums these)
    shields: dict[str, float]  # domain -> share of event damage taken away while in force


@dataclass(frozen=True, slots=True)
class EventRules:
    model: Event
    id: str
    domain: str
    when: Expression | None
    weight: float | Expression
    hit: Changes
    suspend: tuple[str, ...]
    setback: tuple[tuple[str, float], ...]  # progress it takes from measures under way
    resilience_key: str  # the indicator that absorbs this event's losses
    # Copied out of the model: reading a pydantic model's attributes is slow in the hot loop.
    title: str
    text: str
    target: str | None  # the delegation it is aimed at
    location: str | None
    suspend_turns: int


@dataclass(frozen=True, slots=True)
class InjectRules:
    model: Inject
    id: str
    turn: int | None
    when: Expression | None
    effects: Changes
    suspend: tuple[str, ...]


class RangedEffect(NamedTuple):
    """An amount the scenario gives as a range: where it is used and its bounds. Each game
    draws its value (see Game.drawn)."""

    kind: str  # on_adopt, in_force, reaction, hit, inject, campaign or drift
    owner: str  # measure, event or inject id; the campaign stage's index; "" for drift
    position: int  # its place among the effect's changes
    indicator: str
    low: float
    high: float


class ProgressRules(NamedTuple):
    """How far a measure moves in one turn (the scenario's `rules.progress`)."""

    all_push: float  # every required delegation pushes
    some_push: float  # for each delegation that pushes when not all required ones do
    opposed: float  # the step when any participant opposes (negative: a setback)


class RedCellPolicy(NamedTuple):
    """How many gray-zone actions the red cell takes and how it aims them."""

    actions_per_turn: int
    max_actions: int
    probe_weakest: float  # factor on the weights of events in the weakest domain
    probe_exposed: float  # factor on the weights of events aimed at the most exposed partner


class Regeneration(NamedTuple):
    """How a delegation's capital comes back each turn: `regen` plus its domestic support
    times `per_support`, rounded down."""

    actor: str
    capital_key: str
    support_key: str
    regen: float
    per_support: float


class Rulebook:
    """Everything the engine needs from a scenario, precomputed once and never changed."""

    _cache: dict[int, tuple[LoadedScenario, Rulebook]] = {}

    @classmethod
    def of(cls, loaded: LoadedScenario) -> Rulebook:
        hit = cls._cache.get(id(loaded))
        if hit is not None and hit[0] is loaded:
            return hit[1]
        book = cls(loaded)
        if len(cls._cache) > 64:
            cls._cache.clear()
        cls._cache[id(loaded)] = (loaded, book)
        return book

    def __init__(self, loaded: LoadedScenario):
        s = loaded.scenario
        self.loaded = loaded
        self.scenario = s
        self.turns = s.turns
        self.crisis_at = s.indicators.tension.crisis_at
        self.delegations: dict[str, Delegation] = s.delegations()
        self.delegation_ids = tuple(self.delegations)
        self.red_cell_id, self.red_cell = s.red_cell()
        self.domains = tuple(s.indicators.resilience)
        self.domain_keys = tuple(interned(f"resilience.{d}") for d in self.domains)
        # values -> the resilience of every domain, as a tuple (one C call)
        self.resilience_of = (
            itemgetter(*self.domain_keys)
            if len(self.domain_keys) > 1
            else lambda values: (values[self.domain_keys[0]],)
        )
        self.measures = tuple(
            MeasureRules(
                model=m,
                id=m.id,
                requires=tuple(m.requires),
                participants=tuple(m.cost),
                cost=dict(m.cost),
                support_cost=dict(m.support_cost),
                needed=float(m.progress),
                prerequisites=tuple(m.prerequisites),
                on_adopt=changes_of(m.on_adopt),
                in_force=changes_of(m.in_force),
                reaction=changes_of(m.reaction),
                spend={a: -float(c) for a, c in m.cost.items()},
                support_spend={a: -float(c) for a, c in m.support_cost.items() if c},
                provocation=float(m.provocation),
                shields=dict(m.shields),
            )
            for m in s.measures
        )
        self.measure = {m.id: m for m in self.measures}
        expr = loaded.expressions
        self.events = tuple(
            EventRules(
                model=e,
                id=e.id,
                domain=e.domain,
                when=expr[e.when] if e.when else None,
                weight=expr[e.weight] if isinstance(e.weight, str) else float(e.weight),
                hit=changes_of(e.hit),
                suspend=tuple(e.suspend),
                setback=tuple(e.setback.items()),
                resilience_key=interned(f"resilience.{e.domain}"),
                title=e.title,
                text=e.text,
                target=e.target,
                location=e.location,
                suspend_turns=e.suspend_turns,
            )
            for e in s.events
        )
        # The whole event deck (conditions and weights) as one function the red cell calls
        # each turn: deck_table(facts, domain, factor) returns the indices and weights of the
        # events that may be drawn, with the weights of `domain`'s events times `factor`.
        self.deck_table = compile_table(
            [(e.when, e.weight) for e in self.events], [e.domain for e in self.events]
        )
        self.injects = tuple(
            InjectRules(
                model=i,
                id=i.id,
                turn=i.turn if i.date is None else turn_of_date(s, i.date),
                when=expr[i.when] if i.when else None,
                effects=changes_of(i.effects),
                suspend=tuple(i.suspend),
            )
            for i in s.injects
        )
        self.inject = {i.id: i for i in self.injects}
        self.escalation = tuple(
            (expr[e.when], e.extra_actions) for e in self.red_cell.policy.escalation
        )
        self.outcomes: tuple[tuple[Outcome, Expression | None], ...] = tuple(
            (o, expr[o.when] if o.when else None) for o in s.outcomes
        )
        self.drift = changes_of(s.rules.drift)
        self.campaign: tuple[tuple[int, CampaignStage, Changes], ...] = tuple(
            (c.from_turn, c, changes_of(c.effect)) for c in self.red_cell.policy.campaign
        )
        self.warning_at = s.indicators.tension.warning
        self.scoring = s.rules.scoring
        self.probe_exposed = self.red_cell.policy.probe_exposed
        self.event_target = tuple(e.target for e in s.events)
        self.shielding = tuple(m for m in self.measures if m.shields)
        self.oppose_cost = s.rules.oppose_cost
        self.mitigation = s.rules.mitigation
        self.profile_names = {a: tuple(d.ai_profiles) for a, d in self.delegations.items()}
        self.oppose_spend = -float(self.oppose_cost)
        policy = self.red_cell.policy
        self.red_cell_policy = RedCellPolicy(
            policy.actions_per_turn, policy.max_actions, policy.probe_weakest, policy.probe_exposed
        )
        self.with_in_force = tuple(m for m in self.measures if m.in_force)
        progress = s.rules.progress
        self.progress_rules = ProgressRules(progress.all_push, progress.some_push, progress.opposed)
        self._labels: dict[str, dict[str, dict[str, str]]] = {}  # by language, see `labels`
        # Keys and labels built once: resolve_turn runs hundreds of thousands of times in Monte Carlo.
        self.capital_key = {a: interned(f"capital.{a}") for a in self.delegation_ids}
        self.support_key = {a: interned(f"support.{a}") for a in self.delegation_ids}
        self.regen = tuple(
            Regeneration(
                a,
                self.capital_key[a],
                self.support_key[a],
                d.capital.regen,
                d.capital.regen_per_support,
            )
            for a, d in self.delegations.items()
        )
        self._measures_for = {
            a: tuple(m for m in self.measures if a in m.cost) for a in self.delegation_ids
        }
        self.red_cell_short = self.red_cell.short or self.red_cell.title
        # Scheduled injects by turn: those of every game, and those of the history excursion
        # (the real timeline), which fire only in games played with it.
        self.injects_by_turn: dict[int, tuple[InjectRules, ...]] = {}
        self.history_injects_by_turn: dict[int, tuple[InjectRules, ...]] = {}
        for inj in self.injects:
            if inj.turn is not None:
                table = self.history_injects_by_turn if inj.model.history else self.injects_by_turn
                table[inj.turn] = table.get(inj.turn, ()) + (inj,)
        self.has_history = bool(self.history_injects_by_turn)
        self.ranged = self._ranged_effects()
        # (kind, owner) -> (position among the effect's changes, index in `ranged`) of each
        # ranged amount of that effect: what a game's drawn values replace.
        slots: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for index, r in enumerate(self.ranged):
            slots.setdefault((r.kind, r.owner), []).append((r.position, index))
        self.ranged_slots = {key: tuple(found) for key, found in slots.items()}
        self.ranged_low = np.array([r.low for r in self.ranged], dtype=np.float64)
        self.ranged_span = np.array([r.high - r.low for r in self.ranged], dtype=np.float64)
        self.bounds = self._bounds()
        self.start_values = self._start_values()
        from game.engine.ai import plans  # the AI reads the rulebook it is part of
        from game.engine.effects import GameEffects

        # The amounts of every game of a scenario without ranges (games with ranges draw theirs).
        self.scenario_effects = GameEffects(self, ())
        # (delegation, AI profile name) -> what that AI weighs, per measure it may push.
        self.ai_plans = plans(self)

    def _ranged_effects(self) -> tuple[RangedEffect, ...]:
        """Every amount a scenario gives as a range, in file order, with where it is used."""
        s = self.scenario
        slots: list[tuple[str, str, Effect | None]] = []
        for m in s.measures:
            slots += [("on_adopt", m.id, m.on_adopt), ("in_force", m.id, m.in_force)]
            slots.append(("reaction", m.id, m.reaction))
        slots += [("hit", e.id, e.hit) for e in s.events]
        slots += [("inject", i.id, i.effects) for i in s.injects]
        slots += [
            ("campaign", str(n), c.effect) for n, c in enumerate(self.red_cell.policy.campaign)
        ]
        slots.append(("drift", "", s.rules.drift))
        found = []
        for kind, owner, effect in slots:
            if effect is None:
                continue
            for position, (indicator, value) in enumerate(effect.ranges.items()):
                if isinstance(value, tuple):
                    found.append(RangedEffect(kind, owner, position, interned(indicator), *value))
        return tuple(found)

    def campaign_index(self, turn: int) -> int | None:
        """The place in `campaign` of the red cell's stage under way on `turn` (the last that
        has begun; None before the first). Validation keeps the stages in turn order."""
        found = None
        for index, (from_turn, _stage, _changes) in enumerate(self.campaign):
            if from_turn <= turn:
                found = index
        return found

    def campaign_stage(self, turn: int) -> CampaignStage | None:
        """The red cell's campaign stage under way on `turn` (None before the first)."""
        index = self.campaign_index(turn)
        return None if index is None else self.campaign[index][1]

    def _start_values(self) -> dict[str, float]:
        s = self.scenario
        values = {
            "cooperation": float(s.indicators.cooperation.start),
            "tension": float(s.indicators.tension.start),
        }
        for d, dom in s.indicators.resilience.items():
            values[interned(f"resilience.{d}")] = float(dom.start)
        for a, dele in self.delegations.items():
            values[interned(f"support.{a}")] = float(dele.support.start)
            values[interned(f"capital.{a}")] = float(dele.capital.start)
        return values

    def _bounds(self) -> dict[str, tuple[float, float]]:
        bounds = {"cooperation": (0.0, 100.0), "tension": (0.0, 100.0)}
        for key in self.domain_keys:
            bounds[key] = (0.0, 100.0)
        for a, dele in self.delegations.items():
            bounds[interned(f"support.{a}")] = (0.0, 100.0)
            bounds[interned(f"capital.{a}")] = (0.0, float(dele.capital.max))
        return bounds

    def profile(self, actor: str, name: str | None) -> tuple[str, AIProfile]:
        """The AI profile called `name` (its default when None), with its name."""
        dele = self.delegations[actor]
        chosen = name if name is not None else dele.default_ai or next(iter(dele.ai_profiles))
        return chosen, dele.ai_profiles[chosen]

    def measures_for(self, actor: str) -> tuple[MeasureRules, ...]:
        """The measures `actor` has a cost for: those it may push or oppose."""
        return self._measures_for[actor]

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        """measure id -> {cause kind -> the ledger's label for it} in the current language
        (cause_label's wording), and under "" the labels of the causes without a measure
        (campaign, drift, regen); built once per language: the engine records these labels
        every turn, and resolve_turn runs hundreds of thousands of times in Monte Carlo."""
        language = current()
        found = self._labels.get(language)
        if found is None:
            found = self._labels[language] = {
                m.id: {
                    kind: self.cause_label(kind, m.id, indicator)
                    for kind, indicator in (
                        ("push", "capital"),
                        ("support", "support"),
                        ("oppose", "capital"),
                        ("adopted", ""),
                        ("in_force", ""),
                        ("reaction", ""),
                    )
                }
                for m in self.measures
            }
            found[""] = {
                kind: self.cause_label(kind, "") for kind in ("campaign", "drift", "regen")
            }
        return found

    def cause_label(self, cause: str, source_id: str, indicator: str = "", label: str = "") -> str:
        """The one wording of a cause in the ledger, in the current language: what the
        terminal, the window's reveal and "why it moved", the delegation page and the report
        say. `cause` is the Cause (or 'support' for a push's domestic cost), `source_id` the
        measure, event or inject id, `indicator` the indicator it moved (a push's cost in
        support reads 'domestic cost of ...'), `label` the label the ledger recorded: what an
        event, an inject or a facilitator's adjustment is called when the scenario no longer
        knows it, and the facilitator's reason."""
        cause = str(cause)
        measure = self.measure.get(source_id)
        red = self.red_cell_short
        if measure is not None:
            title = measure.model.title
            if cause == "push" and indicator.startswith("support"):
                cause = "support"
            if cause == "push":
                return _("pushed {measure}").format(measure=title)
            if cause == "support":
                return _("domestic cost of {measure}").format(measure=title)
            if cause == "oppose":
                return _("opposed {measure}").format(measure=title)
            if cause == "adopted":
                return _("{measure} adopted").format(measure=title)
            if cause == "in_force":
                return _("{measure} in force").format(measure=title)
            if cause == "reaction":
                return _("{red_cell} response to {measure}").format(red_cell=red, measure=title)
        if cause == "campaign":
            return _("{red_cell} pressure campaign").format(red_cell=red)
        if cause == "drift":
            return _("drift")
        if cause == "regen":
            return _("capital regained")
        if cause == "start":
            return _("starting value")
        if cause == "event":
            found = next((e for e in self.events if e.id == source_id), None)
            return found.model.title if found is not None else label
        if cause == "inject" and source_id in self.inject:
            return self.inject[source_id].model.title
        if cause == "facilitator":
            return _("facilitator: {reason}").format(reason=label)
        return label

    def title_of(self, indicator: str) -> str:
        """Player-facing name of an indicator in the current language, e.g.
        `resilience.maritime` -> 'Resilience (Maritime)': the one wording every screen, the
        terminal and the report use."""
        ind = self.scenario.indicators
        if indicator == "cooperation":
            return ind.cooperation.title or _("Cooperation")
        if indicator == "tension":
            return ind.tension.title or _("Tension")
        kind, _dot, rest = indicator.partition(".")
        if kind == "resilience":
            return _("Resilience ({domain})").format(domain=self.domain_title(indicator))
        if kind == "support" and rest in self.delegations:
            return _("Support ({delegation})").format(delegation=self.delegations[rest].title)
        if kind == "capital" and rest in self.delegations:
            return _("Capital ({delegation})").format(delegation=self.delegations[rest].title)
        return indicator

    def domain_title(self, indicator: str) -> str:
        """A resilience domain's own name ('Maritime' for `resilience.maritime` or
        `maritime`), for places that already say it is resilience (a chart of the domains,
        the dashboard's rows): no parsing of title_of's wording needed."""
        rest = indicator.removeprefix("resilience.")
        dom = self.scenario.indicators.resilience.get(rest)
        return dom.title if dom is not None and dom.title else rest.title()
