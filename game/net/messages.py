"""Messages a device may send, checked with pydantic before anything acts on them.

A message is one JSON object of at most MAX_MESSAGE_BYTES. `parse` returns the checked
message or raises BadMessage with a sentence for that device; nothing a device sends can raise
anything else. The first message on a connection must be `hello` with the delegation's join
code; every message that acts names the turn it was meant for, so a choice sent just before a
reveal is refused rather than applied to the next turn.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

MAX_MESSAGE_BYTES = 2048
_Id = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:\-]+$")]
_Turn = Annotated[int, Field(ge=1, le=10_000)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Hello(_Message):
    """Join: the code from the join link (the part after '#')."""

    type: Literal["hello"]
    token: str = Field(min_length=1, max_length=100)


class Choose(_Message):
    """Change the delegation's draft: push, hold or oppose one measure."""

    type: Literal["choose"]
    turn: _Turn
    measure: _Id
    choice: Literal["push", "hold", "oppose"]


class Submit(_Message):
    """Submit the draft: the delegation's choices are locked for the turn."""

    type: Literal["submit"]
    turn: _Turn


class Forecast(_Message):
    """The delegation's probability (0 to 1) that something happens this turn."""

    type: Literal["forecast"]
    turn: _Turn
    question: _Id
    probability: float = Field(ge=0, le=1, allow_inf_nan=False)


class Ping(_Message):
    type: Literal["ping"]


DeviceMessage = Annotated[Hello | Choose | Submit | Forecast | Ping, Field(discriminator="type")]
_ADAPTER: TypeAdapter[DeviceMessage] = TypeAdapter(DeviceMessage)


TYPES = ("hello", "choose", "submit", "forecast", "ping")


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


class BadMessage(Exception):
    """A message that cannot be used; the text is for the device that sent it."""


def parse(raw: str | bytes) -> Hello | Choose | Submit | Forecast | Ping:
    """The checked message in `raw`, or BadMessage saying what was wrong."""
    size = len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)
    if size > MAX_MESSAGE_BYTES:
        raise BadMessage(f"message too long ({size} bytes; at most {MAX_MESSAGE_BYTES})")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadMessage("a message is one JSON object") from None
    if not isinstance(data, dict):
        raise BadMessage("a message is one JSON object")
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as err:
        first = err.errors(include_url=False, include_context=False, include_input=False)[0]
        if first.get("type") in ("union_tag_invalid", "union_tag_not_found"):
            # pydantic's sentence repeats the tag the device sent: name the known ones only
            raise BadMessage(f"bad message: type: not one of {', '.join(TYPES)}") from None
        tag = data.get("type")
        where = ".".join(str(p) for p in first.get("loc", ()) if p != tag)
        what = first.get("msg", "not valid")
        # A field's name is the device's own text: never sent back at any length.
        raise BadMessage(f"bad message: {_short(where) or 'type'}: {_short(what)}") from None
    except RecursionError:  # pragma: no cover - json depth is bounded by the size cap
        raise BadMessage("a message is one JSON object") from None
