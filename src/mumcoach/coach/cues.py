"""Memory cues for a plan: who may be at a place, and what to remember about each of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mumcoach.coach.people import child_age_now, details, interactions_of
from mumcoach.coach.places import links
from mumcoach.models import Journal, Person, Place

MAX_CUES = 5


@dataclass(frozen=True)
class PersonCue:
    """Memory cues for a plan: who may be there and what to remember about her."""

    person_id: str
    name: str
    child: str | None
    child_age: str | None
    last_seen: date | None
    last_detail: str | None
    follow_up: str | None
    follow_up_due: date | None


def people_for_place(
    journal: Journal, place: Place | None, today: date, *, limit: int = MAX_CUES
) -> list[PersonCue]:
    """Who may be there, most recent tie first: everyone met there (or first met there), anyone
    she planned to see there, and anyone whose follow-up, detail or note names the place; each
    with memory cues."""
    if place is None:
        return []
    seen: dict[str, date] = {}
    latest: dict[str, date] = {}
    for link in links(journal):
        if link.place_id != place.id:
            continue
        latest[link.person_id] = max(latest.get(link.person_id, link.day), link.day)
        if link.kind in ("met", "first-met"):
            seen[link.person_id] = max(seen.get(link.person_id, link.day), link.day)
    here = [p for p in journal.people if p.id in latest]
    here.sort(key=lambda p: latest[p.id], reverse=True)
    return [_cue(journal, p, seen.get(p.id), today) for p in here[:limit]]


def _cue(journal: Journal, person: Person, seen: date | None, today: date) -> PersonCue:
    remembered = details(journal, person)
    pairs = interactions_of(journal, person.id)
    promised = [i for _, i in pairs if i.follow_up]
    open_ = [i for i in promised if i.follow_up_done is None]
    latest = open_[-1] if open_ else None
    return PersonCue(
        person_id=person.id,
        name=person.name,
        child=person.child,
        child_age=child_age_now(person, pairs, today),
        last_seen=seen,
        last_detail=remembered[0][1] if remembered else None,
        follow_up=latest.follow_up if latest else None,
        follow_up_due=latest.follow_up_due if latest else None,
    )
