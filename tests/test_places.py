"""One place is one place: matching, the list, edit, merge and cues from every link, by the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from conftest import FIXED_NOW, Invoke, plain

from mumcoach.coach.places import mentioned_places, place_of_text
from mumcoach.models import CheckIn, Interaction, Journal, Note, Person, Place, Profile
from mumcoach.store import Store

TODAY = FIXED_NOW.date()


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def at_eight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=20)


def seed(home: Path) -> dict[str, Any]:
    """Hartbeeps (Tuesdays), St Mark's, the school gate; Jo met at Hartbeeps, Hannah who
    recommended St Mark's, Amy met at a friend's house and later at the gate."""
    hartbeeps = Place(
        name="Hartbeeps, Tuesdays 10:00", setting="classes", recurring="Tuesdays 10:00",
        created=ago(90),
    )  # fmt: skip
    st_marks = Place(name="St Mark's toddler group", setting="groups", created=ago(60))
    gate = Place(name="School gate", setting="school-gate", created=ago(60))
    jo = Person(name="Jo", child="Alfie", created=ago(50))
    hannah = Person(
        name="Hannah", created=ago(30), notes=[Note(date=ago(2), text="lives by the park")]
    )
    amy = Person(name="Amy", created=ago(40), first_met=ago(40), first_met_where="Kate's house")

    def start(journal: Journal) -> None:
        journal.profile = Profile(name="Kate", region="uk", created=ago(100))
        journal.places += [hartbeeps, st_marks, gate]
        journal.people += [jo, hannah, amy]
        journal.checkins += [
            CheckIn(
                date=ago(20),
                created_at=at_eight(ago(20)),
                mood=4,
                interactions=[Interaction(person_id=jo.id, name="Jo", where="hartbeeps")],
            ),
            CheckIn(
                date=ago(10),
                created_at=at_eight(ago(10)),
                mood=4,
                interactions=[
                    Interaction(
                        person_id=hannah.id,
                        name="Hannah",
                        where="park",
                        follow_up="Go to the St Mark's toddler group on Thursday",
                        follow_up_due=ago(-5),
                    ),
                    Interaction(person_id=amy.id, name="Amy", where="the school gate"),
                ],
            ),
        ]

    Store(home).update(start)
    return {"hartbeeps": hartbeeps, "st_marks": st_marks, "gate": gate, "jo": jo}


def load(home: Path) -> Journal:
    return Store(home).load()


def test_where_answers_and_free_text_name_places() -> None:
    hart = Place(name="Hartbeeps, Tuesdays 10:00", created=TODAY)
    gate = Place(name="School gate", created=TODAY)
    places = [hart, gate]
    assert place_of_text(places, "HARTBEEPS") is hart
    assert place_of_text(places, "the school gate") is gate
    assert place_of_text(places, "Hartbeeps hall") is None and place_of_text(places, "") is None
    assert mentioned_places(places, "see you at the School Gate!") == [gate]
    assert mentioned_places(places, "hart of the matter") == []


def test_places_lists_schedule_and_who_she_met_there(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    result = invoke(["places"])
    assert result.exit_code == 0, result.output
    hart_line = next(line for line in result.rich.splitlines() if "Hartbeeps" in line)
    assert "Tuesdays 10:00" in hart_line and "Jo" in hart_line and "classes" in hart_line
    gate_line = next(line for line in result.rich.splitlines() if "School gate" in line)
    assert "Amy" in gate_line  # logged at "the school gate"
    data = json.loads(invoke(["places", "--json"]).stdout)
    assert data["kind"] == "places"
    hart = next(p for p in data["places"] if p["name"].startswith("Hartbeeps"))
    assert (hart["schedule"], hart["met_there"], hart["plans"]) == ("Tuesdays 10:00", ["Jo"], 0)


def plan_args(place: str, *more: str) -> list[str]:
    return ["plan", "--place", place, "--energy", "5", "--expect", "4", *more]


def test_plan_place_by_start_keeps_the_place_and_its_cues(
    invoke: Invoke, private_home: Path
) -> None:
    places = seed(private_home)
    result = invoke(plan_args("hartbeeps"))
    assert result.exit_code == 0, result.output
    journal = load(private_home)
    assert len(journal.places) == 3
    assert journal.plans[-1].place_id == places["hartbeeps"].id
    assert journal.plans[-1].setting == "classes"
    assert "Who may be there" in result.rich and "Jo (Alfie)" in plain(result.rich)


def test_plan_place_near_spelling_stops_scripted_and_asks_interactively(
    invoke: Invoke, private_home: Path
) -> None:
    places = seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    result = invoke(plan_args("hartbeaps"))
    assert result.exit_code == 2
    assert "“hartbeaps” is close to Hartbeeps, Tuesdays 10:00" in result.stderr
    assert (private_home / "journal.json").read_bytes() == before
    script = {
        "did_you_mean": True,
        "see": [[]],
        "step": ...,
        "if_then": ...,
        "fear": "",
        "likelihood": "",
    }
    result = invoke(plan_args("hartbeaps"), script=script)
    assert result.exit_code == 0, result.output
    assert load(private_home).plans[-1].place_id == places["hartbeeps"].id
    # a setting says it's a new place, however close the name
    result = invoke(plan_args("Hartbeats studio", "--setting", "classes"))
    assert result.exit_code == 0 and len(load(private_home).places) == 4


def test_cues_come_from_every_link(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    st_marks = plain(invoke(plan_args("st mark")).rich)
    assert "Hannah" in st_marks and "Go to the St Mark's toddler group" in st_marks
    gate = plain(invoke(plan_args("school gate")).rich)
    assert "Amy" in gate and "Hannah" not in gate


def test_edit_renames_keeps_the_old_name_and_refuses_a_duplicate(
    invoke: Invoke, private_home: Path
) -> None:
    places = seed(private_home)
    result = invoke(["places", "edit", "hart", "--name", "Hartbeeps Music", "--schedule", "Tue"])
    assert result.exit_code == 0, result.output
    assert "Updated Hartbeeps Music (Tuesdays)." in result.rich
    hart = next(p for p in load(private_home).places if p.id == places["hartbeeps"].id)
    assert hart.aliases == ["Hartbeeps, Tuesdays 10:00"] and hart.schedule is not None
    data = json.loads(invoke(["places", "--json"]).stdout)
    assert next(p for p in data["places"] if p["id"] == hart.id)["met_there"] == ["Jo"]
    duplicate = invoke(["places", "edit", "gate", "--name", "hartbeeps music"])
    assert duplicate.exit_code == 2
    assert '`mumcoach places merge gate "Hartbeeps Music"` puts them together' in duplicate.stderr
    assert invoke(["places", "edit", "gate", "--schedule", "whenever"]).exit_code == 2
    assert invoke(["places", "edit", "gate"]).exit_code == 2
    assert invoke(["places", "edit", "nowhere", "--setting", "groups"]).exit_code == 2
    blank = invoke(["places", "edit", "gate", "--name", "   "])
    assert blank.exit_code == 2 and "name (--name) can't be empty." in blank.stderr
    long = invoke(["places", "edit", "gate", "--name", "x" * 81])
    assert long.exit_code == 2 and "80 characters at most" in long.stderr


def test_merge_moves_plans_and_keeps_the_name_findable(invoke: Invoke, private_home: Path) -> None:
    places = seed(private_home)
    invoke(plan_args("Rhyme time", "--setting", "groups"))
    assert invoke(["places", "merge", "rhyme", "st marks"]).exit_code == 7  # needs --yes
    result = invoke(["places", "merge", "rhyme", "st mark"], script={"confirm_merge": True})
    assert result.exit_code == 0, result.output
    shown = plain(result.rich)
    assert "Merge “Rhyme time” into St Mark's toddler group:" in shown
    assert "1 plan moves to" in shown
    journal = load(private_home)
    assert len(journal.places) == 3
    assert journal.plans[-1].place_id == places["st_marks"].id
    result = invoke(plan_args("rhyme time"))  # the old name still finds it
    assert result.exit_code == 0 and load(private_home).plans[-1].place_id == places["st_marks"].id
    assert invoke(["places", "merge", "gate", "school gate", "--yes"]).exit_code == 2


def test_someone_she_plans_to_see_shows_as_who_may_be_there(
    invoke: Invoke, private_home: Path
) -> None:
    places = seed(private_home)
    card = plain(invoke(plan_args("school gate", "--see", "jo")).rich)
    assert "Jo (Alfie)" in card and "Amy" in card
    assert load(private_home).plans[-1].person_ids == [places["jo"].id]
    assert invoke(plan_args("school gate", "--see", "Jon")).exit_code == 2  # near, not Jo
    script = {"see": [[places["jo"].id]], "step": ..., "if_then": ..., "fear": "", "likelihood": ""}
    script["did_you_mean"] = True  # "st mark": interactively, a start is confirmed
    script["date"] = "today"  # a place without a schedule: which day is asked
    result = invoke(plan_args("st mark"), script=script)
    assert result.exit_code == 0, result.output
    assert "Jo (Alfie)" in plain(result.rich)
    invoke(["people", "forget", "jo", "--yes"])
    assert [p.person_ids for p in load(private_home).plans] == [[], []]
