"""Seeded randomness: one numpy Generator per stream, read in blocks for speed.

A game has two independent streams spawned from its seed: `world` (gray-zone draws) and
`ai` (AI tie-breaking). Keeping them apart means a replay that feeds back recorded AI
decisions, without asking the AI again, still draws the same world.
"""

from __future__ import annotations

import numpy as np

_BLOCK = 64


class Stream:
    """Uniform floats in [0, 1) from a seeded numpy Generator, fetched 64 at a time."""

    __slots__ = ("_generator", "_buffer")

    def __init__(self, seed_sequence: np.random.SeedSequence):
        self._generator = np.random.Generator(np.random.PCG64(seed_sequence))
        self._buffer: list[float] = []

    def uniform(self) -> float:
        try:
            return self._buffer.pop()
        except IndexError:
            # reversed so that pop() hands them out in the generator's order
            self._buffer = self._generator.random(_BLOCK).tolist()[::-1]
            return self._buffer.pop()


def streams(seed: int) -> tuple[Stream, Stream]:
    """The (world, ai) streams of a game with this seed."""
    # The same children `SeedSequence(seed).spawn(2)` would give, built directly (spawn is slow).
    world = np.random.SeedSequence(seed, spawn_key=(0,))
    ai = np.random.SeedSequence(seed, spawn_key=(1,))
    return Stream(world), Stream(ai)
