"""The classroom's web server as devices use it: joining, the views each device is sent, a
delegation's devices in step, a turn from choices to the reveal, and the server's limits."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest

from game.net import server
from tests.net.conftest import WAIT, affordable_push, decided

pytestmark = pytest.mark.usefixtures("clean_server")


def test_a_device_joins_and_is_sent_its_scenario_the_game_and_its_own_views(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    kinds = [m["type"] for m in japan.received[:3]]
    assert kinds == ["scenario", "game", "own"]
    scenario = japan.received[0]
    assert scenario["delegation"]["id"] == "japan"
    assert scenario["cards"]
    game = japan.game()
    assert game["turn"] == 1 and game["phase"] == "deciding"
    assert [d["id"] for d in game["delegations"]] == ["us", "japan", "taiwan"]
    joined = japan.game(lambda v: any(d["id"] == "japan" and d["joined"] for d in v["delegations"]))
    assert joined["delegations"][1]["joined"] == 1


def test_the_devices_of_one_delegation_see_its_draft_live(live_class):
    live = live_class()
    first = live.device("us")
    second = live.device("us")
    measure = affordable_push(first.own())
    second.own()
    first.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    assert second.own(lambda v: v["choices"] == {measure: "push"})
    second.send({"type": "choose", "turn": 1, "measure": measure, "choice": "hold"})
    first.own(lambda v: v["choices"] == {} and v["capital_left"] == v["capital"])
    second.send({"type": "submit", "turn": 1})
    assert first.own(lambda v: v["submitted"])


def test_a_turn_from_submits_to_the_reveal_and_the_next_turn(live_class):
    live = live_class()
    devices = {a: live.device(a) for a in ("us", "japan", "taiwan")}
    chosen = {}
    for actor, device in devices.items():
        measure = affordable_push(device.own())
        chosen[actor] = measure
        device.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
        device.own(lambda v, m=measure: m in v["choices"])
    for actor, device in devices.items():
        device.send({"type": "submit", "turn": 1})
        for other in devices.values():  # the last to decide: the reveal itself shows it
            other.game(lambda v, a=actor: decided(v, a) or v["turn"] == 2)
    for device in devices.values():
        view = device.game(lambda v: v["turn"] == 2)
        assert view["reveal"]["turn"] == 1
        assert view["phase"] == "deciding"
        assert not any(d["decided"] for d in view["delegations"])
        assert device.own(lambda v: v["submitted"] is False and v["choices"] == {})
    assert live.on_owner(lambda c: c.game.state.turn) == 2
    decisions = live.on_owner(
        lambda c: {a: dict(d) for a, d in c.game.reports[0].decisions.items()}
    )
    for actor, measure in chosen.items():
        assert str(decisions[actor][measure]) == "push"


def test_ping_gets_pong(live_class):
    live = live_class()
    japan = live.device("japan")
    japan.own()
    japan.send({"type": "ping"})
    japan.wait_for(lambda m: m["type"] == "pong")


def test_the_page_and_health_are_served(live_class):
    live = live_class()
    with urllib.request.urlopen(f"http://127.0.0.1:{live.port}/health", timeout=WAIT) as r:
        assert json.loads(r.read()) == {"ok": True}
    with urllib.request.urlopen(f"http://127.0.0.1:{live.port}/", timeout=WAIT) as r:
        assert r.status == 200 and r.headers["content-type"].startswith("text/html")


def test_a_device_that_never_says_hello_is_closed(live_class, monkeypatch):
    monkeypatch.setattr(server, "HELLO_SECONDS", 0.3)
    live = live_class()
    silent = live.raw()
    assert silent.wait_closed() == 4408
    live.device("us").own()


def test_a_delegation_takes_at_most_so_many_devices(live_class, monkeypatch):
    monkeypatch.setattr(server, "MAX_PER_DELEGATION", 2)
    live = live_class()
    first, second = live.device("us"), live.device("us")
    first.own()
    second.own()
    third = live.device("us")
    assert "as many devices" in third.next_error()["message"]
    assert third.wait_closed() == 4409  # not now: the page tries again later
    live.device("japan").own()  # other delegations are not affected
    second.close()
    live.on_owner(lambda c: None)
    fourth = live.device("us")  # a place freed by a device that left
    fourth.wait_for(lambda m: m["type"] in ("own", "error"))
    if fourth.received[-1]["type"] == "error":  # the leave may still be on its way
        fourth = live.device("us")
    fourth.own()


def test_the_joined_count_follows_devices_coming_and_going(live_class):
    live = live_class()
    watcher = live.device("japan")
    watcher.own()
    us = [live.device("us") for _ in range(3)]
    watcher.game(lambda v: v["delegations"][0]["joined"] == 3)
    for device in us:
        device.close()
    watcher.game(lambda v: v["delegations"][0]["joined"] == 0)


class _FakeSocket:
    pass


def test_a_slow_device_is_only_ever_owed_the_newest_view_of_each_kind():
    async def run() -> tuple[dict, int]:
        device = server._Device(1, "us", _FakeSocket())  # type: ignore[arg-type]
        for n in range(1000):
            device.queue_view(json.dumps({"type": "game", "n": n}))
            device.queue_view(json.dumps({"type": "own", "n": n}))
        for n in range(50):
            device.queue_error(json.dumps({"type": "error", "message": str(n)}))
        return device.views, len(device.errors)

    views, errors = asyncio.run(run())
    assert {k: json.loads(v)["n"] for k, v in views.items()} == {"game": 999, "own": 999}
    assert errors == 10


def test_the_views_are_coalesced_but_the_last_one_always_arrives(live_class):
    live = live_class()
    us = live.device("us")
    own = us.own()
    options = [o for o in own["options"] if "oppose" in o["choices"]]
    for option in options:  # fewer than the burst the rate limit allows
        for choice in ("oppose", "hold"):
            us.send({"type": "choose", "turn": 1, "measure": option["id"], "choice": choice})
    last = options[-1]["id"]
    us.send({"type": "choose", "turn": 1, "measure": last, "choice": "oppose"})
    us.own(lambda v: v["choices"] == {last: "oppose"})


class _StubSocket:
    """Just enough of a Starlette WebSocket for the door: where it comes from, and what was
    done with it."""

    def __init__(self, host):
        from types import SimpleNamespace

        self.headers = {}
        self.client = SimpleNamespace(host=host)
        self.accepted = False
        self.closed = None

    async def accept(self):
        self.accepted = True

    async def close(self, code=1000):
        self.closed = code

    async def receive(self):
        await asyncio.Event().wait()  # a device that never says hello

    async def send_text(self, text):
        pass


def test_one_address_cannot_hold_more_than_its_share_of_unanswered_connections():
    import asyncio

    from game.net.server import MAX_WAITING_PER_ADDRESS, Hub, _device_session

    async def scenario():
        hub = Hub(classroom=None)
        lingering = [_StubSocket("192.168.1.23") for _ in range(MAX_WAITING_PER_ADDRESS)]
        tasks = [asyncio.create_task(_device_session(hub, ws)) for ws in lingering]
        await asyncio.sleep(0.05)
        one_more, other_phone, this_machine = (
            _StubSocket("192.168.1.23"),
            _StubSocket("192.168.1.24"),
            _StubSocket("127.0.0.1"),
        )
        await _device_session(hub, one_more)
        tasks += [
            asyncio.create_task(_device_session(hub, ws)) for ws in (other_phone, this_machine)
        ]
        await asyncio.sleep(0.05)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return lingering, one_more, other_phone, this_machine, hub

    lingering, one_more, other_phone, this_machine, hub = asyncio.run(scenario())
    assert all(ws.accepted for ws in lingering)
    assert not one_more.accepted and one_more.closed == 1008
    assert other_phone.accepted and this_machine.accepted
    assert hub.waiting == {}  # every door that closed was counted out again
