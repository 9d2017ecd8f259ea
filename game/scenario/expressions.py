"""The scenario expression language: a small, safe language for conditions and weights.

    tension >= 40 and not adopted('jp_tw_dialogue')
    2 + adopted_count / 2

Grammar (lowest precedence first)::

    expr     := or
    or       := and ('or' and)*
    and      := not ('and' not)*
    not      := 'not' not | compare
    compare  := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
    sum      := product (('+' | '-') product)*
    product  := unary (('*' | '/') unary)*
    unary    := '-' unary | atom
    atom     := NUMBER | 'true' | 'false' | NAME | FUNC '(' STRING ')' | '(' expr ')'

NAME is an indicator or a derived value (`tension`, `resilience.maritime`, `turn`, ...);
FUNC is one of `adopted`, `in_force`, `suspended`, `under_way`. Source text is parsed by this module's
own tokenizer and parser into a tree, checked against the scenario's names and types, then
translated node by node into an equivalent Python function (see `_function_of`). The text
is never handed to Python's parser, `eval` or `exec`; the language has no attribute access,
indexing, or calls other than the four functions above.
"""

from __future__ import annotations

import ast
import copy
import math
import re
import sys
import types
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeAlias

from game.scenario.errors import did_you_mean, one_of, shortened

MAX_LENGTH = 2000
MAX_NODES = 400
MAX_DEPTH = 32
# The largest number an expression may write. Scenario values run from 0 to 100, so anything
# near this is already absurd; the cap keeps every literal finite (`9` * 500 is infinity).
MAX_NUMBER = 1_000_000
# Arithmetic is held within +-BOUND (see `_Checker`), so no value is ever infinite or NaN.
BOUND = 1e12
# What `_Checker` assumes about every value an expression reads: indicators, support and the
# derived values lie in 0..100, capital in 0..50, turn counts below 100. Generous on purpose:
# a looser assumption only adds run-time checks, never removes a needed one.
VALUE_BOUND = 1000.0
# A weight above this counts as this: the largest weight a scenario can write as a number.
MAX_WEIGHT = 100.0

FUNCTIONS = {
    "adopted": "true once the measure has been adopted",
    "in_force": "true while the measure is adopted and not suspended",
    "suspended": "true while an event has knocked the adopted measure out of force",
    "under_way": "true while the measure has some progress but is not adopted yet",
}


def _in_expression(offset: int) -> str:
    return f"character {offset + 1} of the expression"


class ExpressionError(Exception):
    """Raised when an expression cannot be parsed or checked; `offset` is the 0-based character
    position of the problem in the text.

    A message may refer to a second place in the text (the `(` that a missing `)` should close):
    its offset is `opening`, and `describe` words it, in the file's terms when given a way to.
    """

    def __init__(self, offset: int, message: str, opening: int | None = None):
        self.offset = offset
        self.opening = opening
        self._template = message
        super().__init__(self.message)

    def describe(self, place: Callable[[int], str] = _in_expression) -> str:
        """The message, with the second place (if any) worded by `place(offset)`."""
        if self.opening is None:
            return self._template
        return self._template.replace("{opening}", place(self.opening), 1)

    @property
    def message(self) -> str:
        return self.describe()


class Facts:
    """What an expression can read: numeric values by name, and sets of measure ids."""

    __slots__ = ("values", "adopted", "in_force", "suspended", "under_way")

    def __init__(
        self,
        values: Mapping[str, float],
        adopted: Collection[str] = (),
        in_force: Collection[str] = (),
        suspended: Collection[str] = (),
        under_way: Collection[str] = (),
    ):
        self.values = values
        self.adopted = adopted
        self.in_force = in_force
        self.suspended = suspended
        self.under_way = under_way


Compiled = Callable[[Facts], float | bool]


@dataclass(frozen=True)
class Names:
    """The names one scenario offers to its expressions."""

    values: frozenset[str]
    measures: frozenset[str]


class Expression:
    """A parsed and checked expression; call `evaluate(facts)`.

    The Python function behind `evaluate` is built on first use, so loading a scenario
    (which checks every expression) stays fast and only expressions a game reaches are built.
    """

    __slots__ = ("text", "kind", "names", "measures", "_tree", "evaluate")

    def __init__(
        self, text: str, kind: str, tree: ast.expr, names: frozenset[str], measures: frozenset[str]
    ):
        self.text = text
        self.kind = kind  # "condition" or "number"
        self.names = names
        self.measures = measures
        self._tree = tree
        self.evaluate: Compiled = self._build_then_evaluate

    def _build_then_evaluate(self, facts: Facts) -> float | bool:
        self.evaluate = _function_of(self._tree)
        return self.evaluate(facts)

    def __repr__(self) -> str:
        return f"Expression({self.text!r}, {self.kind!r})"


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)
  | (?P<string>'[^'\n]*'|"[^"\n]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|,)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}
_PYTHONISMS = {"&&": "and", "||": "or", "!": "not", "=": "==", "<>": "!="}


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    offset: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            for bad, good in _PYTHONISMS.items():
                if text.startswith(bad, pos):
                    raise ExpressionError(pos, f"`{bad}` is not part of the language; use `{good}`")
            char = text[pos]
            hint = "; indexing is not part of the language" if char in "[]" else ""
            if char.isdigit() or char.isnumeric():  # full-width, Arabic-Indic, superscript...
                hint = "; write numbers with the digits 0-9"
            raise ExpressionError(pos, f"unexpected character `{char}`{hint}")
        kind = m.lastgroup or ""
        if kind == "number":
            _check_number(m.group(), pos)
            if text.startswith("_", m.end()):
                written = re.match(r"[0-9._]+", text[pos:])
                shown = shortened(written.group() if written else m.group())
                raise ExpressionError(
                    pos, f"`{shown}`: write numbers without `_` (`{shown.replace('_', '')}`)"
                )
        if kind != "space":
            word = m.group()
            if kind == "name" and word in _KEYWORDS:
                kind = word
            out.append(_Tok(kind, word, pos))
        pos = m.end()
    out.append(_Tok("end", "", len(text)))
    return out


def _check_number(text: str, offset: int) -> None:
    """Refuse a number written with an exponent or larger than MAX_NUMBER (at its offset)."""
    shown = shortened(text)
    if "e" in text or "E" in text:
        raise ExpressionError(
            offset,
            f"`{shown}`: write numbers out in full, without an exponent; "
            f"expected a number up to {MAX_NUMBER:,}",
        )
    if float(text) > MAX_NUMBER:
        raise ExpressionError(
            offset,
            f"the number `{shown}` is larger than {MAX_NUMBER:,}, the largest an expression "
            "may use (scenario values run from 0 to 100)",
        )


# A node is a tuple: (kind, offset, ...) — small and immutable. The fields after the offset
# depend on the kind (see `_Parser`), so they are typed loosely.
Node: TypeAlias = tuple[Any, ...]


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0
        self.count = 0
        self.depth = 0

    def nest(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(tok.offset, f"nested more than {MAX_DEPTH} levels deep")

    def peek(self) -> _Tok:
        return self.tokens[self.i]

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        self.count += 1
        if self.count > MAX_NODES:
            raise ExpressionError(tok.offset, "expression is too long; split the condition up")
        return tok

    def parse(self) -> Node:
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ExpressionError(
                tok.offset, f"expected `and`, `or` or the end, found {_show(tok)}"
            )
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek().kind == "or":
            self.take()
            node = ("or", node[1], node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek().kind == "and":
            self.take()
            node = ("and", node[1], node, self.not_())
        return node

    def not_(self) -> Node:
        if self.peek().kind == "not":
            tok = self.take()
            self.nest(tok)
            node = ("not", tok.offset, self.not_())
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        tok = self.peek()
        if tok.kind == "op" and tok.text in _COMPARE:
            self.take()
            node = ("cmp", node[1], tok.text, node, self.sum())
            nxt = self.peek()
            if nxt.kind == "op" and nxt.text in _COMPARE:
                raise ExpressionError(
                    nxt.offset, "comparisons cannot be chained; join them with `and`"
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek().kind == "op" and self.peek().text in "+-":
            tok = self.take()
            node = ("arith", node[1], tok.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            tok = self.take()
            node = ("arith", node[1], tok.text, node, self.unary())
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text == "-":
            self.take()
            self.nest(tok)
            node = ("neg", tok.offset, self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "number":
            return ("num", tok.offset, float(tok.text))
        if tok.kind in ("true", "false"):
            return ("bool", tok.offset, tok.kind == "true")
        if tok.kind == "op" and tok.text == "(":
            self.nest(tok)
            node = self.or_()
            self.expect_close(tok)
            self.depth -= 1
            return (node[0], tok.offset, *node[2:])  # errors about it point at its `(`
        if tok.kind == "name":
            if self.peek().kind == "op" and self.peek().text == "(":
                paren = self.take()
                arg = self.peek()
                if arg.kind != "string":
                    raise ExpressionError(
                        arg.offset,
                        f"expected a quoted measure id, e.g. {tok.text}('some_measure'), found {_show(arg)}",
                    )
                self.take()
                if self.peek().kind == "op" and self.peek().text == ",":
                    raise ExpressionError(self.peek().offset, f"`{tok.text}` takes one measure id")
                self.expect_close(paren)
                return ("call", tok.offset, tok.text, arg.text[1:-1], arg.offset + 1)
            return ("name", tok.offset, tok.text)
        if tok.kind == "string":
            raise ExpressionError(
                tok.offset,
                "text is only allowed as the argument of a function such as adopted(...)",
            )
        raise ExpressionError(tok.offset, f"expected a number, a name or `(`, found {_show(tok)}")

    def expect_close(self, opening: _Tok) -> None:
        tok = self.peek()
        if not (tok.kind == "op" and tok.text == ")"):
            raise ExpressionError(
                tok.offset,
                f"expected `)` to close the `(` at {{opening}}, found {_show(tok)}",
                opening=opening.offset,
            )
        self.take()


def _show(tok: _Tok) -> str:
    return "the end of the expression" if tok.kind == "end" else f"`{tok.text}`"


_COMPARE = ("<", "<=", ">", ">=", "==", "!=")


def _divide(a: float, b: float) -> float:
    return a / b if b else 0.0  # a scenario must never crash mid-game on a zero divisor


def _bound(x: float) -> float:
    """`x` held within +-BOUND; an infinite `x` becomes the bound."""
    return BOUND if x > BOUND else -BOUND if x < -BOUND else x


_AST_COMPARE = {
    "<": ast.Lt,
    "<=": ast.LtE,
    ">": ast.Gt,
    ">=": ast.GtE,
    "==": ast.Eq,
    "!=": ast.NotEq,
}
_AST_ARITH = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult}
_SETS = {
    "adopted": "adopted",
    "in_force": "in_force",
    "suspended": "suspended",
    "under_way": "under_way",
}


def _facts_attr(name: str) -> ast.expr:
    return ast.Attribute(ast.Name("f", ast.Load()), name, ast.Load())


class _Number(NamedTuple):
    """A translated number node and the range its value can take."""

    tree: ast.expr
    low: float
    high: float


class _Checker:
    """Checks names and types of the parsed tree and translates it, node by node, into a
    Python expression tree made only of constants, lookups in `Facts`, comparisons,
    boolean and arithmetic operators (division goes through `_divide`, which gives 0 for a zero
    divisor, except by a non-zero constant, which divides directly).

    No value is ever infinite or NaN: the range of every number node is worked out from the
    ranges of what it reads (literals are at most MAX_NUMBER, values at most VALUE_BOUND), and
    a node whose range reaches beyond +-BOUND (a product of large numbers, a division by
    something that can come near zero) is wrapped in `_bound`, which holds it there. Ordinary
    expressions never reach the bound, so they run with no extra step.
    """

    def __init__(self, names: Names):
        self.names = names
        self.used_names: set[str] = set()
        self.used_measures: set[str] = set()

    def build(self, node: Node, want: str) -> ast.expr:
        """The Python tree of `node`, which must be of kind `want` ("condition" or "number")."""
        self._check(node, want)
        if want == "number":
            return self._number(node).tree
        return self._condition(node)

    def _check(self, node: Node, want: str) -> None:
        kind, offset = node[0], node[1]
        if kind == "name" and node[2] not in self.names.values:
            name = node[2]
            if name in FUNCTIONS:
                raise ExpressionError(
                    offset, f"`{name}` needs a measure id, e.g. {name}('some_measure')"
                )
            raise ExpressionError(
                offset, f"unknown name `{name}`{did_you_mean(name, self.names.values)}"
            )
        got = _kind_of(node)
        if got != want:
            what = "a condition (true or false)" if want == "condition" else "a number"
            found = "a condition" if got == "condition" else "a number"
            raise ExpressionError(offset, f"expected {what} here, found {found}")

    def _condition(self, node: Node) -> ast.expr:
        kind, offset = node[0], node[1]
        if kind == "bool":
            return ast.Constant(node[2])
        if kind == "call":
            func, measure, arg_offset = node[2], node[3], node[4]
            if func not in FUNCTIONS:
                raise ExpressionError(
                    offset,
                    f"unknown function `{func}`{did_you_mean(func, FUNCTIONS)}; the functions are {one_of(FUNCTIONS)}",
                )
            if measure not in self.names.measures:
                raise ExpressionError(
                    arg_offset,
                    f"unknown measure `{measure}`{did_you_mean(measure, self.names.measures)}",
                )
            self.used_measures.add(measure)
            return ast.Compare(ast.Constant(measure), [ast.In()], [_facts_attr(_SETS[func])])
        if kind == "not":
            return ast.UnaryOp(ast.Not(), self.build(node[2], "condition"))
        if kind in ("and", "or"):
            op = ast.And() if kind == "and" else ast.Or()
            return ast.BoolOp(
                op, [self.build(node[2], "condition"), self.build(node[3], "condition")]
            )
        if kind == "cmp":
            left, right = self.build(node[3], "number"), self.build(node[4], "number")
            return ast.Compare(left, [_AST_COMPARE[node[2]]()], [right])
        raise AssertionError(kind)  # pragma: no cover - the parser makes no other node

    def _operand(self, node: Node) -> _Number:
        self._check(node, "number")
        return self._number(node)

    def _number(self, node: Node) -> _Number:
        kind = node[0]
        if kind == "num":
            return _Number(ast.Constant(node[2]), node[2], node[2])
        if kind == "name":
            self.used_names.add(node[2])
            # interned, like the engine's indicator names: the lookup then matches by identity
            name = sys.intern(node[2])
            read = ast.Subscript(_facts_attr("values"), ast.Constant(name), ast.Load())
            return _Number(read, -VALUE_BOUND, VALUE_BOUND)
        if kind == "neg":
            a = self._operand(node[2])
            return _Number(ast.UnaryOp(ast.USub(), a.tree), -a.high, -a.low)
        if kind != "arith":  # pragma: no cover - build() checked the kind
            raise AssertionError(kind)
        op, a, b = node[2], self._operand(node[3]), self._operand(node[4])
        if op == "+":
            return _held(ast.BinOp(a.tree, ast.Add(), b.tree), a.low + b.low, a.high + b.high)
        if op == "-":
            return _held(ast.BinOp(a.tree, ast.Sub(), b.tree), a.low - b.high, a.high - b.low)
        ends: tuple[float, ...]
        if op == "*":
            ends = (a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high)
            return _held(ast.BinOp(a.tree, ast.Mult(), b.tree), min(ends), max(ends))
        if isinstance(b.tree, ast.Constant) and b.tree.value:  # a constant, non-zero divisor
            ends = (a.low / b.low, a.high / b.low)
            return _held(ast.BinOp(a.tree, ast.Div(), b.tree), min(ends), max(ends))
        tree = ast.Call(ast.Name("_divide", ast.Load()), [a.tree, b.tree], [])
        if b.low == b.high == 0:  # dividing by zero gives 0
            return _Number(tree, 0.0, 0.0)
        if b.low > 0 or b.high < 0:  # the divisor keeps away from zero
            ends = (a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high)
            return _held(tree, min(ends), max(ends))
        return _held(tree, -math.inf, math.inf)


def _held(tree: ast.expr, low: float, high: float) -> _Number:
    """`tree` as it is when its range stays within +-BOUND, else wrapped in `_bound`."""
    if -BOUND <= low and high <= BOUND:
        return _Number(tree, low, high)
    held = ast.Call(ast.Name("_bound", ast.Load()), [tree], [])
    return _Number(held, max(low, -BOUND), min(high, BOUND))


def _build_function(
    name: str, args: tuple[str, ...], body: list[ast.stmt], filename: str
) -> Callable[..., Any]:
    """Make a Python function from a checked tree, with no builtins in its globals.

    Trees are built by `_Checker` (and `compile_table`) from whitelisted node types only; the
    scenario's text never reaches Python's parser, and neither `eval` nor `exec` is called:
    the function is made directly from the compiled code object.
    """
    definition = ast.FunctionDef(
        name=name,
        args=ast.arguments(
            posonlyargs=[],
            args=[ast.arg(a) for a in args],
            kwonlyargs=[],
            kw_defaults=[],
            defaults=[],
        ),
        body=body,
        decorator_list=[],
    )
    if sys.version_info >= (3, 12):
        definition.type_params = []
    module = ast.fix_missing_locations(ast.Module([definition], type_ignores=[]))
    code = compile(module, filename, "exec")
    function_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(
        function_code, {"__builtins__": {}, "_divide": _divide, "_bound": _bound}
    )


def _function_of(body: ast.expr) -> Compiled:
    """Turn a checked tree into one Python function `(facts) -> value`."""
    return _build_function("_expression", ("f",), [ast.Return(body)], "<scenario expression>")


class _FactsToLocals(ast.NodeTransformer):
    """Rewrites `f.values` / `f.adopted` / ... into local names bound once per call, and
    each value a table reads (`f.values['tension']`) into a local read once per call; the
    values read are collected in `value_locals` (name -> local)."""

    def __init__(self) -> None:
        self.value_locals: dict[str, str] = {}

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id == "f":
            return ast.copy_location(ast.Name("_" + node.attr, ast.Load()), node)
        return self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        target = node.value
        if (
            isinstance(target, ast.Attribute)
            and target.attr == "values"
            and isinstance(target.value, ast.Name)
            and target.value.id == "f"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            name = self.value_locals.setdefault(node.slice.value, f"_v{len(self.value_locals)}")
            return ast.copy_location(ast.Name(name, ast.Load()), node)
        return self.generic_visit(node)


def drawable_weight(value: float) -> float:
    """The weight an event is drawn with when its weight expression gives `value`: nothing
    (it is not drawn) at 0 or below, never more than MAX_WEIGHT, the largest weight a scenario
    can write as a number. `compile_table` inlines this rule."""
    return 0.0 if not value > 0 else min(value, MAX_WEIGHT)


def _at_most_max_weight(weight: ast.expr) -> ast.expr:
    # = min(weight, MAX_WEIGHT) from drawable_weight(); the table's code has no builtins
    return ast.IfExp(
        ast.Compare(weight, [ast.Lt()], [ast.Constant(MAX_WEIGHT)]),
        weight,
        ast.Constant(MAX_WEIGHT),
    )


# compile_table's functions by their rows and groups: a scenario's variants (sensitivity
# analysis builds a rulebook per point, `game.sim.uncertain.scenario_with`) share its
# Expression objects, and so its event deck's table. Expressions hash by identity and the key
# keeps them alive, so a key never matches another scenario's; the functions keep no state.
_TableKey: TypeAlias = tuple[
    tuple[tuple[Expression | None, Expression | float], ...], tuple[str, ...] | None
]
_TABLES: dict[_TableKey, Callable[..., tuple[list[int], list[float]]]] = {}
_MAX_TABLES = 32


def compile_table(
    rows: list[tuple[Expression | None, Expression | float]],
    groups: list[str] | None = None,
) -> Callable[..., tuple[list[int], list[float]]]:
    """Build (or reuse) the function of a table: see `_compile_table`."""
    key = (tuple(rows), tuple(groups) if groups is not None else None)
    found = _TABLES.get(key)
    if found is None:
        if len(_TABLES) >= _MAX_TABLES:
            _TABLES.clear()
        found = _TABLES[key] = _compile_table(rows, groups)
    return found


def _compile_table(
    rows: list[tuple[Expression | None, Expression | float]],
    groups: list[str] | None = None,
) -> Callable[..., tuple[list[int], list[float]]]:
    """One function for a whole table of (condition, weight) rows: returns the indices and the
    weights of the rows whose condition holds and whose weight is positive, as two lists
    (a weight expression's value passes through `drawable_weight`).

    With `groups` (one name per row) the function is `table(facts, boosted, factor)`: the
    weights of the rows in group `boosted` come out multiplied by `factor`.

    The red cell reads its whole event deck every turn; one function with the facts bound to
    locals is several times faster than a call per expression. Built from the same checked
    trees as `Expression`, with the same guarantees (no user text reaches Python's parser).
    """
    # The prologue is this module's own fixed text, never scenario text.
    prologue: list[ast.stmt] = list(
        ast.parse(
            "_values = f.values\n_adopted = f.adopted\n_in_force = f.in_force\n"
            "_suspended = f.suspended\n_under_way = f.under_way\n_rows = []\n_weights = []\n"
            "_row = _rows.append\n_weight = _weights.append"
        ).body
    )
    # One multiplier per group: `factor` for the boosted group, 1.0 (exact) for the others.
    multiplier: dict[str, str] = {}
    boosts: list[ast.stmt] = []
    for group in dict.fromkeys(groups or ()):
        multiplier[group] = name = f"_boost{len(multiplier)}"
        boosts.append(
            ast.Assign(
                [ast.Name(name, ast.Store())],
                ast.IfExp(
                    ast.Compare(ast.Name("boosted", ast.Load()), [ast.Eq()], [ast.Constant(group)]),
                    ast.Name("factor", ast.Load()),
                    ast.Constant(1.0),
                ),
            )
        )

    def boost(index: int, weight: ast.expr) -> ast.expr:
        if groups is None:
            return weight
        return ast.BinOp(weight, ast.Mult(), ast.Name(multiplier[groups[index]], ast.Load()))

    to_locals = _FactsToLocals()
    body: list[ast.stmt] = []

    def keep(index: int, weight: ast.expr) -> list[ast.stmt]:
        return [
            ast.Expr(ast.Call(ast.Name(name, ast.Load()), [value], []))
            for name, value in (("_row", ast.Constant(index)), ("_weight", weight))
        ]

    for index, (condition, weight) in enumerate(rows):
        if isinstance(weight, Expression):
            weight_node = to_locals.visit(copy.deepcopy(weight._tree))  # a float
            block: list[ast.stmt] = [
                ast.Assign([ast.Name("_w", ast.Store())], weight_node),
                ast.If(
                    ast.Compare(ast.Name("_w", ast.Load()), [ast.Gt()], [ast.Constant(0.0)]),
                    keep(index, boost(index, _at_most_max_weight(ast.Name("_w", ast.Load())))),
                    [],
                ),
            ]
        elif float(weight) > 0:
            block = keep(index, boost(index, ast.Constant(float(weight))))
        else:
            continue  # a row that can never be drawn
        if condition is not None:
            test = to_locals.visit(copy.deepcopy(condition._tree))
            body.append(ast.If(test, block, []))
        else:
            body.extend(block)
    body.append(
        ast.Return(
            ast.Tuple([ast.Name("_rows", ast.Load()), ast.Name("_weights", ast.Load())], ast.Load())
        )
    )
    value_reads = [  # every value the table uses, read once
        ast.Assign(
            [ast.Name(local, ast.Store())],
            ast.Subscript(ast.Name("_values", ast.Load()), ast.Constant(name), ast.Load()),
        )
        for name, local in to_locals.value_locals.items()
    ]
    args = ("f", "boosted", "factor") if groups is not None else ("f",)
    return _build_function(
        "_table", args, prologue + value_reads + boosts + body, "<scenario table>"
    )


def _kind_of(node: Node) -> str:
    if node[0] in ("num", "arith", "neg", "name"):
        return "number"
    return "condition"


def compile_expression(text: str, names: Names, kind: str = "condition") -> Expression:
    """Parse, check and compile `text`; raises ExpressionError with the offset of the problem."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(MAX_LENGTH, f"expression is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ExpressionError(0, "expression is empty")
    tree = _Parser(text).parse()
    checker = _Checker(names)
    body = checker.build(tree, kind)
    return Expression(
        text, kind, body, frozenset(checker.used_names), frozenset(checker.used_measures)
    )
