"""Nothing the window starts from is lost silently.

- A scenario folder that cannot be listed (a name too long, no permission, a file, missing, a
  loop of links) is skipped with a message naming it and why, on the title screen; every other
  folder (the bundled one too) is still listed.
- A value in settings.json or setup.json that cannot be used is named: the file, the key, what
  was found and what is used instead, on stderr and in a message over the title screen that
  the player closes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from game.paths import DEFAULT_SCENARIO
from game.ui.catalog import Catalog, Skipped
from game.ui.settings import Settings
from tests.conftest import MINI
from tests.ui.conftest import frames, press, screen_text


def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINI.read_text())
    return folder


def name_too_long(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    return tmp_path / ("a" * 300)


def no_permission(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "hidden.yaml").write_text(MINI.read_text())
    real = os.scandir

    def scandir(path="."):  # noqa: ANN001, ANN202 - as for a user without the right (not root)
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return folder


def a_file(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    path = tmp_path / "notes.txt"
    path.write_text("not a folder")
    return path


def missing(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    return tmp_path / "nonexistent"


def a_loop(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    return loop


BAD_FOLDERS = {
    "name too long": (name_too_long, "too long"),
    "no permission": (no_permission, "Permission denied"),
    "a file": (a_file, "is a file, not a folder"),
    "missing": (missing, "no such folder"),
    "a loop of links": (a_loop, "symbolic links"),
}


@pytest.mark.parametrize("case", BAD_FOLDERS, ids=list(BAD_FOLDERS))
def test_a_folder_that_cannot_be_listed_is_skipped_with_why_and_the_others_are_listed(
    tmp_path, monkeypatch, case
):
    make, why = BAD_FOLDERS[case]
    bad = make(tmp_path, monkeypatch)
    good = good_folder(tmp_path)
    catalog = Catalog([bad, good], tmp_path / "cache.json")
    entries = catalog.wait(60)
    names = {e.path.name for e in entries}
    assert DEFAULT_SCENARIO.name in names and "mini.yaml" in names  # bundled and the good one
    assert "hidden.yaml" not in names
    assert catalog.problems == [Skipped(bad, catalog.problems[0].why)]
    assert why in catalog.problems[0].why
    assert str(bad) in str(catalog.problems[0]) and why in str(catalog.problems[0])


@pytest.mark.parametrize("given", ["--scenarios", "settings"])
def test_the_title_screen_names_each_folder_skipped_and_why(tmp_path, monkeypatch, given):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App

    long_name = tmp_path / ("b" * 300)
    folders = [long_name, tmp_path / "nonexistent", good_folder(tmp_path)]
    settings = Settings()
    if given == "settings":
        settings.scenario_dirs = [str(f) for f in folders]
    app = App(settings, scenario_dirs=folders if given == "--scenarios" else (), size=(1024, 600))
    try:
        app.scene.wait_until_loaded()
        frames(app, 2)
        text = screen_text(app)
        assert "2 scenario folders were skipped" in text
        assert "nonexistent (there is no such folder)" in text
        assert "File name too long" in text
        assert "Mini scenario" in text and "A Free and Open Indo-Pacific" in text
        strip = pygame.Rect(0, 0, app.size[0], app.scene.banner_h)
        assert str(long_name) in app.painted_tooltip_at(strip.center)  # the whole path
        assert app.scene.list_rect.top > strip.bottom  # the list is laid out below it
    finally:
        pygame.display.quit()


# --- settings.json and setup.json -----------------------------------------------------------


@pytest.mark.parametrize(
    "raw, key, found, instead",
    [
        ('{"window_size": [1e400, 720]}', "window_size", "[Infinity, 720]", "using 1280x720"),
        ('{"window_size": [NaN, 600]}', "window_size", "[NaN, 600]", "using 1280x720"),
        ('{"text_scale": NaN}', "text_scale", "NaN", "using 1 instead"),
        ('{"text_scale": "big"}', "text_scale", '"big"', "using 1 instead"),
        ('{"fullscreen": "false"}', "fullscreen", '"false"', "using false instead"),
        ('{"palette": "neon"}', "palette", '"neon"', 'using "default" instead'),
        ('{"scenario_dirs": "x"}', "scenario_dirs", '"x"', "using no extra folders"),
        ('{"scenario_dirs": ["ok", 5]}', "scenario_dirs[1]", "5", "left out"),
        ('{"scenario_dirs": ["a\\u202eb"]}', "scenario_dirs[0]", '"a\\u202eb"', "left out"),
    ],
)
def test_each_refused_setting_is_named_with_what_was_found_and_what_is_used(
    tmp_path, monkeypatch, raw, key, found, instead
):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    (tmp_path / "settings.json").write_text(raw)
    settings, problems = Settings.load_checked()
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{tmp_path / 'settings.json'}: {key}: found {found}, expected")
    assert instead in problems[0]


def test_a_settings_file_that_cannot_be_read_is_named_and_a_missing_one_is_not(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    assert Settings.load_checked() == (Settings(), [])
    (tmp_path / "settings.json").write_text("[" * 100)
    settings, problems = Settings.load_checked()
    assert settings == Settings() and len(problems) == 1
    assert "settings.json" in problems[0] and "using the defaults instead" in problems[0]


@pytest.mark.parametrize(
    "size, usable",
    [
        ([800, 480], True),
        ([7680, 4320], True),
        ([1024, 600], True),
        ([799, 720], False),
        ([7681, 720], False),
        ([1280, 479], False),
        ([1280, 4321], False),
        ([1024.5, 600], False),
        ([1e300, 720], False),
        ([-1e300, 720], False),
        ([1280, 720, 1], False),
    ],
)
def test_window_sizes_are_taken_only_within_their_bounds(size, usable):
    settings, problems = Settings.from_data({"window_size": size})
    assert (settings.window_size == tuple(size)) is usable
    assert (not problems) is usable


def test_setup_memory_values_refused_are_named(tmp_path):
    from game.ui.setup_memory import SetupMemory

    path = tmp_path / "setup.json"
    path.write_text(
        '{"kind": "trilateral-setup", "timer_minutes": 1e400, "forecasts": "yes", '
        '"seats": {"s": {"us": 5}}}'
    )
    memory, problems = SetupMemory.load_checked(path)
    assert memory == SetupMemory()
    assert [p.split(": found")[0] for p in problems] == [
        f"{path}: timer_minutes",
        f"{path}: forecasts",
        f'{path}: seats["s"]',
    ]
    assert "found Infinity, expected whole minutes from 0 to 999; using 0 instead" in problems[0]


def test_the_window_names_refused_values_at_start_on_stderr_and_in_a_message(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"window_size": [1e400, 720], "text_scale": NaN}')
    (tmp_path / "setup.json").write_text('{"kind": "trilateral-setup", "timer_minutes": -5}')
    from game.ui.app import App
    from game.ui.scenes.help import MessageOverlay
    from game.ui.scenes.title import TitleScene

    app = App(size=(1024, 600))
    try:
        app.scene.wait_until_loaded()
        frames(app, 2)
        err = capsys.readouterr().err
        for key in ("window_size", "text_scale", "timer_minutes"):
            assert f": {key}: found" in err
        assert isinstance(app.top, MessageOverlay)
        text = screen_text(app)
        assert "window_size: found [Infinity, 720]" in text and "timer_minutes: found -5" in text
        press(app, pygame.K_ESCAPE)  # the player closes it
        assert isinstance(app.top, TitleScene)
    finally:
        pygame.display.quit()


def test_a_click_on_the_message_closes_it_and_not_the_button_beneath(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path))
    # Enough refused values that the message reaches down over the title's buttons.
    bad = {"palette": "neon", "text_scale": 9, "fullscreen": "maybe", "language": "klingon"}
    (tmp_path / "settings.json").write_text(json.dumps(bad))
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    app = App(size=(1280, 720))
    try:
        app.scene.wait_until_loaded()
        frames(app, 2)
        box = app.top.box
        from tests.ui.conftest import find_button

        beneath = find_button(app, "New game").rect.clip(box)  # the message covers part of it
        assert beneath.width and beneath.height
        pos = beneath.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        frames(app, 2)
        assert app.top is app.scene and isinstance(app.scene, TitleScene)
    finally:
        pygame.display.quit()


def test_a_saved_game_resumes_when_a_configured_folder_cannot_be_listed(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario
    from game.ui.app import App
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import saves_dir

    good = good_folder(tmp_path)
    save_game(Game(load_scenario(good / "mini.yaml"), 3, ["japan"], {}), saves_dir() / "g.json")
    settings = Settings(scenario_dirs=[str(tmp_path / ("c" * 300)), str(good)])
    app = App(settings, size=(1280, 720))
    try:
        app.scene.wait_until_loaded()
        app.switch(LoadScene(app))
        frames(app, 2)
        app.scene.load_selected()
        frames(app, 2)
        assert app.session is not None and app.scene.title in ("Turn", "Pass the screen")
    finally:
        pygame.display.quit()
