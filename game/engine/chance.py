"""Seeded randomness: one numpy PCG64 generator per stream, read in blocks for speed.

A game has two independent streams spawned from its seed: `world` (gray-zone draws) and
`ai` (AI tie-breaking). Keeping them apart means a replay that feeds back recorded AI
decisions, without asking the AI again, still draws the same world.

The streams are exactly `PCG64(SeedSequence(seed).spawn(2)[k])`. Most of the time numpy takes
to build that generator goes into `SeedSequence.generate_state` (its argument handling, not
its arithmetic), which costs more than a turn of play when Monte Carlo starts a game every
millisecond or so. So the four seeding words are worked out here from the sequence's entropy
pool with the same hash (eight 32-bit multiplications) and handed to PCG64. A test compares
the numbers with numpy's for many seeds.
"""

from __future__ import annotations

import copy

import numpy as np
import numpy.typing as npt
from numpy.random.bit_generator import ISeedSequence

_BLOCK = 64

# numpy/random/bit_generator.pyx, SeedSequence.generate_state: a hash constant starts at
# INIT_B; for each output word it is xored into a pool word, multiplied by MULT_B and the
# result multiplied by it (all arithmetic on uint32).
_M32 = 0xFFFFFFFF
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_hash = [_INIT_B]
for _ in range(8):
    _hash.append(_hash[-1] * _MULT_B & _M32)
_OUTPUT = tuple((i % 4, _hash[i], _hash[i + 1]) for i in range(8))


def seeding_words(pool: list[int]) -> list[int]:
    """`seed_sequence.generate_state(4, np.uint64)` as ints, from the sequence's 4-word pool."""
    words = []
    for i, xor, mult in _OUTPUT:
        value = ((pool[i] ^ xor) * mult) & _M32
        words.append(value ^ (value >> 16))
    return [words[i] | words[i + 1] << 32 for i in (0, 2, 4, 6)]  # little-endian pairs


class _Seeding(ISeedSequence):
    """Gives PCG64 its seeding words, already worked out (PCG64 asks for four uint64)."""

    __slots__ = ("words",)

    def __init__(self, words: list[int]):
        self.words = words

    def generate_state(
        self, n_words: int, dtype: npt.DTypeLike = np.uint32
    ) -> npt.NDArray[np.uint64]:
        if n_words != 4 or dtype is not np.uint64:
            raise ValueError("only PCG64's request (4 words of uint64) is supported")
        return np.array(self.words, dtype=np.uint64)


class Stream:
    """Uniform floats in [0, 1) from a seeded numpy Generator, fetched 64 at a time."""

    __slots__ = ("_generator", "_buffer")

    def __init__(self, seed_sequence: np.random.SeedSequence):
        seeding = _Seeding(seeding_words(seed_sequence.pool.tolist()))
        # PCG64 takes any object with generate_state; numpy's stubs name only SeedSequence
        self._generator = np.random.Generator(np.random.PCG64(seeding))  # type: ignore[arg-type]
        self._buffer: list[float] = []

    def uniform(self) -> float:
        try:
            return self._buffer.pop()
        except IndexError:
            # reversed so that pop() hands them out in the generator's order
            self._buffer = self._generator.random(_BLOCK).tolist()[::-1]
            return self._buffer.pop()

    def copy(self) -> Stream:
        """An independent stream that draws from here on exactly what this one draws."""
        twin = Stream.__new__(Stream)
        twin._generator = copy.deepcopy(self._generator)
        twin._buffer = list(self._buffer)
        return twin


def assumptions_stream(seed: int) -> Stream:
    """The stream a game draws its uncertain amounts from (the scenario's ranges): a third
    child of the seed, so drawing them never changes the world's or the AI's draws."""
    return Stream(np.random.SeedSequence(seed, spawn_key=(2,)))


def assumptions_draws(seed: int, count: int) -> list[float]:
    """The first `count` numbers of `assumptions_stream(seed)`, in one call to the generator
    (each double takes one step of PCG64, so one call gives what blocks of 64 give)."""
    draws: list[float] = assumptions_stream(seed)._generator.random(count).tolist()
    return draws


def streams(seed: int) -> tuple[Stream, Stream]:
    """The (world, ai) streams of a game with this seed."""
    # The same children `SeedSequence(seed).spawn(2)` would give, built directly (spawn is slow).
    world = np.random.SeedSequence(seed, spawn_key=(0,))
    ai = np.random.SeedSequence(seed, spawn_key=(1,))
    return Stream(world), Stream(ai)
