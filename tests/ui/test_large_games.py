"""Large but allowed games and folders never freeze the window.

- The news holds at most MAX_FACILITATOR_LINES of the white cell's entries per turn and says
  how many more there were (a save may hold 20,000 adjustments in one turn; the debrief and
  the report list them all).
- The console's lists draw only the newest entries that fit.
- The Load list is there before any save is read: the files are listed at once (name and
  date) and read in the background, the selected one first; a save can be chosen and loaded
  before it is read, and a damaged one shows as damaged once read.
"""

from __future__ import annotations

import re
import threading

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import game.ui.scenes.load as load_module
from game.engine.game import Game
from game.engine.saves import save_game
from game.ui.labels import facilitator_entries
from game.ui.news import MAX_FACILITATOR_LINES, news_html
from game.ui.palette import PALETTES
from tests.ui.conftest import frames, screen_text


def busy_game(mini, now: int, earlier: int) -> Game:
    """`earlier` adjustments in turn 1 (resolved), then `now` in turn 2 (being decided)."""
    game = Game(mini, 4, ["japan"], {})
    for i in range(earlier):
        game.adjust("tension", 0.1 if i % 2 else -0.1, f"first turn {i}")
    game.submit("japan", {})
    game.resolve_turn()
    for i in range(now):
        game.adjust("cooperation", 0.1 if i % 2 else -0.1, f"this turn {i}")
    return game


def sections(html: str) -> list[str]:
    """The news split at each turn's heading ("This turn so far", "Turn 1", ...)."""
    return re.split(r"<br><b>(?=This turn so far|Turn \d)", html)[1:]


@pytest.mark.parametrize("now, earlier", [(3, 2), (500, 40), (MAX_FACILITATOR_LINES + 1, 0)])
def test_the_news_holds_the_newest_entries_of_each_turn_and_counts_the_rest(mini, now, earlier):
    game = busy_game(mini, now, earlier)
    html = news_html(game, PALETTES["default"])
    this_turn, turn_one = sections(html)
    assert this_turn.startswith("This turn so far")
    for section, count, tag in ((this_turn, now, "this turn"), (turn_one, earlier, "first turn")):
        shown = re.findall(rf"{tag} (\d+)", section)
        assert len(shown) == min(count, MAX_FACILITATOR_LINES)
        assert [int(n) for n in shown] == list(range(count - len(shown), count))  # the newest
        more = count - len(shown)
        assert (f"and {more:,} more earlier this turn" in section) is (more > 0)


def test_a_turn_with_twenty_thousand_adjustments_opens_with_a_bounded_news_feed(app, mini):
    from game.ui.scenes.turn import TurnScene
    from game.ui.session import Session

    game = busy_game(mini, 20_000, 0)
    app.session = Session(game)
    app.session.start_turn()
    app.switch(TurnScene(app))
    frames(app, 2)
    assert app.scene.news_box.html_text.count("The facilitator") == MAX_FACILITATOR_LINES
    assert "and 19,992 more earlier this turn" in " ".join(screen_text(app).split())


@settings(max_examples=40, deadline=None)
@given(kinds=st.lists(st.sampled_from(["note", "adjust"]), max_size=30), last=st.integers(0, 12))
def test_the_newest_entries_are_the_end_of_the_whole_list(mini, kinds, last):
    game = Game(mini, 4, ["japan"], {})
    for i, kind in enumerate(kinds):
        game.add_note(f"n{i}") if kind == "note" else game.adjust("tension", 1, f"r{i}")
    for notes in (True, False):
        whole = facilitator_entries(game, notes=notes)
        newest = facilitator_entries(game, notes=notes, last=last)
        assert newest == (whole[-last:] if last else [])


# --- the Load list ---------------------------------------------------------------------------


@pytest.fixture
def saves(tmp_path, monkeypatch):  # noqa: ANN201 - the saves folder: 30 saves, one damaged
    from game.paths import SCENARIO_DIR
    from game.scenario.loader import load_scenario
    from game.ui.settings import saves_dir

    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    tutorial = load_scenario(SCENARIO_DIR / "tutorial.yaml")
    folder = saves_dir()
    folder.mkdir(parents=True)
    for seed in range(30):
        game = Game(tutorial, seed)
        game.resolve_turn()
        save_game(game, folder / f"game-{seed:02d}.json")
    (folder / "zz-damaged.json").write_text('{"kind": "trilateral-save", "version": [[[')
    return folder


def test_the_load_list_is_there_before_any_save_is_read_and_loads_before_it_is(
    app, saves, monkeypatch
):
    from game.ui.scenes.load import LoadScene

    release = threading.Event()
    read = []
    real = load_module.save_info

    def slow_read(path):  # noqa: ANN001, ANN202 - reading takes as long as the test wants
        release.wait(30)
        read.append(path)
        return real(path)

    monkeypatch.setattr(load_module, "save_info", slow_read)
    scene = LoadScene(app)
    app.switch(scene)
    frames(app, 3)  # frames go on while nothing is read
    assert not read and len(scene.saves) == 31
    text = screen_text(app)
    assert "reading…" in text and "read 0 of 31" in text
    assert all(row.modified is not None for row in scene.saves)  # listed with their dates
    scene.picker.select(5)
    frames(app, 1)
    chosen = scene.saves[5].path
    assert scene.load_button.is_enabled  # loads before it is read: resume reads it
    scene.load_selected()
    assert app.session is not None and app.session.save_path == chosen
    release.set()


def test_the_selected_save_is_read_first_and_a_damaged_one_shows_once_read(app, saves, monkeypatch):
    from game.ui.scenes.load import LoadScene

    read = []
    real = load_module.save_info
    monkeypatch.setattr(load_module, "save_info", lambda p: (read.append(p), real(p))[1])
    scene = LoadScene(app)
    app.switch(scene)
    damaged = next(i for i, row in enumerate(scene.saves) if row.name == "zz-damaged.json")
    scene.picker.select(damaged)  # before the first frame: the reading has not started
    scene.wait_until_read()
    frames(app, 2)
    assert read[0] == saves / "zz-damaged.json"
    assert sorted(read) == sorted(row.path for row in scene.saves)  # each read once
    assert scene.saves[damaged].problem and not scene.load_button.is_enabled
    assert "(!) zz-damaged.json: damaged, cannot be loaded" in screen_text(app)


def test_reading_stops_when_the_screen_is_left(app, saves, monkeypatch):
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.title import TitleScene

    gate = threading.Semaphore(0)
    read = []
    real = load_module.save_info

    def one_at_a_time(path):  # noqa: ANN001, ANN202
        gate.acquire(timeout=30)
        read.append(path)
        return real(path)

    monkeypatch.setattr(load_module, "save_info", one_at_a_time)
    scene = LoadScene(app)
    app.switch(scene)
    frames(app, 1)
    gate.release()
    app.switch(TitleScene(app))
    for _ in range(5):
        gate.release()
    scene.save_list.wait(30)
    assert scene.save_list.done and len(read) <= 2


def test_the_load_list_layout_holds_while_saves_are_being_read(tmp_path, monkeypatch, saves):
    from game.ui.app import App
    from game.ui.scenes.load import LoadScene
    from game.ui.settings import Settings
    from tests.ui.layout_check import layout_problems

    release = threading.Event()
    real = load_module.save_info
    monkeypatch.setattr(load_module, "save_info", lambda p: (release.wait(30), real(p))[1])
    app = App(Settings(), size=(1024, 600))
    try:
        app.switch(LoadScene(app))
        frames(app, 2)
        assert "reading…" in screen_text(app)
        assert layout_problems(app) == []
    finally:
        release.set()
        pygame.display.quit()
