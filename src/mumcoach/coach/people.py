"""People memory: who she is, how far you have come together, what you promised; forgetting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from mumcoach.models import STAGES, CheckIn, Interaction, Journal, Person, Stage

if TYPE_CHECKING:
    from mumcoach.content import Rules

FORGOTTEN = "[forgotten]"
CHAT_MINUTES = 5  # a chat this long (or one with a detail remembered) counts as "chatted"
MAX_CUES = 5

# What a caller may pass to record_interaction (`name` only matters for a new person).
INTERACTION_DATA = frozenset(Interaction.model_fields) - {"id", "person_id"}


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


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_people(people: list[Person], query: str) -> list[Person]:
    """Case-insensitive: exact full-name matches win alone; else prefixes of the name or a word."""
    wanted = _fold(query)
    if not wanted:
        return []
    exact = [p for p in people if _fold(p.name) == wanted]
    if exact:
        return exact
    return [p for p in people if _prefix_match(_fold(p.name), wanted)]


def _prefix_match(name: str, wanted: str) -> bool:
    if name.startswith(wanted):
        return True
    words = re.split(r"[\s\-()/,]+", name)
    return any(word.startswith(wanted) for word in words if word)


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
    """The stage her interactions show: met up > numbers > chatted > names.

    "friend" is never derived: whether she is a friend is the person's own call (`people edit
    --stage friend`). "nodded" is only set by hand too, since a logged person has a name.
    """
    together = [i for _, i in _pairs(journal, person, pairs)]
    if any(i.meetup for i in together):
        return "met-up"
    if any(i.swapped_numbers for i in together):
        return "numbers"
    if any((i.minutes or 0) >= CHAT_MINUTES or i.detail for i in together):
        return "chatted"
    return "names"


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
    count = 0
    for _, interaction in _pairs(journal, person, pairs):
        if interaction.invited_me:
            count = 0
        elif interaction.invited:
            count += 1
    return count


def reciprocity_notes_due(journal: Journal, rules: Rules) -> list[Person]:
    """People whose unreturned invitations reached the threshold and who weren't noted yet."""
    threshold = rules.reciprocity.unreturned_invitations
    index = interaction_index(journal)
    return [
        p
        for p in journal.people
        if not p.reciprocity_noted
        and unreturned_invitations(journal, p, index.get(p.id, [])) >= threshold
    ]


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


def complete_followups(journal: Journal, person_id: str, today: date) -> int:
    """Mark her open follow-ups done today; returns how many."""
    done = 0
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.person_id == person_id and i.follow_up and i.follow_up_done is None:
                i.follow_up_done = today
                done += 1
    return done


# ---- memory cues ------------------------------------------------------------------------------


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


def people_for_place(
    journal: Journal, place_id: str | None, place_name: str | None, *, limit: int = MAX_CUES
) -> list[PersonCue]:
    """People met at this place before, newest contact first, each with memory cues."""
    seen: dict[str, date | None] = {}
    for checkin, person_id in _met_at(journal, place_id, place_name):
        seen[person_id] = max(seen.get(person_id) or checkin.date, checkin.date)
    wanted = _fold(place_name or "")
    for person in journal.people:
        if wanted and person.id not in seen and _fold(person.first_met_where or "") == wanted:
            seen[person.id] = person.first_met
    here = [p for p in journal.people if p.id in seen]
    here.sort(key=lambda p: seen[p.id] or date.min, reverse=True)
    return [_cue(journal, p, seen[p.id]) for p in here[:limit]]


def _met_at(
    journal: Journal, place_id: str | None, place_name: str | None
) -> Iterable[tuple[CheckIn, str]]:
    wanted = _fold(place_name or "")
    plans_here = {p.id for p in journal.plans if place_id and p.place_id == place_id}
    for checkin in journal.checkins:
        planned_here = checkin.plan_id is not None and checkin.plan_id in plans_here
        for i in checkin.interactions:
            if planned_here or (wanted and _fold(i.where or "") == wanted):
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
        child_age=person.child_age,
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


# ---- recording --------------------------------------------------------------------------------


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
        person.child_age = age
    if person.first_met is None:
        person.first_met = today
        person.first_met_where = person.first_met_where or fields.get("where")


# ---- forgetting -------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that describe rather than name ("Tom's mum", "Mum from swimming"): never scrubbed alone.
DESCRIPTIVE = _words(
    "mum mom mummy mommy mam mama dad daddy papa parent from with at in the of and who lady "
    "woman man girl guy friend neighbour neighbor nanny nan granny grandma grandad auntie "
    "aunt uncle baby babies twins mrs mr ms miss dr"
)
# Keys whose strings are structure (ids, choices, who someone is), never free text to scrub.
STRUCTURAL = _words(
    "id name child child_age age setting settings region not_for_me tried fear_came_true "
    "started_by stage start_step ratings schema_version recurring"
)
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Terms:
    """What to scrub for one forgotten person: full names and single name words."""

    phrases: frozenset[str]
    words: frozenset[str]
    descriptive: bool


def _split_words(name: str) -> list[str]:
    parts = re.split(r"[\s\-()/,.;:&+\"]+", name)
    return [POSSESSIVE.sub("", p).strip("'’") for p in parts if p]


def name_terms(name: str) -> Terms:
    """The phrase itself, plus the words that look like names.

    A name with capitals keeps only its capitalised words ("Sarah (Tom's mum)" → Sarah, Tom);
    one typed all in lower case keeps every word. Describing words (mum, from, …) never count.
    """
    phrase = " ".join(name.split())
    has_caps = any(c.isupper() for c in phrase)
    words = [
        w
        for w in _split_words(phrase)
        if len(w) >= 2 and w.casefold() not in DESCRIPTIVE and (w[0].isupper() or not has_caps)
    ]
    descriptive = any(w.casefold() in DESCRIPTIVE for w in _split_words(phrase))
    return Terms(
        phrases=frozenset({phrase.casefold()} if phrase else set()),
        words=frozenset(w.casefold() for w in words),
        descriptive=descriptive,
    )


def forget_names(journal: Journal, person_id: str) -> list[str]:
    """Every name and child's name the journal holds for her (current and as logged)."""
    names: list[str] = []
    person = person_by_id(journal, person_id)
    if person is not None:
        names += [person.name, person.child or ""]
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.person_id == person_id:
                names += [i.name, i.child or ""]
    return [n for n in dict.fromkeys(names) if n.strip()]


def _protected(journal: Journal, person_id: str) -> set[str]:
    """Names that belong to someone else: the user, her children, other people and theirs."""
    names: list[str | None] = []
    if journal.profile is not None:
        names.append(journal.profile.name)
        names += [c.name for c in journal.profile.children]
    for p in journal.people:
        if p.id != person_id:
            names += [p.name, p.child]
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.person_id != person_id:
                names += [i.name, i.child]
    out: set[str] = set()
    for name in names:
        if name:
            terms = name_terms(name)
            out |= terms.phrases | terms.words
    return out


def _place_words(journal: Journal) -> set[str]:
    return {w.casefold() for place in journal.places for w in _split_words(place.name)}


def scrub_pattern(
    journal: Journal, person_id: str, extra_names: Iterable[str] = ()
) -> re.Pattern[str] | None:
    """A whole-word, case-insensitive pattern for her names, or None if nothing may be scrubbed.

    Names shared with someone else still in the journal (or the user's own children) are kept,
    since a mention may be about them. A describing name ("Mum from Hartbeeps") keeps the words
    it shares with the user's own places.
    """
    protected = _protected(journal, person_id)
    places = _place_words(journal)
    targets: set[str] = set()
    for name in [*forget_names(journal, person_id), *extra_names]:
        terms = name_terms(name)
        words = terms.words - places if terms.descriptive else terms.words
        targets |= (terms.phrases | words) - protected
    targets.discard("")
    if not targets:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def forget_person(journal: Journal, person_id: str, *, extra_names: Iterable[str] = ()) -> int:
    """Remove her, every interaction with her, and every mention of her name; count the records.

    `extra_names` adds names to scrub (used on backups, which may predate a rename). A place
    named after her ("Sarah's house") is scrubbed too; names that belong to someone else are not.
    """
    pattern = scrub_pattern(journal, person_id, extra_names)
    changed = len(journal.people)
    journal.people = [p for p in journal.people if p.id != person_id]
    changed -= len(journal.people)
    for checkin in journal.checkins:
        kept = [i for i in checkin.interactions if i.person_id != person_id]
        if len(kept) != len(checkin.interactions):
            changed += len(checkin.interactions) - len(kept)
            checkin.interactions = kept
    scrub = _Scrubber(pattern, person_id)
    changed += scrub.record(journal)
    for place in journal.places:  # names are structural elsewhere, but a place may carry hers
        renamed = pattern.sub(FORGOTTEN, place.name) if pattern else place.name
        if renamed != place.name:
            place.name = renamed
            changed += 1
    return changed


@dataclass(frozen=True)
class _Scrubber:
    """Walks records and plain JSON values, replacing her names in free text."""

    pattern: re.Pattern[str] | None
    person_id: str

    def record(self, record: BaseModel, skip: frozenset[str] = frozenset()) -> int:
        """Scrub `record` and the records inside it; returns how many records changed."""
        values = {k: getattr(record, k) for k in type(record).model_fields}
        values.update(record.model_extra or {})
        changed = nested = 0
        for key, value in values.items():
            if key in skip or _structural(key):
                continue
            if isinstance(value, BaseModel):
                nested += self.record(value)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                nested += sum(self.record(v) for v in value if isinstance(v, BaseModel))
            else:
                new = self.value(value, key)
                if new != value:
                    setattr(record, key, new)
                    changed = 1
        return changed + nested

    def value(self, value: Any, key: str = "") -> Any:
        """Scrub plain data (strings, lists, dicts); a list of ids (`…_ids`) loses her id."""
        if isinstance(value, str):
            return self.pattern.sub(FORGOTTEN, value) if self.pattern else value
        if isinstance(value, list):
            if key.endswith("_ids"):
                return [v for v in value if v != self.person_id]
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: v if _structural(k) else self.value(v, k) for k, v in value.items()}
        return value


def _structural(key: str) -> bool:
    return key in STRUCTURAL or key.endswith("_id")
