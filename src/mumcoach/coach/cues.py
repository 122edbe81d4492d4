"""Memory cues for a plan: who may be at a place, and what to remember about each of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mumcoach.coach.people import details, fold, interactions_of
from mumcoach.models import CheckIn, Journal, Person

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
    journal: Journal, place_id: str | None, place_name: str | None, *, limit: int = MAX_CUES
) -> list[PersonCue]:
    """People met at this place before, newest contact first, each with memory cues."""
    seen: dict[str, date | None] = {}
    for checkin, person_id in _met_at(journal, place_id, place_name):
        seen[person_id] = max(seen.get(person_id) or checkin.date, checkin.date)
    wanted = fold(place_name or "")
    for person in journal.people:
        if wanted and person.id not in seen and fold(person.first_met_where or "") == wanted:
            seen[person.id] = person.first_met
    here = [p for p in journal.people if p.id in seen]
    here.sort(key=lambda p: seen[p.id] or date.min, reverse=True)
    return [_cue(journal, p, seen[p.id]) for p in here[:limit]]


def _met_at(
    journal: Journal, place_id: str | None, place_name: str | None
) -> Iterable[tuple[CheckIn, str]]:
    wanted = fold(place_name or "")
    plans_here = {p.id for p in journal.plans if place_id and p.place_id == place_id}
    for checkin in journal.checkins:
        planned_here = checkin.plan_id is not None and checkin.plan_id in plans_here
        for i in checkin.interactions:
            if planned_here or (wanted and fold(i.where or "") == wanted):
                yield checkin, i.person_id


def _cue(journal: Journal, person: Person, seen: date | None) -> PersonCue:
    remembered = details(journal, person)
    promised = [i for _, i in interactions_of(journal, person.id) if i.follow_up]
    open_ = [i for i in promised if i.follow_up_done is None]
    latest = open_[-1] if open_ else None
    return PersonCue(
        person_id=person.id,
        name=person.name,
        child=person.child,
        child_age=person.child_age,
        last_seen=seen,
        last_detail=remembered[0][1] if remembered else None,
        follow_up=latest.follow_up if latest else None,
        follow_up_due=latest.follow_up_due if latest else None,
    )
