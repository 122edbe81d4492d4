"""Dates and times the way people say them: one parser for flags, answers files and prompts.

Days: ISO (2026-11-24), "today", "tomorrow", "yesterday", a weekday ("tuesday", "tue"),
"next tuesday", "last tuesday", "in 3 days", "3 days ago", and a day with a month
("24 november", "nov 24", "24 nov 2026"). Times: "10:00", "9:30", "10am", "2.30pm", "14h".
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Literal

Direction = Literal["ahead", "back"]

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
DATE_EXAMPLES = "2026-11-24, today, tomorrow, tuesday, next tuesday, in 3 days or 24 nov"
TIME_EXAMPLES = "10:00, 9:30 or 2pm"

_IN_DAYS = re.compile(r"^(?:in\s+)?(\d{1,4})\s*(days?|weeks?)$")
_DAYS_AGO = re.compile(r"^(\d{1,4})\s*(days?|weeks?)\s+ago$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?$")


class DateError(ValueError):
    """A date or time that could not be read; the message is one short line for the user."""


def weekday_index(word: str) -> int | None:
    """0 for "mon"/"monday"/"mondays" … 6 for Sunday; None if it is not a weekday."""
    word = word.strip().lower().rstrip(".")
    for form in (word, word[:-1] if word.endswith("s") else ""):
        if len(form) >= 3:
            for index, name in enumerate(WEEKDAYS):
                if name.startswith(form):
                    return index
    return None


def _month_index(word: str) -> int | None:
    word = word.strip().lower().rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and name == "september"):
            return index
    return None


def _in_range(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise DateError(f"must be a date between {EARLIEST.year} and {LATEST.year}")
    return day


def _shift(today: date, days: int) -> date:
    try:
        return _in_range(today + timedelta(days=days))
    except OverflowError:
        raise DateError(f"must be a date between {EARLIEST.year} and {LATEST.year}") from None


def parse_date(text: str | date, today: date, *, direction: Direction = "ahead") -> date:
    """A date as typed, relative to `today`; DateError (one line) if it cannot be read.

    A bare weekday or day-and-month means the nearest one in `direction`, today included
    ("ahead" for plans and reminders, "back" for a check-in about a day gone by). "next
    tuesday" is the first Tuesday after today, "last tuesday" the last one before it.
    """
    if isinstance(text, date):
        return _in_range(text)
    words = " ".join(str(text).strip().lower().split())
    if not words:
        raise DateError("is empty")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words):
        try:
            iso = date.fromisoformat(words)
        except ValueError:
            raise DateError(f"is not a real date (try {DATE_EXAMPLES})") from None
        return _in_range(iso)
    simple = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    if words in simple:
        return _shift(today, simple[words])
    found = _relative(words, today, direction) or _day_and_month(words, today, direction)
    if found is None:
        raise DateError(f"must be a date like {DATE_EXAMPLES}")
    return found


def _relative(words: str, today: date, direction: Direction) -> date | None:
    for pattern, sign in ((_IN_DAYS, 1), (_DAYS_AGO, -1)):
        match = pattern.match(words)
        if match:
            unit = 7 if match.group(2).startswith("week") else 1
            return _shift(today, sign * int(match.group(1)) * unit)
    first, _, rest = words.partition(" ")
    if first in ("next", "this", "last", "on", "coming") and rest:
        wanted = weekday_index(rest)
        if wanted is None:
            return None
        if first == "next":
            return _shift(today, (wanted - today.weekday() - 1) % 7 + 1)
        if first == "last":
            return _shift(today, -((today.weekday() - wanted - 1) % 7 + 1))
        return _nearest_weekday(today, wanted, direction)
    wanted = weekday_index(words)
    return _nearest_weekday(today, wanted, direction) if wanted is not None else None


def _nearest_weekday(today: date, wanted: int, direction: Direction) -> date:
    if direction == "ahead":
        return _shift(today, (wanted - today.weekday()) % 7)
    return _shift(today, -((today.weekday() - wanted) % 7))


def _day_and_month(words: str, today: date, direction: Direction) -> date | None:
    match = _DAY_MONTH.match(words)
    if match:
        day_text, month_text, year_text = match.groups()
    else:
        match = _MONTH_DAY.match(words)
        if not match:
            return None
        month_text, day_text, year_text = match.groups()
    month = _month_index(month_text)
    if month is None:
        return None
    years = (
        [int(year_text)]
        if year_text
        else [today.year, today.year + (1 if direction == "ahead" else -1)]
    )
    for year in years:
        try:
            found = date(year, month, int(day_text))
        except ValueError:
            raise DateError(f"is not a real date (try {DATE_EXAMPLES})") from None
        if year_text or (found >= today if direction == "ahead" else found <= today):
            return _in_range(found)
    return _in_range(date(years[-1], month, int(day_text)))


def parse_time(text: str | time) -> time:
    """A time of day: "10:00", "9:30", "10am", "2.30pm", "14h"; DateError (one line) if not."""
    if isinstance(text, time):
        return text.replace(second=0, microsecond=0)
    words = str(text).strip().lower().replace(" ", "")
    match = _TIME.match(words)
    if not match or (match.group(2) is None and match.group(3) is None):
        raise DateError(f"must be a time like {TIME_EXAMPLES}")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise DateError(f"must be a time like {TIME_EXAMPLES}")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateError(f"must be a time like {TIME_EXAMPLES}")
    return time(hour, minute)


def format_time(value: time) -> str:
    """ "10:00", "09:30" → "9:30": the way a diary shows it."""
    return f"{value.hour}:{value.minute:02d}"
