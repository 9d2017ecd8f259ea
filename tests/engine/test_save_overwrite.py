"""`--save FILE` never destroys a file that is not a save (`saves.check_overwritable`).

Nothing there, a link to nothing, a save of ours (whole, damaged or cut short) may be
replaced; anything else is refused with the reason and a hint to choose another name.
"""

from __future__ import annotations

import json
import os

import pytest

from game.engine.game import Game
from game.engine.saves import (
    SaveError,
    check_overwritable,
    save_game,
    save_text,
    scenario_id_of_save,
)


def refused(path) -> str:
    with pytest.raises(SaveError) as caught:
        check_overwritable(path)
    return str(caught.value)


def test_a_new_file_may_be_written(tmp_path):
    check_overwritable(tmp_path / "new.json")


def test_a_file_under_a_missing_folder_is_left_to_the_writer_to_explain(tmp_path):
    check_overwritable(tmp_path / "missing" / "new.json")
    (tmp_path / "a-file").write_text("x")
    check_overwritable(tmp_path / "a-file" / "new.json")  # a file where a folder should be


def test_a_link_to_nothing_is_nothing_to_lose(tmp_path):
    link = tmp_path / "link.json"
    os.symlink(tmp_path / "gone.json", link)
    check_overwritable(link)


def test_a_save_of_ours_may_be_replaced(mini, tmp_path):
    path = tmp_path / "game.json"
    save_game(Game(mini, 3), path)
    check_overwritable(path)
    assert scenario_id_of_save(path) == mini.scenario.id


def test_a_save_cut_short_or_with_a_byte_order_mark_is_still_ours(mini, tmp_path):
    text = save_text(Game(mini, 3))
    cut = tmp_path / "cut.json"
    cut.write_text(text[:40], encoding="utf-8")
    check_overwritable(cut)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode())
    check_overwritable(bom)


def test_a_damaged_save_that_still_says_it_is_ours_may_be_replaced(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"format": 1, "kind": "trilateral-save"}), encoding="utf-8")
    check_overwritable(path)


@pytest.mark.parametrize(
    "content",
    [
        "my notes for the class\n",
        json.dumps({"kind": "something-else"}),
        json.dumps(["trilateral-save"]),
        "",
    ],
    ids=["text", "other-kind", "a-list", "empty"],
)
def test_a_file_that_is_not_a_save_is_refused_with_the_reason(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_text(content, encoding="utf-8")
    message = refused(path)
    assert str(path) in message
    assert "is not a Trilateral save; choose another file name" in message
    assert path.read_text(encoding="utf-8") == content


def test_a_folder_is_refused_and_the_message_says_to_choose_another_name(tmp_path):
    message = refused(tmp_path)
    assert "choose another file name for the save" in message


def test_a_link_is_judged_by_the_file_it_points_to(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(notes, link)
    assert "not a Trilateral save" in refused(link)


def test_a_name_that_cannot_be_a_file_is_refused(tmp_path):
    assert "not a valid file name" in refused(str(tmp_path / "bad\0name.json"))


def test_a_file_too_large_to_be_a_save_is_refused(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as out:
        out.truncate(6_000_000)
    message = refused(path)
    assert "choose another file name for the save" in message
