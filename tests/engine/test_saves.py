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
