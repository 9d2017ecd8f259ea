"""Whatever it is fed, the loader returns a scenario or raises its own located error: nothing else."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.errors import ScenarioError
from game.scenario.loader import LoadedScenario, load_scenario_bytes, load_scenario_text
from tests.conftest import MINI

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=20),
    st.sampled_from(
        [
            "japan",
            "taiwan",
            "dialogue",
            "maritime",
            "tension >= 3",
            "push",
            "red_cell",
            "delegation",
        ]
    ),
)
keys = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(
        ["id", "title", "role", "when", "cost", "requires", "hit", "start", "turns", "format"]
    ),
)
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=25,
)
MINI_DATA = yaml.safe_load(MINI.read_text(encoding="utf-8"))


def outcome_is_allowed(load) -> None:
    try:
        result = load()
    except ScenarioError as err:
        assert err.problems
        for p in err.problems:
            assert p.file and p.message and p.line >= 0 and p.column >= 0
            str(p)
        return
    assert isinstance(result, LoadedScenario)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    outcome_is_allowed(lambda: load_scenario_text(text, "fuzz.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw):
    outcome_is_allowed(lambda: load_scenario_bytes(raw, "fuzz.yaml"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_data)
def test_arbitrary_yaml_shaped_data(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    outcome_is_allowed(lambda: load_scenario_text(text, "fuzz.yaml"))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(MINI_DATA) if p]


def _replace(node, path, value):
    if len(path) == 1:
        node[path[0]] = value
        return
    _replace(node[path[0]], path[1:], value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), yaml_data)
def test_a_valid_scenario_with_one_part_replaced_by_anything(path, value):
    import copy

    data = copy.deepcopy(MINI_DATA)
    _replace(data, path, value)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    outcome_is_allowed(lambda: load_scenario_text(text, "fuzz.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(MINI.read_text()) - 1), st.text(max_size=5))
def test_a_valid_file_with_characters_spliced_in(position, junk):
    text = MINI.read_text(encoding="utf-8")
    outcome_is_allowed(
        lambda: load_scenario_text(text[:position] + junk + text[position:], "fuzz.yaml")
    )
