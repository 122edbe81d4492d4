"""Keep every `updated_at` true: fingerprint records before a change, stamp what changed."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime
from functools import cache

from pydantic import BaseModel

from mumcoach.models import Identified, Journal, Stamped

Key = tuple[str, ...]


def fingerprints(journal: Journal) -> dict[Key, str]:
    """Each stamped record's own content (nested records excluded), keyed by where it is."""
    return {key: _own_content(record) for key, record in stamped_records(journal)}


def stamp_changes(journal: Journal, before: dict[Key, str], now: datetime) -> int:
    """Set `updated_at = now` on records that are new, changed since `before`, or unstamped.

    Returns how many were stamped. A record's nested records (a check-in's interactions, a
    person's notes) carry their own stamps, so adding a note does not restamp the person.
    """
    stamped = 0
    for key, record in stamped_records(journal):
        if record.updated_at is None or before.get(key) != _own_content(record):
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
    hints = typing.get_type_hints(model)
    for name in model.model_fields:
        hint = hints.get(name)
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if isinstance(item, type) and issubclass(item, Identified):
                names.append(name)
    return tuple(names)


def _own_content(record: BaseModel) -> str:
    exclude = {"updated_at", *nested_lists(type(record))}
    return record.model_dump_json(exclude=exclude)
