"""Her profile from onboarding's answers (or a quiet default), saved without losing anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from mumcoach.coach.ladder import placement_from_ratings
from mumcoach.coach.past import build_history
from mumcoach.models import Child, Journal, Profile

if TYPE_CHECKING:
    from mumcoach.content import Content


@dataclass
class Onboarding:
    """Everything onboarding collected; applied to the journal in one save."""

    name: str | None
    region: str
    children: list[Child]
    not_for_me: list[str]
    goal: str | None
    ratings: dict[str, int] = field(default_factory=dict)
    start_step: str | None = None


def apply_onboarding(journal: Journal, answers: Onboarding, content: Content, today: date) -> None:
    """Write onboarding into the journal, keeping everything that was there."""
    if journal.profile is None:
        journal.profile = Profile(created=today)
    else:
        journal.profile.updated = today
    profile = journal.profile
    profile.name = answers.name
    profile.region = answers.region  # type: ignore[assignment]
    profile.children = answers.children
    profile.not_for_me = answers.not_for_me  # type: ignore[assignment]
    profile.goal = answers.goal
    journal.ladder.ratings = {**journal.ladder.ratings, **answers.ratings}
    if answers.start_step:
        journal.ladder.start_step = answers.start_step
    elif answers.ratings:
        journal.ladder.start_step = placement_from_ratings(
            build_history(content, journal), answers.ratings
        )


def default_profile(journal: Journal, today: date) -> None:
    """A quiet minimal profile for scripted first runs that skipped onboarding."""
    if journal.profile is None:
        journal.profile = Profile(created=today)
