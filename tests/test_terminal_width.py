"""The terminal measures text in columns: a Japanese or Chinese character takes two, so tables
line up and wrapped lines fit the screen whatever the script of a scenario's titles."""

from __future__ import annotations

import pytest

from game.columns import display_width, ljust, rjust, row, wrap
from game.engine.game import Game
from game.textui import dashboard, debrief, decisions_table, introduction
from tests.conftest import MINI

SENTENCE = (
    "日本と台湾は、安全保障対話を通じて協力を深め、地域の緊張を和らげることを目指している。"
    "しかし、中国の反応は予測できない。「日本」は重要だ。"
) * 4


@pytest.fixture
def cjk_mini(tmp_path):
    """The mini scenario with Japan's delegation called 日本 and a Japanese measure title."""
    from game.scenario.loader import load_scenario

    text = MINI.read_text(encoding="utf-8")
    text = text.replace("title: Japan\n", "title: 日本\n", 1)
    text = text.replace("title: Security dialogue", "title: 日台安全保障対話", 1)
    path = tmp_path / "mini_ja.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_wide_characters_take_two_columns_and_padding_counts_columns():
    assert display_width("日本") == 4
    assert display_width("Japan") == 5
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("a\x1bb") == 2  # unprintable: no column, not an error
    assert display_width(ljust("日本", 8)) == 8 and ljust("日本", 8) == "日本    "
    assert rjust("台湾", 6) == "  台湾"
    assert ljust("日本語の長い名前", 4) == "日本語の長い名前"  # wider than the column: kept whole


def column_of(line: str, text: str) -> int:
    """The column (not the character index) at which `text` starts in `line`."""
    return display_width(line[: line.index(text)])


def test_a_japanese_delegation_title_lines_up_in_the_dashboard(cjk_mini):
    game = Game(cjk_mini, 4, humans={"japan"})
    lines = dashboard(game).splitlines()
    japan = next(line for line in lines if line.strip().startswith("日本"))
    taiwan = next(line for line in lines if line.strip().startswith("Taiwan"))
    assert column_of(japan, "support") == column_of(taiwan, "support")
    figures = [line for line in lines if "#" in line or "." in line.split()[-1]]
    assert len({column_of(line, line.split()[-1]) for line in figures}) == 1  # the bars


def test_a_japanese_delegation_title_lines_up_in_the_tables(cjk_mini):
    game = Game(cjk_mini, 4, humans={"japan"})
    intro = introduction(game).splitlines()
    human = next(line for line in intro if line.strip().startswith("日本"))
    ai = next(line for line in intro if line.strip().startswith("Taiwan"))
    assert column_of(human, "human") == column_of(ai, "AI (")
    game.submit("japan", {})
    report = game.resolve_turn()
    table = decisions_table(game, report).splitlines()
    assert table[0].lstrip().startswith("日本") and "holds" in table[0]
    assert column_of(table[0], "holds") == column_of(table[1], "push")
    game = Game(cjk_mini, 4, humans=set())  # every delegation played by the AI
    while not game.over:
        game.resolve_turn()
    lines = debrief(game, game.result()).splitlines()
    scores = [line for line in lines if "-> score" in line and line.startswith("  ")]
    assert len(scores) == 2 and scores[0].lstrip().startswith("日本")
    assert column_of(scores[0], "state") == column_of(scores[1], "state")
    assert column_of(scores[0], "-> score") == column_of(scores[1], "-> score")


def test_a_japanese_title_in_a_wrapped_table_row_keeps_its_figures_in_their_column():
    first = row("日台安全保障対話", "0 -> 2/4", 20)[0]
    other = row("Joint exercises", "0 -> 1/2", 20)[0]
    assert column_of(first, "0 ->") == column_of(other, "0 ->")
    long = row("日本と台湾の安全保障対話と共同訓練と情報共有", "1 -> 2/4", 20)
    assert all(display_width(line) <= 2 + 20 + 1 + 8 for line in long)
    assert column_of(long[0], "1 ->") == column_of(other, "0 ->")


@pytest.mark.parametrize("width", [40, 41, 57, 78])
def test_a_long_japanese_sentence_wraps_within_the_width_and_no_line_starts_with_a_stop(width):
    lines = wrap(SENTENCE, width, "  ", "    ")
    assert len(lines) > 3
    assert all(display_width(line) <= width for line in lines)
    assert not any(line.strip()[0] in "。、」）！？" for line in lines)
    assert "".join(line.strip() for line in lines) == SENTENCE  # nothing lost or added


def test_latin_text_in_a_japanese_sentence_still_breaks_at_spaces():
    text = "Japan and Taiwan agree 日台安全保障対話 and the security dialogue goes on for years."
    lines = wrap(text, 24)
    assert all(display_width(line) <= 24 for line in lines)
    words = {w for line in lines for w in line.split()}
    assert {"Japan", "Taiwan", "agree", "security", "dialogue", "years."} <= words


def test_plain_latin_text_wraps_as_before():
    import textwrap

    text = "The quick brown fox jumps over the lazy dog, well-known to typists, " * 5
    assert wrap(text, 40, "  ", "  ") == textwrap.wrap(
        " ".join(text.split()), 40, initial_indent="  ", subsequent_indent="  "
    )


def test_terminal_text_wraps_to_the_terminal_width_never_below_40(monkeypatch, cjk_mini):
    from game.textui import line_width
    from game.textui import wrap as wrap_text

    monkeypatch.setenv("COLUMNS", "50")
    assert line_width() == 48
    assert all(display_width(line) <= 48 for line in wrap_text(SENTENCE).splitlines())
    monkeypatch.setenv("COLUMNS", "20")
    assert line_width() == 38
    monkeypatch.setenv("COLUMNS", "120")
    game = Game(cjk_mini, 4, humans={"japan"})
    text = introduction(game)
    assert max(display_width(line) for line in text.splitlines()) <= 118
