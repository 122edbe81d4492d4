"""The journal's migration ladder: one function per schema step, applied in order on load.

Versions:
  1 — the first released journal (2026-11).
To add version 2: write `_v1_to_v2(data) -> data`, add it to MIGRATIONS under key 1,
bump models.SCHEMA_VERSION, and add tests/fixtures/journal_v2.json.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# from-version -> function that returns the data at from-version + 1
MIGRATIONS: dict[int, Migration] = {}


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
