"""AI delegations: push the measures worth most to their own objectives, within capital and risk.

An AI values a measure by what its effects (one-off, the red cell's reaction, and per-turn
effects over the turns that would remain after adoption) are worth under its delegation's
objective weights, times the profile's priority. It holds back when tension is near its
risk tolerance, when domestic support is too low to bear a measure's political cost, or when
the measure could not be finished before the end. Measures already under way get a bonus,
which is how AI delegations converge on the same joint measures without talking.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from game.engine.chance import Stream
from game.engine.rulebook import Changes, Rulebook
from game.engine.state import Choice
from game.scenario.models import AIProfile

if TYPE_CHECKING:
    from game.engine.game import Game

_first = itemgetter(0)
_PUSH, _OPPOSE = Choice.PUSH, Choice.OPPOSE  # bound once (see game.py)

#: Below this domestic support a delegation will not pay a measure's support cost.
SUPPORT_FLOOR = 30.0


class PlanRow(NamedTuple):
    """What an AI weighs about one measure it may push. Numbers are floats: mixing ints and
    floats is slower."""

    measure_id: str
    cost: int  # capital a push takes
    divisor: float  # what its value is divided by: its cost, or 1 for a free measure
    needed: float  # progress needed to adopt it
    tension_rise: float  # tension its adoption and the red cell's reaction add
    pays_support: bool  # pushing it costs this delegation domestic support
    once: float  # worth of its one-off effects: adoption and the red cell's reaction
    per_turn: float  # worth of its effects in force, per turn
    bonus: float  # what the profile (or the objectives) want of it for itself
    priority: float  # the profile's priority factor


class AIPlan(NamedTuple):
    """Everything a delegation's AI under one profile reads from the scenario: worked out once
    per scenario (Monte Carlo starts a game every millisecond or two)."""

    capital_key: str
    support_key: str
    oppose: tuple[str, ...]  # measures the profile opposes whenever they are under way
    rows: tuple[PlanRow, ...]
    reserve: int  # capital the profile keeps back
    risk_line: float  # the tension it will not push past (risk tolerance times crisis_at)
    all_push: float
    turns: int


def plan_rows(book: Rulebook, actor: str, profile: AIProfile) -> tuple[PlanRow, ...]:
    """Per measure the delegation may push, what its AI under `profile` weighs."""
    obj = book.delegations[actor].objectives
    weights = {"cooperation": obj.cooperation, "tension": -obj.stability}
    for d in book.domains:
        weights[f"resilience.{d}"] = obj.resilience / len(book.domains) + obj.domains.get(d, 0.0)
    weights[f"support.{actor}"] = obj.support

    def worth(changes: Changes) -> float:
        return sum(weights.get(k, 0.0) * a for k, a in changes)

    return tuple(
        PlanRow(
            measure_id=m.id,
            cost=m.cost[actor],
            divisor=float(m.cost[actor] or 1),
            needed=float(m.needed),
            tension_rise=float(sum(a for k, a in m.on_adopt + m.reaction if k == "tension")),
            pays_support=m.support_cost.get(actor, 0) > 0,
            once=float(worth(m.on_adopt) + worth(m.reaction)),
            per_turn=float(worth(m.in_force)),
            bonus=float(profile.wants.get(m.id, obj.measures.get(m.id, 0.0))),
            priority=float(profile.priorities.get(m.id, 1.0)),
        )
        for m in book.measures_for(actor)
    )


def plans(book: Rulebook) -> dict[tuple[str, str], AIPlan]:
    """(delegation, profile name) -> its AIPlan, for every profile of every delegation."""
    found = {}
    for actor, delegation in book.delegations.items():
        for name, profile in delegation.ai_profiles.items():
            found[actor, name] = AIPlan(
                capital_key=book.capital_key[actor],
                support_key=book.support_key[actor],
                oppose=tuple(dict.fromkeys(profile.oppose)),
                rows=plan_rows(book, actor, profile),
                reserve=profile.reserve,
                risk_line=profile.risk_tolerance * book.crisis_at,
                all_push=book.progress_rules.all_push,
                turns=book.turns,
            )
    return found


def turns_to_finish(needed: float, done: float, all_push: float) -> float:
    """Turns of joint pushing still needed to adopt a measure (99 when pushing never moves it)."""
    if all_push <= 0.0:
        return 99.0
    return -(-max(0.0, needed - done) // all_push)  # the ceiling of the division, as a float


class DelegationAI:
    """One delegation's computer player under one profile."""

    def __init__(
        self, book: Rulebook, actor: str, profile_name: str, profile: AIProfile, stream: Stream
    ):
        self.book = book
        self.actor = actor
        self.profile = profile
        self.stream = stream
        self.plan = plan = book.ai_plans[actor, profile_name]
        self.risk_line = plan.risk_line
        if profile.misjudgement:
            # This game's reading of the danger, drawn once from the AI's own stream.
            drawn = profile.risk_tolerance + profile.misjudgement * (2.0 * stream.uniform() - 1.0)
            self.risk_line = min(1.0, max(0.0, drawn)) * book.crisis_at
        self._table_ids: frozenset[str] | None = None  # the table `_candidates` was built for
        self._candidates: tuple[PlanRow, ...] = ()

    def copy(self, stream: Stream) -> DelegationAI:
        """The same player drawing from `stream` (a copy of its game's AI stream)."""
        twin = DelegationAI.__new__(DelegationAI)
        twin.__dict__.update(self.__dict__)
        twin.stream = stream
        return twin

    def candidates(self, table_ids: frozenset[str]) -> tuple[PlanRow, ...]:
        """The measures it might push: on the table and not among those it opposes (worked out
        again when the game's table is a new one)."""
        if table_ids is not self._table_ids:
            oppose = self.plan.oppose
            self._table_ids = table_ids
            self._candidates = tuple(
                row
                for row in self.plan.rows
                if row.measure_id in table_ids and row.measure_id not in oppose
            )
        return self._candidates

    def decide(self, game: Game) -> dict[str, Choice]:
        """This turn's decisions, built from the same rules as `game.options` (a test checks
        they always pass `game.check`)."""
        plan = self.plan
        st = game.state
        values = st.values
        progress = st.progress
        table_ids = game.measures_on_table().ids
        budget = int(values[plan.capital_key]) - plan.reserve
        tension = values["tension"]
        low_support = values[plan.support_key] < SUPPORT_FLOOR
        turns_left = float(plan.turns - st.turn + 1)
        uniform = self.stream.uniform
        risk_line = self.risk_line
        all_push = plan.all_push
        scored: list[tuple[float, str, int]] = []
        # A PlanRow unpacked into names: as readable as row.cost, and faster in this loop.
        for (
            mid,
            cost,
            divisor,
            needed,
            tension_rise,
            pays_support,
            once,
            per_turn,
            bonus,
            priority,
        ) in self.candidates(table_ids):
            if tension_rise > 0.0 and tension + tension_rise >= risk_line:
                continue
            if pays_support and low_support:
                continue
            # Every measure past those two checks draws its noise, valued or not, so that the
            # AI's stream advances the same way every time.
            if cost > budget:  # out of its means this turn
                uniform()
                continue
            # What adopting it is worth now, times a little noise. Turns of joint pushing still
            # needed decide whether it can be finished in time.
            done = progress[mid]
            to_finish = turns_to_finish(needed, done, all_push)
            if to_finish > turns_left:  # cannot be finished in time: worth nothing
                uniform()
                continue
            worth = once + per_turn * (turns_left - to_finish) + bonus
            momentum = 1.0 + done / needed  # measures under way first: how AIs converge
            v = worth * priority * momentum * (0.6 + 0.8 * uniform())
            if v > 0.0:
                scored.append((v / divisor, mid, cost))
        if len(scored) > 1:
            scored.sort(key=_first, reverse=True)  # stable: equal values keep the plan's order
        decisions: dict[str, Choice] = {}
        for _, mid, cost in scored:
            if cost <= budget:
                decisions[mid] = _PUSH
                budget -= cost
        if plan.oppose:
            oppose_cost = self.book.oppose_cost
            for mid in plan.oppose:
                if mid in table_ids and progress[mid] > 0.0 and oppose_cost <= budget:
                    decisions[mid] = _OPPOSE
                    budget -= oppose_cost
        return decisions
