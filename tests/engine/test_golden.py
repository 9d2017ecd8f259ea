"""Golden games: a change meant to keep the rules (a refactor, a speed-up) plays every game
exactly as before.

For 200 seeds of the default scenario and of the tutorial (and fewer of the other bundled
scenarios and the fixtures that exercise shields, setbacks, suspensions, ranged amounts and the
history excursion), a game is played and, after every turn, its whole state, that turn's ledger
entries and report are folded into a SHA-256 digest, with the save at the end and the result.
The same game played with `record=False` must reach the same state after every turn. The
digests are compared with `golden/digests.json`.

A change that is meant to change the rules regenerates the file in the same commit:

    python -m tests.engine.test_golden     # rewrites tests/engine/golden/digests.json

and the commit says why the games changed.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import random
from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.saves import save_text
from game.paths import SCENARIO_DIR

GOLDEN = Path(__file__).parent / "golden" / "digests.json"
FIXTURES = Path(__file__).parent.parent / "fixtures"

# (name, file, seeds, how the delegations are played, whether the history excursion is on)
CASES = [
    ("fiop-ai", SCENARIO_DIR / "free-and-open-indo-pacific.yaml", 200, "ai", False),
    ("tutorial-ai", SCENARIO_DIR / "tutorial.yaml", 200, "ai", False),
    ("fiop-random", SCENARIO_DIR / "free-and-open-indo-pacific.yaml", 60, "random", False),
    ("class-ai", SCENARIO_DIR / "free-and-open-indo-pacific-class.yaml", 40, "ai", False),
    ("surge-ai", SCENARIO_DIR / "maritime-surge.yaml", 40, "ai", False),
    ("election-ai", SCENARIO_DIR / "election-year.yaml", 40, "ai", False),
    ("election-random", SCENARIO_DIR / "election-year.yaml", 40, "random", False),
    ("assumptions-ai", FIXTURES / "assumptions.yaml", 40, "ai", False),
    ("history-ai", FIXTURES / "history.yaml", 40, "ai", True),
    ("six-random", FIXTURES / "six.yaml", 40, "random", False),
    ("mini-random", FIXTURES / "mini.yaml", 40, "random", False),
]


def plain(value: object) -> object:
    """`value` as plain JSON data (records as lists of their fields, enums as their values), so
    the digest does not depend on how a record type is written."""
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, dict):
        return [[plain(k), plain(v)] for k, v in value.items()]
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    if isinstance(value, float):
        return repr(value)  # every bit of the number
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "model_dump"):  # a scenario model (an outcome band)
        return value.id if hasattr(value, "id") else repr(value)
    raise TypeError(f"no plain form for {type(value).__name__}")


def state_data(game: Game) -> object:
    st = game.state
    return plain(
        [
            st.turn,
            st.values,
            st.progress,
            st.adopted,
            st.suspended_until,
            st.fired_injects,
            st.over,
            st.crisis,
        ]
    )


def _random_decisions(game: Game, actor: str, rng: random.Random) -> dict[str, str]:
    """Random legal decisions from `options`: each measure pushed, held or opposed at random,
    while the capital lasts."""
    options = game.options(actor)
    budget = options.capital
    chosen = {}
    for option in options.measures:
        choice = rng.choice([str(c) for c in option.choices])
        cost = options.cost_of({option.measure_id: choice})
        if choice != "hold" and cost <= budget:
            chosen[option.measure_id] = choice
            budget -= cost
    return chosen


def play_and_digest(loaded, seed: int, how: str, history: bool) -> str:  # noqa: ANN001
    """Play one game (and the same one without its record, in step) and return its digest."""
    from game.sim.batch import profile_combinations

    combos = profile_combinations(loaded)
    profiles = combos[seed % len(combos)]
    humans = loaded.scenario.delegations() if how == "random" else ()
    games = [
        Game(loaded, seed, humans, profiles, record=record, history=history)
        for record in (True, False)
    ]
    rng = random.Random(seed)
    digest = hashlib.sha256()
    injects = [i.id for i in loaded.scenario.injects]
    while not games[0].over:
        turn = games[0].state.turn
        if how == "random":
            # the white cell acts during some turns' decisions
            if turn == 2 and injects and seed % 5 == 0:
                for game in games:
                    game.fire_inject(injects[seed % len(injects)])
            if turn == 3 and seed % 7 == 0:
                for game in games:
                    game.adjust("tension", 6.5, "a test's adjustment")
            for actor in games[0].book.delegation_ids:
                chosen = _random_decisions(games[0], actor, rng)
                for game in games:
                    game.submit(actor, chosen)
        report = games[0].resolve_turn()
        games[1].resolve_turn()
        assert state_data(games[1]) == state_data(games[0]), (seed, turn)
        digest.update(json.dumps([state_data(games[0]), plain(report)]).encode())
    digest.update(json.dumps(plain(games[0].ledger)).encode())
    digest.update(save_text(games[0]).encode())
    result = games[0].result()
    assert result == games[1].result()
    digest.update(json.dumps(plain(result)).encode())
    return digest.hexdigest()[:16]


def digests_of(name: str) -> list[str]:
    from game.scenario.loader import load_scenario

    _name, path, seeds, how, history = next(c for c in CASES if c[0] == name)
    loaded = load_scenario(path)
    return [play_and_digest(loaded, seed, how, history) for seed in range(seeds)]


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_the_golden_games_play_as_recorded(name):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    found = digests_of(name)
    differ = [seed for seed, (a, b) in enumerate(zip(found, expected, strict=True)) if a != b]
    assert not differ, f"{name}: seeds {differ[:10]} play differently ({len(differ)} in all)"


def main() -> None:
    from game.i18n import set_language

    set_language("en")  # the ledger's labels, as the tests read them
    data = {name: digests_of(name) for name, *_rest in CASES}
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}: {sum(len(v) for v in data.values())} games")


if __name__ == "__main__":
    main()
