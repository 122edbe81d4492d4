"""Answers files (TOML or JSON) and flags, merged and cleaned before any question is asked."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mumcoach.errors import BadInput
from mumcoach.text import clean_any, short


def load_answers(path: Path | None, allowed: Iterable[str]) -> dict[str, Any]:
    """Read a TOML or JSON answers file whose keys are long option names with '-' as '_'."""
    if path is None:
        return {}
    import tomllib  # only with a file to read

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Could not read the answers file {path}: {exc.strerror}.") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        detail = str(exc).splitlines()[0] if isinstance(exc, tomllib.TOMLDecodeError) else ""
        if isinstance(exc, json.JSONDecodeError):
            detail = f"line {exc.lineno}, column {exc.colno}"
        raise BadInput(f"The answers file {path} is not valid {kind} ({detail}).") from None
    if not isinstance(data, dict):
        raise BadInput(f"The answers file {path} must hold key = value pairs.")
    allowed_set = set(allowed)
    unknown = sorted(set(data) - allowed_set)
    if unknown:
        raise BadInput(
            f"Unknown key {short(unknown[0])} in {path.name}; allowed keys: "
            f"{', '.join(sorted(allowed_set))}."
        )
    return dict(clean_any(data, multiline=True))


def merge_answers(from_file: Mapping[str, Any], flags: Mapping[str, Any]) -> dict[str, Any]:
    """Flags override the file; flags left at None (or empty lists) were not given."""
    merged = dict(from_file)
    for key, value in flags.items():
        if value is not None and value != [] and value != ():
            merged[key] = clean_any(value, multiline=True)
    return merged
