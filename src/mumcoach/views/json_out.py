"""The one shape of every `--json`: an object led by `schema_version` and `kind`, then its keys."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, Protocol, get_args

# Bump only when a key is removed, renamed or changes meaning; adding keys keeps version 1.
JSON_SCHEMA_VERSION = 1

# Which command printed it; README "JSON output" documents the keys of each.
Kind = Literal[
    "review",
    "plan",
    "checkin",
    "init",
    "people",
    "person",
    "places",
    "ladder",
    "support",
    "doctor",
    "export",
]
KINDS: tuple[Kind, ...] = get_args(Kind)


class SuggestionLike(Protocol):
    """A suggested step as the coach gives it (ladder's Suggestion, the review's Focus)."""

    @property
    def step_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def easier_step_id(self) -> str | None: ...


def envelope(kind: Kind, data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with `schema_version` and `kind` first; a command's own keys never shadow them."""
    clash = {"schema_version", "kind"} & data.keys()
    if clash:
        raise ValueError(f"JSON for {kind!r} may not use the key {min(clash)!r}")
    return {"schema_version": JSON_SCHEMA_VERSION, "kind": kind, **data}


def json_text(kind: Kind, data: Mapping[str, Any]) -> str:
    """The printed form: indented, UTF-8 kept readable, dates as YYYY-MM-DD."""
    return json.dumps(envelope(kind, data), indent=2, ensure_ascii=False, default=str)


def suggestion_data(suggestion: SuggestionLike | None) -> dict[str, Any] | None:
    """The suggested step, spelled alike in every kind (`suggestion`); None when there is none."""
    if suggestion is None:
        return None
    return {
        "id": suggestion.step_id,
        "title": suggestion.title,
        "reason": suggestion.reason,
        "kind": suggestion.kind,
        "easier_id": suggestion.easier_step_id,
        "easier_step_id": suggestion.easier_step_id,  # the same, as first spelled
    }
