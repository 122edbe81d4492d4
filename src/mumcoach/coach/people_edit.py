"""Changes to the people memory: a chat logged, someone added, edited or noted, follow-ups done."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from mumcoach.coach.people import person_by_id
from mumcoach.errors import BadInput
from mumcoach.models import Interaction, Journal, Note, Person

# What a caller may pass to record_interaction (`name` only matters for a new person).
INTERACTION_DATA = frozenset(Interaction.model_fields) - {"id", "person_id"}


def record_interaction(
    journal: Journal, person: Person | None, data: dict[str, Any], *, today: date
) -> tuple[Person, Interaction]:
    """Find or create the person in `journal`, update what's newly known, build the Interaction.

    `person` may come from an earlier load of the journal: she is matched by id, never added twice.
    A child's age is updated when given; her child's name is only filled in when none was known
    (a different name is kept on the interaction — she may have more than one child).
    The caller appends the returned Interaction to its CheckIn.
    """
    unknown = set(data) - INTERACTION_DATA
    if unknown:
        raise ValueError(f"record_interaction: unknown field(s) {', '.join(sorted(unknown))}")
    fields = {k: v for k, v in data.items() if v is not None}
    target = _resolve_person(journal, person, fields, today)
    _update_known(target, fields, today)
    interaction = Interaction(person_id=target.id, name=target.name, **fields)
    if interaction.invited_me:
        target.reciprocity_noted = False
    return target, interaction


def _resolve_person(
    journal: Journal, person: Person | None, fields: dict[str, Any], today: date
) -> Person:
    if person is not None:
        known = person_by_id(journal, person.id)
        if known is not None:
            return known
        journal.people.append(person)
        return person
    name = str(fields.pop("name", "") or "").strip()
    if not name:
        raise ValueError("record_interaction: a new person needs a name")
    created = Person(
        name=name,
        child=fields.get("child"),
        child_age=fields.get("child_age"),
        child_age_as_of=today if fields.get("child_age") else None,
        created=today,
        first_met=today,
        first_met_where=fields.get("where"),
    )
    journal.people.append(created)
    return created


def _update_known(person: Person, fields: dict[str, Any], today: date) -> None:
    fields.pop("name", None)
    child, age = fields.get("child"), fields.get("child_age")
    same_child = child is None or (person.child or "").casefold() == child.casefold()
    if child and not person.child:
        person.child = child
        same_child = True
    if age and same_child:
        person.child_age, person.child_age_as_of = age, today
    if person.first_met is None:
        person.first_met = today
        person.first_met_where = person.first_met_where or fields.get("where")


def complete_followups(
    journal: Journal, person_id: str, today: date, ids: Collection[str] | None = None
) -> int:
    """Mark her open follow-ups done today (only those with `ids`, if given); returns how many."""
    done = 0
    for checkin in journal.checkins:
        for i in checkin.interactions:
            wanted = ids is None or i.id in ids
            if i.person_id == person_id and i.follow_up and i.follow_up_done is None and wanted:
                i.follow_up_done = today
                done += 1
    return done


def known_person(journal: Journal, person_id: str) -> Person:
    """Her record in a freshly loaded journal (another run may have forgotten her meanwhile)."""
    person = person_by_id(journal, person_id)
    if person is None:
        raise BadInput("That person is no longer in your journal (changed by another run).")
    return person


def add_person(
    journal: Journal,
    *,
    name: str,
    child: str | None,
    child_age: str | None,
    first_met: date,
    where: str | None,
    detail: str | None,
    today: date,
) -> Person:
    """Add someone met by hand; a detail becomes her first note."""
    person = Person(
        name=name,
        child=child,
        child_age=child_age,
        child_age_as_of=today if child_age else None,
        created=today,
        first_met=first_met,
        first_met_where=where,
        notes=[Note(date=today, text=detail)] if detail else [],
    )
    journal.people.append(person)
    return person


def edit_person(journal: Journal, person_id: str, changes: dict[str, Any], today: date) -> Person:
    """Change her name, child, child's age or stage (None clears one)."""
    person = known_person(journal, person_id)
    for key, value in changes.items():
        setattr(person, key, value)
    if "child_age" in changes:
        person.child_age_as_of = today if changes["child_age"] else None
    return person


def add_note(journal: Journal, person_id: str, text: str, today: date) -> Person:
    """Remember something about her."""
    person = known_person(journal, person_id)
    person.notes = [*person.notes, Note(date=today, text=text)]
    return person


def remember_merge(journal: Journal, gone_id: str, kept_id: str) -> None:
    """Note that `gone_id` is now `kept_id` (and so is anything that had become `gone_id`)."""
    merged = {old: (kept_id if new == gone_id else new) for old, new in journal.merged.items()}
    merged[gone_id] = kept_id
    journal.merged = merged
