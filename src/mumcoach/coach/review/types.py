"""The weekly review as plain, frozen data (named tuples): what `mumcoach review` shows."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from mumcoach.models import Stage


class StepCounts(NamedTuple):
    """Plans dated in the window, by what the linked check-in said."""

    planned: int = 0
    tried: int = 0
    partly: int = 0
    not_tried: int = 0


class Experiments(NamedTuple):
    """Behavioural experiments: predictions put to the test, and how the fear turned out."""

    tested: int = 0
    feared_happened: int = 0
    feared_partly: int = 0
    feared_not_happened: int = 0
    mean_expected_anxiety: float | None = None
    mean_actual_anxiety: float | None = None
    pairs: int = 0  # tested experiments with both anxiety numbers (what the means average)


class StepChart(NamedTuple):
    """One step's experiments in the window: expected vs actual anxiety."""

    step_id: str
    title: str
    planned: int
    tested: int
    pairs: int
    mean_expected_anxiety: float | None
    mean_actual_anxiety: float | None


class Funnel(NamedTuple):
    names_learned: int = 0
    chats: int = 0
    numbers_swapped: int = 0
    meetups: int = 0


class Moved(NamedTuple):
    """Someone whose stage went up during the window."""

    person_id: str
    name: str
    before: Stage
    after: Stage


class DueFollowUp(NamedTuple):
    """A follow-up still open at the window end and due by then."""

    person_id: str
    name: str
    text: str
    due: date
    overdue: bool  # due before the window end


class Unreturned(NamedTuple):
    """Someone with at least the threshold of unreturned invitations at the window end."""

    person_id: str
    name: str
    invitations: int  # invitations made and not returned yet


class PeopleWeek(NamedTuple):
    new: tuple[str, ...] = ()  # names of people first met in the window
    moved: tuple[Moved, ...] = ()
    connected: int = 0  # different people logged in the window
    hours_together: float = 0.0
    reciprocity: tuple[Unreturned, ...] = ()


class Day(NamedTuple):
    """One day of the window: mean mood (1–5) and energy (0–10) of its check-ins, or None."""

    date: date
    mood: float | None
    energy: float | None


class LonelinessPoint(NamedTuple):
    date: date
    answers: tuple[int, ...]
    total: int


class Focus(NamedTuple):
    """The one suggested step for next week, with its reason, and the place it is worded for
    (where she has been going), if any."""

    step_id: str
    title: str
    reason: str
    kind: str
    easier_step_id: str | None
    place: str | None = None


class WeeklyReview(NamedTuple):
    """Everything `mumcoach review` shows, for the window start..end (both days included)."""

    start: date
    end: date
    days: int
    headline: str
    checkins: int
    streak_days: int
    steps: StepCounts
    ladder_start: int
    ladder_end: int
    ladder_steps: int
    experiments: Experiments
    per_step: tuple[StepChart, ...]
    liking_gap_mean: float | None
    liking_gap_count: int
    funnel: Funnel
    followups: tuple[DueFollowUp, ...]
    people: PeopleWeek
    daily: tuple[Day, ...]
    loneliness: tuple[LonelinessPoint, ...]
    focus: Focus | None
    signpost: bool
    region: str

    @property
    def empty(self) -> bool:
        """Nothing logged in the window: no check-in, no plan, nobody new."""
        return not (self.checkins or self.steps.planned or self.people.new)
