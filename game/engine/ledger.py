"""Reading the ledger: why each indicator moved, grouped by cause."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.state import Cause, LedgerEntry

if TYPE_CHECKING:
    from game.engine.rulebook import Rulebook


@dataclass(frozen=True)
class Movement:
    """An indicator's net change over some entries, and the causes that add up to it."""

    indicator: str
    total: float
    causes: tuple[tuple[str, float], ...]  # (label, amount), largest first
    absorbed: float  # losses that resilience absorbed
    keys: tuple[tuple[str, str], ...] = ()  # (cause kind, source id) of each cause, same order


def movements(
    entries: Iterable[LedgerEntry], skip_start: bool = True, book: Rulebook | None = None
) -> dict[str, Movement]:
    """Net change of every indicator touched by `entries`, with its causes in order of size.

    A cause is one (kind, source): the same event over several turns adds up, while two
    facilitator adjustments with different reasons stay apart. With `book`, each cause is
    labelled now, in the current language, by `Rulebook.cause_label` (the one wording of
    a cause); without it, by the label the ledger recorded when it happened.
    """
    by_indicator: dict[str, dict[tuple[str, str, str], float]] = {}
    labels: dict[tuple[str, tuple[str, str, str]], str] = {}
    absorbed: dict[str, float] = {}
    for e in entries:
        if skip_start and e.cause == "start":
            continue
        causes = by_indicator.setdefault(e.indicator, {})
        # a facilitator's reason is part of the cause; any other label is only its wording
        key = (str(e.cause), e.source_id, e.label if e.cause == Cause.FACILITATOR else "")
        causes[key] = causes.get(key, 0.0) + e.amount
        labels.setdefault((e.indicator, key), e.label)
        absorbed[e.indicator] = absorbed.get(e.indicator, 0.0) + e.mitigated
    out = {}
    for indicator, causes in by_indicator.items():
        ranked = sorted(
            ((key, round(v, 1)) for key, v in causes.items() if round(v, 1) != 0),
            key=lambda item: -abs(item[1]),
        )
        out[indicator] = Movement(
            indicator,
            round(sum(causes.values()), 1),
            tuple(
                (_label(book, key, indicator, labels[indicator, key]), amount)
                for key, amount in ranked
            ),
            round(absorbed[indicator], 1),
            tuple(key[:2] for key, _ in ranked),
        )
    return out


def _label(book: Rulebook | None, key: tuple[str, str, str], indicator: str, recorded: str) -> str:
    """A cause's label: `Rulebook.cause_label`'s, or as recorded without a book. A
    facilitator's adjustment keeps the label recorded: it holds the facilitator's own words."""
    cause, source_id, _reason = key
    if book is None or cause == Cause.FACILITATOR:
        return recorded
    return book.cause_label(cause, source_id, indicator, recorded)


def indicator_history(entries: Iterable[LedgerEntry], turns_played: int) -> dict[str, list[float]]:
    """Each indicator's value at the start (index 0) and after each turn (index t), from the ledger alone."""
    per_turn: dict[str, list[float]] = {}
    for e in entries:
        series = per_turn.setdefault(e.indicator, [0.0] * (turns_played + 1))
        for t in range(e.turn, turns_played + 1):
            series[t] += e.amount
    return {k: [round(v, 1) for v in series] for k, series in per_turn.items()}
