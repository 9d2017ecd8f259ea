"""Shared fixtures for the classroom on devices: a live class in this process (the classroom
owned by a thread of its own, the real web server on a free loopback port) and devices that
talk to it over real WebSockets.

Nothing here writes in the user's saves folder: TRILATERAL_HOME points into tmp_path, and the
in-process classes save only when a test asks for it (into tmp_path too)."""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import connect

from game.paths import DEFAULT_SCENARIO

WAIT = 10.0  # seconds a device waits for something that should come at once
DELEGATIONS = ("us", "japan", "taiwan")
_MISSING = object()


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def loaded_default():
    from game.scenario.find import load_or_report

    loaded = load_or_report(str(DEFAULT_SCENARIO))
    assert loaded is not None
    return loaded


class LiveClass:
    """A class in this process: Session + Classroom + WebServer, and an owner thread that runs
    `pump` and `tick` like `serve` does. `on_owner(fn)` runs `fn(classroom)` on that thread
    (the facilitator's console) and returns its result."""

    def __init__(self, session: Any, *, auto_advance: bool = True):
        from game.net.classroom import Classroom
        from game.net.server import WebServer

        self.session = session
        self.classroom = Classroom(session, auto_advance=auto_advance)
        self.server = WebServer(self.classroom, 0)
        self.server.start()
        self.port = self.server.port
        self.tokens = dict(self.classroom.tokens)
        self.urls = self.server.join_urls()
        self._calls: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self.failure: BaseException | None = None
        self._owner = threading.Thread(target=self._run, name="test-owner", daemon=True)
        self._owner.start()

    def _run(self) -> None:
        last = time.monotonic()
        try:
            while not self._stop.is_set():
                self.classroom.pump(timeout=0.02)
                while True:
                    try:
                        fn, box = self._calls.get_nowait()
                    except queue.Empty:
                        break
                    try:
                        box.put((True, fn(self.classroom)))
                    except BaseException as err:  # noqa: BLE001 - handed back to the test
                        box.put((False, err))
                now = time.monotonic()
                self.classroom.tick(now - last)
                last = now
        except BaseException as err:  # noqa: BLE001 - reported by stop()
            self.failure = err

    def on_owner(self, fn: Callable[[Any], Any]) -> Any:
        box: queue.Queue = queue.Queue()
        self._calls.put((fn, box))
        ok, value = box.get(timeout=WAIT)
        if not ok:
            raise value
        return value

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def device(self, actor: str | None = None, *, token: Any = _MISSING) -> Device:
        """A device joined with `actor`'s code (or with `token`, whatever it is)."""
        dev = Device(self.ws_url)
        dev.send({"type": "hello", "token": self.tokens[actor] if token is _MISSING else token})
        return dev

    def raw(self) -> Device:
        """A device connected but that has said nothing yet."""
        return Device(self.ws_url)

    def stop(self) -> None:
        self._stop.set()
        self._owner.join(timeout=WAIT)
        self.server.stop()
        if self.failure is not None:
            raise self.failure


class Device:
    """One device: a WebSocket client that keeps every message it received, in order."""

    def __init__(self, url: str):
        self.ws = connect(url, open_timeout=WAIT, close_timeout=2, max_size=None)
        self.received: list[dict] = []
        self.texts: list[str] = []
        self.closed: Any = None  # the close frame's code once the server closed

    def send(self, message: Any) -> None:
        self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    def _take(self, timeout: float) -> dict | None:
        from websockets.exceptions import ConnectionClosed

        try:
            text = self.ws.recv(timeout=timeout)
        except TimeoutError:
            return None
        except ConnectionClosed as err:
            self.closed = err.rcvd.code if err.rcvd is not None else 1006
            return None
        self.texts.append(text if isinstance(text, str) else text.decode("utf-8", "replace"))
        message = json.loads(text)
        self.received.append(message)
        return message

    def wait_for(self, check: Callable[[dict], bool], timeout: float = WAIT) -> dict:
        """The first message (already received or coming) for which `check` is true."""
        for message in self.received:
            if check(message):
                return message
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self._take(left)
            if message is None:
                if self.closed is not None:
                    break
                continue
            if check(message):
                return message
        raise AssertionError(
            f"no such message in {timeout} s (closed: {self.closed}); got "
            + ", ".join(m.get("type", "?") for m in self.received[-20:])
        )

    def next_error(self, timeout: float = WAIT) -> dict:
        """The next error message not yet looked at."""
        start = getattr(self, "_errors_seen", 0)
        errors = [m for m in self.received if m.get("type") == "error"]
        if len(errors) > start:
            self._errors_seen = start + 1
            return errors[start]
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self._take(left)
            if message is None:
                if self.closed is not None:
                    break
                continue
            if message.get("type") == "error":
                self._errors_seen = start + 1
                return message
        raise AssertionError(f"no error message came (closed: {self.closed})")

    def drain(self, seconds: float = 0.3) -> None:
        """Read whatever comes in the next `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and self.closed is None:
            self._take(left)

    def wait_closed(self, timeout: float = WAIT) -> Any:
        deadline = time.monotonic() + timeout
        while self.closed is None and time.monotonic() < deadline:
            self._take(deadline - time.monotonic())
        return self.closed

    def latest(self, kind: str) -> dict:
        return next(m for m in reversed(self.received) if m.get("type") == kind)

    def own(self, check: Callable[[dict], bool] = lambda m: True) -> dict:
        return self.wait_for(lambda m: m.get("type") == "own" and check(m))

    def game(self, check: Callable[[dict], bool] = lambda m: True) -> dict:
        return self.wait_for(lambda m: m.get("type") == "game" and check(m))

    def close(self) -> None:
        self.ws.close()


def decided(view: dict, actor: str) -> bool:
    return any(d["id"] == actor and d["decided"] for d in view["delegations"])


def affordable_push(own: dict) -> str:
    """A measure this delegation may push with the capital it has left."""
    for option in own["options"]:
        if "push" in option["choices"] and option["push_cost"] <= own["capital_left"]:
            return option["id"]
    raise AssertionError("nothing affordable to push")


@pytest.fixture
def live_class(loaded_default, tmp_path: Path):
    """A class of the default scenario, all three delegations on devices, saving nothing."""
    from game.ui.session import Session

    made: list[LiveClass] = []

    def make(humans=DELEGATIONS, *, seed: int = 7, save: bool = False, **options) -> LiveClass:
        session = Session.new(loaded_default, seed, list(humans), {}, autosave=save, **options)
        live = LiveClass(session)
        made.append(live)
        return live

    yield make
    for live in made:
        live.stop()


@pytest.fixture
def server_log(monkeypatch: pytest.MonkeyPatch):
    """Every log record any logger handles while the test runs (uvicorn's, asyncio's, the
    server's, whatever their handlers), as lines with their tracebacks."""
    lines: list[str] = []
    handle = logging.Logger.callHandlers

    def keep(self: logging.Logger, record: logging.LogRecord) -> Any:
        text = f"{record.name} {record.levelname}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        lines.append(text)
        return handle(self, record)

    monkeypatch.setattr(logging.Logger, "callHandlers", keep)
    return lines


@pytest.fixture
def clean_server(server_log, capfd):
    """Fails the test if the server logged an error or printed a traceback anywhere (checked
    after the class has stopped, so a traceback at shutdown counts too). Yields the log lines
    and a function returning what was printed so far."""
    printed: list[str] = []

    def output() -> str:
        out, err = capfd.readouterr()
        printed.append(out + err)
        return "".join(printed)

    yield server_log, output
    text = output()
    bad = [line for line in server_log if " ERROR" in line or " CRITICAL" in line]
    bad += [line for line in server_log if "Traceback" in line]
    assert not bad, "the server logged errors:\n" + "\n".join(bad)
    assert "Traceback" not in text, "a traceback was printed:\n" + text


# --- the delegation page in a real browser (test_browser.py) ---

CLASS_SCENARIO = Path(__file__).parents[2] / "scenarios" / "free-and-open-indo-pacific-class.yaml"


@pytest.fixture(scope="session")
def class_scenario():
    from game.scenario.loader import load_scenario

    return load_scenario(CLASS_SCENARIO)


class RunningClass:
    """A classroom served on a free port of 127.0.0.1, its owner's loop in a thread (as
    `serve` runs it): `urls` are the delegations' join links."""

    def __init__(self, loaded, *, seed: int = 3, timer: float = 0.0, auto_advance: bool = True):
        from game.net.classroom import Classroom
        from game.net.server import WebServer
        from game.ui.session import Session

        humans = list(loaded.scenario.delegations())
        self.session = Session.new(
            loaded, seed, humans, {}, autosave=False, forecasts=True, timer_seconds=timer
        )
        self.classroom = Classroom(self.session, auto_advance=auto_advance)
        self._calls: queue.Queue = queue.Queue()
        self.server = WebServer(self.classroom, 0)
        self.server.start()
        self.urls = self.server.join_urls()
        self.base = f"http://127.0.0.1:{self.server.port}/"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="test-owner", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        last = time.monotonic()
        while not self._stop.is_set():
            self.classroom.pump(timeout=0.05)
            while not self._calls.empty():
                call, done = self._calls.get()
                call(self.classroom)
                done.set()
            now = time.monotonic()
            self.classroom.tick(now - last)
            last = now

    def on_owner(self, call) -> None:  # noqa: ANN001 - called with the classroom
        """Run `call(classroom)` on the owner's thread (as the projector's console does)."""
        done = threading.Event()
        self._calls.put((call, done))
        assert done.wait(10), "the owner's loop did not run the call"

    def restart_server(self) -> None:
        """Stop the web server and start it again on the same port (devices must reconnect)."""
        from game.net.server import WebServer

        port = self.server.port
        self.server.stop()
        self.server = WebServer(self.classroom, port)
        self.server.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.server.stop()


@pytest.fixture()
def running_class(class_scenario, tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    run = RunningClass(class_scenario)
    yield run
    run.close()


@pytest.fixture()
def projector_class(class_scenario, tmp_path, monkeypatch):
    """A class beside a projector: after a reveal the class looks at it until the projector
    (here the test) opens the next turn; a turn timer of ten minutes."""
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    run = RunningClass(class_scenario, auto_advance=False, timer=600)
    yield run
    run.close()
