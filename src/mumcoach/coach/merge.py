"""Merging two cards for one person: everything moves to the kept card, the richer fields win."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from mumcoach.coach.matching import norm
from mumcoach.coach.people_edit import known_person, remember_merge
from mumcoach.models import STAGES, Journal, Note, Person


@dataclass(frozen=True)
class MergePlan:
    """What merging `gone` into `kept` will do, shown to her before it is done."""

    gone: Person
    kept: Person
    chats: int
    notes: int
    followups: int
    invitations: int
    links: int  # other records that point at her (plans to see her, …)
    gains: tuple[tuple[str, str], ...]  # (what, value) the kept card takes from the gone one
    keeps_name_as_note: bool


def _richer(kept: Person, gone: Person) -> dict[str, Any]:
    """Fields of the merged card: kept's where she has them, else gone's; the widest history."""
    fields: dict[str, Any] = {}
    if not kept.child and gone.child:
        fields["child"] = gone.child
    same_child = not kept.child or not gone.child or norm(kept.child) == norm(gone.child)
    newer_age = (gone.child_age_as_of or gone.created) > (kept.child_age_as_of or kept.created)
    if gone.child_age and same_child and (not kept.child_age or newer_age):
        fields["child_age"] = gone.child_age
        fields["child_age_as_of"] = gone.child_age_as_of or gone.created
    if gone.first_met and (kept.first_met is None or gone.first_met < kept.first_met):
        fields["first_met"] = gone.first_met
        fields["first_met_where"] = gone.first_met_where or kept.first_met_where
    elif not kept.first_met_where and gone.first_met_where:
        fields["first_met_where"] = gone.first_met_where
    if gone.created < kept.created:
        fields["created"] = gone.created
    if gone.stage and (not kept.stage or STAGES.index(gone.stage) > STAGES.index(kept.stage)):
        fields["stage"] = gone.stage
    return fields


GAIN_LABELS = {
    "child": "child",
    "child_age": "child's age",
    "first_met": "first met",
    "first_met_where": "where you first met",
    "stage": "stage set by you",
}


def plan_merge(journal: Journal, gone_id: str, kept_id: str) -> MergePlan:
    """Count what moves and which fields the kept card gains; changes nothing."""
    gone, kept = known_person(journal, gone_id), known_person(journal, kept_id)
    hers = [i for c in journal.checkins for i in c.interactions if i.person_id == gone_id]
    gains = tuple(
        (GAIN_LABELS[k], v.isoformat() if isinstance(v, date) else str(v))
        for k, v in _richer(kept, gone).items()
        if k in GAIN_LABELS and v is not None
    )
    return MergePlan(
        gone=gone,
        kept=kept,
        chats=len(hers),
        notes=len(gone.notes),
        followups=sum(1 for i in hers if i.follow_up and i.follow_up_done is None),
        invitations=sum(i.invited + i.invited_me for i in hers),
        links=_Relink(gone_id, kept_id, dry=True).record(journal) - len(hers),
        gains=gains,
        keeps_name_as_note=norm(gone.name) != norm(kept.name),
    )


def merge_people(journal: Journal, gone_id: str, kept_id: str, today: date) -> Person:
    """Move every interaction, note, follow-up, invitation and link from `gone` to `kept`."""
    gone, kept = known_person(journal, gone_id), known_person(journal, kept_id)
    for key, value in _richer(kept, gone).items():
        setattr(kept, key, value)
    notes = list({n.id: n for n in [*kept.notes, *gone.notes]}.values())  # once each
    said = {n.text for n in notes}
    for text in (
        f"Also logged as “{gone.name}” (merged)." if norm(gone.name) != norm(kept.name) else "",
        f"Also logged with a child called {gone.child}."
        if gone.child and kept.child and norm(gone.child) != norm(kept.child)
        else "",
    ):
        if text and text not in said:
            notes.append(Note(date=today, text=text))
    kept.notes = sorted(notes, key=lambda n: n.date)
    kept.reciprocity_noted = kept.reciprocity_noted and gone.reciprocity_noted
    for key, value in (gone.model_extra or {}).items():
        if key not in (kept.model_extra or {}):
            setattr(kept, key, value)
    journal.people = [p for p in journal.people if p.id != gone_id]
    _Relink(gone_id, kept_id, dry=False).record(journal)
    remember_merge(journal, gone_id, kept_id)
    return kept


@dataclass(frozen=True)
class _Relink:
    """Points every `…_id` equal to `old` (and `old` in every `…_ids` list) at `new`."""

    old: str
    new: str
    dry: bool

    def record(self, record: BaseModel) -> int:
        values = {k: getattr(record, k) for k in type(record).model_fields}
        values.update(record.model_extra or {})
        changed = 0
        for key, value in values.items():
            if isinstance(value, BaseModel):
                changed += self.record(value)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                changed += sum(self.record(v) for v in value if isinstance(v, BaseModel))
            elif key.endswith("_id") and value == self.old:
                changed += 1
                if not self.dry:
                    setattr(record, key, self.new)
            elif key.endswith("_ids") and isinstance(value, list) and self.old in value:
                changed += 1
                if not self.dry:
                    moved = (self.new if v == self.old else v for v in value)
                    setattr(record, key, list(dict.fromkeys(moved)))
        return changed
