"""`python main.py serve` as the instructor runs it, in a process of its own: the join lines on
standard output, a clean end on Ctrl-C and SIGTERM with the game saved, one clear line for a
port in use, and a class killed mid-turn that resumes with the same links and nothing lost."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.paths import DEFAULT_SCENARIO
from tests.net.conftest import WAIT, Device, affordable_push, decided

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(us|japan|taiwan): (http://127\.0\.0\.1:(\d+)/#([A-Za-z0-9_-]{22,}))$")


class Served:
    """A `serve` process: its join links once it is ready, its standard error in a file."""

    def __init__(self, home: Path, *args: str, expect: int = 3):
        env = {**os.environ, "TRILATERAL_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        self.err_path = home / f"serve-{time.monotonic_ns()}.err"
        home.mkdir(parents=True, exist_ok=True)
        self.err = self.err_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "serve", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.err,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.out: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.links: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        self.port = 0
        deadline = time.monotonic() + 30
        while len(self.links) < expect:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"serve did not print its links: {self.stderr()}")
            found = LINE.match(line)
            assert found, f"not a join line: {line!r}"
            self.links[found[1]] = found[2]
            self.tokens[found[1]] = found[4]
            self.port = int(found[3])

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.out.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def device(self, actor: str) -> Device:
        device = Device(f"ws://127.0.0.1:{self.port}/ws")
        device.send({"type": "hello", "token": self.tokens[actor]})
        return device

    def stderr(self) -> str:
        if not self.err.closed:
            self.err.flush()
        return self.err_path.read_text(encoding="utf-8")

    def end(self, sig: int = signal.SIGINT) -> int:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.err.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)
        self.err.close()


@pytest.fixture
def serve(tmp_path: Path):
    started: list[Served] = []

    def start(*args: str, expect: int = 3) -> Served:
        served = Served(tmp_path / "home", *args, expect=expect)
        started.append(served)
        return served

    yield start
    for served in started:
        if served.proc.poll() is None:
            served.kill()


def _folder(home: Path) -> Path:
    (folder,) = (home / "saves").iterdir()
    return folder


def _replays(folder: Path):  # noqa: ANN202 - the replayed Game
    from game.engine.saves import read_save, replay
    from game.scenario.find import load_or_report

    save = read_save(folder / "game.json")
    loaded = load_or_report(str(DEFAULT_SCENARIO))
    return replay(save, loaded, folder / "game.json")


def test_serve_prints_one_join_line_per_human_delegation(serve, tmp_path):
    served = serve("--seed", "5", "--port", "0", "--as", "us,japan", expect=2)
    assert set(served.links) == {"us", "japan"}
    served.device("japan").own()
    assert served.end(signal.SIGINT) == 0
    time.sleep(0.1)
    assert len(served.out) == 2 and all(LINE.match(line) for line in served.out)
    assert "Traceback" not in served.stderr()
    assert len(set(served.tokens.values())) == 2


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_end_the_class_cleanly_with_the_game_saved(serve, tmp_path, sig):
    served = serve("--seed", "6", "--port", "0")
    us = served.device("us")
    measure = affordable_push(us.own())
    us.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    for actor in ("japan", "taiwan"):
        served.device(actor).send({"type": "submit", "turn": 1})
    us.game(lambda v: v["turn"] == 2)
    assert served.end(sig) == 0
    stderr = served.stderr()
    assert "Traceback" not in stderr and "Class ended; the game is saved" in stderr
    folder = _folder(tmp_path / "home")
    assert (folder / "game.json").exists()
    game = _replays(folder)
    assert len(game.reports) == 1
    assert str(game.reports[0].decisions["us"][measure]) == "push"


def test_a_port_in_use_gives_one_clear_line_and_exit_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        env = {**os.environ, "TRILATERAL_HOME": str(tmp_path / "home")}
        done = subprocess.run(
            [sys.executable, "main.py", "serve", "--seed", "1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(port) in lines[0] and "in use" in lines[0] and "--port" in lines[0]
    assert "Traceback" not in done.stderr


def test_a_server_killed_mid_turn_resumes_with_the_same_links_and_nothing_lost(serve, tmp_path):
    home = tmp_path / "home"
    served = serve("--seed", "8", "--port", "0", "--forecasts")
    us, japan = served.device("us"), served.device("japan")
    submitted = affordable_push(us.own())
    asked = us.own()["questions"][0]["id"]
    us.send({"type": "forecast", "turn": 1, "question": asked, "probability": 0.3})
    us.own(lambda v: v["questions"][0]["probability"] == 0.3)
    us.send({"type": "choose", "turn": 1, "measure": submitted, "choice": "push"})
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    drafted = affordable_push(japan.own())
    japan.send({"type": "choose", "turn": 1, "measure": drafted, "choice": "push"})
    japan.own(lambda v: drafted in v["choices"])
    folder = _folder(home)
    devices_file = folder / "devices.json"
    # Drafts are written within a second (submitted choices at once): wait for that write.
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        saved = json.loads(devices_file.read_text(encoding="utf-8"))
        record = json.loads((folder / "game.json").read_text(encoding="utf-8"))
        if saved["drafts"].get("japan") and record["forecasts"]:  # forecasts: in game.json
            break
        time.sleep(0.05)
    assert devices_file.stat().st_mode & 0o077 == 0  # it holds the join codes: owner only
    assert saved["submitted"]["us"] == {submitted: "push"}
    assert [(f["actor"], f["probability"]) for f in record["forecasts"]] == [("us", 0.3)]
    assert saved["drafts"]["japan"] == {drafted: "push"}
    served.kill()  # SIGKILL: no chance to save anything more
    links = dict(served.links)

    again = serve("--resume", str(folder), "--port", str(served.port))
    assert again.links == links  # the same join links work
    us, japan, taiwan = (again.device(a) for a in ("us", "japan", "taiwan"))
    own = us.own()
    assert own["submitted"] is True and own["choices"] == {submitted: "push"}
    assert own["questions"][0] == {**own["questions"][0], "id": asked, "probability": 0.3}
    assert us.game(lambda v: decided(v, "us") and not decided(v, "japan"))
    own = japan.own()
    assert own["submitted"] is False and own["choices"] == {drafted: "push"}
    japan.send({"type": "submit", "turn": 1})
    taiwan.send({"type": "submit", "turn": 1})
    reveal = us.game(lambda v: v["turn"] == 2)["reveal"]
    rows = {d["delegation"]: d["choices"] for d in reveal["decisions"]}
    assert len(rows["United States"]) == 1 and len(rows["Japan"]) == 1
    assert again.end(signal.SIGTERM) == 0
    game = _replays(folder)
    assert str(game.reports[0].decisions["us"][submitted]) == "push"
    assert str(game.reports[0].decisions["japan"][drafted]) == "push"
    assert "Traceback" not in again.stderr() + served.stderr()


@pytest.mark.parametrize("together", [False, True])
def test_the_load_bench_plays_and_every_device_hears_every_decision(together):
    from game.net import bench

    result = bench.run(per_delegation=2, turns=2, seed=3, timeout=20, together=together)
    assert result["devices"] == 6 and result["turns_played"] == 2
    assert result["missed"] == 0 and result["device_errors"] == 0
    submits = 2 * 3
    assert result["own"]["n"] == submits
    assert result["others"]["n"] == submits * 5  # each of the 5 other devices, every time
    assert result["server"]["exit_code"] == 0 and result["server"]["peak_rss_mib"] > 0
    assert not Path(result["saves_in"]).exists()  # its throwaway home is gone
