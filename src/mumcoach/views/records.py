"""How a journal record is named in a sentence: "the check-in of 21 Nov", "Sarah's card"."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from mumcoach.coach.history import Changes
from mumcoach.words import day_and_time, day_month, join_names

# list name -> (one, many) as she would say them
KIND_WORDS = {
    "profile": ("your profile", "your profile"),
    "ladder": ("your ladder", "your ladder"),
    "places": ("place", "places"),
    "plans": ("plan", "plans"),
    "checkins": ("check-in", "check-ins"),
    "interactions": ("person met", "people met"),
    "people": ("person", "people"),
    "notes": ("note", "notes"),
    "loneliness": ("loneliness check", "loneliness checks"),
    "custom_steps": ("step of your own", "steps of your own"),
}


def record_label(kind: str, record: BaseModel, parent: BaseModel | None) -> str:
    """'the check-in of 21 Nov', "Sarah's card", 'Sarah, met on 21 Nov'."""
    day = getattr(record, "date", None)
    on = f" of {day_month(day)}" if isinstance(day, date) else ""
    name = getattr(record, "name", None) or getattr(record, "title", None) or ""
    if kind == "checkins":
        return f"the check-in{on}"
    if kind == "plans":
        return f"the plan for {day_month(day)}" if isinstance(day, date) else "a plan"
    if kind == "interactions":
        when = getattr(parent, "date", None)
        return f"{name}, met on {day_month(when)}" if isinstance(when, date) else str(name)
    if kind == "people":
        return f"{name}'s card"
    if kind == "notes":
        who = getattr(parent, "name", "someone")
        return f"a note about {who}{on}"
    if kind == "places":
        return f"the place {name}"
    if kind == "loneliness":
        return f"the loneliness check{on}"
    if kind == "custom_steps":
        return f"your step “{name}”"
    return KIND_WORDS.get(kind, (kind, kind))[0]


def changed(when: datetime | None) -> str:
    if when is None:
        return "time unknown"
    return f"changed {day_and_time(when)}"


def undo_lines(changes: Changes, saved: datetime | None) -> list[str]:
    """What undoing the last save would do, one line per record (the first dozen)."""
    when = f" ({day_and_time(saved)})" if saved else ""
    lines = [f"Undo the last save{when}? It would:"]
    lines += [f"  - remove {record_label(t.kind, t.record, t.parent)}" for t in changes.added]
    lines += [
        f"  - put back the earlier version of {record_label(t.kind, t.record, t.parent)}"
        for t in changes.changed
    ]
    lines += [f"  - bring back {record_label(t.kind, t.record, t.parent)}" for t in changes.removed]
    if changes.other and len(lines) == 1:
        lines.append("  - put back a small setting (such as when the loneliness check was offered)")
    if len(lines) > UNDO_SHOWN + 2:  # an undone import can touch hundreds of records
        more = len(lines) - 1 - UNDO_SHOWN
        lines = [*lines[: UNDO_SHOWN + 1], f"  - and {more} more"]
    return lines


UNDO_SHOWN = 12


def removed_from_checkin(names: list[str]) -> str:
    """What `edit` says after people met were taken out of a check-in (they stay her people)."""
    stay = "They stay" if len(names) > 1 else "She stays"
    return f"Removed from this check-in: {join_names(names)}. {stay} in your people list."
