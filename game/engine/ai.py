"""AI delegations: push the measures worth most to their own objectives, within capital and risk.

An AI values a measure by what its effects (one-off, the red cell's reaction, and per-turn
effects over the turns that would remain after adoption) are worth under its delegation's
objective weights, times the profile's priority. It holds back when tension is near its
risk tolerance, when domestic support is too low to bear a measure's political cost, or when
the measure could not be finished before the end. Measures already under way get a bonus,
which is how AI delegations converge on the same joint measures without talking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.chance import Stream
from game.engine.rulebook import Changes, MeasureRules, Rulebook
from game.engine.state import Choice
from game.scenario.models import AIProfile

if TYPE_CHECKING:
    from game.engine.game import Game

#: Below this domestic support a delegation will not pay a measure's support cost.
SUPPORT_FLOOR = 30.0


class DelegationAI:
    """One delegation's computer player under one profile."""

    def __init__(self, book: Rulebook, actor: str, profile: AIProfile, stream: Stream):
        self.book = book
        self.actor = actor
        self.profile = profile
        self.stream = stream
        self._capital_key = f"capital.{actor}"
        self._support_key = f"support.{actor}"
        self._oppose = set(profile.oppose)
        self._mine = book.measures_for(actor)
        # What each measure is worth depends only on the scenario and the delegation, so it is
        # worked out once per scenario rather than once per game.
        key = ("ai-values", actor)
        cached = book.memo.get(key)
        if cached is None:
            cached = book.memo[key] = self._valuations()
        self._value_once, self._value_turn, self._bonus, self._tension_rise = cached

    def _valuations(self) -> tuple[dict[str, float], ...]:
        book, actor = self.book, self.actor
        obj = book.delegations[actor].objectives
        n = len(book.domains)
        self._weights: dict[str, float] = {
            "cooperation": obj.cooperation,
            "tension": -obj.stability,
        }
        for d in book.domains:
            self._weights[f"resilience.{d}"] = obj.resilience / n + obj.domains.get(d, 0.0)
        self._weights[f"support.{actor}"] = obj.support
        mine = self._mine
        return (
            {m.id: self._worth(m.on_adopt) + self._worth(m.reaction) for m in mine},
            {m.id: self._worth(m.in_force) for m in mine},
            {m.id: obj.measures.get(m.id, 0.0) for m in mine},
            {m.id: sum(a for k, a in m.on_adopt + m.reaction if k == "tension") for m in mine},
        )

    def _worth(self, changes: Changes) -> float:
        w = self._weights
        return sum(w.get(k, 0.0) * a for k, a in changes)

    def value(self, m: MeasureRules, game: Game) -> float:
        """What adopting `m` is worth to this delegation now (0 when out of reach)."""
        st = game.state
        rules = self.book.scenario.rules.progress
        remaining = max(0.0, m.needed - st.progress[m.id])
        turns_to_finish = -(-remaining // rules.all_push) if rules.all_push > 0 else 99
        turns_left = self.book.turns - st.turn + 1
        if turns_to_finish > turns_left:
            return 0.0
        after = turns_left - turns_to_finish
        worth = self._value_once[m.id] + self._value_turn[m.id] * after + self._bonus[m.id]
        priority = self.profile.priorities.get(m.id, 1.0)
        momentum = 1.0 + st.progress[m.id] / m.needed
        return worth * priority * momentum

    def decide(self, game: Game, on_table: list[MeasureRules] | None = None) -> dict[str, Choice]:
        """This turn's decisions; `on_table` is `game.available_measures()` if already known."""
        st = game.state
        values = st.values
        capital = int(values[self._capital_key])
        budget = capital - self.profile.reserve
        risk_line = self.profile.risk_tolerance * self.book.crisis_at
        support = values[self._support_key]
        table = {m.id for m in (game.available_measures() if on_table is None else on_table)}
        scored: list[tuple[float, MeasureRules]] = []
        for m in self._mine:
            if m.id not in table or m.id in self._oppose:
                continue
            if (
                self._tension_rise[m.id] > 0
                and values["tension"] + self._tension_rise[m.id] >= risk_line
            ):
                continue
            if m.support_cost.get(self.actor, 0) > 0 and support < SUPPORT_FLOOR:
                continue
            v = self.value(m, game) * (0.85 + 0.3 * self.stream.uniform())
            if v > 0:
                scored.append((v / max(1, m.cost[self.actor]), m))
        scored.sort(key=lambda pair: -pair[0])
        decisions: dict[str, Choice] = {}
        for _, m in scored:
            cost = m.cost[self.actor]
            if cost <= budget:
                decisions[m.id] = Choice.PUSH
                budget -= cost
        oppose_cost = self.book.scenario.rules.oppose_cost
        for m in self._mine:
            if (
                m.id in self._oppose
                and m.id in table
                and st.progress[m.id] > 0
                and oppose_cost <= budget
            ):
                decisions[m.id] = Choice.OPPOSE
                budget -= oppose_cost
        return decisions
