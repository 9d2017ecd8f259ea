"""The scenario authoring guide (docs/authoring.md) stays complete and its walkthrough playable.

- Every key of the scenario format, found by walking the JSON Schema, is documented.
- Every name and function the expression language offers is documented.
- Every command of `python main.py` is mentioned.
- The walkthrough's final scenario loads and plays to the end, switches no event off, says
  where every number comes from (no source warning from `lint`), and plays with seed 1 as
  the guide shows it (the turn lines and the scores worked out in 6.4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from game.paths import PROJECT_ROOT

GUIDE = PROJECT_ROOT / "docs" / "authoring.md"
FINAL_START = "<!-- walkthrough:final -->"
FINAL_END = "<!-- /walkthrough:final -->"


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return schema["$defs"][ref.removeprefix("#/$defs/")]
    return node


def _subschemas(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every schema nested directly inside `node` (properties, items, unions, ...)."""
    for key in ("properties", "patternProperties", "$defs"):
        for child in (node.get(key) or {}).values():
            yield child
    for key in ("items", "additionalProperties", "propertyNames"):
        child = node.get(key)
        if isinstance(child, dict):
            yield child
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        yield from node.get(key) or []


def schema_properties() -> dict[str, set[str]]:
    """Property name -> titles of the object definitions that have it, from the root down."""
    from game.scenario.loader import scenario_json_schema

    schema = scenario_json_schema()
    found: dict[str, set[str]] = {}
    seen: set[int] = set()
    stack = [schema]
    while stack:
        node = _resolve(schema, stack.pop())
        if id(node) in seen:
            continue
        seen.add(id(node))
        for name in node.get("properties") or {}:
            found.setdefault(name, set()).add(str(node.get("title", "?")))
        stack.extend(_subschemas(node))
    reached = {id(d) for d in schema.get("$defs", {}).values()}
    assert reached <= seen, "the walk missed some $defs"
    return found


def test_schema_walk_finds_the_format():
    keys = schema_properties()
    # a few keys from different depths, so a broken walk cannot pass silently
    for key in ("format", "actors", "risk_tolerance", "crisis_at", "all_push", "suspend_turns"):
        assert key in keys


def test_every_schema_key_is_documented(guide: str):
    missing = {
        key: sorted(where)
        for key, where in sorted(schema_properties().items())
        if f"`{key}`" not in guide
    }
    assert not missing, (
        "docs/authoring.md does not mention these scenario keys (as `key`); add them to the "
        f"reference tables: {missing}"
    )


def test_every_expression_name_and_function_is_documented(guide: str):
    from game.scenario.expressions import FUNCTIONS
    from game.scenario.references import effect_targets, expression_names

    loaded = final_scenario(guide)
    scenario = loaded.scenario
    derived = expression_names(scenario).values - set(effect_targets(scenario))
    missing = sorted(name for name in derived if f"`{name}`" not in guide)
    missing += sorted(f"{f}(...)" for f in FUNCTIONS if f"`{f}('id')`" not in guide)
    assert not missing, f"docs/authoring.md section 5 does not list: {missing}"


def test_every_command_is_mentioned(guide: str):
    from game.cli import build_parser

    parser = build_parser()
    commands = next(
        a.choices for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"
    )
    missing = sorted(name for name in commands if f"python main.py {name}" not in guide)
    assert not missing, f"docs/authoring.md does not mention these commands: {missing}"


def final_scenario_text(guide: str) -> str:
    """The YAML between the walkthrough:final markers."""
    assert guide.count(FINAL_START) == 1 and guide.count(FINAL_END) == 1, (
        f"docs/authoring.md must hold exactly one {FINAL_START} ... {FINAL_END} block"
    )
    block = guide.split(FINAL_START, 1)[1].split(FINAL_END, 1)[0]
    match = re.search(r"^```yaml[^\n]*\n(.*?)^```\s*$", block, re.DOTALL | re.MULTILINE)
    assert match, "the walkthrough:final block must contain one ```yaml fenced block"
    return match.group(1)


def final_scenario(guide: str):  # noqa: ANN201 - LoadedScenario
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario_text

    try:
        return load_scenario_text(final_scenario_text(guide), "walkthrough-final.yaml")
    except ScenarioError as err:  # show the located problems, not a bare traceback
        pytest.fail(f"the walkthrough's final scenario is invalid:\n{err}")


@pytest.mark.parametrize("seed", [1, 2, 3, 7, 42])
def test_walkthrough_final_scenario_plays_to_the_end(guide: str, seed: int):
    from game.engine.game import play_ai_game

    loaded = final_scenario(guide)
    scenario = loaded.scenario
    assert scenario.id == "fishing-grounds"
    game = play_ai_game(loaded, seed)
    assert game.over
    assert 1 <= len(game.reports) <= scenario.turns
    assert game.state.crisis or len(game.reports) == scenario.turns
    result = game.result()
    assert result.outcome.id in {o.id for o in scenario.outcomes}
    assert set(result.delegations) == set(scenario.delegations())


def test_walkthrough_final_scenario_plays_with_every_profile(guide: str):
    from game.engine.game import play_ai_game

    loaded = final_scenario(guide)
    for actor, delegation in loaded.scenario.delegations().items():
        for profile in delegation.ai_profiles:
            game = play_ai_game(loaded, 1, {actor: profile})
            assert game.over and game.result().outcome is not None


def test_the_guide_states_the_limits_the_validator_applies(guide: str):
    """Numbers the validator and the engine apply, where the guide tells authors about them."""
    from game.scenario.expressions import BOUND, MAX_NUMBER, MAX_WEIGHT
    from game.scenario.models import MAX_DELEGATIONS, MAX_FRAME_ASPECT, MIN_FRAME_DEGREES, MapFrame

    frame = MapFrame()
    stated = [
        f"1-{MAX_DELEGATIONS} delegations",  # the actors row of the top-level table
        f"at most {MAX_NUMBER:,}",  # numbers in expressions
        f"±{int(BOUND):,}",  # arithmetic is held within this
        f"as {MAX_WEIGHT:g} above {MAX_WEIGHT:g}",  # the weight row
        f"At least {MIN_FRAME_DEGREES:g} degrees each way",
        f"at most {MAX_FRAME_ASPECT:g} times as wide as it is high",
        f"`lon: [{frame.lon[0]:g}, {frame.lon[1]:g}]`, `lat: [{frame.lat[0]:g}, {frame.lat[1]:g}]`",
    ]
    missing = [text for text in stated if text not in guide]
    assert not missing, f"docs/authoring.md does not state: {missing}"


def test_the_guide_gives_the_base_maps_extent(guide: str):
    import json

    from game.paths import PROJECT_ROOT

    extent = json.loads((PROJECT_ROOT / "assets" / "map" / "region.json").read_text())["extent"]
    (west, east), (south, north) = extent["lon"], extent["lat"]
    assert f"from {west:g}°E to {east:g}°E and from {south:g}°N to {north:g}°N" in guide


def test_walkthrough_final_scenario_loads_without_warnings(guide: str):
    assert final_scenario(guide).warnings == ()


def _section(guide: str, heading: str) -> str:
    """The text of the section under `heading` (a whole heading line), up to the next heading."""
    start = guide.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(r"^#{1,4} ", guide[start:], re.MULTILINE)
    return guide[start : start + following.start()] if following else guide[start:]


def test_walkthrough_final_scenario_switches_no_event_off(guide: str):
    """The walkthrough teaches measures that blunt events (`shields`), never ones that make an
    event impossible, which is what `lint` warns about."""
    from game.sim.lint import switched_off_events

    assert switched_off_events(final_scenario(guide)) == []


def test_walkthrough_final_scenario_says_where_its_numbers_come_from(guide: str):
    """Step 11 gives every effect, event, inject and campaign stage a source and a
    confidence, and its low-confidence sizes ranges: `lint` has no source warning for it."""
    from game.sim.lint import dates_outside_window, unsourced

    loaded = final_scenario(guide)
    found = [w.format("walkthrough-final.yaml") for w in unsourced(loaded)]
    found += [w.format("walkthrough-final.yaml") for w in dates_outside_window(loaded)]
    assert not found, "\n".join(found)


def test_the_guide_shows_the_walkthrough_game_of_seed_1_as_it_plays(guide: str, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "fishing-grounds.yaml"
    path.write_text(final_scenario_text(guide), encoding="utf-8")
    played = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--auto", "--seed", "1"]
        + ["--scenario", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wanted = [line for line in played.splitlines() if line.startswith(("Month ", "Debrief:"))]
    after = guide.split("With seed 1 the final version plays like this:", 1)[1]
    block = re.search(r"```text\n(.*?)```", after, re.DOTALL)
    assert block, "the walkthrough's seed-1 game is not shown in a ```text block"
    shown = [
        line for line in block.group(1).splitlines() if line.startswith(("Month ", "Debrief:"))
    ]
    assert shown == wanted


def test_the_scoring_example_is_the_walkthrough_game_of_seed_1(guide: str):
    """Section 6.4 works the scores of the walkthrough's seed-1 game out by hand; its numbers
    are the ones the engine gives (shared and Japan's, calm and as they would be in crisis)."""
    from game.engine.game import play_ai_game
    from game.engine.scoring import on_the_scale

    game = play_ai_game(final_scenario(guide), 1)
    result = game.result()
    assert not result.crisis
    japan = result.delegations["japan"]
    text = " ".join(_section(guide, "### 6.4 Scores and the ending").split())
    for value in (
        result.shared.state,
        result.shared.score,
        on_the_scale(game.book, result.shared.state, crisis=True),
        japan.state,
        japan.score,
        on_the_scale(game.book, japan.state, crisis=True),
        *japan.parts.values(),
    ):
        assert f"{value:g}" in text, f"section 6.4 does not show {value:g}"
    assert f"= {result.shared.score:g}" in text and f"= {japan.score:g}" in text
