"""Realistic journals for the benchmark: years of check-ins, plans and people, plus a jrnl twin.

    python benchmarks/journals.py --years 10 --home DIR [--jrnl FILE]

Run it with the Python of the installed mumcoach being measured, so the journal is built by
that version's models (and saved with its own encoder). The shape follows one mum's real use:
a check-in on about seven evenings in eight, a plan three times a week, a little over one person
met per check-in, about 43 new people a year, free text in her own words everywhere. Ten years
come to about 3,200 check-ins, 1,590 plans, 3,750 interactions, 430 people and 4.7 MB.

`--jrnl FILE` also writes a plain-text jrnl journal of the same size: one entry per check-in,
holding the same words, padded so both files weigh the same.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mumcoach import models
from mumcoach.store import Store

FIRST_NAMES = ("Sarah", "Priya", "Aisha", "Emma", "Olivia", "Fatima", "Niamh", "Kemi", "Rosa")
CHILD_NAMES = ("Alfie", "Arlo", "Bella", "Daisy", "Finn", "Isla", "Milo", "Ruby", "Theo")
PLACES = (
    ("Baby sensory at the library", "classes"),
    ("Tuesday toddler group", "groups"),
    ("Swimming lessons", "classes"),
    ("School gate", "school-gate"),
    ("Jungle soft play", "soft-play"),
    ("Local mums chat", "online"),
    ("Church hall stay and play", "groups"),
    ("Music and rhyme time", "classes"),
    ("Park café meet-up", "groups"),
    ("Nursery pick-up", "school-gate"),
    ("Forest school taster", "classes"),
    ("Coffee morning at mine", "hosting"),
)
WHAT = (
    "Stayed for the whole session and chatted by the snack table while the kids played.",
    "Said hello to two mums by the door; one asked about the sleep regression.",
    "Got there late, felt flustered, but still smiled at a couple of people.",
    "We talked about weaning and nursery places; she's been finding it hard too.",
    "Sat on the mat next to someone new and asked how old her little one was.",
    "Quiet one today — mostly watched, but it was nice to be out of the house.",
)
LEARNED = (
    "People are friendlier than I expect when I start the conversation.",
    "Asking about their child is an easy way in and nobody minded.",
    "It was awkward for a second and then it wasn't.",
    "Nobody noticed I was nervous; I think everyone's a bit tired.",
)
PROUD = (
    "I went even though I really didn't feel like it.",
    "I remembered her name and used it.",
    "I asked for her number before I could talk myself out of it.",
    "I stayed for the whole session.",
    "I sent the follow-up message the same day.",
)
DETAILS = (
    "Her little one has just started crawling and is into everything.",
    "Going back to work in March, three days a week, nervous about nursery.",
    "Lives near the park and walks there most mornings around ten.",
    "Also struggling with the four-month sleep regression; we swapped tips.",
    "Recommended the swimming lessons at the leisure centre on Saturdays.",
    "Her mum lives nearby and helps on Thursdays.",
)
FEARS = (
    "No one will talk to me and I'll stand there on my own.",
    "She'll think I'm weird for asking.",
    "I'll say something awkward and go red.",
    "They all know each other already and won't want someone new.",
)


def step_ids() -> tuple[str, ...]:
    """The installed ladder's step ids, so plans name real steps."""
    from mumcoach.content import load_content

    return tuple(step.id for step in load_content().ladder.step)


def build(years: int, end: date, seed: int = 7) -> models.Journal:
    """A journal of `years` ending on `end`, from a fixed seed so every run measures the same."""
    rng = random.Random(seed)
    steps = step_ids()
    start = end - timedelta(days=round(365.25 * years))
    journal = models.Journal(created_at=datetime.combine(start, time(20, 0)))
    journal.profile = models.Profile(
        name="Jo",
        region="uk",
        children=[models.Child(name="Alfie", age="8m", age_as_of=start)],
        goal="Find two or three mums I can text when I'm having a rough day.",
        created=start,
    )
    journal.ladder = models.Ladder(
        ratings={s: rng.randint(1, 9) for s in steps[:8]}, start_step=steps[1]
    )
    journal.places = [models.Place(name=n, setting=s, created=start) for n, s in PLACES]  # type: ignore[arg-type]
    people: list[models.Person] = []
    day = start
    while day < end:
        plan = _plan(rng, journal, steps, day) if rng.random() < 0.435 else None
        if plan is not None:
            journal.plans.append(plan)
        if rng.random() < 0.876:
            journal.checkins.append(_checkin(rng, journal, people, day, plan))
        if day.day == 1 and day.month % 3 == 0:
            journal.loneliness.append(
                models.Loneliness(date=day, answers=[rng.randint(1, 3) for _ in range(3)])
            )
        day += timedelta(days=1)
    journal.people = people
    return journal


def _plan(
    rng: random.Random, journal: models.Journal, steps: tuple[str, ...], day: date
) -> models.Plan:
    place = rng.choice(journal.places)
    step = rng.choice(steps)
    return models.Plan(
        date=day,
        created_at=datetime.combine(day - timedelta(days=1), time(21, rng.randint(0, 59))),
        place_id=place.id,
        setting=place.setting,
        step_id=step,
        suggested_step_id=step,
        reason="You've tried this twice and the feared outcome didn't happen either time.",
        if_then=f"If I'm at {place.name.lower()} and feel like leaving, then I'll say hello first.",
        fear=rng.choice(FEARS),
        likelihood=rng.randint(10, 90),
        expected_anxiety=rng.randint(1, 9),
        safety_behaviour="Staring at my phone",
        openers=["How old is yours?", "Have you been coming here long?"],
        energy=rng.randint(2, 9),
    )


def _checkin(
    rng: random.Random,
    journal: models.Journal,
    people: list[models.Person],
    day: date,
    plan: models.Plan | None,
) -> models.CheckIn:
    interactions = [
        _interaction(rng, people, day) for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 2)))
    ]
    tried = rng.choice(("yes", "yes", "partly", "no")) if plan else None
    return models.CheckIn(
        date=day,
        created_at=datetime.combine(day, time(20, rng.randint(0, 59))),
        plan_id=plan.id if plan else None,
        tried=tried,
        actual_anxiety=rng.randint(0, 8) if tried in ("yes", "partly") else None,
        fear_came_true=rng.choice(("yes", "partly", "no", "no")) if tried else None,
        what=rng.choice(WHAT),
        learned=rng.choice(LEARNED) if plan else None,
        mood=rng.randint(2, 5),
        energy=rng.randint(1, 9),
        proud=rng.choice(PROUD),
        interactions=interactions,
    )


def _interaction(rng: random.Random, people: list[models.Person], day: date) -> models.Interaction:
    if not people or rng.random() < 0.115:
        person = models.Person(
            name=f"{rng.choice(FIRST_NAMES)} {len(people) + 1}",
            child=rng.choice(CHILD_NAMES),
            child_age=f"{rng.randint(2, 30)}m",
            created=day,
            first_met=day,
            first_met_where=rng.choice(PLACES)[0],
        )
        people.append(person)
    else:
        person = rng.choice(people[-40:])  # mostly the people she sees these days
    if rng.random() < 0.3:
        person.notes.append(models.Note(date=day, text=rng.choice(DETAILS)))
    follow_up = rng.random() < 0.3
    return models.Interaction(
        person_id=person.id,
        name=person.name,
        child=person.child,
        where=rng.choice(PLACES)[0],
        detail=rng.choice(DETAILS),
        minutes=rng.randint(1, 45),
        started_by=rng.choice(("me", "them")),
        swapped_numbers=rng.random() < 0.08,
        meetup=rng.random() < 0.05,
        invited=rng.random() < 0.06,
        invited_me=rng.random() < 0.05,
        liked_them=rng.randint(3, 7),
        they_liked_me=rng.randint(2, 6),
        follow_up="Send her the link to the swimming lessons." if follow_up else None,
        follow_up_due=day + timedelta(days=3) if follow_up else None,
        follow_up_done=day + timedelta(days=2) if follow_up and rng.random() < 0.7 else None,
    )


def write_home(journal: models.Journal, home: Path) -> Path:
    """Save it as mumcoach would: the journal and, as after every save, its newest backup."""
    shutil.rmtree(home, ignore_errors=True)
    store = Store(home)
    store.update(lambda j: _replace(j, journal), deletion=True)
    return store.path


def _replace(target: models.Journal, source: models.Journal) -> None:
    for name in type(source).model_fields:
        setattr(target, name, getattr(source, name))


def jrnl_twin(journal: models.Journal, size: int) -> str:
    """The same check-ins as jrnl entries, padded so the text weighs `size` bytes."""
    entries: list[tuple[str, str]] = []
    for c in journal.checkins:
        title = f"[{c.created_at:%Y-%m-%d %H:%M}] {c.what}"
        lines = [c.learned or "", c.proud or ""]
        lines += [f"Met @{i.name.split()[0]}: {i.detail}" for i in c.interactions]
        entries.append((title, " ".join(x for x in lines if x)))
    plain = sum(len(t) + len(b) + 3 for t, b in entries)
    pad = max(0, (size - plain) // max(1, len(entries)))
    filler = " ".join(WHAT + LEARNED + DETAILS) * (1 + pad // 400)
    return "".join(f"{t}\n{b} {filler[:pad].strip()}\n\n" for t, b in entries)


def counts(journal: models.Journal) -> dict[str, Any]:
    return {
        "checkins": len(journal.checkins),
        "plans": len(journal.plans),
        "interactions": sum(len(c.interactions) for c in journal.checkins),
        "people": len(journal.people),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--jrnl", type=Path)
    parser.add_argument("--end", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    journal = build(args.years, args.end)
    path = write_home(journal, args.home)
    size = path.stat().st_size
    if args.jrnl is not None:
        args.jrnl.write_text(jrnl_twin(journal, size), encoding="utf-8")
    import json

    print(json.dumps({**counts(journal), "bytes": size, "path": str(path)}))


if __name__ == "__main__":
    main()
