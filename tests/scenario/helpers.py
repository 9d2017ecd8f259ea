"""Load a variant of the mini scenario and return its problems."""

from __future__ import annotations

from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_scenario_text
from tests.conftest import MINI


def variant(old: str, new: str) -> str:
    text = MINI.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text {old!r} must occur exactly once"
    return text.replace(old, new)


def problems_of(text: str, name: str = "mini.yaml") -> list[Problem]:
    try:
        load_scenario_text(text, name)
    except ScenarioError as err:
        assert err.problems, "a ScenarioError must carry at least one problem"
        return err.problems
    raise AssertionError("expected the scenario to be rejected")


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle`."""
    return text[: text.index(needle)].count("\n") + 1


def column_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - (text.rfind("\n", 0, start) + 1) + 1
