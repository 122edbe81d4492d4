"""A place's schedule: read from "Tuesdays 10:00" or "Mon and Thu 9:30", shown, and next date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from datetime import time as TimeOfDay

from mumcoach.dates import DateError, format_time, parse_date, parse_time, weekday_index
from mumcoach.models import Place, Schedule
from mumcoach.words import weekday_day_month

SCHEDULE_EXAMPLES = '"Tuesdays 10:00", "Mon and Thu 9:30" or "Saturday 28 Nov 10:00"'
DAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
_FILLER = {"every", "each", "on", "at", "and", "from", "weekly", "week", "a", "the", "once"}
_SPLIT = re.compile(r"[\s,;&/+]+")
_TIME_WORD = re.compile(r"^\d{1,2}(?:[:.h]\d{2}(?:am|pm)?|am|pm|h)$")
_RANGE = re.compile(r"^([a-z]{3,9})-([a-z]{3,9})$")


def parse_schedule(text: str, today: date) -> Schedule:
    """Weekdays (and a time) make a weekly schedule; a date (and a time) a one-off.

    "Tuesdays 10:00", "every Tuesday at 10am", "Mon and Thu 9:30", "weekdays 9:00",
    "Mon-Fri", "Saturday 28 Nov 10:00" (a date: one-off), "tomorrow 2pm". A time range
    ("10:00-11:00") keeps its start. DateError (one line) when it cannot be read.
    """
    spoken = re.sub(r"\bat (\d{1,2})(?![:.\dah])", r"at \1:00", text.strip().lower())
    words = [w for w in _SPLIT.split(spoken) if w and w not in _FILLER]
    at: TimeOfDay | None = None
    weekdays: list[int] = []
    rest: list[str] = []
    for word in words:
        start = word.split("-", 1)[0] if word[:1].isdigit() else word
        day = weekday_index(word)
        if _TIME_WORD.match(start):
            at = parse_time(start)
        elif word in ("weekdays", "weekday"):
            weekdays += range(5)
        elif _weekday_range(word):
            weekdays += _weekday_range(word)
        elif day is not None:
            weekdays.append(day)
        else:
            rest.append(word)
    if rest:
        try:
            return Schedule(kind="once", day=parse_date(" ".join(rest), today), at=at)
        except DateError:
            if not weekdays:  # words that are neither days nor a date
                raise DateError(f"must be a schedule like {SCHEDULE_EXAMPLES}") from None
    if not weekdays:
        raise DateError(f"must be a schedule like {SCHEDULE_EXAMPLES}")
    return Schedule(kind="weekly", weekdays=sorted(set(weekdays)), at=at)


def _weekday_range(word: str) -> list[int]:
    match = _RANGE.match(word)
    if not match:
        return []
    first, last = weekday_index(match.group(1)), weekday_index(match.group(2))
    if first is None or last is None:
        return []
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


def describe(schedule: Schedule) -> str:
    """ "Tuesdays 10:00", "Mondays and Thursdays 9:30", "Saturday 28 November 10:00"."""
    at = f" {format_time(schedule.at)}" if schedule.at else ""
    if schedule.kind == "once" and schedule.day is not None:
        return f"{weekday_day_month(schedule.day)}{at}"
    names = [DAY_NAMES[d] for d in schedule.weekdays]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined}{at}"


def schedule_of(place: Place, today: date) -> Schedule | None:
    """The place's schedule; for an older place, read from its `recurring` text if it can be."""
    if place.schedule is not None:
        return place.schedule
    if not place.recurring:
        return None
    try:
        return parse_schedule(place.recurring, place.created or today)
    except DateError:
        return None


def next_occurrence(schedule: Schedule, now: datetime) -> date | None:
    """The next day it happens from `now` on: today unless today's start time has passed.

    None for a one-off that is over.
    """
    today = now.date()
    started = schedule.at is not None and now.time() > schedule.at
    if schedule.kind == "once":
        if schedule.day is None or schedule.day < today or (schedule.day == today and started):
            return None
        return schedule.day
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day.weekday() in schedule.weekdays and not (ahead == 0 and started):
            return day
    return None


def occurs_on(schedule: Schedule, day: date) -> bool:
    """True when the place happens on `day`."""
    if schedule.kind == "once":
        return schedule.day == day
    return day.weekday() in schedule.weekdays


def split_name(text: str, today: date) -> tuple[str, Schedule | None]:
    """ "Hartbeeps, Tuesdays 10:00" → ("Hartbeeps", weekly Tue 10:00); no schedule → (text, None).

    Only a tail after a comma, a dash or in brackets is read as a schedule, so a name such as
    "Tuesday Club" stays whole.
    """
    name = " ".join(text.split())
    match = re.match(r"^(.+?)\s*(?:,|\s[-–]\s|\()\s*([^,()]+?)\)?$", name)
    if not match:
        return name, None
    try:
        return match.group(1).strip(), parse_schedule(match.group(2), today)
    except DateError:
        return name, None
