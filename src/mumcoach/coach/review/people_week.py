"""The review's people numbers, funnel, liking gap and follow-ups, in one ordered pass."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from mumcoach.coach.review.stats import mean
from mumcoach.coach.review.types import DueFollowUp, Funnel, Moved, PeopleWeek, Unreturned
from mumcoach.coach.stages import interaction_stage, is_chat, looks_like_name, unreturned_after
from mumcoach.models import STAGES, CheckIn, Interaction, Journal


@dataclass
class _Person:
    """What the pass learns about one person."""

    name: str
    known_before: bool = False  # existed before the window started
    first_seen: date | None = None
    rank_before: int = -1  # derived stage index at the day before the window (-1: not known)
    rank_end: int = -1
    unreturned: int = 0


@dataclass
class _Week:
    """Counters filled by the pass over the window's interactions."""

    connected: set[str]
    minutes: int = 0
    chats: int = 0
    numbers: int = 0
    meetups: int = 0
    gaps: list[int] = field(default_factory=list)


def people_pass(
    journal: Journal, ordered: Sequence[CheckIn], start: date, end: date, threshold: int
) -> tuple[PeopleWeek, Funnel, tuple[float | None, int], tuple[DueFollowUp, ...]]:
    """People numbers for the window, the funnel, the liking gap and the follow-ups due."""
    people = {p.id: _person_seed(p.first_met, p.created, p.name, start) for p in journal.people}
    week = _Week(connected=set())
    due: list[DueFollowUp] = []
    first_in = bisect_left(ordered, start, key=_DATE)  # `ordered`: oldest first, up to `end`
    # Only someone met in the window can have moved up a stage in it, so the stage of an
    # interaction before the window (most of a long journal) is worked out for her alone.
    in_window = {i.person_id for c in ordered[first_in:] for i in c.interactions}
    for checkin in ordered[:first_in]:
        for i in checkin.interactions:
            who = people.get(i.person_id)
            if who is None:  # first_seen stays None: only someone first seen in it is new
                who = people[i.person_id] = _Person(name=i.name)
            who.known_before = True
            if i.person_id in in_window:
                rank = _RANK[interaction_stage(i)]
                who.rank_before = max(who.rank_before, rank)
                who.rank_end = max(who.rank_end, rank)
            if i.invited_me or i.invited:
                who.unreturned = unreturned_after(who.unreturned, i)
            if i.follow_up and (item := _due(i, who.name, end)) is not None:
                due.append(item)
    for checkin in ordered[first_in:]:
        day = checkin.date
        for i in checkin.interactions:
            who = people.get(i.person_id)
            if who is None:
                who = people[i.person_id] = _Person(name=i.name)
            _see(who, i, day)
            _count(week, i)
            if i.follow_up and (item := _due(i, who.name, end)) is not None:
                due.append(item)
    new = tuple(
        p.name
        for p in people.values()
        if not p.known_before and p.first_seen and start <= p.first_seen <= end
    )
    moved = tuple(
        Moved(pid, p.name, STAGES[p.rank_before], STAGES[p.rank_end])
        for pid, p in people.items()
        if p.known_before and p.rank_end > p.rank_before >= 0
    )
    notes = tuple(
        Unreturned(pid, p.name, p.unreturned)
        for pid, p in people.items()
        if p.unreturned >= threshold
    )
    return (
        PeopleWeek(
            new=new,
            moved=moved,
            connected=len(week.connected),
            hours_together=week.minutes / 60,
            reciprocity=notes,
        ),
        Funnel(
            names_learned=sum(map(looks_like_name, new)),  # not "mum with the red buggy"
            chats=week.chats,
            numbers_swapped=week.numbers,
            meetups=week.meetups,
        ),
        (mean(week.gaps), len(week.gaps)),
        tuple(sorted(due, key=lambda d: (d.due, d.name.casefold()))),
    )


def _person_seed(first_met: date | None, created: date, name: str, start: date) -> _Person:
    met = first_met or created
    known = met < start
    least = _NAMES if looks_like_name(name) else _NODDED  # her card's name, or a description
    return _Person(
        name=name,
        known_before=known,
        first_seen=met,
        rank_before=least if known else -1,
        rank_end=least,
    )


def _see(who: _Person, i: Interaction, day: date) -> None:
    """Fold one interaction in the window (oldest first) into what we know of her."""
    if who.first_seen is None or day < who.first_seen:
        who.first_seen = day
    who.rank_end = max(who.rank_end, _RANK[interaction_stage(i)])
    if i.invited_me or i.invited:
        who.unreturned = unreturned_after(who.unreturned, i)


_RANK = {stage: n for n, stage in enumerate(STAGES)}
_NAMES, _NODDED = _RANK["names"], _RANK["nodded"]
_DATE = attrgetter("date")


def _count(week: _Week, i: Interaction) -> None:
    week.connected.add(i.person_id)
    week.minutes += i.minutes or 0
    week.chats += is_chat(i)
    week.numbers += i.swapped_numbers
    week.meetups += i.meetup
    if i.liked_them is not None and i.they_liked_me is not None:
        week.gaps.append(i.liked_them - i.they_liked_me)


def _due(i: Interaction, name: str, end: date) -> DueFollowUp | None:
    """A follow-up due by `end` and not done by then."""
    if not i.follow_up or i.follow_up_due is None or i.follow_up_due > end:
        return None
    if i.follow_up_done is not None and i.follow_up_done <= end:
        return None
    return DueFollowUp(i.person_id, name, i.follow_up, i.follow_up_due, i.follow_up_due < end)
