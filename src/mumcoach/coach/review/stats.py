"""The review's step, experiment and mood numbers: small pure functions over the journal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mumcoach.coach.past import Attempt
from mumcoach.coach.review.types import Day, Experiments, StepChart, StepCounts
from mumcoach.models import CheckIn

if TYPE_CHECKING:
    from mumcoach.coach.past import History


def window(end: date, days: int) -> tuple[date, date]:
    """The first and last day of a window of `days` days ending on `end`."""
    return end - timedelta(days=days - 1), end


def mean(values: Sequence[float]) -> float | None:
    """The mean rounded to 1 dp, or None for nothing to average."""
    return round(sum(values) / len(values), 1) if values else None


def streak(checkin_days: set[date], end: date) -> int:
    """Consecutive days with a check-in ending on `end`; if `end` has none yet, ending the day
    before (the evening check-in may still come), so the streak isn't broken before bedtime."""
    day = end if end in checkin_days else end - timedelta(days=1)
    count = 0
    while day in checkin_days:
        count += 1
        day -= timedelta(days=1)
    return count


def latest_run(ordered: Sequence[CheckIn]) -> set[date]:
    """The days of her latest run of check-ins on days in a row (`ordered`: oldest first): all
    a streak can count, read from the end rather than from a journal of years."""
    days: set[date] = set()
    earliest: date | None = None
    for c in reversed(ordered):
        if earliest is not None and c.date < earliest - timedelta(days=1):
            break
        earliest = c.date
        days.add(earliest)
    return days


# ---- steps and experiments ------------------------------------------------------------------


def step_counts(attempts: Iterable[Attempt]) -> StepCounts:
    planned = tried = partly = no = 0
    for a in attempts:
        planned += 1
        tried += a.tried == "yes"
        partly += a.tried == "partly"
        no += a.tried == "no"
    return StepCounts(planned=planned, tried=tried, partly=partly, not_tried=no)


def experiments(attempts: Iterable[Attempt]) -> Experiments:
    """Tested = a plan whose check-in answered "did the feared outcome happen?"; the anxiety
    means cover tested experiments with both the expected and the actual number."""
    tested = [a for a in attempts if a.fear_came_true is not None]
    pairs = [a for a in tested if a.expected_anxiety is not None and a.actual_anxiety is not None]
    expected = [a.expected_anxiety for a in pairs if a.expected_anxiety is not None]
    actual = [a.actual_anxiety for a in pairs if a.actual_anxiety is not None]
    return Experiments(
        tested=len(tested),
        feared_happened=sum(a.fear_came_true == "yes" for a in tested),
        feared_partly=sum(a.fear_came_true == "partly" for a in tested),
        feared_not_happened=sum(a.fear_came_true == "no" for a in tested),
        mean_expected_anxiety=mean(expected),
        mean_actual_anxiety=mean(actual),
        pairs=len(pairs),
    )


def per_step(
    attempts: Sequence[Attempt], titles: dict[str, tuple[int, str]]
) -> tuple[StepChart, ...]:
    """Each step planned in the window, in ladder order, with its own expected vs actual."""
    by_step: dict[str, list[Attempt]] = {}
    for a in attempts:
        by_step.setdefault(a.step_id, []).append(a)
    charts = []
    for step_id, group in by_step.items():
        result = experiments(group)
        charts.append(
            StepChart(
                step_id=step_id,
                title=titles.get(step_id, (0, step_id))[1],
                planned=len(group),
                tested=result.tested,
                pairs=result.pairs,
                mean_expected_anxiety=result.mean_expected_anxiety,
                mean_actual_anxiety=result.mean_actual_anxiety,
            )
        )
    return tuple(sorted(charts, key=lambda c: titles.get(c.step_id, (10**6, ""))[0]))


def step_titles(history: History) -> dict[str, tuple[int, str]]:
    """step id -> (ladder position, title), half-steps and custom steps included."""
    return {step.id: (step.position, step.title) for step in history.steps.values()}


def daily(ordered: Sequence[CheckIn], start: date, days: int) -> tuple[Day, ...]:
    """Every day of the window with its mean mood and energy; None where nothing was logged."""
    moods: dict[date, list[int]] = {}
    energy: dict[date, list[int]] = {}
    for c in ordered:
        if c.date >= start:
            if c.mood is not None:
                moods.setdefault(c.date, []).append(c.mood)
            if c.energy is not None:
                energy.setdefault(c.date, []).append(c.energy)
    out = []
    for n in range(days):
        day = start + timedelta(days=n)
        out.append(Day(day, mean(moods.get(day, [])), mean(energy.get(day, []))))
    return tuple(out)
