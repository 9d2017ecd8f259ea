"""The public Python API: play Trilateral from your own code (research, search, batch runs).

    from game import api

    scenario = api.load_scenario()                 # the default scenario (or a path, or an id)
    game = api.new_game(scenario, seed=7)          # you decide for every delegation
    while not game.over:
        for delegation in api.delegations(game):
            seen = api.observe(game, delegation)   # what that delegation may know
            legal = api.legal(game, delegation)    # what it may do under its capital
            api.submit(game, delegation, {})       # hold on everything
        report = api.resolve(game)                 # the turn's decisions revealed together
    api.result(game).delegations["japan"].score

A thin layer over the engine (`game.engine.game.Game`): every function here is a documented
entry point that later versions keep, while the engine's own attributes may change. The
reference, with examples, is docs/api.md; examples/play_a_game.py runs the whole tour.

Determinism: a game is fully determined by its scenario, its seed and the decisions submitted
(`play` gives every policy a random stream of its own, seeded from the game's seed and the
delegation, so a run of policies is reproducible too).

This module imports no window, terminal or command-line code.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from game.engine.game import (
    EngineError,
    Game,
    GameOver,
    IllegalDecision,
    MeasureOption,
    Options,
    TurnReport,
)
from game.engine.ledger import Movement, movements
from game.engine.scoring import GameResult, score_game
from game.engine.state import Cause, Choice, LedgerEntry
from game.i18n import _, listing
from game.scenario.errors import ScenarioError
from game.scenario.loader import LoadedScenario

__all__ = [
    "ADOPTED",
    "LOCKED",
    "ON_TABLE",
    "SUSPENDED",
    "Cause",
    "Choice",
    "EngineError",
    "Game",
    "GameOver",
    "GameResult",
    "IllegalDecision",
    "LedgerEntry",
    "LoadedScenario",
    "MeasureOption",
    "MeasureView",
    "Movement",
    "Observation",
    "Options",
    "Policy",
    "ScenarioError",
    "TurnReport",
    "bundled_scenarios",
    "check",
    "copy_game",
    "delegations",
    "ledger",
    "legal",
    "legal_decisions",
    "load_scenario",
    "new_game",
    "observe",
    "play",
    "policy_rng",
    "resolve",
    "result",
    "submit",
    "why",
]

# The states a measure can be in, as every delegation sees them (game.net.views' words).
ON_TABLE, ADOPTED, SUSPENDED, LOCKED = "on_table", "adopted", "suspended", "locked"


# --- scenarios and games ---------------------------------------------------------------------


def bundled_scenarios() -> dict[str, Path]:
    """The scenarios that ship with the game: file stem -> path, sorted by name."""
    from game.paths import SCENARIO_DIR
    from game.scenario.find import scenario_paths

    return {p.stem: p for p in scenario_paths(SCENARIO_DIR)}


def load_scenario(scenario: str | Path | None = None) -> LoadedScenario:
    """Load and validate a scenario: None for the default scenario, a path to a YAML file, or
    the name of a bundled one (a key of `bundled_scenarios()`, e.g. "maritime-surge").
    Raises ScenarioError, whose `lines()` locate each problem in the file."""
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.loader import load_scenario as load

    if scenario is None:
        return load(DEFAULT_SCENARIO)
    path = Path(scenario)
    if not path.exists():
        bundled = bundled_scenarios().get(str(scenario))
        if bundled is not None:
            path = bundled
    return load(path)


def _scenario(scenario: LoadedScenario | str | Path | None) -> LoadedScenario:
    return scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)


def new_game(
    scenario: LoadedScenario | str | Path | None = None,
    seed: int = 0,
    *,
    players: Iterable[str] | None = None,
    ai_profiles: Mapping[str, str] | None = None,
    history: bool = False,
) -> Game:
    """A new game of `scenario` (a loaded scenario, or anything `load_scenario` takes) with
    `seed` (a whole number from 0 to 2**63 - 1).

    `players`: the delegations you decide for (every delegation when None); each must be given
    decisions (`submit`) before every `resolve`. The others are played by the computer, under
    `ai_profiles` (delegation -> profile name; each delegation's default profile otherwise).
    `history`: the history excursion (the real timeline's injects fire too).
    Raises EngineError for a bad seed, delegation or profile."""
    loaded = _scenario(scenario)
    chosen = loaded.scenario.delegations() if players is None else players
    return Game(loaded, seed, frozenset(chosen), ai_profiles, history=history)


def delegations(game: Game) -> tuple[str, ...]:
    """Every delegation's id, in the scenario's order (the PRC red cell is not one)."""
    return game.book.delegation_ids


def copy_game(game: Game) -> Game:
    """An independent copy of `game` to explore from (search, what-ifs): playing the copy
    never changes the original, and the copy plays on exactly as the original would with the
    same decisions (its random streams are copied in their current state).

    It is the engine's `Game.copy()`: only what a game changes is copied (state, ledger,
    reports, random streams); the scenario, its compiled rules and the amounts this game drew
    are shared. A copy of the default scenario's game takes well under a millisecond."""
    return game.copy()


# --- what a delegation knows and may do ------------------------------------------------------


@dataclass(frozen=True)
class MeasureView:
    """One measure as every delegation sees it."""

    id: str
    title: str
    state: str  # "on_table", "adopted", "suspended" (adopted, out of force) or "locked"
    progress: float  # points so far
    needed: float  # points to adopt it
    requires: tuple[str, ...]  # delegations that must all push in the final step
    involved: tuple[str, ...]  # delegations that may act on it (push or oppose)


@dataclass(frozen=True)
class Observation:
    """What one delegation may know at the start of a turn: everything a classroom device of
    that delegation is shown (game.net.views), as numbers. Dicts keep the scenario's order.

    Never in it: what other delegations have submitted this turn, the computer's AI profiles,
    the seed, the values a range in the scenario drew for this game before they take effect,
    and anything still to be drawn."""

    delegation: str
    turn: int  # the turn to decide, 1-based (the last turn played once the game is over)
    turns: int  # turns in the game
    over: bool
    crisis: bool  # the game ended in a crisis
    indicators: dict[str, float]  # cooperation, tension, resilience.<domain> (in that order)
    support: dict[str, float]  # every delegation's domestic support (public)
    capital: dict[str, float]  # every delegation's political capital (public)
    measures: tuple[MeasureView, ...]  # every measure, in the scenario's order
    revealed: dict[str, dict[str, str]]  # last turn: delegation -> {measure: push/oppose}
    events: tuple[str, ...]  # last turn's gray-zone actions (event ids)
    injects: tuple[str, ...]  # last turn's injects (inject ids)
    warning_at: float  # tension at which the scenario warns
    crisis_at: float  # tension at which the game ends in a crisis

    @property
    def own_capital(self) -> float:
        return self.capital[self.delegation]

    @property
    def own_support(self) -> float:
        return self.support[self.delegation]


def _check_delegation(game: Game, delegation: str) -> None:
    if delegation not in game.book.delegations:
        raise EngineError(
            _("unknown delegation {delegation}; expected one of {expected}").format(
                delegation=repr(delegation), expected=listing(game.book.delegation_ids)
            )
        )


def observe(game: Game, delegation: str) -> Observation:
    """What `delegation` may know now (see Observation). Raises EngineError for an unknown
    delegation."""
    _check_delegation(game, delegation)
    book = game.book
    st = game.state
    values = st.values
    on_table = {m.id for m in game.available_measures()}
    suspended = st.suspended()
    measures = []
    for m in book.measures:
        if m.id in st.adopted:
            state = SUSPENDED if m.id in suspended else ADOPTED
        else:
            state = ON_TABLE if m.id in on_table else LOCKED
        measures.append(
            MeasureView(
                m.id, m.model.title, state, st.progress[m.id], m.needed, m.requires, tuple(m.cost)
            )
        )
    last = game.reports[-1] if game.reports else None
    return Observation(
        delegation=delegation,
        turn=st.turn,
        turns=book.turns,
        over=st.over,
        crisis=st.crisis,
        indicators={k: values[k] for k in ("cooperation", "tension", *book.domain_keys)},
        support={a: values[book.support_key[a]] for a in book.delegation_ids},
        capital={a: values[book.capital_key[a]] for a in book.delegation_ids},
        measures=tuple(measures),
        revealed=(
            {
                a: {mid: str(c) for mid, c in last.decisions.get(a, {}).items() if c != Choice.HOLD}
                for a in book.delegation_ids
            }
            if last is not None
            else {}
        ),
        events=tuple(e.event_id for e in last.events) if last is not None else (),
        injects=tuple(last.injects) if last is not None else (),
        warning_at=book.warning_at,
        crisis_at=book.crisis_at,
    )


def legal(game: Game, delegation: str) -> Options:
    """What `delegation` may do this turn: its capital, and for each measure it may act on
    the choices open to it (push only when it can afford the push, oppose only when it can
    afford opposing; hold always) with their costs. Together, the decisions of one turn may
    cost at most `capital` (`Options.cost_of` adds them up); `check` says whether a set of
    decisions is legal. Raises IllegalDecision for an unknown delegation."""
    return game.options(delegation)


def legal_decisions(options: Options) -> Iterator[dict[str, str]]:
    """Every legal set of decisions under `options` (`legal(game, delegation)`, or the
    `legal` a policy is given), holding on everything first, as {measure id: "push" or
    "oppose"} (measures left out are held). Lazily: their number grows as 3 to the power of
    the measures on the table, so take what you need."""
    opts = options
    capital = opts.capital

    def extend(i: int, spent: int, chosen: dict[str, str]) -> Iterator[dict[str, str]]:
        if i == len(opts.measures):
            yield dict(chosen)
            return
        m = opts.measures[i]
        for choice in (Choice.HOLD, Choice.PUSH, Choice.OPPOSE):
            if choice not in m.choices:
                continue
            cost = m.push_cost if choice == Choice.PUSH else m.oppose_cost
            if choice == Choice.HOLD:
                yield from extend(i + 1, spent, chosen)
            elif spent + cost <= capital:
                chosen[m.measure_id] = str(choice)
                yield from extend(i + 1, spent + cost, chosen)
                del chosen[m.measure_id]

    return extend(0, 0, {})


def check(game: Game, delegation: str, decisions: Mapping[str, str]) -> dict[str, Choice]:
    """`decisions` ({measure id: "push", "hold" or "oppose"}) made normal (holds left out), or
    IllegalDecision saying what is wrong with them. Changes nothing."""
    return game.check(delegation, decisions)


def submit(game: Game, delegation: str, decisions: Mapping[str, str]) -> None:
    """Record `delegation`'s secret decisions for this turn (replacing any it submitted
    before). Raises IllegalDecision (not legal under `legal`), GameOver once the game is
    over."""
    game.submit(delegation, decisions)


def resolve(game: Game) -> TurnReport:
    """Reveal the turn's decisions together and play the turn out (the numbered rules in
    game.engine.game); the computer's delegations decide now. Returns what happened: every
    delegation's decisions, progress, adoptions, gray-zone actions, injects and each change
    with its cause. Raises IllegalDecision while one of your delegations has not submitted,
    GameOver once the game is over."""
    report = game.resolve_turn()
    assert report is not None  # games made here keep their record
    return report


# --- what happened -------------------------------------------------------------------------


def ledger(game: Game, turn: int | None = None) -> list[LedgerEntry]:
    """Every change to every indicator with its cause (turn 0 holds the starting values), or
    only turn `turn`'s. Each indicator's entries add up to its value."""
    entries = game.ledger
    return list(entries) if turn is None else [e for e in entries if e.turn == turn]


def why(game: Game, turn: int | None = None) -> dict[str, Movement]:
    """Why each indicator moved (over the whole game, or in turn `turn`): its net change and
    its causes, largest first, labelled as the debrief labels them."""
    return movements(ledger(game, turn), book=game.book)


def result(game: Game, *, provisional: bool = False) -> GameResult:
    """The game's result: its outcome band, the shared score and each delegation's own score
    (0-100; a crisis is a loss). Raises EngineError while the game is still on, unless
    `provisional`: then the scores the game would have if it ended now."""
    if not game.over and not provisional:
        raise EngineError(
            _("the game is not over; play it to the end, or ask for result(game, provisional=True)")
        )
    return score_game(game)


# --- policies --------------------------------------------------------------------------------


class Policy(Protocol):
    """A delegation played by your code: given what it may know, what it may do and a random
    stream of its own, return its decisions ({measure id: "push", "hold" or "oppose"};
    measures left out are held). The decisions must be legal (`legal`, `check`). Use only
    `rng` for chance, so a run is reproducible."""

    def __call__(
        self, observation: Observation, legal: Options, rng: random.Random
    ) -> Mapping[str, str]: ...


def policy_rng(seed: int, delegation: str) -> random.Random:
    """The random stream a policy playing `delegation` gets in the game with `seed`: the same
    on every run, whatever else plays, and independent of the game's own draws."""
    return random.Random(f"trilateral-policy:{seed}:{delegation}")


def play(
    game: Game,
    policies: Mapping[str, Policy | Callable[..., Mapping[str, str]]],
    *,
    until_turn: int | None = None,
) -> Game:
    """Play `game` to its end (or until turn `until_turn` is the one to decide) with
    `policies` (delegation -> Policy) deciding for your delegations; returns the game.
    Each policy's rng is `policy_rng(game.seed, delegation)`, created once per call.
    A delegation you play with no policy holds on everything."""
    for d in policies:
        _check_delegation(game, d)
        if d not in game.setup.humans:
            raise EngineError(
                _(
                    "{delegation} is played by the computer in this game; make it one of the "
                    "players (new_game(..., players=...)) to play it with a policy"
                ).format(delegation=d)
            )
    rngs = {d: policy_rng(game.seed, d) for d in policies}
    players = [d for d in game.book.delegation_ids if d in game.setup.humans]
    while not game.over and (until_turn is None or game.state.turn < until_turn):
        for d in players:
            policy = policies.get(d)
            if policy is None:
                game.submit(d, {})
                continue
            decisions = policy(observe(game, d), game.options(d), rngs[d])
            if not isinstance(decisions, Mapping):
                raise EngineError(
                    _(
                        "the policy playing {delegation} on turn {turn} returned {kind} {value}; "
                        "expected a dict of measure id -> push, hold or oppose"
                    ).format(
                        delegation=d,
                        turn=game.state.turn,
                        kind=type(decisions).__name__,
                        value=f"{decisions!r:.80}",
                    )
                )
            game.submit(d, decisions)
        game.resolve_turn()
    return game
