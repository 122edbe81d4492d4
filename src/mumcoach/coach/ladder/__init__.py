"""The ladder's pure core: effective order, progress, evidence, placement and the suggestion.

steps: her effective ladder · progress: status, mastery, the working step · evidence: what
her logs show done · suggest: the one suggested next step · placement: where onboarding starts
her. Each reads a `History` built once per command (mumcoach.coach.past).
"""

from mumcoach.coach.ladder.placement import (
    PLACEMENT_TARGETS,
    placement_from_ratings,
    ratings_for_placement,
)
from mumcoach.coach.ladder.progress import (
    StepProgress,
    ladder_position,
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
    plan_step_titles,
)
from mumcoach.coach.ladder.suggest import (
    Kind,
    NothingToSuggest,
    Suggestion,
    easier_options,
    suggest,
)
from mumcoach.coach.past import Attempt, History, Status, attempts_from, build_history
from mumcoach.vocab import REAL

__all__ = [
    "CUSTOM_SOURCE",
    "PLACEMENT_TARGETS",
    "REAL",
    "Attempt",
    "History",
    "Kind",
    "LadderStep",
    "NothingToSuggest",
    "Status",
    "StepProgress",
    "Suggestion",
    "all_steps",
    "attempts_from",
    "build_history",
    "easier_options",
    "effective_ladder",
    "find_step",
    "is_not_for_me",
    "ladder_position",
    "mastered_count",
    "placement_from_ratings",
    "plan_step_titles",
    "progress",
    "ratings_for_placement",
    "suggest",
    "working_step",
]
