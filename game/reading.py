"""Reading files that come from outside: bounded, non-blocking, validated, one kind of error.

Every file Trilateral reads that a person (or a hostile file) can put on disk (saves,
`session.json`, `settings.json`) is read through `read_bytes` or `read_json`:

- the path is refused unless it is a regular file, and it is opened without blocking, so a
  FIFO, `/dev/zero` or a folder never hangs or floods the game;
- at most `max_bytes` + 1 bytes are read, whatever size the file claims (it may grow or
  shrink while it is read);
- JSON is checked before it is parsed: nesting is bounded (Python's parser recurses), numbers
  must be finite and of a sensible length (Python refuses integers of more than 4,300 digits
  with a ValueError), keys are unique, text is UTF-8 without lone surrogates;
- every failure is a `FileReadError` whose message names the file, with line and column
  where there is one.

Game files (`lenient_numbers=False`, the default) refuse non-finite or huge numbers outright.
Preference files (`lenient_numbers=True`) parse them as infinity or NaN instead, so one bad
value can fall back to its default while the rest of the file is kept.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

from game.i18n import N_, _, number

MAX_DEPTH = 32  # Trilateral's own JSON files nest at most 4 deep
MAX_INT_DIGITS = 30  # seeds are below 2**63 (19 digits)

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes our controlling terminal
    | getattr(os, "O_BINARY", 0)
)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class FileReadError(Exception):
    """Raised when a file cannot be read or is not the well-formed JSON expected; the message
    names the file (and line:column where there is one) and says what was expected."""


# The kinds of file callers name in messages (`what`), marked for the catalogs here so that
# callers anywhere (game.engine.saves too) can pass them as plain English; each message is
# one whole sentence with the kind translated into it (`_kind`).
KINDS = (
    N_("file"),
    N_("save"),
    N_("save file"),
    N_("settings file"),
    N_("setup memory"),
    N_("session file"),
    N_("scenario file"),
    N_("scenario list cache"),
    N_("cache entry"),
    N_("translation file"),
    N_("sensitivity run"),
)
# What Python's JSON parser says is wrong, marked for the catalogs in its own words (English
# stays as Python writes it); a message it adds later is shown as it is.
_JSON_REASONS = frozenset(
    (
        N_("Expecting value"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Extra data"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    )
)


def _kind(what: str) -> str:
    """The kind of file in the current language (as given when it is not one of KINDS)."""
    return _(what)


def read_bytes(path: str | Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `max_bytes`; raises FileReadError otherwise.
    `what` names the kind of file in messages ("save", "settings file")."""
    data = _read_start(path, max_bytes + 1, what)
    if len(data) > max_bytes:
        raise FileReadError(
            _("{name}: is larger than {limit} bytes; not a {what}").format(
                name=path, limit=number(max_bytes, 0), what=_kind(what)
            )
        )
    return data


def read_start(path: str | Path, n_bytes: int, what: str = "file") -> bytes:
    """The first `n_bytes` (or fewer) of a regular file, with the checks of `read_bytes`."""
    return _read_start(path, n_bytes, what)


def _read_start(path: str | Path, limit: int, what: str) -> bytes:
    name = str(path)
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise FileReadError(
                _("{name}: is a folder, not a {what}").format(name=name, what=_kind(what))
            )
        if not stat.S_ISREG(kind):
            raise FileReadError(
                _(
                    "{name}: is not a regular file (a device, pipe or socket); expected a {what}"
                ).format(name=name, what=_kind(what))
            )
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileReadError(
            _("{name}: no such {what}").format(name=name, what=_kind(what))
        ) from None
    except OSError as err:
        raise FileReadError(_cannot_read(name, err)) from None
    except ValueError:  # a NUL character in the path
        raise FileReadError(_("{name}: not a valid file name").format(name=repr(name))) from None
    try:
        # Checked again on the open file: the path may have been swapped since the stat.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileReadError(
                _("{name}: is not a regular file; expected a {what}").format(
                    name=name, what=_kind(what)
                )
            )
        chunks = []
        left = limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise FileReadError(_cannot_read(name, err)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _cannot_read(name: str, err: OSError) -> str:
    return _("{name}: cannot be read: {reason}").format(name=name, reason=err.strerror or err)


def _not_valid(where: str, what: str, reason: str) -> str:
    return _("{where}: not a valid {what}: {reason}").format(
        where=where, what=_kind(what), reason=reason
    )


def read_json(
    path: str | Path,
    max_bytes: int,
    what: str = "file",
    *,
    lenient_numbers: bool = False,
    max_depth: int = MAX_DEPTH,
) -> object:
    """Read and parse a JSON file with every check of `read_bytes` and `parse_json`."""
    return parse_json(
        read_bytes(path, max_bytes, what),
        str(path),
        what,
        lenient_numbers=lenient_numbers,
        max_depth=max_depth,
    )


class _Refused(ValueError):
    def __init__(self, literal: str, why: str):
        super().__init__(why)
        self.literal = literal
        self.why = why


def parse_json(
    data: bytes,
    name: str,
    what: str = "file",
    *,
    lenient_numbers: bool = False,
    max_depth: int = MAX_DEPTH,
) -> object:
    """Parse JSON bytes with bounded nesting, unique keys and finite numbers of sensible size
    (see the module docstring); raises FileReadError naming `name`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise FileReadError(_not_valid(f"{name}:{line}", what, _("not UTF-8 text"))) from None
    # Strings blanked out (same length), so brackets and words inside them are not counted.
    bare = _STRING.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)
    if _too_deep(bare, max_depth):
        depth = 0
        for m in _BRACKET.finditer(bare):
            depth += _DEPTH_STEP[m.group()]
            if depth > max_depth:
                raise FileReadError(
                    _("{where}: nested more than {depth} deep; not a {what}").format(
                        where=_where(name, text, m.start()), depth=max_depth, what=_kind(what)
                    )
                )

    def refuse_constant(literal: str) -> float:
        if lenient_numbers:
            return float(literal)
        raise _Refused(
            literal,
            _("{literal} is not a number a {what} can hold").format(
                literal=literal, what=_kind(what)
            ),
        )

    def check_int(literal: str) -> int | float:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            if lenient_numbers:
                return math.inf
            raise _Refused(
                literal,
                _("a number of {digits} digits is too large").format(
                    digits=number(len(literal), 0)
                ),
            )
        return int(literal)

    def check_float(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value) and not lenient_numbers:
            raise _Refused(
                literal, _("{literal} is too large to be a number").format(literal=literal[:40])
            )
        return value

    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=refuse_constant,
            parse_int=check_int,
            parse_float=check_float,
        )
    except json.JSONDecodeError as err:
        ends_early = err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string")
        if ends_early:
            why = _("the file ends early (truncated?)")
        else:
            why = _(err.msg) if err.msg in _JSON_REASONS else err.msg
        where = f"{name}:{err.lineno}:{err.colno}"
        raise FileReadError(_not_valid(where, what, why)) from None
    except _Refused as err:
        found = re.search(r"(?<![\w.+-])" + re.escape(err.literal) + r"(?![\w.])", bare)
        where = _where(name, text, found.start()) if found else name
        raise FileReadError(_not_valid(where, what, err.why)) from None
    except _DuplicateKey as err:
        twice = _("the key {key} appears twice in one object").format(key=repr(err.key))
        raise FileReadError(_not_valid(name, what, twice)) from None
    except (ValueError, RecursionError) as err:  # not expected after the checks above
        raise FileReadError(_not_valid(name, what, str(err))) from None
    if _ESCAPED_SURROGATE.search(text):  # only escapes can make one: decoding refuses raw ones
        _check_text(value, name, what)
    return value


def _too_deep(bare: str, max_depth: int) -> bool:
    """Whether brackets in `bare` (JSON with its strings blanked) nest deeper than `max_depth`.
    Each round removes the innermost pairs, one level at a time, at the speed of `re`."""
    brackets = _NOT_BRACKET.sub("", bare)
    for _round in range(max_depth):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(_INNERMOST.search(brackets))


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key[:80]


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _check_text(value: object, name: str, what: str) -> None:
    """Refuse lone surrogates (escaped as \\udXXX): they cannot be printed or written as UTF-8."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            texts: list[str] = [item]
        elif isinstance(item, dict):
            texts = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in texts:
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    surrogate = _("text with an unpaired surrogate escape")
                    raise FileReadError(_not_valid(name, what, surrogate)) from None


def _where(name: str, text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{name}:{line}:{column}"
