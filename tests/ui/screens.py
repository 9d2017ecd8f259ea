"""Reach each in-game screen directly, for layout tests and for looking at the screens.

`open_screen(app, name, scenario)` puts the app on one of SCREENS with a seeded game of the
given scenario in progress: every delegation human, two turns played (so the map, the news,
the reveal and the timeline have something to show), then the screen asked for.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.state import Choice

ROOT = Path(__file__).resolve().parents[2]
SIX = ROOT / "tests" / "fixtures" / "six.yaml"
HISTORY = ROOT / "tests" / "fixtures" / "history.yaml"  # ranges and a history excursion
DEFAULT = ROOT / "scenarios" / "free-and-open-indo-pacific.yaml"
SCREENS = ("turn", "curtain", "forecast", "reveal", "debrief", "what-if")


def new_session(  # noqa: ANN201
    app,  # noqa: ANN001
    scenario: Path,
    seed: int = 7,
    turns: int = 2,
    timer: float = 300.0,
    history: bool = False,
):
    """A game with every delegation human and `turns` turns played (everyone pushes all);
    with `history`, the history excursion."""
    from game.scenario.loader import load_scenario
    from game.scenario.translations import in_language
    from game.ui.session import Session

    loaded = in_language(load_scenario(scenario))  # as the window shows it: in its language
    ids = [a for a, m in loaded.scenario.actors.items() if m.role == "delegation"]
    session = Session.new(
        loaded, seed, ids, {}, autosave=False, timer_seconds=timer, history=history
    )
    app.session = session
    for _ in range(turns):
        play_turn(session)
        if session.game.over:
            break
        session.next_after_reveal()
    return session


def play_turn(session) -> None:  # noqa: ANN001
    """Every human pushes whatever it can afford, in card order."""
    while session.current is not None:
        for option in session.options().measures:
            if Choice.PUSH in option.choices:
                try:
                    session.set_choice(option.measure_id, Choice.PUSH)
                except Exception:  # noqa: BLE001 - unaffordable: hold
                    pass
        session.end_delegation_turn()


def open_screen(app, name: str, scenario: Path = SIX, history: bool = False) -> None:  # noqa: ANN001
    from game.ui.scenes.counterfactual import CounterfactualScene
    from game.ui.scenes.curtain import CurtainScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.forecast import ForecastScene
    from game.ui.scenes.reveal import RevealScene
    from game.ui.scenes.turn import TurnScene

    session = new_session(app, scenario, history=history)
    last = session.game.book.delegation_ids[-1]
    if name == "turn":
        session.current = last  # the longest names are last in six.yaml
        app.switch(TurnScene(app))
    elif name == "curtain":
        session.current = last
        app.switch(CurtainScene(app))
    elif name == "forecast":
        app.switch(ForecastScene(app, last, lambda: None))
    elif name == "reveal":
        play_turn(session)
        app.switch(RevealScene(app))
    else:
        while not session.game.over:
            play_turn(session)
            session.next_after_reveal()
        if name == "debrief":
            app.switch(DebriefScene(app))
        else:
            scene = CounterfactualScene(app)
            app.switch(scene)
            scene.actor = last
            app.rebuild()
            scene.run()
    for _ in range(3):
        app.step(1 / 60)
