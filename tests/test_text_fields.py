"""Every text field of every journal record is cleaned where it enters (models.TEXT_FIELDS)."""

from __future__ import annotations

import types
import typing
from datetime import date

from mumcoach import models


def holds_text(annotation: object) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(holds_text(arg) for arg in typing.get_args(annotation))
    return False


def test_every_text_field_of_every_record_is_cleaned() -> None:
    records = [
        m for m in vars(models).values() if isinstance(m, type) and issubclass(m, models.Record)
    ]
    assert models.Interaction in records and models.CheckIn in records
    text = {
        f"{m.__name__}.{name}"
        for m in records
        for name, field in m.model_fields.items()
        if holds_text(field.annotation)
    }
    missing = sorted(t for t in text if t.split(".")[1] not in models.TEXT_FIELDS)
    assert missing == [], "add these to models.TEXT_FIELDS so their text is cleaned"


def test_text_is_cleaned_on_load_and_assignment_but_other_fields_are_untouched() -> None:
    person = models.Person(name="Sa\x1b[31mrah\nJ", created=date(2026, 11, 21))
    assert person.name == "Sarah J"
    note = models.Note(date=date(2026, 11, 21), text="line one\nline two\x07")
    assert note.text == "line one\nline two"
    person.name = "Priya\x1b]0;title\x07"
    assert person.name == "Priya"
    checkin = models.CheckIn.model_validate_json(
        '{"date": "2026-11-21", "created_at": "2026-11-21T20:00:00", "what": "ok\\u001b[2J",'
        ' "mood": 3, "interactions": []}'
    )
    assert checkin.what == "ok" and checkin.mood == 3
