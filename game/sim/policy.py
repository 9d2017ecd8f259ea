"""`simulate --policy DELEGATION=module:function`: batch games with a delegation played by your
own function, the other delegations by their AI.

The function is a `game.api.Policy`:

    def decide(observation, legal, rng):
        '''observation: game.api.Observation (what the delegation may know);
        legal: game.api.Options (what it may do under its capital);
        rng: random.Random, seeded from the game's seed and the delegation.'''
        return {"jp_tw_dialogue": "push"}    # measures left out are held

`module` is a file (`examples/custom_policy.py`, `policies/mine.py`) or an importable module
name (`mypackage.policies`, looked for in the current folder first). Game i of a run plays seed
S + i; the policy's `rng` is `game.api.policy_rng(S + i, delegation)`, so a run's results depend
on (scenario, runs, seed, profiles, policies) only, never on `--jobs`.

Every mistake is said in one sentence, with the delegation, the turn and the game's seed when
it happens during play: a file or module not found, a name that is not a function, an
exception inside the function (with where it happened), a return value that is not a dict of
decisions, and a decision that is not legal (the engine's reason). Never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import math
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from game.i18n import _, current, listing, set_language
from game.scenario.loader import LoadedScenario

if TYPE_CHECKING:
    import random

    from game.engine.game import Game
    from game.sim.statistics import GameRow, Summary

PolicyFunction = Callable[..., Any]


class PolicyError(Exception):
    """A policy that cannot be loaded or that misbehaved; its message is for people."""


class PolicySpec(NamedTuple):
    """One `DELEGATION=module:function` from the command line."""

    delegation: str
    target: str  # module:function, as given

    def __str__(self) -> str:
        return f"{self.delegation}={self.target}"


# --- the command line -------------------------------------------------------------------------


def parse_spec(text: str) -> PolicySpec:
    """`DELEGATION=module:function` as a PolicySpec; raises PolicyError saying what is wrong."""
    delegation, equals, target = text.partition("=")
    delegation, target = delegation.strip(), target.strip()
    module, colon, function = target.rpartition(":")
    if not equals or not delegation or not colon or not module.strip() or not function.strip():
        raise PolicyError(
            _(
                "{text} is not DELEGATION=module:function (for example "
                "japan=examples/custom_policy.py:decide or japan=mypolicies:decide)"
            ).format(text=repr(text))
        )
    return PolicySpec(delegation, f"{module.strip()}:{function.strip()}")


def policy_argument(text: str) -> PolicySpec:
    """An argparse `type` for `--policy`."""
    try:
        return parse_spec(text)
    except PolicyError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


policy_argument.__name__ = "policy"


def add_policy_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--policy",
        metavar="DELEGATION=module:function",
        type=policy_argument,
        action="append",
        help=_(
            "play DELEGATION with your own function (repeat for more delegations; the others "
            "are played by their AI): module is a .py file or an importable module, function "
            "takes (observation, legal, rng) and returns {measure: push/hold/oppose}; see "
            "docs/api.md"
        ),
    )


# --- loading a policy -------------------------------------------------------------------------


def _where(err: BaseException, skip: str = "") -> str:
    """' (file.py, line N)' for the innermost frame of `err` outside `skip`, or ''."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if not skip or f.filename != skip]
    if isinstance(err, SyntaxError) and err.filename:
        return _(" ({file}, line {line})").format(file=err.filename, line=err.lineno)
    if not frames:
        return ""
    last = frames[-1]
    return _(" ({file}, line {line})").format(file=last.filename, line=last.lineno)


def _described(err: BaseException) -> str:
    text = str(err)
    if isinstance(err, SyntaxError):
        text = err.msg
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _import_file(path: Path, target: str) -> Any:
    if not path.is_file():
        raise PolicyError(_("policy {target}: no file {path}").format(target=target, path=path))
    name = f"_trilateral_policy_{abs(hash(str(path.resolve())))}"
    found = sys.modules.get(name)
    if found is not None:
        return found
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PolicyError(
            _("policy {target}: {path} cannot be imported as Python (use a .py file)").format(
                target=target, path=path
            )
        )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except Exception as err:
        del sys.modules[name]
        raise PolicyError(_import_failed(target, path, err)) from None
    return module


def _import_module(name: str, target: str) -> Any:
    cwd = os.getcwd()
    added = cwd not in sys.path
    if added:
        sys.path.insert(0, cwd)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name and (name == err.name or name.startswith(err.name + ".")):
            raise PolicyError(
                _(
                    "policy {target}: no module named {module} (looked in the current folder "
                    "and the installed packages); give a file instead, such as "
                    "my_policy.py:decide"
                ).format(target=target, module=repr(err.name))
            ) from None
        raise PolicyError(_import_failed(target, name, err)) from None
    except Exception as err:
        raise PolicyError(_import_failed(target, name, err)) from None
    finally:
        if added:
            sys.path.remove(cwd)


def _import_failed(target: str, module: object, err: BaseException) -> str:
    return _("policy {target}: importing {module} failed: {error}{where}").format(
        target=target, module=module, error=_described(err), where=_where(err)
    )


def load_policy(target: str) -> PolicyFunction:
    """The function `module:function` names. Raises PolicyError (not found, not a function)."""
    module_text, _colon, function = target.rpartition(":")
    is_file = module_text.endswith(".py") or "/" in module_text or os.sep in module_text
    if is_file:
        module = _import_file(Path(module_text), target)
    else:
        module = _import_module(module_text, target)
    if not hasattr(module, function):
        names = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_"))
        if names:
            message = _(
                "policy {target}: {module} has no function {function}; it has {names}"
            ).format(
                target=target, module=module_text, function=repr(function), names=listing(names)
            )
        else:
            message = _("policy {target}: {module} has no function {function}").format(
                target=target, module=module_text, function=repr(function)
            )
        raise PolicyError(message)
    found = getattr(module, function)
    if not callable(found):
        raise PolicyError(
            _("policy {target}: {function} is not a function (it is {kind})").format(
                target=target, function=function, kind=type(found).__name__
            )
        )
    policy: PolicyFunction = found  # a callable, as just checked
    return policy


def load_policies(specs: Sequence[PolicySpec], loaded: LoadedScenario) -> dict[str, str]:
    """The policies of `specs` checked against the scenario and imported once (so every
    mistake is said before any game is played): delegation -> module:function. Raises
    PolicyError."""
    delegations = list(loaded.scenario.delegations())
    chosen: dict[str, str] = {}
    for spec in specs:
        if spec.delegation not in delegations:
            raise PolicyError(
                _(
                    "policy {policy}: {scenario} has no delegation {delegation}; expected one "
                    "of {expected}"
                ).format(
                    policy=spec,
                    scenario=loaded.scenario.title,
                    delegation=repr(spec.delegation),
                    expected=listing(delegations),
                )
            )
        if spec.delegation in chosen:
            raise PolicyError(
                _("--policy names {delegation} twice; give each one policy").format(
                    delegation=spec.delegation
                )
            )
        load_policy(spec.target)
        chosen[spec.delegation] = spec.target
    return chosen


# --- playing ----------------------------------------------------------------------------------


def decide(
    game: Game, delegation: str, policy: PolicyFunction, target: str, rng: random.Random
) -> Mapping[str, str]:
    """Ask `policy` for `delegation`'s decisions this turn and check them; raises PolicyError
    naming the policy, delegation, turn and seed when it raises, returns something other than
    a dict of decisions, or decides what is not legal."""
    from game import api
    from game.engine.game import IllegalDecision

    where = _("policy {target} playing {delegation}, turn {turn} of the game with seed {seed}")
    where = where.format(target=target, delegation=delegation, turn=game.state.turn, seed=game.seed)
    try:
        decisions = policy(api.observe(game, delegation), game.options(delegation), rng)
    except Exception as err:
        raise PolicyError(
            _("{where}: the function raised {error}{location}").format(
                where=where, error=_described(err), location=_where(err, __file__)
            )
        ) from None
    if not isinstance(decisions, Mapping):
        raise PolicyError(
            _(
                "{where}: returned {kind} {value}; expected a dict of measure id -> push, hold "
                "or oppose"
            ).format(where=where, kind=type(decisions).__name__, value=f"{decisions!r:.80}")
        )
    bad_key = next((k for k in decisions if not isinstance(k, str)), None)
    if bad_key is not None:
        raise PolicyError(
            _("{where}: returned a measure id {key} that is not text").format(
                where=where, key=repr(bad_key)
            )
        )
    try:
        return game.check(delegation, decisions)
    except IllegalDecision as err:
        raise PolicyError(
            _("{where}: an illegal decision: {reason}").format(where=where, reason=err)
        ) from None


def play_policy_game(
    loaded: LoadedScenario,
    seed: int,
    policies: Mapping[str, str],
    profiles: Mapping[str, str] | None = None,
    history: bool = False,
) -> Any:
    """One game: the delegations of `policies` (delegation -> module:function) played by their
    functions, the others by their AI under `profiles`; returns the finished Game."""
    from game import api
    from game.engine.game import Game

    functions = {d: load_policy(t) for d, t in policies.items()}
    game = Game(loaded, seed, frozenset(policies), profiles, history=history)
    rngs = {d: api.policy_rng(seed, d) for d in policies}
    order = [d for d in game.book.delegation_ids if d in functions]
    while not game.over:
        for d in order:
            game.submit(d, decide(game, d, functions[d], policies[d], rngs[d]))
        game.resolve_turn()
    return game


def play_range(
    loaded: LoadedScenario,
    seed: int,
    indices: Sequence[int] | range,
    combos: Sequence[Mapping[str, str]],
    policies: Mapping[str, str],
    history: bool = False,
) -> list[GameRow]:
    """Games `indices` of a run as montecarlo GameRows (strategy `policy`)."""
    from game.sim.montecarlo import game_row

    rows: list[GameRow] = []
    for i in indices:
        game = play_policy_game(loaded, seed + i, policies, combos[i % len(combos)], history)
        rows.append(game_row(game, i, STRATEGY))
    return rows


STRATEGY = "policy"  # the strategy column of games.csv for games with policies


# A worker's task: (scenario file, content hash, seed, start, stop, profile combinations,
# policies, history, language).
_Chunk = tuple[str, str, int, int, int, list[Mapping[str, str]], dict[str, str], bool, str]


def _play_chunk(args: _Chunk) -> list[GameRow]:
    """Worker: games [start, stop) of a run (top level, so processes can run it)."""
    from game.sim.montecarlo import _worker_scenario

    path, content_hash, seed, start, stop, combos, policies, history, language = args
    set_language(language)  # a policy's mistake is said in the run's language
    loaded = _worker_scenario(path, content_hash)
    return play_range(loaded, seed, range(start, stop), combos, policies, history)


def run(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    jobs: int,
    combos: Sequence[Mapping[str, str]],
    policies: Mapping[str, str],
    progress: Callable[[int, int], None] | None = None,
    history: bool = False,
) -> Summary:
    """Play `runs` games with `policies` and summarise them (a montecarlo Summary)."""
    from concurrent.futures import ProcessPoolExecutor

    from game.sim import montecarlo, statistics

    jobs = max(1, min(jobs, os.cpu_count() or 1, runs))
    chunk = max(20, math.ceil(runs / (jobs * 32)))
    bounds = [(start, min(runs, start + chunk)) for start in range(0, runs, chunk)]
    rows: list[GameRow] = []
    if jobs == 1:
        for start, stop in bounds:
            rows.extend(play_range(loaded, seed, range(start, stop), combos, policies, history))
            if progress:
                progress(stop, runs)
    else:
        tasks = [
            (
                loaded.file,
                loaded.content_hash,
                seed,
                a,
                b,
                list(combos),
                dict(policies),
                history,
                current(),
            )
            for a, b in bounds
        ]
        context = montecarlo._context()
        if context.get_start_method() == "fork":
            montecarlo._WORKER_CACHE[loaded.file] = loaded
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for part in pool.map(_play_chunk, tasks):
                rows.extend(part)
                if progress:
                    progress(len(rows), runs)
    rows.sort(key=lambda r: r.index)
    return statistics.summarise(loaded, rows, seed, STRATEGY)


def simulate(
    args: argparse.Namespace, loaded: LoadedScenario, combos: list[dict[str, str]], jobs: int
) -> int:
    """`simulate --policy ...`: check the policies, play the games, print the summary and
    write `--out`. Every mistake is one sentence on stderr: exit 2 for arguments that do not
    go together, 1 for a policy that cannot be loaded or misbehaves."""
    import time

    from game.sim.command import _write_out, format_summary
    from game.sim.montecarlo import ProgressBar, write_results

    for flag, given in (("--strategy", args.strategy), ("--vary", args.vary)):
        if given:
            print(
                _(
                    "trilateral simulate: argument --policy: cannot be combined with {option}; "
                    "the delegations without a policy are played by their AI"
                ).format(option=flag),
                file=sys.stderr,
            )
            return 2
    try:
        policies = load_policies(args.policy, loaded)
    except PolicyError as err:
        print(err, file=sys.stderr)
        return 1
    fixed = {part.partition("=")[0].strip() for part in (args.profiles or "").split(",")}
    both = sorted(fixed & set(policies))
    if both:
        print(
            _(
                "trilateral simulate: argument --profiles: {delegation} is played by a policy, "
                "not by its AI; leave it out of --profiles"
            ).format(delegation=both[0]),
            file=sys.stderr,
        )
        return 2
    # AI profiles only matter for the delegations the AI plays: each combination of theirs once
    distinct = list(
        {tuple((d, p) for d, p in combo.items() if d not in policies): None for combo in combos}
    )
    combos = [dict(c) for c in distinct]
    start = time.perf_counter()
    try:
        summary = run(
            loaded,
            args.runs,
            args.seed,
            jobs,
            combos,
            policies,
            progress=ProgressBar(),
            history=args.history,
        )
    except PolicyError as err:
        print(f"\n{err}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    played = listing(
        _("{delegation} by {policy}").format(delegation=d, policy=t) for d, t in policies.items()
    )
    print(
        _("Played by policies: {played}; the other delegations by their AI.").format(played=played)
    )
    print(format_summary(summary, loaded, len(combos), jobs, elapsed, ai_only=False))
    return _write_out(args.out, lambda out: write_results(summary, loaded, out))
