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


def _plan(book: Rulebook, actor: str, profile: AIProfile) -> tuple[tuple, ...]:
    """Per measure the delegation may push: id, cost (and the cost a value is divided by),
    progress needed, tension rise, whether it costs support, one-off worth (adoption and the
    red cell's reaction), per-turn worth, objective bonus, the profile's priority, and a table
    of turns to finish by progress made (filled as games reach each progress value). Numbers
    are floats: mixing ints and floats is slower."""
    obj = book.delegations[actor].objectives
    weights = {"cooperation": obj.cooperation, "tension": -obj.stability}
    for d in book.domains:
        weights[f"resilience.{d}"] = obj.resilience / len(book.domains) + obj.domains.get(d, 0.0)
    weights[f"support.{actor}"] = obj.support

    def worth(changes: Changes) -> float:
        return sum(weights.get(k, 0.0) * a for k, a in changes)

    return tuple(
        (
            m.id,
            m.cost[actor],
            float(m.cost[actor] or 1),
            float(m.needed),
            float(sum(a for k, a in m.on_adopt + m.reaction if k == "tension")),
            m.support_cost.get(actor, 0) > 0,
            float(worth(m.on_adopt) + worth(m.reaction)),
            float(worth(m.in_force)),
            float(profile.wants.get(m.id, obj.measures.get(m.id, 0.0))),
            float(profile.priorities.get(m.id, 1.0)),
            {},
        )
        for m in book.measures_for(actor)
    )


class DelegationAI:
    """One delegation's computer player under one profile."""

    def __init__(
        self, book: Rulebook, actor: str, profile_name: str, profile: AIProfile, stream: Stream
    ):
        self.book = book
        self.actor = actor
        self.profile = profile
        self.stream = stream
        self._uniform = stream.uniform
        # Everything else depends only on the scenario, the delegation and the profile, so it
        # is worked out once per scenario and profile rather than once per game (Monte Carlo
        # starts a game every millisecond or two).
        key = ("ai", actor, profile_name)
        setup = book.memo.get(key)
        if setup is None:
            setup = book.memo[key] = (
                book.capital_key[actor],
                book.support_key[actor],
                tuple(dict.fromkeys(profile.oppose)),
                _plan(book, actor, profile),
                profile.reserve,
                profile.risk_tolerance * book.crisis_at,
                book.scenario.rules.progress.all_push,
                book.turns,
            )
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
        if profile.misjudgement:
            # This game's reading of the danger, drawn once from the AI's own stream.
            drawn = profile.risk_tolerance + profile.misjudgement * (2.0 * stream.uniform() - 1.0)
            self._risk_line = min(1.0, max(0.0, drawn)) * book.crisis_at
        self._seen_table: frozenset[str] | None = None
        self._candidates: tuple[tuple, ...] = ()

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
        if oppose:
            oppose_cost = self.book.oppose_cost
            for mid in oppose:
                if mid in table_ids and progress[mid] > 0.0 and oppose_cost <= budget:
                    decisions[mid] = _OPPOSE
                    budget -= oppose_cost
        return decisions
