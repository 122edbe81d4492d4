"""People memory: who she is, how far you have come together, what you promised."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mumcoach.coach.ages import age_today
from mumcoach.coach.matching import Found, find
from mumcoach.coach.stages import looks_like_name, stage_of, unreturned
from mumcoach.models import STAGES, CheckIn, Interaction, Journal, Person, Stage

if TYPE_CHECKING:
    from mumcoach.content import Rules

SHORT_ID = 4  # characters of a follow-up's id shown to her


# ---- small records handed to views, flows and --json ------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """Something you said you'd do for or with her, not done yet."""

    person_id: str
    name: str
    text: str
    due: date | None
    overdue: bool
    interaction_id: str

    @property
    def short_id(self) -> str:
        """The id shown on her card and accepted by `people done NAME ID`."""
        return self.interaction_id[:SHORT_ID]


@dataclass(frozen=True)
class PersonRow:
    """One line of `mumcoach people`."""

    id: str
    name: str
    child: str | None
    child_age: str | None
    stage: Stage
    stage_set_by_hand: bool
    last_contact: date | None
    hours_together: float
    invitations_made: int
    invitations_received: int
    open_followups: tuple[FollowUp, ...]


@dataclass(frozen=True)
class PersonCard:
    """Everything `mumcoach people show` tells about one person."""

    row: PersonRow
    derived_stage: Stage
    first_met: date | None
    first_met_where: str | None
    unreturned_invitations: int
    details: tuple[tuple[date, str], ...]
    interactions: tuple[tuple[date, Interaction], ...]


# ---- finding ----------------------------------------------------------------------------------


def match_people(
    people: list[Person], query: str, children: dict[str, set[str]] | None = None
) -> Found[Person]:
    """Her id, her name (any case or accents), "Isla's mum", the start of a name, a near spelling.

    `children` adds the other children's names logged with each person (see `children_of`).
    """
    more = children or {}
    return find(
        people,
        query,
        names=lambda p: [p.name],
        ident=lambda p: p.id,
        children=lambda p: [p.child or "", *more.get(p.id, ())],
    )


def children_of(journal: Journal) -> dict[str, set[str]]:
    """Every child's name logged with each person (she may have more than one child)."""
    found: dict[str, set[str]] = {}
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.child:
                found.setdefault(i.person_id, set()).add(i.child)
    return found


def person_by_id(journal: Journal, person_id: str) -> Person | None:
    return next((p for p in journal.people if p.id == person_id), None)


# ---- what happened together -------------------------------------------------------------------


def _in_order(journal: Journal) -> list[CheckIn]:
    return sorted(journal.checkins, key=lambda c: (c.date, c.created_at))


Together = list[tuple[CheckIn, Interaction]]


def interaction_index(journal: Journal) -> dict[str, Together]:
    """Every person's interactions, oldest first, in one pass (for summaries of everyone)."""
    index: dict[str, Together] = {}
    for checkin in _in_order(journal):
        for interaction in checkin.interactions:
            index.setdefault(interaction.person_id, []).append((checkin, interaction))
    return index


def interactions_of(journal: Journal, person_id: str) -> Together:
    """Every logged interaction with her, oldest first."""
    return [
        (checkin, interaction)
        for checkin in _in_order(journal)
        for interaction in checkin.interactions
        if interaction.person_id == person_id
    ]


def derived_stage(journal: Journal, person: Person, pairs: Together | None = None) -> Stage:
    """The stage her interactions show: met up > numbers > chatted > names > nodded.

    "friend" is never derived: whether she is a friend is the person's own call (`people edit
    --stage friend`). Someone only ever logged by a description has "nodded", until her card
    is given a name.
    """
    by_name: Stage = "names" if looks_like_name(person.name) else "nodded"
    found = stage_of((i for _, i in _pairs(journal, person, pairs)), default=by_name)
    return by_name if found == "nodded" else found


def _pairs(journal: Journal, person: Person, pairs: Together | None) -> Together:
    """Her interactions: precomputed by a caller summarising everyone, else looked up."""
    return interactions_of(journal, person.id) if pairs is None else pairs


def stage(journal: Journal, person: Person, pairs: Together | None = None) -> Stage:
    """The effective stage: set by hand if it was, else derived."""
    return person.stage or derived_stage(journal, person, pairs)


def hours_together(journal: Journal, person: Person, pairs: Together | None = None) -> float:
    minutes = sum(i.minutes or 0 for _, i in _pairs(journal, person, pairs))
    return minutes / 60


def invitations(journal: Journal, person: Person, pairs: Together | None = None) -> tuple[int, int]:
    """(invitations I made to her, invitations she made to me)."""
    together = [i for _, i in _pairs(journal, person, pairs)]
    return sum(i.invited for i in together), sum(i.invited_me for i in together)


def unreturned_invitations(journal: Journal, person: Person, pairs: Together | None = None) -> int:
    """Invitations I made since the last one she made to me.

    An interaction where she invited me counts as returned, even if I invited her then too.
    """
    return unreturned(i for _, i in _pairs(journal, person, pairs))


def reciprocity_notes_due(journal: Journal, rules: Rules) -> list[Person]:
    """People whose unreturned invitations reached the threshold and who weren't noted yet."""
    return [person for person, _ in reciprocity_counts_due(journal, rules)]


def reciprocity_counts_due(journal: Journal, rules: Rules) -> list[tuple[Person, int]]:
    """`reciprocity_notes_due`, each with her unreturned invitations, from one pass."""
    threshold = rules.reciprocity.unreturned_invitations
    index = interaction_index(journal)
    counts = (
        (p, unreturned_invitations(journal, p, index.get(p.id, [])))
        for p in journal.people
        if not p.reciprocity_noted
    )
    return [(person, count) for person, count in counts if count >= threshold]


def mark_reciprocity_noted(journal: Journal, person_ids: Iterable[str]) -> None:
    """Remember the note was shown (it is shown again only after she invites back, then 3 more)."""
    wanted = set(person_ids)
    for person in journal.people:
        if person.id in wanted:
            person.reciprocity_noted = True


# ---- follow-ups -------------------------------------------------------------------------------


def open_followups(journal: Journal, today: date) -> list[FollowUp]:
    """Follow-ups not done yet, soonest due first (undated ones last)."""
    names = {p.id: p.name for p in journal.people}
    found = [
        FollowUp(
            person_id=i.person_id,
            name=names.get(i.person_id, i.name),
            text=i.follow_up,
            due=i.follow_up_due,
            overdue=i.follow_up_due is not None and i.follow_up_due < today,
            interaction_id=i.id,
        )
        for checkin in _in_order(journal)
        for i in checkin.interactions
        if i.follow_up and i.follow_up_done is None
    ]
    return sorted(found, key=lambda f: (f.due is None, f.due or today))


# ---- memory ----------------------------------------------------------------------------------


def last_contact(journal: Journal, person: Person, pairs: Together | None = None) -> date | None:
    """The latest day you logged time with her, else when you first met."""
    together = _pairs(journal, person, pairs)
    return together[-1][0].date if together else person.first_met


def details(journal: Journal, person: Person) -> list[tuple[date, str]]:
    """What you remember about her — interaction details and notes — newest first."""
    found: list[tuple[date, str]] = [
        (checkin.date, i.detail) for checkin, i in interactions_of(journal, person.id) if i.detail
    ]
    found += [(note.date, note.text) for note in person.notes]
    found.sort(key=lambda item: item[0], reverse=True)  # stable: later entries of a day stay later
    return found


def child_age_now(person: Person, pairs: Together, today: date) -> str | None:
    """Her child's age today, grown from the day it was given (older records: when logged)."""
    as_of = person.child_age_as_of
    if as_of is None and person.child_age:
        logged = [c.date for c, i in pairs if i.child_age == person.child_age]
        as_of = logged[-1] if logged else person.created
    return age_today(person.child_age, as_of, today)


# ---- summaries for the people commands --------------------------------------------------------


def person_row(
    journal: Journal,
    person: Person,
    today: date,
    *,
    pairs: Together | None = None,
    followups: list[FollowUp] | None = None,
) -> PersonRow:
    """One person's summary; `pairs` and `followups` let a caller summarising everyone
    compute the shared lookups once instead of once per person."""
    pairs = _pairs(journal, person, pairs)
    made, received = invitations(journal, person, pairs)
    followups = open_followups(journal, today) if followups is None else followups
    due = tuple(f for f in followups if f.person_id == person.id)
    return PersonRow(
        id=person.id,
        name=person.name,
        child=person.child,
        child_age=child_age_now(person, pairs, today),
        stage=stage(journal, person, pairs),
        stage_set_by_hand=person.stage is not None,
        last_contact=last_contact(journal, person, pairs),
        hours_together=hours_together(journal, person, pairs),
        invitations_made=made,
        invitations_received=received,
        open_followups=due,
    )


def people_rows(journal: Journal, today: date) -> list[PersonRow]:
    """Everyone, by stage (nodded → friend), then by name."""
    index = interaction_index(journal)
    followups = open_followups(journal, today)
    rows = [
        person_row(journal, p, today, pairs=index.get(p.id, []), followups=followups)
        for p in journal.people
    ]
    return sorted(rows, key=lambda r: (STAGES.index(r.stage), r.name.casefold()))


def person_card(journal: Journal, person: Person, today: date) -> PersonCard:
    return PersonCard(
        row=person_row(journal, person, today),
        derived_stage=derived_stage(journal, person),
        first_met=person.first_met,
        first_met_where=person.first_met_where,
        unreturned_invitations=unreturned_invitations(journal, person),
        details=tuple(details(journal, person)),
        interactions=tuple((c.date, i) for c, i in interactions_of(journal, person.id)),
    )
