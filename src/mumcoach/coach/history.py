"""What changed between two versions of the journal, record by record (for `undo`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel

from mumcoach.models import Journal
from mumcoach.stamps import Key, own_content, stamped_records


@dataclass(frozen=True)
class Touched:
    """One record, where it lives ("checkins", "notes", …) and the record it sits in."""

    kind: str
    record: BaseModel
    parent: BaseModel | None


@dataclass
class Changes:
    """How `after` differs from `before`: records it added, changed and removed."""

    added: list[Touched] = field(default_factory=list)
    changed: list[Touched] = field(default_factory=list)
    removed: list[Touched] = field(default_factory=list)
    other: bool = False  # something outside the records (e.g. when UCLA was last offered)
    forgot: bool = False  # `after` forgot someone `before` had not

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.other)


def changes_between(before: Journal, after: Journal) -> Changes:
    """The records `after` added, changed and removed compared with `before`.

    A record inside one that was added or removed (an interaction of a new check-in) is not
    listed again. Times alone (`updated_at`) are not a change.
    """
    old = dict(stamped_records(before))
    new = dict(stamped_records(after))
    out = Changes(forgot=bool(set(after.forgotten) - set(before.forgotten)))
    for key, record in new.items():
        if key not in old:
            if not _inside(key, old, new):
                out.added.append(_touched(key, record, new))
        elif own_content(old[key]) != own_content(record):
            out.changed.append(_touched(key, record, new))
    for key, record in old.items():
        if key not in new and not _inside(key, new, old):
            out.removed.append(_touched(key, record, old))
    out.other = _rest(before) != _rest(after)
    return out


def _inside(key: Key, other: Mapping[Key, BaseModel], same: Mapping[Key, BaseModel]) -> bool:
    """True when `key`'s parent record is itself missing from `other` (listed instead)."""
    parent = key[:-2]
    return len(key) > 2 and parent in same and parent not in other


def _touched(key: Key, record: BaseModel, records: Mapping[Key, BaseModel]) -> Touched:
    kind = key[-2] if len(key) >= 2 else key[0]
    parent = records.get(key[:-2]) if len(key) > 2 else None
    return Touched(kind=kind, record=record, parent=parent)


def _rest(journal: Journal) -> str:
    """Everything that is not a stamped record."""
    lists = {"profile", "ladder", "places", "plans", "checkins", "people", "loneliness"}
    return journal.model_dump_json(exclude={*lists, "forgotten", "schema_version"})
