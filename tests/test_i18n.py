"""The languages people read the game in (game.i18n): catalogs that follow the code, whole
sentences whose placeholders survive translation, and the language each run chooses."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game import i18n

ROOT = Path(__file__).parents[1]
PLACEHOLDER = re.compile(r"\{([a-z_]*)[^{}]*\}")


pytestmark = pytest.mark.usefixtures("english_again")


def catalog(code):
    with i18n.catalog_path(code).open("rb") as handle:
        return read_po(handle)


def messages_in_the_code(tmp_path):
    out = tmp_path / "now.pot"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "ngettext:1,2",
            "-k",
            "pgettext:1c,2",
            "--no-location",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    with out.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_the_template_holds_every_message_the_code_asks_for(tmp_path):
    with (ROOT / "game/locale/trilateral.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    now = messages_in_the_code(tmp_path)
    assert now - template == set(), (
        "messages in the code that the template lacks: run the extract and update commands "
        "of docs/translating.md"
    )


@pytest.mark.parametrize("code", ["ja", "zh-Hant"])
def test_every_message_is_translated(code):
    untranslated = [
        m.id for m in catalog(code) if m.id and not (all(m.string) if m.pluralizable else m.string)
    ]
    assert untranslated == []


@pytest.mark.parametrize("code", ["ja", "zh-Hant"])
def test_a_translation_keeps_every_placeholder_of_its_message(code):
    for m in catalog(code):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (m.id, text)


def test_messages_are_translated_and_unknown_ones_stay_english():
    i18n.set_language("ja")
    assert i18n._("New game") == "新しいゲーム"
    assert i18n._("A message nobody translated") == "A message nobody translated"
    i18n.set_language("zh-Hant")
    assert i18n._("New game") == "新遊戲"
    i18n.set_language("en")
    assert i18n._("New game") == "New game"


def test_plural_forms_follow_each_language():
    i18n.set_language("en")
    assert i18n.ngettext("{count} turn", "{count} turns", 1).format(count=1) == "1 turn"
    assert i18n.ngettext("{count} turn", "{count} turns", 6).format(count=6) == "6 turns"
    i18n.set_language("ja")
    assert i18n.ngettext("{count} turn", "{count} turns", 6).format(count=6) == "全6ターン"


def test_a_catalog_is_compiled_in_memory_so_a_fresh_clone_needs_no_build_step():
    assert not list((ROOT / "game/locale").rglob("*.mo"))
    assert i18n.translations("ja").gettext("Quit") == "終了"


def test_unknown_language_is_refused_with_the_ones_offered():
    with pytest.raises(ValueError, match="en, ja, zh-Hant"):
        i18n.set_language("fr")


@pytest.mark.parametrize(
    "value, code",
    [
        ("ja_JP.UTF-8", "ja"),
        ("zh_TW.UTF-8", "zh-Hant"),
        ("zh_HK", "zh-Hant"),
        ("zh_Hant_TW", "zh-Hant"),
        ("zh_CN.UTF-8", None),  # Simplified Chinese is not offered
        ("en_US.UTF-8", "en"),
        ("C.UTF-8", None),
        ("", None),
    ],
)
def test_system_locales_map_to_the_games_languages(value, code):
    assert i18n.language_from_locale(value) == code


def test_the_system_language_follows_the_usual_variables_in_order():
    assert i18n.system_language({"LANGUAGE": "", "LC_ALL": "", "LANG": "ja_JP.UTF-8"}) == "ja"
    assert i18n.system_language({"LANGUAGE": "zh_TW:en", "LANG": "ja_JP.UTF-8"}) == "zh-Hant"
    assert i18n.system_language({"LANG": "fr_FR.UTF-8"}) == "en"


def test_dates_and_numbers_are_written_the_languages_way():
    i18n.set_language("ja")
    assert i18n.date(date(2022, 8, 2)) == "2022年8月2日"
    i18n.set_language("en")
    assert i18n.date(date(2022, 8, 2)) == "August 2, 2022"
    assert i18n.number(1234.56) == "1,234.6" and i18n.number(3.0) == "3"


@pytest.mark.parametrize("command", ["play", "report", "assumptions", "serve"])
def test_lang_is_offered_and_checked_by_the_commands(command, capsys):
    from game.cli import main

    argv = {
        "play": ["play", "--auto", "--seed", "1", "--scenario", "tests/fixtures/mini.yaml"],
        "report": ["report", "missing.json", "--out", "out"],
        "assumptions": ["assumptions", "tests/fixtures/mini.yaml", "--out", "out"],
        "serve": ["serve", "--scenario", "tests/fixtures/mini.yaml"],
    }[command]
    assert main([*argv, "--lang", "fr"]) == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
