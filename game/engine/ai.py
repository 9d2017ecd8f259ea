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
from typing import TYPE_CHECKING

from game.engine.chance import Stream
from game.engine.rulebook import Changes, MeasureRules, Rulebook
from game.engine.state import Choice
from game.scenario.models import AIProfile

if TYPE_CHECKING:
    from game.engine.game import Game

_first = itemgetter(0)
_PUSH, _OPPOSE = Choice.PUSH, Choice.OPPOSE  # bound once (see game.py)

#: Below this domestic support a delegation will not pay a measure's support cost.
SUPPORT_FLOOR = 30.0


class DelegationAI:
    """One delegation's computer player under one profile."""

    def __init__(
        self,
        book: Rulebook,
        actor: str,
        profile: AIProfile,
        stream: Stream,
        profile_name: str | None = None,
    ):
        self.book = book
        self.actor = actor
        self.profile = profile
        self.stream = stream
        self._uniform = stream.uniform
        # Everything else depends only on the scenario, the delegation and the profile, so it
        # is worked out once per scenario and profile rather than once per game: what each
        # measure is worth, the plan, the thresholds (and a game starts every millisecond or
        # two in Monte Carlo).
        key = ("ai", actor, profile_name)
        setup = book.memo.get(key) if profile_name is not None else None
        if setup is None:
            setup = self._setup()
            if profile_name is not None:
                book.memo[key] = setup
        (
            self._capital_key,
            self._support_key,
            self._oppose,
            self._plan,
            self._reserve,
            self._risk_line,
            self._all_push,
            self._turns,
        ) = setup
        self._seen_table: frozenset[str] | None = None
        self._candidates: tuple[tuple, ...] = ()

    def _setup(self) -> tuple:
        book, actor, profile = self.book, self.actor, self.profile
        self._mine = book.measures_for(actor)
        key = ("ai-values", actor)
        values = book.memo.get(key)
        if values is None:
            values = book.memo[key] = self._valuations()
        self._value_once, self._value_turn, self._bonus, self._tension_rise = values
        return (
            book.capital_key[actor],
            book.support_key[actor],
            tuple(dict.fromkeys(profile.oppose)),
            self._make_plan(),
            profile.reserve,
            profile.risk_tolerance * book.crisis_at,
            book.scenario.rules.progress.all_push,
            book.turns,
        )

    def _make_plan(self) -> tuple[tuple, ...]:
        """Per measure: id, cost (and the cost a value is divided by), progress needed, tension
        rise, whether it costs support, one-off worth, per-turn worth, objective bonus, the
        profile's priority, and a table of turns to finish by progress made (filled as games
        reach each progress value). Numbers are floats: mixing ints and floats is slower."""
        actor, profile = self.actor, self.profile
        return tuple(
            (
                m.id,
                m.cost[actor],
                float(m.cost[actor] or 1),
                float(m.needed),
                float(self._tension_rise[m.id]),
                m.support_cost.get(actor, 0) > 0,
                float(self._value_once[m.id]),
                float(self._value_turn[m.id]),
                float(self._bonus[m.id]),
                float(profile.priorities.get(m.id, 1.0)),
                {},
            )
            for m in self._mine
        )

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

    def decide(
        self,
        game: Game,
        on_table: list[MeasureRules] | None = None,
        table_ids: frozenset[str] | None = None,
    ) -> dict[str, Choice]:
        """This turn's decisions; `on_table` (or just its ids, `table_ids`) is
        `game.available_measures()` if already known."""
        st = game.state
        values = st.values
        progress = st.progress
        budget = int(values[self._capital_key]) - self._reserve
        tension = values["tension"]
        low_support = values[self._support_key] < SUPPORT_FLOOR
        turns_left = float(self._turns - st.turn + 1)
        if table_ids is None:
            table = game.available_measures() if on_table is None else on_table
            table_ids = frozenset(m.id for m in table)
        if table_ids is not self._seen_table:
            # The measures it might push: worked out again only when the table changes.
            self._seen_table = table_ids
            self._candidates = tuple(
                p for p in self._plan if p[0] in table_ids and p[0] not in self._oppose
            )
        uniform = self._uniform
        oppose = self._oppose
        risk_line = self._risk_line
        all_push = self._all_push
        scored: list[tuple[float, str, int]] = []
        for (
            mid,
            cost,
            divisor,
            needed,
            rise,
            pays_support,
            once,
            per_turn,
            bonus,
            priority,
            finish,
        ) in self._candidates:
            if rise > 0.0 and tension + rise >= risk_line:
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
            turns_to_finish = finish.get(done)
            if turns_to_finish is None:
                turns_to_finish = finish[done] = (
                    -(-max(0.0, needed - done) // all_push) if all_push > 0.0 else 99.0
                )
            if turns_to_finish > turns_left:  # cannot be finished in time: worth nothing
                uniform()
                continue
            worth = once + per_turn * (turns_left - turns_to_finish) + bonus
            momentum = 1.0 + done / needed  # measures under way first: how AIs converge
            v = worth * priority * momentum * (0.85 + 0.3 * uniform())
            if v > 0.0:
                scored.append((v / divisor, mid, cost))
        if len(scored) > 1:
            scored.sort(key=_first, reverse=True)  # stable: equal values keep the plan's order
        decisions: dict[str, Choice] = {}
        for _, mid, cost in scored:
            if cost <= budget:
                decisions[mid] = _PUSH
                budget -= cost
        if oppose:
            oppose_cost = self.book.oppose_cost
            for mid in oppose:
                if mid in table_ids and progress[mid] > 0.0 and oppose_cost <= budget:
                    decisions[mid] = _OPPOSE
                    budget -= oppose_cost
        return decisions
