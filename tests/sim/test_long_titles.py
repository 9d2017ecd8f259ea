"""No title is cut in the terminal output of `simulate`, the scorecard or a turn's results:
a long title wraps in its column, and every word of it can be read."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.engine.game import Game
from game.textui import turn_results
from tests.conftest import MINI

LONG = {
    "title: Security dialogue": "title: Security dialogue "
    + "between two delegations " * 3
    + "ENDS-DIALOGUE",
    "title: Joint exercises": "title: Joint exercises "
    + "with many partners " * 4
    + "ENDS-EXERCISES",
    "title: Maritime}": "title: Maritime and coastal surveillance ENDS-DOMAIN}",
    "title: Good,": "title: Good outcome for everyone who took part in the game ENDS-BAND,",
}


@pytest.fixture
def long_titles(tmp_path):
    text = MINI.read_text(encoding="utf-8")
    for old, new in LONG.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _titles() -> list[str]:
    return [new.split(": ", 1)[1].rstrip("},") for new in LONG.values()]


_FIGURE = re.compile(r"[-+]?\d[\d.]*%?|[-+]?\d[\d.]*±[\d.]+|-|->|\d+/\d+|[\d.]+/[\d.]+")


def _flat(text: str) -> str:
    """The words of `text` without its figures: a title wrapped around a column of figures
    reads as one run of words again."""
    return " ".join(w for w in text.split() if not _FIGURE.fullmatch(w))


def test_simulate_shows_whole_titles(long_titles, capsys):
    assert main(["simulate", str(long_titles), "--runs", "20"]) == 0
    out = capsys.readouterr().out
    for title in _titles():
        if "ENDS-DOMAIN" in title:
            title = "Resilience (" + title + ")"
        assert title in _flat(out), title
    assert max(len(line) for line in out.splitlines()) < 110


def test_the_scorecard_shows_whole_titles_and_headings(long_titles, capsys):
    assert main(["simulate", str(long_titles), "--runs", "10", "--vary", "measures"]) == 0
    out = capsys.readouterr().out
    for title in _titles():
        if "ENDS-BAND" not in title:  # bands are not in the scorecard
            assert title in _flat(out) or "ENDS-DOMAIN" in title, title
    # A long column heading wraps over the lines above its figures.
    lines = out.splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.startswith("All measures"))
    heading = " ".join(lines[first_row - 4 : first_row])
    assert all(word in heading for word in "Maritime and coastal surveillance ENDS-DOMAIN".split())
    assert "ENDS-DOMAIN" in lines[first_row - 1]


def test_turn_results_show_whole_measure_titles(long_titles):
    from game.scenario.loader import load_scenario

    loaded = load_scenario(long_titles)
    game = Game(loaded, 1, humans={"japan", "taiwan"})
    game.submit("japan", {"dialogue": "push"})
    game.submit("taiwan", {"dialogue": "push"})
    text = turn_results(game, game.resolve_turn())
    assert _titles()[0] in _flat(text)
