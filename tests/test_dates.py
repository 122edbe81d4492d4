"""The one date and time parser used by flags, answers files and prompts."""

from __future__ import annotations

from datetime import date, time

import pytest

from mumcoach.dates import DateError, format_time, parse_date, parse_time

SAT = date(2026, 11, 21)  # a Saturday
TUE = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "today", "direction", "expected"),
    [
        ("2026-11-24", SAT, "ahead", TUE),
        ("today", SAT, "ahead", SAT),
        ("Tomorrow", SAT, "ahead", date(2026, 11, 22)),
        ("yesterday", SAT, "back", date(2026, 11, 20)),
        ("tuesday", SAT, "ahead", TUE),
        ("tue", SAT, "ahead", TUE),
        ("Tuesdays", SAT, "ahead", TUE),
        ("tuesday", TUE, "ahead", TUE),  # today counts
        ("next tuesday", SAT, "ahead", TUE),
        ("next tuesday", TUE, "ahead", date(2026, 12, 1)),
        ("last tuesday", TUE, "back", date(2026, 11, 17)),
        ("tuesday", SAT, "back", date(2026, 11, 17)),
        ("saturday", SAT, "back", SAT),
        ("this thursday", SAT, "ahead", date(2026, 11, 26)),
        ("in 3 days", SAT, "ahead", TUE),
        ("3 days", SAT, "ahead", TUE),
        ("in 2 weeks", SAT, "ahead", date(2026, 12, 5)),
        ("2 days ago", SAT, "back", date(2026, 11, 19)),
        ("24 nov", SAT, "ahead", TUE),
        ("November 24th", SAT, "ahead", TUE),
        ("1 jan", SAT, "ahead", date(2027, 1, 1)),
        ("1 jan", SAT, "back", date(2026, 1, 1)),
        ("3 dec 2025", SAT, "ahead", date(2025, 12, 3)),
    ],
)
def test_dates_as_people_say_them(text: str, today: date, direction: str, expected: date) -> None:
    assert parse_date(text, today, direction=direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("someday", "must be a date like"),
        ("2026-02-30", "is not a real date"),
        ("31 feb", "is not a real date"),
        ("1850-01-01", "between 1900 and 2100"),
        ("in 9999 weeks", "between 1900 and 2100"),
        ("tu", "must be a date like"),
    ],
)
def test_bad_dates_say_why_in_one_line(text: str, message: str) -> None:
    with pytest.raises(DateError) as err:
        parse_date(text, SAT)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", time(10, 0)),
        ("9:30", time(9, 30)),
        ("09.30", time(9, 30)),
        ("10am", time(10, 0)),
        ("2.30 pm", time(14, 30)),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
        ("14h", time(14, 0)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["10", "25:00", "9:75", "13pm", "noonish", ""])
def test_bad_times(text: str) -> None:
    with pytest.raises(DateError, match="must be a time like"):
        parse_time(text)


def test_time_reads_like_a_diary() -> None:
    assert format_time(time(9, 30)) == "9:30"
    assert format_time(time(14, 5)) == "14:05"


# ---- place schedules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "weekdays", "day", "at"),
    [
        ("Tuesdays 10:00", "weekly", [1], None, time(10, 0)),
        ("every Tuesday at 10", "weekly", [1], None, time(10, 0)),
        ("Mon and Thu 9:30", "weekly", [0, 3], None, time(9, 30)),
        ("mon, wed & fri", "weekly", [0, 2, 4], None, None),
        ("weekdays 8:45", "weekly", [0, 1, 2, 3, 4], None, time(8, 45)),
        ("Mon-Fri 3pm", "weekly", [0, 1, 2, 3, 4], None, time(15, 0)),
        ("Tuesdays 10:00-11:00 in term time", "weekly", [1], None, time(10, 0)),
        ("Saturday 28 Nov 10:00", "once", [], date(2026, 11, 28), time(10, 0)),
        ("tomorrow 2pm", "once", [], date(2026, 11, 22), time(14, 0)),
        ("2026-12-05", "once", [], date(2026, 12, 5), None),
    ],
)
def test_schedules(
    text: str, kind: str, weekdays: list[int], day: date | None, at: time | None
) -> None:
    from mumcoach.schedule import parse_schedule

    found = parse_schedule(text, SAT)
    assert (found.kind, found.weekdays, found.day, found.at) == (kind, weekdays, day, at)


@pytest.mark.parametrize("text", ["sometimes", "when the weather is nice", ""])
def test_bad_schedules(text: str) -> None:
    from mumcoach.schedule import parse_schedule

    with pytest.raises(DateError, match="must be a schedule like"):
        parse_schedule(text, SAT)


def test_describe_and_next_occurrence() -> None:
    from datetime import datetime

    from mumcoach.schedule import describe, next_occurrence, parse_schedule

    twice = parse_schedule("thu and mon 9:30", SAT)
    assert describe(twice) == "Mondays and Thursdays 9:30"
    assert next_occurrence(twice, datetime(2026, 11, 21, 12, 0)) == date(2026, 11, 23)
    tuesdays = parse_schedule("Tuesdays 10:00", SAT)
    assert next_occurrence(tuesdays, datetime(2026, 11, 24, 8, 0)) == TUE  # later today
    assert next_occurrence(tuesdays, datetime(2026, 11, 24, 11, 0)) == date(2026, 12, 1)
    once = parse_schedule("Saturday 28 Nov 10:00", SAT)
    assert describe(once) == "Saturday 28 November 10:00"
    assert next_occurrence(once, datetime(2026, 11, 29, 9, 0)) is None


def test_a_name_keeps_its_schedule_apart() -> None:
    from mumcoach.schedule import describe, split_name

    name, schedule = split_name("Hartbeeps, Tuesdays 10:00", SAT)
    assert name == "Hartbeeps"
    assert schedule is not None and describe(schedule) == "Tuesdays 10:00"
    assert split_name("Rhyme time (Thursdays 11am)", SAT)[0] == "Rhyme time"
    assert split_name("Tuesday Club", SAT) == ("Tuesday Club", None)
    assert split_name("Tots - the church hall", SAT) == ("Tots - the church hall", None)


def test_an_older_place_reads_its_recurring_text() -> None:
    from mumcoach.models import Place
    from mumcoach.schedule import describe, schedule_of

    old = Place(name="Rhyme time", recurring="Thursdays 11:00", created=SAT)
    found = schedule_of(old, SAT)
    assert found is not None and describe(found) == "Thursdays 11:00"
    assert schedule_of(Place(name="x", recurring="now and then", created=SAT), SAT) is None
