"""Reads YAML text into plain Python data while remembering where every key and value sits.

Built on the YAML *event* stream of PyYAML's safe parser (libyaml when available) rather than
its constructor, so that this module decides what is allowed: standard tags only (nothing is
ever constructed from `!!python/...`), duplicate keys rejected, a cap on how far aliases may
expand ("billion laughs"), a cap on nesting depth, and no recursion anywhere, so a file
nested thousands deep cannot overflow the stack.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml import events as ev

from game.scenario.errors import PathPart, Problem, ScenarioError, format_path, shortened
from game.text import shows_something, text_problem

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_VALUES = 200_000  # values after alias expansion

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_MERGE = _TAG + "merge"


class Mark(NamedTuple):
    """Where a value starts. For a scalar, also how it was written and where its source text
    lies, so that a place inside its value can be found in the file (`position_in_value`)."""

    line: int  # 1-based
    column: int  # 1-based
    style: str | None = None  # a scalar's style: "plain", "'", '"', "|" or ">"; None otherwise
    start: int = -1  # character index of the scalar's source text in the file (its first quote)
    end: int = -1  # character index just after it
    origin: Mark | None = None  # for an alias of a scalar: where the anchored scalar is written


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts, by key path."""

    values: dict[tuple[PathPart, ...], Mark] = field(default_factory=dict)
    keys: dict[tuple[PathPart, ...], Mark] = field(default_factory=dict)
    # Plain values YAML 1.1 reads as dates (`2001-12-14`): they are kept as text, since the
    # format has no date fields, but where a number or an expression is expected they are a
    # mistake (`weight: 2001-12-14` would otherwise be the sum 2001 - 12 - 14).
    dates: list[tuple[PathPart, ...]] = field(default_factory=list)

    def of_value(self, path: tuple[PathPart, ...]) -> Mark:
        """Position of the value at `path`, or of the nearest enclosing value we know."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def of_key(self, path: tuple[PathPart, ...]) -> Mark:
        return self.keys.get(path) or self.of_value(path)


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def _scalar_mark(event: ev.ScalarEvent) -> Mark:
    start, end = event.start_mark, event.end_mark
    assert start is not None and end is not None  # a parser's events always carry their marks
    style = event.style or "plain"  # libyaml says "" for plain, PyYAML None
    return Mark(start.line + 1, start.column + 1, style, start.index, end.index)


class _Fail(Exception):
    def __init__(self, mark: Mark, path: tuple[PathPart, ...], message: str):
        self.mark, self.path, self.message = mark, path, message


@dataclass
class _Map:
    path: tuple[PathPart, ...]
    mark: Mark
    data: dict[str, Any] = field(default_factory=dict)
    merged: list[tuple[dict[str, Any], Mark]] = field(default_factory=list)
    # where each mapping merged in with `<<` is written, so its keys' places carry over
    merged_from: list[tuple[tuple[PathPart, ...], dict[str, Any]]] = field(default_factory=list)
    key: Any = None
    key_mark: Mark | None = None
    have_key: bool = False
    anchor: str | None = None
    size: int = 1


@dataclass
class _Seq:
    path: tuple[PathPart, ...]
    mark: Mark
    data: list[Any] = field(default_factory=list)
    anchor: str | None = None
    size: int = 1


def decode(raw: bytes, filename: str) -> str:
    """Bytes -> text, with a located error for bytes that are not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise ScenarioError(
            [
                Problem(
                    filename,
                    line,
                    column,
                    (),
                    f"byte 0x{raw[err.start]:02x} is not valid UTF-8; "
                    "expected a UTF-8 text file (save it as UTF-8 in your editor)",
                )
            ]
        ) from None
    return text


def read_yaml(text: str, filename: str) -> tuple[Any, Positions]:
    """Parse one YAML document into dicts, lists and scalars, with their positions."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ScenarioError(
            [
                Problem(
                    filename,
                    0,
                    0,
                    (),
                    f"file is larger than {MAX_BYTES:,} bytes; expected a scenario",
                )
            ]
        )
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise ScenarioError(
            [Problem(filename, 1, 1, (), "file is empty; expected a scenario (a YAML mapping)")]
        )
    try:
        return _build(text, filename)
    except _Fail as fail:
        raise ScenarioError(
            [Problem(filename, fail.mark.line, fail.mark.column, fail.path, fail.message)]
        ) from None
    except yaml.MarkedYAMLError as err:
        raise ScenarioError([_syntax_problem(err, text, filename)]) from None
    except yaml.YAMLError as err:  # unmarked reader errors, e.g. control characters
        raise ScenarioError([Problem(filename, 1, 1, (), f"not valid YAML: {err}")]) from None


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, filename: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "syntax error"
    lines = text.splitlines()
    hint = ""
    if mark and mark.line < len(lines):
        row = lines[mark.line]
        if "\t" in row[: mark.column + 1] or (mark.column < len(row) and row[mark.column] == "\t"):
            hint = "; YAML does not allow tabs for indentation, use spaces"
    context = f" ({err.context})" if err.context else ""
    return Problem(filename, line, column, (), f"not valid YAML: {problem}{context}{hint}")


_STR = _TAG + "str"
_RESOLVED: dict[str, str] = {}  # plain scalar text -> its implicit tag (the same in every file)


def _resolve(value: str) -> str:
    """The tag YAML 1.1 gives `value` written plainly."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


def _scalar_value(event: ev.ScalarEvent, path: tuple[PathPart, ...]) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return event.value  # quoted or block text: always a string
        value = event.value
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = _resolve(value)
            if len(_RESOLVED) < 50_000:
                _RESOLVED[value] = tag
        if tag == _STR:
            return value
    tag = _expand_tag(tag)
    if tag not in _SCALAR_TAGS:
        raise _Fail(_mark(event.start_mark), path, _bad_tag(tag, "a plain value"))
    if tag == _TIMESTAMP:
        return _DateText(event.value)  # dates stay text: the format has no date fields
    # libyaml's marks (yaml._yaml.Mark) stand in for PyYAML's; the stubs name only the latter
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
    try:
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, yaml.YAMLError):
        text = event.value.strip()
        if tag == _INT and _DECIMAL.fullmatch(text):  # more digits than Python will convert
            message = _TOO_LARGE.format(shown=shortened(text))
        else:
            message = f"`{shortened(event.value)}` is not a valid {tag.removeprefix(_TAG)}"
        raise _Fail(_mark(event.start_mark), path, message) from None
    if tag in (_INT, _FLOAT):
        problem = _number_problem(event.value.strip(), value)
        if problem:
            raise _Fail(_mark(event.start_mark), path, problem)
    return value


_INT = _TAG + "int"
_FLOAT = _TAG + "float"
_TIMESTAMP = _TAG + "timestamp"
_DECIMAL = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?")
_FORMS = (  # YAML 1.1 reads these as numbers; a scenario author rarely means that
    (re.compile(r"[-+]?0x", re.IGNORECASE), "a hexadecimal"),
    (re.compile(r"[-+]?0b", re.IGNORECASE), "a binary"),
    (re.compile(r".*:"), "a base-60 (sexagesimal)"),
)
_OCTAL = re.compile(r"[-+]?0[0-9_]")  # YAML 1.1 reads an integer with a leading zero as octal
_TOO_LARGE = (
    "`{shown}` is too large to be a number (it would be infinity); every number in a scenario "
    "must be finite"
)


class _DateText(str):
    """A plain value YAML reads as a date, kept as text; `_build` records where it is."""


def is_date(text: str) -> bool:
    """Whether YAML 1.1 reads `text`, written plainly, as a date."""
    return _resolve(text) == _TIMESTAMP


def date_hint(text: str, expression: bool = True) -> str:
    """Why a plain `text` that YAML reads as a date cannot stand where a number (or, with
    `expression`, an expression) is expected, and what to write instead."""
    shown = shortened(text)
    if not expression:
        return f"`{shown}` is a date in YAML, not a number; write a number such as `10`"
    spaced = " - ".join(text.split("-")) if re.fullmatch(r"[0-9-]+", text) else None
    arithmetic = f" (`{spaced}`)" if spaced else ""
    return (
        f"`{shown}` is a date in YAML, not a number or a calculation; write a number, or an "
        f"expression with spaces around each `-`{arithmetic}"
    )


def _number_problem(text: str, value: float) -> str | None:
    """Why the number YAML made of `text` has no place in a scenario, or None if it has one.

    Every number must be finite (no `.inf`, `.nan`, or a literal too large for a float), and
    written in decimal: YAML 1.1 reads `010` as 8 and `1:30` as 90, which nobody means.
    """
    shown = shortened(text)
    if isinstance(value, float) and math.isnan(value):
        return f"`{shown}` means 'not a number' in YAML; expected a finite number such as `50`"
    if text.lower().lstrip("+-").startswith(".inf"):
        return (
            f"`{shown}` means infinity in YAML; every number in a scenario must be finite, "
            "such as `100`"
        )
    if isinstance(value, float) and math.isinf(value) or abs(value) > sys.float_info.max:
        return _TOO_LARGE.format(shown=shown)
    if isinstance(value, int) and _OCTAL.match(text):
        digits = text.lstrip("+-").lstrip("0_") or "0"
        sign = "-" if text.startswith("-") else ""
        return (
            f"`{shown}` is an octal number in YAML ({_plain(value)}) because of its leading "
            f"zero; write it without the zero (`{sign}{shortened(digits)}`), or put the value in "
            "quotes if it is text"
        )
    if "_" in text and _DECIMAL.fullmatch(text):
        return (
            f"`{shown}`: write numbers without `_` (`{shortened(text.replace('_', ''))}`); this "
            "YAML reader would take it as a number, but YAML 1.2 readers and the JSON Schema "
            "take it as text"
        )
    if not _DECIMAL.fullmatch(text):
        form = next((name for pattern, name in _FORMS if pattern.match(text)), "a non-decimal")
        return (
            f"`{shown}` is {form} number in YAML ({_plain(value)}); write numbers in decimal "
            f"(`{_plain(value)}`), or put the value in quotes if it is text"
        )
    return None


def _plain(value: float) -> str:
    return shortened(str(value)) if isinstance(value, int) else f"{value:g}"


def _expand_tag(tag: str) -> str:
    return _TAG + tag[2:] if tag.startswith("!!") else tag


def _bad_tag(tag: str, expected: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return f"tag `{shown}` is not allowed; expected {expected} without a tag"


def _build(text: str, filename: str) -> tuple[Any, Positions]:
    positions = Positions()
    stack: list[_Map | _Seq] = []
    # anchor -> value, size (values it expands to), its mark if a scalar, its path
    anchors: dict[str, tuple[Any, int, Mark | None, tuple[PathPart, ...]]] = {}
    root: list[Any] = []
    total = 0
    documents = 0

    def child_path() -> tuple[PathPart, ...]:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top, _Seq):
            return top.path + (len(top.data),)
        return top.path + (top.key,) if top.have_key else top.path

    def add(value: Any, mark: Mark, new: int, size: int, is_scalar: bool) -> None:
        """Put a finished value into its parent (as a key or a value).

        `new` counts values not counted before (the alias-expansion budget); `size` is the
        whole subtree, remembered so that each alias of it costs what it expands to.
        """
        nonlocal total
        total += new
        if total > MAX_VALUES:
            raise _Fail(
                mark,
                child_path(),
                f"document expands to more than {MAX_VALUES:,} values (too many YAML aliases?); "
                "expected a scenario of ordinary size",
            )
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        top.size += size
        if isinstance(top, _Seq):
            top.data.append(value)
            return
        if not top.have_key:
            if not is_scalar or isinstance(value, (list, dict)):
                raise _Fail(mark, top.path, "a key must be a plain name; expected `name: value`")
            top.key, top.key_mark, top.have_key = value, mark, True
            return
        key, key_mark = top.key, top.key_mark
        top.have_key = False
        if key is _MERGE:
            sources = value if isinstance(value, list) else [value]
            for src in sources:
                if not isinstance(src, dict):
                    raise _Fail(mark, top.path, "`<<` merges mappings only; expected `<<: *anchor`")
                top.merged.append((src, mark))
            return
        if not isinstance(key, str):
            key = str(key).lower() if isinstance(key, bool) or key is None else str(key)
        if key in top.data:
            first = positions.keys.get(top.path + (key,))
            where = f" (first at line {first.line})" if first else ""
            raise _Fail(
                key_mark or mark,
                top.path + (key,),
                f"duplicate key `{key}`{where}; expected each key once",
            )
        top.data[key] = value
        positions.keys[top.path + (key,)] = key_mark or mark

    parser = yaml.parse(text, Loader=_Loader)
    for event in parser:
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Fail(
                    _mark(event.start_mark),
                    (),
                    "a second YAML document (`---`); expected one scenario per file",
                )
        elif isinstance(event, ev.ScalarEvent):
            path = child_path()
            top = stack[-1] if stack else None
            is_key = isinstance(top, _Map) and not top.have_key
            problem = text_problem(event.value)
            if problem is None and event.value and not shows_something(event.value):
                problem = "shows nothing: it holds only spaces or invisible characters"
            if problem:
                raise _Fail(_mark(event.start_mark), path, problem)
            if is_key and event.value == "<<" and event.implicit[0] and event.tag is None:
                value: Any = _MERGE
            elif is_key and event.tag is None:
                # Keys are names: `no:` stays "no" (YAML 1.1 would make it false), `1:` stays "1".
                value = event.value
            else:
                value = _scalar_value(event, path)
                if value.__class__ is _DateText:
                    positions.dates.append(path)
                    value = str(value)
            mark = _scalar_mark(event)
            if not is_key:
                positions.values[path] = mark
            if event.anchor:
                anchors[event.anchor] = (value, 1, mark, path)
            add(value, mark, 1, 1, True)
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            path = child_path()
            mark = _mark(event.start_mark)
            if stack and isinstance(stack[-1], _Map) and not stack[-1].have_key:
                raise _Fail(
                    mark, stack[-1].path, "a key must be a plain name; expected `name: value`"
                )
            if len(stack) >= MAX_DEPTH:
                raise _Fail(
                    mark, path, f"nested more than {MAX_DEPTH} levels deep; expected a flatter file"
                )
            is_map = isinstance(event, ev.MappingStartEvent)
            tag = event.tag and _expand_tag(event.tag)
            wanted = _TAG + ("map" if is_map else "seq")
            if tag and tag != "!" and tag != wanted:
                raise _Fail(mark, path, _bad_tag(tag, "a mapping" if is_map else "a list"))
            positions.values[path] = mark
            node: _Map | _Seq = _Map(path, mark) if is_map else _Seq(path, mark)
            node.anchor = event.anchor
            stack.append(node)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            node = stack.pop()
            if isinstance(node, _Map) and node.merged:
                merged: dict[str, Any] = {}
                for src, _ in node.merged:
                    for k, v in src.items():
                        merged.setdefault(k, v)
                merged.update(node.data)
                node.data = merged
                for src_path, src in node.merged_from:  # the first source of a key wins
                    for k in src:
                        for table in (positions.values, positions.keys):
                            if node.path + (k,) not in table and src_path + (k,) in table:
                                table[node.path + (k,)] = table[src_path + (k,)]
            if node.anchor:
                anchors[node.anchor] = (node.data, node.size, None, node.path)
            add(node.data, node.mark, 1, node.size, False)
        elif isinstance(event, ev.AliasEvent):
            mark = _mark(event.start_mark)
            if event.anchor not in anchors:
                raise _Fail(
                    mark,
                    child_path(),
                    f"unknown alias `*{event.anchor}`; expected a defined anchor",
                )
            value, size, origin, anchor_path = anchors[event.anchor]
            path = child_path()
            top = stack[-1] if stack else None
            if not (isinstance(top, _Map) and not top.have_key):
                positions.values.setdefault(path, mark._replace(origin=origin))
            merging = top if isinstance(top, _Map) else stack[-2] if len(stack) > 1 else None
            if (
                isinstance(value, dict)
                and isinstance(merging, _Map)
                and merging.have_key
                and merging.key is _MERGE
            ):
                merging.merged_from.append((anchor_path, value))
            add(value, mark, size, size, not isinstance(value, (dict, list)))
    if not root:
        raise _Fail(Mark(1, 1), (), "file is empty; expected a scenario (a YAML mapping)")
    return root[0], positions


# --- places inside a scalar's value ----------------------------------------------------

_BREAKS = "\r\n\x85\u2028\u2029"  # what YAML counts as a line break
_WHITESPACE = " \t" + _BREAKS
_ESCAPES = {  # double-quoted escapes: the character each stands for
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}  # escapes followed by that many hex digits


class _Unit(NamedTuple):
    """A piece of a scalar's source text: one character, or an escape or a doubled quote."""

    start: int  # where it starts in the file
    length: int  # how many source characters it spans
    char: str | None  # the value character it stands for; None for whitespace YAML may fold


def _units(text: str, mark: Mark) -> list[_Unit]:
    start, end = mark.start, mark.end
    if mark.style in ("'", '"'):
        start, end = start + 1, end - 1  # inside the quotes
    elif mark.style in ("|", ">"):
        while start < end and text[start] not in _BREAKS:  # the `|` line holds no content
            start += 1
    units: list[_Unit] = []
    i = start
    while i < end:
        c = text[i]
        if mark.style == '"' and c == "\\" and i + 1 < end:
            code = text[i + 1]
            if code in _BREAKS:  # an escaped line break joins the lines
                units.append(_Unit(i, 2, None))
                i += 2
                continue
            digits = _HEX_ESCAPES.get(code, 0)
            char = _ESCAPES.get(code, code)
            if digits:
                try:
                    char = chr(int(text[i + 2 : i + 2 + digits], 16))
                except ValueError:
                    char = "?"  # cannot happen: the parser accepted the escape
            units.append(_Unit(i, 2 + digits, char))
            i += 2 + digits
            continue
        if mark.style == "'" and c == "'" and text[i + 1 : i + 2] == "'":
            units.append(_Unit(i, 2, "'"))
            i += 2
            continue
        units.append(_Unit(i, 1, None if c in _WHITESPACE else c))
        i += 1
    return units


def position_in_value(text: str, mark: Mark, value: str, offset: int) -> tuple[int, int]:
    """File line and column (1-based) of character `offset` of `value`, the scalar at `mark`
    in the file `text`; `offset == len(value)` means just after its last visible character.

    Works for every scalar style: plain, quoted (escapes and doubled quotes take several
    source characters for one), and `|` / `>` blocks and folded lines (the line changes too).
    Each visible character of the value is matched, in order, to the piece of source text
    that makes it; whitespace may be folded by YAML and is matched loosely. For a mark that
    is not a scalar's, the mark itself.
    """
    mark = mark.origin or mark
    if mark.style is None or mark.start < 0 or mark.end > len(text):
        return mark.line, mark.column
    units = _units(text, mark)
    p = 0
    last: _Unit | None = None  # the last visible character's piece
    for i, ch in enumerate(value[: offset + 1]):
        if ch in _WHITESPACE:
            here = units[p] if p < len(units) else None
            if here is not None and (here.char is None or here.char == ch):
                p += 1
        else:
            while p < len(units) and units[p].char != ch:
                p += 1
            here = units[p] if p < len(units) else None
            p += 1
            if here is not None:
                last = here
        if i == offset and here is not None:
            return _line_column(text, mark, here.start)
    if last is None:
        return mark.line, mark.column
    return _line_column(text, mark, last.start + last.length)


def _line_column(text: str, mark: Mark, index: int) -> tuple[int, int]:
    """Line and column of `index`, counted from the scalar's start as the YAML parser counts."""
    line, column = mark.line, mark.column
    i = mark.start
    while i < index:
        c = text[i]
        if c in _BREAKS and not (c == "\r" and text[i + 1 : i + 2] == "\n"):
            line, column = line + 1, 1
        elif c != "\r" or text[i + 1 : i + 2] != "\n":
            column += 1
        i += 1
    return line, column


def describe(value: Any) -> str:
    """A short human description of a found value, for 'found X, expected Y' messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, int):
        return f"the number {shortened(str(value))}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


__all__ = [
    "Mark",
    "Positions",
    "decode",
    "describe",
    "format_path",
    "position_in_value",
    "read_yaml",
]
