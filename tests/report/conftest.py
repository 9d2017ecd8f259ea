"""Games to report on: a finished and an unfinished game of the small scenario, with every kind
of white-cell action and some forecasts."""

from __future__ import annotations

import struct
import zlib

import pytest

from game.engine.game import Game
from game.report import baseline as baseline_module
from game.report.baseline import Baseline

NOTE = "Japan hesitated over the dialogue"
REASON = "Class debate escalated"
LATE_NOTE = "Second period starts here"


def play(loaded, turns: int | None = None) -> Game:
    """Japan is human, Taiwan is the AI; the white cell acts in turn 1 and turn 2."""
    game = Game(loaded, 9, humans={"japan"})
    while not game.over and (turns is None or len(game.reports) < turns):
        turn = game.state.turn
        if turn == 1:
            game.add_note(NOTE)
            game.fire_inject("storm")
            game.adjust("tension", 5, REASON)
        if turn == 2:
            game.adjust("cooperation", -3, "Walk-out")
        game.submit_forecast("japan", "tension_up", 0.7)
        game.submit_forecast("taiwan", "cooperation_up", 0.4)
        game.submit("japan", {} if "dialogue" in game.state.adopted else {"dialogue": "push"})
        game.resolve_turn()
    return game


@pytest.fixture()
def finished(mini) -> Game:
    game = play(mini)
    assert game.over
    return game


@pytest.fixture()
def unfinished(mini) -> Game:
    game = play(mini, turns=2)
    game.add_note(LATE_NOTE)  # during turn 3's decisions, not yet resolved
    game.submit_forecast("japan", "tension_up", 0.9)
    return game


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png(text: str) -> bytes:
    """A valid 1x1 PNG carrying `text`, so different charts get different bytes."""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + _chunk(b"tEXt", b"Comment\x00" + text.encode())
        + _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + _chunk(b"IEND", b"")
    )


@pytest.fixture()
def quick_charts(monkeypatch):
    """Stand-in charts for tests about files and commands, not pictures (matplotlib takes about
    a second a report; the chart tests draw the real ones)."""
    from game.report import charts

    def render_charts(data):  # noqa: ANN001, ANN202
        keys = ["indicators", "resilience", "delegations"]
        if data.comparison is not None and data.comparison.scores:
            keys.append("comparison")
        stamp = f"{data.setup.turns_played}:{data.outcome.shared_score}"
        return {k: charts.Chart(k, k, f"{k} chart", tiny_png(f"{k}:{stamp}")) for k in keys}

    monkeypatch.setattr(charts, "render_charts", render_charts)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test has its own cache folder (the AI baseline is cached there), never the user's."""
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))


def known_baseline(monkeypatch, game: Game, offsets, outcomes=None) -> None:
    """AI games are replaced by a baseline whose scores are the class's shared score plus
    `offsets` (in the bands `outcomes`; the scenario's last band by default), so every figure
    of the comparison can be checked by hand."""
    mine = game.result().shared.score
    scores = tuple(mine + d for d in offsets)
    ids = [o.id for o in game.scenario.outcomes]
    outcomes = tuple(outcomes or [ids[-1]] * len(scores))
    fake = Baseline(scores, outcomes, 3, False)
    monkeypatch.setattr(baseline_module, "ai_baseline", lambda *a, **k: fake)
