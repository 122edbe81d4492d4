"""Keep every `updated_at` true: fingerprint records before a change, stamp what changed."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from mumcoach.models import TOUCHED, Identified, Journal, Stamped

Key = tuple[str, ...]


class Marks(NamedTuple):
    """The journal as a save found it, to tell afterwards which records changed."""

    # each list of records, by where it is: a copy of the list, so a record removed or
    # replaced is still known
    lists: dict[Key, list[Identified]]
    # a copy of what could change in place, for records that have any: their lists, tables,
    # models and unknown fields (assignments are noted in TOUCHED instead)
    inner: dict[int, Any]
    # the profile and the ladder, whole: one each, nested throughout
    whole: dict[Key, tuple[Stamped, datetime | None, str]]


def fingerprints(journal: Journal) -> Marks:
    """The journal's records as the save found them; starts noting assignments."""
    TOUCHED.clear()
    marks = Marks({}, {}, {})
    for key, single in _singles(journal):
        marks.whole[key] = (single, single.updated_at, own_content(single))
    for key, records in record_lists(journal):
        marks.lists[key] = records.copy()
        if records and _containers(type(records[0])) != ((), ()):
            marks.inner.update((id(r), _inner(r)) for r in records)
        else:  # an interaction, a person, a note: only unknown fields can change in place
            marks.inner.update((id(r), _inner(r)) for r in records if r.__pydantic_extra__)
    return marks


def stamp_changes(journal: Journal, before: Marks, now: datetime) -> int:
    """Set `updated_at = now` on records that are unstamped, or changed since `before`.

    Changed means assigned to, changed in place, or replaced by a record with other content.
    A change that set a record's `updated_at` itself (an import taking the other device's
    version, with its time) is left as it set it. Returns how many were stamped. A record's
    nested records (a check-in's interactions, a person's notes) carry their own stamps, so
    adding a note does not restamp the person.
    """
    timed = {ident for ident, name in TOUCHED if name == "updated_at"}
    # records with an own field assigned to (a nested record list is not its own field)
    assigned = {ident for ident, name in TOUCHED if name not in _NESTED_NAMES} - timed
    changed: list[Stamped | Identified] = []
    for key, single in _singles(journal):
        old = before.whole.get(key)
        if single.updated_at is None or (
            old is not None
            and old[1] == single.updated_at
            and (single is not old[0] or old[2] != own_content(single))
        ):
            changed.append(single)
    for key, records in record_lists(journal):
        found = before.lists.get(key, [])
        same = set(map(id, found))
        replaced: dict[str, Identified] | None = None
        for record in records:
            ident = id(record)
            if record.updated_at is None:
                changed.append(record)
            elif ident in same:  # the record the save found here
                if ident in timed:
                    continue
                inner = before.inner.get(ident)
                if ident in assigned or (
                    (inner is not None or record.__pydantic_extra__) and inner != _inner(record)
                ):
                    changed.append(record)
            else:  # new here, or replaced: compare with the one it replaced, if any
                if replaced is None:
                    replaced = {r.id: r for r in found}
                was = replaced.get(record.id)
                if (
                    was is not None
                    and was.updated_at == record.updated_at
                    and own_content(was) != own_content(record)
                ):
                    changed.append(record)
    for each in changed:
        each.updated_at = now
    TOUCHED.clear()
    return len(changed)


_NESTED_NAMES = frozenset({"interactions", "notes", "custom_steps"})  # see nested_lists()


def _singles(journal: Journal) -> Iterator[tuple[Key, Stamped]]:
    if journal.profile is not None:
        yield ("profile",), journal.profile
    yield ("ladder",), journal.ladder


def record_lists(journal: Journal) -> list[tuple[Key, list[Identified]]]:
    """Every list of identified records, keyed by where it is (with its parent's id)."""
    found: list[tuple[Key, list[Identified]]] = []
    _lists(journal.ladder, ("ladder",), found)
    _lists(journal, (), found)
    return found


def _lists(parent: BaseModel, path: Key, found: list[tuple[Key, list[Identified]]]) -> None:
    for name in nested_lists(type(parent)):
        records: list[Identified] = parent.__dict__[name]
        where = (*path, name)
        found.append((where, records))
        for record in records:
            if nested_lists(type(record)):  # most hold no records (a plan, an interaction)
                _lists(record, (*where, record.id), found)


def _inner(record: Identified) -> Any:
    flat, other = _containers(type(record))
    values = record.__dict__
    extra = record.__pydantic_extra__
    return (
        tuple(map(tuple, map(values.__getitem__, flat))),
        [_copied(values[name]) for name in other] if other else None,
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
