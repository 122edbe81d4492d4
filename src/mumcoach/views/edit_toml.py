"""A check-in or plan as TOML to correct in her editor, and reading the edited text back."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, time
from typing import Any

from mumcoach.coach.edit import EDITABLE, Entry
from mumcoach.errors import BadInput
from mumcoach.models import CheckIn, Interaction

HINTS = {
    "tried": "yes, partly or no",
    "fear_came_true": "yes, partly or no",
    "started_by": "me or them",
    "actual_anxiety": "0-10",
    "expected_anxiety": "0-10",
    "energy": "0-10",
    "mood": "1-5",
    "likelihood": "0-100 (%)",
    "liked_them": "1-7",
    "they_liked_me": "1-7",
    "minutes": "minutes together",
    "date": "YYYY-MM-DD",
    "time": "HH:MM:SS",
    "follow_up_due": "YYYY-MM-DD",
    "follow_up_done": "YYYY-MM-DD",
    "step_id": "a step id from `mumcoach ladder`",
}
PROBLEM = "# Problem: "
_REMOVE_HINT = ("# Someone you didn't meet that day after all: delete her [[interactions]] block.",)


def render(entry: Entry, title: str) -> str:
    """The entry as TOML: every field she may change, empty ones as commented-out lines."""
    kind = "checkin" if isinstance(entry, CheckIn) else "plan"
    lines = [
        f"# {title}: change what you like, save and close the editor.",
        "# To clear an answer, delete its line. Lines starting with # are ignored;",
        "# delete everything to cancel. Nothing is saved until it reads correctly.",
        *(_REMOVE_HINT if isinstance(entry, CheckIn) and entry.interactions else ()),
        "",
        *_fields(entry, EDITABLE[kind]),
    ]
    if isinstance(entry, CheckIn):
        for met in entry.interactions:
            lines += ["", f"# {_who(met)}", "[[interactions]]", f"id = {_value(met.id)}"]
            lines += _fields(met, EDITABLE["interaction"])
    return "\n".join(lines) + "\n"


def with_problem(text: str, problem: str) -> str:
    """Her edited text again, with one line at the top saying what to fix."""
    kept = [line for line in text.splitlines() if not line.startswith(PROBLEM)]
    return "\n".join([f"{PROBLEM}{problem}", *kept]) + "\n"


def parse(text: str, kind: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]] | None]:
    """(changes, people met by id) from the edited TOML; a missing field means "clear it"."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"The text isn't valid TOML: {exc}.") from None
    met = data.pop("interactions", None)
    changes = {key: data.pop(key, None) for key in EDITABLE[kind]}
    if data:
        allowed = ", ".join(EDITABLE[kind])
        raise BadInput(f"{sorted(data)[0]} can't be changed here; you can change: {allowed}.")
    if kind != "checkin":
        return changes, None
    people: dict[str, dict[str, Any]] = {}
    for item in met or []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise BadInput("interactions: each [[interactions]] needs its id.")
        item = dict(item)
        ident = item.pop("id")
        people[ident] = {key: item.pop(key, None) for key in EDITABLE["interaction"]} | item
    return changes, people


def _fields(record: Any, names: tuple[str, ...]) -> list[str]:
    lines = []
    for name in names:
        value = getattr(record, name)
        hint = f"  # {HINTS[name]}" if name in HINTS else ""
        if value is None or value == []:
            lines.append(" ".join(f"# {name} = {_empty(name)}".split()) + hint)
        else:
            lines.append(f"{name} = {_value(value)}{hint}")
    return lines


def _empty(name: str) -> str:
    """What to type after an empty field's `=`: quotes for text, brackets for a list."""
    if name == "openers":
        return "[]"
    return "" if name in HINTS else '""'


def _value(value: Any) -> str:
    """A TOML value: JSON's string escapes are valid TOML, dates and times are bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _who(met: Interaction) -> str:
    child = f" ({met.child})" if met.child else ""
    return f"{met.name}{child}: what you noted about meeting her (the name stays as it is)"
