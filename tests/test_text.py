"""One rule for text from outside (scenarios, saves, facilitator entries, settings, `new`
names) and one for drawing any text: what one part writes, every other part reads back."""

from __future__ import annotations

import unicodedata

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


# Any character, and often the ones that draw nothing (marks, selectors, fillers, tags).
_TRICKY = st.one_of(
    st.text(),
    st.text(alphabet=" \na日\u0301\u20dd\ufe0f\u200b\u3164\U000e0041\u034f\x00"),
)


@given(_TRICKY)
def test_displayable_text_has_no_word_that_draws_nothing_and_stays_as_it_is(text):
    """pygame_gui draws each word on its own and refuses one of zero width: no word of the
    result is only invisible characters or starts with a mark with nothing under it."""
    shown = displayable(text)
    assert displayable(shown) == shown
    for word in shown.split():
        assert unicodedata.category(word[0]) not in ("Mn", "Me", "Cf")
        assert "\ufe0f" not in word and "\U000e0041" not in word


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\u200b", ""),
        ("\ufe0f", ""),  # a variation selector alone
        ("\U000e0041", ""),  # a tag
        ("\u3164", ""),  # the Hangul filler is a letter that is never drawn
        ("\u0301 x", " x"),  # a mark with nothing under it
        ("e\u0301", "e\u0301"),  # é written with a combining accent stays
        ("a" + "\u0301" * 50, "a" + "\u0301" * 4),  # "Zalgo" text is cut to a few marks
        ("\x00", "\ufffd"),
    ],
)
def test_displayable_leaves_out_what_draws_nothing_and_keeps_marks_on_letters(text, shown):
    assert displayable(text) == shown


def test_a_letter_that_is_never_drawn_shows_nothing():
    assert not shows_something("\u3164\u115f")


def test_a_change_that_rounds_to_nothing_reads_zero_without_a_sign():
    from game.formatting import signed

    assert signed(-2.8 + 2.4 + 2.3 - 0.9 - 0.8 - 0.2) == "0"
    assert signed(0.0) == "0" and signed(-0.04) == "0"
    assert signed(3) == "+3" and signed(-1.5) == "-1.5" and signed(0.05) == "+0.1"
