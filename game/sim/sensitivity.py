"""Which assumptions decide how a scenario's games come out: Morris screening and Sobol indices.

    result = analyse(loaded, method="morris", samples=20, seed=0, jobs=2)
    result.ranking("shared_score")[:5]          # the five inputs that matter most

The inputs are the scenario's uncertain numbers (`game.sim.uncertain`), each over its range.
A *point* gives every input a value; at each point the same `games` games are played (seeds
seed, seed+1, ... under AI play with each delegation's default profile, or `--profiles`, or a
fixed team strategy), on a copy of the scenario with those values (`scenario_with`), and the
outputs are their means: the shared score, the crisis rate, the final tension and each
delegation's own score. Playing the same seeds at every point (common random numbers) keeps
the noise of the dice out of the differences between points.

SALib builds the designs and computes the indices (never estimators of our own):

- **Morris** (`SALib.sample.morris`, `SALib.analyze.morris`): `samples` trajectories of
  k + 1 points each, over 4 levels. For each input, μ* is the mean absolute change in an
  output when the input moves across its range (the elementary effects are divided by the
  step, so μ* is in the output's units per whole range); σ says how much that change depends
  on the other inputs (interactions, thresholds). A screen: it ranks every input cheaply.
- **Sobol** (`SALib.sample.sobol`, `SALib.analyze.sobol`, first and total order): N·(k + 2)
  points over the inputs that matter (the top ones of a Morris screen); the others are held
  at the middle of their ranges. S1 is the share of the output's variance an input explains
  alone, ST the share it explains with all its interactions, each with a 95 % bootstrap
  confidence interval.

Determinism: the design is drawn from `seed`, every point's games use the same seeds, and a
point's outputs are computed inside one task, in game order. Points are sent out in chunks
to local processes (`jobs`) or a Dask cluster (`cluster`), and each chunk's results are put
back in place, so the indices are the same to the last digit whatever runs them.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Required, TypedDict

import numpy as np

from game.i18n import _
from game.scenario.loader import LoadedScenario
from game.sim.strategies import AI
from game.sim.uncertain import (
    UncertainInput,
    all_inputs,
    label,
    scenario_with,
    uncertain_inputs,
)

MORRIS, SOBOL = "morris", "sobol"
METHODS = (MORRIS, SOBOL)
LEVELS = 4  # Morris grid levels (SALib's default)
RESAMPLES = 100  # bootstrap resamples for the confidence intervals
CONFIDENCE = 0.95
DEFAULT_GAMES = 8  # games per point
DEFAULT_TRAJECTORIES = 20  # Morris
DEFAULT_SOBOL_SAMPLES = 256  # Sobol's N (a power of two)
DEFAULT_TOP = 10  # inputs a Sobol analysis takes from the screen
SCREEN_TRAJECTORIES = 10  # the Morris screen played before a Sobol analysis
FORMAT = "trilateral-sensitivity/1"
MAIN_OUTPUT = "shared_score"

Progress = Callable[[int, int], None]


class SensitivityError(Exception):
    """Something that stops an analysis, said in one sentence (a cluster that cannot be
    reached, a saved run that does not fit)."""


# --- what a point plays ----------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to play points: shipped once to every worker."""

    file: str
    text: str  # the scenario file's text: workers load it themselves (no shared disk needed)
    content_hash: str
    names: tuple[str, ...]  # the inputs of the design, in the columns' order
    fixed: tuple[tuple[str, float], ...]  # the other inputs, at the values they are held
    games: int
    seed: int
    strategy: str = AI
    profiles: tuple[tuple[str, str], ...] = ()
    history: bool = False


def output_ids(loaded: LoadedScenario) -> tuple[str, ...]:
    return (
        "shared_score",
        "crisis_rate",
        "final_tension",
        *(f"score.{a}" for a in loaded.scenario.delegations()),
    )


def output_label(loaded: LoadedScenario, output: str) -> str:
    if output == "shared_score":
        return "Shared score"
    if output == "crisis_rate":
        return "Crisis rate"
    if output == "final_tension":
        return "Final tension"
    actor = output.removeprefix("score.")
    delegations = loaded.scenario.delegations()
    return f"{delegations[actor].title} score" if actor in delegations else output


_WORKER_SCENARIOS: dict[str, LoadedScenario] = {}


def _plan_scenario(plan: Plan) -> LoadedScenario:
    """The plan's scenario, loaded once per worker process."""
    loaded = _WORKER_SCENARIOS.get(plan.content_hash)
    if loaded is None:
        from game.scenario.loader import load_scenario_text

        loaded = load_scenario_text(plan.text, plan.file)
        if loaded.content_hash != plan.content_hash:
            raise SensitivityError(
                _("{file} is not the scenario the analysis started with").format(file=plan.file)
            )
        _WORKER_SCENARIOS[plan.content_hash] = loaded
    return loaded


def play_point(loaded: LoadedScenario, plan: Plan, values: Mapping[str, float]) -> list[float]:
    """The outputs at one point: the means over the plan's games of the shared score, crisis
    (0 or 1), final tension and each delegation's own score."""
    from game.engine.game import Game
    from game.sim.strategies import play_strategy_game

    variant = scenario_with(loaded, values)
    delegations = list(loaded.scenario.delegations())
    profiles = dict(plan.profiles)
    shared = crisis = tension = 0.0
    own = [0.0] * len(delegations)
    for g in range(plan.games):
        seed = plan.seed + g
        if plan.strategy == AI:
            game = Game(variant, seed, (), profiles, record=False, history=plan.history)
            while not game.state.over:
                game.resolve_turn()
        else:
            game = play_strategy_game(variant, seed, plan.strategy, history=plan.history)
        result = game.result()
        shared += result.shared.score
        crisis += 1.0 if result.crisis else 0.0
        tension += game.state.values["tension"]
        for i, actor in enumerate(delegations):
            own[i] += result.delegations[actor].score
    n = plan.games
    return [shared / n, crisis / n, tension / n, *(x / n for x in own)]


def evaluate_rows(plan: Plan, rows: list[list[float]]) -> list[list[float]]:
    """Worker: the outputs of each point (a row of the design's values, in `plan.names`
    order). A top-level function, so processes and Dask workers can run it."""
    loaded = _plan_scenario(plan)
    # Every other range of the file at its middle (injects that never fire in these games,
    # Sobol's inputs held): a game of a variant with no range left draws nothing, so its
    # games share one table of amounts instead of building their own.
    fixed = {i.id: i.baseline for i in all_inputs(loaded) if i.ranged}
    fixed.update(plan.fixed)
    found = []
    for row in rows:
        values = dict(fixed)
        values.update(zip(plan.names, row, strict=True))
        found.append(play_point(loaded, plan, values))
    return found


def _chunks(n: int, workers: int) -> list[tuple[int, int]]:
    """[start, stop) of each chunk of points: about 16 per worker, so none sits idle long at
    the end, and at most 64 points each, so progress and a lost worker cost little."""
    size = max(1, min(64, math.ceil(n / (workers * 16))))
    return [(a, min(n, a + size)) for a in range(0, n, size)]


def evaluate(
    plan: Plan,
    design: np.ndarray,
    jobs: int = 1,
    cluster: str | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, int]:
    """The outputs at every row of `design` (points x inputs), played in this process, on
    `jobs` local processes or on the Dask cluster at `cluster`; returns them (points x
    outputs) and the number of workers used."""
    rows = design.tolist()
    n = len(rows)
    if cluster is not None:
        return _evaluate_on_cluster(plan, rows, cluster, progress)
    jobs = max(1, min(jobs, os.cpu_count() or 1, n))
    bounds = _chunks(n, jobs)
    results: list[list[float] | None] = [None] * n
    done = 0
    if jobs == 1:
        for a, b in bounds:
            results[a:b] = evaluate_rows(plan, rows[a:b])
            done += b - a
            if progress:
                progress(done, n)
        return np.array(results, dtype=float), 1
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from game.sim.montecarlo import _context

    context = _context()
    if context.get_start_method() == "fork":  # forked workers inherit the loaded scenario
        _plan_scenario(plan)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(evaluate_rows, plan, rows[a:b]): (a, b) for a, b in bounds}
        for future in as_completed(futures):
            a, b = futures[future]
            results[a:b] = future.result()
            done += b - a
            if progress:
                progress(done, n)
    return np.array(results, dtype=float), jobs


def _evaluate_on_cluster(
    plan: Plan, rows: list[list[float]], address: str, progress: Progress | None
) -> tuple[np.ndarray, int]:
    """Play the points on a Dask distributed cluster: the plan (scenario text included) is
    scattered to every worker once, the points go out in chunks, results stream back as they
    finish and are put in place. The scheduler recomputes the chunks of a worker lost
    mid-run (and each chunk may be retried twice if a worker dies while running it)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise SensitivityError(
            _(
                "--cluster needs Dask distributed, which is not installed; install it with "
                'pip install -e ".[cluster]" (or pip install "dask[distributed]")'
            )
        ) from None
    _check_reachable(address)
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise SensitivityError(
            _(
                "cannot reach a Dask scheduler at {address}: {reason}; start one with `dask "
                "scheduler` and workers with `dask worker ADDRESS` (see the README)"
            ).format(address=address, reason=err)
        ) from None
    try:
        workers = client.scheduler_info().get("workers", {})
        threads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
        n = len(rows)
        shipped = client.scatter(plan, broadcast=True, hash=False)
        bounds = _chunks(n, threads)
        futures = []
        where = {}
        for a, b in bounds:
            future = client.submit(evaluate_rows, shipped, rows[a:b], pure=False, retries=2)
            where[future.key] = (a, b)
            futures.append(future)
        results: list[list[float] | None] = [None] * n
        done = 0
        for future in as_completed(futures, loop=client.loop):
            a, b = where[future.key]
            try:
                results[a:b] = future.result()
            except SensitivityError:
                raise
            except Exception as err:  # a chunk that failed on its worker, retries and all
                raise SensitivityError(
                    _("a chunk of points failed on the cluster at {address}: {reason}").format(
                        address=address, reason=err
                    )
                ) from None
            done += b - a
            if progress:
                progress(done, n)
        return np.array(results, dtype=float), max(1, len(workers))
    finally:
        client.close()


def _check_reachable(address: str, timeout: float = 10.0) -> None:
    """Raise SensitivityError, at once and in one sentence, for an address Dask cannot use or
    (over TCP) a scheduler that does not answer: a Client that fails to connect leaves a
    traceback behind when it is collected, so it is only made for a scheduler that answers."""
    import socket

    from distributed.comm.addressing import get_address_host_port, parse_address

    try:
        scheme, _location = parse_address(address)
        host, port = get_address_host_port(address)
    except (ValueError, TypeError) as err:
        raise SensitivityError(
            _(
                "--cluster {address} is not a scheduler address ({reason}); expected e.g. "
                "tcp://10.0.0.5:8786"
            ).format(address=repr(address), reason=err)
        ) from None
    if scheme not in ("tcp", "tls"):
        return
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as err:
        raise SensitivityError(
            _(
                "cannot reach a Dask scheduler at {address} ({reason}); start one with `dask "
                "scheduler` and workers with `dask worker ADDRESS` (see the README)"
            ).format(address=address, reason=err.strerror or err)
        ) from None


# --- the analysis ----------------------------------------------------------------------------


class Screen(TypedDict, total=False):
    """How a Sobol analysis chose its inputs: given, or by a Morris screen (its size)."""

    by: Required[str]  # "inputs given" or "morris screen"
    trajectories: int
    games: int
    points: int
    seconds: float
    top: int


@dataclass
class Result:
    """A finished analysis: its settings, its inputs and, per output, the indices of each."""

    method: str
    scenario_id: str
    scenario_title: str
    scenario_file: str
    scenario_hash: str
    seed: int
    samples: int  # Morris trajectories, or Sobol's N
    games: int  # games per point
    strategy: str
    profiles: dict[str, str]
    history: bool
    inputs: list[UncertainInput]  # the inputs of the design, in its column order
    labels: dict[str, str]  # input id -> plain-language name
    outputs: list[str]
    output_labels: dict[str, str]
    # output -> index name -> one value per input (mu_star, mu_star_conf, sigma, mu; or
    # S1, S1_conf, ST, ST_conf)
    indices: dict[str, dict[str, list[float]]]
    points: int
    seconds: float = 0.0
    workers: int = 1
    where: str = "this process"
    held: list[UncertainInput] = field(default_factory=list)  # Sobol: held at the middle
    screen: Screen | None = None  # Sobol: how its inputs were chosen

    @property
    def main_index(self) -> str:
        return "mu_star" if self.method == MORRIS else "ST"

    def ranking(self, output: str = MAIN_OUTPUT) -> list[tuple[UncertainInput, float]]:
        """The inputs from the one that matters most for `output` down (μ* for Morris, ST for
        Sobol; an index SALib could not compute counts as 0; ties keep the file's order)."""
        values = self.indices[output][self.main_index]
        pairs = [(i, _finite(v)) for i, v in zip(self.inputs, values, strict=True)]
        return sorted(pairs, key=lambda p: -p[1])

    def index_of(self, output: str, name: str, input_id: str) -> float:
        position = [i.id for i in self.inputs].index(input_id)
        return self.indices[output][name][position]


def _finite(x: float) -> float:
    return x if isinstance(x, float | int) and math.isfinite(x) else 0.0


def problem(inputs: Sequence[UncertainInput]) -> dict[str, Any]:
    """SALib's problem definition."""
    return {
        "num_vars": len(inputs),
        "names": [i.id for i in inputs],
        "bounds": [[i.low, i.high] for i in inputs],
    }


def morris_design(inputs: Sequence[UncertainInput], trajectories: int, seed: int) -> np.ndarray:
    from SALib.sample import morris

    design: np.ndarray = morris.sample(problem(inputs), trajectories, num_levels=LEVELS, seed=seed)
    return design


def sobol_design(inputs: Sequence[UncertainInput], samples: int, seed: int) -> np.ndarray:
    from SALib.sample import sobol

    design: np.ndarray = sobol.sample(problem(inputs), samples, calc_second_order=False, seed=seed)
    return design


def morris_indices(
    inputs: Sequence[UncertainInput], design: np.ndarray, y: np.ndarray, seed: int
) -> dict[str, list[float]]:
    """μ*, its confidence interval's half-width, σ and μ of one output (SALib)."""
    from SALib.analyze import morris

    found = morris.analyze(
        problem(inputs),
        design,
        y,
        num_resamples=RESAMPLES,
        conf_level=CONFIDENCE,
        num_levels=LEVELS,
        seed=seed,
    )
    return {k: [float(v) for v in found[k]] for k in ("mu_star", "mu_star_conf", "sigma", "mu")}


def sobol_indices(
    inputs: Sequence[UncertainInput], y: np.ndarray, seed: int
) -> dict[str, list[float]]:
    """S1 and ST with their confidence intervals' half-widths, for one output (SALib). An
    output that never varies has no variance to share out: its indices are NaN."""
    import warnings

    from SALib.analyze import sobol

    if np.ptp(y) == 0:
        nan = [math.nan] * len(inputs)
        return {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        found = sobol.analyze(
            problem(inputs),
            y,
            calc_second_order=False,
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            seed=seed,
        )
    return {k: [float(v) for v in found[k]] for k in ("S1", "S1_conf", "ST", "ST_conf")}


def read_text(loaded: LoadedScenario) -> str:
    """The scenario file's text, as the workers load it (checked against its hash there)."""
    from game.reading import read_bytes
    from game.scenario.yaml_source import MAX_BYTES, decode

    return decode(read_bytes(loaded.file, MAX_BYTES, "scenario file"), loaded.file)


def analyse(
    loaded: LoadedScenario,
    method: str = MORRIS,
    samples: int | None = None,
    seed: int = 0,
    *,
    games: int = DEFAULT_GAMES,
    strategy: str = AI,
    profiles: Mapping[str, str] | None = None,
    history: bool = False,
    jobs: int = 1,
    cluster: str | None = None,
    progress: Progress | None = None,
    top: int = DEFAULT_TOP,
    screen: Result | None = None,
    inputs: Sequence[UncertainInput] | None = None,
    text: str | None = None,
) -> Result:
    """Run a sensitivity analysis of `loaded` (see the module's docstring). For Sobol, the
    inputs are `inputs` if given, else the `top` of the Morris `screen` (played now, with
    SCREEN_TRAJECTORIES trajectories, when not given)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    start = time.perf_counter()
    every = uncertain_inputs(loaded, history)
    text = read_text(loaded) if text is None else text
    chosen_how: Screen | None = None
    if method == MORRIS:
        chosen = list(inputs) if inputs is not None else every
        samples = samples or DEFAULT_TRAJECTORIES
    else:
        samples = samples or DEFAULT_SOBOL_SAMPLES
        if inputs is not None:
            chosen = list(inputs)
            chosen_how = {"by": "inputs given"}
        else:
            if screen is None:
                screen = analyse(
                    loaded,
                    MORRIS,
                    SCREEN_TRAJECTORIES,
                    seed,
                    games=games,
                    strategy=strategy,
                    profiles=profiles,
                    history=history,
                    jobs=jobs,
                    cluster=cluster,
                    progress=progress,
                    text=text,
                )
            by_id = {i.id: i for i in every}
            chosen = [by_id[i.id] for i, _ in screen.ranking()[:top] if i.id in by_id]
            chosen_how = {
                "by": "morris screen",
                "trajectories": screen.samples,
                "games": screen.games,
                "points": screen.points,
                "seconds": screen.seconds,
                "top": top,
            }
    names = tuple(i.id for i in chosen)
    held = [i for i in every if i.id not in set(names)]
    plan = Plan(
        loaded.file,
        text,
        loaded.content_hash,
        names,
        tuple((i.id, i.baseline) for i in held) if method == SOBOL else (),
        games,
        seed,
        strategy,
        tuple(sorted((profiles or {}).items())),
        history,
    )
    if method == MORRIS:
        design = morris_design(chosen, samples, seed)
    else:
        design = sobol_design(chosen, samples, seed)
    y, workers = evaluate(plan, design, jobs, cluster, progress)
    outputs = list(output_ids(loaded))
    indices = {}
    for j, output in enumerate(outputs):
        column = np.ascontiguousarray(y[:, j])
        if method == MORRIS:
            indices[output] = morris_indices(chosen, design, column, seed)
        else:
            indices[output] = sobol_indices(chosen, column, seed)
    s = loaded.scenario
    return Result(
        method,
        s.id,
        s.title,
        loaded.file,
        loaded.content_hash,
        seed,
        samples,
        games,
        strategy,
        dict(profiles or {}),
        history,
        list(chosen),
        {i.id: label(loaded, i) for i in every},
        outputs,
        {o: output_label(loaded, o) for o in outputs},
        indices,
        len(design),
        time.perf_counter() - start,
        workers,
        f"Dask cluster at {cluster}" if cluster else "local processes",
        held if method == SOBOL else [],
        chosen_how,
    )


# --- saved runs ------------------------------------------------------------------------------


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def result_json(result: Result) -> dict[str, Any]:
    """The whole result as JSON data (NaN written as null)."""
    inputs = []
    for n, item in enumerate(result.inputs):
        entry = {k: v for k, v in asdict(item).items() if k != "path"}
        entry["label"] = result.labels.get(item.id, item.id)
        entry["indices"] = {
            o: {k: _number(v[n]) for k, v in result.indices[o].items()} for o in result.outputs
        }
        inputs.append(entry)
    return {
        "format": FORMAT,
        "method": result.method,
        "scenario": result.scenario_id,
        "scenario_title": result.scenario_title,
        "scenario_file": result.scenario_file,
        "scenario_hash": result.scenario_hash,
        "seed": result.seed,
        "samples": result.samples,
        "games_per_point": result.games,
        "strategy": result.strategy,
        "profiles": result.profiles,
        "history": result.history,
        "points": result.points,
        "games": result.points * result.games,
        "seconds": round(result.seconds, 3),
        "workers": result.workers,
        "where": result.where,
        "outputs": [{"id": o, "label": result.output_labels[o]} for o in result.outputs],
        "ranking": [i.id for i, _ in result.ranking()],
        "inputs": inputs,
        "held": [
            {"id": i.id, "label": result.labels.get(i.id, i.id), "value": i.baseline}
            for i in result.held
        ],
        "screen": result.screen,
    }


def result_from_json(data: object, where: str = "sensitivity.json") -> Result:
    """A saved result read back; raises SensitivityError when `data` is not one."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SensitivityError(
                _('{file}: not a saved sensitivity run (expected "format": "{format}")').format(
                    file=where, format=FORMAT
                )
            )
        inputs = []
        labels = {}
        outputs = [o["id"] for o in data["outputs"]]
        indices: dict[str, dict[str, list[float]]] = {o: {} for o in outputs}
        for entry in data["inputs"]:
            item = UncertainInput(
                str(entry["id"]),
                str(entry["kind"]),
                str(entry["owner"]),
                str(entry["indicator"]),
                float(entry["low"]),
                float(entry["high"]),
                float(entry["baseline"]),
                bool(entry["ranged"]),
                entry.get("source"),
                entry.get("confidence"),
                (),
                int(entry.get("line", 0)),
            )
            inputs.append(item)
            labels[item.id] = str(entry.get("label", item.id))
            for o in outputs:
                for k, v in entry["indices"][o].items():
                    indices[o].setdefault(k, []).append(math.nan if v is None else float(v))
        for h in data.get("held", []):
            labels.setdefault(h["id"], h.get("label", h["id"]))
        return Result(
            str(data["method"]),
            str(data["scenario"]),
            str(data["scenario_title"]),
            str(data["scenario_file"]),
            str(data["scenario_hash"]),
            int(data["seed"]),
            int(data["samples"]),
            int(data["games_per_point"]),
            str(data["strategy"]),
            dict(data["profiles"]),
            bool(data["history"]),
            inputs,
            labels,
            outputs,
            {o["id"]: o["label"] for o in data["outputs"]},
            indices,
            int(data["points"]),
            float(data.get("seconds", 0.0)),
            int(data.get("workers", 1)),
            str(data.get("where", "")),
            [],
            data.get("screen"),
        )
    except SensitivityError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SensitivityError(
            _("{file}: not a saved sensitivity run ({what} is wrong or missing)").format(
                file=where, what=repr(err)
            )
        ) from None


JSON_NAME = "sensitivity.json"


def load_result(path: str) -> Result:
    """A saved run: `sensitivity.json`, or a folder `--out` wrote it into. Raises
    SensitivityError when it cannot be read or is not one."""
    import json
    from pathlib import Path

    from game.reading import FileReadError, read_bytes

    file = Path(path)
    if file.is_dir():
        file = file / JSON_NAME
    try:
        raw = read_bytes(file, 50_000_000, "sensitivity run")
    except FileReadError as err:
        raise SensitivityError(str(err)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SensitivityError(
            _("{file}: not a saved sensitivity run (not JSON: {reason})").format(
                file=file, reason=err
            )
        ) from None
    return result_from_json(data, str(file))


def needs_better_source(item: UncertainInput) -> bool:
    """Whether an input rests on weak ground: low confidence, design judgement, no source, or a
    default range the scenario does not give."""
    return not item.ranged or item.confidence in (None, "low") or item.source in (None, "design")
