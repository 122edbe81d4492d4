"""Places: finding the one she means, who she has met there, tidying names, merging two into one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from mumcoach.coach.matching import Found, find, norm
from mumcoach.coach.people_edit import remember_merge
from mumcoach.errors import BadInput
from mumcoach.models import Journal, Place, Schedule
from mumcoach.schedule import schedule_of, split_name
from mumcoach.vocab import Setting

WORD = re.compile(r"[\w']+")
MIN_MENTION = 4  # a place's name must be this long to be looked for inside free text


def place_names(place: Place) -> list[str]:
    """Every name she may use for it: the name, the name without its schedule, older names."""
    core, _ = split_name(place.name, place.created)
    return list(dict.fromkeys([place.name, core, *place.aliases]))


def place_schedule(place: Place, today: date) -> Schedule | None:
    """When it happens: its schedule, else one read from its `recurring` text or its name
    ("Hartbeeps, Tuesdays 10:00")."""
    return schedule_of(place, today) or split_name(place.name, place.created)[1]


def match_places(places: list[Place], query: str) -> Found[Place]:
    """By id, whole name (any case or accents, 'the' or not), start of a word, near spelling."""
    return find(places, query, names=place_names, ident=lambda p: p.id)


def place_by_id(journal: Journal, place_id: str | None) -> Place | None:
    return next((p for p in journal.places if p.id == place_id), None)


def known_place(journal: Journal, place_id: str) -> Place:
    """Its record in a freshly loaded journal (another run may have merged it meanwhile)."""
    place = place_by_id(journal, place_id)
    if place is None:
        raise BadInput("That place is no longer in your journal (changed by another run).")
    return place


def place_of_text(places: list[Place], text: str | None) -> Place | None:
    """The one place a 'where' answer ("hartbeeps", "the school gate") surely names, if any."""
    return match_places(places, text).one if text and text.strip() else None


def mentioned_places(places: list[Place], text: str | None) -> list[Place]:
    """Places named inside free text ("Go to the St Mark's group on Thursday")."""
    return _Finder(places).mentioned(text)


def _plain(text: str) -> str:
    """Normalised words only: "St Mark's, Thursdays" → "st mark's thursdays"."""
    return " ".join(WORD.findall(norm(text)))


# ---- who she has met there --------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One reason to think she may be at a place, with the day it comes from."""

    person_id: str
    place_id: str
    day: date
    kind: str  # "met" (logged there), "first-met", "planned" (to see her there), "mentioned"


class _Finder:
    """Place lookups for one pass over a journal: each 'where' answer matched once."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.known: dict[str, Place | None] = {}
        self.keys = [
            (place, {k for k in (_plain(n) for n in place_names(place)) if len(k) >= MIN_MENTION})
            for place in places
        ]

    def where(self, text: str | None) -> Place | None:
        if not text or not text.strip():
            return None
        if text not in self.known:
            self.known[text] = place_of_text(self.places, text)
        return self.known[text]

    def mentioned(self, text: str | None) -> list[Place]:
        if not text:
            return []
        said = f" {_plain(text)} "
        return [place for place, keys in self.keys if any(f" {k} " in said for k in keys)]


def links(journal: Journal) -> Iterator[Link]:
    """Every tie between a person and a place the journal holds, in no particular order."""
    find = _Finder(journal.places)
    plan_place = {p.id: p.place_id for p in journal.plans if p.place_id}
    for checkin in journal.checkins:
        planned = plan_place.get(checkin.plan_id or "")
        for i in checkin.interactions:
            at = find.where(i.where) if i.where else place_by_id(journal, planned)
            if at is not None:
                yield Link(i.person_id, at.id, checkin.date, "met")
            for text in (i.follow_up, i.detail):
                for place in find.mentioned(text):
                    yield Link(i.person_id, place.id, i.follow_up_due or checkin.date, "mentioned")
    for plan in journal.plans:
        for person_id in plan.person_ids:
            if plan.place_id:
                yield Link(person_id, plan.place_id, plan.date, "planned")
    for person in journal.people:
        first = find.where(person.first_met_where)
        if first is not None:
            yield Link(person.id, first.id, person.first_met or person.created, "first-met")
        for note in person.notes:
            for place in find.mentioned(note.text):
                yield Link(person.id, place.id, note.date, "mentioned")


def people_by_place(journal: Journal, kinds: Iterable[str] | None = None) -> dict[str, list[str]]:
    """For every place, the ids of people tied to it, most recent tie first (one pass)."""
    wanted = set(kinds) if kinds is not None else None
    latest: dict[str, dict[str, date]] = {}
    for link in links(journal):
        if wanted is None or link.kind in wanted:
            here = latest.setdefault(link.place_id, {})
            here[link.person_id] = max(here.get(link.person_id, link.day), link.day)
    known = {p.id for p in journal.people}
    return {
        place_id: sorted((p for p in here if p in known), key=lambda p: here[p], reverse=True)
        for place_id, here in latest.items()
    }


def people_at(journal: Journal, place_id: str, kinds: Iterable[str] | None = None) -> list[str]:
    """Ids of people tied to the place, most recent tie first."""
    return people_by_place(journal, kinds).get(place_id, [])


# ---- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceRow:
    """One line of `mumcoach places`."""

    id: str
    name: str
    setting: Setting | None
    schedule: str | None
    seen: tuple[str, ...]  # names of people met there, most recent first
    plans: int
    last_planned: date | None


def place_rows(journal: Journal, today: date) -> list[PlaceRow]:
    """Every place, most recently planned first, then by name."""
    from mumcoach.schedule import describe

    names = {p.id: p.name for p in journal.people}
    met = people_by_place(journal, kinds=("met", "first-met"))
    rows = []
    for place in journal.places:
        planned = [p.date for p in journal.plans if p.place_id == place.id]
        schedule = place_schedule(place, today)
        seen = met.get(place.id, [])
        rows.append(
            PlaceRow(
                id=place.id,
                name=place.name,
                setting=place.setting,
                schedule=describe(schedule) if schedule else place.recurring,
                seen=tuple(names[pid] for pid in seen),
                plans=len(planned),
                last_planned=max(planned, default=None),
            )
        )
    return sorted(rows, key=lambda r: (-(r.last_planned or date.min).toordinal(), norm(r.name)))


# ---- tidying ----------------------------------------------------------------------------------


def edit_place(journal: Journal, place_id: str, changes: dict[str, Any]) -> Place:
    """Rename it (the old name is kept so older check-ins still point here), set or clear fields."""
    place = known_place(journal, place_id)
    new_name = changes.get("name")
    if new_name and norm(new_name) != norm(place.name):
        place.aliases = _aliases(place, [place.name], new_name)
    for key, value in changes.items():
        setattr(place, key, value)
    return place


@dataclass(frozen=True)
class PlaceMergePlan:
    """What merging `gone` into `kept` will do, shown to her first."""

    gone: Place
    kept: Place
    plans: int
    people: int
    gains: tuple[tuple[str, str], ...]


def plan_place_merge(journal: Journal, gone_id: str, kept_id: str, today: date) -> PlaceMergePlan:
    """Count what moves and what the kept place gains; changes nothing."""
    from mumcoach.schedule import describe

    gone, kept = known_place(journal, gone_id), known_place(journal, kept_id)
    gains: list[tuple[str, str]] = []
    if gone.setting and not kept.setting:
        gains.append(("setting", gone.setting))
    gone_schedule = place_schedule(gone, today)
    if gone_schedule and place_schedule(kept, today) is None:
        gains.append(("schedule", describe(gone_schedule)))
    return PlaceMergePlan(
        gone=gone,
        kept=kept,
        plans=plans_at(journal, gone_id),
        people=len(people_at(journal, gone_id)),
        gains=tuple(gains),
    )


def merge_places(journal: Journal, gone_id: str, kept_id: str) -> Place:
    """Plans at `gone` move to `kept`; its names become `kept`'s older names; richer fields win."""
    gone, kept = known_place(journal, gone_id), known_place(journal, kept_id)
    kept.setting = kept.setting or gone.setting
    if kept.schedule is None and not kept.recurring:
        kept.schedule, kept.recurring = gone.schedule, gone.recurring
    kept.created = min(kept.created, gone.created)
    kept.aliases = _aliases(kept, [gone.name, *gone.aliases], kept.name)
    for plan in journal.plans:
        if plan.place_id == gone_id:
            plan.place_id = kept_id
    journal.places = [p for p in journal.places if p.id != gone_id]
    remember_merge(journal, gone_id, kept_id)
    return kept


def _aliases(place: Place, more: list[str], name: str) -> list[str]:
    return [a for a in dict.fromkeys([*place.aliases, *more]) if norm(a) != norm(name)]


def plans_at(journal: Journal, place_id: str) -> int:
    return sum(1 for p in journal.plans if p.place_id == place_id)
