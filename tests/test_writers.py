"""Every writer replaces a symbolic link at the path it writes and never writes through it:
a link planted in an output folder (`out/report.md -> ../precious.txt`) cannot make Trilateral
overwrite another file. Each writer is run for real, end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import MINI
from tests.report.conftest import quick_charts  # noqa: F401 - a fixture used below

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")

PRECIOUS = "the only copy of something that matters\n"


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _plant(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _precious(tmp_path: Path) -> Path:
    path = tmp_path / "precious.txt"
    path.write_text(PRECIOUS)
    return path


def _replaced(link: Path, precious: Path) -> None:
    assert link.is_file() and not link.is_symlink(), link
    assert precious.read_text() == PRECIOUS


def _a_save(tmp_path: Path) -> Path:
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario.loader import load_scenario

    path = tmp_path / "class.json"
    save_game(Game(load_scenario(MINI), 3, [], {}), path)
    return path


def test_report_files(tmp_path, home, quick_charts, capsys):  # noqa: F811
    precious = _precious(tmp_path)
    out = tmp_path / "out"
    for name in ("report.md", "report.html"):
        _plant(out / name, precious)
    save = _a_save(tmp_path)
    argv = ["report", str(save), "--out", str(out), "--scenario", str(MINI), "--runs", "2"]
    assert main(argv) == 0, capsys.readouterr().err
    for name in ("report.md", "report.html"):
        _replaced(out / name, precious)


def test_schema_out(tmp_path):
    precious = _precious(tmp_path)
    _plant(tmp_path / "schema.json", precious)
    assert main(["schema", "--out", str(tmp_path / "schema.json")]) == 0
    _replaced(tmp_path / "schema.json", precious)


def test_play_save_over_a_link_to_a_save(tmp_path, capsys):
    old = _a_save(tmp_path)
    before = old.read_text()
    link = tmp_path / "current.json"
    _plant(link, old)
    argv = ["play", "--auto", "--seed", "9", "--scenario", str(MINI), "--save", str(link)]
    assert main(argv) == 0, capsys.readouterr().err
    assert link.is_file() and not link.is_symlink() and '"seed": 9' in link.read_text()
    assert old.read_text() == before


def test_simulate_out(tmp_path, capsys):
    precious = _precious(tmp_path)
    out = tmp_path / "sim"
    _plant(out / "games.csv", precious)
    assert main(["simulate", str(MINI), "--runs", "3", "--out", str(out)]) == 0
    _replaced(out / "games.csv", precious)


def test_new_force(tmp_path, monkeypatch):
    precious = _precious(tmp_path)
    monkeypatch.chdir(tmp_path)
    _plant(tmp_path / "mine.yaml", precious)
    assert main(["new", "mine", "--force"]) == 0
    _replaced(tmp_path / "mine.yaml", precious)


def test_the_reports_ai_baseline_cache(tmp_path, home):
    from game.report import baseline
    from game.scenario.loader import load_scenario

    precious = _precious(tmp_path)
    loaded = load_scenario(MINI)
    key = baseline.baseline_key(loaded, baseline.profile_combinations(loaded), 2, 0)
    entry = baseline._entry_path(key)
    _plant(entry, precious)
    assert not baseline.ai_baseline(loaded, 2).from_cache
    _replaced(entry, precious)
    assert baseline.ai_baseline(loaded, 2).from_cache


def test_settings_and_the_scenario_list_cache(tmp_path, home):
    from game.ui.catalog import write_cache
    from game.ui.settings import Settings, config_dir

    precious = _precious(tmp_path)
    settings_file = config_dir() / "settings.json"
    _plant(settings_file, precious)
    Settings().save()
    _replaced(settings_file, precious)
    cache = home / "cache" / "scenario-catalog.json"
    _plant(cache, precious)
    write_cache(cache, "1", [])
    _replaced(cache, precious)


def test_a_link_in_place_of_the_reports_charts_folder_is_replaced(
    tmp_path,
    home,
    quick_charts,  # noqa: F811
    capsys,
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    stale_looking = elsewhere / "indicators-0123456789ab.png"  # named like an old chart
    stale_looking.write_bytes(b"someone else's picture")
    out = tmp_path / "out"
    _plant(out / "charts", elsewhere)
    save = _a_save(tmp_path)
    argv = ["report", str(save), "--out", str(out), "--scenario", str(MINI), "--runs", "2"]
    assert main(argv) == 0, capsys.readouterr().err
    assert (out / "charts").is_dir() and not (out / "charts").is_symlink()
    assert list(elsewhere.iterdir()) == [stale_looking]
