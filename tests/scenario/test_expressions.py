"""The condition language: what it accepts, how it evaluates, and how it refuses everything else."""

from __future__ import annotations

import math

import pytest

from game.scenario.expressions import ExpressionError, Facts, Names, compile_expression

NAMES = Names(
    frozenset(
        {"tension", "cooperation", "turn", "resilience.maritime", "support.japan", "adopted_count"}
    ),
    frozenset({"jp_tw_dialogue", "hadr_exercises"}),
)
FACTS = Facts(
    {
        "tension": 45.0,
        "cooperation": 30.0,
        "turn": 3.0,
        "resilience.maritime": 40.0,
        "support.japan": 55.0,
        "adopted_count": 1.0,
    },
    adopted={"jp_tw_dialogue"},
    in_force=set(),
    suspended={"jp_tw_dialogue"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tension >= 40 and not adopted('hadr_exercises')", True),
        ("tension >= 40 and not adopted('jp_tw_dialogue')", False),
        ("in_force('jp_tw_dialogue') or suspended('jp_tw_dialogue')", True),
        ("(cooperation + resilience.maritime) / 2 > 34", True),
        ("cooperation * 2 - 10 == 50", True),
        ("-tension < 0", True),
        ("not not true", True),
        ("turn != 3 or false", False),
        ('adopted("jp_tw_dialogue")', True),
        ("support.japan <= 55.0", True),
        ("1 / 0 == 0", True),  # division by zero is 0, never a crash mid-game
        ("true and false or true", True),  # `and` binds tighter than `or`
    ],
)
def test_conditions_evaluate_like_the_rules_they_state(text, expected):
    assert compile_expression(text, NAMES).evaluate(FACTS) is expected


def test_numbers_for_weights():
    expr = compile_expression("1 + adopted_count * 2", NAMES, kind="number")
    assert expr.evaluate(FACTS) == 3.0
    assert expr.names == {"adopted_count"}


def test_compiled_expression_reports_what_it_reads():
    expr = compile_expression("tension > 3 and adopted('hadr_exercises')", NAMES)
    assert expr.names == {"tension"} and expr.measures == {"hadr_exercises"}


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("tensoin > 3", 0, "did you mean `tension`?"),
        ("tension >= 40 and", 17, "found the end"),
        ("tension >", 9, "expected a number"),
        ("(tension > 3", 12, "expected `)`"),
        ("tension > 3)", 11, "expected `and`, `or` or the end"),
        ("adopted('jp_tw_dialog')", 9, "did you mean `jp_tw_dialogue`?"),
        ("adopted(jp_tw_dialogue)", 8, "quoted measure id"),
        ("adopted", 0, "needs a measure id"),
        ("eval('1')", 0, "unknown function `eval`"),
        ("__import__('os')", 0, "unknown function"),
        ("os.system('ls')", 0, "unknown function `os.system`"),
        ("tension.__class__ == 1", 0, "unknown name `tension.__class__`"),
        ("().__class__", 2, "unexpected character `.`"),
        ("cooperation[0]", 11, "indexing"),
        ("tension > 3 > 2", 12, "cannot be chained"),
        ("tension && turn", 8, "use `and`"),
        ("tension = 3", 8, "use `==`"),
        ("tension + 3", 0, "expected a condition"),
        ("tension > (turn > 3)", 10, "expected a number"),
        ("'text' == 'text'", 0, "text is only allowed"),
        ("adopted('a', 'b')", 11, "takes one measure id"),
        ("lambda: 1", 6, "unexpected character `:`"),
        ("", 0, "empty"),
    ],
)
def test_bad_expressions_get_an_error_at_the_right_character(text, offset, fragment):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_deep_nesting_and_huge_expressions_are_refused_not_crashed():
    for text in [
        "(" * 500 + "true" + ")" * 500,
        "not " * 200 + "true",
        "-" * 300 + "1 > 0",
        "1 + " * 600 + "1 > 0",
    ]:
        with pytest.raises(ExpressionError):
            compile_expression(text, NAMES)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ALPHABET = st.sampled_from(
    list("tension adopted('jp_tw_dialogue') and or not ()+-*/<>=!.,0123456789_\"[]")
)


@settings(max_examples=500, deadline=None)
@given(st.text(ALPHABET, max_size=60) | st.text(max_size=40))
def test_any_text_compiles_or_gets_an_expression_error(text):
    try:
        expr = compile_expression(text, NAMES)
    except ExpressionError as err:
        assert 0 <= err.offset <= len(text)
        return
    assert isinstance(expr.evaluate(FACTS), bool)


def test_a_table_gives_the_rows_that_hold_with_their_weights_and_boosts_one_group():
    """The red cell's deck: one call evaluates every event's condition and weight."""
    from game.scenario.expressions import compile_table

    rows = [
        (None, 2.0),
        (compile_expression("tension >= 40", NAMES), 1.5),
        (compile_expression("tension >= 90", NAMES), 3.0),  # does not hold
        (None, compile_expression("1 + adopted_count / 2", NAMES, "number")),
        (None, 0.0),  # never drawn
        (None, compile_expression("(tension - 45) / (turn - 3)", NAMES, "number")),  # 0 / 0
        (compile_expression("adopted('jp_tw_dialogue')", NAMES), 1.0),
    ]
    table = compile_table(rows, ["sea", "air", "air", "sea", "sea", "air", "sea"])
    assert table(FACTS, None, 1.5) == ([0, 1, 3, 6], [2.0, 1.5, 1.5, 1.0])
    assert table(FACTS, "sea", 2.0) == ([0, 1, 3, 6], [4.0, 1.5, 3.0, 2.0])
    plain = compile_table(rows)
    assert plain(FACTS) == ([0, 1, 3, 6], [2.0, 1.5, 1.5, 1.0])


# --- every number finite ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1e999 > tension", "without an exponent"),
        ("1.5E+3 > tension", "without an exponent"),
        ("9" * 500 + " > tension", "larger than 1,000,000"),
        ("tension > 1000000.5", "larger than 1,000,000"),
    ],
)
def test_a_number_in_an_expression_is_at_most_a_million_and_written_out(text, fragment):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES)
    assert fragment in caught.value.message
    assert caught.value.offset == (text.index("1000000.5") if "1000000.5" in text else 0)


def test_the_largest_number_an_expression_may_write_is_accepted():
    assert compile_expression("1000000 > tension", NAMES).evaluate(FACTS) is True


LEAVES = st.sampled_from(
    ["1000000", "0.000001", "0.0000000000000000000000000000001", "0", "3", "tension", "turn"]
)


def _arithmetic(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(children, st.sampled_from("+-*/"), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    ) | children.map(lambda c: f"-{c}")


ARITHMETIC = st.recursive(LEAVES, _arithmetic, max_leaves=40)
VALUES = st.floats(min_value=0, max_value=100, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(ARITHMETIC, VALUES, VALUES)
def test_arithmetic_never_makes_infinity_or_nan(text, tension, turn):
    """Products of large numbers and divisions by tiny ones are held within 1e12 (the bound
    the guide states), so weights and comparisons always see a finite number."""
    names = Names(frozenset({"tension", "turn"}), frozenset())
    try:
        expr = compile_expression(text, names, "number")
    except ExpressionError as err:  # too long or too deep: refused, which is fine
        assert "too long" in err.message or "nested" in err.message
        return
    facts = Facts({"tension": tension, "turn": turn})
    value = expr.evaluate(facts)
    assert math.isfinite(value) and abs(value) <= 1e12


@settings(max_examples=200, deadline=None)
@given(ARITHMETIC, VALUES, VALUES)
def test_a_weight_expression_draws_with_a_weight_from_0_to_100(text, tension, turn):
    """The event table uses the same rule as `drawable_weight`: nothing at 0 or below, at
    most 100, the largest weight a scenario can write as a number."""
    from game.scenario.expressions import compile_table, drawable_weight

    names = Names(frozenset({"tension", "turn"}), frozenset())
    try:
        expr = compile_expression(text, names, "number")
    except ExpressionError:
        return
    facts = Facts({"tension": tension, "turn": turn})
    rows, weights = compile_table([(None, expr)])(facts)
    expected = drawable_weight(expr.evaluate(facts))
    assert weights == ([expected] if expected > 0 else []) and rows == ([0] if weights else [])
    assert all(0 < w <= 100 for w in weights)


def test_a_weight_too_large_to_write_is_drawn_as_the_largest_weight():
    from game.scenario.expressions import compile_table

    names = Names(frozenset({"tension"}), frozenset())
    huge = compile_expression(" * ".join(["1000000"] * 60), names, "number")
    tiny = compile_expression("1 / (tension - 40)", names, "number")  # 1 / 0.0000001...
    table = compile_table([(None, huge), (None, tiny), (None, 2.0)])
    assert table(Facts({"tension": 40.0000001})) == ([0, 1, 2], [100.0, 100.0, 2.0])
    assert table(Facts({"tension": 40.0})) == ([0, 2], [100.0, 2.0])  # 1 / 0 is 0: not drawn


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("\uff11 + adopted_count", 0),  # full-width 1
        ("tension >= \u0664\u0660", 11),  # Arabic-Indic 40
        ("turn > \u00b2", 7),  # superscript 2
        ("cooperation < 4\u0660", 15),  # an ASCII digit then an Arabic-Indic one
        ("1\u0665 < turn", 1),
    ],
)
def test_numbers_are_written_with_ascii_digits_only(text, at):
    for kind in ("condition", "number"):
        with pytest.raises(ExpressionError) as caught:
            compile_expression(text, NAMES, kind)
        assert caught.value.offset == at and "digits 0-9" in caught.value.message


@pytest.mark.parametrize(("text", "at"), [("1_000 + turn", 0), ("turn > 1_0", 7), ("1.5_0", 0)])
def test_a_number_with_underscores_in_an_expression_is_refused_with_a_hint(text, at):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES, "number" if ">" not in text else "condition")
    assert caught.value.offset == at and "without `_`" in caught.value.message
