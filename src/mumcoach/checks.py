"""Checks on journal data that never show its content: record counts and problems."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from functools import cache
from itertools import chain
from operator import attrgetter
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
    kinds = set(map(type, items))
    if len(kinds) == 1 and issubclass(kind := kinds.pop(), BaseModel):
        _count_models(items, kind, path, counts)  # the usual case, counted in bulk
        return
    records = [item for item in items if isinstance(item, BaseModel | dict)]
    if records:
        counts[path] = counts.get(path, 0) + len(records)
    for item in records:
        record_counts(item, path, counts)


def _count_models(
    records: list[BaseModel], kind: type[BaseModel], path: str, counts: dict[str, int]
) -> None:
    """Records of one kind: counted at once, then what they hold, field by field."""
    counts[path] = counts.get(path, 0) + len(records)
    for record in filter(attrgetter("__pydantic_extra__"), records):  # fields it does not know
        for key, value in record.__pydantic_extra__.items():  # type: ignore[union-attr]
            record_counts({key: value}, path, counts)
    for name in record_fields(kind):  # none for most (a plan, an interaction)
        where = f"{path}.{name}"
        values = list(map(attrgetter(name), records))
        lists = [value for value in values if value.__class__ is list]
        if lists:
            _count_list(list(chain.from_iterable(lists)), where, counts)
        for value in values:
            if isinstance(value, BaseModel | dict):
                record_counts(value, where, counts)


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
