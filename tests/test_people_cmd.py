"""`mumcoach people` through the CLI: list, show, add, edit, note, done, forget, name matching."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke

from mumcoach.errors import StorageFailed
from mumcoach.models import CheckIn, Interaction, Journal, Note, Person, Place, Profile
from mumcoach.store import Store

TODAY = FIXED_NOW.date()


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def add_checkin(home: Path, day: date, *interactions: Interaction, **fields: Any) -> None:
    created = datetime.combine(day, datetime.min.time()).replace(hour=20)
    checkin = CheckIn(
        date=day, created_at=created, mood=4, interactions=list(interactions), **fields
    )
    Store(home).update(lambda j: j.checkins.append(checkin))


def seed(home: Path) -> dict[str, Person]:
    """A journal with three people, built over several saves so backups exist."""
    sarah = Person(
        name="Sarah Miller",
        child="Oscar",
        child_age="9m",
        child_age_as_of=ago(5),
        created=ago(40),
        first_met=ago(40),
        first_met_where="Hartbeeps",
        notes=[Note(date=ago(30), text="she grew up in Whitby")],
    )
    sally = Person(name="Sally", child="Ada", created=ago(20), first_met=ago(20))
    amy = Person(name="Amy", created=ago(10), first_met=ago(10))

    def start(journal: Journal) -> None:
        journal.profile = Profile(name="Kate", created=ago(60))
        journal.places.append(Place(name="Hartbeeps", created=ago(60)))
        journal.people += [sarah, sally, amy]

    Store(home).update(start)
    add_checkin(
        home,
        ago(40),
        Interaction(
            person_id=sarah.id,
            name=sarah.name,
            where="Hartbeeps",
            minutes=20,
            started_by="them",
            detail="Oscar hates the car seat",
            invited=True,
            liked_them=6,
            they_liked_me=4,
        ),
        what="Talked to Sarah at Hartbeeps",
        learned="Sarah was nervous too",
    )
    add_checkin(
        home,
        ago(12),
        Interaction(
            person_id=sarah.id,
            name=sarah.name,
            where="Park",
            minutes=70,
            swapped_numbers=True,
            invited=True,
            follow_up="send Sarah the sling link",
            follow_up_due=ago(2),
        ),
    )
    add_checkin(
        home,
        ago(5),
        Interaction(
            person_id=sarah.id,
            name=sarah.name,
            minutes=30,
            invited=True,
            follow_up="ask about nursery",
            follow_up_due=ago(-3),
        ),
        Interaction(person_id=amy.id, name=amy.name, minutes=3, meetup=True),
        proud="I asked Sarah Miller for coffee",
    )
    return {"sarah": sarah, "sally": sally, "amy": amy}


def load(home: Path) -> Journal:
    return Store(home).load()


def every_file_bytes(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}


# ---- list -------------------------------------------------------------------------------------


def test_empty_list_says_how_people_get_here(invoke: Invoke) -> None:
    result = invoke(["people"])
    assert result.exit_code == 0
    assert "No one here yet" in result.rich
    assert json.loads(invoke(["people", "--json"]).stdout) == {
        "schema_version": 1,
        "kind": "people",
        "people": [],
    }


def test_list_groups_by_stage_with_last_contact_and_whats_due(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    result = invoke(["people"])
    assert result.exit_code == 0, result.output
    text = result.rich
    headings = ["Know her name (1)", "Swapped numbers (1)", "Met up (1)"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert text.index("Sally") < text.index("Sarah Miller") < text.index("Amy")
    sarah_line = next(line for line in text.splitlines() if "Sarah Miller" in line)
    assert "Oscar, 9m" in sarah_line and "5 days ago" in sarah_line
    flat = " ".join(text.split())
    assert "overdue since 19 Nov: send Sarah the sling link" in flat
    assert "ask about nursery (by 24 Nov)" in flat


def test_someone_logged_by_a_description_has_nodded_until_her_card_has_a_name(
    invoke: Invoke,
) -> None:
    invoke(["checkin", "--mood", "4", "--met", "mum with the red buggy", "--met", "Priya"])
    groups = invoke(["people"]).rich
    assert "Nodded hello (1)" in groups and "Know her name (1)" in groups
    assert groups.index("mum with the red buggy") < groups.index("Know her name")
    # the week's funnel counts Priya's name, not the description
    assert "1 name learned" in invoke(["review", "--no-ucla"]).rich
    invoke(["people", "edit", "red buggy", "--name", "Emma"])
    assert "Know her name (2)" in invoke(["people"]).rich
    # added by hand with no chat logged yet: her card's name says which
    assert invoke(["people", "add", "lady with the twins"]).exit_code == 0
    assert "Nodded hello (1)" in invoke(["people"]).rich


def test_list_json(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    out = json.loads(invoke(["people", "--json"]).stdout)
    assert list(out) == ["schema_version", "kind", "people"]
    assert (out["schema_version"], out["kind"]) == (1, "people")
    data = out["people"]
    assert [p["name"] for p in data] == ["Sally", "Sarah Miller", "Amy"]
    sarah = data[1]
    ids = [i.id[:4] for c in load(private_home).checkins for i in c.interactions if i.follow_up]
    assert sarah == {
        "id": people["sarah"].id,
        "name": "Sarah Miller",
        "child": "Oscar",
        "child_age": "9m",
        "stage": "numbers",
        "stage_set_by_hand": False,
        "last_contact": "2026-11-16",
        "hours_together": 2.0,
        "invitations_made": 3,
        "invitations_received": 0,
        "open_followups": [
            {
                "id": ids[0],
                "text": "send Sarah the sling link",
                "due": "2026-11-19",
                "overdue": True,
            },
            {"id": ids[1], "text": "ask about nursery", "due": "2026-11-24", "overdue": False},
        ],
    }
    assert data[2]["stage"] == "met-up" and data[0]["last_contact"] == "2026-11-01"


# ---- show -------------------------------------------------------------------------------------


def test_show_card(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    result = invoke(["people", "show", "sarah"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.rich.split())
    for expected in (
        "Sarah Miller · swapped numbers",
        "Child Oscar, 9m",
        "First met 12 Oct 2026 (40 days ago) at Hartbeeps",
        "Last contact 16 Nov 2026 (5 days ago)",
        "Hours together 2.0 h — roughly 48 h more to the ~50 h of a casual friend",
        "you invited her 3 times; she hasn't invited you yet (3 not returned yet)",
        "A rough horizon, not a rule",
        "silence is not proof of rejection",  # the reciprocity note at 3 unreturned
        "Remembered 22 Oct she grew up in Whitby 12 Oct Oscar hates the car seat",
        "overdue since 19 Nov: send Sarah the sling link",
        "ask about nursery (by 24 Nov)",
        "you 6/7 · her (your guess) 4/7",
    ):
        assert expected in text, expected
    assert text.index("12 Oct 2026 Hartbeeps 20 her") < text.index("9 Nov 2026 Park 70")
    ids = [i.id[:4] for c in load(private_home).checkins for i in c.interactions if i.follow_up]
    assert f"Follow-ups {ids[0]} overdue since" in text and f"{ids[1]} ask about nursery" in text


def test_show_json(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    data = json.loads(invoke(["people", "show", "Sarah Miller", "--json"]).stdout)
    assert (data["schema_version"], data["kind"]) == (1, "person")
    assert data["id"] == people["sarah"].id
    assert data["stage"] == data["derived_stage"] == "numbers"
    assert data["first_met"] == "2026-10-12" and data["first_met_where"] == "Hartbeeps"
    assert data["unreturned_invitations"] == 3
    assert data["hours_horizon"] == {"casual": 50, "friend": 90, "close": 200}
    assert data["details"][0] == {"date": "2026-10-22", "text": "she grew up in Whitby"}
    assert [i["date"] for i in data["interactions"]] == ["2026-10-12", "2026-11-09", "2026-11-16"]
    first = data["interactions"][0]
    assert (first["where"], first["minutes"], first["started_by"], first["liked_them"]) == (
        "Hartbeeps",
        20,
        "them",
        6,
    )
    assert len(data["open_followups"]) == 2


# ---- add, edit, note, done --------------------------------------------------------------------


def test_add(invoke: Invoke, private_home: Path) -> None:
    result = invoke(
        [
            "people",
            "add",
            " Priya  Shah ",
            "--child",
            "Ravi",
            "--child-age",
            "6 months",
            "--where",
            "Library rhymes",
            "--detail",
            "loves baking",
            "--met",
            "2026-11-19",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Added Priya Shah (Ravi, 6m)." in result.rich
    (priya,) = load(private_home).people
    assert (priya.name, priya.child, priya.child_age) == ("Priya Shah", "Ravi", "6m")
    assert (priya.first_met, priya.first_met_where) == (date(2026, 11, 19), "Library rhymes")
    assert [(n.date, n.text) for n in priya.notes] == [(TODAY, "loves baking")]
    assert priya.created == TODAY


def test_add_validates_and_asks_before_a_second_person_with_the_same_name(
    invoke: Invoke, private_home: Path
) -> None:
    assert invoke(["people", "add", "Jo", "--child-age", "old"]).exit_code == 2
    assert invoke(["people", "add", "Jo", "--met", "2030-01-01"]).exit_code == 2
    assert invoke(["people", "add", "  "]).exit_code == 2
    assert invoke(["people", "add", "Jo"]).exit_code == 0
    result = invoke(["people", "add", "jo"], script={"add_another": False})
    assert "Nothing was changed" in result.rich
    assert len(load(private_home).people) == 1
    invoke(["people", "add", "jo", "--child", "Mia"], script={"add_another": True})
    assert [p.name for p in load(private_home).people] == ["Jo", "jo"]


def test_edit(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    result = invoke(
        ["people", "edit", "sally", "--name", "Sally Ng", "--child-age", "2y", "--stage", "Met up"]
    )
    assert result.exit_code == 0, result.output
    assert "Updated Sally Ng (Ada, 2y)." in result.rich
    sally = next(p for p in load(private_home).people if p.name == "Sally Ng")
    assert (sally.child, sally.child_age, sally.stage) == ("Ada", "2y", "met-up")
    rows = json.loads(invoke(["people", "--json"]).stdout)["people"]
    assert [(r["name"], r["stage"], r["stage_set_by_hand"]) for r in rows][2] == (
        "Sally Ng",
        "met-up",
        True,
    )
    invoke(["people", "edit", "sally", "--stage", "auto", "--child", ""])
    sally = next(p for p in load(private_home).people if p.name == "Sally Ng")
    assert (sally.stage, sally.child) == (None, None)


def test_edit_needs_a_change_and_a_real_stage(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    nothing = invoke(["people", "edit", "sally"])
    assert nothing.exit_code == 2 and "Nothing to change" in nothing.stderr
    bad = invoke(["people", "edit", "sally", "--stage", "bestie"])
    assert bad.exit_code == 2 and "met-up" in bad.stderr
    assert (private_home / "journal.json").read_bytes() == before


def test_note(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    result = invoke(["people", "note", "amy", "her dog is called Biscuit"])
    assert result.exit_code == 0 and "Noted for Amy." in result.rich
    amy = next(p for p in load(private_home).people if p.name == "Amy")
    assert [(n.date, n.text) for n in amy.notes] == [(TODAY, "her dog is called Biscuit")]
    assert invoke(["people", "note", "amy", "   "]).exit_code == 2


def followup_ids(home: Path) -> list[str]:
    return [i.id for c in load(home).checkins for i in c.interactions if i.follow_up]


def done_dates(home: Path) -> list[date | None]:
    return [i.follow_up_done for c in load(home).checkins for i in c.interactions if i.follow_up]


def test_done_with_several_open_needs_one_named_without_a_terminal(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    sling, nursery = followup_ids(private_home)
    before = every_file_bytes(private_home)
    result = invoke(["people", "done", "sarah"])
    assert result.exit_code == 2
    assert f"Sarah Miller has 2 open follow-ups ({sling[:4]}, {nursery[:4]})" in result.stderr
    assert "--all" in result.stderr and "sling" not in result.stderr  # ids, not her words
    assert every_file_bytes(private_home) == before
    result = invoke(["people", "done", "sarah", nursery[:4].upper()])
    assert result.exit_code == 0, result.output
    assert "Marked 1 follow-up with Sarah Miller as done. Well done. 1 still open." in result.rich
    assert done_dates(private_home) == [None, TODAY]
    assert invoke(["people", "done", "sarah", "zzzz"]).exit_code == 2
    result = invoke(["people", "done", "sarah"])  # one left: no need to say which
    assert "Marked 1 follow-up with Sarah Miller as done" in result.rich
    assert done_dates(private_home) == [TODAY, TODAY]
    before = every_file_bytes(private_home)
    assert "all caught up" in invoke(["people", "done", "sarah"]).rich
    assert every_file_bytes(private_home) == before  # nothing to do, nothing saved
    rows = json.loads(invoke(["people", "--json"]).stdout)["people"]
    assert rows[1]["open_followups"] == []


def test_done_all_and_done_asks_which_when_interactive(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    sling, _ = followup_ids(private_home)
    result = invoke(["people", "done", "sarah"], script={"which_followup": sling})
    assert result.exit_code == 0, result.output
    assert result.prompter.asked == ["which_followup"]
    assert done_dates(private_home) == [TODAY, None]
    result = invoke(["people", "done", "sarah", "--all"])
    assert "Marked 1 follow-up with Sarah Miller as done" in result.rich
    assert done_dates(private_home) == [TODAY, TODAY]


def test_crisis_words_in_a_note_show_help_at_once_and_keep_the_note(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    result = invoke(["people", "note", "amy", "I told her I want to hurt my baby"])
    assert result.exit_code == 10
    assert "your local emergency number" in result.rich
    assert "Noted for" not in result.rich
    amy = next(p for p in load(private_home).people if p.name == "Amy")
    assert [n.text for n in amy.notes] == ["I told her I want to hurt my baby"]


# ---- matching names ---------------------------------------------------------------------------


def test_ambiguous_prefix_asks_which_when_interactive(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    result = invoke(
        ["people", "note", "sa", "likes jazz"], script={"which_person": people["sally"].id}
    )
    assert result.exit_code == 0, result.output
    assert result.prompter.asked == ["which_person"]
    sally = next(p for p in load(private_home).people if p.id == people["sally"].id)
    assert [n.text for n in sally.notes] == ["likes jazz"]


def test_ambiguous_prefix_without_a_terminal_is_a_clear_error(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    result = invoke(["people", "show", "SA"])
    assert result.exit_code == 2
    assert "“SA” matches 2 people: Sarah Miller (Oscar, 9m), Sally (Ada)" in result.stderr
    assert "Whitby" not in result.stderr and "car seat" not in result.stderr
    assert invoke(["people", "forget", "sa", "--yes"]).exit_code == 2
    assert (private_home / "journal.json").read_bytes() == before


def test_an_id_picks_one_of_two_with_the_same_name(invoke: Invoke, private_home: Path) -> None:
    invoke(["people", "add", "Jo", "--child", "Mia"])
    assert invoke(["people", "add", "Jo", "--child", "Max"]).exit_code == 2  # a second Jo?
    invoke(["people", "add", "Jo", "--child", "Max", "--force"])
    assert invoke(["people", "show", "jo"]).exit_code == 2
    jo_max = next(p for p in load(private_home).people if p.child == "Max")
    result = invoke(["people", "show", jo_max.id, "--json"])
    assert json.loads(result.stdout)["child"] == "Max"


def test_unknown_name(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    for command in (
        ["show", "zoe"],
        ["edit", "zoe", "--name", "Z"],
        ["note", "zoe", "x"],
        ["done", "zoe"],
        ["forget", "zoe", "--yes"],
    ):
        result = invoke(["people", *command])
        assert result.exit_code == 2, command
        assert "No one called “zoe”" in result.stderr


# ---- forget -----------------------------------------------------------------------------------


def test_forget_without_a_terminal_needs_yes(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    before = every_file_bytes(private_home)
    result = invoke(["people", "forget", "sarah"])
    assert result.exit_code == 7
    assert "--yes" in result.stderr
    assert every_file_bytes(private_home) == before


def test_forget_asks_and_no_changes_nothing(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    before = every_file_bytes(private_home)
    result = invoke(["people", "forget", "sarah"], script={"confirm_forget": False})
    assert result.exit_code == 0 and "Nothing was changed" in result.rich
    assert every_file_bytes(private_home) == before


@pytest.mark.parametrize("how", ["yes", "confirmed"])
def test_forget_leaves_no_trace_in_the_journal_or_backups(
    invoke: Invoke, private_home: Path, how: str
) -> None:
    people = seed(private_home)
    invoke(["people", "note", "amy", "Amy met Sarah at Oscar's party"])
    invoke(["people", "done", "sarah"])
    backups = Store(private_home).backups()
    assert len(backups) >= 5
    assert any(b"Sarah" in p.read_bytes() for p in backups)

    if how == "yes":
        result = invoke(["people", "forget", "Sarah", "--yes"])
    else:
        result = invoke(["people", "forget", "Sarah"], script={"confirm_forget": True})
    assert result.exit_code == 0, result.output
    count = len(Store(private_home).backups())
    held_her = count - 1  # the newest backup is the journal as saved after forgetting
    assert f"Forgot Sarah Miller. Removed her from the journal and from {held_her} backups." in (
        result.rich
    )

    files = every_file_bytes(private_home)
    assert private_home / "journal.json" in files
    assert len([p for p in files if p.parent.name == "backups"]) == count
    for path, raw in files.items():
        for trace in (
            b"sarah",
            b"miller",
            b"oscar",
            b"whitby",
            b"sling link",
            people["sarah"].id.encode(),
        ):
            assert trace not in raw.lower(), f"{trace!r} left in {path.name}"

    journal = load(private_home)
    assert [p.name for p in journal.people] == ["Sally", "Amy"]
    amy = journal.people[1]
    assert amy.notes[0].text == "Amy met [forgotten] at [forgotten]'s party"
    assert journal.checkins[0].what == "Talked to [forgotten] at Hartbeeps"
    assert journal.checkins[2].proud == "I asked [forgotten] for coffee"
    assert [i.name for c in journal.checkins for i in c.interactions] == ["Amy"]
    assert journal.places[0].name == "Hartbeeps"
    assert invoke(["people", "show", "sarah"]).exit_code == 2


def test_forget_says_plainly_when_the_backups_could_not_be_cleaned(
    invoke: Invoke, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(private_home)

    def fail(self: Store, scrub: Any) -> tuple[int, int]:
        raise StorageFailed("Could not save journal-x.json: No space left on device.")

    monkeypatch.setattr(Store, "rewrite_backups", fail)
    result = invoke(["people", "forget", "sarah", "--yes"])
    assert result.exit_code == 8
    assert "Forgot Sarah Miller in the journal, but could not clean the backups" in result.stderr
    assert str(private_home / "backups") in result.stderr
    assert b"Sarah" not in (private_home / "journal.json").read_bytes()


def test_long_ago_reads_in_months_and_years_not_thousands_of_days(invoke: Invoke) -> None:
    assert invoke(["people", "add", "Old Friend", "--met", "2019-03-01"]).exit_code == 0
    assert invoke(["people", "add", "Spring Friend", "--met", "2026-05-02"]).exit_code == 0
    old = invoke(["people", "show", "Old Friend"]).rich
    assert "First met 1 Mar 2019 (7 years ago)" in " ".join(old.split())
    spring = invoke(["people", "show", "Spring Friend"]).rich
    assert "First met 2 May 2026 (6 months ago)" in " ".join(spring.split())


def test_a_promise_from_another_year_shows_its_year(invoke: Invoke, private_home: Path) -> None:
    old = Person(name="Jess", created=date(2024, 12, 1), first_met=date(2024, 12, 1))
    Store(private_home).update(lambda journal: journal.people.append(old))
    add_checkin(
        private_home,
        date(2024, 12, 10),
        Interaction(
            person_id=old.id,
            name=old.name,
            detail="moving to York",
            follow_up="send Jess the recipe",
            follow_up_due=date(2024, 12, 15),
        ),
    )
    listed = " ".join(invoke(["people"]).rich.split())
    assert "overdue since 15 Dec 2024: send Jess the recipe" in listed
    card = " ".join(invoke(["people", "show", "Jess"]).rich.split())
    assert "overdue since 15 Dec 2024: send Jess the recipe" in card
    assert "Remembered 10 Dec 2024 moving to York" in card
