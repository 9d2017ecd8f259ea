"""lint asks every effect for a source and a confidence, uncertain sizes for ranges, and dated
injects for dates inside the scenario's window (issue 12)."""

from __future__ import annotations

from game.scenario.loader import load_scenario_text
from game.sim.lint import dates_outside_window, unsourced
from tests.conftest import MINI


def _load(*edits: tuple[str, str]):
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text, load_scenario_text(text, "v.yaml")


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_effect_without_source_or_confidence_is_named_at_its_line():
    text, loaded = _load()
    found = unsourced(loaded)
    (reaction,) = [w for w in found if w.path == "measures[0] dialogue: reaction"]
    assert reaction.line == _line(text, "    reaction: {tension: 5}")
    assert "no source and no confidence" in reaction.message
    # on_adopt names both, so it is never said to lack them
    assert not [w for w in found if w.path.endswith("on_adopt") and "no source" in w.message]


def test_an_owner_s_source_and_confidence_cover_its_effects():
    text, loaded = _load(
        ("    title: Patrol\n", "    title: Patrol\n    source: essay\n    confidence: high\n")
    )
    assert "events[0] patrol" not in {w.path for w in unsourced(loaded)}


def test_an_uncertain_size_must_be_a_range():
    _, loaded = _load(
        (
            "on_adopt: {cooperation: 10, source: essay, confidence: medium}",
            "on_adopt: {cooperation: 10, source: essay, confidence: medium}",
        )
    )
    (w,) = [w for w in unsourced(loaded) if w.path == "measures[0] dialogue: on_adopt"]
    assert "medium confidence, yet `cooperation` is a fixed number" in w.message
    _, ranged = _load(("on_adopt: {cooperation: 10,", "on_adopt: {cooperation: [8, 12],"))
    assert "measures[0] dialogue: on_adopt" not in {w.path for w in unsourced(ranged)}
    _, sure = _load(("source: essay, confidence: medium}", "source: essay, confidence: high}"))
    assert "measures[0] dialogue: on_adopt" not in {w.path for w in unsourced(sure)}


def test_a_dated_inject_outside_the_window_is_named():
    text, loaded = _load(
        ("turns: 4\n", 'turns: 4\ncalendar: {start: "2020-01-01", months_per_turn: 3}\n'),
        ("    turn: 2\n", '    date: "2021-03-01"\n'),
    )
    (w,) = dates_outside_window(loaded)
    assert w.line == _line(text, '    date: "2021-03-01"')
    assert "outside the scenario's window" in w.message and "2020-01-01" in w.message
    _, inside = _load(
        ("turns: 4\n", 'turns: 4\ncalendar: {start: "2020-01-01", months_per_turn: 3}\n'),
        ("    turn: 2\n", '    date: "2020-12-31"\n'),
    )
    assert dates_outside_window(inside) == []


def test_the_drift_needs_a_source_too():
    text, loaded = _load()
    (w,) = [w for w in unsourced(loaded) if w.path == "rules.drift"]
    assert w.line == _line(text, "  drift: {tension: -1}") and "no source" in w.message
    _, sourced = _load(
        ("  drift: {tension: -1}", "  drift: {tension: -1, source: essay, confidence: high}")
    )
    assert "rules.drift" not in {w.path for w in unsourced(sourced)}
