"""Many scenarios stay fast: the title answers input while files are still being checked, only
summaries are kept, and the disk cache is used only for files that have not changed."""

from __future__ import annotations

import gc
import json
import os
import threading
import time
from pathlib import Path

import pygame
import pytest

import game.ui.catalog as catalog_module
from game.ui.catalog import CACHE_NAME, Catalog, check_file
from tests.conftest import MINI
from tests.ui.conftest import frames, press, screen_text


def mini_copies(folder: Path, count: int, title: str = "Copy") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = MINI.read_text()
    paths = []
    for i in range(count):
        path = folder / f"s{i:03d}.yaml"
        path.write_text(
            text.replace("id: mini", f"id: copy-{i:03d}").replace(
                "title: Mini scenario", f"title: {title} {i:03d}"
            )
        )
        paths.append(path)
    return paths


def make_app(tmp_path, monkeypatch, folders, size=(1280, 720)):  # noqa: ANN001
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    from game.ui.app import App
    from game.ui.settings import Settings

    return App(Settings(), scenario_dirs=folders, size=size)


def test_the_title_answers_input_before_the_scenarios_are_checked(tmp_path, monkeypatch):
    folder = tmp_path / "many"
    mini_copies(folder, 30)
    release = threading.Event()

    def slow_check(path):  # noqa: ANN001, ANN202 - checking takes as long as the test wants
        release.wait(30)
        return check_file(path)

    monkeypatch.setattr(catalog_module, "check_file", slow_check)
    app = make_app(tmp_path, monkeypatch, [folder])
    try:
        frames(app, 2)
        catalog = app.catalog
        deadline = time.monotonic() + 30  # listing the folders is quick; checking is held back
        while not catalog.entries and time.monotonic() < deadline:
            frames(app, 1)
            time.sleep(0.01)
        frames(app, 15)
        assert catalog.entries and not catalog.done
        assert not any(e.checked for e in catalog.entries)
        assert "checking…" in screen_text(app)
        press(app, pygame.K_DOWN)
        assert app.scene.picker.selected == 1
        press(app, pygame.K_END)
        assert app.scene.picker.selected == len(catalog.entries) - 1
        press(app, pygame.K_RETURN)  # an unchecked file is checked when it is chosen
        assert app.scene.title == "Setup"
        assert app.scene.loaded.scenario.id == "copy-029"
        assert not catalog.done
    finally:
        release.set()
    catalog.wait(60)
    assert catalog.done and all(e.checked for e in catalog.entries)
    pygame.display.quit()


def test_the_list_keeps_summaries_not_whole_scenarios(tmp_path):
    from game.scenario.loader import LoadedScenario

    mini_copies(tmp_path / "many", 12)
    catalog = Catalog([tmp_path / "many"], tmp_path / CACHE_NAME)
    entries = catalog.wait(60)
    assert len([e for e in entries if e.summary is not None]) >= 12
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, LoadedScenario)]
    ours = {str(p) for p in (tmp_path / "many").glob("*.yaml")}  # not the bundled files
    held = [o for o in alive if o.file in ours]
    assert held == []
    summary = entries[-1].summary
    assert summary.title == "Copy 011" and summary.delegations == (
        ("japan", "Japan"),
        ("taiwan", "Taiwan"),
    )


def count_checks(monkeypatch) -> list[Path]:  # noqa: ANN001
    checked: list[Path] = []

    def counting(path):  # noqa: ANN001, ANN202
        checked.append(path)
        return check_file(path)

    monkeypatch.setattr(catalog_module, "check_file", counting)
    return checked


def test_a_file_is_checked_again_when_its_time_or_size_changes(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    path = mini_copies(folder, 1)[0]
    cache = tmp_path / CACHE_NAME
    first = Catalog([folder], cache)
    first.wait(60)
    assert first.entries[-1].summary is not None and cache.is_file()

    checked = count_checks(monkeypatch)
    again = Catalog([folder], cache)
    again.wait(60)
    assert checked == [] and again.entries[-1].summary is not None  # nothing changed

    # The same size, a new time: an edit that keeps the length is still seen.
    text = path.read_text()
    broken = text.replace("turns: 4", "turnz: 4")
    assert len(broken) == len(text)
    stat = path.stat()
    path.write_text(broken)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    edited = Catalog([folder], cache)
    edited.wait(60)
    assert checked == [path]
    assert edited.entries[-1].summary is None and "turnz" in edited.entries[-1].error

    # A new size, the old time (a copy that kept the time stamp): seen too.
    stat = path.stat()
    path.write_text(text + "\n# a comment\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    copied = Catalog([folder], cache)
    copied.wait(60)
    assert checked == [path, path]
    assert copied.entries[-1].summary is not None


def test_a_new_program_version_checks_every_file_again(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    mini_copies(folder, 2)
    cache = tmp_path / CACHE_NAME
    Catalog([folder], cache).wait(60)
    checked = count_checks(monkeypatch)
    monkeypatch.setattr(catalog_module, "program_version", lambda: "another version")
    Catalog([folder], cache).wait(60)
    assert set(folder.glob("*.yaml")) <= set(checked)


HOSTILE_CACHES = {
    "not json": b"{{{{ not json",
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "huge": b" " * (catalog_module.MAX_CACHE_BYTES + 10),
    "big number": b'{"kind": "trilateral-scenario-catalog", "files": ' + b"9" * 5000 + b"}",
    "wrong shapes": json.dumps(
        {"kind": "trilateral-scenario-catalog", "program": "x", "files": {"a": [1, 2]}}
    ).encode(),
}


@pytest.mark.parametrize("content", HOSTILE_CACHES.values(), ids=HOSTILE_CACHES.keys())
def test_a_damaged_cache_is_ignored(tmp_path, content):
    folder = tmp_path / "mine"
    mini_copies(folder, 2)
    cache = tmp_path / CACHE_NAME
    cache.write_bytes(content)
    entries = Catalog([folder], cache).wait(60)
    assert [e.summary.title for e in entries[-2:]] == ["Copy 000", "Copy 001"]


def test_a_forged_cache_record_is_not_trusted(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    path = mini_copies(folder, 1)[0]
    cache = tmp_path / CACHE_NAME
    Catalog([folder], cache).wait(60)
    data = json.loads(cache.read_text())
    record = data["files"][str(path.resolve())]
    record["summary"]["turns"] = "many"  # not what the program writes
    cache.write_text(json.dumps(data))
    checked = count_checks(monkeypatch)
    entries = Catalog([folder], cache).wait(60)
    assert checked == [path] and entries[-1].summary.turns == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_cache_does_not_hang(tmp_path):
    folder = tmp_path / "mine"
    mini_copies(folder, 1)
    cache = tmp_path / CACHE_NAME
    os.mkfifo(cache)
    catalog = Catalog([folder], cache)
    catalog.wait(30)
    assert catalog.done


def test_a_long_list_builds_only_the_rows_that_fit(tmp_path, monkeypatch):
    folder = tmp_path / "many"
    mini_copies(folder, 60)
    app = make_app(tmp_path, monkeypatch, [folder], size=(1024, 600))
    app.scene.wait_until_loaded()
    frames(app, 2)
    picker = app.scene.picker
    total = len(app.catalog.entries)
    assert total >= 60 and len(picker.rows) == picker.visible < total
    assert f"of {total:,}" in screen_text(app)
    press(app, pygame.K_END)
    assert picker.selected == total - 1
    assert "Copy 059" in screen_text(app)
    press(app, pygame.K_PAGEUP)
    assert picker.selected == total - 1 - picker.visible
    pygame.display.quit()


def test_an_invalid_file_is_listed_with_its_error_and_f5_sees_the_fix(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    path = mini_copies(folder, 1)[0]
    good = path.read_text()
    path.write_text(good.replace("turns: 4", "turns: four"))
    app = make_app(tmp_path, monkeypatch, [folder])
    app.scene.wait_until_loaded()
    frames(app, 2)
    press(app, pygame.K_END)
    text = screen_text(app)
    assert "(!) s000.yaml: cannot be loaded" in text and "turns" in text
    assert not app.scene.new_button.is_enabled
    path.write_text(good)
    press(app, pygame.K_F5)
    app.scene.wait_until_loaded()
    frames(app, 2)
    assert app.scene.current().path == path
    assert "Copy 000" in screen_text(app) and app.scene.new_button.is_enabled
    pygame.display.quit()
