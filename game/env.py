"""Trilateral as a PettingZoo `ParallelEnv`, for reinforcement learning (the optional extra
`[rl]`: `pip install -e ".[rl]"` installs pettingzoo and gymnasium).

    from game.env import parallel_env

    env = parallel_env()                      # the default scenario; or parallel_env("maritime-surge")
    observations, infos = env.reset(seed=7)   # the engine's game with seed 7
    while env.agents:
        actions = {
            a: env.action_space(a).sample(mask=infos[a]["action_mask"]) for a in env.agents
        }
        observations, rewards, terminations, truncations, infos = env.step(actions)

One step is one turn: every agent's action is revealed together and the turn is resolved by
the engine's rules. The agents are the scenario's delegations (`possible_agents`, in the
scenario's order), or those of `agents=[...]`: the others are then played by their AI.

**Actions.** `action_space(agent)` is `MultiDiscrete([3] * n)`, one entry per measure that
delegation may act on (`action_measures(agent)`, in the scenario's order): 0 hold, 1 push,
2 oppose. `infos[agent]["action_mask"]` says what is open this turn, as the tuple of int8
arrays (one `[hold, push, oppose]` row per measure) that `MultiDiscrete.sample(mask=...)`
takes: hold always; push and oppose only on a measure on the table and when the delegation
can afford that one choice. Illegal actions are never an error: they are played as hold.
The capital check is over the whole turn, so the actions are taken in `action_measures`
order and a push or oppose the capital left no longer covers is played as hold too.
`infos[agent]["decisions"]` holds the decisions actually played, `infos[agent]["held"]` the
measures whose action was played as hold.

**Observations.** `observation_space(agent)` is a float32 `Box`; `observation_names(agent)`
names each entry, in this order: `turn` (the turn to decide, 1-based); `cooperation`,
`tension`, `resilience.<domain>` for each domain (0-100); `support.<delegation>` and
`capital.<delegation>` for every delegation (public in the game, as on the class's
projector); then for every measure of the scenario, in order, `progress.<measure>` (share of
the progress needed, 0-1), `on_table.<measure>`, `adopted.<measure>` (1 also while
suspended) and `suspended.<measure>` (0 or 1). Every agent's observation has the same
layout; only the mask and the score in `infos` are its own. `infos[agent]["observation"]` is the same moment as a
`game.api.Observation` (with last turn's revealed decisions, events and injects).

**Rewards.** With `reward="change"` (the default), each step's reward is the change in the
delegation's own score (`game.api.result(game, provisional=True)`, 0-100, a crisis a loss),
so an episode's rewards add up to its final score minus the score of the starting position.
With `reward="final"`: 0 until the last step, then the final own score.
`infos[agent]["score"]` is the own score so far (the final score at the end).

**End.** Every agent terminates when the game ends (its last turn, or a crisis); there is no
truncation (a game lasts at most the scenario's turns).

**Seeding, as in Gymnasium.** `reset(seed=s)` plays the engine's game with seed `s` (a
whole number from 0 to 2**63 - 1; the same as `game.api.new_game(scenario, s)`) and seeds the
env's `np_random`; `reset()` without a seed draws the next game's seed from `np_random`
(from fresh entropy if the env was never seeded). So the same seed gives the same
observations and, with the same actions, the same game. `options` of reset are ignored.
Seed action spaces yourself (`env.action_space(a).seed(s)`) to make sampled actions repeat.

`env.game` is the `game.engine.game.Game` being played: `game.api` reads it (`api.ledger`,
`api.why`, `api.result`).

This module imports no window, terminal or command-line code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from game import api
from game.engine.game import Game
from game.engine.rulebook import Rulebook
from game.engine.state import Choice
from game.i18n import _, listing
from game.limits import MAX_SEED

try:
    from gymnasium import spaces
    from gymnasium.utils import seeding
    from pettingzoo import ParallelEnv

    _MISSING: ImportError | None = None
except ImportError as err:  # the optional extra is not installed
    ParallelEnv = object
    _MISSING = err

__all__ = ["HOLD", "OPPOSE", "PUSH", "TrilateralEnv", "parallel_env"]

HOLD, PUSH, OPPOSE = 0, 1, 2  # an action's value for one measure
CHOICES = (Choice.HOLD, Choice.PUSH, Choice.OPPOSE)  # by action value
REWARDS = ("change", "final")


def parallel_env(
    scenario: api.LoadedScenario | str | Path | None = None, **options: Any
) -> TrilateralEnv:
    """The env for `scenario` (None: the default scenario; a path, a bundled scenario's name
    or a loaded scenario). Options: `agents` (the delegations the env's agents play; all by
    default, the others by their AI), `ai_profiles` (delegation -> AI profile for those),
    `history` (the history excursion), `reward` ("change" or "final"), `render_mode` (None or
    "ansi"). Raises ImportError naming the extra when pettingzoo or gymnasium is missing."""
    if _MISSING is not None:
        raise ImportError(
            _(
                "the PettingZoo env needs the [rl] extra ({missing}); install it with "
                "pip install -e '.[rl]' (or pip install pettingzoo gymnasium)"
            ).format(missing=_MISSING)
        )
    return TrilateralEnv(scenario, **options)


class TrilateralEnv(ParallelEnv):  # type: ignore[misc]  # pettingzoo is untyped (Any)
    """See the module docstring."""

    metadata: dict[str, Any] = {
        "name": "trilateral_v0",
        "render_modes": ["ansi"],
        "is_parallelizable": True,
    }

    def __init__(
        self,
        scenario: api.LoadedScenario | str | Path | None = None,
        *,
        agents: Iterable[str] | None = None,
        ai_profiles: Mapping[str, str] | None = None,
        history: bool = False,
        reward: str = "change",
        render_mode: str | None = None,
    ):
        loaded = (
            scenario if isinstance(scenario, api.LoadedScenario) else api.load_scenario(scenario)
        )
        self.loaded = loaded
        book = self._book = Rulebook.of(loaded)
        everyone = book.delegation_ids
        chosen = list(everyone if agents is None else agents)
        for a in chosen:
            if a not in everyone:
                raise ValueError(
                    _("unknown delegation {delegation}; expected one of {expected}").format(
                        delegation=repr(a), expected=listing(everyone)
                    )
                )
        if not chosen:
            raise ValueError(_("agents: give at least one delegation"))
        if reward not in REWARDS:
            raise ValueError(
                _("reward: expected one of {expected}, not {found}").format(
                    expected=listing(REWARDS), found=repr(reward)
                )
            )
        if render_mode not in (None, *self.metadata["render_modes"]):
            raise ValueError(
                _("render_mode: expected None or 'ansi', not {found}").format(
                    found=repr(render_mode)
                )
            )
        self.possible_agents = [a for a in everyone if a in chosen]
        self.agents: list[str] = []
        self.ai_profiles = dict(ai_profiles or {})
        self.history = history
        self.reward = reward
        self.render_mode = render_mode
        self.game: Game | None = None
        self._np_random: np.random.Generator | None = None
        self._scores: dict[str, float] = {}
        self._measures = {
            a: tuple(m.id for m in book.measures if a in m.cost) for a in self.possible_agents
        }
        names = ["turn", "cooperation", "tension", *book.domain_keys]
        low = [0.0, 0.0, 0.0] + [0.0] * len(book.domain_keys)
        high = [float(book.turns)] + [book.bounds[k][1] for k in names[1:]]
        for d in everyone:
            for key in (f"support.{d}", f"capital.{d}"):
                names.append(key)
                low.append(book.bounds[key][0])
                high.append(book.bounds[key][1])
        for m in book.measures:
            names += [f"progress.{m.id}", f"on_table.{m.id}", f"adopted.{m.id}"]
            names.append(f"suspended.{m.id}")
            low += [0.0] * 4
            high += [1.0] * 4
        self._names = tuple(names)
        box = spaces.Box(np.array(low, np.float32), np.array(high, np.float32), dtype=np.float32)
        self._observation_spaces = {a: box for a in self.possible_agents}
        self._action_spaces = {
            a: spaces.MultiDiscrete([3] * len(self._measures[a])) for a in self.possible_agents
        }

    # --- the spaces ----------------------------------------------------------------------------

    def observation_space(self, agent: str) -> Any:
        """The same object on every call (PettingZoo's rule), for each agent."""
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> Any:
        """The same object on every call, so seeding it lasts."""
        return self._action_spaces[agent]

    def observation_names(self, agent: str) -> tuple[str, ...]:
        """What each entry of `agent`'s observation is (see the module docstring)."""
        self._observation_spaces[agent]  # noqa: B018 - a KeyError for an unknown agent
        return self._names

    def action_measures(self, agent: str) -> tuple[str, ...]:
        """The measure each entry of `agent`'s action is about."""
        return self._measures[agent]

    # --- playing -------------------------------------------------------------------------------

    @property
    def np_random(self) -> np.random.Generator:
        if self._np_random is None:
            self._np_random, _seed = seeding.np_random()
        return self._np_random

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
        if seed is not None:
            if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
                raise ValueError(
                    _("seed: expected a whole number, not {found}").format(found=repr(seed))
                )
            if not 0 <= int(seed) <= MAX_SEED:
                raise ValueError(
                    _("seed: expected a whole number from 0 to {largest}, not {found}").format(
                        largest=MAX_SEED, found=seed
                    )
                )
            self._np_random, _seed = seeding.np_random(int(seed))
            game_seed = int(seed)
        else:
            game_seed = int(self.np_random.integers(0, MAX_SEED))
        self.game = Game(
            self.loaded,
            game_seed,
            self.possible_agents,
            self.ai_profiles,
            history=self.history,
        )
        self.agents = list(self.possible_agents)
        self._scores = self._own_scores()
        return (
            {a: self._observe(a) for a in self.agents},
            {a: self._info(a, {}, ()) for a in self.agents},
        )

    def step(
        self, actions: Mapping[str, Any]
    ) -> tuple[
        dict[str, np.ndarray],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:
        game = self.game
        if game is None:
            raise RuntimeError(_("call reset() before step()"))
        unknown = sorted(set(actions) - set(self.agents))
        if unknown:
            if self.agents:
                message = _("an action for {agent}, which is not playing (agents: {agents})")
            else:
                message = _(
                    "an action for {agent}, which is not playing (agents: none: the game is over)"
                )
            raise ValueError(message.format(agent=repr(unknown[0]), agents=listing(self.agents)))
        live = list(self.agents)
        if not live:
            return {}, {}, {}, {}, {}
        played: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {}
        for a in live:
            decisions, held = self._decisions(a, actions.get(a))
            game.submit(a, decisions)
            played[a] = (decisions, held)
        game.resolve_turn()
        before = self._scores
        self._scores = self._own_scores()
        over = game.over
        if self.reward == "change":
            rewards = {a: round(self._scores[a] - before[a], 1) for a in live}
        else:
            rewards = {a: self._scores[a] if over else 0.0 for a in live}
        observations = {a: self._observe(a) for a in live}
        infos = {a: self._info(a, *played[a]) for a in live}
        terminations = dict.fromkeys(live, over)
        truncations = dict.fromkeys(live, False)
        if over:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def render(self) -> str | None:
        if self.render_mode != "ansi" or self.game is None:
            return None
        game = self.game
        seen = api.observe(game, self.possible_agents[0])
        values = ", ".join(f"{k} {v:g}" for k, v in seen.indicators.items())
        adopted = [m.id for m in seen.measures if m.state in (api.ADOPTED, api.SUSPENDED)]
        state = "over" if game.over else f"turn {seen.turn} of {seen.turns}"
        return f"{state}: {values}; adopted: {', '.join(adopted) or 'none'}"

    def close(self) -> None:
        pass

    # --- inside --------------------------------------------------------------------------------

    def _own_scores(self) -> dict[str, float]:
        assert self.game is not None
        scores = api.result(self.game, provisional=True).delegations
        return {a: scores[a].score for a in self.possible_agents}

    def _decisions(self, agent: str, action: Any) -> tuple[dict[str, str], tuple[str, ...]]:
        """The decisions an action stands for, and the measures whose push or oppose was
        played as hold (masked, or no longer affordable with what the earlier ones cost)."""
        measures = self._measures[agent]
        if action is None:
            return {}, ()
        values = np.asarray(action).reshape(-1)
        if values.shape != (len(measures),) or not np.all(np.isin(values, (HOLD, PUSH, OPPOSE))):
            raise ValueError(
                _(
                    "{agent}: an action is {count} whole numbers, each 0 (hold), 1 (push) or 2 "
                    "(oppose), one per measure of action_measures({name}); got {action}"
                ).format(agent=agent, count=len(measures), name=repr(agent), action=repr(action))
            )
        assert self.game is not None
        opts = self.game.options(agent)
        by_id = {m.measure_id: m for m in opts.measures}
        budget = opts.capital
        decisions: dict[str, str] = {}
        held: list[str] = []
        for mid, value in zip(measures, values.tolist(), strict=True):
            if value == HOLD:
                continue
            choice = CHOICES[value]
            option = by_id.get(mid)
            cost = 0
            if option is not None:
                cost = option.push_cost if choice == Choice.PUSH else option.oppose_cost
            if option is None or choice not in option.choices or cost > budget:
                held.append(mid)
                continue
            decisions[mid] = str(choice)
            budget -= cost
        return decisions, tuple(held)

    def _mask(self, agent: str) -> tuple[np.ndarray, ...]:
        assert self.game is not None
        open_now: dict[str, tuple[Choice, ...]] = {}
        if not self.game.over:
            open_now = {m.measure_id: m.choices for m in self.game.options(agent).measures}
        rows = []
        for mid in self._measures[agent]:
            choices = open_now.get(mid, ())
            rows.append(
                np.array(
                    [1, Choice.PUSH in choices, Choice.OPPOSE in choices],
                    dtype=np.int8,
                )
            )
        return tuple(rows)

    def _observe(self, agent: str) -> np.ndarray:
        assert self.game is not None
        seen = api.observe(self.game, agent)
        numbers = [float(seen.turn), *seen.indicators.values()]
        for d in self._book.delegation_ids:
            numbers += [seen.support[d], seen.capital[d]]
        for m in seen.measures:
            numbers += [
                min(1.0, m.progress / m.needed) if m.needed else 1.0,
                float(m.state == api.ON_TABLE),
                float(m.state in (api.ADOPTED, api.SUSPENDED)),
                float(m.state == api.SUSPENDED),
            ]
        return np.array(numbers, dtype=np.float32)

    def _info(self, agent: str, decisions: dict[str, str], held: tuple[str, ...]) -> dict[str, Any]:
        assert self.game is not None
        return {
            "action_mask": self._mask(agent),
            "decisions": decisions,
            "held": held,
            "score": self._scores[agent],
            "observation": api.observe(self.game, agent),
        }
