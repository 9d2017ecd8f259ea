"""Which screen comes next in a game: turn, hand-over curtain, reveal or debrief."""

from __future__ import annotations


def after_decision_point(app, what: str) -> None:  # noqa: ANN001
    """Switch to the scene named by the session's flow ('turn', 'curtain', 'reveal', 'debrief')."""
    if what == "turn":
        from game.ui.scenes.turn import TurnScene

        app.switch(TurnScene(app))
    elif what == "curtain":
        from game.ui.scenes.curtain import CurtainScene

        app.switch(CurtainScene(app))
    elif what == "reveal":
        from game.ui.scenes.reveal import RevealScene

        app.switch(RevealScene(app))
    elif what == "debrief":
        from game.ui.scenes.debrief import DebriefScene

        app.switch(DebriefScene(app))
    else:  # pragma: no cover - programming error
        raise ValueError(what)
