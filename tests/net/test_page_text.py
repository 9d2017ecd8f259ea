"""The delegation page's own words come from the game's catalogs, in the class's language."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from game import i18n
from game.net.page_text import MESSAGES, PLURALS, page_texts

STATIC = Path(__file__).parents[2] / "game/net/static"


def asked_by_the_page() -> set[str]:
    script = (STATIC / "app.js").read_text()
    asked = set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', script))
    for table in ("CHOICE_WORDS", "STATE_WORDS"):
        body = re.search(table + r" = \{([^}]*)\}", script, re.S).group(1)
        asked |= set(re.findall(r'"([A-Z][^"]+)"', body))
    asked |= set(re.findall(r'data-t="([^"]+)"', (STATIC / "index.html").read_text()))
    return asked


def test_every_word_the_page_asks_for_is_in_the_catalogs_list():
    missing = asked_by_the_page() - set(MESSAGES)
    assert missing == set(), "add them to game/net/page_text.py, then update the catalogs"
    plurals = set(re.findall(r'\btn\("([^"]+)", "([^"]+)"', (STATIC / "app.js").read_text()))
    assert plurals <= set(PLURALS)


def test_the_page_gets_its_words_in_the_class_language():
    try:
        i18n.set_language("ja")
        texts = page_texts()
    finally:
        i18n.set_language("en")
    assert texts["lang"] == "ja"
    assert texts["messages"]["Submit"] != "Submit"  # translated
    english = page_texts()
    assert english["messages"]["Submit"] == "Submit" and english["lang"] == "en"
    assert english["messages"]["{count} devices here"] == [
        "{count} device here",
        "{count} devices here",
    ]


def test_the_server_answers_ui_with_them(live_class):
    live = live_class()
    with urllib.request.urlopen(f"http://127.0.0.1:{live.port}/ui", timeout=10) as response:
        data = json.loads(response.read())
        assert response.headers["content-security-policy"]
    assert data["messages"]["Push"] == "Push"
