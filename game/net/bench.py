"""`python -m game.net.bench`: how fast a class on devices hears of a decision, under load.

On the loopback interface only: `python main.py serve` runs in a process of its own (with a
throwaway TRILATERAL_HOME, so nothing is written among the user's saves), and this process
connects many devices to it (by default 20 per delegation, 60 in all) as asyncio WebSocket
clients. They play the game to its end (or `--turns N`): each turn, one device per delegation,
in a random order, makes a few random choices and submits, while every other device watches.

For every submit it measures, from sending it:
  own    -- until the submitting device has its own view with `submitted` true;
  others -- until each other device (that delegation's others and every other delegation's)
            has a game view showing that delegation decided (`delegations[i].decided`, what
            the projector shows; for the turn's last submit, the reveal of that turn).
and reports p50, p99 and the largest in milliseconds, with the number of samples, and the
server process's CPU time (user + system, from /proc/PID/stat) and peak resident memory
(VmHWM, from /proc/PID/status). `--json` prints the same as one JSON object.

Every wait is bounded (`--timeout` seconds); a device that never hears of a decision is
counted in `missed` (and the run ends in error), so a lost message cannot hide in the figures.
Linux only (it reads /proc). The server saves its game in a folder under TMPDIR, and it
writes (and fsyncs) its files before it tells the devices of a submit or a reveal: on a busy
disk that wait is most of the time measured; `TMPDIR=/dev/shm` measures without it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import websockets

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"^([A-Za-z0-9_.-]+): http://127\.0\.0\.1:(\d+)/#([A-Za-z0-9_-]+)$")
MAX_DEVICES_PER_DELEGATION = 60  # the server's own limit (game.net.server.MAX_PER_DELEGATION)
MAX_TURNS = 100


class BenchError(Exception):
    """The run could not be completed; the message says why."""


# A message from the server, as JSON decodes it.
Message = dict[str, Any]


@dataclass
class _Device:
    actor: str
    ws: Any
    game: Message | None = None
    own: Message | None = None
    errors: list[str] = field(default_factory=list)
    watches: list[tuple[str, Callable[[Message], bool], asyncio.Future[float]]] = field(
        default_factory=list
    )
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self) -> None:
        try:
            async for text in self.ws:
                now = time.perf_counter()
                message = json.loads(text)
                kind = message.get("type")
                if kind == "game":
                    self.game = message
                elif kind == "own":
                    self.own = message
                elif kind == "error":
                    self.errors.append(str(message.get("message")))
                if self.watches:
                    keep = []
                    for watch in self.watches:
                        wanted, check, future = watch
                        if future.done():
                            continue
                        if wanted == kind and check(message):
                            future.set_result(now)
                        else:
                            keep.append(watch)
                    self.watches = keep
                self.changed.set()
        except websockets.ConnectionClosed:
            pass

    def watch(
        self, kind: str, check: Callable[[Message], bool], **more: Callable[[Message], bool]
    ) -> asyncio.Future[float]:
        """A future set to the time a message of `kind` for which `check` holds arrives (or
        of any other kind given as `kind=check` in `more`)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.watches.append((kind, check, future))
        for other, other_check in more.items():
            self.watches.append((other, other_check, future))
        return future

    async def until(self, check: Callable[[_Device], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not check(self):
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(f"a {self.actor} device waited {timeout:g} s in vain")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                continue


def _decided(view: Message, actor: str, turn: int) -> bool:
    reveal = view.get("reveal")
    if reveal is not None and reveal["turn"] >= turn:
        return True  # the turn was revealed: everyone decided
    return view["turn"] == turn and any(
        d["id"] == actor and d["decided"] for d in view["delegations"]
    )


def _percentiles(samples: list[float]) -> dict[str, Any]:
    if not samples:
        return {"n": 0, "p50_ms": None, "p99_ms": None, "max_ms": None}

    def rank(p: float) -> float:  # the nearest-rank percentile, in milliseconds
        return float(np.percentile(samples, p, method="inverted_cdf")) * 1000

    return {
        "n": len(samples),
        "p50_ms": round(rank(50), 2),
        "p99_ms": round(rank(99), 2),
        "max_ms": round(max(samples) * 1000, 2),
    }


def _proc_usage(pid: int) -> tuple[float, int]:
    """(CPU seconds, user + system, so far; peak resident memory in KiB) of process `pid`."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15)
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    return cpu, peak


class _Server:
    """`python main.py serve` on a free loopback port, in a throwaway home."""

    def __init__(self, scenario: str | None, seed: int, timeout: float):
        self.home = Path(tempfile.mkdtemp(prefix="trilateral-bench-"))
        args = [sys.executable, str(ROOT / "main.py"), "serve", "--port", "0", "--seed", str(seed)]
        if scenario:
            args += ["--scenario", scenario]
        self.args = args
        self.err = (self.home / "serve.err").open("w")
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**os.environ, "TRILATERAL_HOME": str(self.home), "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=self.err,
            bufsize=0,
        )
        self.tokens: dict[str, str] = {}
        self.port = 0
        self.timeout = timeout

    def links(self) -> None:
        """Read the join links serve prints once it is ready (one line per delegation, all
        at once: the reading stops when no more line follows the last for a moment)."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + self.timeout
        pending = b""
        while True:
            wait = deadline - time.monotonic() if not self.tokens else 0.5
            if wait <= 0:
                raise BenchError("serve did not print its join links in time")
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                if self.tokens and not pending:
                    return
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise BenchError(f"serve ended before it was ready: {self.stderr()}")
            *lines, pending = (pending + chunk).split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip()
                found = LINK.match(line)
                if found is None:
                    raise BenchError(f"serve printed something else than a join link: {line!r}")
                self.tokens[found[1]] = found[3]
                self.port = int(found[2])

    def stderr(self) -> str:
        self.err.flush()
        return (self.home / "serve.err").read_text(encoding="utf-8", errors="replace")[-2000:]

    def stop(self) -> int | None:
        code = None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.err.close()
        shutil.rmtree(self.home, ignore_errors=True)
        return code


async def _play(
    server: _Server,
    per_delegation: int,
    turns: int | None,
    seed: int,
    timeout: float,
    progress: Callable[[str], None],
    together: bool = False,
) -> dict[str, Any]:
    rng = random.Random(seed)
    url = f"ws://127.0.0.1:{server.port}/ws"
    actors = list(server.tokens)
    devices: list[_Device] = []
    readers = []
    for actor in actors:
        for _ in range(per_delegation):
            ws = await websockets.connect(
                url, open_timeout=timeout, max_size=8 * 1024 * 1024, ping_interval=None
            )
            device = _Device(actor, ws)
            devices.append(device)
            readers.append(asyncio.create_task(device.read()))
            await ws.send(json.dumps({"type": "hello", "token": server.tokens[actor]}))
    await asyncio.gather(
        *(d.until(lambda d: d.game is not None and d.own is not None, timeout) for d in devices)
    )
    first = devices[0].game
    assert first is not None
    total_turns = int(first.get("turn", 1)) - 1 + (turns or MAX_TURNS)
    own_samples: list[float] = []
    other_samples: list[float] = []
    by_kind: dict[str, list[float]] = {}
    missed = 0
    played = 0
    cpu_start, _ = _proc_usage(server.proc.pid)
    started = time.perf_counter()
    while played < (turns or MAX_TURNS):
        view = devices[0].game
        assert view is not None
        if view["phase"] == "over" or view.get("debrief") is not None:
            break
        turn = int(view["turn"])
        if turn > total_turns:
            break
        order = actors[:]
        rng.shuffle(order)
        submitters = {a: rng.choice([d for d in devices if d.actor == a]) for a in order}
        if together:  # every delegation makes its choices, then all submit at once
            for actor in order:
                await _a_few_choices(submitters[actor], turn, rng, timeout)
            measured = await asyncio.gather(
                *(_submit(devices, submitters[a], a, turn, timeout) for a in order)
            )
            kinds = ["together"] * len(order)
        else:  # one after the other, each heard by everyone before the next
            measured, kinds = [], []
            for position, actor in enumerate(order):
                await _a_few_choices(submitters[actor], turn, rng, timeout)
                measured.append(await _submit(devices, submitters[actor], actor, turn, timeout))
                kinds.append("reveal" if position == len(order) - 1 else "decided")
        for actor, (own, others, lost), kind in zip(order, measured, kinds, strict=True):
            if own is not None:
                own_samples.append(own)
            other_samples.extend(others)
            by_kind.setdefault(kind, []).extend(others)
            missed += lost + (own is None)
            if lost or own is None:
                raise BenchError(
                    f"{lost + (own is None)} devices never heard that {actor} decided in turn "
                    f"{turn} (waited {timeout:g} s)"
                )

        # every device sees the next turn (or the end) before the next round of submits
        def next_turn_seen(d: _Device, t: int = turn) -> bool:
            return (
                d.game is not None
                and d.own is not None
                and (
                    d.game["phase"] == "over"
                    or (int(d.game["turn"]) > t and not d.own["submitted"])
                )
            )

        await asyncio.gather(*(d.until(next_turn_seen, timeout) for d in devices))
        played += 1
        progress(f"turn {turn} done")
    wall = time.perf_counter() - started
    cpu_end, peak_kib = _proc_usage(server.proc.pid)
    for device in devices:
        await device.ws.close()
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    over = devices[0].game is not None and devices[0].game["phase"] == "over"
    return {
        "devices": len(devices),
        "per_delegation": per_delegation,
        "delegations": actors,
        "turns_played": played,
        "game_over": over,
        "own": _percentiles(own_samples),
        "others": _percentiles(other_samples),
        "others_by_submit": {k: _percentiles(v) for k, v in by_kind.items()},
        "together": together,
        "missed": missed,
        "device_errors": sum(len(d.errors) for d in devices),
        "server": {
            "cpu_seconds": round(cpu_end - cpu_start, 2),
            "cpu_seconds_total": round(cpu_end, 2),
            "wall_seconds": round(wall, 2),
            "cpu_share": round((cpu_end - cpu_start) / wall, 3) if wall > 0 else None,
            "peak_rss_mib": round(peak_kib / 1024, 1),
        },
    }


async def _submit(
    devices: list[_Device], submitter: _Device, actor: str, turn: int, timeout: float
) -> tuple[float | None, list[float], int]:
    """Submit `actor`'s draft from `submitter`: (seconds until its device showed it submitted
    or None, seconds until each other device showed it decided, devices that never did)."""
    # The turn's last submit is answered by the reveal (and the next turn's views).
    own_future = submitter.watch(
        "own",
        lambda m: bool(m["submitted"]),
        game=lambda m: _decided(m, actor, turn),
    )
    futures = [
        d.watch("game", lambda m: _decided(m, actor, turn)) for d in devices if d is not submitter
    ]
    sent = time.perf_counter()
    await submitter.ws.send(json.dumps({"type": "submit", "turn": turn}))
    done, pending = await asyncio.wait([own_future, *futures], timeout=timeout)
    for future in pending:
        future.cancel()
    own = own_future.result() - sent if own_future in done else None
    others = [f.result() - sent for f in futures if f in done]
    return own, others, len(futures) - len(others)


async def _a_few_choices(device: _Device, turn: int, rng: random.Random, timeout: float) -> None:
    """One to three random, affordable choices, each seen back in the delegation's view."""
    own = device.own
    assert own is not None
    left = int(own["capital_left"])
    options = list(own["options"])
    rng.shuffle(options)
    made = 0
    for option in options:
        if made >= rng.randint(1, 3):
            break
        possible = [
            c
            for c in option["choices"]
            if (c == "push" and option["push_cost"] <= left)
            or (c == "oppose" and option["oppose_cost"] <= left)
        ]
        if not possible:
            continue
        choice = rng.choice(possible)
        left -= option["push_cost"] if choice == "push" else option["oppose_cost"]

        def chosen(m: Message, o: str = option["id"], c: str = choice) -> bool:
            return bool(m["choices"].get(o) == c)

        seen = device.watch("own", chosen)
        await device.ws.send(
            json.dumps({"type": "choose", "turn": turn, "measure": option["id"], "choice": choice})
        )
        await asyncio.wait_for(seen, timeout)
        made += 1


def run(
    *,
    per_delegation: int = 20,
    turns: int | None = None,
    scenario: str | None = None,
    seed: int = 1,
    timeout: float = 30.0,
    progress: Callable[[str], None] = lambda _: None,
    together: bool = False,
) -> dict[str, Any]:
    """Play a game with `per_delegation` devices per delegation; the figures (see above)."""
    if not 1 <= per_delegation <= MAX_DEVICES_PER_DELEGATION:
        raise BenchError(f"--per-delegation is from 1 to {MAX_DEVICES_PER_DELEGATION}")
    server = _Server(scenario, seed, timeout)
    try:
        server.links()
        result = asyncio.run(
            _play(server, per_delegation, turns, seed, timeout, progress, together)
        )
    finally:
        code = server.stop()
    result["server"]["exit_code"] = code
    result["command"] = " ".join(server.args[1:])
    result["saves_in"] = str(server.home)  # removed at the end
    result["submits"] = result["own"]["n"]
    return result


def _table(result: dict[str, Any]) -> str:
    rows = [
        f"{result['devices']} devices ({result['per_delegation']} per delegation), "
        f"{result['turns_played']} turns, game over: {'yes' if result['game_over'] else 'no'}",
        f"server: {result['command']} (saving in {result['saves_in']})",
        "",
        f"{'from a submit to':<44}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}",
    ]
    for key, label in (
        ("own", "its device showing it submitted (a)"),
        ("others", "every other device showing it decided (b)"),
    ):
        r = result[key]
        rows.append(
            f"{label:<44}{r['n']:>6}{r['p50_ms'] or 0:>9.1f}{r['p99_ms'] or 0:>9.1f}"
            f"{r['max_ms'] or 0:>9.1f}"
        )
    for key, label in (
        ("decided", "  ... not the turn's last submit"),
        ("reveal", "  ... the turn's last (resolves it)"),
        ("together", "  ... all delegations submitting at once"),
    ):
        if key not in result["others_by_submit"]:
            continue
        r = result["others_by_submit"][key]
        rows.append(
            f"{label:<44}{r['n']:>6}{r['p50_ms'] or 0:>9.1f}{r['p99_ms'] or 0:>9.1f}"
            f"{r['max_ms'] or 0:>9.1f}"
        )
    s = result["server"]
    rows += [
        "",
        f"missed: {result['missed']}; errors sent to devices: {result['device_errors']}",
        f"server CPU during the game: {s['cpu_seconds']:.2f} s in {s['wall_seconds']:.2f} s "
        f"({s['cpu_share'] * 100:.0f} % of one core); peak RSS {s['peak_rss_mib']} MiB",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.net.bench", description=__doc__.split("\n")[0])
    p.add_argument("--per-delegation", type=int, default=20, help="devices per delegation (20)")
    p.add_argument("--turns", type=int, default=None, help="turns to play (default: the game)")
    p.add_argument("--scenario", default=None, help="scenario file (default: serve's)")
    p.add_argument("--seed", type=int, default=1, help="the game's seed and the devices' (1)")
    p.add_argument("--timeout", type=float, default=30.0, help="longest wait, seconds (30)")
    p.add_argument(
        "--together",
        action="store_true",
        help="the delegations submit at the same moment (default: one after the other)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args(argv)
    if args.turns is not None and not 1 <= args.turns <= MAX_TURNS:
        print(f"bench: --turns is from 1 to {MAX_TURNS}", file=sys.stderr)
        return 2
    try:
        result = run(
            per_delegation=args.per_delegation,
            turns=args.turns,
            scenario=args.scenario,
            seed=args.seed,
            timeout=args.timeout,
            together=args.together,
            progress=lambda line: print(line, file=sys.stderr) if not args.json else None,
        )
    except BenchError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    print(json.dumps(result, indent=1) if args.json else _table(result))
    return 0 if result["missed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
