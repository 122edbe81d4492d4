"""Placement: the sample steps onboarding asks about, and where her ratings start her."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mumcoach.coach.past import History
    from mumcoach.content import Content

PLACEMENT_TARGETS = (2, 4, 6, 8)  # difficulties of the sample steps onboarding asks about


def ratings_for_placement(content: Content, not_for_me: Collection[str] = ()) -> list[str]:
    """Sample step ids for onboarding to ask "how hard would this feel, 0–10?".

    For each target difficulty (2, 4, 6, 8) the content step closest to it (ties: the earlier
    step), each step used once, easiest first; steps she has ruled out are never asked about.
    """
    out = {
        s.id
        for s in content.steps
        if set(s.requires) & set(not_for_me) or set(s.settings) <= set(not_for_me)
    }
    picked: list[str] = []
    for target in PLACEMENT_TARGETS:
        choices = [
            (abs(s.difficulty - target), i, s.id)
            for i, s in enumerate(content.steps)
            if s.id not in picked and s.id not in out
        ]
        if choices:
            picked.append(min(choices)[2])
    return picked


def placement_from_ratings(history: History, ratings: dict[str, int]) -> str | None:
    """Where to start, from her 0–10 ratings of the sample steps.

    Walk the rated samples from the easiest up (in her ladder's current order). While each is
    rated "no big deal already" (at most `rules.mastery.max_expected_anxiety`, 3 by default: the
    same bar a mastered step's expected anxiety must clear), the start moves to the first
    available, unmastered step above it. The first sample rated higher stops the walk, so an easy
    rating high up never skips a hard one lower down (start low: Anxiety Canada, science.md §1).
    No easy sample: the easiest available step. None only when every step is "not for me".
    """
    easy_at_most = history.content.rules.mastery.max_expected_anxiety
    available = history.available()
    if not available:
        return None
    by_id = {s.id: s for s in history.ladder}
    samples = sorted((by_id[k] for k in ratings if k in by_id), key=lambda s: s.position)
    floor = 0
    for sample in samples:
        if ratings[sample.id] > easy_at_most:
            break
        floor = sample.position
    if floor == 0:
        return available[0].id
    above = [s for s in available if s.position > floor and not history.mastered(s)]
    return above[0].id if above else available[-1].id
