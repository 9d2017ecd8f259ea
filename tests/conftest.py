"""Shared fixtures: the small test scenario and a way to load variants of its text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The game follows the system's language (game.i18n): tests read English, whatever the
# machine running them speaks; the language tests choose theirs explicitly.
os.environ["LANGUAGE"] = "en"

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


def _shared(wider: str):
    """A fixture scope: `wider` (built once and shared, for speed), or one test's own under a
    mutation pass. mutmut (docs/mutation.md; it sets MUTANT_UNDER_TEST) maps each function of
    the code to the tests that ran it; a shared fixture runs the code in the first test only,
    so the later tests that read it would never be run against a mutant of that code."""

    def scope(fixture_name: str, config: pytest.Config) -> str:
        return "function" if "MUTANT_UNDER_TEST" in os.environ else wider

    return scope


shared_by_module = _shared("module")
shared_by_session = _shared("session")

if "MUTANT_UNDER_TEST" in os.environ:
    # Under a mutation pass, property tests draw the same examples every run, so whether a
    # mutant is caught does not depend on the draw.
    from hypothesis import HealthCheck as _HealthCheck
    from hypothesis import settings as _hypothesis_settings

    # The shared fixtures become function-scoped (above); they are read-only (a loaded
    # scenario), so a property test may reuse one across its examples.
    _hypothesis_settings.register_profile(
        "mutation",
        derandomize=True,
        database=None,
        suppress_health_check=[_HealthCheck.function_scoped_fixture],
    )
    _hypothesis_settings.load_profile("mutation")
    # mutmut's trampolines add frames to every call: room for the expression checker's
    # recursion over a 400-token expression, which the tests reach on purpose.
    import sys as _sys

    _sys.setrecursionlimit(20_000)


def play_turns_holding(game, turns: int = 1) -> None:
    """Resolve `turns` turns in which every delegation played by people holds on everything."""
    for _ in range(turns):
        for actor in game.awaiting():
            game.submit(actor, {})
        game.resolve_turn()


@pytest.fixture()
def english_again():
    """The test may switch the language; English is back afterwards for the next test."""
    yield
    from game import i18n

    i18n.set_language("en")


@pytest.fixture(scope="session")
def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


@pytest.fixture(scope=shared_by_session)
def mini():
    from game.scenario.loader import load_scenario

    return load_scenario(MINI)


@pytest.fixture(scope=shared_by_session)
def default_scenario():
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.loader import load_scenario

    return load_scenario(DEFAULT_SCENARIO)


# Headless Chromium for the browser tests (the report's, the assumptions page's, the
# delegation page's): Debian's, which `.ci/run` installs.
CHROMIUM = "/usr/bin/chromium"  # Playwright's own browser download is not reachable here
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's); CI installs it, so there a missing one is a failure."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    if missing:
        if IN_CI:
            pytest.fail(f"the browser test must run in CI: {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()
