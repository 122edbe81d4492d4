"""Checks on journal data that never show its content: record counts and problems."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError


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
        fields = [(name, values[name]) for name in record_fields(type(data))]
        if data.__pydantic_extra__:
            fields += data.__pydantic_extra__.items()
    elif isinstance(data, dict):
        fields = data.items()
    else:
        return counts
    for key, value in fields:
        where = f"{path}.{key}" if path else key
        if isinstance(value, list):
            _count_list(value, where, counts)
        elif isinstance(value, BaseModel | dict):
            record_counts(value, where, counts)
    return counts


def _count_list(items: list[Any], path: str, counts: dict[str, int]) -> None:
    records = [item for item in items if isinstance(item, BaseModel | dict)]
    if not records:
        return
    counts[path] = counts.get(path, 0) + len(records)
    inner: dict[str, str] = {}  # field -> its path, worked out once for the whole list
    for item in records:
        if isinstance(item, dict) or item.__pydantic_extra__:
            record_counts(item, path, counts)
            continue
        values = item.__dict__
        for name in record_fields(type(item)):  # none for most (a plan, an interaction)
            value = values[name]
            if value.__class__ is list:
                if value:
                    where = inner.get(name) or inner.setdefault(name, f"{path}.{name}")
                    _count_list(value, where, counts)
            elif isinstance(value, BaseModel | dict):
                record_counts(value, f"{path}.{name}", counts)


@cache
def record_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that can hold records (models, tables, lists of them): the only
    ones worth walking. A list of text or numbers is validated as such, so holds none."""
    return tuple(name for name, info in model.model_fields.items() if _may_nest(info.annotation))


def _may_nest(annotation: Any) -> bool:
    if annotation is Any or annotation in (list, dict):
        return True
    origin = typing.get_origin(annotation)
    if origin is not None:
        return origin is not Literal and any(_may_nest(arg) for arg in typing.get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


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
