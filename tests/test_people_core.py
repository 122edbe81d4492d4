"""People memory, the pure core: finding, stages, hours, invitations, cues, forgetting."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from mumcoach.coach import cues as cue_core
from mumcoach.coach import forget, people_edit
from mumcoach.coach import people as core
from mumcoach.models import (
    CheckIn,
    Child,
    CustomStep,
    Interaction,
    Journal,
    Note,
    Person,
    Place,
    Plan,
    Profile,
)

TODAY = date(2026, 11, 21)


def person(name: str, **fields: Any) -> Person:
    return Person(name=name, created=TODAY - timedelta(days=60), **fields)


def checkin(day: date, *interactions: Interaction, **fields: Any) -> CheckIn:
    created = datetime.combine(day, datetime.min.time()).replace(hour=20)
    return CheckIn(date=day, created_at=created, mood=3, interactions=list(interactions), **fields)


def met(who: Person, **fields: Any) -> Interaction:
    fields.setdefault("name", who.name)
    return Interaction(person_id=who.id, **fields)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# ---- finding ----------------------------------------------------------------------------------


def sure(people: list[Person], query: str) -> list[Person]:
    """The people `query` surely names; near spellings are not included."""
    return list(core.match_people(people, query).sure)


def test_find_people_exact_prefix_word_and_case() -> None:
    sarah, sara, sally = person("Sarah"), person("Sara Bee"), person("Sally Jones")
    everyone = [sarah, sara, sally]
    assert sure(everyone, "sarah") == [sarah]  # exact wins alone over "Sara Bee"
    assert sure(everyone, "  SARAH ") == [sarah]
    assert sure(everyone, "sa") == everyone  # ambiguous prefix
    assert sure(everyone, "Sar") == [sarah, sara]
    assert sure(everyone, "jon") == [sally]  # prefix of a later word
    assert sure(everyone, "bee") == [sara]
    assert sure(everyone, "ones") == []  # not a prefix of any word
    assert sure(everyone, "") == []


def test_find_people_two_with_the_same_name_are_both_exact() -> None:
    a, b = person("Emma"), person("emma")
    assert sure([a, b, person("Emmeline")], "Emma") == [a, b]


# ---- stages, hours, invitations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "names"),
        ({"minutes": 4}, "names"),
        ({"minutes": 5}, "chatted"),
        ({"detail": "twins due in May"}, "chatted"),
        ({"swapped_numbers": True}, "numbers"),
        ({"meetup": True, "minutes": 1}, "met-up"),
    ],
)
def test_derived_stage(fields: dict[str, Any], expected: str) -> None:
    jo = person("Jo")
    journal = Journal(people=[jo], checkins=[checkin(days_ago(3), met(jo, **fields))])
    assert core.derived_stage(journal, jo) == expected
    assert core.stage(journal, jo) == expected


def test_stage_takes_the_strongest_interaction_and_a_hand_set_stage_overrides() -> None:
    jo = person("Jo")
    journal = Journal(
        people=[jo],
        checkins=[
            checkin(days_ago(9), met(jo, swapped_numbers=True)),
            checkin(days_ago(2), met(jo, minutes=1)),
        ],
    )
    assert core.stage(journal, jo) == "numbers"
    jo.stage = "friend"
    assert core.stage(journal, jo) == "friend"
    assert core.derived_stage(journal, jo) == "numbers"
    jo.stage = "nodded"  # a hand-set stage wins even when lower
    assert core.stage(journal, jo) == "nodded"


def test_a_person_with_no_interactions_is_at_names() -> None:
    jo = person("Jo")
    assert core.stage(Journal(people=[jo]), jo) == "names"


def test_hours_and_interactions_are_hers_only_and_oldest_first() -> None:
    jo, amy = person("Jo"), person("Amy")
    late = checkin(days_ago(1), met(jo, minutes=90), met(amy, minutes=600))
    early = checkin(days_ago(5), met(jo, minutes=30), met(jo))
    journal = Journal(people=[jo, amy], checkins=[late, early])
    assert core.hours_together(journal, jo) == pytest.approx(2.0)
    assert [c.date for c, _ in core.interactions_of(journal, jo.id)] == [
        days_ago(5),
        days_ago(5),
        days_ago(1),
    ]
    assert core.hours_together(journal, person("Nobody")) == 0


def test_invitations_and_unreturned_count() -> None:
    jo = person("Jo")
    journal = Journal(
        people=[jo],
        checkins=[
            checkin(days_ago(30), met(jo, invited=True)),
            checkin(days_ago(20), met(jo, invited_me=True)),
            checkin(days_ago(10), met(jo, invited=True)),
            checkin(days_ago(5), met(jo, invited=True)),
        ],
    )
    assert core.invitations(journal, jo) == (3, 1)
    assert core.unreturned_invitations(journal, jo) == 2  # the first was returned


def test_mutual_invitation_counts_as_returned() -> None:
    jo = person("Jo")
    journal = Journal(
        people=[jo],
        checkins=[
            checkin(days_ago(9), met(jo, invited=True)),
            checkin(days_ago(2), met(jo, invited=True, invited_me=True)),
        ],
    )
    assert core.unreturned_invitations(journal, jo) == 0


@dataclass
class _Reciprocity:
    unreturned_invitations: int


@dataclass
class _Rules:
    reciprocity: _Reciprocity


RULES: Any = _Rules(_Reciprocity(unreturned_invitations=3))


def test_reciprocity_note_due_once_then_again_only_after_she_invites_back_and_three_more() -> None:
    jo, amy = person("Jo"), person("Amy")
    journal = Journal(people=[jo, amy])
    for n in range(3):
        journal.checkins.append(checkin(days_ago(30 - n), met(jo, invited=True)))
    journal.checkins.append(checkin(days_ago(20), met(amy, invited=True)))
    assert core.reciprocity_notes_due(journal, RULES) == [jo]

    core.mark_reciprocity_noted(journal, [jo.id])
    assert jo.reciprocity_noted is True
    assert core.reciprocity_notes_due(journal, RULES) == []
    journal.checkins.append(checkin(days_ago(15), met(jo, invited=True)))  # a fourth: still quiet
    assert core.reciprocity_notes_due(journal, RULES) == []

    _, back = people_edit.record_interaction(journal, jo, {"invited_me": True}, today=days_ago(10))
    journal.checkins.append(checkin(days_ago(10), back))
    assert jo.reciprocity_noted is False
    assert core.reciprocity_notes_due(journal, RULES) == []
    for n in range(3):
        journal.checkins.append(checkin(days_ago(9 - n), met(jo, invited=True)))
    assert core.reciprocity_notes_due(journal, RULES) == [jo]


# ---- follow-ups -------------------------------------------------------------------------------


def test_open_followups_due_overdue_and_complete() -> None:
    jo, amy = person("Jo"), person("Amy")
    journal = Journal(
        people=[jo, amy],
        checkins=[
            checkin(
                days_ago(10),
                met(jo, follow_up="send the sling library link", follow_up_due=days_ago(3)),
                met(amy, follow_up="ask about swimming"),
            ),
            checkin(days_ago(2), met(jo, follow_up="text her", follow_up_due=TODAY)),
            checkin(days_ago(1), met(amy, follow_up="old one", follow_up_done=days_ago(1))),
        ],
    )
    found = core.open_followups(journal, TODAY)
    assert [(f.name, f.text, f.overdue) for f in found] == [
        ("Jo", "send the sling library link", True),
        ("Jo", "text her", False),  # due today is not overdue
        ("Amy", "ask about swimming", False),  # undated last
    ]
    assert found[0].due == days_ago(3)
    assert found[0].interaction_id == journal.checkins[0].interactions[0].id

    assert people_edit.complete_followups(journal, jo.id, TODAY) == 2
    assert [f.name for f in core.open_followups(journal, TODAY)] == ["Amy"]
    assert journal.checkins[0].interactions[0].follow_up_done == TODAY
    assert people_edit.complete_followups(journal, jo.id, TODAY) == 0


def test_followup_shows_her_current_name_after_a_rename() -> None:
    jo = person("Jo")
    journal = Journal(people=[jo], checkins=[checkin(days_ago(1), met(jo, follow_up="call"))])
    jo.name = "Joanna"
    assert core.open_followups(journal, TODAY)[0].name == "Joanna"


# ---- memory cues ------------------------------------------------------------------------------


def test_last_contact_and_details_newest_first() -> None:
    jo = person("Jo", first_met=days_ago(40), notes=[Note(date=days_ago(7), text="loves hiking")])
    journal = Journal(
        people=[jo],
        checkins=[
            checkin(days_ago(20), met(jo, detail="moved from Dubai")),
            checkin(days_ago(3), met(jo, minutes=10)),
        ],
    )
    assert core.last_contact(journal, jo) == days_ago(3)
    assert core.details(journal, jo) == [
        (days_ago(7), "loves hiking"),
        (days_ago(20), "moved from Dubai"),
    ]
    alone = person("Amy", first_met=days_ago(4))
    assert core.last_contact(Journal(people=[alone]), alone) == days_ago(4)
    assert core.last_contact(Journal(), person("Nobody")) is None


def test_people_for_place_by_name_or_plan_newest_first_with_cues() -> None:
    hartbeeps = Place(name="Hartbeeps", created=days_ago(90))
    jo = person("Jo", child="Alfie", child_age="8m")
    amy, bea, cat = person("Amy"), person("Bea"), person("Cat")
    plan = Plan(
        date=days_ago(4), created_at=datetime(2026, 11, 17, 8), step_id="x", place_id=hartbeeps.id
    )
    journal = Journal(
        places=[hartbeeps],
        plans=[plan],
        people=[jo, amy, bea, cat],
        checkins=[
            checkin(
                days_ago(20),
                met(jo, where="hartbeeps ", detail="back at work in March"),
                met(cat, where="Soft play"),
            ),
            checkin(
                days_ago(4),
                met(amy, follow_up="bring the buggy board", follow_up_due=days_ago(1)),
                plan_id=plan.id,
            ),
            checkin(days_ago(2), met(jo, where="park", detail="Alfie crawls now")),
        ],
    )
    bea.first_met_where, bea.first_met = "Hartbeeps", days_ago(10)

    cues = cue_core.people_for_place(journal, hartbeeps, TODAY)
    assert [c.name for c in cues] == ["Amy", "Bea", "Jo"]  # seen there most recently first
    first = cues[2]
    assert (first.child, first.child_age, first.last_seen) == (
        "Alfie",
        "9m",
        days_ago(20),
    )  # 8m, 60 days ago
    assert first.last_detail == "Alfie crawls now"  # her latest detail, from anywhere
    assert (cues[0].follow_up, cues[0].follow_up_due) == ("bring the buggy board", days_ago(1))
    assert cue_core.people_for_place(journal, None, TODAY) == []
    assert len(cue_core.people_for_place(journal, hartbeeps, TODAY, limit=1)) == 1


# ---- recording --------------------------------------------------------------------------------


def test_record_interaction_creates_a_new_person_once() -> None:
    journal = Journal()
    data = {
        "name": " Priya ",
        "child": "Ravi",
        "child_age": "6m",
        "where": "Library rhymes",
        "minutes": 12,
        "swapped_numbers": True,
        "detail": "night feeds",
    }
    priya, interaction = people_edit.record_interaction(journal, None, data, today=TODAY)
    assert journal.people == [priya]
    assert (priya.name, priya.child, priya.child_age) == ("Priya", "Ravi", "6m")
    assert (priya.created, priya.first_met, priya.first_met_where) == (
        TODAY,
        TODAY,
        "Library rhymes",
    )
    assert interaction.person_id == priya.id and interaction.name == "Priya"
    assert (interaction.minutes, interaction.swapped_numbers, interaction.detail) == (
        12,
        True,
        "night feeds",
    )
    assert all(interaction not in c.interactions for c in journal.checkins)  # caller appends


def test_record_interaction_with_a_known_person_from_an_earlier_load() -> None:
    jo = person("Jo", child="Alfie", child_age="6m", first_met=days_ago(30))
    journal = Journal(people=[jo])
    stale = Journal.model_validate_json(journal.model_dump_json()).people[0]
    same, interaction = people_edit.record_interaction(
        journal, stale, {"child": "alfie", "child_age": "8m", "minutes": 5}, today=TODAY
    )
    assert same is jo and len(journal.people) == 1
    assert jo.child_age == "8m"  # age grows
    assert jo.first_met == days_ago(30)
    people_edit.record_interaction(journal, jo, {"child": "Mia", "child_age": "3y"}, today=TODAY)
    assert (jo.child, jo.child_age) == ("Alfie", "8m")  # a different child: kept on the record
    assert interaction.name == "Jo"


def test_record_interaction_fills_in_a_child_when_none_was_known() -> None:
    jo = person("Jo")
    journal = Journal(people=[jo])
    people_edit.record_interaction(journal, jo, {"child": "Mia", "child_age": "3y"}, today=TODAY)
    assert (jo.child, jo.child_age, jo.first_met) == ("Mia", "3y", TODAY)


def test_record_interaction_rejects_unknown_fields_and_nameless_people() -> None:
    with pytest.raises(ValueError, match="unknown"):
        people_edit.record_interaction(Journal(), None, {"name": "Jo", "shoe": 5}, today=TODAY)
    with pytest.raises(ValueError, match="name"):
        people_edit.record_interaction(Journal(), None, {"minutes": 5}, today=TODAY)


# ---- forgetting -------------------------------------------------------------------------------


def _journal_with_sarah() -> tuple[Journal, Person, Person]:
    sarah = person(
        "Sarah Miller",
        child="Oscar",
        child_age="9m",
        notes=[Note(date=days_ago(9), text="Sarah's mum lives in Leeds")],
    )
    amy = person(
        "Amy",
        child="Lily",
        notes=[Note(date=days_ago(5), text="knows sarah from NCT; Lily and Oscar play")],
    )
    place = Place(name="St Sarah's hall", created=days_ago(50))
    plan = Plan(
        date=days_ago(3),
        created_at=datetime(2026, 11, 18, 8),
        step_id="s",
        if_then="If I see Sarah, then I'll ask about Oscar",
        fear="Sarah ignores me",
        openers=["How is Oscar sleeping?"],
        place_id=place.id,
        who_may_be_there_ids=[sarah.id, amy.id],  # an unknown, newer field
    )
    journal = Journal(
        profile=Profile(
            name="Kate",
            children=[Child(name="Lily")],
            goal="coffee with Sarah",
            created=days_ago(99),
        ),
        places=[place],
        plans=[plan],
        people=[sarah, amy],
        checkins=[
            checkin(
                days_ago(3),
                met(sarah, name="Sarah M", child="Ozzy", detail="Oscar started nursery"),
                met(
                    amy,
                    where="Sarah's house",
                    detail="Amy said SARAH was lovely",
                    follow_up="ask Sarah-Miller's number",
                ),
                what="Chatted with Sarah and Amy",
                learned="sarah is shy too",
                proud="I said hi to Sarah first",
                plan_id=plan.id,
            ),
        ],
    )
    journal.ladder.custom_steps.append(
        CustomStep(id="custom-1", title="Invite Sarah for a walk", difficulty=6, created=TODAY)
    )
    return journal, sarah, amy


def test_forget_person_removes_her_and_scrubs_every_trace() -> None:
    journal, sarah, amy = _journal_with_sarah()
    changed = forget.forget_person(journal, sarah.id)

    raw = journal.model_dump_json()
    assert journal.places[0].name == "St [forgotten]'s hall"  # no trace, even in a place
    scrubbed = raw.casefold()
    for trace in ("sarah", "miller", "oscar", "ozzy", sarah.id):
        assert trace not in scrubbed, trace
    assert journal.people == [amy]
    assert [i.name for c in journal.checkins for i in c.interactions] == ["Amy"]
    checkin_ = journal.checkins[0]
    assert checkin_.what == "Chatted with [forgotten] and Amy"
    assert checkin_.learned == "[forgotten] is shy too"
    assert checkin_.interactions[0].where == "[forgotten]'s house"
    assert checkin_.interactions[0].follow_up == "ask [forgotten]-[forgotten]'s number"
    assert amy.notes[0].text == "knows [forgotten] from NCT; Lily and [forgotten] play"
    plan = journal.plans[0]
    assert plan.if_then == "If I see [forgotten], then I'll ask about [forgotten]"
    assert plan.openers == ["How is [forgotten] sleeping?"]
    assert plan.model_extra == {"who_may_be_there_ids": [amy.id]}
    assert journal.profile is not None and journal.profile.goal == "coffee with [forgotten]"
    assert journal.profile.name == "Kate" and journal.profile.children[0].name == "Lily"
    assert journal.ladder.custom_steps[0].title == "Invite [forgotten] for a walk"
    # 1 person + 1 interaction + checkin, amy's interaction, amy's note, plan, profile, step, place
    assert changed == 9
    assert forget.forget_person(journal, sarah.id) == 0  # nothing left to do


def test_forget_keeps_a_child_name_shared_with_the_users_own_or_someone_elses() -> None:
    jo = person("Jo", child="Lily")
    amy = person("Amy Stone", child="Max")
    journal = Journal(
        profile=Profile(children=[Child(name="Lily")], created=TODAY),
        people=[jo, amy, person("Max")],
        checkins=[checkin(TODAY, met(jo), what="Jo, Lily, Max and Amy at the park")],
    )
    forget.forget_person(journal, jo.id)
    assert journal.checkins[0].what == "[forgotten], Lily, Max and Amy at the park"


def test_forget_a_describing_name_leaves_common_words_and_places_alone() -> None:
    mum = person("Tom's mum from Hartbeeps")
    journal = Journal(
        places=[Place(name="Hartbeeps", created=TODAY)],
        people=[mum],
        checkins=[
            checkin(
                TODAY,
                met(mum),
                what="Tom's mum from Hartbeeps waved; Tom is 2. Hartbeeps was fun, my mum came",
            )
        ],
    )
    forget.forget_person(journal, mum.id)
    assert journal.checkins[0].what == (
        "[forgotten] waved; [forgotten] is 2. Hartbeeps was fun, my mum came"
    )


def test_forget_scrubs_extra_names_and_unknown_fields_too() -> None:
    jo = person("Joanne")
    data = Journal(people=[jo]).model_dump(mode="json")
    data["checkins"] = [
        {
            "date": "2026-11-01",
            "created_at": "2026-11-01T20:00:00",
            "mood": 3,
            "reflection": {"text": "You rated Jo 6/7"},
            "interactions": [],
        }
    ]
    journal = Journal.model_validate(data)
    assert forget.forget_person(journal, jo.id, extra_names=["Jo"]) == 2
    assert "Jo " not in json.dumps(journal.model_dump(mode="json"))
    assert journal.checkins[0].model_extra == {"reflection": {"text": "You rated [forgotten] 6/7"}}


def test_name_terms() -> None:
    terms = forget.name_terms("Sarah (Tom's mum)")
    assert terms.phrases == {"sarah (tom's mum)"}
    assert terms.words == {"sarah", "tom"}
    assert forget.name_terms("anne-marie o'neil").words == {"anne", "marie", "o'neil"}
