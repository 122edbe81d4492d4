"""Exhaustive fault tests try a sample by default; MUMCOACH_EXHAUSTIVE=1 tries every case.

The sample is the cases that matter most (structural boundaries, first and last) plus a few
random others. The random part is seeded: MUMCOACH_SEED picks another sample, and a failure
names the seed so it can be run again.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

EXHAUSTIVE = os.environ.get("MUMCOACH_EXHAUSTIVE", "") not in ("", "0")
SEED = int(os.environ.get("MUMCOACH_SEED", "20261121"))


def sample(cases: Sequence[T], *, keep: Iterable[int] = (), extra: int = 0) -> list[T]:
    """Every case when exhaustive; otherwise the cases at the `keep` indexes (out-of-range
    ones ignored) and `extra` others picked at random, in their original order."""
    if EXHAUSTIVE:
        return list(cases)
    chosen = {i for i in keep if 0 <= i < len(cases)}
    rest = [i for i in range(len(cases)) if i not in chosen]
    chosen |= set(random.Random(SEED).sample(rest, min(extra, len(rest))))
    return [cases[i] for i in sorted(chosen)]


def where(case: object) -> str:
    """A failure message naming the case and how to run the same sample again."""
    return f"{case} (MUMCOACH_SEED={SEED}; MUMCOACH_EXHAUSTIVE=1 tries every case)"
