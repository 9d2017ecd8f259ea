"""Issue 13, section 5: a device reads and acts only for its own delegation; whatever it sends,
it gets an error for itself alone and the class goes on; the instructor's controls are not
reachable from any link; join codes are unguessable and never logged."""

from __future__ import annotations

import http.client
import json
import re
import string
import time
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosedError, InvalidStatus
from websockets.sync.client import connect

from tests.net.conftest import WAIT, affordable_push, decided

pytestmark = pytest.mark.usefixtures("clean_server")

NET = Path(__file__).resolve().parents[2] / "game" / "net"


def _choices_in(message: object) -> list[dict]:
    """Every `choices` mapping anywhere in a message (own views carry the draft there)."""
    found = []
    if isinstance(message, dict):
        for key, value in message.items():
            if key == "choices" and isinstance(value, dict):
                found.append(value)
            found.extend(_choices_in(value))
    elif isinstance(message, list):
        for value in message:
            found.extend(_choices_in(value))
    return found


def _http(port: int, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        body = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, headers, body
    finally:
        conn.close()


# --- reading only one's own delegation ------------------------------------------------------


def test_a_device_never_receives_another_delegations_draft_or_choices_before_the_reveal(
    live_class,
):
    live = live_class()
    us = live.device("us")
    japan = live.device("japan")
    japan_own = japan.own()
    japan_measures = {o["id"] for o in japan_own["options"]}
    mine = us.own()
    first = affordable_push(mine)
    us.send({"type": "choose", "turn": 1, "measure": first, "choice": "push"})
    mine = us.own(lambda v: first in v["choices"])
    second = affordable_push({**mine, "options": [o for o in mine["options"] if o["id"] != first]})
    us.send({"type": "choose", "turn": 1, "measure": second, "choice": "push"})
    us.own(lambda v: second in v["choices"])
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    japan.game(lambda v: decided(v, "us"))  # japan is told that the US decided...
    japan.drain(0.3)
    before_reveal = list(japan.received)
    for message in before_reveal:
        assert message.get("type") != "own" or message["options"] == japan_own["options"]
        for choices in _choices_in(message):
            assert choices == {}, f"japan was sent choices before the reveal: {message}"
        if message.get("type") == "game":
            assert message["reveal"] is None
            assert "push" not in json.dumps(message["delegations"])
    assert {first, second} & japan_measures  # ...and would have seen them in its own view
    # nor the US's private briefing and objectives (its scenario view is the US's alone)
    us_scenario = next(m for m in us.received if m["type"] == "scenario")["delegation"]
    scenarios = [m for m in japan.received if m["type"] == "scenario"]
    assert scenarios and all(m["delegation"]["id"] == "japan" for m in scenarios)
    seen = "".join(json.dumps(m, ensure_ascii=False) for m in japan.received)
    assert us_scenario["briefing"] and us_scenario["briefing"] not in seen

    # After the reveal the US's choices are everyone's to see: the check above was real.
    japan.send({"type": "submit", "turn": 1})
    taiwan = live.device("taiwan")
    taiwan.send({"type": "submit", "turn": 1})
    reveal = japan.game(lambda v: v["reveal"] is not None)["reveal"]
    us_row = next(d for d in reveal["decisions"] if d["delegation"] == "United States")
    assert len(us_row["choices"]) == 2


def test_a_new_device_of_another_delegation_gets_no_draft_in_its_first_views(live_class):
    live = live_class()
    us = live.device("us")
    measure = affordable_push(us.own())
    us.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    us.own(lambda v: measure in v["choices"])
    japan = live.device("japan")
    japan.own()
    japan.drain(0.2)
    for message in japan.received:
        for choices in _choices_in(message):
            assert choices == {}


# --- acting only for one's own delegation ---------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [{"delegation": "us"}, {"actor": "us"}, {"token": "x"}, {"connection": 1}, {"turn2": 1}],
)
def test_a_message_naming_another_delegation_is_refused(live_class, extra):
    live = live_class()
    us = live.device("us")
    japan = live.device("japan")
    measure = affordable_push(japan.own())
    japan.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push", **extra})
    error = japan.next_error()
    assert "bad message" in error["message"]
    japan.send({"type": "submit", "turn": 1, **extra})
    japan.next_error()
    drafts = live.on_owner(lambda c: {a: dict(d) for a, d in c.session.drafts.items()})
    assert drafts["us"] == {} and drafts["japan"] == {}
    assert live.on_owner(lambda c: set(c.game.awaiting())) == {"us", "japan", "taiwan"}
    us.drain(0.2)
    assert not [m for m in us.received if m["type"] == "error"]  # only the sender is told


def test_a_second_hello_with_another_delegations_code_changes_nothing(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    japan.send({"type": "hello", "token": live.tokens["us"]})
    assert japan.next_error()["message"] == "already joined"
    japan.send({"type": "submit", "turn": 1})
    japan.own(lambda v: v["submitted"])
    awaiting = live.on_owner(lambda c: set(c.game.awaiting()))
    assert awaiting == {"us", "taiwan"}  # the japanese device submitted for Japan only


def _one_character_changed(token: str) -> str:
    swap = "A" if token[5] != "A" else "B"
    return token[:5] + swap + token[6:]


@pytest.mark.parametrize(
    "token",
    [
        "one-changed",
        "",
        "x" * 101,
        "x" * 1500,
        "prefix",
        "suffix",
        "upper",
        "\u202e\u0000\ud7ff",
        12345,
        None,
        ["us"],
        {"us": True},
        True,
    ],
)
def test_a_wrong_join_code_gets_an_error_and_is_closed(live_class, token):
    live = live_class()
    real = live.tokens["us"]
    token = (
        {
            "one-changed": _one_character_changed(real),
            "prefix": real[:-1],
            "suffix": real + "A",
            "upper": real.upper() if real.upper() != real else real.lower(),
        }.get(token, token)
        if isinstance(token, str)
        else token
    )
    device = live.device(token=token)
    error = device.next_error()
    assert error["type"] == "error"
    assert device.wait_closed() == 4401
    assert not [m for m in device.received if m["type"] in ("own", "game", "scenario")]
    us = live.device("us")  # the class goes on
    us.own()


def test_messages_before_hello_are_refused_and_close(live_class):
    live = live_class()
    device = live.raw()
    device.send({"type": "submit", "turn": 1})
    device.next_error()
    assert device.wait_closed() == 4401
    assert live.on_owner(lambda c: set(c.game.awaiting())) == {"us", "japan", "taiwan"}


def test_a_token_in_the_websocket_url_grants_nothing(live_class):
    live = live_class()
    for path in (f"/ws?token={live.tokens['us']}", f"/ws/{live.tokens['us']}", "/us"):
        try:
            ws = connect(f"ws://127.0.0.1:{live.port}{path}", open_timeout=WAIT)
        except InvalidStatus:
            continue  # no such WebSocket: refused at the handshake
        with ws:
            ws.send(json.dumps({"type": "submit", "turn": 1}))
            reply = json.loads(ws.recv(timeout=WAIT))
            assert reply["type"] == "error"
    assert live.on_owner(lambda c: set(c.game.awaiting())) == {"us", "japan", "taiwan"}


@pytest.mark.parametrize(
    "path",
    [
        "/us",
        "/japan",
        "/ws?token=abc",
        "/static/../game/net/classroom.py",
        "/static/%2e%2e/classroom.py",
        "/static/..%2fclassroom.py",
        "/static/%2e%2e%2f%2e%2e%2fmain.py",
        "/static//etc/passwd",
        "/static/",
        "/static/../../../../etc/passwd",
        "/../main.py",
        "/admin",
        "/console",
        "/hold",
        "/api/hold",
        "/hand_to_ai",
        "/timer",
        "/take_back",
        "/devices.json",
        "/game.json",
    ],
)
def test_no_route_but_the_page_health_static_and_ws(live_class, path):
    live = live_class()
    for method in ("GET", "POST"):
        status, headers, body = _http(live.port, method, path)
        assert status in (404, 405), (method, path, status, body[:200])
        assert b"import " not in body and b"root:" not in body


def test_the_application_has_exactly_four_routes(live_class):
    from game.net.server import make_app

    live = live_class()
    app = make_app(live.server.hub).app
    assert sorted(getattr(r, "path", "") for r in app.routes) == [
        "/",
        "/health",
        "/static",
        "/ui",
        "/ws",
    ]
    assert _http(live.port, "GET", "/")[0] == 200
    assert _http(live.port, "GET", "/health")[0] == 200
    assert _http(live.port, "POST", "/")[0] == 405
    assert _http(live.port, "DELETE", "/health")[0] == 405


@pytest.mark.parametrize(
    "message",
    [
        {"type": "hold"},
        {"type": "hold", "delegation": "us"},
        {"type": "hand_to_ai", "delegation": "us"},
        {"type": "hand_to_ai"},
        {"type": "timer", "seconds": 1},
        {"type": "pause"},
        {"type": "add_time", "seconds": 600},
        {"type": "take_back"},
        {"type": "advance"},
        {"type": "resolve"},
        {"type": "reveal"},
        {"type": "console", "password": ""},
        {"type": "note", "text": "x"},
    ],
)
def test_the_instructors_controls_are_not_messages(live_class, message):
    live = live_class()
    japan = live.device("japan")
    before = japan.game()
    japan.send(message)
    assert "bad message" in japan.next_error()["message"]
    state = live.on_owner(
        lambda c: (
            set(c.game.awaiting()),
            len(c.game.facilitator_log),
            c.game.state.turn,
            c.session.timer_left,
            sorted(c.game.setup.humans),
        )
    )
    assert state == ({"us", "japan", "taiwan"}, 0, 1, 0.0, ["japan", "taiwan", "us"])
    assert before["timer"]["on"] is False


# --- whatever comes, an error for that device, and the class goes on ---------------------


BAD_FRAMES = [
    "not json",
    "",
    "[]",
    "[1, 2]",
    '"hello"',
    "42",
    "null",
    "true",
    "{}",
    '{"type": 7}',
    '{"type": ["choose"]}',
    '{"type": {"a": 1}}',
    '{"type": "choose"}',
    '{"type": "choose", "turn": "1", "measure": "x", "choice": "push"}',
    '{"type": "choose", "turn": 1.0, "measure": "x", "choice": "push"}',
    '{"type": "choose", "turn": true, "measure": "x", "choice": "push"}',
    '{"type": "choose", "turn": 1, "measure": "x", "choice": "PUSH"}',
    '{"type": "choose", "turn": 1, "measure": "x", "choice": "veto"}',
    '{"type": "choose", "turn": 1, "measure": "../x", "choice": "push"}',
    '{"type": "choose", "turn": 1, "measure": "\\u0000", "choice": "push"}',
    '{"type": "choose", "turn": 1, "measure": "\\ud800", "choice": "push"}',
    '{"type": "choose", "turn": 1, "measure": "\u00e9\u202e\U0001f600", "choice": "push"}',
    '{"type": "choose", "turn": 99999999999999999999999, "measure": "x", "choice": "push"}',
    '{"type": "choose", "turn": -1, "measure": "x", "choice": "push"}',
    '{"type": "forecast", "turn": 1, "question": "q", "probability": NaN}',
    '{"type": "forecast", "turn": 1, "question": "q", "probability": Infinity}',
    '{"type": "forecast", "turn": 1, "question": "q", "probability": 1e999}',
    '{"type": "forecast", "turn": 1, "question": "q", "probability": 2}',
    '{"type": "submit", "turn": 1, "type": "hold"}',
    "[" * 1000 + "]" * 1000,
    '{"a":' * 300 + "1" + "}" * 300,
    '{"type": "submit", "turn": 1, "x": ' + "[" * 500 + "]" * 500 + "}",
    "\ufffe\uffff\U0010ffff",
    "\x00\x01\x02",
    '{"type": "submit", "turn": 1}' + " garbage",
]


@pytest.mark.parametrize("frame", BAD_FRAMES, ids=range(len(BAD_FRAMES)))
def test_a_bad_message_gets_an_error_for_that_device_only(live_class, frame):
    live = live_class()
    us = live.device("us")
    japan = live.device("japan")
    us.own()
    japan.own()
    japan.send(frame)
    error = japan.next_error()
    assert error["message"] and len(error["message"]) < 300
    assert "Traceback" not in error["message"]
    # the same device goes on working, and so does everyone else
    japan.send({"type": "submit", "turn": 1})
    japan.own(lambda v: v["submitted"])
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    assert not [m for m in us.received if m["type"] == "error"]


def test_binary_frames_are_refused(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    japan.send(json.dumps({"type": "submit", "turn": 1}).encode())
    assert "text" in japan.next_error()["message"]
    assert live.on_owner(lambda c: "japan" in c.game.awaiting())
    japan.send(b"\xff\xfe\x00")
    japan.next_error()


def test_a_text_frame_of_invalid_utf8_closes_only_that_connection(live_class):
    live = live_class()
    us = live.device("us")
    japan = live.device("japan")
    us.own()
    japan.own()
    japan.ws.send(b'{"type": "submit", "turn": 1, "x": "\xed\xa0\x80\xff"}', text=True)
    assert japan.wait_closed() == 1007  # the WebSocket protocol's "invalid data"
    assert live.on_owner(lambda c: "japan" in c.game.awaiting())
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])


def test_a_binary_hello_is_refused(live_class):
    live = live_class()
    device = live.raw()
    device.send(json.dumps({"type": "hello", "token": live.tokens["us"]}).encode())
    device.next_error()
    assert device.wait_closed() == 4401


def test_a_message_between_2_and_16_kib_gets_an_error_and_the_connection_stays(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    for size in (2049, 4000, 16 * 1024 - 100):
        japan.send(json.dumps({"type": "submit", "turn": 1, "pad": "x" * size}))
        assert "too long" in japan.next_error()["message"]
    japan.send({"type": "submit", "turn": 1})
    japan.own(lambda v: v["submitted"])


def test_a_frame_over_16_kib_closes_only_that_connection(live_class):
    live = live_class()
    us = live.device("us")
    japan = live.device("japan")
    us.own()
    japan.own()
    japan.send("x" * (16 * 1024 + 1))
    assert japan.wait_closed() == 1009
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    again = live.device("japan")  # the delegation can join again
    again.own()


def test_a_message_for_another_turn_is_refused(live_class):
    live = live_class()
    japan = live.device("japan")
    measure = affordable_push(japan.own())
    for turn in (0, 2, 3, 10_000):
        japan.send({"type": "choose", "turn": turn, "measure": measure, "choice": "push"})
        japan.next_error()
        japan.send({"type": "submit", "turn": turn})
        japan.next_error()
    assert live.on_owner(lambda c: dict(c.session.drafts["japan"])) == {}
    # once turn 1 is over, a message for it is refused
    for actor in ("us", "japan", "taiwan"):
        live.on_owner(lambda c, a=actor: c.hold(a))
    japan.game(lambda v: v["turn"] == 2)
    japan.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    assert "it is now" in japan.next_error()["message"]
    japan.send({"type": "submit", "turn": 1})
    japan.next_error()
    assert live.on_owner(lambda c: "japan" in c.game.awaiting())


def test_a_measure_not_on_the_table_or_unaffordable_is_refused(live_class):
    live = live_class()
    japan = live.device("japan")
    own = japan.own()
    for measure in ("no_such_measure", "x" * 100):
        japan.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
        japan.next_error()
    on_table = {o["id"] for o in own["options"]}
    locked = [m["id"] for m in japan.game()["measures"] if m["id"] not in on_table]
    assert locked
    japan.send({"type": "choose", "turn": 1, "measure": locked[0], "choice": "push"})
    japan.next_error()
    # push until the capital runs out: the push that would overspend is refused
    spent = 0
    refused = False
    for option in own["options"]:
        if "push" not in option["choices"]:
            continue
        japan.send({"type": "choose", "turn": 1, "measure": option["id"], "choice": "push"})
        if spent + option["push_cost"] > own["capital"]:
            japan.next_error()
            refused = True
            break
        spent += option["push_cost"]
        japan.own(lambda v, m=option["id"]: m in v["choices"])
    assert refused
    draft = live.on_owner(lambda c: dict(c.session.drafts["japan"]))
    cost = live.on_owner(lambda c: c.game.options("japan").cost_of(draft))
    assert cost <= own["capital"]


def test_submit_twice_and_choose_after_submit_are_refused(live_class):
    live = live_class()
    japan = live.device("japan")
    measure = affordable_push(japan.own())
    japan.send({"type": "submit", "turn": 1})
    japan.own(lambda v: v["submitted"])
    japan.send({"type": "submit", "turn": 1})
    assert "locked" in japan.next_error()["message"]
    japan.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    assert "locked" in japan.next_error()["message"]
    assert live.on_owner(lambda c: dict(c.session.drafts["japan"])) == {}
    assert live.on_owner(lambda c: c.submitted["japan"]) == {}


def test_a_forecast_when_forecasts_are_off_is_refused(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    japan.send({"type": "forecast", "turn": 1, "question": "q", "probability": 0.5})
    assert "off" in japan.next_error()["message"]


def test_a_flood_is_slowed_then_closed_while_another_device_submits(live_class):
    live = live_class()
    us = live.device("us")
    flood = live.device("japan")
    us.own()
    flood.own()
    ping = json.dumps({"type": "ping"})
    sent = 0
    try:
        for _ in range(600):
            flood.ws.send(ping)
            sent += 1
    except Exception:  # noqa: BLE001 - the server may close it before all are sent
        pass
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    assert flood.wait_closed() == 1008
    slow = [m for m in flood.received if m["type"] == "error" and "slow down" in m["message"]]
    assert slow
    assert sent > 200
    again = live.device("japan")  # a closed device may join again
    again.own()


# --- join codes, headers, logs ------------------------------------------------------------


def test_join_codes_are_128_bits_from_secrets_and_unique(live_class):
    from game.net import classroom

    assert classroom.TOKEN_BYTES >= 16
    source = (NET / "classroom.py").read_text(encoding="utf-8")
    assert re.search(r"secrets\.token_urlsafe\(TOKEN_BYTES\)", source)
    alphabet = set(string.ascii_letters + string.digits + "-_")
    codes = {classroom.new_token() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) >= 22 and set(code) <= alphabet
    live = live_class()
    assert len(set(live.tokens.values())) == 3
    for actor, url in live.urls.items():
        assert url == f"http://127.0.0.1:{live.port}/#{live.tokens[actor]}"


@pytest.mark.parametrize("path", ["/", "/health", "/static/index.html", "/nothing"])
def test_every_response_has_the_security_headers(live_class, path):
    live = live_class()
    _, headers, _ = _http(live.port, "GET", path)
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp and "*" not in csp  # nothing from anywhere else
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert "server" not in headers


def test_join_codes_are_never_logged_or_printed(live_class, clean_server):
    log, printed = clean_server
    live = live_class()
    devices = [live.device(a) for a in ("us", "japan", "taiwan")]
    for device in devices:
        device.own()
    wrong = live.device(token=_one_character_changed(live.tokens["us"]))
    wrong.wait_closed()
    _http(live.port, "GET", "/")
    _http(live.port, "GET", f"/ws?token={live.tokens['japan']}")
    for device in devices:
        device.close()
    live.stop()
    text = "\n".join(log) + printed()
    for token in (*live.tokens.values(), _one_character_changed(live.tokens["us"])):
        assert token not in text


def test_forecasts_stay_with_their_delegation_and_bad_ones_are_refused(live_class):
    live = live_class(forecasts=True)
    us, japan = live.device("us"), live.device("japan")
    questions = us.own()["questions"]
    assert questions and all(q["probability"] is None for q in questions)
    asked = questions[0]["id"]
    us.send({"type": "forecast", "turn": 1, "question": asked, "probability": 0.37})
    us.own(lambda v: v["questions"][0]["probability"] == 0.37)
    for bad in ("no_such_question", "adopted:no_such_measure", "x" * 100):
        japan.send({"type": "forecast", "turn": 1, "question": bad, "probability": 0.5})
        assert "not a question" in japan.next_error()["message"]
    japan.send({"type": "forecast", "turn": 2, "question": asked, "probability": 0.5})
    japan.next_error()
    japan.drain(0.2)
    assert "0.37" not in "".join(japan.texts)
    own = japan.latest("own")
    assert all(q["probability"] is None for q in own["questions"])
    assert live.on_owner(lambda c: [(f.actor, f.probability) for f in c.game.forecasts]) == [
        ("us", 0.37)
    ]


def test_a_message_in_fragments_is_held_to_the_same_caps(live_class):
    live = live_class()
    us, japan = live.device("us"), live.device("japan")
    us.own()
    japan.own()
    japan.ws.send(["x" * 1000] * 4)  # 4 KB in four fragments: too long, an error
    assert "too long" in japan.next_error()["message"]
    # 20 KB in fragments: closed like one big frame. The server may close the connection
    # while the fragments are still being sent, so the sender may see a reset rather than
    # the close frame (1009); either way japan's device is gone and the class goes on.
    try:
        japan.ws.send(["x" * 1000] * 20)
        japan.wait_closed()
    except (ConnectionClosedError, OSError):
        pass
    deadline = time.monotonic() + WAIT
    while live.classroom.status().joined["japan"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert live.classroom.status().joined["japan"] == 0
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])


def test_a_compressed_bomb_is_closed_before_it_is_inflated(live_class):
    live = live_class()
    bomb = live.device("japan")
    bomb.own()
    names = [type(e).__name__ for e in bomb.ws.protocol.extensions]
    assert names == ["PerMessageDeflate"]  # the server compresses: a bomb is possible
    bomb.ws.send("x" * 5_000_000)  # a few KB on the wire if compressed
    assert bomb.wait_closed() == 1009
    live.device("us").own()


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "null", "http://127.0.0.1", "http://127.0.0.1:1"]
)
def test_a_page_of_another_site_cannot_open_the_websocket(live_class, origin):
    live = live_class()
    with pytest.raises(InvalidStatus) as refused:
        connect(live.ws_url, origin=origin, open_timeout=WAIT)
    assert refused.value.response.status_code == 403
    own_page = f"http://127.0.0.1:{live.port}"
    with connect(live.ws_url, origin=own_page, open_timeout=WAIT) as ws:  # the class's page
        ws.send(json.dumps({"type": "hello", "token": live.tokens["us"]}))
        assert json.loads(ws.recv(timeout=WAIT))["type"] == "scenario"
