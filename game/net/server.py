"""The classroom's web server: Starlette on uvicorn, in a thread beside the program that owns
the game (the window, or `serve`).

What it serves: the delegation page (`/`, and its script, style and font under `/static/`,
all from the package: no CDN, no build step) and one WebSocket (`/ws`). A device opens the page
from its join link `http://HOST:PORT/#CODE`; the page reads the code after '#' (browsers never
send that part, so it is in no request line or log) and sends it as its first message. From
then on the connection belongs to that delegation and nothing it sends can change that.

Limits: messages of at most game.net.messages.MAX_MESSAGE_BYTES (larger frames close the
connection: uvicorn's `ws_max_size`), a token bucket per connection (RATE messages a second,
BURST at once), at most MAX_DEVICES devices and MAX_PER_DELEGATION per delegation, a hello
within HELLO_SECONDS. A device that is slow to read gets only the newest view of each kind
(views replace each other), so it can never make the server hold a growing queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import itertools
import json
import logging
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Scope
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.i18n import N_, _
from game.net import messages
from game.net.classroom import Classroom, NoListener, error_text

RATE = 10.0  # messages a second, sustained, per connection
BURST = 30.0
MAX_DEVICES = 300
MAX_PER_DELEGATION = 60
HELLO_SECONDS = 10.0
# Connections from one address that have not yet said hello (a classroom's devices each have
# their own address on the room's network; this machine's own are not limited).
MAX_WAITING_PER_ADDRESS = 10
# How a refused hello closes: a code that is not this class's (the page gives up), or a valid
# code the class cannot take just now (full, or the computer plays it; the page tries again).
REFUSED = 4401
NOT_NOW = 4409
MAX_FRAME_BYTES = 16 * 1024  # uvicorn closes a connection sending a larger frame (1009)
MAX_STRIKES = 200  # refused messages (too fast or bad) before a connection is closed
FLOODED = N_("too many messages: slow down; this connection is closed (reload the page)")
STATIC = Path(str(resources.files("game.net") / "static"))
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'none'"
    ),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
log = logging.getLogger("trilateral.net")


class _ClientFaultsWithoutTraceback(logging.Filter):
    """uvicorn logs a device that sends a text frame of invalid UTF-8 as an error with a
    traceback (it then closes that connection, 1007, as it should). That is the device's
    fault, not the server's: keep it as one line, a warning, with no traceback."""

    FAULTS = ("Invalid UTF-8 sequence received from client.",)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg in self.FAULTS:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_CLIENT_FAULTS = _ClientFaultsWithoutTraceback()


class ServerError(Exception):
    """The server could not start (the port is taken, say); the message says what to do."""


class _Bucket:
    """A token bucket: `take()` is True while the connection keeps under RATE a second."""

    def __init__(self, rate: float = RATE, burst: float = BURST):
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class _Device:
    """One connected device: its delegation, and what waits to be sent to it (the newest
    view of each kind, and up to ten error messages)."""

    def __init__(self, number: int, actor: str, websocket: WebSocket):
        self.number = number
        self.actor = actor
        self.websocket = websocket
        self.views: dict[str, str] = {}
        self.errors: deque[str] = deque(maxlen=10)
        self.wake = asyncio.Event()
        self.bucket = _Bucket()
        self.strikes = 0

    def queue_view(self, text: str) -> None:
        kind = text.split('"', 4)[3]  # '{"type":"game",...' -> 'game'
        self.views.pop(kind, None)
        self.views[kind] = text
        self.wake.set()

    def queue_error(self, text: str) -> None:
        self.errors.append(text)
        self.wake.set()


class Hub:
    """The server's side of the boundary: the devices connected, by delegation. The owner calls
    `publish` and `reply` (game.net.classroom.Listener) from its own thread; they only hand the
    text to the server's event loop."""

    def __init__(self, classroom: Classroom):
        self.classroom = classroom
        self.devices: dict[int, _Device] = {}
        # Connections not yet past their hello, by the address they come from.
        self.waiting: dict[str, int] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self._numbers = itertools.count(1)

    # called on the owner's thread
    def publish(self, text: str, actors: Iterable[str] | None) -> None:
        chosen = None if actors is None else frozenset(actors)
        self._call(self._fan_out, text, chosen)

    def reply(self, connection: int, text: str) -> None:
        self._call(self._reply, connection, text)

    def _call(self, *args: Any) -> None:
        loop = self.loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the server stopped: no device to tell
            loop.call_soon_threadsafe(*args)

    # on the server's loop
    def _fan_out(self, text: str, actors: frozenset[str] | None) -> None:
        for device in self.devices.values():
            if actors is None or device.actor in actors:
                device.queue_view(text)

    def _reply(self, connection: int, text: str) -> None:
        device = self.devices.get(connection)
        if device is not None:
            device.queue_error(text)

    def count(self, actor: str | None = None) -> int:
        return sum(1 for d in self.devices.values() if actor is None or d.actor == actor)

    def add(self, actor: str, websocket: WebSocket) -> _Device:
        device = _Device(next(self._numbers), actor, websocket)
        self.devices[device.number] = device
        return device


async def _index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)


async def _ui(request: Request) -> Response:
    """The page's own words in the class's language (game.net.page_text)."""
    from game.net.page_text import page_texts

    return JSONResponse(page_texts(), headers=SECURITY_HEADERS)


async def _health(request: Request) -> Response:
    return JSONResponse({"ok": True}, headers=SECURITY_HEADERS)


def make_app(hub: Hub) -> Any:
    """The ASGI application of a class (`hub` holds the classroom)."""

    async def device(websocket: WebSocket) -> None:
        await _device_session(hub, websocket)

    app = Starlette(
        routes=[
            Route("/", _index),
            Route("/health", _health),
            Route("/ui", _ui),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
            WebSocketRoute("/ws", device),
        ]
    )
    return _SecurityHeaders(app)


class _SecurityHeaders:
    """ASGI middleware: every HTTP response carries SECURITY_HEADERS (a strict content
    policy: the page loads nothing from anywhere else and sends no referrer)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.encode() not in present
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _device_session(hub: Hub, websocket: WebSocket) -> None:
    """One device's connection: hello with its join code, the latest views, then its messages
    go to the classroom and the views it may see come back."""
    if not _same_origin(websocket):
        await websocket.close(code=1008)  # before accepting: the handshake is refused (403)
        return
    address = websocket.client.host if websocket.client else ""
    if not _loopback(address) and hub.waiting.get(address, 0) >= MAX_WAITING_PER_ADDRESS:
        await websocket.close(code=1008)  # one machine cannot hold the doors open for others
        return
    await websocket.accept()
    classroom = hub.classroom
    hub.waiting[address] = hub.waiting.get(address, 0) + 1
    try:
        actor = await _hello(hub, websocket)
    finally:
        left = hub.waiting.get(address, 1) - 1
        if left > 0:
            hub.waiting[address] = left
        else:
            hub.waiting.pop(address, None)
    if actor is None:
        return
    device = hub.add(actor, websocket)
    for text in classroom.snapshot(actor):
        device.queue_view(text)
    classroom.post(("join", device.number, actor))
    sender = asyncio.create_task(_send_loop(device))
    flooded = False
    try:
        while True:
            event = await websocket.receive()
            if event["type"] == "websocket.disconnect":
                break
            _receive(classroom, device, event)
            if device.strikes > MAX_STRIKES:
                flooded = True
                break
            # Frames that came in one read are all queued at once: let the sender (and every
            # other device) run between them.
            await asyncio.sleep(0)
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        sender.cancel()
        hub.devices.pop(device.number, None)
        classroom.post(("leave", device.number, actor))
        # Waited for, not awaited: a cancelled sender raises CancelledError (a BaseException
        # that no `except Exception` catches), which uvicorn logged as a traceback for every
        # device that left.
        await asyncio.wait([sender])
        if not sender.cancelled():
            sender.exception()  # a send to a connection that went is no error: retrieved
    if flooded:  # the device is told why before the connection closes
        with contextlib.suppress(Exception):
            await websocket.send_text(error_text(_(FLOODED)))
            await websocket.close(code=1008)


def _loopback(address: str) -> bool:
    """Whether `address` is this machine (the bench's and the tests' many devices)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _same_origin(websocket: WebSocket) -> bool:
    """Whether a WebSocket comes from this server's own page (a browser says which page opened
    it in `Origin`). Another site open in a student's browser cannot connect, so cannot fill
    the server's connections; a client that is not a browser sends no Origin and still needs a
    join code like everyone."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    host = websocket.headers.get("host", "")
    return origin.lower() in (f"http://{host.lower()}", f"https://{host.lower()}")


async def _hello(hub: Hub, websocket: WebSocket) -> str | None:
    """The delegation of a device that says hello with a valid join code, else None (the
    device is told why and the connection closed)."""
    why = _("a join link's code is needed: open the link your teacher gave you")
    try:
        event = await asyncio.wait_for(websocket.receive(), HELLO_SECONDS)
    except (TimeoutError, WebSocketDisconnect, RuntimeError):
        with contextlib.suppress(Exception):
            await websocket.close(code=4408)
        return None
    if event["type"] == "websocket.disconnect":
        return None
    actor = None
    code = REFUSED  # the code is not one of this class's: the page stops trying
    try:
        message = messages.parse(_text_of(event))
        if isinstance(message, messages.Hello):
            actor = hub.classroom.actor_for(message.token)
            if actor is None:
                why = _("this join link is not one of this class's: ask your teacher for yours")
            elif actor not in hub.classroom.humans:
                why = _("this delegation is played by the computer in this class for now")
                actor, code = None, NOT_NOW
    except messages.BadMessage as err:
        why = str(err)
    if actor is not None:
        if hub.count() >= MAX_DEVICES or hub.count(actor) >= MAX_PER_DELEGATION:
            why, actor, code = _("this class has as many devices as it can take"), None, NOT_NOW
    if actor is None:
        with contextlib.suppress(Exception):
            await websocket.send_text(error_text(why))
            await websocket.close(code=code)
        return None
    return actor


def _receive(classroom: Classroom, device: _Device, event: Message) -> None:
    if not device.bucket.take():
        device.strikes += 1
        if device.strikes % 10 == 1:
            device.queue_error(error_text(_("too many messages: slow down")))
        return
    try:
        message = messages.parse(_text_of(event))
    except messages.BadMessage as err:
        device.strikes += 1
        device.queue_error(error_text(str(err)))
        return
    if isinstance(message, messages.Ping):
        device.queue_view(json.dumps({"type": "pong"}))
        return
    classroom.post(("message", device.number, device.actor, message))


def _text_of(event: Message) -> str:
    """The text of a received frame; a binary frame is refused (the page sends text)."""
    text = event.get("text")
    if not isinstance(text, str):
        raise messages.BadMessage("messages are text (JSON), not binary frames")
    return text


async def _send_loop(device: _Device) -> None:
    while True:
        await device.wake.wait()
        device.wake.clear()
        while device.errors:
            await device.websocket.send_text(device.errors.popleft())
        while device.views:
            kind = next(iter(device.views))
            await device.websocket.send_text(device.views.pop(kind))


def lan_address() -> str:
    """This machine's address on the room's network (the one a phone would reach), found by
    asking the system which interface would route outwards; no packet is sent."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


class WebServer:
    """The server in its own thread. `start()` returns once it accepts connections (or raises
    ServerError); `stop()` closes it. Binds to 127.0.0.1 unless `lan` (then to every
    interface, showing the room's address)."""

    def __init__(self, classroom: Classroom, port: int = 0, *, lan: bool = False):
        self.classroom = classroom
        self.hub = Hub(classroom)
        self.lan = lan
        self.wanted_port = port
        self.port = port
        self.host = lan_address() if lan else "127.0.0.1"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None

    def start(self, timeout: float = 15.0) -> None:
        sock = _bind("0.0.0.0" if self.lan else "127.0.0.1", self.wanted_port)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            make_app(self.hub),
            log_level="warning",
            access_log=False,  # request lines never reach a log
            ws="websockets-sansio",
            ws_max_size=MAX_FRAME_BYTES,
            ws_ping_interval=20.0,
            ws_ping_timeout=20.0,
            limit_concurrency=MAX_DEVICES + 50,
            timeout_keep_alive=5,
            server_header=False,
            lifespan="off",
        )
        # After uvicorn.Config, which configures uvicorn's loggers.
        logging.getLogger("uvicorn.error").addFilter(_CLIENT_FAULTS)
        self._server = server = uvicorn.Server(config)
        self.classroom.listener = self.hub
        self.classroom.port = self.port
        self.classroom.lan = self.lan

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self.hub.loop = loop
            try:
                loop.run_until_complete(server.serve(sockets=[sock]))
            except BaseException as err:  # noqa: BLE001 - reported by start()
                self._failed = err
            finally:
                self.hub.loop = None  # the owner's publishes stop reaching a closed loop
                loop.close()

        self._thread = threading.Thread(target=run, name="trilateral-web", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if self._failed is not None or not self._thread.is_alive():
                raise ServerError(
                    _("the classroom server stopped at start: {error}").format(error=self._failed)
                )
            if time.monotonic() > deadline:
                raise ServerError(_("the classroom server did not start in time"))
            time.sleep(0.01)
        # The views published before the loop existed are in the classroom's snapshots.

    def join_urls(self) -> dict[str, str]:
        return self.classroom.join_urls(self.host, self.port)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.classroom.listener = NoListener()


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise ServerError(
                _(
                    "port {port} is already in use on this machine; choose another with --port"
                ).format(port=port)
            ) from None
        raise ServerError(
            _("could not listen on {address}: {reason}").format(
                address=f"{host}:{port}", reason=err.strerror or err
            )
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
