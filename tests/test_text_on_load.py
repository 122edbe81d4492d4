"""Text hand-edited into the journal is cleaned on load, though a file mumcoach wrote skips it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mumcoach import store
from mumcoach.models import Journal, Note, Person
from mumcoach.paths import JOURNAL_NAME
from mumcoach.store import Store
from mumcoach.text import LINE_BREAKS, NOTHING, may_change


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A journal saved by mumcoach with text in several scripts and a note over two lines."""
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)

    def add(journal: Journal) -> None:
        journal.people.append(
            Person(
                name="Zoë",
                child="Amélie",
                created=date(2026, 11, 21),
                notes=[Note(date=date(2026, 11, 21), text='Said "hi" 👋\nat the café — 咖啡')],
            )
        )
        journal.people.append(Person(name="Priya", created=date(2026, 11, 21)))

    Store(folder).update(add)
    return folder


def journal_bytes(home: Path) -> bytes:
    return (home / JOURNAL_NAME).read_bytes()


def hand_edit(home: Path, old: bytes, new: bytes) -> None:
    raw = journal_bytes(home)
    assert old in raw
    (home / JOURNAL_NAME).write_bytes(raw.replace(old, new, 1))


def test_a_journal_mumcoach_wrote_needs_no_cleaning_and_reads_back_the_same(home: Path) -> None:
    raw = journal_bytes(home)
    assert may_change(raw) == LINE_BREAKS  # the note's line break: one-line fields are checked
    zoe = Store(home).load().people[0]
    assert (zoe.name, zoe.child) == ("Zoë", "Amélie")
    assert zoe.notes[0].text == 'Said "hi" 👋\nat the café — 咖啡'
    assert store.serialise(Store(home).load()) == raw

    Store(home).update(lambda journal: journal.people[0].notes.clear(), deletion=True)
    assert may_change(journal_bytes(home)) == NOTHING  # nothing at all to clean


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        (b'"Priya"', b'"Pri\\u001b[31mya\\u001b]0;pwned\\u0007"', "Priya"),  # escapes, as JSON
        (b'"Priya"', b'"Pri\xc2\x9b2Jya"', "Priya"),  # an 8-bit escape, as raw UTF-8
        (b'"Priya"', b'"Pri\x7fya"', "Pri ya"),  # a raw DEL
        (b'"Priya"', b'"Priya\\nSharma"', "Priya Sharma"),  # a line break in a one-line field
        (b'"Priya"', b'"Priya\\tSharma"', "Priya Sharma"),  # a tab in a one-line field
        (b'"Priya"', b'" Priya\xc2\xa0"', "Priya"),  # no-break spaces around a name
        (b'"Priya"', b'"Pri\\ud800ya"', "Pri\ufffdya"),  # a lone surrogate
    ],
    ids=["escapes", "8-bit-escape", "del", "line-break", "tab", "no-break-space", "surrogate"],
)
def test_text_hand_edited_into_the_journal_is_cleaned_on_load(
    home: Path, old: bytes, new: bytes, name: str
) -> None:
    hand_edit(home, old, new)
    assert may_change(journal_bytes(home)) != NOTHING
    assert Store(home).load().people[1].name == name
    Store(home).update(lambda journal: None)  # and the next save writes it clean
    assert Store(home).load().people[1].name == name
    assert may_change(journal_bytes(home)) == LINE_BREAKS  # (the note's line break)


def test_line_breaks_stay_where_text_may_have_them(home: Path) -> None:
    hand_edit(home, b"at the caf", b"\\u001b[2J\\r\\nat the caf")
    assert Store(home).load().people[0].notes[0].text == 'Said "hi" 👋\n\nat the café — 咖啡'


def test_an_escaped_backslash_is_only_a_backslash(home: Path) -> None:
    hand_edit(home, b'"Priya"', b'"Priya\\\\n"')  # JSON for the two characters \ and n
    assert Store(home).load().people[1].name == "Priya\\n"


def test_a_field_she_adds_by_hand_to_one_record_is_that_record_s_own(home: Path) -> None:
    zoe, priya = Store(home).load().people
    zoe.title = "Dr\x1b[2J"  # named like another kind's text
    zoe.nickname = "Zo"  # an unknown field, kept
    assert {"nickname", "title"} <= zoe.model_fields_set
    assert not {"nickname", "title"} & priya.model_fields_set
    saved = json.loads(store.serialise(Journal(people=[zoe, priya])))
    assert saved["people"][0]["nickname"] == "Zo" and "nickname" not in saved["people"][1]
