"""The menus: files sharing a scenario id are marked, the Load list survives hostile files and
names delegations, and long lines end with an ellipsis and can be read whole."""

from __future__ import annotations

import html
import os
import threading
from pathlib import Path

import pygame
import pytest

from game.paths import DEFAULT_SCENARIO
from tests.conftest import MINI
from tests.ui.conftest import frames, press, screen_text


def make_app(tmp_path, monkeypatch, folders=(), size=(1280, 720)):  # noqa: ANN001
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(), scenario_dirs=list(folders), size=size)
    app.scene.wait_until_loaded()
    frames(app, 2)
    return app


def select_path(app, path: Path) -> None:  # noqa: ANN001
    index = next(i for i, e in enumerate(app.scene.entries) if e.path == path)
    app.scene.select(index)
    frames(app, 2)


def save_of(scenario: Path, target: Path, humans: list[str], seed: int = 3, turns: int = 1) -> None:
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario

    game = Game(load_scenario(scenario), seed, humans, {})
    for _ in range(turns):
        for actor in game.awaiting():
            game.submit(actor, {})
        game.resolve_turn()
    target.parent.mkdir(parents=True, exist_ok=True)
    save_game(game, target)


# --- files that share a scenario id -----------------------------------------------------------


def two_minis(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "a.yaml", folder / "b.yaml"
    first.write_text(MINI.read_text().replace("title: Mini scenario", "title: Mini A"))
    second.write_text(
        MINI.read_text()
        .replace("title: Mini scenario", "title: Mini B")
        .replace("turns: 4", "turns: 3")
    )
    return first, second


def test_the_title_marks_files_sharing_an_id_and_each_plays_its_own_file(tmp_path, monkeypatch):
    first, second = two_minis(tmp_path / "mine")
    app = make_app(tmp_path, monkeypatch, [tmp_path / "mine"])
    labels = [e.label() for e in app.scene.entries]
    assert "Mini A (same id as b.yaml)" in labels and "Mini B (same id as a.yaml)" in labels
    for path, turns in ((first, 4), (second, 3)):
        select_path(app, path)
        text = screen_text(app)
        assert "Same id `mini` as" in text and "New game plays this file" in text
        press(app, pygame.K_RETURN)
        assert app.scene.title == "Setup" and app.scene.loaded.file == str(path)
        assert app.scene.loaded.scenario.turns == turns
        press(app, pygame.K_ESCAPE)
        app.scene.wait_until_loaded()
        frames(app, 2)
    pygame.display.quit()


@pytest.mark.parametrize("played", ["a.yaml", "b.yaml"])
def test_a_save_resumes_on_the_file_it_was_played_with(tmp_path, monkeypatch, played):
    from game.ui.scenes.load import resume
    from game.ui.settings import saves_dir

    folder = tmp_path / "mine"
    two_minis(folder)
    app = make_app(tmp_path, monkeypatch, [folder])
    save = saves_dir() / "class.json"
    save_of(folder / played, save, ["japan"])
    resume(app, save)
    assert app.session is not None, screen_text(app)
    assert app.session.game.loaded.file == str(folder / played)
    pygame.display.quit()


# --- the Load list ----------------------------------------------------------------------------


def hostile_files(folder: Path, good_text: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        made.append(folder / name)

    write("nested.json", b"[" * 100_000 + b"]" * 100_000)
    write("long-number.json", b'{"kind": "trilateral-save", "seed": ' + b"9" * 5000 + b"}")
    write("nan.json", good_text.replace('"seed": 3', '"seed": NaN').encode())
    write("infinite.json", good_text.replace('"seed": 3', '"seed": 1e400').encode())
    write("cut-short.json", good_text[: len(good_text) // 2].encode())
    write("binary.json", bytes(range(256)) * 4)
    write("empty.json", b"")
    write("not-a-save.json", b'{"hello": "world"}')
    with open(folder / "huge.json", "wb") as handle:  # sparse: 300 MB claimed, nothing written
        handle.truncate(300_000_000)
    made.append(folder / "huge.json")
    (folder / "folder.json").mkdir()
    made.append(folder / "folder.json")
    (folder / "game-folder").mkdir()
    (folder / "game-folder" / "game.json").mkdir()
    made.append(folder / "game-folder" / "game.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.json")
        made.append(folder / "fifo.json")
    if Path("/dev/zero").exists():
        (folder / "zero.json").symlink_to("/dev/zero")
        made.append(folder / "zero.json")
    (folder / "dangling.json").symlink_to(folder / "nowhere")
    made.append(folder / "dangling.json")
    return made


def test_hostile_files_are_listed_as_damaged_and_every_good_save_still_loads(tmp_path, monkeypatch):
    from game.ui.scenes.load import LoadScene, list_saves
    from game.ui.settings import saves_dir

    app = make_app(tmp_path, monkeypatch)
    folder = saves_dir()
    good = {}
    for seed, humans in ((3, ["japan"]), (4, ["us", "taiwan"]), (5, [])):
        path = folder / f"good-{seed}" / "game.json"
        save_of(DEFAULT_SCENARIO, path, humans, seed=seed)
        good[path] = seed
    hostile = hostile_files(folder, (folder / "good-3" / "game.json").read_text())

    listed: list = []
    worker = threading.Thread(target=lambda: listed.extend(list_saves()), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "listing the saves hung"
    by_path = {info.path: info for info in listed}
    assert set(by_path) == set(good) | set(hostile)
    assert all(by_path[p].problem is None for p in good)
    assert all(by_path[p].problem for p in hostile)

    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    frames(app, 2)
    scene = app.scene
    for path, seed in good.items():
        index = next(i for i, info in enumerate(scene.saves) if info.path == path)
        scene.picker.select(index)
        frames(app, 1)
        press(app, pygame.K_RETURN)
        assert app.session is not None and app.session.game.seed == seed, screen_text(app)
        assert app.session.game.reports  # one turn was played before the save
        app.session = None
        app.switch(LoadScene(app))
        app.scene.wait_until_read()
        frames(app, 2)
        scene = app.scene
    damaged = next(i for i, info in enumerate(scene.saves) if info.path == folder / "nested.json")
    scene.picker.select(damaged)
    frames(app, 2)
    text = screen_text(app)
    assert "(!) nested.json: damaged, cannot be loaded" in text
    assert "Why it cannot be loaded" in text
    assert not scene.load_button.is_enabled
    press(app, pygame.K_RETURN)
    assert app.scene is scene and app.session is None
    pygame.display.quit()


def test_the_load_list_names_delegations_not_ids(tmp_path, monkeypatch):
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import saves_dir

    app = make_app(tmp_path, monkeypatch)
    save_of(DEFAULT_SCENARIO, saves_dir() / "class.json", ["japan", "taiwan"])
    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    frames(app, 2)
    row = app.scene.picker.rows[0]
    whole = html.unescape(row.tool_tip_text or "")
    label = app.scene.label(app.scene.saves[0])
    assert "played by Japan, Taiwan" in label
    assert "japan" not in label and "taiwan" not in label
    assert label in whole.replace("<br>", "\n") or row.text == label
    text = screen_text(app)
    assert "Japan, Taiwan" in text and "United States (" in text  # the AI delegation, by name
    pygame.display.quit()


def test_long_lines_end_with_an_ellipsis_and_can_be_read_whole(tmp_path, monkeypatch):
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import saves_dir

    long_title = "A scenario whose title goes on and on for a while, to the very end"
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "long.yaml"
    path.write_text(
        MINI.read_text()
        .replace("id: mini", "id: long")
        .replace("title: Mini scenario", f"title: {long_title}")
    )
    app = make_app(tmp_path, monkeypatch, [folder], size=(1024, 600))
    select_path(app, path)
    row = next(r for r in app.scene.picker.rows if r.is_selected)
    assert row.text.endswith("…") and len(row.text) < len(long_title)
    assert long_title in html.unescape(row.tool_tip_text)

    save_of(path, saves_dir() / "long.json", ["japan"])
    app.switch(LoadScene(app))
    app.scene.wait_until_read()
    frames(app, 2)
    row = app.scene.picker.rows[0]
    assert row.text.endswith("…")
    whole = html.unescape(row.tool_tip_text).replace("<br>", "\n")
    assert app.scene.label(app.scene.saves[0]) in whole
    assert long_title in " ".join(screen_text(app).split())  # the panel shows it wrapped, whole
    pygame.display.quit()
