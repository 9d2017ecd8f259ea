"""How to play's Assumptions page button writes the page of the scenario chosen on the title
screen into the user's data folder, in the background (the window keeps drawing), opens it in
the browser (stubbed here: no test opens one) and says where it is."""

from __future__ import annotations

import pygame
import pytest

import game.ui.scenes.howto as howto
from tests.ui.conftest import click, find_button, frames, press, screen_text


@pytest.fixture
def opened(monkeypatch):
    """What the scene asked the browser to open; the browser itself is never started."""
    calls: list = []
    monkeypatch.setattr(howto, "open_in_browser", lambda path: calls.append(path) or "")
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: pytest.fail("a browser was opened"))
    return calls


def _how_to_play_for(app, title: str):  # noqa: ANN001, ANN202
    scene = app.scene
    index = next(i for i, e in enumerate(scene.entries) if e.summary and e.summary.title == title)
    scene.select(index)
    frames(app, 2)
    press(app, pygame.K_h)
    assert app.scene.title == "How to play"
    app.scene.assumptions_runs = 3  # the page's numbers are tested with the report
    return app.scene


def _wait(app, scene) -> int:  # noqa: ANN001
    """Step the window until the page is written; returns the frames drawn meanwhile."""
    drawn = 0
    while scene.page_thread.is_alive():
        app.step()
        drawn += 1
    frames(app, 3)
    return drawn


def test_the_button_writes_and_opens_the_page_of_the_chosen_scenario(app, opened, tmp_path):
    scene = _how_to_play_for(app, "Election Year")
    click(app, "Assumptions page")
    assert "Writing the assumptions page of Election Year" in screen_text(app)
    if scene.page_thread.is_alive():  # the window goes on drawing while the games are played
        assert not find_button(app, "Assumptions page").is_enabled
    _wait(app, scene)
    page = tmp_path / "home" / "assumptions" / "election-year" / "assumptions.html"
    assert opened == [page]
    assert page.is_file() and (page.parent / "assumptions.md").is_file()
    assert "<title>Assumptions: Election Year</title>" in page.read_text(encoding="utf-8")
    text = "".join(screen_text(app).split())  # the path may wrap onto a second line
    assert "".join(f"Assumptions page written: {page}".split()) in text
    assert find_button(app, "Assumptions page").is_enabled


def test_the_a_key_does_the_same(app, opened, tmp_path):
    scene = _how_to_play_for(app, "A Free and Open Indo-Pacific")
    press(app, pygame.K_a)
    _wait(app, scene)
    assert [p.parent.name for p in opened] == ["free-and-open-indo-pacific"]


def test_a_browser_that_cannot_open_is_said_with_the_path(app, monkeypatch, tmp_path):
    monkeypatch.setattr(howto, "open_in_browser", lambda path: "No web browser could be opened.")
    scene = _how_to_play_for(app, "Election Year")
    click(app, "Assumptions page")
    _wait(app, scene)
    text = "".join(screen_text(app).split())
    assert "Nowebbrowsercouldbeopened." in text
    assert str(tmp_path / "home" / "assumptions" / "election-year" / "assumptions.html") in text


def test_a_folder_that_cannot_be_written_is_said_not_raised(app, opened, tmp_path):
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home" / "assumptions").write_text("a file where the folder goes")
    scene = _how_to_play_for(app, "Election Year")
    click(app, "Assumptions page")
    _wait(app, scene)
    assert opened == []
    assert "Could not write the assumptions page" in screen_text(app)
    assert find_button(app, "Assumptions page").is_enabled


def test_open_in_browser_opens_a_file_address(monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr("webbrowser.open", lambda url: asked.append(url) or True)
    page = tmp_path / "assumptions.html"
    assert howto.open_in_browser(page) == ""
    assert asked == [page.resolve().as_uri()]
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    assert "No web browser" in howto.open_in_browser(page)
