"""A class on the students' own devices, seen from the window: Setup starts the server, the
join screen shows a QR code per delegation, the projector shows who has decided (never what),
the console ends a turn or hands a delegation to the AI, and Load resumes the class with the
same links. Devices are simulated by posting into the classroom as the web server does, and
once through a real WebSocket."""

from __future__ import annotations

import argparse
import json
import socket
import urllib.error
import urllib.request

import pygame
import pytest

from game.engine.state import Choice
from game.net import messages
from game.net.classroom import DEVICES_FILE
from tests.ui.conftest import click, frames, press, screen_text


@pytest.fixture
def class_app(app):
    """The app, with the class's server on a free port; the class is ended afterwards."""
    app.initial_port = 0
    yield app
    app.end_class()


def start_class(app, humans: list[str] | None = None) -> None:
    """New game on devices: every delegation played by people unless `humans` says which."""
    from game.ui.scenes.setup import HUMAN

    click(app, "New game")
    setup = app.scene
    for actor in setup.seats:
        if humans is None or actor in humans:
            setup.seats[actor] = HUMAN
        else:
            setup.seats[actor] = setup.ai_label(actor, None)
    app.rebuild()
    press(app, pygame.K_d)
    assert setup.devices
    click(app, "Start game")


def send(app, actor: str, connection: int, **message) -> None:
    """A device of `actor` sends `message` (as the web server posts it)."""
    app.classroom.post(("message", connection, actor, messages.parse(json.dumps(message))))


def decide(app, actor: str, connection: int = 1) -> list[str]:
    """`actor`'s device pushes what it can afford and submits; returns the titles pushed."""
    game = app.session.game
    pushed = []
    for option in game.options(actor).measures:
        if Choice.PUSH not in option.choices:
            continue
        draft = {**app.session.drafts.get(actor, {}), option.measure_id: Choice.PUSH}
        try:
            game.check(actor, draft)
        except Exception:  # noqa: BLE001 - unaffordable: the device leaves it
            continue
        send(app, actor, connection, type="choose", turn=game.state.turn,
             measure=option.measure_id, choice="push")  # fmt: skip
        frames(app, 1)
        pushed.append(game.book.measure[option.measure_id].model.title)
    send(app, actor, connection, type="submit", turn=game.state.turn)
    frames(app, 2)
    return pushed


def tile_status(app, name: str) -> str:
    """What the projector says under a delegation's name in its tile (the last place the
    name is drawn: the tiles come after the dashboard)."""
    drawn = app.painter.drawn_text
    index = len(drawn) - 1 - drawn[::-1].index(name)
    return drawn[index + 1]


def refused(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
    except (urllib.error.URLError, ConnectionError, OSError):
        return True
    return False


def test_setup_on_devices_starts_the_server_and_shows_a_qr_code_per_human_delegation(class_app):
    from game.ui.devices import qr_modules

    app = class_app
    start_class(app, humans=["us", "japan"])
    assert app.scene.title == "Join codes"
    port = app.web.port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
        assert page.status == 200  # the delegation page is served
    frames(app, 2)
    scene = app.scene
    urls = app.web.join_urls()
    assert set(urls) == {"us", "japan"} and set(scene.qr_spots) == {"us", "japan"}
    text = screen_text(app)
    assert "This machine only" in text and f"127.0.0.1:{port}" in text
    for actor, url in urls.items():
        assert url in text  # the link under its code, whole
        assert url.split("#")[1] == app.classroom.tokens[actor]
        rect, drawn_url = scene.qr_spots[actor]
        assert drawn_url == url
        # every module of the code on screen is the QR code of that link, quiet zone included
        rows = qr_modules(url)
        module = rect.width // len(rows)
        assert module >= 4  # big enough to scan from the back of a room
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                colour = app.surface.get_at(
                    (rect.x + x * module + module // 2, rect.y + y * module + module // 2)
                )
                assert (colour.r < 128) == dark, (actor, x, y)
    assert "No device yet" in text
    app.classroom.post(("join", 7, "japan"))
    app.classroom.post(("join", 8, "japan"))
    frames(app, 2)
    assert "2 devices joined" in screen_text(app)


def test_play_devices_lan_port_preselect_the_setup(monkeypatch, tmp_path):
    from game.play_args import add_play_arguments
    from game.ui import app as app_module

    parser = argparse.ArgumentParser()
    add_play_arguments(parser)
    args = parser.parse_args(["--devices", "--lan", "--port", "9123"])
    seen = {}
    monkeypatch.setattr(app_module, "main", lambda *a, **kw: seen.update(kw) or 0)
    assert app_module.play_window(args) == 0
    assert (seen["devices"], seen["lan"], seen["port"]) == (True, True, 9123)


def test_the_setup_switches_start_as_play_devices_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), size=(1280, 720), initial_devices=True, initial_lan=True)
    try:
        app.scene.wait_until_loaded()
        app.step()
        click(app, "New game")
        setup = app.scene
        assert setup.devices and setup.lan
        assert "Room network: devices type http://" in screen_text(app)
        press(app, pygame.K_l)
        assert not setup.lan and "This machine only" in screen_text(app)
        press(app, pygame.K_d)
        assert not setup.devices and "Room network" not in screen_text(app)
    finally:
        pygame.display.quit()


def test_a_taken_port_falls_back_to_a_free_one_and_says_so(class_app):
    app = class_app
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    taken = blocker.getsockname()[1]
    try:
        app.initial_port = taken
        start_class(app)
        assert app.web is not None and app.web.port != taken
        assert (
            f"Port {taken} is in use on this machine, so the class is on port {app.web.port}"
            in (screen_text(app))
        )
    finally:
        blocker.close()


def test_the_projector_shows_who_has_decided_and_never_what(class_app):
    app = class_app
    start_class(app)
    press(app, pygame.K_RETURN)  # the join screen's Start the game
    assert app.scene.title == "Projector"
    game = app.session.game
    titles = [m.model.title for m in game.book.measures]
    app.classroom.post(("join", 1, "japan"))
    frames(app, 2)
    assert tile_status(app, "Japan") == "Deciding…"
    pushed = decide(app, "japan")
    assert pushed  # the device chose something
    text = screen_text(app)
    assert tile_status(app, "Japan") == "Decided"
    assert tile_status(app, "United States") == "Deciding…"
    for title in titles:  # no card, no draft, no choice of anyone's
        assert title not in text
    decide(app, "us", connection=2)
    assert app.scene.title == "Projector"
    decide(app, "taiwan", connection=3)
    assert app.scene.title == "Reveal"  # every delegation decided: the choices come out
    assert any(title in screen_text(app) for title in pushed)
    press(app, pygame.K_RETURN)  # the reveal's Next turn opens the next turn on every device
    assert app.scene.title == "Projector"
    assert app.classroom.phase == "deciding" and game.state.turn == 2
    assert tile_status(app, "Japan") == "Deciding…"


def test_a_real_device_joins_and_decides_over_the_websocket(class_app):
    from websockets.sync.client import connect

    app = class_app
    start_class(app, humans=["taiwan"])
    press(app, pygame.K_RETURN)
    token = app.classroom.tokens["taiwan"]
    with connect(f"ws://127.0.0.1:{app.web.port}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "token": token}))
        for _ in range(200):
            frames(app, 1)
            if app.classroom.status().joined["taiwan"]:
                break
        assert "1 device joined" in screen_text(app)
        turn = app.session.game.state.turn
        ws.send(json.dumps({"type": "submit", "turn": turn}))
        for _ in range(200):
            frames(app, 1)
            if app.scene.title != "Projector":
                break
    assert app.scene.title == "Reveal"  # the only delegation played by people decided


def test_the_console_ends_a_turn_or_hands_a_delegation_to_the_ai(class_app):
    app = class_app
    start_class(app)
    press(app, pygame.K_RETURN)
    game = app.session.game
    published = []
    hub = app.classroom.listener

    class Recorder:
        def publish(self, text, actors):  # noqa: ANN001
            published.append(text)
            hub.publish(text, actors)

        def reply(self, connection, text):  # noqa: ANN001
            hub.reply(connection, text)

    app.classroom.listener = Recorder()
    press(app, pygame.K_F9)
    console = app.overlays[-1]
    assert console.title == "Facilitator console"
    click(app, "Start timer")  # a turn without a clock gets five minutes
    published.clear()
    click(app, "+1 minute")  # the devices are told at once, not at the clock's next change
    timers = [json.loads(t)["timer"] for t in published if t.startswith('{"type":"game"')]
    assert timers and timers[-1]["on"] and timers[-1]["left"] == pytest.approx(360, abs=1)
    click(app, "End turn for Japan")
    last = game.facilitator_log[-1]
    assert (last.kind, last.actor) == ("hold", "japan")
    assert "End turn for Japan" not in screen_text(app)  # it has decided now
    click(app, "Hand Taiwan to the AI")
    last = game.facilitator_log[-1]
    assert (last.kind, last.actor) == ("ai", "taiwan")
    assert "taiwan" not in game.setup.humans
    assert "facilitator" in console.message.lower() or "AI" in console.message
    click(app, "End turn for United States")
    frames(app, 2)
    assert app.scene.title == "Reveal" and not app.overlays
    report = app.session.last_report
    assert report.decisions["japan"] == {} and report.decisions["us"] == {}


def test_the_console_says_why_a_delegation_cannot_be_ended(class_app):
    app = class_app
    start_class(app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_F9)
    console = app.overlays[-1]
    decide(app, "japan")  # its device submits while the console is open: its buttons go
    assert "End turn for Japan" not in screen_text(app)
    log = len(app.session.game.facilitator_log)
    console.end_turn_for("japan")  # a click that was already on its way
    frames(app, 1)
    assert "Japan has already decided this turn." in screen_text(app)
    assert len(app.session.game.facilitator_log) == log  # nothing recorded
    console.hand_to_ai("nobody")  # the engine's refusal is shown as it says it
    frames(app, 1)
    assert "'nobody' is not a delegation played by people" in screen_text(app)


def test_take_back_in_a_device_class_goes_through_the_classroom(class_app):
    app = class_app
    start_class(app, humans=["us"])
    press(app, pygame.K_RETURN)
    decide(app, "us")
    assert app.scene.title == "Reveal"
    press(app, pygame.K_RETURN)
    game_before = app.session.game
    assert game_before.state.turn == 2
    press(app, pygame.K_F9)
    click(app, "Take back the last turn")
    click(app, "Click again to take back")
    assert app.scene.title == "Projector"
    assert app.session.game.state.turn == 1
    assert app.classroom.phase == "deciding" and "us" in app.session.game.awaiting()
    assert "Took back a turn" in screen_text(app)


def test_quitting_to_the_title_saves_the_devices_drafts_and_stops_the_server(class_app):
    app = class_app
    start_class(app, humans=["japan"])
    press(app, pygame.K_RETURN)
    port = app.web.port
    folder = app.session.save_path.parent
    option = next(o for o in app.session.game.options("japan").measures if Choice.PUSH in o.choices)
    send(app, "japan", 1, type="choose", turn=1, measure=option.measure_id, choice="push")
    frames(app, 1)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)  # the pause menu's Quit to menu
    assert app.scene.title != "Projector" and app.classroom is None and app.web is None
    assert refused(port)
    saved = json.loads((folder / DEVICES_FILE).read_text())
    assert saved["drafts"]["japan"] == {option.measure_id: "push"}


def test_closing_the_window_ends_the_class(class_app):
    app = class_app
    start_class(app, humans=["japan"])
    port = app.web.port
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run() == 0
    assert app.classroom is None and refused(port)


def resume_latest(app) -> None:
    from game.ui.scenes.load import LoadScene

    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    frames(app, 1)
    press(app, pygame.K_RETURN)


def test_load_resumes_a_device_class_with_the_same_links(class_app):
    app = class_app
    start_class(app)
    press(app, pygame.K_RETURN)
    tokens = dict(app.classroom.tokens)
    port = app.web.port
    decide(app, "japan")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)
    assert refused(port)
    resume_latest(app)
    assert app.scene.title == "Resume a class on devices"
    assert f"port {port}" in screen_text(app)
    click(app, "Resume on devices")
    assert app.scene.title == "Join codes"
    assert app.classroom.tokens == tokens and app.web.port == port
    assert app.web.join_urls()["us"] == f"http://127.0.0.1:{port}/#{tokens['us']}"
    press(app, pygame.K_RETURN)
    assert tile_status(app, "Japan") == "Decided"  # what it submitted before is kept
    assert tile_status(app, "Taiwan") == "Deciding…"


def test_a_taken_port_on_resume_offers_another_port_or_hot_seat(class_app):
    app = class_app
    start_class(app)
    tokens = dict(app.classroom.tokens)
    port = app.web.port
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)
    resume_latest(app)
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port))
    blocker.listen(1)
    try:
        click(app, "Resume on devices")
        assert app.classroom is None
        text = screen_text(app)
        assert f"port {port} is already in use" in text
        click(app, "Resume on another port")
        assert app.web.port != port and app.classroom.tokens == tokens
    finally:
        blocker.close()


def test_hot_seat_resume_of_a_device_class(class_app):
    app = class_app
    start_class(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)
    resume_latest(app)
    click(app, "Resume in hot seat")
    assert app.classroom is None and app.scene.title in ("Curtain", "Turn")


def test_a_damaged_devices_file_says_so_and_resumes_in_hot_seat(class_app):
    app = class_app
    start_class(app)
    folder = app.session.save_path.parent
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_q)
    (folder / DEVICES_FILE).write_text('{"kind": "trilateral-devices", "tokens": 5}')
    resume_latest(app)
    assert app.classroom is None and app.scene.title in ("Curtain", "Turn")
    text = screen_text(app)
    assert "devices file is damaged" in text and "hot seat" in text


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lan", [False, True], ids=["this-machine", "room-network"])
def test_setup_with_devices_on_lays_out_without_overlap_at_every_text_size(
    tmp_path, monkeypatch, size, lan
):
    from game.scenario.loader import load_scenario
    from game.ui.app import App
    from game.ui.scenes.setup import SetupScene
    from game.ui.settings import TEXT_SCALES, Settings
    from tests.ui.layout_check import layout_problems
    from tests.ui.screens import HISTORY, SIX

    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    try:
        for scale in TEXT_SCALES:
            app = App(Settings(text_scale=scale), size=size, initial_devices=True, initial_lan=lan)
            for scenario in (SIX, HISTORY):
                app.switch(SetupScene(app, load_scenario(scenario)))
                frames(app, 2)
                assert app.scene.devices and app.scene.lan == lan
                assert "Devices" in screen_text(app)
                assert layout_problems(app) == [], (scale, scenario.name)
    finally:
        pygame.display.quit()


def test_a_device_class_plays_to_the_debrief(class_app):
    app = class_app
    start_class(app, humans=["us"])
    press(app, pygame.K_RETURN)
    game = app.session.game
    for _ in range(game.scenario.turns + 1):
        if game.over:
            break
        assert app.scene.title == "Projector"
        decide(app, "us")
        assert app.scene.title == "Reveal"
        press(app, pygame.K_RETURN)
    assert game.over and app.scene.title == "Debrief"
    assert app.classroom.phase == "over"
    assert len(game.reports) == len(json.loads(app.session.save_path.read_text())["turns"])
