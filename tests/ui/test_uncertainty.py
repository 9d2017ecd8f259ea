"""Uncertain amounts and the history excursion in the window (issue 12): a range reads '+2 to
+9' wherever effects are listed, says what this game drew once it has acted, and the history
excursion's events are marked with their real date in the reveal, the news and the Load list."""

from __future__ import annotations

from game.formatting import signed
from tests.ui.conftest import frames, screen_text
from tests.ui.screens import HISTORY, new_session, play_turn


def drawn(game, kind: str, owner: str) -> float:  # noqa: ANN001
    (value,) = [v for r, v in game.effects.drawn if r.kind == kind and r.owner == owner]
    return value


def hover_texts(app) -> list[str]:  # noqa: ANN001
    frames(app, 2)
    return [h.text for h in app.painter.hovers]


def test_a_card_shows_the_range_and_what_the_game_drew_only_once_adopted(app):
    from game.ui.scenes.turn import TurnScene

    session = new_session(app, HISTORY, turns=0)
    game = session.game
    app.switch(TurnScene(app))
    (card,) = [t for t in hover_texts(app) if t.startswith("Security dialogue\n")]
    assert "Red cell reaction on adoption: Tension +2 to +9" in card
    assert "drawn" not in card  # before it acts, the players see only the range
    (exercises,) = [t for t in hover_texts(app) if t.startswith("Joint exercises\n")]
    assert "Each turn in force: Resilience (Maritime) +1 to +3" in exercises
    assert "Source: An essay. Confidence: low" in exercises  # the source still shows

    for _ in range(2):
        play_turn(session)
        session.next_after_reveal()
    assert "dialogue" in game.state.adopted
    app.switch(TurnScene(app))
    (card,) = [t for t in hover_texts(app) if t.startswith("Security dialogue\n")]
    value = signed(drawn(game, "reaction", "dialogue"))
    assert f"Red cell reaction on adoption: Tension drawn {value} of +2 to +9" in card
    assert "When adopted: Cooperation +10" in card  # a fixed amount reads as before


def test_reveal_tooltips_say_what_this_game_drew_with_the_source(app):
    from game.ui.scenes.reveal import RevealScene

    session = new_session(app, HISTORY, turns=1, history=True)
    play_turn(session)  # turn 2: the dialogue is adopted, a patrol, the leaders' statement
    game = session.game
    app.switch(RevealScene(app))
    tips = hover_texts(app)
    reaction = signed(drawn(game, "reaction", "dialogue"))
    (tip,) = [t for t in tips if t.startswith("The red cell's response to the adoption")]
    assert f"This game: Tension drawn {reaction} of +2 to +9" in tip
    assert "Source: An essay. Confidence: low" in tip
    patrol = signed(drawn(game, "hit", "patrol"))
    assert any(
        f"This game: Resilience (Maritime) drawn {patrol} of -7 to -3, Tension +2" in t
        for t in tips
    )
    statement = signed(drawn(game, "inject", "statement"))
    assert any(
        f"This game: Cooperation +3, Tension drawn {statement} of +1 to +4" in t for t in tips
    )


def test_history_events_are_marked_with_their_date_in_the_reveal_and_the_news(app):
    from game.ui.news import news_html
    from game.ui.scenes.reveal import RevealScene

    session = new_session(app, HISTORY, turns=1, history=True)
    play_turn(session)
    game = session.game
    assert "statement" in game.reports[-1].injects
    app.switch(RevealScene(app))
    frames(app, 2)
    text = screen_text(app) + "\n".join(d.full for d in app.painter.drawn)
    assert "• History, 14 May 2020: Leaders' statement" in text
    assert "• Inject: Election" in text  # the scenario's own inject: not history
    assert any(
        t.startswith("Leaders' statement: ")
        and "It happened for real, on 14 May 2020 (the history excursion)." in t
        for t in hover_texts(app)
    )
    news = news_html(game, app.palette)
    assert "<b>History, 14 May 2020:</b> Leaders' statement" in news
    assert "History, 14 May 2020:</b> Election" not in news and "Election" in news


def test_a_hand_fired_inject_in_the_news_says_what_it_drew(app):
    from game.ui.labels import inject_effects_text
    from game.ui.news import news_html

    session = new_session(app, HISTORY, turns=0)
    game = session.game
    assert inject_effects_text(game, "statement") == "Cooperation +3, Tension +1 to +4"
    game.fire_inject("statement")
    value = signed(drawn(game, "inject", "statement"))
    news = news_html(game, app.palette)
    assert f"[Cooperation +3, Tension drawn {value} of +1 to +4]" in news


def test_the_load_list_says_which_games_played_the_history_excursion(app):
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario
    from game.ui.scenes.load import HISTORY_PLAYED, LoadScene
    from game.ui.settings import saves_dir

    loaded = load_scenario(HISTORY)
    saves_dir().mkdir(parents=True, exist_ok=True)
    save_game(Game(loaded, 1, ["japan"], history=True), saves_dir() / "real.json")
    save_game(Game(loaded, 2, ["japan"]), saves_dir() / "own.json")
    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    scene = app.scene
    rows = {row.path.name: row for row in scene.saves}
    assert "· history excursion ·" in scene.label(rows["real.json"])
    assert "history excursion" not in scene.label(rows["own.json"])
    assert ("Timeline", HISTORY_PLAYED) in scene.details(rows["real.json"])
    assert all(heading != "Timeline" for heading, _ in scene.details(rows["own.json"]))
    scene._selected(scene.saves.index(rows["real.json"]))
    frames(app, 2)
    shown = " ".join(" ".join(d.full for d in app.painter.drawn).split())
    assert "Timeline" in shown and " ".join(HISTORY_PLAYED.split()) in shown
