"""The report's AI baseline is cached per scenario content, profiles, runs, seeds and program:
a second report plays no game, anything that changes the numbers misses the cache, and a
damaged or foreign cache file is ignored and replaced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import game.cache
from game.report import baseline, write_report
from game.report.baseline import ai_baseline, cache_dir
from game.scenario.loader import load_scenario_text


@pytest.fixture()
def played(monkeypatch):
    """Counts the AI games the baseline really plays."""
    seeds: list[int] = []
    real = baseline.run_games

    def counting(loaded, seed_range, combos):  # noqa: ANN001, ANN202
        for summary in real(loaded, seed_range, combos):
            seeds.append(summary.seed)
            yield summary

    monkeypatch.setattr(baseline, "run_games", counting)
    return seeds


def _entries() -> list[Path]:
    folder = cache_dir() / "baseline"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_cache_folder_follows_trilateral_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "h"))
    assert cache_dir() == tmp_path / "h" / "cache"
    monkeypatch.delenv("TRILATERAL_HOME")
    import platformdirs

    assert cache_dir() == Path(platformdirs.user_cache_dir("trilateral"))


def test_a_second_report_of_the_same_scenario_plays_no_game(
    finished, tmp_path, played, quick_charts
):
    first = write_report(finished, tmp_path / "a", runs=12)
    assert played == list(range(12))
    played.clear()
    second = write_report(finished, tmp_path / "b", runs=12)
    assert played == []
    # the same numbers, so the same report (but for where it was written)
    assert first[0].read_text() == second[0].read_text()
    assert len(_entries()) == 1


def test_the_cached_baseline_equals_the_played_one(mini, played):
    fresh = ai_baseline(mini, 9)
    cached = ai_baseline(mini, 9)
    assert not fresh.from_cache and cached.from_cache
    assert (cached.scores, cached.outcomes, cached.combinations) == (
        fresh.scores,
        fresh.outcomes,
        fresh.combinations,
    )


def test_progress_is_reported_once_when_the_cache_answers(mini):
    ai_baseline(mini, 5)
    seen = []
    ai_baseline(mini, 5, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(5, 5)]


def test_a_changed_scenario_misses_the_cache(mini, mini_text, played):
    ai_baseline(mini, 6)
    played.clear()
    changed = load_scenario_text(mini_text.replace("turns: 4", "turns: 3"), "mini.yaml")
    assert changed.content_hash != mini.content_hash
    assert not ai_baseline(changed, 6).from_cache
    assert played == list(range(6))


@pytest.mark.parametrize(
    "change",
    [
        {"runs": 7},  # another number of games
        {"first_seed": 100},  # other seeds
    ],
)
def test_other_runs_or_seeds_miss_the_cache(mini, played, change):
    ai_baseline(mini, 6)
    played.clear()
    runs = change.get("runs", 6)
    assert not ai_baseline(mini, runs, first_seed=change.get("first_seed", 0)).from_cache
    assert len(played) == runs


def test_another_program_version_misses_the_cache(mini, played, monkeypatch):
    ai_baseline(mini, 6)
    played.clear()
    monkeypatch.setattr(baseline, "program_fingerprint", lambda: "0.2.0+new")
    assert not ai_baseline(mini, 6).from_cache
    assert played == list(range(6))


def test_the_program_fingerprint_changes_with_the_source(tmp_path, monkeypatch):
    package = tmp_path / "game"
    package.mkdir()
    (package / "engine.py").write_text("RULE = 1\n")
    monkeypatch.setattr(game.cache, "_GAME_PACKAGE", package)
    game.cache.program_fingerprint.cache_clear()
    before = game.cache.program_fingerprint()
    (package / "engine.py").write_text("RULE = 2\n")
    game.cache.program_fingerprint.cache_clear()
    try:
        assert game.cache.program_fingerprint() != before
    finally:
        game.cache.program_fingerprint.cache_clear()  # the real sources are read again next time


def _damage(path: Path, how: str) -> None:
    good = json.loads(path.read_text())
    if how == "truncated":
        path.write_text(path.read_text()[:40])
    elif how == "not json":
        path.write_bytes(b"\xff\xfe garbage")
    elif how == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    elif how == "huge number":
        path.write_text('{"key": ' + "9" * 5000 + "}")
    elif how == "nan":
        good["scores"][0] = float("nan")
        path.write_text(json.dumps(good))
    elif how == "out of range":
        good["scores"][0] = 1e308
        path.write_text(json.dumps(good))
    elif how == "unknown outcome":
        good["outcomes"][0] = "<script>"
        path.write_text(json.dumps(good))
    elif how == "short":
        good["scores"].pop()
        path.write_text(json.dumps(good))
    elif how == "foreign key":
        good["key"]["scenario"] = "0" * 64
        path.write_text(json.dumps(good))
    elif how == "too big":
        path.write_bytes(b" " * (10 * 1024 * 1024))
    elif how == "folder":
        path.unlink()
        path.mkdir()
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif how == "symlink to /dev/zero":
        path.unlink()
        path.symlink_to("/dev/zero")
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "not json",
        "deep",
        "huge number",
        "nan",
        "out of range",
        "unknown outcome",
        "short",
        "foreign key",
        "too big",
        "folder",
        "fifo",
        "symlink to /dev/zero",
    ],
)
def test_a_damaged_cache_entry_is_ignored_and_replaced(mini, played, how):
    fresh = ai_baseline(mini, 5)
    [entry] = _entries()
    _damage(entry, how)
    played.clear()
    again = ai_baseline(mini, 5)
    assert not again.from_cache and played == list(range(5))
    assert (again.scores, again.outcomes) == (fresh.scores, fresh.outcomes)
    if how != "folder":  # a folder in the way cannot be replaced; the report goes on
        assert ai_baseline(mini, 5).from_cache
    assert not [p for p in entry.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_unwritable_cache_costs_time_not_the_report(
    finished, tmp_path, monkeypatch, quick_charts
):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TRILATERAL_HOME", str(blocker))
    html, _ = write_report(finished, tmp_path / "out", runs=4)
    assert html.is_file()


def test_old_entries_are_pruned(mini, monkeypatch):
    monkeypatch.setattr(baseline, "MAX_ENTRIES", 3)
    for runs in range(1, 6):
        ai_baseline(mini, runs)
    assert len(_entries()) == 3
    assert ai_baseline(mini, 5).from_cache  # the newest is kept


def test_unreadable_sources_mean_no_cache_rather_than_a_guess(mini, played, monkeypatch):
    monkeypatch.setattr(baseline, "program_fingerprint", lambda: None)
    ai_baseline(mini, 4)
    assert not ai_baseline(mini, 4).from_cache
    assert _entries() == [] and len(played) == 8
