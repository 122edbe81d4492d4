"""Keep every `updated_at` true: fingerprint records before a change, stamp what changed."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime
from functools import cache

from pydantic import BaseModel

from mumcoach.models import Identified, Journal, Stamped

Key = tuple[str, ...]
Mark = tuple[str, datetime | None]  # (own content, updated_at) before a change


def fingerprints(journal: Journal) -> dict[Key, Mark]:
    """Each stamped record's own content (nested records excluded) and time, by where it is."""
    return {key: (own_content(r), r.updated_at) for key, r in stamped_records(journal)}


def stamp_changes(journal: Journal, before: dict[Key, Mark], now: datetime) -> int:
    """Set `updated_at = now` on records that are unstamped, or changed since `before`.

    A change that set a record's `updated_at` itself (an import taking the other device's
    version, with its time) is left as it set it. Returns how many were stamped. A record's
    nested records (a check-in's interactions, a person's notes) carry their own stamps, so
    adding a note does not restamp the person.
    """
    stamped = 0
    for key, record in stamped_records(journal):
        old = before.get(key)
        edited = old is not None and old[1] == record.updated_at and old[0] != own_content(record)
        if record.updated_at is None or edited:
            record.updated_at = now
            stamped += 1
    return stamped


def stamped_records(journal: Journal) -> Iterator[tuple[Key, Stamped | Identified]]:
    """Every record with an `updated_at`, depth first, keyed by path (and id in lists)."""
    if journal.profile is not None:
        yield ("profile",), journal.profile
    yield ("ladder",), journal.ladder
    yield from _walk(journal.ladder, ("ladder",))
    yield from _walk(journal, ())


def _walk(parent: BaseModel, path: Key) -> Iterator[tuple[Key, Stamped | Identified]]:
    for name in nested_lists(type(parent)):
        for record in getattr(parent, name):
            key = (*path, name, record.id)
            yield key, record
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


def own_content(record: BaseModel) -> str:
    """The record's own fields as JSON, without its time and nested records."""
    exclude = {"updated_at", *nested_lists(type(record))}
    return record.model_dump_json(exclude=exclude)
