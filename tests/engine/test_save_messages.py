"""What a save that cannot be opened says (`saves.parse_save`), and the content check of a
save holding any text (`saves.content_digest`).

An instructor who gets one of these messages has only the message to go on: it names the
file, the place in it and what is wrong, on one line.
"""

from __future__ import annotations

import json

import pytest

from game.engine.game import Game
from game.engine.saves import (
    CHANGED_OUTSIDE,
    NO_DIGEST,
    SaveError,
    load_game,
    parse_save,
    save_game,
    save_text,
)


@pytest.fixture
def data(mini):
    game = Game(mini, 3, humans={"japan"})
    game.submit("japan", {})
    game.resolve_turn()
    return json.loads(save_text(game))


def refused(data, name="<save>") -> str:
    with pytest.raises(SaveError) as caught:
        if name == "<save>":
            parse_save(json.dumps(data).encode())
        else:
            parse_save(json.dumps(data).encode(), name)
    return str(caught.value)


def test_a_save_from_a_newer_trilateral_says_to_update(data):
    data["version"] = 99
    assert refused(data, "class.json") == (
        "class.json: save format 99 is newer than this Trilateral reads (5); "
        "update Trilateral to open it"
    )


def test_a_save_with_a_format_number_below_one_is_unknown(data):
    data["version"] = 0
    assert refused(data) == "<save>: unknown save format 0"


def test_a_damaged_save_says_where_and_what(data):
    data["turns"][0]["japan"] = 5
    assert refused(data, "g.json") == (
        "g.json: damaged save: at `turns.0.japan`: Input should be a valid dictionary"
    )


def test_a_key_of_the_files_own_is_shown_escaped_so_the_message_stays_one_line(data):
    data["turns"][0]["japan"] = {"dia\nlogue": 5}
    message = refused(data)
    assert "at `turns.0.japan.dia\\nlogue`" in message
    assert "\n" not in message


def test_without_a_name_the_message_says_save(data):
    assert refused(["not", "a", "save"]) == (
        '<save>: not a Trilateral save (expected "kind": "trilateral-save")'
    )


@pytest.mark.parametrize("version", [3, 4, 5])
def test_a_save_of_a_format_that_carries_a_check_but_lacks_it_was_changed_outside(data, version):
    data["version"] = version
    del data["digest"]
    assert parse_save(json.dumps(data).encode()).warnings == [CHANGED_OUTSIDE]


@pytest.mark.parametrize("version", [1, 2])
def test_a_save_older_than_the_check_says_edits_cannot_be_detected(data, version):
    data["version"] = version
    del data["digest"]
    assert parse_save(json.dumps(data).encode()).warnings == [NO_DIGEST]


def test_a_save_holding_notes_in_any_language_loads_unchanged_and_without_warnings(mini, tmp_path):
    game = Game(mini, 3, humans={"japan"})
    game.add_note("台湾海峡の状況を議論した — «équipe» 🚢")
    game.submit("japan", {})
    game.resolve_turn()
    path = tmp_path / "notes.json"
    save_game(game, path)
    again = load_game(path, mini)
    assert again.save_warnings == ()
    assert again.notes() == game.notes()
    assert path.read_bytes().isascii()  # written as plain ASCII: any editor keeps it intact
