"""Build the weekly review for a window: every number, the headline and next week's focus."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from mumcoach.coach.ladder import NothingToSuggest, ladder_position, suggest
from mumcoach.coach.ladder.progress import settings_ruled_out
from mumcoach.coach.mood import low_mood_holds
from mumcoach.coach.past import Attempt, History, history_and_before
from mumcoach.coach.review.loneliness import loneliness_trend
from mumcoach.coach.review.people_week import people_pass
from mumcoach.coach.review.stats import (
    daily,
    experiments,
    latest_run,
    per_step,
    step_counts,
    step_titles,
    streak,
    window,
)
from mumcoach.coach.review.types import Experiments, Focus, PeopleWeek, WeeklyReview
from mumcoach.models import CheckIn, Journal, Place, region_of
from mumcoach.words import span_words

if TYPE_CHECKING:
    from mumcoach.content import Content

MAX_DAYS = 366  # the longest window `review --days` accepts: a year, leap day included


def signpost(ordered: Sequence[CheckIn], content: Content, end: date) -> bool:
    """The low-mood rule (calendar days) over the days up to the review's end (`ordered`:
    her check-ins by then, oldest first; only the rule's window is read)."""
    rule = content.rules.low_mood
    first = bisect_left(ordered, end - timedelta(days=rule.window_days - 1), key=_DATE)
    return low_mood_holds(ordered[first:], end, rule)


_DATE = attrgetter("date")


def focus(history: History, week: Sequence[Attempt]) -> Focus | None:
    """Next week's step, where she has been going (`usual_place` of the week's plans `week`),
    so it is worded, and fits, as her next plan there will be."""
    place = usual_place(history, week)
    try:
        found = suggest(history, place=place)
    except NothingToSuggest:
        return None
    where = place.name if place is not None else None
    return Focus(found.step_id, found.title, found.reason, found.kind, found.easier_step_id, where)


def usual_place(history: History, week: Sequence[Attempt]) -> Place | None:
    """Where she has been going: the place she planned for most in the review's window (ties:
    the latest), else the place of her latest plan; never a place whose setting she has since
    marked "not for me" (science.md §4: going back to the same group is a core step)."""
    out = settings_ruled_out(history)
    places = {p.id: p for p in history.journal.places if p.setting not in out}
    # newest first: most_common keeps that order among equal counts, so a tie goes to the latest
    newest_first = [a.place_id for a in reversed(week) if a.place_id in places]
    if newest_first:
        return places[str(Counter(newest_first).most_common(1)[0][0])]
    latest = next((a.place_id for a in reversed(history.attempts) if a.place_id in places), None)
    return places[latest] if latest is not None else None


def headline(
    content: Content, tested: Experiments, people: PeopleWeek, checkins: int, days: int
) -> str:
    """One warm sentence from the week's real numbers: the strongest evidence first."""
    span = span_words(days)
    if tested.tested == 1:
        outcome = "it didn't come true" if tested.feared_not_happened else "you got through it"
        return content.say("review.headline.experiment", outcome=outcome, span=span)
    if tested.tested:
        return content.say(
            "review.headline.experiments",
            not_happened=tested.feared_not_happened,
            tested=tested.tested,
        )
    if people.connected:
        return content.say("review.headline.people", people=people.connected, span=span)
    if checkins:
        return content.say("review.headline.checkins", checkins=checkins, span=span)
    return content.say("review.headline.quiet")


# ---- the whole review -----------------------------------------------------------------------


def build_review(content: Content, journal: Journal, end: date, days: int) -> WeeklyReview:
    """The review of the `days` days ending on `end`. Records count by their own date (a
    back-dated check-in counts in the week it is about), and nothing after `end` is used."""
    start, end = window(end, days)
    history, before = history_and_before(content, journal, end, start - timedelta(days=1))
    ordered = history.checkins
    in_window = ordered[len(before.checkins) :]  # "before" holds the ones up to the start
    attempts = history.attempts[len(before.attempts) :]
    titles = step_titles(history)
    tested = experiments(attempts)
    people, funnel, (gap, gap_n), due = people_pass(
        journal, ordered, start, end, content.rules.reciprocity.unreturned_invitations
    )
    return WeeklyReview(
        start=start,
        end=end,
        days=days,
        headline=headline(content, tested, people, len(in_window), days),
        checkins=len(in_window),
        streak_days=streak(latest_run(ordered), end),
        steps=step_counts(attempts),
        ladder_start=ladder_position(before),
        ladder_end=ladder_position(history),
        ladder_steps=len(history.ladder),
        experiments=tested,
        per_step=per_step(attempts, titles),
        liking_gap_mean=gap,
        liking_gap_count=gap_n,
        funnel=funnel,
        followups=due,
        people=people,
        daily=daily(in_window, start, days),
        loneliness=loneliness_trend(journal.loneliness, end),
        focus=focus(history, attempts),
        signpost=signpost(ordered, content, end),
        region=region_of(journal),
    )
