"""Which screen comes next in a game: turn, hand-over curtain, reveal or debrief; in a class
on the students' own devices, the projector's turn screen and the join codes instead of the
turn and the curtain (nobody decides at the window)."""

from __future__ import annotations


def after_decision_point(app, what: str) -> None:  # noqa: ANN001
    """Switch to the scene named by the session's flow ('turn', 'curtain', 'reveal', 'debrief',
    and for a class on devices 'projector' and 'join')."""
    if getattr(app, "classroom", None) is not None and what in ("turn", "curtain"):
        what = "projector"
    if what == "projector":
        from game.ui.scenes.projector import ProjectorScene

        app.switch(ProjectorScene(app))
    elif what == "join":
        from game.ui.scenes.join import JoinScene

        app.switch(JoinScene(app))
    elif what == "turn":
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
