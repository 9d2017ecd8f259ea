"""Every number a scenario holds is finite, written as a number, and refused at its place if not.

The numeric places are found by walking the scenario model (no hand-made list): every field
whose type is a number, true/false or a numeric literal, inside every part of the format,
including mappings of numbers (`cost`, `priorities`, effects) and the map frame's pairs.
Each gets every hostile spelling of a number, and must be refused with a problem at that
exact line and column, naming that key path.
"""

from __future__ import annotations

import functools
import math
import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario_text
from game.scenario.models import Effect, Scenario
from tests.conftest import MINI

PLACEHOLDER = "__HOSTILE_VALUE__"
Path = tuple[str | int, ...]


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation allows (Annotated and unions unwrapped, None dropped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) if a is not type(None) for t in _unwrap(a)]
    return [annotation]


def _kind(options: list[Any]) -> str | None:
    """'number', 'bool', 'number or expression' for a scalar slot; None for anything else."""
    numeric = any(t in (int, float) for t in options) or any(
        typing.get_origin(t) is typing.Literal
        and all(isinstance(v, int) and not isinstance(v, bool) for v in typing.get_args(t))
        for t in options
    )
    if numeric:
        return "number or expression" if str in options else "number"
    if options == [bool]:
        return "bool"
    return None


def _default_constructible(model: type[BaseModel]) -> bool:
    return all(not f.is_required() for f in model.model_fields.values())


def numeric_slots(
    model: type[BaseModel], data: dict[str, Any], path: Path = ()
) -> Iterator[tuple[Path, str, str]]:
    """(key path, kind, model.field) for every numeric or true/false place of `model`, creating
    the place in `data` when it is absent but can be written (optional keys, empty mappings)."""
    fields = dict(model.model_fields)
    for name, info in fields.items():
        fill = info.default if isinstance(info.default, (int, float)) else 1
        yield from _slots(
            info.annotation, data, name, path + (name,), f"{model.__name__}.{name}", fill
        )
    if model is Effect:  # its other keys are indicator names holding numbers
        data.setdefault("tension", 1)
        yield path + ("tension",), "number", "Effect.<indicator>"


def _slots(
    annotation: Any, parent: Any, key: str | int, path: Path, label: str, fill: Any = 1
) -> Iterator[tuple[Path, str, str]]:
    options = _unwrap(annotation)
    kind = _kind(options)
    if kind is not None:
        if isinstance(parent, dict) and key not in parent:
            parent[key] = fill
        yield path, kind, label
        return
    for option in options:
        origin = typing.get_origin(option)
        args = typing.get_args(option)
        value = parent[key] if isinstance(parent, (dict, list)) and _has(parent, key) else None
        if isinstance(option, type) and issubclass(option, BaseModel):
            if value is None and isinstance(parent, dict) and _default_constructible(option):
                parent[key] = value = {}
            if isinstance(value, dict):
                if "role" in option.model_fields and value.get("role") not in typing.get_args(
                    option.model_fields["role"].annotation
                ):
                    continue  # the other member of the actor union
                yield from numeric_slots(option, value, path)
        elif origin is dict and args and isinstance(value, dict):
            for k in list(value):
                yield from _slots(args[1], value, k, path + (k,), f"{label}[*]")
        elif origin is list and args and isinstance(value, list):
            for i in range(len(value)):
                yield from _slots(args[0], value, i, path + (i,), f"{label}[*]")
        elif origin is tuple and args:
            if value is None and isinstance(parent, dict):
                default = _field_default(label)
                parent[key] = value = list(default)
            if isinstance(value, (list, tuple)):
                value = parent[key] = list(value)
                for i, item in enumerate(args):
                    yield from _slots(item, value, i, path + (i,), f"{label}[{i}]")


def _has(container: Any, key: str | int) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(key, int) and 0 <= key < len(container)


def _field_default(label: str) -> tuple[Any, ...]:
    model_name, field = label.split(".")[:2]
    model = next(m for m in _all_models() if m.__name__ == model_name)
    return tuple(model.model_fields[field.split("[")[0]].default)


def _all_models() -> list[type[BaseModel]]:
    import game.scenario.models as models

    return [
        m
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, BaseModel) and m is not BaseModel
    ]


def _all_numeric_fields() -> set[str]:
    """model.field for every numeric or true/false field of every model reachable from
    Scenario (what the walk must cover)."""
    wanted = set()
    seen: set[type] = set()
    stack: list[type[BaseModel]] = [Scenario]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            todo = [info.annotation]
            while todo:
                for option in _unwrap(todo.pop()):
                    if _kind([option]) is not None or _kind(_unwrap(info.annotation)):
                        wanted.add(f"{model.__name__}.{name}")
                    if isinstance(option, type) and issubclass(option, BaseModel):
                        stack.append(option)
                    todo.extend(typing.get_args(option) if typing.get_origin(option) else [])
    wanted.add("Effect.<indicator>")
    return wanted


def base_data() -> dict[str, Any]:
    """The mini scenario, with a valid entry in the mappings of numbers it leaves empty (the
    walk cannot invent ids that the rest of the file would accept)."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    japan = data["actors"]["japan"]
    japan["objectives"]["domains"] = {"maritime": 1}
    japan["objectives"]["measures"] = {"dialogue": 3}  # still read (with a warning)
    japan["ai_profiles"]["cautious"]["priorities"] = {"dialogue": 2}
    data["measures"][0]["support_cost"] = {"japan": 1}
    data["measures"][0]["shields"] = {"maritime": 0.3}
    japan["ai_profiles"]["cautious"]["wants"] = {"dialogue": 5}
    data["events"][0]["setback"] = {"dialogue": 1}
    policy = data["actors"]["red"]["policy"]
    policy["aims"] = {"cooperation": -1}
    policy["campaign"] = [{"from_turn": 2, "effect": {"tension": 1}}]
    data["calendar"] = {"start": "2020-01-01", "months_per_turn": 3}
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _slots_of_base() -> list[tuple[Path, str, str]]:
    """One place per model field (the first the walk meets)."""
    first: dict[str, tuple[Path, str, str]] = {}
    for slot in numeric_slots(Scenario, base_data()):
        first.setdefault(slot[2], slot)
    return list(first.values())


SLOTS = _slots_of_base()


def hostile_text(path: Path, literal: str) -> tuple[str, int, int]:
    """The mini scenario with `literal` written at `path`, and the line and column where it
    starts."""
    text, line, column = _template(path)
    return text.replace(PLACEHOLDER, literal), line, column


@functools.cache
def _template(path: Path) -> tuple[str, int, int]:
    data = base_data()
    list(numeric_slots(Scenario, data))  # create the same optional places as the walk did
    _set(data, path, PLACEHOLDER)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    start = text.index(PLACEHOLDER)
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return text, line, column


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def test_the_walk_reaches_every_numeric_field_of_the_format():
    covered = {label.split("[")[0] for _, _, label in SLOTS}
    missing = _all_numeric_fields() - covered
    assert not missing, f"no place in the test scenario for: {sorted(missing)}"
    assert len(SLOTS) >= 40


def test_the_walked_scenario_is_valid_before_it_is_spoilt():
    data = base_data()
    list(numeric_slots(Scenario, data))
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    load_scenario_text(text, "walked.yaml")


NON_FINITE = [".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1.0e+400", "-1.5e+999", "9" * 400]
NOT_DECIMAL = ["0x1F", "017", "0b101", "1:30"]


def _refusal(text: str, line: int, column: int, path: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "hostile.yaml")
    here = [p for p in caught.value.problems if (p.line, p.column) == (line, column)]
    assert here, (
        f"expected a problem at {line}:{column} ({path}); got "
        f"{[str(p) for p in caught.value.problems]}"
    )
    assert here[0].path == path
    return here[0].message


@pytest.mark.parametrize("literal", NON_FINITE)
@pytest.mark.parametrize(("path", "kind", "label"), SLOTS, ids=[s[2] for s in SLOTS])
def test_a_number_that_is_not_finite_is_refused_where_it_is_written(path, kind, label, literal):
    text, line, column = hostile_text(path, literal)
    message = _refusal(text, line, column, path)
    assert "finite" in message


@pytest.mark.parametrize("literal", NOT_DECIMAL)
@pytest.mark.parametrize(
    ("path", "kind", "label"),
    [s for s in SLOTS if s[1] != "bool"],
    ids=[s[2] for s in SLOTS if s[1] != "bool"],
)
def test_a_number_yaml_would_read_in_another_base_is_refused(path, kind, label, literal):
    text, line, column = hostile_text(path, literal)
    message = _refusal(text, line, column, path)
    assert "number in YAML" in message


NUMBER_SLOTS = [s for s in SLOTS if s[1] == "number"]


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize(("path", "kind", "label"), NUMBER_SLOTS, ids=[s[2] for s in NUMBER_SLOTS])
def test_a_quoted_number_is_refused_with_advice_to_remove_the_quotes(path, kind, label, quote):
    text, line, column = hostile_text(path, f"{quote}1{quote}")
    message = _refusal(text, line, column, path)
    assert "Remove the quotes" in message and "`1`" in message


BOOL_SLOTS = [s for s in SLOTS if s[1] == "bool"]


@pytest.mark.parametrize("literal", ['"true"', "'false'", '"yes"'])
@pytest.mark.parametrize(("path", "kind", "label"), BOOL_SLOTS, ids=[s[2] for s in BOOL_SLOTS])
def test_a_quoted_true_or_false_is_refused_with_advice_to_remove_the_quotes(
    path, kind, label, literal
):
    text, line, column = hostile_text(path, literal)
    message = _refusal(text, line, column, path)
    assert "Remove the quotes" in message


@pytest.mark.parametrize(("path", "kind", "label"), BOOL_SLOTS, ids=[s[2] for s in BOOL_SLOTS])
def test_a_number_is_not_taken_for_true(path, kind, label):
    text, line, column = hostile_text(path, "1")
    _refusal(text, line, column, path)


@pytest.mark.parametrize(("path", "kind", "label"), NUMBER_SLOTS, ids=[s[2] for s in NUMBER_SLOTS])
def test_true_is_not_taken_for_a_number(path, kind, label):
    text, line, column = hostile_text(path, "true")
    _refusal(text, line, column, path)


def test_a_quoted_weight_is_an_expression_and_loads():
    weight = next(p for p, kind, _ in SLOTS if kind == "number or expression")
    text, _, _ = hostile_text(weight, '"3"')
    loaded = load_scenario_text(text, "quoted-weight.yaml")
    assert loaded.expression("3").evaluate(None) == 3.0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("literal", "fragment"),
    [('"1e400"', "without an exponent"), ("1e999", "without an exponent"), ("9" * 500, "finite")],
)
def test_a_huge_weight_is_refused_never_drawn_as_infinity(literal, fragment):
    weight = next(p for p, kind, _ in SLOTS if kind == "number or expression")
    text, line, _ = hostile_text(weight, literal)
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "huge-weight.yaml")
    problem = caught.value.problems[0]
    assert problem.path == weight and problem.line == line and fragment in problem.message


def test_a_number_written_with_a_decimal_point_is_still_refused_for_a_whole_number():
    progress = next(p for p, _, label in SLOTS if label == "Measure.progress")
    text, line, column = hostile_text(progress, "4.0")
    assert "whole number" in _refusal(text, line, column, progress)


def test_a_plain_number_yaml_reads_as_text_gets_a_hint():
    start = next(p for p, _, label in SLOTS if label == "Range.start")
    text, line, column = hostile_text(start, "-.5")
    assert "YAML reads `-.5` as text" in _refusal(text, line, column, start)


def test_a_number_where_text_is_expected_says_to_quote_it():
    text = MINI.read_text(encoding="utf-8").replace("title: Mini scenario", "title: 2020")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "mini.yaml")
    (problem,) = caught.value.problems
    assert problem.path == ("title",) and 'put it in quotes, e.g. "2020"' in problem.message


def test_every_number_of_a_loaded_scenario_is_finite():
    from game.paths import PROJECT_ROOT
    from game.scenario.loader import load_scenario

    def numbers(value: Any) -> Iterator[float]:
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from numbers(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from numbers(v)

    for path in sorted((PROJECT_ROOT / "scenarios").glob("*.yaml")):
        dumped = load_scenario(path).scenario.model_dump()
        assert all(math.isfinite(n) for n in numbers(dumped))


NOT_BOOL_SLOTS = [s for s in SLOTS if s[1] != "bool"]
EVERY_NUMBER_SLOT = pytest.mark.parametrize(
    ("path", "kind", "label"), NOT_BOOL_SLOTS, ids=[s[2] for s in NOT_BOOL_SLOTS]
)
DATES = ["2001-12-14", "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10-05:00"]
# YAML 1.1 (this reader) takes 1_000 as a number; YAML 1.2 readers and the JSON Schema take
# it as text, so an editor and the game would disagree about the file.
UNDERSCORED = ["1_0", "1_000", "+1_0", "-1_0", "1_0.5", "0.1_5"]
WRITTEN_WRONG = [(d, "is a date in YAML") for d in DATES]
WRITTEN_WRONG += [(u, "without `_`") for u in UNDERSCORED]


@pytest.mark.parametrize(("literal", "fragment"), WRITTEN_WRONG)
@EVERY_NUMBER_SLOT
def test_a_date_or_a_number_with_underscores_is_refused_where_a_number_belongs(
    path, kind, label, literal, fragment
):
    text, line, column = hostile_text(path, literal)
    message = _refusal(text, line, column, path)
    assert fragment in message
    if literal == "2001-12-14" and kind == "number or expression":
        assert "spaces around each `-` (`2001 - 12 - 14`)" in message  # the subtraction
    if "_" in literal:
        assert "YAML 1.2" in message


def test_a_date_where_text_belongs_stays_text():
    text = MINI.read_text(encoding="utf-8").replace("title: Mini scenario", "title: 2001-12-14")
    assert load_scenario_text(text, "mini.yaml").scenario.title == "2001-12-14"
