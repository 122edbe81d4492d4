"""Save a check-in: the record, its interactions, and each person met created or updated."""

from __future__ import annotations

from datetime import datetime

from mumcoach.coach.checkin_draft import CheckInDraft
from mumcoach.coach.people_edit import record_interaction
from mumcoach.models import CheckIn, Interaction, Journal


def apply_checkin(journal: Journal, draft: CheckInDraft, now: datetime) -> CheckIn:
    """Add the check-in and its interactions; create or update each person met."""
    fields = draft.answers.given()
    checkin = CheckIn(
        date=draft.date,
        created_at=now,
        plan_id=draft.plan.id if draft.plan else None,
        flagged=draft.flagged,
        **fields,
    )
    interactions: list[Interaction] = []
    for met in draft.people:
        person = next((p for p in journal.people if p.id == met.person_id), None)
        _, interaction = record_interaction(journal, person, met.answers.given(), today=draft.date)
        interactions.append(interaction)
    checkin.interactions = interactions
    journal.checkins.append(checkin)
    return checkin
