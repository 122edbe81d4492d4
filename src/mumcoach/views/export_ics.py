"""The iCalendar export: upcoming plans with a reminder, her places' weekly times, follow-ups."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from mumcoach import __version__
from mumcoach.coach.forget import name_terms
from mumcoach.coach.ladder import plan_step_titles
from mumcoach.content import Content
from mumcoach.models import Journal, Place, Plan, Schedule
from mumcoach.schedule import occurs_on, schedule_of

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SOMEONE = "someone"
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?:in)?)?$")


def parse_remind(text: str) -> timedelta | None:
    """ "1h", "30m", "1h30m", "2d" → how long before; "none" or "0" → no reminder.

    ValueError (one line) for anything else.
    """
    spoken = text.strip().lower().replace(" ", "")
    if spoken in ("none", "no", "off", "0"):
        return None
    match = _DURATION.match(spoken)
    if not spoken or not match or not any(match.groups()):
        raise ValueError('must be a time before the event like "1h", "30m", "1h30m" or "none"')
    days, hours, minutes = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


class Redactor:
    """Replaces other people's names (and their children's) with "someone"."""

    def __init__(self, journal: Journal, keep_names: bool) -> None:
        names = [n for p in journal.people for n in (p.name, p.child) if n]
        names += [
            n for c in journal.checkins for i in c.interactions for n in (i.name, i.child) if n
        ]
        targets: set[str] = set()
        for name in names:
            terms = name_terms(name)
            targets |= terms.words | {p for p in terms.phrases if set(p.split()) & terms.words}
        targets.discard("")
        self.pattern = None
        if targets and not keep_names:
            alternatives = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
            self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        hidden = self.pattern.sub(SOMEONE, text)
        return re.sub(rf"\b{SOMEONE}(?:\s+{SOMEONE})+\b", SOMEONE, hidden)


def ics_text(
    journal: Journal,
    content: Content,
    now: datetime,
    *,
    remind: timedelta | None,
    with_names: bool,
) -> str:
    """One VCALENDAR; exporting again gives the same UIDs, so a calendar updates in place."""
    hide = Redactor(journal, keep_names=with_names)
    rules = content.rules.calendar
    steps = plan_step_titles(content, journal)
    places = {p.id: p for p in journal.places}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//mumcoach//mumcoach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:mumcoach",
    ]
    today = now.date()
    for plan in sorted(journal.plans, key=lambda p: (p.date, p.time or time())):
        if plan.date >= today:
            place = places.get(plan.place_id or "")
            start = _plan_start(plan, place)
            step = hide(steps.get(plan.id, plan.step_id))
            lines += _plan_event(plan, place, start, step, rules.event_minutes, hide, now)
            lines += _plan_alarm(start, remind, rules.morning_reminder, f"Your plan: {step}")
            lines.append("END:VEVENT")
    for place in journal.places:
        schedule = schedule_of(place, today)
        if schedule is not None:
            lines += _place_event(place, schedule, rules.event_minutes, hide, now)
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.follow_up and i.follow_up_due and i.follow_up_done is None:
                who = hide(i.name) if with_names else SOMEONE
                lines += [
                    "BEGIN:VEVENT",
                    f"UID:followup-{i.id}@mumcoach",
                    *_stamp(i.updated_at or now),
                    *_all_day(i.follow_up_due),
                    _text("SUMMARY", f"Follow up with {who}"),
                    _text("DESCRIPTION", hide(i.follow_up)),
                    "TRANSP:TRANSPARENT",
                    *_morning_alarm(remind, rules.morning_reminder, "A follow-up today"),
                    "END:VEVENT",
                ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _plan_event(
    plan: Plan,
    place: Place | None,
    start: datetime | None,
    step: str,
    minutes: int,
    hide: Redactor,
    now: datetime,
) -> list[str]:
    """The event without its END line (a reminder may follow); `step` is already redacted."""
    summary = f"{step} — {hide(place.name)}" if place else step
    description = [f"Step: {step}"]
    if plan.if_then:
        description.append(f"If-then plan: {hide(plan.if_then)}")
    if plan.safety_behaviour:
        description.append(f"Dropping: {hide(plan.safety_behaviour)}")
    description += [f"Opener: {hide(o)}" for o in plan.openers]
    event = ["BEGIN:VEVENT", f"UID:plan-{plan.id}@mumcoach", *_stamp(plan.updated_at or now)]
    event += _timed(start, minutes) if start else _all_day(plan.date)
    event += [_text("SUMMARY", summary), _text("DESCRIPTION", "\n".join(description))]
    if place:
        event.append(_text("LOCATION", hide(place.name)))
    return event


def _plan_start(plan: Plan, place: Place | None) -> datetime | None:
    """The plan's time, else its place's usual time that day, else None (an all-day event)."""
    at = plan.time
    if at is None and place is not None:
        schedule = schedule_of(place, plan.date)
        if schedule is not None and schedule.at is not None and occurs_on(schedule, plan.date):
            at = schedule.at
    return datetime.combine(plan.date, at) if at is not None else None


def _plan_alarm(
    start: datetime | None, remind: timedelta | None, morning: time, text: str
) -> list[str]:
    """A reminder `remind` before a plan with a time; at `morning` on the day of one without."""
    if start is None:
        return _morning_alarm(remind, morning, text)
    if remind is None:
        return []
    return _valarm(f"TRIGGER:-{duration(remind)}", text)


def _morning_alarm(remind: timedelta | None, morning: time, text: str) -> list[str]:
    if remind is None:
        return []
    offset = timedelta(hours=morning.hour, minutes=morning.minute)
    return _valarm(f"TRIGGER;RELATED=START:{duration(offset)}", text)


def _valarm(trigger: str, text: str) -> list[str]:
    return ["BEGIN:VALARM", "ACTION:DISPLAY", trigger, _text("DESCRIPTION", text), "END:VALARM"]


def _place_event(
    place: Place, schedule: Schedule, minutes: int, hide: Redactor, now: datetime
) -> list[str]:
    """A weekly place repeats from its first day on or after she added it; a one-off once."""
    if schedule.kind == "once":
        if schedule.day is None or schedule.day < now.date():
            return []
        first = schedule.day
        repeat: list[str] = []
    else:
        if not schedule.weekdays:
            return []
        first = place.created
        while first.weekday() not in schedule.weekdays:
            first += timedelta(days=1)
        days = ",".join(DAYS[d] for d in schedule.weekdays)
        repeat = [f"RRULE:FREQ=WEEKLY;BYDAY={days}"]
    when = (
        _timed(datetime.combine(first, schedule.at), minutes)
        if schedule.at is not None
        else _all_day(first)
    )
    return [
        "BEGIN:VEVENT",
        f"UID:place-{place.id}@mumcoach",
        *_stamp(place.updated_at or now),
        *when,
        *repeat,
        _text("SUMMARY", hide(place.name)),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


# -- RFC 5545 text -------------------------------------------------------------------------------


def _timed(start: datetime, minutes: int | None) -> list[str]:
    """Local ("floating") time: 10:00 is 10:00 wherever her calendar is."""
    lines = [f"DTSTART:{start:%Y%m%dT%H%M%S}"]
    if minutes is not None:
        lines.append(f"DURATION:{duration(timedelta(minutes=minutes))}")
    return lines


def _all_day(day: date) -> list[str]:
    return [
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
    ]


def _stamp(when: datetime) -> list[str]:
    """DTSTAMP and LAST-MODIFIED from when the record last changed (local time), in UTC."""
    text = f"{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return [f"DTSTAMP:{text}", f"LAST-MODIFIED:{text}"]


def duration(span: timedelta) -> str:
    """ISO 8601 / RFC 5545 duration: "PT1H", "PT1H30M", "P1D", "P1DT2H"."""
    days, seconds = span.days, span.seconds
    hours, minutes = divmod(seconds // 60, 60)
    time_part = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    text = "P" + (f"{days}D" if days else "") + (f"T{time_part}" if time_part else "")
    return text if text != "P" else "PT0M"


def _text(name: str, value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )
    return f"{name}:{escaped}"


def fold(line: str, limit: int = 75) -> str:
    """Split a content line into lines of at most 75 octets, never inside a character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
