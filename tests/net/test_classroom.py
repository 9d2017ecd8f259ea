"""The classroom on devices, without a network: what each delegation's devices are sent, what
they may do, and what a restart keeps (game.net.classroom)."""

from __future__ import annotations

import json
import os
import stat

import pytest

from game.net import messages
from game.net.classroom import (
    DEVICES_FILE,
    TIME_UP_REASON,
    Classroom,
    read_devices_file,
)
from game.net.views import DECIDING, OVER, REVEAL
from game.ui.session import Session


class Recorder:
    """A stand-in for the web server: what was published to whom, and replies by device."""

    def __init__(self):
        self.sent: list[tuple[str, frozenset[str] | None]] = []
        self.replies: list[tuple[int, str]] = []

    def publish(self, text, actors):
        self.sent.append((text, None if actors is None else frozenset(actors)))

    def reply(self, connection, text):
        self.replies.append((connection, json.loads(text)["message"]))

    def seen_by(self, actor):
        return [json.loads(t) for t, who in self.sent if who is None or actor in who]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))


def classroom(mini, *, auto=False, forecasts=False, timer=0.0, autosave=True):
    session = Session.new(
        mini,
        5,
        ["japan", "taiwan"],
        {},
        autosave=autosave,
        forecasts=forecasts,
        timer_seconds=timer,
    )
    room = Classroom(session, auto_advance=auto)
    room.listener = Recorder()
    return room


def send(room, actor, connection=1, **message):
    message.setdefault("type", "choose")
    room.post(("message", connection, actor, messages.parse(json.dumps(message))))
    room.pump()


def test_each_delegation_gets_its_own_unguessable_join_code(mini):
    room = classroom(mini)
    codes = list(room.tokens.values())
    assert sorted(room.tokens) == ["japan", "taiwan"]  # only delegations played by people
    assert len(set(codes)) == 2 and all(len(c) >= 22 for c in codes)  # 16 random bytes
    assert room.actor_for(room.tokens["japan"]) == "japan"
    assert room.actor_for(room.tokens["japan"][:-1] + "A") in (None, "japan")
    assert room.actor_for(room.tokens["japan"][:-1]) is None
    assert room.actor_for(None) is None and room.actor_for("x" * 1000) is None


def test_a_draft_goes_to_its_own_delegations_devices_and_nobody_elses(mini):
    room = classroom(mini)
    rec = room.listener
    rec.sent.clear()
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    own = [m for m in rec.seen_by("japan") if m["type"] == "own"]
    assert own[-1]["choices"] == {"dialogue": "push"}
    for message in rec.seen_by("taiwan"):
        assert "japan" not in json.dumps(message.get("choices", {}))
        assert message["type"] != "own" or message["choices"] == {}


def test_who_has_decided_is_shown_to_all_but_never_what(mini):
    room = classroom(mini)
    rec = room.listener
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    game = [m for m in rec.seen_by("taiwan") if m["type"] == "game"][-1]
    decided = {d["id"]: d["decided"] for d in game["delegations"]}
    assert decided == {"japan": True, "taiwan": False}
    everything_taiwan_saw = json.dumps(rec.seen_by("taiwan"))
    assert '"choices":{"dialogue"' not in everything_taiwan_saw.replace(" ", "")


def test_submitting_locks_the_delegations_choices_for_the_turn(mini):
    room = classroom(mini)
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    send(room, "japan", connection=2, measure="dialogue", choice="oppose", turn=1)
    assert room.listener.replies[-1] == (2, "your choices are locked for this turn")
    assert room.submitted["japan"] == {"dialogue": "push"}


def test_a_message_for_another_turn_is_refused_not_applied(mini):
    room = classroom(mini)
    send(room, "japan", measure="dialogue", choice="push", turn=2)
    assert "it is now" in room.listener.replies[-1][1]
    assert room.session.drafts["japan"] == {}


def test_an_unaffordable_or_unknown_choice_gets_the_engines_reason(mini):
    room = classroom(mini)
    send(room, "japan", measure="no_such_measure", choice="push", turn=1)
    assert "unknown measure" in room.listener.replies[-1][1]


def test_the_turn_resolves_when_every_delegation_has_submitted(mini):
    room = classroom(mini)
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    assert room.phase == DECIDING and room.resolved == 0
    send(room, "taiwan", type="submit", turn=1)
    assert room.phase == REVEAL and room.resolved == 1
    assert room.game.reports[-1].decisions["japan"] == {"dialogue": "push"}
    room.advance()
    assert room.phase == DECIDING and room.game.state.turn == 2
    assert room.session.drafts == {"japan": {}, "taiwan": {}}


def test_without_a_projector_the_next_turn_opens_at_once_with_the_last_turns_results(mini):
    room = classroom(mini, auto=True)
    send(room, "japan", type="submit", turn=1)
    send(room, "taiwan", type="submit", turn=1)
    assert room.phase == DECIDING and room.game.state.turn == 2
    game = [m for m in room.listener.seen_by("taiwan") if m["type"] == "game"][-1]
    assert game["reveal"]["turn"] == 1 and game["turn"] == 2


def test_when_time_is_up_those_who_have_not_submitted_hold_and_the_turn_resolves(mini):
    room = classroom(mini, timer=30)
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    send(room, "taiwan", measure="dialogue", choice="push", turn=1)  # drafted, never submitted
    room.tick(29)
    assert room.phase == DECIDING
    room.tick(2)
    assert room.phase == REVEAL
    report = room.game.reports[-1]
    assert report.decisions["taiwan"] == {} and report.decisions["japan"] == {"dialogue": "push"}
    held = room.game.facilitator_log[-1]
    assert (held.kind, held.actor, held.text) == ("hold", "taiwan", TIME_UP_REASON)


def test_the_console_can_end_a_turn_or_hand_a_delegation_to_the_computer(mini):
    room = classroom(mini)
    send(room, "japan", type="submit", turn=1)
    room.hand_to_ai("taiwan")
    assert room.phase == REVEAL  # nobody else to wait for
    room.advance()
    room.hold("japan")
    assert room.phase == REVEAL
    kinds = [(a.kind, a.actor) for a in room.game.facilitator_log]
    assert kinds == [("ai", "taiwan"), ("hold", "japan")]
    own = [m for m in room.listener.seen_by("taiwan") if m["type"] == "own"][-1]
    assert own["seat"] == "ai"


def test_a_computer_seat_cannot_act_from_a_device(mini):
    room = classroom(mini)
    room.hand_to_ai("taiwan")
    send(room, "taiwan", measure="dialogue", choice="push", turn=1)
    assert "played by the computer" in room.listener.replies[-1][1]


def test_forecasts_from_devices_are_recorded_only_when_the_class_asks_for_them(mini):
    room = classroom(mini)
    send(room, "japan", type="forecast", question="tension_up", probability=0.7, turn=1)
    assert "forecasts are off" in room.listener.replies[-1][1]
    room = classroom(mini, forecasts=True)
    send(room, "japan", type="forecast", question="tension_up", probability=0.7, turn=1)
    assert [(f.actor, f.probability) for f in room.game.forecasts] == [("japan", 0.7)]
    own = [m for m in room.listener.seen_by("japan") if m["type"] == "own"][-1]
    assert {q["id"]: q["probability"] for q in own["questions"]}["tension_up"] == 0.7


def test_the_game_ends_with_a_debrief_for_every_device(mini):
    room = classroom(mini, auto=True)
    while room.phase != OVER:
        turn = room.game.state.turn
        send(room, "japan", type="submit", turn=turn)
        send(room, "taiwan", type="submit", turn=turn)
    game = [m for m in room.listener.seen_by("japan") if m["type"] == "game"][-1]
    assert game["debrief"]["shared_score"]
    send(room, "japan", type="submit", turn=room.game.state.turn)
    assert "turn is over" in room.listener.replies[-1][1]


def test_a_restart_resumes_with_the_same_links_and_the_turns_choices(mini):
    from game.engine.saves import load_game

    room = classroom(mini)
    send(room, "japan", type="submit", turn=1)
    send(room, "taiwan", type="submit", turn=1)
    room.advance()
    send(room, "japan", measure="dialogue", choice="push", turn=2)
    send(room, "japan", type="submit", turn=2)
    send(room, "taiwan", measure="dialogue", choice="oppose", turn=2)
    room.flush()  # what Ctrl-C or closing the window does; a kill loses at most a second
    folder = room.session.save_path.parent
    mode = stat.S_IMODE(os.stat(folder / DEVICES_FILE).st_mode)
    assert mode == 0o600  # it holds the join codes
    saved = read_devices_file(folder)
    game = load_game(folder / "game.json", mini)
    session = Session(game, folder / "game.json")
    session.start_turn()
    again = Classroom(session, saved.tokens)
    again.after_load(saved)
    assert again.tokens == room.tokens
    assert again.submitted == {"japan": {"dialogue": "push"}}
    assert again.game.awaiting() == ["taiwan"]
    assert again.session.drafts["taiwan"] == {"dialogue": "oppose"}


def test_a_damaged_devices_file_is_reported_with_its_name(mini, tmp_path):
    from game.net.classroom import DevicesFileError

    (tmp_path / DEVICES_FILE).write_text('{"kind": "trilateral-devices", "tokens": 5}')
    with pytest.raises(DevicesFileError, match="devices.json"):
        read_devices_file(tmp_path)
    assert read_devices_file(tmp_path / "elsewhere") is None


def test_reloading_the_scenario_keeps_the_turns_submitted_choices_and_drafts(mini):
    from game.engine.saves import record_of, replay

    room = classroom(mini)
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    send(room, "taiwan", measure="dialogue", choice="oppose", turn=1)
    drafts = {a: dict(d) for a, d in room.session.drafts.items()}
    # What F5 does: the game is replayed on the file as it is now, and the turn starts again.
    room.session.game = replay(record_of(room.game), mini)
    room.session.start_turn()
    room.game_replaced(drafts)
    assert room.game.awaiting() == ["taiwan"]  # Japan's submission stands
    assert room.submitted == {"japan": {"dialogue": "push"}}
    assert room.session.drafts["taiwan"] == {"dialogue": "oppose"}
    send(room, "taiwan", type="submit", turn=1)
    assert room.phase == REVEAL
    assert room.game.reports[-1].decisions["japan"] == {"dialogue": "push"}


def test_choices_the_facilitator_makes_impossible_are_opened_again_and_the_delegation_told(mini):
    room = classroom(mini)
    send(room, "japan", measure="dialogue", choice="push", turn=1)
    send(room, "japan", type="submit", turn=1)
    room.game.adjust("capital.japan", -3, "budget cut")  # 1 left: the push costs 2
    room.console_changed()
    assert "japan" not in room.submitted and room.game.awaiting() == ["japan", "taiwan"]
    assert room.session.drafts["japan"] == {}  # what no longer fits is taken out
    send(room, "japan", measure="dialogue", choice="oppose", turn=1)
    send(room, "japan", type="submit", turn=1)
    assert room.submitted == {"japan": {"dialogue": "oppose"}}
    told = [m for m in room.listener.seen_by("japan") if m["type"] == "error"]
    assert told and "open again" in told[-1]["message"]
    assert not [m for m in room.listener.seen_by("taiwan") if m["type"] == "error"]


def test_the_facilitator_ending_a_turn_or_handing_over_is_saved_at_once(mini):
    from game.engine.saves import read_save

    room = classroom(mini)
    room.hand_to_ai("taiwan")
    saved = read_save(room.session.save_path)
    assert [(a.kind, a.actor) for a in saved.facilitator] == [("ai", "taiwan")]
    room.advance() if room.phase == REVEAL else None
    room.hold("japan")
    saved = read_save(room.session.save_path)
    assert ("hold", "japan") in [(a.kind, a.actor) for a in saved.facilitator]


def test_reloading_during_the_reveal_keeps_the_class_on_the_reveal(mini):
    from game.engine.saves import record_of, replay

    room = classroom(mini)
    send(room, "japan", type="submit", turn=1)
    send(room, "taiwan", type="submit", turn=1)
    assert room.phase == REVEAL
    room.session.game = replay(record_of(room.game), mini)
    room.session.start_turn()
    room.game_replaced({})
    assert room.phase == REVEAL
    send(room, "japan", type="submit", turn=2)
    assert "turn is over" in room.listener.replies[-1][1]  # the next turn is not open yet


@pytest.mark.parametrize(
    "tokens, why",
    [
        ({"japan": "a" * 22, "taiwan": "a" * 22}, "same join code"),
        ({"japan": "short"}, "not one Trilateral made"),
        ({"japan": "bad\ncode-with-a-line-break-in-it"}, "not one Trilateral made"),
    ],
)
def test_join_codes_in_a_devices_file_must_be_ones_trilateral_makes(tmp_path, tokens, why):
    from game.net.classroom import DevicesFileError

    (tmp_path / DEVICES_FILE).write_text(
        json.dumps({"kind": "trilateral-devices", "tokens": tokens})
    )
    with pytest.raises(DevicesFileError, match=why):
        read_devices_file(tmp_path)
