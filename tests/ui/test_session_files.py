"""The window's game folder: saves that fail are never silent, folders are never shared, the
facilitator password is stored as a salted key, and session and settings files from outside
are read bounded and checked value by value."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

import game.ui.session as session_module
from game.engine.saves import load_game
from game.limits import MAX_TIMER_SECONDS
from game.ui.session import (
    PASSWORD_KDF,
    ClassroomSettings,
    Session,
    read_classroom_settings,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def new_session(mini, **kwargs) -> Session:
    return Session.new(mini, 5, ["japan"], {}, **kwargs)


# --- saves that fail ------------------------------------------------------------------------


def test_a_failed_autosave_is_recorded_retried_and_cleared_when_a_save_succeeds(
    mini, home, monkeypatch
):
    session = new_session(mini)
    assert session.save_problem is None and session.save_path.exists()
    real = session_module.write_text_atomic
    attempts = []

    def full_disk(path, text):
        attempts.append(path)
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(session_module, "write_text_atomic", full_disk)
    session.drafts["japan"] = {}
    assert session.end_delegation_turn() == "reveal"
    assert session.save_problem is not None
    assert str(session.save_path) in session.save_problem
    assert "No space left on device" in session.save_problem
    session.next_after_reveal()
    session.end_delegation_turn()  # the next turn's save is tried again
    assert len(attempts) == 2
    monkeypatch.setattr(session_module, "write_text_atomic", real)
    session.autosave()
    assert session.save_problem is None
    assert load_game(session.save_path, mini).state == session.game.state


def test_a_game_whose_folder_cannot_be_made_says_so_and_makes_it_later(mini, home):
    home.mkdir(parents=True)
    (home / "saves").write_text("a file where the saves folder should be")
    session = new_session(mini)
    assert session.save_problem is not None and "saves" in session.save_problem
    (home / "saves").unlink()
    session.autosave()
    assert session.save_problem is None
    assert session.save_path is not None and session.save_path.exists()


def test_two_games_started_in_the_same_second_never_share_a_folder(mini, home, monkeypatch):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 5, 1, 9, 30, 0)

    monkeypatch.setattr(session_module, "datetime", Frozen)
    first, second, third = new_session(mini), new_session(mini), new_session(mini)
    folders = {s.save_path.parent for s in (first, second, third)}
    assert len(folders) == 3
    for s in (first, second, third):
        assert load_game(s.save_path, mini).seed == 5


def test_saving_from_the_pause_menu_gives_a_game_without_a_folder_a_folder_of_its_own(
    mini, home, monkeypatch
):
    """The tutorial does not autosave; two of its games saved by hand in the same second
    must not overwrite each other."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 5, 1, 9, 30, 0)

    monkeypatch.setattr(session_module, "datetime", Frozen)
    first, second = new_session(mini, autosave=False), new_session(mini, autosave=False)
    second.game.add_note("the second game")
    for session in (first, second):
        assert session.save_path is None
        session.save_now()
        assert session.save_problem is None
    assert first.save_path != second.save_path
    assert load_game(first.save_path, mini).notes() == []
    assert [n.text for n in load_game(second.save_path, mini).notes()] == ["the second game"]


# --- the facilitator password --------------------------------------------------------------


def session_json(session: Session) -> dict:
    return json.loads((session.save_path.parent / "session.json").read_text())


def test_the_password_is_stored_as_a_salted_key_and_unlocks_after_resume(mini, home):
    one = new_session(mini, password="white cell")
    two = new_session(mini, password="white cell")
    stored = session_json(one)
    text = json.dumps(stored)
    assert "white cell" not in text
    assert hashlib.sha256(b"white cell").hexdigest() not in text
    assert stored["password"]["kdf"] == PASSWORD_KDF
    assert stored["password"]["salt"] != session_json(two)["password"]["salt"]
    resumed = Session(load_game(one.save_path, mini), one.save_path)
    resumed.apply_classroom_settings(read_classroom_settings(one.save_path))
    assert resumed.password_required()
    assert resumed.password_ok("white cell") and not resumed.password_ok("white")


def test_an_old_bare_sha256_still_unlocks_and_is_upgraded_on_the_next_save(mini, home):
    session = new_session(mini)
    folder = session.save_path.parent
    old = hashlib.sha256(b"secret").hexdigest()
    (folder / "session.json").write_text(
        json.dumps({"password_sha256": old, "forecasts_enabled": True, "timer_seconds": 120})
    )
    resumed = Session(load_game(session.save_path, mini), session.save_path)
    resumed.apply_classroom_settings(read_classroom_settings(session.save_path))
    assert resumed.password_ok("secret") and not resumed.password_ok("Secret")
    assert resumed.forecasts_enabled and resumed.timer_seconds == 120
    resumed.autosave()
    stored = session_json(resumed)
    assert "password_sha256" not in stored and old not in json.dumps(stored)
    again = Session(load_game(session.save_path, mini), session.save_path)
    again.apply_classroom_settings(read_classroom_settings(session.save_path))
    assert again.password_ok("secret") and not again.password_ok("other")


# --- session.json from outside -----------------------------------------------------------------


@pytest.mark.parametrize(
    "timer",
    [
        "1e400",
        "NaN",
        "-Infinity",
        "-5",
        '"ten"',
        "1" * 5000,
        "[1]",
        "null",
        "true",
        str(MAX_TIMER_SECONDS + 1),
    ],
)
def test_a_bad_timer_falls_back_to_none_and_the_rest_is_kept(timer, mini, home):
    session = new_session(mini)
    path = session.save_path.parent / "session.json"
    path.write_text('{"forecasts_enabled": true, "timer_seconds": ' + timer + "}")
    settings = read_classroom_settings(session.save_path)
    assert settings.timer_seconds == 0.0 and settings.forecasts_enabled is True
    assert settings.problems and "timer_seconds" in settings.problems[0]


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000,
        b"\xff\xfe",
        b'{"password": {"kdf": "pbkdf2-sha256", "iterations": 1000000000000, "salt": "00", "key": "00"}}',
        b'{"password": "hunter2"}',
        b'{"password_sha256": "not hex"}',
        b'{"forecasts_enabled": "yes"}',
        b" " * 100_000,
    ],
)
def test_hostile_session_files_never_raise(content, mini, home):
    session = new_session(mini)
    (session.save_path.parent / "session.json").write_bytes(content)
    settings = read_classroom_settings(session.save_path)
    assert isinstance(settings, ClassroomSettings) and settings.problems
    assert settings.timer_seconds == 0.0 and settings.password is None


def test_a_session_file_that_is_a_pipe_a_folder_or_a_device_never_blocks(mini, home):
    session = new_session(mini)
    path = session.save_path.parent / "session.json"
    path.unlink()
    path.mkdir()
    assert read_classroom_settings(session.save_path).problems
    path.rmdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(path)
        assert read_classroom_settings(session.save_path).problems
        path.unlink()
    if Path("/dev/zero").exists():
        path.symlink_to("/dev/zero")
        assert read_classroom_settings(session.save_path).problems


def test_a_game_with_a_bad_session_file_still_resumes_in_the_window(app):
    from game.ui.scenes.load import resume
    from tests.ui.conftest import click

    click(app, "New game")
    click(app, "Start game")
    path = app.session.save_path
    (path.parent / "session.json").write_text('{"timer_seconds": 1e400, "forecasts_enabled": true}')
    app.session = None
    resume(app, path)
    assert app.session is not None and app.session.game.state.turn == 1
    assert app.session.timer_seconds == 0.0 and app.session.forecasts_enabled
    assert "timer_seconds" in (app.session.classroom_problem or "")
    assert app.scene.title in ("Turn", "Pass the screen")


def test_session_file_problems_have_their_own_notice_not_a_failed_save(app):
    from game.ui.scenes.load import resume
    from tests.ui.conftest import click, frames, screen_text

    click(app, "New game")
    click(app, "Start game")
    path = app.session.save_path
    (path.parent / "session.json").write_text('{"timer_seconds": 1e400}')
    app.session = None
    resume(app, path)
    frames(app, 2)
    assert app.session.save_problem is None  # the game was saved: nothing failed
    text = " ".join(screen_text(app).split())
    assert "could not be saved" not in text
    assert "Some classroom settings of this game (session.json in its folder) could not" in text
    assert "timer_seconds is not a number of seconds" in app.session.classroom_problem
    assert not app.session.password_required()  # no password was ever set


# --- a damaged password record fails closed ---------------------------------------------------

GOOD_RECORD = {"kdf": "pbkdf2-sha256", "iterations": 600_000, "salt": "ab" * 16, "key": "cd" * 32}
DAMAGED = {
    "bare SHA-256 not hex": {"password_sha256": "zz" * 32},
    "bare SHA-256 too short": {"password_sha256": "ab" * 8},
    "bad salt": {"password": {**GOOD_RECORD, "salt": "not hex"}},
    "short key": {"password": {**GOOD_RECORD, "key": "cd" * 8}},
    "unknown kdf": {"password": {**GOOD_RECORD, "kdf": "md5"}},
    "rounds of text": {"password": {**GOOD_RECORD, "iterations": "600000"}},
    "too many rounds": {"password": {**GOOD_RECORD, "iterations": 5_000_000}},
    "too few rounds": {"password": {**GOOD_RECORD, "iterations": 1}},
    "the password itself": {"password": "hunter2"},
    "a list": {"password": [1, 2]},
    "not an object": [],
    "not JSON": "[[[",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_password_keeps_the_console_locked_and_the_record_is_kept(content, mini, home):
    session = new_session(mini, password="white cell")
    path = session.save_path.parent / "session.json"
    raw = content if isinstance(content, str) else json.dumps(content)
    path.write_text(raw)
    resumed = Session(load_game(session.save_path, mini), session.save_path)
    resumed.apply_classroom_settings(read_classroom_settings(session.save_path))
    assert resumed.password_required()
    assert not any(resumed.password_ok(a) for a in ("", "white cell", "hunter2"))
    assert (
        "damaged" in resumed.password_damaged and "delete session.json" in resumed.password_damaged
    )
    assert str(path.parent) in resumed.password_damaged
    assert resumed.save_problem is None and "damaged" in resumed.classroom_problem
    resumed.autosave()
    assert resumed.save_problem is None and path.read_text() == raw  # not dropped or replaced


def test_the_console_of_a_game_with_a_damaged_password_says_how_to_reset_it(app):
    import pygame

    from game.ui.scenes.facilitator import FacilitatorConsole, PasswordPrompt
    from game.ui.scenes.load import resume
    from tests.ui.conftest import click, press, screen_text

    click(app, "New game")
    click(app, "Start game")
    path = app.session.save_path
    (path.parent / "session.json").write_text(json.dumps({"password_sha256": "zz" * 32}))
    app.session = None
    resume(app, path)
    press(app, pygame.K_F9)
    assert isinstance(app.top, PasswordPrompt)
    assert not any(isinstance(o, FacilitatorConsole) for o in app.overlays)
    text = " ".join(screen_text(app).split())
    assert "Facilitator console locked" in text and "delete session.json" in text
    press(app, pygame.K_ESCAPE)
    assert app.top is app.scene


def test_rounds_asked_by_a_session_file_are_capped_at_twice_the_default(mini, home):
    from game.ui.session import PASSWORD_ITERATIONS, classroom_settings_from

    def rounds(n: int) -> ClassroomSettings:
        return classroom_settings_from({"password": {**GOOD_RECORD, "iterations": n}})

    assert rounds(2 * PASSWORD_ITERATIONS).password.iterations == 2 * PASSWORD_ITERATIONS
    assert rounds(2 * PASSWORD_ITERATIONS).password_damaged is None
    assert rounds(2 * PASSWORD_ITERATIONS + 1).password is None
    assert rounds(2 * PASSWORD_ITERATIONS + 1).password_damaged


# --- settings.json from outside ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, kept",
    [
        ('{"window_size": [Infinity, 720], "palette": "high_contrast"}', "palette"),
        ('{"window_size": [NaN, NaN], "palette": "high_contrast"}', "palette"),
        ('{"window_size": [1e400, 1e400], "palette": "high_contrast"}', "palette"),
        ('{"window_size": [' + "9" * 5000 + ', 720], "palette": "high_contrast"}', "palette"),
        ('{"text_scale": NaN, "window_size": [1024, 600]}', "window_size"),
        ('{"text_scale": "big", "fullscreen": true}', "fullscreen"),
        ('{"fullscreen": "false", "text_scale": 1.3}', "text_scale"),
        ('{"scenario_dirs": "not a list", "text_scale": 1.3}', "text_scale"),
        ('{"window_size": {"w": 1}, "fullscreen": true}', "fullscreen"),
    ],
)
def test_bad_settings_fall_back_to_defaults_with_the_rest_kept(raw, kept, home):
    from game.ui.settings import Settings

    home.mkdir(parents=True)
    (home / "settings.json").write_text(raw)
    settings = Settings.load()
    defaults = Settings()
    changed = {k for k, v in vars(settings).items() if v != vars(defaults)[k]}
    assert changed == {kept}
    assert all(isinstance(v, int) for v in settings.window_size)


def test_a_settings_file_that_cannot_be_read_gives_the_defaults(home):
    from game.ui.settings import Settings

    home.mkdir(parents=True)
    path = home / "settings.json"
    path.mkdir()
    assert Settings.load() == Settings()
    path.rmdir()
    path.write_bytes(b"[" * 100_000)
    assert Settings.load() == Settings()
    if hasattr(os, "mkfifo"):
        path.unlink()
        os.mkfifo(path)
        assert Settings.load() == Settings()
