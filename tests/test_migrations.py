"""Journal v2: every record has an id and an `updated_at`; v1 migrates; saves keep them true."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke

from mumcoach import models
from mumcoach.errors import JournalDamaged
from mumcoach.models import Journal, Note, Person
from mumcoach.paths import JOURNAL_NAME
from mumcoach.stamps import stamped_records
from mumcoach.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "journal_v1.json"
V2 = FIXTURES / "journal_v2.json"


def install(home: Path, fixture: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    target = home / JOURNAL_NAME
    shutil.copyfile(fixture, target)
    target.chmod(0o600)
    return target


def records(journal: Journal) -> dict[tuple[str, ...], Any]:
    return dict(stamped_records(journal))


def test_schema_version_is_2() -> None:
    assert models.SCHEMA_VERSION == 2
    assert json.loads(V2.read_text(encoding="utf-8"))["schema_version"] == 2


def test_v1_migrates_to_every_record_with_an_id_and_a_time(private_home: Path) -> None:
    install(private_home, V1)
    journal = Store(private_home).load()

    assert journal.schema_version == 2
    found = records(journal)
    # profile, ladder, custom step, 2 places, 2 plans, 2 check-ins, 3 interactions, 2 people,
    # 2 notes, 2 loneliness checks
    assert len(found) == 18
    assert all(record.updated_at is not None for record in found.values())
    assert all(getattr(r, "id", "x") for r in found.values())
    # Ids that v1 had are kept; each record's time is the best v1 knew.
    first, second = journal.checkins
    assert first.id == "c00000000001" and first.updated_at == first.created_at
    assert first.interactions[0].updated_at == first.created_at
    assert journal.profile is not None
    assert journal.profile.updated_at == datetime(2026, 11, 9)  # its `updated` date
    assert journal.people[0].notes[0].updated_at == datetime(2026, 11, 4)
    assert journal.loneliness[1].updated_at == datetime(2026, 11, 16)
    assert journal.ladder.updated_at == journal.created_at
    # Unknown fields are untouched.
    assert journal.checkins[0].model_extra == {"weather": "rain"}
    assert journal.people[0].notes[1].model_extra == {"pinned": True}


def test_a_follow_up_marked_done_later_counts_as_a_later_change(private_home: Path) -> None:
    path = install(private_home, V1)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["checkins"][0]["interactions"][0]["follow_up_done"] = "2026-11-12"
    path.write_text(json.dumps(data), encoding="utf-8")

    journal = Store(private_home).load()
    assert journal.checkins[0].interactions[0].updated_at == datetime(2026, 11, 12)


def test_ids_v1_lacked_come_from_content_so_two_devices_agree(tmp_path: Path) -> None:
    one, two = install(tmp_path / "laptop", V1), install(tmp_path / "phone", V1)
    data = json.loads(two.read_text(encoding="utf-8"))
    data["people"][0]["notes"].append(dict(data["people"][0]["notes"][0]))  # a repeated note
    two.write_text(json.dumps(data), encoding="utf-8")

    laptop = Store(one.parent).load()
    phone = Store(two.parent).load()
    laptop_notes = [n.id for n in laptop.people[0].notes]
    phone_notes = [n.id for n in phone.people[0].notes]
    assert phone_notes[:2] == laptop_notes
    assert len(set(phone_notes)) == 3, "a repeated note still gets its own id"
    assert [x.id for x in laptop.loneliness] == [x.id for x in phone.loneliness]
    assert Store(one.parent).load().people[0].notes[0].id == laptop_notes[0], "stable per load"


def test_a_damaged_date_is_reported_as_itself_not_as_updated_at(private_home: Path) -> None:
    path = install(private_home, V1)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["checkins"][1]["created_at"] = "last tuesday"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(JournalDamaged, match=r"checkins\[1\]\.created_at"):
        Store(private_home).load()


def test_v2_fixture_loads_and_resaves_with_everything_kept(private_home: Path) -> None:
    path = install(private_home, V2)
    original = json.loads(V2.read_text(encoding="utf-8"))
    st = Store(private_home, now=lambda: FIXED_NOW)

    st.update(lambda journal: None)

    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["people"][0]["updated_at"] == "2026-11-12T08:05:00", "nothing changed: no stamp"
    assert saved["people"][0]["notes"][0]["colour"] == "green"
    assert saved["sync_hint"] == original["sync_hint"]
    assert all(r.updated_at is not None for r in records(st.load()).values())
    assert FIXED_NOW.isoformat() not in path.read_text(encoding="utf-8")


def test_a_save_stamps_only_the_records_it_changed(private_home: Path) -> None:
    install(private_home, V2)
    later = datetime(2026, 11, 21, 9, 0)
    st = Store(private_home, now=lambda: later)
    before = records(st.load())

    def change(journal: Journal) -> None:
        journal.people[1].child = "Arjun (2)"
        journal.people[0].notes.append(Note(date=later.date(), text="Back from Galway"))
        journal.people.append(Person(name="Grace", created=later.date()))

    st.update(change)

    after = records(st.load())
    changed = {key for key, r in after.items() if r.updated_at == later}
    new_note = next(key for key in after if key not in before and key[-2] == "notes")
    grace = next(key for key in after if key not in before and len(key) == 2)
    priya = ("people", "f00000000002")
    assert changed == {priya, new_note, grace}
    assert after[("people", "f00000000001")].updated_at == datetime(2026, 11, 12, 8, 5)


def test_a_hand_added_record_without_a_time_is_stamped_on_the_next_save(
    private_home: Path,
) -> None:
    path = install(private_home, V2)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["loneliness"].append({"date": "2026-11-20", "answers": [1, 2, 1]})
    path.write_text(json.dumps(data), encoding="utf-8")

    Store(private_home, now=lambda: FIXED_NOW).update(lambda journal: None)

    saved = json.loads(path.read_text(encoding="utf-8"))["loneliness"][-1]
    assert saved["updated_at"] == FIXED_NOW.isoformat() and len(saved["id"]) == 12


def test_commands_stamp_what_they_change(invoke: Invoke, private_home: Path) -> None:
    install(private_home, V2)
    later = datetime(2026, 11, 22, 7, 15)

    result = invoke(["people", "edit", "Priya", "--stage", "chatted"], now=later)
    assert result.exit_code == 0, result.output
    result = invoke(["people", "note", "Niamh", "Her sister is visiting"], now=later)
    assert result.exit_code == 0, result.output

    journal = Store(private_home).load()
    niamh, priya = journal.people
    assert priya.updated_at == later
    assert niamh.updated_at == datetime(2026, 11, 12, 8, 5), "a note is its own record"
    assert niamh.notes[-1].updated_at == later
    assert [n.updated_at for n in niamh.notes[:-1]] != [later, later]


def test_the_nested_list_names_are_the_real_ones() -> None:
    from mumcoach import stamps

    found = {
        n
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, models.Record)
        for n in stamps.nested_lists(m)
    }
    assert found - {"places", "plans", "checkins", "people", "loneliness"} == stamps._NESTED_NAMES
