"""A scenario's uncertain inputs, and the one place a game is built with other values for them.

Sensitivity analysis (`game.sim.sensitivity`) asks which of a scenario's assumptions decide
how its games come out. Its inputs are:

- every amount the scenario gives as a range `[low, high]` (a measure's `on_adopt`,
  `in_force` and `reaction`, an event's `hit`, an inject's `effects`, a campaign stage, the
  drift), over that range;
- every red-cell response size (a measure's `reaction`), every campaign stage's pressure and
  every drift amount the scenario gives as a single number, over a documented default range:
  half to one and a half times the number (`DEFAULT_SPREAD`);
- the main rule parameters, over documented default ranges: the crisis threshold
  (`indicators.tension.crisis_at`, 10 % either way, at most 100), how much resilience blunts
  event damage (`rules.mitigation`, 25 % either way, within 0 to 1), and each delegation's
  capital regeneration (its `regen` and `regen_per_support` times a factor from 0.75 to 1.25).

Amounts of injects that cannot fire in the games analysed are left out: injects only the
facilitator fires, and those of the history excursion unless it is played.

`scenario_with(loaded, values)` is the one place where a game gets other values: it returns a
copy of the scenario with those inputs fixed (a range becomes the number given), built with
pydantic's `model_copy`, so the engine plays it by its usual rules and the scenario on disk
is never touched. Every amount a variant leaves as a range is still drawn per game from the
seed, as always.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from pydantic import BaseModel

from game.i18n import _
from game.scenario.loader import LoadedScenario
from game.scenario.models import Actor, Delegation, Effect

DEFAULT_SPREAD = 0.5  # a fixed reaction, campaign or drift amount x varies from 0.5x to 1.5x
CRISIS_SPREAD = 0.1  # the crisis threshold: 10 % either way
MITIGATION_SPREAD = 0.25  # resilience's absorption: 25 % either way
REGEN_FACTOR = (0.75, 1.25)  # capital regeneration: times this factor

RULE_CRISIS = "rules.crisis_at"
RULE_MITIGATION = "rules.mitigation"


@dataclass(frozen=True)
class UncertainInput:
    """One assumption sensitivity analysis varies, with its range and where it comes from."""

    id: str  # e.g. "reaction.jp_tw_dialogue.tension", "rules.crisis_at", "regen.japan"
    kind: (
        str  # on_adopt, in_force, reaction, hit, inject, campaign, drift, crisis, mitigation, regen
    )
    owner: str  # measure, event or inject id; campaign stage index (from 0); delegation; ""
    indicator: str  # the indicator the amount changes ("" for a rule)
    low: float
    high: float
    baseline: float  # the scenario's own value: a number, or the middle of its range
    ranged: bool  # the scenario gives the range; False: a documented default range
    source: str | None  # the source id that stands behind it (its own, else its owner's)
    confidence: str | None
    path: tuple[str | int, ...]  # where it is in the file (`LoadedScenario.line_of`)
    line: int = 0

    def value_at(self, share: float) -> float:
        """The value `share` of the way from low to high (0 to 1)."""
        return self.low + (self.high - self.low) * share


# (kind, owner, path to the effect, effect, owner model)
_Slot = tuple[str, str, tuple[str | int, ...], Effect, BaseModel | None]


def _effect_slots(loaded: LoadedScenario, history: bool | None) -> Iterator[_Slot]:
    """(kind, owner, path to the effect, effect, owner model) for every effect that can act
    in the games analysed (history None: every effect of the file), in file order."""
    s = loaded.scenario
    for i, m in enumerate(s.measures):
        for kind in ("on_adopt", "in_force", "reaction"):
            effect = getattr(m, kind)
            if effect is not None:
                yield kind, m.id, ("measures", i, kind), effect, m
    for i, e in enumerate(s.events):
        yield "hit", e.id, ("events", i, "hit"), e.hit, e
    for i, inj in enumerate(s.injects):
        fires = inj.turn is not None or inj.date is not None
        if history is None:
            fires = True
        elif not history and inj.history:
            fires = False
        if inj.effects is not None and fires:
            yield "inject", inj.id, ("injects", i, "effects"), inj.effects, inj
    red_id, red = s.red_cell()
    for n, stage in enumerate(red.policy.campaign):
        path = ("actors", red_id, "policy", "campaign", n, "effect")
        yield "campaign", str(n), path, stage.effect, stage
    if s.rules.drift is not None:
        yield "drift", "", ("rules", "drift"), s.rules.drift, None


# Kinds whose fixed amounts are also varied (red-cell response sizes and exogenous pressure).
_FIXED_TOO = frozenset({"reaction", "campaign", "drift"})


def uncertain_inputs(
    loaded: LoadedScenario, history: bool = False, *, every: bool = False
) -> list[UncertainInput]:
    """Every input of the scenario's sensitivity analysis, in file order, rules last. With
    `every`, every amount of the file, whether or not it can act (for `scenario_with`)."""
    found: list[UncertainInput] = []
    for kind, owner, path, effect, model in _effect_slots(loaded, None if every else history):
        source = effect.source or getattr(model, "source", None)
        confidence = effect.confidence or getattr(model, "confidence", None)
        for indicator, value in effect.ranges.items():
            if isinstance(value, tuple):
                low, high, ranged = value[0], value[1], True
            elif kind in _FIXED_TOO and value != 0:
                a, b = value * (1 - DEFAULT_SPREAD), value * (1 + DEFAULT_SPREAD)
                low, high, ranged = min(a, b), max(a, b), False
            else:
                continue
            if low == high and not every:
                continue
            found.append(
                UncertainInput(
                    f"{kind}.{owner}.{indicator}" if owner else f"{kind}.{indicator}",
                    kind,
                    owner,
                    indicator,
                    float(low),
                    float(high),
                    (low + high) / 2,
                    ranged,
                    source,
                    confidence,
                    (*path, indicator),
                )
            )
    s = loaded.scenario
    crisis = s.indicators.tension.crisis_at
    found.append(
        UncertainInput(
            RULE_CRISIS,
            "crisis",
            "",
            "",
            crisis * (1 - CRISIS_SPREAD),
            min(100.0, crisis * (1 + CRISIS_SPREAD)),
            crisis,
            False,
            None,
            None,
            ("indicators", "tension", "crisis_at"),
        )
    )
    mitigation = s.rules.mitigation
    if mitigation > 0:
        found.append(
            UncertainInput(
                RULE_MITIGATION,
                "mitigation",
                "",
                "",
                max(0.0, mitigation * (1 - MITIGATION_SPREAD)),
                min(1.0, mitigation * (1 + MITIGATION_SPREAD)),
                mitigation,
                False,
                None,
                None,
                ("rules", "mitigation"),
            )
        )
    for actor, d in s.delegations().items():
        if d.capital.regen or d.capital.regen_per_support:
            found.append(
                UncertainInput(
                    f"regen.{actor}",
                    "regen",
                    actor,
                    "",
                    *REGEN_FACTOR,
                    1.0,
                    False,
                    None,
                    None,
                    ("actors", actor, "capital"),
                )
            )
    return [
        replace(
            i,
            low=round(i.low, 10),  # 0.45, not 0.44999999999999996
            high=round(i.high, 10),
            baseline=round(i.baseline, 10),
            line=loaded.line_of(i.path),
        )
        for i in found
    ]


def label(loaded: LoadedScenario, item: UncertainInput) -> str:
    """The input in plain words, e.g. "PRC reaction to Official Japan–Taiwan security
    dialogue: Tension"."""
    from game.engine.rulebook import Rulebook

    book = Rulebook.of(loaded)
    s = loaded.scenario
    what = book.title_of(item.indicator) if item.indicator else ""
    if item.kind in ("on_adopt", "in_force", "reaction") and item.owner in book.measure:
        measure = book.measure[item.owner].model.title
        if item.kind == "reaction":
            return _("{red_cell} reaction to {measure}: {indicator}").format(
                red_cell=book.red_cell_short, measure=measure, indicator=what
            )
        if item.kind == "on_adopt":
            return _("{measure}, on adoption: {indicator}").format(measure=measure, indicator=what)
        return _("{measure}, every turn in force: {indicator}").format(
            measure=measure, indicator=what
        )
    if item.kind == "hit":
        titles = {e.id: e.title for e in s.events}
        return _("{red_cell} action “{event}”: {indicator}").format(
            red_cell=book.red_cell_short, event=titles.get(item.owner, item.owner), indicator=what
        )
    if item.kind == "inject":
        titles = {i.id: i.title for i in s.injects}
        return _("Inject “{inject}”: {indicator}").format(
            inject=titles.get(item.owner, item.owner), indicator=what
        )
    if item.kind == "campaign":
        stages = book.red_cell.policy.campaign
        n = int(item.owner) if item.owner.isdigit() else 0
        start = stages[n].from_turn if n < len(stages) else 0
        return _("{red_cell} campaign from {turn_label} {turn} on: {indicator} every turn").format(
            red_cell=book.red_cell_short,
            turn_label=s.turn_label.lower(),
            turn=start,
            indicator=what,
        )
    if item.kind == "drift":
        return _("Drift every turn: {indicator}").format(indicator=what)
    if item.kind == "crisis":
        return _("Crisis threshold (tension that ends the game in crisis)")
    if item.kind == "mitigation":
        return _("How much resilience blunts the damage of gray-zone actions")
    if item.kind == "regen" and item.owner in book.delegations:
        return _("Capital regained each turn by {delegation} (times the scenario's)").format(
            delegation=book.delegations[item.owner].title
        )
    return item.id


def scenario_with(loaded: LoadedScenario, values: Mapping[str, float]) -> LoadedScenario:
    """A copy of the scenario with each input in `values` (input id -> value) fixed at the
    value given; every other number stays as the file says. `values` must name inputs of
    `all_inputs(loaded)`; raises KeyError naming one that is not.

    The copy keeps the original's compiled expressions and positions; its content hash is the
    original's with the values' own hash appended, so no save mistakes it for the file."""
    if not values:
        return loaded
    known = {i.id: i for i in all_inputs(loaded)}
    # (kind, owner) -> {indicator: value}: each effect and its owner are copied once
    amounts: dict[tuple[str, str], dict[str, float]] = {}
    rules: dict[str, float] = {}
    for key, value in values.items():
        item = known.get(key)
        if item is None:
            raise KeyError(key)
        if item.indicator:
            amounts.setdefault((item.kind, item.owner), {})[item.indicator] = float(value)
        else:
            rules[item.kind + "." + item.owner] = float(value)
    s = loaded.scenario
    red_id, red = s.red_cell()
    measures = list(s.measures)
    events = list(s.events)
    injects = list(s.injects)
    stages = list(red.policy.campaign)
    drift = s.rules.drift
    by_id = {
        "measure": {m.id: i for i, m in enumerate(measures)},
        "event": {e.id: i for i, e in enumerate(events)},
        "inject": {x.id: i for i, x in enumerate(injects)},
    }
    measure_updates: dict[int, dict[str, Effect]] = {}
    for (kind, owner), changed in amounts.items():
        if kind in ("on_adopt", "in_force", "reaction"):
            i = by_id["measure"][owner]
            effect = getattr(measures[i], kind).model_copy(update=changed)
            measure_updates.setdefault(i, {})[kind] = effect
        elif kind == "hit":
            i = by_id["event"][owner]
            events[i] = events[i].model_copy(
                update={"hit": events[i].hit.model_copy(update=changed)}
            )
        elif kind == "inject":
            i = by_id["inject"][owner]
            effects = injects[i].effects
            assert effects is not None  # an input only exists for an effect the file gives
            injects[i] = injects[i].model_copy(
                update={"effects": effects.model_copy(update=changed)}
            )
        elif kind == "campaign":
            n = int(owner)
            stages[n] = stages[n].model_copy(
                update={"effect": stages[n].effect.model_copy(update=changed)}
            )
        elif kind == "drift":
            assert drift is not None  # an input only exists for an effect the file gives
            drift = drift.model_copy(update=changed)
    for i, effects_update in measure_updates.items():
        measures[i] = measures[i].model_copy(update=effects_update)
    update: dict[str, object] = {"measures": measures, "events": events, "injects": injects}
    actors: dict[str, Actor] = dict(s.actors)
    if stages != list(red.policy.campaign):
        policy = red.policy.model_copy(update={"campaign": stages})
        actors[red_id] = red.model_copy(update={"policy": policy})
        update["actors"] = actors
    rules_update: dict[str, object] = {}
    if drift is not s.rules.drift:
        rules_update["drift"] = drift
    if "mitigation." in rules:
        rules_update["mitigation"] = rules["mitigation."]
    if rules_update:
        update["rules"] = s.rules.model_copy(update=rules_update)
    if "crisis." in rules:
        crisis = rules["crisis."]
        tension = s.indicators.tension
        change: dict[str, object] = {"crisis_at": crisis}
        if tension.warning_at is not None and tension.warning_at >= crisis:
            change["warning_at"] = round(0.75 * crisis, 1)  # the warning stays below the line
        update["indicators"] = s.indicators.model_copy(
            update={"tension": tension.model_copy(update=change)}
        )
    regen = {k.removeprefix("regen."): v for k, v in rules.items() if k.startswith("regen.")}
    if regen:
        for actor, factor in regen.items():
            d = actors[actor]
            assert isinstance(d, Delegation)  # only delegations have capital to regenerate
            capital = d.capital.model_copy(
                update={
                    "regen": d.capital.regen * factor,
                    "regen_per_support": d.capital.regen_per_support * factor,
                }
            )
            actors[actor] = d.model_copy(update={"capital": capital})
        update["actors"] = actors
    scenario = s.model_copy(update=update)
    stamp = repr(list(values.items())).encode()
    variant_hash = f"{loaded.content_hash}+{hashlib.sha256(stamp).hexdigest()[:16]}"
    return replace(loaded, scenario=scenario, content_hash=variant_hash)


def all_inputs(loaded: LoadedScenario) -> list[UncertainInput]:
    """Every amount of the file that can be an input, whether or not it acts in a given
    analysis (`scenario_with` accepts any of them)."""
    from game.engine.rulebook import Rulebook

    book = Rulebook.of(loaded)  # one per scenario: the inputs are worked out once with it
    found = _ALL_INPUTS.get(book)
    if found is None:
        found = _ALL_INPUTS[book] = uncertain_inputs(loaded, every=True)
    return found


_ALL_INPUTS: weakref.WeakKeyDictionary[object, list[UncertainInput]] = weakref.WeakKeyDictionary()
