"""Children's ages that grow: an age is kept with the day it was given and shown as it is today."""

from __future__ import annotations

import re
from datetime import date, timedelta

AGE = re.compile(r"^(\d{1,3})([wmy])$")
BIRTH_MONTH = re.compile(r"^(?:born\s+)?(\d{4})-(\d{1,2})$", re.IGNORECASE)
WEEKS_UNTIL_MONTHS = 2  # under two months old: "6w"
MONTHS_UNTIL_YEARS = 24  # under two years old: "18m"; from then on "3y"


def _minus_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - a month always has 28 days


def birthday(age: str, as_of: date) -> date | None:
    """Roughly when a child who was `age` ("8m", "3y", "6w") on `as_of` was born."""
    match = AGE.match(age.strip().lower())
    if not match:
        return None
    number, unit = int(match.group(1)), match.group(2)
    if unit == "w":
        return as_of - timedelta(weeks=number)
    return _minus_months(as_of, number * (12 if unit == "y" else 1))


def age_on(born: date, day: date) -> str:
    """A child's age on `day`: '6w', '11m', '3y'."""
    months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
    if months < WEEKS_UNTIL_MONTHS:
        return f"{max(0, (day - born).days // 7)}w"
    if months < MONTHS_UNTIL_YEARS:
        return f"{months}m"
    return f"{months // 12}y"


def age_today(age: str | None, as_of: date | None, today: date) -> str | None:
    """The age now of a child who was `age` on `as_of` ('8m' a year ago → '1y'... as '20m')."""
    if not age:
        return None
    born = birthday(age, as_of) if as_of is not None else None
    if born is None or as_of is None or today <= as_of:
        return age
    return age_on(born, today)


def birth_month_age(text: str, today: date) -> str | None:
    """'2025-03' or 'born 2025-03' → the age today ('20m'); None when it isn't a birth month."""
    match = BIRTH_MONTH.match(text.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if (year, month) > (today.year, today.month):
        return None
    return age_on(min(date(year, month, 15), today), today)
