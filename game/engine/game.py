"""The game: create it from a scenario and a seed, submit decisions, resolve turns, read the result.

    >>> from game.paths import DEFAULT_SCENARIO
    >>> from game.scenario.loader import load_scenario
    >>> game = Game(load_scenario(DEFAULT_SCENARIO), seed=7, humans={"japan"})
    >>> options = game.options("japan")          # what Japan may do this turn
    >>> game.submit("japan", {})                 # Japan holds on everything
    >>> report = game.resolve_turn()             # the AI delegations decide for themselves
    >>> report.turn, game.state.turn
    (1, 2)

Resolution order of one turn (authors rely on it; `docs` repeat it). Each step is one method of
`Game`, named for its rule, and the formulas are the plain functions below:
 1. decisions are revealed together; capital (and, for some measures, domestic support) is spent
    (`_decisions_are_revealed_and_paid_for`);
 2. measures progress (`_measures_progress`, `progress_step`): full progress when every required
    delegation pushes, partial when only some do (never enough to finish: the last step needs
    everyone, `cap_joint_final_step`), a setback when any participant opposes; unmet
    prerequisites hold a measure still (it is not on the table, `measures_on_table`);
 3. measures that reach their progress are adopted and take their one-off effects
    (`_measures_reaching_their_progress_are_adopted`);
 4. every measure in force applies its per-turn effects; a suspended measure is not in force
    (`_measures_in_force_apply_their_effects`);
 5. the red cell reacts to this turn's adoptions (`_red_cell_reacts_to_adoptions`);
 6. the red cell's campaign applies: the pressure of the stage of its campaign under way, which
    it applies every turn whatever the partners decide (`_red_cell_campaign_applies`);
 7. the red cell's gray-zone actions (`_red_cell_gray_zone_actions`) are drawn by weight
    (`draw_by_weight`) among events whose conditions hold; events aimed at the weakest domain
    (`_red_cell_probes_the_weakest_domain`), and at the partner with the lowest domestic support
    (`_red_cell_aims_at_the_most_exposed_partner`), are likelier by the policy's factors;
    resilience in its domain (`resilience_absorbs_part_of_a_loss`), and measures in force that
    shield it (`_shields_of_measures_in_force`), blunt each action's damage (losses of
    resilience, support, cooperation and capital) but never the tension it adds
    (`_gray_zone_action_strikes`);
 8. injects scheduled for this turn fire (`_scheduled_injects_fire`);
 9. the scenario's drift applies (`_drift_applies`);
10. capital regenerates with domestic support (`_capital_regenerates`, `capital_regained`);
11. if tension reached the crisis threshold at any moment of the turn
    (`_crisis_can_happen_at_any_moment`, called on every change of tension), the game ends in
    crisis (drift later in the turn does not undo it); otherwise the last turn ends the game
    (`_the_game_ends_in_crisis_or_on_its_last_turn`).

Every change of an indicator goes through `_change`: kept within its bounds and to tenths
(`bounded_tenth`), recorded in the ledger with its cause when the game keeps its record.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import floor
from typing import TYPE_CHECKING, NamedTuple

from game.engine.ai import DelegationAI
from game.engine.chance import streams
from game.engine.effects import GameEffects
from game.engine.forecasts import Forecast, Forecasting, Question
from game.engine.rulebook import (
    Changes,
    EventRules,
    MeasureRules,
    ProgressRules,
    Rulebook,
    is_damage,
)
from game.engine.state import Cause, Choice, GameState, LedgerEntry
from game.engine.values import (
    EngineError,
    EventRecord,
    GameOver,
    IllegalDecision,
    MeasureOption,
    Options,
    Setup,
    TurnReport,
    bounded_tenth,
    tenth,
)
from game.engine.whitecell import MAX_NOTE_CHARS, FacilitatorAction, WhiteCell, finite_number
from game.i18n import _
from game.limits import MAX_SEED
from game.scenario.expressions import Facts
from game.scenario.loader import LoadedScenario
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.scoring import GameResult

__all__ = [  # the game, its rules, and the records other modules import from here
    "MAX_NOTE_CHARS",
    "Commitment",
    "EngineError",
    "EventRecord",
    "FacilitatorAction",
    "Forecast",
    "Game",
    "GameOver",
    "IllegalDecision",
    "MeasureOption",
    "MeasureRules",
    "Options",
    "Question",
    "Setup",
    "Table",
    "TurnReport",
    "cap_joint_final_step",
    "capital_regained",
    "draw_by_weight",
    "finite_number",
    "play_ai_game",
    "progress_after_step",
    "progress_step",
    "resilience_absorbs_part_of_a_loss",
    "tenth",
    "tension_reaches_crisis",
    "weakest_domain",
]

TENSION = "tension"
# Enum members used every turn, bound once: looking them up on their class goes through
# EnumType's __getattr__ hook, which the interpreter cannot specialise (it showed in profiles).
_PUSH = Choice.PUSH


# --- the rules of a turn, as plain functions ------------------------------------------------


@dataclass(slots=True)
class Commitment:
    """Who acted on one measure this turn: how many of the delegations it requires pushed, how
    many others pushed, and whether anyone opposed it."""

    required_pushers: int = 0
    other_pushers: int = 0
    opposed: bool = False

    def everyone_pushed(self, m: MeasureRules) -> bool:
        """Every delegation the measure requires pushed, and no one opposed."""
        return not self.opposed and self.required_pushers == len(m.requires)


def progress_step(commitment: Commitment, m: MeasureRules, rules: ProgressRules) -> float:
    """This turn's step for a measure: a setback if anyone opposes; full progress when every
    required delegation pushes; otherwise a part for each delegation that pushes (delegations
    with a cost that the measure does not require add a part either way)."""
    if commitment.opposed:
        return rules.opposed
    pushers = commitment.required_pushers
    joint = rules.all_push if commitment.everyone_pushed(m) else rules.some_push * pushers
    return joint + rules.some_push * commitment.other_pushers


def progress_after_step(before: float, step: float) -> float:
    """Progress after a step: to hundredths, never below zero."""
    return max(0.0, round(before + step, 2))


def cap_joint_final_step(before: float, after: float, needed: float, all_push: float) -> float:
    """Partial commitment can bring a measure to within one joint turn of adoption, never over
    the line: every required delegation must push in the final turn."""
    return min(after, max(before, needed - all_push))


def resilience_absorbs_part_of_a_loss(
    resilience: float, mitigation: float, shields_keep: float = 1.0
) -> float:
    """The share of a gray-zone action's damage that is felt: resilience in its domain absorbs
    `mitigation` times resilience / 100 of it, and shields of measures in force take their share
    of what is left (`shields_keep` is what they leave). Tension is never blunted (see
    `rulebook.is_damage`)."""
    return (1.0 - mitigation * resilience / 100.0) * shields_keep


def draw_by_weight(weights: list[float], total: float, uniform: float) -> int:
    """The index drawn among `weights` (summing to `total`) for a uniform draw in [0, 1)."""
    pick = uniform * total
    index = 0
    for w in weights:
        pick -= w
        if pick < 0.0:
            return index
        index += 1
    return index - 1  # rounding left a sliver past the last weight: the last one


def weakest_domain(values: Mapping[str, float], domain_keys: tuple[str, ...]) -> str:
    """The gray-zone domain with the lowest resilience (the first in file order on a tie)."""
    return min(domain_keys, key=values.__getitem__).removeprefix("resilience.")


def capital_regained(regen: float, support: float, per_support: float) -> float:
    """Capital a delegation regains at the end of a turn: its `regen`, plus its domestic
    support times `per_support` rounded down."""
    return regen + floor(support * per_support)


def tension_reaches_crisis(tension: float, crisis_at: float) -> bool:
    """Whether tension has reached the scenario's crisis threshold."""
    return tension >= crisis_at


class Table(NamedTuple):
    """The measures on the table: not adopted, not forbidden, every prerequisite adopted."""

    measures: tuple[MeasureRules, ...]
    ids: frozenset[str]


class Game(WhiteCell, Forecasting):
    """One game of a scenario; deterministic given scenario, seed and decisions.

    Which calls check and which trust: `submit` checks decisions against `options` and raises
    IllegalDecision; `resolve_turn` trusts the decisions submitted and those of the AI (built
    from the same rules; a test checks they always pass `check`).

    `copy()` (and `copy.deepcopy`) gives an independent game at the same point that plays on
    exactly as this one would: it copies what a game changes (state, ledger, reports, history,
    pending decisions, the facilitator's record, forecasts and the random streams) and shares
    what never changes (the scenario, its Rulebook and this game's drawn amounts). Searching
    over decisions copies a game per branch at a small fraction of what deep-copying costs.
    """

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
        """`humans` are the delegations played by people (they `submit`); every other one is
        played by its AI under `ai_profiles` (its default profile when not named).
        `record=False` plays the same game keeping only its state: no ledger of causes, no
        turn reports (`resolve_turn` returns None), no decision history or per-turn values.
        What Monte Carlo batches use: they read the final state, and play faster.
        `history=True` plays the history excursion. Raises EngineError for a seed that is not
        a whole number from 0 to MAX_SEED, an unknown delegation or AI profile, or a history
        excursion the scenario does not have."""
        self.loaded = loaded
        self.book = book = Rulebook.of(loaded)
        try:
            self.seed = operator.index(seed)
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
        self._crisis_touched = False  # tension reached the threshold during this turn
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
        self.reports: list[TurnReport] = []
        # every turn's decisions, all delegations
        self.history: list[dict[str, dict[str, Choice]]] = []
        self._pending: dict[str, dict[str, Choice]] = {}
        # Delegations whose submitted decisions a white-cell action made impossible this
        # turn: they decide again (see _reopen_decisions_made_impossible); a window or a
        # classroom reads it.
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
        # Worked out from the state when the measures adopted (or forbidden) differ from the
        # last time they were asked for: keyed on the ids themselves, so an edited state (a
        # test, a what-if) is never answered from a stale table.
        self._table_key: tuple[tuple[str, ...], frozenset[str]] | None = None
        self._table = Table((), frozenset())
        self._per_turn_key: tuple[str, ...] | None = None
        self._per_turn: tuple[MeasureRules, ...] = ()

    def copy(self) -> Game:
        """An independent game at this point that plays on exactly as this one would (see the
        class docstring for what is copied and what is shared)."""
        twin = Game.__new__(Game)
        twin.__dict__.update(self.__dict__)  # the shared, immutable parts and the numbers
        twin.state = self.state.copy()
        twin.setup = self.setup.copy()
        twin._world = self._world.copy()
        twin._ai_stream = self._ai_stream.copy()
        twin._ai = {actor: ai.copy(twin._ai_stream) for actor, ai in self._ai.items()}
        twin.ledger = list(self.ledger)  # entries are immutable
        twin.reports = list(self.reports)  # so are reports: only read after their turn
        twin.history = list(self.history)
        twin._pending = {actor: dict(chosen) for actor, chosen in self._pending.items()}
        twin.reopened = list(self.reopened)
        twin.facilitator_log = list(self.facilitator_log)
        twin.forecasts = list(self.forecasts)
        twin._setbacks = dict(self._setbacks)
        twin.turn_start_values = list(self.turn_start_values)  # snapshots, never changed
        return twin

    def __deepcopy__(self, memo: dict[int, object]) -> Game:
        return self.copy()

    def require_record(self, what: str) -> None:
        """Raise EngineError unless this game keeps its record (`what` needs the ledger,
        reports or history)."""
        if not self.record:
            raise EngineError(
                f"{what} needs a game that keeps its record; this one was created with record=False"
            )

    # --- what may be done ---------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The scenario this game plays (in the current language)."""
        return self.book.scenario

    @property
    def over(self) -> bool:
        """Whether the game has ended (in a crisis or after its last turn)."""
        return self.state.over

    def measures_on_table(self) -> Table:
        """The measures on the table: not yet adopted, every prerequisite adopted, not
        forbidden. Worked out again whenever the adopted or forbidden measures differ."""
        adopted = self.state.adopted
        key = (tuple(adopted), self.forbidden)
        if key != self._table_key:
            forbidden = self.forbidden
            measures = tuple(
                m
                for m in self.book.measures
                if m.id not in adopted
                and m.id not in forbidden
                and all(p in adopted for p in m.prerequisites)
            )
            self._table = Table(measures, frozenset(m.id for m in measures))
            self._table_key = key
        return self._table

    def available_measures(self) -> list[MeasureRules]:
        """Measures on the table: not yet adopted, every prerequisite adopted, not forbidden."""
        return list(self.measures_on_table().measures)

    def forbid(self, measure_ids: Iterable[str]) -> None:
        """Take measures off the table for the whole game (what-if batches: 'without measure X').
        Raises EngineError for an unknown measure."""
        measure_ids = set(measure_ids)
        unknown = sorted(measure_ids - set(self.book.measure))
        if unknown:
            raise EngineError(f"unknown measure {unknown[0]!r}")
        self.forbidden = frozenset(self.forbidden | measure_ids)

    def options(self, actor: str) -> Options:
        """What `actor` may do this turn: each measure on the table it has a cost for, with the
        choices it can afford (push when it has the measure's cost, oppose when it has the
        scenario's `oppose_cost`, hold always), and its capital. Raises IllegalDecision for an
        unknown delegation."""
        if actor not in self.book.delegations:
            raise IllegalDecision(f"unknown delegation {actor!r}")
        capital = int(self.state.values[self.book.capital_key[actor]])
        oppose_cost = self.book.oppose_cost
        out = []
        for m in self.measures_on_table().measures:
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
        """Validate decisions against `options(actor)`: each a choice offered on a measure on
        the table, all together costing no more capital than the delegation has (opposing
        costs too). Returns them normalised (holds left out); raises IllegalDecision, or
        GameOver once the game is over."""
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
        """Record a delegation's secret decisions for this turn (replacing earlier ones).
        Raises IllegalDecision (see `check`) or GameOver."""
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
        """What the scenario's conditions read now: every indicator, the turn, measures adopted,
        in force, suspended and under way, and the derived values (provocation, stability,
        mean and lowest resilience)."""
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
            "stability": 100.0 - values[TENSION],
            "crisis_at": book.crisis_at,
            "resilience.mean": sum(res) / len(res),
            "resilience.min": min(res),
        }
        under_way = {m for m, p in st.progress.items() if p > 0.0 and m not in adopted}
        return Facts(facts, adopted, st.in_force(), st.suspended(), under_way)

    # --- changing indicators ------------------------------------------------------------

    def _change(
        self,
        indicator: str,
        amount: float,
        cause: Cause,
        source_id: str,
        label: str,
        absorbed: float = 0.0,
    ) -> None:
        """Change one indicator within its bounds, to tenths, and record the change actually
        made (with what resilience absorbed, for an event) when the game keeps its record."""
        values = self.state.values
        before = values[indicator]
        low, high = self.book.bounds[indicator]
        after = bounded_tenth(before + amount, low, high)
        if after == before and not absorbed:
            return
        values[indicator] = after
        if indicator == TENSION:
            self._crisis_can_happen_at_any_moment(after)
        if self.record:
            self.ledger.append(
                LedgerEntry(
                    self.state.turn,
                    indicator,
                    tenth(after - before),  # 2.3 - 6.3 is -3.9999999999999996
                    cause,
                    source_id,
                    label,
                    absorbed,
                )
            )

    def _change_all(self, changes: Changes, cause: Cause, source_id: str, label: str) -> None:
        """Apply each of an effect's changes (see `_change`)."""
        for indicator, amount in changes:
            self._change(indicator, amount, cause, source_id, label)

    def _crisis_can_happen_at_any_moment(self, tension: float) -> None:
        """Tension that reaches the crisis threshold at any moment of a turn means a crisis,
        whatever happens later in the turn."""
        if tension_reaches_crisis(tension, self.book.crisis_at):
            self._crisis_touched = True

    # --- one turn ---------------------------------------------------------------------------

    def resolve_turn(self) -> TurnReport | None:
        """Resolve the current turn by the numbered rules of the module docstring; AI
        delegations decide now. Returns what happened (None for a game created with
        `record=False`). Raises IllegalDecision while delegations played by people have not
        decided, GameOver once the game is over."""
        st = self.state
        if st.over:
            raise GameOver("the game is over")
        missing = self.awaiting()
        if missing:
            raise IllegalDecision(f"waiting for {', '.join(missing)} to decide")
        turn = st.turn
        first_entry = self._turn_first_entry
        decisions = self._decisions_of_every_delegation()
        commitments = self._decisions_are_revealed_and_paid_for(decisions)  # 1
        progress_report = self._measures_progress(commitments)  # 2
        adopted_now = self._measures_reaching_their_progress_are_adopted(progress_report)  # 3
        self._measures_in_force_apply_their_effects()  # 4
        self._red_cell_reacts_to_adoptions(adopted_now)  # 5
        self._red_cell_campaign_applies()  # 6
        self._setbacks = progress_report  # gray-zone setbacks show in the progress report
        events = self._red_cell_gray_zone_actions()  # 7
        fired = self._scheduled_injects_fire()  # 8
        self._drift_applies()  # 9
        self._capital_regenerates()  # 10
        self._the_game_ends_in_crisis_or_on_its_last_turn()  # 11
        if not self.record:
            return None  # a batch game keeps its state only
        report = TurnReport(
            turn,
            decisions,
            progress_report,
            tuple(adopted_now),
            tuple(events),
            tuple(fired),
            tuple(self.ledger[first_entry:]),
            st.crisis,
            st.over,
        )
        self.reports.append(report)
        self.history.append(decisions)
        self._turn_first_entry = len(self.ledger)
        self.turn_start_values.append(dict(st.values))
        return report

    def _decisions_of_every_delegation(self) -> dict[str, dict[str, Choice]]:
        """This turn's decisions: those submitted, and the AI's for the others. An AI always
        decides, even when a replay supplies its recorded decision, so that its random stream
        advances exactly as it did in the original game."""
        pending = self._pending
        decisions: dict[str, dict[str, Choice]] = {}
        for actor in self.book.delegation_ids:
            ai = self._ai.get(actor)
            proposal = ai.decide(self) if ai is not None else {}
            decisions[actor] = pending.get(actor, proposal)
        self._pending = {}
        self.reopened = []
        return decisions

    def _decisions_are_revealed_and_paid_for(
        self, decisions: Mapping[str, Mapping[str, Choice]]
    ) -> dict[str, Commitment]:
        """Rule 1: pushing spends the measure's capital cost (and its domestic support cost,
        for a delegation that pays one), opposing the scenario's `oppose_cost`. Returns, per
        measure acted on, who pushed and whether anyone opposed."""
        book = self.book
        labels = book.labels
        commitments: dict[str, Commitment] = {}
        for actor, chosen in decisions.items():
            capital_key = book.capital_key[actor]
            for mid, choice in chosen.items():
                m = book.measure[mid]
                commitment = commitments.get(mid)
                if commitment is None:
                    commitment = commitments[mid] = Commitment()
                if choice is _PUSH:
                    self._change(capital_key, m.spend[actor], Cause.PUSH, mid, labels[mid]["push"])
                    loss = m.support_spend.get(actor)
                    if loss:
                        self._change(
                            book.support_key[actor], loss, Cause.PUSH, mid, labels[mid]["support"]
                        )
                    if actor in m.requires:
                        commitment.required_pushers += 1
                    else:
                        commitment.other_pushers += 1
                else:
                    self._change(
                        capital_key, book.oppose_spend, Cause.OPPOSE, mid, labels[mid]["oppose"]
                    )
                    commitment.opposed = True
        return commitments

    def _measures_progress(
        self, commitments: Mapping[str, Commitment]
    ) -> dict[str, tuple[float, float]]:
        """Rule 2: each measure on the table that someone acted on takes this turn's step
        (`progress_step`); unless every required delegation pushed, never onto its last step
        (`cap_joint_final_step`). Returns measure id -> (progress before, after)."""
        rules = self.book.progress_rules
        progress = self.state.progress
        report: dict[str, tuple[float, float]] = {}
        for m in self.measures_on_table().measures:
            commitment = commitments.get(m.id)
            if commitment is None:
                continue
            step = progress_step(commitment, m, rules)
            if step == 0.0:
                continue
            before = progress[m.id]
            after = progress_after_step(before, step)
            if not commitment.everyone_pushed(m):
                after = cap_joint_final_step(before, after, m.needed, rules.all_push)
            progress[m.id] = after
            report[m.id] = (before, after)
        return report

    def _measures_reaching_their_progress_are_adopted(
        self, progress_report: Mapping[str, tuple[float, float]]
    ) -> list[str]:
        """Rule 3: a measure that reached the progress it needs is adopted this turn and takes
        its one-off effects. Returns the measures adopted, in file order."""
        st = self.state
        labels = self.book.labels
        adopted_now = [
            mid
            for mid, (_before, after) in progress_report.items()
            if after >= self.book.measure[mid].needed
        ]
        for mid in adopted_now:
            st.adopted[mid] = st.turn
            self._change_all(self.effects.on_adopt[mid], Cause.ADOPTED, mid, labels[mid]["adopted"])
        return adopted_now

    def _measures_with_per_turn_effects(self) -> tuple[MeasureRules, ...]:
        """Adopted measures that have per-turn effects, in file order (worked out again
        whenever the adopted measures differ)."""
        adopted = self.state.adopted
        key = tuple(adopted)
        if key != self._per_turn_key:
            self._per_turn = tuple(m for m in self.book.with_in_force if m.id in adopted)
            self._per_turn_key = key
        return self._per_turn

    def _measures_in_force_apply_their_effects(self) -> None:
        """Rule 4: every adopted measure applies its per-turn effects, except one suspended
        this turn (by a gray-zone action or an inject)."""
        suspended = self.state.suspended_until
        turn = self.state.turn
        labels = self.book.labels
        for m in self._measures_with_per_turn_effects():
            if suspended.get(m.id, 0) >= turn:
                continue  # suspended: not in force
            self._change_all(
                self.effects.in_force[m.id], Cause.IN_FORCE, m.id, labels[m.id]["in_force"]
            )

    def _red_cell_reacts_to_adoptions(self, adopted_now: list[str]) -> None:
        """Rule 5: the red cell answers each measure adopted this turn."""
        labels = self.book.labels
        for mid in adopted_now:
            self._change_all(
                self.effects.reaction[mid], Cause.REACTION, mid, labels[mid]["reaction"]
            )

    def _red_cell_campaign_applies(self) -> None:
        """Rule 6: the pressure of the red cell's campaign stage under way, whatever the
        partners decide."""
        campaign = self.effects.campaign_changes(self.state.turn)
        if campaign:
            self._change_all(campaign, Cause.CAMPAIGN, "", self.book.labels[""]["campaign"])

    def _red_cell_gray_zone_actions(self) -> list[EventRecord]:
        """Rule 7: the red cell takes its actions for the turn (more when an escalation
        condition holds, never more than its maximum), each drawn by weight among the events
        whose conditions hold, at most one of each; each strikes. Returns their records (none
        in a batch game)."""
        book = self.book
        policy = book.red_cell_policy
        facts = self.facts()
        actions = policy.actions_per_turn
        for condition, extra in book.escalation:
            if condition.evaluate(facts):
                actions += extra
        actions = max(0, min(policy.max_actions, actions))
        if not actions:
            return []
        drawable, weights = self._red_cell_probes_the_weakest_domain(facts)
        self._red_cell_aims_at_the_most_exposed_partner(drawable, weights)
        shields = self._shields_of_measures_in_force()
        uniform = self._world.uniform
        records = []
        total = sum(weights)
        for _action in range(actions):
            if not drawable:
                break
            index = draw_by_weight(weights, total, uniform())
            total -= weights.pop(index)  # one action of each kind per turn
            record = self._gray_zone_action_strikes(book.events[drawable.pop(index)], shields)
            if record is not None:
                records.append(record)
        return records

    def _red_cell_probes_the_weakest_domain(self, facts: Facts) -> tuple[list[int], list[float]]:
        """The events the red cell may draw (those whose condition holds) and their weights,
        the weights of events in the weakest domain times the policy's `probe_weakest`."""
        book = self.book
        probe = book.red_cell_policy.probe_weakest
        weakest = weakest_domain(self.state.values, book.domain_keys) if probe != 1 else None
        return book.deck_table(facts, weakest, probe)

    def _red_cell_aims_at_the_most_exposed_partner(
        self, drawable: list[int], weights: list[float]
    ) -> None:
        """The partner with the lowest domestic support is the most exposed (the first in file
        order on a tie): the weights of events aimed at it are multiplied by the policy's
        `probe_exposed`."""
        book = self.book
        factor = book.red_cell_policy.probe_exposed
        if factor == 1:
            return
        values = self.state.values
        exposed = min(book.delegation_ids, key=lambda a: values[book.support_key[a]])
        for i, index in enumerate(drawable):
            if book.event_target[index] == exposed:
                weights[i] *= factor

    def _shields_of_measures_in_force(self) -> dict[str, float]:
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

    def _gray_zone_action_strikes(
        self, e: EventRules, shields: Mapping[str, float] | None = None
    ) -> EventRecord | None:
        """A gray-zone event strikes: resilience in its domain, and the shields of measures in
        force, absorb part of its damage (`resilience_absorbs_part_of_a_loss`); the tension it
        adds, and any gain, apply in full. It may set back measures under way and suspend
        measures in force. Returns its record (None in a batch game, which does not keep what
        was absorbed)."""
        felt_share = resilience_absorbs_part_of_a_loss(
            self.state.values[e.resilience_key],
            self.book.mitigation,
            shields.get(e.domain, 1.0) if shields else 1.0,
        )
        absorbed_total = 0.0
        for indicator, amount in self.effects.hit[e.id]:
            if not is_damage(indicator, amount):
                self._change(indicator, amount, Cause.EVENT, e.id, e.title)
                continue
            felt = tenth(amount * felt_share)
            absorbed = tenth(abs(amount - felt))
            absorbed_total += absorbed
            self._change(indicator, felt, Cause.EVENT, e.id, e.title, absorbed)
        if e.setback:
            self._gray_zone_action_sets_back_measures_under_way(e.setback)
        if e.suspend:
            self._suspend(e.suspend, self.state.turn + e.suspend_turns)
        if not self.record:
            return None
        return EventRecord(
            e.id, e.title, e.text, e.domain, e.target, e.location, tenth(absorbed_total)
        )

    def _gray_zone_action_sets_back_measures_under_way(
        self, setback: tuple[tuple[str, float], ...]
    ) -> None:
        """A gray-zone action sets back measures still under way (never below no progress);
        the turn's progress report shows where each ended."""
        st = self.state
        for mid, amount in setback:
            before = st.progress[mid]
            if mid in st.adopted or before <= 0.0:
                continue
            after = progress_after_step(before, -amount)
            st.progress[mid] = after
            first = self._setbacks.get(mid, (before, before))[0]
            self._setbacks[mid] = (first, after)

    def _suspend(self, measure_ids: Iterable[str], last_turn: int) -> None:
        """Adopted measures among `measure_ids` are out of force up to `last_turn` (a longer
        suspension already under way stands)."""
        st = self.state
        for mid in measure_ids:
            if mid in st.adopted:
                st.suspended_until[mid] = max(st.suspended_until.get(mid, 0), last_turn)

    def _scheduled_injects_fire(self) -> list[str]:
        """Rule 8: injects scheduled for this turn (and, in the history excursion, the real
        timeline's) fire when their condition holds. Returns those fired."""
        book = self.book
        turn = self.state.turn
        scheduled = book.injects_by_turn.get(turn, ())
        if self.setup.history:
            scheduled += book.history_injects_by_turn.get(turn, ())
        fired = []
        for inj in scheduled:
            if inj.when is None or inj.when.evaluate(self.facts()):
                self._inject_fires(inj.id)
                fired.append(inj.id)
        return fired

    def _inject_fires(self, inject_id: str, by_hand: bool = False) -> None:
        """An inject applies its effects and suspends the measures it names for its
        `suspend_turns` (one turn less when the facilitator fires it during the decisions)."""
        inj = self.book.inject[inject_id]
        st = self.state
        self._change_all(self.effects.inject[inj.id], Cause.INJECT, inj.id, inj.model.title)
        self._suspend(inj.suspend, st.turn + inj.model.suspend_turns - (1 if by_hand else 0))
        st.fired_injects.append((st.turn, inj.id))

    def _drift_applies(self) -> None:
        """Rule 9: the scenario's drift, every turn."""
        self._change_all(self.effects.drift, Cause.DRIFT, "", self.book.labels[""]["drift"])

    def _capital_regenerates(self) -> None:
        """Rule 10: each delegation regains capital with its domestic support
        (`capital_regained`)."""
        values = self.state.values
        label = self.book.labels[""]["regen"]
        for r in self.book.regen:
            gained = capital_regained(r.regen, values[r.support_key], r.per_support)
            self._change(r.capital_key, gained, Cause.REGEN, "", label)

    def _the_game_ends_in_crisis_or_on_its_last_turn(self) -> None:
        """Rule 11: tension at the threshold at any moment of the turn ends the game in crisis
        (drift later in the turn does not undo it); otherwise the last turn ends it, and any
        other turn moves on to the next."""
        st = self.state
        if self._crisis_touched or tension_reaches_crisis(st.values[TENSION], self.book.crisis_at):
            st.over = st.crisis = True
        elif st.turn >= self.book.turns:
            st.over = True
        else:
            st.turn += 1

    # --- the end -------------------------------------------------------------------------------

    def result(self) -> GameResult:
        # GameResult is imported lazily (game.engine.scoring imports this module's types)
        """The scores and the outcome band (see `game.engine.scoring`)."""
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
