"""The store: load → migrate → validate, unknown fields kept, private files, backups, the lock."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mumcoach import migrations, models, store
from mumcoach.checks import record_counts
from mumcoach.errors import JournalBusy, JournalDamaged, RefusedToDropRecords
from mumcoach.models import Journal, Note, Person
from mumcoach.paths import JOURNAL_NAME
from mumcoach.store import Store, backups_to_prune

FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and locks")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def install_fixture(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    target = home / JOURNAL_NAME
    shutil.copyfile(FIXTURE, target)
    target.chmod(0o600)
    return target


def assert_contains(original: Any, saved: Any, where: str = "journal") -> None:
    """Everything in `original` is in `saved` with the same value (saved may add defaults)."""
    if isinstance(original, dict):
        assert isinstance(saved, dict), where
        for key, value in original.items():
            assert key in saved, f"{where}.{key} was dropped"
            assert_contains(value, saved[key], f"{where}.{key}")
    elif isinstance(original, list):
        assert isinstance(saved, list) and len(saved) == len(original), where
        for i, (a, b) in enumerate(zip(original, saved, strict=True)):
            assert_contains(a, b, f"{where}[{i}]")
    else:
        assert saved == original, f"{where}: {original!r} became {saved!r}"


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def add_person(name: str) -> Any:
    def change(journal: Journal) -> None:
        journal.people.append(Person(name=name, created=date(2026, 11, 21)))

    return change


# -- the fixture journal ------------------------------------------------------------------------


def test_fixture_journal_loads_with_every_kind_of_record(private_home: Path) -> None:
    install_fixture(private_home)
    journal = Store(private_home).load()

    assert journal.schema_version == 2
    assert journal.profile is not None and journal.profile.name == "Aoife"
    assert [c.name for c in journal.profile.children] == ["Rory", "Saoirse"]
    assert journal.ladder.custom_steps[0].id == "custom-library-rhymes"
    assert len(journal.places) == 2 and len(journal.plans) == 2
    assert [len(c.interactions) for c in journal.checkins] == [1, 2]
    assert [len(p.notes) for p in journal.people] == [2, 0]
    assert [entry.answers for entry in journal.loneliness] == [[3, 2, 3], [2, 2, 3]]
    # Unknown fields survive at the top level and inside records at every depth.
    assert journal.model_extra == {
        "sync_hint": {"device": "kitchen-laptop", "note": "written by a newer mumcoach 1.x"}
    }
    assert journal.checkins[0].model_extra == {"weather": "rain"}
    assert journal.checkins[0].interactions[0].model_extra == {"photo_ref": "IMG_2041"}
    assert journal.people[0].notes[1].model_extra == {"pinned": True}


def test_fixture_journal_resaves_with_unknown_fields_and_values_kept(private_home: Path) -> None:
    path = install_fixture(private_home)
    original = json.loads(FIXTURE.read_text(encoding="utf-8"))
    st = Store(private_home)

    st.update(add_person("Grace"))

    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["sync_hint"] == original["sync_hint"]
    assert saved["checkins"][0]["weather"] == "rain"
    assert saved["checkins"][0]["interactions"][0]["photo_ref"] == "IMG_2041"
    assert saved["places"][1]["parking"] == "round the back"
    assert saved["people"][1]["nickname"] == "P"
    assert saved["loneliness"][1]["context"] == "after half-term"
    # Every value of the original is still there, unchanged; only Grace was added.
    grace = saved["people"].pop()
    assert grace["name"] == "Grace"
    assert saved.pop("schema_version") == models.SCHEMA_VERSION
    original.pop("schema_version")
    assert_contains(original, saved)


def test_saving_twice_without_changes_is_byte_stable(private_home: Path) -> None:
    path = install_fixture(private_home)
    st = Store(private_home)
    st.update(lambda journal: None)
    first = path.read_bytes()
    st.update(lambda journal: None)
    assert path.read_bytes() == first
    assert first.endswith(b"}\n")


def test_missing_journal_loads_as_a_new_empty_one(private_home: Path) -> None:
    st = Store(private_home, now=lambda: datetime(2026, 11, 21, 9, 0))
    journal = st.load()
    assert journal.people == [] and journal.checkins == []
    assert journal.created_at == datetime(2026, 11, 21, 9, 0)
    assert not private_home.exists(), "loading must not create the data folder"


# -- migrations -----------------------------------------------------------------------------------


@pytest.fixture
def future_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend this mumcoach reads version 3, with steps 1→2 and 2→3; yields the call log."""
    calls: list[str] = []

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(f"1->2 saw version {data['schema_version']}")
        data["people"] = [{**p, "nickname": p.get("nickname", p["name"])} for p in data["people"]]
        return data

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(f"2->3 saw version {data['schema_version']}")
        # Relies on step 1→2 having run first.
        data["people"] = [{**p, "greeting": f"Hi {p['nickname']}"} for p in data["people"]]
        return data

    monkeypatch.setattr(migrations, "MIGRATIONS", {2: v2_to_v3, 1: v1_to_v2})
    monkeypatch.setattr(models, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    yield calls


def test_migration_ladder_runs_each_step_once_in_order(
    private_home: Path, future_schema: list[str]
) -> None:
    path = install_fixture(private_home)
    journal = Store(private_home).load()

    assert future_schema == ["1->2 saw version 1", "2->3 saw version 2"]
    assert journal.schema_version == 3
    assert journal.people[0].model_extra["greeting"] == "Hi Niamh"  # type: ignore[index]
    assert journal.people[1].model_extra["greeting"] == "Hi P"  # type: ignore[index]
    assert json.loads(path.read_text())["schema_version"] == 1, "loading alone never writes"


def test_migrated_journal_is_saved_at_the_new_version(
    private_home: Path, future_schema: list[str]
) -> None:
    path = install_fixture(private_home)
    Store(private_home).update(add_person("Grace"))

    saved = json.loads(path.read_text())
    assert saved["schema_version"] == 3
    assert saved["sync_hint"]["device"] == "kitchen-laptop"
    assert [p.get("greeting") for p in saved["people"][:2]] == ["Hi Niamh", "Hi P"]
    # The newest backup is the journal as saved; the pre-migration file is kept, untouched.
    newest, before_migration = Store(private_home).backups()
    assert newest.read_bytes() == path.read_bytes()
    assert before_migration.read_bytes() == FIXTURE.read_bytes()
    # A second load starts at version 3: no step runs again.
    future_schema.clear()
    Store(private_home).load()
    assert future_schema == []


def test_a_gap_in_the_ladder_is_reported_as_damage(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = install_fixture(private_home)
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    with pytest.raises(JournalDamaged, match="no migration from schema version 1"):
        Store(private_home).load()
    assert path.read_bytes() == FIXTURE.read_bytes()


# -- permissions ----------------------------------------------------------------------------------


@posix_only
def test_first_save_creates_a_private_folder_and_file(private_home: Path) -> None:
    st = Store(private_home)
    st.update(add_person("Niamh"))
    st.update(add_person("Priya"))
    assert mode(private_home) == 0o700
    assert mode(st.path) == 0o600
    assert mode(st.backup_dir) == 0o700
    assert [mode(b) for b in st.backups()] == [0o600, 0o600]
    assert not mode(st.lock_path) & 0o077


@posix_only
def test_looser_permissions_are_tightened_on_save(private_home: Path) -> None:
    path = install_fixture(private_home)
    private_home.chmod(0o755)
    path.chmod(0o644)
    st = Store(private_home)
    st.update(add_person("Grace"))
    assert mode(private_home) == 0o700
    assert mode(path) == 0o600
    assert all(mode(b) == 0o600 for b in st.backups())


@posix_only
def test_looser_permissions_are_tightened_on_load(private_home: Path) -> None:
    path = install_fixture(private_home)
    path.chmod(0o664)
    Store(private_home).load()
    assert mode(path) == 0o600


# -- backups ---------------------------------------------------------------------------------------


def test_backups_hold_every_saved_version_and_the_journal_as_found(private_home: Path) -> None:
    install_fixture(private_home)  # as if hand-made: not saved by this store before
    st = Store(private_home)
    assert st.backups() == []
    st.update(add_person("Grace"))
    before = st.path.read_bytes()
    st.update(add_person("Hannah"))
    newest, previous, found = st.backups()
    assert newest.read_bytes() == st.path.read_bytes()  # restoring it loses nothing
    assert previous.read_bytes() == before  # undoes the last save
    assert found.read_bytes() == FIXTURE.read_bytes()
    assert [p.name for p in st.load().people][-2:] == ["Grace", "Hannah"]


def test_a_hand_edit_between_saves_is_kept_as_it_was(private_home: Path) -> None:
    st = Store(private_home)
    st.update(add_person("Grace"))
    edited = st.path.read_bytes().replace(b'"Grace"', b'"Grace Hopper"')
    st.path.write_bytes(edited)
    st.update(add_person("Hannah"))
    newest, hand_edited, first = st.backups()
    assert hand_edited.read_bytes() == edited
    assert newest.read_bytes() == st.path.read_bytes()
    assert first.read_bytes() != edited


def test_backup_names_keep_order_when_the_clock_stands_still_or_goes_back(
    private_home: Path,
) -> None:
    clock = Clock(datetime(2026, 11, 21, 20, 0))
    st = Store(private_home, now=clock)
    for n, hour in enumerate((20, 20, 19, 20)):
        clock.now = datetime(2026, 11, 21, hour, 0)
        st.update(add_person(f"p{n}"))
    names = [st.parse(b.read_bytes(), b).people[-1].name for b in st.backups()]
    assert names == ["p3", "p2", "p1", "p0"]


def test_backups_rotate_keeping_last_ten_and_newest_per_day(private_home: Path) -> None:
    clock = Clock(datetime(2026, 10, 1, 9, 0))
    st = Store(private_home, now=clock)
    backup_times: list[datetime] = []
    for day in range(20):
        for hour in (9, 12, 18):
            clock.now = datetime(2026, 10, 1, hour, 0) + timedelta(days=day)
            backup_times.append(clock.now)
            st.update(add_person(f"day{day}-{hour}"))

    stamps = [b.name for b in st.backups()]
    newest_first = sorted(backup_times, reverse=True)
    expected = set(newest_first[:10])  # the last ten saves
    newest_per_day: dict[date, datetime] = {}
    for t in newest_first:
        newest_per_day.setdefault(t.date(), t)
    expected |= set(sorted(newest_per_day.values(), reverse=True)[:14])
    assert len(backup_times) == 60
    assert stamps == [f"journal-{t:%Y%m%d-%H%M%S-%f}.json" for t in sorted(expected, reverse=True)]
    assert len(stamps) == 20
    # The oldest kept backup is the newest of the 14th most recent day, and it is a whole journal.
    oldest = st.parse(st.backups()[-1].read_bytes(), st.backups()[-1])
    assert oldest.people[-1].name == "day6-18"


def test_backups_to_prune_never_drops_the_last_ten_or_daily_copies() -> None:
    names = [
        Path(f"journal-202611{d:02d}-{h:02d}0000-000000.json")
        for d in (21, 20)
        for h in range(23, 11, -1)
    ]  # 24 backups over two days, newest first
    doomed = backups_to_prune(names)
    kept = [n for n in names if n not in doomed]
    assert kept == names[:10] + [names[12]]  # ten newest + the newest on the 20th
    assert backups_to_prune(names[:10]) == []


# -- stale temp files -----------------------------------------------------------------------------


def test_stale_temp_files_are_ignored_on_load_and_removed_on_save(private_home: Path) -> None:
    install_fixture(private_home)
    st = Store(private_home)
    st.update(add_person("Grace"))
    # What a run killed mid-write leaves behind: half-written temp files, here and in backups/.
    stale = [
        private_home / ".journal.json.4242.deadbeef.tmp",
        private_home / ".journal.json.99.0badc0de.tmp",
        st.backup_dir / ".journal-20261121-203000-000000.json.77.cafef00d.tmp",
    ]
    for path in stale:
        path.write_bytes(b'{"schema_version": 1, "people": [{"na')

    assert [p.name for p in st.load().people][-1] == "Grace"
    assert all(p.exists() for p in stale), "loading must not touch files"

    st.update(add_person("Hannah"))
    assert not any(p.exists() for p in stale)
    assert list(private_home.glob("*.tmp")) + list(private_home.glob(".*.tmp")) == []
    assert [p.name for p in st.load().people][-2:] == ["Grace", "Hannah"]


# -- refusing to drop records ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("people", lambda j: j.people.pop()),
        ("checkins, checkins.interactions", lambda j: j.checkins.clear()),
        ("checkins.interactions", lambda j: j.checkins[1].interactions.pop()),
        ("people.notes", lambda j: j.people[0].notes.pop(0)),
        ("loneliness", lambda j: j.loneliness.pop()),
        ("ladder.custom_steps", lambda j: j.ladder.custom_steps.clear()),
    ],
)
def test_a_save_that_drops_records_is_refused(private_home: Path, what: str, change: Any) -> None:
    path = install_fixture(private_home)
    st = Store(private_home)
    with pytest.raises(RefusedToDropRecords, match=f"lost records \\({what}\\)"):
        st.update(change)
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert st.backups() == []


def test_replacing_a_record_with_another_is_still_refused(private_home: Path) -> None:
    """Counts per place, so dropping a note while adding a person is not waved through."""
    path = install_fixture(private_home)

    def swap(journal: Journal) -> None:
        journal.people[0].notes.pop()
        journal.people.append(Person(name="Grace", created=date(2026, 11, 21)))

    with pytest.raises(RefusedToDropRecords):
        Store(private_home).update(swap)
    assert path.read_bytes() == FIXTURE.read_bytes()


def test_a_deletion_the_person_asked_for_is_saved(private_home: Path) -> None:
    install_fixture(private_home)
    st = Store(private_home)
    st.update(lambda j: j.people.pop(), deletion=True)
    assert [p.name for p in st.load().people] == ["Niamh"]
    newest, before = st.backups()
    assert before.read_bytes() == FIXTURE.read_bytes()
    assert newest.read_bytes() == st.path.read_bytes()


def test_editing_without_dropping_is_allowed(private_home: Path) -> None:
    install_fixture(private_home)
    st = Store(private_home)

    def edit(journal: Journal) -> None:
        journal.people[0].notes[0] = Note(date=date(2026, 11, 21), text="Rewritten")
        journal.people[1].name = "Priya S."

    st.update(edit)
    people = st.load().people
    assert people[0].notes[0].text == "Rewritten" and people[1].name == "Priya S."


def test_record_counts_sees_nested_records() -> None:
    data = json.loads(FIXTURE.read_text())
    counts = record_counts(data)
    assert counts["checkins"] == 2
    assert counts["checkins.interactions"] == 3
    assert counts["people.notes"] == 2
    assert counts["profile.children"] == 2
    assert counts["loneliness"] == 2


# -- the lock --------------------------------------------------------------------------------------


HOLD_LOCK = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
lock.release()
"""


def test_a_held_lock_makes_update_fail_fast_instead_of_hanging(private_home: Path) -> None:
    path = install_fixture(private_home)
    st = Store(private_home, lock_timeout=0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(st.lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(JournalBusy) as caught:
            st.update(add_person("Grace"))
        waited = time.monotonic() - started
        assert 0.25 <= waited < 3, f"waited {waited:.2f}s for a 0.3s lock timeout"
        assert str(st.lock_path) in caught.value.message
        assert "\n" not in caught.value.message
        assert path.read_bytes() == FIXTURE.read_bytes()
        assert st.backups() == []
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    # Once the other process lets go, saving works again.
    st.update(add_person("Grace"))
    assert st.load().people[-1].name == "Grace"
