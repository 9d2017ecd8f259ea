"""The amounts one game plays with: the scenario's numbers, with every amount the scenario gives
as a range drawn for this game from the seed.

A range is drawn uniformly, to tenths, from a stream of the seed's own (`assumptions_draws`),
so the same seed draws the same values and the world's and the AI's draws are untouched. The
tables are built once per game and never change during it; a game without ranges shares the
scenario's own tables (`Rulebook.scenario_effects`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.engine.chance import assumptions_draws
from game.engine.rulebook import Changes, RangedEffect
from game.engine.values import tenth

if TYPE_CHECKING:
    from game.engine.rulebook import Rulebook


def drawn_in_range(low: float, high: float, uniform: float) -> float:
    """The value a range takes for a uniform draw in [0, 1): to tenths, half up."""
    return tenth(low + (high - low) * uniform)


def drawn_in_ranges(low: np.ndarray, span: np.ndarray, uniforms: list[float]) -> list[float]:
    """`drawn_in_range` for many ranges at once (`span` is high - low): the same arithmetic
    on float64 arrays, so the same numbers (a test compares them)."""
    drawn: list[float] = (np.floor((low + span * np.asarray(uniforms)) * 10 + 0.5) / 10).tolist()
    return drawn


class GameEffects:
    """Per measure, event and inject id (and per campaign stage, and the drift), the changes
    this game applies. `drawn` lists every ranged amount with the value this game drew."""

    __slots__ = (
        "on_adopt",
        "in_force",
        "reaction",
        "hit",
        "inject",
        "campaign",
        "drift",
        "drawn",
        "_campaign_index",
    )

    on_adopt: dict[str, Changes]
    in_force: dict[str, Changes]
    reaction: dict[str, Changes]
    hit: dict[str, Changes]
    inject: dict[str, Changes]
    campaign: tuple[Changes, ...]  # by stage, as book.campaign
    drift: Changes
    drawn: tuple[tuple[RangedEffect, float], ...]

    @classmethod
    def of(cls, book: Rulebook, seed: int) -> GameEffects:
        """The amounts of a game of `book` with `seed`."""
        if not book.ranged:
            return book.scenario_effects
        uniforms = assumptions_draws(seed, len(book.ranged))
        values = drawn_in_ranges(book.ranged_low, book.ranged_span, uniforms)
        return cls(book, tuple(zip(book.ranged, values, strict=True)))

    def __init__(self, book: Rulebook, drawn: tuple[tuple[RangedEffect, float], ...]):
        self.drawn = drawn
        self.on_adopt = {m.id: m.on_adopt for m in book.measures}
        self.in_force = {m.id: m.in_force for m in book.measures}
        self.reaction = {m.id: m.reaction for m in book.measures}
        self.inject = {i.id: i.effects for i in book.injects}
        self.hit = {e.id: e.hit for e in book.events}
        campaign = [changes for _turn, _stage, changes in book.campaign]
        drift = book.drift
        # Each effect with ranges is rebuilt once, with every drawn value in its place.
        tables = {
            "on_adopt": self.on_adopt,
            "in_force": self.in_force,
            "reaction": self.reaction,
            "inject": self.inject,
            "hit": self.hit,
        }
        for (kind, owner), slots in book.ranged_slots.items() if drawn else ():
            if kind == "campaign":
                before = campaign[int(owner)]
            elif kind == "drift":
                before = drift
            else:
                before = tables[kind][owner]
            changes = list(before)
            for position, index in slots:
                changes[position] = (changes[position][0], drawn[index][1])
            after = tuple(changes)
            if kind == "campaign":
                campaign[int(owner)] = after
            elif kind == "drift":
                drift = after
            else:
                tables[kind][owner] = after
        self.campaign = tuple(campaign)
        self.drift = drift
        self._campaign_index = book.campaign_index

    def campaign_changes(self, turn: int) -> Changes:
        """What the red cell's campaign does on `turn` in this game."""
        index = self._campaign_index(turn)
        return () if index is None else self.campaign[index]
