"""The Markdown export: her journal as a readable diary, then her people and her ladder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from mumcoach.coach.ladder import (
    StepProgress,
    build_history,
    plan_step_titles,
    progress,
)
from mumcoach.coach.people import child_age_now, interactions_of, open_followups, stage
from mumcoach.content import Content
from mumcoach.dates import format_time
from mumcoach.models import CheckIn, Interaction, Journal, Loneliness, Person, Plan
from mumcoach.schedule import describe, schedule_of
from mumcoach.views.ladder import STATUS_LABELS
from mumcoach.words import day_month_year, weekday_date

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Her words as Markdown text: markup characters escaped, line breaks kept as breaks."""
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    return "  \n".join(line.strip() for line in escaped.splitlines())


def markdown_text(journal: Journal, content: Content, now: datetime) -> str:
    """The whole diary: one section per day, newest last; then people, ladder and places."""
    steps = plan_step_titles(content, journal)
    places = {p.id: p.name for p in journal.places}
    owner = journal.profile.name if journal.profile and journal.profile.name else None
    title = f"{md(owner)}'s mumcoach journal" if owner else "My mumcoach journal"
    out = [f"# {title}", "", f"Exported {weekday_date(now.date())} at {format_time(now.time())}."]
    if journal.profile and journal.profile.goal:
        out += ["", f"**Goal:** {md(journal.profile.goal)}"]

    days = sorted(
        {p.date for p in journal.plans}
        | {c.date for c in journal.checkins}
        | {x.date for x in journal.loneliness}
    )
    if days:
        out += ["", "## Diary"]
    for day in days:
        out += ["", f"### {weekday_date(day)}"]
        for plan in (p for p in journal.plans if p.date == day):
            out += ["", "#### Plan", *_plan(plan, steps, places)]
        for checkin in (c for c in journal.checkins if c.date == day):
            out += ["", "#### Check-in", *_checkin(checkin)]
            if checkin.interactions:
                out += ["", "#### People met", *(_met(i) for i in checkin.interactions)]
        for check in (x for x in journal.loneliness if x.date == day):
            out += ["", _loneliness(check)]

    if journal.people:
        out += ["", "## People"]
        for person in journal.people:
            out += ["", f"### {md(person.name)}", *_person(journal, person, now.date())]
    out += ["", "## Ladder", "", *_ladder(progress(build_history(content, journal, now.date())))]
    if journal.places:
        out += ["", "## Places", ""]
        for place in journal.places:
            sched = schedule_of(place, now.date())
            when = f" — {describe(sched)}" if sched else ""
            out.append(f"- {md(place.name)}{when}")
    return "\n".join(out) + "\n"


def _lines(pairs: Iterable[tuple[str, str | None]]) -> list[str]:
    return [f"- **{label}:** {value}" for label, value in pairs if value]


def _plan(plan: Plan, steps: dict[str, str], places: dict[str, str]) -> list[str]:
    place = places.get(plan.place_id or "")
    at = f" at {format_time(plan.time)}" if plan.time else ""
    fear = md(plan.fear) if plan.fear else None
    if fear and plan.likelihood is not None:
        fear += f" (I thought {plan.likelihood}% likely)"
    return _lines(
        [
            ("Where", f"{md(place)}{at}" if place else (at.strip() or None)),
            ("Step", md(steps.get(plan.id, plan.step_id))),
            ("If-then plan", md(plan.if_then) if plan.if_then else None),
            ("What I feared", fear),
            ("Expected anxiety", _of(plan.expected_anxiety, 10)),
            ("Dropping", md(plan.safety_behaviour) if plan.safety_behaviour else None),
            ("Openers", "; ".join(md(o) for o in plan.openers) or None),
            ("Energy", _of(plan.energy, 10)),
        ]
    )


def _checkin(c: CheckIn) -> list[str]:
    return _lines(
        [
            ("Tried it", c.tried),
            ("Actual anxiety", _of(c.actual_anxiety, 10)),
            ("Did the fear come true", c.fear_came_true),
            ("What happened", md(c.what) if c.what else None),
            ("What I learned", md(c.learned) if c.learned else None),
            ("Mood", _of(c.mood, 5)),
            ("Energy", _of(c.energy, 10)),
            ("Proud of", md(c.proud) if c.proud else None),
        ]
    )


def _met(i: Interaction) -> str:
    child = ", ".join(md(x) for x in (i.child, i.child_age) if x)
    facts = [f"**{md(i.name)}**" + (f" ({child})" if child else "")]
    if i.where:
        facts.append(f"at {md(i.where)}")
    if i.minutes:
        facts.append(f"{i.minutes} min")
    if i.started_by:
        facts.append("I started" if i.started_by == "me" else "they started")
    facts += [
        word
        for flag, word in (
            (i.swapped_numbers, "swapped numbers"),
            (i.meetup, "met up"),
            (i.invited, "I invited them"),
            (i.invited_me, "they invited me"),
        )
        if flag
    ]
    line = "- " + " · ".join(facts)
    if i.detail:
        line += f"  \n  Remembered: {md(i.detail)}"
    if i.follow_up:
        due = f" (by {day_month_year(i.follow_up_due)})" if i.follow_up_due else ""
        done = f" — done {day_month_year(i.follow_up_done)}" if i.follow_up_done else ""
        line += f"  \n  Follow-up: {md(i.follow_up)}{due}{done}"
    return line


def _loneliness(check: Loneliness) -> str:
    answers = ", ".join(str(a) for a in check.answers)
    return f"Loneliness check (3 questions, 1–3 each): {answers} — total {sum(check.answers)}."


def _person(journal: Journal, person: Person, today: date) -> list[str]:
    age = child_age_now(person, interactions_of(journal, person.id), today)  # as she is today
    child = ", ".join(md(x) for x in (person.child, age) if x)
    first = day_month_year(person.first_met) if person.first_met else None
    if first and person.first_met_where:
        first += f" at {md(person.first_met_where)}"
    lines = _lines(
        [
            ("Child", child or None),
            ("Stage", stage(journal, person).replace("-", " ")),
            ("First met", first),
        ]
    )
    if person.notes:
        lines.append("- **Notes:**")
        lines += [f"  - {day_month_year(n.date)}: {md(n.text)}" for n in person.notes]
    due = [f for f in open_followups(journal, today) if f.person_id == person.id]
    for item in due:
        when = f" (by {day_month_year(item.due)})" if item.due else ""
        lines.append(f"- **Follow-up:** {md(item.text)}{when}")
    return lines


def _ladder(rows: list[StepProgress]) -> list[str]:
    out = ["| # | Step | Difficulty | Status | Tries |", "|---|---|---|---|---|"]
    for row in rows:
        own = " (my own)" if row.step.custom else ""
        status = STATUS_LABELS.get(row.status, row.status)
        out.append(
            f"| {row.step.position} | {md(row.step.title)}{own} | {row.step.difficulty} "
            f"| {status} | {row.attempts} |"
        )
    return out


def _of(value: int | None, top: int) -> str | None:
    return None if value is None else f"{value}/{top}"
