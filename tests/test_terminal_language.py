"""The terminal, the ledger and saves in the language of the run: every word the engine and
the terminal put in front of a person comes from the catalogs, while a save stays the same
in every language."""

from __future__ import annotations

import pytest

from game import i18n
from game.engine.game import Game
from game.engine.ledger import movements
from game.engine.saves import save_text, take_back
from game.play_cli import TerminalGame
from game.scenario.translations import localized
from game.textui import debrief, explain, turn_results
from tests.test_terminal_play import scripted

# English wording of causes, titles and the terminal's own sentences that must never show in
# a game played in Japanese or Chinese (the scenario's own texts are the sidecars' business)
ENGLISH = (
    "drift",
    "pressure campaign",
    "domestic cost",
    "pushed ",
    "response to",
    "capital regained",
    " in force",
    " adopted",
    "Resilience (",
    "Support (",
    "Why the numbers moved",
    "Results of",
    "Debrief",
    "Decisions:",
    "Progress:",
    "Shared outcome",
    "holds on everything",
    "Your choices this turn",
    "Try again",
    "more",
    "unknown",
    "Turn timer",
    "needs some text",
)


pytestmark = pytest.mark.usefixtures("english_again")


def _played(loaded, seed=5, turns=None):
    game = Game(loaded, seed)
    while not game.over and (turns is None or len(game.reports) < turns):
        game.resolve_turn()
    return game


@pytest.mark.parametrize("code", ["ja", "zh-Hant"])
def test_a_terminal_game_in_japanese_or_chinese_has_no_english_wording(default_scenario, code):
    i18n.set_language(code)
    shown, problems = localized(default_scenario, code)
    assert not problems
    game = Game(shown, 5, humans={"japan"})
    # a refused decision, the facilitator's mistakes, then a decision
    answers = ["9x", "!inject nope", "!adjust nothing 5 why", "!note", "!timer 5", "1p"]
    ask, prompts = scripted(answers + [""] * 20)
    out: list[str] = []
    assert TerminalGame(game, None, ask, out.append).run() == 0
    # the play, from the seed on: the sources' citations above stay as published
    text = "\n".join(out + prompts).split("--seed 5", 1)[1]
    for word in ENGLISH:
        assert word not in text, f"{word!r} in the {code} terminal game"
    expected = {
        "ja": ("数値が動いた理由", "自然な推移", "圧力キャンペーン", "国内コスト", "強靭性（"),
        "zh-Hant": ("數值變動的原因", "自然趨勢", "施壓行動", "國內代價", "韌性（"),
    }[code]
    for word in expected:
        assert word in text, f"{word!r} missing from the {code} terminal game"


@pytest.mark.parametrize("plain", [False, True])
def test_the_plain_and_the_table_terminal_speak_japanese(default_scenario, plain):
    i18n.set_language("ja")
    game = _played(localized(default_scenario, "ja")[0], turns=3)
    text = turn_results(game, game.reports[-1], plain) + explain(game, game.ledger)
    assert "数値が動いた理由" in text and "drift" not in text and "Why" not in text
    while not game.over:
        game.resolve_turn()
    text = debrief(game, game.result(), plain)
    assert "振り返り" in text and "共通の結果" in text
    for word in ("Debrief", "Shared outcome", "Measures adopted", "state of the region"):
        assert word not in text


def test_every_cause_and_indicator_title_has_one_wording_in_each_language(default_scenario):
    """Rulebook.cause_label and title_of are the one wording of the ledger: no English
    pieces in Japanese, and the same ledger reads in whichever language is current."""
    game = _played(default_scenario)
    book = game.book
    english = {k: [label for label, _ in mv.causes] for k, mv in movements(game.ledger).items()}
    assert any("pressure campaign" in label for labels in english.values() for label in labels)
    i18n.set_language("ja")
    moved = movements(game.ledger, book=book)
    assert set(moved) == set(english)
    for key, mv in moved.items():
        assert len(mv.causes) == len(english[key])
        for label, _amount in mv.causes:
            for word in ("drift", "pressure campaign", "domestic cost", "pushed", "response to"):
                assert word not in label, (key, label)
    assert book.title_of("resilience.maritime").startswith("強靭性（")
    assert book.title_of("support.japan").startswith("支持（")
    assert book.title_of("capital.japan").startswith("政治資本（")
    assert book.cause_label("drift", "") == "自然な推移"
    assert "圧力キャンペーン" in book.cause_label("campaign", "")
    mid = book.measures[0].id
    assert "国内コスト" in book.cause_label("push", mid, f"support.{book.delegation_ids[0]}")
    # a resilience domain's own name, without parsing the title's wording
    domain = book.domain_keys[0]
    assert book.domain_title(domain) in book.title_of(domain)
    i18n.set_language("en")
    assert book.title_of("resilience.maritime") == "Resilience (Maritime)"
    again = {
        k: [label for label, _ in mv.causes] for k, mv in movements(game.ledger, book=book).items()
    }
    assert again == english  # recorded and read in English alike


def test_the_same_game_saves_the_same_bytes_in_every_language(default_scenario):
    """A save (and its digest) holds no translated text: the scenario's title and a
    take-back's summary are as the scenario is written, whatever the run's language."""

    def saved(code):
        i18n.set_language(code)
        loaded = localized(default_scenario, code)[0]
        game = Game(loaded, 11, humans={"japan"})
        for turn in range(3):
            game.submit("japan", {"jp_tw_dialogue": "push"} if turn != 1 else {})
            game.resolve_turn()
        game.adjust("tension", 2, "a walk-out")
        game = take_back(game)
        return save_text(game), loaded.content_hash

    english, english_hash = saved("en")
    for code in ("ja", "zh-Hant"):
        text, digest = saved(code)
        assert text == english, code
        assert digest == english_hash
    assert "Took back" in english and default_scenario.scenario.title in english
