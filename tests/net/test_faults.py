"""Issue 13, section 6, in one process: a device that drops and comes back finds its
delegation's state; a dead device never blocks the class (the facilitator or the timer ends
the turn); the facilitator can hand a delegation to the computer under its devices' feet."""

from __future__ import annotations

import socket

import pytest

from tests.net.conftest import affordable_push, decided

pytestmark = pytest.mark.usefixtures("clean_server")


def _drop(device) -> None:  # noqa: ANN001 - a conftest Device
    """The phone's Wi-Fi goes: no closing handshake, the socket just dies."""
    sock = device.ws.socket
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def test_a_device_that_drops_mid_turn_finds_its_submitted_choices_and_draft_again(live_class):
    live = live_class()
    us, japan = live.device("us"), live.device("japan")
    measure = affordable_push(us.own())
    us.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    us.own(lambda v: measure in v["choices"])
    us.send({"type": "submit", "turn": 1})
    us.own(lambda v: v["submitted"])
    drafted = affordable_push(japan.own())
    japan.send({"type": "choose", "turn": 1, "measure": drafted, "choice": "push"})
    japan.own(lambda v: drafted in v["choices"])
    _drop(us)
    _drop(japan)

    back = live.device("us")
    own = back.own()
    assert own["submitted"] is True and own["choices"] == {measure: "push"}
    assert back.game(lambda v: decided(v, "us"))
    again = live.device("japan")
    own = again.own()
    assert own["submitted"] is False and own["choices"] == {drafted: "push"}
    again.send({"type": "submit", "turn": 1})  # and it can go on where it was
    again.own(lambda v: v["submitted"] and v["choices"] == {drafted: "push"})


def test_a_dead_device_does_not_block_the_class_the_facilitator_ends_its_turn(live_class):
    live = live_class()
    devices = {a: live.device(a) for a in ("us", "japan", "taiwan")}
    for device in devices.values():
        device.own()
    _drop(devices["japan"])
    for actor in ("us", "taiwan"):
        devices[actor].send({"type": "submit", "turn": 1})
        devices[actor].own(lambda v: v["submitted"])
    devices["us"].game(lambda v: v["delegations"][1]["joined"] == 0)  # the drop was noticed
    assert live.on_owner(lambda c: c.game.awaiting()) == ["japan"]
    live.on_owner(lambda c: c.hold("japan"))
    view = devices["us"].game(lambda v: v["turn"] == 2)
    japan_row = next(d for d in view["reveal"]["decisions"] if d["delegation"] == "Japan")
    assert japan_row["choices"] == []
    log = live.on_owner(lambda c: [(a.kind, a.actor) for a in c.game.facilitator_log])
    assert ("hold", "japan") in log
    back = live.device("japan")  # and Japan plays on in the next turn
    back.send({"type": "submit", "turn": 2})
    back.own(lambda v: v["submitted"])


def test_a_dead_device_does_not_block_the_class_the_timer_ends_its_turn(live_class):
    live = live_class(timer_seconds=1.0)
    us, japan, taiwan = (live.device(a) for a in ("us", "japan", "taiwan"))
    assert us.game()["timer"]["on"] is True
    japan.own()
    _drop(japan)
    for device in (us, taiwan):
        device.send({"type": "submit", "turn": 1})
        device.own(lambda v: v["submitted"])
    view = us.game(lambda v: v["turn"] == 2)
    assert view["reveal"]["turn"] == 1
    log = live.on_owner(lambda c: [(a.kind, a.actor, a.turn) for a in c.game.facilitator_log])
    assert ("hold", "japan", 1) in log
    assert ("hold", "us", 1) not in log  # those who submitted keep their choices


def test_handing_a_delegation_to_the_computer_tells_its_devices_and_refuses_their_choices(
    live_class,
):
    live = live_class()
    us, japan = live.device("us"), live.device("japan")
    measure = affordable_push(japan.own())
    japan.send({"type": "choose", "turn": 1, "measure": measure, "choice": "push"})
    japan.own(lambda v: v["choices"])
    live.on_owner(lambda c: c.hand_to_ai("japan"))
    assert japan.own(lambda v: v["seat"] == "ai")
    japan.send({"type": "submit", "turn": 1})
    assert "computer" in japan.next_error()["message"]
    us.game(lambda v: v["delegations"][1]["seat"] == "ai")


def test_devices_that_come_and_go_all_turn_leave_the_class_playable(live_class):
    live = live_class()
    keep = live.device("taiwan")
    keep.own()
    for round_ in range(5):
        flaky = [live.device("us") for _ in range(3)]
        for device in flaky:
            device.own()
        if round_ % 2:
            for device in flaky:
                _drop(device)
        else:
            for device in flaky:
                device.close()
    keep.game(lambda v: v["delegations"][0]["joined"] == 0)
    for actor in ("us", "japan", "taiwan"):
        device = live.device(actor)
        device.send({"type": "submit", "turn": 1})
        device.own(lambda v: v["submitted"] or v["choices"] == {})
    keep.game(lambda v: v["turn"] == 2)


def test_devices_dropping_while_views_stream_to_them_leave_no_error_behind(live_class):
    import gc

    live = live_class()
    driver = live.device("us")
    own = driver.own()
    option = next(o for o in own["options"] if "oppose" in o["choices"])
    for _round in range(3):
        watchers = [live.device("us") for _ in range(8)]
        for device in watchers:
            device.own()
        for n in range(12):
            choice = ("push", "hold", "oppose", "hold")[n % 4]
            driver.send({"type": "choose", "turn": 1, "measure": option["id"], "choice": choice})
            if n == 6:
                for device in watchers:
                    _drop(device)
        driver.own(lambda v: v["choices"] == {})
        driver.drain(1.1)  # the rate limit refills
    driver.game(lambda v: v["delegations"][0]["joined"] == 1)
    gc.collect()
    driver.send({"type": "submit", "turn": 1})
    driver.own(lambda v: v["submitted"])
