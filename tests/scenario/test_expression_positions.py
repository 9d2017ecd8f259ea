"""Expression errors give one kind of place: the file's line and column, whatever the style.

Every kind of expression error (parse errors, unknown names with suggestions, wrong argument
types, unknown measure ids, a missing `)`, a wrong type, the end of the expression) is put,
deep inside the expression, into every YAML scalar style (plain, single- and double-quoted
with escapes that shift the columns, `|` and `>` blocks and folded lines that change the
line too, flow mappings, an alias of an anchored expression), and the reported line and
column must be exactly those of the offending token in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.scenario.helpers import problems_of, variant

EVENT_WHEN = "    when: \"not in_force('dialogue')\""  # events[1].when in the mini scenario
OUTCOME = '  - {id: good, title: Good, epilogue: It went well., when: "cooperation >= 50"}'

# (name, expression, the offending text as written in the file (a regex; group 1, if any,
# is the offending token), what the message says). Every expression starts with the same
# clause, so the error sits deep inside it, after text that the styles write differently.
HEAD = "not in_force('dialogue') and cooperation > 3"
ERRORS = [
    ("unknown name", f"{HEAD} and tensoin < 9", r"tensoin", "did you mean `tension`?"),
    ("parse error", f"{HEAD} and turn = 3", r"turn (=) 3", "use `==`"),
    ("chained", f"{HEAD} and 1 < turn < 3", r"1 < turn (<) 3", "cannot be chained"),
    ("unknown measure", f"{HEAD} or adopted('dailogue')", r"dailogue", "did you mean `dialogue`?"),
    ("unquoted measure", f"{HEAD} or in_force(exercises)", r"exercises\)", "quoted measure id"),
    ("unknown function", f"{HEAD} or inforce('dialogue')", r"inforce", "did you mean `in_force`?"),
    ("wrong type", f"{HEAD} and (turn + 2)", r"\((?=turn \+ 2)", "expected a condition"),
    ("end", f"{HEAD} and turn >", r"turn >()", "found the end"),
]


def _lines(expression: str) -> list[str]:
    """The expression cut before each `and` / `or`, for the styles that span lines."""
    return re.split(r" (?=(?:and|or) )", expression)


def plain(e: str) -> str:
    return f"    when: {e}"


def plain_lines(e: str) -> str:
    return "    when: " + "\n      ".join(_lines(e))


def single(e: str) -> str:
    return "    when: '" + e.replace("'", "''") + "'"


def single_lines(e: str) -> str:  # an empty line in a quoted scalar is a line break
    return "    when: '" + "\n\n      ".join(x.replace("'", "''") for x in _lines(e)) + "'"


def double(e: str) -> str:
    # escapes take more characters in the file than in the value: \" \t \x20 \u0028
    text = e.replace("'", '\\"').replace("not ", "not\\t", 1).replace(" and ", "\\x20and ", 1)
    return '    when: "' + text.replace("in_force(", "in_force\\u0028", 1) + '"'


def double_lines(e: str) -> str:  # an escaped line break joins the lines without a space
    return '    when: "' + " \\\n      ".join(_lines(e)).replace("'", '\\"') + '"'


def literal(e: str) -> str:
    return "    when: |\n" + "".join(
        f"      {'  ' * (i > 0)}{x}\n" for i, x in enumerate(_lines(e))
    )


def folded(e: str) -> str:
    return "    when: >-\n" + "".join(f"      {x}\n" for x in _lines(e))


def flow_double(e: str) -> str:
    return OUTCOME.replace('"cooperation >= 50"', '"' + e.replace("'", '\\"') + '"')


def flow_single(e: str) -> str:
    return OUTCOME.replace('"cooperation >= 50"', "'" + e.replace("'", "''") + "'")


STYLES: dict[str, Callable[[str], str]] = {
    "plain": plain,
    "plain over lines": plain_lines,
    "single-quoted": single,
    "single-quoted over lines": single_lines,
    "double-quoted with escapes": double,
    "double-quoted over lines": double_lines,
    "literal block": literal,
    "folded block": folded,
    "flow mapping, double-quoted": flow_double,
    "flow mapping, single-quoted": flow_single,
}


def _place(text: str, pattern: str, start_line: int) -> tuple[int, int]:
    """Line and column of the offending token: the pattern's group 1 (or whole match), searched
    from `start_line` on (the expression is the only text there that matches)."""
    start = sum(len(line) + 1 for line in text.split("\n")[: start_line - 1])
    match = re.compile(pattern).search(text, start)
    assert match, f"{pattern!r} not found after line {start_line}"
    index = match.start(1) if match.re.groups else match.start()
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def _spoil(style: str, expression: str) -> tuple[str, int, tuple[str | int, ...]]:
    """The mini scenario with `expression` written in `style`; the first line it is on, and
    its key path."""
    written = STYLES[style](expression)
    old, path = (
        (OUTCOME, ("outcomes", 1, "when"))
        if style.startswith("flow")
        else (EVENT_WHEN, ("events", 1, "when"))
    )
    text = variant(old, written)
    return text, text[: text.index(written)].count("\n") + 1, path


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize(
    ("kind", "expression", "token", "says"), ERRORS, ids=[e[0] for e in ERRORS]
)
def test_an_expression_error_points_at_the_token_in_the_file(style, kind, expression, token, says):
    text, first_line, path = _spoil(style, expression)
    problems = [p for p in problems_of(text) if p.path == path]
    assert len(problems) == 1, [str(p) for p in problems_of(text)]
    problem = problems[0]
    assert says in problem.message
    assert (problem.line, problem.column) == _place(text, token, first_line), str(problem)


@pytest.mark.parametrize("style", list(STYLES))
def test_a_missing_parenthesis_names_the_file_place_of_the_one_it_should_close(style):
    expression = f"{HEAD} and (turn > 2 or cooperation > 5"
    text, first_line, path = _spoil(style, expression)
    (problem,) = [p for p in problems_of(text) if p.path == path]
    line, column = _place(text, r"\((?=turn > 2)", first_line)
    assert f"the `(` at line {line}, column {column}," in problem.message
    assert (problem.line, problem.column) == _place(text, r"cooperation > 5()", first_line)


def test_an_alias_of_an_expression_points_at_the_anchored_text():
    anchored = "    when: &rule \"not in_force('dialogue') and tensoin > 2\""
    text = variant(EVENT_WHEN, anchored)
    text = text.replace('when: "cooperation >= 50"}', "when: *rule}")
    problems = [p for p in problems_of(text) if "tensoin" in p.message]
    assert {p.path for p in problems} == {("events", 1, "when"), ("outcomes", 1, "when")}
    where = _place(text, "tensoin", 1)
    assert all((p.line, p.column) == where for p in problems)


def test_a_merged_expression_points_at_its_text():
    merged = OUTCOME.replace("- {", "- &band {").replace("cooperation >= 50", "cooperation >= 5O")
    text = variant(OUTCOME, merged + "\n  - {<<: *band, id: good_again}")
    problems = [p for p in problems_of(text) if p.path[-1] == "when"]
    assert {p.path for p in problems} == {("outcomes", 1, "when"), ("outcomes", 2, "when")}
    where = _place(text, "5(O)", 1)
    assert all((p.line, p.column) == where for p in problems)


def test_windows_line_endings_count_as_one_line_break():
    text, first_line, path = _spoil("literal block", f"{HEAD} and tensoin < 9")
    (problem,) = [p for p in problems_of(text.replace("\n", "\r\n")) if p.path == path]
    assert (problem.line, problem.column) == _place(text, "tensoin", first_line)


def test_an_expression_error_without_a_file_names_the_character():
    from game.scenario.expressions import ExpressionError, Names, compile_expression

    with pytest.raises(ExpressionError) as caught:
        compile_expression("(tension > 3", Names(frozenset({"tension"}), frozenset()))
    assert "the `(` at character 1 of the expression" in caught.value.message
