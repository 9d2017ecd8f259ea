"""The Load list survives whatever is in the saves folder: a damaged or hostile file is listed
as damaged, never blocks or crashes the list, and every real save stays loadable."""

from __future__ import annotations

import os
from pathlib import Path

from game.engine.game import Game
from game.engine.saves import save_game


def test_the_load_list_marks_hostile_files_as_damaged_and_keeps_real_saves(
    mini, tmp_path, monkeypatch
):
    from game.ui.scenes.load import list_saves

    folder = tmp_path / "saves"
    folder.mkdir()
    game = Game(mini, 3)
    game.resolve_turn()
    save_game(game, folder / "real" / "game.json")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "digits.json").write_text('{"kind": "trilateral-save", "seed": ' + "7" * 9000 + "}")
    (folder / "nan.json").write_text('{"kind": "trilateral-save", "version": NaN}')
    (folder / "latin1.json").write_bytes(b'{"kind": "\xe9"}')
    (folder / "folder.json").mkdir()
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "gone.json").symlink_to(folder / "nowhere")
    if Path("/dev/zero").exists():
        (folder / "zero.json").symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    infos = list_saves(folder)
    good = [i for i in infos if i.problem is None]
    assert [i.path for i in good] == [folder / "real" / "game.json"]
    assert good[0].turns_played == 1 and good[0].scenario_id == "mini"
    damaged = {i.path.name for i in infos if i.problem}
    expected = {"deep.json", "digits.json", "nan.json", "latin1.json", "folder.json"}
    expected |= {"loop.json", "gone.json"}
    expected |= {"zero.json"} if Path("/dev/zero").exists() else set()
    expected |= {"pipe.json"} if hasattr(os, "mkfifo") else set()
    assert damaged == expected
