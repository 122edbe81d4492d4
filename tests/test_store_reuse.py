"""A save reuses the journal loaded with `reuse` when the file is unchanged; nothing is lost."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from mumcoach.checks import record_counts
from mumcoach.errors import JournalDamaged, RefusedToDropRecords
from mumcoach.models import SCHEMA_VERSION, Journal, Person
from mumcoach.paths import JOURNAL_NAME
from mumcoach.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with the v1 fixture saved once, so the journal on disk is current."""
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, folder / JOURNAL_NAME)
    Store(folder).update(lambda journal: None)
    return folder


def add(name: str):  # type: ignore[no-untyped-def]
    def change(journal: Journal) -> None:
        journal.people.append(Person(name=name, created=date(2026, 11, 21)))

    return change


def names(home: Path) -> list[str]:
    return [p.name for p in Store(home).load().people]


class ParseCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = Store.parse

        def counting(st: Store, raw: bytes, source: Path) -> Journal:
            self.calls += 1
            return real(st, raw, source)

        monkeypatch.setattr(Store, "parse", counting)


def test_a_save_after_a_load_of_the_same_bytes_does_not_read_the_journal_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st = Store(home)
    st.load(reuse=True)
    parsed = ParseCounter(monkeypatch)
    st.update(add("Ada"))
    assert parsed.calls == 0
    st.update(add("Bea"))  # once only: the next save reads the file again
    assert parsed.calls == 1
    assert names(home)[-2:] == ["Ada", "Bea"]


def test_a_journal_loaded_as_a_scratch_copy_is_never_what_a_save_starts_from(
    home: Path,
) -> None:
    """`mumcoach import` previews a merge on a plain load, then merges again under the lock."""
    st = Store(home)
    scratch = st.load()
    scratch.people.append(Person(name="Preview only", created=date(2026, 11, 21)))
    st.update(add("Ada"))
    assert "Preview only" not in names(home) and names(home)[-1] == "Ada"


def test_a_save_after_another_process_saved_reads_the_new_journal(home: Path) -> None:
    mine, theirs = Store(home), Store(home)
    mine.load(reuse=True)
    theirs.update(add("Theirs"))
    mine.update(add("Mine"))
    assert names(home)[-2:] == ["Theirs", "Mine"]


def test_a_save_after_a_hand_edit_reads_the_edit(home: Path) -> None:
    st = Store(home)
    st.load(reuse=True)
    data = json.loads((home / JOURNAL_NAME).read_text(encoding="utf-8"))
    data["people"][0]["name"] = "Edited by hand"
    (home / JOURNAL_NAME).write_text(json.dumps(data), encoding="utf-8")
    st.update(add("Ada"))
    assert names(home)[0] == "Edited by hand" and names(home)[-1] == "Ada"


def test_a_change_that_fails_half_way_is_never_saved_later(home: Path) -> None:
    st = Store(home)
    before = names(home)
    st.load(reuse=True)

    def half_then_fail(journal: Journal) -> None:
        journal.people.append(Person(name="Half", created=date(2026, 11, 21)))
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        st.update(half_then_fail)
    st.update(add("Ada"))
    assert names(home) == [*before, "Ada"]


def test_records_dropped_from_a_loaded_journal_before_the_save_are_still_refused(
    home: Path,
) -> None:
    st = Store(home)
    journal = st.load(reuse=True)
    journal.people.clear()  # a bug outside update(): the counts taken at load still hold
    with pytest.raises(RefusedToDropRecords):
        st.update(lambda j: None)
    assert names(home)


def test_reading_straight_from_bytes_gives_the_same_journal_as_step_by_step(home: Path) -> None:
    st = Store(home)
    raw = (home / JOURNAL_NAME).read_bytes()
    fast = st.parse(raw, home / JOURNAL_NAME)
    slow = st._parse_slowly(raw, home / JOURNAL_NAME)
    assert fast == slow and fast.model_dump_json() == slow.model_dump_json()
    assert fast.schema_version == SCHEMA_VERSION
    assert fast.checkins[0].model_extra == slow.checkins[0].model_extra != {}


@pytest.mark.parametrize(
    "edit",
    [
        lambda data: data.pop("schema_version"),
        lambda data: data.update(schema_version=True),
        lambda data: data.update(schema_version="2"),
    ],
    ids=["missing", "true", "text"],
)
def test_a_journal_with_no_usable_version_is_still_called_damaged(home: Path, edit) -> None:  # type: ignore[no-untyped-def]
    path = home / JOURNAL_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(JournalDamaged, match="schema_version"):
        Store(home).load()


def test_records_are_counted_on_the_models_as_on_the_saved_json(home: Path) -> None:
    journal = Store(home).load()
    journal.checkins[0].__pydantic_extra__["photos"] = [{"file": "a.jpg"}, {"file": "b.jpg"}]  # type: ignore[index]
    on_models = record_counts(journal)
    assert on_models == record_counts(json.loads(journal.model_dump_json()))
    assert on_models["checkins.photos"] == 2 and on_models["checkins.interactions"] >= 1


def test_a_save_stamps_exactly_the_records_it_changed(home: Path) -> None:
    st = Store(home)
    before = st.load()

    def change(journal: Journal) -> None:
        journal.checkins[0].what = "Changed"
        journal.ladder.ratings["say-hello"] = 2  # a table changed in place
        journal.people[0].notes.append(  # a nested record: the person keeps her stamp
            journal.people[0]
            .notes[0]
            .model_copy(update={"id": "n-new", "text": "New", "updated_at": None})
        )

    st.update(change)
    after = st.load()
    assert after.checkins[0].updated_at != before.checkins[0].updated_at
    assert after.ladder.updated_at != before.ladder.updated_at
    assert after.people[0].notes[-1].updated_at != before.people[0].notes[0].updated_at
    assert after.people[0].updated_at == before.people[0].updated_at
    assert after.checkins[1].updated_at == before.checkins[1].updated_at
    assert after.plans[0].updated_at == before.plans[0].updated_at


def stamped_by(home: Path, change) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """The records (by where they are) whose `updated_at` a save with `change` set."""
    from mumcoach.stamps import stamped_records

    before = {key: r.updated_at for key, r in stamped_records(Store(home).load())}
    Store(home).update(change)
    after = stamped_records(Store(home).load())
    return {key for key, r in after if before.get(key) != r.updated_at}


def test_a_save_stamps_records_changed_in_place_and_only_those(home: Path) -> None:
    journal = Store(home).load()
    plan, checkin, interaction = (
        journal.plans[1],
        journal.checkins[1],
        journal.checkins[1].interactions[0],
    )
    place = journal.places[0]

    def change(journal: Journal) -> None:
        journal.plans[1].person_ids.append("p-1")  # a list of plain values
        journal.checkins[1].interactions[0].__pydantic_extra__["mood"] = "sunny"  # type: ignore[index]
        journal.places[0].aliases.append("The hall")

    assert stamped_by(home, change) == {
        ("plans", plan.id),
        ("checkins", checkin.id, "interactions", interaction.id),
        ("places", place.id),
    }


def test_a_replaced_record_is_stamped_only_if_its_content_differs(home: Path) -> None:
    journal = Store(home).load()
    first, second = journal.people

    def change(journal: Journal) -> None:
        journal.people[0] = journal.people[0].model_copy(deep=True)  # the same content
        journal.people[1] = journal.people[1].model_copy(update={"child": "Rosa (3)"}, deep=True)

    assert stamped_by(home, change) == {("people", second.id)}
    assert first.id != second.id


def test_a_change_that_sets_a_time_itself_keeps_it(home: Path) -> None:
    journal = Store(home).load()
    earlier = datetime(2026, 1, 2, 3, 4)

    def change(journal: Journal) -> None:  # as an import taking the other device's version
        journal.people[0].child = "Ada"
        journal.people[0].updated_at = earlier
        journal.checkins[0].what = "Changed"

    assert stamped_by(home, change) == {
        ("people", journal.people[0].id),
        ("checkins", journal.checkins[0].id),
    }
    assert Store(home).load().people[0].updated_at == earlier


def test_records_added_after_the_others_are_stamped_with_those_changed(home: Path) -> None:
    from mumcoach.models import CheckIn, Interaction

    journal = Store(home).load()
    plan, last = journal.plans[0], journal.checkins[-1]
    moment = datetime(2026, 11, 21, 20, 0)

    def change(journal: Journal) -> None:
        journal.plans[0].openers.append("Hello!")  # an old record, changed in place
        journal.checkins[-1].interactions.append(Interaction(person_id="p-9", name="Kemi"))
        journal.checkins.append(CheckIn(id="c-new", date=moment.date(), created_at=moment))

    stamped = stamped_by(home, change)
    added = next(key for key in stamped if key[:2] == ("checkins", last.id) and len(key) == 4)
    assert stamped == {("plans", plan.id), ("checkins", "c-new"), added}
