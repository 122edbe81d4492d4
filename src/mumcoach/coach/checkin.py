"""Save a check-in: the record, its interactions, and each person met created or updated."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mumcoach.coach.checkin_draft import CheckInDraft
from mumcoach.coach.people import mark_reciprocity_noted, reciprocity_counts_due
from mumcoach.coach.people_edit import record_interaction
from mumcoach.coach.profile import default_profile
from mumcoach.coach.safety import Signpost, child_names, flagged, low_mood_signpost
from mumcoach.models import CheckIn, Interaction, Journal

if TYPE_CHECKING:
    from mumcoach.content import Content


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


def save_checkin(
    journal: Journal,
    draft: CheckInDraft,
    content: Content,
    now: datetime,
    today: date,
    *,
    crisis: bool = False,
) -> tuple[CheckIn, list[str], Signpost | None]:
    """Everything one check-in save changes: the check-in and its people, any reciprocity note
    (worded, and marked as said), and the low-mood signpost (once per low spell; not after a
    crisis stop, whose screen says more)."""
    default_profile(journal, today)
    draft.flagged = flagged(draft.texts(), content.safety, child_names(journal))
    saved = apply_checkin(journal, draft, now)
    due = reciprocity_counts_due(journal, content.rules)
    notes = [content.say("reciprocity.note", name=p.name, count=count) for p, count in due]
    mark_reciprocity_noted(journal, [p.id for p, _ in due])
    signpost = None if crisis else low_mood_signpost(journal, today, content.rules.low_mood)
    return saved, notes, signpost
