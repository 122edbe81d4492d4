"""The JSON export: the whole journal in a versioned envelope, and its published JSON Schema."""

from __future__ import annotations

import json
from datetime import datetime
from importlib.resources import files
from typing import Any

from mumcoach import __version__
from mumcoach.models import SCHEMA_VERSION, Journal
from mumcoach.views.json_out import JSON_SCHEMA_VERSION, envelope

SCHEMA_FILE = "export.schema.json"  # shipped in the package, beside __init__.py
SCHEMA_ID = f"urn:mumcoach:export:{JSON_SCHEMA_VERSION}:journal:{SCHEMA_VERSION}"


def export_data(journal: Journal, now: datetime) -> dict[str, Any]:
    """Everything in the journal, unknown fields included, inside the export envelope."""
    return envelope(
        "export",
        {
            "journal_schema_version": SCHEMA_VERSION,
            "exported_at": now.isoformat(timespec="seconds"),
            "app_version": __version__,
            "journal": journal.model_dump(mode="json"),
        },
    )


def export_text(journal: Journal, now: datetime) -> str:
    return json.dumps(export_data(journal, now), indent=1, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The published schema, as shipped (what `mumcoach export --schema` prints)."""
    return files("mumcoach").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema_text() -> str:
    """The schema generated from the models now; a test keeps the shipped file equal to it."""
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def export_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for `mumcoach export --format json`, from the models."""
    journal = Journal.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = journal.pop("$defs", {})
    journal["properties"]["schema_version"] = {
        "const": SCHEMA_VERSION,
        "description": "The journal's own version (see migrations.py).",
    }
    journal["required"] = sorted({*journal.get("required", ()), "schema_version"})
    defs["Journal"] = journal
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mumcoach export",
        "description": (
            "Everything mumcoach keeps, as written by `mumcoach export --format json`. Dates are "
            "YYYY-MM-DD, times local ISO date-times. Records keep fields this version does not "
            "know, so objects allow more properties than are listed."
        ),
        "type": "object",
        "required": [
            "schema_version",
            "kind",
            "journal_schema_version",
            "exported_at",
            "app_version",
            "journal",
        ],
        "properties": {
            "schema_version": {
                "const": JSON_SCHEMA_VERSION,
                "description": "The version of mumcoach's JSON output envelope.",
            },
            "kind": {"const": "export"},
            "journal_schema_version": {
                "const": SCHEMA_VERSION,
                "description": "The version of the journal inside (journal.schema_version).",
            },
            "exported_at": {"type": "string", "format": "date-time"},
            "app_version": {"type": "string", "description": "The mumcoach that wrote it."},
            "journal": {"$ref": "#/$defs/Journal"},
        },
        "$defs": dict(sorted(defs.items())),
    }


if __name__ == "__main__":  # regenerate: python -m mumcoach.views.export_json
    print(schema_text(), end="")
