"""One read of her past, two cuts: the review's "before" and "now" are exactly the histories
built at each cut by the plain definition, on generated multi-year journals full of awkward
records (late and repeated check-ins, follow-ups done out of order, renamed people)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from mumcoach.coach.ladder import attempts_from, effective_ladder, ladder_position, suggest
from mumcoach.coach.ladder.evidence import Shown, shown_steps
from mumcoach.coach.ladder.steps import all_steps, is_not_for_me
from mumcoach.coach.past import History, build_history, history_and_before, tracks_of
from mumcoach.coach.review import build_review
from mumcoach.coach.stages import CHAT_MINUTES, looks_like_name
from mumcoach.content import Content, load_content
from mumcoach.models import CheckIn, Interaction, Journal, Ladder, Person, Place, Plan, Profile

DAY0 = date(2024, 1, 1)
SETTINGS = ("groups", "classes", "online", "school-gate", "soft-play", "hosting")
NAMES = ("Sarah", "Priya K", "mum with the red buggy", "Aisha", "Jo", "the nanny", "Kemi")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


def generated(seed: int, days: int) -> Journal:
    """A journal of `days` days: sparse enough that the ladder moves over the years."""
    rng = random.Random(seed)
    steps = [s.id for s in load_content({}).steps]
    journal = Journal(
        profile=Profile(created=DAY0, not_for_me=rng.sample(SETTINGS, 1)),
        ladder=Ladder(not_for_me=rng.sample(steps, 1), start_step=rng.choice([None, *steps[:4]])),
    )
    journal.places = [
        Place(
            name=rng.choice(["Tots", "Library", "Swim"]), setting=rng.choice(SETTINGS), created=DAY0
        )
        for _ in range(5)
    ]
    journal.people = [
        Person(
            id=f"p{n}",
            name=rng.choice(NAMES),
            created=DAY0,
            first_met=rng.choice([None, DAY0 + timedelta(days=rng.randrange(days))]),
        )
        for n in range(12)
    ]
    for n in range(days):
        day = DAY0 + timedelta(days=n)
        at = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randrange(24))
        plan = None
        if rng.random() < 0.25:
            plan = Plan(
                date=day,
                created_at=at,
                step_id=rng.choice(steps),
                setting=rng.choice(SETTINGS),
                place_id=rng.choice([None, *(p.id for p in journal.places)]),
                expected_anxiety=rng.choice([None, 1, 2, 3, 6, 8]),
                flagged=["fear"] if rng.random() < 0.05 else [],
            )
            journal.plans.append(plan)
        for _ in range(rng.choice([0, 1, 1, 2])):  # a second check-in the same day, or none
            late = timedelta(days=rng.choice([0, 0, 0, 1, 3, 9]))  # checked in days later
            journal.checkins.append(_checkin(rng, journal, plan, day + late, at + late))
    return journal


def _checkin(
    rng: random.Random, journal: Journal, plan: Plan | None, day: date, at: datetime
) -> CheckIn:
    tried = rng.choice(["yes", "partly", "no", None])
    return CheckIn(
        date=day,
        created_at=at,
        plan_id=plan.id if plan and rng.random() < 0.9 else None,
        tried=tried,
        fear_came_true=rng.choice(["yes", "partly", "no", None]) if tried != "no" else None,
        actual_anxiety=rng.choice([None, 1, 4, 7]),
        mood=rng.randint(1, 5),
        interactions=[_met(rng, journal, day) for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))],
    )


def _met(rng: random.Random, journal: Journal, day: date) -> Interaction:
    person = rng.choice(journal.people)
    done = rng.choice([None, None, day + timedelta(days=rng.randrange(-5, 20))])
    return Interaction(
        person_id=person.id,
        name=rng.choice([person.name, *NAMES]),  # spelt differently on another day
        minutes=rng.choice([None, 2, CHAT_MINUTES, 30]),
        shared=rng.random() < 0.03,
        swapped_numbers=rng.random() < 0.03,
        invited=rng.random() < 0.03,
        meetup=rng.random() < 0.03,
        hosted=rng.random() < 0.02,
        follow_up="Ask about the nursery" if done else None,
        follow_up_done=done,
    )


# ---- the plain definition: each cut read on its own, people grouped person by person ----------


def plain_history(content: Content, journal: Journal, until: date) -> dict[str, Any]:
    """What a history at `until` holds, by the definition the one pass must keep."""
    ladder = effective_ladder(content, journal)
    attempts = attempts_from(journal, until)
    checkins = sorted(
        (c for c in journal.checkins if c.date <= until), key=lambda c: (c.date, c.created_at)
    )
    kinds = plain_evidence(journal, checkins, attempts, until)
    return {
        "attempts": attempts,
        "tracks": tracks_of(attempts, content),
        "checkins": checkins,
        "ruled_out": frozenset(
            i for i, s in all_steps(ladder).items() if is_not_for_me(journal, s)
        ),
        "shown": shown_steps(ladder, kinds, content.rules.evidence),
    }


def plain_evidence(
    journal: Journal, checkins: list[CheckIn], attempts: list[Any], until: date
) -> dict[str, list[Shown]]:
    found: dict[str, dict[tuple[Any, str], Shown]] = {}

    def add(kind: str, day: date, key: str, who: str, per_day: bool = True) -> None:
        found.setdefault(kind, {}).setdefault((day if per_day else "", key), Shown(kind, day, who))

    places = {p.id: p for p in journal.places}
    first_real: dict[str, date] = {}
    for a in attempts:
        place = places.get(a.place_id or "")
        if place is not None:
            found.setdefault("named-place", {}).setdefault(
                ("", place.name), Shown("named-place", a.date, place.name, place.setting)
            )
            if a.real and a.date > first_real.setdefault(place.id, a.date):
                found.setdefault("went-back", {}).setdefault(
                    ("", place.name), Shown("went-back", a.date, place.name, place.setting)
                )
    together: dict[str, list[tuple[CheckIn, Interaction]]] = {}
    for c in checkins:
        for i in c.interactions:
            together.setdefault(i.person_id, []).append((c, i))
    met = {p.id: p.first_met for p in journal.people}
    for pid, pairs in together.items():
        first_day, named = pairs[0][0].date, looks_like_name(pairs[0][1].name)
        for c, i in pairs:
            if c.date == first_day and named:
                add("name-learned", c.date, pid, i.name, per_day=False)
            known = met.get(pid)
            if c.date > first_day or (known is not None and known < c.date):
                add("knew-her", c.date, pid, i.name)
            flags = {
                "long-chat": (i.minutes or 0) >= CHAT_MINUTES,
                "shared": i.shared,
                "numbers": i.swapped_numbers,
                "invited": i.invited,
                "meetup": i.meetup,
                "hosted": i.hosted,
            }
            for kind in (k for k, yes in flags.items() if yes):
                add(kind, c.date, pid, i.name)
            if i.follow_up_done is not None and i.follow_up_done <= until:
                add("follow-up", i.follow_up_done, pid, i.name)
    return {k: sorted(seen.values(), key=lambda s: s.day) for k, seen in found.items()}


def same(history: History, plain: dict[str, Any]) -> bool:
    return all(getattr(history, field) == value for field, value in plain.items())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_both_cuts_are_the_plain_histories(content: Content, seed: int) -> None:
    journal = generated(seed, days=3 * 365)
    moved = 0
    for n in range(0, 3 * 365 + 20, 29):
        end = DAY0 + timedelta(days=n)
        cut = end - timedelta(days=(7, 1, 30)[n % 3])
        now, before = history_and_before(content, journal, end, cut)
        assert same(now, plain_history(content, journal, end)), end
        assert same(before, plain_history(content, journal, cut)), cut
        assert same(build_history(content, journal, end), plain_history(content, journal, end))
        moved += ladder_position(before) != ladder_position(now)
        assert suggest(now) == suggest(build_history(content, journal, end))
    assert moved, "the generated journals must move her up the ladder within some windows"


def test_a_late_check_in_changes_the_cut_it_comes_after(content: Content) -> None:
    """A plan tried but checked in after the cut is not tried yet at the cut."""
    journal = generated(4, days=200)
    late = [c for c in journal.checkins if c.plan_id and c.date > _plan_day(journal, c.plan_id)]
    assert late, "the generator makes late check-ins"
    c = late[0]
    cut = c.date - timedelta(days=1)
    now, before = history_and_before(content, journal, c.date + timedelta(days=5), cut)
    assert any(a.plan_id == c.plan_id and a.tried == c.tried for a in now.attempts)
    assert same(before, plain_history(content, journal, cut))


def test_review_numbers_are_unchanged_over_the_years(content: Content) -> None:
    """The review of every window reads its "before" ladder position from the plain history."""
    journal = generated(5, days=2 * 365)
    for n in range(3, 2 * 365, 37):
        end = DAY0 + timedelta(days=n)
        review = build_review(content, journal, end, 7)
        before = plain_history(content, journal, end - timedelta(days=7))
        history = build_history(content, journal, end - timedelta(days=7))
        assert same(history, before)
        assert review.ladder_start == ladder_position(history)
        assert review.ladder_end == ladder_position(build_history(content, journal, end))


def _plan_day(journal: Journal, plan_id: str) -> date:
    return next(p.date for p in journal.plans if p.id == plan_id)
