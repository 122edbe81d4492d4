"""Correcting a check-in or a plan: the fields she may change, validated as a whole record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import ValidationError

from mumcoach.errors import BadInput
from mumcoach.models import CheckIn, Interaction, Journal, Plan

Kind = Literal["checkin", "plan"]
Entry = CheckIn | Plan

# What `edit` may change; ids, links, when it was made and who someone is stay as they are.
EDITABLE: dict[str, tuple[str, ...]] = {
    "checkin": (
        "date",
        "tried",
        "actual_anxiety",
        "fear_came_true",
        "what",
        "learned",
        "mood",
        "energy",
        "proud",
    ),
    "plan": (
        "date",
        "time",
        "step_id",
        "if_then",
        "fear",
        "likelihood",
        "expected_anxiety",
        "safety_behaviour",
        "openers",
        "energy",
    ),
    "interaction": (
        "where",
        "detail",
        "minutes",
        "started_by",
        "swapped_numbers",
        "meetup",
        "invited",
        "invited_me",
        "liked_them",
        "they_liked_me",
        "follow_up",
        "follow_up_due",
        "follow_up_done",
    ),
}


def entries_on(journal: Journal, kind: Kind, day: date) -> list[Entry]:
    """Her check-ins or plans dated `day`, in the order she made them."""
    found: list[Entry] = [*(journal.checkins if kind == "checkin" else journal.plans)]
    return sorted((e for e in found if e.date == day), key=lambda e: e.created_at)


def with_changes(
    entry: Entry,
    changes: Mapping[str, Any],
    interactions: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    where: str = "",
) -> Entry:
    """A new, validated copy of `entry` with `changes` (None clears a field).

    `interactions` (id -> changes) edits the people met of a check-in; one left out is
    removed from it. BadInput, one line naming the field and never its value, when the result
    is not a valid record.
    """
    kind: Kind = "checkin" if isinstance(entry, CheckIn) else "plan"
    _only_editable(kind, changes, where)
    data = entry.model_dump()
    data.update({key: _cleared(type(entry), key, value) for key, value in changes.items()})
    if isinstance(entry, CheckIn) and interactions is not None:
        data["interactions"] = _people_met(entry, interactions, where)
    try:
        return type(entry).model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"Can't save that: {where}{_problem(exc)}. Nothing was changed.") from None


def replace_entry(journal: Journal, new: Entry) -> None:
    """Put `new` where the entry with its id is; BadInput if it is gone."""
    items: list[Any] = journal.checkins if isinstance(new, CheckIn) else journal.plans
    for i, old in enumerate(items):
        if old.id == new.id:
            items[i] = new
            return
    raise BadInput("That entry is no longer in your journal (undone or changed elsewhere).")


def people_removed(old: Entry, new: Entry) -> list[str]:
    """The names of the people met that `new` (a check-in as edited) no longer has."""
    if not (isinstance(old, CheckIn) and isinstance(new, CheckIn)):
        return []
    kept = {i.id for i in new.interactions}
    return [i.name for i in old.interactions if i.id not in kept]


def _people_met(
    entry: CheckIn, interactions: Mapping[str, Mapping[str, Any]], where: str
) -> list[dict[str, Any]]:
    known = {i.id for i in entry.interactions}
    if not set(interactions) <= known:
        raise BadInput(
            f"{where}interactions: keep each person's [[interactions]] with its id as it was; "
            "someone new can't be added here."
        )
    out = []
    for met in entry.interactions:
        if met.id not in interactions:  # her block deleted: not met that day after all
            continue
        changes = interactions[met.id]
        _only_editable("interaction", changes, f"{where}interactions.")
        data = met.model_dump()
        data.update({k: _cleared(Interaction, k, v) for k, v in changes.items()})
        out.append(data)
    return out


def _only_editable(kind: str, changes: Mapping[str, Any], where: str) -> None:
    unknown = sorted(set(changes) - set(EDITABLE[kind]))
    if unknown:
        allowed = ", ".join(EDITABLE[kind])
        raise BadInput(f"{where}{unknown[0]} can't be changed here; you can change: {allowed}.")


def _cleared(model: type[Any], key: str, value: Any) -> Any:
    """None or "" means "clear it": the field's default (an empty list, false, or nothing)."""
    if value is not None and value != "":
        return value
    return model.model_fields[key].get_default(call_default_factory=True)


def _problem(exc: ValidationError) -> str:
    """'mood must be at most 5': the field and the rule, in words, never the value."""
    from mumcoach.checks import describe_validation_error

    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"] if isinstance(part, str))
    ctx = first.get("ctx") or {}
    rules = {
        "less_than_equal": f"must be at most {ctx.get('le')}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "literal_error": f"must be {ctx.get('expected', '').replace(chr(39), '')}",
        "missing": "is needed",
        "int_parsing": "must be a whole number",
        "date_from_datetime_parsing": "must be a date like 2026-11-21",
        "date_parsing": "must be a date like 2026-11-21",
        "time_parsing": "must be a time like 10:30",
    }
    if where and first["type"] in rules:
        return f"{where} {rules[first['type']]}"
    return describe_validation_error(exc)
