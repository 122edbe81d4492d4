"""Syncing devices: merge another journal into this one by id; the later change wins."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

from mumcoach.coach.forget import forget_names, forget_person, forgotten_mark
from mumcoach.coach.merge import merge_people
from mumcoach.coach.people_edit import remember_merge
from mumcoach.coach.places import merge_places
from mumcoach.models import Identified, Journal, Stamped
from mumcoach.stamps import nested_lists, own_content

Side = Literal["here", "there"]
AnyRecord = Stamped | Identified


@dataclass(frozen=True)
class Difference:
    """One record that differs between the two journals, and which version was kept."""

    kind: str  # the list it lives in ("checkins", "interactions", …) or "profile" / "ladder"
    record: BaseModel  # the version kept
    parent: BaseModel | None  # the check-in of an interaction, the person of a note
    kept: Side
    here: datetime | None  # when this device's version last changed
    there: datetime | None  # when the other one did


@dataclass
class MergeReport:
    """What an import added, which records differed, and what it left out."""

    added: dict[str, int] = field(default_factory=dict)  # kind -> how many
    differences: list[Difference] = field(default_factory=list)
    forgotten: int = 0  # records about someone forgotten here, left out
    # people forgotten on the other device, forgotten here too: (id, name, names to scrub)
    forgot_here: list[tuple[str, str, list[str]]] = field(default_factory=list)
    merged: int = 0  # people and places merged on one device, folded in again here

    @property
    def taken(self) -> list[Difference]:
        return [d for d in self.differences if d.kept == "there"]

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.taken or self.forgot_here or self.merged)


def merge(journal: Journal, incoming: Journal) -> MergeReport:
    """Bring `incoming` into `journal` (changed in place): the union of both, once.

    Records are matched by id at every depth (a check-in's interactions, a person's notes).
    When both hold a record with different content, the one changed later wins (this device's
    on a tie) and the difference is reported. Nothing is removed, except someone forgotten on
    the other device, who is forgotten here too; nothing forgotten here comes back. Merging
    the same journal twice changes nothing the second time.
    """
    report = MergeReport()
    _forget_as_there(journal, set(incoming.forgotten), report)
    forgotten = set(journal.forgotten)
    if journal.profile is None and incoming.profile is not None:
        journal.profile = incoming.profile.model_copy(deep=True)
        report.added["profile"] = 1
    elif journal.profile is not None and incoming.profile is not None:
        _merge_record(journal.profile, incoming.profile, "profile", None, report, forgotten)
    _merge_record(journal.ladder, incoming.ladder, "ladder", None, report, forgotten)
    _merge_lists(journal, incoming, report, forgotten)
    offered = [d for d in (journal.ucla_offered, incoming.ucla_offered) if d is not None]
    journal.ucla_offered = max(offered) if offered else None
    journal.forgotten = list(dict.fromkeys([*journal.forgotten, *incoming.forgotten]))
    report.merged = apply_merges(journal, incoming.merged, date.today())
    return report


def _forget_as_there(journal: Journal, marks: set[str], report: MergeReport) -> None:
    """Someone forgotten on the other device is forgotten here too, completely."""
    for person in list(journal.people):
        if forgotten_mark(person.id) in marks:
            names = forget_names(journal, person.id)
            forget_person(journal, person.id)
            report.forgot_here.append((person.id, person.name, names))


def _merge_lists(
    here: BaseModel, there: BaseModel, report: MergeReport, forgotten: set[str]
) -> None:
    """Every list of identified records in `there` merged into the same list of `here`."""
    for name in nested_lists(type(here)):
        mine: list[AnyRecord] = getattr(here, name)
        by_id = {r.id: r for r in mine if isinstance(r, Identified)}
        for theirs in getattr(there, name):
            if forgotten_mark(theirs.id) in forgotten or _about_forgotten(theirs, forgotten):
                report.forgotten += 1
            elif theirs.id in by_id:
                _merge_record(by_id[theirs.id], theirs, name, here, report, forgotten)
            else:
                mine.append(_without_forgotten(theirs.model_copy(deep=True), forgotten, report))
                report.added[name] = report.added.get(name, 0) + 1


def _merge_record(
    mine: AnyRecord,
    theirs: AnyRecord,
    kind: str,
    parent: BaseModel | None,
    report: MergeReport,
    forgotten: set[str],
) -> None:
    if mine.updated_at is None and theirs.updated_at is not None:
        _take_own_fields(mine, theirs)  # never saved here (a new device's empty ladder)
        report.added[kind] = report.added.get(kind, 0) + 1
    elif own_content(mine) != own_content(theirs):
        later = _time(theirs.updated_at) > _time(mine.updated_at)
        report.differences.append(
            Difference(
                kind=kind,
                record=theirs if later else mine,
                parent=parent,
                kept="there" if later else "here",
                here=mine.updated_at,
                there=theirs.updated_at,
            )
        )
        if later:
            _take_own_fields(mine, theirs)
    _merge_lists(mine, theirs, report, forgotten)


def _take_own_fields(mine: AnyRecord, theirs: AnyRecord) -> None:
    """`mine` takes `theirs`' own fields and time; its nested records are merged separately."""
    nested = set(nested_lists(type(mine)))
    for name in type(theirs).model_fields:
        if name not in nested:
            setattr(mine, name, _copy(getattr(theirs, name)))
    extra = mine.model_extra
    if extra is not None:
        extra.clear()
        extra.update(copy.deepcopy(theirs.model_extra or {}))


def _about_forgotten(record: BaseModel, forgotten: set[str]) -> bool:
    person_id = getattr(record, "person_id", None)
    return isinstance(person_id, str) and forgotten_mark(person_id) in forgotten


def _without_forgotten(record: AnyRecord, forgotten: set[str], report: MergeReport) -> AnyRecord:
    """A new record (a check-in, say) without the chats with someone forgotten here."""
    for name in nested_lists(type(record)):
        items = getattr(record, name)
        kept = [
            i
            for i in items
            if forgotten_mark(i.id) not in forgotten and not _about_forgotten(i, forgotten)
        ]
        report.forgotten += len(items) - len(kept)
        setattr(record, name, kept)
    return record


def _copy(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_copy(deep=True)
    return copy.deepcopy(value)


def _time(value: datetime | None) -> datetime:
    """Comparable times: none is oldest; a time with a zone becomes local time."""
    if value is None:
        return datetime.min
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def apply_merges(journal: Journal, merged: dict[str, str], today: date) -> int:
    """Fold in again people and places merged on either device that an import brought back."""
    for gone_id, kept_id in merged.items():
        remember_merge(journal, gone_id, kept_id)
    done = 0
    for gone_id, kept_id in journal.merged.items():
        people = {p.id for p in journal.people}
        places = {p.id for p in journal.places}
        if gone_id in people and kept_id in people:
            merge_people(journal, gone_id, kept_id, today)
            done += 1
        elif gone_id in places and kept_id in places:
            merge_places(journal, gone_id, kept_id)
            done += 1
    return done
