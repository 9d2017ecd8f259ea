"""What the report says, word for word and figure for figure.

Every section of the report is decided once, in `game.report.data`; the HTML and Markdown pages
only lay it out. These golden reports pin that data for games chosen to reach every branch: a
class game with every kind of white-cell action (a note, a hand-fired inject, an adjustment, a
delegation held and one handed to the AI, a turn taken back and replayed, forecasts better than,
equal to and worse than a coin toss); a game stopped after two turns and one stopped before its
first; a game ended by a crisis; domains with and without their own names; AI games of the
bundled scenario (twelve quarters, sources with links and notes, turning points with more
causes than shown and losses resilience absorbed), of the ranged-amounts fixture and of the
history excursion; and the comparison with AI games on baselines of known scores (above, below
and in the middle; one game and several). Alongside each record the golden file keeps the
sentences its methods write (the causes of a turning point, the class's standing).

A change meant to change what the report says rewrites the files in the same commit:

    python -m tests.report.test_report_words     # rewrites tests/report/golden/*.json

and the diff shows every sentence and figure that changed. The rules behind the figures have
their own tests (tests/report/test_report.py, tests/engine/); these catch a report that
misquotes them.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game import i18n
from game.engine.game import FacilitatorAction, Game, play_ai_game
from game.engine.saves import take_back
from game.paths import SCENARIO_DIR
from game.report.data import ReportData, WhiteCellItem, gather, paragraphs
from game.report.words import stamp
from game.scenario.loader import LoadedScenario, load_scenario, load_scenario_text
from tests.conftest import MINI
from tests.report.conftest import known_baseline, play
from tests.scenario.helpers import variant

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def _mini() -> LoadedScenario:
    return load_scenario(MINI)


def white_cell_game() -> Game:
    """Japan and Taiwan played by people; the white cell does everything it can."""
    game = Game(_mini(), 11, humans={"japan", "taiwan"})
    # Turn 1: a note written over two lines, an inject fired by hand, an adjustment; Taiwan's
    # table is away and the facilitator holds for it.
    game.add_note("Japan hesitated\nover the dialogue")
    game.fire_inject("storm")
    game.adjust("tension", 5, "Class debate escalated")
    game.submit_forecast("japan", "tension_up", 0.7)
    game.submit_forecast("taiwan", "cooperation_up", 0.5)
    game.submit("japan", {"dialogue": "push"})
    game.hold_for("taiwan", "Taiwan's table was away")
    game.resolve_turn()
    # Turn 2, played, then taken back and played again differently.
    game.submit("japan", {"dialogue": "push"})
    game.submit("taiwan", {"dialogue": "push"})
    game.resolve_turn()
    game = take_back(game)
    game.submit_forecast("japan", "tension_up", 0.2)
    game.submit_forecast("taiwan", "cooperation_up", 0.5)
    game.submit("japan", {"dialogue": "push"})
    game.submit("taiwan", {"dialogue": "oppose"})
    game.resolve_turn()
    # Turn 3: Taiwan's seat is handed to the computer; the white cell lowers cooperation.
    game.hand_to_ai("taiwan")
    game.adjust("cooperation", -3, "Walk-out")
    game.submit_forecast("japan", "cooperation_up", 0.9)
    game.submit("japan", {"dialogue": "push"})
    game.resolve_turn()
    while not game.over:
        game.submit("japan", {})
        game.resolve_turn()
    return game


def unfinished_game() -> Game:
    """Stopped after two turns, with a note and a forecast in the third turn's decisions."""
    game = play(_mini(), turns=2)
    game.add_note("Second period starts here")
    game.submit_forecast("japan", "tension_up", 0.9)
    game.submit_forecast("japan", "cooperation_up", 0.6)  # two forecasts awaiting the turn
    return game


def not_started_game() -> Game:
    """Stopped before the first turn was resolved."""
    game = Game(_mini(), 2, humans={"japan"})
    game.add_note("Set-up took the whole period")
    game.submit_forecast("japan", "tension_up", 0.3)
    return game


def crisis_game() -> Game:
    """Ended by a crisis in a scenario that names its tension indicator."""
    text = variant(
        "tension: {start: 30, crisis_at: 90}",
        "tension: {start: 30, crisis_at: 90, title: Strait tension}",
    )
    game = Game(load_scenario_text(text, "mini.yaml"), 3)
    game.adjust("tension", 60, "The class escalated on purpose")
    game.resolve_turn()
    return game


def domains_game() -> Game:
    """One resilience domain with its own name, one without (its key, capitalised)."""
    text = variant(
        "maritime: {start: 40, title: Maritime}", "maritime: {start: 40, title: Sea lanes}"
    )
    text = text.replace("information: {start: 30, title: Information}", "information: {start: 30}")
    return play_ai_game(load_scenario_text(text, "mini.yaml"), 4)


def one_turn_game() -> Game:
    """A scenario of a single turn: its status is in the singular."""
    text = variant("turns: 4", "turns: 1").replace("    turn: 2\n", "    turn: 1\n")
    return play_ai_game(load_scenario_text(text, "mini.yaml"), 7)


def history_game() -> Game:
    game = Game(load_scenario(FIXTURES / "history.yaml"), 6, history=True)
    while not game.over:
        game.resolve_turn()
    return game


GAMES: dict[str, Callable[[], Game]] = {
    "white-cell": white_cell_game,
    "unfinished": unfinished_game,
    "not-started": not_started_game,
    "crisis": crisis_game,
    "domains": domains_game,
    "one-turn": one_turn_game,
    "default-ai": lambda: play_ai_game(
        load_scenario(SCENARIO_DIR / "free-and-open-indo-pacific.yaml"), 5
    ),
    "assumptions-ai": lambda: play_ai_game(load_scenario(FIXTURES / "assumptions.yaml"), 8),
    "history-ai": history_game,
}

# Baselines of known scores: the class's score plus these offsets.
BASELINES = {
    "above-one": [-1.0],
    "above-two": [-3.0, -2.0],
    "below-one": [1.0],
    "below-two": [1.0, 4.0],
    "middle-one": [0.0],
    "middle": [-10.0, 0.0, 0.0, 5.0, 10.0],
    "near-the-top": [-1.0] * 199 + [1.0],
    "near-the-bottom": [1.0] * 199 + [-1.0],
}


def record(report: ReportData) -> dict[str, object]:
    """The report's data as JSON, with what its methods write next to the records."""
    data = dataclasses.asdict(report)
    data["setup"].pop("generated")  # in the local time zone: checked on its own below
    data["turning_point_causes"] = [p.causes_text() for p in report.turning_points]
    data["drawn_ranges"] = [d.range_text() for d in report.drawn]
    return data


def comparison_record(monkeypatch: pytest.MonkeyPatch, game: Game, offsets: list[float]) -> object:
    ids = [o.id for o in game.scenario.outcomes]
    known_baseline(monkeypatch, game, offsets, [ids[i % len(ids)] for i in range(len(offsets))])
    c = gather(game, runs=len(offsets), now=NOW).comparison
    assert c is not None
    data = dataclasses.asdict(c)
    data.pop("scores")  # the offsets above
    data["standing"] = c.standing()
    data["percentile_line"] = c.percentile_line()
    data["range_line"] = c.range_line()
    return data


def actual(name: str) -> object:
    game = GAMES[name]()
    report = gather(game, runs=0, save_path=Path("class-a.json"), now=NOW)
    data = record(report)
    if name == "white-cell":
        with pytest.MonkeyPatch.context() as mp:
            data["comparisons"] = {k: comparison_record(mp, game, v) for k, v in BASELINES.items()}
    return json.loads(json.dumps(data))


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


@pytest.mark.parametrize("name", list(GAMES))
def test_the_report_says_exactly_what_it_said(name):
    expected = json.loads(golden_path(name).read_text(encoding="utf-8"))
    got = actual(name)
    for section in expected:
        assert got.get(section) == expected[section], (
            f"the report's {section!r} changed for the {name!r} game "
            "(if meant, rewrite with `python -m tests.report.test_report_words`)"
        )
    assert got.keys() == expected.keys()


def test_the_report_is_stamped_with_when_it_was_generated():
    report = gather(not_started_game(), runs=0, now=NOW)
    assert report.setup.generated == stamp(NOW.astimezone())


def test_a_turning_point_is_a_scoring_movement_of_at_least_a_tenth(mini):
    """Causes that cancel out are no turning point; a movement of a tenth is one."""
    game = Game(mini, 1)
    game.adjust("cooperation", 2, "Joint statement")
    game.adjust("cooperation", -2, "Walk-out")
    game.adjust("support.japan", 0.3, "Good press")
    game.resolve_turn()
    points = {p.indicator: p for p in gather(game, runs=0).turning_points}
    assert "cooperation" not in points
    assert (points["support.japan"].total, points["support.japan"].causes) == (
        0.3,
        (("facilitator: Good press", 0.3),),
    )


def test_a_game_played_in_english_is_reported_in_the_language_of_the_report(english_again):
    """The causes of a turning point are worded when the report is written, not when the
    game was played: a class that played in English gets a Japanese report in Japanese."""
    game = play_ai_game(_mini(), 4)
    english = gather(game, runs=0).turning_points
    i18n.set_language("ja")
    japanese = gather(game, runs=0).turning_points
    assert [p.total for p in japanese] == [p.total for p in english]
    worded = [p.causes_text() for p in japanese]
    assert any("自然な推移" in text for text in worded)  # 'drift'
    several = [p for p in japanese if len(p.causes) > 1]
    assert several and all("、" in p.causes_text() for p in several)  # Japan's list separator
    assert not any(", " in text for text in worded)


def test_a_white_cell_action_of_a_kind_this_version_does_not_know_is_kept_as_a_note(mini):
    game = Game(mini, 1, humans={"japan"})
    game.facilitator_log.append(
        FacilitatorAction(1, "swap", text="Japan and Taiwan swapped tables", actor="japan")
    )
    (row,) = gather(game, runs=0).timeline
    assert row.white_cell == (WhiteCellItem(1, "note", "Note", "Japan and Taiwan swapped tables"),)


def test_an_epilogue_is_split_into_paragraphs_at_blank_lines_only():
    """A scenario's epilogue is folded YAML text: a single line break is folding, a blank line
    starts a paragraph, and empty paragraphs are dropped."""
    text = "  The dialogue\nheld.\n\n\nTension  eased.\n\n \n"
    assert paragraphs(text) == ["The dialogue held.", "Tension eased."]
    assert paragraphs("One paragraph only.") == ["One paragraph only."]


def test_the_golden_games_reach_every_kind_of_white_cell_action_and_ending():
    """The golden files are only as good as the games they record."""
    kinds = {a.kind for a in white_cell_game().facilitator_log}
    assert kinds == {"note", "inject", "adjust", "hold", "ai", "takeback"}
    assert crisis_game().state.crisis
    assert not unfinished_game().over and not_started_game().reports == []


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name in GAMES:
        path = golden_path(name)
        tmp = path.with_suffix(".tmp")
        text = json.dumps(actual(name), ensure_ascii=False, indent=1) + "\n"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        print(f"wrote {path} ({len(text):,} characters)", file=sys.stderr)


if __name__ == "__main__":
    main()
