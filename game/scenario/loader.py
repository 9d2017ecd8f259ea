"""Load a scenario file: safe YAML -> shape validation -> cross-references -> compiled expressions.

Every failure becomes a `ScenarioError` whose problems name file, line, column, key path,
what was found and what was expected. Nothing else escapes: not a traceback, not a
pydantic error, not a YAML exception.
"""

from __future__ import annotations

import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.reading import FileReadError, read_bytes
from game.scenario.errors import (
    MAX_PROBLEMS,
    PathPart,
    Problem,
    ScenarioError,
    did_you_mean,
    format_path,
)
from game.scenario.expressions import Expression
from game.scenario.models import Scenario
from game.scenario.references import Found, check_references, format_warnings, location_warnings
from game.scenario.yaml_source import (
    MAX_BYTES,
    Mark,
    Positions,
    date_hint,
    decode,
    describe,
    is_date,
    position_in_value,
    read_yaml,
)


@dataclass(frozen=True)
class LoadedScenario:
    """A valid scenario with its compiled expressions and where it came from.

    `warnings` lists what loads but deserves the author's attention (a location outside the
    map's frame), as located `Problem`s with `severity == "warning"`, in file order.
    """

    scenario: Scenario
    file: str
    content_hash: str  # sha256 of the validated content; comments and layout do not change it
    expressions: dict[str, Expression] = field(repr=False)
    positions: Positions = field(repr=False)
    warnings: tuple[Problem, ...] = ()
    # The scenario as its file has it, when `scenario` holds a translation of its texts
    as_written: Scenario | None = field(default=None, repr=False, compare=False)

    @property
    def written(self) -> Scenario:
        """The scenario as its file has it, before any translation: what a save records, so
        that a save is the same in every language."""
        return self.as_written or self.scenario

    def expression(self, text: str) -> Expression:
        return self.expressions[text]

    def line_of(self, path: tuple[PathPart, ...]) -> int:
        """Line where the value at `path` starts (for tools that point authors at a place)."""
        return self.positions.of_value(path).line


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read and validate a scenario file; raises ScenarioError with located problems.

    The file is read through the bounded reader every outside file goes through: a folder,
    a pipe, a device (`/dev/zero`) or a file over the size limit is refused at once, never
    waited on or read whole."""
    name = str(path)
    try:
        raw = read_bytes(path, MAX_BYTES, "scenario file")
    except FileReadError as err:
        message = str(err).removeprefix(f"{name}: ")
        raise ScenarioError([Problem(name, 0, 0, (), message)]) from None
    return load_scenario_bytes(raw, name)


def load_scenario_bytes(raw: bytes, filename: str = "<scenario>") -> LoadedScenario:
    return load_scenario_text(decode(raw, filename), filename)


def load_scenario_text(text: str, filename: str = "<scenario>") -> LoadedScenario:
    """Validate scenario text; `filename` is only used in messages."""
    data, positions = read_yaml(text, filename)
    if not isinstance(data, dict):
        mark = positions.of_value(())
        raise ScenarioError(
            [
                Problem(
                    filename,
                    mark.line,
                    mark.column,
                    (),
                    f"found {describe(data)} at the top of the file; expected a mapping of scenario "
                    "keys (`id:`, `title:`, `actors:` ...)",
                )
            ]
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        problems, more = _validation_problems(err, data, positions, text, filename)
        raise ScenarioError(problems, more) from None
    except RecursionError:  # pragma: no cover - read_yaml caps depth well below this
        raise ScenarioError([Problem(filename, 1, 1, (), "nested too deeply")]) from None
    found, expressions = check_references(scenario, positions.dates)
    if found:
        problems = [_place(f, data, positions, text, filename) for f in found]
        problems.sort(key=lambda p: (p.line, p.column))
        raise ScenarioError(problems[:MAX_PROBLEMS], len(problems[MAX_PROBLEMS:]))
    warnings = [
        _place(f, data, positions, text, filename, "warning")
        for f in [*location_warnings(scenario), *format_warnings(scenario)]
    ]
    canonical = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return LoadedScenario(
        scenario,
        filename,
        digest,
        expressions,
        positions,
        tuple(sorted(warnings, key=lambda p: (p.line, p.column))),
    )


def _place(
    f: Found,
    data: Any,
    positions: Positions,
    text: str,
    filename: str,
    severity: Literal["error", "warning"] = "error",
) -> Problem:
    """A located Problem for a cross-reference finding; a place inside an expression is
    given as the file's line and column, whatever the scalar's style."""
    mark = positions.of_key(f.path) if f.at_key else positions.of_value(f.path)
    message = f.message
    exact = positions.values.get(f.path)
    value = _value_at(data, f.path)
    line, column = mark.line, mark.column
    if f.offset is not None and exact is not None and isinstance(value, str):
        line, column = position_in_value(text, exact, value, f.offset)
        if f.error is not None:

            def place(offset: int) -> str:
                at_line, at_column = position_in_value(text, exact, value, offset)
                return f"line {at_line}, column {at_column}"

            message = f.error.describe(place)
    return Problem(filename, line, column, f.path, message, severity)


def _value_at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --- turning pydantic's errors into located, readable ones ---------------------------


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[list[PathPart], bool]:
    """Map pydantic's `loc` onto keys that exist in the data, dropping union-member labels.

    Returns the path and whether the last element of `loc` is a key absent from the data
    (a missing key).
    """
    path: list[PathPart] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif last and isinstance(current, dict) and isinstance(part, str):
            path.append(part)
            return path, True
        # else: a label pydantic adds for a union member (e.g. `delegation`, `float`); skip it
    return path, False


def _model_at(path: list[PathPart], data: Any) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` (for listing valid keys)."""
    annotation: Any = Scenario
    current = data
    for part in path:
        annotation = _pick(annotation, current)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(str(part))
            if info is None:
                return None
            annotation = info.annotation
        else:
            origin = typing.get_origin(annotation)
            args = typing.get_args(annotation)
            if origin is dict and args:
                annotation = args[1]
            elif origin is list and args:
                annotation = args[0]
            else:
                return None
        if isinstance(current, dict):
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int):
            current = current[part]
        else:
            current = None
    annotation = _pick(annotation, current)
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _pick(annotation: Any, value: Any) -> Any:
    """Unwrap Annotated/Optional/unions, choosing the union member that fits `value`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            chosen = members[0] if len(members) == 1 else None
            if models and isinstance(value, dict):
                role = value.get("role")
                for m in models:
                    field_ = m.model_fields.get("role")
                    if field_ is not None and role in typing.get_args(field_.annotation):
                        chosen = m
                chosen = chosen or models[0]
            if chosen is None:
                return annotation
            annotation = chosen
            continue
        return annotation


_EXPECTED_BY_TYPE = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "list_type": "a list (`- item` lines or `[a, b]`)",
    "tuple_type": "a list (`[a, b]`)",
}
_IDENTIFIER_PATTERN = "^[a-z][a-z0-9_]*$"


def _expected(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind in _EXPECTED_BY_TYPE:
        return _EXPECTED_BY_TYPE[kind]
    if (
        kind == "string_pattern_mismatch"
        and err.get("ctx", {}).get("pattern") == _IDENTIFIER_PATTERN
    ):
        return "a short name of lower-case letters, digits and underscores, starting with a letter"
    msg = err["msg"]
    for prefix in ("Input should be ", "Input should "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    if msg.startswith("String should "):
        return "text that should " + msg[len("String should ") :]
    if kind == "too_short" and err.get("ctx", {}).get("min_length"):
        return f"at least {err['ctx']['min_length']} item(s)"
    if kind == "too_long" and err.get("ctx", {}).get("max_length"):
        return f"at most {err['ctx']['max_length']} item(s)"
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    return msg[0].lower() + msg[1:]


def _validation_problems(
    error: ValidationError, data: dict[str, Any], positions: Positions, text: str, filename: str
) -> tuple[list[Problem], int]:
    """The first MAX_PROBLEMS problems in file order, and how many more there are. Only those
    are worded: finding a suggestion for each of 90,000 unknown keys would take seconds."""
    by_place: dict[tuple[PathPart, ...], list[ErrorDetails]] = {}
    for err in error.errors(include_url=False):
        path, missing = _data_path(tuple(err["loc"]), data)
        by_place.setdefault(tuple(path) + (("<missing>",) if missing else ()), []).append(err)
    placed = []
    for place, errs in by_place.items():
        shape = _shape(place, errs[0])
        mark = _mark_of(shape, place, positions)
        placed.append(((mark.line, mark.column), shape, place, errs, mark))
    placed.sort(key=lambda item: item[0])
    problems = [
        _validation_problem(shape, place, errs, mark, data, positions, text, filename)
        for _, shape, place, errs, mark in placed[:MAX_PROBLEMS]
    ]
    return problems, len(placed[MAX_PROBLEMS:])


def _shape(place: tuple[PathPart, ...], err: ErrorDetails) -> str:
    """What kind of problem the first error at `place` is: an unknown key, a list one item
    short, a missing key, or a value of the wrong kind."""
    if err["type"] == "extra_forbidden":
        return "unknown"
    if err["type"] == "missing" and isinstance(err["loc"][-1], int):
        return "short"
    if err["type"] == "missing" or (bool(place) and place[-1] == "<missing>"):
        return "missing"
    return "value"


def _mark_of(shape: str, place: tuple[PathPart, ...], positions: Positions) -> Mark:
    path = place[:-1] if place and place[-1] == "<missing>" else place
    if shape == "unknown":
        return positions.of_key(path)
    if shape == "missing":
        return positions.of_value(path[:-1])  # the mapping the key is missing from
    return positions.of_value(path)


def _validation_problem(
    shape: str,
    place: tuple[PathPart, ...],
    errs: list[ErrorDetails],
    mark: Mark,
    data: dict[str, Any],
    positions: Positions,
    text: str,
    filename: str,
) -> Problem:
    path = place[:-1] if place and place[-1] == "<missing>" else place
    err = errs[0]
    kind = err["type"]
    if shape == "unknown":
        key = str(path[-1])
        model = _model_at(list(path[:-1]), data)
        valid = list(model.model_fields) if model else []
        hint = did_you_mean(key, valid)
        listed = f" (valid keys here: {', '.join(valid)})" if valid and not hint else ""
        message = f"unknown key `{key}`{hint}{listed}"
    elif shape == "short":  # a pair, one item short
        items = _value_at(data, tuple(path))
        model = _model_at(list(path[:-1]), data)
        info = model.model_fields.get(str(path[-1])) if model else None
        index = err["loc"][-1]
        assert isinstance(index, int)  # `_shape` calls a problem "short" only at a list index
        size = len(typing.get_args(info.annotation)) if info else index + 1
        about = f" ({info.description})" if info is not None and info.description else ""
        message = (
            f"found a list of {len(items) if isinstance(items, list) else 0} item(s); "
            f"expected {size}{about}"
        )
    elif shape == "missing":
        key = str(path[-1])
        model = _model_at(list(path[:-1]), data)
        info = model.model_fields.get(key) if model else None
        about = f" ({info.description})" if info is not None and info.description else ""
        message = f"missing key `{key}`{about}"
        path = path[:-1]
    else:
        found = err.get("input")
        if kind == "union_tag_invalid" or kind == "union_tag_not_found":
            message = f"`role:` must be `delegation` or `red_cell`; found {describe(found.get('role') if isinstance(found, dict) else found)}"
        elif len(errs) > 1 and all(e["type"] not in ("missing", "extra_forbidden") for e in errs):
            options = " or ".join(dict.fromkeys(_expected(e) for e in errs))
            options = options.replace(" or text", " or an expression in quotes")
            message = f"found {describe(found)}; expected {options}"
            # a number written the wrong way (in quotes, as a date...) gets the same hint as
            # where only a number is allowed
            number = next((e for e in errs if e["type"] in _NUMBER_KINDS), None)
            if number is not None:
                message += _written_as(number, found, positions.values.get(tuple(path)), text)
        else:
            message = f"found {describe(found)}; expected {_expected(err)}"
            message += _written_as(err, found, positions.values.get(tuple(path)), text)
    return Problem(filename, mark.line, mark.column, tuple(path), message)


_NUMBER_KINDS = {"int_type", "float_type", "int_from_float"}
_NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLEAN_TEXT = {"true", "false", "yes", "no", "on", "off"}


def _written_as(err: ErrorDetails, found: Any, mark: Mark | None, text: str) -> str:
    """A hint when what was found is the right value written the wrong way: a number or
    true/false in quotes (quotes make text), or a plain value YAML reads as something else."""
    kind = err["type"]
    if mark is None or mark.style is None:
        return ""
    written = text[mark.start : mark.end] if 0 <= mark.start < mark.end <= len(text) else ""
    if isinstance(found, str) and mark.style == "plain" and is_date(found):
        if kind in _NUMBER_KINDS or kind == "literal_error":
            return ". " + date_hint(found, expression=False)
    if isinstance(found, str):
        bare = found.strip()
        wants_number = kind in _NUMBER_KINDS or (
            kind == "literal_error" and _NUMBER_TEXT.fullmatch(bare) is not None
        )
        looks_right = (
            _NUMBER_TEXT.fullmatch(bare) is not None
            if wants_number
            else kind == "bool_type" and bare.lower() in _BOOLEAN_TEXT
        )
        what = "a number" if wants_number else "true or false"
        if not looks_right:
            return ""
        if written.startswith("!"):
            return f". Remove the `{written.split(maxsplit=1)[0]}` tag: it makes text"
        if mark.style in ("'", '"'):
            return (
                f". Remove the quotes: in YAML, quotes make text; write {what} without them, "
                f"e.g. `{bare}`"
            )
        if mark.style in ("|", ">"):
            return (
                f". A `{mark.style}` block is text; write {what} on the line of its key, "
                f"e.g. `{bare}`"
            )
        if not wants_number:
            return f". YAML reads `{bare}` as text: write `true` or `false` in lower case"
        return (
            f". YAML reads `{bare}` as text: write the number with digits before any decimal "
            "point and no exponent, e.g. `-0.5` or `1500`"
        )
    if kind == "string_type" and mark.style == "plain" and written:
        if isinstance(found, (bool, int, float)):
            return (
                f". YAML reads `{written}` as {describe(found)}: to make it text, put it in "
                f'quotes, e.g. "{written}"'
            )
    return ""


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format (editors use it for autocompletion and hover docs)."""
    return Scenario.model_json_schema()


__all__ = [
    "LoadedScenario",
    "ScenarioError",
    "format_path",
    "load_scenario",
    "load_scenario_bytes",
    "load_scenario_text",
    "scenario_json_schema",
]
