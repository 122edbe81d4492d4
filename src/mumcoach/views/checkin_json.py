"""`mumcoach checkin --json`: the saved check-in, its reflection, what the safety screen heard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mumcoach.views.json_out import SuggestionLike, suggestion_data

if TYPE_CHECKING:
    from mumcoach.models import CheckIn


def checkin_json(
    saved: CheckIn,
    safety: str | None,
    reflection: Sequence[str],
    next_step: SuggestionLike | None,
    notes: Sequence[str],
    low_mood: str | None,
) -> dict[str, Any]:
    """The check-in as saved (people by id and name), the reflection, the next step, notes, the
    low-mood signpost, and `safety`: "crisis" (coaching stopped), "check" or None."""
    record = saved.model_dump(mode="json", exclude={"interactions"})
    record["people"] = [{"person_id": i.person_id, "name": i.name} for i in saved.interactions]
    return {
        "safety": safety,
        "checkin": record,
        "reflection": list(reflection),
        "suggestion": suggestion_data(next_step),
        "notes": list(notes),
        "low_mood": low_mood,
    }
