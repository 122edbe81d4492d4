"""Typed answers are read the way people write them, and asked again kindly when they can't be."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke

from mumcoach.coach.ladder import ratings_for_placement
from mumcoach.content import load_content
from mumcoach.flows.typed import read_age, read_number
from mumcoach.store import Store


@pytest.mark.parametrize(
    ("typed", "age"),
    [
        ("8m", "8m"),
        ("8 months", "8m"),
        ("5 mths", "5m"),
        ("six months", "6m"),
        ("18 months", "18m"),
        ("2.5 years", "30m"),
        ("two and a half years", "30m"),
        ("1y 6m", "18m"),
        ("1 year and 6 months", "18m"),
        ("3 weeks old", "3w"),
        ("2yrs", "2y"),
        ("about 8 Months", "8m"),
        ("3", 3),  # a bare number: ask "3 months or 3 years?"
        ("twelve", 12),
        ("soon", None),
        ("10 days", None),
        ("300 years", None),
    ],
)
def test_ages_as_people_write_them(typed: str, age: str | int | None) -> None:
    assert read_age(typed) == age


@pytest.mark.parametrize(
    ("typed", "number", "as_minutes"),
    [
        ("60", 60, 60),
        ("60%", 60, 60),
        ("60 percent", 60, 60),
        ("sixty", 60, 60),
        ("sixty-five", 65, 65),
        ("a hundred", 100, 100),
        ("about 20", 20, 20),
        ("20 mins", 20, 20),
        ("an hour", None, 60),
        ("half an hour", None, 30),
        ("1.5 hours", None, 90),
        ("lots", None, None),
        ("2.5", None, None),
    ],
)
def test_numbers_as_people_write_them(
    typed: str, number: int | None, as_minutes: int | None
) -> None:
    assert read_number(typed) == number
    assert read_number(typed, minutes=True) == as_minutes


def onboarding(**answers: object) -> dict[str, object]:
    script: dict[str, object] = {
        "name": "Amy",
        "region": "uk",
        "child_name": "Jasper",
        "more_children": False,
        "not_for_me": [[]],
        "goal": "",
        **{f"rate:{step}": ... for step in ratings_for_placement(load_content())},
    }
    script.update(answers)
    return script


def test_a_bare_age_asks_months_or_years_instead_of_ending_onboarding(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(["init"], script=onboarding(child_age="3", child_age_unit="3y"))
    assert result.exit_code == 0, result.output
    assert result.prompter.messages[result.prompter.asked.index("child_age_unit")] == (
        "Is that in weeks, months or years?"
    )
    profile = Store(private_home).load().profile
    assert profile is not None and profile.children[0].age == "3y"


def test_an_unreadable_age_is_asked_again_with_a_hint(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["init"], script=onboarding(child_age=["soon", "5 mths"]))
    assert result.exit_code == 0, result.output
    assert result.prompter.hints == [("child_age", "Try an age like 8 months or 2 years.")]
    profile = Store(private_home).load().profile
    assert profile is not None and profile.children[0].age == "5m"


def test_plan_reads_sixty_and_percent_and_re_asks_nonsense(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    script = {
        "place": "__new__",
        "new_place": ["", "Hartbeeps"],  # required: blank is asked again
        "setting": "classes",
        "recurring": "",
        "energy": 5,
        "step": ...,
        "if_then": ...,
        "fear": "awkward silence",
        "likelihood": ["lots", "150", "sixty"],
        "expect": 3,
    }
    result = invoke(["plan"], script=script)
    assert result.exit_code == 0, (result.output, result.prompter.unused())
    assert result.prompter.hints == [
        ("new_place", "A word or two is plenty."),
        ("likelihood", "Try a whole number from 0 to 100."),
        ("likelihood", "Try a whole number from 0 to 100."),
    ]
    (plan,) = Store(private_home).load().plans
    assert plan.likelihood == 60
    # a known place without a schedule: which day is asked (mumcoach.dates reads "today")
    again = {**script, "likelihood": "60%", "date": "today"}
    result = invoke(["plan", "--place", "Hartbeeps"], script=again)
    assert Store(private_home).load().plans[1].likelihood == 60


def met_sarah(**answers: object) -> dict[str, object]:
    """A check-in script: she met Sarah and means to follow up; Enter on every scale."""
    script: dict[str, object] = {
        "mood": 4,
        "energy": ...,
        "met_anyone": True,
        "person_name": "Sarah",
        "child": "",
        "child_age": "",
        "where": "",
        "detail": "",
        "minutes": "",
        "started_by": "them",
        "person_flags": [[]],
        "liked_them": ...,
        "they_liked_me": ...,
        "follow_up": "ask about nursery",
        "another_person": False,
        "proud": "",
    }
    return {**script, **answers}


def test_checkin_reads_minutes_and_dates_as_typed(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    script = met_sarah(minutes=["ages", "half an hour"], follow_up_due=["whenever", "next tuesday"])
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, (result.output, result.prompter.unused())
    assert [key for key, _ in result.prompter.hints] == ["minutes", "follow_up_due"]
    (met,) = Store(private_home).load().checkins[0].interactions
    assert met.minutes == 30
    assert met.follow_up_due is not None and met.follow_up_due.isoformat() == "2026-11-24"
    checkin = Store(private_home).load().checkins[0]
    assert checkin.energy is None and met.liked_them is None, "Enter on a scale chose nothing"


def test_the_check_in_draft_is_typed_so_a_bad_value_is_caught_where_it_is_set() -> None:
    from datetime import date

    from mumcoach.coach.checkin_draft import CheckInAnswers, MetAnswers
    from mumcoach.errors import BadInput

    answers = CheckInAnswers()
    answers.put("mood", 4)
    answers.put("what", "Said hello")
    assert answers.given() == {"mood": 4, "what": "Said hello"}
    with pytest.raises(BadInput, match=r"^mood can't be kept as given \(input should be less"):
        answers.put("mood", 9)
    with pytest.raises(BadInput, match="^tried can't be kept as given"):
        answers.put("tried", "maybe")
    met = MetAnswers()
    met.put("follow_up_due", "2026-11-24")
    assert met.follow_up_due == date(2026, 11, 24)
    with pytest.raises(BadInput, match="^liked_them"):
        met.put("liked_them", 8)
    with pytest.raises(BadInput, match="^nickname"):
        met.put("nickname", "S")


@pytest.mark.parametrize(
    ("typed", "due"), [(..., "2026-11-24"), ("", "2026-11-24"), ("none", None)]
)
def test_a_date_with_a_default_is_shown_not_pre_typed(
    invoke: Invoke, private_home: Path, typed: object, due: str | None
) -> None:
    invoke(["init", "--region", "uk"])
    script = met_sarah(follow_up_due=typed)
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    asked = result.prompter.messages[result.prompter.asked.index("follow_up_due")]
    assert asked.endswith("(Enter for Tue 24 Nov, or none)")
    (met,) = Store(private_home).load().checkins[0].interactions
    assert (met.follow_up_due.isoformat() if met.follow_up_due else None) == due
