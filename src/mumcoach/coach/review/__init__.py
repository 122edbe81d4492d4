"""The weekly review: its data (types), numbers (stats, people_week), loneliness check, build."""

from __future__ import annotations

from mumcoach.coach.review.build import MAX_DAYS, build_review
from mumcoach.coach.review.loneliness import (
    UCLA_ITEMS,
    loneliness_trend,
    parse_ucla,
    record_ucla,
    ucla_due,
)
from mumcoach.coach.review.stats import mean, streak, window
from mumcoach.coach.review.types import (
    Day,
    DueFollowUp,
    Experiments,
    Focus,
    Funnel,
    LonelinessPoint,
    Moved,
    PeopleWeek,
    StepChart,
    StepCounts,
    Unreturned,
    WeeklyReview,
)

__all__ = [
    "MAX_DAYS",
    "UCLA_ITEMS",
    "Day",
    "DueFollowUp",
    "Experiments",
    "Focus",
    "Funnel",
    "LonelinessPoint",
    "Moved",
    "PeopleWeek",
    "StepChart",
    "StepCounts",
    "Unreturned",
    "WeeklyReview",
    "build_review",
    "loneliness_trend",
    "mean",
    "parse_ucla",
    "record_ucla",
    "streak",
    "ucla_due",
    "window",
]
