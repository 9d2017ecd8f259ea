"""A class on the students' own devices, seen from the window (issue 13).

The window's loop owns the game (see game.net.classroom): each frame `App.step` applies what
the devices sent (`classroom.pump(0)`) and runs the turn clock (`classroom.tick`). This module
starts and ends the class (the Classroom and its WebServer, kept on the app as
`app.classroom` and `app.web`) and draws join codes as QR codes for the projector.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import pygame

from game.i18n import _
from game.net.serve import DEFAULT_PORT

if TYPE_CHECKING:
    from game.ui.app import App

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
QUIET_ZONE = 4  # modules of white around a QR code (what the standard asks for)


def start_class(
    app: App,
    session: Any,
    *,
    port: int | None = None,
    lan: bool = False,
    saved: Any = None,
    fallback: bool = True,
) -> str | None:
    """Put `session` on the students' devices: a Classroom around it and its web server,
    kept as `app.classroom` and `app.web`. Returns None once the server accepts devices, or
    a sentence saying why it could not start.

    `port` None: DEFAULT_PORT. When that port is taken and `fallback`, any free port is used
    instead and `app.class_note` says so. `saved` (game.net.classroom.ClassroomFile): a
    resumed class: the same join codes, and the turn's drafts and submitted choices."""
    from game.net.classroom import Classroom
    from game.net.server import ServerError, WebServer

    wanted = DEFAULT_PORT if port is None else port
    classroom = Classroom(
        session,
        saved.tokens if saved is not None else None,
        auto_advance=False,
        port=wanted,
        lan=lan,
    )
    web = WebServer(classroom, wanted, lan=lan)
    note = ""
    try:
        web.start()
    except ServerError as err:
        if not fallback or wanted == 0:
            return _server_problem(err)
        web = WebServer(classroom, 0, lan=lan)
        try:
            web.start()
        except ServerError as again:
            return _server_problem(again)
        note = _("Port {wanted} is in use on this machine, so the class is on port {port}.").format(
            wanted=wanted, port=web.port
        )
    app.classroom, app.web, app.class_note = classroom, web, note
    app.class_seen = 0  # a resumed turn that every delegation had submitted is revealed now
    app.class_started = False
    classroom.after_load(saved)
    classroom.flush()  # devices.json now names the port the class really uses
    return None


def _server_problem(err: Exception) -> str:
    text = str(err)
    return _("The classroom server could not start: {reason}").format(
        reason=f"{text[:1].lower()}{text[1:]}"
    )


def end_class(app: App) -> None:
    """Write what the devices sent that is not yet on disk, then stop the server (back to the
    title, another game loaded, or the window closed)."""
    classroom, web = app.classroom, app.web
    app.classroom, app.web, app.class_note = None, None, ""
    try:
        if classroom is not None:
            classroom.flush()
    finally:
        if web is not None:
            web.stop()


def network_text(web: Any) -> str:
    """Where devices reach the class, in the instructor's words."""
    if web.lan:
        return _(
            "Room network: devices on this room's network type {address} followed by their "
            "delegation's code"
        ).format(address=f"http://{web.host}:{web.port}/")
    return _(
        "This machine only ({address}): only browsers on this computer can join; choose Room "
        "network in Setup (L) for phones and laptops"
    ).format(address=f"http://127.0.0.1:{web.port}/")


_QR_CACHE: OrderedDict[tuple[str, int], pygame.Surface] = OrderedDict()


def qr_modules(url: str) -> list[list[bool]]:
    """The QR code of `url` (error correction M) as rows of dark (True) and light modules,
    with its white quiet zone."""
    import segno

    code = segno.make(url, error="m")
    return [[bool(v) for v in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def qr_surface(url: str, size: int) -> pygame.Surface:
    """The QR code of `url` as a square picture at most `size` pixels wide: black modules of
    a whole number of pixels each (crisp on a projector), on white, quiet zone included."""
    key = (url, size)
    cached = _QR_CACHE.get(key)
    if cached is not None:
        _QR_CACHE.move_to_end(key)
        return cached
    rows = qr_modules(url)
    count = len(rows)
    module = max(1, size // count)
    surface = pygame.Surface((count * module, count * module))
    surface.fill(WHITE)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                surface.fill(BLACK, pygame.Rect(x * module, y * module, module, module))
    _QR_CACHE[key] = surface
    if len(_QR_CACHE) > 24:
        _QR_CACHE.popitem(last=False)
    return surface
