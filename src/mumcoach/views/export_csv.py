"""The CSV export: one spreadsheet-ready file per kind of record, with a header row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel

from mumcoach.coach.ladder import plan_step_titles
from mumcoach.content import Content
from mumcoach.models import (
    CheckIn,
    Interaction,
    Journal,
    Loneliness,
    Note,
    Person,
    Place,
    Plan,
    Schedule,
)
from mumcoach.schedule import describe
from mumcoach.stamps import nested_lists

BOM = "\ufeff"  # lets Excel and LibreOffice see UTF-8, so accents (Aoife, Zoë) stay intact
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula
Row = dict[str, Any]


def csv_files(journal: Journal, content: Content) -> dict[str, str]:
    """File name -> CSV text (with a byte-order mark), one per kind of record, in a set order."""
    steps = plan_step_titles(content, journal)
    places = {p.id: p.name for p in journal.places}
    names = {p.id: p.name for p in journal.people}
    kinds: dict[str, list[Row]] = {
        "checkins.csv": [
            {**_fields(c), "people_met": len(c.interactions)} for c in journal.checkins
        ],
        "plans.csv": [
            {**_fields(p), "place": places.get(p.place_id or ""), "step": steps.get(p.id)}
            for p in journal.plans
        ],
        "interactions.csv": [
            {"checkin_id": c.id, "date": c.date, **_fields(i)}
            for c in journal.checkins
            for i in c.interactions
        ],
        "people.csv": [_fields(p) for p in journal.people],
        "notes.csv": [
            {"person_id": p.id, "person": p.name, **_fields(n)}
            for p in journal.people
            for n in p.notes
        ],
        "follow-ups.csv": [
            {
                "interaction_id": i.id,
                "person_id": i.person_id,
                "name": names.get(i.person_id, i.name),
                "follow_up": i.follow_up,
                "due": i.follow_up_due,
                "done": i.follow_up_done,
                "status": "done" if i.follow_up_done else "open",
            }
            for c in journal.checkins
            for i in c.interactions
            if i.follow_up
        ],
        "places.csv": [_fields(p) for p in journal.places],
        "loneliness.csv": [{**_fields(x), "total": sum(x.answers)} for x in journal.loneliness],
    }
    return {name: _csv_text(rows, _header(name)) for name, rows in kinds.items()}


# file -> (model, columns before its fields, columns after): the header, even with no rows
COLUMNS: dict[str, tuple[type[BaseModel], tuple[str, ...], tuple[str, ...]]] = {
    "checkins.csv": (CheckIn, (), ("people_met",)),
    "plans.csv": (Plan, (), ("place", "step")),
    "interactions.csv": (Interaction, ("checkin_id", "date"), ()),
    "people.csv": (Person, (), ()),
    "notes.csv": (Note, ("person_id", "person"), ()),
    "places.csv": (Place, (), ()),
    "loneliness.csv": (Loneliness, (), ("total",)),
}
FOLLOW_UP_COLUMNS = ["interaction_id", "person_id", "name", "follow_up", "due", "done", "status"]


def _header(name: str) -> list[str]:
    if name not in COLUMNS:
        return FOLLOW_UP_COLUMNS
    model, before, after = COLUMNS[name]
    own = [f for f in model.model_fields if f not in nested_lists(model)]
    return list(dict.fromkeys([*before, *own, *after]))


def _fields(record: BaseModel) -> Row:
    """The record's own known fields (nested records and unknown fields are left to JSON)."""
    skip = nested_lists(type(record))
    return {name: getattr(record, name) for name in type(record).model_fields if name not in skip}


def _csv_text(rows: Iterable[Row], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quoted as needed, CRLF line ends
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in header])
    return BOM + buffer.getvalue()


def cell(value: Any) -> str:
    """One value as spreadsheet text; text that a spreadsheet would run is made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Schedule):
        return describe(value)
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
