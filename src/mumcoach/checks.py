"""Checks on journal data that never show its content: record counts, digests, problems."""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=32).digest()


def record_counts(
    data: Any, path: str = "", counts: dict[str, int] | None = None
) -> dict[str, int]:
    """How many records (objects inside lists) sit at each path, e.g. 'checkins.interactions'.

    Counted on the models themselves (fields it does not know included), or on plain JSON data.
    """
    counts = {} if counts is None else counts
    fields: Iterable[tuple[str, Any]]
    if isinstance(data, BaseModel):
        values = data.__dict__
        fields = [(name, values[name]) for name in nesting_fields(type(data))]
        if data.__pydantic_extra__:
            fields += data.__pydantic_extra__.items()
    elif isinstance(data, dict):
        fields = data.items()
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, BaseModel | dict):
                counts[path] = counts.get(path, 0) + 1
                record_counts(item, path, counts)
        return counts
    else:
        return counts
    for key, value in fields:
        if isinstance(value, BaseModel | dict | list):
            record_counts(value, f"{path}.{key}" if path else key, counts)
    return counts


@cache
def nesting_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that can hold records (lists, tables, models): the only ones worth
    walking, so counting a journal looks at a few fields per record instead of all of them."""
    return tuple(name for name, info in model.model_fields.items() if _may_nest(info.annotation))


def _may_nest(annotation: Any) -> bool:
    if annotation is Any:
        return True
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is not None:
        return origin in (list, dict, tuple, set) or any(
            _may_nest(arg) for arg in typing.get_args(annotation)
        )
    return isinstance(annotation, type) and issubclass(annotation, BaseModel | dict | list)


def describe_validation_error(exc: ValidationError) -> str:
    """'checkins[3].mood (must be at most 5)' — a location and problem, never the value.

    Only model field names are shown; a dict key (e.g. a step id in ladder.ratings) is journal
    content, so it is shown as [...].
    """
    first = exc.errors()[0]
    fields = _field_names()
    location = ""
    for part in first["loc"]:
        if isinstance(part, int):
            location += f"[{part}]"
        elif part not in fields:
            location += "[...]"
        else:
            location += f".{part}" if location else part
    problem = first["msg"].lower()
    more = len(exc.errors()) - 1
    suffix = f", and {more} more problem{'s' if more > 1 else ''}" if more else ""
    return f"{location or 'the top level'} ({problem}){suffix}"


def _field_names() -> frozenset[str]:
    """Every field name of every journal model: the only words a location may show."""
    from pydantic import BaseModel

    from mumcoach import models

    return frozenset(
        name
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name in model.model_fields
    )
