"""Keep every `updated_at` true: fingerprint records before a change, stamp what changed."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from mumcoach.models import TOUCHED, Identified, Journal, Stamped

Key = tuple[str, ...]


# A record as a save found it: the object, its time, and a copy of what could change in place
# (the profile and ladder whole; a listed record's lists, dicts, models and unknown fields).
Mark = tuple[BaseModel, datetime | None, Any]


def fingerprints(journal: Journal) -> dict[Key, Mark]:
    """Where each stamped record is, as the save found it; starts noting assignments."""
    TOUCHED.clear()
    return {key: (r, r.updated_at, _inner(r)) for key, r in stamped_records(journal)}


def stamp_changes(journal: Journal, before: dict[Key, Mark], now: datetime) -> int:
    """Set `updated_at = now` on records that are unstamped, or changed since `before`.

    Changed means assigned to, changed in place, or replaced by a record with other content.
    A change that set a record's `updated_at` itself (an import taking the other device's
    version, with its time) is left as it set it. Returns how many were stamped. A record's
    nested records (a check-in's interactions, a person's notes) carry their own stamps, so
    adding a note does not restamp the person.
    """
    stamped = 0
    # records with an own field assigned to (a nested record list is not its own field)
    assigned = {ident for ident, name in TOUCHED if name not in _NESTED_NAMES}
    for key, record in stamped_records(journal):
        old = before.get(key)
        if record.updated_at is None or (
            old is not None and old[1] == record.updated_at and _changed(old, record, assigned)
        ):
            record.updated_at = now
            stamped += 1
    TOUCHED.clear()
    return stamped


def _changed(old: Mark, record: BaseModel, assigned: set[int]) -> bool:
    if record is not old[0]:  # replaced: compare with the one it replaced
        return own_content(old[0]) != own_content(record)
    return id(record) in assigned or bool(_inner(record) != old[2])


def _inner(record: BaseModel) -> Any:
    if not isinstance(record, Identified):
        return own_content(record)  # the profile or the ladder: one each, nested throughout
    flat, other = _containers(type(record))
    extra = record.__pydantic_extra__
    if not flat and not other and not extra:
        return None  # an interaction, a note, a person: every change to one is an assignment
    values = record.__dict__
    return (
        *[tuple(values[name]) for name in flat],
        *[_copied(values[name]) for name in other],
        _copied(extra) if extra else None,
    )


def _copied(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [v.model_dump() if isinstance(v, BaseModel) else v for v in value]
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def stamped_records(journal: Journal) -> Iterator[tuple[Key, Stamped | Identified]]:
    """Every record with an `updated_at`, depth first, keyed by path (and id in lists)."""
    if journal.profile is not None:
        yield ("profile",), journal.profile
    yield ("ladder",), journal.ladder
    yield from _walk(journal.ladder, ("ladder",))
    yield from _walk(journal, ())


def _walk(parent: BaseModel, path: Key) -> Iterator[tuple[Key, Identified]]:
    for name in nested_lists(type(parent)):
        record: Identified
        for record in getattr(parent, name):
            key = (*path, name, record.id)
            yield key, record
            if nested_lists(type(record)):  # most hold no records (a plan, an interaction)
                yield from _walk(record, key)


@cache
def nested_lists(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that hold lists of identified records."""
    names = []
    for name, info in model.model_fields.items():
        hint = info.annotation  # already resolved by pydantic (get_type_hints costs ~20 ms)
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if isinstance(item, type) and issubclass(item, Identified):
                names.append(name)
    return tuple(names)


_NESTED_NAMES = frozenset({"interactions", "notes", "custom_steps"})  # see nested_lists()


@cache
def _containers(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fields that may hold a list, a dict or a model (other than nested records): lists of
    plain values (text, numbers), copied as they are, and the others, copied deeply."""
    nested = set(nested_lists(model))
    flat, other = [], []
    for name, info in model.model_fields.items():
        hint = info.annotation  # resolved
        if name in nested:
            continue
        if typing.get_origin(hint) is list and not _may_hold(typing.get_args(hint)[0]):
            flat.append(name)
        elif _may_hold(hint):
            other.append(name)
    return tuple(flat), tuple(other)


def _may_hold(hint: Any) -> bool:
    """Whether a value of this type may be a list, a dict or a model."""
    origin = typing.get_origin(hint)
    if origin in (list, dict) or hint in (list, dict, Any):
        return True
    if origin is not None and origin is not Literal:
        return any(_may_hold(arg) for arg in typing.get_args(hint))
    return isinstance(hint, type) and issubclass(hint, BaseModel)


def own_content(record: BaseModel) -> str:
    """The record's own fields as JSON, without its time and nested records."""
    exclude = {"updated_at", *nested_lists(type(record))}
    return record.model_dump_json(exclude=exclude)
