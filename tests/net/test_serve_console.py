"""`serve`'s instructor commands (standard input) do what the window's console does."""

from __future__ import annotations

import pytest

from game.net.classroom import Classroom
from game.net.serve import console_command
from game.ui.session import Session


class _Server:
    def join_urls(self):
        return {"japan": "http://127.0.0.1:1/#code"}


@pytest.fixture
def room(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    session = Session.new(mini, 3, ["japan", "taiwan"], {}, autosave=False)
    return Classroom(session, auto_advance=True)


def test_end_and_ai_act_for_a_delegation_that_has_not_decided(room, capsys):
    console_command(room, _Server(), "end japan")
    console_command(room, _Server(), "ai taiwan")
    log = [(a.kind, a.actor) for a in room.game.facilitator_log]
    assert log == [("hold", "japan"), ("ai", "taiwan")]
    assert room.game.state.turn == 2  # nobody left to wait for: the turn was revealed
    assert "Ended japan's turn" in capsys.readouterr().err


def test_a_mistyped_command_or_delegation_is_explained_and_changes_nothing(room, capsys):
    for line in ("end nobody", "bogus", "time soon", "ai"):
        assert console_command(room, _Server(), line) == ""
    err = capsys.readouterr().err
    assert "unknown delegation 'nobody'" in err and "unknown command 'bogus'" in err
    assert "time:" in err
    assert room.game.facilitator_log == [] and room.game.state.turn == 1


def test_time_gives_the_turn_a_running_clock_and_undo_takes_back_a_turn(room, capsys):
    console_command(room, _Server(), "time 90")
    assert room.session.turn_timer and room.session.timer_running
    assert room.session.timer_left == 90
    console_command(room, _Server(), "end japan")
    console_command(room, _Server(), "end taiwan")
    assert room.game.state.turn == 2
    console_command(room, _Server(), "undo")
    assert room.game.state.turn == 1 and room.game.awaiting() == ["japan", "taiwan"]
    assert console_command(room, _Server(), "quit") == "quit"
