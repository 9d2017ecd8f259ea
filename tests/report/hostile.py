"""Hostile text for every free-text field of the scenario model, found by walking the pydantic
model itself (no list of fields is kept here, so a field added later is covered too).

A field is free text when its type is a string without an identifier pattern and it is not an
expression (expressions are parsed by the loader and never shown). Every such field gets a
different hostile value, and each value ends in a unique marker (`§007`) so a test can tell
which field a piece of the report came from.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import BaseModel

from game.scenario import models

# The expression type's constraints: a field carrying exactly these holds an expression.
_EXPRESSION = list(get_args(models.Expression)[1].metadata)

# Markup, script and Markdown that must come out of the report as the text it is.
TEXT = (
    "<svg/onload=alert(1)>",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "[click me](javascript:alert(1))",
    "![pic](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "&lt;b&gt; &amp;amp; &#60;script&#62; &#x6a;avascript:",
    "`code` ``two`` |pipe| a || b",
    "first line\n<b onmouseover=alert(1)>second</b>\n\n# third | x",
    "*em* _em_ **strong** ~~del~~ $x^2$ \\ trailing",
    "<javascript:alert(1)> <http://a.invalid> www.example.invalid",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "- list\n1. item\n> quote\n    code\n---\n=====",
    "<!-- c --> <![CDATA[x]]> <?php ?> </main></body>",
    "[ref]: javascript:alert(1)\n[ref]",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<form><button formaction=javascript:alert(1)>go</button></form>",
    '<object data="javascript:alert(1)"></object><embed src=x>',
    '<base href="javascript:/"><meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
    "<b onblur=1>",
    "<script>",
    '"><b x=1>',
    "`|x|`",
    "[x](#1)",
)
# Addresses: only http(s) may become links; everything else is shown as text.
URLS = (
    "javascript:alert(1)//",
    " JaVaScRiPt:alert(1)//",
    "java\tscript:alert(1)//",
    "&#106;avascript:alert(1)//",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)'",
    "//evil.invalid/x?",
    "http:javascript:alert(1)//",
    'https://example.org/a?b=<script>&c="x" onmouseover=alert(1)',
    "https://example.org/paper_(2020)[1]?q=a&r=`b`#",
    "HTTPS://EXAMPLE.ORG/Upper?",
    "\x01javascript:alert(1)//",
)


@dataclass(frozen=True)
class Filled:
    """One free-text field that was given a hostile value."""

    model: str  # the model class, e.g. "Source"
    field: str
    path: tuple[Any, ...]
    value: str
    marker: str


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under any `Annotated[...]`, with the constraints those layers carry."""
    constraints: list[Any] = []
    while get_origin(annotation) is Annotated:
        inner, *extras = get_args(annotation)
        for extra in extras:
            constraints += list(getattr(extra, "metadata", [extra]))
        annotation = inner
    return annotation, constraints


def _choices(annotation: Any) -> list[Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_text(constraints: list[Any]) -> bool:
    has_pattern = any(getattr(c, "pattern", None) for c in constraints)
    return not has_pattern and constraints != _EXPRESSION


def _max_length(constraints: list[Any]) -> int:
    return min((c.max_length for c in constraints if isinstance(c, MaxLen)), default=4000)


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _kinds(annotation: Any, constraints: list[Any]) -> Iterator[tuple[str, Any, list[Any]]]:
    """("text", None, constraints) for a free-text string, ("model", cls, []) for a nested model,
    ("list"/"dict", item annotation, []) for containers; nothing for anything else."""
    annotation, inner = _unwrap(annotation)
    constraints = constraints + inner
    for choice in _choices(annotation):
        choice, more = _unwrap(choice)
        origin = get_origin(choice)
        if choice is str:
            if _is_text(constraints + more):
                yield "text", None, constraints + more
        elif _is_model(choice):
            yield "model", choice, []
        elif origin is list:
            yield "list", get_args(choice)[0], []
        elif origin is dict:
            yield "dict", get_args(choice)[1], []
        elif get_origin(choice) in (Union, types.UnionType):
            yield from _kinds(choice, constraints + more)


def _model_for(annotation: Any, data: Any) -> type[BaseModel] | None:
    """The model class a value of `annotation` validates as (a tagged union is resolved by the
    value's literal fields, e.g. an actor's `role`)."""
    annotation, _ = _unwrap(annotation)
    for choice in _choices(annotation):
        choice, _ = _unwrap(choice)
        if not _is_model(choice) or not isinstance(data, dict):
            continue
        literals = {
            name: get_args(f.annotation)
            for name, f in choice.model_fields.items()
            if get_origin(f.annotation) is Literal
        }
        if all(data.get(name) in allowed for name, allowed in literals.items() if name in data):
            return choice
    return None


def text_fields(model: type[BaseModel], seen: set[type] | None = None) -> set[tuple[str, str]]:
    """Every (model, field) of free text reachable from `model`."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    found = set()
    stack: list[tuple[str, Any, list[Any]]] = [
        (name, f.annotation, list(f.metadata)) for name, f in model.model_fields.items()
    ]
    while stack:
        name, annotation, constraints = stack.pop()
        for kind, arg, _cons in _kinds(annotation, constraints):
            if kind == "text":
                found.add((model.__name__, name))
            elif kind == "model":
                found |= text_fields(arg, seen)
            else:
                stack.append((name, arg, []))
    return found


class Hostile:
    """Fills a scenario's data with hostile text; `filled` lists what was put where."""

    def __init__(self) -> None:
        self.filled: list[Filled] = []

    def _value(self, max_length: int, is_url: bool) -> tuple[str, str]:
        n = len(self.filled)
        marker = f"§{n:03d}"
        pool = URLS if is_url else TEXT
        for i in range(len(pool)):
            payload = pool[(n + i) % len(pool)]
            if len(payload) + len(marker) <= max_length:
                return payload + marker, marker
        raise AssertionError(f"no hostile value fits in {max_length} characters")

    def fill(
        self, model: type[BaseModel], data: dict[str, Any], path: tuple[Any, ...] = ()
    ) -> None:
        for name, f in model.model_fields.items():
            key = f.alias or name
            for kind, arg, cons in _kinds(f.annotation, list(f.metadata)):
                if kind == "text":
                    value, marker = self._value(_max_length(cons), is_url=name == "url")
                    data[key] = value
                    self.filled.append(Filled(model.__name__, name, path + (key,), value, marker))
                elif key in data and data[key] is not None:
                    self._descend(kind, arg, data[key], path + (key,))

    def _descend(self, kind: str, arg: Any, value: Any, path: tuple[Any, ...]) -> None:
        if kind == "model":
            if isinstance(value, dict):
                self.fill(arg, value, path)
            return
        if kind == "list" and isinstance(value, list):
            items: list[tuple[Any, Any]] = list(enumerate(value))
        elif kind == "dict" and isinstance(value, dict):
            items = list(value.items())
        else:
            return
        text = next((c for k, _, c in _kinds(arg, []) if k == "text"), None)
        for k, item in items:
            if text is not None and isinstance(item, str):
                value[k], marker = self._value(_max_length(text), is_url=False)
                self.filled.append(Filled("item", str(k), path + (k,), value[k], marker))
                continue
            model = _model_for(arg, item)
            if model is not None:
                self.fill(model, item, path + (k,))
