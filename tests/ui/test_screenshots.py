"""`python -m game.ui.screenshots DIR --scenario PATH --seed N` plays the same game at every size."""

from __future__ import annotations

from game.ui import screenshots
from tests.conftest import MINI


def test_every_size_plays_the_same_seeded_game_of_the_scenario_given(tmp_path, monkeypatch):
    results = []
    real_capture = screenshots.capture

    def keep(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = real_capture(*args, **kwargs)
        results.append(result)
        return result

    monkeypatch.setattr(screenshots, "capture", keep)
    code = screenshots.main(
        [str(tmp_path), "--sizes", "1280x720,1024x600", "--scenario", str(MINI), "--seed", "4242"]
    )
    assert code == 0 and len(results) == 2
    big, small = (r.record for r in results)
    assert big["seed"] == small["seed"] == 4242
    assert big["scenario"]["id"] == "mini"
    assert big == small  # the same decisions, facilitator actions and forecasts: the same game
    assert len(big["turns"]) == 4  # played to the end
    names = sorted(
        p.name.replace("1024x600", "SIZE").replace("1280x720", "SIZE")
        for r in results
        for p in r.paths
    )
    assert names[::2] == names[1::2]  # the same screens at both sizes
    assert all(p.is_file() and p.stat().st_size > 0 for r in results for p in r.paths)


def test_screenshots_can_play_the_history_excursion(tmp_path, monkeypatch):
    import pytest

    from tests.ui.screens import HISTORY

    results = []
    real_capture = screenshots.capture
    monkeypatch.setattr(
        screenshots, "capture", lambda *a, **k: results.append(real_capture(*a, **k)) or results[-1]
    )
    args = [str(tmp_path), "--sizes", "1024x600", "--scenario", str(HISTORY), "--history"]
    assert screenshots.main(args) == 0
    assert results[0].record["history"] is True  # chosen on the setup screen it shows
    with pytest.raises(SystemExit, match="has no history excursion"):
        screenshots.main(
            [str(tmp_path), "--sizes", "1024x600", "--scenario", str(MINI), "--history"]
        )
