"""A scenario's texts in other languages: sidecar files keyed by the scenario's ids, checked
like the scenario, applied without changing the game (game.scenario.translations)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.translations import (
    localized,
    read_translation,
    sidecar_path,
    skeleton,
    texts_of,
    translation_json_schema,
    untranslated,
)

ROOT = Path(__file__).parents[2]
MINI = ROOT / "tests/fixtures/mini.yaml"

GOOD = """\
translates: mini
language: ja
texts:
  title: ミニ・シナリオ
  actors:
    japan:
      title: 日本
  measures:
    dialogue:
      title: 安全保障対話
"""


@pytest.fixture
def copy(tmp_path):
    """The small scenario in a folder of its own, with a translations folder beside it."""
    target = tmp_path / "mini.yaml"
    shutil.copy(MINI, target)
    (tmp_path / "translations").mkdir()
    return target


def write(copy, text, language="ja"):
    path = sidecar_path(copy, language)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_translation_replaces_texts_and_nothing_else(copy):
    loaded = load_scenario(copy)
    write(copy, GOOD)
    shown, problems = localized(loaded, "ja")
    assert problems == []
    assert shown.scenario.title == "ミニ・シナリオ"
    assert shown.scenario.delegations()["japan"].title == "日本"
    assert next(m for m in shown.scenario.measures if m.id == "dialogue").title == "安全保障対話"
    # The rules and the content hash are the scenario's: saves and reports are language-free.
    assert shown.content_hash == loaded.content_hash
    assert shown.scenario.model_dump(exclude={"title", "actors", "measures"}) == (
        loaded.scenario.model_dump(exclude={"title", "actors", "measures"})
    )
    assert [m.cost for m in shown.scenario.measures] == [m.cost for m in loaded.scenario.measures]


def test_english_or_a_language_without_a_file_shows_the_scenario_as_written(copy):
    loaded = load_scenario(copy)
    assert localized(loaded, "en") == (loaded, [])
    assert localized(loaded, "zh-Hant") == (loaded, [])


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        (
            GOOD.replace("    dialogue:", "    dialog:"),
            9,
            5,
            "measures has no text of this name; did you mean `dialogue`?",
        ),
        (
            GOOD.replace("translates: mini", "translates: maxi"),
            1,
            13,
            "expected the id of the scenario",
        ),
        (GOOD.replace("language: ja", "language: fr"), 2, 11, "expected one of ja, zh-Hant"),
        (
            GOOD.replace("      title: 日本", "      cost: 3"),
            7,
            7,
            "`cost`: actors.japan has no text",
        ),
        (GOOD.replace("title: 安全保障対話", "title: ''"), 10, 14, "expected the translated text"),
    ],
)
def test_a_mistake_is_an_error_at_its_place_in_the_translation(copy, text, line, column, message):
    path = write(copy, text)
    with pytest.raises(ScenarioError) as err:
        read_translation(path, load_scenario(copy))
    problem = err.value.problems[0]
    assert (problem.file, problem.line, problem.column) == (str(path), line, column)
    assert message in problem.message


def test_a_damaged_translation_never_stops_a_game_it_is_reported_and_english_shown(copy):
    loaded = load_scenario(copy)
    write(copy, GOOD.replace("language: ja", "language: fr"))
    shown, problems = localized(loaded, "ja")
    assert shown is loaded and "shown in English" in problems[-1]


def test_validate_checks_translations_and_lists_what_is_left_in_english(copy, capsys):
    write(copy, GOOD)
    assert main(["validate", str(copy)]) == 0
    err = capsys.readouterr().err
    left = len(texts_of(load_scenario(copy).scenario)) - 3
    assert f"warning: {left} of the scenario's texts are not translated" in err
    write(copy, GOOD.replace("    dialogue:", "    dialog:"))
    assert main(["validate", str(copy)]) == 1
    assert "mini.ja.yaml:9:5:" in capsys.readouterr().err


def test_the_skeleton_names_every_text_and_reads_back_whole(copy):
    loaded = load_scenario(copy)
    path = write(copy, skeleton(loaded, "ja"))
    translation = read_translation(path, loaded)
    assert untranslated(loaded, translation) == []
    assert set(translation.texts) == set(texts_of(loaded.scenario))


def test_only_texts_people_read_are_translatable():
    paths = texts_of(load_scenario(MINI).scenario)
    assert ("measures", "dialogue", "title") in paths
    assert all(p[-1] not in ("id", "when", "citation", "url", "colour") for p in paths)


def test_the_command_line_shows_a_scenario_in_the_language_asked(copy, capsys):
    write(copy, GOOD)
    try:
        assert main(["play", "--auto", "--seed", "1", "--scenario", str(copy), "--lang", "ja"]) == 0
    finally:
        i18n.set_language("en")
    assert "ミニ・シナリオ" in capsys.readouterr().out


def test_the_committed_translation_schema_is_the_one_the_program_writes():
    committed = json.loads((ROOT / "schema/translation.schema.json").read_text())
    assert committed == translation_json_schema(), (
        "run `python main.py schema --translation --out schema/translation.schema.json`"
    )
