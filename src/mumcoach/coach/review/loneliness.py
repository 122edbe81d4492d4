"""The optional UCLA 3-item loneliness check: parse, when it is due, record, and the trend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from mumcoach.coach.review.types import LonelinessPoint
from mumcoach.errors import BadInput
from mumcoach.models import Journal, Loneliness

UCLA_ITEMS = 3


def loneliness_trend(entries: Iterable[Loneliness], end: date) -> tuple[LonelinessPoint, ...]:
    """Every UCLA 3-item check up to `end`, oldest first: totals 3–9 (higher = lonelier)."""
    kept = sorted((e for e in entries if e.date <= end), key=lambda e: e.date)
    return tuple(LonelinessPoint(e.date, tuple(e.answers), sum(e.answers)) for e in kept)


def parse_ucla(text: str) -> list[int]:
    """'2,1,3' -> [2, 1, 3]; anything else is a one-line BadInput."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != UCLA_ITEMS or not all(p in {"1", "2", "3"} for p in parts):
        raise BadInput(
            "ucla (--ucla) must be three answers from 1 to 3, like --ucla 2,1,3 "
            "(1 hardly ever, 2 some of the time, 3 often)."
        )
    return [int(p) for p in parts]


def ucla_due(journal: Journal, today: date, min_days_between: int) -> bool:
    """True when the check was neither done nor offered in the last `min_days_between` days."""
    last = [e.date for e in journal.loneliness if e.date <= today]
    if journal.ucla_offered is not None and journal.ucla_offered <= today:
        last.append(journal.ucla_offered)
    return not last or (today - max(last)).days >= min_days_between


def record_ucla(journal: Journal, today: date, answers: Sequence[int] | None) -> Journal:
    """Save today's answers (replacing today's earlier ones) and note the offer; returns journal."""
    if answers is not None:
        same_day = next((e for e in journal.loneliness if e.date == today), None)
        if same_day is not None:
            same_day.answers = list(answers)
        else:
            journal.loneliness.append(Loneliness(date=today, answers=list(answers)))
    journal.ucla_offered = today
    return journal
