"""One rule for text from outside (scenarios, saves, facilitator entries, settings, `new`
names) and one for drawing any text: what one part writes, every other part reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.text import displayable, shows_something, text_problem


@pytest.mark.parametrize(
    "text, named",
    [
        ("a\x1b[31mb", "U+001B"),
        ("a\x00b", "U+0000"),
        ("a\x85b", "U+0085"),
        ("a\x7fb", "U+007F"),
        ("a\ud800b", "U+D800"),
        ("evil \u202e txt.exe", "U+202E"),
        ("a\u2066b", "U+2066"),
    ],
)
def test_control_characters_surrogates_and_bidi_controls_are_refused_by_code_point(text, named):
    problem = text_problem(text)
    assert problem is not None and named in problem


@pytest.mark.parametrize("text", ["plain", "日台安全保障対話", "tab\tand\nline", "émigré", "👍"])
def test_ordinary_text_in_any_language_is_accepted(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("text", ["\u200b", " \u00ad ", "\ufeff", "\u0301", "   ", "\u2060\u200d"])
def test_text_of_only_invisible_characters_shows_nothing(text):
    assert not shows_something(text)


@pytest.mark.parametrize("text", ["a", "\u200bx", "日", "1"])
def test_text_with_one_drawn_character_shows_something(text):
    assert shows_something(text)


@given(st.text())
def test_any_text_becomes_text_that_is_accepted_and_writable(text):
    shown = displayable(text)
    assert text_problem(shown) is None
    shown.encode("utf-8")  # no surrogate survives
    assert "\u200b" not in shown and "\u202e" not in shown
