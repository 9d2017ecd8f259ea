"""game.net.messages: what a device may send is checked before anything acts on it; anything
else is a BadMessage with a short sentence for that device, never another exception."""

from __future__ import annotations

import json

import pytest

from game.net import messages
from game.net.messages import MAX_MESSAGE_BYTES, BadMessage, parse


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"type": "hello", "token": "abc"}, messages.Hello),
        ({"type": "choose", "turn": 1, "measure": "dialogue", "choice": "push"}, messages.Choose),
        ({"type": "choose", "turn": 3, "measure": "a.b:c-d_e", "choice": "hold"}, messages.Choose),
        ({"type": "choose", "turn": 1, "measure": "x", "choice": "oppose"}, messages.Choose),
        ({"type": "submit", "turn": 12}, messages.Submit),
        (
            {"type": "forecast", "turn": 1, "question": "q1", "probability": 0.25},
            messages.Forecast,
        ),
        ({"type": "forecast", "turn": 1, "question": "q1", "probability": 0}, messages.Forecast),
        ({"type": "forecast", "turn": 1, "question": "q1", "probability": 1}, messages.Forecast),
        ({"type": "ping"}, messages.Ping),
    ],
)
def test_good_messages_are_parsed(data, kind):
    message = parse(json.dumps(data))
    assert isinstance(message, kind)
    assert parse(json.dumps(data).encode()) == message


@pytest.mark.parametrize(
    "data",
    [
        {"type": "choose", "turn": 1, "measure": "x", "choice": "push", "delegation": "us"},
        {"type": "choose", "turn": 1, "measure": "x", "choice": "push", "actor": "us"},
        {"type": "submit", "turn": 1, "delegation": "us"},
        {"type": "submit", "turn": 1, "token": "abc"},
        {"type": "hello", "token": "abc", "delegation": "us"},
        {"type": "ping", "x": 1},
        {"type": "forecast", "turn": 1, "question": "q", "probability": 0.5, "actor": "us"},
    ],
)
def test_extra_fields_are_refused(data):
    with pytest.raises(BadMessage, match="bad message"):
        parse(json.dumps(data))


@pytest.mark.parametrize(
    "data",
    [
        {"type": "hold"},
        {"type": "hand_to_ai", "delegation": "us"},
        {"type": "take_back"},
        {"type": "timer"},
        {"type": "HELLO", "token": "abc"},
        {"type": None},
        {"token": "abc"},
        {"type": "choose", "turn": "1", "measure": "x", "choice": "push"},
        {"type": "choose", "turn": 1.0, "measure": "x", "choice": "push"},
        {"type": "choose", "turn": True, "measure": "x", "choice": "push"},
        {"type": "choose", "turn": 0, "measure": "x", "choice": "push"},
        {"type": "choose", "turn": 10_001, "measure": "x", "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "", "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "x" * 101, "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "a b", "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "caf\u00e9", "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "x\n", "choice": "push"},
        {"type": "choose", "turn": 1, "measure": ["x"], "choice": "push"},
        {"type": "choose", "turn": 1, "measure": "x", "choice": "Push"},
        {"type": "choose", "turn": 1, "measure": "x"},
        {"type": "submit"},
        {"type": "hello", "token": ""},
        {"type": "hello", "token": "x" * 101},
        {"type": "hello", "token": 5},
        {"type": "hello", "token": None},
        {"type": "hello", "token": ["abc"]},
        {"type": "hello"},
        {"type": "forecast", "turn": 1, "question": "q", "probability": -0.1},
        {"type": "forecast", "turn": 1, "question": "q", "probability": 1.5},
        {"type": "forecast", "turn": 1, "question": "q", "probability": "0.5"},
    ],
)
def test_bad_fields_are_refused(data):
    with pytest.raises(BadMessage) as err:
        parse(json.dumps(data))
    assert str(err.value).startswith("bad message")


@pytest.mark.parametrize(
    "raw",
    [
        '{"type": "forecast", "turn": 1, "question": "q", "probability": NaN}',
        '{"type": "forecast", "turn": 1, "question": "q", "probability": Infinity}',
        '{"type": "forecast", "turn": 1, "question": "q", "probability": -Infinity}',
        '{"type": "forecast", "turn": 1, "question": "q", "probability": 1e400}',
    ],
)
def test_not_a_number_is_refused(raw):
    with pytest.raises(BadMessage):
        parse(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "nope",
        "[]",
        '["hello"]',
        '"hello"',
        "1",
        "null",
        "true",
        "{",
        '{"type": "ping"} {}',
        b"\xff\xfe",
        b"\xed\xa0\x80",
        "\ud800",
        "[" * 1500 + "]" * 500,
        "[" * 1000 + "]" * 1000,
    ],
)
def test_anything_but_one_json_object_is_refused(raw):
    with pytest.raises(BadMessage, match="one JSON object"):
        parse(raw)


def test_deeply_nested_json_is_refused():
    for raw in (
        '{"a":' * 340 + "1" + "}" * 340,
        '{"type": "submit", "turn": 1, "x": ' + "[" * 900 + "]" * 900 + "}",
        '{"type": "hello", "token": ' + '{"a":' * 300 + "1" + "}" * 300 + "}",
    ):
        assert len(raw.encode()) <= MAX_MESSAGE_BYTES
        with pytest.raises(BadMessage):
            parse(raw)


def test_the_size_cap_counts_bytes_not_characters():
    pad = MAX_MESSAGE_BYTES - len('{"type": "ping", "x": ""}')
    fits = '{"type": "ping", "x": "' + "a" * pad + '"}'
    assert len(fits.encode()) == MAX_MESSAGE_BYTES
    with pytest.raises(BadMessage, match="bad message"):  # the size is fine, the field is not
        parse(fits)
    wide = '{"type": "ping", "x": "' + "\u20ac" * (pad // 3 + 1) + '"}'
    assert len(wide) < MAX_MESSAGE_BYTES < len(wide.encode())
    with pytest.raises(BadMessage, match="too long"):
        parse(wide)
    with pytest.raises(BadMessage, match="too long"):
        parse(b"x" * (MAX_MESSAGE_BYTES + 1))


def test_an_error_never_repeats_what_was_sent():
    secret = "Z" * 90
    for data in (
        {"type": "hello", "token": secret + "x" * 20},
        {"type": "choose", "turn": 1, "measure": secret + "!", "choice": "push"},
        {"type": secret},
        {"type": "submit", "turn": 1, secret: 1},
    ):
        with pytest.raises(BadMessage) as err:
            parse(json.dumps(data))
        assert secret not in str(err.value)
        assert len(str(err.value)) < 200


def test_messages_cannot_be_changed_once_checked():
    message = parse('{"type": "submit", "turn": 1}')
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen-instance error
        message.turn = 2  # type: ignore[misc]
