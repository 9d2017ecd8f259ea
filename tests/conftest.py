"""Shared fixtures: the small test scenario and a way to load variants of its text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


@pytest.fixture(scope="session")
def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mini():
    from game.scenario.loader import load_scenario

    return load_scenario(MINI)


@pytest.fixture(scope="session")
def default_scenario():
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.loader import load_scenario

    return load_scenario(DEFAULT_SCENARIO)
