"""A class on devices for browser tests: the real server in a thread of this process, and
Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import queue
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own download is not reachable here
IN_CI = os.environ.get("CI", "").lower() == "true"
CLASS_SCENARIO = Path(__file__).parents[2] / "scenarios" / "free-and-open-indo-pacific-class.yaml"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's); CI installs it, so there a missing one is a failure."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    if missing:
        if IN_CI:
            pytest.fail(f"the browser test must run in CI: {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


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
