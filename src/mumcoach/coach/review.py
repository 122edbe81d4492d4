"""The weekly review's numbers: one ordered pass over the journal, returned as plain data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mumcoach.coach.ladder import (
    Attempt,
    NothingToSuggest,
    attempts_from,
    effective_ladder,
    ladder_position,
    suggest,
)
from mumcoach.coach.people import CHAT_MINUTES
from mumcoach.coach.safety import low_mood_pattern
from mumcoach.errors import BadInput
from mumcoach.models import STAGES, CheckIn, Interaction, Journal, Loneliness, Stage

if TYPE_CHECKING:
    from mumcoach.content import Content

MAX_DAYS = 366  # the longest window `review --days` accepts: a year, leap day included
UCLA_ITEMS = 3


# ---- the review as data ---------------------------------------------------------------------


@dataclass(frozen=True)
class StepCounts:
    """Plans dated in the window, by what the linked check-in said."""

    planned: int = 0
    tried: int = 0
    partly: int = 0
    not_tried: int = 0


@dataclass(frozen=True)
class Experiments:
    """Behavioural experiments: predictions put to the test, and how the fear turned out."""

    tested: int = 0
    feared_happened: int = 0
    feared_partly: int = 0
    feared_not_happened: int = 0
    mean_expected_anxiety: float | None = None
    mean_actual_anxiety: float | None = None
    pairs: int = 0  # tested experiments with both anxiety numbers (what the means average)


@dataclass(frozen=True)
class StepChart:
    """One step's experiments in the window: expected vs actual anxiety."""

    step_id: str
    title: str
    planned: int
    tested: int
    pairs: int
    mean_expected_anxiety: float | None
    mean_actual_anxiety: float | None


@dataclass(frozen=True)
class Funnel:
    names_learned: int = 0
    chats: int = 0
    numbers_swapped: int = 0
    meetups: int = 0


@dataclass(frozen=True)
class Moved:
    """Someone whose stage went up during the window."""

    person_id: str
    name: str
    before: Stage
    after: Stage


@dataclass(frozen=True)
class DueFollowUp:
    """A follow-up still open at the window end and due by then."""

    person_id: str
    name: str
    text: str
    due: date
    overdue: bool  # due before the window end


@dataclass(frozen=True)
class Unreturned:
    """Someone with at least the threshold of unreturned invitations at the window end."""

    person_id: str
    name: str
    count: int


@dataclass(frozen=True)
class PeopleWeek:
    new: tuple[str, ...] = ()  # names of people first met in the window
    moved: tuple[Moved, ...] = ()
    connected: int = 0  # different people logged in the window
    hours_together: float = 0.0
    reciprocity: tuple[Unreturned, ...] = ()


@dataclass(frozen=True)
class Day:
    """One day of the window: mean mood (1–5) and energy (0–10) of its check-ins, or None."""

    date: date
    mood: float | None
    energy: float | None


@dataclass(frozen=True)
class LonelinessPoint:
    date: date
    answers: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class Focus:
    """The one suggested step for next week, with its reason."""

    step_id: str
    title: str
    reason: str
    kind: str
    easier_step_id: str | None


@dataclass(frozen=True)
class WeeklyReview:
    """Everything `mumcoach review` shows, for the window start..end (both days included)."""

    start: date
    end: date
    days: int
    headline: str
    checkins: int
    streak_days: int
    steps: StepCounts
    ladder_start: int
    ladder_end: int
    ladder_steps: int
    experiments: Experiments
    per_step: tuple[StepChart, ...]
    liking_gap_mean: float | None
    liking_gap_count: int
    funnel: Funnel
    followups: tuple[DueFollowUp, ...]
    people: PeopleWeek
    daily: tuple[Day, ...]
    loneliness: tuple[LonelinessPoint, ...]
    focus: Focus | None
    signpost: bool
    region: str

    @property
    def empty(self) -> bool:
        """Nothing logged in the window: no check-in, no plan, nobody new."""
        return not (self.checkins or self.steps.planned or self.people.new)


# ---- small pure helpers ---------------------------------------------------------------------


def window(end: date, days: int) -> tuple[date, date]:
    """The first and last day of a window of `days` days ending on `end`."""
    return end - timedelta(days=days - 1), end


def mean(values: Sequence[float]) -> float | None:
    """The mean rounded to 1 dp, or None for nothing to average."""
    return round(sum(values) / len(values), 1) if values else None


def ordered_checkins(journal: Journal, end: date) -> list[CheckIn]:
    """Check-ins dated on or before `end`, oldest first (by their date, not when typed)."""
    kept = (c for c in journal.checkins if c.date <= end)
    return sorted(kept, key=lambda c: (c.date, c.created_at))


def streak(checkin_days: set[date], end: date) -> int:
    """Consecutive days with a check-in ending on `end`; if `end` has none yet, ending the day
    before (the evening check-in may still come), so the streak isn't broken before bedtime."""
    day = end if end in checkin_days else end - timedelta(days=1)
    count = 0
    while day in checkin_days:
        count += 1
        day -= timedelta(days=1)
    return count


def is_chat(interaction: Interaction) -> bool:
    """A chat: five minutes or more together, or a detail worth remembering (as people.py)."""
    return (interaction.minutes or 0) >= CHAT_MINUTES or bool(interaction.detail)


def stage_rank(interaction: Interaction) -> int:
    """The stage one interaction shows, as an index into STAGES (met-up > numbers > chatted >
    names); a person's derived stage is the highest over her interactions (see people.py)."""
    if interaction.meetup:
        return STAGES.index("met-up")
    if interaction.swapped_numbers:
        return STAGES.index("numbers")
    if is_chat(interaction):
        return STAGES.index("chatted")
    return STAGES.index("names")


# ---- steps and experiments ------------------------------------------------------------------


def step_counts(attempts: Iterable[Attempt]) -> StepCounts:
    planned = tried = partly = no = 0
    for a in attempts:
        planned += 1
        tried += a.tried == "yes"
        partly += a.tried == "partly"
        no += a.tried == "no"
    return StepCounts(planned=planned, tried=tried, partly=partly, not_tried=no)


def experiments(attempts: Iterable[Attempt]) -> Experiments:
    """Tested = a plan whose check-in answered "did the feared outcome happen?"; the anxiety
    means cover tested experiments with both the expected and the actual number."""
    tested = [a for a in attempts if a.fear_came_true is not None]
    pairs = [a for a in tested if a.expected_anxiety is not None and a.actual_anxiety is not None]
    expected = [a.expected_anxiety for a in pairs if a.expected_anxiety is not None]
    actual = [a.actual_anxiety for a in pairs if a.actual_anxiety is not None]
    return Experiments(
        tested=len(tested),
        feared_happened=sum(a.fear_came_true == "yes" for a in tested),
        feared_partly=sum(a.fear_came_true == "partly" for a in tested),
        feared_not_happened=sum(a.fear_came_true == "no" for a in tested),
        mean_expected_anxiety=mean(expected),
        mean_actual_anxiety=mean(actual),
        pairs=len(pairs),
    )


def per_step(
    attempts: Sequence[Attempt], titles: dict[str, tuple[int, str]]
) -> tuple[StepChart, ...]:
    """Each step planned in the window, in ladder order, with its own expected vs actual."""
    by_step: dict[str, list[Attempt]] = {}
    for a in attempts:
        by_step.setdefault(a.step_id, []).append(a)
    charts = []
    for step_id, group in by_step.items():
        result = experiments(group)
        charts.append(
            StepChart(
                step_id=step_id,
                title=titles.get(step_id, (0, step_id))[1],
                planned=len(group),
                tested=result.tested,
                pairs=result.pairs,
                mean_expected_anxiety=result.mean_expected_anxiety,
                mean_actual_anxiety=result.mean_actual_anxiety,
            )
        )
    return tuple(sorted(charts, key=lambda c: titles.get(c.step_id, (10**6, ""))[0]))


def step_titles(content: Content, journal: Journal) -> dict[str, tuple[int, str]]:
    """step id -> (ladder position, title), half-steps and custom steps included."""
    found: dict[str, tuple[int, str]] = {}
    for step in effective_ladder(content, journal):
        found[step.id] = (step.position, step.title)
        for half in step.half_steps:
            found[half.id] = (half.position, half.title)
    return found


# ---- people, in one ordered pass ------------------------------------------------------------


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
    for checkin in ordered:  # oldest first, all on or before `end`
        in_window = checkin.date >= start
        for i in checkin.interactions:
            who = people.setdefault(i.person_id, _Person(name=i.name))
            _see(who, i, checkin.date, start)
            if in_window:
                _count(week, i)
            item = _due(i, who.name, end)
            if item is not None:
                due.append(item)
    new = tuple(p.name for p in people.values() if p.first_seen and start <= p.first_seen <= end)
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
            hours_together=round(week.minutes / 60, 1),
            reciprocity=notes,
        ),
        Funnel(
            names_learned=len(new),
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
    return _Person(
        name=name,
        known_before=known,
        first_seen=met,
        rank_before=STAGES.index("names") if known else -1,
        rank_end=STAGES.index("names"),
    )


def _see(who: _Person, i: Interaction, day: date, start: date) -> None:
    """Fold one interaction (oldest first) into what we know of her."""
    if who.first_seen is None or day < who.first_seen:
        who.first_seen = day
    rank = stage_rank(i)
    if day < start:
        who.known_before = True
        who.rank_before = max(who.rank_before, rank)
    who.rank_end = max(who.rank_end, rank)
    if i.invited_me:
        who.unreturned = 0
    elif i.invited:
        who.unreturned += 1


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


# ---- mood, loneliness, safety, focus --------------------------------------------------------


def daily(ordered: Sequence[CheckIn], start: date, days: int) -> tuple[Day, ...]:
    """Every day of the window with its mean mood and energy; None where nothing was logged."""
    moods: dict[date, list[int]] = {}
    energy: dict[date, list[int]] = {}
    for c in ordered:
        if c.date >= start:
            if c.mood is not None:
                moods.setdefault(c.date, []).append(c.mood)
            if c.energy is not None:
                energy.setdefault(c.date, []).append(c.energy)
    out = []
    for n in range(days):
        day = start + timedelta(days=n)
        out.append(Day(day, mean(moods.get(day, [])), mean(energy.get(day, []))))
    return tuple(out)


def loneliness_trend(entries: Iterable[Loneliness], end: date) -> tuple[LonelinessPoint, ...]:
    """Every UCLA 3-item check up to `end`, oldest first: totals 3–9 (higher = lonelier)."""
    kept = sorted((e for e in entries if e.date <= end), key=lambda e: e.date)
    return tuple(LonelinessPoint(e.date, tuple(e.answers), sum(e.answers)) for e in kept)


def signpost(ordered: Sequence[CheckIn], content: Content) -> bool:
    """The low-mood rule over the last `window` check-ins with a mood, up to the window end."""
    moods = [c.mood for c in ordered if c.mood is not None]
    return low_mood_pattern(moods[-content.rules.low_mood.window :], content.rules)


def focus(content: Content, journal: Journal, end: date) -> Focus | None:
    try:
        found = suggest(content, journal, until=end)
    except NothingToSuggest:
        return None
    return Focus(found.step_id, found.title, found.reason, found.kind, found.easier_step_id)


def headline(content: Content, tested: Experiments, people: PeopleWeek, checkins: int) -> str:
    """One warm sentence from the week's real numbers: the strongest evidence first."""
    if tested.tested:
        return content.say(
            "review.headline.experiments",
            not_happened=tested.feared_not_happened,
            tested=tested.tested,
        )
    if people.connected:
        return content.say("review.headline.people", people=people.connected)
    if checkins:
        return content.say("review.headline.checkins", checkins=checkins)
    return content.say("review.headline.quiet")


# ---- the whole review -----------------------------------------------------------------------


def build_review(content: Content, journal: Journal, end: date, days: int) -> WeeklyReview:
    """The review of the `days` days ending on `end`. Records count by their own date (a
    back-dated check-in counts in the week it is about), and nothing after `end` is used."""
    start, end = window(end, days)
    ordered = ordered_checkins(journal, end)
    in_window = [c for c in ordered if c.date >= start]
    attempts = [a for a in attempts_from(journal, until=end) if a.date >= start]
    titles = step_titles(content, journal)
    tested = experiments(attempts)
    people, funnel, (gap, gap_n), due = people_pass(
        journal, ordered, start, end, content.rules.reciprocity.unreturned_invitations
    )
    return WeeklyReview(
        start=start,
        end=end,
        days=days,
        headline=headline(content, tested, people, len(in_window)),
        checkins=len(in_window),
        streak_days=streak({c.date for c in ordered}, end),
        steps=step_counts(attempts),
        ladder_start=ladder_position(content, journal, until=start - timedelta(days=1)),
        ladder_end=ladder_position(content, journal, until=end),
        ladder_steps=len(effective_ladder(content, journal)),
        experiments=tested,
        per_step=per_step(attempts, titles),
        liking_gap_mean=gap,
        liking_gap_count=gap_n,
        funnel=funnel,
        followups=due,
        people=people,
        daily=daily(in_window, start, days),
        loneliness=loneliness_trend(journal.loneliness, end),
        focus=focus(content, journal, end),
        signpost=signpost(ordered, content),
        region=journal.profile.region if journal.profile else "other",
    )


# ---- JSON -----------------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def review_json(review: WeeklyReview) -> dict[str, Any]:
    """The review as JSON-ready data; every key is present even when there is nothing yet."""
    e = review.experiments
    focus_ = review.focus
    return {
        "window": {"start": _day(review.start), "end": _day(review.end), "days": review.days},
        "headline": review.headline,
        "empty": review.empty,
        "checkins": review.checkins,
        "streak_days": review.streak_days,
        "steps": {
            "planned": review.steps.planned,
            "tried": review.steps.tried,
            "partly": review.steps.partly,
            "not_tried": review.steps.not_tried,
        },
        "ladder": {
            "position_start": review.ladder_start,
            "position_end": review.ladder_end,
            "steps": review.ladder_steps,
        },
        "experiments": {
            "tested": e.tested,
            "feared_happened": e.feared_happened,
            "feared_partly": e.feared_partly,
            "feared_not_happened": e.feared_not_happened,
            "mean_expected_anxiety": e.mean_expected_anxiety,
            "mean_actual_anxiety": e.mean_actual_anxiety,
            "anxiety_pairs": e.pairs,
        },
        "per_step": [
            {
                "id": s.step_id,
                "title": s.title,
                "planned": s.planned,
                "tested": s.tested,
                "anxiety_pairs": s.pairs,
                "mean_expected_anxiety": s.mean_expected_anxiety,
                "mean_actual_anxiety": s.mean_actual_anxiety,
            }
            for s in review.per_step
        ],
        "liking_gap_mean": review.liking_gap_mean,
        "liking_gap_count": review.liking_gap_count,
        "funnel": {
            "names_learned": review.funnel.names_learned,
            "chats": review.funnel.chats,
            "numbers_swapped": review.funnel.numbers_swapped,
            "meetups": review.funnel.meetups,
        },
        "followups_due": len(review.followups),
        "followups": [
            {"name": f.name, "text": f.text, "due": _day(f.due), "overdue": f.overdue}
            for f in review.followups
        ],
        "people": {
            "new": len(review.people.new),
            "new_names": list(review.people.new),
            "moved_up": len(review.people.moved),
            "moved": [
                {"name": m.name, "from": m.before, "to": m.after} for m in review.people.moved
            ],
            "connected": review.people.connected,
            "hours_together": review.people.hours_together,
            "reciprocity_notes": [
                {"name": r.name, "unreturned": r.count} for r in review.people.reciprocity
            ],
        },
        "mood": [{"date": _day(d.date), "value": d.mood} for d in review.daily],
        "energy": [{"date": _day(d.date), "value": d.energy} for d in review.daily],
        "loneliness": [
            {"date": _day(p.date), "answers": list(p.answers), "total": p.total}
            for p in review.loneliness
        ],
        "suggested_step": {
            "id": focus_.step_id if focus_ else None,
            "title": focus_.title if focus_ else None,
            "reason": focus_.reason if focus_ else None,
            "kind": focus_.kind if focus_ else None,
            "easier_step_id": focus_.easier_step_id if focus_ else None,
        },
        "signpost": review.signpost,
    }


# ---- the optional UCLA 3-item check ---------------------------------------------------------


def parse_ucla(text: str) -> list[int]:
    """'2,1,3' -> [2, 1, 3]; anything else is a one-line BadInput."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != UCLA_ITEMS or not all(p in {"1", "2", "3"} for p in parts):
        raise BadInput(
            "ucla (--ucla) must be three answers from 1 to 3, like --ucla 2,1,3 "
            "(1 hardly ever, 2 some of the time, 3 often)."
        )
    return [int(p) for p in parts]


def ucla_due(journal: Journal, today: date, min_days_between: int) -> bool:
    """True when the check was neither done nor offered in the last `min_days_between` days."""
    last = [e.date for e in journal.loneliness if e.date <= today]
    if journal.ucla_offered is not None and journal.ucla_offered <= today:
        last.append(journal.ucla_offered)
    return not last or (today - max(last)).days >= min_days_between


def record_ucla(journal: Journal, today: date, answers: Sequence[int] | None) -> Journal:
    """Save today's answers (replacing today's earlier ones) and note the offer; returns journal."""
    if answers is not None:
        same_day = next((e for e in journal.loneliness if e.date == today), None)
        if same_day is not None:
            same_day.answers = list(answers)
        else:
            journal.loneliness.append(Loneliness(date=today, answers=list(answers)))
    journal.ucla_offered = today
    return journal
