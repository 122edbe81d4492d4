"""The journal's migration ladder: one function per schema step, applied in order on load.

Versions:
  1 — the first released journal (2026-11).
  2 — every record has an `id` (to match it between devices) and an `updated_at` (when it last
      changed); the profile and the ladder have an `updated_at`.
To add version 3: write `_v2_to_v3(data) -> data`, add it to MIGRATIONS under key 2,
bump models.SCHEMA_VERSION, and add tests/fixtures/journal_v3.json.
Migrations only add or reshape: a field they do not know is kept as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def migrate(data: dict[str, Any], target: int) -> dict[str, Any]:
    """Step `data` up one version at a time until it reaches `target`."""
    version = data["schema_version"]
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema version {version}")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


# -- 1 -> 2: ids and last-changed times ------------------------------------------------------------

# list field -> the fields that say when a record of it last changed (v1 kept no such time);
# the latest of them is used
_V1_TIMES = {
    "places": ("created",),
    "plans": ("created_at",),
    "checkins": ("created_at",),
    "interactions": ("follow_up_done",),
    "people": ("created",),
    "notes": ("date",),
    "loneliness": ("date",),
    "custom_steps": ("created",),
}


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Give every record an id and an `updated_at` from the best time v1 kept.

    Missing ids are derived from the record's content, not drawn at random, so two devices that
    migrate copies of the same journal give the same note the same id and can merge cleanly.
    Anything that is not the expected shape is left alone for validation to report.
    """
    fallback = _as_datetime(data.get("created_at"))
    for name in ("places", "plans", "checkins", "people", "loneliness"):
        _stamp_list(data.get(name), name, name, fallback)
    for checkin in _dicts(data.get("checkins")):
        created = _as_datetime(checkin.get("created_at"))
        _stamp_list(checkin.get("interactions"), "interactions", checkin.get("id"), created)
    for person in _dicts(data.get("people")):
        _stamp_list(person.get("notes"), "notes", person.get("id"), None)
    profile = data.get("profile")
    if isinstance(profile, dict):
        when = _as_datetime(profile.get("updated")) or _as_datetime(profile.get("created"))
        _set_time(profile, when or fallback)
    ladder = data.get("ladder")
    if isinstance(ladder, dict):
        _set_time(ladder, fallback)
        _stamp_list(ladder.get("custom_steps"), "custom_steps", "ladder", fallback)
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}  # from-version -> step to from-version + 1


def _stamp_list(items: Any, kind: str, parent: Any, floor: str | None) -> None:
    """Ids where missing; `updated_at` the latest of the record's own times and `floor`."""
    taken = {item["id"] for item in _dicts(items) if isinstance(item.get("id"), str)}
    for item in _dicts(items):
        if "id" not in item:
            item["id"] = _content_id(kind, parent, item, taken)
            taken.add(item["id"])
        times = [_as_datetime(item.get(field)) for field in _V1_TIMES[kind]]
        known = [when for when in (*times, floor) if when is not None]
        _set_time(item, max(known) if known else None)


def _content_id(kind: str, parent: Any, item: dict[str, Any], taken: set[str]) -> str:
    text = json.dumps([kind, str(parent), item], sort_keys=True, default=str)
    for attempt in range(1000):
        digest = hashlib.sha256(f"{text}#{attempt}".encode()).hexdigest()[:12]
        if digest not in taken:
            return digest
    raise LookupError("could not give every record an id")  # pragma: no cover


def _set_time(item: dict[str, Any], when: str | None) -> None:
    if "updated_at" not in item and when is not None:
        item["updated_at"] = when


def _as_datetime(value: Any) -> str | None:
    """An ISO date or date-time string as a date-time string ("2026-11-04T00:00:00"); None if
    it is neither (validation reports the field itself, not the time derived from it)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
