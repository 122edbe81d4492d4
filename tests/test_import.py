"""`mumcoach import` through the CLI: merge by id, the later change wins, twice is once."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke, plain

from mumcoach.models import CheckIn, Interaction, Journal, Note
from mumcoach.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
EARLIER = datetime(2026, 11, 20, 9, 0)
LATER = datetime(2026, 11, 21, 18, 0)


def device(folder: Path) -> Path:
    """A device whose journal started as the v2 fixture (as if copied across before)."""
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "journal_v2.json", folder / "journal.json")
    (folder / "journal.json").chmod(0o600)
    return folder


def change(folder: Path, when: datetime, edit: Any) -> None:
    Store(folder, now=lambda: when).update(edit)


def ids(journal: Journal) -> dict[str, Any]:
    """Every record's own content by id, for comparing two journals whatever their order."""
    out: dict[str, Any] = {}
    for kind in ("places", "plans", "checkins", "people", "loneliness"):
        for record in getattr(journal, kind):
            out[record.id] = record.model_dump(mode="json")
    return out


@pytest.fixture
def phone(tmp_path: Path) -> Path:
    """The phone: a new check-in and a note (later), and Priya's child changed (later)."""
    folder = device(tmp_path / "phone")

    def on_phone(journal: Journal) -> None:
        journal.checkins.append(
            CheckIn(
                date=date(2026, 11, 20),
                created_at=datetime(2026, 11, 20, 20),
                mood=4,
                proud="Went to soft play with Aoibhín",
                interactions=[
                    Interaction(
                        person_id="f00000000002", name="Priya", minutes=15, detail="Loves hiking"
                    )
                ],
            )
        )
        journal.people[0].notes.append(Note(date=date(2026, 11, 20), text="Starting back at work"))

    change(folder, EARLIER, on_phone)
    change(folder, LATER, lambda j: setattr(j.people[1], "child", "Arjun (2y)"))
    return folder


@pytest.fixture
def laptop(private_home: Path) -> Path:
    """This device: Priya's child changed earlier; the first plan's if-then changed later."""
    folder = device(private_home)
    change(folder, EARLIER, lambda j: setattr(j.people[1], "child", "Arjun"))
    change(folder, EARLIER, lambda j: setattr(j.people[1], "child_age", "2y"))

    def plan(journal: Journal) -> None:
        journal.plans[0].if_then = "If she looks up, then I'll smile and say hi."

    change(folder, LATER, plan)
    return folder


def test_import_merges_by_id_and_the_later_change_wins(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    result = invoke(["import", str(phone / "journal.json")])
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert "Added from" in said and "1 check-in, 1 note" in said
    assert "records differed; the later change kept:" in said
    assert "Priya's card: kept the one from journal.json (changed 21 Nov 2026 18:00)" in said

    merged = Store(laptop).load()
    phone_journal = Store(phone).load()
    assert (
        len(merged.checkins) == 3 and merged.checkins[-1].proud == "Went to soft play with Aoibhín"
    )
    assert merged.checkins[-1].interactions[0].detail == "Loves hiking"
    niamh, priya = merged.people
    assert [n.text for n in niamh.notes][-1] == "Starting back at work"
    assert priya.child == "Arjun (2y)" and priya.updated_at == LATER, "the phone's, with its time"
    assert merged.plans[0].if_then == "If she looks up, then I'll smile and say hi.", "ours, later"
    assert set(ids(merged)) == set(ids(phone_journal)) | set(ids(Store(laptop).load()))


def test_importing_twice_changes_nothing_and_both_devices_end_the_same(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    assert invoke(["import", str(phone / "journal.json")]).exit_code == 0
    after_first = (laptop / "journal.json").read_bytes()
    backups = Store(laptop).backups()

    again = invoke(["import", str(phone / "journal.json")], now=LATER)
    assert again.exit_code == 0
    assert "already has all of it" in plain(again.rich) or "Nothing new" in plain(again.rich)
    assert (laptop / "journal.json").read_bytes() == after_first, "the union once"
    assert Store(laptop).backups() == backups, "not even a backup"

    # The phone imports the laptop: both now hold the same records, with the same content.
    result = invoke(["--home", str(phone), "import", str(laptop / "journal.json")])
    assert result.exit_code == 0, result.output
    assert ids(Store(phone).load()) == ids(Store(laptop).load())


def test_dry_run_shows_what_would_change_and_changes_nothing(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    before = {p: p.read_bytes() for p in laptop.rglob("*") if p.is_file()}
    result = invoke(["import", str(phone / "journal.json"), "--dry-run"])
    assert result.exit_code == 0
    said = plain(result.rich)
    assert "Would add from" in said and "1 check-in, 1 note" in said
    assert "keeping the one from journal.json" in said
    assert said.endswith("Nothing was changed (--dry-run).")
    assert {p: p.read_bytes() for p in laptop.rglob("*") if p.is_file()} == before


def test_a_json_export_and_an_older_journal_import_too(
    invoke: Invoke, laptop: Path, phone: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "phone-export.json"
    result = invoke(["--home", str(phone), "export", "--output", str(exported)])
    assert result.exit_code == 0
    assert invoke(["import", str(exported)]).exit_code == 0
    assert len(Store(laptop).load().checkins) == 3

    older = invoke(["import", str(FIXTURES / "journal_v1.json")])
    assert older.exit_code == 0, older.output
    assert len(Store(laptop).load().checkins) == 3, "the same records: matched by id"


def test_someone_forgotten_here_stays_forgotten_and_one_forgotten_there_is_forgotten_here(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    assert invoke(["people", "forget", "Priya", "--yes"]).exit_code == 0
    result = invoke(["import", str(phone / "journal.json")])
    assert result.exit_code == 0
    assert "about someone you asked mumcoach to forget stayed out" in plain(result.rich)
    merged = Store(laptop).load()
    assert [p.name for p in merged.people] == ["Niamh"]
    assert "Priya" not in (laptop / "journal.json").read_text(encoding="utf-8")

    # The other way round: the phone learns she was forgotten, backups included.
    result = invoke(["--home", str(phone), "import", str(laptop / "journal.json")])
    assert result.exit_code == 0
    assert "Priya was forgotten on the other device" in plain(result.rich)
    for path in phone.rglob("*.json"):
        assert "Priya" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b'{"schema_version": 2, "people": [', 3, "is damaged at line 1"),
        (b'{"schema_version": 9, "people": []}', 4, "newer mumcoach"),
        (b'{"schema_version": 1, "kind": "export", "journal": {"schema_version": 7}}', 4, "newer"),
        (b'{"schema_version": 1, "kind": "export"}', 3, "damaged at journal"),
        (b'{"schema_version": 2, "checkins": [{"mood": 9}]}', 3, "checkins[0]"),
        (b'{"recipes": []}', 2, "is not a mumcoach journal or export"),
        (b"\xff\xfe not text", 3, "not valid UTF-8"),
    ],
)
def test_a_bad_file_is_refused_in_one_line_with_nothing_changed(
    invoke: Invoke, laptop: Path, tmp_path: Path, content: bytes, code: int, message: str
) -> None:
    bad = tmp_path / "other.json"
    bad.write_bytes(content)
    before = (laptop / "journal.json").read_bytes()
    result = invoke(["import", str(bad)])
    assert result.exit_code == code, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert (laptop / "journal.json").read_bytes() == before


def test_missing_folder_and_own_journal_are_refused(
    invoke: Invoke, laptop: Path, tmp_path: Path
) -> None:
    for target, message in (
        (tmp_path / "nowhere.json", "Could not read"),
        (tmp_path, "is a folder"),
        (laptop / "journal.json", "this device's own journal"),
    ):
        result = invoke(["import", str(target)])
        assert result.exit_code == 2 and message in result.output, result.output


def test_doctor_notices_sync_conflict_copies_and_says_how_to_merge(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    syncthing = laptop / "journal.sync-conflict-20261121-203000-ABCDEFG.json"
    dropbox = laptop / "journal (Kate's conflicted copy 2026-11-21).json"
    shutil.copyfile(phone / "journal.json", syncthing)
    result = invoke(["doctor"])
    assert result.exit_code == 0, "a note, not a problem"
    said = plain(result.rich)
    assert "Sync conflicts" in said and "A sync tool left a copy of your journal" in said
    data = json.loads(invoke(["doctor", "--json"]).output)
    (check,) = [c for c in data["checks"] if c["name"] == "Sync conflicts"]
    assert f'mumcoach import "{syncthing}"' in check["detail"]

    shutil.copyfile(phone / "journal.json", dropbox)
    data = json.loads(invoke(["doctor", "--json"]).output)
    (check,) = [c for c in data["checks"] if c["name"] == "Sync conflicts"]
    assert dropbox.name in check["detail"] and syncthing.name in check["detail"]
    assert check["ok"] is False and check["exit_code"] == 0

    # Following the advice merges the copy.
    assert invoke(["import", str(dropbox)]).exit_code == 0
    assert len(Store(laptop).load().checkins) == 3


def test_doctor_says_nothing_about_sync_when_there_are_no_copies(
    invoke: Invoke, laptop: Path
) -> None:
    assert "Sync conflicts" not in plain(invoke(["doctor"]).rich)
    assert FIXED_NOW  # the shared clock is what the journal's saves used


def test_a_merge_on_one_device_holds_after_importing_the_other(
    invoke: Invoke, laptop: Path, phone: Path
) -> None:
    niamh, priya = Store(laptop).load().people
    result = invoke(["people", "merge", priya.id, niamh.id, "--yes"])
    assert result.exit_code == 0, result.output
    # the phone still has Priya, with a new chat; importing it must not bring her card back
    result = invoke(["import", str(phone / "journal.json")])
    assert result.exit_code == 0, result.output
    merged = Store(laptop).load()
    assert [p.id for p in merged.people] == [niamh.id]
    assert merged.merged == {priya.id: niamh.id}
    chats = [i for c in merged.checkins for i in c.interactions]
    assert {i.person_id for i in chats} == {niamh.id}
    assert any(i.detail == "Loves hiking" for i in chats)  # the phone's chat, on Niamh's card
    notes = [n.text for n in merged.people[0].notes]
    assert notes.count("Also logged as “Priya” (merged).") == 1
    # and the other way: the phone imports the laptop, and Priya folds into Niamh there too
    shutil.copyfile(laptop / "journal.json", phone / "from_laptop.json")
    result = invoke(["--home", str(phone), "import", str(phone / "from_laptop.json")])
    assert result.exit_code == 0, result.output
    assert [p.id for p in Store(phone).load().people] == [niamh.id]


def test_a_new_device_takes_everything_and_claims_no_backup(
    invoke: Invoke, private_home: Path, phone: Path
) -> None:
    result = invoke(["import", str(phone / "journal.json")])
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert "your profile, your ladder, 2 places, 2 plans, 3 check-ins, 2 people" in said
    assert "differ" not in said and "backups" not in said
    assert ids(Store(private_home).load()) == ids(Store(phone).load())
    assert Store(private_home).load().ladder.ratings == Store(phone).load().ladder.ratings
