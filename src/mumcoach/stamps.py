"""Keep every `updated_at` true: fingerprint records before a change, stamp what changed."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from itertools import chain
from operator import attrgetter, is_, itemgetter
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from mumcoach.models import TOUCHED, Identified, Journal, Stamped

Key = tuple[str, ...]


class Found(NamedTuple):
    """The records of one kind (e.g. every check-in's interactions) as the save found them."""

    lists: list[tuple[Key, list[Identified]]]  # each list by where it is, copied
    records: list[Identified]  # all of them in order (kept, so a replaced one is still known)
    inner: list[Any]  # for each, a copy of what could change in place (see _inner)


class Marks(NamedTuple):
    """The journal as a save found it, to tell afterwards which records changed."""

    kinds: dict[Key, Found]  # by the names on the way to the lists, e.g. ("checkins", "plans")
    # the profile and the ladder, whole: one each, nested throughout
    whole: dict[Key, tuple[Stamped, datetime | None, str]]


def fingerprints(journal: Journal) -> Marks:
    """The journal's records as the save found them; starts noting assignments."""
    TOUCHED.clear()
    marks = Marks({}, {})
    for key, single in _singles(journal):
        marks.whole[key] = (single, single.updated_at, own_content(single))
    for kind, lists in record_lists(journal).items():
        records = list(chain.from_iterable(records for _, records in lists))
        copies = [(key, records.copy()) for key, records in lists]
        marks.kinds[kind] = Found(copies, records, _inner(records))
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
    for kind, lists in record_lists(journal).items():
        records = list(chain.from_iterable(records for _, records in lists))
        found = before.kinds.get(kind) or Found([], [], [])
        added = _added(found, lists, records)
        kept = len(found.records) if added is not None else 0
        if kept:
            # the usual case: the records found are where they were (some may have been added
            # after them), so only those assigned to, changed in place or never stamped can
            # need a stamp
            inner = _inner(records[:kept])
            hit = assigned.intersection(map(id, records[:kept]))
            maybe = {i for i, r in enumerate(records[:kept]) if id(r) in hit} if hit else set()
            if inner != found.inner:
                maybe.update(
                    i for i, (a, b) in enumerate(zip(inner, found.inner, strict=True)) if a != b
                )
            if None in map(_UPDATED_AT, records[:kept]):
                maybe.update(i for i, r in enumerate(records[:kept]) if r.updated_at is None)
            changed += (
                r
                for r in map(records.__getitem__, sorted(maybe))
                if r.updated_at is None or id(r) not in timed
            )
        changed += _changed_lists(found, lists if added is None else added, assigned, timed)
    for each in changed:
        each.updated_at = now
    TOUCHED.clear()
    return len(changed)


_UPDATED_AT = attrgetter("updated_at")


def _added(
    found: Found, lists: list[tuple[Key, list[Identified]]], records: list[Any]
) -> list[tuple[Key, list[Identified]]] | None:
    """If the records found are all where they were, in order, the records added after them
    (a new check-in, a note on the last person), list by list; else None."""
    if len(records) < len(found.records) or not all(map(is_, found.records, records)):
        return None
    count = len(found.lists)
    old = list(map(len, map(_RECORDS, found.lists)))
    new = list(map(len, map(_RECORDS, lists[:count])))
    if list(map(_KEY, lists[:count])) != list(map(_KEY, found.lists)) or new[:-1] != old[:-1]:
        return None
    if not count:
        return lists
    if new[-1] < old[-1]:  # some of its records moved on to the next list
        return None
    key, last = lists[count - 1]
    return [(key, last[old[-1] :]), *lists[count:]]


_KEY, _RECORDS = itemgetter(0), itemgetter(1)


def _changed_lists(
    found: Found,
    lists: list[tuple[Key, list[Identified]]],
    assigned: set[int],
    timed: set[int],
) -> Iterator[Identified]:
    """The changed records in `lists`, looked at list by list."""
    was_at = dict(found.lists)
    inner_of: dict[int, Any] | None = None
    for key, records in lists:
        old = was_at.get(key, [])
        same = set(map(id, old))
        replaced: dict[str, Identified] | None = None
        for record, inner in zip(records, _inner(records), strict=True):
            ident = id(record)
            if record.updated_at is None:
                yield record
            elif ident in same:  # the record the save found here
                if inner_of is None:
                    inner_of = dict(zip(map(id, found.records), found.inner, strict=True))
                if ident not in timed and (ident in assigned or inner != inner_of[ident]):
                    yield record
            else:  # new here, or replaced: compare with the one it replaced, if any
                if replaced is None:
                    replaced = {r.id: r for r in old}
                was = replaced.get(record.id)
                if (
                    was is not None
                    and was.updated_at == record.updated_at
                    and own_content(was) != own_content(record)
                ):
                    yield record


_NESTED_NAMES = frozenset({"interactions", "notes", "custom_steps"})  # see nested_lists()


def _singles(journal: Journal) -> Iterator[tuple[Key, Stamped]]:
    if journal.profile is not None:
        yield ("profile",), journal.profile
    yield ("ladder",), journal.ladder


def record_lists(journal: Journal) -> dict[Key, list[tuple[Key, list[Identified]]]]:
    """Every list of identified records, by kind (the names on the way to it), each keyed by
    where it is (with its parents' ids)."""
    found: dict[Key, list[tuple[Key, list[Identified]]]] = {}
    _lists([(("ladder",), journal.ladder)], ("ladder",), found)
    _lists([((), journal)], (), found)
    return found


def _lists(
    parents: list[tuple[Key, BaseModel]],
    kind: Key,
    found: dict[Key, list[tuple[Key, list[Identified]]]],
) -> None:
    """The lists of records inside `parents` (all of one kind), gathered kind by kind."""
    for name in nested_lists(type(parents[0][1])):
        lists: list[tuple[Key, list[Identified]]] = [
            ((*key, name), parent.__dict__[name]) for key, parent in parents
        ]
        found[(*kind, name)] = lists
        records = list(chain.from_iterable(map(_RECORDS, lists)))
        if not any(map(nested_lists, set(map(type, records)))):
            continue  # the usual case: these records hold none (a plan, an interaction)
        inside: list[tuple[Key, BaseModel]] = [
            ((*key, record.id), record)
            for key, records in lists
            for record in records
            if nested_lists(type(record))
        ]
        if inside:
            _lists(inside, (*kind, name), found)


def _inner(records: list[Identified]) -> list[Any]:
    """For each record, a copy of what could change without an assignment: its lists, tables
    and models (not records: those carry their own stamps) and its unknown fields."""
    if not records:
        return []
    kinds = set(map(type, records))
    if len(kinds) > 1:  # never in a journal that validated; copied one by one all the same
        return [_inner([record])[0] for record in records]
    flat, other = _containers(kinds.pop())
    columns: list[list[Any]] = [list(map(tuple, map(attrgetter(name), records))) for name in flat]
    columns += [[_copied(getattr(r, name)) for r in records] for name in other]
    if any(map(_EXTRA, records)):
        columns.append([_copied(e) if e else None for e in map(_EXTRA, records)])
    else:  # the usual case: no record has fields this version does not know
        columns.append([None] * len(records))
    return list(zip(*columns, strict=True))


_EXTRA = attrgetter("__pydantic_extra__")


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
