"""The ladder's pure core: effective order, progress, mastery, placement and the suggestion.

steps: her effective ladder · progress: attempts, mastery, the working step ·
suggest: the one suggested next step · placement: where onboarding starts her.
"""

from mumcoach.coach.ladder.placement import (
    PLACEMENT_TARGETS,
    placement_from_ratings,
    ratings_for_placement,
)
from mumcoach.coach.ladder.progress import (
    REAL,
    Attempt,
    LadderState,
    Status,
    StepProgress,
    attempts_from,
    ladder_position,
    ladder_state,
    mastered_count,
    progress,
    working_step,
)
from mumcoach.coach.ladder.steps import (
    CUSTOM_SOURCE,
    LadderStep,
    all_steps,
    effective_ladder,
    find_step,
    is_not_for_me,
)
from mumcoach.coach.ladder.suggest import Kind, NothingToSuggest, Suggestion, suggest

__all__ = [
    "CUSTOM_SOURCE",
    "PLACEMENT_TARGETS",
    "REAL",
    "Attempt",
    "Kind",
    "LadderState",
    "LadderStep",
    "NothingToSuggest",
    "Status",
    "StepProgress",
    "Suggestion",
    "all_steps",
    "attempts_from",
    "effective_ladder",
    "find_step",
    "is_not_for_me",
    "ladder_position",
    "ladder_state",
    "mastered_count",
    "placement_from_ratings",
    "progress",
    "ratings_for_placement",
    "suggest",
    "working_step",
]
