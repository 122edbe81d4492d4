"""Read another device's journal or JSON export for `mumcoach import`, refusing bad files."""

from __future__ import annotations

import json
from pathlib import Path

from mumcoach.errors import BadInput, JournalDamaged, JournalTooNew
from mumcoach.models import Journal
from mumcoach.store import Store
from mumcoach.views.json_out import JSON_SCHEMA_VERSION

# In the name of the copy a file-sync tool keeps when two devices changed a file at once.
CONFLICT_MARKER = "conflict"


def read_other_journal(store: Store, path: Path) -> Journal:
    """The journal in `path` (a journal.json, a backup, or `export --format json`), validated.

    Refuses with one line, and nothing changed, when the file cannot be read, is not a
    mumcoach journal, is damaged, or was written by a newer mumcoach.
    """
    source = path.expanduser()
    if source.is_dir():
        raise BadInput(f"{source} is a folder; give the journal or export file to import.")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise BadInput(f"Could not read {source}: {exc.strerror or exc}.") from None
    if source.resolve() == store.path.resolve():
        raise BadInput(f"{source} is this device's own journal; there is nothing to merge.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        data = None  # store.parse below says where the damage is
    if isinstance(data, dict) and data.get("kind") == "export":
        raw = _unwrap_export(data, source)
    elif isinstance(data, dict) and "schema_version" not in data:
        raise BadInput(f"{source} is not a mumcoach journal or export. Nothing was changed.")
    return store.parse(raw, source)


def _unwrap_export(data: dict[str, object], source: Path) -> bytes:
    """The journal inside an export; its own version is checked by store.parse."""
    envelope = data.get("schema_version")
    if isinstance(envelope, int) and envelope > JSON_SCHEMA_VERSION:
        raise JournalTooNew(
            f"{source} was exported by a newer mumcoach (export version {envelope}). "
            "Nothing was changed — please update mumcoach."
        )
    inner = data.get("journal")
    if not isinstance(inner, dict):
        raise JournalDamaged(
            f"{source} is damaged at journal (it is missing). Nothing was changed."
        )
    return json.dumps(inner).encode("utf-8")


def conflict_copies(home: Path) -> list[Path]:
    """Copies of the journal that a sync tool left beside it, oldest name first.

    Syncthing: `journal.sync-conflict-20261121-203000-ABCDEFG.json`; Dropbox: `journal (Kate's
    conflicted copy 2026-11-21).json`; others say "conflict" somewhere in the name.
    """
    if not home.is_dir():
        return []
    return sorted(
        p
        for p in home.iterdir()
        if p.is_file()
        and p.name.startswith("journal")
        and p.name != "journal.json"
        and CONFLICT_MARKER in p.name.lower()
    )
