"""How dates, counts, stages, settings and regions are written for her, once for every screen."""

from __future__ import annotations

from datetime import date, datetime

from mumcoach.vocab import SETTINGS, RegionCode, Setting, Stage

# The setting ids as one typed list, for help text: "groups, classes, school-gate, …".
SETTINGS_LISTED = ", ".join(SETTINGS)

# Headings in `people`; stage_word() for the same inside a sentence.
STAGE_LABELS: dict[Stage, str] = {
    "nodded": "Nodded hello",
    "names": "Know her name",
    "chatted": "Chatted",
    "numbers": "Swapped numbers",
    "met-up": "Met up",
    "friend": "Friend",
}

# Her choices when asked where she is, and which settings are not for her.
REGION_TITLES: dict[RegionCode, str] = {
    "uk": "United Kingdom",
    "ie": "Ireland",
    "us": "United States",
    "au": "Australia",
    "ca": "Canada",
    "other": "Somewhere else",
}
SETTING_TITLES: dict[Setting, str] = {
    "groups": "Baby and toddler groups",
    "classes": "Classes (music, swimming…)",
    "school-gate": "The school or nursery gate",
    "soft-play": "Soft play and the park",
    "online": "Online local parents' groups",
    "hosting": "Hosting at home",
}
# How a setting reads inside a sentence: "try it somewhere new, like {place}".
SETTING_PLACES: dict[str, str] = {
    "groups": "a baby or toddler group",
    "classes": "a class",
    "school-gate": "the school gate",
    "soft-play": "soft play or the park",
    "online": "an online parents' group",
    "hosting": "your home",
}
# A setting's name in a sentence about the setting itself ("Back in: the school gate.").
SETTING_NAMES: dict[str, str] = {
    "groups": "baby and toddler groups",
    "classes": "classes",
    "school-gate": "the school gate",
    "soft-play": "soft play and the park",
    "online": "online parents' groups",
    "hosting": "hosting",
}


def stage_word(stage: Stage) -> str:
    """The stage inside a sentence: "know her name", "swapped numbers"."""
    return STAGE_LABELS[stage].lower()


def day_month(day: date) -> str:
    """'21 Nov'."""
    return f"{day.day} {day:%b}"


def day_month_year(day: date) -> str:
    """'21 Nov 2026'."""
    return f"{day.day} {day:%b %Y}"


def day_month_near(day: date, today: date) -> str:
    """'21 Nov', with its year when that is not `today`'s ('15 Dec 2016'): an old date never
    reads as a recent one."""
    return day_month(day) if day.year == today.year else day_month_year(day)


def full_date(day: date) -> str:
    """'21 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def short_weekday_day(day: date) -> str:
    """'Sat 21 Nov'."""
    return f"{day:%a} {day_month(day)}"


def weekday_day_month(day: date) -> str:
    """'Saturday 21 November'."""
    return f"{day:%A} {day.day} {day:%B}"


def another_day(day: date, today: date) -> str | None:
    """How a check-in's questions name the day it is about: None when that is today, 'Thursday'
    within the six days before, else 'Thursday 19 November' (as its reflection is titled)."""
    if day == today:
        return None
    return f"{day:%A}" if 0 < (today - day).days < 7 else weekday_day_month(day)


def on_day(day: date, today: date) -> str:
    """'today', or 'on Thursday' / 'on Thursday 19 November' (another_day) inside a sentence."""
    named = another_day(day, today)
    return "today" if named is None else f"on {named}"


def weekday_date(day: date) -> str:
    """'Saturday 21 November 2026'."""
    return f"{day:%A} {full_date(day)}"


def day_and_time(when: datetime) -> str:
    """'21 Nov 2026 18:00'."""
    return f"{day_month_year(when)} {when:%H:%M}"


def iso(day: date | None) -> str | None:
    """A date for JSON: 'YYYY-MM-DD', or None."""
    return day.isoformat() if day else None


def journal_counts(checkins: int, plans: int, people: int) -> str:
    """'1 check-in, 0 plans, 3 people': what a journal holds, in words."""
    return ", ".join(
        (plural(checkins, "check-in"), plural(plans, "plan"), plural(people, "person", "people"))
    )


def join_names(names: list[str]) -> str:
    """ "Sarah", "Sarah and Priya", "Sarah, Priya and Jo"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def hours_text(hours: float) -> str:
    """Time together as she would say it: '15 min' under an hour, else '1.5 h'; '' for none."""
    if hours <= 0:
        return ""
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    return f"{hours:.1f} h"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 chat', '3 chats', '2 numbers swapped'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def span_words(days: int) -> str:
    """'this week' for the usual 7 days, 'on this day' for one, else 'in these 21 days', so the
    words fit --days."""
    if days == 1:
        return "on this day"
    return "this week" if days == 7 else f"in these {days} days"


def quoted(title: str) -> str:
    """A step title to quote inside a sentence: its own closing full stop dropped, so the
    sentence's '"…enough)".' never reads '"…enough).".'"""
    return title.rstrip().removesuffix(".")
