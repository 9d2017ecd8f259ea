"""The game: create it from a scenario and a seed, submit decisions, resolve turns, read the result.

    game = Game(loaded, seed=7, humans={"japan"})
    game.options("japan")                 # what Japan may do this turn
    game.submit("japan", {"jp_tw_dialogue": "push"})
    report = game.resolve_turn()          # AI delegations decide for themselves
    ...
    game.result()                         # once game.over

Resolution order of one turn (authors rely on it; `docs` repeat it):
 1. decisions are revealed together; capital (and, for some measures, domestic support) is spent;
 2. measures progress: full progress when every required delegation pushes, partial when only
    some do (never enough to finish: the last step needs everyone), a setback when any
    participant opposes; unmet prerequisites hold a measure still;
 3. measures that reach their progress are adopted and take their one-off effects;
 4. every measure in force applies its per-turn effects;
 5. the red cell reacts to this turn's adoptions;
 6. the red cell's campaign applies: the pressure of the stage of its campaign under way, which
    it applies every turn whatever the partners decide;
 7. the red cell's gray-zone actions are drawn by weight among events whose conditions hold
    (events aimed at the weakest domain, and at the partner with the lowest domestic support,
    likelier by the policy's factors); resilience in its domain, and measures in force that
    shield it, blunt each action's damage (losses of resilience, support, cooperation and
    capital) but never the tension it adds;
 8. injects scheduled for this turn fire;
 9. the scenario's drift applies;
10. capital regenerates with domestic support;
11. if tension reached the crisis threshold at any moment of the turn, the game ends in crisis
    (drift later in the turn does not undo it); otherwise the last turn ends the game.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from math import floor, isfinite
from typing import NamedTuple

from game.engine.chance import assumptions_stream, streams
from game.engine.rulebook import (
    Changes,
    EventRules,
    MeasureRules,
    RangedEffect,
    Rulebook,
    is_damage,
)
from game.engine.state import Cause, Choice, GameState, LedgerEntry
from game.i18n import _
from game.limits import ADJUSTMENT, MAX_ADJUSTMENT, MAX_SEED, number_problem
from game.scenario.expressions import Facts
from game.scenario.loader import LoadedScenario
from game.text import text_problem

_new_entry = tuple.__new__

# Enum members used every turn, bound once: looking them up on their class goes through
# EnumType's __getattr__ hook, which the interpreter cannot specialise (it showed in profiles).
_PUSH, _OPPOSE = Choice.PUSH, Choice.OPPOSE
_CAUSE_PUSH, _CAUSE_OPPOSE, _CAUSE_ADOPTED, _CAUSE_IN_FORCE, _CAUSE_REACTION = (
    Cause.PUSH,
    Cause.OPPOSE,
    Cause.ADOPTED,
    Cause.IN_FORCE,
    Cause.REACTION,
)
_CAUSE_CAMPAIGN, _CAUSE_EVENT, _CAUSE_INJECT, _CAUSE_DRIFT, _CAUSE_REGEN = (
    Cause.CAMPAIGN,
    Cause.EVENT,
    Cause.INJECT,
    Cause.DRIFT,
    Cause.REGEN,
)


def tenth(x: float) -> float:
    """Round to one decimal (half up). Indicators are kept to tenths so that what a condition
    such as `tension >= 40` sees is what the player sees; ~6x faster than round(x, 1)."""
    return floor(x * 10 + 0.5) / 10


class EngineError(Exception):
    """Base of the engine's typed errors."""


MAX_NOTE_CHARS = 2000  # a facilitator's note or an adjustment's reason


def finite_number(value: object, what: str, low: float, high: float) -> float:
    """`value` as a float from `low` to `high`; raises EngineError for anything else (text,
    even text of a number: the terminal and the window read typed numbers with
    `game.limits.read_decimal`; booleans, NaN, infinities, numbers too large for a float),
    worded by `game.limits.number_problem` like the same mistake typed at a prompt."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EngineError(number_problem(what, low, high, value))
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        raise EngineError(number_problem(what, low, high, value)) from None
    if not isfinite(number) or not low <= number <= high:
        raise EngineError(number_problem(what, low, high, number))
    return number


def _facilitator_text(text: object, what: str) -> str:
    """A note or reason as recorded: no control characters (they would reach terminals and
    reports), at most MAX_NOTE_CHARS characters. Raises EngineError."""
    text = str(text).strip()
    problem = text_problem(text)  # the rule every reader applies, so the save reads back
    if problem:
        raise EngineError(f"{what} {problem}")
    if len(text) > MAX_NOTE_CHARS:
        raise EngineError(
            f"{what} can be at most {MAX_NOTE_CHARS:,} characters long; this one has {len(text):,}"
        )
    return text


class IllegalDecision(EngineError):
    """Raised when a submitted decision is not one the delegation may make this turn."""


class GameOver(EngineError):
    """Raised when asked to play a turn of a finished game."""


@dataclass(frozen=True)
class MeasureOption:
    """One measure a delegation may act on this turn, with what each choice costs it."""

    measure_id: str
    title: str
    choices: tuple[Choice, ...]
    push_cost: int
    oppose_cost: int
    progress: float
    needed: float
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Options:
    """The single source of truth for what a delegation may do this turn."""

    actor: str
    capital: int
    measures: tuple[MeasureOption, ...]

    def cost_of(self, decisions: Mapping[str, Choice]) -> int:
        by_id = {m.measure_id: m for m in self.measures}
        total = 0
        for mid, choice in decisions.items():
            opt = by_id[mid]
            total += (
                opt.push_cost
                if choice == Choice.PUSH
                else opt.oppose_cost
                if choice == Choice.OPPOSE
                else 0
            )
        return total


class EventRecord(NamedTuple):
    """A gray-zone action that happened, where, and how much resilience absorbed."""

    event_id: str
    title: str
    text: str
    domain: str
    target: str | None
    location: str | None
    absorbed: float


class TurnReport(NamedTuple):
    """What happened in one turn: the decisions, the draws and every change with its cause."""

    turn: int
    decisions: dict[str, dict[str, Choice]]
    progress: dict[str, tuple[float, float]]  # measure id -> (before, after)
    adopted: tuple[str, ...]
    events: tuple[EventRecord, ...]
    injects: tuple[str, ...]
    changes: tuple[LedgerEntry, ...]
    crisis: bool
    over: bool


@dataclass(frozen=True)
class FacilitatorAction:
    """Something the white cell did: fired an inject, adjusted an indicator (with its reason)
    or wrote a note during a turn's decisions, ended a delegation's turn for it ("hold":
    `actor` holds on everything, `text` says why), handed a delegation to the computer ("ai":
    `actor`, `text` the AI profile), or took back turn `turn` ("takeback", `text` summarising
    the decisions undone). Saves replay these in order; take-backs are a record only and have
    no effect on play."""

    turn: int
    kind: str  # "inject", "adjust", "note", "hold", "ai" or "takeback"
    inject_id: str = ""
    indicator: str = ""
    amount: float = 0.0
    text: str = ""  # the reason, the note, the AI profile, or what a take-back undid
    actor: str = ""  # the delegation of a "hold" or an "ai"


@dataclass(frozen=True)
class Forecast:
    """A delegation's stated probability, before a reveal, that something happens this turn."""

    turn: int
    actor: str
    question: str  # see `forecast_questions`
    probability: float  # 0..1


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass
class Setup:
    """Who plays what: human delegations and the AI profile of every other one."""

    humans: frozenset[str]
    ai_profiles: dict[str, str] = field(default_factory=dict)
    history: bool = False  # the history excursion: the real timeline's injects fire too


class GameEffects:
    """The amounts one game plays with: the scenario's numbers, and for every amount the
    scenario gives as a range, the value this game drew (uniform in the range, to tenths,
    from a stream of the seed's own: the same seed draws the same values, and the world's
    and the AI's draws are untouched)."""

    __slots__ = (
        "on_adopt",
        "in_force",
        "reaction",
        "hit_harm",
        "inject",
        "campaign",
        "_campaign_index",
        "drift",
        "drawn",
    )

    @classmethod
    def of(cls, book: Rulebook, seed: int) -> GameEffects:
        base = book.memo.get("effects")
        if base is None:
            base = book.memo["effects"] = cls(book, ())
        if not book.ranged:
            return base  # type: ignore[return-value]
        stream = assumptions_stream(seed)
        drawn = tuple(
            (r, floor((r.low + (r.high - r.low) * stream.uniform()) * 10 + 0.5) / 10)
            for r in book.ranged
        )
        return cls(book, drawn)

    def __init__(self, book: Rulebook, drawn: tuple[tuple[RangedEffect, float], ...]):
        self.drawn = drawn
        self.on_adopt = {m.id: m.on_adopt for m in book.measures}
        self.in_force = {m.id: m.in_force for m in book.measures}
        self.reaction = {m.id: m.reaction for m in book.measures}
        hits = {e.id: e.hit for e in book.events}
        self.inject = {i.id: i.effects for i in book.injects}
        campaign = [changes for _turn, _stage, changes in book.campaign]
        drift = book.drift
        tables = {"on_adopt": self.on_adopt, "in_force": self.in_force, "reaction": self.reaction}
        for r, value in drawn:
            if r.kind in tables:
                table = tables[r.kind]
                table[r.owner] = _with_value(table[r.owner], r.position, value)
            elif r.kind == "hit":
                hits[r.owner] = _with_value(hits[r.owner], r.position, value)
            elif r.kind == "inject":
                self.inject[r.owner] = _with_value(self.inject[r.owner], r.position, value)
            elif r.kind == "campaign":
                campaign[int(r.owner)] = _with_value(campaign[int(r.owner)], r.position, value)
            else:
                drift = _with_value(drift, r.position, value)
        self.hit_harm = {
            eid: tuple((k, a, is_damage(k, a)) for k, a in changes) for eid, changes in hits.items()
        }
        self.campaign = tuple(campaign)  # by stage, as book.campaign
        self._campaign_index = book.campaign_index
        self.drift = drift

    def campaign_changes(self, turn: int) -> Changes:
        """What the red cell's campaign does on `turn` in this game."""
        index = self._campaign_index(turn)
        return () if index is None else self.campaign[index]


def _with_value(changes: Changes, position: int, value: float) -> Changes:
    return tuple((k, value if i == position else a) for i, (k, a) in enumerate(changes))


class Game:
    """One game of a scenario; deterministic given scenario, seed and decisions."""

    def __init__(
        self,
        loaded: LoadedScenario,
        seed: int,
        humans: Iterable[str] = (),
        ai_profiles: Mapping[str, str] | None = None,
        *,
        record: bool = True,
        history: bool = False,
    ):
        """`record=False` plays the same game keeping only its state: no ledger of causes, no
        turn reports (`resolve_turn` returns None), no decision history or per-turn values.
        What Monte Carlo batches use: they read the final state, and play faster."""
        from game.engine.ai import DelegationAI  # ai imports Game's option types

        self.loaded = loaded
        self.book = book = Rulebook.of(loaded)
        try:
            self.seed = operator.index(seed)  # type: ignore[arg-type]
        except TypeError:
            raise EngineError(f"a seed is a whole number, not {seed!r}") from None
        if not 0 <= self.seed <= MAX_SEED:
            raise EngineError(f"a seed is a whole number from 0 to {MAX_SEED}, not {self.seed}")
        humans = frozenset(humans)
        unknown = sorted(humans - set(book.delegation_ids))
        if unknown:
            raise EngineError(
                f"unknown delegation {unknown[0]!r}; expected one of {', '.join(book.delegation_ids)}"
            )
        profiles: dict[str, str] = {}
        self._ai: dict[str, DelegationAI] = {}
        self._world, ai_stream = streams(self.seed)
        self._ai_stream = ai_stream  # shared by every AI, also one handed a delegation later
        for actor in book.delegation_ids:
            if actor in humans:
                continue
            wanted = (ai_profiles or {}).get(actor)
            if wanted is not None and wanted not in book.profile_names[actor]:
                raise EngineError(
                    f"unknown AI profile {wanted!r} for {actor}; expected one of "
                    f"{', '.join(book.profile_names[actor])}"
                )
            name, profile = book.profile(actor, wanted)
            profiles[actor] = name
            self._ai[actor] = DelegationAI(book, actor, name, profile, ai_stream)
        if history and not book.has_history:
            raise EngineError(
                "this scenario has no history excursion (no injects with `history: true`)"
            )
        self.setup = Setup(humans, profiles, bool(history))
        # This game's amounts: the scenario's, with every range drawn from the seed.
        self.effects = GameEffects.of(book, self.seed)
        self.state = GameState(
            turn=1,
            values=dict(book.start_values),
            progress={m.id: 0.0 for m in book.measures},
        )
        self._values = self.state.values
        self._bounds = book.bounds
        self._crisis_at = book.crisis_at
        self._crisis_touched = False
        self._mitigation = book.mitigation
        self.record = record
        start_label = book.cause_label(Cause.START, "") if record else ""
        self.ledger: list[LedgerEntry] = (
            [
                LedgerEntry(0, k, v, Cause.START, "", start_label)
                for k, v in book.start_values.items()
            ]
            if record
            else []
        )
        self._table_key: tuple[int, int] = (-1, -1)
        self._adopted_seen = 0
        self._with_effects: list[MeasureRules] = []  # adopted measures with per-turn effects
        self._table: tuple[list[MeasureRules], frozenset[str]] = ([], frozenset())
        self.reports: list[TurnReport] = []
        self.history: list[
            dict[str, dict[str, Choice]]
        ] = []  # every turn's decisions, all delegations
        self._pending: dict[str, dict[str, Choice]] = {}
        # Delegations whose submitted decisions a white-cell action made impossible this
        # turn: they decide again (see _reopen_illegal); a window or a classroom reads it.
        self.reopened: list[str] = []
        self.forbidden: frozenset[str] = frozenset()
        self.facilitator_log: list[FacilitatorAction] = []
        self.forecasts: list[Forecast] = []
        self._turn_first_entry = len(self.ledger)  # ledger index where the current turn began
        self._setbacks: dict[str, tuple[float, float]] = {}  # this turn's progress report
        self.turn_start_values: list[dict[str, float]] = [dict(self.state.values)]  # by turn - 1
        # Warnings about the save this game was loaded from (for example "changed outside
        # Trilateral"); set by game.engine.saves when loading, repeated by the window and report.
        self.save_warnings: tuple[str, ...] = ()

    def require_record(self, what: str) -> None:
        """Raise unless this game keeps its record (`what` needs the ledger, reports or history)."""
        if not self.record:
            raise EngineError(
                f"{what} needs a game that keeps its record; this one was created with record=False"
            )

    # --- what may be done ---------------------------------------------------------

    @property
    def scenario(self):  # noqa: ANN201 - the pydantic model
        return self.book.scenario

    @property
    def over(self) -> bool:
        return self.state.over

    def available_measures(self) -> list[MeasureRules]:
        """Measures on the table: not yet adopted, every prerequisite adopted, not forbidden."""
        return list(self._on_table()[0])

    def _on_table(self) -> tuple[list[MeasureRules], frozenset[str]]:
        """The measures on the table and their ids, worked out again only when they can have
        changed: measures are only ever added to `adopted` and to `forbidden`."""
        adopted = self.state.adopted
        forbidden = self.forbidden
        key = (len(adopted), len(forbidden))
        if key != self._table_key:
            table = [
                m
                for m in self.book.measures
                if m.id not in adopted
                and m.id not in forbidden
                and all(p in adopted for p in m.prerequisites)
            ]
            self._table = (table, frozenset(m.id for m in table))
            self._table_key = key
        return self._table

    def forbid(self, measure_ids) -> None:  # noqa: ANN001 - any iterable of ids
        """Take measures off the table for the whole game (what-if batches: 'without measure X')."""
        unknown = sorted(set(measure_ids) - set(self.book.measure))
        if unknown:
            raise EngineError(f"unknown measure {unknown[0]!r}")
        self.forbidden = frozenset(self.forbidden | set(measure_ids))

    def options(self, actor: str) -> Options:
        if actor not in self.book.delegations:
            raise IllegalDecision(f"unknown delegation {actor!r}")
        capital = int(self.state.values[f"capital.{actor}"])
        oppose_cost = self.book.oppose_cost
        out = []
        for m in self.available_measures():
            if actor not in m.cost:
                continue
            choices = [Choice.HOLD]
            if m.cost[actor] <= capital:
                choices.insert(0, Choice.PUSH)
            if oppose_cost <= capital:
                choices.append(Choice.OPPOSE)
            out.append(
                MeasureOption(
                    m.id,
                    m.model.title,
                    tuple(choices),
                    m.cost[actor],
                    oppose_cost,
                    self.state.progress[m.id],
                    m.needed,
                    m.requires,
                )
            )
        return Options(actor, capital, tuple(out))

    def check(self, actor: str, decisions: Mapping[str, str]) -> dict[str, Choice]:
        """Validate decisions against `options(actor)`; returns them normalised or raises IllegalDecision."""
        if self.state.over:
            raise GameOver("the game is over")
        opts = self.options(actor)
        by_id = {m.measure_id: m for m in opts.measures}
        clean: dict[str, Choice] = {}
        for mid, raw in decisions.items():
            try:
                choice = Choice(raw)
            except ValueError:
                raise IllegalDecision(
                    _("{actor}: {choice} is not a choice; expected push, hold or oppose").format(
                        actor=actor, choice=repr(raw)
                    )
                ) from None
            if mid not in by_id:
                if mid in self.book.measure:
                    if actor in self.book.measure[mid].cost:
                        why = _(
                            "{actor}: measure {measure} is not on the table for {actor} this turn"
                        )
                    else:
                        why = _("{actor}: measure {measure} does not involve {actor} this turn")
                    raise IllegalDecision(why.format(actor=actor, measure=repr(mid)))
                raise IllegalDecision(
                    _("{actor}: unknown measure {measure}").format(actor=actor, measure=repr(mid))
                )
            if choice not in by_id[mid].choices:
                if choice == Choice.PUSH:
                    why = _("{actor}: cannot push {measure} this turn")
                elif choice == Choice.OPPOSE:
                    why = _("{actor}: cannot oppose {measure} this turn")
                else:
                    why = _("{actor}: cannot hold {measure} this turn")
                raise IllegalDecision(why.format(actor=actor, measure=repr(mid)))
            if choice != Choice.HOLD:
                clean[mid] = choice
        cost = opts.cost_of(clean)
        if cost > opts.capital:
            raise IllegalDecision(
                _("{actor}: these decisions cost {cost} capital; {actor} has {capital}").format(
                    actor=actor, cost=cost, capital=opts.capital
                )
            )
        return clean

    def submit(self, actor: str, decisions: Mapping[str, str]) -> None:
        """Record a delegation's secret decisions for this turn (replacing earlier ones)."""
        self._pending[actor] = self.check(actor, decisions)

    def awaiting(self) -> list[str]:
        """Human delegations that have not yet decided this turn."""
        if not self.setup.humans:
            return []
        return [
            a for a in self.book.delegation_ids if a in self.setup.humans and a not in self._pending
        ]

    # --- expression facts -----------------------------------------------------------

    def facts(self) -> Facts:
        st = self.state
        values = st.values
        book = self.book
        res = book.resilience_of(values)
        adopted = st.adopted
        facts = {
            **values,
            "turn": float(st.turn),
            "turns": float(book.turns),
            "adopted_count": float(len(adopted)),
            "provocation": sum(book.measure[m].provocation for m in adopted),
            "stability": 100.0 - values["tension"],
            "crisis_at": book.crisis_at,
            "resilience.mean": sum(res) / len(res),
            "resilience.min": min(res),
        }
        under_way = {m for m, p in st.progress.items() if p > 0.0 and m not in adopted}
        return Facts(facts, adopted, st.in_force(), st.suspended(), under_way)

    # --- changing indicators ------------------------------------------------------------

    def _apply(
        self,
        indicator: str,
        amount: float,
        cause: Cause,
        source_id: str,
        label: str,
        absorbed: float = 0.0,
    ) -> None:
        """Change one indicator within its bounds and record the change actually made."""
        # Values are kept to one decimal so that a condition like `tension >= 40` sees what the
        # player sees; the ledger records the change actually made after clamping.
        values = self._values
        before = values[indicator]
        low, high = self._bounds[indicator]
        after = before + amount
        if after < low:
            after = low
        elif after > high:
            after = high
        after = floor(after * 10 + 0.5) / 10  # tenth(), inlined: this runs ~300 times a game
        if after != before or absorbed:
            values[indicator] = after
            if after >= self._crisis_at and indicator == "tension":
                self._crisis_touched = True  # reaching the threshold at any moment is a crisis
            # tuple.__new__ builds the same LedgerEntry about twice as fast as calling it
            self.ledger.append(
                _new_entry(
                    LedgerEntry,
                    (
                        self.state.turn,
                        indicator,
                        # to tenths, as the values are: 2.3 - 6.3 is -3.9999999999999996
                        floor((after - before) * 10 + 0.5) / 10,
                        cause,
                        source_id,
                        label,
                        absorbed,
                    ),
                )
            )

    def _apply_all(self, changes: Changes, cause: Cause, source_id: str, label: str) -> None:
        for indicator, amount in changes:
            self._apply(indicator, amount, cause, source_id, label)

    # With `record=False` the turn uses these two instead: the same changes, no ledger. They
    # repeat `_apply`'s clamp and rounding inline on purpose: sharing it through a helper or
    # a one-change call measured about 9% slower for a whole batch game.

    def _apply_quietly(
        self,
        indicator: str,
        amount: float,
        cause: Cause,
        source_id: str,
        label: str,
        absorbed: float = 0.0,
    ) -> None:
        values = self._values
        before = values[indicator]
        low, high = self._bounds[indicator]
        after = before + amount
        if after < low:
            after = low
        elif after > high:
            after = high
        after = floor(after * 10 + 0.5) / 10
        if after != before:
            values[indicator] = after
            if after >= self._crisis_at and indicator == "tension":
                self._crisis_touched = True

    def _apply_all_quietly(
        self, changes: Changes, cause: Cause, source_id: str, label: str
    ) -> None:
        values = self._values
        bounds = self._bounds
        crisis_at = self._crisis_at
        for indicator, amount in changes:
            before = values[indicator]
            low, high = bounds[indicator]
            after = before + amount
            if after < low:
                after = low
            elif after > high:
                after = high
            after = floor(after * 10 + 0.5) / 10
            if after != before:
                values[indicator] = after
                if after >= crisis_at and indicator == "tension":
                    self._crisis_touched = True

    # --- one turn ---------------------------------------------------------------------------

    def resolve_turn(self) -> TurnReport | None:
        """Resolve the current turn; AI delegations decide now. Raises if humans have not decided.
        Returns what happened (None for a game created with `record=False`)."""
        st = self.state
        if st.over:
            raise GameOver("the game is over")
        if self.setup.humans:
            missing = self.awaiting()
            if missing:
                raise IllegalDecision(f"waiting for {', '.join(missing)} to decide")
        book = self.book
        on_table, table_ids = self._on_table()
        pending = self._pending
        decisions: dict[str, dict[str, Choice]] = {}
        for actor in book.delegation_ids:
            ai = self._ai.get(actor)
            # An AI always decides, even when a replay supplies its recorded decision, so that
            # its random stream advances exactly as it did in the original game. AI decisions
            # are built from the same rules as `options` (a test checks they always pass `check`).
            proposal = ai.decide(self, on_table, table_ids) if ai is not None else {}
            decisions[actor] = pending.get(actor, proposal)
        self._pending = {}
        self.reopened = []
        first_entry = self._turn_first_entry
        turn = st.turn
        if self.record:
            apply, apply_all = self._apply, self._apply_all
        else:
            apply, apply_all = self._apply_quietly, self._apply_all_quietly
        labels = book.labels
        measure = book.measure

        # 1. reveal: spend capital and domestic support; count who pushed and who opposed what
        oppose_spend = book.oppose_spend
        acted: dict[str, list] = {}  # measure id -> [required pushers, other pushers, opposed]
        for actor, chosen in decisions.items():
            if not chosen:
                continue
            capital_key = book.capital_key[actor]
            for mid, choice in chosen.items():
                m = measure[mid]
                count = acted.get(mid)
                if count is None:
                    count = acted[mid] = [0, 0, False]
                if choice is _PUSH:
                    apply(capital_key, m.spend[actor], _CAUSE_PUSH, mid, labels[mid]["push"])
                    loss = m.support_spend.get(actor)
                    if loss:
                        apply(
                            book.support_key[actor], loss, _CAUSE_PUSH, mid, labels[mid]["support"]
                        )
                    count[0 if actor in m.requires else 1] += 1
                else:
                    apply(capital_key, oppose_spend, _CAUSE_OPPOSE, mid, labels[mid]["oppose"])
                    count[2] = True

        # 2-3. progress and adoption
        all_push, some_push, opposed = book.progress_rules
        next_progress = book.next_progress
        progress = st.progress
        progress_report: dict[str, tuple[float, float]] = {}
        adopted_now: list[str] = []
        for m in on_table:
            mid = m.id
            count = acted.get(mid)
            if count is None:
                continue
            # This turn's step: a setback if anyone opposes; full progress when every required
            # delegation pushes; otherwise a part for each delegation that pushes.
            pushers, supporters, was_opposed = count
            if was_opposed:
                step = opposed
                everyone = False
            else:
                everyone = pushers == len(m.requires)
                step = (all_push if everyone else some_push * pushers) + some_push * supporters
            if step == 0.0:  # float literals: comparing a float with an int is slower
                continue
            before = progress[mid]
            after = next_progress.get((before, step))
            if after is None:
                after = self._next_progress(before, step)
            if not everyone:
                # Partial commitment can bring a measure to within one joint turn of adoption,
                # never over the line: every required delegation must push in the final turn.
                after = min(after, max(before, m.needed - all_push))
            progress[mid] = after
            progress_report[mid] = (before, after)
            if after >= m.needed:
                adopted_now.append(mid)
        for mid in adopted_now:
            st.adopted[mid] = turn
            apply_all(self.effects.on_adopt[mid], _CAUSE_ADOPTED, mid, labels[mid]["adopted"])

        # 4. measures in force
        if st.adopted:
            if len(st.adopted) != self._adopted_seen:  # measures are only ever added
                self._adopted_seen = len(st.adopted)
                self._with_effects = [m for m in book.with_in_force if m.id in st.adopted]
            suspended = st.suspended_until
            for m in self._with_effects:
                if not suspended or suspended.get(m.id, 0) < turn:
                    apply_all(
                        self.effects.in_force[m.id], _CAUSE_IN_FORCE, m.id, labels[m.id]["in_force"]
                    )

        # 5. red cell reaction
        for mid in adopted_now:
            apply_all(self.effects.reaction[mid], _CAUSE_REACTION, mid, labels[mid]["reaction"])

        # 6. the red cell's campaign
        campaign = self.effects.campaign_changes(turn)
        if campaign:
            apply_all(campaign, _CAUSE_CAMPAIGN, "", labels[""]["campaign"])

        # 7. gray-zone actions
        self._setbacks = progress_report
        events = tuple(self._red_cell_actions(apply))

        # 8. injects
        fired = []
        scheduled = book.injects_by_turn.get(turn, ())
        if self.setup.history:
            scheduled += book.history_injects_by_turn.get(turn, ())
        for inj in scheduled:
            if inj.when is None or inj.when.evaluate(self.facts()):
                self._fire(inj.id, apply_all=apply_all)
                fired.append(inj.id)

        # 9. drift
        apply_all(self.effects.drift, _CAUSE_DRIFT, "", labels[""]["drift"])

        # 10. capital regenerates
        values = st.values
        for _actor, capital_key, support_key, regen, per_support in book.regen:
            apply(
                capital_key,
                regen + floor(values[support_key] * per_support),
                _CAUSE_REGEN,
                "",
                labels[""]["regen"],
            )

        # 11. the end?
        if self._crisis_touched or values["tension"] >= book.crisis_at:
            st.over = st.crisis = True
        elif turn >= book.turns:
            st.over = True
        else:
            st.turn += 1
        if not self.record:
            return None  # a batch game keeps its state only
        ledger = self.ledger
        report = TurnReport(
            turn,
            decisions,
            progress_report,
            tuple(adopted_now),
            events,
            tuple(fired),
            tuple(ledger[first_entry:]),
            st.crisis,
            st.over,
        )
        self.reports.append(report)
        self.history.append(decisions)
        self._turn_first_entry = len(ledger)
        self.turn_start_values.append(dict(values))
        return report

    def _next_progress(self, before: float, step: float) -> float:
        """Progress after a step, to hundredths and never below zero. Games see few distinct
        (before, step) pairs, so the rulebook keeps the answers (round() is slow)."""
        after = max(0.0, round(before + step, 2))
        table = self.book.next_progress
        if len(table) > 10_000:
            table.clear()
        table[before, step] = after
        return after

    def _red_cell_actions(self, apply: Callable[..., None]) -> list[EventRecord]:
        """Draw and apply this turn's gray-zone actions; their records (none in a batch game)."""
        book = self.book
        actions, max_actions, probe = book.red_cell_policy
        facts = self.facts()
        for condition, extra in book.escalation:
            if condition.evaluate(facts):
                actions += extra
        actions = max(0, min(max_actions, actions))
        if not actions:
            return []
        # The events whose condition holds, and their weights. The red cell probes the weakest
        # domain: the weights of its events are multiplied.
        weakest = (
            min(book.domain_keys, key=self._values.__getitem__)[len("resilience.") :]
            if probe != 1
            else None
        )
        drawable, weights = book.deck_table(facts, weakest, probe)
        events = book.events
        if book.probe_exposed != 1:
            # The partner with the lowest domestic support is the most exposed: the red cell
            # aims more of its actions at it (the first in file order on a tie).
            exposed = min(book.delegation_ids, key=lambda a: self._values[book.support_key[a]])
            target = book.event_target
            for i, index in enumerate(drawable):
                if target[index] == exposed:
                    weights[i] *= book.probe_exposed
        keep_after_shields = self._shields_now()
        uniform = self._world.uniform
        records = []
        total = sum(weights)
        for _action in range(actions):
            if not drawable:
                break
            pick = uniform() * total
            index = 0
            for w in weights:
                pick -= w
                if pick < 0.0:
                    break
                index += 1
            else:
                index -= 1  # rounding left a sliver past the last weight: the last event
            total -= weights.pop(index)  # one action of each kind per turn
            record = self._strike(events[drawable.pop(index)], apply, keep_after_shields)
            if record is not None:
                records.append(record)
        return records

    def _shields_now(self) -> dict[str, float]:
        """Per domain, the share of an event's damage left after the shields of the measures in
        force (not suspended): each takes away its share of what the others leave."""
        book = self.book
        if not book.shielding or not self.state.adopted:
            return {}
        in_force = self.state.in_force()
        keep: dict[str, float] = {}
        for m in book.shielding:
            if m.id in in_force:
                for domain, share in m.shields.items():
                    keep[domain] = keep.get(domain, 1.0) * (1.0 - share)
        return keep

    def _strike(
        self, e: EventRules, apply: Callable[..., None], shields: Mapping[str, float] | None = None
    ) -> EventRecord | None:
        """Apply a gray-zone event: resilience in its domain, and the shields of measures in
        force, absorb part of its damage; the tension it adds is applied in full.
        Returns its record (None in a batch game, which does not keep what was absorbed)."""
        keep = 1.0 - self._mitigation * self._values[e.resilience_key] / 100.0
        if shields:
            keep *= shields.get(e.domain, 1.0)
        absorbed_total = 0.0
        title = e.title
        record = self.record
        for indicator, amount, harmful in self.effects.hit_harm[e.id]:
            if not harmful:
                apply(indicator, amount, _CAUSE_EVENT, e.id, title)
                continue
            felt = floor(amount * keep * 10 + 0.5) / 10  # tenth(), inlined
            if record:
                absorbed = amount - felt
                absorbed = floor((absorbed if absorbed >= 0.0 else -absorbed) * 10 + 0.5) / 10
                absorbed_total += absorbed
                apply(indicator, felt, _CAUSE_EVENT, e.id, title, absorbed)
            else:
                apply(indicator, felt, _CAUSE_EVENT, e.id, title)
        if e.setback:
            self._set_back(e.setback)
        if e.suspend:
            st = self.state
            for mid in e.suspend:
                if mid in st.adopted:
                    st.suspended_until[mid] = max(
                        st.suspended_until.get(mid, 0), st.turn + e.suspend_turns
                    )
        return EventRecord(*e.record, tenth(absorbed_total)) if record else None

    def _set_back(self, setback: tuple[tuple[str, float], ...]) -> None:
        """A gray-zone action sets back measures still under way (never below no progress);
        the turn's progress report shows where each ended."""
        st = self.state
        for mid, amount in setback:
            before = st.progress[mid]
            if mid in st.adopted or before <= 0.0:
                continue
            after = max(0.0, round(before - amount, 2))
            st.progress[mid] = after
            first = self._setbacks.get(mid, (before, before))[0]
            self._setbacks[mid] = (first, after)

    def _fire(
        self,
        inject_id: str,
        by_hand: bool = False,
        apply_all: Callable[[Changes, Cause, str, str], None] | None = None,
    ) -> None:
        inj = self.book.inject[inject_id]
        st = self.state
        if apply_all is None:
            apply_all = self._apply_all if self.record else self._apply_all_quietly
        apply_all(self.effects.inject[inj.id], _CAUSE_INJECT, inj.id, inj.model.title)
        for mid in inj.suspend:
            if mid in st.adopted:
                last = st.turn + inj.model.suspend_turns - (1 if by_hand else 0)
                st.suspended_until[mid] = max(st.suspended_until.get(mid, 0), last)
        st.fired_injects.append((st.turn, inj.id))

    # --- the white cell -------------------------------------------------------------------------

    def fire_inject(self, inject_id: str) -> None:
        """The facilitator fires an inject now, during this turn's decisions."""
        if self.state.over:
            raise GameOver("the game is over")
        if not isinstance(inject_id, str) or inject_id not in self.book.inject:
            if not self.book.inject:
                raise EngineError(
                    _("unknown inject {inject}; this scenario has no injects").format(
                        inject=repr(inject_id)
                    )
                )
            raise EngineError(
                _("unknown inject {inject}; this scenario's injects: {known}").format(
                    inject=repr(inject_id), known=", ".join(self.book.inject)
                )
            )
        # Fired during the decisions, it already knocks measures out of this turn's
        # resolution, so it lasts one turn less than the same inject on its schedule.
        self._fire(inject_id, by_hand=True)
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "inject", inject_id=inject_id)
        )
        self._reopen_illegal()

    def adjust(self, indicator: str, amount: float, reason: str) -> None:
        """The facilitator changes an indicator by hand; the reason goes into the ledger.
        Raises EngineError for an unknown indicator, an amount that is not a finite number from
        -100 to 100, or a missing or unusable reason; GameOver once the game is over."""
        if self.state.over:
            raise GameOver("the game is over")
        if not isinstance(indicator, str) or indicator not in self.state.values:
            known = ", ".join(self.state.values)
            raise EngineError(
                _("unknown indicator {indicator}; expected one of {known}").format(
                    indicator=repr(indicator), known=known
                )
            )
        amount = finite_number(amount, ADJUSTMENT, -MAX_ADJUSTMENT, MAX_ADJUSTMENT)
        reason = _facilitator_text(" ".join(str(reason).split()), "a reason")
        if not reason:
            raise EngineError(
                _("an adjustment needs a reason (it is shown in the debrief and the report)")
            )
        (self._apply if self.record else self._apply_quietly)(
            indicator,
            round(amount, 1),
            Cause.FACILITATOR,
            "facilitator",
            self.book.cause_label(Cause.FACILITATOR, "facilitator", indicator, reason),
        )
        self.facilitator_log.append(
            FacilitatorAction(
                self.state.turn, "adjust", indicator=indicator, amount=round(amount, 1), text=reason
            )
        )
        self._reopen_illegal()

    def add_note(self, text: str) -> None:
        """A facilitator's note against the current turn (no effect on play). Raises EngineError
        for an empty note, one longer than MAX_NOTE_CHARS or one with control characters."""
        text = _facilitator_text(text, "a note")
        if not text:
            raise EngineError(_("a note needs some text"))
        self.facilitator_log.append(FacilitatorAction(self.state.turn, "note", text=text))

    def _reopen_illegal(self) -> None:
        """The white cell acted during the decisions (an inject, an adjustment): a decision
        already submitted that it made impossible (capital taken away, a measure suspended)
        is set aside, and that delegation decides again (`reopened` lists it). So the turn
        resolves only decisions that were legal when it resolved, as a replay of the save,
        which redoes the white cell's actions before the decisions, finds them."""
        if self.state.over:
            return
        for actor, chosen in list(self._pending.items()):
            try:
                self.check(actor, chosen)
            except IllegalDecision:
                del self._pending[actor]
                self.reopened.append(actor)

    def hold_for(self, actor: str, reason: str = "") -> None:
        """The facilitator ends this turn for a delegation played by people that has not
        decided: it holds on everything. Recorded in the facilitator's log ("hold", with
        `reason`), so the debrief and the report say who ended its turn and why. Raises
        EngineError when `actor` is not played by people or has already decided."""
        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.setup.humans:
            raise EngineError(f"{actor!r} is not a delegation played by people in this game")
        if actor in self._pending:
            raise EngineError(f"{actor} has already decided this turn")
        reason = _facilitator_text(" ".join(str(reason).split()), "a reason")
        self._pending[actor] = {}
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "hold", text=reason, actor=actor)
        )

    def hand_to_ai(self, actor: str, profile: str | None = None) -> None:
        """The facilitator hands a delegation played by people to the computer, from this turn
        on, under `profile` (the delegation's default profile when None). Whatever it had
        submitted this turn is set aside: the AI decides at the reveal. Recorded in the
        facilitator's log ("ai"); a save replays it at the same point, so the AI's draws are
        the same. Raises EngineError for a delegation not played by people or an unknown
        profile."""
        from game.engine.ai import DelegationAI

        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.setup.humans:
            raise EngineError(f"{actor!r} is not a delegation played by people in this game")
        if profile is not None and profile not in self.book.profile_names[actor]:
            raise EngineError(
                f"unknown AI profile {profile!r} for {actor}; expected one of "
                f"{', '.join(self.book.profile_names[actor])}"
            )
        name, rules = self.book.profile(actor, profile)
        self._ai[actor] = DelegationAI(self.book, actor, name, rules, self._ai_stream)
        self.setup.humans = self.setup.humans - {actor}
        self.setup.ai_profiles[actor] = name
        self._pending.pop(actor, None)
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "ai", text=name, actor=actor)
        )

    def notes(self) -> list[FacilitatorAction]:
        return [a for a in self.facilitator_log if a.kind == "note"]

    # --- forecasts -------------------------------------------------------------------------------

    def forecast_questions(self) -> list[Question]:
        """What delegations may forecast this turn, before the reveal."""
        ids = [
            "tension_up",
            "cooperation_up",
            *(f"adopted:{m.id}" for m in self.available_measures()),
        ]
        return [Question(q, self.question_text(q)) for q in ids]

    def question_text(self, question: str) -> str:
        """The wording of a forecast question (of this turn or any earlier one)."""
        label = self.scenario.turn_label.lower()
        if question == "tension_up":
            return _(
                "Tension will be higher at the end of this {turn_label} than at its start"
            ).format(turn_label=label)
        if question == "cooperation_up":
            return _(
                "Cooperation will be higher at the end of this {turn_label} than at its start"
            ).format(turn_label=label)
        kind, _colon, measure = question.partition(":")
        if kind == "adopted" and measure in self.book.measure:
            return _("{measure} will be adopted this {turn_label}").format(
                measure=self.book.measure[measure].model.title, turn_label=label
            )
        return question

    def submit_forecast(self, actor: str, question: str, probability: float) -> None:
        """Record a delegation's forecast for this turn (replacing an earlier one to the same
        question). Raises EngineError for an unknown delegation, a question not asked this turn
        or a probability that is not a finite number from 0 to 1; GameOver once it is over."""
        self.require_record("forecasts")
        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.book.delegations:
            raise EngineError(f"unknown delegation {actor!r}")
        if question not in {q.id for q in self.forecast_questions()}:
            raise EngineError(f"{question!r} is not a question this turn")
        probability = finite_number(probability, "a forecast's probability", 0, 1)
        turn = self.state.turn
        self.forecasts = [
            f
            for f in self.forecasts
            if not (f.turn == turn and f.actor == actor and f.question == question)
        ]
        self.forecasts.append(Forecast(turn, actor, question, probability))

    def forecast_outcome(self, forecast: Forecast) -> bool | None:
        """Whether the forecast event happened (None while its turn is unresolved)."""
        if forecast.turn > len(self.reports):
            return None
        before = self.turn_start_values[forecast.turn - 1]
        after = self.turn_start_values[forecast.turn]
        if forecast.question == "tension_up":
            return after["tension"] > before["tension"]
        if forecast.question == "cooperation_up":
            return after["cooperation"] > before["cooperation"]
        measure = forecast.question.split(":", 1)[1]
        return self.state.adopted.get(measure) == forecast.turn

    # --- the end -------------------------------------------------------------------------------

    def result(self):  # noqa: ANN201 - GameResult, imported lazily to keep modules small
        from game.engine.scoring import score_game

        return score_game(self)

    def ledger_total(self, indicator: str) -> float:
        """Sum of every recorded change to `indicator`; always equals its current value."""
        self.require_record("the ledger")
        return round(sum(e.amount for e in self.ledger if e.indicator == indicator), 1)


def play_ai_game(
    loaded: LoadedScenario, seed: int, ai_profiles: Mapping[str, str] | None = None
) -> Game:
    """Play a whole game with every delegation run by its AI; returns the finished game."""
    game = Game(loaded, seed, (), ai_profiles)
    while not game.state.over:
        game.resolve_turn()
    return game
