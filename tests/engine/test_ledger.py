"""Reading the ledger: each indicator's causes carry their own labels."""

from __future__ import annotations

from game.engine.game import Game
from game.engine.ledger import indicator_history, movements


def test_support_and_capital_costs_of_the_same_push_keep_their_own_labels(default_scenario):
    game = Game(default_scenario, 1, humans={"us", "japan", "taiwan"})
    for actor in ("us", "japan", "taiwan"):
        game.submit(actor, {"hadr_exercises": "push"})
    report = game.resolve_turn()
    moved = movements(report.changes)
    title = game.book.measure["hadr_exercises"].model.title
    assert (f"domestic cost of {title}", -0.5) in moved["support.japan"].causes
    assert any(label == f"pushed {title}" for label, _ in moved["capital.japan"].causes)


def test_history_rebuilds_every_indicator_from_the_ledger(mini):
    game = Game(mini, 3)
    while not game.over:
        game.resolve_turn()
    history = indicator_history(game.ledger, len(game.reports))
    for indicator, value in game.state.values.items():
        assert history[indicator][-1] == round(value, 1)
        assert history[indicator][0] == game.book.start_values[indicator]
