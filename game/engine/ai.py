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
        self._oppose = tuple(dict.fromkeys(profile.oppose))
        self._mine = book.measures_for(actor)
        # What each measure is worth depends only on the scenario and the delegation, so it is
        # worked out once per scenario rather than once per game.
        key = ("ai-values", actor)
        cached = book.memo.get(key)
        if cached is None:
            cached = book.memo[key] = self._valuations()
        self._value_once, self._value_turn, self._bonus, self._tension_rise = cached
        self._priority = {m.id: profile.priorities.get(m.id, 1.0) for m in self._mine}
        self._plan = tuple(
            (
                m.id,
                m.cost[actor],
                m.needed,
                self._tension_rise[m.id],
                m.support_cost.get(actor, 0) > 0,
            )
            for m in self._mine
        )
        self._reserve = profile.reserve
        self._risk_line = profile.risk_tolerance * book.crisis_at
        self._all_push = book.scenario.rules.progress.all_push

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
        return self._value(m.id, m.needed, st.progress[m.id], self.book.turns - st.turn + 1)

    def _value(self, mid: str, needed: float, progress: float, turns_left: int) -> float:
        # Turns of joint pushing still needed, and whether the measure can be finished in time.
        turns_to_finish = (
            -(-max(0.0, needed - progress) // self._all_push) if self._all_push > 0 else 99
        )
        if turns_to_finish > turns_left:
            return 0.0
        worth = (
            self._value_once[mid]
            + self._value_turn[mid] * (turns_left - turns_to_finish)
            + self._bonus[mid]
        )
        momentum = 1.0 + progress / needed  # measures under way first: how AIs converge
        return worth * self._priority[mid] * momentum

    def decide(self, game: Game, on_table: list[MeasureRules] | None = None) -> dict[str, Choice]:
        """This turn's decisions; `on_table` is `game.available_measures()` if already known."""
        st = game.state
        values = st.values
        progress = st.progress
        budget = int(values[self._capital_key]) - self._reserve
        tension = values["tension"]
        low_support = values[self._support_key] < SUPPORT_FLOOR
        turns_left = self.book.turns - st.turn + 1
        table = {m.id for m in (game.available_measures() if on_table is None else on_table)}
        uniform = self.stream.uniform
        scored: list[tuple[float, str, int]] = []
        for mid, cost, needed, rise, pays_support in self._plan:
            if mid not in table or mid in self._oppose:
                continue
            if rise > 0 and tension + rise >= self._risk_line:
                continue
            if pays_support and low_support:
                continue
            v = self._value(mid, needed, progress[mid], turns_left) * (0.85 + 0.3 * uniform())
            if v > 0:
                scored.append((v / (cost or 1), mid, cost))
        scored.sort(key=lambda item: -item[0])
        decisions: dict[str, Choice] = {}
        for _, mid, cost in scored:
            if cost <= budget:
                decisions[mid] = Choice.PUSH
                budget -= cost
        if self._oppose:
            oppose_cost = self.book.scenario.rules.oppose_cost
            for mid in self._oppose:
                if mid in table and progress[mid] > 0 and oppose_cost <= budget:
                    decisions[mid] = Choice.OPPOSE
                    budget -= oppose_cost
        return decisions
