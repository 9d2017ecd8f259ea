"""Saves are the setup plus decisions; loading replays them to the identical game."""

from __future__ import annotations

import json

import pytest

from game.engine.game import Game, play_ai_game
from game.engine.saves import SaveError, load_game, save_game


def test_save_and_load_round_trip_at_every_turn(mini, tmp_path):
    game = Game(mini, 77, humans={"taiwan"})
    path = tmp_path / "game.json"
    while not game.over:
        game.submit("taiwan", {"dialogue": "push"} if "dialogue" not in game.state.adopted else {})
        game.resolve_turn()
        save_game(game, path)
        loaded = load_game(path, mini)
        assert loaded.state == game.state
        assert loaded.ledger == game.ledger
        assert loaded.history == game.history


def test_a_resumed_game_continues_exactly_like_the_original(mini, tmp_path):
    straight = play_ai_game(mini, 5)
    partial = Game(mini, 5)
    partial.resolve_turn()
    partial.resolve_turn()
    path = tmp_path / "half.json"
    save_game(partial, path)
    resumed = load_game(path, mini)
    while not resumed.over:
        resumed.resolve_turn()
    assert resumed.ledger == straight.ledger and resumed.state == straight.state


def write(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_text(text)
    return path


def good_save(mini, tmp_path):
    game = play_ai_game(mini, 1)
    path = tmp_path / "good.json"
    save_game(game, path)
    return json.loads(path.read_text())


def test_truncated_save(mini, tmp_path):
    text = json.dumps(good_save(mini, tmp_path))
    with pytest.raises(SaveError, match="truncated"):
        load_game(write(tmp_path, text[: len(text) // 2]), mini)


def test_not_a_save(mini, tmp_path):
    with pytest.raises(SaveError, match="not a Trilateral save"):
        load_game(write(tmp_path, "[1, 2]"), mini)
    with pytest.raises(SaveError, match="not a valid save"):
        load_game(write(tmp_path, "hello"), mini)
    path = tmp_path / "bin.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError):
        load_game(path, mini)


def test_save_from_a_newer_format(mini, tmp_path):
    data = good_save(mini, tmp_path)
    data["version"] = 99
    with pytest.raises(SaveError, match="newer"):
        load_game(write(tmp_path, json.dumps(data)), mini)


def test_save_from_a_changed_scenario(mini, tmp_path):
    data = good_save(mini, tmp_path)
    data["scenario"]["hash"] = "0" * 64
    with pytest.raises(SaveError, match="different version of scenario"):
        load_game(write(tmp_path, json.dumps(data)), mini)


def test_corrupted_decisions(mini, tmp_path):
    data = good_save(mini, tmp_path)
    data["turns"][0]["japan"] = {"dialogue": "explode"}
    with pytest.raises(SaveError, match="damaged save"):
        load_game(write(tmp_path, json.dumps(data)), mini)
    data = good_save(mini, tmp_path)
    del data["turns"][1]["taiwan"]
    with pytest.raises(SaveError, match="no decisions for taiwan"):
        load_game(write(tmp_path, json.dumps(data)), mini)
    data = good_save(mini, tmp_path)
    data["seed"] = "abc"
    with pytest.raises(SaveError, match="damaged save"):
        load_game(write(tmp_path, json.dumps(data)), mini)


def test_missing_save(mini, tmp_path):
    with pytest.raises(SaveError, match="no such save"):
        load_game(tmp_path / "nothing.json", mini)


def test_saving_never_leaves_a_half_written_file(mini, tmp_path, monkeypatch):
    import os

    game = play_ai_game(mini, 1)
    path = tmp_path / "game.json"
    save_game(game, path)
    before = path.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_game(Game(mini, 2), path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


# --- saves edited outside the game ------------------------------------------------------------


def saved_with_everything(mini, tmp_path):
    game = Game(mini, 9, humans={"japan"})
    game.fire_inject("election")
    game.adjust("cooperation", -3, "Walk-out")
    game.submit("japan", {"dialogue": "push"})
    game.resolve_turn()
    path = tmp_path / "game.json"
    save_game(game, path)
    return game, path


def test_an_untouched_save_loads_without_warnings_even_reformatted(mini, tmp_path):
    game, path = saved_with_everything(mini, tmp_path)
    assert load_game(path, mini).save_warnings == ()
    data = json.loads(path.read_text())
    path.write_text(json.dumps(dict(reversed(list(data.items()))), indent=7))
    assert load_game(path, mini).save_warnings == ()


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["turns"][0]["japan"].clear(),
        lambda d: d.update(seed=d["seed"] + 1),
        lambda d: d["facilitator"][1].update(amount=-2.0),
        lambda d: d["facilitator"].pop(0),
        lambda d: d["humans"].append("taiwan"),
        lambda d: d.pop("digest"),
        lambda d: d.update(digest="0" * 64),
        lambda d: d.update(digest="é" * 64),
    ],
    ids=[
        "decisions",
        "seed",
        "adjustment",
        "inject removed",
        "humans",
        "digest removed",
        "digest",
        "non-ASCII digest",
    ],
)
def test_a_save_edited_by_hand_loads_with_a_warning(edit, mini, tmp_path):
    from game.engine.saves import CHANGED_OUTSIDE

    _game, path = saved_with_everything(mini, tmp_path)
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data, indent=1))
    loaded = load_game(path, mini)
    assert CHANGED_OUTSIDE in loaded.save_warnings
    assert "changed outside Trilateral" in CHANGED_OUTSIDE


def test_the_warning_stays_with_the_game_when_it_is_saved_again(mini, tmp_path):
    from game.engine.saves import CHANGED_OUTSIDE, take_back

    _game, path = saved_with_everything(mini, tmp_path)
    data = json.loads(path.read_text())
    data["seed"] += 1
    path.write_text(json.dumps(data))
    edited = load_game(path, mini)
    edited.submit("japan", {})
    edited.resolve_turn()
    again = tmp_path / "again.json"
    save_game(edited, again)
    assert load_game(again, mini).save_warnings == (CHANGED_OUTSIDE,)
    assert take_back(edited).save_warnings == (CHANGED_OUTSIDE,)


def test_an_older_save_without_a_digest_says_edits_cannot_be_detected(mini, tmp_path):
    from game.engine.saves import NO_DIGEST

    _game, path = saved_with_everything(mini, tmp_path)
    data = json.loads(path.read_text())
    data["version"] = 2
    del data["digest"]
    path.write_text(json.dumps(data))
    assert load_game(path, mini).save_warnings == (NO_DIGEST,)


def test_replay_prints_the_warning(mini, tmp_path, capsys):
    from game.cli import main
    from game.engine.saves import CHANGED_OUTSIDE
    from tests.conftest import MINI

    _game, path = saved_with_everything(mini, tmp_path)
    data = json.loads(path.read_text())
    data["turns"][0]["japan"] = {}
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--scenario", str(MINI)]) == 0
    printed = capsys.readouterr()
    assert CHANGED_OUTSIDE in " ".join(printed.out.split()) and CHANGED_OUTSIDE in printed.err


def test_a_save_keeps_the_ai_profiles_and_a_reloaded_game_plays_on_with_them(mini, tmp_path):
    """Japan's assertive profile pushes the dialogue where the default (cautious) one holds
    back, with tension at 33 from the start: a reload that lost the profile would play on
    differently from the game that was never saved."""
    from tests.engine.test_model import mini_with

    loaded = mini_with(("tension: {start: 30", "tension: {start: 33"))
    unsaved = Game(loaded, 4, (), {"japan": "assertive"})
    saved = Game(loaded, 4, (), {"japan": "assertive"})
    saved.resolve_turn()
    unsaved.resolve_turn()
    path = tmp_path / "game.json"
    save_game(saved, path)
    assert json.loads(path.read_text())["ai_profiles"]["japan"] == "assertive"
    reloaded = load_game(path, loaded)
    assert reloaded.setup.ai_profiles == unsaved.setup.ai_profiles
    while not unsaved.over:
        unsaved.resolve_turn()
        reloaded.resolve_turn()
    assert reloaded.history == unsaved.history
    assert reloaded.state == unsaved.state and reloaded.ledger == unsaved.ledger
    # the profile matters here: the default profile plays this game differently
    default = Game(loaded, 4)
    while not default.over:
        default.resolve_turn()
    assert default.history != unsaved.history
