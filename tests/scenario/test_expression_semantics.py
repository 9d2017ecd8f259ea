"""The expression language means what it says: any expression built from its grammar gives the
value the same text has under ordinary arithmetic and logic (the language's precedence is
Python's: `or` < `and` < `not` < comparisons < `+ -` < `* /` < unary `-`).

Hypothesis writes random expressions from the grammar, with and without parentheses; each is
compiled by `compile_expression` and evaluated on random facts, and the result is compared with
Python's own evaluation of the same text (`true`/`false` and the four measure functions given
their meaning). Divisions are by non-zero numbers and values stay small, so neither the
"division by zero is 0" rule nor the bound on arithmetic (tested on their own) comes in.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.expressions import Facts, Names, compile_expression

VALUES = ("tension", "cooperation", "turn", "adopted_count")
MEASURES = ("talks", "drills")
NAMES = Names(frozenset(VALUES), frozenset(MEASURES))
FUNCTIONS = ("adopted", "in_force", "suspended", "under_way")


def _wrap(text: str, parens: bool) -> str:
    return f"({text})" if parens else text


numbers = st.recursive(
    st.one_of(
        st.integers(0, 30).map(str),
        st.sampled_from(["0.5", "2.25", "10.0"]),
        st.sampled_from(VALUES),
    ),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner, st.booleans(), st.booleans()).map(
            lambda t: f"{_wrap(t[0], t[3])} {t[1]} {_wrap(t[2], t[4])}"
        ),
        st.tuples(inner, st.integers(1, 9), st.booleans()).map(
            lambda t: f"{_wrap(t[0], t[2])} / {t[1]}"
        ),
        inner.map(lambda x: f"-({x})"),
        inner.map(lambda x: f"({x})"),
    ),
    max_leaves=6,
)

comparisons = st.tuples(numbers, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers).map(
    lambda t: f"{t[0]} {t[1]} {t[2]}"
)

atoms = st.one_of(
    comparisons,
    st.sampled_from(["true", "false"]),
    st.tuples(st.sampled_from(FUNCTIONS), st.sampled_from(MEASURES)).map(
        lambda t: f"{t[0]}('{t[1]}')"
    ),
)

conditions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner, st.booleans(), st.booleans()).map(
            lambda t: f"{_wrap(t[0], t[3])} {t[1]} {_wrap(t[2], t[4])}"
        ),
        inner.map(lambda x: f"not {x}"),
        inner.map(lambda x: f"({x})"),
    ),
    max_leaves=6,
)

facts = st.tuples(
    st.tuples(*(st.integers(0, 100) for _ in VALUES)),
    *(st.frozensets(st.sampled_from(MEASURES)) for _ in FUNCTIONS),
)


def _facts(drawn) -> tuple[Facts, dict[str, object]]:
    values, *sets = drawn
    numbers_ = {name: float(v) for name, v in zip(VALUES, values, strict=True)}
    by_function = dict(zip(FUNCTIONS, sets, strict=True))
    python = {
        **numbers_,
        "true": True,
        "false": False,
        **{f: (lambda measure, s=s: measure in s) for f, s in by_function.items()},
    }
    return Facts(numbers_, **by_function), python


def _python(text: str, namespace: dict[str, object]) -> object:
    return eval(text, {"__builtins__": {}}, namespace)  # the test's reference, on its own text


@settings(max_examples=400, deadline=None)
@given(conditions, facts)
def test_a_condition_is_true_exactly_when_its_text_is(text, drawn):
    ours, python = _facts(drawn)
    assert compile_expression(text, NAMES).evaluate(ours) is bool(_python(text, python))


@settings(max_examples=400, deadline=None)
@given(numbers, facts)
def test_a_number_is_what_its_arithmetic_gives(text, drawn):
    ours, python = _facts(drawn)
    expected = _python(text, python)
    assert compile_expression(text, NAMES, kind="number").evaluate(ours) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 + 3 * 4", 14.0),
        ("(2 + 3) * 4", 20.0),
        ("10 - 4 - 3", 3.0),  # left to right
        ("24 / 4 / 2", 3.0),
        ("-2 * 3", -6.0),
        ("- -2", 2.0),
        ("7 / 0", 0.0),  # division by zero is 0, never a crash mid-game
        ("1000 + .5", 1000.5),
    ],
)
def test_arithmetic_examples(text, expected):
    assert compile_expression(text, NAMES, kind="number").evaluate(Facts({})) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not true and false", False),  # (not true) and false
        ("not (true and false)", True),
        ("false and false or true", True),
        ("false and (false or true)", False),
        ("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 == 1 and 1 != 2", True),
        ("2 < 2 or 3 <= 2 or 2 > 2 or 2 >= 3 or 1 == 2 or 1 != 1", False),
    ],
)
def test_logic_examples(text, expected):
    assert compile_expression(text, NAMES).evaluate(Facts({})) is expected


@pytest.mark.parametrize("function", FUNCTIONS)
def test_each_measure_function_reads_its_own_set(function):
    expr = compile_expression(f"{function}('talks')", NAMES)
    for other in FUNCTIONS:
        facts = Facts({}, **{other: {"talks"}})
        assert expr.evaluate(facts) is (other == function)
    assert expr.measures == {"talks"} and expr.names == frozenset()


# --- what a refusal says ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        (
            "(tension > 3, 4",
            12,
            "expected `)` to close the `(` at character 1 of the expression, found `,`",
        ),
        ("tension > 3 4", 12, "expected `and`, `or` or the end, found `4`"),
        ("tension > turn turn", 15, "expected `and`, `or` or the end, found `turn`"),
        (
            "tension >= 40 and",
            17,
            "expected a number, a name or `(`, found the end of the expression",
        ),
    ],
)
def test_a_refusal_names_what_was_expected_and_what_was_found(text, offset, message):
    from game.scenario.expressions import ExpressionError

    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES)
    assert (caught.value.offset, caught.value.message) == (offset, message)
    assert str(caught.value) == message  # the same words wherever the error is shown


# --- the event table (the red cell's deck) ---------------------------------------------------


def test_building_a_table_leaves_its_conditions_working_on_their_own():
    from game.scenario.expressions import compile_table

    condition = compile_expression("tension >= 40 and adopted('talks')", NAMES)
    weight = compile_expression("turn + 1", NAMES, kind="number")
    table = compile_table([(condition, weight)])
    facts = Facts({"tension": 50.0, "turn": 2.0}, adopted={"talks"})
    assert table(facts) == ([0], [3.0])
    assert condition.evaluate(facts) is True  # the table's rewriting did not touch it
    assert weight.evaluate(facts) == 3.0
    assert condition.evaluate(Facts({"tension": 30.0, "turn": 2.0}, adopted={"talks"})) is False


@pytest.mark.parametrize(
    ("value", "drawn"),
    [(-3.0, 0.0), (0.0, 0.0), (float("nan"), 0.0), (7.5, 7.5), (100.0, 100.0), (150.0, 100.0)],
)
def test_a_weight_is_drawn_as_nothing_at_zero_or_below_and_at_most_100(value, drawn):
    from game.scenario.expressions import drawable_weight

    assert drawable_weight(value) == drawn


# --- arithmetic held within the bound, exactly -----------------------------------------------

BIG = st.one_of(
    st.sampled_from(["1000000", "999999.5", "0.000001", "0.5", "3", "0"]),
    st.sampled_from(["tension", "turn"]),
)


def _big(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(children, st.sampled_from("+-*/"), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    ) | children.map(lambda c: f"-{c}")


def _held_reference(text: str, values: dict[str, float]) -> float:
    """The rule as the guide states it: every operation's result held within +-1e12, and a
    division by zero gives 0. Written over Python's own parse of the (Python-compatible) text."""
    import ast

    from game.scenario.expressions import BOUND

    def held(x: float) -> float:
        return max(-BOUND, min(BOUND, x))

    def value(node: ast.expr) -> float:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.UnaryOp):
            return held(-value(node.operand))
        assert isinstance(node, ast.BinOp)
        a, b = value(node.left), value(node.right)
        if isinstance(node.op, ast.Add):
            return held(a + b)
        if isinstance(node.op, ast.Sub):
            return held(a - b)
        if isinstance(node.op, ast.Mult):
            return held(a * b)
        return held(a / b if b else 0.0)

    return value(ast.parse(text, mode="eval").body)


@settings(max_examples=500, deadline=None)
@given(
    st.recursive(BIG, _big, max_leaves=8),
    st.floats(min_value=0, max_value=1000, allow_nan=False),
    st.floats(min_value=0, max_value=1000, allow_nan=False),
)
def test_every_operation_is_held_within_the_bound_exactly_as_the_guide_states(text, tension, turn):
    names = Names(frozenset({"tension", "turn"}), frozenset())
    values = {"tension": tension, "turn": turn}
    ours = compile_expression(text, names, "number").evaluate(Facts(values))
    assert ours == pytest.approx(_held_reference(text, values), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000000 * 1000000 * 1000000", 1e12),
        ("-(1000000 * 1000000 * 1000000)", -1e12),
        ("0 - 1000000 * 1000000 * 1000000", -1e12),
        ("1000000 * 1000000 * 1000000 - 1000000 * 1000000 * 1000000", 0.0),
        ("1000000 / 0.000001 / 0.000001", 1e12),
        ("-1000000 / 0.000001 / 0.000001", -1e12),
        ("1000000 * 1000000 * 1000000 / 2", 5e11),
        ("1000000 * 1000000 / (0.000001 - 0.000001)", 0.0),
    ],
)
def test_held_arithmetic_examples(text, expected):
    assert compile_expression(text, NAMES, "number").evaluate(Facts({})) == expected


# --- the language's limits, at their edges -----------------------------------------------------


def _refusal(text: str, kind: str = "condition"):
    from game.scenario.expressions import ExpressionError

    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES, kind)
    return caught.value.offset, caught.value.message


def test_nesting_is_allowed_to_32_levels_and_refused_beyond_where_it_goes_deeper():
    assert compile_expression("(" * 31 + "true" + ")" * 31, NAMES).evaluate(Facts({})) is True
    assert _refusal("(" * 33 + "true" + ")" * 33) == (32, "nested more than 32 levels deep")
    assert compile_expression("not " * 31 + "true", NAMES).evaluate(Facts({})) is False
    assert _refusal("not " * 33 + "true")[1] == "nested more than 32 levels deep"
    assert compile_expression("-" * 31 + "1 < 0", NAMES).evaluate(Facts({})) is True
    assert _refusal("-" * 33 + "1 < 0")[1] == "nested more than 32 levels deep"


def test_a_closed_group_gives_back_exactly_its_own_level():
    deep = "(" * 33 + "true" + ")" * 33
    assert _refusal("(true) and " + deep)[1] == "nested more than 32 levels deep"
    assert _refusal("not true and " + "not " * 33 + "true")[1] == "nested more than 32 levels deep"
    assert _refusal("-1 + " + "-" * 33 + "1 < 0")[1] == "nested more than 32 levels deep"


def test_a_compiled_expression_keeps_its_text_and_kind():
    expr = compile_expression("turn + 1", NAMES, "number")
    assert (expr.text, expr.kind) == ("turn + 1", "number")
    assert repr(expr) == "Expression('turn + 1', 'number')"


def test_depth_counts_nesting_not_how_many_groups_follow_each_other():
    many = " and ".join(["(true)"] * 40)
    assert compile_expression(many, NAMES).evaluate(Facts({})) is True
    assert compile_expression(" and ".join(["not false"] * 40), NAMES).evaluate(Facts({})) is True
    assert compile_expression(" + ".join(["-1"] * 40) + " < 0", NAMES).evaluate(Facts({})) is True


def test_an_expression_of_up_to_400_tokens_is_accepted_and_a_longer_one_refused():
    fits = "-" + " + ".join(["1"] * 200)  # 1 + 200 + 199 = 400 tokens
    assert compile_expression(fits, NAMES, "number").evaluate(Facts({})) == 198.0
    longer = "- -" + " + ".join(["1"] * 200)  # 401 tokens
    offset, message = _refusal(longer, "number")
    assert message == "expression is too long; split the condition up"
    assert offset == len(longer) - 1  # at the 401st token, the last `1`


def test_an_expression_of_2000_characters_is_read_and_one_of_2001_refused():
    text = "true" + " " * 1996
    assert compile_expression(text, NAMES).evaluate(Facts({})) is True
    assert _refusal(text + " ") == (2000, "expression is longer than 2000 characters")


@pytest.mark.parametrize(
    ("text", "kind", "offset", "message"),
    [
        ("", "condition", 0, "expression is empty"),
        (
            "tension + 3",
            "condition",
            0,
            "expected a condition (true or false) here, found a number",
        ),
        ("tension > 3", "number", 0, "expected a number here, found a condition"),
        ("1 + (tension > 3)", "number", 4, "expected a number here, found a condition"),
        (
            "true and 1 + 2",
            "condition",
            9,
            "expected a condition (true or false) here, found a number",
        ),
        ("1 or true", "condition", 0, "expected a condition (true or false) here, found a number"),
        ("tension > 3 > 2", "condition", 12, "comparisons cannot be chained; join them with `and`"),
        ("true and false", "number", 0, "expected a number here, found a condition"),
        ("false or true", "number", 0, "expected a number here, found a condition"),
        ("lambda: 1", "condition", 6, "unexpected character `:`"),
        (
            "tension > ½",
            "condition",
            10,
            "unexpected character `½`; write numbers with the digits 0-9",
        ),
        (
            "adopted('talks'",
            "condition",
            15,
            "expected `)` to close the `(` at character 8 of the expression, "
            "found the end of the expression",
        ),
        (
            "tension > 1000000.5",
            "condition",
            10,
            "the number `1000000.5` is larger than 1,000,000, the largest an expression may use "
            "(scenario values run from 0 to 100)",
        ),
        (
            "cooperation[0]",
            "condition",
            11,
            "unexpected character `[`; indexing is not part of the language",
        ),
        (
            "tension > ３",
            "condition",
            10,
            "unexpected character `３`; write numbers with the digits 0-9",
        ),
        ("tension > 1_000", "condition", 10, "`1_000`: write numbers without `_` (`1000`)"),
        (
            "'x' == 'x'",
            "condition",
            0,
            "text is only allowed as the argument of a function such as adopted(...)",
        ),
    ],
)
def test_each_refusal_in_full(text, kind, offset, message):
    assert _refusal(text, kind) == (offset, message)
