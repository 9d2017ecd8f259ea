"""Cross-reference checks: every name used in a scenario exists, ids are unique, prerequisites form no cycle.

Also compiles every expression, since checking one means knowing the scenario's names.
Each problem is reported as (key path, message, character offset inside an expression or None).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from game.scenario.errors import PathPart, did_you_mean
from game.scenario.expressions import Expression, ExpressionError, Names, compile_expression
from game.scenario.models import (
    MAX_DELEGATIONS,
    MAX_FRAME_ASPECT,
    MIN_FRAME_DEGREES,
    Delegation,
    Effect,
    MapFrame,
    RedCell,
    Scenario,
)
from game.scenario.yaml_source import date_hint

Path = tuple[PathPart, ...]


class _Identified(Protocol):
    """An item of a scenario list whose entries have unique ids."""

    @property
    def id(self) -> str: ...


class _Sourced(Protocol):
    """An item that may name one of the scenario's sources."""

    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class Found:
    """One problem: where (a key path, and for an expression the character in it) and what."""

    path: Path
    message: str
    offset: int | None = None  # into the expression string at `path`
    at_key: bool = False  # point at the key rather than its value
    error: ExpressionError | None = None  # for an expression: the error, to word its places


def effect_targets(s: Scenario) -> list[str]:
    """Names an effect may change, in display order."""
    names = ["cooperation", "tension"]
    names += [f"resilience.{d}" for d in s.indicators.resilience]
    for actor in s.delegations():
        names += [f"support.{actor}", f"capital.{actor}"]
    return names


def expression_names(s: Scenario) -> Names:
    """Every value an expression may read: the indicators plus derived values."""
    derived = [
        "turn",
        "turns",
        "adopted_count",
        "provocation",
        "stability",
        "crisis_at",
        "resilience.mean",
        "resilience.min",
    ]
    return Names(frozenset(effect_targets(s) + derived), frozenset(m.id for m in s.measures))


def check_references(
    s: Scenario, dates: Iterable[Path] = ()
) -> tuple[list[Found], dict[str, Expression]]:
    """All cross-reference problems of a shape-valid scenario, and its compiled expressions.

    `dates` are the paths of plain values the YAML file wrote as dates (`2001-12-14`): one
    where an expression is expected is a problem, not the calculation 2001 - 12 - 14."""
    dated = frozenset(dates)
    found: list[Found] = []
    compiled: dict[str, Expression] = {}
    names = expression_names(s)
    delegations = set(s.delegations())
    domains = set(s.indicators.resilience)
    measures = [m.id for m in s.measures]
    sources = {src.id for src in s.sources}
    targets = set(effect_targets(s))

    def need(path: Path, value: str, valid: Iterable[str], what: str) -> None:
        valid = set(valid)
        if value not in valid:
            if not valid:
                found.append(Found(path, f"unknown {what} `{value}`: the scenario defines none"))
            else:
                found.append(Found(path, f"unknown {what} `{value}`{did_you_mean(value, valid)}"))

    def need_key(path: Path, value: str, valid: Iterable[str], what: str) -> None:
        valid = set(valid)
        if value not in valid:
            found.append(
                Found(path, f"unknown {what} `{value}`{did_you_mean(value, valid)}", at_key=True)
            )

    def expr(path: Path, text: str | None, kind: str = "condition") -> None:
        if text is None:
            return
        if path in dated:
            found.append(Found(path, date_hint(text)))
            return
        if text in compiled and compiled[text].kind == kind:
            return
        try:
            compiled[text] = compile_expression(text, names, kind)
        except ExpressionError as err:
            found.append(Found(path, err.message, err.offset, error=err))

    def effect(path: Path, e: Effect | None) -> None:
        if e is None:
            return
        for key, value in e.ranges.items():
            need_key(path + (key,), key, targets, "indicator")
            if isinstance(value, tuple) and value[0] > value[1]:
                found.append(
                    Found(
                        path + (key,),
                        f"the range [{value[0]:g}, {value[1]:g}] runs backwards; expected "
                        f"[low, high], e.g. [{value[1]:g}, {value[0]:g}]",
                    )
                )
        if e.source is not None:
            need(path + ("source",), e.source, sources, "source")

    # --- actors -----------------------------------------------------------------
    red_cells = [k for k, a in s.actors.items() if isinstance(a, RedCell)]
    if len(red_cells) != 1:
        found.append(
            Found(
                ("actors",),
                f"expected exactly one actor with `role: red_cell`, found {len(red_cells)}",
            )
        )
    if not delegations:
        found.append(Found(("actors",), "expected at least one actor with `role: delegation`"))
    if len(delegations) > MAX_DELEGATIONS:
        found.append(
            Found(
                ("actors",),
                f"{len(delegations)} actors have `role: delegation`; expected at most "
                f"{MAX_DELEGATIONS}, the most the game window can lay out side by side on its "
                "smallest screen (1024x600)",
                at_key=True,
            )
        )
    for actor_id, actor in s.actors.items():
        base: Path = ("actors", actor_id)
        if isinstance(actor, Delegation):
            if actor.capital.start > actor.capital.max:
                found.append(
                    Found(
                        base + ("capital", "start"),
                        f"start {actor.capital.start} is above max {actor.capital.max}",
                    )
                )
            obj = actor.objectives
            for d in obj.domains:
                need_key(base + ("objectives", "domains", d), d, domains, "domain")
            for m in obj.measures:
                need_key(base + ("objectives", "measures", m), m, measures, "measure")
            for name, profile in actor.ai_profiles.items():
                p = base + ("ai_profiles", name)
                for m in profile.priorities:
                    need_key(p + ("priorities", m), m, measures, "measure")
                for m in profile.wants:
                    need_key(p + ("wants", m), m, measures, "measure")
                for i, m in enumerate(profile.oppose):
                    need(p + ("oppose", i), m, measures, "measure")
            if actor.default_ai is not None:
                need(base + ("default_ai",), actor.default_ai, actor.ai_profiles, "AI profile")
        else:
            if actor.policy.actions_per_turn > actor.policy.max_actions:
                found.append(
                    Found(
                        base + ("policy", "actions_per_turn"),
                        f"actions_per_turn {actor.policy.actions_per_turn} is above max_actions {actor.policy.max_actions}; expected at most max_actions",
                    )
                )
            for i, esc in enumerate(actor.policy.escalation):
                expr(base + ("policy", "escalation", i, "when"), esc.when)
            stages = actor.policy.campaign
            for i, stage in enumerate(stages):
                effect(base + ("policy", "campaign", i, "effect"), stage.effect)
                if stage.source is not None:
                    need(
                        base + ("policy", "campaign", i, "source"), stage.source, sources, "source"
                    )
                if stage.from_turn > s.turns:
                    found.append(
                        Found(
                            base + ("policy", "campaign", i, "from_turn"),
                            f"from_turn {stage.from_turn} is after the last turn ({s.turns})",
                        )
                    )
                if i and stage.from_turn <= stages[i - 1].from_turn:
                    found.append(
                        Found(
                            base + ("policy", "campaign", i, "from_turn"),
                            f"from_turn {stage.from_turn} does not come after the stage before "
                            f"it (from_turn {stages[i - 1].from_turn}); expected stages in turn order",
                        )
                    )
            for key in actor.policy.aims:
                need_key(base + ("policy", "aims", key), key, targets, "indicator")
                if key.startswith("capital."):
                    found.append(
                        Found(
                            base + ("policy", "aims", key),
                            f"`{key}` is a budget, not a 0-100 indicator; aims weigh "
                            "cooperation, tension, resilience and support",
                            at_key=True,
                        )
                    )

    found.extend(_frame_problems(s.map))

    # --- indicators -------------------------------------------------------------
    if s.indicators.tension.start >= s.indicators.tension.crisis_at:
        found.append(
            Found(
                ("indicators", "tension", "start"),
                "tension starts at or above `crisis_at`; expected it below",
            )
        )
    warning_at = s.indicators.tension.warning_at
    if warning_at is not None and warning_at >= s.indicators.tension.crisis_at:
        found.append(
            Found(
                ("indicators", "tension", "warning_at"),
                f"warning_at {warning_at:g} is not below crisis_at "
                f"{s.indicators.tension.crisis_at:g}; expected a warning before the crisis",
            )
        )
    scoring = s.rules.scoring
    if scoring.crisis_ceiling > scoring.calm_floor - 1:
        found.append(
            Found(
                ("rules", "scoring", "crisis_ceiling"),
                f"crisis_ceiling {scoring.crisis_ceiling:g} is not at least 1 below calm_floor "
                f"{scoring.calm_floor:g}; expected at most {scoring.calm_floor - 1:g}, so that a "
                "crisis always scores lower than a game without one",
            )
        )
    if not (scoring.cooperation or scoring.resilience or scoring.stability):
        found.append(
            Found(
                ("rules", "scoring"),
                "every weight of the shared score is 0; expected at least one above 0",
            )
        )

    # --- unique ids ---------------------------------------------------------------
    identified: tuple[tuple[str, Sequence[_Identified]], ...] = (
        ("sources", s.sources),
        ("measures", s.measures),
        ("events", s.events),
        ("injects", s.injects),
        ("outcomes", s.outcomes),
    )
    for section, items in identified:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                found.append(
                    Found(
                        (section, i, "id"),
                        f"duplicate id `{item.id}` (also {section}[{seen[item.id]}]); expected unique ids",
                    )
                )
            seen.setdefault(item.id, i)
    for source_path, src_id in _source_refs(s):
        need(source_path, src_id, sources, "source")

    # --- measures -----------------------------------------------------------------
    for i, measure in enumerate(s.measures):
        base = ("measures", i)
        for j, a in enumerate(measure.requires):
            need(base + ("requires", j), a, delegations, "delegation")
            if a in measure.requires[:j]:
                found.append(
                    Found(
                        base + ("requires", j),
                        f"`{a}` is listed twice; expected each delegation once",
                    )
                )
        for a in measure.cost:
            need_key(base + ("cost", a), a, delegations, "delegation")
        for a in measure.requires:
            if a in delegations and a not in measure.cost:
                found.append(
                    Found(
                        base + ("cost",),
                        f"`{a}` is required but has no cost; expected `cost: {{{a}: N}}`",
                    )
                )
        for a in measure.support_cost:
            need_key(
                base + ("support_cost", a),
                a,
                set(measure.cost),
                "delegation with a cost for this measure",
            )
        for j, pre in enumerate(measure.prerequisites):
            need(base + ("prerequisites", j), pre, measures, "measure")
            if pre == measure.id:
                found.append(
                    Found(base + ("prerequisites", j), "a measure cannot be its own prerequisite")
                )
        for d in measure.shields:
            need_key(base + ("shields", d), d, domains, "domain")
        effect(base + ("on_adopt",), measure.on_adopt)
        effect(base + ("in_force",), measure.in_force)
        effect(base + ("reaction",), measure.reaction)
    found.extend(_prerequisite_cycles(s))

    # --- events -------------------------------------------------------------------
    for i, e in enumerate(s.events):
        base = ("events", i)
        need(base + ("domain",), e.domain, domains, "domain")
        if e.target is not None:
            need(base + ("target",), e.target, delegations, "delegation")
        if e.location is not None:
            need(base + ("location",), e.location, s.locations, "location")
        expr(base + ("when",), e.when)
        if isinstance(e.weight, str):
            expr(base + ("weight",), e.weight, "number")
        effect(base + ("hit",), e.hit)
        for j, m in enumerate(e.suspend):
            need(base + ("suspend", j), m, measures, "measure")
        for m in e.setback:
            need_key(base + ("setback", m), m, measures, "measure")

    # --- the calendar and dates ------------------------------------------------------
    if s.calendar is not None:
        problem = date_problem(s.calendar.start)
        if problem:
            found.append(Found(("calendar", "start"), problem))

    # --- injects ------------------------------------------------------------------
    for i, inj in enumerate(s.injects):
        base = ("injects", i)
        if inj.date is not None:
            problem = date_problem(inj.date)
            if problem:
                found.append(Found(base + ("date",), problem))
            elif s.calendar is None:
                found.append(
                    Found(
                        base + ("date",),
                        "a dated inject needs the scenario's `calendar` (e.g. `calendar: "
                        '{start: "2020-01-01", months_per_turn: 3}`) to know its turn',
                    )
                )
            if inj.turn is not None:
                found.append(
                    Found(
                        base + ("turn",),
                        "give `turn` or `date`, not both: the date decides the turn",
                    )
                )
        if inj.turn is not None and inj.turn > s.turns:
            found.append(
                Found(base + ("turn",), f"turn {inj.turn} is after the last turn ({s.turns})")
            )
        expr(base + ("when",), inj.when)
        if inj.turn is None and inj.when is not None:
            found.append(
                Found(
                    base + ("when",),
                    "an inject without `turn` is fired by the facilitator, who decides when; `when` only applies to scheduled injects",
                )
            )
        effect(base + ("effects",), inj.effects)
        for j, m in enumerate(inj.suspend):
            need(base + ("suspend", j), m, measures, "measure")

    # --- outcomes -----------------------------------------------------------------
    for i, o in enumerate(s.outcomes):
        expr(("outcomes", i, "when"), o.when)
    if not any(o.crisis for o in s.outcomes):
        found.append(
            Found(("outcomes",), "no outcome has `crisis: true`; expected one for a crisis ending")
        )
    for kind in (False, True):
        bands = [(i, o) for i, o in enumerate(s.outcomes) if o.crisis == kind]
        fallback = next((n for n, (_, o) in enumerate(bands) if o.when is None), None)
        if fallback is not None:
            for i, o in bands[fallback + 1 :]:
                found.append(
                    Found(
                        ("outcomes", i),
                        f"band `{o.id}` comes after the band without `when:` of its kind, so it can never be chosen; move it up",
                    )
                )
    if not any(not o.crisis and o.when is None for o in s.outcomes):
        found.append(
            Found(
                ("outcomes",),
                "no fallback outcome (one without `when:` and not a crisis); expected one last",
            )
        )

    # --- rules --------------------------------------------------------------------
    effect(("rules", "drift"), s.rules.drift)
    return found, compiled


def _source_refs(s: Scenario) -> Iterator[tuple[Path, str]]:
    sourced: tuple[tuple[str, Sequence[_Sourced]], ...] = (
        ("measures", s.measures),
        ("events", s.events),
        ("injects", s.injects),
    )
    for section, items in sourced:
        for i, item in enumerate(items):
            if item.source is not None:
                yield (section, i, "source"), item.source


def _prerequisite_cycles(s: Scenario) -> list[Found]:
    """One problem per measure that sits on a prerequisite cycle."""
    index = {m.id: i for i, m in enumerate(s.measures)}
    graph = {m.id: [p for p in m.prerequisites if p in index] for m in s.measures}
    found: list[Found] = []
    reported: set[str] = set()
    for start in graph:
        # Iterative DFS: find a path from start back to itself.
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start and start not in reported:
                    cycle = " -> ".join(trail + [start])
                    found.append(
                        Found(
                            ("measures", index[start], "prerequisites"),
                            f"prerequisites form a cycle: {cycle}",
                        )
                    )
                    reported.update(trail)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    return found


def _degrees(value: float) -> str:
    return f"{value:g}"


def _frame_problems(frame: MapFrame) -> list[Found]:
    """The map's frame must be a box the window can draw: edges in order, not too small, and
    not so long and thin that the map becomes a strip."""
    (west, east), (south, north) = frame.lon, frame.lat
    found = []
    if west >= east:
        found.append(
            Found(
                ("map", "lon"),
                f"the west edge ({_degrees(west)}) is not less than the east edge "
                f"({_degrees(east)}); expected `lon: [west, east]` with west < east (a frame "
                "across the 180th meridian is not supported)",
            )
        )
    elif east - west < MIN_FRAME_DEGREES:
        found.append(
            Found(
                ("map", "lon"),
                f"the frame is {_degrees(east - west)} degrees of longitude wide; expected at "
                f"least {_degrees(MIN_FRAME_DEGREES)}, as the base map's coastlines are drawn "
                "for a region, not a city",
            )
        )
    if south >= north:
        found.append(
            Found(
                ("map", "lat"),
                f"the south edge ({_degrees(south)}) is not less than the north edge "
                f"({_degrees(north)}); expected `lat: [south, north]` with south < north",
            )
        )
    elif north - south < MIN_FRAME_DEGREES:
        found.append(
            Found(
                ("map", "lat"),
                f"the frame is {_degrees(north - south)} degrees of latitude high; expected at "
                f"least {_degrees(MIN_FRAME_DEGREES)}, as the base map's coastlines are drawn "
                "for a region, not a city",
            )
        )
    if found:
        return found
    aspect = frame_aspect(frame)
    if not 1 / MAX_FRAME_ASPECT <= aspect <= MAX_FRAME_ASPECT:
        shape = "wide" if aspect > 1 else "tall"
        ratio = aspect if aspect > 1 else 1 / aspect
        found.append(
            Found(
                ("map",),
                f"the frame is {ratio:.1f} times as {shape} as it is "
                f"{'high' if aspect > 1 else 'wide'} on the map; expected at most "
                f"{_degrees(MAX_FRAME_ASPECT)} times, or the map would be a thin strip in "
                "the window (widen the narrow side)",
            )
        )
    return found


def frame_aspect(frame: MapFrame) -> float:
    """Width over height of the frame as the map draws it (a degree of longitude shrinks by
    the cosine of the frame's middle latitude)."""
    (west, east), (south, north) = frame.lon, frame.lat
    return (east - west) * math.cos(math.radians((south + north) / 2)) / (north - south)


def date_problem(text: str) -> str | None:
    """Why `text` (YYYY-MM-DD) is not a real date, or None."""
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return f"`{text}` is not a date of the calendar; expected YYYY-MM-DD, e.g. 2021-04-16"
    return None


def turn_of_date(s: Scenario, text: str) -> int | None:
    """The turn whose months contain the date, or None when the date falls before the first
    turn or after the last (outside the scenario's window) or there is no calendar."""
    import datetime

    if s.calendar is None or date_problem(text) or date_problem(s.calendar.start):
        return None
    start = datetime.date.fromisoformat(s.calendar.start)
    day = datetime.date.fromisoformat(text)
    if day < start:
        return None
    months = (day.year - start.year) * 12 + day.month - start.month - (day.day < start.day)
    turn = months // s.calendar.months_per_turn + 1
    return turn if turn <= s.turns else None


def format_warnings(s: Scenario) -> list[Found]:
    """Warnings about keys whose meaning changed (see "What changed" in docs/authoring.md)."""
    found = []
    for actor_id, actor in s.delegations().items():
        if actor.objectives.measures:
            found.append(
                Found(
                    ("actors", actor_id, "objectives", "measures"),
                    "no longer scored: a delegation's score is the state of the region at the "
                    "end, not the measures adopted; move these numbers into the AI profiles' "
                    "`wants` (the AI still reads them as how much it wants each measure) or "
                    "delete them",
                    at_key=True,
                )
            )
    return found


def location_warnings(s: Scenario) -> list[Found]:
    """A warning for each location outside the map's frame: its marker could not be placed
    where it is (the scenario still loads; the frame or the location may need moving)."""
    (west, east), (south, north) = s.map.lon, s.map.lat
    frame = (
        f"longitude {_degrees(west)} to {_degrees(east)}, latitude {_degrees(south)} to "
        f"{_degrees(north)}"
    )
    found = []
    for name, place in s.locations.items():
        if west <= place.lon <= east and south <= place.lat <= north:
            continue
        found.append(
            Found(
                ("locations", name),
                f"{place.title} (longitude {_degrees(place.lon)}, latitude "
                f"{_degrees(place.lat)}) is outside the map's frame ({frame}), so the map may pin "
                "its marker to the edge instead of showing it where it is; widen `map:` or move "
                "the location",
                at_key=True,
            )
        )
    return found
