"""Time intervals, half-open: [start, end). Back-to-back intervals do not clash.

Plain values in, plain values out: the scheduling rules of every feature (slots,
rooms, shifts, interpreters) build on these.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from typing import Generic, TypeVar

T = TypeVar("T", bound=time)


@dataclass(frozen=True, order=True)
class Interval(Generic[T]):
    start: T
    end: T

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("an interval ends after it starts")

    def overlaps(self, other: "Interval[T]") -> bool:
        return self.start < other.end and other.start < self.end


def overlapping_pairs(intervals: Iterable[Interval]) -> list[tuple[Interval, Interval]]:
    """Every pair that overlaps, in start order."""
    ordered = sorted(intervals)
    pairs = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.start >= first.end:
                break
            pairs.append((first, second))
    return pairs
